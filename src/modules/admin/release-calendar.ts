// calendar/get and calendar/save: the admin page's "Release calendar" tab. An LCOO admin adds
// the next series (by number, then its name and dates as openstack/releases publishes them) or
// corrects one, without a release of the app. Admins only; the wire's schema checks the entries
// as a calendar (dates in order, milestones inside their cycle) and answers field by field.
import type { CalendarSeriesView, CalendarView } from '../../contract/calendar';
import type { AdminWire } from '../../contract/wire';
import type { CalendarEntries } from '../../domain/release-calendar';
import {
  RELEASE_STATUSES,
  RELEASE_STATUS_LABELS,
  SCHEDULED_MILESTONE_KINDS,
  releaseLabel,
  releaseStatusAt,
  releasedBy,
  seriesThrough,
  type Release,
} from '../../domain/releases';
import { loadReleaseCalendar, saveReleaseCalendar, type LoadedCalendar } from '../../storage/release-calendar';
import type { Handlers } from '../shared/define-resolver';
import { requireAdmin } from './require-admin';

const MILESTONE_NAMES: Record<(typeof SCHEDULED_MILESTONE_KINDS)[number], string> = {
  'milestone-1': 'Milestone 1',
  'milestone-2': 'Milestone 2',
  'milestone-3': 'Milestone 3',
  'feature-freeze': 'Feature freeze',
  rc1: 'RC1 target week',
};

function seriesView(r: Release, now: Date): CalendarSeriesView {
  const { status, since } = releaseStatusAt(r, now);
  return {
    id: r.id,
    label: releaseLabel(r),
    name: r.name,
    ...(r.version ? { version: r.version } : {}),
    firstReleaseDate: r.firstReleaseDate,
    estimated: r.estimated === true,
    status,
    statusLabel: RELEASE_STATUS_LABELS[status],
    ...(since ? { statusSince: since } : {}),
    slurp: r.slurp,
    source: r.source,
    open: !releasedBy(r, now),
    milestones: r.milestones.map((m) => ({ kind: m.kind, label: m.label, date: m.date, estimated: m.estimated === true })),
  };
}

export function calendarView(loaded: LoadedCalendar, now: Date): CalendarView {
  return {
    today: now.toISOString().slice(0, 10),
    // The series an admin may still need to touch: every numbered one (2023.1 on).
    series: seriesThrough(loaded.calendar, now)
      .filter((r) => r.version)
      .map((r) => seriesView(r, now)),
    entries: loaded.entries,
    source: loaded.source,
    ...(loaded.problem ? { problem: loaded.problem } : {}),
    ...(loaded.updatedAt ? { updatedAt: loaded.updatedAt } : {}),
    ...(loaded.updatedBy ? { updatedBy: loaded.updatedBy } : {}),
    vocabulary: {
      statuses: RELEASE_STATUSES.map((id) => ({ id, label: RELEASE_STATUS_LABELS[id] })),
      milestones: SCHEDULED_MILESTONE_KINDS.map((id) => ({ id, label: MILESTONE_NAMES[id] })),
    },
  };
}

type AdminHandlers = Handlers<AdminWire>;

export const calendarGet: AdminHandlers['calendar/get'] = {
  doing: 'load the release calendar',
  async run(_input, ctx): Promise<CalendarView> {
    await requireAdmin(ctx, 'see the release calendar settings');
    return calendarView(await loadReleaseCalendar(), new Date());
  },
};

export const calendarSave: AdminHandlers['calendar/save'] = {
  doing: 'save the release calendar',
  async run(entries: CalendarEntries, ctx): Promise<CalendarView> {
    await requireAdmin(ctx, 'change the release calendar');
    const now = new Date();
    return calendarView(await saveReleaseCalendar(entries, { accountId: ctx.accountId, at: now }), now);
  },
};
