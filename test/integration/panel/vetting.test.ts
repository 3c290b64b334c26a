// The issue panel's vetting checklist through the sandbox with the real Forge packages:
// load, save, reload; Jira's own permissions on writes; revisions against lost updates.
import type { PanelData } from '../../../src/contract/panel';
import { ADMIN, FST_LEAD, LRC_MEMBER, VIEWER, completeVetting, startLcooSite, type LcooSite } from '../../support/lcoo-site';

// Each file boots its own sandbox (bundling the app, SQLite, the web server): more than jest's 5 s default.
jest.setTimeout(60_000);

let p: LcooSite;
let item: string;

beforeAll(async () => {
  p = await startLcooSite();
  item = await p.createIssue('Roadmap Item', 'Live migration of instances with SR-IOV ports');
});
afterAll(() => p?.stop());

describe('panel/load on a new Roadmap Item', () => {
  let data: PanelData;
  beforeAll(async () => {
    data = await p.ok('panel/load', {}, FST_LEAD, item);
  });

  test('knows the issue, its lifecycle and stage', () => {
    expect(data.issue).toMatchObject({
      key: item,
      issueType: 'Roadmap Item',
      lifecycle: 'portfolio',
      stage: 'vetting-backlog',
      statusName: 'Vetting Backlog',
    });
    expect(data.permissions).toEqual({ canEdit: true });
  });

  test('has no record yet: revision null, nothing complete, readiness for the next stage from the gate engine', () => {
    expect(data.vetting).toEqual({ revision: null, integrity: 'missing' });
    expect(data.checklist?.completed).toBe(0);
    expect(data.checklistComplete).toBe(false);
    expect(data.readiness).toHaveLength(1);
    expect(data.readiness[0]).toMatchObject({ target: 'being-vetted', targetName: 'Being Vetted / Groomed', pass: false });
    expect(data.readiness[0]?.missing.map((m) => m.requirement)).toEqual(
      expect.arrayContaining(['integrity', 'checklist:type', 'checklist:components', 'checklist:communityAlignment']),
    );
  });

  test('offers the configured FSTs and companies, only releases not shipped yet, real OpenStack projects', () => {
    expect(data.options.fsts.map((f) => f.name)).toContain('Networking');
    expect(data.options.companies.map((c) => c.name)).toEqual(
      expect.arrayContaining(['AT&T', 'Comcast', 'NTT', 'Orange', 'Reliance Jio', 'Intel']),
    );
    const today = new Date().toISOString().slice(0, 10);
    expect(data.options.releasesOpen.length).toBeGreaterThan(0);
    expect(data.options.releasesOpen.every((r) => r.firstReleaseDate > today)).toBe(true);
    expect(data.options.releasesOpen.map((r) => r.id)).not.toContain('ocata');
    expect(data.options.projects).toEqual(expect.arrayContaining(['Nova', 'Neutron', 'Cinder', 'Horizon']));
    expect(data.options.vocabulary.checklistItems).toHaveLength(12);
  });
});

describe('saving and reloading', () => {
  test('a save is signed, indexed with the stage, and a reload finds every value', async () => {
    const saved = await p.ok('vetting/save', { revision: null, vetting: completeVetting() }, FST_LEAD, item);
    expect(saved.vetting).toMatchObject({ revision: 1, integrity: 'valid', updatedByName: 'Farah Stein (Networking FST lead)' });
    expect(saved.checklist?.completed).toBe(12);
    expect(saved.checklistComplete).toBe(true);

    const reloaded = await p.ok('panel/load', {}, FST_LEAD, item);
    // Every value as sent; the company's entry also says who recorded it and when (the app's stamp).
    const { collaborators, ...rest } = completeVetting() as { collaborators: { companies: object[] } };
    expect(reloaded.vetting?.data).toMatchObject(rest);
    expect(reloaded.vetting?.data?.collaborators?.companies).toEqual([
      {
        ...collaborators.companies[0],
        recordedBy: p.sb.host.accountIdOf(FST_LEAD),
        recordedByName: 'Farah Stein (Networking FST lead)',
        recordedAt: reloaded.vetting?.updatedAt,
      },
    ]);
    expect(reloaded.vetting?.revision).toBe(1);
    expect(reloaded.readiness[0]).toMatchObject({ target: 'being-vetted', pass: true, missing: [] });

    const prop = await p.rest('GET', `/rest/api/3/issue/${item}/properties/lcoo-vetting`, ADMIN);
    expect(prop.status).toBe(200);
    expect((prop.body as { value: { index: Record<string, unknown> } }).value.index).toMatchObject({
      // Each value as the app shows it and by its id (src/domain/search-aliases.ts).
      stage: ['Vetting Backlog', 'vetting-backlog'],
      fst: ['Networking', 'networking'],
      type: ['New', 'new'],
      size: ['L'],
      targetRelease: ['Indri', '2027.1', 'indri'],
      completeness: 100,
      companies: ['AT&T', 'att'],
      committedCompanies: ['AT&T', 'att'],
      integrity: 'valid',
    });
  });

  test('JQL finds the item by its indexed values', async () => {
    const r = await p.rest('POST', '/rest/api/3/search/jql', ADMIN, {
      jql: 'lcooFst = "networking" AND lcooCompleteness = 100',
      fields: ['summary'],
    });
    expect(r.status).toBe(200);
    expect((r.body as { issues: { key: string }[] }).issues.map((i) => i.key)).toContain(item);
  });

  test('a second save needs the revision it read; a stale one is a CONFLICT naming who saved', async () => {
    const v2 = await p.ok('vetting/save', { revision: 1, vetting: { ...completeVetting(), size: 'XL' } }, FST_LEAD, item);
    expect(v2.vetting?.revision).toBe(2);
    const stale = await p.call('vetting/save', { revision: 1, vetting: { ...completeVetting(), size: 'S' } }, ADMIN, item);
    expect(stale.ok).toBe(false);
    if (stale.ok) return;
    expect(stale.error.code).toBe('CONFLICT');
    expect(stale.error.message).toMatch(/Someone else saved this vetting checklist while you were editing \(Farah Stein/);
    expect(stale.error.details).toMatchObject({ currentRevision: 2 });
    const none = await p.call('vetting/save', { revision: null, vetting: completeVetting() }, ADMIN, item);
    expect(!none.ok && none.error.code).toBe('CONFLICT');
    expect((await p.ok('panel/load', {}, ADMIN, item)).vetting?.data?.size).toBe('XL');
  });

  test('two saves of the same revision at the same moment: exactly one wins, the other is a CONFLICT', async () => {
    const fresh = await p.createIssue('Roadmap Item', 'Two coordinators typing at once');
    const [a, b] = await Promise.all([
      p.call('vetting/save', { revision: null, vetting: { ...completeVetting(), size: 'S' } }, FST_LEAD, fresh),
      p.call('vetting/save', { revision: null, vetting: { ...completeVetting(), size: 'XL' } }, LRC_MEMBER, fresh),
    ]);
    const outcomes = [a, b].map((r) => (r.ok ? 'saved' : r.error.code)).sort();
    expect(outcomes).toEqual(['CONFLICT', 'saved']);
    const winner = a.ok ? 'S' : 'XL';
    const reloaded = await p.ok('panel/load', {}, ADMIN, fresh);
    expect(reloaded.vetting).toMatchObject({ revision: 1, integrity: 'valid' });
    expect(reloaded.vetting?.data?.size).toBe(winner);
  });

  test('bad input is refused with the field named; approvals are never accepted in a save', async () => {
    const bad = await p.call(
      'vetting/save',
      { revision: 2, vetting: { ...completeVetting(), components: ['Nova', 'NotAProject'] } },
      FST_LEAD,
      item,
    );
    expect(!bad.ok && bad.error.code).toBe('BAD_REQUEST');
    expect(!bad.ok && bad.error.message).toMatch(/components\.1: Pick impacted components from the list of OpenStack projects/);
    const sneaky = await p.call(
      'vetting/save',
      {
        revision: 2,
        vetting: {
          ...completeVetting(),
          approvals: [{ role: 'lrc-prioritization', accountId: 'x', displayName: 'X', at: new Date().toISOString() }],
        },
      },
      FST_LEAD,
      item,
    );
    expect(!sneaky.ok && sneaky.error.message).toMatch(/Approvals can't be saved with the vetting checklist/);
    const unknownFst = await p.call('vetting/save', { revision: 2, vetting: { ...completeVetting(), fst: 'Marketing' } }, FST_LEAD, item);
    expect(!unknownFst.ok && unknownFst.error.message).toMatch(/"Marketing" is not one of the configured Functional Specialty Teams/);
  });
});

describe('a person who can only browse', () => {
  test('loads read-only, with the reason', async () => {
    const data = await p.ok('panel/load', {}, VIEWER, item);
    expect(data.permissions.canEdit).toBe(false);
    expect(data.permissions.readOnlyReason).toMatch(/can view this issue but not edit it/);
    expect(data.vetting?.data?.fst).toBe('networking');
    expect(data.approvals.offered.every((o) => !o.canGive)).toBe(true);
  });

  test('a save is refused by Jira itself and comes back as FORBIDDEN; nothing changes', async () => {
    const before = await p.rest('GET', `/rest/api/3/issue/${item}/properties/lcoo-vetting`, ADMIN);
    const r = await p.call('vetting/save', { revision: 2, vetting: { ...completeVetting(), size: 'S' } }, VIEWER, item);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('FORBIDDEN');
    expect(r.error.message).toMatch(/^Could not save the vetting checklist: .+ You do not have permission for this in Jira/);
    const after = await p.rest('GET', `/rest/api/3/issue/${item}/properties/lcoo-vetting`, ADMIN);
    expect(after.body).toEqual(before.body);
  });
});

describe('other issue types', () => {
  test('a Task gets no record and no readiness, and a vetting save on it is refused', async () => {
    const task = await p.createIssue('Task', 'Book the PTG room');
    const data = await p.ok('panel/load', {}, FST_LEAD, task);
    expect(data.issue.lifecycle).toBeUndefined();
    expect(data.vetting).toBeUndefined();
    expect(data.readiness).toEqual([]);
    const r = await p.call('vetting/save', { revision: null, vetting: completeVetting() }, FST_LEAD, task);
    expect(!r.ok && r.error).toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/the vetting checklist belongs on Roadmap Items/),
    });
  });
});
