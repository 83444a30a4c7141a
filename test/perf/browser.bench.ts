// Simulator speed in Node and in headless Chromium (test/helpers/browser.ts): the 1,000 × 50 sweep
// (target < 50 ms) and Monte Carlo with 10,000 draws (target < 200 ms), see sim-workload.ts. The browser
// runs the same module bundled by esbuild (IIFE) on a blank page; Node also runs that bundle (informative:
// the code without tsx's transform, as the bundled CLI runs it). Median of 5 runs after one warm-up
// (quick: 1 run); the first (cold) run in the note.
import { build } from 'esbuild';
import { join } from 'node:path';
import { ROOT, round, upper, type BenchOptions, type BenchResult } from './support';
import * as workload from './sim-workload';

export async function run(opts: BenchOptions): Promise<BenchResult[]> {
  const reps = opts.quick ? 1 : 5;
  const out: BenchResult[] = [];
  const base = workload.resolved();
  const ns = workload.timed(() => workload.sweep(base), reps);
  const nm = workload.timed(() => workload.monteCarlo10k(base), reps);
  out.push(upper(`simulator (Node): sweep 1,000 × 50 (${ns.last.points.toLocaleString('en')} points)`, round(ns.medianMs, 1), 'ms', 50, `first ${round(ns.firstMs, 1)} ms`));
  out.push(upper('simulator (Node): Monte Carlo 10,000 draws', round(nm.medianMs, 1), 'ms', 200, `first ${round(nm.firstMs, 1)} ms`));

  const bundle = await build({ entryPoints: [join(ROOT, 'test/perf/sim-workload.ts')], bundle: true, format: 'iife', globalName: 'wbSim', platform: 'browser', target: 'es2022', write: false, minify: true, logLevel: 'silent' });
  const code = bundle.outputFiles[0].text;
  // The same bundle in Node (no tsx transform, as the esbuild-bundled CLI runs the simulator): informative,
  // the target applies to the row above. Its own copy of the modules, so its JIT warm-up starts afresh.
  const bundled = new Function(`${code}\nreturn wbSim;`)() as typeof workload;
  const bm = bundled.timed(() => bundled.monteCarlo10k(bundled.resolved()), reps);
  if (bm.last.p50 !== nm.last.p50) throw new Error('bundled and tsx simulator results differ');
  out.push({ name: 'simulator (Node, esbuild bundle): Monte Carlo 10,000 draws', value: round(bm.medianMs, 1), unit: 'ms', note: `first ${round(bm.firstMs, 1)} ms; same bundle as Chromium` });

  const { chromiumAvailable, openBrowser, CHROMIUM_PATH } = await import('../helpers/browser');
  if (!chromiumAvailable) {
    out.push({ name: 'simulator (Chromium)', value: null, unit: '', note: `no Chromium at ${CHROMIUM_PATH}` });
    return out;
  }
  const session = await openBrowser();
  try {
    const { page } = session;
    await page.setContent('<!doctype html><html><head><meta charset="utf-8"><title>bench</title></head><body></body></html>');
    await page.addScriptTag({ content: code });
    const r = await page.evaluate((n: number) => {
      const w = (globalThis as unknown as { wbSim: typeof workload }).wbSim;
      const base = w.resolved();
      const s = w.timed(() => w.sweep(base), n);
      const m = w.timed(() => w.monteCarlo10k(base), n);
      return { s: { medianMs: s.medianMs, firstMs: s.firstMs, checksum: s.last.checksum }, m: { medianMs: m.medianMs, firstMs: m.firstMs, p50: m.last.p50 } };
    }, reps);
    if (Math.abs(r.s.checksum - ns.last.checksum) > 1e-6 * Math.abs(ns.last.checksum) || r.m.p50 !== nm.last.p50) throw new Error('browser and Node simulator results differ');
    const version = session.context.browser()?.version() ?? 'Chromium';
    out.push(upper('simulator (Chromium): sweep 1,000 × 50', round(r.s.medianMs, 1), 'ms', 50, `first ${round(r.s.firstMs, 1)} ms; ${version}; bundle ${round(code.length / 1024, 0)} KiB`));
    out.push(upper('simulator (Chromium): Monte Carlo 10,000 draws', round(r.m.medianMs, 1), 'ms', 200, `first ${round(r.m.firstMs, 1)} ms`));
    if (session.errors.length) out.push({ name: 'simulator (Chromium): page errors', value: session.errors.length, unit: '', note: session.errors.slice(0, 2).join(' | ') });
  } finally {
    await session.close();
  }
  return out;
}
