// Runner benchmark: Werkbank (`werkbank run`), promptfoo 0.121.20 and a bare loop of the `ollama` client
// (twice: as shipped, on Node's fetch, and on Werkbank's node:http fetch) send the same German prompts (GermEval 2018 tweets with the suite's prompt template; 2,000, and 500 too in a full run — the issue's reference point; quick 300)
// at concurrency 32 to the same zero-latency Ollama protocol server (test/servers/ollama.ts in its own
// process). Each tool runs in its own child process, best of two in a full run; reported: wall time (process
// start to exit, what a user waits), requests/s over that wall time, peak RSS, and the ratios.
// promptfoo is installed on demand into data/bench/promptfoo (kept between runs; never a project
// dependency); quick mode skips it when it is not installed yet, so CI needs no network beyond npm.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
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
      // 0.121.20's winston file logger throws "write after end" at exit after long evals; no log files
      PROMPTFOO_DISABLE_DEBUG_LOG: '1',
      PROMPTFOO_DISABLE_ERROR_LOG: '1',
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
  rmSync(dir, { recursive: true, force: true });
  return { ...r, okCount };
}

type Run = ChildRun & { requestPhaseMs: number | null };

function best(runs: Run[]): Run {
  return runs.reduce((a, b) => (b.wallMs < a.wallMs ? b : a));
}

export async function run(opts: BenchOptions): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  const server = await startServerProcess({ text: REPLY });
  const dir = benchTmp('runner');
  try {
    // the issue's setup (2,000 prompts), and in a full run also its reference point (500 prompts: promptfoo
    // ≈ 10.3 s and the bare loop ≈ 0.9 s on the machine the issue was written on), where promptfoo's start-up weighs more
    if (opts.quick) await measure(opts, 300, true, server.url, dir, out);
    else {
      await measure(opts, 2000, true, server.url, dir, out);
      await measure(opts, 500, false, server.url, dir, out);
    }
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

/** One size: bare loops and Werkbank alternating, then promptfoo; `main` rows carry the targets. */
async function measure(opts: BenchOptions, n: number, main: boolean, url: string, dir: string, out: BenchResult[]): Promise<void> {
  const rounds = opts.quick ? 1 : 2;
  const p0 = main ? 'runner: ' : `runner (${n}): `;
  const target = (name: string, value: number | null, unit: string, limit: number, text: string, note?: string): BenchResult =>
    main ? lower(`runner: ${name}`, value, unit, limit, text, note) : { name: `${p0}${name}`, value, unit, note: [`target ${text} set for the 2,000-prompt row`, note].filter(Boolean).join('; ') };
  const prompts = await benchPrompts(n);
  const promptFile = join(dir, 'prompts.json');
  writeFileSync(promptFile, JSON.stringify(prompts));

  // Werkbank and the bare loop alternate (best of `rounds` each), so a load spike on the shared machine
  // does not hit only one of them.
  const bareRuns: Run[] = [];
  const bareHttpRuns: Run[] = [];
  const wbRuns: Run[] = [];
  const bareLoop = async (transport: 'fetch' | 'http'): Promise<Run> => {
    const bare = await runChild(process.execPath, [...TSX_IMPORT, join(ROOT, 'test/perf/bare-ollama-child.ts'), url, promptFile, String(CONCURRENCY), transport]);
    const info = bare.code === 0 ? (JSON.parse(bare.stdout.trim().split('\n').pop() ?? '{}') as { ok: number; requestPhaseMs: number }) : undefined;
    if (!info || info.ok !== n) throw new Error(`bare ollama loop (${transport}) failed (exit ${bare.code}, ok ${info?.ok ?? '?'} of ${n}): ${bare.stderr.slice(-500)}`);
    return { ...bare, requestPhaseMs: info.requestPhaseMs };
  };
  for (let r = 0; r < rounds; r++) {
    bareRuns.push(await bareLoop('fetch'));
    const wb = await werkbankRun({ url, rootDir: ROOT, suiteId: 'germeval2018-offense', limit: n, concurrency: CONCURRENCY });
    const items = wb.summary?.items as { ok?: number } | undefined;
    if (wb.code !== 0 || items?.ok !== n) throw new Error(`werkbank run failed (exit ${wb.code}, ok ${items?.ok ?? '?'} of ${n}): ${wb.stderr.slice(-800)}`);
    wbRuns.push({ ...wb, requestPhaseMs: (wb.summary?.metrics as { durationMs?: number } | undefined)?.durationMs ?? null });
    bareHttpRuns.push(await bareLoop('http'));
  }
  const bare = best(bareRuns);
  const bareHttp = best(bareHttpRuns);
  const wb = best(wbRuns);
  const rps = (x: ChildRun) => (n * 1000) / x.wallMs;
  const cpuPerReq = (x: ChildRun) => (x.cpuMs === null ? null : x.cpuMs / n);
  const of = rounds > 1 ? ` (best of ${rounds})` : '';
  const figures = (label: string, x: Run, extra?: string) => {
    out.push({ name: `${p0}${label}, ${n} prompts — wall${of}`, value: round(x.wallMs / 1000), unit: 's', note: [x.requestPhaseMs !== null ? `request phase ${round(x.requestPhaseMs / 1000)} s` : '', extra ?? ''].filter(Boolean).join('; ') || undefined });
    out.push({ name: `${p0}${label} — throughput`, value: round(rps(x), 1), unit: 'req/s' });
    out.push({ name: `${p0}${label} — peak RSS`, value: round(x.peakRssMb, 0), unit: 'MB' });
    out.push({ name: `${p0}${label} — CPU per request`, value: round(cpuPerReq(x), 3), unit: 'ms', note: x.cpuMs !== null ? `process CPU ${round(x.cpuMs / 1000)} s incl. start-up` : undefined });
  };
  figures('bare ollama loop', bare, "the SDK as shipped (Node's fetch)");
  figures('bare ollama loop, node:http fetch', bareHttp, "the SDK with Werkbank's transport");
  figures('werkbank run', wb);
  out.push(target('werkbank / bare loop throughput', round(rps(wb) / rps(bare), 3), '×', 0.8, '≥ 0.8', wb.requestPhaseMs && bare.requestPhaseMs ? `request phase only: ${round(bare.requestPhaseMs / wb.requestPhaseMs, 3)}×` : undefined));
  out.push({ name: `${p0}werkbank / bare loop on the same transport`, value: round(rps(wb) / rps(bareHttp), 3), unit: '×', note: wb.requestPhaseMs && bareHttp.requestPhaseMs ? `request phase only: ${round(bareHttp.requestPhaseMs / wb.requestPhaseMs, 3)}× (what timing, scoring, storage and start-up cost)` : undefined });

  const pf = ensurePromptfoo(opts.quick);
  if (!pf.ok) {
    out.push({ name: `${p0}promptfoo`, value: null, unit: '', note: pf.note });
  } else {
    // best of `rounds` like the others (its wall time varies by several seconds between runs); exit 100 =
    // some assertion failed (there are none); an eval that wrote every answer counts even when promptfoo
    // crashes while shutting down (noted)
    const usable = (x: Awaited<ReturnType<typeof runPromptfoo>>) => x.code === 0 || x.code === 100 || x.okCount === n;
    const pfRuns: Awaited<ReturnType<typeof runPromptfoo>>[] = [];
    for (let r = 0; r < rounds; r++) pfRuns.push(await runPromptfoo(url, prompts));
    const ok = pfRuns.filter(usable);
    const p = ok.length ? ok.reduce((a, b) => (b.wallMs < a.wallMs ? b : a)) : pfRuns[pfRuns.length - 1];
    if (!usable(p)) {
      out.push({ name: `${p0}promptfoo`, value: null, unit: '', note: `promptfoo failed (exit ${p.code}): ${p.stderr.slice(-300).replace(/\s+/g, ' ')}` });
    } else {
      const walls = pfRuns.length > 1 ? `runs ${pfRuns.map((x) => `${round(x.wallMs / 1000)} s`).join(', ')}` : '';
      figures(`promptfoo ${PROMPTFOO_VERSION}`, { ...p, requestPhaseMs: null }, [p.okCount !== null ? `${p.okCount} of ${n} answers received` : '', p.code !== 0 ? `exit ${p.code} at shutdown` : '', walls].filter(Boolean).join('; ') || undefined);
      out.push(target('werkbank / promptfoo throughput', round(rps(wb) / rps(p), 2), '×', 8, '≥ 8', p.cpuMs !== null && wb.cpuMs !== null ? `CPU per request: promptfoo / werkbank = ${round(p.cpuMs / wb.cpuMs, 2)}×` : undefined));
      out.push({ name: `${p0}limits — bare loops / promptfoo throughput`, value: round(rps(bareHttp) / rps(p), 2), unit: '×', note: `node:http fetch ${round(rps(bareHttp) / rps(p), 2)}×, Node's fetch ${round(rps(bare) / rps(p), 2)}×: no runner on the ollama SDK gets past these on this machine` });
    }
  }
}
