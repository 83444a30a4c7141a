// `werkbank suites [--json]` and `werkbank suites show ID`: listing with item counts, scorer, licence and
// the personal-data flag; a rendered example prompt; exit 2 with file and line for a broken suite.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../helpers/app';

const cli = (args: string[], cwd = projectRoot) =>
  spawnSync(process.execPath, [join(projectRoot, 'bin/werkbank.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env }, timeout: 60_000 });

interface Listed {
  id: string;
  name: string;
  itemCount: number;
  scorer: string;
  licence: string;
  personalData: boolean;
}

describe('werkbank suites', () => {
  it('--json lists every suite with item count, scorer, licence and personal-data flag', () => {
    const r = cli(['suites', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { suites: Listed[] };
    const byId = new Map(doc.suites.map((s) => [s.id, s]));
    expect(byId.get('xquad-de')).toMatchObject({ itemCount: 1190, scorer: 'extractive-qa', licence: 'CC BY-SA 4.0', personalData: false });
    expect(byId.get('mgsm-de')).toMatchObject({ itemCount: 250, scorer: 'numeric', licence: 'CC BY 4.0' });
    expect(byId.get('germeval2018-fine')).toMatchObject({ itemCount: 3532, scorer: 'classification' });
    expect(byId.get('klexikon-summary')).toMatchObject({ itemCount: 129, scorer: 'rouge' });
    expect(doc.suites.map((s) => s.id)).toEqual([...doc.suites.map((s) => s.id)].sort());
  });

  it('prints a German table without --json', () => {
    const r = cli(['suites']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^ID\s+Name\s+Einträge\s+Scorer\s+Metrik\s+Lizenz\s+Personenbezug/);
    expect(r.stdout).toMatch(/germeval2018-offense\s+.*\s3\.532\s+classification\s+macro_f1\s+CC BY 4\.0\s+nein/);
  });

  it('show ID --json renders the example prompt with few-shot turns', () => {
    const r = cli(['suites', 'show', 'mgsm-de', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.id).toBe('mgsm-de');
    expect(doc.example.itemId).toBe('mgsm-de-001');
    expect(doc.example.expected).toBe(18);
    expect(doc.example.messages).toHaveLength(18);
    expect(doc.example.messages[0].role).toBe('system');
    expect(doc.example.messages[17]).toEqual({ role: 'user', content: expect.stringMatching(/^Frage: Janets Enten legen 16 Eier/) });
  });

  it('show ID --item picks the item; text output is German and shortened for long texts', () => {
    const r = cli(['suites', 'show', 'klexikon-summary', '--item', 'Aarhus']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Beispiel-Prompt \(Eintrag Aarhus\)/);
    expect(r.stdout).toMatch(/Lizenz:\s+CC BY-SA/);
    expect(r.stdout).toMatch(/gekürzt, [\d.]+ Zeichen; vollständig mit --json/);
  });

  it('usage errors exit 2: unknown suite, unknown item, bad subcommand, unknown flag', () => {
    const unknown = cli(['suites', 'show', 'nope']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/Suite "nope" gibt es nicht/);
    const item = cli(['suites', 'show', 'pawsx-de', '--item', 'nope']);
    expect(item.status).toBe(2);
    expect(item.stderr).toMatch(/Eintrag "nope"/);
    expect(cli(['suites', 'frobnicate']).status).toBe(2);
    const flag = cli(['suites', '--bogus']);
    expect(flag.status).toBe(2);
    expect(flag.stderr).toMatch(/--bogus/);
  });

  it('a broken suite makes the listing exit 2 naming file and line; valid suites are still listed', () => {
    const root = mkdtempSync(join(tmpdir(), 'wb-suites-cli-'));
    mkdirSync(join(root, 'benchmarks'));
    mkdirSync(join(root, 'datasets', 'ok'), { recursive: true });
    const yaml = (id: string, temperature: string) =>
      [
        `id: ${id}`,
        'name: Beispiel',
        'description: Test',
        'language: de',
        'dataset:',
        '  path: datasets/ok/items.jsonl',
        '  licence: CC0',
        '  source: handgeschrieben',
        '  attribution: Team',
        'personalData: true',
        'template:',
        '  system: Antworte kurz.',
        '  user: "{{q}}"',
        'generation:',
        '  maxTokens: 8',
        `  temperature: ${temperature}`,
        'output:',
        '  parse: text',
        'scorer:',
        '  type: rouge',
        'metrics:',
        '  primary: rougeL',
        ''
      ].join('\n');
    writeFileSync(join(root, 'benchmarks', 'ok.yaml'), yaml('ok', '0'));
    writeFileSync(join(root, 'benchmarks', 'bad.yaml'), yaml('bad', 'heiß'));
    writeFileSync(join(root, 'datasets', 'ok', 'items.jsonl'), JSON.stringify({ id: '1', input: { q: 'Hallo' }, expected: 'Hallo' }) + '\n');
    const r = cli(['suites', '--json'], root);
    expect(r.status).toBe(2);
    const doc = JSON.parse(r.stdout);
    expect(doc.suites).toEqual([expect.objectContaining({ id: 'ok', itemCount: 1, personalData: true })]);
    expect(doc.errors).toEqual([{ id: 'bad', message: expect.stringMatching(/^benchmarks\/bad\.yaml:16: generation\.temperature: /) }]);
    expect(r.stderr).toMatch(/benchmarks\/bad\.yaml:16/);
  });
});
