// Issue 15, gadget items 9 and 10 in Chromium over the LCOO seed: the gadget reads at half width
// (a 600 px frame) and full width with nothing clipped, pivot cells filter the table, every
// blocker is readable from the keyboard, and axe finds no violation.
import type { Frame, Page } from 'playwright-core';
import { z } from 'zod';
import type { PortfolioLoad } from '../../../src/contract/gadget';
import { axeViolations } from '../../support/axe';
import { launchBrowser, type TestBrowser } from '../../support/browser';
import { envelopeSchema } from '../../support/envelope';
import { startSandbox, type TestSandbox } from '../../support/sandbox';

const GADGET = 'lcoo-portfolio-gadget';
const LRC = 'admin@lcoo.example';
/** The dashboard's sidebar and margins take 306 px: this viewport gives the gadget a 600 px frame. */
const HALF = 906;
const FULL = 1360;

let sb: TestSandbox;
let b: TestBrowser;
let allRows: PortfolioLoad['rows'];
/** The first page as the gadget shows it by default, with the blocker messages its rows point at. */
let first: PortfolioLoad;

async function loadPage(page: number): Promise<PortfolioLoad> {
  const out = envelopeSchema(z.unknown()).parse(
    await sb.host.invoke(GADGET, 'portfolio/load', { page }, { asEmail: LRC, gadgetConfiguration: {} }),
  );
  if (!out.ok) throw new Error(out.error.message);
  return out.data as PortfolioLoad;
}

beforeAll(async () => {
  sb = await startSandbox({ seed: 'full' });
  b = await launchBrowser();
  first = await loadPage(1);
  allRows = [...first.rows];
  for (let page = 2; page <= Math.ceil(first.matched / first.pageSize); page++) allRows.push(...(await loadPage(page)).rows);
}, 240_000);
afterAll(async () => {
  await b?.close();
  await sb?.stop();
});

async function openDashboard(width: number): Promise<{ page: Page; frame: Frame }> {
  const page = await b.newPage(sb.url, { asEmail: LRC, width });
  await page.goto(`${sb.url}/dashboard`);
  const frame = await b.waitForApp(page, GADGET);
  await frame.waitForSelector('[data-testid="gadget-view"][aria-busy="false"]', { timeout: 20_000 });
  return { page, frame };
}

const loads = async (frame: Frame) => Number(await frame.locator('[data-testid="gadget-view"]').getAttribute('data-loads'));

async function reloadAfter(frame: Frame, action: () => Promise<unknown>): Promise<void> {
  const before = await loads(frame);
  await action();
  await frame.waitForFunction(
    (n) => {
      const view = document.querySelector('[data-testid="gadget-view"]');
      return Number(view?.getAttribute('data-loads')) > n && view?.getAttribute('aria-busy') === 'false';
    },
    before,
    { timeout: 20_000 },
  );
}

/** Elements whose text is cut: wider than their box and not inside a box that scrolls to show it. */
const clipped = (frame: Frame) =>
  frame.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('th, td, button, summary, label')]
      .filter((e) => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'auto')
      .filter((e) => !e.closest('.lcoo-heat-col-turned') && !e.matches('.lcoo-heat-col-turned'))
      .map((e) => `${e.tagName} "${(e.textContent ?? '').slice(0, 40)}"`),
  );

/** Horizontal overflow of the page and of the table's scroll box (0 = everything on screen). */
const overflow = (frame: Frame) =>
  frame.evaluate(() => {
    const table = document.querySelector('[data-testid="portfolio-table-scroll"]')!;
    return {
      page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      table: table.scrollWidth - table.clientWidth,
    };
  });

const headTexts = (frame: Frame) => frame.locator('[data-testid="portfolio-table--head"] th').allInnerTexts();

test.each([
  ['half width (600 px frame)', HALF, 'compact'],
  ['1024 px window', 1024, 'compact'],
  ['full width', FULL, 'wide'],
])('%s: nothing clipped, the blockers column on screen, no axe violation', async (name, width, layout) => {
  await b.screenshotOnFailure(async () => {
    const { page, frame } = await openDashboard(width);
    await expect(frame.locator('[data-testid="gadget-view"]').getAttribute('data-layout')).resolves.toBe(layout);
    await expect(overflow(frame)).resolves.toEqual({ page: 0, table: 0 });
    await expect(clipped(frame)).resolves.toEqual([]);
    const heads = await headTexts(frame);
    expect(heads.some((h) => h.includes('Blocks next gate'))).toBe(true);
    if (layout === 'compact') {
      // The minor columns fold under the key: their facts are still there, row by row.
      expect(heads.some((h) => h.includes('Member companies'))).toBe(false);
      await expect(frame.locator('[data-testid="folded-facts"]').first().innerText()).resolves.toMatch(/FST: /);
    } else {
      expect(heads.some((h) => h.includes('Member companies'))).toBe(true);
      expect(heads.some((h) => h.includes('Slipped'))).toBe(true);
    }
    // The pivots' headers are whole words ("Prioritized", not "Prioritize d").
    const stageHeads = await frame.locator('[data-testid="fst-by-stage"] thead th').allInnerTexts();
    expect(stageHeads.map((h) => h.replace(/\s+/g, ' ').trim())).toContain('Prioritized');
    await expect(axeViolations(frame)).resolves.toEqual([]);
    await b.screenshot(page, `gadget-${name}`);
  });
});

test('a pivot cell filters the table to its row and column', async () => {
  await b.screenshotOnFailure(async () => {
    const { page, frame } = await openDashboard(FULL);
    const cell = frame.locator('[data-testid="fst-by-stage-cell"]').first();
    const [fst, stage] = [await cell.getAttribute('data-row'), await cell.getAttribute('data-column')];
    const count = allRows.filter((r) => r.fst === fst && r.stage === stage).length;
    expect(count).toBeGreaterThan(0);
    // The cell shows its count first; a screen reader then hears what the click does.
    await expect(cell.innerText()).resolves.toMatch(new RegExp(`^${count}\\b[^]*Show these in the table`));
    await reloadAfter(frame, () => cell.click());
    await expect(frame.locator('[data-testid="gadget-summary"] strong').innerText()).resolves.toBe(`${count} items`);
    await expect(frame.locator('[data-testid="filter-fst"]').inputValue()).resolves.toBe(fst);
    await expect(frame.locator('[data-testid="filter-stage"]').inputValue()).resolves.toBe(stage);
    const keys = await frame.locator('[data-testid="issue-link"]').allInnerTexts();
    expect(keys.sort()).toEqual(
      allRows
        .filter((r) => r.fst === fst && r.stage === stage)
        .map((r) => r.key)
        .sort(),
    );

    // Release x FST counts items and their deliverables: the drill-down shows both.
    await reloadAfter(frame, () => frame.click('[data-testid="filter-clear"]'));
    const rel = frame.locator('[data-testid="release-by-fst-cell"]').first();
    const [release, relFst] = [await rel.getAttribute('data-row'), await rel.getAttribute('data-column')];
    const relCount = allRows.filter((r) => r.releaseId === release && r.fst === relFst).length;
    await reloadAfter(frame, () => rel.click());
    await expect(frame.locator('[data-testid="gadget-summary"] strong').innerText()).resolves.toBe(`${relCount} items`);
    await b.screenshot(page, 'gadget-drill-down');
  });
});

test('every blocker of a row is readable from the keyboard (a disclosure, not a tooltip)', async () => {
  await b.screenshotOnFailure(async () => {
    const { page, frame } = await openDashboard(FULL);
    const more = frame.locator('[data-testid="blockers-more"]').first();
    const key = await more.evaluate((d) => d.closest('tr')?.querySelector('[data-testid="issue-link"]')?.textContent ?? '');
    const row = first.rows.find((r) => r.key === key)!;
    const messages = row.blockers.map((i) => first.blockerMessages[i]!);
    expect(messages.length).toBeGreaterThan(1);
    await expect(more.evaluate((d) => (d as HTMLDetailsElement).open)).resolves.toBe(false);
    await more.locator('summary').focus();
    await page.keyboard.press('Enter');
    await expect(more.evaluate((d) => (d as HTMLDetailsElement).open)).resolves.toBe(true);
    // The summary holds the first blocker; the list, once open, every other one.
    await expect(more.locator('summary').innerText()).resolves.toContain(messages[0]);
    await expect(more.locator('li').allInnerTexts()).resolves.toEqual(messages.slice(1));
    await b.screenshot(page, 'gadget-blockers-expanded');
  });
});
