// The Calendar tab of the LCOO roadmap page in Chromium on the sandbox: it opens with the next
// version's proposed name, the quarters to publish and every event by date, the next release's
// milestones among them and today's place marked.
import type { Frame, Page } from 'playwright-core';
import { z } from 'zod';
import type { CalendarLoadView } from '../../../src/contract/roadmap-calendar';
import { axeViolations } from '../../support/axe';
import { launchBrowser, type TestBrowser } from '../../support/browser';
import { envelopeSchema } from '../../support/envelope';
import { startSandbox, type TestSandbox } from '../../support/sandbox';
import { VIEWER } from '../../support/lcoo-site';

const PAGE = 'lcoo-roadmap-page';

let sb: TestSandbox;
let b: TestBrowser;
let cal: CalendarLoadView;

beforeAll(async () => {
  sb = await startSandbox({ seed: 'full' });
  b = await launchBrowser();
  const out = envelopeSchema(z.unknown()).parse(await sb.host.invoke(PAGE, 'calendar/load', {}, { asEmail: VIEWER }));
  if (!out.ok) throw new Error(out.error.message);
  cal = out.data as CalendarLoadView;
}, 240_000);
afterAll(async () => {
  await b?.close();
  await sb?.stop();
});

async function openCalendar(): Promise<{ page: Page; frame: Frame }> {
  const page = await b.newPage(sb.url, { asEmail: VIEWER, width: 1360, height: 1000 });
  await page.goto(`${sb.url}/jira/apps/${PAGE}`);
  const frame = await b.waitForApp(page, PAGE);
  await frame.getByRole('tab', { name: 'Calendar' }).click();
  await frame.getByRole('heading', { name: `Next version: ${cal.proposal.name}` }).waitFor();
  await frame.waitForSelector('body[aria-busy="false"]', { state: 'attached' });
  return { page, frame };
}

test("opens with the proposal, the quarters, and the next release's milestones by date with today marked", async () => {
  const { page, frame } = await openCalendar();
  await b.screenshotOnFailure(async () => {
    // The quarters each PTG and Forum publishes, the proposed one marked next.
    const quarters = frame.getByRole('table', { name: 'Roadmaps to publish' });
    expect(await quarters.locator('tbody tr').count()).toBe(cal.quarters.length);
    await quarters.getByRole('rowheader', { name: `${cal.proposal.quarter.replace('-', ' ')} (next)` }).waitFor();
    for (const q of cal.quarters) await quarters.getByRole('cell', { name: q.name, exact: true }).waitFor();

    const events = frame.getByTestId('calendar-events');
    expect(await events.locator('tbody tr[data-kind]').count()).toBe(cal.events.length);
    // The next release (the series in development): its milestones, in date order, each with its date.
    const next = cal.series[0]!;
    const rows = events.locator(`tbody tr[data-kind="milestone"][data-series="${next.id}"]`);
    const milestones = cal.events.filter((e) => e.kind === 'milestone' && e.series.id === next.id);
    expect(await rows.count()).toBe(milestones.length);
    for (const [i, m] of milestones.entries()) {
      const row = rows.nth(i);
      expect(await row.getByRole('rowheader').textContent()).toBe(m.label);
      expect(await row.locator('td').first().textContent()).toBe(`${m.date}${m.estimated ? ' (estimated)' : ''}`);
    }
    await events.getByRole('rowheader', { name: `${next.label} PTG` }).waitFor();
    // Today's row sits where the resolver placed it.
    const today = events.getByTestId('calendar-today');
    expect(await today.textContent()).toBe(`Today, ${cal.today}`);
    const order = await events.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-testid') ?? ''));
    expect(order.indexOf('calendar-today')).toBe(cal.todayIndex);
    await b.screenshot(page, 'roadmap-calendar');
    const violations = (await axeViolations(frame)).filter((v) => v.id !== 'page-has-heading-one');
    expect(violations).toEqual([]);
  });
});
