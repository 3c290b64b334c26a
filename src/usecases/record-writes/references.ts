// What a save names must be true today (domain/references.ts: a known series, a real milestone
// on its date, an active OpenStack project); what the stored record already named may stay.
import { AppError } from '../../contract/envelope';
import type { ReferenceProblem } from '../../domain/references';

/** Refuses the save field by field, at the record's path ("vetting.components"); nothing is written. */
export function refuseReferences(problems: ReferenceProblem[], record: 'vetting' | 'delivery'): void {
  if (problems.length === 0) return;
  throw new AppError('BAD_REQUEST', problems.map((p) => p.message).join(' '), {
    fieldErrors: Object.fromEntries(problems.map((p) => [`${record}.${p.field}`, p.message])),
  });
}
