// The Roadmap Committee's target-release and delivery-strategy decisions through the sandbox: the
// roadmap page's resolver (real @forge/resolver, @forge/api, @forge/kvs) over the LCOO seed. The
// committee records, everyone else is refused; who and when are the server's; bad input is
// refused naming its field; a version published afterwards carries the decisions.
import { z } from 'zod';
import type { DraftView, ExportFile, VersionView, VersionsView } from '../../../src/contract/roadmap';
import { csvField } from '../../../src/domain/roadmap/export';
import { envelopeSchema } from '../../support/envelope';
import { startSandbox, type TestSandbox } from '../../support/sandbox';
import { ADMIN, FST_LEAD, VIEWER } from '../../support/lcoo-site';

const PAGE = 'lcoo-roadmap-page';
const Answer = envelopeSchema(z.unknown());

let sb: TestSandbox;
let draft: DraftView;
beforeAll(async () => {
  sb = await startSandbox({ seed: 'full' });
  draft = await ok<DraftView>('draft/load', {}, ADMIN);
}, 240_000);
afterAll(() => sb?.stop());

async function ask(key: string, payload: unknown, asEmail: string) {
  return Answer.parse(await sb.host.invoke(PAGE, key, payload, { asEmail }));
}
async function ok<T>(key: string, payload: unknown, asEmail: string): Promise<T> {
  const out = await ask(key, payload, asEmail);
  if (!out.ok) throw new Error(`${key}: ${out.error.code} ${out.error.message}`);
  return out.data as T;
}
const record = (decision: unknown, revision: number, itemId = draft.items[0]!.id, extra: object = {}) => ({
  quarter: draft.quarter.id,
  itemId,
  decision,
  revision,
  ...extra,
});

test('the draft offers the releases open for targeting and the four strategies; only the committee may decide', async () => {
  expect(draft.decisions.canDecide).toBe(true);
  expect(draft.decisions.releases.length).toBeGreaterThanOrEqual(2);
  expect(draft.decisions.strategies.map((s) => s.id)).toEqual(['upstream-first', 'existing-project', 'new-project', 'out-of-tree']);
  expect(draft.items.every((i) => Array.isArray(i.decisions))).toBe(true);
  const viewer = await ok<DraftView>('draft/load', {}, VIEWER);
  expect(viewer.decisions.canDecide).toBe(false);
  expect(viewer.decisions.reason).toMatch(/Only the Roadmap Committee/);
});

test("a committee member records a target release and a strategy: who and when are the server's, the latest first", async () => {
  const release = draft.decisions.releases[0]!;
  const t0 = Date.now();
  const after = await ok<DraftView>(
    'decisions/record',
    record({ kind: 'target-release', releaseId: release.id }, draft.decisions.revision),
    ADMIN,
  );
  const item = after.items.find((i) => i.id === draft.items[0]!.id)!;
  expect(item.decisions).toHaveLength(1);
  const d = item.decisions[0]!;
  expect(d).toMatchObject({ kind: 'target-release', releaseId: release.id, label: `Target release: ${release.label}` });
  expect(d.by.accountId).toBe(sb.host.accountIdOf(ADMIN));
  expect(d.by.displayName).toBeTruthy();
  // The server's clock, when it recorded it (not a time the page sent: see the forged `at` below).
  expect(new Date(d.at).toISOString()).toBe(d.at);
  expect(Date.parse(d.at)).toBeGreaterThanOrEqual(t0 - 1000);
  expect(after.decisions.revision).toBe(draft.decisions.revision + 1);

  const second = await ok<DraftView>(
    'decisions/record',
    record(
      { kind: 'delivery-strategy', strategy: 'out-of-tree', note: '  a Neutron ML2 driver kept by the members ' },
      after.decisions.revision,
    ),
    ADMIN,
  );
  const again = (await ok<DraftView>('draft/load', {}, VIEWER)).items.find((i) => i.id === draft.items[0]!.id)!;
  expect(second.decisions.revision).toBe(after.decisions.revision + 1);
  expect(again.decisions.map((x) => x.kind)).toEqual(['delivery-strategy', 'target-release']);
  expect(again.decisions[0]).toMatchObject({ strategy: 'out-of-tree', note: 'a Neutron ML2 driver kept by the members' });
  expect(again.decisions[0]!.label).toMatch(/^Delivery strategy: Out of tree/);
});

test('others are refused with a sentence saying who may; nothing is recorded', async () => {
  const now = await ok<DraftView>('draft/load', {}, ADMIN);
  for (const who of [VIEWER, FST_LEAD]) {
    const out = await ask(
      'decisions/record',
      record({ kind: 'target-release', releaseId: now.decisions.releases[0]!.id }, now.decisions.revision),
      who,
    );
    expect(out).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    if (!out.ok) expect(out.error.message).toMatch(/Only the Roadmap Committee \(members of ".+"\) records target-release/);
  }
  expect((await ok<DraftView>('draft/load', {}, ADMIN)).decisions.revision).toBe(now.decisions.revision);
});

test('bad input is refused naming the field: a released series, an unknown strategy, a long note, a page-sent who', async () => {
  const now = await ok<DraftView>('draft/load', {}, ADMIN);
  const rev = now.decisions.revision;
  const cases: [unknown, string, RegExp][] = [
    [record({ kind: 'target-release', releaseId: 'flamingo' }, rev), 'decision.releaseId', /already released/],
    [record({ kind: 'target-release', releaseId: 'nosuch' }, rev), 'decision.releaseId', /not an OpenStack release/],
    [record({ kind: 'delivery-strategy', strategy: 'somehow' }, rev), 'decision.strategy', /Choose a delivery strategy/],
    [record({ kind: 'delivery-strategy', strategy: 'new-project', note: 'x'.repeat(501) }, rev), 'decision.note', /At most 500/],
    [record({ kind: 'target-release', releaseId: 'indri' }, rev, '999999'), 'itemId', /not on the quarter's roadmap/],
  ];
  for (const [payload, field, message] of cases) {
    const out = await ask('decisions/record', payload, ADMIN);
    expect(out).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const details = (out as { error: { details?: { fieldErrors?: Record<string, string> } } }).error.details;
    expect(details?.fieldErrors?.[field]).toMatch(message);
  }
  // Who and when are never taken from the page.
  const forged = await ask(
    'decisions/record',
    record({ kind: 'target-release', releaseId: 'indri' }, rev, undefined, { by: { accountId: 'someone-else' } }),
    ADMIN,
  );
  expect(forged).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  const backdated = await ask(
    'decisions/record',
    record({ kind: 'target-release', releaseId: 'indri' }, rev, undefined, { at: '2001-01-01T00:00:00.000Z' }),
    ADMIN,
  );
  expect(backdated).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  // A stale revision is a conflict, not a silent overwrite.
  const stale = await ask('decisions/record', record({ kind: 'target-release', releaseId: 'indri' }, 0), ADMIN);
  expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  expect((await ok<DraftView>('draft/load', {}, ADMIN)).decisions.revision).toBe(rev);
});

test("a version published afterwards carries each item's latest decisions", async () => {
  const now = await ok<DraftView>('draft/load', {}, ADMIN);
  const list = await ok<VersionsView>('versions/publish', { quarter: now.quarter.id, kind: 'new', event: 'Decisions test' }, ADMIN);
  const version = await ok<VersionView>('versions/get', { id: list.published! }, VIEWER);
  const item = version.items.find((i) => i.id === draft.items[0]!.id)!;
  expect(item.decisions).toEqual({
    targetRelease: now.decisions.releases[0]!.label,
    deliveryStrategy: 'Out of tree (plugin or tool kept by the members) (a Neutron ML2 driver kept by the members)',
  });
  expect(version.items.filter((i) => i.id !== draft.items[0]!.id).every((i) => i.decisions === undefined)).toBe(true);

  // The exports carry them too: a Markdown section and two CSV columns.
  const md = await ok<ExportFile>('versions/export', { id: list.published!, format: 'markdown' }, VIEWER);
  expect(md.content).toContain(
    `- **${item.key}** ${item.summary}: target release ${item.decisions!.targetRelease!}; delivery strategy: ${item.decisions!.deliveryStrategy!}`,
  );
  const csv = await ok<ExportFile>('versions/export', { id: list.published!, format: 'csv' }, VIEWER);
  const rows = csv.content.trimEnd().split('\r\n');
  expect(rows[0]!.endsWith(',Decided target release,Decided delivery strategy')).toBe(true);
  const row = rows.find((r) => r.split(',')[1] === item.key)!;
  expect(row.endsWith(`,${csvField(item.decisions!.targetRelease)},${csvField(item.decisions!.deliveryStrategy)}`)).toBe(true);
});
