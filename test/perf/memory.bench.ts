// Memory: `werkbank run` over a generated 20,000-item suite (GermEval tweets repeated with new ids, under
// data/bench/suites/) against the zero-latency Ollama protocol server in its own process, concurrency 32;
// peak RSS of the werkbank process (its own maxRSS at exit, or /proc VmHWM). Target < 300 MB.
// Quick mode: 2,000 items (the figure then says little about the 20,000 target).
import { generatedSuiteRoot, round, startServerProcess, upper, werkbankRun, type BenchOptions, type BenchResult } from './support';

export async function run(opts: BenchOptions): Promise<BenchResult[]> {
  const n = opts.quick ? 2000 : 20_000;
  const { rootDir, suiteId } = generatedSuiteRoot(20_000);
  const server = await startServerProcess({ text: 'OTHER' });
  try {
    const r = await werkbankRun({ url: server.url, rootDir, suiteId, limit: n, concurrency: 32 });
    const items = r.summary?.items as { ok?: number } | undefined;
    if (r.code !== 0 || items?.ok !== n) throw new Error(`werkbank run failed (exit ${r.code}, ok ${items?.ok ?? '?'} of ${n}): ${r.stderr.slice(-800)}`);
    return [upper(`memory: werkbank run, ${n.toLocaleString('en')} items — peak RSS`, round(r.peakRssMb, 0), 'MB', 300, `wall ${round(r.wallMs / 1000, 1)} s, ${round((n * 1000) / r.wallMs, 0)} req/s`)];
  } finally {
    await server.close();
  }
}
