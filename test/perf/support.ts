// Shared helpers of the benchmark modules (test/perf/*.bench.ts): child processes with wall time and
// peak RSS, the Ollama protocol server in its own process, percentiles, the benchmark prompt set and a
// generated suite root for large runs. Not a benchmark itself (run.ts only loads *.bench.ts).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface BenchResult {
  name: string;
  value: number | null;
  unit: string;
  /** Human-readable target, e.g. "< 150" or "≥ 8× promptfoo". */
  target?: string;
  /** Ratio of value to the target figure (≤ 1 good for "<" targets, ≥ 1 for "≥" targets). */
  ratio?: number | null;
  /** Whether the target is met (undefined when there is none or the figure is missing). */
  ok?: boolean;
  note?: string;
}

export interface BenchOptions {
  quick: boolean;
}

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BENCH_DIR = join(ROOT, 'data/bench');
export const TSX_IMPORT = ['--import', 'tsx'];

export function benchTmp(prefix: string): string {
  mkdirSync(join(BENCH_DIR, 'tmp'), { recursive: true });
  return mkdtempSync(join(BENCH_DIR, 'tmp', `${prefix}-`));
}

export function upper(name: string, value: number | null, unit: string, limit: number, note?: string): BenchResult {
  const ok = value === null ? undefined : value < limit;
  return { name, value, unit, target: `< ${limit}`, ratio: value === null ? null : value / limit, ok, note };
}

export function lower(name: string, value: number | null, unit: string, limit: number, targetText?: string, note?: string): BenchResult {
  const ok = value === null ? undefined : value >= limit;
  return { name, value, unit, target: targetText ?? `≥ ${limit}`, ratio: value === null ? null : value / limit, ok, note };
}

export function percentile(values: number[], p: number): number | null {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const idx = (v.length - 1) * p;
  const lo = Math.floor(idx);
  const hi = Math.ceil(idx);
  return v[lo] + (v[hi] - v[lo]) * (idx - lo);
}

export const round = (v: number | null | undefined, digits = 2): number | null => (v === null || v === undefined || !Number.isFinite(v) ? null : Math.round(v * 10 ** digits) / 10 ** digits);

export interface ChildRun {
  code: number | null;
  wallMs: number;
  /** Peak RSS of the child process itself (MiB), from its own resourceUsage at exit or /proc VmHWM. */
  peakRssMb: number | null;
  /** CPU time (user + system) of the child process itself, ms; null when it did not report. */
  cpuMs: number | null;
  stdout: string;
  stderr: string;
}

/** Run a command to completion, measuring wall time and the child's peak RSS. */
export async function runChild(cmd: string, args: string[], opts: { cwd?: string; env?: Record<string, string | undefined>; timeoutMs?: number } = {}): Promise<ChildRun> {
  const rssDir = benchTmp('rss');
  const preload = join(ROOT, 'test/perf/rss-report.cjs');
  const env: Record<string, string | undefined> = { ...process.env, ...opts.env, WB_RSS_DIR: rssDir };
  env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --require ${preload}`.trim();
  const t0 = performance.now();
  const child = spawn(cmd, args, { cwd: opts.cwd ?? ROOT, env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  let hwmKb = 0;
  const poll = setInterval(() => {
    try {
      const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (m) hwmKb = Math.max(hwmKb, Number(m[1]));
    } catch {
      /* exited */
    }
  }, 25);
  const timer = opts.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs) : undefined;
  const code = await new Promise<number | null>((r) => child.on('close', (c) => r(c)));
  const wallMs = performance.now() - t0;
  clearInterval(poll);
  if (timer) clearTimeout(timer);
  let reported: number | undefined;
  let cpuMs: number | null = null;
  for (const f of readdirSync(rssDir)) {
    try {
      const j = JSON.parse(readFileSync(join(rssDir, f), 'utf8')) as { pid: number; maxRssKb: number; cpuMs?: number };
      if (j.pid === child.pid) {
        reported = j.maxRssKb;
        cpuMs = j.cpuMs ?? null;
      }
    } catch {
      /* ignore */
    }
  }
  rmSync(rssDir, { recursive: true, force: true });
  const kb = Math.max(reported ?? 0, hwmKb);
  return { code, wallMs, peakRssMb: kb ? kb / 1024 : null, cpuMs, stdout, stderr };
}

export interface ServerScript {
  text?: string;
  tokens?: string[];
  ttftMs?: number;
  interChunkMs?: number;
}

export interface ServerProcess {
  url: string;
  pid: number;
  close(): Promise<void>;
}

/** Start the Ollama protocol server (test/servers/ollama.ts) in its own Node process. */
export async function startServerProcess(script: ServerScript, opts: { keepRequests?: boolean } = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...TSX_IMPORT, join(ROOT, 'test/perf/ollama-server-child.ts'), JSON.stringify(script)], {
    cwd: ROOT,
    env: { ...process.env, WB_KEEP_REQUESTS: opts.keepRequests ? '1' : '0' },
    stdio: ['pipe', 'pipe', 'inherit']
  });
  const url = await new Promise<string>((resolveUrl, reject) => {
    let buf = '';
    child.stdout.on('data', (b: Buffer) => {
      buf += b.toString();
      const m = /READY (\S+)/.exec(buf);
      if (m) resolveUrl(m[1]);
    });
    child.on('exit', (c) => reject(new Error(`server process exited (${c})`)));
  });
  return {
    url,
    pid: child.pid ?? 0,
    close: () =>
      new Promise<void>((r) => {
        if (child.exitCode !== null) return r();
        child.on('exit', () => r());
        child.stdin.end();
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      })
  };
}

/** The benchmark prompts: GermEval 2018 tweets rendered with the suite's template (system + user). */
export const PROMPT_SUITE = 'germeval2018-offense';

export interface PromptMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export async function benchPrompts(n: number, rootDir = ROOT, suiteId = PROMPT_SUITE): Promise<{ id: string; messages: PromptMessage[] }[]> {
  const { loadSuite } = await import('../../src/lib/server/suites/loader');
  const { renderPrompt } = await import('../../src/lib/core/suites');
  const loaded = await loadSuite(rootDir, suiteId);
  if (loaded.items.length < n) throw new Error(`suite ${suiteId} has ${loaded.items.length} items, need ${n}`);
  return loaded.items.slice(0, n).map((i) => ({ id: i.id, messages: renderPrompt(loaded.suite, i) as PromptMessage[] }));
}

/**
 * A suite root (benchmarks/ + datasets/) with `count` items: the GermEval tweets repeated with new ids,
 * under data/bench/suites/<count>/ (regenerated when missing). Returns root dir and suite id.
 */
export function generatedSuiteRoot(count: number): { rootDir: string; suiteId: string } {
  const suiteId = `bench-de-${count}`;
  const rootDir = join(BENCH_DIR, 'suites', String(count));
  const dataFile = join(rootDir, 'datasets', suiteId, 'items.jsonl');
  const catalog = join(rootDir, 'datasets', 'catalog');
  const linkCatalog = () => existsSync(catalog) || symlinkSync(join(ROOT, 'datasets', 'catalog'), catalog, 'dir');
  if (existsSync(dataFile)) {
    linkCatalog();
    return { rootDir, suiteId };
  }
  const src = readFileSync(join(ROOT, `datasets/${PROMPT_SUITE}/items.jsonl`), 'utf8').split('\n').filter(Boolean);
  const yaml = readFileSync(join(ROOT, `benchmarks/${PROMPT_SUITE}.yaml`), 'utf8')
    .replace(/^id: .*$/m, `id: ${suiteId}`)
    .replace(/^name: .*$/m, `name: Benchmark-Suite (${count} Items aus GermEval 2018)`)
    .replace(/^  path: .*$/m, `  path: datasets/${suiteId}/items.jsonl`);
  mkdirSync(dirname(dataFile), { recursive: true });
  mkdirSync(join(rootDir, 'benchmarks'), { recursive: true });
  writeFileSync(join(rootDir, 'benchmarks', `${suiteId}.yaml`), yaml);
  const lines: string[] = [];
  for (let k = 0; k < count; k++) {
    const row = JSON.parse(src[k % src.length]) as { id: string; input: unknown; expected: unknown };
    lines.push(JSON.stringify({ id: `${row.id}-r${Math.floor(k / src.length)}`, input: row.input, expected: row.expected }));
  }
  writeFileSync(dataFile, lines.join('\n') + '\n');
  linkCatalog(); // the target registry reads the shipped catalog from <root>/datasets/catalog
  return { rootDir, suiteId };
}

/** `werkbank run` in a child process against an Ollama-protocol server. */
export async function werkbankRun(o: { url: string; rootDir: string; suiteId: string; limit: number; concurrency: number; model?: string; extraEnv?: Record<string, string> }): Promise<ChildRun & { summary?: Record<string, unknown> }> {
  const dir = benchTmp('wb');
  const args = [join(ROOT, 'bin/werkbank.js'), 'run', '--suite', o.suiteId, '--target', `ollama/${o.model ?? 'bench'}`, '--limit', String(o.limit), '--concurrency', String(o.concurrency), '--progress', 'none', '--json', '--max-retries', '0', '--db', join(dir, 'wb.duckdb')];
  const r = await runChild(process.execPath, args, { cwd: o.rootDir, env: { OLLAMA_HOST: o.url, WERKBANK_DATA_DIR: dir, ...o.extraEnv } });
  rmSync(dir, { recursive: true, force: true });
  let summary: Record<string, unknown> | undefined;
  try {
    summary = JSON.parse(r.stdout) as Record<string, unknown>;
  } catch {
    summary = undefined;
  }
  return { ...r, summary };
}
