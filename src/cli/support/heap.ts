// Heap growth for long runs: V8 lets the old generation grow to ≈ 4× the live data before a full
// collection, and a long run allocates fast — a 20,000-item run held ≈ 240 MB of heap for ≈ 60 MB live.
// Growing by 50 % keeps the heap near the live size (peak RSS 439 → ≈ 282 MB) but costs ≈ 10 % more CPU
// on short runs, so `werkbank run` switches it on only for runs of LARGE_RUN_ITEMS items or more
// (docs/PERFORMANCE.md). Heap flags the user gives (NODE_OPTIONS or the node command line) win.
import { setFlagsFromString } from 'node:v8';

export const LARGE_RUN_ITEMS = 5000;

/** True when the heap growth was limited; false when the user set heap flags of their own. */
export function limitHeapGrowth(nodeOptions: string | undefined, execArgv: readonly string[]): boolean {
  if (/heap-growing-percent|max-old-space-size|max-heap-size/.test(`${nodeOptions ?? ''} ${execArgv.join(' ')}`)) return false;
  setFlagsFromString('--heap-growing-percent=50');
  return true;
}
