// Rank is searchable in Jira: each ranked Roadmap Item carries the issue property `lcoo-rank`
// ({quarter, rank, fstRank}), indexed by the manifest's jira:entityProperty `lcoo-rank-index` as
// JQL `lcooRank`, `lcooFstRank` and `lcooRankQuarter` (e.g. `lcooRankQuarter = "2027-Q1" AND
// lcooRank <= 10`). The ranking in KVS stays the truth the page and the gadget read; the property
// is only what Jira's search sees, written as the person who ranked (5 at a time) for the items
// whose rank changed. An item Jira refused is named back, never silently dropped.
import { JiraError } from '../../jira/errors';
import type { JiraClient } from '../../jira/client';
import { setIssueProperty } from '../../jira/issues';

export const RANK_PROPERTY = 'lcoo-rank';

export interface RankValue {
  quarter: string;
  rank?: number;
  fstRank?: number;
}

/** Writes each item's value; the keys Jira refused. */
export async function writeRankProperties(
  client: JiraClient,
  items: readonly { id: string; key: string; value: RankValue }[],
  concurrency = 5,
): Promise<string[]> {
  const refused: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      try {
        await setIssueProperty(client, item.id, RANK_PROPERTY, item.value);
      } catch (err) {
        if (!(err instanceof JiraError)) throw err;
        refused.push(item.key);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return refused;
}
