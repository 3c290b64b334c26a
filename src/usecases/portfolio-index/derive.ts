// Index rows from what was read: every writer of the index comes through here, so a row is
// the same whoever derives it. Issues read from Jira (a search page, a trigger's issue) are
// verified as the gadget always verified them (verify-issues.ts); a record just saved arrives
// already verified. Both become the gate check's snapshot, take the gate check of their next
// move (portfolio-gates.ts, the one gate check) and become rows (domain rowOfItem).
import type { AppConfig } from '../../domain/app-config';
import { rowOfItem, type IndexRow, type RowFacts } from '../../domain/portfolio-index';
import type { Vetting } from '../../domain/vetting';
import type { Delivery } from '../../domain/delivery';
import type { Issue } from '../../jira/issues';
import { parentChecklistOf, type ParentChecklist } from '../../records/roadmap-item';
import type { RecordRead } from '../../records/stored-record';
import type { LatestRevisions } from '../../storage/latest-revisions';
import type { StatusStageMap } from '../../storage/status-stages';
import { snapshotOf } from '../issue-snapshot';
import { gatePortfolio, parentKeysNeeded, type PortfolioIssue } from '../portfolio-gates';
import type { ReleaseCalendar } from '../../domain/releases';
import type { SettingsFor } from './settings';
import { toPortfolioIssues, type VerifiedIssues } from './verify-issues';
import { inParallel } from '../../storage/portfolio-index/in-parallel';

/** Roadmap Items read from Jira at once for the deliverables of one batch. */
const PARENT_READS_PARALLEL = 10;

export interface DeriveContext {
  settingsFor: SettingsFor;
  config: Pick<AppConfig, 'fsts' | 'companies'>;
  now: Date;
  /** The release calendar in effect (checklist item 12, slipped). */
  calendar: ReleaseCalendar;
  /** A Roadmap Item the batch does not hold, read when some gate needs its checklist. */
  readParent: (key: string) => Promise<ParentChecklist>;
}

export interface Derived {
  rows: IndexRow[];
  skipped: VerifiedIssues['skipped'];
  /** Issue ids read that are not LCOO items in a stage (their rows, if any, must go). */
  notItems: string[];
}

async function rowsOf(
  issues: readonly PortfolioIssue[],
  facts: ReadonlyMap<string, RowFacts>,
  inBatch: (key: string) => ParentChecklist | undefined,
  ctx: DeriveContext,
): Promise<IndexRow[]> {
  const parents = new Map<string, ParentChecklist>();
  const outside: string[] = [];
  for (const key of parentKeysNeeded(issues, ctx.settingsFor)) {
    const got = inBatch(key);
    if (got) parents.set(key, got);
    else outside.push(key);
  }
  // Roadmap Items outside the batch: one Jira read each, several at once (a page of deliverables
  // of 100 items read in turn would take 20 s at 200 ms a call).
  const read = await inParallel(outside, PARENT_READS_PARALLEL, (key) => ctx.readParent(key));
  outside.forEach((key, i) => parents.set(key, read[i]!));
  const at = { nowMs: ctx.now.getTime(), calendar: ctx.calendar };
  const items = gatePortfolio(issues, ctx.settingsFor, (key) => parents.get(key), at);
  return items.map((item) => rowOfItem(item, facts.get(item.key)!, ctx.config, at));
}

/** Rows of issues read from Jira with their LCOO properties. */
export async function deriveFromIssues(
  found: readonly Issue[],
  secret: string,
  statusStages: StatusStageMap,
  latest: LatestRevisions,
  ctx: DeriveContext,
): Promise<Derived> {
  const verified = toPortfolioIssues(found, secret, statusStages, latest);
  const rows = await rowsOf(
    verified.issues,
    verified.facts,
    (key) => {
      const got = verified.roadmapItems.get(key);
      return got ? parentChecklistOf(key, got) : undefined;
    },
    ctx,
  );
  const kept = new Set(rows.map((r) => r.id));
  return { rows, skipped: verified.skipped, notItems: found.map((i) => i.id).filter((id) => !kept.has(id)) };
}

/** What a save knows of its issue: read before the save, and the record as just written. */
export interface SavedIssue {
  key: string;
  issueTypeName: string;
  summary: string;
  status: { id?: string; name: string };
  facts: RowFacts;
  vetting?: RecordRead<Vetting>;
  delivery?: RecordRead<Delivery>;
}

/** The row of an issue whose record was just written (undefined when it is not an LCOO item in a stage). */
export async function deriveFromSave(saved: SavedIssue, statusStages: StatusStageMap, ctx: DeriveContext): Promise<IndexRow | undefined> {
  const snapshot = snapshotOf(
    { key: saved.key, issueTypeName: saved.issueTypeName, status: saved.status, vetting: saved.vetting, delivery: saved.delivery },
    statusStages,
  );
  if (!snapshot?.stage) return undefined;
  const issue: PortfolioIssue = {
    snapshot: { ...snapshot, stage: snapshot.stage },
    summary: saved.summary,
    issueType: saved.issueTypeName,
  };
  const [row] = await rowsOf([issue], new Map([[saved.key, saved.facts]]), () => undefined, ctx);
  return row;
}
