// Runner benchmark: Werkbank (`werkbank run`), promptfoo 0.121.20 and a bare loop of the `ollama` client
// send the same German prompts (GermEval 2018 tweets with the suite's prompt template; 2,000, quick 300)
// at concurrency 32 to the same zero-latency Ollama protocol server (test/servers/ollama.ts in its own
// process). Each tool runs in its own child process; reported: wall time (process start to exit, what a
// user waits), requests/s over that wall time, peak RSS, and the ratios.
// promptfoo is installed on demand into data/bench/promptfoo (kept between runs; never a project
// dependency); quick mode skips it when it is not installed yet, so CI needs no network beyond npm.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { stringify } from 'yaml';
import { BENCH_DIR, ROOT, TSX_IMPORT, benchPrompts, benchTmp, lower, round, runChild, startServerProcess, werkbankRun, type BenchOptions, type BenchResult, type ChildRun } from './support';

export const PROMPTFOO_VERSION = '0.121.20';
const PROMPTFOO_DIR = join(BENCH_DIR, 'promptfoo');
const PROMPTFOO_MAIN = join(PROMPTFOO_DIR, 'node_modules/promptfoo/dist/src/main.js');
const CONCURRENCY = 32;
const REPLY = 'OTHER';

function ensurePromptfoo(quick: boolean): { ok: boolean; note?: string } {
  if (existsSync(PROMPTFOO_MAIN)) return { ok: true };
  if (quick) return { ok: false, note: `promptfoo not installed (quick mode skips it; a full run installs it into ${PROMPTFOO_DIR})` };
  mkdirSync(PROMPTFOO_DIR, { recursive: true });
  process.stderr.write(`installing promptfoo@${PROMPTFOO_VERSION} into ${PROMPTFOO_DIR} …\n`);
  const r = spawnSync('npm', ['install', '--prefix', PROMPTFOO_DIR, `promptfoo@${PROMPTFOO_VERSION}`, '--no-audit', '--no-fund', '--loglevel', 'error'], { stdio: 'inherit' });
  if (r.status !== 0 || !existsSync(PROMPTFOO_MAIN)) return { ok: false, note: `npm install promptfoo@${PROMPTFOO_VERSION} failed (exit ${r.status})` };
  return { ok: true };
}

async function runPromptfoo(url: string, prompts: { messages: unknown[] }[]): Promise<ChildRun & { okCount: number | null }> {
  const dir = benchTmp('promptfoo');
  const config = {
    description: 'werkbank bench',
    prompts: ['{{ messages }}'],
    providers: [{ id: 'ollama:chat:bench', config: { num_predict: 8, temperature: 0 } }],
    tests: prompts.map((p) => ({ vars: { messages: JSON.stringify(p.messages) } })),
    evaluateOptions: { maxConcurrency: CONCURRENCY, cache: false, showProgressBar: false },
    sharing: false
  };
  const cfg = join(dir, 'promptfooconfig.yaml');
  const out = join(dir, 'out.json');
  writeFileSync(cfg, stringify(config));
  const r = await runChild(process.execPath, [PROMPTFOO_MAIN, 'eval', '-c', cfg, '--no-cache', '--max-concurrency', String(CONCURRENCY), '--no-table', '--no-progress-bar', '--no-write', '-o', out], {
    cwd: dir,
    env: {
      OLLAMA_BASE_URL: url,
      PROMPTFOO_DISABLE_TELEMETRY: '1',
      PROMPTFOO_DISABLE_UPDATE: '1',
      PROMPTFOO_DISABLE_SHARING: '1',
      PROMPTFOO_CACHE_ENABLED: 'false',
      PROMPTFOO_DISABLE_REDTEAM_REMOTE_GENERATION: '1',
      PROMPTFOO_CONFIG_DIR: join(dir, 'home'),
      IS_TESTING: undefined
    },
    timeoutMs: 600_000
  });
  let okCount: number | null = null;
  try {
    const { readFileSync } = await import('node:fs');
    const j = JSON.parse(readFileSync(out, 'utf8')) as { results?: { results?: { response?: { output?: unknown } }[] } };
    okCount = (j.results?.results ?? []).filter((x) => x.response?.output === REPLY).length;
  } catch {
    okCount = null;
  }
  return { ...r, okCount };
}

export async function run(opts: BenchOptions): Promise<BenchResult[]> {
  const n = opts.quick ? 300 : 2000;
  const out: BenchResult[] = [];
  const server = await startServerProcess({ text: REPLY });
  try {
    const prompts = await benchPrompts(n);
    const dir = benchTmp('runner');
    const promptFile = join(dir, 'prompts.json');
    writeFileSync(promptFile, JSON.stringify(prompts));

    const bare = await runChild(process.execPath, [...TSX_IMPORT, join(ROOT, 'test/perf/bare-ollama-child.ts'), server.url, promptFile, String(CONCURRENCY)]);
    const bareInfo = bare.code === 0 ? (JSON.parse(bare.stdout.trim().split('\n').pop() ?? '{}') as { ok: number; requestPhaseMs: number }) : undefined;
    if (!bareInfo) throw new Error(`bare ollama loop failed (exit ${bare.code}): ${bare.stderr.slice(-500)}`);
    const bareRps = (n * 1000) / bare.wallMs;

    const wb = await werkbankRun({ url: server.url, rootDir: ROOT, suiteId: 'germeval2018-offense', limit: n, concurrency: CONCURRENCY });
    const items = wb.summary?.items as { ok?: number } | undefined;
    if (wb.code !== 0 || items?.ok !== n) throw new Error(`werkbank run failed (exit ${wb.code}, ok ${items?.ok ?? '?'} of ${n}): ${wb.stderr.slice(-800)}`);
    const wbRps = (n * 1000) / wb.wallMs;
    const wbPhaseMs = (wb.summary?.metrics as { durationMs?: number } | undefined)?.durationMs ?? null;

    out.push({ name: `runner: bare ollama loop, ${n} prompts — wall`, value: round(bare.wallMs / 1000), unit: 's', note: `request phase ${round(bareInfo.requestPhaseMs / 1000)} s (rest: process start)` });
    out.push({ name: 'runner: bare ollama loop — throughput', value: round(bareRps, 1), unit: 'req/s' });
    out.push({ name: 'runner: bare ollama loop — peak RSS', value: round(bare.peakRssMb, 0), unit: 'MB' });
    out.push({ name: `runner: werkbank run, ${n} prompts — wall`, value: round(wb.wallMs / 1000), unit: 's', note: wbPhaseMs !== null ? `request phase ${round(wbPhaseMs / 1000)} s` : undefined });
    out.push({ name: 'runner: werkbank run — throughput', value: round(wbRps, 1), unit: 'req/s' });
    out.push({ name: 'runner: werkbank run — peak RSS', value: round(wb.peakRssMb, 0), unit: 'MB' });
    out.push(lower('runner: werkbank / bare loop throughput', round(wbRps / bareRps, 3), '×', 0.8, '≥ 0.8', wbPhaseMs ? `request phase only: ${round(bareInfo.requestPhaseMs / wbPhaseMs, 3)}×` : undefined));

    const pf = ensurePromptfoo(opts.quick);
    if (!pf.ok) {
      out.push({ name: 'runner: promptfoo', value: null, unit: '', note: pf.note });
    } else {
      const p = await runPromptfoo(server.url, prompts);
      if (p.code !== 0 && p.code !== 100) {
        out.push({ name: 'runner: promptfoo', value: null, unit: '', note: `promptfoo failed (exit ${p.code}): ${p.stderr.slice(-300).replace(/\s+/g, ' ')}` });
      } else {
        const pRps = (n * 1000) / p.wallMs;
        out.push({ name: `runner: promptfoo ${PROMPTFOO_VERSION}, ${n} prompts — wall`, value: round(p.wallMs / 1000), unit: 's', note: p.okCount !== null ? `${p.okCount} of ${n} answers received` : undefined });
        out.push({ name: 'runner: promptfoo — throughput', value: round(pRps, 1), unit: 'req/s' });
        out.push({ name: 'runner: promptfoo — peak RSS', value: round(p.peakRssMb, 0), unit: 'MB' });
        out.push(lower('runner: werkbank / promptfoo throughput', round(wbRps / pRps, 2), '×', 8, '≥ 8'));
      }
    }
  } finally {
    await server.close();
  }
  return out;
}
