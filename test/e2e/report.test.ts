// Browser test: the report page builds the German customer report with recommendation and break-even,
// prints without navigation, and offers the standalone HTML download.
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appInBrowser, gotoHydrated } from '../helpers/browser';
import { seedRuns } from '../helpers/seed';

describe('report page', () => {
  const s = appInBrowser(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'wb-report-e2e-'));
    await seedRuns(join(dataDir, 'werkbank.duckdb'), [
      { id: 'run-mistral', suite: 'de-email-triage', target: 'mistral/mistral-large-latest', tier: 1, items: [{ id: 'a', score: 1, output: '<img src=x onerror="window.__xss=1">' }, { id: 'b', score: 0 }] }
    ]);
    return { dataDir };
  }, 120_000);

  it('builds the report with recommendation and break-even, and prints without navigation', async () => {
    const { page, errors } = s.browser;
    await gotoHydrated(page, s.app.url + '/report');
    await page.locator('select[name="profile"]').selectOption('kanzlei');
    await page.locator('input[name="personalData"]').check();
    await page.locator('input[name="customer"]').fill('Kanzlei Beispiel <b>GmbH</b>');
    await page.locator('input[name="runs"][value="run-mistral"]').check();
    await page.getByTestId('report-submit').click();
    await page.getByTestId('report').waitFor();
    const report = page.getByTestId('report');
    const primary = await page.getByTestId('report-primary').textContent();
    expect(primary).toContain('Empfohlene Route');
    expect(primary).toMatch(/Tier [14]/);
    const be = await page.getByTestId('report-break-even').textContent();
    expect(be).toMatch(/Break-even: (\d[\d.]* Nutzer|kein Break-even)/);
    expect(await report.textContent()).toContain('mistral/mistral-large-latest');
    expect(await report.textContent()).toContain('Kanzlei Beispiel <b>GmbH</b>');
    expect(await report.locator('b').count()).toBe(0);
    expect(await report.locator('svg').count()).toBeGreaterThan(0);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.topbar').isVisible()).toBe(false);
    expect(await page.getByTestId('report-submit').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    expect(errors).toEqual([]);

    const href = await page.getByTestId('report-download').getAttribute('href');
    const res = await fetch(s.app.url + href);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="werkbank-bericht-kanzlei\.html"/);
    const html = await res.text();
    expect(html).toContain('Break-even');
    expect(html).not.toMatch(/<script/i);
  });

  it('names the field when the input is wrong', async () => {
    const { page } = s.browser;
    await gotoHydrated(page, s.app.url + '/report?profile=gibt-es-nicht');
    expect(await page.getByTestId('report-error').textContent()).toMatch(/profile: .*gibt-es-nicht/);
    const res = await fetch(s.app.url + '/api/report?profile=kanzlei&runs=ghost');
    expect(res.status).toBe(400);
  });
});
