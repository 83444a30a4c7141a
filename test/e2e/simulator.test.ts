// /simulator in headless Chromium: the page renders the break-even figure, recomputes in the browser
// when an assumption changes, keeps the scenario in the URL (shareable) and logs no console errors.
import { describe, expect, it } from 'vitest';
import { appInBrowser, chromiumAvailable, gotoHydrated } from '../helpers/browser';

describe.skipIf(!chromiumAvailable)('simulator page', () => {
  const s = appInBrowser();

  it('recomputes the break-even when an assumption changes, the users slider changes the API cost', async () => {
    const { page, errors } = s.browser;
    await gotoHydrated(page, `${s.app.url}/simulator?preset=ollama-rtx4090-paper`);
    const be = page.getByTestId('break-even-users');
    await expect.poll(async () => (await be.textContent())?.trim()).toMatch(/^(\d[\d.]*) Nutzer$|^nie$/);
    const before = (await be.textContent())!.trim();
    const apiBefore = (await page.getByTestId('api-monthly').textContent())!.trim();
    expect(apiBefore).toMatch(/€/);

    // users slider: the monthly API cost follows, the break-even (a user count) does not depend on it
    await page.getByTestId('users').fill('200');
    await expect.poll(async () => (await page.getByTestId('api-monthly').textContent())!.trim()).not.toBe(apiBefore);
    expect((await be.textContent())!.trim()).toBe(before);

    // a dearer server moves the break-even up
    await page.getByTestId('server-monthly').fill('1200');
    await expect.poll(async () => (await be.textContent())!.trim()).not.toBe(before);
    const dearer = (await be.textContent())!.trim();
    const n = (s: string) => (s === 'nie' ? Infinity : Number(s.replace(/\D/g, '')));
    expect(n(dearer)).toBeGreaterThan(n(before));

    // the scenario is in the URL: reloading it shows the same figure
    await expect.poll(() => new URL(page.url()).searchParams.get('s')).toBeTruthy();
    await page.waitForTimeout(400);
    const shared = page.url();
    await gotoHydrated(page, shared);
    await expect.poll(async () => (await page.getByTestId('break-even-users').textContent())!.trim()).toBe(dearer);

    // charts and the Rechenweg are there, numbers are de-DE
    await expect.poll(async () => page.locator('[data-testid="chart-cost"] canvas').count()).toBe(1);
    await expect.poll(async () => page.locator('[data-testid="chart-mc"] canvas').count()).toBe(1);
    // Monte Carlo uses the scenario's draws (default 2,000) like `werkbank simulate --analyze`, not fewer
    await expect.poll(async () => (await page.getByTestId('monte-carlo').textContent()) ?? '').toMatch(/2\.000 Ziehungen \(Seed 1,/);
    expect(await page.getByTestId('rechenweg').textContent()).toMatch(/Spitzenlast/);
    expect(await page.getByTestId('api-monthly').textContent()).toMatch(/\d,\d\d\s€/);
    expect(errors).toEqual([]);
  });

  it('shows a clear message for a broken scenario in the URL and falls back to a preset', async () => {
    const { page, errors } = s.browser;
    await gotoHydrated(page, `${s.app.url}/simulator?s=bm9wZQ`);
    await expect.poll(async () => (await page.getByRole('alert').first().textContent()) ?? '').toMatch(/Szenario in der Adresse/);
    await expect.poll(async () => (await page.getByTestId('break-even-users').textContent())?.trim()).toMatch(/Nutzer|nie/);
    expect(errors).toEqual([]);
  });
});
