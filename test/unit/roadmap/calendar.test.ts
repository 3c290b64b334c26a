// The roadmap calendar: the series in development and the next, their milestones, PTGs and
// Forums in date order, which quarter each publishes, and the proposal of the next version.
import { buildCalendar } from '../../../src/domain/release-calendar';
import { BUILTIN_CALENDAR, releaseById } from '../../../src/domain/releases';
import { forumOf, ptgOf, quarterPublishedAt, roadmapCalendar } from '../../../src/domain/roadmap/calendar';
import { proposeVersion } from '../../../src/domain/roadmap/proposal';

const NOW = Date.parse('2026-11-30T09:00:00Z');

test('on 2026-11-30: Indri and 2027.2, every milestone, PTG and Forum in date order, today placed', () => {
  const c = roadmapCalendar(BUILTIN_CALENDAR, NOW);
  expect(c.today).toBe('2026-11-30');
  expect(c.series.map((s) => s.label)).toEqual(['2027.1 Indri', '2027.2']);
  const dates = c.events.map((e) => e.date);
  expect(dates).toEqual([...dates].sort());
  // The published Indri PTG and schedule, not estimated.
  expect(c.events[0]).toMatchObject({ kind: 'ptg', date: '2026-10-12', endDate: '2026-10-16', label: '2027.1 Indri PTG' });
  expect(c.events[0]!.estimated).toBeUndefined();
  const indri = c.events.filter((e) => e.kind === 'milestone' && e.series.id === 'indri');
  expect(indri.map((e) => [e.label, e.date])).toEqual([
    ['Indri-1', '2026-11-19'],
    ['Indri-2', '2027-01-14'],
    ['Indri-3', '2027-02-18'],
    ['Feature freeze', '2027-02-18'],
    ['RC1 target week', '2027-03-01'],
    ['2027.1 Indri release', '2027-03-24'],
  ]);
  expect(indri.every((e) => !e.estimated)).toBe(true);
  // 2027.2 has no schedule yet: its PTG, milestones and release are estimates.
  const next = c.events.filter((e) => e.series.id === '2027.2');
  expect(next.length).toBe(8);
  expect(next.every((e) => e.estimated)).toBe(true);
  // Today sits before Indri-2: the first event not yet over.
  expect(c.events[c.todayIndex]!.label).toBe('Forum (OpenInfra Summit)');
  expect(c.events.slice(0, c.todayIndex).every((e) => (e.endDate ?? e.date) < '2026-11-30')).toBe(true);
});

test('which quarter each event publishes follows proposal.ts: new at the PTG, refresh at the Forum', () => {
  const c = roadmapCalendar(BUILTIN_CALENDAR, NOW);
  expect(c.quarters.map((q) => [q.quarter, q.kind, q.name])).toEqual([
    ['2027-Q1', 'new', '2027 Q1, new roadmap, Indri PTG'],
    ['2027-Q2', 'refresh', '2027 Q2, refresh, Forum'],
    ['2027-Q3', 'new', '2027 Q3, new roadmap, 2027.2 PTG'],
    ['2027-Q4', 'refresh', '2027 Q4, refresh, Forum'],
  ]);
  for (const q of c.quarters) expect(q.name).toBe(proposeVersion(q.quarter, BUILTIN_CALENDAR).name);
  // Each PTG/Forum event carries its roadmap; milestones none.
  expect(c.events.filter((e) => e.roadmap).map((e) => e.kind)).toEqual(['ptg', 'forum', 'ptg', 'forum']);
  // The next version is the draft quarter's (2027 Q1 on 2026-11-30).
  expect(c.proposal.name).toBe('2027 Q1, new roadmap, Indri PTG');
});

test('PTGs from the schedules, else estimated in the week of R-23; Forums from known Summits, else estimated between PTGs', () => {
  const hibiscus = releaseById(BUILTIN_CALENDAR, 'hibiscus')!;
  expect(ptgOf(hibiscus)).toEqual({ start: '2026-04-20', end: '2026-04-24' });
  // The rule reproduces the published weeks it was read from.
  const projected = releaseById(BUILTIN_CALENDAR, '2027.2')!;
  const est = ptgOf(projected);
  expect(est.estimated).toBe(true);
  expect(new Date(`${est.start}T00:00:00Z`).getUTCDay()).toBe(1);
  expect(est.start > '2027-03-24' && est.start < projected.firstReleaseDate).toBe(true);
  // Flamingo's cycle held the Paris-Saclay Summit; Hibiscus' has none known.
  expect(forumOf(BUILTIN_CALENDAR, releaseById(BUILTIN_CALENDAR, 'flamingo')!)).toEqual({
    start: '2025-10-17',
    end: '2025-10-19',
    place: 'Paris-Saclay',
  });
  expect(forumOf(BUILTIN_CALENDAR, hibiscus)).toEqual({ start: '2026-07-20', estimated: true });
  expect(quarterPublishedAt(hibiscus, 'ptg')).toBe('2026-Q3');
  expect(quarterPublishedAt(hibiscus, 'forum')).toBe('2026-Q4');
  expect(quarterPublishedAt(releaseById(BUILTIN_CALENDAR, 'ocata')!, 'ptg')).toBeUndefined();
});

test("an admin's calendar entry (2027.2 named, dated) is what the calendar shows", () => {
  const calendar = buildCalendar([{ version: '2027.2', name: 'Jacaranda', firstReleaseDate: '2027-09-29' }]);
  const c = roadmapCalendar(calendar, NOW);
  expect(c.series.map((s) => s.label)).toEqual(['2027.1 Indri', '2027.2 Jacaranda']);
  const release = c.events.find((e) => e.series.id === '2027.2' && e.milestone === 'final')!;
  expect(release).toMatchObject({ date: '2027-09-29', label: '2027.2 Jacaranda release' });
  expect(release.estimated).toBeUndefined();
  expect(c.quarters.find((q) => q.quarter === '2027-Q3')!.name).toBe('2027 Q3, new roadmap, Jacaranda PTG');
});

test('after Indri ships, the calendar moves on to 2027.2 and 2028.1', () => {
  const c = roadmapCalendar(BUILTIN_CALENDAR, Date.parse('2027-04-01T00:00:00Z'));
  expect(c.series.map((s) => s.id)).toEqual(['2027.2', '2028.1']);
  expect(c.proposal.quarter).toBe('2027-Q3');
  expect(c.quarters.map((q) => q.quarter)).toEqual(['2027-Q3', '2027-Q4', '2028-Q1', '2028-Q2']);
});
