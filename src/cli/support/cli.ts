// CLI support: the command contract, flag parsing with clear usage errors, and output helpers.
// Commands write data to stdout and diagnostics to stderr; `--json` prints exactly one JSON document.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { existsSync, statSync } from 'node:fs';
import { dirname as dirnamePath, resolve as resolvePath } from 'node:path';

/** Settings the CLI entry derives from the environment; commands never read process.env. */
export interface CliEnv {
  cwd: string;
  dbPath: string;
  catalogOverridePath?: string;
  configPath: string;
  /** The user named the config file (WERKBANK_CONFIG): its absence is an error, not "no targets". */
  configRequired?: boolean;
  dataDir: string;
  /** Environment variables commands may need for credentials by name (adapters get only what they ask for). */
  env: Readonly<Record<string, string | undefined>>;
  isTty: boolean;
}

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export interface CommandContext {
  argv: string[];
  env: CliEnv;
  io: CliIo;
  signal: AbortSignal;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(ctx: CommandContext): Promise<number>;
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** A usage or validation error: the CLI prints the message (no stack) and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Flags every command accepts. */
export const commonOptions = {
  json: { type: 'boolean' },
  db: { type: 'string' },
  help: { type: 'boolean', short: 'h' }
} as const satisfies NonNullable<ParseArgsConfig['options']>;

type Options = NonNullable<ParseArgsConfig['options']>;

/** Strict flag parsing; unknown flags or missing values become a UsageError naming the flag. */
export function parseFlags<O extends Options>(argv: string[], options: O, opts: { allowPositionals?: boolean } = {}) {
  try {
    const parsed = parseArgs({ args: argv, options: { ...commonOptions, ...options }, strict: true, allowPositionals: opts.allowPositionals ?? true });
    // an empty path would resolve to the working directory
    if ((parsed.values as { db?: unknown }).db === '') throw new UsageError('--db: Pfad fehlt');
    return parsed;
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(germanParseArgsMessage((err as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, '')));
  }
}

/** node:util parseArgs' messages in German (unknown ones are passed on as they are). */
export function germanParseArgsMessage(msg: string): string {
  let m: RegExpExecArray | null;
  if ((m = /^Unknown option '([^']+)'/.exec(msg))) return `unbekannte Option ${m[1]} (Übersicht: --help)`;
  if ((m = /^Option '([^' ]+)[^']*' argument missing/.exec(msg))) return `${m[1]}: Wert fehlt`;
  if ((m = /^Option '([^']+)' argument is ambiguous/.exec(msg))) return `${m[1]}: Wert beginnt mit "-"; so angeben: ${m[1]}=-WERT`;
  if ((m = /^Option '([^']+)' does not take an argument/.exec(msg))) return `${m[1]} nimmt keinen Wert`;
  if ((m = /^Unexpected argument '([^']+)'/.exec(msg))) return `unerwartetes Argument: ${m[1]}`;
  return msg;
}

/**
 * An output file the command may create: its folder must exist and the path must not be a folder.
 * Returns the absolute path; throws UsageError naming the flag otherwise (instead of ENOENT/EISDIR later).
 */
export function outputFile(flag: string, raw: string, cwd: string): string {
  const abs = resolvePath(cwd, raw);
  if (existsSync(abs) && statSync(abs).isDirectory()) throw new UsageError(`${flag}: ${abs} ist ein Ordner; bitte einen Dateinamen angeben`);
  if (!existsSync(dirnamePath(abs))) throw new UsageError(`${flag}: Ordner ${dirnamePath(abs)} gibt es nicht`);
  return abs;
}

/** Parse a number flag; throws UsageError naming the flag when invalid or out of range. */
export function numberFlag(name: string, raw: string | undefined, opts: { min?: number; max?: number; integer?: boolean; fallback?: number } = {}): number | undefined {
  if (raw === undefined) return opts.fallback;
  // decimal notation only (Number() would also take 0x10, 0b11 and surrounding blanks)
  const v = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isFinite(v)) throw new UsageError(`--${name}: "${raw}" ist keine Zahl`);
  if (opts.integer && !Number.isInteger(v)) throw new UsageError(`--${name}: "${raw}" muss eine ganze Zahl sein`);
  const de = (n: number) => n.toLocaleString('de-DE', { maximumFractionDigits: 6 });
  if (opts.min !== undefined && v < opts.min) throw new UsageError(`--${name}: ${de(v)} ist kleiner als ${de(opts.min)}`);
  if (opts.max !== undefined && v > opts.max) throw new UsageError(`--${name}: ${de(v)} ist größer als ${de(opts.max)}`);
  return v;
}

export function printJson(io: CliIo, value: unknown): void {
  io.out(JSON.stringify(value, jsonReplacer, 2) + '\n');
}

/** JSON replacer: NaN/Infinity never reach output (null instead); bigint as number/string; Dates ISO. */
export function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  return value;
}

/** Render rows as an aligned plain-text table. */
export function formatTable(headers: string[], rows: (string | number | null | undefined)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map((c) => (c === null || c === undefined ? '–' : String(c))))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n') + '\n';
}
