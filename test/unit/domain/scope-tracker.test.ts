import {
  BUILTIN_CALENDAR,
  NoteInputSchema,
  checkMilestone,
  deliverablesOfRelease,
  hiddenOfRelease,
  deliverablesTargeting,
  releasesTargeted,
  effectiveRows,
  newerNote,
  noteWeekProblem,
  releaseById,
  sortNotes,
  trackerReleases,
  trackerRows,
  trackerTotals,
  weekOf,
  type IndexRow,
  type SlimRow,
  type TrackerNote,
} from '../../../src/domain';

const NOW = Date.parse('2026-11-30T10:00:00Z');
const indri = releaseById(BUILTIN_CALENDAR, 'indri')!;

function slim(over: Partial<SlimRow> & Pick<SlimRow, 'id' | 'key' | 'lifecycle' | 'stage'>): SlimRow {
  return {
    projectId: '10000',
    projectKey: 'LCOO',
    companies: [],
    interested: [],
    people: [],
    integrity: 'valid',
    blockerCount: 0,
    sortSummary: '',
    updated: 0,
    ...over,
  };
}
function full(s: SlimRow, extra: Partial<IndexRow> = {}): IndexRow {
  return {
    ...s,
    summary: `Summary of ${s.key}`,
    issueType: s.lifecycle === 'portfolio' ? 'Roadmap Item' : 'Upstream Deliverable',
    blockers: [],
    ...extra,
  };
}

describe('weekly notes', () => {
  it('dates an update by the Monday of its week', () => {
    expect(weekOf('2026-11-30')).toBe('2026-11-30'); // a Monday
    expect(weekOf('2026-12-06')).toBe('2026-11-30'); // the Sunday after
    expect(weekOf('2026-11-29')).toBe('2026-11-23');
  });

  it('takes this week and the eight before it, nothing later or earlier', () => {
    expect(noteWeekProblem('2026-11-30', NOW)).toBeUndefined();
    expect(noteWeekProblem('2026-10-05', NOW)).toBeUndefined();
    expect(noteWeekProblem('2026-10-04', NOW)).toMatch(/8 weeks before it/);
    expect(noteWeekProblem('2026-12-07', NOW)).toMatch(/has not started/);
  });

  it('refuses an empty or overlong update with a sentence', () => {
    const empty = NoteInputSchema.safeParse({ issueKey: 'LCOO-1', text: '' });
    expect(empty.success).toBe(false);
    expect(empty.error?.issues[0]?.message).toMatch(/can't be empty/);
    const long = NoteInputSchema.safeParse({ issueKey: 'LCOO-1', text: 'x'.repeat(2001) });
    expect(long.success).toBe(false);
  });

  it('shows the update for the latest week first, then the latest written', () => {
    const n = (seq: number, week: string, at: string): TrackerNote => ({ seq, week, at, text: `n${seq}`, authorId: 'a1' });
    const a = n(1, '2026-11-23', '2026-11-30T09:00:00Z');
    const b = n(2, '2026-11-16', '2026-11-30T10:00:00Z'); // written later, for an earlier week
    const c = n(3, '2026-11-23', '2026-11-30T11:00:00Z');
    expect(newerNote(a, b)).toBe(a);
    expect(newerNote(a, c)).toBe(c);
    expect(sortNotes([a, b, c]).map((x) => x.seq)).toEqual([3, 1, 2]);
  });
});

describe('milestone against the release schedule', () => {
  it('is late the day after the milestone when the code has not landed', () => {
    const m = checkMilestone(indri, { label: 'Indri-1', date: '2026-11-19' }, 'coding-in-progress', NOW);
    expect(m).toMatchObject({ state: 'late', scheduled: '2026-11-19' });
    expect(
      checkMilestone(indri, { label: 'Indri-1', date: '2026-11-19' }, 'coding-in-progress', Date.parse('2026-11-19T23:00:00Z')).state,
    ).toBe('due-soon');
  });

  it('is landed once the code is committed, whatever the date', () => {
    expect(checkMilestone(indri, { label: 'Indri-1', date: '2026-11-19' }, 'code-committed', NOW).state).toBe('landed');
    expect(checkMilestone(indri, undefined, 'delivered', NOW).state).toBe('landed');
  });

  it('judges by the schedule when the schedule moved the milestone', () => {
    const m = checkMilestone(indri, { label: 'Indri-2', date: '2027-01-07' }, 'blueprint-accepted', NOW);
    expect(m).toMatchObject({ state: 'on-track', scheduled: '2027-01-14', recorded: '2027-01-07', moved: true });
    expect(m.message).toMatch(/schedule moved it/);
  });

  it('says so when the schedule has no such milestone or none is recorded', () => {
    expect(checkMilestone(indri, { label: 'Indri-9', date: '2027-01-07' }, 'backlog', NOW).state).toBe('not-in-schedule');
    expect(checkMilestone(indri, undefined, 'backlog', NOW).state).toBe('no-milestone');
  });

  it('is due soon within two weeks', () => {
    expect(checkMilestone(indri, { label: 'Indri-2', date: '2027-01-14' }, 'backlog', Date.parse('2027-01-05T00:00:00Z')).state).toBe(
      'due-soon',
    );
  });
});

describe('rows and totals', () => {
  const item = slim({ id: '1', key: 'LCOO-1', lifecycle: 'portfolio', stage: 'development-ready', fst: 'networking', releaseId: 'indri' });
  const item2 = slim({ id: '2', key: 'LCOO-2', lifecycle: 'portfolio', stage: 'prioritized', fst: 'compute', releaseId: 'indri' });
  const hiddenItem = slim({ id: '9', key: 'LCOO-9', lifecycle: 'portfolio', stage: 'prioritized', fst: 'compute', releaseId: 'indri' });
  const d1 = slim({
    id: '11',
    key: 'LCOO-11',
    lifecycle: 'delivery',
    stage: 'coding-in-progress',
    parentKey: 'LCOO-1',
    releaseId: 'indri',
  });
  const d2 = slim({ id: '12', key: 'LCOO-12', lifecycle: 'delivery', stage: 'backlog', parentKey: 'LCOO-1' }); // inherits indri
  const d3 = slim({
    id: '13',
    key: 'LCOO-13',
    lifecycle: 'delivery',
    stage: 'blueprint-accepted',
    parentKey: 'LCOO-2',
    releaseId: 'indri',
  });
  const d4 = slim({ id: '14', key: 'LCOO-14', lifecycle: 'delivery', stage: 'backlog', parentKey: 'LCOO-1', releaseId: 'hibiscus' });
  // Its Roadmap Item is not visible to the person: no release inherited, so not in the tracker.
  const d5 = slim({ id: '15', key: 'LCOO-15', lifecycle: 'delivery', stage: 'backlog', parentKey: 'LCOO-9' });
  const fullRows = new Map<string, IndexRow>([
    [
      'LCOO-1',
      full(item, {
        proposer: 'att',
        commitments: [
          { company: 'att', people: ['Jordan Miller', 'Grace Liu'], personWeeks: 12 },
          { company: 'ntt', people: ['Yuki Sato'], personWeeks: 4 },
        ],
      }),
    ],
    ['LCOO-2', full(item2, { proposer: 'ntt', commitments: [{ company: 'ntt', people: ['Yuki Sato'], personWeeks: 6.5 }] })],
    ['LCOO-9', full(hiddenItem, { commitments: [{ company: 'orange', people: ['X'], personWeeks: 20 }] })],
    ['LCOO-11', full(d1, { project: 'Nova', milestone: { label: 'Indri-1', date: '2026-11-19' } })],
    ['LCOO-12', full(d2, { project: 'Neutron' })],
    ['LCOO-13', full(d3, { project: 'Cinder', milestone: { label: 'Indri-2', date: '2027-01-14' } })],
  ]);
  const visible = [item, item2, d1, d2, d3, d4, d5];
  const eff = effectiveRows(visible, NOW);
  const rows = trackerRows(deliverablesTargeting(eff, 'indri'), fullRows, indri, NOW);

  it('picks the same deliverables as the whole portfolio filled in, and knows every release targeted', () => {
    const all = [...visible, hiddenItem, slim({ id: '16', key: 'LCOO-16', lifecycle: 'delivery', stage: 'backlog' })];
    for (const release of ['indri', 'hibiscus', 'epoxy']) {
      expect(deliverablesOfRelease(all, release, NOW)).toEqual(deliverablesTargeting(effectiveRows(all, NOW), release));
    }
    expect([...releasesTargeted(visible)].sort()).toEqual(['hibiscus', 'indri']);
  });

  it('lists every deliverable targeting the release, by milestone date, with its item and commitments', () => {
    expect(rows.map((r) => r.key)).toEqual(['LCOO-11', 'LCOO-13', 'LCOO-12']);
    expect(rows[0]).toMatchObject({
      summary: 'Summary of LCOO-11',
      project: 'Nova',
      ownerCompany: 'att',
      roadmapItem: { key: 'LCOO-1', summary: 'Summary of LCOO-1', fst: 'networking' },
      milestone: { state: 'late' },
    });
    expect(rows[0]!.commitments).toEqual([
      { company: 'att', people: ['Jordan Miller', 'Grace Liu'], personWeeks: 12 },
      { company: 'ntt', people: ['Yuki Sato'], personWeeks: 4 },
    ]);
    expect(rows[2]!.milestone.state).toBe('no-milestone');
  });

  it("shows a Roadmap Item's commitments only when the person may see the item", () => {
    const withHidden = trackerRows(deliverablesTargeting(effectiveRows([...visible, hiddenItem], NOW), 'indri'), fullRows, indri, NOW);
    expect(withHidden.find((r) => r.key === 'LCOO-15')?.commitments).toEqual([{ company: 'orange', people: ['X'], personWeeks: 20 }]);
    expect(rows.find((r) => r.key === 'LCOO-15')).toBeUndefined();
  });

  it("counts each Roadmap Item's commitments once per release, people once per company", () => {
    const t = trackerTotals(rows);
    expect(t.all).toEqual({ people: 3, personWeeks: 22.5, items: 2, deliverables: 3 });
    expect(t.byCompany).toEqual([
      { id: 'att', people: 2, personWeeks: 12, items: 1, deliverables: 2 },
      { id: 'ntt', people: 1, personWeeks: 10.5, items: 2, deliverables: 3 },
    ]);
    expect(t.byFst).toEqual([
      { id: 'compute', people: 1, personWeeks: 6.5, items: 1, deliverables: 1 },
      { id: 'networking', people: 3, personWeeks: 16, items: 1, deliverables: 2 },
    ]);
  });

  it('offers the next release first by default, the open ones, the last shipped and every targeted one', () => {
    const { releases, next } = trackerReleases(BUILTIN_CALENDAR, NOW, ['ocata', 'indri']);
    expect(next?.id).toBe('indri');
    const ids = releases.map((r) => r.id);
    expect(ids[0]).toBe('ocata');
    expect(ids).toEqual(expect.arrayContaining(['hibiscus', 'indri', '2027.2']));
  });
});

describe('deliverables of the release the person cannot see', () => {
  const NOW2 = Date.parse('2026-11-30T00:00:00Z');
  const item = slim({ id: '1', key: 'LCOO-1', lifecycle: 'portfolio', stage: 'development-ready', releaseId: 'indri' });
  const hiddenItem = slim({ id: '9', key: 'LCOO-9', lifecycle: 'portfolio', stage: 'prioritized', releaseId: 'indri', securityLevel: 'x' });
  const own = slim({ id: '21', key: 'LCOO-21', lifecycle: 'delivery', stage: 'backlog', releaseId: 'indri', securityLevel: 'x' });
  // No release of its own: it takes its (visible) item's.
  const inheritsVisible = slim({
    id: '22',
    key: 'LCOO-22',
    lifecycle: 'delivery',
    stage: 'backlog',
    parentKey: 'LCOO-1',
    securityLevel: 'x',
  });
  // No release of its own, under a hidden item.
  const inheritsHidden = slim({
    id: '23',
    key: 'LCOO-23',
    lifecycle: 'delivery',
    stage: 'backlog',
    parentKey: 'LCOO-9',
    securityLevel: 'x',
  });
  const otherRelease = slim({
    id: '24',
    key: 'LCOO-24',
    lifecycle: 'delivery',
    stage: 'backlog',
    releaseId: 'hibiscus',
    securityLevel: 'x',
  });
  const visibleDeliverable = slim({ id: '25', key: 'LCOO-25', lifecycle: 'delivery', stage: 'backlog', parentKey: 'LCOO-1' });

  it("counts hidden deliverables with the release's own or inherited target, from a visible or a hidden item, and nothing visible", () => {
    const hidden = [hiddenItem, own, inheritsVisible, inheritsHidden, otherRelease];
    expect(hiddenOfRelease([item, visibleDeliverable], hidden, 'indri', NOW2)).toBe(3);
    expect(hiddenOfRelease([item, visibleDeliverable], [], 'indri', NOW2)).toBe(0);
    // The release's own deliverables only: Hibiscus holds one hidden deliverable.
    expect(hiddenOfRelease([item, visibleDeliverable], hidden, 'hibiscus', NOW2)).toBe(1);
  });
});
