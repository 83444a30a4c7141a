// Browser test: a run started in the UI can be stopped from its page and resumed to the end; a server
// asked to stop (SIGTERM) stops its runs cleanly; a run whose server died shows as "unterbrochen" and
// can be resumed by the next server. Nothing that arrived is lost in any of these.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startApp, type RunningApp } from '../helpers/app';
import { openBrowser, chromiumAvailable, type BrowserSession, gotoHydrated } from '../helpers/browser';
import { startOllamaServer } from '../servers/ollama';
import type { ProtocolServer } from '../servers/common';
import { Store } from '../../src/lib/server/store/db';

describe.skipIf(!chromiumAvailable)('stopping and resuming runs in the UI', () => {
  let server: ProtocolServer;
  let browser: BrowserSession;
  const apps: RunningApp[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'wb-run-control-'));
  const start = async () => {
    const app = await startApp({ dataDir, env: { OLLAMA_HOST: server.url } });
    apps.push(app);
    return app;
  };

  beforeAll(async () => {
    // every answer takes ~0.6 s: at concurrency 4, 16 items need ~2.4 s, enough to stop in between
    server = await startOllamaServer({ script: { text: 'Die Antwort lautet 18.', ttftMs: 600, interChunkMs: 5 } });
    browser = await openBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    for (const a of apps) await a.stop();
    await server?.close();
  });

  /** Start a run from the /runs form; returns its id once its page is open. */
  async function startRun(page: Page, app: RunningApp, limit: number): Promise<string> {
    await gotoHydrated(page, app.url + '/runs');
    await page.getByLabel('Suite').selectOption('mgsm-de');
    await page.getByLabel('Ziel').fill('ollama/test-model');
    await page.getByLabel('Limit (Items)').fill(String(limit));
    await page.getByRole('button', { name: 'Lauf starten' }).click();
    await page.waitForURL(/\/runs\/run-/);
    return decodeURIComponent(page.url().split('/runs/')[1]);
  }

  async function resumeToEnd(page: Page, total: number) {
    const resume = page.getByTestId('run-resume');
    expect(await resume.textContent()).toMatch(/Lauf fortsetzen \(\d+ Items offen\)/);
    await resume.click();
    await page.getByTestId('run-status').filter({ hasText: 'fertig' }).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('run-summary').textContent()).toContain(`ok ${total}`);
    expect(await page.getByTestId('run-resume').count()).toBe(0);
  }

  it('stops a running run from its page; what arrived stays stored; resuming sends only the rest', async () => {
    const { page, errors } = browser;
    const app = await start();
    const before = server.requests.length;
    await startRun(page, app, 16);
    await page.getByTestId('run-cancel').click();
    await page.getByTestId('run-status').filter({ hasText: 'gestoppt' }).waitFor({ timeout: 15_000 });
    expect(await page.getByText('Lauf abgebrochen (in der Web-Oberfläche gestoppt)').count()).toBe(1);
    const open = Number(/\((\d+) Items offen\)/.exec((await page.getByTestId('run-resume').textContent()) ?? '')?.[1]);
    expect(open).toBeGreaterThan(0);
    expect(open).toBeLessThanOrEqual(16);
    const sentBeforeResume = server.requests.length - before;
    await resumeToEnd(page, 16);
    // items that had finished before the stop were not sent again
    expect(server.requests.length - before - sentBeforeResume).toBe(open);
    await gotoHydrated(page, app.url + '/runs');
    expect(await page.getByTestId('runs-table').textContent()).toContain('fertig');
    expect(errors).toEqual([]);
    await app.stop();
  }, 90_000);

  it('a server asked to stop (SIGTERM) stops its runs cleanly; the next server resumes them', async () => {
    const { page } = browser;
    const app = await start();
    const runId = await startRun(page, app, 40);
    await page.getByTestId('run-progress').getByText(/[1-9]\d* \/ 40 Items/).waitFor({ timeout: 15_000 });
    const t0 = Date.now();
    await app.stop();
    const stopMs = Date.now() - t0;
    // stopped by the server itself, not finished (40 items take ~6 s) and not left 'running' by the
    // SIGKILL that follows 5 s after SIGTERM
    const store = await Store.open(app.dbPath);
    try {
      const [row] = await store.query<{ status: string; status_reason: string }>(`SELECT status, status_reason FROM runs WHERE id = $id`, { id: runId });
      const ok = Number((await store.query<{ n: bigint }>(`SELECT count(*) AS n FROM results WHERE run_id = $id AND status = 'ok'`, { id: runId }))[0].n);
      const why = `stop took ${stopMs} ms, ${ok} of 40 ok; app log:\n${app.logs()}`;
      expect(row, why).toEqual({ status: 'cancelled', status_reason: 'Lauf abgebrochen (Server wird beendet)' });
      expect(app.logs(), why).toMatch(/SIGTERM: 1 laufende\(r\) Lauf\/Läufe gestoppt/);
    } finally {
      await store.close();
    }
    const next = await start();
    await gotoHydrated(page, `${next.url}/runs/${encodeURIComponent(runId)}`);
    expect(await page.getByTestId('run-status').textContent()).toBe('gestoppt');
    await resumeToEnd(page, 40);
    await next.stop();
  }, 90_000);

  it('a run whose server was killed shows as "unterbrochen" and the next server resumes it', async () => {
    const { page, errors } = browser;
    const app = await start();
    const runId = await startRun(page, app, 40);
    await page.getByTestId('run-progress').getByText(/[1-9]\d* \/ 40 Items/).waitFor({ timeout: 15_000 });
    await app.kill();
    const next = await start();
    await gotoHydrated(page, `${next.url}/runs/${encodeURIComponent(runId)}`);
    // (the old page's requests to the killed server failed; only what happens from here counts)
    const seen = errors.length;
    expect(await page.getByTestId('run-status').textContent()).toBe('unterbrochen');
    await page.getByTestId('run-interrupted').waitFor();
    // no live progress for a run nobody runs (it used to wait for progress forever)
    expect(await page.getByTestId('run-progress').count()).toBe(0);
    // the same on every page that lists runs
    for (const path of ['/runs', '/', '/compare']) {
      await gotoHydrated(page, next.url + path);
      expect(await page.locator('tr', { hasText: runId }).first().textContent(), path).toContain('unterbrochen');
    }
    await gotoHydrated(page, `${next.url}/runs/${encodeURIComponent(runId)}`);
    await resumeToEnd(page, 40);
    expect(errors.slice(seen)).toEqual([]);
    await next.stop();
  }, 90_000);
});
