// What the panel does to show its record sooner, and the signals the bench measures it by:
// the entry asks for panel/load before the app's code is evaluated (static/issue-panel/src/
// index.tsx), and the app sets performance marks for its start, first render and
// interactivity (static/shared/render-marks.ts).
import type { Frame, Page } from 'playwright-core';
import { launchBrowser, type TestBrowser } from '../../support/browser';
import { FST_LEAD, completeVetting, startLcooSite, type LcooSite } from '../../support/lcoo-site';

jest.setTimeout(120_000);

const PANEL = 'lcoo-issue-panel';
let p: LcooSite;
let b: TestBrowser;
let key: string;

beforeAll(async () => {
  p = await startLcooSite();
  b = await launchBrowser();
  key = await p.createIssue('Roadmap Item', 'First render check');
  await p.ok('vetting/save', { revision: null, vetting: completeVetting() }, FST_LEAD, key);
});
afterAll(async () => {
  await b?.close();
  await p?.stop();
});

async function open(): Promise<{ page: Page; frame: Frame }> {
  const page = await b.newPage(p.sb.url, { asEmail: FST_LEAD });
  // The bridge calls the host page receives from the frame, in order.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __bridgeCalls: string[] }).__bridgeCalls = seen;
    window.addEventListener('message', (e: MessageEvent<{ type?: string; name?: string }>) => {
      if (e.data?.type === 'call' && e.data.name) seen.push(e.data.name);
    });
  });
  await page.goto(`${p.sb.url}/browse/${key}`);
  const frame = await b.waitForApp(page, PANEL);
  await frame.waitForFunction(() => performance.getEntriesByName('lcoo:interactive', 'mark').length > 0);
  return { page, frame };
}

test('the panel asks for its record before the app code runs: invoke reaches Jira before the app enables theming', async () => {
  const { page } = await open();
  const calls = await page.evaluate(() => (window as unknown as { __bridgeCalls: string[] }).__bridgeCalls);
  expect(calls.slice(0, 2)).toEqual(['invoke', 'enableTheming']);
});

test('the panel marks its start, first render and interactivity once each, in that order', async () => {
  const { frame } = await open();
  const at = await frame.evaluate(() =>
    ['lcoo:start', 'lcoo:first-render', 'lcoo:interactive'].map((n) => performance.getEntriesByName(n, 'mark').map((m) => m.startTime)),
  );
  expect(at.map((times) => times.length)).toEqual([1, 1, 1]);
  const [start, first, interactive] = at.map((t) => t[0] ?? Number.NaN);
  expect(first).toBeGreaterThan(start ?? Number.NaN);
  expect(interactive).toBeGreaterThanOrEqual(first ?? Number.NaN);
  // The first render is the record itself, on screen.
  expect(await frame.getByTestId('lcoo-panel').isVisible()).toBe(true);
});
