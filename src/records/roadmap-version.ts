// Published roadmap versions are signed like the records: HMAC-SHA256 with the app's secret
// (storage/signing-key.ts) over the version's summary, which holds the sha256 of each part. A
// version whose summary or any part differs from what was signed reads as modified.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalJson } from '../domain/canonical';
import { summarySigningPayload, type UnsignedSummary, type VersionPart, type VersionSummary } from '../domain/roadmap/version';

export const partDigest = (part: VersionPart): string => createHash('sha256').update(canonicalJson(part)).digest('hex');

export const signSummary = (secret: string, s: UnsignedSummary): string =>
  createHmac('sha256', secret).update(summarySigningPayload(s)).digest('hex');

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** 'valid' when the summary is the app's and every part is the one it names. */
export function versionIntegrity(
  secret: string,
  summary: VersionSummary,
  parts: readonly (VersionPart | undefined)[],
): 'valid' | 'modified' {
  const { sig, ...unsigned } = summary;
  if (!same(sig, signSummary(secret, unsigned))) return 'modified';
  if (parts.length !== summary.parts.length) return 'modified';
  return parts.every((p, i) => p !== undefined && same(partDigest(p), summary.parts[i]!)) ? 'valid' : 'modified';
}
