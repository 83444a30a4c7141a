// Release-gate helpers: compare a candidate run with a baseline on the same items and decide whether the
// candidate is significantly worse than allowed. Definitions (also in docs/scoring.md):
//   delta = mean over paired items of (candidate score − baseline score), with a 95% paired-bootstrap interval [lower, upper].
//   criterion "drop-beyond-noise" (default): worse ⇔ delta < −maxDrop AND upper < 0
//     (the observed drop exceeds the allowance and the interval excludes "no difference").
//   criterion "confident-drop": worse ⇔ upper < −maxDrop (even the optimistic end of the interval drops more than allowed).
import { isBinary, mcnemar, type McNemarResult } from './mcnemar';
import { pairedBootstrap, pairByItem, type BootstrapOptions, type PairedResult } from './bootstrap';

export type GateCriterion = 'drop-beyond-noise' | 'confident-drop';

export interface Comparison {
  paired: PairedResult;
  /** Present when both runs' scores are binary (0/1). */
  mcnemar?: McNemarResult;
  /** Item ids present in both runs (the comparison uses only these). */
  ids: string[];
  onlyBaseline: string[];
  onlyCandidate: string[];
}

/** Paired comparison of two runs' per-item scores keyed by item id. */
export function compareRuns(
  baseline: ReadonlyMap<string, number> | Record<string, number>,
  candidate: ReadonlyMap<string, number> | Record<string, number>,
  opts: BootstrapOptions = {}
): Comparison {
  return comparePairs(pairByItem(baseline, candidate), opts);
}

/** Items already paired (as pairByItem returns them: ids sorted, scores aligned with ids). */
export interface PairedItems {
  ids: string[];
  baseline: number[];
  candidate: number[];
  onlyBaseline: string[];
  onlyCandidate: string[];
}

/** compareRuns for items already paired, e.g. by a join in the database. */
export function comparePairs(p: PairedItems, opts: BootstrapOptions = {}): Comparison {
  const paired = pairedBootstrap(p.baseline, p.candidate, opts);
  const out: Comparison = { paired, ids: p.ids, onlyBaseline: p.onlyBaseline, onlyCandidate: p.onlyCandidate };
  if (p.ids.length > 0 && isBinary(p.baseline) && isBinary(p.candidate)) out.mcnemar = mcnemar(p.baseline, p.candidate);
  return out;
}

export interface WorseDecision {
  worse: boolean;
  /** Human-readable reason (German), also when not worse. */
  reason: string;
  /** True when there were no paired items (the decision is then "not worse" and the caller should fail separately if it needs data). */
  undetermined: boolean;
}

/** Whether a paired comparison counts as significantly worse by more than `maxDrop` (score units, e.g. 0.02). */
export function significantlyWorse(paired: PairedResult, maxDrop: number, criterion: GateCriterion = 'drop-beyond-noise'): WorseDecision {
  if (!(maxDrop >= 0)) throw new RangeError(`maxDrop must be ≥ 0, got ${maxDrop}`);
  if (paired.delta === null || paired.lower === null || paired.upper === null) return { worse: false, undetermined: true, reason: paired.reason ?? 'kein Vergleich möglich' };
  const fmt = (v: number) => (v >= 0 ? '+' : '−') + Math.abs(v).toLocaleString('de-DE', { minimumFractionDigits: 4, maximumFractionDigits: 4 });
  const drop = maxDrop.toLocaleString('de-DE', { maximumFractionDigits: 6 });
  const ci = `Δ ${fmt(paired.delta)} (95%-KI ${fmt(paired.lower)} … ${fmt(paired.upper)}, n=${paired.n})`;
  const worse = criterion === 'confident-drop' ? paired.upper < -maxDrop : paired.delta < -maxDrop && paired.upper < 0;
  const rule = criterion === 'confident-drop' ? `obere KI-Grenze < −${drop}` : `Δ < −${drop} und obere KI-Grenze < 0`;
  return { worse, undetermined: false, reason: `${ci}; ${worse ? 'signifikant schlechter' : 'nicht signifikant schlechter'} (${rule})` };
}
