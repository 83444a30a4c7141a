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

/** Parse scenario text (YAML is a superset of JSON). `file` is only used in messages. */
export function parseScenarioText(text: string, file: string): Scenario {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    throw new ScenarioFileError(file, doc.errors.map((e) => ({ field: '(YAML)', line: lines.linePos(e.pos[0]).line, message: e.message.split('\n')[0] })));
  }
  const data = doc.toJS({ maxAliasCount: 100 });
  const parsed = scenarioSchema.safeParse(data);
  if (!parsed.success) {
    throw new ScenarioFileError(
      file,
      parsed.error.issues.map((i) => ({ field: i.path.map(String).join('.') || '(Wurzel)', line: lineOf(doc, lines, i.path as (string | number)[]), message: i.message }))
    );
  }
  return parsed.data;
}

export async function loadScenarioFile(path: string, display = path): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ScenarioFileError(display, [{ field: '(Datei)', message: code === 'ENOENT' ? 'Datei nicht gefunden' : `nicht lesbar: ${(err as Error).message}` }]);
  }
  if (text.length > 1_000_000) throw new ScenarioFileError(display, [{ field: '(Datei)', message: 'zu groß (über 1 MB)' }]);
  return parseScenarioText(text, display);
}

export interface ScenarioPreset {
  id: string;
  name: string;
  description?: string;
  text: string;
  scenario: Scenario;
}

/** Presets shipped in datasets/scenarios (invalid files are reported, not skipped silently). */
export async function listScenarioPresets(rootDir: string): Promise<ScenarioPreset[]> {
  const dir = join(rootDir, SCENARIO_DIR);
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => /\.(ya?ml|json)$/.test(n)).sort();
  } catch {
    return [];
  }
  return Promise.all(
    names.map(async (n) => {
      const text = await readFile(join(dir, n), 'utf8');
      const scenario = parseScenarioText(text, join(SCENARIO_DIR, n));
      return { id: basename(n).replace(/\.(ya?ml|json)$/, ''), name: scenario.name ?? n, description: scenario.description, text, scenario };
    })
  );
}
