import {
  addDays,
  isoDay,
  releaseById,
  releaseLabel,
  releasedBy,
  seriesThrough,
  toDayMs,
  versionOfOrdinal,
  versionOrdinal,
  type MilestoneKind,
  type Release,
  type ReleaseCalendar,
} from '../releases';
import { proposeVersion, type VersionProposal } from './proposal';
import { draftQuarter, quarterOf, type QuarterId } from './quarter';

/**
 * The roadmap page's calendar (issue 13 item 7): for the series in development and the one after,
 * its release and milestones (the calendar in effect), its PTG, the Forum of its cycle, and which
 * roadmap each of those events publishes (proposal.ts decides new vs refresh; this file only dates
 * the events it names).
 *
 * Sources (openstack/releases at 02df7c9a, 2026-08-21):
 * - PTG weeks: doc/source/<series>/schedule.rst, the "PTG (virtual)" / "Project Team Gathering"
 *   cross-project event of caracal, dalmatian, epoxy, flamingo, gazpacho, hibiscus and indri.
 * - Summits: bobcat/schedule.rst names the OpenInfra Summit in Vancouver, 13-15 June 2023; the
 *   OpenInfra Foundation board summary of 2025-09-09 (lists.openinfra.org, foundation list) names
 *   the OpenInfra Summit in Paris-Saclay, 17-19 October 2025. No schedule from caracal to indri
 *   names a Summit or Forum, and no source found dates one in 2026 or 2027.
 * Where a source is missing the date is derived and marked estimated:
 * - a PTG: the schedules put it in the first weeks of the cycle; from hibiscus and indri, the week
 *   of R-23, i.e. the Monday 163 days before the (Wednesday) release;
 * - a Forum: the proposal's rhythm puts one between two PTGs (the refresh between two new
 *   roadmaps); a known Summit in that window is used, else 13 weeks after the cycle's PTG.
 */

export type CalendarEventKind = 'ptg' | 'forum' | 'milestone';

export interface CalendarEvent {
  /** YYYY-MM-DD: the day (a milestone) or the first day (a PTG, a Summit). */
  date: string;
  /** Last day of a multi-day event. */
  endDate?: string;
  kind: CalendarEventKind;
  /** For a milestone, which one ('final' is the release). */
  milestone?: MilestoneKind;
  /** The series whose cycle the event belongs to: its id and label ("2027.1 Indri"). */
  series: { id: string; label: string };
  /** "Indri-2", "2027.1 Indri PTG", "OpenInfra Summit, Paris-Saclay (Forum)". */
  label: string;
  /** Not from a published source: derived as the header says. */
  estimated?: true;
  /** The roadmap version this event publishes (PTGs and Forums). */
  roadmap?: VersionProposal;
}

export interface RoadmapQuarterPlan {
  quarter: QuarterId;
  kind: VersionProposal['kind'];
  name: string;
  /** The event it is published at, its date and whether that date is estimated. */
  event: string;
  date: string;
  estimated?: true;
}

export interface RoadmapCalendar {
  today: string;
  /** The series in development (the next to ship) and the one after. */
  series: { id: string; label: string; firstReleaseDate: string; estimated?: true }[];
  /** Oldest first. */
  events: CalendarEvent[];
  /** Index in `events` of the first event on or after today (events.length: all past). */
  todayIndex: number;
  /** The quarters these events publish, in quarter order. */
  quarters: RoadmapQuarterPlan[];
  /** The name proposed for the next version (the quarter being drafted). */
  proposal: VersionProposal;
}

/** PTG weeks as the schedules publish them, by series number: Monday to Friday. */
const KNOWN_PTGS: Record<string, readonly [string, string]> = {
  '2024.1': ['2023-10-23', '2023-10-27'],
  '2024.2': ['2024-04-08', '2024-04-12'],
  '2025.1': ['2024-10-21', '2024-10-25'],
  '2025.2': ['2025-04-07', '2025-04-11'],
  '2026.1': ['2025-10-27', '2025-10-31'],
  '2026.2': ['2026-04-20', '2026-04-24'],
  '2027.1': ['2026-10-12', '2026-10-16'],
};

/** OpenInfra Summits a source dates (each with its Forum). */
const KNOWN_SUMMITS: readonly { start: string; end: string; place: string }[] = [
  { start: '2023-06-13', end: '2023-06-15', place: 'Vancouver' },
  { start: '2025-10-17', end: '2025-10-19', place: 'Paris-Saclay' },
];

const PTG_BEFORE_RELEASE_DAYS = 163;
const FORUM_AFTER_PTG_DAYS = 91;

/** The PTG that opens a series' cycle: published, or estimated from its release date. */
export function ptgOf(release: Release): { start: string; end: string; estimated?: true } {
  const known = release.version ? KNOWN_PTGS[release.version] : undefined;
  if (known) return { start: known[0], end: known[1] };
  const start = addDays(release.firstReleaseDate, -PTG_BEFORE_RELEASE_DAYS);
  return { start, end: addDays(start, 4), estimated: true };
}

/** The series after `release` (known or projected by number). */
function following(calendar: ReleaseCalendar, release: Release): Release | undefined {
  const o = release.version ? versionOrdinal(release.version) : undefined;
  return o === undefined ? undefined : releaseById(calendar, versionOfOrdinal(o + 1));
}

/** The Forum of a series' cycle: a known Summit after its PTG and before the next series' PTG, or an estimate. */
export function forumOf(calendar: ReleaseCalendar, release: Release): { start: string; end?: string; place?: string; estimated?: true } {
  const from = ptgOf(release).start;
  const next = following(calendar, release);
  const until = next ? ptgOf(next).start : addDays(from, 2 * FORUM_AFTER_PTG_DAYS);
  const summit = KNOWN_SUMMITS.find((s) => s.start > from && s.start < until);
  if (summit) return { start: summit.start, end: summit.end, place: summit.place };
  return { start: addDays(from, FORUM_AFTER_PTG_DAYS), estimated: true };
}

/** The quarter whose roadmap a series' PTG (new) or Forum (refresh) publishes: YYYY.1 -> Q1/Q2, YYYY.2 -> Q3/Q4. */
export function quarterPublishedAt(release: Release, at: 'ptg' | 'forum'): QuarterId | undefined {
  const m = /^(\d{4})\.([12])$/.exec(release.version ?? '');
  if (!m) return undefined;
  const q = (m[2] === '1' ? 1 : 3) + (at === 'forum' ? 1 : 0);
  return quarterOf(Number(m[1]), q).id;
}

const label = (r: Release) => ({ id: r.id, label: releaseLabel(r) });

/** The calendar of the series in development at `now` and the one after, in date order. */
export function roadmapCalendar(calendar: ReleaseCalendar, now: Date | number): RoadmapCalendar {
  const today = isoDay(new Date(now).getTime());
  const numbered = seriesThrough(calendar, now).filter((r) => r.version);
  const current = numbered.find((r) => !releasedBy(r, now)) ?? numbered[numbered.length - 1];
  const series: Release[] = [];
  if (current) {
    series.push(current);
    const next = following(calendar, current);
    if (next) series.push(next);
  }
  const events: CalendarEvent[] = [];
  const quarters: RoadmapQuarterPlan[] = [];
  for (const r of series) {
    const s = label(r);
    const ptg = ptgOf(r);
    const ptgQuarter = quarterPublishedAt(r, 'ptg');
    const ptgRoadmap = ptgQuarter ? proposeVersion(ptgQuarter, calendar) : undefined;
    events.push({
      date: ptg.start,
      endDate: ptg.end,
      kind: 'ptg',
      series: s,
      label: `${s.label} PTG`,
      ...(ptg.estimated ? { estimated: true as const } : {}),
      ...(ptgRoadmap ? { roadmap: ptgRoadmap } : {}),
    });
    const forum = forumOf(calendar, r);
    const forumQuarter = quarterPublishedAt(r, 'forum');
    const forumRoadmap = forumQuarter ? proposeVersion(forumQuarter, calendar) : undefined;
    events.push({
      date: forum.start,
      ...(forum.end ? { endDate: forum.end } : {}),
      kind: 'forum',
      series: s,
      label: forum.place ? `OpenInfra Summit, ${forum.place} (Forum)` : 'Forum (OpenInfra Summit)',
      ...(forum.estimated ? { estimated: true as const } : {}),
      ...(forumRoadmap ? { roadmap: forumRoadmap } : {}),
    });
    for (const m of r.milestones) {
      events.push({
        date: m.date,
        kind: 'milestone',
        milestone: m.kind,
        series: s,
        label: m.kind === 'final' ? `${s.label} release` : m.label,
        ...(m.estimated || (m.kind === 'final' && r.estimated) ? { estimated: true as const } : {}),
      });
    }
    for (const e of events.slice(-2 - r.milestones.length)) {
      if (e.roadmap)
        quarters.push({
          quarter: e.roadmap.quarter,
          kind: e.roadmap.kind,
          name: e.roadmap.name,
          event: e.label,
          date: e.date,
          ...(e.estimated ? { estimated: true as const } : {}),
        });
    }
  }
  // Stable: on one day a milestone (feature freeze with milestone 3) keeps the schedule's order.
  const ordered = events.map((e, i) => ({ e, i })).sort((a, b) => toDayMs(a.e.date) - toDayMs(b.e.date) || a.i - b.i);
  const sorted = ordered.map((x) => x.e);
  const todayIndex = sorted.findIndex((e) => (e.endDate ?? e.date) >= today);
  quarters.sort((a, b) => a.quarter.localeCompare(b.quarter));
  return {
    today,
    series: series.map((r) => ({
      ...label(r),
      firstReleaseDate: r.firstReleaseDate,
      ...(r.estimated ? { estimated: true as const } : {}),
    })),
    events: sorted,
    todayIndex: todayIndex === -1 ? sorted.length : todayIndex,
    quarters,
    proposal: proposeVersion(draftQuarter(now).id, calendar),
  };
}
