// A Roadmap Item's panel in Chromium lists its Upstream Deliverables with their stages and the
// delivery progress rolled up from them (issue 15 item 6), and follows a deliverable that moves.
import type { Frame } from 'playwright-core';
import type { IndexStatusView } from '../../../src/contract/portfolio-index';
import { launchBrowser, type TestBrowser } from '../../support/browser';
import { ADMIN, FST_LEAD, VIEWER, completeVetting, startLcooSite, unwrap, type LcooSite } from '../../support/lcoo-site';

jest.setTimeout(120_000);

const PANEL = 'lcoo-issue-panel';
let p: LcooSite;
let b: TestBrowser;

beforeAll(async () => {
  p = await startLcooSite();
  unwrap<IndexStatusView>(await p.sb.host.invoke('lcoo-admin', 'index/rebuild', {}, { asEmail: ADMIN }));
  await p.sb.host.settled();
  b = await launchBrowser();
});
afterAll(async () => {
  await b?.close();
  await p?.stop();
});

const evidence = (roadmapItemKey: string) => ({
  roadmapItemKey,
  project: 'Nova',
  blueprint: { url: 'https://blueprints.launchpad.net/nova/+spec/sriov-live-migration', title: 'SR-IOV live migration' },
  alignment: [{ notes: 'Nova PTL agreed at the PTG.' }],
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > until) throw new Error('Timed out waiting for the panel');
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function expectText(frame: Frame, testId: string, expected: string): Promise<void> {
  let last = '';
  try {
    await waitFor(async () => {
      last = (
        await frame
          .getByTestId(testId)
          .first()
          .innerText()
          .catch(() => '')
      )
        .replace(/\s+/g, ' ')
        .trim();
      return last.includes(expected);
    });
  } catch {
    throw new Error(`Expected "${expected}" in ${testId}; it showed: "${last.slice(0, 400)}"`);
  }
}

test("the item's panel lists its deliverables with their stages and the delivery progress", async () => {
  const item = await p.createIssue('Roadmap Item', 'Live migration of instances with SR-IOV ports');
  await p.ok('vetting/save', { revision: null, vetting: completeVetting() }, FST_LEAD, item);
  const nova = await p.createIssue('Upstream Deliverable', 'Nova: SR-IOV live migration');
  const neutron = await p.createIssue('Upstream Deliverable', 'Neutron: port binding for live migration');
  await p.ok('delivery/save', { revision: null, delivery: evidence(item) }, FST_LEAD, nova);
  await p.ok('delivery/save', { revision: null, delivery: evidence(item) }, FST_LEAD, neutron);
  expect((await p.transition(nova, 'Blueprint In Progress', FST_LEAD)).status).toBe(204);
  await p.sb.host.settled();

  const page = await b.newPage(p.sb.url, { asEmail: VIEWER, width: 1280, height: 1000 });
  await page.goto(`${p.sb.url}/browse/${item}`);
  const frame = await b.waitForApp(page, PANEL);
  await b.screenshotOnFailure(async () => {
    await expectText(frame, 'delivery-progress', `0 of 2 deliverables delivered; furthest behind: ${neutron} (Backlog).`);
    await expectText(frame, `deliverable-${nova}`, `${nova} Nova: SR-IOV live migration Blueprint In Progress`);
    await expectText(frame, `deliverable-${neutron}`, `${neutron} Neutron: port binding for live migration Backlog Furthest behind`);
    await expectText(frame, 'stage-count-backlog', 'Backlog: 1');
    await expectText(frame, 'stage-count-blueprint-in-progress', 'Blueprint In Progress: 1');
    const bar = frame.getByTestId('delivery-progress-bar');
    expect(await bar.getAttribute('aria-valuetext')).toBe('0 of 2 delivered');
    expect(await frame.getByTestId('deliverable-unlinked').count()).toBe(0);
    await frame.getByTestId('item-deliverables').scrollIntoViewIfNeeded();
    await b.screenshot(page, 'panel-item-deliverables');
  });
  await page.context().close();

  // A deliverable moved to another item leaves this one's list at the next look.
  const other = await p.createIssue('Roadmap Item', 'Another item');
  await p.ok('delivery/save', { revision: 1, delivery: evidence(other) }, FST_LEAD, neutron);
  const again = await b.newPage(p.sb.url, { asEmail: VIEWER, width: 1280, height: 1000 });
  await again.goto(`${p.sb.url}/browse/${item}`);
  const frame2 = await b.waitForApp(again, PANEL);
  await b.screenshotOnFailure(async () => {
    await expectText(frame2, 'delivery-progress', '0 of 1 deliverable delivered.');
  });
  await again.context().close();
});
