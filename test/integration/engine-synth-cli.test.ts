// `werkbank synth`: writes a catalog shape as a synthetic GGUF (JSON result on stdout, progress on
// stderr), refuses unknown shapes, unsupported quants and existing files with exit 2.
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isSyntheticGguf, readGgufInfo, syntheticShapeId } from '../../src/lib/server/engine/gguf-reader';
import { projectRoot } from '../helpers/app';

const dir = mkdtempSync(join(tmpdir(), 'wb-synth-'));
const cli = (args: string[]) => spawnSync(process.execPath, ['bin/werkbank.js', ...args], { cwd: projectRoot, encoding: 'utf8', timeout: 60_000 });

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('werkbank synth', () => {
  it('writes the catalog shape tiny-test as f16 and reports size and parameters', async () => {
    const out = join(dir, 'tiny-f16.gguf');
    const r = cli(['synth', '--shape', 'tiny-test', '--quant', 'f16', '--out', out, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ path: out, shape: 'tiny-test', quant: 'f16', params: 139_584, synthetic: true });
    expect(doc.bytes).toBe(statSync(out).size);
    expect(r.stderr).toMatch(/100 %/);
    const info = await readGgufInfo(out);
    expect(isSyntheticGguf(info)).toBe(true);
    expect(syntheticShapeId(info)).toBe('tiny-test');
    expect(info.metadata['general.file_type']).toBe(1);

    const again = cli(['synth', '--shape', 'tiny-test', '--quant', 'f16', '--out', out]);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/gibt es schon \(--force überschreibt\)/);
  }, 60_000);

  it('exits 2 naming the problem for an unknown shape and an unsupported quant', () => {
    const unknown = cli(['synth', '--shape', 'gibt-es-nicht', '--out', join(dir, 'x.gguf')]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/"gibt-es-nicht" ist kein Open-Modell im Katalog \(bekannt: .*tiny-test/);
    const quant = cli(['synth', '--shape', 'tiny-test', '--quant', 'q4_k_m', '--out', join(dir, 'x.gguf')]);
    expect(quant.status).toBe(2);
    expect(quant.stderr).toMatch(/--quant: "q4_k_m" wird nicht unterstützt/);
    expect(existsSync(join(dir, 'x.gguf'))).toBe(false);
  }, 60_000);
});
