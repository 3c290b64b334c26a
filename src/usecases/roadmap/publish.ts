// Publishing the quarter's roadmap (Roadmap Committee only): the draft as it is now, in the
// committee's order, frozen into a version that is signed and written once.
import { randomBytes } from 'node:crypto';
import { AppError } from '../../contract/envelope';
import type { AppConfig } from '../../domain/app-config';
import { directoryOf } from '../../domain/directory';
import type { EffectiveRow, IndexRow } from '../../domain/portfolio-index';
import { releaseById, releaseLabel, type ReleaseCalendar } from '../../domain/releases';
import { effectiveOrder, type Actor, type Ranking } from '../../domain/roadmap/ranking';
import { splitIntoParts, versionName, type VersionItem, type VersionKind, type VersionSummary } from '../../domain/roadmap/version';
import { partDigest, signSummary } from '../../records/roadmap-version';
import { getSigningKey } from '../../storage/signing-key';
import { PART_MAX_CHARS, writeVersion } from '../../storage/roadmap-versions';
import { cannotPublish } from './rank-rights';
import { itemRanks } from './ranking';

export interface DraftSnapshot {
  rows: readonly EffectiveRow[];
  full: ReadonlyMap<string, IndexRow>;
  config: AppConfig;
  calendar: ReleaseCalendar;
  ranking: Ranking;
  /** Extra facts per issue id (decisions, delivery progress) when the draft has them. */
  extra?: (id: string) => Pick<VersionItem, 'decisions' | 'progress'>;
}

/**
 * The draft's items as a version holds them, in the committee's order. An issue with a security
 * level is left out: everyone who opens the page reads a version, as the Board reads it.
 */
export function versionItems(d: DraftSnapshot): VersionItem[] {
  const dir = directoryOf(d.config);
  const ranks = itemRanks(d.ranking, d.rows);
  const byId = new Map(d.rows.map((r) => [r.id, r]));
  const { order } = effectiveOrder(
    d.ranking.committee?.order,
    d.rows.filter((r) => !r.securityLevel).map((r) => r.id),
  );
  return order.map((id): VersionItem => {
    const row = byId.get(id)!;
    const rank = ranks.get(id) ?? {};
    const release = row.releaseId ? releaseById(d.calendar, row.releaseId) : undefined;
    const extra = d.extra?.(id) ?? {};
    return {
      id,
      key: row.key,
      summary: d.full.get(id)?.summary ?? row.sortSummary,
      stage: row.stage,
      ...(rank.committee ? { rank: rank.committee } : {}),
      ...(rank.fst ? { fstRank: rank.fst } : {}),
      ...(row.fst ? { fst: dir.fst(row.fst)?.name ?? row.fst } : {}),
      ...(row.type ? { type: row.type } : {}),
      ...(row.size ? { size: row.size } : {}),
      ...(row.releaseId ? { releaseId: row.releaseId, release: release ? releaseLabel(release) : row.releaseId } : {}),
      companies: row.companies
        .map((c, i) => ({ id: c, people: row.people[i] ?? 0 }))
        .filter((c) => row.interested.includes(c.id))
        .map((c) => ({ name: dir.company(c.id)?.name ?? c.id, people: c.people })),
      slipped: row.slipped,
      integrity: row.integrity,
      ...extra,
    };
  });
}

export const newVersionId = (quarter: string, now: Date): string =>
  `${quarter}.${now.getTime().toString(36)}.${randomBytes(3).toString('hex')}`;

export async function publishVersion(
  d: DraftSnapshot,
  input: { quarter: string; kind: VersionKind; event: string },
  who: { actor: Actor; groups: readonly string[]; now: Date },
): Promise<VersionSummary> {
  const refusal = cannotPublish(d.config, who.groups);
  if (refusal) throw new AppError('FORBIDDEN', `The roadmap was not published. ${refusal}`);
  const items = versionItems(d);
  const parts = splitIntoParts(items, PART_MAX_CHARS);
  const unsigned = {
    version: 1 as const,
    id: newVersionId(input.quarter, who.now),
    quarter: input.quarter,
    kind: input.kind,
    event: input.event.trim(),
    name: versionName(input.quarter, input.kind, input.event),
    publishedBy: who.actor,
    publishedAt: who.now.toISOString(),
    itemCount: items.length,
    parts: parts.map(partDigest),
  };
  const summary: VersionSummary = { ...unsigned, sig: signSummary(await getSigningKey(), unsigned) };
  await writeVersion(summary, parts);
  return summary;
}
