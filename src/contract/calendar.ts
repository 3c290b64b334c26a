// What crosses the bridge for the admin page's "Release calendar" tab (admin-resolver keys
// calendar/get and calendar/save). The page imports these types only; the resolver does every
// zod check, so a refused save comes back with an error per field path ("series.0.firstReleaseDate").
import { z } from 'zod';
import type { CalendarEntries } from '../domain/release-calendar';
import type { MilestoneKind, ReleaseSource, ReleaseStatus, ScheduledMilestoneKind } from '../domain/releases';

export { CalendarEntriesInputSchema as CalendarSaveInputSchema } from '../domain/release-calendar';
export type { CalendarEntries, SeriesEntry } from '../domain/release-calendar';

export const CalendarGetInputSchema = z.object({}).loose();

/** One series as the calendar in effect has it today. */
export interface CalendarSeriesView {
  id: string;
  /** "2027.1 Indri", or "2027.2" before it has a name. */
  label: string;
  name: string;
  version?: string;
  firstReleaseDate: string;
  /** The date is the six-month estimate, not a published schedule. */
  estimated: boolean;
  status: ReleaseStatus;
  statusLabel: string;
  statusSince?: string;
  slurp: boolean;
  source: ReleaseSource;
  /** Still to ship today: offered for targeting. */
  open: boolean;
  milestones: { kind: MilestoneKind; label: string; date: string; estimated: boolean }[];
}

export interface CalendarView {
  /** The day the answer was made (YYYY-MM-DD, UTC). */
  today: string;
  /** Every series from 2023.1 on, with the next ones by number until two are still to ship. */
  series: CalendarSeriesView[];
  /** The admin's entries as saved. */
  entries: CalendarEntries;
  source: 'built-in' | 'stored' | 'invalid-stored';
  problem?: string;
  updatedAt?: string;
  updatedBy?: string;
  vocabulary: {
    statuses: { id: ReleaseStatus; label: string }[];
    milestones: { id: ScheduledMilestoneKind; label: string }[];
  };
}
