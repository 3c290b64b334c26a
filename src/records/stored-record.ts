// How an LCOO record sits in a Jira issue property: the domain record, a flat searchable
// copy for jira:entityProperty, who saved which revision, and HMACs only the app can make:
// `sig` over the record and who saved it, `indexSig` over the searchable copy (JQL aliases such
// as lcooIntegrity and lcooCompleteness read it, so it must be the app's too).
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
  /** HMAC over the issue, property, revision, `sig` and `index`; absent on records written before the index was signed. */
  indexSig: z.string().optional(),
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
  /**
   * For a record written before the index was signed: whether its index is what the app would
   * have derived from its data when it saved it (every value derivable from the data matches).
   */
  legacyIndexOk(data: T, index: IndexValues, meta: RecordMeta): boolean;
}

/** Why a record the app can't vouch for reads as modified outside the app. */
export type OutsideChange = 'content' | 'index' | 'replayed';

export type RecordRead<T> =
  | { state: 'missing'; integrity: 'missing' }
  | { state: 'unreadable'; integrity: 'unreadable'; error: string; revision: number | null }
  | {
      state: 'present';
      integrity: 'valid' | 'modified-outside-app';
      data: T;
      meta: RecordMeta;
      index: IndexValues;
      sig?: string;
      /** With 'modified-outside-app': what gave it away. */
      outside?: OutsideChange;
    };

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

export function signIndex(secret: string, issueId: string, propertyKey: string, revision: number, sig: string, index: IndexValues): string {
  return createHmac('sha256', secret).update(canonicalJson({ issueId, propertyKey, revision, sig, index })).digest('hex');
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
  const { data, meta, index, sig, indexSig } = stored.data;
  const parsed = kind.parse(data);
  if (!parsed.ok) {
    return {
      state: 'unreadable',
      integrity: 'unreadable',
      error: `The ${kind.label} could not be read: ${parsed.error}`,
      revision: meta.revision,
    };
  }
  const contentOk = sigMatches(signRecord(secret, issueId, kind.propertyKey, data, meta), sig);
  // The searchable copy counts only if the app wrote it: signed, or (written before it was
  // signed) exactly what the app derives from the signed data.
  const indexOk =
    indexSig !== undefined
      ? sigMatches(signIndex(secret, issueId, kind.propertyKey, meta.revision, sig ?? '', index), indexSig)
      : kind.legacyIndexOk(parsed.value, index, meta);
  const outside: OutsideChange | undefined = !contentOk ? 'content' : !indexOk ? 'index' : undefined;
  return {
    state: 'present',
    integrity: outside ? 'modified-outside-app' : 'valid',
    data: parsed.value,
    meta,
    index,
    ...(sig ? { sig } : {}),
    ...(outside ? { outside } : {}),
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
  const sig = signRecord(secret, issueId, kind.propertyKey, data, meta);
  return {
    schemaVersion: kind.currentSchemaVersion,
    data,
    index,
    meta,
    sig,
    indexSig: signIndex(secret, issueId, kind.propertyKey, meta.revision, sig, index),
  };
}

/** The same stored record with a new searchable copy, signed again (a stage change; data and revision untouched). */
export function withIndex(
  secret: string,
  kind: RecordKind<unknown>,
  issueId: string,
  stored: StoredRecord,
  index: IndexValues,
): StoredRecord {
  return { ...stored, index, indexSig: signIndex(secret, issueId, kind.propertyKey, stored.meta.revision, stored.sig ?? '', index) };
}
