// What the portfolio index was built with and how far it is: one KVS key, read with every
// gadget load (in the same batch as the configuration) and by every write to the index.
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { KVS_KEYS } from '../keys';

export const IndexMetaSchema = z.object({
  version: z.literal(1),
  /** 'ready': queries read the index; 'empty': never built (the gadget searches Jira meanwhile). */
  state: z.enum(['empty', 'ready']),
  bucketCount: z.number().int().min(1).max(200),
  /** The generation current writes belong to (a rebuild starts the next one and sweeps older rows). */
  generation: z.number().int().min(0),
  /** The gate settings rows were derived with (the workflows' rules as read, the admin's settings source). */
  settings: z.unknown().optional(),
  /** A digest of `settings` and of the release calendar's state: a change means rows must be derived again. */
  fingerprint: z.string().optional(),
  builtAt: z.string().optional(),
  /** The last reconcile with Jira: the incremental search starts from here. */
  reconciledAt: z.string().optional(),
  /** The last full pass over every item (catches raw property edits Jira reports no event for). */
  fullPassAt: z.string().optional(),
  /**
   * The projects rows belong to, and the issues with a security level, as of the last rebuild
   * or reconcile: what a load asks Jira about in ONE permission call, alongside the buckets.
   * A load finding others asks once more for those.
   */
  projects: z.array(z.string()).default([]),
  secured: z.array(z.string()).default([]),
});
export type IndexMeta = z.infer<typeof IndexMetaSchema>;

export const EMPTY_META: IndexMeta = { version: 1, state: 'empty', bucketCount: 1, generation: 0, projects: [], secured: [] };

export function parseMeta(raw: unknown): IndexMeta {
  const parsed = IndexMetaSchema.safeParse(raw);
  return parsed.success ? parsed.data : EMPTY_META;
}

export async function loadIndexMeta(): Promise<IndexMeta> {
  return parseMeta(await kvs.get<unknown>(KVS_KEYS.portfolioIndex));
}

export async function saveIndexMeta(meta: IndexMeta): Promise<void> {
  await kvs.set(KVS_KEYS.portfolioIndex, IndexMetaSchema.parse(meta));
}

/** A rebuild's progress, as the admin page polls it. */
export const RebuildProgressSchema = z.object({
  jobId: z.string(),
  state: z.enum(['running', 'done', 'failed']),
  startedAt: z.string(),
  startedBy: z.string().optional(),
  finishedAt: z.string().optional(),
  /** Items written so far, and the total Jira reported at the start (when it did). */
  done: z.number().int().min(0),
  total: z.number().int().min(0).optional(),
  steps: z.number().int().min(0),
  /** The generation the rebuild writes. */
  generation: z.number().int(),
  bucketCount: z.number().int(),
  /** Where the next step continues: the search page token, and the last item's creation (to resume). */
  nextPageToken: z.string().optional(),
  resumeFrom: z.string().optional(),
  /** The longest step so far (ms), to hold each step under Forge's limit. */
  longestStepMs: z.number().min(0).default(0),
  /** Records whose JQL search values this rebuild rewrote, and those left for the next rebuild (issue 15.12). */
  reindexed: z.number().int().min(0).optional(),
  reindexLeft: z.number().int().min(0).optional(),
  /** Every page is written: the rebuild sweeps older rows, from this bucket on. */
  sweepNext: z.number().int().min(0).optional(),
  /** The slowest unit of each kind the last step saw (ms): what the next step counts on (step-budget.ts). */
  unitCosts: z.record(z.string(), z.number().min(0)).optional(),
  error: z.string().optional(),
  lastStepAt: z.string().optional(),
});
export type RebuildProgress = z.infer<typeof RebuildProgressSchema>;

export async function loadRebuildProgress(): Promise<RebuildProgress | undefined> {
  const parsed = RebuildProgressSchema.safeParse(await kvs.get<unknown>(KVS_KEYS.portfolioRebuild));
  return parsed.success ? parsed.data : undefined;
}

export async function saveRebuildProgress(p: RebuildProgress): Promise<void> {
  await kvs.set(KVS_KEYS.portfolioRebuild, RebuildProgressSchema.parse(p));
}
