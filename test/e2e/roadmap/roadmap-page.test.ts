// The LCOO roadmap page (jira:globalPage) in Chromium on the sandbox, over the LCOO seed: reached
// from the navigation, it shows the quarter's draft from the portfolio index; the Roadmap
// Committee ranks roadmap-wide by drag and by keyboard, an FST lead ranks and submits the FST's
// list, and the ranks are searchable in Jira.
import { readFileSync } from 'node:fs';
import type { Frame, Page } from 'playwright-core';
import { z } from 'zod';
import type { DraftView, VersionView, VersionsView } from '../../../src/contract/roadmap';
import { KVS_KEYS } from '../../../src/storage/keys';
import { launchBrowser, type TestBrowser } from '../../support/browser';
import { envelopeSchema } from '../../support/envelope';
import { startSandbox, type TestSandbox } from '../../support/sandbox';
import { ADMIN, FST_LEAD, VIEWER, rest } from '../../support/lcoo-site';

const PAGE = 'lcoo-roadmap-page';

let sb: TestSandbox;
let b: TestBrowser;
let draft: DraftView;

async function invoke<T>(key: string, payload: unknown, asEmail = ADMIN): Promise<T> {
  const out = envelopeSchema(z.unknown()).parse(await sb.host.invoke(PAGE, key, payload, { asEmail }));
  if (!out.ok) throw new Error(`${key}: ${out.error.code} ${out.error.message}`);
  return out.data as T;
}

beforeAll(async () => {
  sb = await startSandbox({ seed: 'full' });
  b = await launchBrowser();
  draft = await invoke<DraftView>('draft/load', {});
}, 240_000);
afterAll(async () => {
  await b?.close();
  await sb?.stop();
});

async function openRoadmap(asEmail = ADMIN): Promise<{ page: Page; frame: Frame }> {
  const page = await b.newPage(sb.url, { asEmail, width: 1360, height: 1000 });
  await page.goto(`${sb.url}/projects/LCOO/issues`);
  await page.getByRole('link', { name: 'LCOO roadmap' }).click();
  await page.waitForURL(`${sb.url}/jira/apps/${PAGE}`);
  const frame = await b.waitForApp(page, PAGE);
  return { page, frame };
}

/** The keys of the table's rows, top to bottom. */
const rowKeys = (frame: Frame) =>
  frame.locator('[data-testid^="draft-row-"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key')));

async function searchKeys(jql: string): Promise<string[]> {
  const res = await rest(sb, ADMIN, 'POST', '/rest/api/3/search/jql', { jql, fields: ['key'], maxResults: 100 });
  expect(res.status).toBe(200);
  return (res.body as { issues: { key: string }[] }).issues.map((i) => i.key);
}

test('the draft answers from the portfolio index: 2 Jira calls, nothing searched per item', () => {
  expect(draft.source).toBe('index');
  expect(draft.items.length).toBeGreaterThan(3);
  expect(draft.items.every((i) => ['prioritized', 'development-ready'].includes(i.stage))).toBe(true);
  // The person's browse permissions (as them) and their groups (as the app).
  expect(draft.cost.jiraCalls).toBe(2);
  expect(draft.rights).toEqual({ committee: true, fsts: [] });
});

test("each item's delivery progress is rolled up from the Upstream Deliverables that name it", async () => {
  const withProgress = draft.items.filter((i) => i.progress);
  expect(withProgress.length).toBeGreaterThan(0);
  for (const item of withProgress.slice(0, 3)) {
    const deliverables = await rest(sb, ADMIN, 'POST', '/rest/api/3/search/jql', {
      jql: `lcooRoadmapItem = ${item.key}`,
      fields: ['status'],
      maxResults: 100,
    });
    const issues = (deliverables.body as { issues: { fields: { status: { name: string } } }[] }).issues;
    expect(item.progress).toMatchObject({
      total: issues.length,
      delivered: issues.filter((i) => i.fields.status.name === 'Delivered').length,
    });
  }
});

test('the Roadmap Committee ranks roadmap-wide by drag and by keyboard; who, when, and lcooRank in Jira', async () => {
  const { page, frame } = await openRoadmap();
  await b.screenshotOnFailure(async () => {
    await frame
      .getByTestId('draft-heading')
      .filter({ hasText: `Draft for ${draft.quarter.label}` })
      .waitFor();
    const keys = draft.items.map((i) => i.key);
    expect(await rowKeys(frame)).toEqual(keys);

    // Drag the last row onto the first.
    const last = keys[keys.length - 1]!;
    await frame.getByTestId(`draft-row-${last}`).dragTo(frame.getByTestId(`draft-row-${keys[0]!}`));
    await frame.waitForFunction((k) => document.querySelector('[data-testid^="draft-row-"]')?.getAttribute('data-key') === k, last);

    // Keyboard: focus the (new) second row's "Move down" and press Enter twice.
    const second = keys[0]!;
    const down = frame.getByRole('button', { name: `Move ${second} down` });
    await down.focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    const expected = [last, keys[1]!, keys[2]!, second, ...keys.slice(3, -1)];
    await frame.waitForFunction(
      (want) =>
        JSON.stringify([...document.querySelectorAll('[data-testid^="draft-row-"]')].map((r) => r.getAttribute('data-key'))) === want,
      JSON.stringify(expected),
    );
    await frame.getByTestId('rank-save').click();
    await frame.getByTestId('rank-note').filter({ hasText: 'ranking is saved' }).waitFor();
    await frame.getByTestId('rank-last').filter({ hasText: 'Last ranked by Alex Admin' }).waitFor();
    expect(await rowKeys(frame)).toEqual(expected);
    expect(await frame.getByTestId(`draft-row-${last}`).getByTestId('rank-cell').innerText()).toBe('1');
    await b.screenshot(page, 'roadmap-ranked-by-committee');

    // A reload shows the stored order.
    await page.reload();
    const again = await b.waitForApp(page, PAGE);
    await again.getByTestId('rank-last').filter({ hasText: 'Last ranked by Alex Admin' }).waitFor();
    expect(await rowKeys(again)).toEqual(expected);

    // Searchable in Jira: the draft quarter's rank on each moved item.
    expect(await searchKeys(`lcooRankQuarter = "${draft.quarter.id}" AND lcooRank = 1`)).toEqual([last]);
    expect(await searchKeys(`lcooRankQuarter = "${draft.quarter.id}" AND lcooRank <= 4 ORDER BY key ASC`)).toHaveLength(4);

    // The portfolio gadget shows the rank beside the key (first page, key order).
    await page.goto(`${sb.url}/dashboard`);
    const gadget = await b.waitForApp(page, 'lcoo-portfolio-gadget');
    const row = gadget.locator('tr').filter({ has: gadget.getByRole('link', { name: second, exact: true }) });
    await row
      .getByTestId('rank-mark')
      .filter({ hasText: `Rank 4 (${draft.quarter.label})` })
      .waitFor();
  });
});

test('an FST lead ranks and submits the FST list, and may not reorder the roadmap-wide list', async () => {
  const lead = await invoke<DraftView>('draft/load', {}, FST_LEAD);
  expect(lead.rights.committee).toBe(false);
  const fst = lead.rights.fsts[0]!;
  const listIdx = lead.ranking.lists.findIndex((l) => l.scope.kind === 'fst' && l.scope.fst === fst);
  const mine = lead.ranking.lists[listIdx]!;
  expect(mine.order.length).toBeGreaterThan(1);
  const { page, frame } = await openRoadmap(FST_LEAD);
  await b.screenshotOnFailure(async () => {
    // The roadmap-wide list: no move controls, and why.
    await frame.getByTestId('rank-reason').filter({ hasText: 'Only the Roadmap Committee' }).waitFor();
    expect(await frame.getByRole('button', { name: /^Move / }).count()).toBe(0);
    expect(await frame.getByTestId('rank-save').count()).toBe(0);

    await frame.getByTestId('rank-list').selectOption(String(listIdx));
    const keys = mine.order.map((id) => lead.items.find((i) => i.id === id)!.key);
    await frame.getByRole('button', { name: `Move ${keys[1]!} up` }).click();
    await frame.getByTestId('rank-save').click();
    await frame.getByTestId('rank-note').filter({ hasText: 'ranking is saved' }).waitFor();
    expect((await rowKeys(frame)).slice(0, 2)).toEqual([keys[1], keys[0]]);

    await frame.getByTestId('rank-submit').click();
    await frame.getByTestId('rank-note').filter({ hasText: 'submitted to the Roadmap Committee' }).waitFor();
    await frame.getByTestId('submissions').locator('summary').click();
    await frame.getByTestId(`submission-${fst}`).filter({ hasText: 'submitted by' }).waitFor();
    await b.screenshot(page, 'roadmap-fst-submitted');
  });
  expect(await searchKeys(`lcooRankQuarter = "${draft.quarter.id}" AND lcooFstRank = 1 AND lcooFst = "${fst}"`)).toEqual([
    lead.items.find((i) => i.id === mine.order[1])!.key,
  ]);
});

test('a save is refused to someone outside the configured groups, and on a stale revision', async () => {
  const lead = await invoke<DraftView>('draft/load', {}, FST_LEAD);
  const committee = lead.ranking.lists[0]!;
  const refused = envelopeSchema(z.unknown()).parse(
    await sb.host.invoke(
      PAGE,
      'ranking/save',
      { quarter: lead.quarter.id, scope: { kind: 'committee' }, order: committee.order, revision: lead.ranking.revision },
      { asEmail: FST_LEAD },
    ),
  );
  expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  const stale = envelopeSchema(z.unknown()).parse(
    await sb.host.invoke(
      PAGE,
      'ranking/save',
      { quarter: lead.quarter.id, scope: { kind: 'committee' }, order: committee.order, revision: 0 },
      { asEmail: ADMIN },
    ),
  );
  expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
});

test('the seed holds two published quarters; the committee publishes a third, others are refused', async () => {
  const before = await invoke<VersionsView>('versions/list', {});
  expect(before.versions.map((v) => v.name)).toEqual(['2026 Q4, refresh, Forum', '2026 Q3, new roadmap, Hibiscus PTG']);
  expect(before.proposal).toMatchObject({ quarter: draft.quarter.id, name: `${draft.quarter.label}, new roadmap, Indri PTG` });
  // The older version was published before the last Roadmap Items were in.
  expect(before.versions[1]!.itemCount).toBeLessThan(before.versions[0]!.itemCount);

  // Others: the page says why, and the resolver refuses.
  const lead = await openRoadmap(FST_LEAD);
  await lead.frame.getByTestId('tab-versions').click();
  await lead.frame.getByTestId('publish-reason').filter({ hasText: 'Only the Roadmap Committee' }).waitFor();
  expect(await lead.frame.getByTestId('publish-start').count()).toBe(0);
  const refused = envelopeSchema(z.unknown()).parse(
    await sb.host.invoke(PAGE, 'versions/publish', { quarter: draft.quarter.id, kind: 'new', event: 'Indri PTG' }, { asEmail: FST_LEAD }),
  );
  expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

  const { page, frame } = await openRoadmap();
  await b.screenshotOnFailure(async () => {
    await frame.getByTestId('tab-versions').click();
    await frame
      .getByTestId('publish-name')
      .filter({ hasText: `${draft.quarter.label}, new roadmap, Indri PTG` })
      .waitFor();
    await frame.getByTestId('publish-start').click();
    await frame.getByTestId('publish-confirm').click();
    await frame
      .getByTestId('versions-note')
      .filter({ hasText: `Published “${draft.quarter.label}, new roadmap, Indri PTG”` })
      .waitFor();
    expect(await frame.getByTestId('version-entry').count()).toBe(3);
    await b.screenshot(page, 'roadmap-published');
    // Open it: the items in the committee's order, as signed.
    await frame.getByRole('button', { name: `Open ${draft.quarter.label}, new roadmap, Indri PTG` }).click();
    await frame.getByTestId('version-name').filter({ hasText: 'Indri PTG' }).waitFor();
    expect(await frame.getByTestId('version-modified').count()).toBe(0);
    expect(await frame.locator('[data-testid^="version-row-"]').count()).toBe(draft.items.length);
  });

  // Never edited afterwards: a changed part reads as modified.
  const after = await invoke<VersionsView>('versions/list', {});
  const id = after.versions[0]!.id;
  const got = await invoke<VersionView>('versions/get', { id });
  expect(got.integrity).toBe('valid');
  const kvs = sb.host.raw.kvs;
  const part = (kvs.handle('/api/v1/get', { key: KVS_KEYS.roadmapVersionPart(id, 0) }).body as { value: { items: { summary: string }[] } })
    .value;
  part.items[0]!.summary = 'Edited afterwards';
  kvs.handle('/api/v1/set', { key: KVS_KEYS.roadmapVersionPart(id, 0), value: part });
  expect((await invoke<VersionView>('versions/get', { id })).integrity).toBe('modified');
});

test('anyone compares two versions (list and table) and downloads a version as Markdown and CSV', async () => {
  const list = await invoke<VersionsView>('versions/list', {}, VIEWER);
  const [later, earlier] = list.versions;
  const { page, frame } = await openRoadmap(VIEWER);
  await b.screenshotOnFailure(async () => {
    await frame.getByTestId('tab-compare').click();
    await frame
      .getByTestId('compare-heading')
      .filter({ hasText: `${later!.name} compared with ${earlier!.name}` })
      .waitFor();
    // The latest versions differ in rank at least (the seed's orders differ; the third was ranked in the first test).
    const ranks = frame.getByTestId('compare-rank');
    await ranks.locator('li').first().waitFor();
    await b.screenshot(page, 'roadmap-compare-list');
    await frame.getByTestId('compare-as-table').check();
    await frame.getByTestId('compare-table').waitFor();
    expect(await frame.locator('[data-testid^="compare-row-"]').count()).toBeGreaterThan(0);
    // The two seeded quarters: the later one added the Roadmap Items that came after the first.
    await frame.getByTestId('compare-to').selectOption(list.versions[1]!.id);
    await frame.getByTestId('compare-from').selectOption(list.versions[2]!.id);
    await frame
      .getByTestId('compare-heading')
      .filter({ hasText: `${list.versions[1]!.name} compared with ${list.versions[2]!.name}` })
      .waitFor();
    await frame.getByTestId('compare-as-list').check();
    const added = list.versions[1]!.itemCount - list.versions[2]!.itemCount;
    await frame
      .getByTestId('compare-added')
      .locator('h3')
      .filter({ hasText: `Added (${added})` })
      .waitFor();

    // Downloads, from the version's page.
    await frame.getByTestId('tab-versions').click();
    await frame.getByRole('button', { name: `Open ${later!.name}` }).click();
    await frame.getByTestId('version-name').waitFor();
    const [md] = await Promise.all([page.waitForEvent('download'), frame.getByTestId('export-markdown').click()]);
    const slug = later!.name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    expect(md.suggestedFilename()).toBe(`lcoo-roadmap-${slug}.md`);
    const mdText = readFileSync((await md.path())!, 'utf8');
    expect(mdText.split('\n')[0]).toBe(`# LCOO roadmap ${later!.name}`);
    const got = await invoke<VersionView>('versions/get', { id: later!.id }, VIEWER);
    for (const item of got.items) expect(mdText).toContain(`| ${item.key} |`);
    const [csv] = await Promise.all([page.waitForEvent('download'), frame.getByTestId('export-csv').click()]);
    expect(csv.suggestedFilename()).toBe(`lcoo-roadmap-${slug}.csv`);
    const rows = readFileSync((await csv.path())!, 'utf8')
      .trimEnd()
      .split('\r\n');
    expect(rows[0]).toBe(
      'Rank,Key,Summary,Stage,Target release,Slipped,FST,FST rank,Type,Size,Committed companies (people),Decided target release,Decided delivery strategy',
    );
    expect(rows).toHaveLength(got.items.length + 1);
    expect(rows[1]!.split(',')[1]).toBe(got.items[0]!.key);

    // Printed: the controls and tabs go, the table stays.
    await page.emulateMedia({ media: 'print' });
    expect(await frame.getByTestId('export-csv').isVisible()).toBe(false);
    expect(await frame.locator('[role="tablist"]').isVisible()).toBe(false);
    expect(await frame.getByTestId('version-table').isVisible()).toBe(true);
    await b.screenshot(page, 'roadmap-print');
    await page.emulateMedia({ media: 'screen' });
  });
});
