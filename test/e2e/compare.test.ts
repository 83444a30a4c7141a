// Browser test: compare two runs of one suite — summary, cost per solved item, Pareto marking, paired
// difference — and download the comparison as CSV/Parquet/JSONL exports.
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appInBrowser, gotoHydrated } from '../helpers/browser';
import { seedRuns } from '../helpers/seed';

describe('compare page', () => {
  const s = appInBrowser(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'wb-compare-'));
    // baseline: 16/20 correct at 0.002 € each; candidate: 10/20 correct at 0.001 € each, synthetic third run.
    await seedRuns(join(dataDir, 'werkbank.duckdb'), [
      { id: 'base', suite: 'mgsm-de', target: 'mistral/mistral-large', tier: 1, items: Array.from({ length: 20 }, (_, i) => ({ id: `m${i}`, score: i < 16 ? 1 : 0, costEur: 0.002 })) },
      { id: 'cand', suite: 'mgsm-de', target: 'ollama/qwen', tier: 4, items: Array.from({ length: 20 }, (_, i) => ({ id: `m${i}`, score: i < 10 ? 1 : 0, costEur: 0.001 })) },
      { id: 'synth', suite: 'mgsm-de', target: 'local/synthetic.gguf', synthetic: true, items: [{ id: 'm0', score: 0, costEur: 0 }] }
    ]);
    return { dataDir };
  }, 120_000);

  it('compares two runs with costs, frontier and a paired difference', async () => {
    const { page, errors } = s.browser;
    await gotoHydrated(page, s.app.url + '/compare');
    await page.getByLabel('Lauf base vergleichen').check();
    await page.getByLabel('Lauf cand vergleichen').check();
    await page.getByLabel('Lauf synth vergleichen').check();
    await page.getByTestId('compare-submit').click();
    await page.getByTestId('compare-summary').waitFor();
    const norm = (t: string | null) => (t ?? '').replace(/[\u00a0\u202f]/g, ' ');
    const summary = norm(await page.getByTestId('compare-summary').textContent());
    expect(summary).toContain('80 %'); // 16/20
    expect(summary).toContain('50 %');
    expect(summary).toContain('nur Geschwindigkeit, keine Qualität');
    // cost per solved item: 0.04 €/16 = 0,0025 €; 0.02 €/10 = 0,002 €
    const perSolved = (await page.getByTestId('cost-per-solved').allTextContents()).map(norm);
    expect(perSolved.join(' ')).toMatch(/0,0025\s*€/);
    expect(perSolved.join(' ')).toMatch(/0,002\s*€/);
    // Both real runs are on the frontier (one better, one cheaper); the synthetic one is excluded.
    expect(await page.locator('[data-testid="compare-summary"] .badge.ok').count()).toBe(2);
    const delta = await page.getByTestId('paired-delta').allTextContents();
    expect(delta[0]).toBe('-0,3');
    expect(await page.getByTestId('paired').textContent()).toContain('base');
    expect(errors).toEqual([]);
  });

  it('takes each run once and names unknown run ids', async () => {
    const html = await (await fetch(`${s.app.url}/compare?runs=base,base,nope`)).text();
    expect(html).toContain('Unbekannte Läufe (nicht verglichen): nope');
    // one run only: no run paired with itself
    expect(html).not.toContain('data-testid="paired-delta"');
    expect(html.match(/data-testid="cost-per-solved"/g) ?? []).toHaveLength(1);
  });

  it('unknown pages and runs get a German error page; run status is shown in German', async () => {
    const missing = await fetch(`${s.app.url}/gibt-es-nicht`, { headers: { accept: 'text/html' } });
    expect(missing.status).toBe(404);
    const html = await missing.text();
    expect(html).toContain('Nicht gefunden');
    expect(html).toContain('Diese Seite gibt es nicht.');
    // (SvelteKit's own "Not Found" stays only in the page's hydration data)
    expect(/data-testid="error-page">([\s\S]*?)<\/section>/.exec(html)?.[1]).not.toContain('Not Found');
    const run = await fetch(`${s.app.url}/runs/gibt-es-nicht`, { headers: { accept: 'text/html' } });
    expect(run.status).toBe(404);
    expect(await run.text()).toContain('Lauf gibt-es-nicht nicht gefunden');
    // a form sent to a page without actions, and a method an endpoint does not have: German too
    const origin = new URL(s.app.url).origin;
    const post = await fetch(`${s.app.url}/compare`, { method: 'POST', headers: { accept: 'text/html', origin, 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1' });
    expect(post.status).toBe(405);
    expect(/data-testid="error-page">([\s\S]*?)<\/section>/.exec(await post.text())?.[1]).toContain('Diese Seite nimmt keine Formulardaten an.');
    const del = await fetch(`${s.app.url}/api/export`, { method: 'DELETE' });
    expect(del.status).toBe(405);
    expect(del.headers.get('allow')).toContain('GET');
    expect(await del.text()).toMatch(/^Methode DELETE ist hier nicht erlaubt \(erlaubt: .*GET.*\)\.$/);
    const compare = await (await fetch(`${s.app.url}/compare`)).text();
    expect(compare).toContain('fertig');
    expect(compare).not.toMatch(/<td>completed<\/td>/);
  });

  it('lists runs without a stored summary (e.g. killed mid-run) with their figures so far', async () => {
    const { page } = s.browser;
    await gotoHydrated(page, s.app.url + '/runs');
    const row = (await page.locator('tr', { hasText: 'mistral/mistral-large' }).first().textContent()) ?? '';
    expect(row.replace(/[\u00a0\u202f]/g, ' ')).toMatch(/80(,0)? %/);
    expect(row).toMatch(/0,04\s*€/);
  });

  it('exports a comparison as CSV, JSONL and Parquet; rejects unknown runs and bad formats', async () => {
    const csv = await fetch(`${s.app.url}/api/export?runs=base,cand&format=csv`);
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text.split('\r\n')[0]).toBe('runId,suiteId,targetId,itemId,status,output,error,errorKind,attempts,ttftMs,tpotMs,e2eMs,inputTokens,outputTokens,costEur,score');
    expect(text.trim().split('\n')).toHaveLength(41);
    const jsonl = await (await fetch(`${s.app.url}/api/export?runs=base&format=jsonl`)).text();
    const first = JSON.parse(jsonl.split('\n')[0]);
    expect(Object.keys(first)).toEqual(['itemId', 'status', 'output', 'error', 'errorKind', 'attempts', 'ttftMs', 'tpotMs', 'e2eMs', 'inputTokens', 'outputTokens', 'costEur', 'score']);
    const parquet = new Uint8Array(await (await fetch(`${s.app.url}/api/export?runs=base&format=parquet`)).arrayBuffer());
    expect(new TextDecoder().decode(parquet.slice(0, 4))).toBe('PAR1');
    expect((await fetch(`${s.app.url}/api/export?runs=nope&format=csv`)).status).toBe(404);
    expect((await fetch(`${s.app.url}/api/export?runs=base&format=xlsx`)).status).toBe(400);
    expect((await fetch(`${s.app.url}/api/export?runs=../../etc/passwd&format=csv`)).status).toBe(404);
  });
});
