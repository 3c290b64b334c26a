import {
  BUILTIN_CALENDAR,
  BUILTIN_RELEASES,
  CalendarEntriesInputSchema,
  buildCalendar,
  calendarProblems,
  checklistStatus,
  findRelease,
  hasSlipped,
  milestoneProblem,
  releaseById,
  releaseLabel,
  releaseStatusAt,
  releasesOpenForTargeting,
  type SeriesEntry,
} from '../../../src/domain';
import { FIXED_NOW, makeCompleteVetting } from '../../fixtures/builders';

const cal = BUILTIN_CALENDAR;
/** The day the issue's facts are as of. */
const NOV_29 = new Date('2026-11-29T12:00:00Z');
const get = (id: string) => {
  const r = releaseById(cal, id);
  if (!r) throw new Error(`no release ${id}`);
  return r;
};

describe('the built-in OpenStack series', () => {
  it('lists every series from Austin to 2027.1 Indri in order, with unique ids', () => {
    expect(BUILTIN_RELEASES[0]).toMatchObject({ id: 'austin', name: 'Austin', firstReleaseDate: '2010-10-21', slurp: false });
    expect(BUILTIN_RELEASES.at(-1)).toMatchObject({ id: 'indri', version: '2027.1', slurp: true, status: 'development' });
    expect(BUILTIN_RELEASES).toHaveLength(35);
    expect(new Set(BUILTIN_RELEASES.map((r) => r.id)).size).toBe(BUILTIN_RELEASES.length);
    const dates = BUILTIN_RELEASES.map((r) => r.firstReleaseDate);
    expect([...dates].sort()).toEqual(dates);
    // Alphabetical code names, A..Z then A..I again.
    expect(BUILTIN_RELEASES.map((r) => r.name[0]).join('')).toBe('ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHI');
    expect(BUILTIN_RELEASES.filter((r) => r.slurp).map((r) => r.id)).toEqual(['antelope', 'caracal', 'epoxy', 'gazpacho', 'indri']);
  });

  // Issue 11, item 8: statuses as openstack/releases data/series_status.yaml has them on 2026-11-29.
  it('has the maintenance status of each series as of 2026-11-29, with its dates', () => {
    const status = (id: string) => releaseStatusAt(get(id), NOV_29);
    expect(status('yoga')).toEqual({ status: 'unmaintained' });
    expect(status('zed')).toEqual({ status: 'unmaintained' });
    expect(status('antelope')).toEqual({ status: 'unmaintained' });
    expect(status('bobcat')).toEqual({ status: 'end-of-life', since: '2025-04-30' });
    expect(status('caracal')).toEqual({ status: 'unmaintained' });
    expect(status('dalmatian')).toEqual({ status: 'end-of-life', since: '2026-04-29' });
    expect(status('epoxy')).toEqual({ status: 'unmaintained', since: '2026-10-02' });
    expect(status('flamingo')).toEqual({ status: 'maintained' });
    expect(status('gazpacho')).toEqual({ status: 'maintained' });
    expect(status('hibiscus')).toEqual({ status: 'maintained', since: '2026-09-30' });
    expect(status('indri')).toEqual({ status: 'development', since: '2026-10-01' });
    expect(status('xena')).toEqual({ status: 'end-of-life', since: '2025-12-19' });
    // The next phases series_status.yaml announces take effect on their day.
    expect(releaseStatusAt(get('flamingo'), '2027-04-28')).toEqual({ status: 'end-of-life', since: '2027-04-28' });
    expect(releaseStatusAt(get('gazpacho'), '2027-10-27')).toEqual({ status: 'unmaintained', since: '2027-10-27' });
    expect(releaseStatusAt(get('indri'), '2027-03-24')).toEqual({ status: 'maintained', since: '2027-03-24' });
  });

  it('has the milestones of the current and next series from their schedules', () => {
    expect(get('indri').milestones.map((m) => [m.label, m.date])).toEqual([
      ['Indri-1', '2026-11-19'],
      ['Indri-2', '2027-01-14'],
      ['Indri-3', '2027-02-18'],
      ['Feature freeze', '2027-02-18'],
      ['RC1 target week', '2027-03-01'],
      ['Final release', '2027-03-24'],
    ]);
    expect(get('hibiscus').milestones.map((m) => m.date)).toEqual([
      '2026-05-14',
      '2026-07-02',
      '2026-08-27',
      '2026-08-27',
      '2026-09-07',
      '2026-09-30',
    ]);
    expect(get('gazpacho').milestones[1]).toEqual({ kind: 'milestone-2', label: 'Gazpacho-2', date: '2026-01-08' });
    expect(get('indri').milestones.some((m) => m.estimated)).toBe(false);
    // No schedule is invented for old series.
    expect(get('antelope').milestones).toEqual([]);
  });

  it('finds a release by id, number, name or label, and labels it as people say it', () => {
    expect(releaseById(cal, 'ocata')?.firstReleaseDate).toBe('2017-02-22');
    expect(releaseById(cal, '2026.1')?.id).toBe('gazpacho');
    expect(findRelease(cal, 'Pike')?.id).toBe('pike');
    expect(findRelease(cal, '2026.1 gazpacho')?.id).toBe('gazpacho');
    expect(findRelease(cal, 'R')).toBeUndefined();
    expect(releaseLabel(get('indri'))).toBe('2027.1 Indri');
    expect(releaseLabel(get('queens'))).toBe('Queens');
  });
});

// Issue 11, item 8: a deliverable's milestone is a real milestone of its release, dated inside it.
describe('milestoneProblem', () => {
  it('accepts a milestone of the schedule on its date', () => {
    expect(milestoneProblem(cal, { releaseId: 'indri', label: 'Indri-2', date: '2027-01-14' })).toBeUndefined();
    expect(milestoneProblem(cal, { releaseId: 'indri', label: 'feature freeze', date: '2027-02-18' })).toBeUndefined();
  });

  it('refuses a milestone on another date, one the schedule does not have, and an unknown release', () => {
    expect(milestoneProblem(cal, { releaseId: 'indri', label: 'Indri-2', date: '2027-03-24' })).toBe(
      'Indri-2 of 2027.1 Indri is on 2027-01-14, not 2027-03-24.',
    );
    expect(milestoneProblem(cal, { releaseId: 'indri', label: 'Indri-4', date: '2027-03-01' })).toMatch(
      /^2027\.1 Indri has no milestone "Indri-4"; its milestones are Indri-1 \(2026-11-19\), /,
    );
    expect(milestoneProblem(cal, { releaseId: 'nope', label: 'x', date: '2027-01-01' })).toMatch(/not an OpenStack series/);
  });

  it('without a schedule, takes a milestone the schedules name, dated inside the cycle', () => {
    expect(milestoneProblem(cal, { releaseId: 'antelope', label: 'Antelope-2', date: '2023-01-05' })).toBeUndefined();
    expect(milestoneProblem(cal, { releaseId: 'antelope', label: 'Antelope-2', date: '2023-06-01' })).toMatch(/inside its cycle/);
    expect(milestoneProblem(cal, { releaseId: 'antelope', label: 'Antelope-2', date: '2022-10-05' })).toMatch(/after 2022-10-05/);
    expect(milestoneProblem(cal, { releaseId: 'antelope', label: 'Final release', date: '2023-03-21' })).toMatch(/2023-03-22/);
    expect(milestoneProblem(cal, { releaseId: 'antelope', label: 'Antelope-7', date: '2023-01-05' })).toMatch(/not a milestone/);
  });
});

// Issue 11, item 9: the calendar does not run out after Indri.
describe('the next series by number', () => {
  it('offers the series in development and the next one by number, before it has a name', () => {
    expect(releasesOpenForTargeting(cal, FIXED_NOW).map((r) => r.id)).toEqual(['indri', '2027.2']);
    const next = get('2027.2');
    expect(next).toMatchObject({ name: '2027.2', version: '2027.2', firstReleaseDate: '2027-09-22', estimated: true, slurp: false });
    expect(next.source).toBe('projected');
    expect(releaseLabel(next)).toBe('2027.2');
    // Its milestones are estimated from the usual offsets, so deliverables can aim at them.
    expect(next.milestones.map((m) => [m.label, m.date, m.estimated])).toEqual([
      ['2027.2 milestone 1', '2027-05-06', true],
      ['2027.2 milestone 2', '2027-07-01', true],
      ['2027.2 milestone 3', '2027-08-19', true],
      ['Feature freeze', '2027-08-19', true],
      ['RC1 target week', '2027-08-30', true],
      ['Final release', '2027-09-22', undefined],
    ]);
  });

  it('keeps two series open after Indri ships, and years later', () => {
    expect(releasesOpenForTargeting(cal, '2027-03-24T00:00:00Z').map((r) => r.id)).toEqual(['2027.2', '2028.1']);
    expect(releasesOpenForTargeting(cal, '2030-01-01').map((r) => r.id)).toEqual(['2030.1', '2030.2']);
    expect(get('2028.1')).toMatchObject({ firstReleaseDate: '2028-03-22', slurp: true });
    expect(releasesOpenForTargeting(cal, 'not a date')).toEqual([]);
    // Before 2023 every series had a name: no number stands for one.
    expect(releaseById(cal, '2019.1')).toBeUndefined();
  });

  it('slips an item once its release ships: a Roadmap Item before Development Ready, or after it without delivery', () => {
    expect(hasSlipped(cal, 'gazpacho', 'prioritized', FIXED_NOW)).toBe(true);
    expect(hasSlipped(cal, 'gazpacho', 'code-committed', FIXED_NOW)).toBe(true);
    expect(hasSlipped(cal, 'gazpacho', 'delivered', FIXED_NOW)).toBe(false);
    expect(hasSlipped(cal, 'indri', 'vetting-backlog', FIXED_NOW)).toBe(false);
    expect(hasSlipped(cal, 'no-such-release', 'backlog', FIXED_NOW)).toBe(false);
    // Development Ready: its deliverables decide; unknown delivery does not count as slipped.
    expect(hasSlipped(cal, 'gazpacho', 'development-ready', FIXED_NOW)).toBe(false);
    expect(hasSlipped(cal, 'gazpacho', 'development-ready', FIXED_NOW, true)).toBe(false);
    expect(hasSlipped(cal, 'gazpacho', 'development-ready', FIXED_NOW, false)).toBe(true);
    // A series known only by number slips on its estimated date.
    expect(hasSlipped(cal, '2027.2', 'prioritized', '2027-09-22T00:00:00Z')).toBe(true);
  });
});

// Issue 11, item 9: after the last named series ships, checklist item 12 can still be completed.
describe('checklist item 12 after Indri ships', () => {
  const AFTER_INDRI = Date.parse('2027-04-01T12:00:00Z');
  const item12 = (targetRelease: string, calendar = cal) =>
    checklistStatus(makeCompleteVetting({ targetRelease }), { nowMs: AFTER_INDRI, calendar, stage: 'being-vetted' }).items.find(
      (i) => i.id === 'targetRelease',
    )!;

  it('is complete for the next series by number, and for it once an admin has named it', () => {
    expect(item12('2027.2')).toMatchObject({ complete: true });
    expect(item12('2028.1')).toMatchObject({ complete: true });
    const named = buildCalendar([{ version: '2027.2', name: 'Juniper', firstReleaseDate: '2027-09-29' }]);
    expect(item12('2027.2', named)).toMatchObject({ complete: true });
  });

  it('is missing for Indri, which has shipped', () => {
    expect(item12('indri')).toMatchObject({ complete: false, missing: expect.stringMatching(/2027\.1 Indri was released on 2027-03-24/) });
  });
});

describe("the admin's entries", () => {
  const named: SeriesEntry = {
    version: '2027.2',
    name: 'Juniper',
    firstReleaseDate: '2027-09-29',
    milestones: { 'milestone-1': '2027-05-13', 'milestone-2': '2027-07-01', 'milestone-3': '2027-08-26', rc1: '2027-09-06' },
  };

  it('name the next series and date it; records keep its number as the id', () => {
    const c = buildCalendar([named]);
    const r = releaseById(c, '2027.2')!;
    expect(r).toMatchObject({ id: '2027.2', name: 'Juniper', firstReleaseDate: '2027-09-29', source: 'admin' });
    expect(r.estimated).toBeUndefined();
    expect(releaseById(c, 'juniper')?.id).toBe('2027.2');
    expect(releaseLabel(r)).toBe('2027.2 Juniper');
    expect(r.milestones.map((m) => m.label)).toEqual([
      'Juniper-1',
      'Juniper-2',
      'Juniper-3',
      'Feature freeze',
      'RC1 target week',
      'Final release',
    ]);
    // Feature freeze was left out: it is estimated from the usual offset.
    expect(r.milestones.find((m) => m.kind === 'feature-freeze')).toMatchObject({ date: '2027-08-26', estimated: true });
    // The series after it is projected from it.
    expect(releaseById(c, '2028.1')?.firstReleaseDate).toBe('2028-03-29');
    expect(milestoneProblem(c, { releaseId: '2027.2', label: 'Juniper-2', date: '2027-07-01' })).toBeUndefined();
  });

  it('correct a built-in series without losing its schedule', () => {
    const c = buildCalendar([{ version: '2027.1', milestones: { 'milestone-2': '2027-01-21' } }]);
    const indri = releaseById(c, 'indri')!;
    expect(indri.source).toBe('corrected');
    expect(indri.id).toBe('indri');
    expect(indri.milestones.map((m) => m.date)).toEqual([
      '2026-11-19',
      '2027-01-21',
      '2027-02-18',
      '2027-02-18',
      '2027-03-01',
      '2027-03-24',
    ]);
    expect(buildCalendar([{ version: '2024.1', status: 'end-of-life', statusSince: '2026-12-01' }]).byKey.get('caracal')).toMatchObject({
      status: 'end-of-life',
      statusSince: '2026-12-01',
    });
    expect(buildCalendar([]).releases).toBe(BUILTIN_CALENDAR.releases);
  });

  it('must keep the calendar one the gates can trust, each problem at its field', () => {
    expect(calendarProblems([named])).toEqual([]);
    expect(calendarProblems([named, { version: '2027.2' }])).toEqual([
      { path: ['series', 1, 'version'], message: 'Series 2027.2 is entered twice (also entry 1); keep one.' },
    ]);
    expect(calendarProblems([{ version: '2027.2', firstReleaseDate: '2027-03-01' }])[0]).toEqual({
      path: ['series', 0, 'firstReleaseDate'],
      message: '2027.2 must release after 2027.1 (2027-03-24).',
    });
    expect(calendarProblems([{ version: '2027.2', name: 'Indri' }])[0]?.path).toEqual(['series', 0, 'name']);
    expect(calendarProblems([{ ...named, milestones: { ...named.milestones, 'milestone-2': '2027-05-01' } }])[0]).toMatchObject({
      path: ['series', 0, 'milestones', 'milestone-2'],
    });
    expect(calendarProblems([{ version: '2026.2', milestones: { 'milestone-1': '2026-03-01' } }])[0]).toMatchObject({
      path: ['series', 0, 'milestones', 'milestone-1'],
      message: expect.stringMatching(/must come after the release of 2026\.1/),
    });
  });

  it('are refused by the schema with field paths, and parsed with defaults', () => {
    const bad = CalendarEntriesInputSchema.safeParse({ series: [{ version: '2027.3', name: 'juniper', firstReleaseDate: 'soon' }] });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['series.0.version', 'series.0.name', 'series.0.firstReleaseDate']));
    expect(CalendarEntriesInputSchema.parse({})).toEqual({ version: 1, series: [] });
    const crossed = CalendarEntriesInputSchema.safeParse({ series: [{ version: '2027.2', firstReleaseDate: '2027-01-01' }] });
    expect(crossed.error?.issues[0]?.path).toEqual(['series', 0, 'firstReleaseDate']);
  });
});
