// `npx tsx test/perf/report.ts [data/bench/latest.json]`: prints a bench result file as a Markdown table
// (figure, value, target, met) with the machine line — the table in docs/PERFORMANCE.md is made with it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_DIR, type BenchResult } from './support';

const file = process.argv[2] ?? join(BENCH_DIR, 'latest.json');
const doc = JSON.parse(readFileSync(file, 'utf8')) as {
  at: string;
  mode: string;
  machine: Record<string, unknown>;
  modules: { module: string; seconds: number; results: BenchResult[]; error?: string }[];
};
const m = doc.machine;
const fmt = (v: number | null | undefined): string =>
  v === null || v === undefined ? '–' : Math.abs(v) >= 100 ? v.toLocaleString('en', { maximumFractionDigits: 0 }) : Math.abs(v) >= 1 ? v.toLocaleString('en', { maximumFractionDigits: 2 }) : v.toPrecision(3);
const cell = (s: string) => s.replace(/\|/g, '\\|');
const lines = [
  `Run ${doc.at} (${doc.mode}) on ${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB RAM, Node ${m.node}; load average ${(m.loadAvgAtStart as number[]).join(' / ')} at start, ${((m.loadAvgAtEnd as number[]) ?? []).join(' / ')} at end; CPU probe ${m.cpuProbeMsAtStart} ms → ${m.cpuProbeMsAtEnd ?? '–'} ms.`,
  '',
  '| module | figure | value | target | met | note |',
  '|---|---|---:|---|:-:|---|'
];
for (const mod of doc.modules) {
  if (mod.error) lines.push(`| ${mod.module} | crashed | – | – | ✗ | ${cell(mod.error.split('\n')[0])} |`);
  for (const r of mod.results) {
    const met = r.ok === undefined || r.ok === null ? '' : r.ok ? '✓' : '✗';
    lines.push(`| ${mod.module} | ${cell(r.name)} | ${fmt(r.value)} ${r.unit} | ${cell(r.target ?? '')} | ${met} | ${cell(r.note ?? '')} |`);
  }
}
process.stdout.write(lines.join('\n') + '\n');
