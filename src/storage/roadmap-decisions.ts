// The quarter's committee decisions in Forge KVS: their own value per quarter (not the ranking's,
// so a decision and a ranking save never conflict), kept under 200,000 bytes by the domain
// (withinBudget: the oldest superseded decisions go first), a KVS value holding 240 KiB. A save names the revision it read; another save since, or one claiming the same next
// revision first (claimOnce, 60 s), is a conflict.
import { kvs } from '@forge/kvs';
import { emptyDecisions, QuarterDecisionsSchema, type QuarterDecisions } from '../domain/roadmap/decisions';
import { claimOnce } from './claim';
import { KVS_KEYS } from './keys';

/** A stored value that no longer parses reads as no decisions, with why (the next save replaces it). */
export function decisionsFromStored(quarter: string, raw: unknown): { decisions: QuarterDecisions; problem?: string } {
  if (raw === undefined || raw === null) return { decisions: emptyDecisions(quarter) };
  const parsed = QuarterDecisionsSchema.safeParse(raw);
  if (parsed.success && parsed.data.quarter === quarter) return { decisions: parsed.data };
  const revision = typeof (raw as { revision?: unknown }).revision === 'number' ? (raw as { revision: number }).revision : 0;
  return {
    decisions: { ...emptyDecisions(quarter), revision },
    problem: `The committee's saved decisions of ${quarter} can't be read by this version of the app; they show as none until the committee records them again.`,
  };
}

export async function loadDecisions(quarter: string): Promise<{ decisions: QuarterDecisions; problem?: string }> {
  return decisionsFromStored(quarter, await kvs.get<unknown>(KVS_KEYS.roadmapDecisions(quarter)));
}

/** Saves `next` (revision = the read one + 1) unless someone saved since `readRevision`. */
export async function saveDecisions(readRevision: number, next: QuarterDecisions, holder: string): Promise<boolean> {
  const { decisions: current } = await loadDecisions(next.quarter);
  if (current.revision !== readRevision) return false;
  const claim = await claimOnce(KVS_KEYS.roadmapDecisionsClaim(next.quarter, next.revision), holder, { ttlSeconds: 60 });
  if (!claim.ok) return false;
  await kvs.set(KVS_KEYS.roadmapDecisions(next.quarter), QuarterDecisionsSchema.parse(next));
  return true;
}
