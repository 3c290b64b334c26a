// Resolver of the LCOO roadmap page (jira:globalPage lcoo-roadmap-page). Each tab's handlers
// live in their own file and are spread in here; the scope tracker's come from ./scope-tracker.
import { ROADMAP_WIRE } from '../../contract/wire';
import { defineResolver } from '../shared/define-resolver';
import { decisionsRecord, draftLoad, rankingSave, rankingSubmit } from './draft';
import { scopeTrackerHandlers } from './scope-tracker';
import { calendarHandlers } from './calendar';
import { versionsCompare, versionsExport, versionsGet, versionsList, versionsPublish } from './versions';

export const roadmapResolver = defineResolver(ROADMAP_WIRE, {
  'draft/load': draftLoad,
  'ranking/save': rankingSave,
  'ranking/submit': rankingSubmit,
  'decisions/record': decisionsRecord,
  'versions/list': versionsList,
  'versions/publish': versionsPublish,
  'versions/get': versionsGet,
  'versions/compare': versionsCompare,
  'versions/export': versionsExport,
  ...scopeTrackerHandlers,
  ...calendarHandlers,
});
