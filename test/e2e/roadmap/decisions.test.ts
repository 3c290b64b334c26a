// The committee's decisions on the Quarter draft tab in Chromium, over the LCOO seed: a Roadmap
// Committee member records a target-release decision with the form and sees it on the item with
// their name and the time; a bad note is refused beside its field; a viewer sees no form.
import type { Frame, Page } from 'playwright-core';
import { z } from 'zod';
import type { DraftView } from '../../../src/contract/roadmap';
import { launchBrowser, type TestBrowser } from '../../support/browser';
import { envelopeSchema } from '../../support/envelope';
import { startSandbox, type TestSandbox } from '../../support/sandbox';
import { ADMIN, VIEWER } from '../../support/lcoo-site';

const PAGE = 'lcoo-roadmap-page';

let sb: TestSandbox;
let b: TestBrowser;
let draft: DraftView;

beforeAll(async () => {
  sb = await startSandbox({ seed: 'full' });
  b = await launchBrowser();
  const out = envelopeSchema(z.unknown()).parse(await sb.host.invoke(PAGE, 'draft/load', {}, { asEmail: ADMIN }));
  if (!out.ok) throw new Error(out.error.message);
  draft = out.data as DraftView;
}, 240_000);
afterAll(async () => {
  await b?.close();
  await sb?.stop();
});

async function openRoadmap(asEmail: string): Promise<{ page: Page; frame: Frame }> {
  const page = await b.newPage(sb.url, { asEmail, width: 1500, height: 1000 });
  await page.goto(`${sb.url}/jira/apps/${PAGE}`);
  const frame = await b.waitForApp(page, PAGE);
  await frame.getByTestId('draft-table').waitFor();
  return { page, frame };
}

test('a committee member records a target-release decision and sees it with their name and time', async () => {
  const item = draft.items[1]!;
  const release = draft.decisions.releases[1]!;
  const { page, frame } = await openRoadmap(ADMIN);
  await b.screenshotOnFailure(async () => {
    await frame.getByTestId('decision-form').locator('summary').click();
    await frame.getByTestId('decision-item').selectOption(item.id);
    await frame.getByTestId('decision-kind').selectOption('target-release');
    await frame.getByTestId('decision-release').selectOption(release.id);
    await frame.getByTestId('decision-record').click();
    await frame
      .getByTestId('rank-note')
      .filter({ hasText: `The decision on ${item.key} is recorded.` })
      .waitFor();
    const cell = frame.getByTestId(`decisions-${item.key}`);
    await cell.filter({ hasText: `Target release: ${release.label}` }).waitFor();
    const text = await cell.innerText();
    // The admin's display name as Jira has it, and the day it was recorded.
    expect(text).toMatch(/by .+ on /);
    const today = new Date();
    expect(text).toContain(String(today.getUTCFullYear()));

    // A strategy with a note too long is refused beside the note.
    await frame.getByTestId('decision-kind').selectOption('delivery-strategy');
    await frame.getByTestId('decision-strategy').selectOption('new-project');
    await frame.getByTestId('decision-note').fill('x'.repeat(501));
    await frame.getByTestId('decision-record').click();
    await frame.getByTestId('decision-error').filter({ hasText: 'At most 500 characters' }).waitFor();
    await frame.getByTestId('decision-message').filter({ hasText: 'a field needs a change' }).waitFor();
    await b.screenshot(page, 'roadmap-decision-recorded');
  });
  // Stored with who, server-side.
  const out = envelopeSchema(z.unknown()).parse(await sb.host.invoke(PAGE, 'draft/load', {}, { asEmail: VIEWER }));
  if (!out.ok) throw new Error(out.error.message);
  const d = (out.data as DraftView).items.find((i) => i.id === item.id)!.decisions;
  expect(d).toHaveLength(1);
  expect(d[0]).toMatchObject({ kind: 'target-release', releaseId: release.id });
  expect(d[0]!.by.accountId).toBe(sb.host.accountIdOf(ADMIN));
  // The cell names the person the page was told about.
  const { frame: viewerFrame } = await openRoadmap(VIEWER);
  await viewerFrame
    .getByTestId(`decisions-${item.key}`)
    .filter({ hasText: `by ${d[0]!.by.displayName!} on` })
    .waitFor();
  expect(await viewerFrame.getByTestId('decision-form').count()).toBe(0);

  // A version published now shows the decision.
  const pub = envelopeSchema(z.unknown()).parse(
    await sb.host.invoke(PAGE, 'versions/publish', { quarter: draft.quarter.id, kind: 'new', event: 'Decisions PTG' }, { asEmail: ADMIN }),
  );
  expect(pub.ok).toBe(true);
  await viewerFrame.getByTestId('tab-versions').click();
  await viewerFrame.getByRole('button', { name: `Open ${draft.quarter.label}, new roadmap, Decisions PTG` }).click();
  await viewerFrame
    .getByTestId(`version-decisions-${item.key}`)
    .filter({ hasText: `Target release: ${release.label}` })
    .waitFor();
});
