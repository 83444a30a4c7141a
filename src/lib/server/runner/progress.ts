// Progress rendering for the CLI: a one-line progress bar (items, ok/errors, rate, ETA, spend) for a
// terminal, or NDJSON events (one JSON object per line) for machines. Both go to stderr.
import type { ProgressEvent } from './types';

const eur = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR', minimumFractionDigits: 2, maximumFractionDigits: 4 });

function eta(sec: number | null): string {
  if (sec === null || !Number.isFinite(sec)) return '–';
  const s = Math.round(sec);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** One progress-bar line (without carriage return). */
export function progressLine(ev: ProgressEvent, width = 24): string {
  const frac = ev.total > 0 ? Math.min(1, ev.done / ev.total) : 0;
  const filled = Math.round(frac * width);
  const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
  const rate = ev.ratePerSec === null ? '–' : `${ev.ratePerSec.toLocaleString('de-DE', { maximumFractionDigits: 2 })}/s`;
  const parts = [`${bar} ${ev.done}/${ev.total}`, `ok ${ev.ok}`, `Fehler ${ev.error}`, `${rate}`, `ETA ${eta(ev.etaSec)}`, eur.format(ev.spentEur)];
  if (ev.synthetic) parts.push('synthetisch');
  return parts.join(' · ');
}

export type ProgressMode = 'bar' | 'json' | 'none';

/** A progress listener writing to `write` (stderr) in the given mode; bar redraws at most every 100 ms. */
export function progressPrinter(mode: ProgressMode, write: (text: string) => void): ((ev: ProgressEvent) => void) | undefined {
  if (mode === 'none') return undefined;
  if (mode === 'json') return (ev) => write(JSON.stringify(ev, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v)) + '\n');
  let last = 0;
  return (ev) => {
    const t = Date.now();
    if (ev.type === 'progress' && t - last < 100 && ev.done < ev.total) return;
    last = t;
    write(`\r\x1b[2K${progressLine(ev)}${ev.type === 'end' ? '\n' : ''}`);
  };
}
