// How an LCOO record sits in a Jira issue property: the domain record, a flat searchable
// copy for jira:entityProperty, who saved which revision, and an HMAC only the app can make.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from './canonical';

export const IndexValueSchema = z.union([z.string(), z.number(), z.array(z.string())]);
export type IndexValues = Record<string, z.infer<typeof IndexValueSchema>>;

export const StoredRecordSchema = z.object({
  schemaVersion: z.number().int(),
  data: z.unknown(),
  index: z.record(z.string(), IndexValueSchema).default({}),
  meta: z.object({
    revision: z.number().int().min(1),
    updatedAt: z.string(),
    updatedBy: z.string(),
    updatedByName: z.string().optional(),
  }),
  sig: z.string().optional(),
});
export type StoredRecord = z.infer<typeof StoredRecordSchema>;
export type RecordMeta = StoredRecord['meta'];

/** The definition of one kind of record (vetting on Roadmap Items, delivery on deliverables). */
export interface RecordKind<T> {
  propertyKey: string;
  label: string;
  /** Parses any stored version and migrates it to the current one. Never throws. */
  parse(raw: unknown): { ok: true; value: T } | { ok: false; error: string };
  currentSchemaVersion: number;
}

export type RecordRead<T> =
  | { state: 'missing'; integrity: 'missing' }
  | { state: 'unreadable'; integrity: 'unreadable'; error: string; revision: number | null }
  | { state: 'present'; integrity: 'valid' | 'modified-outside-app'; data: T; meta: RecordMeta; index: IndexValues; sig?: string };

export function signRecord(secret: string, issueId: string, propertyKey: string, data: unknown, meta: RecordMeta): string {
  // Everything the panel shows about the record is signed, the "saved by" name included.
  const payload = canonicalJson({
    issueId,
    propertyKey,
    data,
    revision: meta.revision,
    updatedAt: meta.updatedAt,
    updatedBy: meta.updatedBy,
    updatedByName: meta.updatedByName,
  });
  return createHmac('sha256', secret).update(payload).digest('hex');
}

function sigMatches(expected: string, actual: string | undefined): boolean {
  if (!actual || actual.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(expected, 'utf8'), Buffer.from(actual, 'utf8'));
}

/**
 * Reads a raw property value. Pure apart from the HMAC: callers fetch the property however
 * suits them (one issue GET in the validator, a search page in the gadget).
 */
export function readRecord<T>(kind: RecordKind<T>, issueId: string, raw: unknown, secret: string): RecordRead<T> {
  if (raw === undefined || raw === null) return { state: 'missing', integrity: 'missing' };
  const stored = StoredRecordSchema.safeParse(raw);
  if (!stored.success) {
    return {
      state: 'unreadable',
      integrity: 'unreadable',
      error: `The ${kind.label} on this issue is not in the LCOO app's format (it was written outside the app).`,
      revision: null,
    };
  }
  const { data, meta, index, sig } = stored.data;
  const parsed = kind.parse(data);
  if (!parsed.ok) {
    return {
      state: 'unreadable',
      integrity: 'unreadable',
      error: `The ${kind.label} could not be read: ${parsed.error}`,
      revision: meta.revision,
    };
  }
  const valid = sigMatches(signRecord(secret, issueId, kind.propertyKey, data, meta), sig);
  return {
    state: 'present',
    integrity: valid ? 'valid' : 'modified-outside-app',
    data: parsed.value,
    meta,
    index,
    ...(sig ? { sig } : {}),
  };
}

export function buildStoredRecord(
  secret: string,
  kind: RecordKind<unknown>,
  issueId: string,
  data: unknown,
  index: IndexValues,
  meta: RecordMeta,
): StoredRecord {
  return {
    schemaVersion: kind.currentSchemaVersion,
    data,
    index,
    meta,
    sig: signRecord(secret, issueId, kind.propertyKey, data, meta),
  };
}
