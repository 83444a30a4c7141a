// `npm run bench [-- --quick] [-- <name filter>…]`: runs every benchmark module test/perf/*.bench.ts
// (each exports `run({ quick })` → [{ name, value, unit, target? }]), prints a table with figures,
// targets and ratios, and writes the results with the machine description as JSON to
// data/bench/bench-<timestamp>.json and data/bench/latest[-quick].json. Timings are reported, never
// asserted: the exit code is 0 unless a benchmark module crashes (then 1).
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BENCH_DIR, ROOT, type BenchResult } from './support';

interface ModuleReport {
  module: string;
  seconds: number;
  results: BenchResult[];
  error?: string;
}

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const filters = argv.filter((a) => !a.startsWith('--'));
const dir = join(ROOT, 'test/perf');
const modules = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort()
  .filter((f) => !filters.length || filters.some((x) => f.includes(x)));

const fmt = (v: number | null | undefined): string => (v === null || v === undefined ? '–' : Math.abs(v) >= 1000 ? v.toFixed(0) : Math.abs(v) >= 100 ? v.toFixed(1) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(3));

function normalise(r: BenchResult): BenchResult {
  const ok = r.ok ?? undefined;
  return { ...r, value: typeof r.value === 'number' && Number.isFinite(r.value) ? r.value : null, ok };
}

/** A fixed single-threaded CPU workload (ms), recorded at start and end: compare between runs — higher means more contention. */
function cpuProbeMs(): number {
  const t0 = performance.now();
  let x = 0;
  for (let i = 0; i < 5_000_000; i++) x = (x + Math.imul(i, 2654435761)) | 0;
  if (x === 42) process.stdout.write('');
  return Math.round((performance.now() - t0) * 10) / 10;
}

const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  ramGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  loadAvgAtStart: loadavg().map((x) => Math.round(x * 100) / 100),
  cpuProbeMsAtStart: cpuProbeMs()
};

process.stdout.write(`werkbank bench (${quick ? 'quick' : 'full'}) — ${modules.length} modules on ${machine.cpu}, ${machine.cores} cores, ${machine.ramGiB} GiB, Node ${machine.node}, load ${machine.loadAvgAtStart.join(' ')}, CPU probe ${machine.cpuProbeMsAtStart} ms\n`);
const reports: ModuleReport[] = [];
let crashed = false;
mkdirSync(BENCH_DIR, { recursive: true });
const startedAt = new Date().toISOString();
const stamp = startedAt.replace(/[:.]/g, '-');
const files = [join(BENCH_DIR, `bench-${stamp}${quick ? '-quick' : ''}.json`), join(BENCH_DIR, quick ? 'latest-quick.json' : 'latest.json')];
/** Written after every module, so an interrupted run keeps what it measured. */
function save(final: boolean): void {
  const doc = { at: startedAt, finished: final, mode: quick ? 'quick' : 'full', filters, machine: { ...machine, loadAvgAtEnd: loadavg().map((x) => Math.round(x * 100) / 100), ...(final ? { cpuProbeMsAtEnd: cpuProbeMs() } : {}) }, modules: reports };
  for (const f of files) writeFileSync(f, JSON.stringify(doc, null, 2) + '\n');
}
for (const file of modules) {
  const name = basename(file, '.bench.ts');
  const t0 = performance.now();
  process.stdout.write(`\n▶ ${name} …\n`);
  try {
    const mod = (await import(pathToFileURL(join(dir, file)).href)) as { run?: (o: { quick: boolean }) => Promise<BenchResult[]> };
    if (typeof mod.run !== 'function') throw new Error(`${file} exports no run()`);
    const results = (await mod.run({ quick })).map(normalise);
    reports.push({ module: name, seconds: Math.round(performance.now() - t0) / 1000, results });
    for (const r of results) {
      const mark = r.ok === undefined ? ' ' : r.ok ? '✓' : '✗';
      const ratio = typeof r.ratio === 'number' ? ` (${fmt(r.ratio)} of target)` : '';
      process.stdout.write(`  ${mark} ${r.name.padEnd(58)} ${fmt(r.value).padStart(10)} ${r.unit.padEnd(6)} ${r.target ? `target ${r.target}${ratio}` : ''}${r.note ? `  — ${r.note}` : ''}\n`);
    }
    process.stdout.write(`  (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
  } catch (err) {
    crashed = true;
    const e = err as Error;
    reports.push({ module: name, seconds: Math.round(performance.now() - t0) / 1000, results: [], error: e.stack ?? String(e) });
    process.stdout.write(`  ✗ ${name} crashed: ${e.message}\n`);
  }
  save(false);
}

const all = reports.flatMap((r) => r.results);
const missed = all.filter((r) => r.ok === false);
process.stdout.write(`\n${all.length} figures, ${all.filter((r) => r.ok).length} targets met, ${missed.length} missed${crashed ? ', some modules crashed' : ''}.\n`);
for (const m of missed) process.stdout.write(`  missed: ${m.name} = ${fmt(m.value)} ${m.unit} (target ${m.target})\n`);

save(true);
process.stdout.write(`results: ${files.join(', ')}\n`);
process.exit(crashed ? 1 : 0);
