// The compliance guard through the CLI (personal-data suite vs. a tier-3 route: exit 2, nothing sent;
// --allow-third-country: run + audited override) and secrets: a marker API key never appears in
// stdout/stderr, DuckDB, exports, the response cache or error messages (even when the server echoes it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Store } from '../../src/lib/server/store/db';
import { startOpenAIServer } from '../servers/openai';
import type { ProtocolServer } from '../servers/common';

const root = resolve(import.meta.dirname, '../..');
const MARKER = 'sk-werkbank-marker-7f3a9c1e5b2d4a68';
let server: ProtocolServer;
const dir = mkdtempSync(join(tmpdir(), 'wb-guard-'));
// a config without targets, so a werkbank.config.yaml in the project cannot change what runs here
writeFileSync(join(dir, 'empty.yaml'), 'targets: {}\n');

beforeAll(async () => {
  server = await startOpenAIServer({ apiKey: MARKER, script: { text: '{"kategorie": "Termin", "dringlichkeit": "hoch"}' } });
});
afterAll(async () => {
  await server?.close();
});

function cli(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((res) => {
    let out = '';
    let err = '';
    const child = spawn(process.execPath, [join(root, 'bin/werkbank.js'), ...args], {
      cwd: root,
      env: { ...process.env, OPENAI_API_KEY: MARKER, OPENAI_BASE_URL: `${server.url}/v1`, WERKBANK_DATA_DIR: dir, WERKBANK_DB: join(dir, 'w.duckdb'), WERKBANK_CONFIG: join(dir, 'empty.yaml') },
      stdio: ['ignore', 'pipe', 'pipe']
    });
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.once('exit', (code) => res({ code, out, err }));
  });
}

function filesUnder(p: string): string[] {
  return readdirSync(p).flatMap((n) => {
    const f = join(p, n);
    return statSync(f).isDirectory() ? filesUnder(f) : [f];
  });
}

describe('compliance guard and secrets through the CLI', () => {
  it('refuses a tier-3 target for a personal-data suite with exit 2 and sends nothing', async () => {
    const before = server.requests.length;
    const r = await cli(['run', '--suite', 'de-email-triage', '--target', 'openai/gpt-5-mini', '--limit', '3', '--run-id', 'refused']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/personenbezogene Daten/);
    expect(r.err).toMatch(/personal data/);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(server.requests.length).toBe(before);
  });

  it('runs with --allow-third-country, audits the override, costs USD prices in EUR, and never leaks the key', async () => {
    // the second request gets an error whose body echoes the key: the stored error must not contain it
    server.configure({ faults: [{}, { status: 400, message: `invalid request for key ${MARKER}` }] });
    const r = await cli(['run', '--suite', 'de-email-triage', '--target', 'openai/gpt-5-mini', '--limit', '4', '--run-id', 'allowed', '--allow-third-country', '--concurrency', '1', '--cache', '--json']);
    server.configure({ faults: [] });
    expect(r.code, r.err).toBe(0);
    const s = JSON.parse(r.out);
    expect(s).toMatchObject({ runId: 'allowed', tier: 3, items: { total: 4 } });
    expect(s.items.error).toBe(1);
    expect(s.costEur).toBeGreaterThan(0);
    expect(s.price.currency).toBe('USD');

    const exp = await cli(['export', 'allowed', '--format', 'jsonl']);
    const csv = await cli(['export', 'allowed', '--format', 'csv']);
    expect(exp.out).toContain('***');

    const store = await Store.open(join(dir, 'w.duckdb'));
    let dump = '';
    try {
      const audit = await store.query<{ event: string; tier: number; status: string }>(`SELECT event, tier, status FROM audit_log WHERE run_id = 'allowed' ORDER BY id`);
      expect(audit[0]).toMatchObject({ event: 'guard_override', tier: 3, status: 'allowed' });
      expect(audit.filter((a) => a.event === 'request')).toHaveLength(4);
      for (const t of ['runs', 'results', 'audit_log', 'price_snapshots', 'suites', 'targets']) dump += JSON.stringify(await store.query(`SELECT * FROM ${t}`));
      // the audit log never holds prompt or output content
      const auditText = JSON.stringify(await store.query(`SELECT * FROM audit_log`));
      expect(auditText).not.toContain('Termin');
      expect(auditText).not.toContain('dringlichkeit');
    } finally {
      await store.close();
    }
    const artefacts = [r.out, r.err, exp.out, csv.out, dump, ...filesUnder(dir).map((f) => readFileSync(f, 'latin1'))];
    for (const a of artefacts) expect(a).not.toContain(MARKER);
    // the request really carried the key (so the test would notice a leak path)
    expect(server.requests.some((q) => JSON.stringify(q.headers).includes(MARKER))).toBe(true);
  }, 60_000);
});
