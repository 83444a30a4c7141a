// Every suite file in benchmarks/ validates with its dataset, every item renders to a prompt, and the
// upstream-derived suites keep their licence/source files and the documented item counts.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { renderPrompt } from '../../src/lib/core/suites';
import { loadSuite, suiteIds } from '../../src/lib/server/suites/loader';

const root = resolve(import.meta.dirname, '../..');

/** Upstream-derived suites: item counts are facts of the conversion (see datasets/<id>/README.md). */
const UPSTREAM: Record<string, { items: number; scorer: string }> = {
  'xquad-de': { items: 1190, scorer: 'extractive-qa' },
  'mgsm-de': { items: 250, scorer: 'numeric' },
  'germeval2018-offense': { items: 3532, scorer: 'classification' },
  'germeval2018-fine': { items: 3532, scorer: 'classification' },
  'massive-de-intent': { items: 1652, scorer: 'classification' },
  'pawsx-de': { items: 2000, scorer: 'classification' },
  'klexikon-summary': { items: 129, scorer: 'rouge' }
};

describe('suite files in benchmarks/', async () => {
  const ids = await suiteIds(root);

  it('include the seven upstream-derived suites', () => {
    for (const id of Object.keys(UPSTREAM)) expect(ids).toContain(id);
  });

  for (const id of ids) {
    it(`${id}: loads, ids unique, every item renders, data file under 5 MiB`, async () => {
      const loaded = await loadSuite(root, id);
      expect(loaded.suite.id).toBe(id);
      expect(loaded.items.length).toBeGreaterThan(0);
      expect(new Set(loaded.items.map((i) => i.id)).size).toBe(loaded.items.length);
      for (const item of loaded.items) {
        const messages = renderPrompt(loaded.suite, item);
        expect(messages[0].role).toBe('system');
        expect(messages.at(-1)?.role).toBe('user');
        expect(messages.at(-1)?.content).not.toMatch(/\{\{\s*[A-Za-z_]/);
      }
      expect(statSync(loaded.datasetFile).size).toBeLessThan(5 * 1024 * 1024);
      const dir = join(root, 'datasets', id);
      expect(existsSync(join(dir, 'LICENSE')) || existsSync(join(dir, 'LICENSE.md')), `${dir}/LICENSE`).toBe(true);
      expect(existsSync(join(dir, 'SOURCE.txt')) || existsSync(join(dir, 'SOURCE.md')) || existsSync(join(dir, 'SOURCE')), `${dir}/SOURCE`).toBe(true);
    });
  }
});

describe('upstream-derived suites', () => {
  for (const [id, facts] of Object.entries(UPSTREAM)) {
    it(`${id}: ${facts.items} items, scorer ${facts.scorer}, README and source facts`, async () => {
      const loaded = await loadSuite(root, id);
      expect(loaded.items).toHaveLength(facts.items);
      expect(loaded.suite.scorer.type).toBe(facts.scorer);
      expect(loaded.suite.personalData).toBe(false);
      const dir = join(root, 'datasets', id);
      expect(readFileSync(join(dir, 'README.md'), 'utf8')).toMatch(/Licence/);
      expect(readFileSync(join(dir, 'SOURCE.txt'), 'utf8')).toMatch(new RegExp(`Items: ${facts.items}\\n`));
    });
  }

  it('xquad-de uses the XQuAD question ids and keeps gold answers as a list', async () => {
    const { items } = await loadSuite(root, 'xquad-de');
    expect(items[0].id).toBe('56beb4343aeaaa14008c925b');
    for (const item of items) {
      expect(item.id).toMatch(/^[0-9a-f]{24}$/);
      expect(Array.isArray(item.expected)).toBe(true);
      expect((item.expected as string[]).length).toBeGreaterThan(0);
      // extractive: every gold answer is a span of the context
      for (const a of item.expected as string[]) expect(item.input.context as string).toContain(a);
    }
  });

  it('mgsm-de has numeric answers and the eight German chain-of-thought exemplars as few-shot turns', async () => {
    const loaded = await loadSuite(root, 'mgsm-de');
    for (const item of loaded.items) expect(Number.isInteger(item.expected)).toBe(true);
    // upstream "2,125" becomes 2125
    expect(loaded.items.find((i) => (i.meta as { answerRaw: string }).answerRaw === '2,125')?.expected).toBe(2125);
    const shots = loaded.suite.template.fewShot ?? [];
    expect(shots).toHaveLength(8);
    for (const s of shots) {
      expect(s.user).toMatch(/^Frage: /);
      expect(s.assistant).toMatch(/Die Antwort (ist|lautet) \d+\.$/);
    }
    const messages = renderPrompt(loaded.suite, loaded.items[0]);
    expect(messages).toHaveLength(1 + 16 + 1);
    expect(messages.at(-1)?.content).toBe(`Frage: ${loaded.items[0].input.question}`);
  });

  it('germeval suites share item ids and texts; labels are the official classes', async () => {
    const coarse = await loadSuite(root, 'germeval2018-offense');
    const fine = await loadSuite(root, 'germeval2018-fine');
    expect(fine.items.map((i) => i.id)).toEqual(coarse.items.map((i) => i.id));
    const count = (items: { expected: unknown }[]) => items.reduce<Record<string, number>>((m, i) => ((m[String(i.expected)] = (m[String(i.expected)] ?? 0) + 1), m), {});
    expect(count(coarse.items)).toEqual({ OFFENSE: 1202, OTHER: 2330 });
    expect(count(fine.items)).toEqual({ OTHER: 2330, ABUSE: 773, INSULT: 381, PROFANITY: 48 });
    for (const item of coarse.items) {
      expect(item.input.text as string).not.toContain('|LBR|');
      expect(item.input.text as string).not.toMatch(/(^|[^\p{L}\p{N}_])@(?!USER\b)[A-Za-z0-9_]+/u);
    }
  });

  it('massive-de-intent uses the 60 intent labels of intent_labels.json, listed in the prompt', async () => {
    const loaded = await loadSuite(root, 'massive-de-intent');
    const labels = JSON.parse(readFileSync(join(root, 'datasets/massive-de-intent/labels.json'), 'utf8')) as string[];
    expect(labels).toHaveLength(60);
    expect((loaded.suite.scorer as unknown as { labels: string[] }).labels).toEqual(labels);
    for (const l of labels) expect(loaded.suite.template.system).toContain(l);
  });

  it('pawsx-de answers are ja/nein', async () => {
    const { items } = await loadSuite(root, 'pawsx-de');
    expect(new Set(items.map((i) => i.expected))).toEqual(new Set(['ja', 'nein']));
    expect(items.filter((i) => i.expected === 'ja')).toHaveLength(895);
  });

  it('klexikon-summary keeps only sources up to 20,000 characters, sorted by id', async () => {
    const { items } = await loadSuite(root, 'klexikon-summary');
    for (const i of items) expect([...(i.input.article as string)].length).toBeLessThanOrEqual(20_000);
    const ids = items.map((i) => i.id);
    expect(ids).toEqual([...ids].sort());
  });
});
