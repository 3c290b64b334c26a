// Issue 15, gadget item 11 in Chromium: the edit view's controls are Atlaskit's (checkboxes and
// buttons, Save the primary one), its release list holds only the series still to ship, and a JQL
// scope that is not one query is refused when saving, in the edit view, before view.submit.
import type { Frame, Page } from 'playwright-core';
import { z } from 'zod';
import type { GadgetOptions } from '../../../src/contract/gadget';
import { axeViolations } from '../../support/axe';
import { launchBrowser, type TestBrowser } from '../../support/browser';
import { envelopeSchema } from '../../support/envelope';
import { startSandbox, type TestSandbox } from '../../support/sandbox';

const GADGET = 'lcoo-portfolio-gadget';
const LRC = 'admin@lcoo.example';

let sb: TestSandbox;
let b: TestBrowser;
let options: GadgetOptions;

beforeAll(async () => {
  sb = await startSandbox({ seed: 'full' });
  b = await launchBrowser();
  const out = envelopeSchema(z.unknown()).parse(
    await sb.host.invoke(GADGET, 'gadget/options', {}, { asEmail: LRC, gadgetConfiguration: {} }),
  );
  if (!out.ok) throw new Error(out.error.message);
  options = out.data as GadgetOptions;
}, 240_000);
afterAll(async () => {
  await b?.close();
  await sb?.stop();
});

async function openEdit(): Promise<{ page: Page; edit: Frame }> {
  const page = await b.newPage(sb.url, { asEmail: LRC });
  await page.goto(`${sb.url}/dashboard?edit=${GADGET}-1`);
  const edit = await b.waitForApp(page, GADGET);
  await edit.waitForSelector('[data-testid="gadget-edit"]');
  return { page, edit };
}

test('Atlaskit checkboxes and buttons; Save is the primary button; no axe violation', async () => {
  await b.screenshotOnFailure(async () => {
    const { page, edit } = await openEdit();
    // Atlaskit draws its own box over an input with no native appearance.
    const box = edit.locator('input[name="stages"][value="prioritized"]');
    await expect(box.evaluate((e) => getComputedStyle(e).appearance)).resolves.toBe('none');
    await box.focus();
    await page.keyboard.press('Space');
    await expect(box.isChecked()).resolves.toBe(true);

    const save = edit.locator('[data-testid="edit-save"]');
    await expect(save.getAttribute('type')).resolves.toBe('submit');
    // Primary = the brand's bold background (the theme's token), Cancel has none.
    const brand = await edit.evaluate(() => {
      const probe = document.createElement('div');
      probe.style.background = 'var(--ds-background-brand-bold)';
      document.body.appendChild(probe);
      const c = getComputedStyle(probe).backgroundColor;
      probe.remove();
      return c;
    });
    await expect(save.evaluate((e) => getComputedStyle(e).backgroundColor)).resolves.toBe(brand);
    await expect(edit.locator('[data-testid="edit-cancel"]').evaluate((e) => getComputedStyle(e).backgroundColor)).resolves.not.toBe(brand);
    await expect(axeViolations(edit)).resolves.toEqual([]);
    await b.screenshot(page, 'gadget-edit-atlaskit');
  });
});

test('the release list offers the series still to ship, newest first', async () => {
  await b.screenshotOnFailure(async () => {
    const { edit } = await openEdit();
    expect(options.targetReleases.length).toBeGreaterThanOrEqual(2);
    const released = options.vocabulary.releases.filter((r) => !options.targetReleases.includes(r.id));
    expect(released.length).toBeGreaterThan(0);
    const listed = await edit.locator('input[name="releases"]').evaluateAll((xs) => xs.map((x) => (x as HTMLInputElement).value));
    const order = options.vocabulary.releases.map((r) => r.id);
    expect(listed).toEqual(order.filter((id) => options.targetReleases.includes(id)).reverse());
  });
});

test('a JQL scope that is not one query is refused when saving, in the edit view', async () => {
  await b.screenshotOnFailure(async () => {
    const { page, edit } = await openEdit();
    await edit.check('[data-testid="scope-jql"]');
    await edit.fill('#jql', 'project = LCOO AND (');
    await edit.locator('[data-testid="edit-save"]').press('Enter');
    await edit.waitForSelector('[data-testid="edit-problems"]');
    await expect(edit.locator('[data-testid="edit-problems"]').innerText()).resolves.toMatch(/JQL/);
    // Nothing was submitted: the page is still the edit view and the stored configuration is untouched.
    expect(page.url()).toContain('edit=');
    expect(sb.host.raw.gadgetConfiguration('10000', `${GADGET}-1`)).toEqual({});
    await b.screenshot(page, 'gadget-edit-bad-jql');
  });
});
