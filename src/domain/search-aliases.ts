import type { AppConfig } from './app-config';
import type { Delivery } from './delivery';
import { directoryOf, type Directory } from './directory';
import { LIFECYCLES, stageDef, type Stage } from './lifecycle';
import { releaseById, type ReleaseCalendar } from './releases';
import { ITEM_TYPE_LABELS, ITEM_TYPES, SIZES, type Vetting } from './vetting';

/**
 * The JQL search aliases of the LCOO records (manifest.yml jira:entityProperty) and the ONE rule
 * for what each holds:
 *
 *   a value is searchable by the words the app shows for it, spelled as shown ("Networking",
 *   "Indri", "2027.1", "Open-sourcing", "Being Vetted / Groomed"), and by its stable id
 *   ("networking", "indri", "open-sourcing", "being-vetted").
 *
 * Jira indexes a `string` value "as is" for exact matches only (docs/platform-facts.md), so the
 * app writes every spelling a person may use as an array; the id keeps older queries and saved
 * filters working, and stays the same when an admin renames an FST, a company or a series.
 * This list is the one the manifest, the README and the admin page's "Search (JQL)" tab show
 * (test/unit/domain/search-aliases.test.ts holds them together).
 */

export type AliasValues =
  | 'fst'
  | 'company'
  | 'type'
  | 'size'
  | 'release'
  | 'portfolio-stage'
  | 'delivery-stage'
  | 'percent'
  | 'integrity'
  | 'issue-key'
  | 'project'
  | 'rank'
  | 'quarter';

export interface SearchAlias {
  alias: string;
  /**
   * Which property Jira reads: `lcoo-vetting` (Roadmap Items), `lcoo-delivery` (Upstream
   * Deliverables) or `lcoo-rank` (a Roadmap Item's place in the roadmap ranking, written by the
   * roadmap page: src/usecases/roadmap/rank-search.ts).
   */
  record: 'vetting' | 'delivery' | 'rank';
  /** The path in the stored property (manifest `path`). */
  path: string;
  type: 'string' | 'number';
  /** What the alias says about an issue, in a line. */
  meaning: string;
  /** What a query may compare it with. */
  values: AliasValues;
  /** A query a person would write. */
  example: string;
}

export const SEARCH_ALIASES: readonly SearchAlias[] = [
  {
    alias: 'lcooStage',
    record: 'vetting',
    path: 'index.stage',
    type: 'string',
    meaning: "The Roadmap Item's stage.",
    values: 'portfolio-stage',
    example: 'lcooStage = "Prioritized"',
  },
  {
    alias: 'lcooType',
    record: 'vetting',
    path: 'index.type',
    type: 'string',
    meaning: 'The type of work (checklist item 1).',
    values: 'type',
    example: 'lcooType = "Debt"',
  },
  {
    alias: 'lcooSize',
    record: 'vetting',
    path: 'index.size',
    type: 'string',
    meaning: 'The size of effort (checklist item 6).',
    values: 'size',
    example: 'lcooSize in (L, XL)',
  },
  {
    alias: 'lcooTargetRelease',
    record: 'vetting',
    path: 'index.targetRelease',
    type: 'string',
    meaning: 'The OpenStack series the item targets (checklist item 12): its name or its number.',
    values: 'release',
    example: 'lcooTargetRelease = "Indri"',
  },
  {
    alias: 'lcooFst',
    record: 'vetting',
    path: 'index.fst',
    type: 'string',
    meaning: 'The Functional Specialty Team that owns the item.',
    values: 'fst',
    example: 'lcooFst = "Networking"',
  },
  {
    alias: 'lcooCompleteness',
    record: 'vetting',
    path: 'index.completeness',
    type: 'number',
    meaning: 'Percent of the 12 checklist items complete when the item was last saved or moved.',
    values: 'percent',
    example: 'lcooCompleteness < 100',
  },
  {
    alias: 'lcooCompany',
    record: 'vetting',
    path: 'index.companies',
    type: 'string',
    meaning: 'Every member company with an entry on the item: the proposing company and each listed collaborator, whatever its answer.',
    values: 'company',
    example: 'lcooCompany = "Comcast"',
  },
  {
    alias: 'lcooCommittedCompany',
    record: 'vetting',
    path: 'index.committedCompanies',
    type: 'string',
    meaning: 'Member companies that committed at least one person to the item.',
    values: 'company',
    example: 'lcooCommittedCompany = "AT&T"',
  },
  {
    alias: 'lcooIntegrity',
    record: 'vetting',
    path: 'index.integrity',
    type: 'string',
    meaning: 'Always "valid" when the LCOO app wrote the record; the panel and the gadget check the signature, JQL cannot.',
    values: 'integrity',
    example: 'lcooIntegrity = valid',
  },
  {
    alias: 'lcooDeliveryStage',
    record: 'delivery',
    path: 'index.stage',
    type: 'string',
    meaning: "The Upstream Deliverable's stage.",
    values: 'delivery-stage',
    example: 'lcooDeliveryStage = "Code Committed"',
  },
  {
    alias: 'lcooRoadmapItem',
    record: 'delivery',
    path: 'index.roadmapItem',
    type: 'string',
    meaning: 'The Roadmap Item the deliverable delivers (its issue key).',
    values: 'issue-key',
    example: 'lcooRoadmapItem = LCOO-12',
  },
  {
    alias: 'lcooProject',
    record: 'delivery',
    path: 'index.project',
    type: 'string',
    meaning: 'The OpenStack project the deliverable lands in.',
    values: 'project',
    example: 'lcooProject = "Nova"',
  },
  {
    alias: 'lcooMilestone',
    record: 'delivery',
    path: 'index.milestone',
    type: 'string',
    meaning: "The series of the deliverable's milestone: its name or its number.",
    values: 'release',
    example: 'lcooMilestone = "2027.1"',
  },
  {
    alias: 'lcooRank',
    record: 'rank',
    path: 'rank',
    type: 'number',
    meaning: "The Roadmap Item's place in the Roadmap Committee's ranking of the quarter lcooRankQuarter names (1 first).",
    values: 'rank',
    example: 'lcooRankQuarter = "2027-Q1" AND lcooRank <= 10',
  },
  {
    alias: 'lcooFstRank',
    record: 'rank',
    path: 'fstRank',
    type: 'number',
    meaning: "The Roadmap Item's place in its FST's ranking of that quarter (1 first).",
    values: 'rank',
    example: 'lcooFst = "Networking" AND lcooFstRank <= 3',
  },
  {
    alias: 'lcooRankQuarter',
    record: 'rank',
    path: 'quarter',
    type: 'string',
    meaning: 'The quarter the Roadmap Item was last ranked for.',
    values: 'quarter',
    example: 'lcooRankQuarter = "2027-Q1"',
  },
];

/** What each kind of value is, in a line (the README's table and the admin page). */
export const ALIAS_VALUE_HELP: Readonly<Record<AliasValues, string>> = {
  fst: 'An FST by its name as shown ("Networking") or its id ("networking").',
  company: 'A member company by its name as shown ("AT&T") or its id ("att").',
  type: 'Debt, New, Bug, Open-sourcing or Other (or the id: debt, new, bug, open-sourcing, other).',
  size: 'S, M, L or XL.',
  release: 'A series by its name ("Indri"), its number ("2027.1") or its id ("indri"); a series not yet named by its number ("2027.2").',
  'portfolio-stage': 'A status of the Roadmap Item workflow ("Being Vetted / Groomed") or its id ("being-vetted").',
  'delivery-stage': 'A status of the Upstream Delivery workflow ("Code Committed") or its id ("code-committed").',
  percent: 'A number from 0 to 100; compare with =, <, <=, >, >=.',
  integrity: 'valid.',
  'issue-key': 'An issue key ("LCOO-12").',
  project: 'An OpenStack project name as the panel spells it ("Nova", "Neutron").',
  rank: 'A number from 1; compare with =, <, <=, >, >=.',
  quarter: 'A quarter written like "2027-Q1".',
};

/** The alias with that name (JQL field names are not case-sensitive). */
export function searchAlias(name: string): SearchAlias | undefined {
  const lower = name.trim().toLowerCase();
  return SEARCH_ALIASES.find((a) => a.alias.toLowerCase() === lower);
}

// ---------------------------------------------------------------- the rule

/** Every spelling of one value: what the app shows first, then the id, each once. */
export function searchTerms(...spellings: (string | undefined)[]): string[] {
  const out: string[] = [];
  for (const s of spellings) {
    const t = s?.trim();
    if (t && !out.includes(t)) out.push(t);
  }
  return out;
}

/** What the configuration and the calendar say each id is called today. */
export interface SearchNames {
  directory: Directory;
  calendar: ReleaseCalendar;
}

export function searchNamesOf(config: Pick<AppConfig, 'fsts' | 'companies'>, calendar: ReleaseCalendar): SearchNames {
  return { directory: directoryOf(config), calendar };
}

/** A stored FST reference (id, or before ids a current or former name): today's name and its id. */
export function fstTerms(ref: string, names: SearchNames): string[] {
  const fst = names.directory.fst(ref);
  return fst ? searchTerms(fst.name, fst.id) : searchTerms(ref);
}

export function companyTerms(ref: string, names: SearchNames): string[] {
  const company = names.directory.company(ref);
  return company ? searchTerms(company.name, company.id) : searchTerms(ref);
}

/** A series: its name ("Indri"), its number ("2027.1") and its id ("indri"). */
export function releaseTerms(id: string, calendar: ReleaseCalendar): string[] {
  const release = releaseById(calendar, id);
  return release ? searchTerms(release.name, release.version, release.id) : searchTerms(id);
}

/** A stage: the name of its Jira status ("Being Vetted / Groomed") and its id ("being-vetted"). */
export function stageTerms(stage: Stage): string[] {
  return searchTerms(stageDef(stage).statusName, stage);
}

export function typeTerms(type: keyof typeof ITEM_TYPE_LABELS): string[] {
  return searchTerms(ITEM_TYPE_LABELS[type], type);
}

const flat = (lists: string[][]): string[] => searchTerms(...lists.flat());

/**
 * The searchable values of a vetting record (without completeness and integrity, which the
 * record kind adds). Empty values are left out, so `IS EMPTY` finds them.
 */
export function vettingSearchValues(v: Vetting, stage: Stage | undefined, names: SearchNames): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (stage) out.stage = stageTerms(stage);
  if (v.type) out.type = typeTerms(v.type);
  if (v.size) out.size = searchTerms(v.size);
  if (v.targetRelease) out.targetRelease = releaseTerms(v.targetRelease, names.calendar);
  if (v.fst) out.fst = fstTerms(v.fst, names);
  const entries = v.collaborators?.companies ?? [];
  const named = [...(v.proposingCompany ? [v.proposingCompany] : []), ...entries.map((c) => c.company)];
  out.companies = flat(named.map((c) => companyTerms(c, names)));
  out.committedCompanies = flat(entries.filter((c) => c.people.length > 0).map((c) => companyTerms(c.company, names)));
  return out;
}

export function deliverySearchValues(d: Delivery, stage: Stage | undefined, calendar: ReleaseCalendar): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (stage) out.stage = stageTerms(stage);
  if (d.roadmapItemKey) out.roadmapItem = searchTerms(d.roadmapItemKey);
  if (d.project) out.project = searchTerms(d.project);
  if (d.milestone) out.milestone = releaseTerms(d.milestone.releaseId, calendar);
  return out;
}

// ---------------------------------------------------------------- what the admin page lists

export interface AliasValue {
  /** What the app shows. */
  shown: string;
  /** Other spellings the index holds (the id, a series' number). */
  also: string[];
}

/**
 * The values each kind of alias takes today, from the configuration and the calendar:
 * `releases` are the series to list (the admin page gives the ones still open and recent).
 */
export function aliasValueLists(
  config: Pick<AppConfig, 'fsts' | 'companies'>,
  releases: readonly { id: string; name: string; version?: string }[],
): Partial<Record<AliasValues, AliasValue[]>> {
  const split = (terms: string[]): AliasValue => ({ shown: terms[0] ?? '', also: terms.slice(1) });
  return {
    fst: config.fsts.map((f) => split(searchTerms(f.name, f.id))),
    company: config.companies.map((c) => split(searchTerms(c.name, c.id))),
    type: ITEM_TYPES.map((t) => split(typeTerms(t))),
    size: SIZES.map((s) => split([s])),
    release: releases.map((r) => split(searchTerms(r.name, r.version, r.id))),
    'portfolio-stage': LIFECYCLES.portfolio.stages.map((s) => split(stageTerms(s.id))),
    'delivery-stage': LIFECYCLES.delivery.stages.map((s) => split(stageTerms(s.id))),
    integrity: [split(['valid'])],
  };
}
