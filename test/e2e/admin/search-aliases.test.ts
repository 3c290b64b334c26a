// The admin page's "Search (JQL)" tab in Chromium: every alias of the one list, with queries to
// copy and the values valid on the site today, following the configuration as an admin renames.
import type { Frame, Locator } from 'playwright-core';
import { DEFAULT_APP_CONFIG } from '../../../src/domain/app-config';
import { SEARCH_ALIASES } from '../../../src/domain/search-aliases';
import { launchBrowser, type TestBrowser } from '../../support/browser';
import { ADMIN, VIEWER, unwrap } from '../../support/lcoo-site';
import { startSandbox, type TestSandbox } from '../../support/sandbox';

jest.setTimeout(60_000);

let sb: TestSandbox;
let b: TestBrowser;
beforeAll(async () => {
  sb = await startSandbox();
  b = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await b?.close();
  await sb?.stop();
});

async function expectText(locator: Locator, text: string | RegExp, timeout = 15_000): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor({ state: 'visible', timeout });
}

async function openSearchTab(): Promise<{ page: import('playwright-core').Page; frame: Frame }> {
  const page = await b.newPage(sb.url, { asEmail: ADMIN, width: 1280, height: 1400 });
  await page.goto(`${sb.url}/admin/apps/lcoo-admin`);
  const frame = await b.waitForApp(page, 'lcoo-admin');
  await frame.getByRole('tab', { name: 'Search (JQL)' }).click();
  await frame.getByTestId('search-aliases').waitFor({ state: 'visible', timeout: 15_000 });
  return { page, frame };
}

const row = (frame: Frame, alias: string) => frame.locator(`tr[data-alias="${alias}"]`);

test('lists every alias with what it holds, example queries and the values valid today', async () => {
  const { page, frame } = await openSearchTab();
  await b.screenshotOnFailure(async () => {
    await expectText(frame.getByTestId('search-rule'), 'as the app shows it');
    const listed = await frame.locator('tr[data-alias]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-alias')));
    expect(listed).toEqual(SEARCH_ALIASES.map((a) => a.alias));
    await expectText(row(frame, 'lcooFst'), 'Test Automation / CICD or test-automation');
    await expectText(row(frame, 'lcooFst'), 'lcooFst = "Networking"');
    await expectText(row(frame, 'lcooTargetRelease'), 'Indri or 2027.1, indri');
    await expectText(row(frame, 'lcooTargetRelease'), 'lcooTargetRelease = "Indri"');
    await expectText(row(frame, 'lcooType'), 'Open-sourcing or open-sourcing');
    await expectText(row(frame, 'lcooCompany'), 'Reliance Jio or reliance-jio');
    await expectText(row(frame, 'lcooCommittedCompany'), 'committed at least one person');
    await expectText(row(frame, 'lcooDeliveryStage'), 'Code Committed or code-committed');
    await b.screenshot(page, 'admin-search-aliases');
  });
});

test('after an admin renames an FST, the tab lists the new name (the id stays)', async () => {
  const config = {
    ...DEFAULT_APP_CONFIG,
    fsts: DEFAULT_APP_CONFIG.fsts.map((f) => (f.id === 'networking' ? { ...f, name: 'Networking & NFV' } : f)),
  };
  unwrap(await sb.host.invoke('lcoo-admin', 'config/save', config, { asEmail: ADMIN }));
  const { frame } = await openSearchTab();
  await b.screenshotOnFailure(async () => {
    await expectText(row(frame, 'lcooFst'), 'Networking & NFV or networking');
    const text = await row(frame, 'lcooFst').innerText();
    expect(text).not.toMatch(/^Networking or networking$/m);
  });
});

test('only Jira administrators get the list from the resolver', async () => {
  const out = (await sb.host.invoke('lcoo-admin', 'search/aliases', {}, { asEmail: VIEWER })) as { ok: boolean; error?: { code: string } };
  expect(out).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});
