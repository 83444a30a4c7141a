// Browser test: start a run from the /runs form against the Ollama protocol server, follow the live
// progress to the finished run page, and check that hostile model output is shown as text only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../helpers/app';
import { openBrowser, chromiumAvailable, type BrowserSession, gotoHydrated } from '../helpers/browser';
import { startOllamaServer } from '../servers/ollama';
import type { ProtocolServer } from '../servers/common';

const PAYLOAD = '<img src=x onerror="window.__pwned=1;document.title=\'pwned\'"><script>window.__pwned=2</script> Die Antwort lautet 5.';

describe.skipIf(!chromiumAvailable)('runs pages', () => {
  let app: RunningApp;
  let browser: BrowserSession;
  let server: ProtocolServer;

  beforeAll(async () => {
    let n = 0;
    // every request takes ~1 s so the live progress is visible; the first answer carries the payload
    server = await startOllamaServer({ script: () => ({ text: n++ === 0 ? PAYLOAD : 'Die Antwort lautet 18.', ttftMs: 1000, interChunkMs: 5 }) });
    // adapter-node without ORIGIN assumes https, so SvelteKit's origin check would refuse the form post
    // from http://127.0.0.1; PROTOCOL_HEADER + the header below make it derive http (ORIGIN, when set, wins).
    app = await startApp({ env: { OLLAMA_HOST: server.url, PROTOCOL_HEADER: 'x-forwarded-proto' } });
    browser = await openBrowser();
    await browser.context.setExtraHTTPHeaders({ 'x-forwarded-proto': 'http' });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await server?.close();
  });

  it('starts a run from the form, shows progress and the stored results', async () => {
    const { page, errors } = browser;
    await gotoHydrated(page, app.url + '/runs');
    await page.getByLabel('Suite').selectOption('mgsm-de');
    await page.getByLabel('Ziel').fill('ollama/test-model');
    await page.getByLabel('Limit (Items)').fill('6');
    await page.getByRole('button', { name: 'Lauf starten' }).click();
    await page.waitForURL(/\/runs\/run-/).catch((e) => {
      throw new Error(`${e.message}\nURL ${page.url()}\nApp-Log:\n${app.logs()}`);
    });
    // live progress over SSE while the run is going (6 items at concurrency 4: two waves of ~1 s)
    await page.getByTestId('run-progress').getByText(/\d+ \/ 6 Items/).waitFor({ timeout: 10_000 });
    // finished: the SSE end event reloads the page data
    await page.getByTestId('run-status').filter({ hasText: 'fertig' }).waitFor({ timeout: 30_000 });
    const rows = page.locator('[data-testid="items-table"] tbody tr');
    expect(await rows.count()).toBe(6);
    const summary = (await page.getByTestId('run-summary').textContent()) ?? '';
    expect(summary).toContain('ok 6');
    expect(summary).toMatch(/accuracy/);
    await page.getByTestId('latency-chart').locator('canvas').waitFor();
    await page.getByTestId('score-chart').locator('canvas').waitFor();

    // hostile output is text: no element created from it, no script ran
    const outputs = await page.getByTestId('item-output').allTextContents();
    expect(outputs.some((t) => t.includes('<img src=x onerror='))).toBe(true);
    expect(await page.locator('[data-testid="items-table"] img').count()).toBe(0);
    expect(await page.locator('[data-testid="items-table"] script').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.title()).not.toBe('pwned');

    // the list shows the run with status and TTFT
    await gotoHydrated(page, app.url + '/runs');
    const table = (await page.getByTestId('runs-table').textContent()) ?? '';
    expect(table).toContain('mgsm-de');
    expect(table).toContain('ollama/test-model');
    expect(table).toContain('fertig');
    expect(table).toMatch(/\d+\s*ms/);
    expect(errors).toEqual([]);
  }, 90_000);

  it('shows field errors for bad input and never starts a run for it', async () => {
    const { page } = browser;
    await gotoHydrated(page, app.url + '/runs');
    const before = await page.locator('[data-testid="runs-table"] tbody tr').count();
    await page.getByLabel('Ziel').fill('ollama/x y');
    await page.getByLabel('Limit (Items)').fill('0');
    await page.getByRole('button', { name: 'Lauf starten' }).click();
    await page.getByText('Limit mindestens 1').waitFor();
    await page.getByText(/Ziel: z\. B\./).waitFor();
    // an unknown target is refused with a message, not a stack trace
    await page.getByLabel('Ziel').fill('gibtsnicht/modell');
    await page.getByLabel('Limit (Items)').fill('2');
    await page.getByRole('button', { name: 'Lauf starten' }).click();
    const msg = (await page.getByTestId('run-form-error').textContent()) ?? '';
    expect(msg).toMatch(/unbekannt|nicht/);
    expect(msg).not.toMatch(/\n\s+at /);
    await gotoHydrated(page, app.url + '/runs');
    expect(await page.locator('[data-testid="runs-table"] tbody tr').count()).toBe(before);
  }, 60_000);

  it('the compliance guard applies in the UI and cannot be bypassed with an extra form field', async () => {
    const { page } = browser;
    await gotoHydrated(page, app.url + '/runs');
    await page.getByLabel('Suite').selectOption('de-email-triage');
    await page.getByLabel('Ziel').fill('openai/gpt-5-mini');
    await page.getByLabel('Limit (Items)').fill('2');
    await page.getByRole('button', { name: 'Lauf starten' }).click();
    const msg = (await page.getByTestId('run-form-error').textContent()) ?? '';
    expect(msg).toMatch(/personenbezogene Daten/);
    // a hand-made POST with allowThirdCountry is refused the same way
    const body = new URLSearchParams({ suite: 'de-email-triage', target: 'openai/gpt-5-mini', limit: '2', allowThirdCountry: 'true', 'allow-third-country': 'on' });
    const res = await fetch(`${app.url}/runs?/start`, { method: 'POST', body, headers: { origin: app.url, 'x-forwarded-proto': 'http', 'content-type': 'application/x-www-form-urlencoded', 'x-sveltekit-action': 'true' } });
    const json = (await res.json()) as { type: string; status: number; data: string };
    expect(json.type).toBe('failure');
    expect(json.status).toBe(403);
    expect(json.data).toMatch(/personenbezogene Daten/);
    const list = await fetch(app.url + '/runs/__data.json', { headers: { 'x-forwarded-proto': 'http' } }).then((r) => r.text());
    expect(list).not.toContain('de-email-triage","openai/gpt-5-mini');
  });

  it('the events endpoint of a finished run sends one end event', async () => {
    const list = await fetch(app.url + '/runs/__data.json').then((r) => r.text());
    const id = /run-\d{8}-\d{6}-[0-9a-f]{4}/.exec(list)?.[0];
    expect(id).toBeTruthy();
    const res = await fetch(`${app.url}/api/runs/${id}/events`);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const text = await res.text();
    expect(text).toMatch(/^event: end\ndata: \{.*"status":"completed"/);
    expect((await fetch(`${app.url}/api/runs/..%2F..%2Fetc/events`)).status).toBe(404);
  });
});
