// The release scope tracker's handlers, spread into the LCOO roadmap page's resolver
// (roadmap-resolver) beside the page's own: reads as the person (index rows they may browse),
// a note only by someone Jira lets edit the deliverable.
import type { ScopeTrackerWire } from '../../contract/scope-tracker';
import { asUser } from '../../jira/client';
import { addTrackerNote, listTrackerNotes } from '../../usecases/scope-tracker/notes';
import { loadTracker } from '../../usecases/scope-tracker/load';
import type { Handlers } from '../shared/define-resolver';

export const scopeTrackerHandlers: Handlers<ScopeTrackerWire> = {
  'tracker/load': {
    doing: 'load the release scope tracker',
    run: (input) => loadTracker(input.releaseId, asUser()),
  },
  'tracker/notes': {
    doing: 'read the weekly updates',
    run: (input) => listTrackerNotes(input.issueKey, asUser()),
  },
  'tracker/add-note': {
    doing: 'add the weekly update',
    run: (input, ctx) => addTrackerNote(input, ctx.accountId, asUser()),
  },
};
