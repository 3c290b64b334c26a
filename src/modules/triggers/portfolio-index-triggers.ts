// The portfolio index's triggers: Jira's issue events (manifest trigger lcoo-portfolio-index),
// the hourly reconcile (scheduledTrigger lcoo-index-reconcile) and each step of a rebuild
// (consumer of the queue lcoo-index-rebuild). Thin: the use cases decide.
import { z } from 'zod';
import { onIssueChanged, onIssueDeleted, reconcile } from '../../usecases/portfolio-index/reconcile';
import { rebuildStep } from '../../usecases/portfolio-index/rebuild';

const EventTypeSchema = z.object({ eventType: z.string().optional() }).loose();

export async function portfolioIndexTrigger(event: unknown): Promise<unknown> {
  const type = EventTypeSchema.safeParse(event).data?.eventType;
  if (type === 'avi:jira:deleted:issue') return onIssueDeleted(event);
  return onIssueChanged(event, type === 'avi:jira:created:issue');
}

export const portfolioReconcile = (): Promise<unknown> => reconcile();

/** The consumer receives the async event (its `body` is what the previous step pushed). */
export async function portfolioRebuildStep(event: unknown): Promise<unknown> {
  const body = z.object({ body: z.unknown() }).loose().safeParse(event);
  return rebuildStep(body.success ? body.data.body : undefined);
}
