import { z } from 'zod';
import type { Stage } from './lifecycle';

/**
 * The OpenStack release calendar: every series with its coordinated release date, its
 * maintenance status and, for recent series, its milestones. LCOO items target a series; the
 * dates decide which series are open for targeting, which items slipped and which delivery
 * milestones are real.
 *
 * The built-in series are openstack/releases' data/series_status.yaml and the per-series
 * doc/source/<series>/schedule.rst, as of 2026-11-29. An LCOO admin adds or corrects series
 * without a release of the app (release-calendar.ts); every function here takes the calendar
 * in effect (built-in merged with the admin's entries) as an argument. Past the last series
 * the calendar knows, OpenStack keeps its cadence (YYYY.1 in spring, YYYY.2 in autumn), so
 * the next series can be targeted by number before it has a name, with an estimated date.
 */

export const RELEASE_STATUSES = ['future', 'development', 'maintained', 'unmaintained', 'end-of-life'] as const;
export const ReleaseStatusSchema = z.enum(RELEASE_STATUSES, {
  error: 'Status must be future, development, maintained, unmaintained or end-of-life.',
});
export type ReleaseStatus = z.infer<typeof ReleaseStatusSchema>;
export const RELEASE_STATUS_LABELS: Record<ReleaseStatus, string> = {
  future: 'Future',
  development: 'In development',
  maintained: 'Maintained',
  unmaintained: 'Unmaintained',
  'end-of-life': 'End of life',
};

/** The milestones of a cycle, as the release schedule names them; the final release is the series' release date. */
export const MILESTONE_KINDS = ['milestone-1', 'milestone-2', 'milestone-3', 'feature-freeze', 'rc1', 'final'] as const;
export const MilestoneKindSchema = z.enum(MILESTONE_KINDS);
export type MilestoneKind = z.infer<typeof MilestoneKindSchema>;
/** The milestones a schedule dates (the final release is the series' own date). */
export type ScheduledMilestoneKind = Exclude<MilestoneKind, 'final'>;
export const SCHEDULED_MILESTONE_KINDS = MILESTONE_KINDS.filter((k): k is ScheduledMilestoneKind => k !== 'final');

export interface ReleaseMilestone {
  kind: MilestoneKind;
  /** "Indri-2", "Feature freeze", "RC1 target week", "Final release". */
  label: string;
  /** YYYY-MM-DD. For RC1, the Monday of the target week (the schedule gives a week). */
  date: string;
  /** Not from a published schedule: the usual offset before the release date. */
  estimated?: true;
}

/** Where a series' facts come from. */
export type ReleaseSource = 'built-in' | 'admin' | 'corrected' | 'projected';

export interface Release {
  /** How records name the series: the lower-case code name for built-in series ("indri"), the number for later ones ("2027.2"). */
  id: string;
  /** Display name: "Indri", or the number while a series has no name yet. */
  name: string;
  /** Since 2023 a series also has a YYYY.N release id ("2026.1"). */
  version?: string;
  /** ISO date (YYYY-MM-DD) of the coordinated release; planned for a series not released yet. */
  firstReleaseDate: string;
  /** The date is an estimate from the six-month cadence, not a published schedule. */
  estimated?: true;
  /** Skip Level Upgrade Release Process: every 2023.1-onward ".1" release. */
  slurp: boolean;
  /** Status as published (series_status.yaml). Use releaseStatusAt() for the status on a given day. */
  status: ReleaseStatus;
  /** Since when it has had that status (a series' end-of-life date, for one). */
  statusSince?: string;
  /** The next phase series_status.yaml announces, with its date when set. */
  nextPhase?: { status: ReleaseStatus; date?: string };
  /** Oldest first; empty when the calendar has no schedule for the series. */
  milestones: readonly ReleaseMilestone[];
  source: ReleaseSource;
}

/** The series known to the app, oldest first; build it with buildCalendar() (release-calendar.ts). */
export interface ReleaseCalendar {
  readonly releases: readonly Release[];
  /** By id, by version and by lower-case name. */
  readonly byKey: ReadonlyMap<string, Release>;
}

/**
 * A series as records name it: a code name ("indri") or a number ("2027.2"). Whether the
 * calendar in effect knows it is checked where the calendar is at hand: a save refuses an
 * unknown one (references.ts), checklist item 12 counts only a known one.
 */
export const ReleaseIdSchema = z
  .string({ error: 'The release must be a release id.' })
  .trim()
  .toLowerCase()
  .regex(/^(?:[a-z]{3,20}|\d{4}\.[12])$/, { error: 'Choose the release from the list of OpenStack releases.' });

// ---------------------------------------------------------------- built-in data

const DAY_MS = 86_400_000;
export const toDayMs = (isoDate: string): number => Date.parse(`${isoDate}T00:00:00Z`);
export const isoDay = (ms: number): string => (Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : '');
export const addDays = (isoDate: string, days: number): string => isoDay(toDayMs(isoDate) + days * DAY_MS);

/** Milestone 1, 2, 3 (Thursdays), feature freeze, RC1 target week (Monday), from schedule.rst. */
type Schedule = [m1: string, m2: string, m3: string, featureFreeze: string, rc1: string];
interface Row {
  name: string;
  version?: string;
  date: string;
  status: ReleaseStatus;
  since?: string;
  next?: { status: ReleaseStatus; date?: string };
  schedule?: Schedule;
}

// Oldest first, statuses as of 2026-11-29. The snapshot of openstack/releases read for this
// (2026-08-21) announces the phases that fell due since: Hibiscus maintained from 2026-09-30,
// Indri in development from 2026-10-01, Epoxy unmaintained from 2026-10-02.
const ROWS: Row[] = [
  { name: 'Austin', date: '2010-10-21', status: 'end-of-life' },
  { name: 'Bexar', date: '2011-02-03', status: 'end-of-life' },
  { name: 'Cactus', date: '2011-04-15', status: 'end-of-life' },
  { name: 'Diablo', date: '2011-09-22', status: 'end-of-life', since: '2013-05-06' },
  { name: 'Essex', date: '2012-04-05', status: 'end-of-life', since: '2013-05-06' },
  { name: 'Folsom', date: '2012-09-27', status: 'end-of-life', since: '2013-11-19' },
  { name: 'Grizzly', date: '2013-04-04', status: 'end-of-life', since: '2014-03-29' },
  { name: 'Havana', date: '2013-10-17', status: 'end-of-life', since: '2014-09-30' },
  { name: 'Icehouse', date: '2014-04-17', status: 'end-of-life', since: '2015-07-02' },
  { name: 'Juno', date: '2014-10-16', status: 'end-of-life', since: '2015-12-07' },
  { name: 'Kilo', date: '2015-04-30', status: 'end-of-life', since: '2016-05-02' },
  { name: 'Liberty', date: '2015-10-15', status: 'end-of-life', since: '2016-11-17' },
  { name: 'Mitaka', date: '2016-04-07', status: 'end-of-life', since: '2017-04-10' },
  { name: 'Newton', date: '2016-10-06', status: 'end-of-life', since: '2017-10-25' },
  { name: 'Ocata', date: '2017-02-22', status: 'end-of-life', since: '2021-06-15' },
  { name: 'Pike', date: '2017-08-30', status: 'end-of-life', since: '2022-10-13' },
  { name: 'Queens', date: '2018-02-28', status: 'end-of-life', since: '2023-01-18' },
  { name: 'Rocky', date: '2018-08-30', status: 'end-of-life', since: '2023-08-16' },
  { name: 'Stein', date: '2019-04-10', status: 'end-of-life', since: '2024-01-04' },
  { name: 'Train', date: '2019-10-16', status: 'end-of-life', since: '2024-02-20' },
  { name: 'Ussuri', date: '2020-05-13', status: 'end-of-life', since: '2024-02-20' },
  { name: 'Victoria', date: '2020-10-14', status: 'end-of-life', since: '2025-12-19' },
  { name: 'Wallaby', date: '2021-04-14', status: 'end-of-life', since: '2025-12-19' },
  { name: 'Xena', date: '2021-10-06', status: 'end-of-life', since: '2025-12-19' },
  { name: 'Yoga', date: '2022-03-30', status: 'unmaintained', next: { status: 'end-of-life' } },
  { name: 'Zed', date: '2022-10-05', status: 'unmaintained', next: { status: 'end-of-life' } },
  { name: 'Antelope', version: '2023.1', date: '2023-03-22', status: 'unmaintained', next: { status: 'end-of-life' } },
  { name: 'Bobcat', version: '2023.2', date: '2023-10-04', status: 'end-of-life', since: '2025-04-30' },
  {
    name: 'Caracal',
    version: '2024.1',
    date: '2024-04-03',
    status: 'unmaintained',
    next: { status: 'end-of-life' },
    schedule: ['2023-11-16', '2024-01-11', '2024-02-29', '2024-02-29', '2024-03-11'],
  },
  {
    name: 'Dalmatian',
    version: '2024.2',
    date: '2024-10-02',
    status: 'end-of-life',
    since: '2026-04-29',
    schedule: ['2024-05-16', '2024-07-04', '2024-08-29', '2024-08-29', '2024-09-09'],
  },
  {
    name: 'Epoxy',
    version: '2025.1',
    date: '2025-04-02',
    status: 'unmaintained',
    since: '2026-10-02',
    schedule: ['2024-11-14', '2025-01-09', '2025-02-27', '2025-02-27', '2025-03-10'],
  },
  {
    name: 'Flamingo',
    version: '2025.2',
    date: '2025-10-01',
    status: 'maintained',
    next: { status: 'end-of-life', date: '2027-04-28' },
    schedule: ['2025-05-15', '2025-07-03', '2025-08-28', '2025-08-28', '2025-09-08'],
  },
  {
    name: 'Gazpacho',
    version: '2026.1',
    date: '2026-04-01',
    status: 'maintained',
    next: { status: 'unmaintained', date: '2027-10-27' },
    schedule: ['2025-11-13', '2026-01-08', '2026-02-26', '2026-02-26', '2026-03-09'],
  },
  {
    name: 'Hibiscus',
    version: '2026.2',
    date: '2026-09-30',
    status: 'maintained',
    since: '2026-09-30',
    schedule: ['2026-05-14', '2026-07-02', '2026-08-27', '2026-08-27', '2026-09-07'],
  },
  {
    name: 'Indri',
    version: '2027.1',
    date: '2027-03-24',
    status: 'development',
    since: '2026-10-01',
    next: { status: 'maintained', date: '2027-03-24' },
    schedule: ['2026-11-19', '2027-01-14', '2027-02-18', '2027-02-18', '2027-03-01'],
  },
];

/** "Indri-2" for a named series, "2027.2 milestone 2" while it only has a number. */
export function milestoneLabel(release: Pick<Release, 'name' | 'version'>, kind: MilestoneKind): string {
  const named = release.name !== release.version;
  switch (kind) {
    case 'milestone-1':
    case 'milestone-2':
    case 'milestone-3': {
      const n = kind.slice(-1);
      return named ? `${release.name}-${n}` : `${release.name} milestone ${n}`;
    }
    case 'feature-freeze':
      return 'Feature freeze';
    case 'rc1':
      return 'RC1 target week';
    case 'final':
      return 'Final release';
  }
}

/**
 * Days before the release date (a Wednesday) at which the recent schedules (2025.2 Flamingo to
 * 2027.1 Indri) put each milestone: Thursdays for the milestones, the Monday of RC1's week.
 */
const USUAL_OFFSET_DAYS: Record<ScheduledMilestoneKind, number> = {
  'milestone-1': -139,
  'milestone-2': -83,
  'milestone-3': -34,
  'feature-freeze': -34,
  rc1: -23,
};

/** A series' milestones from its schedule dates (absent ones estimated from the usual offsets when `estimate` is set). */
export function milestonesOf(
  release: Pick<Release, 'name' | 'version' | 'firstReleaseDate'>,
  dates: Partial<Record<ScheduledMilestoneKind, string>> | undefined,
  estimate: boolean,
): ReleaseMilestone[] {
  if (!dates && !estimate) return [];
  const out: ReleaseMilestone[] = [];
  for (const kind of SCHEDULED_MILESTONE_KINDS) {
    const date = dates?.[kind];
    if (date) out.push({ kind, label: milestoneLabel(release, kind), date });
    else if (estimate)
      out.push({
        kind,
        label: milestoneLabel(release, kind),
        date: addDays(release.firstReleaseDate, USUAL_OFFSET_DAYS[kind]),
        estimated: true,
      });
  }
  out.push({ kind: 'final', label: milestoneLabel(release, 'final'), date: release.firstReleaseDate });
  return out;
}

const isSlurp = (version: string | undefined) => version !== undefined && version.endsWith('.1');

export const BUILTIN_RELEASES: readonly Release[] = Object.freeze(
  ROWS.map((row): Release => {
    const base = { name: row.name, ...(row.version ? { version: row.version } : {}), firstReleaseDate: row.date };
    const [m1, m2, m3, ff, rc1] = row.schedule ?? [];
    const schedule = row.schedule ? { 'milestone-1': m1, 'milestone-2': m2, 'milestone-3': m3, 'feature-freeze': ff, rc1 } : undefined;
    return Object.freeze({
      id: row.name.toLowerCase(),
      ...base,
      slurp: isSlurp(row.version),
      status: row.status,
      ...(row.since ? { statusSince: row.since } : {}),
      ...(row.next ? { nextPhase: row.next } : {}),
      milestones: Object.freeze(milestonesOf(base, schedule, false)),
      source: 'built-in' as const,
    });
  }),
);

// ---------------------------------------------------------------- the calendar

/** Builds the lookup of a list of series (oldest first). */
export function calendarOf(releases: readonly Release[]): ReleaseCalendar {
  const byKey = new Map<string, Release>();
  for (const r of releases) {
    byKey.set(r.id, r);
    if (r.version) byKey.set(r.version, r);
    byKey.set(r.name.toLowerCase(), r);
  }
  return { releases, byKey };
}

/** The built-in calendar alone (the admin's entries are merged by buildCalendar in release-calendar.ts). */
export const BUILTIN_CALENDAR: ReleaseCalendar = calendarOf(BUILTIN_RELEASES);

const VERSION_RE = /^(\d{4})\.([12])$/;
/** A series number as a count of half-years: 2027.1 -> 4054, 2027.2 -> 4055. */
export function versionOrdinal(version: string): number | undefined {
  const m = VERSION_RE.exec(version);
  return m ? Number(m[1]) * 2 + Number(m[2]) - 1 : undefined;
}
export const versionOfOrdinal = (n: number): string => `${Math.floor(n / 2)}.${(n % 2) + 1}`;
export const isSeriesNumber = (text: string): boolean => VERSION_RE.test(text);

/** OpenStack releases every six months on a Wednesday: 26 weeks apart. */
const CADENCE_DAYS = 182;

/** The last series of the calendar that has a number: where the projection starts. */
function lastNumbered(calendar: ReleaseCalendar): Release | undefined {
  for (let i = calendar.releases.length - 1; i >= 0; i--) if (calendar.releases[i]!.version) return calendar.releases[i];
  return undefined;
}

/** The known numbered series before `ordinal`, nearest first. */
function numberedBefore(calendar: ReleaseCalendar, ordinal: number): Release | undefined {
  let best: Release | undefined;
  let bestOrd = -Infinity;
  for (const r of calendar.releases) {
    const o = r.version ? versionOrdinal(r.version) : undefined;
    if (o !== undefined && o < ordinal && o > bestOrd) {
      best = r;
      bestOrd = o;
    }
  }
  return best;
}

/**
 * A series the calendar does not list, by number: dated six months per step after the nearest
 * numbered series before it, with the usual milestone offsets. Undefined for a number before
 * 2023.1 (every series since has a number) or beyond 2099.
 */
function projected(calendar: ReleaseCalendar, version: string): Release | undefined {
  const ordinal = versionOrdinal(version);
  if (ordinal === undefined || ordinal < 2023 * 2 || ordinal > 2099 * 2 + 1) return undefined;
  const before = numberedBefore(calendar, ordinal);
  if (!before?.version) return undefined;
  const steps = ordinal - versionOrdinal(before.version)!;
  const base = { name: version, version, firstReleaseDate: addDays(before.firstReleaseDate, steps * CADENCE_DAYS) };
  return {
    id: version,
    ...base,
    estimated: true,
    slurp: isSlurp(version),
    status: 'future',
    milestones: milestonesOf(base, undefined, true),
    source: 'projected',
  };
}

/** The series a record names: a known one by id, number or name (any case), or a later one by number. */
export function releaseById(calendar: ReleaseCalendar, id: string): Release | undefined {
  if (typeof id !== 'string') return undefined;
  const key = id.trim().toLowerCase();
  if (!key) return undefined;
  return calendar.byKey.get(key) ?? projected(calendar, key);
}

/**
 * Finds a release by id, name, number or "2026.1 Gazpacho" label, ignoring case: for free
 * text such as a version 1 record's target release.
 */
export function findRelease(calendar: ReleaseCalendar, text: string): Release | undefined {
  if (typeof text !== 'string') return undefined;
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (!t) return undefined;
  const direct = calendar.byKey.get(t);
  if (direct) return direct;
  const labelled = / /.test(t)
    ? calendar.releases.find((r) => r.version !== undefined && `${r.version} ${r.name}`.toLowerCase() === t)
    : undefined;
  return labelled ?? (isSeriesNumber(t) ? projected(calendar, t) : undefined);
}

/** "2026.1 Gazpacho", "Ocata", or "2027.2" while a series has no name. */
export function releaseLabel(release: Pick<Release, 'name' | 'version'>): string {
  return release.version && release.version !== release.name ? `${release.version} ${release.name}` : release.name;
}

const toMs = (now: Date | number | string): number =>
  typeof now === 'number' ? now : typeof now === 'string' ? Date.parse(now) : now.getTime();

/** Whether a series has shipped at `now`: from 00:00 UTC on its release day. */
export function releasedBy(release: Pick<Release, 'firstReleaseDate'>, now: Date | number | string): boolean {
  const t = toMs(now);
  return !Number.isNaN(t) && t >= toDayMs(release.firstReleaseDate);
}

/**
 * Whether the series `releaseId` has shipped at `now`. Unknown ids and an unknown time read as
 * "not shipped", so callers decide what an unknown means.
 */
export function isReleased(calendar: ReleaseCalendar, releaseId: string, now: Date | number | string): boolean {
  const release = releaseById(calendar, releaseId);
  return release !== undefined && releasedBy(release, now);
}

/** A series' status on a given day: the announced next phase once its date has come; a series in development is maintained once released. */
export function releaseStatusAt(release: Release, now: Date | number | string): { status: ReleaseStatus; since?: string } {
  const t = toMs(now);
  const next = release.nextPhase;
  if (next?.date && !Number.isNaN(t) && t >= toDayMs(next.date)) return { status: next.status, since: next.date };
  if ((release.status === 'future' || release.status === 'development') && releasedBy(release, t))
    return { status: 'maintained', since: release.firstReleaseDate };
  return release.statusSince ? { status: release.status, since: release.statusSince } : { status: release.status };
}

/** Fewest series offered for targeting: the one in development and the one after, even before it has a name. */
const OPEN_AT_LEAST = 2;

/**
 * Every series from 2023.1 on, known or projected, up to the last known one and then on until
 * `open` of them are still to ship at `now`: the choices for "Targeted OpenStack release"
 * (filtered) and the rows of a calendar view.
 */
export function seriesThrough(calendar: ReleaseCalendar, now: Date | number | string): Release[] {
  const t = toMs(now);
  const out: Release[] = calendar.releases.filter((r) => !r.version);
  const last = lastNumbered(calendar);
  const first = calendar.releases.find((r) => r.version);
  if (!last?.version || !first?.version) return out;
  const lastOrd = versionOrdinal(last.version)!;
  let unshipped = 0;
  for (let o = versionOrdinal(first.version)!; o < lastOrd + 200; o++) {
    if (o > lastOrd && (unshipped >= OPEN_AT_LEAST || Number.isNaN(t))) break;
    const r = releaseById(calendar, versionOfOrdinal(o));
    if (!r) continue;
    out.push(r);
    if (!releasedBy(r, t)) unshipped += 1;
  }
  return out;
}

/** The series not yet released at `now`, oldest first (at least two, by number past the known ones). */
export function releasesOpenForTargeting(calendar: ReleaseCalendar, now: Date | number | string): Release[] {
  const t = toMs(now);
  if (Number.isNaN(t)) return [];
  return seriesThrough(calendar, t).filter((r) => !releasedBy(r, t));
}

/** Where a series sits in time, for sorting: its release date; unknown ids last. */
export function releaseSortKey(calendar: ReleaseCalendar, releaseId: string): number {
  const r = releaseById(calendar, releaseId);
  return r ? toDayMs(r.firstReleaseDate) : Number.POSITIVE_INFINITY;
}

/**
 * Whether an item has slipped past its release: the release has shipped at `now` and the item
 * is not where it had to be by then:
 * - an Upstream Deliverable had to be Delivered;
 * - a Roadmap Item had to be Development Ready, and once it is, its delivery is what counts:
 *   `delivered` says whether its deliverables were all delivered (undefined: not known to the
 *   caller, and the item does not count as slipped).
 * An unknown release never counts as slipped (there is no date to slip past).
 */
export function hasSlipped(
  calendar: ReleaseCalendar,
  releaseId: string,
  stage: Stage,
  now: Date | number | string,
  delivered?: boolean,
): boolean {
  return isReleased(calendar, releaseId, now) && slipsOnceReleased(stage, delivered);
}

/** Whether an item at `stage` has slipped once its release has shipped (hasSlipped's second half, for callers that know "released" per series). */
export function slipsOnceReleased(stage: Stage, delivered?: boolean): boolean {
  if (stage === 'delivered') return false;
  if (stage === 'development-ready') return delivered === false;
  return true;
}

// ---------------------------------------------------------------- delivery milestones

/** The series before `release` (known or projected): its release date opens `release`'s cycle. */
export function previousRelease(calendar: ReleaseCalendar, release: Release): Release | undefined {
  const ordinal = release.version ? versionOrdinal(release.version) : undefined;
  if (ordinal !== undefined) {
    const before = releaseById(calendar, versionOfOrdinal(ordinal - 1));
    if (before) return before;
  }
  const i = calendar.releases.findIndex((r) => r.id === release.id);
  return i > 0 ? calendar.releases[i - 1] : undefined;
}

/**
 * Why a deliverable's milestone is not a real milestone of its release, or undefined when it
 * is. With a schedule, the milestone must be one of its milestones, on its date; a series
 * without one (before 2024.1) takes a milestone the schedules name (<Series>-1..3, feature
 * freeze, RC1, final) dated inside the cycle: after the previous series' release, on or
 * before its own.
 */
export function milestoneProblem(
  calendar: ReleaseCalendar,
  milestone: { releaseId: string; label: string; date: string },
): string | undefined {
  const release = releaseById(calendar, milestone.releaseId);
  if (!release) return `"${milestone.releaseId}" is not an OpenStack series this app knows; choose the release from the list.`;
  const label = milestone.label.trim().toLowerCase();
  const name = releaseLabel(release);
  if (release.milestones.length > 0) {
    const match = release.milestones.find((m) => m.label.toLowerCase() === label);
    const list = release.milestones.map((m) => `${m.label} (${m.date})`).join(', ');
    if (!match) return `${name} has no milestone "${milestone.label}"; its milestones are ${list}.`;
    if (match.date !== milestone.date) return `${match.label} of ${name} is on ${match.date}, not ${milestone.date}.`;
    return undefined;
  }
  const kind = MILESTONE_KINDS.find((k) => milestoneLabel(release, k).toLowerCase() === label);
  if (!kind) {
    const names = MILESTONE_KINDS.map((k) => milestoneLabel(release, k)).join(', ');
    return `"${milestone.label}" is not a milestone of ${name}; name one of ${names}.`;
  }
  if (kind === 'final' && milestone.date !== release.firstReleaseDate)
    return `The final release of ${name} is on ${release.firstReleaseDate}, not ${milestone.date}.`;
  const before = previousRelease(calendar, release);
  const after = before ? before.firstReleaseDate : undefined;
  if ((after !== undefined && milestone.date <= after) || milestone.date > release.firstReleaseDate) {
    return `${milestoneLabel(release, kind)} of ${name} must fall inside its cycle (${after ? `after ${after}, ` : ''}on or before ${release.firstReleaseDate}); ${milestone.date} does not.`;
  }
  return undefined;
}
