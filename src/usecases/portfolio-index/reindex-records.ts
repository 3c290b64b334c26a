// Keeps the JQL search values of the records current as a rebuild reads them (issue 15.12):
// a record the app wrote whose searchable copy is not what the app derives today (written
// before the one rule, or before an admin renamed an FST, a company or a series) is indexed
// again, as the app, with data, revision and signature untouched (records/record-store
// refreshIndex). Completeness alone never triggers a write: it moves with the day and is
// refreshed by every save and move.
import type { AppConfig } from '../../domain/app-config';
import type { GateTime } from '../../domain/gates';
import { lifecycleOfIssueType } from '../../domain/lifecycle';
import type { Delivery } from '../../domain/delivery';
import type { Vetting } from '../../domain/vetting';
import type { JiraClient } from '../../jira/client';
import type { Issue } from '../../jira/issues';
import { canonicalJson } from '../../records/canonical';
import { DELIVERY_RECORD, VETTING_RECORD, deliveryIndex, vettingIndex } from '../../records/kinds';
import { freshAgainst, refreshIndex } from '../../records/record-store';
import { readRecord, type IndexValues, type RecordKind } from '../../records/stored-record';
import type { LatestRevisions } from '../../storage/latest-revisions';
import type { StatusStageMap } from '../../storage/status-stages';
import { stageOfStatus } from '../issue-snapshot';

export interface StaleIndex {
  issue: { id: string; key: string };
  kind: RecordKind<unknown>;
  index: IndexValues;
}

const searchValues = ({ completeness: _c, ...rest }: IndexValues) => canonicalJson(rest);

/** The records of a search page whose search values differ from what the app derives today. */
export function staleSearchIndexes(
  found: readonly Issue[],
  secret: string,
  statusStages: StatusStageMap,
  latest: LatestRevisions,
  at: GateTime,
  config: Pick<AppConfig, 'fsts' | 'companies'>,
): StaleIndex[] {
  const out: StaleIndex[] = [];
  for (const issue of found) {
    const lifecycle = lifecycleOfIssueType(issue.fields.issuetype?.name ?? '');
    if (!lifecycle) continue;
    const kind = (lifecycle === 'portfolio' ? VETTING_RECORD : DELIVERY_RECORD) as RecordKind<unknown>;
    const raw = issue.properties?.[kind.propertyKey];
    if (raw === undefined) continue;
    // Only the latest record the app wrote: a forged or replayed value's index means nothing.
    const read = freshAgainst(latest.of(kind.propertyKey, issue.id), readRecord(kind, issue.id, raw, secret));
    if (read.state !== 'present' || read.integrity !== 'valid') continue;
    const stage = stageOfStatus(issue.fields.status ?? {}, lifecycle, statusStages);
    if (!stage) continue; // the trigger indexes the stage once the issue is in one
    const index =
      lifecycle === 'portfolio'
        ? vettingIndex(read.data as Vetting, stage, at, config)
        : deliveryIndex(read.data as Delivery, stage, at.calendar);
    if (searchValues(index) !== searchValues(read.index)) out.push({ issue: { id: issue.id, key: issue.key }, kind, index });
  }
  return out;
}

/**
 * Writes the stale indexes, at most `limit` (each costs a property read and a write), all at
 * once (a rebuild step passes groups of REINDEX_PARALLEL); the rest wait for the next rebuild.
 * A failed write is logged and left for the next one too.
 */
export async function reindexRecords(
  client: JiraClient,
  stale: readonly StaleIndex[],
  limit: number,
): Promise<{ reindexed: number; left: number }> {
  const now = stale.slice(0, Math.max(0, limit));
  const done = await Promise.all(
    now.map(async (s) => {
      try {
        return (await refreshIndex(client, s.kind, s.issue, s.index)) ? ('reindexed' as const) : ('unchanged' as const);
      } catch (err) {
        console.warn(`[lcoo] the search values of ${s.issue.key} could not be rewritten; the next rebuild tries again:`, err);
        return 'failed' as const;
      }
    }),
  );
  const count = (what: (typeof done)[number]) => done.filter((d) => d === what).length;
  return { reindexed: count('reindexed'), left: stale.length - now.length + count('failed') };
}
