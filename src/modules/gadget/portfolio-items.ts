// Turns searched issues into the gate check's snapshots. Each LCOO record is verified with
// the app's signature (readRecord), so a record edited through raw REST is carried as
// 'modified-outside-app' and never passes a gate or counts as complete; so is an old signed
// copy put back through raw REST, caught against the latest revisions the app wrote (read in
// bulk once per load). Roadmap Items are also kept by key, as the checklists deliverables may
// need (whatever their status).
import type { Stage } from '../../domain/lifecycle';
import type { Vetting } from '../../domain/vetting';
import type { Issue } from '../../jira/issues';
import { DELIVERY_PROPERTY, DELIVERY_RECORD, VETTING_PROPERTY, VETTING_RECORD } from '../../records/kinds';
import { freshAgainst } from '../../records/record-store';
import { readRecord, type RecordRead } from '../../records/stored-record';
import type { LatestRevisions } from '../../storage/latest-revisions';
import type { StatusStageMap } from '../../storage/status-stages';
import { snapshotOf } from '../../usecases/issue-snapshot';
import type { PortfolioIssue } from '../../usecases/portfolio-gates';

/** Only what the gadget shows or the gate reads: each extra field costs bytes on every page. */
export const PORTFOLIO_FIELDS = ['summary', 'status', 'issuetype'];
export const PORTFOLIO_PROPERTIES = [VETTING_PROPERTY, DELIVERY_PROPERTY];

export interface VerifiedIssues {
  issues: PortfolioIssue[];
  /** Every Roadmap Item read, by key: its type, verified record and stage (a deliverable's gate reads its checklist as of that stage). */
  roadmapItems: Map<string, { typeName: string; read: RecordRead<Vetting>; stage: Stage | undefined }>;
  skipped: { count: number; examples: { key: string; reason: string }[] };
}

export function toPortfolioIssues(
  found: readonly Issue[],
  secret: string,
  statusStages: StatusStageMap,
  latest?: LatestRevisions,
): VerifiedIssues {
  const out: VerifiedIssues = { issues: [], roadmapItems: new Map(), skipped: { count: 0, examples: [] } };
  const skip = (key: string, reason: string) => {
    out.skipped.count += 1;
    if (out.skipped.examples.length < 5) out.skipped.examples.push({ key, reason });
  };
  for (const issue of found) {
    const typeName = issue.fields.issuetype?.name ?? '';
    const properties = issue.properties ?? {};
    const vetting =
      properties[VETTING_PROPERTY] === undefined
        ? undefined
        : freshAgainst(latest?.of(VETTING_PROPERTY, issue.id), readRecord(VETTING_RECORD, issue.id, properties[VETTING_PROPERTY], secret));
    const delivery =
      properties[DELIVERY_PROPERTY] === undefined
        ? undefined
        : freshAgainst(
            latest?.of(DELIVERY_PROPERTY, issue.id),
            readRecord(DELIVERY_RECORD, issue.id, properties[DELIVERY_PROPERTY], secret),
          );
    const snapshot = snapshotOf(
      { key: issue.key, issueTypeName: typeName, status: issue.fields.status ?? {}, vetting, delivery },
      statusStages,
    );
    if (!snapshot) {
      skip(issue.key, `issue type "${typeName}" is not an LCOO issue type`);
      continue;
    }
    if (snapshot.lifecycle === 'portfolio') {
      out.roadmapItems.set(issue.key, { typeName, read: vetting ?? { state: 'missing', integrity: 'missing' }, stage: snapshot.stage });
    }
    const { stage } = snapshot;
    if (!stage) {
      skip(
        issue.key,
        `status "${issue.fields.status?.name ?? ''}" is not a stage of the ${typeName} lifecycle (check the project's workflow scheme)`,
      );
      continue;
    }
    out.issues.push({ snapshot: { ...snapshot, stage }, summary: issue.fields.summary ?? '', issueType: typeName });
  }
  return out;
}
