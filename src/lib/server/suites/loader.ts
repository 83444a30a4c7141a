// Suite loader: reads benchmarks/<id>.yaml and its JSONL dataset, validates both with the core schema and
// reports every problem with file and line (YAML node ranges, JSONL line numbers). Also hashes the suite
// content and upserts the row in the store's `suites` table. The parsed YAML is cached on disk (yaml-cache.ts);
// the document with line numbers is built only when a message needs a line.
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { ZodError } from 'zod';
import { validateScorerConfig } from '../../core/scoring';
import {
  fewShotListSchema,
  suiteIdSchema,
  suiteItemSchema,
  suiteLabels,
  suiteSchema,
  templateFields,
  type FewShotTurn,
  type LoadedSuite,
  type Suite,
  type SuiteItem
} from '../../core/suites';
import type { Store } from '../store/db';
import { readYamlCache, writeYamlCache } from '../yaml-cache';

/** Parse settings that change the cached data (yaml-cache.ts). */
const SUITE_YAML_VARIANT = 'suite:maxAliasCount=100';

/** Folder of suite files, relative to the repository root. */
export const BENCHMARKS_DIR = 'benchmarks';

/** A suite file or dataset that does not validate. The message names file and line; the CLI exits 2. */
export class SuiteLoadError extends Error {
  readonly exitCode = 2;
  readonly file: string;
  readonly line?: number;
  /** Further problems after the first (the message lists up to a few of them). */
  readonly problems: string[];
  constructor(file: string, problems: { line?: number; message: string }[]) {
    const lines = problems.map((p) => `${file}${p.line ? `:${p.line}` : ''}: ${p.message}`);
    const shown = lines.slice(0, 10);
    if (lines.length > shown.length) shown.push(`… und ${lines.length - shown.length} weitere Fehler`);
    super(shown.join('\n'));
    this.name = 'SuiteLoadError';
    this.file = file;
    this.line = problems[0]?.line;
    this.problems = lines;
  }
}

export interface SuiteSummary {
  id: string;
  name: string;
  description: string;
  itemCount: number;
  scorer: string;
  primaryMetric: string;
  licence: string;
  source: string;
  personalData: boolean;
  contentHash: string;
  /** Suite file relative to the repository root. */
  file: string;
}

export interface LoadSuiteOptions {
  /**
   * Validate and return only the first `maxItems` items (a run with --limit, previews). Rows after them
   * are not checked; the content hash still covers the whole dataset file.
   */
  maxItems?: number;
}

/** Ids of all suite files (`benchmarks/*.yaml`), sorted. */
export async function suiteIds(rootDir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(join(rootDir, BENCHMARKS_DIR));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return names
    .filter((n) => n.endsWith('.yaml'))
    .map((n) => n.slice(0, -'.yaml'.length))
    .sort();
}

/** Load and validate every suite; throws SuiteLoadError for the first one that does not validate. */
export async function listSuites(rootDir: string): Promise<SuiteSummary[]> {
  const out: SuiteSummary[] = [];
  for (const id of await suiteIds(rootDir)) out.push(summarise(rootDir, await loadSuite(rootDir, id)));
  return out;
}

export function summarise(rootDir: string, loaded: LoadedSuite): SuiteSummary {
  const s = loaded.suite;
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    itemCount: loaded.items.length,
    scorer: s.scorer.type,
    primaryMetric: s.metrics.primary,
    licence: s.dataset.licence,
    source: s.dataset.source,
    personalData: s.personalData,
    contentHash: loaded.contentHash,
    file: relative(resolve(rootDir), loaded.file)
  };
}

/** Load one suite by id: YAML + few-shot file + JSONL dataset, all validated. */
export async function loadSuite(rootDir: string, id: string, opts: LoadSuiteOptions = {}): Promise<LoadedSuite> {
  const idCheck = suiteIdSchema.safeParse(id);
  if (!idCheck.success) throw new SuiteLoadError(`${BENCHMARKS_DIR}/${id}.yaml`, [{ message: `ungültige Suite-ID "${id}": ${idCheck.error.issues[0].message}` }]);
  const root = resolve(rootDir);
  const relFile = `${BENCHMARKS_DIR}/${id}.yaml`;
  const file = join(root, relFile);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      const known = await suiteIds(root);
      throw new SuiteLoadError(relFile, [{ message: `Suite "${id}" gibt es nicht (vorhanden: ${known.join(', ') || 'keine'})` }]);
    }
    throw err;
  }
  const { suite, fewShotText } = await parseSuiteFile(root, relFile, text, id);
  const datasetFile = join(root, suite.dataset.path);
  const datasetText = await readDataset(suite.dataset.path, datasetFile);
  const items = parseItems(suite.dataset.path, datasetText, suite, opts.maxItems);
  const hash = createHash('sha256');
  hash.update(text).update('\0').update(fewShotText ?? '').update('\0');
  hash.update(datasetText);
  return { suite, items, file, datasetFile, contentHash: hash.digest('hex') };
}

/** Validate suite YAML text (file name relative to the root, for messages). Resolves a few-shot path. */
export async function parseSuiteFile(root: string, relFile: string, text: string, expectedId?: string): Promise<{ suite: Suite; fewShotText?: string }> {
  // The YAML document (with line numbers) is only needed for messages once the parsed data is cached.
  let yamlDoc: { doc: Document; lineCounter: LineCounter } | undefined;
  const parsedYaml = () => {
    if (!yamlDoc) {
      const lineCounter = new LineCounter();
      yamlDoc = { doc: parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true }), lineCounter };
    }
    return yamlDoc;
  };
  const lineAt = (path: PropertyKey[], key?: string) => lineOf(parsedYaml().doc, parsedYaml().lineCounter, path, key);
  let raw: unknown;
  const cached = readYamlCache(root, text, SUITE_YAML_VARIANT);
  if (cached) raw = cached.data;
  else {
    const { doc, lineCounter } = parsedYaml();
    if (doc.errors.length > 0) {
      throw new SuiteLoadError(
        relFile,
        doc.errors.map((e) => ({ line: lineCounter.linePos(e.pos[0]).line, message: `YAML-Fehler: ${e.message.split('\n')[0]}` }))
      );
    }
    try {
      // unresolved aliases and alias bombs (resource exhaustion) throw here: a load error, not a crash
      raw = doc.toJS({ maxAliasCount: 100 }) as unknown;
    } catch (err) {
      throw new SuiteLoadError(relFile, [{ message: `YAML-Fehler: ${(err as Error).message.split('\n')[0]}` }]);
    }
    writeYamlCache(root, text, raw, SUITE_YAML_VARIANT);
  }
  const parsed = suiteSchema.safeParse(raw);
  if (!parsed.success) throw new SuiteLoadError(relFile, zodProblems(parsed.error, parsedYaml().doc, parsedYaml().lineCounter));
  const file = parsed.data;
  if (expectedId !== undefined && file.id !== expectedId) {
    throw new SuiteLoadError(relFile, [{ line: lineAt(['id']), message: `id "${file.id}" passt nicht zum Dateinamen (erwartet: ${expectedId})` }]);
  }
  try {
    file.scorer = validateScorerConfig(file.scorer);
  } catch (err) {
    if (!(err instanceof ZodError)) throw err;
    throw new SuiteLoadError(
      relFile,
      err.issues.map((i) => ({
        line: lineAt(['scorer', ...i.path], i.code === 'unrecognized_keys' ? i.keys[0] : undefined),
        message: `scorer.${formatIssuePath(i)}: ${i.code === 'unrecognized_keys' ? 'unbekanntes Feld' : i.message}`
      }))
    );
  }
  let fewShot: FewShotTurn[] | undefined;
  let fewShotText: string | undefined;
  const fs = file.template.fewShot;
  if (typeof fs === 'string') {
    try {
      fewShotText = await readFile(join(root, fs), 'utf8');
    } catch (err) {
      throw new SuiteLoadError(relFile, [{ line: lineAt(['template', 'fewShot']), message: `template.fewShot: Datei ${fs} nicht lesbar (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` }]);
    }
    let json: unknown;
    try {
      json = JSON.parse(fewShotText);
    } catch (err) {
      throw new SuiteLoadError(fs, [{ message: `kein gültiges JSON: ${(err as Error).message}` }]);
    }
    const turns = fewShotListSchema.safeParse(json);
    if (!turns.success) throw new SuiteLoadError(fs, turns.error.issues.map((i) => ({ message: `${formatPath(i.path)}: ${i.message}` })));
    fewShot = turns.data;
  } else {
    fewShot = fs;
    fewShotText = fs ? JSON.stringify(fs) : undefined;
  }
  const suite: Suite = { ...file, template: { system: file.template.system, user: file.template.user, ...(fewShot ? { fewShot } : {}) } };
  return { suite, fewShotText };
}

async function readDataset(relPath: string, abs: string): Promise<string> {
  try {
    return await readFile(abs, 'utf8');
  } catch (err) {
    throw new SuiteLoadError(relPath, [{ message: `Datensatz nicht lesbar (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` }]);
  }
}

/** Parse and validate JSONL rows: JSON syntax, row schema, unique ids, template fields, labels. */
export function parseItems(relPath: string, text: string, suite: Suite, maxItems?: number): SuiteItem[] {
  const problems: { line: number; message: string }[] = [];
  const items: SuiteItem[] = [];
  const seen = new Map<string, number>();
  const fields = templateFields(suite.template.user);
  const labels = suiteLabels(suite);
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (maxItems !== undefined && items.length >= maxItems) break;
    const lineText = lines[i].replace(/\r$/, '');
    if (lineText.trim() === '') continue;
    const line = i + 1;
    let json: unknown;
    try {
      json = JSON.parse(lineText);
    } catch (err) {
      problems.push({ line, message: `kein gültiges JSON: ${(err as Error).message}` });
      continue;
    }
    const parsed = suiteItemSchema.safeParse(json);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push({ line, message: `Feld ${formatIssuePath(issue)}: ${issue.message}` });
      continue;
    }
    const item = parsed.data;
    const first = seen.get(item.id);
    if (first !== undefined) {
      problems.push({ line, message: `Feld id: doppelte id "${item.id}" (zuerst in Zeile ${first})` });
      continue;
    }
    seen.set(item.id, line);
    for (const f of fields) {
      const v = item.input[f];
      if (v === undefined || v === null) problems.push({ line, message: `Feld input.${f}: fehlt, wird aber im Template als {{${f}}} verwendet` });
    }
    if (labels && typeof item.expected === 'string' && !labels.includes(item.expected)) {
      problems.push({ line, message: `Feld expected: "${item.expected}" ist keines der Labels (${labels.join(', ')})` });
    }
    items.push(item);
    if (problems.length >= 50) break;
  }
  if (problems.length > 0) throw new SuiteLoadError(relPath, problems);
  if (items.length === 0) throw new SuiteLoadError(relPath, [{ message: 'Datensatz enthält keine Einträge' }]);
  return items;
}

/** The store row for the `suites` table. */
export function suiteRow(loaded: LoadedSuite): Record<string, unknown> {
  const s = loaded.suite;
  return {
    id: s.id,
    name: s.name,
    content_hash: loaded.contentHash,
    item_count: loaded.items.length,
    scorer: s.scorer.type,
    personal_data: s.personalData,
    licence: s.dataset.licence,
    source: s.dataset.source
  };
}

/** Insert or replace the suite's row (id, name, hash, item count, scorer, personal data, licence, source). */
export async function upsertSuite(store: Store, loaded: LoadedSuite): Promise<void> {
  await store.insertRows('suites', [suiteRow(loaded)], { replace: true });
}

function formatPath(path: PropertyKey[]): string {
  if (path.length === 0) return '(Wurzel)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i > 0 ? '.' : ''}${String(p)}`)).join('');
}

function formatIssuePath(issue: ZodError['issues'][number]): string {
  if (issue.code === 'unrecognized_keys') return issue.keys.map((k) => formatPath([...issue.path, k])).join(', ');
  return formatPath(issue.path);
}

function zodProblems(error: ZodError, doc: Document, lc: LineCounter): { line?: number; message: string }[] {
  return error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return {
        line: lineOf(doc, lc, issue.path, issue.keys[0]),
        message: `${formatIssuePath(issue)}: unbekanntes Feld`
      };
    }
    return { line: lineOf(doc, lc, issue.path), message: `${formatPath(issue.path)}: ${issue.message}` };
  });
}

/**
 * 1-based line of the YAML node at `path` (or of the key `key` inside it); for a missing node, the line of
 * the deepest existing parent.
 */
function lineOf(doc: Document, lc: LineCounter, path: PropertyKey[], key?: string): number | undefined {
  let node: unknown = doc.contents;
  let line = rangeLine(node, lc);
  for (const seg of path) {
    if (!node || typeof node !== 'object' || !('items' in node)) break;
    const items = (node as { items: unknown[] }).items;
    let next: unknown;
    let keyNode: unknown;
    if (isMap(node)) {
      const pair = items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (isPair(pair)) {
        next = pair.value;
        keyNode = pair.key;
      }
    } else if (typeof seg === 'number') {
      next = items[seg];
    }
    if (next === undefined && keyNode === undefined) break;
    line = rangeLine(next, lc) ?? rangeLine(keyNode, lc) ?? line;
    // A block value starts on the line after its key; point at the key line for scalars and the key itself.
    if (keyNode && !(next && typeof next === 'object' && 'items' in next)) line = rangeLine(keyNode, lc) ?? line;
    node = next;
  }
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
    if (pair) line = rangeLine(pair.key, lc) ?? line;
  }
  return line;
}

function rangeLine(node: unknown, lc: LineCounter): number | undefined {
  if (!node || typeof node !== 'object' || !('range' in node)) return undefined;
  const range = (node as { range?: [number, number, number] }).range;
  if (!range) return undefined;
  return lc.linePos(range[0]).line;
}
