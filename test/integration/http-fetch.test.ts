// The node:http fetch used by the Ollama adapter (src/lib/server/providers/http-fetch.ts), over real
// sockets: what the SDK relies on (status, headers, a streaming body read chunk by chunk, json/text),
// what fetch does that a plain node:http call would not (redirects, gzip, keep-alive), and the errors
// the adapters classify (refused, reset mid-body, abort before and after the headers).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { createHttpFetch, createTaggedFetch, WIRE_TAG_HEADER } from '../../src/lib/server/providers/http-fetch';
import { connectionCode, transportError } from '../../src/lib/server/providers/common';

/** Gap between the two chunks of /stream: wide enough that the timing bounds hold on a loaded machine. */
const STREAM_GAP_MS = 500;

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

async function listen(handler: Handler): Promise<{ url: string; server: Server; ports: number[] }> {
  const ports: number[] = [];
  const server = createServer((req, res) => {
    ports.push(req.socket.remotePort ?? 0);
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => handler(req, res, body));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address() as { port: number };
  return { url: `http://127.0.0.1:${addr.port}`, server, ports };
}

describe('http fetch (node:http transport)', () => {
  const f = createHttpFetch();
  let main: Awaited<ReturnType<typeof listen>>;
  let other: Awaited<ReturnType<typeof listen>>;
  const seen: { method: string; url: string; body: string; headers: IncomingMessage['headers'] }[] = [];

  beforeAll(async () => {
    other = await listen((req, res, body) => {
      seen.push({ method: req.method!, url: req.url!, body, headers: req.headers });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ origin: 'other' }));
    });
    main = await listen((req, res, body) => {
      seen.push({ method: req.method!, url: req.url!, body, headers: req.headers });
      const u = new URL(req.url!, 'http://x');
      switch (u.pathname) {
        case '/json':
          res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'abc' });
          return void res.end(JSON.stringify({ method: req.method, body, contentLength: req.headers['content-length'], auth: req.headers.authorization ?? null }));
        case '/stream': {
          res.writeHead(200, { 'content-type': 'application/x-ndjson' });
          res.write('{"n":1}\n');
          return void setTimeout(() => res.end('{"n":2}\n'), STREAM_GAP_MS);
        }
        case '/gzip':
          res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' });
          return void res.end(gzipSync(Buffer.from('Grüße aus dem Gzip-Strom')));
        case '/gzip-empty':
          res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': '0' });
          return void res.end();
        case '/gzip-truncated': {
          const g = gzipSync(Buffer.from('abgeschnitten, aber lesbar'));
          res.writeHead(200, { 'content-encoding': 'gzip' });
          return void res.end(g.subarray(0, g.length - 8)); // without the trailer (CRC and length)
        }
        case '/deflate-zlib':
          res.writeHead(200, { 'content-encoding': 'deflate' });
          return void res.end(deflateSync(Buffer.from('zlib-verpackt')));
        case '/deflate-raw':
          res.writeHead(200, { 'content-encoding': 'deflate' });
          return void res.end(deflateRawSync(Buffer.from('roh komprimiert')));
        case '/small':
          res.writeHead(200, { 'content-type': 'text/plain' });
          return void res.end('vollständig angekommen');
        case '/multiple-choices':
          res.writeHead(300, { location: '/json' });
          return void res.end('wählen');
        case '/to-ftp':
          res.writeHead(302, { location: 'ftp://example.invalid/datei' });
          return void res.end();
        case '/late':
          return void setTimeout(() => res.end('spät, aber da'), 300);
        case '/empty':
          res.writeHead(204);
          return void res.end();
        case '/error':
          res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '3' });
          return void res.end('{"error":"too many requests"}');
        case '/redirect-302':
          res.writeHead(302, { location: '/json' });
          return void res.end();
        case '/redirect-307':
          res.writeHead(307, { location: '/json' });
          return void res.end();
        case '/redirect-other':
          res.writeHead(307, { location: `${other.url}/landing` });
          return void res.end();
        case '/loop':
          res.writeHead(302, { location: '/loop' });
          return void res.end();
        case '/hang':
          return; // never answers
        case '/cut': {
          res.writeHead(200, { 'content-type': 'application/x-ndjson' });
          res.write('{"n":1}\n');
          return void setTimeout(() => req.socket.destroy(), 50);
        }
        case '/slow-body': {
          res.writeHead(200, { 'content-type': 'application/x-ndjson' });
          res.write('{"n":1}\n');
          return void setTimeout(() => res.end('{"n":2}\n'), 2000);
        }
        default:
          res.writeHead(404);
          res.end('nope');
      }
    });
  });

  afterAll(async () => {
    main.server.closeAllConnections();
    other.server.closeAllConnections();
    await new Promise((r) => main.server.close(r));
    await new Promise((r) => other.server.close(r));
  });

  it('posts a string body with its length and the given headers; status, headers and json() as fetch has them', async () => {
    const res = await f(`${main.url}/json`, { method: 'POST', body: '{"frage":"Wie spät ist es?"}', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer k' } });
    expect(res.status).toBe(200);
    expect(res.ok).toBe(true);
    expect(res.headers.get('x-request-id')).toBe('abc');
    expect(await res.json()).toEqual({ method: 'POST', body: '{"frage":"Wie spät ist es?"}', contentLength: String(Buffer.byteLength('{"frage":"Wie spät ist es?"}')), auth: 'Bearer k' });
    expect(res.bodyUsed).toBe(true);
    await expect(res.text()).rejects.toThrow(/already been read/);
  });

  it('accepts a Headers object and reuses the kept-alive connection', async () => {
    const before = main.ports.length;
    await (await f(`${main.url}/json`, { headers: new Headers({ 'x-a': '1' }) })).text();
    await (await f(`${main.url}/json`)).text();
    const [a, b] = main.ports.slice(before);
    expect(a).toBe(b);
  });

  it('streams the body: the first chunk is readable before the server has finished', async () => {
    const t0 = performance.now();
    const res = await f(`${main.url}/stream`);
    const reader = res.body!.getReader();
    const first = await reader.read();
    const firstAt = performance.now() - t0;
    expect(new TextDecoder().decode(first.value)).toBe('{"n":1}\n');
    expect(firstAt).toBeLessThan(STREAM_GAP_MS - 100);
    const second = await reader.read();
    expect(new TextDecoder().decode(second.value)).toBe('{"n":2}\n');
    expect((await reader.read()).done).toBe(true);
  });

  it('stamps each chunk with its arrival, not with the moment a late reader takes it (wire timing)', async () => {
    const called = performance.now();
    const res = (await f(`${main.url}/stream`)) as Response & { sentAtMs: number; chunkArrivedAtMs?: number };
    const headersAt = performance.now();
    expect(res.sentAtMs).toBeGreaterThanOrEqual(called);
    expect(res.sentAtMs).toBeLessThanOrEqual(headersAt);
    await new Promise((r) => setTimeout(r, STREAM_GAP_MS + 300)); // both chunks (0 ms and STREAM_GAP_MS) are here by now
    const reader = res.body!.getReader();
    await reader.read();
    const first = res.chunkArrivedAtMs!;
    await reader.read();
    const second = res.chunkArrivedAtMs!;
    expect(first).toBeLessThanOrEqual(headersAt + 5);
    expect(second - first).toBeGreaterThan(STREAM_GAP_MS - 30);
    expect(second - first).toBeLessThan(STREAM_GAP_MS + 250);
    expect(performance.now() - second).toBeGreaterThan(100);
  });

  it('decodes a gzip body, gives a null body for 204 and keeps error statuses readable', async () => {
    expect(await (await f(`${main.url}/gzip`)).text()).toBe('Grüße aus dem Gzip-Strom');
    const empty = await f(`${main.url}/empty`);
    expect(empty.status).toBe(204);
    expect(empty.body).toBeNull();
    const limited = await f(`${main.url}/error`);
    expect(limited.ok).toBe(false);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(await limited.json()).toEqual({ error: 'too many requests' });
  });

  it('decodes leniently like undici: an empty or truncated gzip body, zlib and raw deflate', async () => {
    expect(await (await f(`${main.url}/gzip-empty`)).text()).toBe('');
    expect(await (await f(`${main.url}/gzip-truncated`)).text()).toBe('abgeschnitten, aber lesbar');
    expect(await (await f(`${main.url}/deflate-zlib`)).text()).toBe('zlib-verpackt');
    expect(await (await f(`${main.url}/deflate-raw`)).text()).toBe('roh komprimiert');
  });

  it('a null body (HEAD, 204) reads as empty as often as asked and is never "used"', async () => {
    const head = await f(`${main.url}/json`, { method: 'HEAD' });
    expect(await head.text()).toBe('');
    expect(await head.text()).toBe('');
    expect(head.bodyUsed).toBe(false);
  });

  it('joins request header names given twice, strips the wire tag from any header form, refuses a GET with a body', async () => {
    const res = await f(`${main.url}/json`, { headers: [['X-Liste', 'a'], ['x-liste', 'b']] });
    await res.text();
    expect(seen.at(-1)!.headers['x-liste']).toBe('a, b');
    const tagged = createTaggedFetch();
    const tag = tagged.tag();
    await (await tagged.fetch(`${main.url}/json`, { headers: [[WIRE_TAG_HEADER, tag], ['x-a', '1']] })).text();
    expect(seen.at(-1)!.headers[WIRE_TAG_HEADER]).toBeUndefined();
    expect(tagged.take(tag)).toBeDefined();
    expect(tagged.take(tag)).toBeUndefined();
    await expect(f(`${main.url}/json`, { method: 'GET', body: 'x' })).rejects.toThrow(TypeError);
  });

  it('follows redirects like fetch: 302 after POST becomes GET without body, 307 keeps both, a loop ends with fetch failed', async () => {
    const r302 = await f(`${main.url}/redirect-302`, { method: 'POST', body: 'x=1', headers: { 'content-type': 'text/plain' } });
    expect(r302.redirected).toBe(true);
    expect(r302.url).toBe(`${main.url}/json`);
    expect(await r302.json()).toMatchObject({ method: 'GET', body: '' });
    const r307 = await f(`${main.url}/redirect-307`, { method: 'POST', body: 'x=1' });
    expect(await r307.json()).toMatchObject({ method: 'POST', body: 'x=1' });
    await expect(f(`${main.url}/loop`)).rejects.toMatchObject({ name: 'TypeError', message: 'fetch failed' });
  });

  it('does not follow 300, and a redirect to a non-HTTP scheme is "fetch failed" (a connection error, as undici)', async () => {
    const multiple = await f(`${main.url}/multiple-choices`);
    expect(multiple.status).toBe(300);
    expect(await multiple.text()).toBe('wählen');
    const err = await f(`${main.url}/to-ftp`).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'TypeError', message: 'fetch failed' });
    expect(connectionCode(err)).toBe('FETCH_FAILED');
  });

  it('drops the Authorization header when a redirect leaves the origin', async () => {
    const res = await f(`${main.url}/redirect-other`, { headers: { Authorization: 'Bearer geheim' } });
    expect(await res.json()).toEqual({ origin: 'other' });
    const landing = seen.filter((s) => s.url === '/landing').at(-1)!;
    expect(landing.headers.authorization).toBeUndefined();
  });

  it('a refused connection is TypeError("fetch failed") with the socket error as cause, classified as connection error', async () => {
    const probe = await listen(() => undefined);
    const url = probe.url;
    await new Promise((r) => probe.server.close(r));
    const err = await f(`${url}/json`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TypeError);
    expect((err as Error).message).toBe('fetch failed');
    expect(connectionCode(err)).toBe('ECONNREFUSED');
    expect(transportError('ollama', err)).toMatchObject({ kind: 'connection', retryable: true });
  });

  it('a connection cut mid-body errors the stream like undici (terminated → ECONNRESET)', async () => {
    const res = await f(`${main.url}/cut`);
    const reader = res.body!.getReader();
    expect((await reader.read()).done).toBe(false);
    const err = await reader.read().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TypeError);
    expect((err as Error).message).toBe('terminated');
    expect(connectionCode(err)).toBe('ECONNRESET');
  });

  it('an abort before the response rejects with the signal reason', async () => {
    const controller = new AbortController();
    const pending = f(`${main.url}/hang`, { signal: controller.signal });
    setTimeout(() => controller.abort(new DOMException('Zeit abgelaufen', 'TimeoutError')), 50);
    await expect(pending).rejects.toMatchObject({ name: 'TimeoutError', message: 'Zeit abgelaufen' });
    const already = AbortSignal.abort(new Error('schon abgebrochen'));
    await expect(f(`${main.url}/json`, { signal: already })).rejects.toThrow('schon abgebrochen');
  });

  it('an abort after the headers cuts the body stream with the signal reason', async () => {
    const controller = new AbortController();
    const res = await f(`${main.url}/slow-body`, { signal: controller.signal });
    const reader = res.body!.getReader();
    await reader.read();
    const t0 = performance.now();
    setTimeout(() => controller.abort(new Error('Abbruch durch Aufrufer')), 30);
    await expect(reader.read()).rejects.toThrow('Abbruch durch Aufrufer');
    expect(performance.now() - t0).toBeLessThan(1500);
  });

  it('an abort after the whole body arrived, before it is read, rejects the read and hands out nothing', async () => {
    const controller = new AbortController();
    const res = await f(`${main.url}/small`, { signal: controller.signal });
    await new Promise((r) => setTimeout(r, 50)); // the body is complete in the client by now
    controller.abort(new Error('Zeitlimit der Anfrage'));
    await expect(res.text()).rejects.toThrow('Zeitlimit der Anfrage');
  });

  it('closes idle pooled sockets after the idle timeout, but not a request waiting for a slow answer', async () => {
    const g = createHttpFetch({ idleSocketTimeoutMs: 100 });
    expect(await (await g(`${main.url}/late`)).text()).toBe('spät, aber da'); // silent for 300 ms
    const before = main.ports.length;
    await (await g(`${main.url}/json`)).text();
    await (await g(`${main.url}/json`)).text(); // immediately: the same socket
    await new Promise((r) => setTimeout(r, 250)); // idle longer than 100 ms: closed by the client
    await (await g(`${main.url}/json`)).text();
    const [a, b, c] = main.ports.slice(before);
    expect(a).toBe(b);
    expect(c).not.toBe(b);
  });

  it('hands bodies it does not handle (URLSearchParams) to the global fetch', async () => {
    const res = await f(`${main.url}/json`, { method: 'POST', body: new URLSearchParams({ a: '1' }) });
    expect(await res.json()).toMatchObject({ method: 'POST', body: 'a=1' });
  });
});
