// Loader for werkbank.config.yaml: YAML → zod-validated WerkbankConfig. Every problem is reported as a
// ConfigError naming file, line and field. A missing file is an empty config (bare routes still work).
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { lineOf } from '../catalog/load';
import { configFileSchema, targetKeyIssues, type WerkbankConfig } from './schema';

export interface ConfigIssue {
  file: string;
  line?: number;
  field: string;
  message: string;
}

export class ConfigError extends Error {
  readonly issues: ConfigIssue[];
  constructor(issues: ConfigIssue[]) {
    super(issues.map((i) => `${i.file}${i.line ? `:${i.line}` : ''}: ${i.field}: ${i.message}`).join('\n'));
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

/** Parse and validate config text; `file` is used in messages. */
export function parseConfig(text: string, file: string, rootDir = dirname(file)): WerkbankConfig {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) throw new ConfigError(doc.errors.map((e) => ({ file, line: lines.linePos(e.pos[0]).line, field: '(YAML)', message: e.message.split('\n')[0] })));
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (err) {
    // unresolved aliases and alias bombs (resource exhaustion): a config error naming the file, not a crash
    throw new ConfigError([{ file, field: '(YAML)', message: (err as Error).message.split('\n')[0] }]);
  }
  const parsed = configFileSchema.safeParse(data);
  if (!parsed.success) {
    const issues: { path: (string | number)[]; message: string }[] = parsed.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)) as (string | number)[], message: i.message }));
    // Zod skips refinements once a field fails; unknown keys and secrets are reported regardless.
    const targets = (data as { targets?: unknown }).targets;
    if (targets && typeof targets === 'object') {
      for (const [name, t] of Object.entries(targets)) for (const k of targetKeyIssues(t)) issues.push({ path: ['targets', name, ...k.path], message: k.message });
    }
    const seen = new Set<string>();
    const out: ConfigIssue[] = [];
    for (const i of issues) {
      const field = i.path.join('.') || '(root)';
      const id = `${field}\u0000${i.message}`;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push({ file, line: lineOf(doc, lines, i.path), field, message: i.message });
    }
    out.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    throw new ConfigError(out);
  }
  return { path: file, rootDir, targets: parsed.data.targets };
}

/**
 * Read werkbank.config.yaml; a missing file yields an empty config rooted at the file's directory,
 * unless `required` (the user named the file through WERKBANK_CONFIG: a typo must not silently mean
 * "no targets").
 */
export async function loadConfig(path: string, opts: { rootDir?: string; required?: boolean } = {}): Promise<WerkbankConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      if (opts.required) throw new ConfigError([{ file: path, field: '(file)', message: 'does not exist (named by WERKBANK_CONFIG) / Datei fehlt' }]);
      return { rootDir: opts.rootDir ?? dirname(path), targets: {} };
    }
    throw new ConfigError([{ file: path, field: '(file)', message: `not readable: ${(err as Error).message}` }]);
  }
  return parseConfig(text, path, opts.rootDir ?? dirname(path));
}
