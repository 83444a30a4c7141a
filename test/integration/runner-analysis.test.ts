// Export (JSONL, CSV, Parquet), compare and gate over runs stored by the run service with a fake
// streaming adapter whose answers we control (right/wrong per item, latency, price).
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { Store } from '../../src/lib/server/store/db';
import { executeRun } from '../../src/lib/server/runner/run-service';
import type { PreparedSuite, TargetSource } from '../../src/lib/server/runner/sources';
import { ProviderError, type GenerateResult, type GenerateStream, type ProviderAdapter } from '../../src/lib/server/providers/types';
import { command as exportCmd } from '../../src/cli/export';
import { toCsv } from '../../src/lib/server/analysis/export';
import { command as compareCmd } from '../../src/cli/compare';
import { command as gateCmd } from '../../src/cli/gate';
import type { CliEnv } from '../../src/cli/support/cli';

const N = 60;
const suite: PreparedSuite = {
  id: 'arith',
  name: 'Arith',
  personalData: false,
  scorerType: 'numeric',
  primaryMetric: 'accuracy',
  generation: { maxTokens: 16, temperature: 0 },
  items: Array.from({ length: N }, (_, i) => ({ id: `a${String(i).padStart(3, '0')}`, messages: [{ role: 'user' as const, content: `${i}` }], expected: String(i) })),
  score: (item, output) => ({ score: output === item.expected ? 1 : 0, scores: { accuracy: output === item.expected ? 1 : 0 } }),
  aggregate: (rows) => ({ accuracy: rows.filter((r) => r.output === r.item.expected).length / rows.length })
};

/** Answers item i correctly unless wrong(i); TTFT ttftMs; output 4 tokens. */
function adapter(wrong: (i: number) => boolean, ttftMs: number, text?: (i: number) => string): ProviderAdapter {
  return {
    id: 'fake',
    capabilities: { streaming: true },
    generate: () => Promise.reject(new Error('unused')),
    stream(req): GenerateStream {
      const i = Number(req.messages[0].content);
      const out = text ? text(i) : wrong(i) ? 'falsch' : String(i);
      const start = 1000;
      const result = Promise.resolve<GenerateResult>({ text: out, usage: { inputTokens: 100, outputTokens: 4 }, finishReason: 'stop', timing: { startMs: start, firstTokenMs: start + ttftMs, endMs: start + ttftMs + 30, chunkTimesMs: [start + ttftMs, start + ttftMs + 30] } });
      return {
        result,
        async *[Symbol.asyncIterator]() {
          yield { type: 'text' as const, text: out, atMs: start + ttftMs };
        }
      };
    }
  };
}

/** Fails item i's request (non-retryable) when fail(i), else answers it wrongly. */
function failing(fail: (i: number) => boolean): ProviderAdapter {
  const wrong = adapter(() => true, 100);
  return {
    ...wrong,
    stream(req): GenerateStream {
      if (!fail(Number(req.messages[0].content))) return wrong.stream(req);
      const result = Promise.reject(new ProviderError({ provider: 'fake', kind: 'server', retryable: false, message: 'connect ECONNREFUSED 127.0.0.1:9' }));
      result.catch(() => undefined);
      return {
        result,
        async *[Symbol.asyncIterator]() {
          await result;
        }
      };
    }
  };
}

function targets(a: ProviderAdapter, eurPerMTokOut: number): TargetSource {
  return {
    resolve: async (id) => ({
      target: { id, route: id, provider: 'fake', model: 'm', tier: 1 },
      adapter: a,
      synthetic: false,
      price: { route: id, figures: { currency: 'EUR', inputPerMTok: 1, outputPerMTok: eurPerMTokOut }, usdPerEur: 1.16 }
    })
  };
}

let dir: string;
let dbPath: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'werkbank-analysis-'));
  dbPath = join(dir, 'w.duckdb');
  const store = await Store.open(dbPath);
  const run = (runId: string, a: ProviderAdapter, price = 10) => executeRun({ suiteId: 'arith', targetId: `fake/${runId}`, runId, concurrency: 4 }, { store, dataDir: dir, suites: { load: async () => suite }, targets: targets(a, price) });
  await run('base', adapter(() => false, 100));
  await run('same', adapter((i) => i === 7, 110));
  await run('worse', adapter((i) => i % 3 === 0, 100));
  await run('slow-dear', adapter(() => false, 900), 30);
  await run('xss', adapter(() => false, 10, (i) => (i === 0 ? '=HYPERLINK("http://x")' : i === 1 ? 'Zeile 1\n"zitiert", mit Komma' : String(i))));
  // a baseline that gets every item wrong, and a candidate whose requests all fail (or every tenth)
  await run('allwrong', adapter(() => true, 100));
  await run('dead', failing(() => true));
  await run('flaky', failing((i) => i % 10 === 0));
  await store.close();
});

function cli(cmd: typeof exportCmd, argv: string[]) {
  let out = '';
  let err = '';
  const env: CliEnv = { cwd: dir, dbPath, configPath: join(dir, 'x.yaml'), dataDir: dir, env: {}, isTty: false };
  return cmd.run({ argv, env, io: { out: (t) => void (out += t), err: (t) => void (err += t) }, signal: new AbortController().signal }).then((code) => ({ code, out, err }));
}

describe('werkbank export', () => {
  it('JSONL: one record per item with the documented fields', async () => {
    const r = await cli(exportCmd, ['base', '--format', 'jsonl']);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(N);
    expect(Object.keys(lines[0])).toEqual(expect.arrayContaining(['itemId', 'status', 'output', 'error', 'attempts', 'ttftMs', 'e2eMs', 'inputTokens', 'outputTokens', 'costEur', 'score']));
    expect(lines[0]).toMatchObject({ itemId: 'a000', status: 'ok', output: '0', attempts: 1, ttftMs: 100, e2eMs: 130, inputTokens: 100, outputTokens: 4, score: 1 });
    // 100 × 1 + 4 × 10 EUR per MTok
    expect(lines[0].costEur).toBeCloseTo(140 / 1e6, 15);
  });

  it('CSV quotes commas, quotes and newlines and defuses spreadsheet formulas', async () => {
    const r = await cli(exportCmd, ['xss', '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(r.out.split('\r\n')[0]).toBe('itemId,status,output,error,errorKind,attempts,ttftMs,tpotMs,e2eMs,inputTokens,outputTokens,costEur,score');
    expect(r.out).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(r.out).toContain('"Zeile 1\n""zitiert"", mit Komma"');
    expect(toCsv([])).toBe('itemId,status,output,error,errorKind,attempts,ttftMs,tpotMs,e2eMs,inputTokens,outputTokens,costEur,score\r\n');
  });

  it('Parquet via DuckDB COPY is readable and has one row per item', async () => {
    const out = join(dir, 'base.parquet');
    const r = await cli(exportCmd, ['base', '--format', 'parquet', '--out', out, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ records: N, format: 'parquet' });
    expect(readFileSync(out).subarray(0, 4).toString()).toBe('PAR1');
    const inst = await DuckDBInstance.create(':memory:');
    const conn = await inst.connect();
    const rows = (await conn.runAndReadAll(`SELECT count(*)::INTEGER AS n, sum(score) AS s, min("itemId") AS first FROM read_parquet('${out}')`)).getRowObjectsJS();
    conn.closeSync();
    inst.closeSync();
    expect(rows[0]).toMatchObject({ n: N, s: N, first: 'a000' });
  });

  it('JSONL and CSV are written in pages that add up to exactly the whole export, for one run and a comparison', async () => {
    const { exportTextChunks, exportCount, exportColumns, toJsonl } = await import('../../src/lib/server/analysis/export');
    const store = await Store.open(dbPath);
    try {
      for (const runIds of [['base'], ['worse', 'base', 'xss']]) {
        const ph = runIds.map((_, i) => `$r${i}`).join(', ');
        const runCols = runIds.length > 1 ? `x.run_id AS "runId", r.suite_id AS "suiteId", r.target_id AS "targetId", ` : '';
        const all = await store.query(
          `SELECT ${runCols}x.item_id AS "itemId", x.status, x.output, x.error, x.error_kind AS "errorKind", x.attempts, x.ttft_ms AS "ttftMs", x.tpot_ms AS "tpotMs", x.e2e_ms AS "e2eMs",
                  x.input_tokens AS "inputTokens", x.output_tokens AS "outputTokens", x.cost_eur AS "costEur", x.score
             FROM results x JOIN runs r ON r.id = x.run_id WHERE x.run_id IN (${ph}) ORDER BY x.run_id, x.item_id`,
          Object.fromEntries(runIds.map((id, i) => [`r${i}`, id]))
        );
        expect(await exportCount(store, runIds)).toBe(all.length);
        for (const format of ['jsonl', 'csv'] as const) {
          const pieces: string[] = [];
          // 7 records per page: pages end inside a run and at run boundaries
          for await (const t of exportTextChunks(store, runIds, format, 7)) pieces.push(t);
          expect(pieces.length, `${format} ${runIds}`).toBeGreaterThan(all.length / 7);
          expect(pieces.join(''), `${format} ${runIds}`).toBe(format === 'csv' ? toCsv(all, exportColumns(runIds.length)) : toJsonl(all));
        }
      }
      await expect(exportCount(store, ['base', 'nope'])).rejects.toThrow(/nope/);
    } finally {
      await store.close();
    }
  });

  it('rejects unknown runs, formats and parquet without --out', async () => {
    await expect(cli(exportCmd, ['nope', '--format', 'csv'])).rejects.toThrow(/gibt es nicht/);
    await expect(cli(exportCmd, ['base', '--format', 'xml'])).rejects.toThrow(/--format/);
    await expect(cli(exportCmd, ['base', '--format', 'parquet'])).rejects.toThrow(/--out/);
    // --json describes the written file; without --out the data itself is stdout
    await expect(cli(exportCmd, ['base', '--format', 'jsonl', '--json'])).rejects.toThrow(/--json nur mit --out/);
    // output paths are checked before anything is written (exit 2, not ENOENT/EISDIR)
    await expect(cli(exportCmd, ['base', '--format', 'csv', '--out', dir])).rejects.toThrow(/--out: .* ist ein Ordner/);
    await expect(cli(exportCmd, ['base', '--format', 'csv', '--out', join(dir, 'fehlt', 'x.csv')])).rejects.toThrow(/--out: Ordner .*fehlt gibt es nicht/);
  });
});

describe('werkbank compare and gate', () => {
  it('compare reports the paired delta with interval, p-value and McNemar', async () => {
    const r = await cli(compareCmd, ['base', 'worse', '--json']);
    expect(r.code).toBe(0);
    const c = JSON.parse(r.out);
    // 20 of 60 items wrong in the candidate
    expect(c.paired.n).toBe(N);
    expect(c.paired.delta).toBeCloseTo(-20 / 60, 10);
    expect(c.paired.upper).toBeLessThan(0);
    expect(c.paired.pValue).toBeLessThan(0.01);
    expect(c.mcnemar).toMatchObject({ baselineOnly: 20, candidateOnly: 0 });
    expect(c.mcnemar.pExact).toBeLessThan(0.001);
    expect(c.baseline.score.mean).toBe(1);
    const text = await cli(compareCmd, ['base', 'worse']);
    expect(text.out).toContain('McNemar');
  });

  it('gate fails a significantly worse candidate with the reason and passes a noise-level one', async () => {
    const bad = await cli(gateCmd, ['--baseline', 'base', '--candidate', 'worse', '--max-drop', '0.02', '--json']);
    expect(bad.code).toBe(1);
    const b = JSON.parse(bad.out);
    expect(b.passed).toBe(false);
    expect(b.reasons.join(' ')).toMatch(/signifikant schlechter/);
    const ok = await cli(gateCmd, ['--baseline', 'base', '--candidate', 'same', '--max-drop', '0.02', '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ passed: true, reasons: [] });
  });

  it('gate fails on the p95 TTFT budget and on the cost increase', async () => {
    const r = await cli(gateCmd, ['--baseline', 'base', '--candidate', 'slow-dear', '--max-p95-ttft-ms', '500', '--max-cost-increase', '0.1', '--json']);
    expect(r.code).toBe(1);
    const g = JSON.parse(r.out);
    expect(g.reasons).toHaveLength(2);
    expect(g.reasons[0]).toMatch(/p95 TTFT 900,0 ms > 500 ms/);
    // cost per item 100·1 + 4·30 = 220 vs 140 → +57.1 %
    expect(g.reasons[1]).toMatch(/\+57,1 %/);
    const fine = await cli(gateCmd, ['--baseline', 'base', '--candidate', 'slow-dear', '--max-p95-ttft-ms', '1000', '--max-cost-increase', '0.6']);
    expect(fine.code).toBe(0);
    expect(fine.out).toContain('BESTANDEN');
  });

  it('gate fails a candidate with more failed requests, even when the baseline scores no better', async () => {
    const dead = await cli(gateCmd, ['--baseline', 'allwrong', '--candidate', 'dead', '--json']);
    expect(dead.code).toBe(1);
    const d = JSON.parse(dead.out);
    expect(d.passed).toBe(false);
    expect(d.reasons).toEqual([expect.stringMatching(/Fehlgeschlagene Anfragen: Kandidat 60 von 60 \(100 %\), Basis 0 von 60 \(0 %\); erlaubt \+1 % — keine einzige Anfrage erfolgreich/)]);
    // 6 of 60 failed: over the default 1 percentage point, within an explicit 10
    const flaky = await cli(gateCmd, ['--baseline', 'allwrong', '--candidate', 'flaky', '--json']);
    expect(flaky.code).toBe(1);
    expect(JSON.parse(flaky.out).reasons[0]).toMatch(/Kandidat 6 von 60 \(10 %\)/);
    const tolerant = await cli(gateCmd, ['--baseline', 'allwrong', '--candidate', 'flaky', '--max-error-increase', '0.1']);
    expect(tolerant.code).toBe(0);
    expect(tolerant.out).toMatch(/✓ Fehlgeschlagene Anfragen: Kandidat 6 von 60/);
  });

  it('usage errors: missing flags and unknown runs', async () => {
    await expect(cli(gateCmd, ['--baseline', 'base'])).rejects.toThrow(/--candidate/);
    await expect(cli(gateCmd, ['--baseline', 'base', '--candidate', 'nope'])).rejects.toThrow(/nope/);
    await expect(cli(compareCmd, ['base'])).rejects.toThrow(/zwei Lauf-IDs/);
  });
});

describe('run page charts', () => {
  it('cover every ok item of a run, also beyond the 2,000 items the page lists', async () => {
    const { runCharts } = await import('../../src/lib/server/runner/analysis');
    const store = await Store.open(':memory:');
    try {
      // 2,500 items: the first 2,000 (by item id) pass in ≈ 100 ms, the last 500 fail in ≈ 900 ms; 10 errors
      const rows = Array.from({ length: 2510 }, (_, i) => ({
        run_id: 'big',
        item_id: `i${String(i).padStart(5, '0')}`,
        status: i >= 2500 ? 'error' : 'ok',
        attempts: 1,
        ttft_ms: i >= 2500 ? null : i < 2000 ? 100 + (i % 10) : 900 + (i % 10),
        e2e_ms: i >= 2500 ? null : 1000,
        score: i >= 2500 ? null : i < 2000 ? 1 : 0
      }));
      await store.insertRows('results', rows);
      const c = await runCharts(store, 'big');
      expect(c.latencyLabel).toBe('TTFT');
      expect(c.latency.reduce((a, b) => a + b.count, 0)).toBe(2500);
      expect(c.latency[0].from).toBe(100);
      expect(c.latency.at(-1)!.to).toBe(909);
      expect(c.latency.at(-1)!.count).toBe(500);
      expect(c.scores[0].count).toBe(500);
      expect(c.scores[9].count).toBe(2000);
      // without streaming (no TTFT) the chart shows E2E
      await store.exec(`UPDATE results SET ttft_ms = NULL`);
      expect((await runCharts(store, 'big')).latencyLabel).toBe('E2E');
    } finally {
      await store.close();
    }
  });
});
