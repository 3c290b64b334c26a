// The LCOO roadmap page (jira:globalPage) in Chromium on the sandbox, over the LCOO seed: reached
// from the project's navigation, it shows the quarter's draft from the portfolio index.
import type { Frame, Page } from 'playwright-core';
import { z } from 'zod';
import type { DraftView } from '../../../src/contract/roadmap';
import { launchBrowser, type TestBrowser } from '../../support/browser';
import { envelopeSchema } from '../../support/envelope';
import { startSandbox, type TestSandbox } from '../../support/sandbox';
import { ADMIN } from '../../support/lcoo-site';

const PAGE = 'lcoo-roadmap-page';

let sb: TestSandbox;
let b: TestBrowser;
let draft: DraftView;

async function invoke<T>(key: string, payload: unknown, asEmail = ADMIN): Promise<T> {
  const out = envelopeSchema(z.unknown()).parse(await sb.host.invoke(PAGE, key, payload, { asEmail }));
  if (!out.ok) throw new Error(`${key}: ${out.error.code} ${out.error.message}`);
  return out.data as T;
}

beforeAll(async () => {
  sb = await startSandbox({ seed: 'full' });
  b = await launchBrowser();
  draft = await invoke<DraftView>('draft/load', {});
}, 240_000);
afterAll(async () => {
  await b?.close();
  await sb?.stop();
});

async function openRoadmap(asEmail = ADMIN): Promise<{ page: Page; frame: Frame }> {
  const page = await b.newPage(sb.url, { asEmail, width: 1360, height: 1000 });
  await page.goto(`${sb.url}/projects/LCOO/issues`);
  await page.getByRole('link', { name: 'LCOO roadmap' }).click();
  await page.waitForURL(`${sb.url}/jira/apps/${PAGE}`);
  const frame = await b.waitForApp(page, PAGE);
  return { page, frame };
}

test('the draft answers from the portfolio index with one Jira call', () => {
  expect(draft.source).toBe('index');
  expect(draft.items.length).toBeGreaterThan(0);
  expect(draft.items.every((i) => ['prioritized', 'development-ready'].includes(i.stage))).toBe(true);
  // One permission check as the person; nothing searched per item.
  expect(draft.cost.jiraCalls).toBe(1);
});

test('the page is in the navigation and shows the quarter draft', async () => {
  const { page, frame } = await openRoadmap();
  await b.screenshotOnFailure(async () => {
    await frame
      .getByTestId('draft-heading')
      .filter({ hasText: `Draft for ${draft.quarter.label}` })
      .waitFor();
    const first = draft.items[0]!;
    await frame.getByTestId(`draft-row-${first.key}`).filter({ hasText: first.summary }).waitFor();
    expect(await frame.locator('[data-testid^="draft-row-"]').count()).toBe(draft.items.length);
    await b.screenshot(page, 'roadmap-draft');
  });
});
