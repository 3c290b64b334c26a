// Chromium against the sandbox with the mini app: the REAL @forge/bridge and
// @forge/jira-bridge inside cross-origin iframes talk to the Jira-like host page.
import type { Frame, Page } from 'playwright-core';
import { buildMiniApp } from '../../fixtures/mini-app/build';
import { installGatedWorkflow } from '../../fixtures/mini-app/gated-workflow';
import { launchBrowser, type TestBrowser } from '../../support/browser';
import { startSandbox, type TestSandbox } from '../../support/sandbox';

let sb: TestSandbox;
let b: TestBrowser;
let wipKey: string;

async function results(frame: Frame): Promise<Record<string, unknown>> {
  const rows = await frame
    .locator('[data-result]')
    .evaluateAll((els) => els.map((e) => [e.getAttribute('data-result'), e.textContent ?? '']));
  return Object.fromEntries(rows.map(([name, text]) => [name, JSON.parse(String(text).slice(String(name).length + 2)) as unknown]));
}

beforeAll(async () => {
  sb = await startSandbox({ appDir: buildMiniApp() });
  await installGatedWorkflow(sb, { 'In Progress': {} });
  const r = await sb.emulator.handle({
    method: 'POST',
    path: '/rest/api/3/issue',
    principal: { kind: 'user', accountId: sb.host.accountIdOf('coordinator@lcoo.example') },
    body: { fields: { project: { key: 'LCOO' }, summary: 'WIP: OVN gateway scaling', issuetype: { name: 'Task' } } },
  });
  wipKey = (r.body as { key: string }).key;
  b = await launchBrowser();
});
afterAll(async () => {
  await b?.close();
  await sb?.stop();
});

test('issue view: the panel answers through the real bridge (getContext, invoke, requestJira, events, submit)', async () => {
  await b.screenshotOnFailure(async () => {
    const page = await b.newPage(sb.url, { asEmail: 'fst-lead@lcoo.example' });
    await page.goto(`${sb.url}/browse/${wipKey}`);
    await expectText(page, '#summary', 'WIP: OVN gateway scaling');
    const frame = await b.waitForApp(page, 'mini-panel');
    expect(await frame.locator('body').getAttribute('data-failed')).toBeNull();
    const r = await results(frame);
    const fstLead = sb.host.accountIdOf('fst-lead@lcoo.example');
    expect(r['context']).toEqual({ moduleKey: 'mini-panel', type: 'jira:issuePanel', accountId: fstLead, entryPoint: null });
    expect(r['whoami']).toEqual({ asUser: 'Farah Stein (Networking FST lead)', asApp: expect.any(String), moduleKey: 'mini-panel' });
    expect(r['requestJira']).toEqual({ status: 200, summary: 'WIP: OVN gateway scaling' });
    expect(r['invokeError']).toBe('mini app failure on purpose');
    expect(r['event']).toEqual({ n: 1 });
    expect(r['submitRefused']).toBe("this resource's view is not submittable.");
    // The frame is on another origin and sized to its content by the bridge.
    expect(new URL(frame.url()).origin).toBe(new URL(sb.resourceOrigin).origin.replace('localhost', new URL(frame.url()).hostname));
    expect(new URL(frame.url()).port).not.toBe(new URL(page.url()).port);
    const height = await page.locator('iframe[data-module-key="mini-panel"]').evaluate((el) => el.getBoundingClientRect().height);
    expect(height).toBeGreaterThan(60);
    // A bridge call the host does not implement rejects with a message that says so.
    const unknown = await frame.evaluate(() =>
      (globalThis as unknown as { __bridge: { callBridge(n: string): Promise<unknown> } }).__bridge.callBridge('createHistory').then(
        () => 'resolved',
        (e: Error) => e.message,
      ),
    );
    expect(unknown).toBe("The local Forge sandbox does not implement the bridge call 'createHistory'");
    await b.screenshot(page, 'host-issue-view');
  });
});

test('a validator refusal shows as an error flag with its message, and the issue keeps its status', async () => {
  await b.screenshotOnFailure(async () => {
    const page = await b.newPage(sb.url, { asEmail: 'fst-lead@lcoo.example' });
    await page.goto(`${sb.url}/browse/${wipKey}`);
    const before = await page.locator('#status').innerText();
    await page.getByRole('button', { name: 'In Progress' }).click();
    const flag = page.locator('#transition-flag');
    await flag.waitFor();
    expect(await flag.innerText()).toContain(`Remove "WIP" from the summary of ${wipKey}`);
    await page.reload();
    expect(await page.locator('#status').innerText()).toBe(before);
  });
});

test('the user switcher changes who the page, the REST proxy and the frames act as', async () => {
  await b.screenshotOnFailure(async () => {
    const page = await b.newPage(sb.url, { asEmail: 'fst-lead@lcoo.example' });
    await page.goto(`${sb.url}/browse/${wipKey}`);
    await b.waitForApp(page, 'mini-panel');
    // Switching signs in again (a JSON POST from the page) and reloads it.
    await Promise.all([page.waitForEvent('load'), page.selectOption('#user-select', 'viewer@lcoo.example')]);
    expect(page.url()).toBe(`${sb.url}/browse/${wipKey}`);
    const frame = await b.waitForApp(page, 'mini-panel');
    const r = await results(frame);
    expect(r['context']).toMatchObject({ accountId: sb.host.accountIdOf('viewer@lcoo.example') });
    expect(r['whoami']).toMatchObject({ asUser: 'Vera Viewer' });
    const me = await page.evaluate(async () => (await (await fetch('/rest/api/3/myself')).json()) as { displayName: string });
    expect(me.displayName).toBe('Vera Viewer');
  });
});

test('dashboard gadget: edit view submits its configuration and the view re-renders with it', async () => {
  await b.screenshotOnFailure(async () => {
    const page = await b.newPage(sb.url, { asEmail: 'coordinator@lcoo.example' });
    await page.goto(`${sb.url}/dashboard`);
    let frame = await b.waitForApp(page, 'mini-gadget');
    expect((await results(frame))['greeting']).toBe('(not configured)');
    await Promise.all([page.waitForURL((u) => u.searchParams.has('edit')), page.getByRole('link', { name: 'Edit' }).click()]);
    await page.waitForSelector('iframe[data-frame-id="gadget-0-edit"]');
    frame = await b.waitForApp(page, 'mini-gadget');
    expect((await results(frame))['context']).toMatchObject({ type: 'jira:dashboardGadget', entryPoint: 'edit' });
    await frame.locator('#greeting').fill('Hello LCOO');
    await Promise.all([page.waitForURL((u) => u.pathname === '/dashboard' && u.search === ''), frame.locator('#save').click()]);
    frame = await b.waitForApp(page, 'mini-gadget');
    expect((await results(frame))['greeting']).toBe('Hello LCOO');
    await b.screenshot(page, 'host-dashboard');
  });
});

test('theme toggle: frames that enabled theming follow the host page into dark mode', async () => {
  await b.screenshotOnFailure(async () => {
    const page = await b.newPage(sb.url, { asEmail: 'admin@lcoo.example' });
    await page.goto(`${sb.url}/admin/apps/mini-admin`);
    const frame = await b.waitForApp(page, 'mini-admin');
    expect(await frame.evaluate(() => document.documentElement.getAttribute('data-color-mode'))).toBe('light');
    await page.locator('#theme-toggle').click();
    await frame.waitForFunction(() => document.documentElement.getAttribute('data-color-mode') === 'dark');
    expect(await page.evaluate(() => document.documentElement.getAttribute('data-color-mode'))).toBe('dark');
    // The choice is a cookie: the next page starts dark.
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.getAttribute('data-color-mode'))).toBe('dark');
  });
});

test('validator config UI: context carries the stored configuration; onConfigure hands the new one to the host, which saves it into the rule', async () => {
  await b.screenshotOnFailure(async () => {
    const page = await b.newPage(sb.url, { asEmail: 'admin@lcoo.example' });
    await page.goto(`${sb.url}/admin/workflows`);
    await page.locator('[data-rule="mini-validator"] a', { hasText: 'Edit' }).first().click();
    const frame = await b.waitForApp(page, 'mini-validator');
    const r = await results(frame);
    expect(r['context']).toMatchObject({ type: 'jira:workflowValidator', entryPoint: 'edit' });
    expect(r['validatorConfig']).toBe('{}');
    await frame.locator('#block-all').check();
    const config = await page.evaluate(() =>
      (window as unknown as { __forgeHost: { workflowConfigure(id: string): Promise<unknown> } }).__forgeHost.workflowConfigure(
        'validator-0',
      ),
    );
    expect(config).toBe('{"blockAll":true}');

    // Update stores it in the rule through POST /rest/api/3/workflows/update, and the very next
    // transition's validator receives it: a summary without "WIP" is now refused too.
    await page.getByRole('button', { name: 'Update' }).click();
    await page.waitForURL(/\/admin\/workflows\?saved=/);
    expect(await page.locator('.flag-error').count()).toBe(0);
    const coordinator = { kind: 'user' as const, accountId: sb.host.accountIdOf('coordinator@lcoo.example') };
    const created = await sb.emulator.handle({
      method: 'POST',
      path: '/rest/api/3/issue',
      principal: coordinator,
      body: { fields: { project: { key: 'LCOO' }, summary: 'OVN gateway scaling', issuetype: { name: 'Task' } } },
    });
    const key = (created.body as { key: string }).key;
    const options = await sb.emulator.handle({ method: 'GET', path: `/rest/api/3/issue/${key}/transitions`, principal: coordinator });
    const toInProgress = (options.body as { transitions: { id: string; name: string }[] }).transitions.find(
      (t) => t.name === 'In Progress',
    );
    const moved = await sb.emulator.handle({
      method: 'POST',
      path: `/rest/api/3/issue/${key}/transitions`,
      principal: coordinator,
      body: { transition: { id: toInProgress?.id } },
    });
    expect(moved).toMatchObject({
      status: 400,
      body: { errorMessages: [`Transitions of ${key} are blocked by the mini validator's configuration.`], errors: {} },
    });
  });
});

async function expectText(page: Page, selector: string, text: string): Promise<void> {
  expect((await page.locator(selector).innerText()).trim()).toBe(text);
}
