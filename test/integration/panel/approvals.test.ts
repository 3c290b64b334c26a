// approvals/record: role-gated by the person's groups as the APP reads them, edit permission,
// the record's revision; appended to the signed record and kept by later saves. And the
// delivery evidence of an Upstream Deliverable, stamped with who recorded it.
import {
  ADMIN,
  CONTAINERS_LEAD,
  CORE,
  COORDINATOR,
  FST_LEAD,
  LRC_MEMBER,
  VIEWER,
  completeVetting,
  startLcooSite,
  type LcooSite,
} from '../../support/lcoo-site';

// Each file boots its own sandbox (bundling the app, SQLite, the web server): more than jest's 5 s default.
jest.setTimeout(60_000);

let p: LcooSite;
beforeAll(async () => {
  p = await startLcooSite();
});
afterAll(() => p?.stop());

describe('vetting approvals', () => {
  let key: string;
  beforeAll(async () => {
    key = await p.createIssue('Roadmap Item', 'Approvals item');
  });

  test('no approval on an issue without a saved record', async () => {
    const r = await p.call('approvals/record', { record: 'vetting', role: 'fst-prioritization', revision: null }, FST_LEAD, key);
    expect(!r.ok && r.error.code).toBe('INTEGRITY');
    expect(!r.ok && r.error.message).toMatch(/Save it from this panel first/);
  });

  test('the offers say who may give what', async () => {
    await p.ok('vetting/save', { revision: null, vetting: completeVetting() }, FST_LEAD, key);
    const asLead = await p.ok('panel/load', {}, FST_LEAD, key);
    expect(asLead.approvals.offered.map((o) => [o.role, o.canGive])).toEqual([
      ['fst-prioritization', true],
      ['lrc-prioritization', false],
    ]);
    // Another FST's lead may not prioritize a Networking item.
    const asContainersLead = await p.ok('panel/load', {}, CONTAINERS_LEAD, key);
    expect(asContainersLead.approvals.offered[0]).toMatchObject({
      role: 'fst-prioritization',
      canGive: false,
      reason: 'Only the Networking FST\'s elected leads, members of "lcoo-fst-networking", can prioritize it for the FST.',
    });
    const asViewer = await p.ok('panel/load', {}, VIEWER, key);
    expect(asViewer.approvals.offered.every((o) => !o.canGive)).toBe(true);
  });

  test('someone outside the role groups is refused, with the groups named', async () => {
    const r = await p.call('approvals/record', { record: 'vetting', role: 'fst-prioritization', revision: 1 }, COORDINATOR, key);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('FORBIDDEN');
    expect(r.error.message).toBe(
      'You can\'t record "Prioritized by the Functional Specialty Team". Only the Networking FST\'s elected leads, members of "lcoo-fst-networking", can prioritize it for the FST.',
    );
    expect(r.error.details).toEqual({ allowedGroups: ['lcoo-fst-networking'] });
  });

  test("the Containers FST's lead can't prioritize a Networking item, though in lcoo-fst-leads", async () => {
    const r = await p.call('approvals/record', { record: 'vetting', role: 'fst-prioritization', revision: 1 }, CONTAINERS_LEAD, key);
    expect(!r.ok && r.error).toMatchObject({ code: 'FORBIDDEN', details: { allowedGroups: ['lcoo-fst-networking'] } });
  });

  test('a viewer is refused even before groups matter', async () => {
    const r = await p.call('approvals/record', { record: 'vetting', role: 'fst-prioritization', revision: 1 }, VIEWER, key);
    expect(!r.ok && r.error.code).toBe('FORBIDDEN');
    expect(!r.ok && r.error.message).toMatch(/can't edit .* in Jira/);
  });

  test("the Roadmap Committee can't prioritize before the FST has (the domain's approvalPrerequisite)", async () => {
    const r = await p.call('approvals/record', { record: 'vetting', role: 'lrc-prioritization', revision: 1 }, LRC_MEMBER, key);
    expect(!r.ok && r.error).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/record the FST prioritization first/) });
    const still = await p.ok('panel/load', {}, LRC_MEMBER, key);
    expect(still.vetting?.revision).toBe(1);
    expect(still.approvals.given).toEqual([]);
  });

  test('an FST lead records the FST prioritization; the committee member the LRC one', async () => {
    const one = await p.ok(
      'approvals/record',
      { record: 'vetting', role: 'fst-prioritization', revision: 1, note: 'Top 3 for Networking' },
      FST_LEAD,
      key,
    );
    expect(one.vetting?.revision).toBe(2);
    expect(one.approvals.given).toEqual([
      expect.objectContaining({
        role: 'fst-prioritization',
        displayName: 'Farah Stein (Networking FST lead)',
        note: 'Top 3 for Networking',
        accountId: p.sb.host.accountIdOf(FST_LEAD),
      }),
    ]);
    const stale = await p.call('approvals/record', { record: 'vetting', role: 'lrc-prioritization', revision: 1 }, LRC_MEMBER, key);
    expect(!stale.ok && stale.error.code).toBe('CONFLICT');
    const two = await p.ok('approvals/record', { record: 'vetting', role: 'lrc-prioritization', revision: 2 }, LRC_MEMBER, key);
    expect(two.approvals.given.map((a) => a.role)).toEqual(['fst-prioritization', 'lrc-prioritization']);
  });

  test('a later save keeps the approvals, which live in the signed record', async () => {
    const saved = await p.ok('vetting/save', { revision: 3, vetting: { ...completeVetting(), size: 'M' } }, FST_LEAD, key);
    expect(saved.vetting?.data?.approvals?.map((a) => a.role)).toEqual(['fst-prioritization', 'lrc-prioritization']);
    expect(saved.approvals.given).toHaveLength(2);
  });

  test('the approval must belong to the record the issue has', async () => {
    const r = await p.call('approvals/record', { record: 'vetting', role: 'core-approval', revision: 4 }, CORE, key);
    expect(!r.ok && r.error).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/recorded on the delivery record/) });
  });
});

describe('an Upstream Deliverable', () => {
  let key: string;
  const change = { number: 912345, url: 'https://review.opendev.org/c/openstack/nova/+/912345', status: 'open', ci: 'pass' };

  beforeAll(async () => {
    key = await p.createIssue('Upstream Deliverable', 'Nova: SR-IOV live migration');
  });

  test('loads with the delivery record and readiness for Blueprint In Progress', async () => {
    const data = await p.ok('panel/load', {}, FST_LEAD, key);
    expect(data.issue).toMatchObject({ lifecycle: 'delivery', stage: 'backlog' });
    expect(data.delivery).toEqual({ revision: null, integrity: 'missing' });
    expect(data.checklist).toBeUndefined();
    expect(data.readiness[0]).toMatchObject({ target: 'blueprint-in-progress', pass: false });
    expect(data.approvals.offered.map((o) => o.role)).toEqual([
      'stakeholder-acceptance',
      'core-approval',
      'pod-acceptance',
      'lrc-tracking',
    ]);
  });

  test('evidence is saved and stamped with who recorded it; readiness follows', async () => {
    const saved = await p.ok(
      'delivery/save',
      {
        revision: null,
        delivery: {
          project: 'Nova',
          blueprint: { url: 'https://blueprints.launchpad.net/nova/+spec/sriov-live-migration', title: 'SR-IOV live migration' },
          alignment: [{ notes: 'Nova PTL agreed at the PTG.', date: '2026-10-21' }],
          changes: [change],
        },
      },
      FST_LEAD,
      key,
    );
    expect(saved.delivery?.integrity).toBe('valid');
    expect(saved.delivery?.data?.blueprint?.recordedBy).toBe(p.sb.host.accountIdOf(FST_LEAD));
    expect(saved.delivery?.data?.changes?.[0]).toMatchObject({ ...change, recordedBy: p.sb.host.accountIdOf(FST_LEAD) });
    expect(saved.readiness[0]).toMatchObject({ target: 'blueprint-in-progress', pass: true });
    const offer = saved.approvals.offered.find((o) => o.role === 'core-approval');
    expect(offer?.refs).toEqual(['912345']);
  });

  test("a core approval names a recorded change; the core reviewer gives it, a coordinator can't", async () => {
    const wrong = await p.call('approvals/record', { record: 'delivery', role: 'core-approval', revision: 1, ref: '999' }, CORE, key);
    expect(!wrong.ok && wrong.error).toMatchObject({
      code: 'BAD_REQUEST',
      message: 'Gerrit change 999 is not listed on this deliverable; add it before approving it.',
    });
    const coordinator = await p.call(
      'approvals/record',
      { record: 'delivery', role: 'core-approval', revision: 1, ref: '912345' },
      COORDINATOR,
      key,
    );
    expect(!coordinator.ok && coordinator.error.message).toMatch(/Only members of "lcoo-cores"/);
    const ok = await p.ok('approvals/record', { record: 'delivery', role: 'core-approval', revision: 1, ref: '912345' }, CORE, key);
    expect(ok.approvals.given).toEqual([
      expect.objectContaining({ role: 'core-approval', ref: '912345', displayName: 'Sun-hee Kim (AT&T)' }),
    ]);
  });

  test('saving the evidence again keeps the stamps of unchanged entries and the approvals', async () => {
    const before = await p.ok('panel/load', {}, ADMIN, key);
    const data = before.delivery?.data;
    const saved = await p.ok(
      'delivery/save',
      {
        revision: 2,
        delivery: {
          project: 'Nova',
          blueprint: { url: data?.blueprint?.url, title: data?.blueprint?.title },
          alignment: [{ notes: 'Nova PTL agreed at the PTG.', date: '2026-10-21' }],
          changes: [{ ...change, status: 'merged' }],
        },
      },
      ADMIN,
      key,
    );
    expect(saved.delivery?.data?.blueprint?.recordedBy).toBe(p.sb.host.accountIdOf(FST_LEAD));
    expect(saved.delivery?.data?.changes?.[0]?.recordedBy).toBe(p.sb.host.accountIdOf(ADMIN));
    expect(saved.approvals.given.map((a) => a.role)).toEqual(['core-approval']);
  });
});

describe('a stored configuration that no longer parses', () => {
  test('lets no one record approvals (the default groups are not the ones the admin chose) and says why', async () => {
    const key = await p.createIssue('Roadmap Item', 'Approvals under a broken configuration');
    await p.ok('vetting/save', { revision: null, vetting: completeVetting() }, FST_LEAD, key);
    const kvs = p.sb.host.raw.kvs;
    const stored = kvs.handle('/api/v1/get', { key: 'lcoo:config' }).body as { value?: unknown } | undefined;
    kvs.handle('/api/v1/set', { key: 'lcoo:config', value: { version: 1, fsts: 'not a list' } });
    try {
      const data = await p.ok('panel/load', {}, FST_LEAD, key);
      expect(data.configProblem).toMatch(/not valid/);
      expect(data.approvals.offered.find((o) => o.role === 'fst-prioritization')).toMatchObject({
        canGive: false,
        reason: expect.stringMatching(/No Jira group is set for the leads of the Networking FST yet/),
      });
      const r = await p.call('approvals/record', { record: 'vetting', role: 'fst-prioritization', revision: 1 }, FST_LEAD, key);
      expect(!r.ok && r.error.code).toBe('FORBIDDEN');
    } finally {
      if (stored?.value !== undefined) kvs.handle('/api/v1/set', { key: 'lcoo:config', value: stored.value });
      else kvs.handle('/api/v1/delete', { key: 'lcoo:config' });
    }
  });
});
