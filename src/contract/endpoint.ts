// One resolver key of a wire (wire.ts): its own file so a tab's contract (scope-tracker.ts) can
// declare its keys and be spread into a page's wire without importing wire.ts (no cycle).
import type { z } from 'zod';
import type { InvalidInputDetails, JiraFailureDetails } from './envelope';

/** One resolver key: its input schema (a value, for the backend) and, as types only, its answer and refusal details. */
export interface Endpoint<I extends z.ZodType, O, D> {
  input: I;
  /** Never set: carries the answer type. */
  readonly output?: O;
  /** Never set: carries the refusal details type. */
  readonly details?: D;
}

/** Every key answers BAD_REQUEST with fieldErrors for a payload its schema refuses, and Jira's status when Jira failed. */
type Common = InvalidInputDetails | JiraFailureDetails;

export const endpoint =
  <O, D = never>() =>
  <I extends z.ZodType>(input: I): Endpoint<I, O, D | Common> => ({ input });
