// Suite loader: bad suite YAML and bad dataset rows are rejected with messages naming file and line
// (and field); duplicate ids are refused; the content hash follows the data; the suites row is upserted.
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listSuites, loadSuite, SuiteLoadError, upsertSuite } from '../../src/lib/server/suites/loader';
import { Store } from '../../src/lib/server/store/db';
import { YAML_CACHE_DIR } from '../../src/lib/server/yaml-cache';

const GOOD_YAML = `id: demo
name: Demo
description: Testsuite
language: de
dataset:
  path: datasets/demo/items.jsonl
  licence: CC0
  source: hand-written
  attribution: test
personalData: false
template:
  system: Antworte kurz.
  user: "Frage: {{question}}"
generation:
  maxTokens: 16
  temperature: 0
output:
  parse: label
scorer:
  type: classification
  labels: [ja, nein]
metrics:
  primary: accuracy
`;

const GOOD_ROWS = [
  { id: 'a', input: { question: 'Ist Berlin eine Stadt?' }, expected: 'ja' },
  { id: 'b', input: { question: 'Ist Berlin ein Fluss?' }, expected: 'nein' }
];

function fixture(yaml = GOOD_YAML, jsonl = GOOD_ROWS.map((r) => JSON.stringify(r)).join('\n') + '\n', extra: Record<string, string> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'wb-suites-'));
  mkdirSync(join(root, 'benchmarks'));
  mkdirSync(join(root, 'datasets', 'demo'), { recursive: true });
  writeFileSync(join(root, 'benchmarks', 'demo.yaml'), yaml);
  writeFileSync(join(root, 'datasets', 'demo', 'items.jsonl'), jsonl);
  for (const [p, text] of Object.entries(extra)) writeFileSync(join(root, p), text);
  return root;
}

async function loadError(root: string, id = 'demo'): Promise<SuiteLoadError> {
  try {
    await loadSuite(root, id);
  } catch (err) {
    expect(err).toBeInstanceOf(SuiteLoadError);
    return err as SuiteLoadError;
  }
  throw new Error('expected loadSuite to fail');
}

describe('loadSuite: valid fixture', () => {
  it('loads suite and items, fills defaults and applies scorer defaults', async () => {
    const loaded = await loadSuite(fixture(), 'demo');
    expect(loaded.items.map((i) => i.id)).toEqual(['a', 'b']);
    expect(loaded.suite.cacheableSystemPrompt).toBe(false);
    expect(loaded.suite.metrics.secondary).toEqual([]);
    expect(loaded.suite.scorer).toEqual({ type: 'classification', labels: ['ja', 'nein'], synonyms: {} });
    expect(loaded.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('resolves few-shot turns from a JSON file under datasets/', async () => {
    const yaml = GOOD_YAML.replace('  user: "Frage: {{question}}"', '  user: "Frage: {{question}}"\n  fewShot: datasets/demo/shots.json');
    const root = fixture(yaml, undefined, { 'datasets/demo/shots.json': JSON.stringify([{ user: 'Frage: Ist 2 gerade?', assistant: 'ja' }]) });
    const loaded = await loadSuite(root, 'demo');
    expect(loaded.suite.template.fewShot).toEqual([{ user: 'Frage: Ist 2 gerade?', assistant: 'ja' }]);
  });

  it('content hash is stable for the same files and changes when a row changes', async () => {
    const a = await loadSuite(fixture(), 'demo');
    const b = await loadSuite(fixture(), 'demo');
    expect(b.contentHash).toBe(a.contentHash);
    const changed = [GOOD_ROWS[0], { ...GOOD_ROWS[1], expected: 'ja' }].map((r) => JSON.stringify(r)).join('\n') + '\n';
    const c = await loadSuite(fixture(undefined, changed), 'demo');
    expect(c.contentHash).not.toBe(a.contentHash);
  });

  it('with maxItems reads only the first items (later rows unchecked) and keeps the hash of the whole file', async () => {
    const a = await loadSuite(fixture(), 'demo');
    const limited = await loadSuite(fixture(), 'demo', { maxItems: 1 });
    expect(limited.items.map((i) => i.id)).toEqual(['a']);
    expect(limited.contentHash).toBe(a.contentHash);
    const brokenLater = JSON.stringify(GOOD_ROWS[0]) + '\n{ kaputt\n';
    expect((await loadSuite(fixture(undefined, brokenLater), 'demo', { maxItems: 1 })).items).toHaveLength(1);
    await expect(loadSuite(fixture(undefined, brokenLater), 'demo')).rejects.toThrow(/Zeile 2|:2/);
  });
});

describe('loadSuite: bad suite YAML names file and line', () => {
  it('YAML syntax error', async () => {
    const yaml = GOOD_YAML.replace('  maxTokens: 16', '  maxTokens: [16');
    const err = await loadError(fixture(yaml));
    expect(err.message).toMatch(/^benchmarks\/demo\.yaml:\d+: YAML-Fehler/);
    expect(err.file).toBe('benchmarks/demo.yaml');
  });

  it('duplicate key is a YAML error on its line', async () => {
    const yaml = GOOD_YAML.replace('personalData: false\n', 'personalData: false\npersonalData: true\n');
    const err = await loadError(fixture(yaml));
    expect(err.message).toMatch(/benchmarks\/demo\.yaml:11: YAML-Fehler/);
  });

  it('wrong type names the field and the line of its value', async () => {
    const yaml = GOOD_YAML.replace('  temperature: 0', '  temperature: warm');
    const err = await loadError(fixture(yaml));
    expect(err.message).toMatch(/^benchmarks\/demo\.yaml:16: generation\.temperature: /);
    expect(err.line).toBe(16);
  });

  it('missing required field names the field', async () => {
    const yaml = GOOD_YAML.replace('personalData: false\n', '');
    const err = await loadError(fixture(yaml));
    expect(err.message).toMatch(/benchmarks\/demo\.yaml:\d+: personalData: /);
  });

  it('unknown field names the key and its line', async () => {
    const yaml = GOOD_YAML.replace('  maxTokens: 16', '  maxTokens: 16\n  maxTokenz: 5');
    const err = await loadError(fixture(yaml));
    expect(err.message).toMatch(/benchmarks\/demo\.yaml:16: generation\.maxTokenz: unbekanntes Feld/);
  });

  it('a placeholder in the system prompt is refused', async () => {
    const yaml = GOOD_YAML.replace('  system: Antworte kurz.', '  system: Antworte kurz auf {{question}}.');
    const err = await loadError(fixture(yaml));
    expect(err.message).toMatch(/benchmarks\/demo\.yaml:12: template\.system: .*placeholders/);
  });

  it('scorer options are validated by the scoring schema, naming the line', async () => {
    const yaml = GOOD_YAML.replace('  labels: [ja, nein]', '  labels: [ja]');
    const err = await loadError(fixture(yaml));
    expect(err.message).toMatch(/benchmarks\/demo\.yaml:21: scorer\.labels: /);
  });

  it('unknown scorer type is refused', async () => {
    const yaml = GOOD_YAML.replace('  type: classification', '  type: bleu');
    const err = await loadError(fixture(yaml));
    expect(err.message).toMatch(/benchmarks\/demo\.yaml:20: scorer\.type: /);
  });

  it('id that does not match the file name', async () => {
    const err = await loadError(fixture(GOOD_YAML.replace('id: demo', 'id: other')));
    expect(err.message).toMatch(/benchmarks\/demo\.yaml:1: id "other" passt nicht zum Dateinamen/);
  });

  it('dataset path outside datasets/ is refused', async () => {
    const err = await loadError(fixture(GOOD_YAML.replace('datasets/demo/items.jsonl', '../secret.jsonl')));
    expect(err.message).toMatch(/benchmarks\/demo\.yaml:6: dataset\.path: /);
  });

  it('unknown suite id lists the known ones', async () => {
    const err = await loadError(fixture(), 'nope');
    expect(err.message).toMatch(/Suite "nope" gibt es nicht \(vorhanden: demo\)/);
  });

  it('a broken few-shot file names that file', async () => {
    const yaml = GOOD_YAML.replace('  user: "Frage: {{question}}"', '  user: "Frage: {{question}}"\n  fewShot: datasets/demo/shots.json');
    const err = await loadError(fixture(yaml, undefined, { 'datasets/demo/shots.json': JSON.stringify([{ user: 'x' }]) }));
    expect(err.message).toMatch(/^datasets\/demo\/shots\.json: \[0\]\.assistant: /);
  });
});

describe('loadSuite: parsed YAML from the cache', () => {
  const cacheEntries = (root: string) => {
    try {
      return readdirSync(join(root, YAML_CACHE_DIR)).filter((n) => n.endsWith('.json'));
    } catch {
      return [];
    }
  };

  it('a second load reads the cache and gives the same suite', async () => {
    const root = fixture();
    const first = await loadSuite(root, 'demo');
    expect(cacheEntries(root)).toHaveLength(1);
    const second = await loadSuite(root, 'demo');
    expect(second.suite).toEqual(first.suite);
    expect(second.contentHash).toBe(first.contentHash);
  });

  it('schema errors keep file, line and field when the data comes from the cache', async () => {
    for (const [yaml, expected] of [
      [GOOD_YAML.replace('  temperature: 0', '  temperature: warm'), /^benchmarks\/demo\.yaml:16: generation\.temperature: /],
      [GOOD_YAML.replace('  maxTokens: 16', '  maxTokens: 16\n  maxTokenz: 5'), /benchmarks\/demo\.yaml:16: generation\.maxTokenz: unbekanntes Feld/],
      [GOOD_YAML.replace('  labels: [ja, nein]', '  labels: [ja]'), /benchmarks\/demo\.yaml:21: scorer\.labels: /],
      [GOOD_YAML.replace('id: demo', 'id: other'), /benchmarks\/demo\.yaml:1: id "other" passt nicht zum Dateinamen/]
    ] as const) {
      const root = fixture(yaml);
      expect((await loadError(root)).message).toMatch(expected);
      expect(cacheEntries(root)).toHaveLength(1);
      expect((await loadError(root)).message).toMatch(expected);
    }
  });

  it('text that is not valid YAML is never cached', async () => {
    const root = fixture(GOOD_YAML.replace('personalData: false\n', 'personalData: false\npersonalData: true\n'));
    expect((await loadError(root)).message).toMatch(/benchmarks\/demo\.yaml:11: YAML-Fehler/);
    expect(cacheEntries(root)).toHaveLength(0);
    expect((await loadError(root)).message).toMatch(/benchmarks\/demo\.yaml:11: YAML-Fehler/);
  });
});

describe('loadSuite: bad dataset rows name file, line and field', () => {
  const rows = (...lines: string[]) => lines.join('\n') + '\n';
  const ok = (id: string, q = 'Frage?', expected = 'ja') => JSON.stringify({ id, input: { question: q }, expected });

  it('invalid JSON', async () => {
    const err = await loadError(fixture(undefined, rows(ok('a'), ok('b'), '{"id": "c", ')));
    expect(err.message).toMatch(/^datasets\/demo\/items\.jsonl:3: kein gültiges JSON/);
  });

  it('missing expected', async () => {
    const err = await loadError(fixture(undefined, rows(ok('a'), JSON.stringify({ id: 'b', input: { question: 'q' } }))));
    expect(err.message).toMatch(/^datasets\/demo\/items\.jsonl:2: Feld expected: /);
  });

  it('unknown row field', async () => {
    const err = await loadError(fixture(undefined, rows(JSON.stringify({ id: 'a', input: { question: 'q' }, expected: 'ja', answer: 'ja' }))));
    expect(err.message).toMatch(/items\.jsonl:1: Feld answer: /);
  });

  it('duplicate id points at both lines', async () => {
    const err = await loadError(fixture(undefined, rows(ok('a'), ok('b'), '', ok('a'))));
    expect(err.message).toMatch(/items\.jsonl:4: Feld id: doppelte id "a" \(zuerst in Zeile 1\)/);
  });

  it('input field used by the template is missing', async () => {
    const err = await loadError(fixture(undefined, rows(ok('a'), JSON.stringify({ id: 'b', input: { frage: 'q' }, expected: 'ja' }))));
    expect(err.message).toMatch(/items\.jsonl:2: Feld input\.question: fehlt, wird aber im Template als \{\{question\}\} verwendet/);
  });

  it('expected label outside the label set', async () => {
    const err = await loadError(fixture(undefined, rows(ok('a'), ok('b', 'q', 'vielleicht'))));
    expect(err.message).toMatch(/items\.jsonl:2: Feld expected: "vielleicht" ist keines der Labels \(ja, nein\)/);
  });

  it('empty dataset', async () => {
    const err = await loadError(fixture(undefined, '\n'));
    expect(err.message).toMatch(/items\.jsonl: Datensatz enthält keine Einträge/);
  });

  it('several bad rows are all reported', async () => {
    const err = await loadError(fixture(undefined, rows('nope', ok('a'), 'nope too')));
    expect(err.problems).toHaveLength(2);
    expect(err.problems[1]).toMatch(/items\.jsonl:3:/);
  });
});

describe('listSuites and upsertSuite', () => {
  it('listSuites summarises every suite file', async () => {
    const list = await listSuites(fixture());
    expect(list).toEqual([
      expect.objectContaining({ id: 'demo', name: 'Demo', itemCount: 2, scorer: 'classification', primaryMetric: 'accuracy', licence: 'CC0', personalData: false, file: 'benchmarks/demo.yaml' })
    ]);
  });

  it('upsertSuite writes one row per suite and replaces it on reload', async () => {
    const store = await Store.open(':memory:');
    try {
      const first = await loadSuite(fixture(), 'demo');
      await upsertSuite(store, first);
      const changed = await loadSuite(fixture(undefined, GOOD_ROWS.slice(0, 1).map((r) => JSON.stringify(r)).join('\n')), 'demo');
      await upsertSuite(store, changed);
      const rows = await store.query(`SELECT id, name, content_hash, item_count, scorer, personal_data, licence, source FROM suites`);
      expect(rows).toEqual([
        { id: 'demo', name: 'Demo', content_hash: changed.contentHash, item_count: 1, scorer: 'classification', personal_data: false, licence: 'CC0', source: 'hand-written' }
      ]);
    } finally {
      await store.close();
    }
  });
});
