// Browser test: /providers (Anbieter) and /recommend (Empfehlung) render in headless Chromium
// without console errors; the route filter works; the recommendation shows primary route, fallback
// chain, reasons and AVV sub-processors.
import { describe, expect, it } from 'vitest';
import { appInBrowser, chromiumAvailable, gotoHydrated } from '../helpers/browser';

describe.skipIf(!chromiumAvailable)('catalog pages', { timeout: 120_000 }, () => {
  const s = appInBrowser();

  it('/providers lists routes with tier, EUR prices and source on hover, and the tier filter narrows the table', async () => {
    const { page, errors } = s.browser;
    const res = await gotoHydrated(page, s.app.url + '/providers');
    expect(res?.status()).toBe(200);
    await expect(page.locator('h1').textContent()).resolves.toBe('Anbieter und Routen');
    const sonnet = page.locator('tr[data-route="bedrock-eu/claude-sonnet-4-6"]');
    await expect(sonnet.count()).resolves.toBe(1);
    const price = sonnet.getByTestId('price-in');
    // 3,30 USD ÷ 1,1637 = 2,8358 € in de-DE format
    expect(await price.textContent()).toMatch(/2,8358\s?€/);
    const title = (await price.getAttribute('title')) ?? '';
    expect(title).toContain('Quelle: LiteLLM price map, 2026-07-24');
    expect(title).toContain('Stand: 2026-07-24');
    expect(title).toMatch(/Abweichende Angabe: 3 \/ 15 USD/);

    const total = await page.locator('[data-testid="routes-table"] tbody tr').count();
    expect(total).toBeGreaterThan(40);
    await page.getByTestId('filter-tier').selectOption('3');
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="routes-table"] tbody tr').length < n, total);
    const tiers = await page.locator('[data-testid="routes-table"] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-tier')));
    expect(tiers.length).toBeGreaterThan(0);
    expect(new Set(tiers)).toEqual(new Set(['3']));
    await expect(page.getByTestId('route-count').textContent()).resolves.toMatch(new RegExp(`^${tiers.length} von \\d+ Routen`));

    await page.getByTestId('filter-tier').selectOption('alle');
    await page.getByTestId('filter-query').fill('stackit');
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="routes-table"] tbody tr')].every((r) => r.getAttribute('data-route')?.includes('stackit')));
    expect(await page.locator('[data-testid="routes-table"] tbody tr').count()).toBe(3);
    // legal facts per provider for the AVV
    const aws = await page.locator('tr[data-provider="bedrock-eu"]').textContent();
    expect(aws).toContain('Amazon Web Services EMEA SARL');
    expect(aws).toContain('AVV (Art. 28) + SCC');
    expect(errors).toEqual([]);
  });

  it('/recommend: choosing Kanzlei with personal data shows a tier-1/4 recommendation with reasons and AVV list', async () => {
    const { page, errors } = s.browser;
    const res = await gotoHydrated(page, s.app.url + '/recommend');
    expect(res?.status()).toBe(200);
    await expect(page.locator('h1').textContent()).resolves.toBe('Routen-Empfehlung');
    await page.getByTestId('profile-select').selectOption('kanzlei');
    await page.getByTestId('pd-yes').check();
    await Promise.all([page.waitForURL(/profile=kanzlei/), page.getByRole('button', { name: 'Empfehlung anzeigen' }).click()]);
    await expect(page.getByTestId('primary').textContent()).resolves.toContain('mistral/mistral-large-latest');
    const chain = await page.locator('[data-testid="fallback-chain"] li').allTextContents();
    expect(chain.length).toBe(3);
    for (const c of chain) expect(c).toMatch(/Tier [14]$/);
    await expect(page.getByTestId('reasons').textContent()).resolves.toContain('§ 203 StGB');
    await expect(page.getByTestId('subprocessors').textContent()).resolves.toContain('Mistral AI SAS');
    const tiers = await page.locator('[data-testid="allowed-table"] tbody tr td:nth-child(4)').allTextContents();
    expect(new Set(tiers)).toEqual(new Set(['1', '4']));
    expect(errors).toEqual([]);
  });

  it('/recommend via GET link: KMU Standard recommends Bedrock EU; an unknown profile gives a field error', async () => {
    const { page, errors } = s.browser;
    await gotoHydrated(page, s.app.url + '/recommend?profile=kmu-standard&personalData=nein');
    await expect(page.getByTestId('primary').textContent()).resolves.toContain('bedrock-eu/claude-sonnet-4-6');
    await gotoHydrated(page, s.app.url + '/recommend?profile=gibtsnicht');
    await expect(page.getByTestId('field-error').textContent()).resolves.toContain('Unbekanntes Profil');
    await expect(page.getByTestId('recommendation').count()).resolves.toBe(0);
    expect(errors).toEqual([]);
  });
});
