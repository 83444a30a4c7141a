// `werkbank score --suite ID --predictions FILE.jsonl [--json]`: scores over the items in the file with the
// suite's scorer (hand-computed values on the real suites), reports unknown ids, exit 2 naming file and line.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../helpers/app';

const cli = (args: string[]) => spawnSync(process.execPath, [join(projectRoot, 'bin/werkbank.js'), 'score', ...args], { cwd: projectRoot, encoding: 'utf8', env: { ...process.env }, timeout: 60_000 });
const dir = mkdtempSync(join(tmpdir(), 'werkbank-score-'));
const file = (name: string, lines: (object | string)[]) => {
  const p = join(dir, name);
  writeFileSync(p, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
  return p;
};

describe('werkbank score', () => {
  it('xquad-de: MLQA exact_match and f1 over the items in the file; unknown ids under "missing"', () => {
    const p = file('xquad.jsonl', [
      { id: '56beb4343aeaaa14008c925b', output: '308 Punkte' }, // gold "308": EM 0, F1 2/3
      { id: '56beb4343aeaaa14008c925c', output: '„136“.' }, // EM 1, F1 1
      { id: '56beb4343aeaaa14008c925d', output: 'Die 118 Tackles' }, // "118 tackles" vs "118": EM 0, F1 2/3
      { id: 'gibt-es-nicht', output: 'x' }
    ]);
    const r = cli(['--suite', 'xquad-de', '--predictions', p, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ suite: 'xquad-de', n: 3, missing: ['gibt-es-nicht'], primary: 'f1' });
    expect(doc.scores.exact_match).toBeCloseTo(1 / 3, 10);
    expect(doc.scores.f1).toBeCloseTo(7 / 9, 10);
    expect(doc.intervals.f1.lower).toBeLessThanOrEqual(doc.scores.f1);
    expect(doc.intervals.f1.upper).toBeGreaterThanOrEqual(doc.scores.f1);
    for (const v of Object.values(doc.scores) as number[]) expect(v >= 0 && v <= 1).toBe(true);
    expect(r.stderr).toContain('gibt-es-nicht');
  }, 90_000);

  it('germeval2018-offense: accuracy and macro-F1 by hand, German table without --json', () => {
    const p = file('germeval.jsonl', [
      { id: 'germeval2018-test-0001', output: 'OTHER' }, // gold OTHER ✓
      { id: 'germeval2018-test-0002', output: 'OFFENSE' }, // gold OTHER ✗
      { id: 'germeval2018-test-0005', output: 'Das ist OFFENSE.' }, // gold OFFENSE ✓
      '',
      { id: 'germeval2018-test-0010', output: 'weiß nicht' } // gold OFFENSE, unparsed
    ]);
    const json = cli(['--suite', 'germeval2018-offense', '--predictions', p, '--json']);
    expect(json.status, json.stderr).toBe(0);
    const doc = JSON.parse(json.stdout);
    expect(doc.n).toBe(4);
    expect(doc.scores.accuracy).toBe(0.5);
    // OTHER: TP1 FN1 → 2/3; OFFENSE: TP1 FP1 FN1 → 1/2
    expect(doc.scores.macro_f1).toBeCloseTo((2 / 3 + 1 / 2) / 2, 10);
    expect(doc.primary).toBe('macro_f1');
    expect(doc.unparsed).toBe(1);
    const text = cli(['--suite', 'germeval2018-offense', '--predictions', p]);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/accuracy\s+50,0 %/);
    expect(text.stdout).toMatch(/macro_f1\s+58,3 %/);
  }, 90_000);

  it('mgsm-de: numeric accuracy', () => {
    const p = file('mgsm.jsonl', [
      { id: 'mgsm-de-001', output: '16 − 3 − 4 = 9; 9 × 2 = 18. Die Antwort lautet 18.' },
      { id: 'mgsm-de-002', output: 'Die Antwort lautet 4.' }
    ]);
    const r = cli(['--suite', 'mgsm-de', '--predictions', p, '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).scores.accuracy).toBe(0.5);
  }, 90_000);

  it('exits 2 naming file and line for a bad line, a duplicate id or a missing file', () => {
    const bad = file('bad.jsonl', [{ id: 'mgsm-de-001', output: '1' }, '{"id": "mgsm-de-002", "output": 3}']);
    const r = cli(['--suite', 'mgsm-de', '--predictions', bad, '--json']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${bad}:2: output:`);
    const broken = file('broken.jsonl', ['{"id": "mgsm-de-001", "output": "1"}', '', '{kaputt']);
    const b = cli(['--suite', 'mgsm-de', '--predictions', broken]);
    expect(b.status).toBe(2);
    expect(b.stderr).toContain(`${broken}:3: kein gültiges JSON`);
    const dup = file('dup.jsonl', [{ id: 'mgsm-de-001', output: '1' }, { id: 'mgsm-de-001', output: '2' }]);
    expect(cli(['--suite', 'mgsm-de', '--predictions', dup]).stderr).toContain(':2: id "mgsm-de-001" doppelt (schon in Zeile 1)');
    const none = cli(['--suite', 'mgsm-de', '--predictions', join(dir, 'fehlt.jsonl')]);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('fehlt.jsonl: Datei nicht lesbar');
  }, 90_000);

  it('exits 2 for usage errors and an unknown suite; 1 when no prediction belongs to the suite', () => {
    expect(cli(['--predictions', 'x.jsonl']).status).toBe(2);
    const p = file('other.jsonl', [{ id: 'nicht-in-der-suite', output: 'x' }]);
    const unknown = cli(['--suite', 'gibt-es-nicht', '--predictions', p]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('gibt-es-nicht');
    const empty = cli(['--suite', 'mgsm-de', '--predictions', p, '--json']);
    expect(empty.status).toBe(1);
    expect(JSON.parse(empty.stdout)).toMatchObject({ n: 0, scores: {}, missing: ['nicht-in-der-suite'] });
  }, 90_000);
});
