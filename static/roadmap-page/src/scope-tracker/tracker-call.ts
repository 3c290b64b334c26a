// The scope tracker's calls, typed by its own wire (src/contract/scope-tracker.ts). Its keys are
// spread into the roadmap page's resolver, so this caller reaches the same function as the
// page's own (call.ts); typing it by the tracker's wire keeps the tab free of the page's other keys.
import type { ScopeTrackerWire } from '../../../../src/contract/scope-tracker';
import { makeCaller } from '../../../shared/invoke';

export const { call, isCallError } = makeCaller<ScopeTrackerWire>();

/** The sentence to show for a failed call. */
export const problemOf = (err: unknown): string =>
  isCallError(err) ? err.message : 'Something went wrong. Reload the page and try again.';
