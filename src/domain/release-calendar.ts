import { z } from 'zod';
import { IsoDateSchema, text } from './primitives';
import {
  BUILTIN_CALENDAR,
  BUILTIN_RELEASES,
  ReleaseStatusSchema,
  SCHEDULED_MILESTONE_KINDS,
  calendarOf,
  isSeriesNumber,
  milestoneLabel,
  milestonesOf,
  previousRelease,
  releaseById,
  versionOfOrdinal,
  versionOrdinal,
  type Release,
  type ReleaseCalendar,
  type ScheduledMilestoneKind,
} from './releases';

/**
 * What an LCOO admin adds to or corrects in the release calendar, without a release of the
 * app: a series by its number (YYYY.N), with its name once the TC has chosen one, its release
 * date, status and milestone dates as openstack/releases publishes them. An entry for a
 * built-in series corrects it; an entry for a later number adds it. Left-out fields keep the
 * built-in value, or for a new series the estimate from the six-month cadence.
 */

const SeriesNumberSchema = z
  .string({ error: 'Name the series by its number, e.g. 2027.2.' })
  .trim()
  .refine(isSeriesNumber, { error: 'A series number is the year and 1 or 2, e.g. 2027.2.' })
  .refine((v) => (versionOrdinal(v) ?? 0) >= 2023 * 2, { error: 'Series numbers start at 2023.1 (Antelope).' });

const SeriesNameSchema = z
  .string({ error: 'A series name must be text.' })
  .trim()
  .regex(/^[A-Z][a-z]{2,19}$/, { error: 'A series name is one capitalised word, e.g. "Indri".' });

const MilestoneDatesSchema = z.object(
  Object.fromEntries(SCHEDULED_MILESTONE_KINDS.map((k) => [k, IsoDateSchema.optional()])) as Record<
    ScheduledMilestoneKind,
    z.ZodOptional<typeof IsoDateSchema>
  >,
);

export const SeriesEntrySchema = z.object({
  version: SeriesNumberSchema,
  name: SeriesNameSchema.optional(),
  firstReleaseDate: IsoDateSchema.optional(),
  status: ReleaseStatusSchema.optional(),
  statusSince: IsoDateSchema.optional(),
  milestones: MilestoneDatesSchema.optional(),
  /** Where the facts come from, for the next admin ("schedule published 2027-02-10"). */
  note: text(300, 'Note').optional(),
});
export type SeriesEntry = z.infer<typeof SeriesEntrySchema>;

const CalendarEntriesSchema = z.object({
  version: z.literal(1).default(1),
  series: z.array(SeriesEntrySchema).max(40, { error: 'Keep at most 40 series entries.' }).default([]),
});

/** One problem of a set of entries, at the path the admin page shows it beside. */
export interface CalendarProblem {
  path: (string | number)[];
  message: string;
}

const BUILTIN_BY_VERSION = new Map(BUILTIN_RELEASES.filter((r) => r.version).map((r) => [r.version!, r]));

/** A series as an entry makes it: the built-in one corrected, or a new one. */
function applyEntry(entry: SeriesEntry, before: ReleaseCalendar): Release {
  const builtIn = BUILTIN_BY_VERSION.get(entry.version);
  const base = builtIn ?? releaseById(before, entry.version);
  const name = entry.name ?? (builtIn ? builtIn.name : (base?.name ?? entry.version));
  const firstReleaseDate = entry.firstReleaseDate ?? base?.firstReleaseDate ?? '';
  const estimated = !entry.firstReleaseDate && (builtIn === undefined || builtIn.estimated === true);
  const ids = { name, version: entry.version, firstReleaseDate };
  // Milestone dates given win; the others keep the built-in schedule, or are estimated for a
  // series the app has no schedule for. Labels follow the (possibly new) name.
  const known: Partial<Record<ScheduledMilestoneKind, string>> = {};
  for (const m of builtIn?.milestones ?? []) if (m.kind !== 'final') known[m.kind] = m.date;
  Object.assign(known, Object.fromEntries(Object.entries(entry.milestones ?? {}).filter(([, d]) => d !== undefined)));
  const hasSchedule = Object.keys(known).length > 0;
  const releasedLongAgo = builtIn !== undefined && builtIn.milestones.length === 0 && !hasSchedule;
  const status = entry.status ?? builtIn?.status ?? 'future';
  return {
    id: builtIn ? builtIn.id : entry.version,
    ...ids,
    ...(estimated ? { estimated: true as const } : {}),
    slurp: entry.version.endsWith('.1'),
    status,
    ...(entry.statusSince
      ? { statusSince: entry.statusSince }
      : !entry.status && builtIn?.statusSince
        ? { statusSince: builtIn.statusSince }
        : {}),
    ...(!entry.status && builtIn?.nextPhase ? { nextPhase: builtIn.nextPhase } : {}),
    milestones: releasedLongAgo ? [] : milestonesOf(ids, known, true),
    source: builtIn ? 'corrected' : 'admin',
  };
}

/** The calendar in effect: the built-in series with the admin's entries applied (entries that don't apply are skipped; calendarProblems says why). */
export function buildCalendar(entries: readonly SeriesEntry[] | undefined): ReleaseCalendar {
  if (!entries || entries.length === 0) return BUILTIN_CALENDAR;
  const byVersion = new Map<string, Release>();
  let calendar = BUILTIN_CALENDAR;
  for (const e of [...entries].sort((a, b) => (versionOrdinal(a.version) ?? 0) - (versionOrdinal(b.version) ?? 0))) {
    byVersion.set(e.version, applyEntry(e, calendar));
    calendar = merge(byVersion);
  }
  return calendar;
}

function merge(entries: ReadonlyMap<string, Release>): ReleaseCalendar {
  // Every series before 2023 has no number and comes first, in the built-in order.
  const unnumbered = BUILTIN_RELEASES.filter((r) => !r.version);
  const numbered = BUILTIN_RELEASES.filter((r) => r.version).map((r) => entries.get(r.version!) ?? r);
  for (const [version, r] of entries) if (!BUILTIN_BY_VERSION.has(version)) numbered.push(r);
  numbered.sort((a, b) => versionOrdinal(a.version!)! - versionOrdinal(b.version!)!);
  return calendarOf([...unnumbered, ...numbered]);
}

/**
 * What is wrong with a set of entries, each at its path: two entries for one series, a name
 * another series has, release dates out of order, milestones out of order or outside their
 * cycle. The calendar must stay one the gates can trust.
 */
export function calendarProblems(entries: readonly SeriesEntry[]): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  const seen = new Map<string, number>();
  entries.forEach((e, i) => {
    const first = seen.get(e.version);
    if (first !== undefined)
      problems.push({
        path: ['series', i, 'version'],
        message: `Series ${e.version} is entered twice (also entry ${first + 1}); keep one.`,
      });
    else seen.set(e.version, i);
  });
  if (problems.length > 0) return problems;
  const calendar = buildCalendar(entries);
  entries.forEach((e, i) => {
    const r = releaseById(calendar, e.version);
    if (!r) return;
    if (e.name) {
      const other = calendar.releases.find(
        (x) => x !== r && (x.name.toLowerCase() === e.name!.toLowerCase() || x.id === e.name!.toLowerCase()),
      );
      if (other)
        problems.push({
          path: ['series', i, 'name'],
          message: `"${e.name}" already names ${other.version ?? other.name}; series names are unique.`,
        });
    }
    const before = previousRelease(calendar, r);
    const ordinal = versionOrdinal(e.version)!;
    const after = releaseById(calendar, versionOfOrdinal(ordinal + 1));
    if (before && r.firstReleaseDate <= before.firstReleaseDate)
      problems.push({
        path: ['series', i, 'firstReleaseDate'],
        message: `${e.version} must release after ${before.version ?? before.name} (${before.firstReleaseDate}).`,
      });
    else if (after && after.source !== 'projected' && r.firstReleaseDate >= after.firstReleaseDate)
      problems.push({
        path: ['series', i, 'firstReleaseDate'],
        message: `${e.version} must release before ${after.version ?? after.name} (${after.firstReleaseDate}).`,
      });
    let last = before?.firstReleaseDate ?? '';
    let lastLabel = before ? `the release of ${before.version ?? before.name}` : '';
    for (const m of r.milestones) {
      const path = ['series', i, m.kind === 'final' ? 'firstReleaseDate' : 'milestones', ...(m.kind === 'final' ? [] : [m.kind])];
      // Feature freeze may share milestone 3's day; every other step moves forward.
      const ok = m.kind === 'feature-freeze' ? m.date >= last : m.date > last;
      if (!ok) {
        const what = `${milestoneLabel(r, m.kind)} (${m.estimated ? 'estimated ' : ''}${m.date})`;
        problems.push({ path, message: `${what} must come after ${lastLabel} (${last}); give its date.` });
      }
      if (m.date > last) {
        last = m.date;
        lastLabel = milestoneLabel(r, m.kind);
      }
    }
  });
  // One problem per field is enough to act on.
  const unique = new Map<string, CalendarProblem>();
  for (const p of problems) if (!unique.has(p.path.join('.'))) unique.set(p.path.join('.'), p);
  return [...unique.values()];
}

/** The admin's entries as stored and as the admin page sends them: zod-checked, and checked as a calendar. */
export const CalendarEntriesInputSchema = CalendarEntriesSchema.superRefine((value, ctx) => {
  // zod runs this refinement even when a field failed: check the calendar only once every entry is well formed.
  if (!value.series.every((e) => SeriesEntrySchema.safeParse(e).success)) return;
  for (const p of calendarProblems(value.series)) ctx.addIssue({ code: 'custom', path: p.path, message: p.message });
});
export type CalendarEntries = z.infer<typeof CalendarEntriesSchema>;
