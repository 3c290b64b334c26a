// The roadmap page's Calendar tab (issue 13 item 7): what the page sends and gets back.
// ROADMAP_CALENDAR_WIRE is spread into ROADMAP_WIRE (wire.ts), its handler into the page's resolver.
import { z } from 'zod';
import type { RoadmapCalendar } from '../domain/roadmap/calendar';
import { endpoint } from './endpoint';

export type { CalendarEvent, CalendarEventKind, RoadmapCalendar, RoadmapQuarterPlan } from '../domain/roadmap/calendar';

export const CalendarLoadInputSchema = z.object({}).strict();

export interface CalendarLoadView extends RoadmapCalendar {
  /** The release calendar in effect: built-in, or with an admin's entries; a stored value that no longer parses is set aside with this sentence. */
  calendarSource: 'built-in' | 'stored' | 'invalid-stored';
  problem?: string;
  /** What the load cost: no Jira call, one storage read. */
  cost: { jiraCalls: number; storageCalls: number };
}

export const ROADMAP_CALENDAR_WIRE = {
  'calendar/load': endpoint<CalendarLoadView>()(CalendarLoadInputSchema),
};
export type RoadmapCalendarWire = typeof ROADMAP_CALENDAR_WIRE;
