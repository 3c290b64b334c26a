import { z } from 'zod';
import type { AppConfig } from './app-config';
import { personWeeksOf } from './company-entries';
import { BUILTIN_CALENDAR, type ReleaseCalendar } from './releases';
import type { PortfolioItem } from './portfolio';
import { effectiveOf, effectiveRowsAt, queryTable } from './portfolio-query';
import { SlimRowSchema, SUMMARY_SORT_CHARS, type EffectiveRow, type IndexAnswer, type IndexQuery, type SlimRow } from './portfolio-rows';
import { tableOfRows } from './portfolio-table';
import { checklistCompleted } from './vetting';

export { compareIssueKeys, DEFAULT_PAGE_SIZE, queryTable } from './portfolio-query';
export * from './portfolio-rows';

/**
 * The portfolio index: one row per Roadmap Item and Upstream Deliverable, derived from the
 * item's signed record, its Jira fields and the gate check's answer, and kept by the app as
 * records change (src/usecases/portfolio-index). The signed record stays the source of truth;
 * a row can be derived again at any time with the same result.
 *
 * What a row holds is the item's OWN facts. A deliverable inherits FST, type, size, member
 * companies and (without a milestone) its target release from its Roadmap Item when a query
 * runs, over the rows the person may see, so a filter never cuts a deliverable off from what
 * it inherits and a Roadmap Item saved later shows through at once.
 */

/**
 * The shape of what a row holds: a version that adds a field derived from the record (2: the
 * release scope tracker's proposer, commitments and milestone) changes the index's fingerprint,
 * so the next reconcile rebuilds and every row gains it.
 */
export const INDEX_ROW_VERSION = 2;

export const IndexRowSchema = SlimRowSchema.extend({
  summary: z.string(),
  issueType: z.string(),
  blockers: z.array(z.object({ requirement: z.string(), message: z.string() })),
  /** A deliverable's OpenStack project. */
  project: z.string().optional(),
  securityLevelName: z.string().optional(),
  /** A deliverable's milestone as its record names it (the release scope tracker checks it against the schedule). */
  milestone: z.object({ label: z.string(), date: z.string() }).optional(),
  /** A Roadmap Item's proposing company (id): the owner the release scope tracker shows. */
  proposer: z.string().optional(),
  /** A Roadmap Item's committed people and person-weeks per company (ids), for the release scope tracker. */
  commitments: z.array(z.object({ company: z.string(), people: z.array(z.string()), personWeeks: z.number().min(0) })).optional(),
});
export type IndexRow = z.infer<typeof IndexRowSchema>;

/** The Jira facts a row needs besides what the gate check decided. */
export interface RowFacts {
  id: string;
  projectId: string;
  projectKey: string;
  /** The issue's `updated` (epoch ms). */
  updatedMs: number;
  /** When the record was last saved (ISO), if there is one. */
  recordSavedAt?: string;
  securityLevel?: { id: string; name?: string };
}

/**
 * An FST or company as the configuration identifies it: a stored id, a current display name or a
 * former one (a record saved before ids, or before a rename) map to the id, as domain/directory.ts
 * reads them; anything else stays as written (an entry since removed).
 */
export function configIdOf(list: readonly { id: string; name: string; formerNames?: readonly string[] }[], value: string): string {
  const trimmed = value.trim();
  const lower = trimmed.toLowerCase();
  const found =
    list.find((x) => x.id === trimmed) ??
    list.find((x) => x.name.toLowerCase() === lower) ??
    list.find((x) => (x.formerNames ?? []).some((n) => n.toLowerCase() === lower));
  return found?.id ?? trimmed;
}

/** The row of one gated item. `config` maps FST and company names to ids. */
export function rowOfItem(
  item: PortfolioItem,
  facts: RowFacts,
  config: Pick<AppConfig, 'fsts' | 'companies'>,
  at: { nowMs: number; calendar: ReleaseCalendar },
): IndexRow {
  const { nowMs, calendar } = at;
  const isPortfolio = item.lifecycle === 'portfolio';
  const v = isPortfolio ? item.vetting : undefined;
  const companies: string[] = [];
  const interested: string[] = [];
  const people: number[] = [];
  if (v) {
    const indexOf = (id: string) => {
      let i = companies.indexOf(id);
      if (i < 0) {
        i = companies.push(id) - 1;
        people.push(0);
      }
      return i;
    };
    if (v.proposingCompany) {
      const id = configIdOf(config.companies, v.proposingCompany);
      indexOf(id);
      interested.push(id);
    }
    for (const c of v.collaborators?.companies ?? []) {
      if (!c.company) continue;
      const id = configIdOf(config.companies, c.company);
      const i = indexOf(id);
      people[i]! += c.people.length;
      if (c.interest === 'yes' && !interested.includes(id)) interested.push(id);
    }
  }
  const saved = facts.recordSavedAt ? Date.parse(facts.recordSavedAt) : Number.NaN;
  const row: IndexRow = {
    id: facts.id,
    key: item.key,
    projectId: facts.projectId,
    projectKey: facts.projectKey,
    lifecycle: item.lifecycle,
    stage: item.stage,
    companies,
    interested,
    people,
    integrity: item.integrity,
    blockerCount: item.blockers.length,
    sortSummary: item.summary.slice(0, SUMMARY_SORT_CHARS).toLowerCase(),
    // Whole seconds: what the index keeps.
    updated: Math.floor((Number.isNaN(saved) ? facts.updatedMs : Math.max(facts.updatedMs, saved)) / 1000) * 1000,
    summary: item.summary,
    issueType: item.issueType,
    blockers: item.blockers.map((b) => ({ requirement: b.requirement, message: b.message })),
  };
  if (item.next) row.next = item.next;
  if (v?.fst) row.fst = configIdOf(config.fsts, v.fst);
  if (v?.type) row.type = v.type;
  if (v?.size) row.size = v.size;
  const releaseId = isPortfolio ? v?.targetRelease : item.delivery?.milestone?.releaseId;
  if (releaseId) row.releaseId = releaseId;
  // A record the app did not sign never counts as done, whatever it claims.
  if (isPortfolio) row.completed = item.integrity === 'valid' && v ? checklistCompleted(v, { nowMs, calendar }) : 0;
  if (!isPortfolio && item.integrity === 'valid' && item.delivery?.roadmapItemKey) row.parentKey = item.delivery.roadmapItemKey;
  if (item.delivery?.project) row.project = item.delivery.project;
  if (!isPortfolio && item.delivery?.milestone)
    row.milestone = { label: item.delivery.milestone.label, date: item.delivery.milestone.date };
  if (v?.proposingCompany) row.proposer = configIdOf(config.companies, v.proposingCompany);
  const commitments = (v?.collaborators?.companies ?? [])
    .filter((c) => c.company && c.people.length > 0)
    .map((c) => ({ company: configIdOf(config.companies, c.company), people: c.people.map((p) => p.name), personWeeks: personWeeksOf(c) }));
  if (commitments.length > 0) row.commitments = commitments;
  if (facts.securityLevel) {
    row.securityLevel = facts.securityLevel.id;
    if (facts.securityLevel.name) row.securityLevelName = facts.securityLevel.name;
  }
  return row;
}

/**
 * Fills in what a deliverable inherits from its Roadmap Item (when the person may see that item:
 * one among `rows`). The same code as the gadget's query (portfolio-query.ts), for callers with
 * rows as objects.
 */
export function effectiveRows(rows: readonly SlimRow[], nowMs: number, calendar: ReleaseCalendar = BUILTIN_CALENDAR): EffectiveRow[] {
  const t = tableOfRows(rows);
  const e = effectiveOf(t, undefined, nowMs, calendar);
  return effectiveRowsAt(t, e, e.rowOf);
}

/** Filters, aggregates, sorts and pages the rows a person may see (queryTable over rows given as objects). */
export function queryIndex(visible: readonly SlimRow[], q: IndexQuery): IndexAnswer {
  return queryTable(tableOfRows(visible), undefined, q);
}
