// Issue 11 in Chromium: an approval given for an earlier version and withdrawn with a reason,
// company rows only their own people can change, the restore of a record deleted through raw
// REST, and the item's LCOO history, as the people involved see them in the issue panel.
import type { Frame, Page } from 'playwright-core';
import { launchBrowser, type TestBrowser } from '../../support/browser';
import { COORDINATOR, FST_LEAD, completeVetting, startLcooSite, type LcooSite } from '../../support/lcoo-site';

jest.setTimeout(120_000);

const PANEL = 'lcoo-issue-panel';
let p: LcooSite;
let b: TestBrowser;

beforeAll(async () => {
  p = await startLcooSite();
  b = await launchBrowser();
});
afterAll(async () => {
  await b?.close();
  await p?.stop();
});

async function openIssue(key: string, email: string): Promise<{ page: Page; frame: Frame }> {
  const page = await b.newPage(p.sb.url, { asEmail: email, width: 1280, height: 1000 });
  await page.goto(`${p.sb.url}/browse/${key}`);
  return { page, frame: await b.waitForApp(page, PANEL) };
}

async function expectText(frame: Frame, testId: string, expected: string | RegExp, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    last = (
      await frame
        .getByTestId(testId)
        .first()
        .innerText()
        .catch(() => '')
    )
      .replace(/\s+/g, ' ')
      .trim();
    if (typeof expected === 'string' ? last.includes(expected) : expected.test(last)) return;
    if (Date.now() > until) throw new Error(`Expected ${String(expected)} in ${testId}; it showed: "${last.slice(0, 400)}"`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A Roadmap Item FST_LEAD saved and prioritized, then saved again with another size (revision 3). */
async function staleItem(summary: string): Promise<string> {
  const key = await p.createIssue('Roadmap Item', summary);
  await p.ok('vetting/save', { revision: null, vetting: completeVetting() }, FST_LEAD, key);
  await p.ok('approvals/record', { record: 'vetting', role: 'fst-prioritization', revision: 1, note: 'Top 3' }, FST_LEAD, key);
  await p.ok('vetting/save', { revision: 2, vetting: { ...completeVetting(), size: 'XL' } }, FST_LEAD, key);
  return key;
}

test('an approval given for an earlier version is marked with what changed, and its approver withdraws it with a reason; the history shows both', async () => {
  const key = await staleItem('Stale then withdrawn');
  const { page, frame } = await openIssue(key, FST_LEAD);
  await b.screenshotOnFailure(async () => {
    await expectText(frame, 'approvals-given', 'Given for an earlier version');
    await expectText(frame, 'approvals-given', /Changed since: Size of effort/i);
    await expectText(frame, 'approvals-given', 'Farah Stein');
    await b.screenshot(page, 'panel-approval-stale');

    const id = `given-fst-prioritization-${p.sb.host.accountIdOf(FST_LEAD).replace(/[^a-zA-Z0-9]/g, '')}`;
    await frame.getByTestId(`${id}-withdraw`).click();
    await frame.locator(`#${id}-reason`).fill('The size grew to XL; the FST reconsiders.');
    await frame.getByTestId(`${id}-withdraw-confirm`).click();
    await expectText(frame, 'save-status', /^Approval withdrawn today at \d\d:\d\d/);
    await expectText(frame, 'approvals', 'No approvals recorded yet.');

    await frame.getByTestId('history-toggle').click();
    await expectText(frame, 'history-4', 'withdrew an approval');
    await expectText(frame, 'history-4', 'Reason: The size grew to XL; the FST reconsiders.');
    await expectText(frame, 'history-3', /Size of effort: L → XL/);
    await frame.getByTestId('history').scrollIntoViewIfNeeded();
    await b.screenshot(page, 'panel-history');
  });
  await page.context().close();
});

test("each company's row is editable only by that company's people", async () => {
  const key = await p.createIssue('Roadmap Item', 'Company rows');
  await p.ok('vetting/save', { revision: null, vetting: completeVetting() }, FST_LEAD, key);
  const { page, frame } = await openIssue(key, COORDINATOR);
  await b.screenshotOnFailure(async () => {
    // COORDINATOR is Comcast's Roadmap Coordinator: Comcast's row is theirs, AT&T's is not.
    await frame.getByTestId('item-collaborators-toggle').click();
    await frame.getByTestId('company-comcast').waitFor();
    expect(await frame.getByTestId('company-comcast').getAttribute('data-editable')).toBe('true');
    expect(await frame.getByTestId('company-att').getAttribute('data-editable')).toBe('false');
    await expectText(frame, 'company-att', "Only AT&T's Roadmap Coordinator or reps");
    await expectText(frame, 'company-att-recorded', 'Recorded by Farah Stein');
    await frame.getByTestId('company-att').scrollIntoViewIfNeeded();
    await b.screenshot(page, 'panel-company-rows');
  });
  await page.context().close();
});

test('a record deleted through raw REST is restored from the panel, approvals included', async () => {
  const key = await staleItem('Deleted then restored');
  expect((await p.rest('DELETE', `/rest/api/3/issue/${key}/properties/lcoo-vetting`, FST_LEAD)).status).toBe(204);
  const { page, frame } = await openIssue(key, COORDINATOR);
  await b.screenshotOnFailure(async () => {
    await expectText(frame, 'restore-offer', /kept revision 3, saved by Farah Stein/);
    await b.screenshot(page, 'panel-restore-offer');
    await frame.getByTestId('restore-button').click();
    await expectText(frame, 'save-status', /^Restored today at \d\d:\d\d/);
    expect(await frame.getByTestId('restore-offer').count()).toBe(0);
    await expectText(frame, 'approvals-given', 'Given for an earlier version');
    await expectText(frame, 'item-valueToMembers-summary', 'Hardware maintenance without VNF downtime.');
    await frame.getByTestId('item-valueToMembers-toggle').click();
    expect(await frame.locator('#valueToMembers').inputValue()).toBe('Hardware maintenance without VNF downtime.');
  });
  await page.context().close();
});
