// Browser test: the explorer loads stored runs as Arrow IPC into duckdb-wasm, runs an example query
// in the browser, shows rows, and renders untrusted model output as text.
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appInBrowser, gotoHydrated } from '../helpers/browser';
import { seedRuns } from '../helpers/seed';

const XSS = '<img src=x onerror="window.__xss=1">';

describe('explorer page', () => {
  const s = appInBrowser(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'wb-explore-'));
    await seedRuns(join(dataDir, 'werkbank.duckdb'), [
      { id: 'run-a', suite: 'xquad-de', target: 'ollama/llama3.1:8b', items: Array.from({ length: 12 }, (_, i) => ({ id: `q${i}`, score: i < 9 ? 1 : 0 })) },
      { id: 'run-b', suite: 'xquad-de', target: 'mistral/mistral-small-latest', items: [{ id: 'q0', output: XSS, score: 1 }, { id: 'q1', score: 0 }] }
    ]);
    return { dataDir };
  }, 120_000);

  it('serves selected runs as Arrow IPC (never user SQL)', async () => {
    const res = await fetch(`${s.app.url}/api/explore/arrow?runs=run-b`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.apache.arrow.stream');
    expect(res.headers.get('x-werkbank-rows')).toBe('2');
    const sqlAttempt = await fetch(`${s.app.url}/api/explore/arrow?runs=${encodeURIComponent("x') OR 1=1 --")}`);
    // an id is an id: unknown ones are named in a 404, nothing is read
    expect(sqlAttempt.status).toBe(404);
    expect(await sqlAttempt.text()).toContain("Unbekannte Läufe: x') OR 1=1 --");
  });

  it('runs an example query in the browser and shows rows; output stays text', async () => {
    const { page, errors } = s.browser;
    await gotoHydrated(page, s.app.url + '/explore');
    await page.getByTestId('load-runs').click();
    await page.getByTestId('explore-status').filter({ hasText: 'Zeilen in Tabelle' }).waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('explore-status').textContent()).toContain('14 Zeilen');
    await page.getByTestId('example-score-by-target').click();
    await page.getByTestId('run-query').click();
    await page.getByTestId('result-table').waitFor({ timeout: 30_000 });
    const rows = await page.locator('[data-testid="result-table"] tbody tr').allTextContents();
    expect(rows).toHaveLength(2);
    expect(rows.join('\n')).toContain('ollama/llama3.1:8b');
    expect(rows.join('\n')).toMatch(/0,75/); // 9 of 12 correct, de-DE formatted

    await page.getByTestId('sql').fill(`SELECT item_id, output FROM results WHERE run_id = 'run-b' ORDER BY item_id`);
    await page.getByTestId('run-query').click();
    await page.locator('[data-testid="result-table"] td', { hasText: 'onerror' }).waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid="result-table"] img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-csv').click()]);
    const { readFileSync } = await import('node:fs');
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('item_id,output');
    expect(csv).toContain('"<img src=x onerror=""window.__xss=1"">"');

    await page.getByTestId('sql').fill('SELEC broken');
    await page.getByTestId('run-query').click();
    await page.getByTestId('explore-status').filter({ hasText: 'SQL-Fehler' }).waitFor();
    expect(errors).toEqual([]);
  }, 120_000); // duckdb-wasm instantiates in the browser: seconds on a loaded 2-core machine
});
