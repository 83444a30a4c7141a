// CSV (RFC 4180) shared by the server exports and the explorer's browser download. Text cells that start
// with = + - @ (or a tab/CR) get a leading apostrophe so spreadsheets do not run them as formulas.

export function csvCell(v: unknown, text: boolean): string {
  if (v === null || v === undefined) return '';
  let s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : String(v);
  if (text && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Rows as CSV lines, each ended by CRLF ('' for none); `isText(value, column)` says which cells get the formula guard. */
export function csvLines(rows: readonly (readonly unknown[])[], isText: (value: unknown, column: number) => boolean): string {
  let out = '';
  for (const r of rows) out += r.map((v, i) => csvCell(v, isText(v, i))).join(',') + '\r\n';
  return out;
}

/** Header plus rows; `isText(value, column)` says which cells get the formula guard. */
export function toCsvTable(header: readonly string[], rows: readonly (readonly unknown[])[], isText: (value: unknown, column: number) => boolean): string {
  return csvLines([header], () => true) + csvLines(rows, isText);
}
