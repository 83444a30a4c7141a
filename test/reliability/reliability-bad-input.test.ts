// Bad input never crashes Werkbank: malformed suite YAML, dataset rows of the wrong shape, unknown
// targets, wrong types and out-of-range numbers in suites, catalog overrides and scenarios, huge inputs
// (YAML alias bombs, oversized numbers). The CLI exits 2 with a message naming file, line and field —
// never a stack trace, never NaN. Schema-level fuzzing lives in reliability-fuzz.test.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

let calls = 0;
function cli(args: string[], cwd: string, env: Record<string, string> = {}): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((res) => {
    const child = spawn(process.execPath, [join(root, 'bin/werkbank.js'), ...args], {
      cwd,
      // an unreachable Ollama: validation must fail before any request
      env: { ...process.env, OLLAMA_HOST: 'http://127.0.0.1:9', WERKBANK_DATA_DIR: join(cwd, 'data'), WERKBANK_DB: join(cwd, 'data', `w-${++calls}.duckdb`), WERKBANK_DEBUG: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe']
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.once('exit', (code) => res({ code, out, err }));
  });
}

const SUITE = (id: string, over: Record<string, string> = {}) =>
  [
    `id: ${id}`,
    'name: Testsuite',
    'description: Eine kleine Testsuite',
    'language: de',
    'dataset:',
    `  path: datasets/${id}/items.jsonl`,
    '  licence: CC0',
    '  source: selbst geschrieben',
    '  attribution: Werkbank-Tests',
    `personalData: ${over.personalData ?? 'false'}`,
    'template:',
    '  system: Antworte kurz.',
    '  user: "Frage: {{question}}"',
    'generation:',
    `  maxTokens: ${over.maxTokens ?? '64'}`,
    `  temperature: ${over.temperature ?? '0'}`,
    'output:',
    '  parse: number',
    'scorer:',
    '  type: numeric',
    'metrics:',
    '  primary: accuracy',
    ''
  ].join('\n');
const ROW = (id: string) => JSON.stringify({ id, input: { question: 'Was ist 1 + 1?' }, expected: 2 });

/** A "billion laughs" YAML alias bomb (10^9 strings once expanded) under top-level keys `<prefix>a`…`<prefix>i`. */
function bombYaml(prefix = ''): string {
  const lines = [`${prefix}a: &${prefix}a ["x","x","x","x","x","x","x","x","x","x"]`];
  for (let i = 1; i <= 8; i++) {
    const k = prefix + String.fromCharCode(97 + i);
    const prev = prefix + String.fromCharCode(96 + i);
    lines.push(`${k}: &${k} [${Array(10).fill('*' + prev).join(',')}]`);
  }
  return lines.join('\n') + '\n';
}

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'werkbank-badinput-'));
  mkdirSync(join(dir, 'benchmarks'));
  mkdirSync(join(dir, 'datasets'));
  mkdirSync(join(dir, 'data'));
  // the shipped catalog, so that target ids resolve as in the real project
  symlinkSync(join(root, 'datasets', 'catalog'), join(dir, 'datasets', 'catalog'));
  return dir;
}
function addSuite(dir: string, id: string, yaml: string, rows: string[] = [ROW('a'), ROW('b')]): void {
  writeFileSync(join(dir, 'benchmarks', `${id}.yaml`), yaml);
  mkdirSync(join(dir, 'datasets', id), { recursive: true });
  writeFileSync(join(dir, 'datasets', id, 'items.jsonl'), rows.join('\n') + '\n');
}

function expectCleanUsageError(r: { code: number | null; out: string; err: string }): void {
  expect(r.code, r.err).toBe(2);
  expect(r.out).toBe('');
  expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
  expect(r.err).not.toMatch(/TypeError|ReferenceError|RangeError|SyntaxError: /);
}

describe('werkbank run: bad suite files and datasets exit 2 naming file, line and field', () => {
  let dir: string;
  beforeAll(() => {
    dir = project();
    // YAML syntax error (a mapping value where none may be) on line 15/16
    addSuite(dir, 'kaputt', SUITE('kaputt', { maxTokens: '64\n   foo: : bar' }));
    addSuite(dir, 'ausser-bereich', SUITE('ausser-bereich', { temperature: '-3' }));
    addSuite(dir, 'nan-zahl', SUITE('nan-zahl', { maxTokens: '.nan' }));
    addSuite(dir, 'riesenzahl', SUITE('riesenzahl', { maxTokens: '1e400' }));
    addSuite(dir, 'zeilen', SUITE('zeilen'), [
      ROW('a'),
      JSON.stringify({ id: 'b', input: 'nur Text', expected: 2 }), // line 2: input must be an object
      '{"id": "c", "input": {', // line 3: not JSON
      JSON.stringify({ id: 'd', input: { question: 'x' } }), // line 4: expected missing
      JSON.stringify({ id: 'e', input: { frage: 'x' }, expected: 1 }), // line 5: template field missing
      ROW('a') // line 6: duplicate id
    ]);
    // a billion-laughs alias bomb: must be refused, not expanded
    addSuite(dir, 'bombe', SUITE('bombe') + bombYaml('zz'));
  });

  it('malformed YAML names the file and line', async () => {
    const r = await cli(['run', '--suite', 'kaputt', '--target', 'ollama/test'], dir);
    expectCleanUsageError(r);
    expect(r.err).toMatch(/benchmarks\/kaputt\.yaml:1[56]/);
    expect(r.err).toMatch(/YAML/);
  });

  it('a wrong type, an out-of-range value, NaN and an overflowing number name the field and its line', async () => {
    const cases: [string, RegExp][] = [
      ['ausser-bereich', /benchmarks\/ausser-bereich\.yaml:16.*generation\.temperature/s],
      ['nan-zahl', /benchmarks\/nan-zahl\.yaml:15.*generation\.maxTokens/s],
      ['riesenzahl', /benchmarks\/riesenzahl\.yaml:15.*generation\.maxTokens/s]
    ];
    const results = await Promise.all(cases.map(([id]) => cli(['run', '--suite', id, '--target', 'ollama/test', '--json'], dir)));
    results.forEach((r, i) => {
      expectCleanUsageError(r);
      expect(r.err).toMatch(cases[i][1]);
    });
  });

  it('dataset rows of the wrong shape are all reported with their line and field', async () => {
    const r = await cli(['run', '--suite', 'zeilen', '--target', 'ollama/test'], dir);
    expectCleanUsageError(r);
    expect(r.err).toMatch(/items\.jsonl:2.*input/);
    expect(r.err).toMatch(/items\.jsonl:3.*JSON/);
    expect(r.err).toMatch(/items\.jsonl:4.*expected/);
    expect(r.err).toMatch(/items\.jsonl:5.*input\.question/);
    expect(r.err).toMatch(/items\.jsonl:6.*doppelte id "a"/);
  });

  it('a YAML alias bomb is refused with the file name instead of being expanded', async () => {
    const t0 = Date.now();
    const r = await cli(['run', '--suite', 'bombe', '--target', 'ollama/test'], dir);
    expectCleanUsageError(r);
    expect(r.err).toMatch(/benchmarks\/bombe\.yaml/);
    expect(Date.now() - t0).toBeLessThan(20_000);
  });

  it('unknown suite and target ids, oversized or non-numeric flags exit 2 naming what is wrong', async () => {
    addSuite(dir, 'gut', SUITE('gut'));
    const cases: [string[], RegExp][] = [
      [['run', '--suite', '../../etc/passwd', '--target', 'ollama/test'], /Suite-ID/],
      [['run', '--suite', 'gut', '--target', 'gibtsnicht/modell'], /gibtsnicht\/modell/],
      [['run', '--suite', 'gut', '--target', 'ollama/test', '--concurrency', '1000000'], /--concurrency/],
      [['run', '--suite', 'gut', '--target', 'ollama/test', '--limit', '1e400'], /--limit/],
      [['run', '--suite', 'gut', '--target', 'ollama/test', '--max-cost-eur', 'NaN'], /--max-cost-eur/]
    ];
    const results = await Promise.all(cases.map(([args]) => cli(args, dir)));
    results.forEach((r, i) => {
      expectCleanUsageError(r);
      expect(r.err).toMatch(cases[i][1]);
    });
  });
});

describe('catalog overrides with wrong types or out-of-range numbers', () => {
  it('exit 2 naming the override file, line and field; NaN is refused', async () => {
    const dir = project();
    const cases: [string, RegExp][] = [
      ['models:\n  - id: mistral/mistral-large-latest\n    price: { inputPerMTok: -1, source: Vertrag, asOf: "2026-11-01" }\n', /preise\.yaml:3.*inputPerMTok/s],
      ['models:\n  - id: mistral/mistral-large-latest\n    price: { inputPerMTok: .nan, source: Vertrag, asOf: "2026-11-01" }\n', /preise\.yaml:3.*inputPerMTok/s],
      // unresolved alias / alias bomb: refused as a YAML error of that file
      ['fx: *nirgends\n', /preise\.yaml/],
      [bombYaml(), /preise\.yaml/]
    ];
    const results = await Promise.all(
      cases.map(([text], i) => {
        const ov = join(dir, `o${i}`, 'preise.yaml');
        mkdirSync(join(dir, `o${i}`));
        writeFileSync(ov, text);
        return cli(['catalog', 'models', '--json', '--catalog', ov], root);
      })
    );
    results.forEach((r, i) => {
      expectCleanUsageError(r);
      expect(r.err).toMatch(cases[i][1]);
    });
  });
});


describe('werkbank simulate: bad scenario files', () => {
  it('out-of-range, wrong-type and overflowing fields, unknown catalog ids and alias bombs exit 2 naming file, line and field', async () => {
    const dir = project();
    const base = readFileSync(join(root, 'datasets/scenarios/routing-haiku-sonnet-caching.yaml'), 'utf8');
    const variant = (name: string, from: string, to: string): string => {
      expect(base).toContain(from);
      const f = join(dir, `${name}.yaml`);
      writeFileSync(f, base.replace(from, to));
      return f;
    };
    const cases: [string, RegExp][] = [
      [variant('negativ', 'users: 40', 'users: -5'), /negativ\.yaml:8.*tenant\.users/s],
      [variant('text', 'users: 40', 'users: viele'), /text\.yaml:8.*tenant\.users/s],
      [variant('cache', 'cacheHitRate: 0.9', 'cacheHitRate: 1.5'), /cache\.yaml:11.*api\.cacheHitRate/s],
      [variant('anteile', 'share: 0.7', 'share: 0.5'), /anteile\.yaml:1[2-5].*api\.routes/s],
      [variant('riesig', 'systemPromptTokens: 1500', 'systemPromptTokens: 1e400'), /riesig\.yaml:9.*request\.systemPromptTokens/s],
      [variant('unbekannt', 'model: bedrock-eu/claude-haiku-4-5', 'model: gibt-es/nicht'), /gibt-es\/nicht/],
      [variant('bombe', 'tenant:', `${bombYaml('x')}tenant:`), /bombe\.yaml/]
    ];
    const results = await Promise.all(cases.map(([file]) => cli(['simulate', '--scenario', file, '--json'], root)));
    results.forEach((r, i) => {
      expectCleanUsageError(r);
      expect(r.err).toMatch(cases[i][1]);
      expect(r.err).not.toMatch(/NaN/);
    });
  }, 60_000);
});

describe('werkbank.config.yaml: alias bombs and unresolved aliases', () => {
  it('exit 2 naming the config file instead of expanding or crashing', async () => {
    const dir = project();
    const bomb = join(dir, 'bombe.config.yaml');
    writeFileSync(bomb, bombYaml('x') + 'targets: {}\n');
    const alias = join(dir, 'alias.config.yaml');
    writeFileSync(alias, 'targets: *nirgends\n');
    const results = await Promise.all([bomb, alias].map((f) => cli(['ping', '--target', 'ollama/test'], root, { WERKBANK_CONFIG: f })));
    results.forEach((r, i) => {
      expectCleanUsageError(r);
      expect(r.err).toContain(i === 0 ? 'bombe.config.yaml' : 'alias.config.yaml');
    });
  });
});
