// Scenario files (YAML or JSON): parse and validate with file/line/field messages, and list the
// shipped presets in datasets/scenarios/. Used by `werkbank simulate|report` and the app's pages.
import { readFile, readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { scenarioSchema, type Scenario } from '../../core/sim/scenario';
import { lineOf } from '../catalog/load';

export const SCENARIO_DIR = join('datasets', 'scenarios');

export interface ScenarioIssue {
  field: string;
  line?: number;
  message: string;
}

/** A scenario that failed to parse or validate; the message names file, line and field. */
export class ScenarioFileError extends Error {
  constructor(
    readonly file: string,
    readonly issues: ScenarioIssue[]
  ) {
    super(issues.map((i) => `${file}${i.line ? `:${i.line}` : ''}: ${i.field}: ${i.message}`).join('\n'));
    this.name = 'ScenarioFileError';
  }
}

export interface LoadedScenario {
  scenario: Scenario;
  file: string;
  /** Line of a field path in the source (the deepest node that exists), for later errors such as unknown ids. */
  lineOf(path: (string | number)[]): number | undefined;
}

/** Parse scenario text (YAML is a superset of JSON). `file` is only used in messages. */
export function parseScenarioSource(text: string, file: string): LoadedScenario {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    throw new ScenarioFileError(file, doc.errors.map((e) => ({ field: '(YAML)', line: lines.linePos(e.pos[0]).line, message: e.message.split('\n')[0] })));
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    // unresolved aliases and alias bombs: refused naming the file, not a crash
    throw new ScenarioFileError(file, [{ field: '(YAML)', message: (err as Error).message.split('\n')[0] }]);
  }
  const parsed = scenarioSchema.safeParse(data);
  if (!parsed.success) {
    throw new ScenarioFileError(
      file,
      parsed.error.issues.map((i) => ({ field: i.path.map(String).join('.') || '(Wurzel)', line: lineOf(doc, lines, i.path as (string | number)[]), message: i.message }))
    );
  }
  return { scenario: parsed.data, file, lineOf: (path) => lineOf(doc, lines, path) };
}

export function parseScenarioText(text: string, file: string): Scenario {
  return parseScenarioSource(text, file).scenario;
}

export async function loadScenarioFile(path: string, display = path): Promise<LoadedScenario> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ScenarioFileError(display, [{ field: '(Datei)', message: code === 'ENOENT' ? 'Datei nicht gefunden' : `nicht lesbar: ${(err as Error).message}` }]);
  }
  if (text.length > 1_000_000) throw new ScenarioFileError(display, [{ field: '(Datei)', message: 'zu groß (über 1 MB)' }]);
  return parseScenarioSource(text, display);
}

export interface ScenarioPreset {
  id: string;
  name: string;
  description?: string;
  sources: string[];
  text: string;
  scenario: Scenario;
}

/** Presets shipped in datasets/scenarios; an invalid file is reported in `errors`, not skipped silently. */
export async function listScenarioPresets(rootDir: string): Promise<{ presets: ScenarioPreset[]; errors: string[] }> {
  const dir = join(rootDir, SCENARIO_DIR);
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => /\.(ya?ml|json)$/.test(n)).sort();
  } catch {
    return { presets: [], errors: [`${SCENARIO_DIR}: Ordner fehlt`] };
  }
  const presets: ScenarioPreset[] = [];
  const errors: string[] = [];
  for (const n of names) {
    const file = join(SCENARIO_DIR, n);
    try {
      const text = await readFile(join(dir, n), 'utf8');
      const { scenario } = parseScenarioSource(text, file);
      const id = basename(n).replace(/\.(ya?ml|json)$/, '');
      presets.push({ id, name: scenario.name ?? id, description: scenario.description, sources: scenario.sources ?? [], text, scenario });
    } catch (err) {
      errors.push(err instanceof ScenarioFileError ? err.message : `${file}: ${(err as Error).message}`);
    }
  }
  return { presets, errors };
}
