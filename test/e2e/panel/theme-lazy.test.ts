// The panel follows Jira's light/dark theme and ships only those two themes, loaded lazily
// (static/shared/theme.ts). Atlassian's pages do not say whether the host brings the token CSS
// into the frame (docs/platform-facts.md), so both hosts are tried: one that does (the
// sandbox's default) costs the app no theme download; one that does not makes the app load its
// light theme chunk, and the dark one only when the person switches.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { launchBrowser, type TestBrowser } from '../../support/browser';
import { FST_LEAD, completeVetting, startLcooSite, type LcooSite } from '../../support/lcoo-site';

jest.setTimeout(120_000);

const PANEL = 'lcoo-issue-panel';
const THEMES = join(__dirname, '..', '..', '..', 'node_modules', '@atlaskit', 'tokens', 'dist', 'esm', 'artifacts', 'themes');
/** --ds-text as each theme file defines it. */
const textColour = (theme: string) => {
  const m = /--ds-text: (#[0-9A-Fa-f]+);/.exec(readFileSync(join(THEMES, `${theme}.js`), 'utf8'));
  if (!m?.[1]) throw new Error(`${theme} defines no --ds-text`);
  return m[1];
};
const LIGHT = textColour('atlassian-light');
const DARK = textColour('atlassian-dark');

let b: TestBrowser;
beforeAll(async () => {
  b = await launchBrowser();
});
afterAll(async () => {
  await b?.close();
});

async function openPanel(p: LcooSite): Promise<{ page: Page; frame: Frame }> {
  const key = await p.createIssue('Roadmap Item', 'Theme check');
  await p.ok('vetting/save', { revision: null, vetting: completeVetting() }, FST_LEAD, key);
  const page = await b.newPage(p.sb.url, { asEmail: FST_LEAD, colorMode: 'light' });
  await page.goto(`${p.sb.url}/browse/${key}`);
  const frame = await b.waitForApp(page, PANEL);
  await frame.waitForFunction(() => performance.getEntriesByName('lcoo:theme', 'mark').length > 0);
  return { page, frame };
}

const themeSource = (frame: Frame) =>
  frame.evaluate(() => (performance.getEntriesByName('lcoo:theme', 'mark')[0] as PerformanceMark | undefined)?.detail as unknown);
const themeChunks = (frame: Frame) =>
  frame.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => /chunks\/(atlassian-(?:light|dark))-/.exec(e.name)?.[1])
      .filter((x): x is string => x !== undefined)
      .sort(),
  );
const textToken = (frame: Frame) => frame.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--ds-text').trim());
const panelTextColour = (frame: Frame) => frame.evaluate(() => getComputedStyle(document.querySelector('main') ?? document.body).color);

async function switchToDark(page: Page, frame: Frame): Promise<void> {
  await page.locator('#theme-toggle').click();
  await frame.waitForFunction((dark) => getComputedStyle(document.documentElement).getPropertyValue('--ds-text').trim() === dark, DARK);
}

describe('a host that brings the token CSS (the sandbox default)', () => {
  let p: LcooSite;
  beforeAll(async () => {
    p = await startLcooSite();
  });
  afterAll(async () => {
    await p?.stop();
  });

  test('the app downloads no theme of its own, and the panel turns dark when Jira does', async () => {
    const { page, frame } = await openPanel(p);
    await b.screenshotOnFailure(async () => {
      expect(await themeSource(frame)).toEqual({ source: 'host', mode: 'light' });
      expect(await textToken(frame)).toBe(LIGHT);
      const lightText = await panelTextColour(frame);
      await switchToDark(page, frame);
      expect(await panelTextColour(frame)).not.toBe(lightText);
      expect(await themeChunks(frame)).toEqual([]);
    });
  });
});

describe('a host that only sets data-color-mode (hostTokensCss: false)', () => {
  let p: LcooSite;
  beforeAll(async () => {
    p = await startLcooSite({ hostTokensCss: false });
  });
  afterAll(async () => {
    await p?.stop();
  });

  test('the app loads its light theme at start and the dark one only when the person switches', async () => {
    const { page, frame } = await openPanel(p);
    await b.screenshotOnFailure(async () => {
      expect(await themeSource(frame)).toEqual({ source: 'app', mode: 'light' });
      expect(await themeChunks(frame)).toEqual(['atlassian-light']);
      expect(await textToken(frame)).toBe(LIGHT);
      const lightText = await panelTextColour(frame);

      await switchToDark(page, frame);
      expect(await themeChunks(frame)).toEqual(['atlassian-dark', 'atlassian-light']);
      expect(await panelTextColour(frame)).not.toBe(lightText);
      await b.screenshot(page, 'panel-dark-theme-loaded-by-the-app');
    });
  });
});
