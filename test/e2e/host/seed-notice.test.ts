// While npm start seeds the roadmap, every sandbox page says so and how far it is, then that
// it is done; reloading then shows the data. The seed is held at a step by its progress hook
// (a condition the test releases), so the running state is seen on every machine.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootSandbox } from '../../../sandbox/host/boot';
import { generateSeedPlan } from '../../../sandbox/seed/generate';
import { startWithSeed, type SeededStart } from '../../../sandbox/seed/seed-on-start';
import { launchBrowser, type TestBrowser } from '../../support/browser';
import { REPO_DIR } from '../../support/sandbox';

jest.setTimeout(120_000);

const plan = generateSeedPlan();
const total = plan.roadmapItems.length + plan.deliverables.length;
const dataDir = join(mkdtempSync(join(tmpdir(), 'lcoo-seed-notice-')), 'data');

let started: SeededStart;
let b: TestBrowser;
let release: () => void = () => undefined;
const held = new Promise<void>((r) => (release = r));
let reachedHold: () => void = () => undefined;
const atHold = new Promise<void>((r) => (reachedHold = r));

beforeAll(async () => {
  b = await launchBrowser();
  started = await startWithSeed({
    dataDir,
    boot: (seedStatus) => bootSandbox({ appDir: REPO_DIR, dataDir, port: 0, validateManifest: false, seedStatus }),
    say: () => undefined,
    progress: async (p) => {
      if (p.done === 3) {
        reachedHold();
        await held;
      }
    },
  });
});
afterAll(async () => {
  release();
  await started?.seeding?.catch(() => undefined);
  await started?.sb.close();
  await b?.close();
  rmSync(join(dataDir, '..'), { recursive: true, force: true });
});

test('the issue list says the seed is running and how far, then that it is done; reloading shows the roadmap', async () => {
  await atHold;
  const page = await b.newPage(started.sb.url, { asEmail: 'admin@lcoo.example' });
  await b.screenshotOnFailure(async () => {
    await page.goto(`${started.sb.url}/projects/LCOO/issues`);
    const notice = page.locator('#seed-notice');
    await notice.waitFor();
    expect(await notice.getAttribute('data-seed-state')).toBe('running');
    expect(await page.locator('#seed-title').textContent()).toBe('Seeding the LCOO roadmap');
    expect(await page.locator('#seed-message').textContent()).toContain(`3 of ${total} issues are ready`);
    expect(await page.locator('#seed-progress').evaluate((e: HTMLProgressElement) => [e.value, e.max])).toEqual([3, total]);
    await b.screenshot(page, 'seed-notice-running');

    // An issue the seed has not made yet: the page says why it is missing.
    await page.goto(`${started.sb.url}/browse/LCOO-${total}`);
    expect(await page.locator('#seed-notice').getAttribute('data-seed-state')).toBe('running');

    await page.goto(`${started.sb.url}/projects/LCOO/issues`);
    release();
    await page.locator('#seed-notice[data-seed-state="done"]').waitFor({ timeout: 90_000 });
    expect(await page.locator('#seed-title').textContent()).toBe('The LCOO roadmap is seeded');
    expect(await page.locator('#seed-message').textContent()).toContain(
      `${plan.roadmapItems.length} Roadmap Items and ${plan.deliverables.length} Upstream Deliverables`,
    );
    await b.screenshot(page, 'seed-notice-done');

    await page.locator('#seed-reload').click();
    await page.locator('#issue-table').waitFor();
    expect(await page.locator('#issue-table tbody tr').count()).toBe(total);
    expect(await page.locator('#seed-notice').count()).toBe(0);
  });
});
