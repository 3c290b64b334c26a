// The portfolio gadget in Chromium on the sandbox's dashboard, over the LCOO seed: it renders
// the seeded portfolio from the app's index, sorts and pages through the resolver, filters,
// opens an issue, and its edit view saves a configuration the gadget then follows.
// Screenshots land in test-results/.
import type { Frame, Page } from 'playwright-core';
import { envelopeSchema } from '../../support/envelope';
import type { PortfolioLoad } from '../../../src/contract/gadget';
import { launchBrowser, type TestBrowser } from '../../support/browser';
import { startSandbox, type TestSandbox } from '../../support/sandbox';
import { z } from 'zod';

const GADGET = 'lcoo-portfolio-gadget';
const LRC = 'admin@lcoo.example';

let sb: TestSandbox;
let b: TestBrowser;
/** The first answer (aggregates), and every row over all its pages. */
let expected: PortfolioLoad;
let allRows: PortfolioLoad['rows'];

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
  expected = await loadPage(1);
  allRows = [...expected.rows];
  for (let page = 2; page <= Math.ceil(expected.matched / expected.pageSize); page++) allRows.push(...(await loadPage(page)).rows);
}, 240_000);
afterAll(async () => {
  await b?.close();
  await sb?.stop();
});

async function openDashboard(opts: { colorMode?: 'light' | 'dark'; width?: number } = {}): Promise<{ page: Page; frame: Frame }> {
  const page = await b.newPage(sb.url, { asEmail: LRC, ...opts });
  await page.goto(`${sb.url}/dashboard`);
  const frame = await b.waitForApp(page, GADGET);
  return { page, frame };
}

const loads = async (frame: Frame) => Number(await frame.locator('[data-testid="gadget-view"]').getAttribute('data-loads'));

/** Waits for the first load to settle. */
async function settled(frame: Frame): Promise<void> {
  await frame.waitForSelector('[data-testid="gadget-view"][aria-busy="false"]', { timeout: 20_000 });
}

/** Runs an action that reloads the portfolio and waits until that reload has settled. */
async function reloadAfter(frame: Frame, action: () => Promise<unknown>): Promise<void> {
  const before = await loads(frame);
  await action();
  await frame.waitForFunction(
    (n) => Number(document.querySelector('[data-testid="gadget-view"]')?.getAttribute('data-loads')) > n,
    before,
    { timeout: 20_000 },
  );
  await settled(frame);
}

const visibleKeys = (frame: Frame) => frame.locator('[data-testid="issue-link"]').allInnerTexts();

test('renders the seeded portfolio: totals, charts and the first page of the table', async () => {
  await b.screenshotOnFailure(async () => {
    const { page, frame } = await openDashboard();
    await settled(frame);
    await expect(frame.locator('[data-testid="gadget-summary"] strong').innerText()).resolves.toBe(`${expected.totals.items} items`);
    for (const id of [
      'funnel-vetting-backlog',
      'funnel-delivered',
      'fst-by-stage',
      'release-by-fst',
      'company-by-stage',
      'completeness-chart',
    ]) {
      await expect(frame.locator(`[data-testid="${id}"]`).count()).resolves.toBe(1);
    }
    const backlog = expected.funnels.portfolio.find((s) => s.stage === 'vetting-backlog')!.count;
    await expect(frame.locator('[data-testid="funnel-vetting-backlog"]').innerText()).resolves.toContain(String(backlog));
    const keys = await visibleKeys(frame);
    expect(keys).toHaveLength(Math.min(20, expected.totals.items));
    expect(keys[0]).toBe('LCOO-1');
    await expect(frame.locator('[data-testid="slipped-mark"]').count()).resolves.toBeGreaterThanOrEqual(0);
    await b.screenshot(page, 'gadget-light');
  });
});

test('sorting by key and by stage reorders all rows, not just the page', async () => {
  await b.screenshotOnFailure(async () => {
    const { page, frame } = await openDashboard();
    await settled(frame);
    const numbers = allRows.map((r) => Number(r.key.split('-')[1])).sort((x, y) => y - x);
    // Head cells are found by test id and a sort is awaited through aria-sort: the header's
    // text is no handle, since the sort tooltip adds its words to the cell while the pointer
    // rests on it (after a delay that a busy machine easily passes).
    await sortBy(frame, 'key', 'descending');
    await frame.waitForFunction((k) => document.querySelector('[data-testid="issue-link"]')?.textContent === k, `LCOO-${numbers[0]}`);
    expect((await visibleKeys(frame)).slice(0, 3)).toEqual(numbers.slice(0, 3).map((n) => `LCOO-${n}`));
    const order = expected.vocabulary.stages.map((st) => st.label);
    const stageColumn = () => frame.locator('[data-testid="portfolio-table--table"] tbody tr td:nth-child(6)').allInnerTexts();
    const positions = async () => (await stageColumn()).map((text) => order.findIndex((label) => text.startsWith(label)));
    await sortBy(frame, 'stage', 'ascending');
    // Ascending: the first page starts with Vetting Backlog and never goes back a stage.
    const up = await positions();
    expect(up[0]).toBe(0);
    expect(up).toEqual([...up].sort((x, y) => x - y));
    await sortBy(frame, 'stage', 'descending');
    const down = await positions();
    expect(order[down[0]!]).toBe('Delivered');
    expect(down).toEqual([...down].sort((x, y) => y - x));
    await b.screenshot(page, 'gadget-sorted-by-stage');
  });
});

/** Clicks a column's sort button until the column is sorted that way (the first click on a column sorts ascending). */
async function sortBy(frame: Frame, column: string, order: 'ascending' | 'descending'): Promise<void> {
  const cell = frame.locator(`[data-testid="head-${column}--head--cell"]`);
  for (let clicks = 0; clicks < 3 && (await cell.getAttribute('aria-sort')) !== order; clicks++) {
    const before = await cell.getAttribute('aria-sort');
    await cell.locator('button').click();
    await frame.waitForFunction(([sel, was]) => document.querySelector(sel!)?.getAttribute('aria-sort') !== was, [
      `[data-testid="head-${column}--head--cell"]`,
      before,
    ] as const);
  }
  expect(await cell.getAttribute('aria-sort')).toBe(order);
}

test('filters reload the portfolio through the resolver and every figure follows', async () => {
  await b.screenshotOnFailure(async () => {
    const { page, frame } = await openDashboard();
    await settled(frame);
    const stage = 'prioritized';
    const count = allRows.filter((r) => r.stage === stage).length;
    await reloadAfter(frame, () => frame.selectOption('[data-testid="filter-stage"]', stage));
    await expect(frame.locator('[data-testid="gadget-summary"] strong').innerText()).resolves.toBe(`${count} items`);
    const stages = await frame.locator('[data-testid="portfolio-table--table"] tbody tr td:nth-child(6)').allInnerTexts();
    expect(stages.length).toBeGreaterThan(0);
    expect(stages.every((s) => s.startsWith('Prioritized'))).toBe(true);

    await reloadAfter(frame, () => frame.selectOption('[data-testid="filter-stage"]', ''));
    await reloadAfter(frame, () => frame.click('[data-testid="filter-slipped"]'));
    await expect(frame.locator('[data-testid="gadget-summary"] strong').innerText()).resolves.toBe(`${expected.totals.slipped} items`);
    await expect(frame.locator('[data-testid="slipped-mark"]').count()).resolves.toBe(Math.min(20, expected.totals.slipped));
    await b.screenshot(page, 'gadget-filtered-slipped');

    // A filter nothing matches says what to do next.
    await reloadAfter(frame, () => frame.click('[data-testid="filter-clear"]'));
    // FST and type together: a combination the seed leaves empty.
    const fst = allRows.find((r) => r.fst)!.fst!;
    const type = expected.vocabulary.types.find((t) => !allRows.some((r) => r.fst === fst && r.type === t.id))!;
    // The filter lists FSTs by name; rows carry ids.
    const fstName = expected.labels.fsts.find((f) => f.id === fst)!.name;
    await reloadAfter(frame, () => frame.selectOption('[data-testid="filter-fst"]', { label: fstName }));
    const fstRows = allRows.filter((r) => r.fst === fst).length;
    await expect(frame.locator('[data-testid="gadget-summary"] strong').innerText()).resolves.toBe(`${fstRows} items`);
    await reloadAfter(frame, () => frame.selectOption('[data-testid="filter-type"]', type.id));
    await expect(frame.locator('[data-testid="gadget-empty"]').innerText()).resolves.toMatch(/No items match these filters/);
    await b.screenshot(page, 'gadget-empty-filters');
  });
});

test('the next page is asked from the resolver, in the order chosen; the gadget says when the index was reconciled', async () => {
  await b.screenshotOnFailure(async () => {
    const { page, frame } = await openDashboard();
    await settled(frame);
    await expect(frame.locator('[data-testid="gadget-freshness"]').innerText()).resolves.toMatch(
      /^Checked against Jira .* · saves in the LCOO panel show at once/,
    );
    const num = (k: string) => Number(k.split('-')[1]);
    const ascending = allRows.map((r) => r.key).sort((x, y) => num(x) - num(y));
    expect(await visibleKeys(frame)).toEqual(ascending.slice(0, 20));
    await reloadAfter(frame, () => frame.locator('[data-testid="portfolio-table--pagination--right-navigator"]').click());
    expect(await visibleKeys(frame)).toEqual(ascending.slice(20, 40));
    // A new order starts again at page 1, over every row.
    await reloadAfter(frame, () => sortBy(frame, 'key', 'descending'));
    expect(await visibleKeys(frame)).toEqual([...ascending].reverse().slice(0, 20));
    await b.screenshot(page, 'gadget-page-2');
  });
});

test('a key opens the issue in Jira', async () => {
  await b.screenshotOnFailure(async () => {
    const { page, frame } = await openDashboard();
    await settled(frame);
    await Promise.all([page.waitForURL(/\/browse\/LCOO-1$/), frame.locator('[data-testid="issue-link"]', { hasText: /^LCOO-1$/ }).click()]);
  });
});

test('the edit view saves with view.submit and the gadget follows the new configuration', async () => {
  await b.screenshotOnFailure(async () => {
    const page = await b.newPage(sb.url, { asEmail: LRC });
    await page.goto(`${sb.url}/dashboard?edit=${GADGET}-1`);
    const edit = await b.waitForApp(page, GADGET);
    await edit.waitForSelector('[data-testid="gadget-edit"]');
    // A bad project key is refused with the reason, nothing is saved.
    await edit.fill('#projects', 'LCOO, 1X');
    // Save is pressed from the keyboard: a pointer click is aimed at page coordinates, and the
    // sandbox page's sticky header can sit over the frame where the button was scrolled to.
    await edit.locator('[data-testid="edit-save"]').press('Enter');
    await expect(edit.locator('[data-testid="edit-problems"]').innerText()).resolves.toMatch(/A project key is 2-10 capital letters/);
    await b.screenshot(page, 'gadget-edit-problem');

    await edit.fill('#projects', 'lcoo');
    await edit.check('input[name="stages"][value="prioritized"]');
    await edit.check('input[name="stages"][value="development-ready"]');
    await edit.uncheck('input[name="columns"][value="summary"]');
    await edit.selectOption('#refresh', '15');
    await b.screenshot(page, 'gadget-edit');
    await Promise.all([page.waitForURL(/\/dashboard$/), edit.locator('[data-testid="edit-save"]').press('Enter')]);

    const frame = await b.waitForApp(page, GADGET);
    await settled(frame);
    const count = allRows.filter((r) => r.stage === 'prioritized' || r.stage === 'development-ready').length;
    await expect(frame.locator('[data-testid="gadget-summary"] strong').innerText()).resolves.toBe(`${count} items`);
    await expect(frame.locator('[data-testid="filter-stage"]').inputValue()).resolves.toBe('__many__');
    await expect(frame.locator('[data-testid="head-stage--head--cell"]').count()).resolves.toBe(1);
    await expect(frame.locator('[data-testid="head-summary--head--cell"]').count()).resolves.toBe(0);
    await expect(frame.locator('[data-testid="gadget-freshness"]').innerText()).resolves.toContain('auto-refresh every 15 min');
    await b.screenshot(page, 'gadget-after-edit');

    // Back in the edit view, the saved configuration is what the form shows.
    await page.goto(`${sb.url}/dashboard?edit=${GADGET}-1`);
    const again = await b.waitForApp(page, GADGET);
    await expect(again.locator('#projects').inputValue()).resolves.toBe('LCOO');
    await expect(again.locator('input[name="stages"][value="prioritized"]').isChecked()).resolves.toBe(true);
    await expect(again.locator('#refresh').inputValue()).resolves.toBe('15');
    // Reset for the other tests.
    sb.host.raw.saveGadgetConfiguration('10000', `${GADGET}-1`, {});
  });
});

test('auto-refresh reloads on the configured interval', async () => {
  await b.screenshotOnFailure(async () => {
    const id = `${GADGET}-1`;
    try {
      sb.host.raw.saveGadgetConfiguration('10000', id, { refreshMinutes: 5 });
      const page = await b.newPage(sb.url, { asEmail: LRC });
      // A fake clock for the page and its frames, so five minutes pass in an instant.
      await page.context().clock.install();
      await page.goto(`${sb.url}/dashboard`);
      const frame = await b.waitForApp(page, GADGET);
      await settled(frame);
      await expect(frame.locator('[data-testid="gadget-freshness"]').innerText()).resolves.toContain('auto-refresh every 5 min');
      const before = await loads(frame);
      await page.context().clock.runFor(4 * 60_000);
      expect(await loads(frame)).toBe(before);
      await page.context().clock.runFor(60_000 + 1_000);
      await frame.waitForFunction(
        (n) => Number(document.querySelector('[data-testid="gadget-view"]')?.getAttribute('data-loads')) > n,
        before,
        { timeout: 20_000 },
      );
      // A page on a fake clock must not linger next to the other tests' pages.
      await page.context().close();
    } finally {
      sb.host.raw.saveGadgetConfiguration('10000', id, {});
    }
  });
});

test('empty and error states say what to do next', async () => {
  await b.screenshotOnFailure(async () => {
    const id = `${GADGET}-1`;
    try {
      sb.host.raw.saveGadgetConfiguration('10000', id, {
        scope: { kind: 'jql', jql: 'project = LCOO AND summary ~ "no-such-words-anywhere"' },
      });
      const { page, frame } = await openDashboard();
      await settled(frame);
      await expect(frame.locator('[data-testid="gadget-empty"]').innerText()).resolves.toMatch(
        /No LCOO roadmap items here yet.*choose Edit/s,
      );
      await b.screenshot(page, 'gadget-empty');

      sb.host.raw.saveGadgetConfiguration('10000', id, { scope: { kind: 'jql', jql: 'project = = LCOO' } });
      await page.reload();
      const again = await b.waitForApp(page, GADGET);
      const error = again.locator('[data-testid="gadget-error"]');
      await error.waitFor();
      await expect(error.innerText()).resolves.toMatch(/could not be loaded[\s\S]*The gadget's JQL is not a valid query[\s\S]*choose Edit/);
      await expect(again.locator('[data-testid="retry"]').count()).resolves.toBe(1);
      await b.screenshot(page, 'gadget-error');
    } finally {
      sb.host.raw.saveGadgetConfiguration('10000', id, {});
    }
  });
});

test('fits a narrow dashboard column without sideways scrolling of the whole gadget', async () => {
  await b.screenshotOnFailure(async () => {
    const { page, frame } = await openDashboard({ width: 760 });
    await settled(frame);
    const overflow = await frame.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await b.screenshot(page, 'gadget-narrow');
  });
});

test('dark theme: every colour comes from tokens', async () => {
  await b.screenshotOnFailure(async () => {
    const { page, frame } = await openDashboard({ colorMode: 'dark' });
    await settled(frame);
    const bg = await frame.evaluate(() => getComputedStyle(document.body).backgroundColor);
    // Jira's dark surface is near-black; a hard-coded white would show here.
    const [r, g, bl] = (bg.match(/\d+/g) ?? []).map(Number);
    expect((r ?? 255) + (g ?? 255) + (bl ?? 255)).toBeLessThan(200);
    await b.screenshot(page, 'gadget-dark');
  });
});

test('the gadget speaks plainly: counts in proper plurals, no "(s)", no internal words such as "verified record" or "Jira call"', async () => {
  await b.screenshotOnFailure(async () => {
    const { page, frame } = await openDashboard();
    await settled(frame);
    // What a person reads, and what a pointer or a screen reader is told (titles, chart titles).
    const words = await frame.evaluate(() =>
      [
        document.body.innerText,
        ...[...document.querySelectorAll('[title]')].map((e) => e.getAttribute('title') ?? ''),
        ...[...document.querySelectorAll('title')].map((e) => e.textContent ?? ''),
        ...[...document.querySelectorAll('[aria-label]')].map((e) => e.getAttribute('aria-label') ?? ''),
      ].join('\n'),
    );
    expect(words).not.toMatch(/\(s\)/);
    expect(words).not.toMatch(/verified record|Jira call|reconciled/i);
    const n = expected.totals.integrityProblems;
    if (n > 0) {
      await expect(frame.locator('[data-testid="gadget-integrity"]').innerText()).resolves.toBe(
        `${n} ${n === 1 ? 'item' : 'items'} without a record saved in the LCOO panel`,
      );
    }
    await b.screenshot(page, 'gadget-plain-words');
  });
});
