// de-DE number formatting for the simulator UI (null/undefined/non-finite → "–").
const cache = new Map<string, Intl.NumberFormat>();
function nf(min: number, max: number, style?: 'currency' | 'percent'): Intl.NumberFormat {
  const key = `${min}/${max}/${style ?? ''}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat('de-DE', style === 'currency' ? { style, currency: 'EUR', minimumFractionDigits: min, maximumFractionDigits: max } : { style, minimumFractionDigits: min, maximumFractionDigits: max });
    cache.set(key, f);
  }
  return f;
}
const ok = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

export const fmtInt = (v: number | null | undefined) => (ok(v) ? nf(0, 0).format(v) : '–');
export const fmtNum = (v: number | null | undefined, digits = 2) => (ok(v) ? nf(0, digits).format(v) : '–');
export const fmtEur = (v: number | null | undefined, digits = 2) => (ok(v) ? nf(digits, digits, 'currency').format(v) : '–');
export const fmtPct = (v: number | null | undefined, digits = 0) => (ok(v) ? nf(0, digits, 'percent').format(v) : '–');
