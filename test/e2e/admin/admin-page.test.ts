// The admin page, the stage gate's rule screen and a refused transition, in Chromium on the
// sandbox's Jira pages: what a Jira administrator and an FST lead actually see.
import type { Frame, Locator } from 'playwright-core';
import { join } from 'node:path';
import { RESULTS_DIR, launchBrowser, type TestBrowser } from '../../support/browser';
import { startSandbox, type TestSandbox } from '../../support/sandbox';
import type { ValidatorOptions } from '../../../src/contract/validator-config';
import { ADMIN, COORDINATOR, FST_LEAD, createIssue, load, panel, rest, runSetup, transition, unwrap } from '../../support/lcoo-site';
import { makeCompleteDelivery } from '../../fixtures/builders';

jest.setTimeout(60_000);

let sb: TestSandbox;
let b: TestBrowser;

beforeAll(async () => {
  sb = await startSandbox();
  b = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await b?.close();
  await sb?.stop();
});

async function expectText(locator: Locator, text: string | RegExp, timeout = 15_000): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor({ state: 'visible', timeout });
}

/** The status lozenge beside the transition buttons, as the page shows it. */
const statusLozenge = async (page: import('playwright-core').Page) => (await page.locator('#status').innerText()).trim().toUpperCase();

async function openAdmin(): Promise<{ page: import('playwright-core').Page; frame: Frame }> {
  const page = await b.newPage(sb.url, { asEmail: ADMIN, width: 1280, height: 1100 });
  await page.goto(`${sb.url}/admin/apps/lcoo-admin`);
  const frame = await b.waitForApp(page, 'lcoo-admin');
  return { page, frame };
}

test('an administrator checks the plan, runs setup and sees every step done', async () => {
  const { page, frame } = await openAdmin();
  await b.screenshotOnFailure(async () => {
    await frame.getByRole('button', { name: 'Check what setup will do' }).click();
    await expectText(frame.locator('h2'), 'Plan for LCOO');
    await expectText(frame.getByTestId('step-statuses'), 'Will create 12');
    await expectText(frame.getByTestId('step-issue-link-type'), 'Will create it: a Roadmap Item "is delivered by"');
    await b.screenshot(page, 'admin-setup-plan');

    // Jira takes its time over each workflow here, so the run's progress is visible while it happens.
    const original = sb.emulator.handle.bind(sb.emulator);
    sb.emulator.handle = async (req) => {
      if (req.method === 'POST' && req.path === '/rest/api/3/workflows/create') await new Promise((r) => setTimeout(r, 1500));
      return original(req);
    };
    try {
      await frame.getByTestId('run-setup').click();
      await expectText(frame.getByTestId('step-workflow-portfolio'), 'Working…');
      expect(await frame.getByTestId('step-statuses').getAttribute('data-state')).toBe('done');
      expect(await frame.getByTestId('step-workflow-scheme').getAttribute('data-state')).toBe('todo');
      await b.screenshot(page, 'admin-setup-progress');
      await expectText(frame.locator('body'), 'Setup is complete');
    } finally {
      sb.emulator.handle = original;
    }
    const states = await frame.locator('[data-testid^="step-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
    expect(states).toEqual(Array(9).fill('done'));
    await expectText(frame.getByTestId('step-workflow-delivery'), 'Created, validated first by Jira.');
    await expectText(frame.getByTestId('step-issue-link-type'), 'Created: a Roadmap Item "is delivered by" each Upstream Deliverable.');
    await b.screenshot(page, 'admin-setup-done');

    // A reload shows the last run (kept in KVS); a second run creates nothing.
    await page.reload();
    const again = await b.waitForApp(page, 'lcoo-admin');
    await expectText(again.locator('h2'), 'Setup of LCOO');
    await again.getByRole('button', { name: 'Check what setup will do' }).click();
    await expectText(again.locator('h2'), 'Plan for LCOO');
    await again.getByTestId('run-setup').click();
    await expectText(again.locator('body'), 'Everything already existed; nothing was created.');
  });
});

test('the configuration editor shows what is wrong beside the field', async () => {
  const { page, frame } = await openAdmin();
  await b.screenshotOnFailure(async () => {
    await frame.getByRole('tab', { name: 'Configuration' }).click();
    const cores = frame.locator('#gate-coreApprovalsRequired');
    await cores.waitFor({ state: 'visible' });
    await cores.fill('9');
    await frame.locator('#roleGroups-pod-acceptance').fill('lcoo-pod, lcoo-podd');
    await frame.getByTestId('save-config').click();
    await expectText(frame.getByTestId('error-gate-coreApprovalsRequired'), 'At most 5 core approvals can be required.');
    await b.screenshot(page, 'admin-config-errors');
    await cores.fill('3');
    await frame.getByTestId('save-config').click();
    await expectText(frame.getByTestId('error-roleGroups-pod-acceptance'), 'No Jira group is named "lcoo-podd"');
    await frame.locator('#roleGroups-pod-acceptance').fill('lcoo-pod');
    await frame.getByTestId('save-config').click();
    await expectText(frame.getByTestId('config-message'), 'Saved.');
    await b.screenshot(page, 'admin-config-saved');
  });
});

test("the transition button on the issue view shows the gate's message", async () => {
  await runSetup(sb);
  const key = await createIssue(sb, 'Roadmap Item', 'Bandwidth-aware scheduling for SR-IOV ports');
  const page = await b.newPage(sb.url, { asEmail: FST_LEAD, width: 1280, height: 1000 });
  await page.goto(`${sb.url}/browse/${key}`);
  await b.screenshotOnFailure(async () => {
    await page.locator('.transition-btn[title="to Being Vetted / Groomed"]').click();
    const flag = page.locator('#transition-flag');
    await expectText(flag, `LCOO stage gate: ${key} can't move to "Being Vetted / Groomed" yet; 4 things are missing.`);
    await expectText(flag, 'There is no LCOO record on this issue yet');
    await b.screenshot(page, 'issue-view-gate-refused');
    await flag.screenshot({ path: join(RESULTS_DIR, 'issue-view-gate-flag.png') });
    expect(await statusLozenge(page)).toBe('VETTING BACKLOG');
  });
});

test('the stage gate rule screen shows the defaults, saves a valid override into the workflow, and is read-only in view mode', async () => {
  // Independent of the tests above: setup is idempotent, and the default is read, not assumed.
  await runSetup(sb);
  const cores = unwrap<ValidatorOptions>(await sb.host.invoke('lcoo-stage-gate', 'validator/options', {}, { asEmail: ADMIN })).defaults
    .coreApprovalsRequired;
  const page = await b.newPage(sb.url, { asEmail: ADMIN, width: 1280, height: 1000 });
  await page.goto(`${sb.url}/admin/workflows`);
  await b.screenshotOnFailure(async () => {
    const section = page.locator('section.workflow', { hasText: 'LCOO Upstream Delivery Lifecycle' });
    await section.locator('tr', { hasText: 'Code Committed' }).first().getByRole('link', { name: 'Edit' }).click();
    const frame = await b.waitForApp(page, 'lcoo-stage-gate');
    await expectText(frame.getByTestId('cores-value'), `${cores} distinct core reviewers`);
    await b.screenshot(page, 'validator-config-edit');
    const editUrl = page.url();

    // Override: 4 cores for this rule only. Update runs onConfigure, which the server checks.
    await frame.getByRole('checkbox', { name: 'Use the LCOO default' }).first().uncheck();
    await frame.locator('#cores-input').fill('4');
    await b.screenshot(page, 'validator-config-override');
    // What Jira would store in the rule: the string the app's onConfigure callback returns
    // (asked the way the host page's Update button asks it).
    const saved = await page.evaluate(() =>
      (window as unknown as { __forgeHost: { workflowConfigure(id: string): Promise<string> } }).__forgeHost.workflowConfigure(
        'validator-0',
      ),
    );
    expect(JSON.parse(saved)).toEqual({ coreApprovalsRequired: 4 });
    // An out-of-range value is refused by the server's check, so Jira never stores it.
    await frame.locator('#cores-input').fill('8');
    await expectText(frame.locator('#cores-error'), 'Enter a whole number from 1 to 5.');
    await expect(
      page.evaluate(() =>
        (window as unknown as { __forgeHost: { workflowConfigure(id: string): Promise<string> } }).__forgeHost.workflowConfigure(
          'validator-0',
        ),
      ),
    ).rejects.toThrow(/At most 5 core approvals/);

    // Update saves it: the host page asks onConfigure again and stores the string in the rule
    // through Jira's POST /rest/api/3/workflows/update (as the signed-in administrator).
    await frame.locator('#cores-input').fill('1');
    await page.getByRole('button', { name: 'Update' }).click();
    await page.waitForURL(/\/admin\/workflows\?saved=/, { timeout: 15_000 });
    await expectText(page.locator('[role="status"]'), 'Validator saved on transition Code Committed.');
    expect(await page.locator('.flag-error').count()).toBe(0);
    await b.screenshot(page, 'validator-config-saved');
    const rule = await storedRule('LCOO Upstream Delivery Lifecycle', 'Code Committed');
    expect(rule?.parameters?.['config']).toBe('{"coreApprovalsRequired":1}');

    await page.goto(editUrl.replace('mode=edit', 'mode=view'));
    const view = await b.waitForApp(page, 'lcoo-stage-gate');
    await expectText(view.getByTestId('cores-value'), '1 core reviewer');
    await expectText(view.getByTestId('spec-value'), 'On: deliverables go through Specification In Progress');
    expect(await view.locator('input[type="checkbox"]:not([disabled])').count()).toBe(0);
    await b.screenshot(page, 'validator-config-view');

    // Editing again starts from what was saved (Jira hands it over as extension.validatorConfig),
    // so Update without changes keeps the rule's settings instead of writing the defaults.
    await page.goto(editUrl);
    const again = await b.waitForApp(page, 'lcoo-stage-gate');
    await again.locator('#cores-input').waitFor({ state: 'visible' });
    expect(await again.locator('#cores-input').inputValue()).toBe('1');
    await b.screenshot(page, 'validator-config-edit-again');
    await page.getByRole('button', { name: 'Update' }).click();
    await page.waitForURL(/\/admin\/workflows\?saved=/, { timeout: 15_000 });
    expect((await storedRule('LCOO Upstream Delivery Lifecycle', 'Code Committed'))?.parameters?.['config']).toBe(
      '{"coreApprovalsRequired":1}',
    );
  });
});

/** The stage-gate rule of a workflow's transition, as Jira stores it. */
async function storedRule(workflowName: string, transitionName: string): Promise<{ parameters?: Record<string, string> } | undefined> {
  const read = await rest(sb, ADMIN, 'POST', '/rest/api/3/workflows', { workflowNames: [workflowName] });
  const wf = (read.body as { workflows: { transitions: { name: string; validators: { parameters?: Record<string, string> }[] }[] }[] })
    .workflows[0];
  return wf?.transitions.find((t) => t.name === transitionName)?.validators[0];
}

test('the configuration saved on the rule screen is what the next Code Committed gate uses', async () => {
  await runSetup(sb);
  // Save "1 core" through the page, the way the administrator does (independent of the test above).
  const admin = await b.newPage(sb.url, { asEmail: ADMIN, width: 1280, height: 1000 });
  await admin.goto(`${sb.url}/admin/workflows`);
  await admin
    .locator('section.workflow', { hasText: 'LCOO Upstream Delivery Lifecycle' })
    .locator('tr', { hasText: 'Code Committed' })
    .first()
    .getByRole('link', { name: 'Edit' })
    .click();
  const frame = await b.waitForApp(admin, 'lcoo-stage-gate');
  const useDefault = frame.getByRole('checkbox', { name: 'Use the LCOO default' }).first();
  if (await useDefault.isChecked()) await useDefault.uncheck();
  await frame.locator('#cores-input').fill('1');
  await admin.getByRole('button', { name: 'Update' }).click();
  await admin.waitForURL(/\/admin\/workflows\?saved=/, { timeout: 15_000 });

  // A deliverable with every record Code Committed needs, walked up to Coding In Progress.
  const key = await createIssue(sb, 'Upstream Deliverable', 'Neutron: port binding for vDPA');
  const full = makeCompleteDelivery();
  const current = await load(sb, key);
  unwrap(
    await panel(sb, FST_LEAD, key, 'delivery/save', {
      revision: current.delivery?.revision ?? null,
      delivery: {
        schemaVersion: 1,
        roadmapItemKey: 'LCOO-1',
        project: full.project,
        blueprint: full.blueprint,
        alignment: full.alignment,
        milestone: full.milestone,
        specification: full.specification,
        changes: full.changes,
      },
    }),
  );
  const approve = async (asEmail: string, role: string, ref?: string) =>
    unwrap(
      await panel(sb, asEmail, key, 'approvals/record', {
        record: 'delivery',
        role,
        revision: (await load(sb, key)).delivery?.revision ?? null,
        ...(ref ? { ref } : {}),
      }),
    );
  await approve(COORDINATOR, 'stakeholder-acceptance');
  for (const to of [
    'Blueprint In Progress',
    'Blueprint Accepted',
    'Specification In Progress',
    'Specification Accepted',
    'Coding In Progress',
  ]) {
    expect(await transition(sb, FST_LEAD, key, to)).toEqual({ status: 204, body: undefined });
  }

  const page = await b.newPage(sb.url, { asEmail: FST_LEAD, width: 1280, height: 1000 });
  await page.goto(`${sb.url}/browse/${key}`);
  await b.screenshotOnFailure(async () => {
    // No core approval yet: the refusal counts against the saved 1, not the LCOO default of 2.
    await page.locator('.transition-btn[title="to Code Committed"]').click();
    const flag = page.locator('#transition-flag');
    await expectText(flag, 'Core approvals: a core reviewer must approve; 0 have so far.');
    await b.screenshot(page, 'issue-view-gate-saved-config-refused');
    expect(await statusLozenge(page)).toBe('CODING IN PROGRESS');

    // One core approval is enough under the saved configuration.
    await approve(FST_LEAD, 'core-approval', '912345');
    await page.reload();
    await page.locator('.transition-btn[title="to Code Committed"]').click();
    await page.waitForFunction(() => document.querySelector('#status')?.textContent?.trim().toUpperCase() === 'CODE COMMITTED', undefined, {
      timeout: 15_000,
    });
    await b.screenshot(page, 'issue-view-gate-saved-config-passed');
  });
});

// Issue 11, item 9: the calendar does not run out. The tab shows the series as openstack/releases
// has them and the next one by number; an administrator names and dates it, and the table follows.
test('an administrator names the next series on the Release calendar tab', async () => {
  const { page, frame } = await openAdmin();
  await b.screenshotOnFailure(async () => {
    await frame.getByRole('tab', { name: 'Release calendar' }).click();
    const row = (label: string) => frame.locator('tbody tr', { has: frame.locator('th', { hasText: label }) });
    await expectText(row('2027.1 Indri'), 'In development');
    await expectText(row('2027.1 Indri'), 'Indri-2 2027-01-14');
    await expectText(row('2024.2 Dalmatian'), 'End of life');
    await expectText(row('2027.2'), 'By number (estimated)');

    await frame.getByRole('button', { name: 'Add series 2027.2' }).click();
    await frame.getByLabel('Name', { exact: true }).fill('Juniper');
    await frame.getByLabel('Release date', { exact: true }).fill('2027-09-29');
    await frame.getByRole('button', { name: 'Save release calendar' }).click();
    await expectText(frame.locator('body'), 'Saved. Targets, milestones and slipped items follow the calendar from now on.');
    await expectText(row('2027.2 Juniper'), 'Added here');
    await expectText(row('2027.2 Juniper'), '2027-09-29');
    await b.screenshot(page, 'admin-release-calendar');
  });
});

test('an administrator rebuilds the portfolio index and watches its progress', async () => {
  const { page, frame } = await openAdmin();
  await b.screenshotOnFailure(async () => {
    const key = await createIssue(sb, 'Roadmap Item', 'Indexed by the rebuild');
    await sb.host.settled();
    await frame.getByRole('tab', { name: 'Portfolio index' }).click();
    await frame.getByTestId('index-status').waitFor();
    // The steps wait in the queue until released, so the running state is on screen.
    const queue = sb.host.raw.queue;
    queue.configure({ paused: true });
    try {
      await frame.getByTestId('index-rebuild').click();
      await expectText(frame.getByTestId('index-progress-text'), /items indexed so far \(step 1\)/);
      expect(await frame.getByTestId('index-rebuild').isDisabled()).toBe(true);
      await b.screenshot(page, 'admin-index-running');
    } finally {
      queue.configure({ paused: false });
      queue.release();
    }
    await sb.host.settled();
    await expectText(frame.getByTestId('index-progress-text'), /items? indexed in \d+ steps?, finished/);
    const rows = Number((await frame.getByTestId('index-rows').innerText()).replace(/,/g, ''));
    const gadget = unwrap<{ totals: { items: number }; index: { source: string } }>(
      await sb.host.invoke('lcoo-portfolio-gadget', 'portfolio/load', {}, { asEmail: ADMIN, gadgetConfiguration: {} }),
    );
    expect(gadget.index.source).toBe('index');
    expect(rows).toBe(gadget.totals.items);
    expect(rows).toBeGreaterThan(0);
    expect(key).toMatch(/^LCOO-\d+$/);
    await b.screenshot(page, 'admin-index-done');
  });
});
