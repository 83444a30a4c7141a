// Shared helpers for the dataset conversion scripts: argument handling, deterministic JSONL output,
// licence copy and a SOURCE.txt with the upstream facts (repository, commit, file hashes, conversion).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';

export interface Row {
  id: string;
  input: Record<string, unknown>;
  expected: unknown;
  meta?: Record<string, unknown>;
}

export interface ConvertArgs {
  /** Upstream folder, e.g. /work/shared/datasets-upstream/xquad-de */
  upstream: string;
  /** Repository root (output goes to <root>/datasets/<id>/). */
  root: string;
}

/** `tsx scripts/datasets/<name>.ts UPSTREAM_DIR [REPO_ROOT]` */
export function parseCliArgs(script: string): ConvertArgs {
  const [upstream, root] = process.argv.slice(2);
  if (!upstream || upstream === '--help') {
    console.error(`usage: npx tsx scripts/datasets/${script}.ts UPSTREAM_DIR [REPO_ROOT]\n  e.g. npx tsx scripts/datasets/${script}.ts /work/shared/datasets-upstream/<folder>`);
    process.exit(2);
  }
  const abs = resolve(upstream);
  if (!existsSync(abs)) {
    console.error(`${script}: upstream folder ${abs} does not exist`);
    process.exit(2);
  }
  return { upstream: abs, root: resolve(root ?? '.') };
}

export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** Fail when the upstream file differs from the snapshot the committed data was converted from. */
export function checkUpstreamHash(path: string, expected: string): void {
  const actual = sha256File(path);
  if (actual !== expected) {
    console.error(`${path}: sha256 ${actual} differs from the converted snapshot ${expected}; review the conversion before committing new data`);
    process.exit(1);
  }
}

/** Write rows as JSONL with a fixed key order (id, input, expected, meta); refuses duplicate ids. */
export function writeJsonl(path: string, rows: Row[]): void {
  const seen = new Set<string>();
  const lines = rows.map((r) => {
    if (seen.has(r.id)) throw new Error(`duplicate id ${r.id}`);
    seen.add(r.id);
    const o: Row = { id: r.id, input: r.input, expected: r.expected };
    if (r.meta) o.meta = r.meta;
    return JSON.stringify(o);
  });
  mkdirSync(resolve(path, '..'), { recursive: true });
  writeFileSync(path, lines.join('\n') + '\n');
  const size = Buffer.byteLength(lines.join('\n') + '\n');
  if (size >= 5 * 1024 * 1024) throw new Error(`${path} is ${size} bytes; keep each JSONL under 5 MiB`);
}

export function copyLicence(from: string, outDir: string): void {
  // Written (not copied) so the file gets ordinary permissions even when the upstream copy is read-only.
  writeFileSync(join(outDir, 'LICENSE'), readFileSync(from));
}

export interface SourceFacts {
  id: string;
  repository: string;
  commit: string;
  licence: string;
  attribution: string;
  upstreamFiles: string[];
  conversion: string[];
  itemCount: number;
}

/** SOURCE.txt: facts about origin and conversion (no upstream prose). */
export function writeSource(root: string, outDir: string, upstreamDir: string, facts: SourceFacts): void {
  const lines = [
    `Suite: ${facts.id}`,
    `Upstream repository: ${facts.repository}`,
    `Upstream commit: ${facts.commit}`,
    `Licence: ${facts.licence}`,
    `Attribution: ${facts.attribution}`,
    'Upstream files (sha256):',
    ...facts.upstreamFiles.map((f) => `  ${sha256File(join(upstreamDir, f))}  ${f}`),
    `Converted by: npx tsx scripts/datasets/${basename(process.argv[1] ?? '', '.ts')}.ts <upstream folder ${basename(upstreamDir)}>`,
    'Conversion:',
    ...facts.conversion.map((c) => `  - ${c}`),
    `Items: ${facts.itemCount}`,
    ''
  ];
  writeFileSync(join(outDir, 'SOURCE.txt'), lines.join('\n'));
  console.log(`${relative(root, outDir)}: ${facts.itemCount} items`);
}

export function outDirFor(root: string, id: string): string {
  const dir = join(root, 'datasets', id);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Split a TSV line; fails loudly on an unexpected column count. */
export function tsvFields(line: string, n: number, where: string): string[] {
  const f = line.split('\t');
  if (f.length !== n) throw new Error(`${where}: expected ${n} tab-separated columns, got ${f.length}`);
  return f;
}
