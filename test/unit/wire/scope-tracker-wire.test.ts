// The scope tracker's keys as the roadmap page's wire carries them, checked by the compiler
// (`npm run lint`: every @ts-expect-error line must stay an error) and at run time: spread into
// ROADMAP_WIRE, answered by the page's one resolver.
import type { TrackerView } from '../../../src/contract/scope-tracker';
import { SCOPE_TRACKER_WIRE } from '../../../src/contract/scope-tracker';
import { ROADMAP_WIRE, type RoadmapWire } from '../../../src/contract/wire';
import { scopeTrackerHandlers } from '../../../src/modules/roadmap/scope-tracker';
import type { Caller } from '../../../static/shared/invoke';

function neverRun(): void {
  const page = undefined as unknown as Caller<RoadmapWire>;
  void page.call('tracker/load').then((v: TrackerView) => v.rows);
  void page.call('tracker/add-note', { issueKey: 'LCOO-1', text: 'Merged.' });
  // @ts-expect-error an update needs its text
  void page.call('tracker/add-note', { issueKey: 'LCOO-1' });
  // @ts-expect-error a week is a date (YYYY-MM-DD)
  void page.call('tracker/add-note', { issueKey: 'LCOO-1', text: 'x', week: 3 });
  // @ts-expect-error the author is the invocation's, never sent
  void page.call('tracker/add-note', { issueKey: 'LCOO-1', text: 'x', authorId: 'someone' });
  // @ts-expect-error the answer is the notes, not the tracker
  void page.call('tracker/notes', { issueKey: 'LCOO-1' }).then((v: TrackerView) => v);
  void page.call('tracker/add-note', { issueKey: 'LCOO-1', text: 'x' }).catch((err: unknown) => {
    if (page.isCallError(err) && err.details && 'fieldErrors' in err.details) return err.details.fieldErrors['text'];
    return undefined;
  });
}

test("the tracker's keys are the roadmap page's, each with its handler", () => {
  expect(typeof neverRun).toBe('function');
  for (const key of Object.keys(SCOPE_TRACKER_WIRE)) {
    expect(ROADMAP_WIRE).toHaveProperty([key]);
    expect(scopeTrackerHandlers).toHaveProperty([key]);
  }
  expect(Object.keys(SCOPE_TRACKER_WIRE)).toEqual(['tracker/load', 'tracker/notes', 'tracker/add-note']);
  expect(SCOPE_TRACKER_WIRE['tracker/add-note'].input.safeParse({ issueKey: 'LCOO-1', text: '' }).success).toBe(false);
});
