// Catalog loading: reads datasets/catalog/*.yaml and the user override (werkbank.catalog.yaml),
// validates both with the core schemas, merges them, and reports every problem as a CatalogError
// naming file, line and field path. Results are cached per (rootDir, overridePath, file mtimes) in
// memory, and the parsed YAML of each file on disk (yaml-cache.ts) so a fresh process skips the parse.
import { readFile, readdir, stat } from 'node:fs/promises';
import { join, relative, isAbsolute } from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { readYamlCache, writeYamlCache } from '../yaml-cache';
import {
  CatalogValidationError,
  catalogSchema,
  checkCatalogDocument,
  checkCatalogReferences,
  formatPath,
  listSections,
  mergeCatalog,
  type Catalog,
  type CatalogIssue,
  type CatalogSection,
  type MergeTrace
} from '../../core/catalog';

export interface CatalogErrorIssue {
  file: string;
  line?: number;
  fieldPath: string;
  message: string;
}

/** A catalog file could not be read or is invalid. The message names file, line and field. */
export class CatalogError extends Error {
  readonly issues: CatalogErrorIssue[];
  constructor(issues: CatalogErrorIssue[]) {
    super(
      issues
        .slice(0, 20)
        .map((i) => `${i.file}${i.line ? `:${i.line}` : ''}: ${i.fieldPath}: ${i.message}`)
        .join('\n') + (issues.length > 20 ? `\n… und ${issues.length - 20} weitere` : '')
    );
    this.name = 'CatalogError';
    this.issues = issues;
  }
}

export interface LoadCatalogOptions {
  /** Project root holding datasets/catalog/. */
  rootDir: string;
  /** User override file (YAML, same sections as the catalog). */
  overridePath?: string;
  /** Skip the cache (tests). */
  noCache?: boolean;
}

export const CATALOG_DIR = join('datasets', 'catalog');
/** Parse settings that shape the data (part of the YAML cache key). */
const YAML_VARIANT = 'catalog:maxAliasCount=1000';

interface ParsedFile {
  file: string;
  display: string;
  /** Parsed on first use when the data came from the YAML cache (only error messages need lines). */
  readonly doc: Document;
  readonly lines: LineCounter;
  data: unknown;
}

const cache = new Map<string, { signature: string; catalog: Promise<Catalog> }>();

function display(rootDir: string, file: string): string {
  const rel = relative(rootDir, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

function parseText(text: string): { doc: Document; lines: LineCounter } {
  const lines = new LineCounter();
  return { doc: parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true }), lines };
}

async function parseYamlFile(rootDir: string, file: string): Promise<ParsedFile> {
  const shown = display(rootDir, file);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CatalogError([{ file: shown, fieldPath: '(Datei)', message: code === 'ENOENT' ? 'Datei nicht gefunden' : `nicht lesbar: ${(err as Error).message}` }]);
  }
  const cached = readYamlCache(rootDir, text, YAML_VARIANT);
  if (cached) {
    let parsed: { doc: Document; lines: LineCounter } | undefined;
    const lazy = () => (parsed ??= parseText(text));
    return {
      file,
      display: shown,
      data: cached.data,
      get doc() {
        return lazy().doc;
      },
      get lines() {
        return lazy().lines;
      }
    };
  }
  const { doc, lines } = parseText(text);
  if (doc.errors.length) {
    throw new CatalogError(
      doc.errors.map((e) => ({ file: shown, line: lines.linePos(e.pos[0]).line, fieldPath: '(YAML)', message: e.message.split('\n')[0] }))
    );
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 1000 });
  } catch (err) {
    // unresolved aliases and alias bombs (resource exhaustion): a catalog error naming the file, not a crash
    throw new CatalogError([{ file: shown, fieldPath: '(YAML)', message: (err as Error).message.split('\n')[0] }]);
  }
  writeYamlCache(rootDir, text, data, YAML_VARIANT);
  return { file, display: shown, doc, lines, data };
}

/** Line of the deepest node that exists along `path` in the YAML document. */
export function lineOf(doc: Document, lines: LineCounter, path: (string | number)[]): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && Array.isArray(node.range)) return lines.linePos(node.range[0]).line;
  }
  return undefined;
}

function toErrorIssues(f: ParsedFile, issues: CatalogIssue[]): CatalogErrorIssue[] {
  return issues.map((i) => ({ file: f.display, line: lineOf(f.doc, f.lines, i.path), fieldPath: formatPath(i.path), message: i.message }));
}

async function catalogFiles(rootDir: string): Promise<string[]> {
  const dir = join(rootDir, CATALOG_DIR);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    throw new CatalogError([{ file: display(rootDir, dir), fieldPath: '(Ordner)', message: 'Katalogordner nicht gefunden' }]);
  }
  return names
    .filter((n) => n.endsWith('.yaml') || n.endsWith('.yml'))
    .sort()
    .map((n) => join(dir, n));
}

async function signatureOf(files: string[]): Promise<string> {
  const parts = await Promise.all(
    files.map(async (f) => {
      try {
        const s = await stat(f);
        return `${f}@${s.mtimeMs}:${s.size}`;
      } catch {
        return `${f}@missing`;
      }
    })
  );
  return parts.join('|');
}

/** Read, validate and merge the shipped catalog and the optional user override. */
export async function loadCatalog(opts: LoadCatalogOptions): Promise<Catalog> {
  const files = await catalogFiles(opts.rootDir);
  const key = `${opts.rootDir}\u0000${opts.overridePath ?? ''}`;
  const signature = await signatureOf(opts.overridePath ? [...files, opts.overridePath] : files);
  const hit = cache.get(key);
  if (!opts.noCache && hit && hit.signature === signature) return hit.catalog;
  const promise = readCatalog(opts.rootDir, files, opts.overridePath);
  if (!opts.noCache) {
    cache.set(key, { signature, catalog: promise });
    promise.catch(() => cache.delete(key));
  }
  return promise;
}

/** Drop cached catalogs (tests, or after writing an override). */
export function clearCatalogCache(): void {
  cache.clear();
}

async function readCatalog(rootDir: string, files: string[], overridePath?: string): Promise<Catalog> {
  const parsed = await Promise.all(files.map((f) => parseYamlFile(rootDir, f)));
  const errors: CatalogErrorIssue[] = [];
  // Which file and index each base entry came from, to name duplicates and reference errors.
  const origin: Record<CatalogSection, { file: ParsedFile; index: number }[]> = Object.fromEntries(listSections.map((s) => [s, []])) as never;
  const combined: Record<string, unknown> = {};
  let fxFrom: ParsedFile | undefined;
  for (const f of parsed) {
    const issues = checkCatalogDocument(f.data);
    if (issues.length) {
      errors.push(...toErrorIssues(f, issues));
      continue;
    }
    if (!f.data) continue;
    for (const [k, v] of Object.entries(f.data as Record<string, unknown>)) {
      if (k === 'fx') {
        if (fxFrom) errors.push({ file: f.display, line: lineOf(f.doc, f.lines, ['fx']), fieldPath: 'fx', message: `fx ist bereits in ${fxFrom.display} gesetzt` });
        fxFrom = f;
        combined.fx = v;
        continue;
      }
      const s = k as CatalogSection;
      const list = (v as unknown[] | null) ?? [];
      combined[s] = [...((combined[s] as unknown[]) ?? []), ...list];
      list.forEach((_, index) => origin[s].push({ file: f, index }));
    }
  }
  if (errors.length) throw new CatalogError(errors);

  // Duplicates across files.
  const dup = checkCatalogDocument(combined, { duplicatesOnly: true });
  for (const i of dup) {
    const [s, idx, ...rest] = i.path as [CatalogSection, number, ...(string | number)[]];
    const o = origin[s]?.[idx];
    if (o) errors.push(...toErrorIssues(o.file, [{ path: [s, o.index, ...rest], message: i.message }]));
    else errors.push({ file: display(rootDir, join(rootDir, CATALOG_DIR)), fieldPath: formatPath(i.path), message: i.message });
  }
  if (errors.length) throw new CatalogError(errors);

  let catalog = catalogSchema.parse(combined);
  const baseRefs = checkCatalogReferences(catalog);
  if (baseRefs.length) {
    throw new CatalogError(
      baseRefs.map((i) => {
        const [s, idx, ...rest] = i.path as [CatalogSection, number, ...(string | number)[]];
        const o = origin[s]?.[idx];
        return o ? toErrorIssues(o.file, [{ path: [s, o.index, ...rest], message: i.message }])[0] : { file: CATALOG_DIR, fieldPath: formatPath(i.path), message: i.message };
      })
    );
  }

  if (!overridePath) return catalog;
  const ov = await parseYamlFile(rootDir, overridePath);
  const trace: MergeTrace = { fromOverride: {} };
  try {
    catalog = mergeCatalog(catalog, ov.data, trace);
  } catch (err) {
    if (err instanceof CatalogValidationError) throw new CatalogError(toErrorIssues(ov, err.issues));
    throw err;
  }
  const refs = checkCatalogReferences(catalog);
  if (refs.length) {
    throw new CatalogError(
      refs.map((i) => {
        const [s, idx, ...rest] = i.path as [CatalogSection, number, ...(string | number)[]];
        const oi = trace.fromOverride[s]?.get(idx);
        if (oi !== undefined) return toErrorIssues(ov, [{ path: [s, oi, ...rest], message: i.message }])[0];
        return { file: ov.display, fieldPath: formatPath(i.path), message: `${i.message} (durch die Überschreibung ungültig geworden)` };
      })
    );
  }
  return catalog;
}
