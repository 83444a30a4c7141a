// Secrets: a marker API key (MISTRAL_API_KEY) through `werkbank ping` and `werkbank run` against the local Mistral
// protocol server — including a provider that echoes the key in its error messages — then every artefact
// is searched for the marker: all DuckDB tables (results, runs, audit log, …) and the raw database file,
// CLI stdout/stderr, CLI exports, every page and API response of the app (started with the key in its
// environment), the app's form errors and its log output. The marker must never appear.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Store } from '../../src/lib/server/store/db';
import { startMistralServer } from '../servers/openai';
import type { ProtocolServer } from '../servers/common';
import { startApp, type RunningApp } from '../helpers/app';

const root = resolve(import.meta.dirname, '../..');
const MARKER = `sk-WERKBANK-MARKER-${process.pid}-7f3a9c`;
const TARGET = 'mistral/mistral-small-latest';

let server: ProtocolServer;
let dataDir: string;
const outputs: string[] = [];

function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((res) => {
    const child = spawn(process.execPath, [join(root, 'bin/werkbank.js'), ...args], {
      cwd: root,
      env: { ...process.env, MISTRAL_API_KEY: MARKER, MISTRAL_API_BASE: server.url, WERKBANK_DATA_DIR: dataDir, WERKBANK_DB: join(dataDir, 'werkbank.duckdb'), ...env },
      stdio: ['ignore', 'pipe', 'pipe']
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.once('exit', (code) => {
      outputs.push(out, err);
      res({ code, out, err });
    });
  });
}

/** Every file under a folder, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'werkbank-secrets-'));
  // the server demands exactly the marker key: a successful run proves the key was really used
  server = await startMistralServer({ apiKey: MARKER, script: { text: 'Die Antwort lautet 18.' } });

  // 1) a normal run
  const ok = await cli(['run', '--suite', 'mgsm-de', '--target', TARGET, '--limit', '3', '--run-id', 'geheim-ok', '--json']);
  expect(ok.code, ok.err).toBe(0);
  // 2) a provider that echoes the key in its error messages (a retryable 500, a non-retryable 400)
  server.configure({
    faults: [
      { status: 500, message: `upstream failed for key ${MARKER}` }, // item 1: retried, then served
      {},
      { status: 400, message: `Invalid request (api key ${MARKER})` } // item 2: error with the echoed key
    ]
  });
  const echo = await cli(['run', '--suite', 'mgsm-de', '--target', TARGET, '--limit', '2', '--concurrency', '1', '--run-id', 'geheim-echo', '--max-retries', '1', '--json', '--progress', 'json']);
  server.configure({ faults: [] });
  expect(echo.code, echo.err).toBe(0);
  // 3) a wrong key: the 401 message echoes the key that was sent
  server.configure({ faults: [{ status: 401, message: `Incorrect API key provided: ${MARKER}` }] });
  const denied = await cli(['run', '--suite', 'mgsm-de', '--target', TARGET, '--limit', '1', '--run-id', 'geheim-401', '--max-retries', '0']);
  server.configure({ faults: [] });
  expect(denied.code).not.toBe(0);
  // 4) ping: reachable, then a 401 that echoes the key
  const ping = await cli(['ping', '--target', TARGET, '--json']);
  expect(ping.code, ping.err).toBe(0);
  server.configure({ faults: [{ status: 401, message: `Incorrect API key provided: ${MARKER}` }] });
  const pingDenied = await cli(['ping', '--target', TARGET]);
  server.configure({ faults: [] });
  expect(pingDenied.code).not.toBe(0);
  // 5) exports through the CLI
  const ex = await cli(['export', 'geheim-echo', '--format', 'jsonl']);
  expect(ex.code, ex.err).toBe(0);
  expect(ex.out).toMatch(/Invalid request/); // the redacted error travels into the export
  const pq = await cli(['export', 'geheim-ok', '--format', 'parquet', '--out', join(dataDir, 'geheim.parquet')]);
  expect(pq.code, pq.err).toBe(0);
}, 120_000);

afterAll(async () => {
  await server?.close();
});

describe('a marker API key never leaves the environment', () => {
  it('the key was really sent to the provider (and only in the Authorization header)', () => {
    const chats = server.requests.filter((r) => r.path === '/v1/chat/completions');
    expect(chats.length).toBeGreaterThanOrEqual(3 + 2 + 1);
    expect(chats.every((r) => r.headers.authorization === `Bearer ${MARKER}`)).toBe(true);
    expect(chats.some((r) => r.rawBody.includes(MARKER))).toBe(false);
  });

  it('the errors the provider echoed were stored with their reason, without the key', async () => {
    const store = await Store.open(join(dataDir, 'werkbank.duckdb'));
    try {
      const rows = await store.query<{ item_id: string; status: string; error: string | null }>(`SELECT item_id, status, error FROM results WHERE run_id = 'geheim-echo' ORDER BY item_id`);
      expect(rows.filter((r) => r.status === 'error').length).toBeGreaterThanOrEqual(1);
      const errors = rows.filter((r) => r.error).map((r) => r.error!);
      expect(errors.join('\n')).toMatch(/upstream failed for key|Invalid request/);
      expect(errors.join('\n')).toContain('***');

      // every table, every column
      const tables = await store.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'`);
      expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(['runs', 'results', 'audit_log']));
      for (const { table_name } of tables) {
        const all = await store.query(`SELECT * FROM "${table_name}"`);
        const text = JSON.stringify(all, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
        expect(text, `table ${table_name}`).not.toContain(MARKER);
      }
      const audit = await store.query(`SELECT count(*)::INTEGER AS n FROM audit_log`);
      expect((audit[0] as { n: number }).n).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  });

  it('no file in the data folder (database, WAL, exports) contains the key', () => {
    const files = filesUnder(dataDir);
    expect(files.some((f) => f.endsWith('werkbank.duckdb'))).toBe(true);
    expect(files.some((f) => f.endsWith('geheim.parquet'))).toBe(true);
    for (const f of files) expect(readFileSync(f).includes(Buffer.from(MARKER)), f).toBe(false);
  });

  it('CLI stdout and stderr (summaries, progress, error messages, exports) never contain the key', () => {
    expect(outputs.length).toBeGreaterThanOrEqual(14);
    const all = outputs.join('\n');
    expect(all).toMatch(/Incorrect API key provided|401|Schlüssel|auth/i);
    expect(all).not.toContain(MARKER);
  });

  describe('the app started with the key in its environment', () => {
    let app: RunningApp;
    const TOKEN = `werkbank-token-${process.pid}-abcdef`;
    beforeAll(async () => {
      app = await startApp({ dataDir, env: { MISTRAL_API_KEY: MARKER, MISTRAL_API_BASE: server.url, WERKBANK_TOKEN: TOKEN, WERKBANK_DB: join(dataDir, 'werkbank.duckdb'), PROTOCOL_HEADER: 'x-forwarded-proto' } });
    }, 60_000);
    afterAll(async () => {
      await app?.stop();
    });

    it('no page, API response or form error contains it', async () => {
      const auth = { authorization: `Bearer ${TOKEN}` };
      const paths = [
        '/',
        '/runs',
        '/runs/geheim-ok',
        '/runs/geheim-echo',
        '/runs/geheim-401',
        '/compare?runs=geheim-ok,geheim-echo',
        '/explore',
        '/simulator',
        '/login',
        '/api/export?runs=geheim-echo&format=csv',
        '/api/export?runs=geheim-echo,geheim-401&format=jsonl',
        '/api/explore/arrow?runs=geheim-echo,geheim-401',
        '/api/export?runs=gibt-es-nicht&format=csv'
      ];
      let seen = 0;
      for (const p of paths) {
        const r = await fetch(app.url + p, { headers: auth, redirect: 'manual' });
        const body = Buffer.from(await r.arrayBuffer());
        expect(body.includes(Buffer.from(MARKER)), p).toBe(false);
        expect(JSON.stringify([...r.headers])).not.toContain(MARKER);
        if (r.status === 200) seen++;
      }
      expect(seen).toBeGreaterThanOrEqual(8);
      // a run started from the form fails at the provider, which echoes the key
      server.configure({ faults: [{ status: 401, message: `Incorrect API key provided: ${MARKER}` }], fault: { status: 401, message: `Incorrect API key provided: ${MARKER}` } });
      try {
        const form = new URLSearchParams({ suite: 'mgsm-de', target: TARGET, limit: '1' });
        const r = await fetch(`${app.url}/runs?/start`, { method: 'POST', body: form, headers: { ...auth, origin: app.url, 'x-forwarded-proto': 'http', 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', 'x-sveltekit-action': 'true' }, redirect: 'manual' });
        const text = await r.text();
        expect(text).not.toContain(MARKER);
        // the form was not refused by the origin check: it reached the action
        expect(text).toMatch(/"type":"(failure|redirect)"/);
        // whatever the form started: its run page and events never show the key
        await new Promise((res) => setTimeout(res, 1500));
        const runs = await (await fetch(`${app.url}/runs`, { headers: auth })).text();
        expect(runs).not.toContain(MARKER);
      } finally {
        server.configure({ faults: [], fault: undefined });
      }
      expect(app.logs()).not.toContain(MARKER);
    });
  });
});
