// Shared helpers for the team-written German suites: JSONL writing, IBAN and USt-IdNr. check digits,
// German number/date formatting. Used by the generator scripts in this folder (run with `npx tsx`).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export interface Row {
  id: string;
  input: Record<string, unknown>;
  expected: unknown;
  meta?: Record<string, unknown>;
}

/** Writes rows as JSONL to datasets/<suiteId>/items.jsonl, refusing duplicate ids. */
export function writeItems(suiteId: string, rows: Row[]): string {
  const seen = new Set<string>();
  for (const r of rows) {
    if (seen.has(r.id)) throw new Error(`${suiteId}: duplicate id ${r.id}`);
    seen.add(r.id);
  }
  const file = resolve(repoRoot, 'datasets', suiteId, 'items.jsonl');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n', 'utf8');
  return file;
}

/** ISO 13616 mod-97 check digits for a German IBAN from BLZ (8 digits) and account number (10 digits). */
export function germanIban(blz: string, konto: string): string {
  const bban = blz.padStart(8, '0') + konto.padStart(10, '0');
  // D=13, E=14, then "00" as placeholder check digits
  const numeric = bban + '1314' + '00';
  let rem = 0;
  for (const ch of numeric) rem = (rem * 10 + Number(ch)) % 97;
  const check = String(98 - rem).padStart(2, '0');
  return `DE${check}${bban}`;
}

/** True when the IBAN's mod-97 checksum is valid (ISO 13616). */
export function ibanValid(iban: string): boolean {
  const s = iban.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(s)) return false;
  const moved = s.slice(4) + s.slice(0, 4);
  let rem = 0;
  for (const ch of moved) {
    const v = /[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of v) rem = (rem * 10 + Number(d)) % 97;
  }
  return rem === 1;
}

/** Formats an IBAN in groups of four, as printed on invoices. */
export function groupIban(iban: string): string {
  return iban.replace(/(.{4})/g, '$1 ').trim();
}

/** German USt-IdNr.: DE + 8 digits + check digit (ISO 7064 MOD 11,10, as used by the BZSt). */
export function ustIdNr(eightDigits: string): string {
  let product = 10;
  for (const ch of eightDigits) {
    let sum = (Number(ch) + product) % 10;
    if (sum === 0) sum = 10;
    product = (2 * sum) % 11;
  }
  let check = 11 - product;
  if (check === 10) check = 0;
  return `DE${eightDigits}${check}`;
}

/** Deterministic PRNG (mulberry32) so regenerating a dataset yields identical files. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Amount in German format without currency: 1.234,56 */
export function deAmount(v: number): string {
  const [int, dec] = v.toFixed(2).split('.');
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, '.') + ',' + dec;
}

/** Round to cents (half away from zero, on integer cents to avoid float drift). */
export function cents(v: number): number {
  return Math.round((v + Number.EPSILON) * 100) / 100;
}

const MONATE = [
  'Januar', 'Februar', 'März', 'April', 'Mai', 'Juni',
  'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'
];

/** ISO date (YYYY-MM-DD) → one of several German spellings. */
export function deDate(iso: string, style: 'dot' | 'dot-short' | 'long' | 'long-pad'): string {
  const [y, m, d] = iso.split('-').map(Number);
  switch (style) {
    case 'dot':
      return `${String(d).padStart(2, '0')}.${String(m).padStart(2, '0')}.${y}`;
    case 'dot-short':
      return `${d}.${m}.${y}`;
    case 'long':
      return `${d}. ${MONATE[m - 1]} ${y}`;
    case 'long-pad':
      return `${String(d).padStart(2, '0')}. ${MONATE[m - 1]} ${y}`;
  }
}

/** Adds days to an ISO date (UTC, no DST issues). */
export function addDays(iso: string, days: number): string {
  const t = Date.parse(iso + 'T00:00:00Z') + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}
