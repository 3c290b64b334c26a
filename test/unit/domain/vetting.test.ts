import {
  BUILTIN_CALENDAR,
  CHECKLIST_ITEMS,
  CHECKLIST_ITEM_IDS,
  OPENSTACK_PROJECTS,
  VETTING_MAX_BYTES,
  VettingInputSchema,
  VettingSchema,
  canonicalProjectName,
  checklistStatus,
  emptyVetting,
  jsonBytes,
  type Vetting,
} from '../../../src/domain';
import { FIXED_NOW, makeCompleteVetting, makeVetting } from '../../fixtures/builders';

const AT = { nowMs: FIXED_NOW.getTime(), calendar: BUILTIN_CALENDAR };
/** What a parsed record (as the app reads one) misses for an item. */
const missingOf = (v: Vetting, id: string) => checklistStatus(VettingSchema.parse(v), AT).items.find((i) => i.id === id)?.missing;

describe('vetting checklist data', () => {
  it('has the 12 points of the source slide in order', () => {
    expect(CHECKLIST_ITEMS.map((i) => i.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(CHECKLIST_ITEMS.map((i) => i.id)).toEqual([...CHECKLIST_ITEM_IDS]);
    expect(CHECKLIST_ITEMS.map((i) => i.label)).toContain('Size of effort');
  });

  it('lists real OpenStack project names', () => {
    expect(OPENSTACK_PROJECTS.length).toBeGreaterThanOrEqual(40);
    for (const p of [
      'Nova',
      'Neutron',
      'Cinder',
      'Horizon',
      'Keystone',
      'Glance',
      'Swift',
      'Heat',
      'Ironic',
      'Octavia',
      'Magnum',
      'Kolla',
    ]) {
      expect(OPENSTACK_PROJECTS).toContain(p);
    }
    expect(canonicalProjectName(' nova ')).toBe('Nova');
    expect(canonicalProjectName('Nova Compute')).toBeUndefined();
  });
});

describe('VettingSchema', () => {
  it('accepts an empty draft and a complete record', () => {
    expect(VettingSchema.safeParse(emptyVetting()).success).toBe(true);
    expect(VettingSchema.safeParse(makeVetting()).success).toBe(true);
    expect(VettingSchema.parse(makeCompleteVetting())).toEqual(makeCompleteVetting());
  });

  it('refuses links that are not http(s), with a message a person can act on', () => {
    for (const url of ['javascript:alert(1)', 'ftp://example.org/x', 'data:text/html,hi', 'example.org', '']) {
      const r = VettingSchema.safeParse(makeVetting({ artifacts: [{ kind: 'code', url, title: 'x' }] }));
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.message).toBe('Enter a web address starting with http:// or https://.');
    }
  });

  it('refuses unknown components, sizes, releases and types', () => {
    expect(VettingSchema.safeParse(makeVetting({ components: ['Nova', 'Kubernetes'] })).error?.issues[0]?.message).toMatch(
      /OpenStack projects/,
    );
    expect(VettingSchema.safeParse({ ...makeVetting(), size: 'l' }).error?.issues[0]?.message).toBe(
      'Size of effort must be S, M, L or XL.',
    );
    expect(VettingSchema.safeParse({ ...makeVetting(), targetRelease: 'R' }).error?.issues[0]?.message).toMatch(
      /list of OpenStack releases/,
    );
    expect(VettingSchema.safeParse({ ...makeVetting(), type: 'feature' }).success).toBe(false);
    expect(VettingSchema.safeParse({ ...makeVetting(), schemaVersion: 1 }).success).toBe(false);
  });

  it('bounds text lengths and keeps the whole record under the property limit', () => {
    const long = 'x'.repeat(2001);
    expect(VettingSchema.safeParse(makeVetting({ valueToMembers: long })).error?.issues[0]?.message).toMatch(/too long/);
    const big = makeVetting({ requirements: Array.from({ length: 20 }, () => 'y'.repeat(1990)) });
    const r = VettingSchema.safeParse(big);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/too large to store in Jira/);
    // The largest record the schema accepts still leaves room inside Jira's 32 KB.
    expect(VETTING_MAX_BYTES).toBeLessThan(32 * 1024 - 4 * 1024);
    expect(jsonBytes(makeCompleteVetting())).toBeLessThan(VETTING_MAX_BYTES);
  });

  it('lets clients save without approvals (only the app records those)', () => {
    const { approvals: _a, ...input } = makeCompleteVetting();
    expect(VettingInputSchema.parse(input)).toEqual(input);
    // A save carrying approvals is refused with the reason, not silently stripped.
    expect(VettingInputSchema.safeParse(makeCompleteVetting()).error?.issues[0]?.message).toMatch(/Approvals can't be saved/);
    expect(VettingInputSchema.parse({ fst: 'Security' })).toEqual({ schemaVersion: 2, fst: 'Security' });
  });
});

describe('checklistStatus', () => {
  it('says a complete checklist is complete', () => {
    const s = checklistStatus(makeCompleteVetting(), AT);
    expect(s).toMatchObject({ completed: 12, total: 12, percent: 100 });
    expect(s.items.every((i) => i.complete && i.missing === undefined)).toBe(true);
  });

  it('names what is missing in committee words', () => {
    const s = checklistStatus(emptyVetting(), AT);
    expect(s).toMatchObject({ completed: 0, total: 12, percent: 0 });
    expect(missingOf(emptyVetting(), 'size')).toBe('Size of effort: choose S, M, L or XL.');
    expect(missingOf(emptyVetting(), 'type')).toBe('Type: choose Debt, New, Bug, Open-sourcing or Other.');
    expect(missingOf(makeCompleteVetting({ acceptanceCriteria: [] }), 'requirements')).toBe(
      'Requirements and acceptance criteria: add at least one acceptance criterion.',
    );
    expect(missingOf(makeCompleteVetting({ requirements: [] }), 'requirements')).toBe(
      'Requirements and acceptance criteria: add at least one requirement.',
    );
    // A blank requirement is not a requirement: the schema refuses it before any gate reads it.
    expect(VettingSchema.safeParse(makeCompleteVetting({ requirements: [' '] })).success).toBe(false);
  });

  it('accepts "no artifacts" when the note says why', () => {
    expect(missingOf(makeCompleteVetting({ artifacts: [] }), 'artifacts')).toMatch(/Related artifacts/);
    expect(
      missingOf(makeCompleteVetting({ artifacts: [], notes: { artifacts: 'New idea, nothing written yet.' } }), 'artifacts'),
    ).toBeUndefined();
  });

  it('needs the blueprint search done and concluded', () => {
    expect(missingOf(makeCompleteVetting({ blueprints: { searched: false, findings: [], conclusion: 'x' } }), 'blueprints')).toMatch(
      /mark the search as done/,
    );
    expect(missingOf(makeCompleteVetting({ blueprints: { searched: true, findings: [] } }), 'blueprints')).toMatch(
      /record what the search concluded/,
    );
    expect(
      missingOf(makeCompleteVetting({ blueprints: { searched: true, findings: [], conclusion: 'Nothing exists.' } }), 'blueprints'),
    ).toBeUndefined();
  });

  it('needs a conversation with notes for community alignment', () => {
    expect(missingOf(makeCompleteVetting({ communityAlignment: [{ channel: 'ptg', notes: '' }] }), 'communityAlignment')).toMatch(
      /PTL\/cores/,
    );
  });

  it('needs a company saying yes, or another working group, as collaborators', () => {
    const undecided = makeCompleteVetting({
      collaborators: { companies: [{ company: 'NTT', interest: 'undecided', people: [] }], workingGroups: [] },
    });
    expect(missingOf(undecided, 'collaborators')).toMatch(/at least one member company/);
    const wg = makeCompleteVetting({ collaborators: { companies: [], workingGroups: ['Large Deployment Team'] } });
    expect(missingOf(wg, 'collaborators')).toBeUndefined();
  });

  it('refuses a target release that already shipped', () => {
    expect(missingOf(makeCompleteVetting({ targetRelease: 'gazpacho' }), 'targetRelease')).toBe(
      'Targeted OpenStack release: 2026.1 Gazpacho was released on 2026-04-01; choose a release that has not shipped yet.',
    );
    // The same target was fine before it shipped.
    const before = checklistStatus(makeCompleteVetting({ targetRelease: 'gazpacho' }), {
      nowMs: Date.parse('2026-03-01'),
      calendar: BUILTIN_CALENDAR,
    });
    expect(before.completed).toBe(12);
    // An unknown release never gets this far: the schema refuses it on save and on read.
    expect(VettingSchema.safeParse({ ...makeCompleteVetting(), targetRelease: 'R' }).success).toBe(false);
  });

  it('reads no record as an empty checklist', () => {
    expect(checklistStatus(undefined, AT).completed).toBe(0);
    expect(missingOf(makeCompleteVetting(), 'targetRelease')).toBeUndefined();
  });
});
