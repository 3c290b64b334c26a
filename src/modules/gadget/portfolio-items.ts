// Turns searched issues into the domain's PortfolioItems. Each LCOO record is verified with
// the app's signature (readRecord), so a record edited through raw REST is carried as
// 'modified-outside-app' and the domain never lets it pass a gate or count as complete; so is
// an old signed copy put back through raw REST, caught against the latest revisions the app
// wrote (read in bulk once per load: readAllLatestRevisions).
import type { Issue } from '../../jira/issues';
import { lifecycleOfIssueType, lifecycleOfStage, stageByStatusName } from '../../domain/lifecycle';
import type { PortfolioItem } from '../../domain/portfolio';
import { DELIVERY_PROPERTY, DELIVERY_RECORD, VETTING_PROPERTY, VETTING_RECORD } from '../../records/kinds';
import { freshAgainst } from '../../records/record-store';
import type { LatestRevisions } from '../../storage/latest-revisions';
import { readRecord } from '../../records/stored-record';

/** Only what the gadget shows or the domain reads: each extra field costs bytes on every page. */
export const PORTFOLIO_FIELDS = ['summary', 'status', 'issuetype'];
export const PORTFOLIO_PROPERTIES = [VETTING_PROPERTY, DELIVERY_PROPERTY];

export type ItemOrSkip = { item: PortfolioItem } | { skip: string };

export function toPortfolioItem(issue: Issue, secret: string, latest?: LatestRevisions): ItemOrSkip {
  const typeName = issue.fields.issuetype?.name ?? '';
  const statusName = issue.fields.status?.name ?? '';
  const lifecycle = lifecycleOfIssueType(typeName);
  if (!lifecycle) return { skip: `issue type "${typeName}" is not an LCOO issue type` };
  const stage = stageByStatusName(statusName);
  if (!stage || lifecycleOfStage(stage) !== lifecycle) {
    return { skip: `status "${statusName}" is not a stage of the ${typeName} lifecycle (check the project's workflow scheme)` };
  }
  const base = { key: issue.key, summary: issue.fields.summary ?? '', issueType: typeName, lifecycle, stage };
  const properties = issue.properties ?? {};
  if (lifecycle === 'portfolio') {
    const read = freshAgainst(
      latest?.of(VETTING_PROPERTY, issue.id),
      readRecord(VETTING_RECORD, issue.id, properties[VETTING_PROPERTY], secret),
    );
    return { item: { ...base, integrity: read.integrity, ...(read.state === 'present' ? { vetting: read.data } : {}) } };
  }
  const read = freshAgainst(
    latest?.of(DELIVERY_PROPERTY, issue.id),
    readRecord(DELIVERY_RECORD, issue.id, properties[DELIVERY_PROPERTY], secret),
  );
  return { item: { ...base, integrity: read.integrity, ...(read.state === 'present' ? { delivery: read.data } : {}) } };
}

export interface VerifiedItems {
  items: PortfolioItem[];
  skipped: { count: number; examples: { key: string; reason: string }[] };
}

export function toPortfolioItems(issues: readonly Issue[], secret: string, latest?: LatestRevisions): VerifiedItems {
  const items: PortfolioItem[] = [];
  const skipped: VerifiedItems['skipped'] = { count: 0, examples: [] };
  for (const issue of issues) {
    const r = toPortfolioItem(issue, secret, latest);
    if ('item' in r) items.push(r.item);
    else {
      skipped.count += 1;
      if (skipped.examples.length < 5) skipped.examples.push({ key: issue.key, reason: r.skip });
    }
  }
  return { items, skipped };
}
