// Every call this page makes to its resolver (roadmap-resolver), typed by the contract's wire
// (src/contract/wire.ts ROADMAP_WIRE). Every tab, the scope tracker's included, calls through this.
import type { RoadmapWire } from '../../../src/contract/wire';
import { makeCaller } from '../../shared/invoke';

export const { call, isCallError } = makeCaller<RoadmapWire>();

/** The sentence to show for a failed call. */
export const problemOf = (err: unknown): string =>
  isCallError(err) ? err.message : 'Something went wrong. Reload the page and try again.';
