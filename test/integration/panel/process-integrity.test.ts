// Issue 11 through the panel resolver, against the sandbox's Jira and KVS: approvals bound to
// what they approved, the Roadmap Committee's tracking only by its members, each company's entry
// only by its own people, withdrawal with a reason, a signed search index, saves after a raw
// edit, the restore of the last version saved in the app, and the history of every write.
import type { HistoryPage } from '../../../src/contract/panel';
import { COORDINATOR, CORE, FST_LEAD, LRC_MEMBER, completeVetting, startLcooSite, type LcooSite } from '../../support/lcoo-site';

jest.setTimeout(60_000);

let p: LcooSite;
beforeAll(async () => {
  p = await startLcooSite();
});
afterAll(() => p?.stop());

const property = (key: string) => `/rest/api/3/issue/${key}/properties/lcoo-vetting`;

async function rawValue(key: string): Promise<Record<string, unknown>> {
  const r = await p.rest('GET', property(key), FST_LEAD);
  return (r.body as { value: Record<string, unknown> }).value;
}

/** A Roadmap Item saved complete by FST_LEAD and prioritized by its FST (revision 2). */
async function prioritizedItem(summary: string): Promise<string> {
  const key = await p.createIssue('Roadmap Item', summary);
  await p.ok('vetting/save', { revision: null, vetting: completeVetting() }, FST_LEAD, key);
  await p.ok('approvals/record', { record: 'vetting', role: 'fst-prioritization', revision: 1 }, FST_LEAD, key);
  return key;
}

describe('approvals bound to what they approved', () => {
  test('a changed checklist shows the approval as given for an earlier version, and it stops counting; undoing the change makes it current', async () => {
    const key = await prioritizedItem('Stale approval');
    const changed = await p.ok('vetting/save', { revision: 2, vetting: { ...completeVetting(), size: 'XL' } }, FST_LEAD, key);
    expect(changed.approvals.given).toEqual([
      expect.objectContaining({ role: 'fst-prioritization', state: 'stale', counts: false, changed: [expect.stringMatching(/size/i)] }),
    ]);
    const back = await p.ok('vetting/save', { revision: 3, vetting: completeVetting() }, FST_LEAD, key);
    expect(back.approvals.given).toEqual([expect.objectContaining({ role: 'fst-prioritization', state: 'current', counts: true })]);
  });
});

describe('withdrawal', () => {
  test('whoever may give the approval withdraws it with a reason; others and reasonless withdrawals are refused', async () => {
    const key = await prioritizedItem('Withdrawn approval');
    const accountId = p.sb.host.accountIdOf(FST_LEAD);
    const noReason = await p.call(
      'approvals/withdraw',
      { record: 'vetting', role: 'fst-prioritization', revision: 2, accountId, reason: ' ' },
      FST_LEAD,
      key,
    );
    expect(!noReason.ok && noReason.error.code).toBe('BAD_REQUEST');
    const other = await p.call(
      'approvals/withdraw',
      { record: 'vetting', role: 'fst-prioritization', revision: 2, accountId, reason: 'Not mine to take back' },
      COORDINATOR,
      key,
    );
    expect(!other.ok && other.error.code).toBe('FORBIDDEN');
    const done = await p.ok(
      'approvals/withdraw',
      { record: 'vetting', role: 'fst-prioritization', revision: 2, accountId, reason: 'Priorities changed at the FST meeting' },
      FST_LEAD,
      key,
    );
    expect(done.approvals.given).toEqual([]);
    expect(done.vetting?.revision).toBe(3);
  });
});

describe("the Roadmap Committee's tracking of a delivery", () => {
  test('is an approval only committee members record; the save payload cannot carry it', async () => {
    const key = await p.createIssue('Upstream Deliverable', 'Tracked deliverable');
    const delivery = { project: 'Nova', blueprint: { url: 'https://blueprints.launchpad.net/nova/+spec/x', title: 'X' } };
    await p.ok('delivery/save', { revision: null, delivery }, FST_LEAD, key);
    const smuggled = await p.call(
      'delivery/save',
      { revision: 1, delivery: { ...delivery, lrcTracking: { tracked: true } } },
      FST_LEAD,
      key,
    );
    expect(!smuggled.ok && smuggled.error.code).toBe('BAD_REQUEST');
    const core = await p.call('approvals/record', { record: 'delivery', role: 'lrc-tracking', revision: 1 }, CORE, key);
    expect(!core.ok && core.error).toMatchObject({ code: 'FORBIDDEN', details: { allowedGroups: ['lcoo-roadmap-committee'] } });
    const member = await p.ok('approvals/record', { record: 'delivery', role: 'lrc-tracking', revision: 1 }, LRC_MEMBER, key);
    expect(member.approvals.given).toEqual([
      expect.objectContaining({ role: 'lrc-tracking', accountId: p.sb.host.accountIdOf(LRC_MEMBER) }),
    ]);
  });
});

describe("a member company's entry", () => {
  test("only that company's coordinator or reps change it, and the app stamps who did", async () => {
    const key = await p.createIssue('Roadmap Item', 'Company entries');
    const mine = await p.ok('vetting/save', { revision: null, vetting: completeVetting() }, FST_LEAD, key);
    expect(mine.vetting?.data?.collaborators?.companies[0]).toMatchObject({ company: 'att', recordedBy: p.sb.host.accountIdOf(FST_LEAD) });
    // FST_LEAD is an AT&T rep: committing Comcast's people is Comcast's decision.
    const comcast = { company: 'comcast', interest: 'yes', people: [{ name: 'Bo Chen', personWeeks: 4 }] };
    const base = completeVetting() as { collaborators: { companies: unknown[]; workingGroups: string[] } };
    const withComcast = { ...base, collaborators: { ...base.collaborators, companies: [...base.collaborators.companies, comcast] } };
    const refused = await p.call('vetting/save', { revision: 1, vetting: withComcast }, FST_LEAD, key);
    expect(!refused.ok && refused.error).toMatchObject({ code: 'FORBIDDEN', details: { companies: ['comcast'] } });
    const byComcast = await p.ok('vetting/save', { revision: 1, vetting: withComcast }, COORDINATOR, key);
    const entries = byComcast.vetting?.data?.collaborators?.companies ?? [];
    expect(entries.find((c) => c.company === 'comcast')).toMatchObject({
      recordedBy: p.sb.host.accountIdOf(COORDINATOR),
      recordedAt: expect.any(String),
    });
    // AT&T's unchanged entry keeps AT&T's stamp.
    expect(entries.find((c) => c.company === 'att')?.recordedBy).toBe(p.sb.host.accountIdOf(FST_LEAD));
  });
});

describe('the search index', () => {
  test('an index edited through raw REST reads as modified outside the app; a save rewrites it and keeps the approvals', async () => {
    const key = await prioritizedItem('Forged index');
    const value = await rawValue(key);
    const forged = { ...value, index: { ...(value.index as object), completeness: 100, integrity: 'valid', fst: 'containers' } };
    expect((await p.rest('PUT', property(key), FST_LEAD, forged)).status).toBeLessThan(300);
    const seen = await p.ok('panel/load', {}, FST_LEAD, key);
    expect(seen.vetting?.integrity).toBe('modified-outside-app');
    const saved = await p.ok('vetting/save', { revision: 2, vetting: completeVetting() }, FST_LEAD, key);
    expect(saved.vetting?.integrity).toBe('valid');
    expect(saved.approvals.given.map((a) => a.role)).toEqual(['fst-prioritization']);
    expect(((await rawValue(key)).index as { fst?: string[] }).fst).toContain('networking');
  });
});

describe('after a raw edit', () => {
  test('a replayed copy does not lock the record: a save at the revision the panel shows goes through', async () => {
    const key = await prioritizedItem('Replayed then saved');
    const old = await rawValue(key);
    await p.ok('vetting/save', { revision: 2, vetting: { ...completeVetting(), size: 'M' } }, FST_LEAD, key);
    await p.rest('PUT', property(key), FST_LEAD, old);
    const shown = await p.ok('panel/load', {}, FST_LEAD, key);
    expect(shown.vetting).toMatchObject({ integrity: 'modified-outside-app', revision: 2 });
    const saved = await p.ok('vetting/save', { revision: 2, vetting: completeVetting() }, FST_LEAD, key);
    expect(saved.vetting).toMatchObject({ integrity: 'valid', revision: 4 });
  });

  test('a deleted record: the panel offers the last version saved in the app, and restoring it brings back content and approvals', async () => {
    const key = await prioritizedItem('Deleted then restored');
    expect((await p.rest('DELETE', property(key), FST_LEAD)).status).toBe(204);
    const gone = await p.ok('panel/load', {}, COORDINATOR, key);
    expect(gone.vetting).toMatchObject({
      integrity: 'missing',
      restore: { revision: 2, updatedBy: p.sb.host.accountIdOf(FST_LEAD), updatedAt: expect.any(String) },
    });
    const restored = await p.ok('record/restore', { record: 'vetting', revision: null }, COORDINATOR, key);
    expect(restored.vetting).toMatchObject({ integrity: 'valid', revision: 3, updatedBy: p.sb.host.accountIdOf(COORDINATOR) });
    expect(restored.vetting?.data?.size).toBe(completeVetting().size);
    expect(restored.approvals.given).toEqual([expect.objectContaining({ role: 'fst-prioritization', state: 'current' })]);
    const again = await p.call('record/restore', { record: 'vetting', revision: 3 }, COORDINATOR, key);
    expect(!again.ok && again.error.code).toBe('BAD_REQUEST');
  });
});

describe('history', () => {
  test('every save, approval, withdrawal and restore is an entry with who, when and what changed', async () => {
    const key = await prioritizedItem('History');
    await p.ok('vetting/save', { revision: 2, vetting: { ...completeVetting(), size: 'XL' } }, FST_LEAD, key);
    const accountId = p.sb.host.accountIdOf(FST_LEAD);
    await p.ok(
      'approvals/withdraw',
      { record: 'vetting', role: 'fst-prioritization', revision: 3, accountId, reason: 'Size grew' },
      FST_LEAD,
      key,
    );
    await p.rest('DELETE', property(key), FST_LEAD);
    await p.ok('record/restore', { record: 'vetting', revision: null }, COORDINATOR, key);
    const r = await p.call<HistoryPage>('history/list', { record: 'vetting' }, COORDINATOR, key);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.entries.map((e) => [e.revision, e.action, e.by])).toEqual([
      [5, 'restore', p.sb.host.accountIdOf(COORDINATOR)],
      [4, 'withdraw', accountId],
      [3, 'save', accountId],
      [2, 'approve', accountId],
      [1, 'save', accountId],
    ]);
    expect(r.data.entries[1]).toMatchObject({ role: 'fst-prioritization', reason: 'Size grew' });
    expect(r.data.entries[2]?.changes).toEqual([expect.objectContaining({ after: 'XL' })]);
    expect(r.data.entries[0]?.restored).toMatchObject({ revision: 4, replaced: 'missing' });
  });
});
