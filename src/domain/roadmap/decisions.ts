import { z } from 'zod';
import { releasesOpenForTargeting, releaseById, releaseLabel, type ReleaseCalendar } from '../releases';
import { ActorSchema, type Actor } from './ranking';
import { QuarterIdSchema } from './quarter';

/**
 * The Roadmap Committee's quarterly decisions on a Roadmap Item ("Target Release decision making
 * • Delivery Strategy decision making", in the proposal): which OpenStack series the item
 * targets, and how it is delivered. Each is recorded with who decided and when (the server's
 * time); a later decision of the same kind supersedes the earlier one, which stays in the
 * item's history (newest first, at most DECISION_HISTORY_LIMIT per item).
 */

/**
 * How an item reaches the community. The seed names the ways an item is delivered: upstream
 * through the project teams and the members' community contributors ("delivery streams"), and
 * "the open-sourcing of a new project"; an operator need an upstream project will not take is
 * carried out of tree (a plugin, driver or tool kept by the members). So four choices:
 */
export const DELIVERY_STRATEGIES = ['upstream-first', 'existing-project', 'new-project', 'out-of-tree'] as const;
export const DeliveryStrategySchema = z.enum(DELIVERY_STRATEGIES, {
  error: `Choose a delivery strategy: ${DELIVERY_STRATEGIES.join(', ')}.`,
});
export type DeliveryStrategy = z.infer<typeof DeliveryStrategySchema>;
export const DELIVERY_STRATEGY_LABELS: Record<DeliveryStrategy, string> = {
  'upstream-first': 'Upstream first (in the impacted project)',
  'existing-project': 'Through another existing OpenStack project',
  'new-project': 'Open-source as a new project',
  'out-of-tree': 'Out of tree (plugin or tool kept by the members)',
};

export const DECISION_NOTE_MAX = 500;
export const DecisionNoteSchema = z
  .string()
  .trim()
  .max(DECISION_NOTE_MAX, { error: `At most ${DECISION_NOTE_MAX} characters.` });

/** What the committee decided (without who and when). */
export const DecisionChoiceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('target-release'), releaseId: z.string().min(1).max(40) }),
  z.object({ kind: z.literal('delivery-strategy'), strategy: DeliveryStrategySchema, note: DecisionNoteSchema.optional() }),
]);
export type DecisionChoice = z.infer<typeof DecisionChoiceSchema>;
export type DecisionKind = DecisionChoice['kind'];

export const DecisionSchema = z.intersection(DecisionChoiceSchema, z.object({ by: ActorSchema, at: z.iso.datetime() }));
export type Decision = z.infer<typeof DecisionSchema>;

export const DECISION_HISTORY_LIMIT = 20;
/**
 * Items a quarter holds decisions for: above an LCOO quarter's (the seed's roadmap has tens of
 * items), and small enough that every item's latest two decisions at their largest (a 500-character
 * note of 3-byte characters) fit DECISIONS_BUDGET_BYTES.
 */
export const DECISION_ITEMS_LIMIT = 50;
/** The stored value's size limit in UTF-8 bytes, under a KVS value's 240 KiB with room to spare. */
export const DECISIONS_BUDGET_BYTES = 200_000;

export const QuarterDecisionsSchema = z.object({
  version: z.literal(1),
  quarter: QuarterIdSchema,
  revision: z.number().int().min(0),
  /** By Roadmap Item issue id: its decisions, newest first. */
  items: z.record(z.string().regex(/^\d+$/), z.array(DecisionSchema).max(DECISION_HISTORY_LIMIT)),
});
export type QuarterDecisions = z.infer<typeof QuarterDecisionsSchema>;

export const emptyDecisions = (quarter: string): QuarterDecisions => ({ version: 1, quarter, revision: 0, items: {} });

/** Why a target release may not be decided (undefined: it may): only a series not yet released. */
export function targetReleaseProblem(calendar: ReleaseCalendar, releaseId: string, now: Date): string | undefined {
  if (releasesOpenForTargeting(calendar, now).some((r) => r.id === releaseId)) return undefined;
  const r = releaseById(calendar, releaseId);
  return r
    ? `${releaseLabel(r)} is already released; choose a release still open for targeting.`
    : `"${releaseId}" is not an OpenStack release in the release calendar.`;
}

/** The decisions with one more recorded first for the item; the oldest beyond the limit fall off. */
export function withDecision(d: QuarterDecisions, itemId: string, choice: DecisionChoice, by: Actor, at: string): QuarterDecisions {
  // An empty note is not kept.
  const kept: DecisionChoice =
    choice.kind === 'delivery-strategy' && (choice.note ?? '') === '' ? { kind: choice.kind, strategy: choice.strategy } : choice;
  const decision: Decision = { ...kept, by, at };
  const list = [decision, ...(d.items[itemId] ?? [])].slice(0, DECISION_HISTORY_LIMIT);
  return withinBudget({ ...d, revision: d.revision + 1, items: { ...d.items, [itemId]: list } });
}

const bytes = (v: unknown): number => new TextEncoder().encode(JSON.stringify(v)).length;

/**
 * Drops the oldest superseded decisions (never an item's latest of a kind) until the value fits
 * DECISIONS_BUDGET_BYTES: the history is kept as far back as room allows.
 */
export function withinBudget(d: QuarterDecisions): QuarterDecisions {
  let size = bytes(d);
  if (size <= DECISIONS_BUDGET_BYTES) return d;
  const superseded: { id: string; decision: Decision }[] = [];
  for (const [id, list] of Object.entries(d.items)) {
    const latest = latestDecisions(list);
    for (const x of list) if (x !== latest.targetRelease && x !== latest.deliveryStrategy) superseded.push({ id, decision: x });
  }
  superseded.sort((a, b) => (a.decision.at < b.decision.at ? -1 : a.decision.at > b.decision.at ? 1 : 0));
  const drop = new Set<Decision>();
  for (const s of superseded) {
    if (size <= DECISIONS_BUDGET_BYTES) break;
    drop.add(s.decision);
    size -= bytes(s.decision) + 1;
  }
  return { ...d, items: Object.fromEntries(Object.entries(d.items).map(([id, list]) => [id, list.filter((x) => !drop.has(x))])) };
}

/** Whether one more item can be given decisions (an item already holding some always can). */
export const hasRoomFor = (d: QuarterDecisions, itemId: string): boolean =>
  itemId in d.items || Object.keys(d.items).length < DECISION_ITEMS_LIMIT;

/** The item's latest decision of each kind. */
export function latestDecisions(list: readonly Decision[] | undefined): { targetRelease?: Decision; deliveryStrategy?: Decision } {
  const out: { targetRelease?: Decision; deliveryStrategy?: Decision } = {};
  for (const d of list ?? []) {
    if (d.kind === 'target-release' && !out.targetRelease) out.targetRelease = d;
    if (d.kind === 'delivery-strategy' && !out.deliveryStrategy) out.deliveryStrategy = d;
  }
  return out;
}

/** The latest decisions as a published version holds them: names, not ids. */
export function versionDecisions(
  list: readonly Decision[] | undefined,
  calendar: ReleaseCalendar,
): { targetRelease?: string; deliveryStrategy?: string } | undefined {
  const { targetRelease: t, deliveryStrategy: s } = latestDecisions(list);
  if (!t && !s) return undefined;
  const release = t?.kind === 'target-release' ? releaseById(calendar, t.releaseId) : undefined;
  return {
    ...(t?.kind === 'target-release' ? { targetRelease: release ? releaseLabel(release) : t.releaseId } : {}),
    ...(s?.kind === 'delivery-strategy' ? { deliveryStrategy: DELIVERY_STRATEGY_LABELS[s.strategy] + (s.note ? ` (${s.note})` : '') } : {}),
  };
}
