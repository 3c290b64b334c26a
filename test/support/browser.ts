// Chromium for e2e tests: Debian's /usr/bin/chromium driven by playwright-core (never a
// downloaded browser). One browser per test file; a fresh context per test; a screenshot
// of every open page when a test fails (test-results/<test name>.png).
//
//   const b = await launchBrowser();
//   const page = await b.newPage(sb.url, { asEmail: 'viewer@lcoo.example' });
//   await b.screenshotOnFailure(async () => { ... });
//   await b.close();
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Frame, type FrameLocator, type Page } from 'playwright-core';

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
export const RESULTS_DIR = resolve(__dirname, '..', '..', 'test-results');

export interface TestBrowser {
  browser: Browser;
  /** A new page in a new context, signed in as asEmail (the sandbox's user cookie) when given. */
  newPage(baseUrl: string, opts?: { asEmail?: string; colorMode?: 'light' | 'dark'; width?: number; height?: number }): Promise<Page>;
  /** The Custom UI iframe of a module on the page (by its manifest module key). */
  appFrame(page: Page, moduleKey: string): FrameLocator;
  /**
   * Waits until the app inside the frame has its content (or why there is none) on screen, as
   * assistive technology learns it: body[aria-busy="false"] (static/shared/busy.ts). Returns the frame.
   */
  waitForApp(page: Page, moduleKey: string, timeoutMs?: number): Promise<Frame>;
  /** Saves a full-page screenshot; returns its path. */
  screenshot(page: Page, name: string): Promise<string>;
  /** Runs fn; on failure screenshots the pages of the two newest contexts (named after the test) and rethrows. */
  screenshotOnFailure<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const safeName = (s: string) => s.replace(/[^\w.-]+/g, '-').slice(0, 120);

export async function launchBrowser(): Promise<TestBrowser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
  const contexts: BrowserContext[] = [];

  const api: TestBrowser = {
    browser,
    async newPage(baseUrl, opts = {}) {
      const context = await browser.newContext({ viewport: { width: opts.width ?? 1360, height: opts.height ?? 900 } });
      contexts.push(context);
      const url = new URL(baseUrl);
      const cookies = [];
      if (opts.asEmail) cookies.push({ name: 'sandbox_user', value: encodeURIComponent(opts.asEmail), domain: url.hostname, path: '/' });
      if (opts.colorMode) cookies.push({ name: 'sandbox_theme', value: opts.colorMode, domain: url.hostname, path: '/' });
      if (cookies.length) await context.addCookies(cookies);
      const page = await context.newPage();
      page.on('pageerror', (e) => console.error('[browser pageerror]', e.message));
      return page;
    },
    appFrame: (page, moduleKey) => page.frameLocator(`iframe[data-module-key="${moduleKey}"]`),
    async waitForApp(page, moduleKey, timeoutMs = 20_000) {
      const handle = await page.waitForSelector(`iframe[data-module-key="${moduleKey}"]`, { timeout: timeoutMs });
      const frame = await handle.contentFrame();
      if (!frame) throw new Error(`The iframe of ${moduleKey} has no content frame`);
      await frame.waitForSelector('body[aria-busy="false"]', { state: 'attached', timeout: timeoutMs });
      return frame;
    },
    async screenshot(page, name) {
      mkdirSync(RESULTS_DIR, { recursive: true });
      const file = join(RESULTS_DIR, `${safeName(name)}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async screenshotOnFailure(fn) {
      try {
        return await fn();
      } catch (e) {
        const testName =
          (globalThis as { expect?: { getState?: () => { currentTestName?: string } } }).expect?.getState?.().currentTestName ?? 'failure';
        let i = 0;
        // The newest contexts belong to the failing test (earlier tests' pages are still open).
        for (const c of contexts.slice(-2)) {
          for (const p of c.pages()) await api.screenshot(p, `FAILED-${testName}-${i++}`).catch(() => undefined);
        }
        throw e;
      }
    },
    async close() {
      await browser.close();
    },
  };
  return api;
}

/**
 * A page in a browser profile that lets cross-site frames keep storage (third-party cookies
 * allowed, as in a browser where the person has not blocked them): the Custom UI frame then has
 * its localStorage, which the default test profile refuses it (docs/platform-facts.md, "A Custom
 * UI frame's storage"). One persistent profile per call; `close` removes it.
 */
export async function launchStorageAllowingPage(
  baseUrl: string,
  opts: { asEmail: string; width?: number; height?: number },
): Promise<{ page: Page; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'lcoo-chromium-'));
  mkdirSync(join(dir, 'Default'));
  // Chromium's profile preference for "Allow third-party cookies" (cookie controls off).
  writeFileSync(
    join(dir, 'Default', 'Preferences'),
    JSON.stringify({ profile: { cookie_controls_mode: 0, block_third_party_cookies: false } }),
  );
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: opts.width ?? 1360, height: opts.height ?? 900 },
  });
  const url = new URL(baseUrl);
  await context.addCookies([{ name: 'sandbox_user', value: encodeURIComponent(opts.asEmail), domain: url.hostname, path: '/' }]);
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => console.error('[browser pageerror]', e.message));
  return {
    page,
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
