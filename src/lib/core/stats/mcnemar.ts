// McNemar's test for paired binary scores (two runs on the same items): exact conditional binomial
// p-value and the mid-p variant (Fagerland, Lydersen & Laake 2013, BMC Med Res Methodol 13:91).

export interface McNemarResult {
  /** Items correct in the baseline and wrong in the candidate. */
  baselineOnly: number;
  /** Items wrong in the baseline and correct in the candidate. */
  candidateOnly: number;
  /** Paired items considered. */
  n: number;
  /** Exact two-sided p-value: min(1, 2·P(X ≤ min(b, c))), X ~ Bin(b + c, 1/2). */
  pExact: number | null;
  /** Mid-p: exact p-value minus P(X = min(b, c)) (i.e. 2·[P(X ≤ k) − P(X = k)/2]). */
  pMid: number | null;
  reason?: string;
}

function logFactorials(n: number): Float64Array {
  const lf = new Float64Array(n + 1);
  for (let i = 2; i <= n; i++) lf[i] = lf[i - 1] + Math.log(i);
  return lf;
}

/** McNemar from the two discordant counts b (baseline only correct) and c (candidate only correct). */
export function mcnemarFromCounts(b: number, c: number, n = b + c): McNemarResult {
  if (!Number.isInteger(b) || !Number.isInteger(c) || b < 0 || c < 0) throw new RangeError('discordant counts must be non-negative integers');
  const m = b + c;
  if (n === 0) return { baselineOnly: 0, candidateOnly: 0, n: 0, pExact: null, pMid: null, reason: 'keine gepaarten Items' };
  if (m === 0) return { baselineOnly: 0, candidateOnly: 0, n, pExact: 1, pMid: 1, reason: 'keine diskordanten Paare' };
  const k = Math.min(b, c);
  const lf = logFactorials(m);
  const pmf = (i: number) => Math.exp(lf[m] - lf[i] - lf[m - i] - m * Math.LN2);
  let cdf = 0;
  for (let i = 0; i <= k; i++) cdf += pmf(i);
  const pExact = Math.min(1, 2 * cdf);
  const pMid = Math.min(1, 2 * (cdf - pmf(k) / 2));
  return { baselineOnly: b, candidateOnly: c, n, pExact, pMid };
}

/** McNemar for two aligned binary score vectors (a score ≥ 0.5 counts as correct). */
export function mcnemar(baseline: readonly number[], candidate: readonly number[]): McNemarResult {
  if (baseline.length !== candidate.length) throw new RangeError(`McNemar needs equal lengths (${baseline.length} vs ${candidate.length})`);
  let b = 0;
  let c = 0;
  let n = 0;
  for (let i = 0; i < baseline.length; i++) {
    if (!Number.isFinite(baseline[i]) || !Number.isFinite(candidate[i])) continue;
    n++;
    const x = baseline[i] >= 0.5;
    const y = candidate[i] >= 0.5;
    if (x && !y) b++;
    else if (!x && y) c++;
  }
  return mcnemarFromCounts(b, c, n);
}

/** True when every finite score is exactly 0 or 1 (then McNemar applies). */
export function isBinary(values: readonly number[]): boolean {
  return values.every((v) => !Number.isFinite(v) || v === 0 || v === 1);
}
