// Browser test: the built app's overview renders in headless Chromium with the German shell,
// a migrated database and no console errors.
import { describe, expect, it } from 'vitest';
import { appInBrowser, gotoHydrated } from '../helpers/browser';

describe('overview page', () => {
  const s = appInBrowser();

  it('renders navigation, database status and row counts without console errors', async () => {
    const { page, errors } = s.browser;
    const res = await gotoHydrated(page, s.app.url + '/');
    expect(res?.status()).toBe(200);
    await expect(page.locator('h1').textContent()).resolves.toBe('Übersicht');
    const nav = await page.locator('nav[aria-label="Hauptnavigation"] a').allTextContents();
    expect(nav).toEqual(['Übersicht', 'Anbieter', 'Empfehlung', 'Simulator', 'Läufe', 'Vergleich', 'Bericht', 'Explorer']);
    const status = await page.getByTestId('db-status').textContent();
    expect(status).toContain('bereit');
    expect(status).toContain(s.app.dbPath);
    expect(status).toContain('Schema-Version 1');
    expect(status).toContain('Audit-Log-Einträge');
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    expect(errors).toEqual([]);
  });

  it('created and migrated the database file on first start', async () => {
    const { existsSync } = await import('node:fs');
    expect(existsSync(s.app.dbPath)).toBe(true);
  });
});
