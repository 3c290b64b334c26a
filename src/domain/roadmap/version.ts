import { z } from 'zod';
import { canonicalJson } from '../canonical';
import { IntegritySchema } from '../gates';
import { StageSchema } from '../lifecycle';
import { ItemTypeSchema, SizeSchema } from '../vetting';
import { ActorSchema } from './ranking';
import { QuarterIdSchema, quarterLabel } from './quarter';

/**
 * A published LCOO roadmap: what the Roadmap Committee hands the Board for a quarter, frozen as
 * it was the moment it was published. "Publish New Roadmap Bi-annually aligned to PTG's, Refresh
 * Roadmap Bi-annually aligned to Forums": each version is a new roadmap or a refresh, named by
 * its quarter, kind and event ("2027 Q1, new roadmap, Indri PTG", "2027 Q2, refresh, Forum").
 *
 * A version is written once and never edited: its items are split into parts that fit a storage
 * value, each part's digest is in the version's summary, and the summary is signed (HMAC, the
 * records' secret) over all of it, so a part or a summary changed afterwards reads as modified.
 */

export const VERSION_KINDS = ['new', 'refresh'] as const;
export const VersionKindSchema = z.enum(VERSION_KINDS);
export type VersionKind = z.infer<typeof VersionKindSchema>;
export const VERSION_KIND_LABELS: Record<VersionKind, string> = { new: 'new roadmap', refresh: 'refresh' };

export const VersionEventSchema = z
  .string()
  .trim()
  .min(1, { error: 'Name the event the version is published for (e.g. "Indri PTG" or "Forum").' })
  .max(80, { error: 'At most 80 characters.' });

/** "2027 Q1, new roadmap, Indri PTG" */
export const versionName = (quarter: string, kind: VersionKind, event: string): string =>
  `${quarterLabel(quarter)}, ${VERSION_KIND_LABELS[kind]}, ${event.trim()}`;

/** One Roadmap Item as the version holds it: the facts the Board reads, with names (not ids) as they were then. */
export const VersionItemSchema = z.object({
  id: z.string(),
  key: z.string(),
  summary: z.string(),
  stage: StageSchema,
  /** The committee's rank (absent: not ranked when published). */
  rank: z.number().int().min(1).optional(),
  fstRank: z.number().int().min(1).optional(),
  fst: z.string().optional(),
  type: ItemTypeSchema.optional(),
  size: SizeSchema.optional(),
  releaseId: z.string().optional(),
  release: z.string().optional(),
  /** Committed member companies and people: "AT&T (2)". */
  companies: z.array(z.object({ name: z.string(), people: z.number().int().min(0) })),
  slipped: z.boolean(),
  integrity: IntegritySchema,
  /** The committee's decisions recorded on the draft, when any (target release, delivery strategy). */
  decisions: z
    .object({
      targetRelease: z.string().optional(),
      deliveryStrategy: z.string().optional(),
    })
    .optional(),
  /** Upstream Deliverables: delivered of all, when the item has any. */
  progress: z.object({ delivered: z.number().int().min(0), total: z.number().int().min(0) }).optional(),
});
export type VersionItem = z.infer<typeof VersionItemSchema>;

export const VersionIdSchema = z.string().regex(/^\d{4}-Q[1-4]\.[a-z0-9]{1,16}\.[a-z0-9]{1,16}$/);

export const VersionSummarySchema = z.object({
  version: z.literal(1),
  id: VersionIdSchema,
  quarter: QuarterIdSchema,
  kind: VersionKindSchema,
  event: VersionEventSchema,
  name: z.string(),
  publishedBy: ActorSchema,
  publishedAt: z.iso.datetime(),
  itemCount: z.number().int().min(0),
  /** sha256 (hex) of each part's canonical JSON, in order. */
  parts: z.array(z.string().regex(/^[0-9a-f]{64}$/)).max(200),
  sig: z.string().regex(/^[0-9a-f]{64}$/),
});
export type VersionSummary = z.infer<typeof VersionSummarySchema>;
export type UnsignedSummary = Omit<VersionSummary, 'sig'>;

export const VersionPartSchema = z.object({ items: z.array(VersionItemSchema) });
export type VersionPart = z.infer<typeof VersionPartSchema>;

/** What the summary's signature covers: everything in it but the signature (the parts through their digests). */
export const summarySigningPayload = (s: UnsignedSummary): string => canonicalJson({ purpose: 'lcoo-roadmap-version', summary: s });

/**
 * Splits the items into parts whose canonical JSON stays under `maxChars` (a storage value's limit
 * with room to spare), in order. An item alone over the limit is refused: no summary is that long.
 */
export function splitIntoParts(items: readonly VersionItem[], maxChars: number): VersionPart[] {
  const parts: VersionPart[] = [];
  let current: VersionItem[] = [];
  let size = 12;
  for (const item of items) {
    const n = canonicalJson(item).length + 1;
    if (n + 12 > maxChars) throw new Error(`Roadmap Item ${item.key} is too large to publish (${n} characters).`);
    if (size + n > maxChars && current.length > 0) {
      parts.push({ items: current });
      current = [];
      size = 12;
    }
    current.push(item);
    size += n;
  }
  if (current.length > 0 || parts.length === 0) parts.push({ items: current });
  return parts;
}

/** The versions newest first. */
export const newestFirst = (list: readonly VersionSummary[]): VersionSummary[] =>
  [...list].sort((a, b) => (a.publishedAt < b.publishedAt ? 1 : a.publishedAt > b.publishedAt ? -1 : a.id < b.id ? 1 : -1));
