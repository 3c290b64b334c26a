// The portfolio gadget on screen, in Chromium over the LCOO seed (issue 15): at half width (a
// 600 px frame, as a two-column dashboard gives it) and full width (a 1054 px frame in a 1360 px
// window): the time from navigation to the first settled load (median of 5 fresh page loads),
// sideways overflow and clipped text (goal 0 px / 0 elements), and axe-core violations per screen
// (the dashboard view at both widths and the edit view; goal 0).
import { performance } from 'node:perf_hooks';
import type { Frame } from 'playwright-core';
import { axeViolations } from '../test/support/axe';
import { launchBrowser, type TestBrowser } from '../test/support/browser';
import { startSandbox, type TestSandbox } from '../test/support/sandbox';
import type { BenchRow } from './run';

const GADGET = 'lcoo-portfolio-gadget';
const LRC = 'admin@lcoo.example';
const LOADS = 5;
/** Window widths giving the gadget's frame 600 px and 1054 px (the dashboard's chrome takes 306 px). */
const WIDTHS = [
  { name: '600 px', window: 906 },
  { name: 'full width', window: 1360 },
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function open(b: TestBrowser, sb: TestSandbox, width: number, path = '/dashboard'): Promise<{ frame: Frame; ms: number }> {
  const page = await b.newPage(sb.url, { asEmail: LRC, width });
  const t = performance.now();
  await page.goto(`${sb.url}${path}`);
  const frame = await b.waitForApp(page, GADGET);
  if (path === '/dashboard') await frame.waitForSelector('[data-testid="gadget-view"][aria-busy="false"]', { timeout: 60_000 });
  else await frame.waitForSelector('[data-testid="gadget-edit"]', { timeout: 60_000 });
  return { frame, ms: performance.now() - t };
}

/** Sideways overflow of the gadget's page (px) and elements whose text is cut outside a scroll box. */
const layout = (frame: Frame) =>
  frame.evaluate(() => ({
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    clipped: [...document.querySelectorAll<HTMLElement>('th, td, button, summary, label')].filter(
      (e) =>
        e.offsetParent !== null &&
        e.scrollWidth > e.clientWidth + 1 &&
        getComputedStyle(e).overflowX !== 'auto' &&
        !e.closest('.lcoo-heat-col-turned'),
    ).length,
  }));

export async function run(): Promise<BenchRow[]> {
  const sb = await startSandbox({ seed: 'full' });
  const b = await launchBrowser();
  const rows: BenchRow[] = [];
  try {
    for (const w of WIDTHS) {
      const times: number[] = [];
      let last: Frame | undefined;
      for (let i = 0; i < LOADS; i++) {
        const { frame, ms } = await open(b, sb, w.window);
        times.push(ms);
        last = frame;
      }
      const { overflow, clipped } = await layout(last!);
      const violations = await axeViolations(last!);
      const area = `gadget ${w.name}`;
      rows.push(
        { area, figure: `first settled load, median of ${LOADS} fresh page loads`, value: median(times), unit: 'ms' },
        { area, figure: 'sideways overflow of the page', value: overflow, unit: 'px', goal: '0', met: overflow === 0 },
        { area, figure: 'clipped text elements', value: clipped, unit: '', goal: '0', met: clipped === 0 },
        {
          area,
          figure: `axe violations${violations.length ? ` (${violations.map((v) => v.id).join(', ')})` : ''}`,
          value: violations.length,
          unit: '',
          goal: '0',
          met: violations.length === 0,
        },
      );
    }
    const { frame } = await open(b, sb, 1360, `/dashboard?edit=${GADGET}-1`);
    const violations = await axeViolations(frame);
    rows.push({
      area: 'gadget edit view',
      figure: `axe violations${violations.length ? ` (${violations.map((v) => v.id).join(', ')})` : ''}`,
      value: violations.length,
      unit: '',
      goal: '0',
      met: violations.length === 0,
    });
  } finally {
    await b.close();
    await sb.stop();
  }
  return rows;
}
