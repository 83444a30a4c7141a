// Untrusted output in the browser: two runs through the real `werkbank run` CLI against the Ollama
// protocol server, whose completions — and, for one item, whose error message — carry HTML/script
// payloads (an <img onerror>, a <script>, a `</script>` breaking out of SvelteKit's inline data). The run
// page, the run list, the comparison and the explorer must show them as text and run no script
// (window.__xss stays undefined, no <img src=x> element appears, no console errors).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, projectRoot, type RunningApp } from '../helpers/app';
import { chromiumAvailable, openBrowser, type BrowserSession, gotoHydrated } from '../helpers/browser';
import { startOllamaServer } from '../servers/ollama';
import type { ProtocolServer } from '../servers/common';

const PAYLOAD = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script></script><script>window.__xss=3</script> Die Antwort lautet 18.';
const ERROR_PAYLOAD = '<img src=x onerror="window.__xss=4">ungültig';

function cli(args: string[], env: Record<string, string>): Promise<{ code: number | null; err: string }> {
  return new Promise((res) => {
    const c = spawn(process.execPath, [join(projectRoot, 'bin/werkbank.js'), ...args], { cwd: projectRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    c.stderr.on('data', (d) => (err += d));
    c.once('exit', (code) => res({ code, err }));
  });
}

const xss = (b: BrowserSession) => b.page.evaluate(() => (window as unknown as { __xss?: number }).__xss);
/** Elements the payload would have created if it had been parsed as HTML (SvelteKit's own inline data
 *  script holds the outputs as escaped JS strings; a parsed payload would be a script of its own). */
const injectedImages = (b: BrowserSession) => b.page.evaluate(() => document.querySelectorAll('img[src="x"]').length + [...document.querySelectorAll('script')].filter((s) => (s.textContent ?? '').trim().startsWith('window.__xss')).length);

describe.skipIf(!chromiumAvailable)('untrusted model output is rendered as text', () => {
  let server: ProtocolServer;
  let app: RunningApp;
  let browser: BrowserSession;

  beforeAll(async () => {
    server = await startOllamaServer({ script: { text: PAYLOAD } });
    const dataDir = mkdtempSync(join(tmpdir(), 'werkbank-xss-'));
    const env = { OLLAMA_HOST: server.url, WERKBANK_DATA_DIR: dataDir, WERKBANK_DB: join(dataDir, 'werkbank.duckdb') };
    // first item of run A fails with a provider error message that carries markup
    server.configure({ faults: [{ status: 400, message: ERROR_PAYLOAD }] });
    const a = await cli(['run', '--suite', 'mgsm-de', '--target', 'ollama/modell-a', '--limit', '4', '--concurrency', '1', '--run-id', 'xss-a', '--max-retries', '0'], env);
    server.configure({ faults: [] });
    expect(a.code, a.err).toBe(0);
    const b = await cli(['run', '--suite', 'mgsm-de', '--target', 'ollama/modell-b', '--limit', '4', '--run-id', 'xss-b'], env);
    expect(b.code, b.err).toBe(0);
    app = await startApp({ dataDir });
    browser = await openBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await server?.close();
  });

  it('the HTML the server sends never contains the raw payload markup', async () => {
    for (const p of ['/runs', '/runs/xss-a', '/compare?runs=xss-a,xss-b']) {
      const html = await (await fetch(app.url + p)).text();
      expect(html, p).not.toContain('<img src=x onerror');
      expect(html, p).not.toContain('<script>window.__xss');
    }
  });

  it('/runs/[id] shows outputs and the provider error as text and runs no script', async () => {
    const { page, errors } = browser;
    await gotoHydrated(page, app.url + '/runs/xss-a');
    await page.getByText('window.__xss=2', { exact: false }).first().waitFor({ timeout: 20_000 });
    const text = await page.locator('body').innerText();
    expect(text).toContain('<img src=x onerror="window.__xss=1">');
    expect(text).toContain('<script>window.__xss=2</script>');
    expect(text).toContain('ungültig');
    expect(await xss(browser)).toBeUndefined();
    expect(await injectedImages(browser)).toBe(0);
    await gotoHydrated(page, app.url + '/runs');
    await page.getByText('xss-a').first().waitFor();
    expect(await xss(browser)).toBeUndefined();
    expect(errors).toEqual([]);
  });

  it('/compare of the two runs runs no script', async () => {
    const { page, errors } = browser;
    await gotoHydrated(page, app.url + '/compare?runs=xss-a,xss-b');
    await page.getByText('ollama/modell-b').first().waitFor({ timeout: 20_000 });
    await page.waitForTimeout(300);
    expect(await xss(browser)).toBeUndefined();
    expect(await injectedImages(browser)).toBe(0);
    expect(errors).toEqual([]);
  });

  it('/explore shows the outputs as text in the result table', async () => {
    const { page, errors } = browser;
    await gotoHydrated(page, app.url + '/explore');
    await page.getByTestId('load-runs').click();
    await page.getByTestId('explore-status').filter({ hasText: 'Zeilen in Tabelle' }).waitFor({ timeout: 60_000 });
    await page.getByTestId('sql').fill(`SELECT item_id, output FROM results ORDER BY item_id`);
    await page.getByTestId('run-query').click();
    await page.locator('[data-testid="result-table"] td', { hasText: 'onerror' }).first().waitFor({ timeout: 30_000 });
    const cells = await page.locator('[data-testid="result-table"] td').allTextContents();
    expect(cells.some((c) => c.includes('<script>window.__xss=2</script>'))).toBe(true);
    expect(await page.locator('[data-testid="result-table"] img, [data-testid="result-table"] script').count()).toBe(0);
    expect(await xss(browser)).toBeUndefined();
    expect(errors).toEqual([]);
  }, 120_000); // duckdb-wasm instantiates in the browser: seconds on a loaded 2-core machine
});
