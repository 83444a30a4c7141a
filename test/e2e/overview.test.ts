// Browser test: the built app's overview renders in headless Chromium with the German shell,
// a migrated database and no console errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../helpers/app';
import { openBrowser, type BrowserSession } from '../helpers/browser';

describe('overview page', () => {
  let app: RunningApp;
  let browser: BrowserSession;

  beforeAll(async () => {
    app = await startApp();
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('renders navigation, database status and row counts without console errors', async () => {
    const { page, errors } = browser;
    const res = await page.goto(app.url + '/');
    expect(res?.status()).toBe(200);
    await expect(page.locator('h1').textContent()).resolves.toBe('Übersicht');
    const nav = await page.locator('nav[aria-label="Hauptnavigation"] a').allTextContents();
    expect(nav).toEqual(['Übersicht', 'Anbieter', 'Empfehlung', 'Simulator', 'Läufe', 'Vergleich', 'Bericht', 'Explorer']);
    const status = await page.getByTestId('db-status').textContent();
    expect(status).toContain('bereit');
    expect(status).toContain(app.dbPath);
    expect(status).toContain('Schema-Version 1');
    expect(status).toContain('Audit-Log-Einträge');
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    expect(errors).toEqual([]);
  });

  it('created and migrated the database file on first start', async () => {
    const { existsSync } = await import('node:fs');
    expect(existsSync(app.dbPath)).toBe(true);
  });
});
