// The simulator workloads of browser.bench.ts, pure (no node:*), so the same code runs in Node and, bundled
// by esbuild, in Chromium: the 1,000 × 50 sweep (50 scenario variants — requests per active user from
// 0.5× to 2× — each costed at 1,000 user counts with costCurve) and Monte Carlo with 10,000 draws (±20 %
// on every assumption). Scenario and catalog: the simulator's hand-checkable test fixture.
import { ASSUMPTIONS, cloneResolved, costCurve, monteCarlo, parseScenario, resolveScenario, type ResolvedScenario } from '../../src/lib/core/sim';
import { fixtureCatalog, handScenario } from '../unit/sim-fixtures';

export function resolved(): ResolvedScenario {
  return resolveScenario(parseScenario(handScenario()), fixtureCatalog);
}

const USERS = Array.from({ length: 1000 }, (_, i) => i + 1);

/** 50 variants × 1,000 user counts; returns elapsed ms and a checksum so the work cannot be skipped. */
export function sweep(base: ResolvedScenario): { ms: number; points: number; checksum: number } {
  const t0 = performance.now();
  const a = ASSUMPTIONS.find((x) => x.key === 'tenant.requestsPerActiveUserPerDay');
  if (!a) throw new Error('assumption tenant.requestsPerActiveUserPerDay missing');
  let points = 0;
  let checksum = 0;
  for (let v = 0; v < 50; v++) {
    const s = cloneResolved(base);
    a.set(s, a.get(base) * (0.5 + (1.5 * v) / 49));
    for (const p of costCurve(s, USERS)) {
      points++;
      checksum += p.apiEur + (p.selfHostedEur ?? 0);
    }
  }
  return { ms: performance.now() - t0, points, checksum };
}

export function monteCarlo10k(base: ResolvedScenario): { ms: number; draws: number; p50: number | null } {
  const t0 = performance.now();
  const r = monteCarlo(base, { draws: 10_000, seed: 42, spread: 0.2 });
  return { ms: performance.now() - t0, draws: r.draws, p50: r.percentiles.p50 };
}

/** Median over `reps` runs after one warm-up. */
export function timed<T extends { ms: number }>(fn: () => T, reps: number): { medianMs: number; firstMs: number; last: T } {
  const first = fn();
  const times: number[] = [];
  let last = first;
  for (let i = 0; i < reps; i++) {
    last = fn();
    times.push(last.ms);
  }
  times.sort((x, y) => x - y);
  return { medianMs: times.length ? times[Math.floor(times.length / 2)] : first.ms, firstMs: first.ms, last };
}
