// A rebuild step's budget (issue 12: every step within 10 s): no unit of work starts unless it
// ends within the budget at the worst cost seen for its kind, with room for the write that must
// follow. The clock is the test's own: time passes only when a unit "takes" it.
import { StepBudget } from '../../../src/usecases/portfolio-index/step-budget';

const ASSUMED = { page: 1_500, reindex: 1_000, write: 2_000, sweep: 1_000, finish: 2_000 };

function clock() {
  let t = 1_000_000;
  return { now: () => t, pass: (ms: number) => void (t += ms) };
}

/** A step's page loop as rebuild.ts runs it: pages while a page and the write fit, then the write. */
async function step(budget: StepBudget, c: ReturnType<typeof clock>, pageMs: (i: number) => number, writeMs: number) {
  let pages = 0;
  while (pages === 0 || budget.fits('page', 'write')) {
    const i = pages;
    await budget.run('page', () => Promise.resolve(c.pass(pageMs(i))));
    pages += 1;
  }
  await budget.run('write', () => Promise.resolve(c.pass(writeMs)));
  return { pages, elapsed: budget.elapsed() };
}

test('a step stops starting pages when the next page and the write would pass the budget, and ends within it', async () => {
  const c = clock();
  const budget = new StepBudget(c.now, 7_000, ASSUMED);
  // Pages of 1.6 s and a 2.2 s write: 3 pages (4.8 s) + the write end at exactly 7 s; a fourth page would end the step at 8.6 s.
  const got = await step(budget, c, () => 1_600, 2_200);
  expect(got).toEqual({ pages: 3, elapsed: 7_000 });
  expect(budget.seen()).toEqual({ page: 1_600, write: 2_200 });
});

test('an assumed cost is a floor: units faster than assumed still count at it within the step', async () => {
  const c = clock();
  const budget = new StepBudget(c.now, 7_000, ASSUMED);
  // Pages of 0.5 s count as 1.5 s, the write as 2 s: pages while elapsed + 3.5 s <= 7 s.
  const got = await step(budget, c, () => 500, 100);
  expect(got).toEqual({ pages: 8, elapsed: 4_100 });
});

test('a page slower than assumed counts at its own cost from then on: the step does not start one it cannot finish', async () => {
  const c = clock();
  const budget = new StepBudget(c.now, 7_000, ASSUMED);
  // The first page takes 3 s (assumed 1.5 s): a second would end at 6 s + 2 s of write = 8 s, so none starts.
  const got = await step(budget, c, () => 3_000, 2_000);
  expect(got).toEqual({ pages: 1, elapsed: 5_000 });
});

test('costs the previous step saw are counted on from the start of the next', () => {
  const c = clock();
  const budget = new StepBudget(c.now, 7_000, { ...ASSUMED, page: 4_000, write: 3_500 });
  // 4 s of page + 3.5 s of write: past 7 s before anything ran.
  expect(budget.fits('page', 'write')).toBe(false);
  expect(budget.fits('page')).toBe(true);
  c.pass(3_001);
  expect(budget.fits('page')).toBe(false);
});

test('a unit that throws still counts its cost, and the error comes through', async () => {
  const c = clock();
  const budget = new StepBudget(c.now, 7_000, ASSUMED);
  await expect(
    budget.run('sweep', () => {
      c.pass(2_500);
      return Promise.reject(new Error('storage refused'));
    }),
  ).rejects.toThrow('storage refused');
  expect(budget.costOf('sweep')).toBe(2_500);
});
