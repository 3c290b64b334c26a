// The release scope tracker tab of the LCOO roadmap page in Chromium on the sandbox, over the
// LCOO seed: open it (the next release by default), switch release, add a weekly update and see
// it as the latest, open the older ones; a field the server refuses shows its error there.
import type { Frame, Page } from 'playwright-core';
import { z } from 'zod';
import type { TrackerView } from '../../../src/contract/scope-tracker';
import { axeViolations } from '../../support/axe';
import { launchBrowser, type TestBrowser } from '../../support/browser';
import { envelopeSchema } from '../../support/envelope';
import { startSandbox, type TestSandbox } from '../../support/sandbox';
import { FST_LEAD, rest } from '../../support/lcoo-site';

const PAGE = 'lcoo-roadmap-page';

let sb: TestSandbox;
let b: TestBrowser;
let next: TrackerView;

async function invoke<T>(key: string, payload: unknown, asEmail = FST_LEAD): Promise<T> {
  const out = envelopeSchema(z.unknown()).parse(await sb.host.invoke(PAGE, key, payload, { asEmail }));
  if (!out.ok) throw new Error(`${key}: ${out.error.code} ${out.error.message}`);
  return out.data as T;
}

beforeAll(async () => {
  sb = await startSandbox({ seed: 'full' });
  b = await launchBrowser();
  next = await invoke<TrackerView>('tracker/load', {});
}, 240_000);
afterAll(async () => {
  await b?.close();
  await sb?.stop();
});

async function openTracker(asEmail = FST_LEAD): Promise<{ page: Page; frame: Frame }> {
  const page = await b.newPage(sb.url, { asEmail, width: 1360, height: 1000 });
  await page.goto(`${sb.url}/jira/apps/${PAGE}`);
  const frame = await b.waitForApp(page, PAGE);
  await frame.getByRole('tab', { name: 'Release scope tracker' }).click();
  await frame.getByRole('heading', { name: `Upstream Deliverables targeting ${next.release.label} (${next.rows.length})` }).waitFor();
  await frame.waitForSelector('body[aria-busy="false"]', { state: 'attached' });
  return { page, frame };
}

// Scoped to the tracker's table: other tabs' tables (the draft) mark their rows the same way.
const rowOf = (frame: Frame, key: string) => frame.getByTestId('tracker-table').locator(`tr[data-key="${key}"]`);

test('opens on the next release with its schedule, deliverables and totals; switching release reloads them', async () => {
  const { page, frame } = await openTracker();
  await b.screenshotOnFailure(async () => {
    const picker = frame.getByLabel('Release', { exact: true });
    expect(await picker.inputValue()).toBe(next.release.id);
    await frame.getByRole('list', { name: `${next.release.label} schedule` }).waitFor();
    expect(await frame.getByTestId('tracker-table').locator('tbody tr[data-key]').count()).toBe(next.rows.length);
    await frame.getByRole('table', { name: 'Per company' }).waitFor();
    await frame.getByRole('table', { name: 'Per FST' }).waitFor();
    await b.screenshot(page, 'scope-tracker');

    // Another release the picker offers, with its own rows as the resolver answers them.
    const other = next.releases.find((r) => r.id !== next.release.id && r.shipped)!;
    const expected = await invoke<TrackerView>('tracker/load', { releaseId: other.id });
    await picker.selectOption(other.id);
    await frame.getByRole('heading', { name: `Upstream Deliverables targeting ${other.label} (${expected.rows.length})` }).waitFor();
    await frame.waitForSelector('body[aria-busy="false"]', { state: 'attached' });
    expect(await frame.getByTestId('tracker-table').locator('tbody tr[data-key]').count()).toBe(expected.rows.length);
  });
});

test('adds a weekly update that shows as the latest, and opens the older ones on demand', async () => {
  const row = next.rows.find((r) => r.noteCount >= 2)!;
  const { page, frame } = await openTracker();
  await b.screenshotOnFailure(async () => {
    const tr = rowOf(frame, row.key);
    await tr.getByRole('button', { name: 'Add update' }).click();
    const text = `Week ${Date.now()}: second core review in, one nit left.`;
    await tr.getByLabel('Update', { exact: true }).fill(text);
    await tr.getByRole('button', { name: 'Save update' }).click();
    // The form closes and the new update is the row's latest, stamped with who wrote it.
    await tr.getByText(text).waitFor();
    await tr.getByRole('button', { name: 'Add update' }).waitFor();
    const me = (await rest(sb, FST_LEAD, 'GET', '/rest/api/3/myself')).body as { displayName: string };
    await tr
      .getByText(new RegExp(`Week of .* · ${me.displayName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} · `))
      .first()
      .waitFor();

    const older = tr.getByRole('button', { name: `Show ${row.noteCount} older updates` });
    await older.click();
    const list = tr.getByRole('list', { name: `Older updates on ${row.key}` });
    await list.waitFor();
    expect(await list.getByRole('listitem').count()).toBe(row.noteCount);
    expect(await tr.getByRole('button', { name: 'Hide older updates' }).getAttribute('aria-expanded')).toBe('true');
    await b.screenshot(page, 'scope-tracker-notes');
    // The tab with a row's older updates and another's form open: nothing axe finds in it.
    await rowOf(frame, next.rows.find((r) => r.key !== row.key)!.key)
      .getByRole('button', { name: 'Add update' })
      .click();
    // (The page's level-one heading is the page shell's, not this tab's: that rule is left to its tests.)
    const violations = (await axeViolations(frame)).filter((v) => v.id !== 'page-has-heading-one');
    expect(violations).toEqual([]);
  });
});

test('a refused update shows its error on the field', async () => {
  const row = next.rows[0]!;
  const { frame } = await openTracker();
  await b.screenshotOnFailure(async () => {
    const tr = rowOf(frame, row.key);
    await tr.getByRole('button', { name: 'Add update' }).click();
    await tr.getByRole('button', { name: 'Save update' }).click();
    await tr.getByRole('alert').filter({ hasText: "The update can't be empty." }).waitFor();
    expect(await tr.getByLabel('Update', { exact: true }).getAttribute('aria-describedby')).toBe(`note-${row.key}-text-error`);
  });
});

test('someone who may only browse reads the tracker; their update is refused with the reason', async () => {
  const row = next.rows[0]!;
  const { frame } = await openTracker('viewer@lcoo.example');
  await b.screenshotOnFailure(async () => {
    const tr = rowOf(frame, row.key);
    await tr.getByRole('button', { name: 'Add update' }).click();
    await tr.getByLabel('Update', { exact: true }).fill('Viewer note');
    await tr.getByRole('button', { name: 'Save update' }).click();
    await tr
      .getByRole('alert')
      .filter({ hasText: /may edit/ })
      .waitFor();
  });
});
