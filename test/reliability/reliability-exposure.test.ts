// Exposure and the compliance guard at the app's edge (built app, real HTTP):
// - HOST non-loopback without WERKBANK_TOKEN: the server refuses to start;
// - with WERKBANK_TOKEN every page and API answers 303 → /login (browsers) or 401 (everything else)
//   without the token, and works with `Authorization: Bearer` and with the cookie from the login form;
// - form actions keep the origin check (a cross-origin POST is refused, in German);
// - the export endpoint cannot read or write outside the data folder (path traversal, SQL quoting);
// - the personal-data rule cannot be bypassed through the run form, and the CLI override is audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Store } from '../../src/lib/server/store/db';
import { startApp, freePort, projectRoot, type RunningApp } from '../helpers/app';
import { seedRuns } from '../helpers/seed';
import { startOpenAIServer } from '../servers/openai';
import type { ProtocolServer } from '../servers/common';

const TOKEN = `werkbank-team-token-${process.pid}-0123456789`;
// adapter-node assumes https unless ORIGIN is set (`werkbank serve` sets it on loopback); startApp picks
// the port itself, so the tests let the app derive http from a header instead.
const HTTP_ORIGIN_ENV = { PROTOCOL_HEADER: 'x-forwarded-proto' };
const SAME_ORIGIN = (app: RunningApp) => ({ origin: app.url, 'x-forwarded-proto': 'http' });
const TRAVERSAL_ID = '../../../../../../tmp/werkbank-pwned-' + process.pid;

describe('server start-up', () => {
  it('refuses a non-loopback HOST without WERKBANK_TOKEN and never listens', async () => {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'werkbank-expo-'));
    const child = spawn(process.execPath, ['build/index.js'], { cwd: projectRoot, env: { ...process.env, HOST: '0.0.0.0', PORT: String(port), WERKBANK_TOKEN: '', WERKBANK_DATA_DIR: dataDir, WERKBANK_DB: join(dataDir, 'w.duckdb') }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const code = await new Promise<number | null>((res) => {
      const t = setTimeout(() => {
        child.kill('SIGKILL');
        res(-1);
      }, 20_000);
      child.once('exit', (c) => {
        clearTimeout(t);
        res(c);
      });
    });
    expect(code).not.toBe(-1); // it exited by itself
    expect(code).not.toBe(0);
    expect(out).toMatch(/WERKBANK_TOKEN/);
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  });

  it('without HOST the built server listens on loopback only (adapter-node alone would take 0.0.0.0)', async () => {
    for (const host of [undefined, '']) {
      const port = await freePort();
      const dataDir = mkdtempSync(join(tmpdir(), 'werkbank-expo-'));
      const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), WERKBANK_TOKEN: '', WERKBANK_DATA_DIR: dataDir, WERKBANK_DB: join(dataDir, 'w.duckdb') };
      if (host === undefined) delete env.HOST;
      else env.HOST = host;
      const child = spawn(process.execPath, ['build/index.js'], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stderr.on('data', (d) => (out += d));
      try {
        const line = await new Promise<string>((res, rej) => {
          const t = setTimeout(() => rej(new Error(`no "Listening on" within 20 s:\n${out}`)), 20_000);
          child.stdout.on('data', (d) => {
            out += d;
            const m = /Listening on (\S+)/.exec(out);
            if (m) {
              clearTimeout(t);
              res(m[1]);
            }
          });
        });
        expect(line, `HOST=${JSON.stringify(host)}`).toBe(`http://127.0.0.1:${port}`);
      } finally {
        child.kill('SIGKILL');
      }
    }
  });

  it('the CLI serve command refuses the same with exit 2', async () => {
    const r = await new Promise<{ code: number | null; err: string }>((res) => {
      const c = spawn(process.execPath, [join(projectRoot, 'bin/werkbank.js'), 'serve', '--no-build'], { cwd: projectRoot, env: { ...process.env, HOST: '192.168.10.20', WERKBANK_TOKEN: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      c.stderr.on('data', (d) => (err += d));
      c.once('exit', (code) => res({ code, err }));
    });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/WERKBANK_TOKEN/);
  });
});

describe('werkbank serve on loopback', () => {
  it('sets the origin so that same-origin form posts work over http and cross-origin posts are refused', async () => {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'werkbank-serve-'));
    const env: Record<string, string | undefined> = { ...process.env, WERKBANK_DATA_DIR: dataDir, WERKBANK_DB: join(dataDir, 'w.duckdb'), WERKBANK_TOKEN: TOKEN };
    delete env.HOST;
    delete env.ORIGIN;
    const c = spawn(process.execPath, [join(projectRoot, 'bin/werkbank.js'), 'serve', '--no-build', '--port', String(port)], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = `http://127.0.0.1:${port}`;
      const deadline = Date.now() + 30_000;
      for (;;) {
        const ok = await fetch(url + '/login').then(() => true, () => false);
        if (ok) break;
        if (Date.now() > deadline) throw new Error('serve did not start');
        await new Promise((r) => setTimeout(r, 200));
      }
      const same = await fetch(url + '/login', { method: 'POST', body: new URLSearchParams({ token: TOKEN, next: '/' }), headers: { origin: url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
      expect(same.status).toBe(303);
      expect(same.headers.get('set-cookie')).toMatch(/^werkbank_auth=/);
      const cross = await fetch(url + '/login', { method: 'POST', body: new URLSearchParams({ token: TOKEN }), headers: { origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
      expect(cross.status).toBe(403);
      expect(await cross.text()).toMatch(/^Formular von einer fremden Seite abgelehnt/);
    } finally {
      c.kill('SIGTERM');
    }
  });
});

describe('token mode', () => {
  let app: RunningApp;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'werkbank-expo-'));
    await seedRuns(join(dataDir, 'werkbank.duckdb'), [
      { id: 'r1', suite: 'mgsm-de', target: 'ollama/a', items: [{ id: 'i1' }, { id: 'i2' }] },
      { id: 'r2', suite: 'mgsm-de', target: 'ollama/b', items: [{ id: 'i1' }, { id: 'i2' }] },
      { id: TRAVERSAL_ID, suite: 'mgsm-de', target: 'ollama/c', items: [{ id: 'i1' }] },
      { id: "x' OR '1'='1", suite: 'mgsm-de', target: 'ollama/d', items: [{ id: 'i1' }] }
    ]);
    app = await startApp({ dataDir, env: { WERKBANK_TOKEN: TOKEN, ...HTTP_ORIGIN_ENV } });
  }, 60_000);
  afterAll(async () => {
    await app?.stop();
  });

  const PAGES = ['/', '/runs', '/runs/r1', '/compare?runs=r1,r2', '/explore', '/simulator'];
  const APIS = ['/api/export?runs=r1&format=csv', '/api/explore/arrow?runs=r1', '/api/runs/r1/events'];

  it('without the token: pages redirect browsers to /login, everything else gets 401; nothing leaks', async () => {
    for (const p of [...PAGES, ...APIS]) {
      const html = await fetch(app.url + p, { headers: { accept: 'text/html' }, redirect: 'manual' });
      expect(html.status, p).toBe(303);
      expect(html.headers.get('location')).toBe(`/login?next=${encodeURIComponent(p)}`);
      expect(await html.text()).toBe('');
      const api = await fetch(app.url + p, { redirect: 'manual' });
      expect(api.status, p).toBe(401);
      const body = await api.text();
      expect(body).not.toMatch(/mgsm|ollama\/a|i1/);
      // a wrong bearer token and a forged cookie are refused too
      const wrong = await fetch(app.url + p, { headers: { authorization: 'Bearer falsch' }, redirect: 'manual' });
      expect(wrong.status, p).toBe(401);
      const forged = await fetch(app.url + p, { headers: { cookie: `werkbank_auth=${TOKEN}` }, redirect: 'manual' });
      expect(forged.status, p).toBe(401);
    }
    // form actions are protected as well
    const post = await fetch(`${app.url}/runs?/start`, { method: 'POST', body: new URLSearchParams({ suite: 'mgsm-de', target: 'ollama/x' }), headers: { ...SAME_ORIGIN(app), accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
    expect(post.status).toBe(401);
  });

  it('with the bearer token every page and API answers', async () => {
    for (const p of [...PAGES, ...APIS]) {
      const ctrl = new AbortController();
      const r = await fetch(app.url + p, { headers: { authorization: `Bearer ${TOKEN}` }, redirect: 'manual', signal: ctrl.signal });
      expect([200, 404], p).toContain(r.status); // 404 only for a page another helper has not built yet
      if (p !== '/simulator') expect(r.status, p).toBe(200);
      ctrl.abort(); // the events endpoint streams
    }
    const csv = await (await fetch(`${app.url}/api/export?runs=r1&format=csv`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
    expect(csv).toMatch(/i1/);
  });

  it('the login form sets a cookie (not the token itself) that opens every page; a wrong token does not', async () => {
    const wrong = await fetch(`${app.url}/login`, { method: 'POST', body: new URLSearchParams({ token: 'falsch', next: '/runs' }), headers: { ...SAME_ORIGIN(app), accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
    expect(wrong.headers.get('set-cookie')).toBeNull();
    expect(await wrong.text()).not.toContain(TOKEN);

    const login = await fetch(`${app.url}/login`, { method: 'POST', body: new URLSearchParams({ token: TOKEN, next: '/runs' }), headers: { ...SAME_ORIGIN(app), accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/runs');
    const setCookie = login.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^werkbank_auth=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).not.toContain(TOKEN);
    const cookie = setCookie.split(';')[0];
    for (const p of [...PAGES, ...APIS]) {
      const ctrl = new AbortController();
      const r = await fetch(app.url + p, { headers: { cookie, accept: 'text/html' }, redirect: 'manual', signal: ctrl.signal });
      expect(r.status === 200 || (p === '/simulator' && r.status === 404), `${p} ${r.status}`).toBe(true);
      ctrl.abort();
    }
    // open redirect: `next` may only be a local path
    const evil = await fetch(`${app.url}/login`, { method: 'POST', body: new URLSearchParams({ token: TOKEN, next: '//evil.example/x' }), headers: { ...SAME_ORIGIN(app), accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
    expect(evil.headers.get('location')).toBe('/');
  });

  it('form actions keep the origin check: a cross-origin POST is refused even with a valid token', async () => {
    for (const [path, body] of [
      ['/login', { token: TOKEN }],
      ['/runs?/start', { suite: 'mgsm-de', target: 'ollama/x' }]
    ] as const) {
      const r = await fetch(app.url + path, { method: 'POST', body: new URLSearchParams(body), headers: { authorization: `Bearer ${TOKEN}`, origin: 'http://evil.example', 'x-forwarded-proto': 'http', 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
      expect(r.status, path).toBe(403);
      expect(await r.text(), path).toMatch(/^Formular von einer fremden Seite abgelehnt/);
      expect(r.headers.get('set-cookie')).toBeNull();
    }
  });

  it('the export endpoint cannot read or write outside the data folder', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    // a stored run id that looks like a path is exported by its rows, and the file name is sanitised
    const r = await fetch(`${app.url}/api/export?runs=${encodeURIComponent(TRAVERSAL_ID)}&format=csv`, { headers: auth });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-disposition')).toMatch(/^attachment; filename="werkbank-[A-Za-z0-9._-]+\.csv"$/);
    expect(existsSync(`/tmp/werkbank-pwned-${process.pid}`)).toBe(false);
    expect(existsSync(`/tmp/werkbank-pwned-${process.pid}.csv`)).toBe(false);
    // quotes in run ids are data, not SQL
    const q = await fetch(`${app.url}/api/export?runs=${encodeURIComponent("x' OR '1'='1")}&format=jsonl`, { headers: auth });
    expect(q.status).toBe(200);
    const lines = (await q.text()).trim().split('\n');
    expect(lines).toHaveLength(1);
    // unknown ids, path-like ids and bad formats: refused, never a file's contents
    for (const url of [
      `/api/export?runs=${encodeURIComponent('../../../../etc/passwd')}&format=csv`,
      `/api/export?runs=${encodeURIComponent('/etc/passwd')}&format=jsonl`,
      `/api/export?runs=r1&format=${encodeURIComponent('../../../../etc/passwd')}`,
      `/api/export?runs=r1&format=csv%00`,
      `/api/export/${encodeURIComponent('../../../../etc/passwd')}`,
      `/api/export/..%2f..%2f..%2f..%2fetc%2fpasswd`,
      `/api/explore/arrow?runs=${encodeURIComponent('../../../../etc/passwd')}`
    ]) {
      const res = await fetch(app.url + url, { headers: auth, redirect: 'manual' });
      const text = await res.text();
      expect(text, url).not.toMatch(/root:.*:0:0:/);
      if (url.startsWith('/api/export')) expect(res.status, url).toBeGreaterThanOrEqual(400);
    }
    // every export file was written under <data>/exports
    const exportsDir = join(dataDir, 'exports');
    if (existsSync(exportsDir)) for (const d of readdirSync(exportsDir)) expect(resolve(exportsDir, d).startsWith(resolve(dataDir))).toBe(true);
  });
});

describe('compliance guard at the edges', () => {
  let server: ProtocolServer;
  let app: RunningApp;
  let dataDir: string;
  beforeAll(async () => {
    server = await startOpenAIServer({ flavor: 'openai', script: { text: 'Antwort.' } });
    dataDir = mkdtempSync(join(tmpdir(), 'werkbank-guard-'));
    app = await startApp({ dataDir, env: { OPENAI_API_KEY: 'sk-test-guard-0000', OPENAI_BASE_URL: `${server.url}/v1`, ...HTTP_ORIGIN_ENV } });
  }, 60_000);
  afterAll(async () => {
    await app?.stop();
    await server?.close();
  });

  it('bad form input gets a field error (400), never a stack trace or a started run', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ suite: 'mgsm-de', target: 'ollama/x', limit: 'viele' }, 'limit'],
      [{ suite: 'mgsm-de', target: 'ollama/x', limit: '-5' }, 'limit'],
      [{ suite: 'mgsm-de', target: 'ollama/x', limit: '1e400' }, 'limit'],
      [{ suite: '../../etc/passwd', target: 'ollama/x' }, 'suite'],
      [{ suite: 'mgsm-de', target: '<img src=x onerror=alert(1)>' }, 'target'],
      [{ suite: 'mgsm-de', target: 'x'.repeat(5000) }, 'target'],
      // the form must not probe the server's file system through the embedded engine
      [{ suite: 'mgsm-de', target: 'local//etc/passwd' }, 'target'],
      [{ suite: 'mgsm-de', target: 'local/../../etc/passwd' }, 'target'],
      [{ suite: 'mgsm-de', target: 'local/models/../../../etc/hosts' }, 'target']
    ];
    for (const [body, field] of cases) {
      const r = await fetch(`${app.url}/runs?/start`, { method: 'POST', body: new URLSearchParams(body), headers: { ...SAME_ORIGIN(app), 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', 'x-sveltekit-action': 'true' }, redirect: 'manual' });
      const json = (await r.json()) as { type: string; status: number; data?: string };
      expect(json.type, JSON.stringify(body)).toBe('failure');
      expect(json.status).toBe(400);
      expect(json.data).toContain(`"${field}"`);
      expect(json.data).not.toMatch(/\n\s+at |NaN|Infinity|root:|etc\/passwd: /);
    }
    // a file sent as the target field counts as no target (never "[object File]")
    const fd = new FormData();
    fd.set('suite', 'mgsm-de');
    fd.set('target', new Blob(['ollama/x']), 'ziel.txt');
    const multi = await fetch(`${app.url}/runs?/start`, { method: 'POST', body: fd, headers: { ...SAME_ORIGIN(app), accept: 'application/json', 'x-sveltekit-action': 'true' }, redirect: 'manual' });
    const multiJson = (await multi.json()) as { type: string; status: number; data?: string };
    expect(multiJson).toMatchObject({ type: 'failure', status: 400 });
    expect(multiJson.data).toContain('Bitte ein Ziel angeben');
    expect(multiJson.data).not.toContain('[object File]');
    // a folder inside the project is refused in German, not with the file system's EISDIR text
    const dir = await fetch(`${app.url}/runs?/start`, { method: 'POST', body: new URLSearchParams({ suite: 'mgsm-de', target: 'local/src' }), headers: { ...SAME_ORIGIN(app), 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', 'x-sveltekit-action': 'true' }, redirect: 'manual' });
    const dirJson = (await dir.json()) as { type: string; status: number; data?: string };
    expect(dirJson).toMatchObject({ type: 'failure', status: 400 });
    expect(dirJson.data).toMatch(/ist keine Datei/);
    expect(dirJson.data).not.toMatch(/EISDIR/);
  });

  it('a personal-data suite on a tier-3 target is refused through the run form, whatever the form sends', async () => {
    const before = server.requests.length;
    for (const extra of [{}, { allowThirdCountry: 'true', 'allow-third-country': 'on', allow_third_country: '1' }] as Record<string, string>[]) {
      const body = new URLSearchParams({ suite: 'de-pii-redaction', target: 'openai/gpt-5', limit: '2', ...extra });
      const r = await fetch(`${app.url}/runs?/start`, { method: 'POST', body, headers: { ...SAME_ORIGIN(app), 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', 'x-sveltekit-action': 'true' }, redirect: 'manual' });
      const json = (await r.json()) as { type: string; status: number; data?: string };
      expect(json.type).toBe('failure');
      expect(json.status).toBe(403);
      expect(String(json.data)).toMatch(/Tier 3|personenbezogen|Drittland/i);
    }
    // nothing was sent and no run was created
    expect(server.requests.length).toBe(before);
    await app.stop();
    const store = await Store.open(app.dbPath);
    try {
      expect(await store.query(`SELECT id FROM runs`)).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('the CLI override --allow-third-country is written to the audit log', async () => {
    const cliDir = mkdtempSync(join(tmpdir(), 'werkbank-guard-cli-'));
    const run = (args: string[]) =>
      new Promise<{ code: number | null; err: string; out: string }>((res) => {
        const c = spawn(process.execPath, [join(projectRoot, 'bin/werkbank.js'), ...args], { cwd: projectRoot, env: { ...process.env, OPENAI_API_KEY: 'sk-test-guard-0000', OPENAI_BASE_URL: `${server.url}/v1`, WERKBANK_DATA_DIR: cliDir, WERKBANK_DB: join(cliDir, 'w.duckdb') }, stdio: ['ignore', 'pipe', 'pipe'] });
        let err = '';
        let out = '';
        c.stdout.on('data', (d) => (out += d));
        c.stderr.on('data', (d) => (err += d));
        c.once('exit', (code) => res({ code, err, out }));
      });
    const refused = await run(['run', '--suite', 'de-pii-redaction', '--target', 'openai/gpt-5', '--limit', '1', '--run-id', 'g-refused']);
    expect(refused.code).toBe(2);
    expect(refused.err).not.toMatch(/\n\s+at /);
    const allowed = await run(['run', '--suite', 'de-pii-redaction', '--target', 'openai/gpt-5', '--limit', '1', '--run-id', 'g-override', '--allow-third-country', '--json']);
    expect(allowed.code, allowed.err).toBe(0);
    const store = await Store.open(join(cliDir, 'w.duckdb'));
    try {
      const audit = await store.query<{ event: string; run_id: string; tier: number }>(`SELECT event, run_id, tier FROM audit_log WHERE event = 'guard_override'`);
      expect(audit).toEqual([{ event: 'guard_override', run_id: 'g-override', tier: 3 }]);
      const runs = await store.query<{ id: string }>(`SELECT id FROM runs ORDER BY id`);
      expect(runs.map((r) => r.id)).toEqual(['g-override']);
    } finally {
      await store.close();
    }
  }, 60_000);
});
