// Test helper: headless Debian Chromium through playwright-core, with the flags this machine needs,
// a fresh profile, and collection of console errors and page errors for assertions; appInBrowser
// starts the built app and a browser for one describe block.
import { afterAll, beforeAll } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type RunningApp } from './app';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumAvailable = existsSync(CHROMIUM_PATH);

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
];

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** console.error messages and uncaught page errors seen so far. */
  errors: string[];
  close: () => Promise<void>;
}

export async function openBrowser(): Promise<BrowserSession> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'werkbank-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    locale: 'de-DE',
    acceptDownloads: true
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  const watch = (p: Page) => {
    p.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
    });
    p.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  };
  watch(page);
  context.on('page', watch);
  return { context, page, errors, close: () => context.close() };
}

/**
 * Opens `url` and waits until the page has hydrated (the root layout sets `html[data-hydrated]`), so
 * a following click or keystroke reaches Svelte's handlers instead of the server-rendered HTML.
 */
export async function gotoHydrated(page: Page, url: string, timeoutMs = 30_000) {
  const response = await page.goto(url);
  await page.waitForSelector('html[data-hydrated]', { state: 'attached', timeout: timeoutMs });
  return response;
}

/**
 * The built app and a fresh Chromium for the surrounding describe block: started in beforeAll (after
 * `prepare`, which may seed a data folder and returns startApp's options), closed in afterAll. Read
 * `app` and `browser` from the returned object inside the tests. `hookTimeoutMs` overrides the
 * configured hook timeout for the start.
 */
export function appInBrowser(prepare?: () => Parameters<typeof startApp>[0] | Promise<Parameters<typeof startApp>[0]>, hookTimeoutMs?: number): { app: RunningApp; browser: BrowserSession } {
  const session = {} as { app: RunningApp; browser: BrowserSession };
  beforeAll(async () => {
    session.app = await startApp(prepare ? await prepare() : {});
    session.browser = await openBrowser();
  }, hookTimeoutMs);
  afterAll(async () => {
    await session.browser?.close();
    await session.app?.stop();
  });
  return session;
}
