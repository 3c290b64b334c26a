// calendar/load: the roadmap page's Calendar tab. Reads only the release calendar in effect (one
// KVS read, no Jira call); everyone who may open the page reads it.
import type { CalendarLoadView, RoadmapCalendarWire } from '../../contract/roadmap-calendar';
import { roadmapCalendar } from '../../domain/roadmap/calendar';
import { loadReleaseCalendar } from '../../storage/release-calendar';
import type { Handlers } from '../shared/define-resolver';

export const calendarHandlers: Handlers<RoadmapCalendarWire> = {
  'calendar/load': {
    doing: 'load the roadmap calendar',
    async run(): Promise<CalendarLoadView> {
      const loaded = await loadReleaseCalendar();
      return {
        ...roadmapCalendar(loaded.calendar, Date.now()),
        calendarSource: loaded.source,
        ...(loaded.problem ? { problem: loaded.problem } : {}),
        cost: { jiraCalls: 0, storageCalls: 1 },
      };
    },
  },
};
