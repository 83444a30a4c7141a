// `werkbank report`: writes a self-contained HTML report; bad input exits 2 naming the field.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { projectRoot } from '../helpers/app';
import { seedRuns } from '../helpers/seed';
import { issueScenario } from '../helpers/scenarios';

const cli = (args: string[]) => spawnSync(process.execPath, ['bin/werkbank.js', ...args], { cwd: projectRoot, encoding: 'utf8', timeout: 60_000 });

describe('werkbank report', () => {
  it('writes a standalone report with recommendation, runs and break-even', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wb-report-cli-'));
    const scenarioFile = join(dir, 'szenario.yaml');
    writeFileSync(scenarioFile, stringify(issueScenario));
    const db = join(dir, 'w.duckdb');
    await seedRuns(db, [{ id: 'run-1', suite: 'de-email-triage', target: 'mistral/mistral-large-latest', tier: 1, items: [{ id: 'x', score: 1 }] }]);
    const out = join(dir, 'bericht.html');
    const r = cli(['report', '--profile', 'kmu-standard', '--scenario', scenarioFile, '--runs', 'run-1', '--out', out, '--db', db, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.primaryRoute).toMatch(/^bedrock-eu\//);
    expect(typeof summary.breakEvenUsers === 'number' || summary.breakEvenUsers === null).toBe(true);
    const html = readFileSync(out, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain(summary.primaryRoute);
    expect(html).toContain('mistral/mistral-large-latest');
    expect(html).toContain('Break-even');
    // figures in de-DE notation everywhere (assumptions, prices, model sizes)
    expect(html).toMatch(/1,1637 USD je EUR/);
    // (an English decimal point: 1–2 or 4+ digits after it; de-DE thousands groups have exactly 3)
    expect(html).not.toMatch(/\b\d+\.(\d{1,2}|\d{4,})( \/ \d+([.,]\d+)?)? (USD|EUR|GB)\b/);
    expect(html).not.toMatch(/<script|<link|@import|url\(/i);
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//i);
  });

  it('exits 2 when --runs names no run at all', () => {
    const r = cli(['report', '--profile', 'kmu-standard', '--scenario', 'datasets/scenarios/kanzlei-mistral-large.yaml', '--runs', ',', '--out', join(mkdtempSync(join(tmpdir(), 'wb-report-cli-')), 'r.html')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--runs: keine Lauf-ID angegeben/);
  });

  it('exits 2 naming the field for a bad scenario, an unknown profile and unknown runs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wb-report-cli-'));
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, stringify({ ...issueScenario, api: { ...issueScenario.api, cacheHitRate: 1.5 } }));
    const r1 = cli(['report', '--profile', 'kanzlei', '--scenario', bad, '--out', join(dir, 'x.html')]);
    expect(r1.status).toBe(2);
    expect(r1.stderr).toMatch(/api\.cacheHitRate/);
    expect(r1.stderr).toMatch(/bad\.yaml:\d+/);
    const good = join(dir, 'good.yaml');
    writeFileSync(good, stringify(issueScenario));
    const r2 = cli(['report', '--profile', 'nope', '--scenario', good, '--out', join(dir, 'x.html')]);
    expect(r2.status).toBe(2);
    expect(r2.stderr).toMatch(/nope/);
    const r3 = cli(['report', '--profile', 'kanzlei', '--scenario', good, '--runs', 'ghost', '--out', join(dir, 'x.html'), '--db', join(dir, 'w.duckdb')]);
    expect(r3.status).toBe(2);
    expect(r3.stderr).toMatch(/ghost/);
    const r4 = cli(['report', '--profile', 'kanzlei', '--scenario', good]);
    expect(r4.status).toBe(2);
    expect(r4.stderr).toMatch(/--out/);
  });
});
