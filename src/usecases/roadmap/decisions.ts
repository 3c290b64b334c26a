// Recording the Roadmap Committee's decision on a draft item: rights as the ranking's (the
// committee's groups as the app reads them), the release checked against the calendar in
// effect, who and when set here (never taken from the page).
import { AppError, type InvalidInputDetails } from '../../contract/envelope';
import type { AppConfig } from '../../domain/app-config';
import type { EffectiveRow } from '../../domain/portfolio-index';
import type { ReleaseCalendar } from '../../domain/releases';
import { hasRoomFor, targetReleaseProblem, withDecision, type DecisionChoice, type QuarterDecisions } from '../../domain/roadmap/decisions';
import type { Actor } from '../../domain/roadmap/ranking';
import { saveDecisions } from '../../storage/roadmap-decisions';
import { cannotDecide } from './rank-rights';

export interface DecisionSave {
  decisions: QuarterDecisions;
  rows: readonly EffectiveRow[];
  config: AppConfig;
  calendar: ReleaseCalendar;
  userGroups: readonly string[];
  /** Who records: asked only once the rights and the input are checked. */
  actor: () => Promise<Actor>;
  now: Date;
}

const badField = (field: string, message: string): never => {
  const details: InvalidInputDetails = { fieldErrors: { [field]: message } };
  throw new AppError('BAD_REQUEST', `The decision was not recorded. ${message}`, details);
};

export async function recordDecision(
  s: DecisionSave,
  input: { itemId: string; decision: DecisionChoice; revision: number },
): Promise<QuarterDecisions> {
  const refusal = cannotDecide(s.config, s.userGroups);
  if (refusal) throw new AppError('FORBIDDEN', `The decision was not recorded. ${refusal}`);
  if (!s.rows.some((r) => r.id === input.itemId))
    badField('itemId', "That Roadmap Item is not on the quarter's roadmap (Prioritized or Development Ready) or you may not see it.");
  if (input.decision.kind === 'target-release') {
    const problem = targetReleaseProblem(s.calendar, input.decision.releaseId, s.now);
    if (problem) badField('decision.releaseId', problem);
  }
  if (!hasRoomFor(s.decisions, input.itemId)) badField('itemId', 'The quarter already holds decisions for as many items as it can keep.');
  if (s.decisions.revision !== input.revision) conflict();
  const actor = await s.actor();
  const next = withDecision(s.decisions, input.itemId, input.decision, actor, s.now.toISOString());
  if (!(await saveDecisions(input.revision, next, actor.accountId))) conflict();
  return next;
}

function conflict(): never {
  throw new AppError(
    'CONFLICT',
    'Another committee member recorded a decision while you were choosing. The page now shows it; record yours again.',
  );
}
