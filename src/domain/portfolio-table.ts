// The portfolio index's rows as columns: what a gadget load queries. A load reads every row of
// the portfolio (50,000 at the largest sites we plan for) and shows twenty; building an object
// per row, and another per row for what a deliverable inherits, cost more than everything else
// a filter change does (their garbage collection too). So the rows are kept as one typed array
// per field, every string field as a reference into one dictionary, and objects are made only
// for the rows a page shows (`slimRowAt`), or for callers that want every row.
import { INTEGRITY_STATES, type Integrity } from './gates';
import { PORTFOLIO_STAGES, STAGES, type Stage } from './lifecycle';
import type { SlimRow } from './portfolio-rows';
import { ITEM_TYPES, SIZES } from './vetting';

/** -1 in a reference or enum column: no value. */
export const NONE = -1;

export interface RowTable {
  readonly n: number;
  /** Every FST, release, company and security level id the rows name (each once). */
  readonly strings: readonly string[];
  readonly projects: readonly { readonly id: string; readonly key: string }[];
  /** Lists of company references (into `strings`), each distinct list once. */
  readonly companyLists: readonly (readonly number[])[];
  /** Lists of committed people counts, each distinct list once. */
  readonly peopleLists: readonly (readonly number[])[];
  readonly id: Float64Array;
  readonly key: readonly string[];
  /** The Roadmap Item's key a deliverable names ('' none). */
  readonly parent: readonly string[];
  readonly sortSummary: readonly string[];
  /**
   * Issue keys as numbers, to find a deliverable's Roadmap Item and sort by key without hashing
   * or cutting strings: the project part (into `keyPrefixes`) and the number. A key not of the
   * form PROJECT-123 (none in Jira) is its own prefix, numbered -1. No parent: NONE.
   */
  readonly keyPrefixes: readonly string[];
  readonly keyPrefix: Int32Array;
  readonly keyNumber: Float64Array;
  readonly parentPrefix: Int32Array;
  readonly parentNumber: Float64Array;
  /** Into `projects`. */
  readonly project: Int32Array;
  /** Indices into STAGES (next: NONE at the last stage), ITEM_TYPES, SIZES, INTEGRITY_STATES. */
  readonly stage: Int8Array;
  readonly next: Int8Array;
  readonly type: Int8Array;
  readonly size: Int8Array;
  readonly integrity: Int8Array;
  /** Checklist items complete (NONE: not a Roadmap Item's). */
  readonly completed: Int8Array;
  readonly blockers: Int32Array;
  /** Into `strings` (NONE: none). */
  readonly fst: Int32Array;
  readonly release: Int32Array;
  readonly security: Int32Array;
  /** Into `companyLists` and `peopleLists`; `interested` is a bit mask over the row's company list (bit i: company i). */
  readonly companies: Int32Array;
  readonly interested: Int32Array;
  readonly people: Int32Array;
  /** Epoch ms. */
  readonly updated: Float64Array;
}

/** The portfolio stages come first in STAGES: a stage index below this is a Roadmap Item's. */
export const PORTFOLIO_STAGE_COUNT = PORTFOLIO_STAGES.length;

const EMPTY: readonly never[] = Object.freeze([]);

/**
 * Builds a table of a known number of rows, interning strings, projects and lists as they come.
 * The storage layer fills the columns straight from a stored bucket; `tableOfRows` from objects.
 */
export class TableBuilder {
  readonly strings: string[] = [];
  readonly projects: { id: string; key: string }[] = [];
  readonly companyLists: (readonly number[])[] = [];
  readonly peopleLists: (readonly number[])[] = [];
  private readonly stringAt = new Map<string, number>();
  private readonly projectAt = new Map<string, number>();
  private readonly companyListAt = new Map<string, number>();
  private readonly peopleListAt = new Map<string, number>();
  readonly id: Float64Array;
  readonly key: string[];
  readonly parent: string[];
  readonly sortSummary: string[];
  readonly keyPrefixes: string[] = [];
  readonly keyPrefix: Int32Array;
  readonly keyNumber: Float64Array;
  readonly parentPrefix: Int32Array;
  readonly parentNumber: Float64Array;
  private readonly prefixAt = new Map<string, number>();
  private lastPrefix = '';
  private lastPrefixRef = NONE;
  readonly project: Int32Array;
  readonly stage: Int8Array;
  readonly next: Int8Array;
  readonly type: Int8Array;
  readonly size: Int8Array;
  readonly integrity: Int8Array;
  readonly completed: Int8Array;
  readonly blockers: Int32Array;
  readonly fst: Int32Array;
  readonly release: Int32Array;
  readonly security: Int32Array;
  readonly companies: Int32Array;
  readonly interested: Int32Array;
  readonly people: Int32Array;
  readonly updated: Float64Array;
  /** Rows filled so far: the storage layer appends bucket after bucket. */
  n = 0;

  constructor(readonly capacity: number) {
    this.id = new Float64Array(capacity);
    this.key = new Array<string>(capacity);
    this.parent = new Array<string>(capacity);
    this.sortSummary = new Array<string>(capacity);
    this.keyPrefix = new Int32Array(capacity);
    this.keyNumber = new Float64Array(capacity);
    this.parentPrefix = new Int32Array(capacity);
    this.parentNumber = new Float64Array(capacity);
    this.project = new Int32Array(capacity);
    this.stage = new Int8Array(capacity);
    this.next = new Int8Array(capacity);
    this.type = new Int8Array(capacity);
    this.size = new Int8Array(capacity);
    this.integrity = new Int8Array(capacity);
    this.completed = new Int8Array(capacity);
    this.blockers = new Int32Array(capacity);
    this.fst = new Int32Array(capacity);
    this.release = new Int32Array(capacity);
    this.security = new Int32Array(capacity);
    this.companies = new Int32Array(capacity);
    this.interested = new Int32Array(capacity);
    this.people = new Int32Array(capacity);
    this.updated = new Float64Array(capacity);
  }

  /** A string's reference (undefined: NONE). */
  ref(v: string | undefined): number {
    if (v === undefined) return NONE;
    let i = this.stringAt.get(v);
    if (i === undefined) {
      i = this.strings.push(v) - 1;
      this.stringAt.set(v, i);
    }
    return i;
  }

  projectRef(id: string, key: string): number {
    const k = `${id}:${key}`;
    let i = this.projectAt.get(k);
    if (i === undefined) {
      i = this.projects.push(Object.freeze({ id, key })) - 1;
      this.projectAt.set(k, i);
    }
    return i;
  }

  /** A list of string references, interned (the same companies in the same order: one list). */
  companyListRef(refs: readonly number[]): number {
    const k = refs.join(' ');
    let i = this.companyListAt.get(k);
    if (i === undefined) {
      i = this.companyLists.push(refs.length === 0 ? EMPTY : Object.freeze([...refs])) - 1;
      this.companyListAt.set(k, i);
    }
    return i;
  }

  peopleListRef(counts: readonly number[]): number {
    const k = counts.join(' ');
    let i = this.peopleListAt.get(k);
    if (i === undefined) {
      i = this.peopleLists.push(counts.length === 0 ? EMPTY : Object.freeze([...counts])) - 1;
      this.peopleListAt.set(k, i);
    }
    return i;
  }

  /** Row i's issue key and parent key ('' none), as text and as numbers. */
  setKeys(i: number, key: string, parent: string): void {
    this.key[i] = key;
    this.parent[i] = parent;
    this.numberOf(key, i, this.keyPrefix, this.keyNumber);
    if (parent === '') {
      this.parentPrefix[i] = NONE;
      this.parentNumber[i] = Number.NaN;
    } else this.numberOf(parent, i, this.parentPrefix, this.parentNumber);
  }

  /**
   * "LCOO-12" -> the prefix "LCOO" (interned; most keys repeat the last one) and 12. A key not of
   * that form is its own prefix, numbered -1: it sorts after the numbered keys of its project part
   * (compareIssueKeys' order).
   */
  private numberOf(key: string, i: number, prefixes: Int32Array, numbers: Float64Array): void {
    const dash = key.lastIndexOf('-');
    let n = 0;
    let ok = dash >= 0 && dash < key.length - 1;
    for (let c = dash + 1; ok && c < key.length; c++) {
      const ch = key.charCodeAt(c);
      if (ch < 48 || ch > 57) ok = false;
      else n = n * 10 + (ch - 48);
    }
    if (!ok) {
      prefixes[i] = this.prefixRef(key);
      numbers[i] = -1;
      return;
    }
    if (this.lastPrefixRef === NONE || dash !== this.lastPrefix.length || !key.startsWith(this.lastPrefix)) {
      this.lastPrefix = key.slice(0, dash);
      this.lastPrefixRef = this.prefixRef(this.lastPrefix);
    }
    prefixes[i] = this.lastPrefixRef;
    numbers[i] = n;
  }

  private prefixRef(prefix: string): number {
    let ref = this.prefixAt.get(prefix);
    if (ref === undefined) {
      ref = this.keyPrefixes.push(prefix) - 1;
      this.prefixAt.set(prefix, ref);
    }
    return ref;
  }

  /** Appends one row given as an object (the storage layer fills columns directly instead). */
  push(row: SlimRow): void {
    const i = this.n++;
    if (i >= this.capacity) throw new Error(`The table holds ${this.capacity} rows; a row more was added.`);
    const companies = row.companies.map((c) => this.ref(c));
    let mask = 0;
    row.companies.forEach((c, k) => {
      if (k < 31 && row.interested.includes(c)) mask |= 1 << k;
    });
    this.id[i] = Number(row.id);
    this.setKeys(i, row.key, row.parentKey ?? '');
    this.sortSummary[i] = row.sortSummary;
    this.project[i] = this.projectRef(row.projectId, row.projectKey);
    this.stage[i] = STAGES.indexOf(row.stage);
    this.next[i] = row.next ? STAGES.indexOf(row.next) : NONE;
    this.type[i] = row.type ? ITEM_TYPES.indexOf(row.type) : NONE;
    this.size[i] = row.size ? SIZES.indexOf(row.size) : NONE;
    this.integrity[i] = INTEGRITY_STATES.indexOf(row.integrity);
    this.completed[i] = row.completed ?? NONE;
    this.blockers[i] = row.blockerCount;
    this.fst[i] = this.ref(row.fst);
    this.release[i] = this.ref(row.releaseId);
    this.security[i] = this.ref(row.securityLevel);
    this.companies[i] = this.companyListRef(companies);
    this.interested[i] = mask;
    this.people[i] = this.peopleListRef(row.people);
    this.updated[i] = row.updated;
  }

  /** The table of the rows filled so far. */
  done(): RowTable {
    const n = this.n;
    const cut = <T extends { subarray(a: number, b: number): T }>(a: T) => (n === this.capacity ? a : a.subarray(0, n));
    return {
      n,
      strings: this.strings,
      projects: this.projects,
      companyLists: this.companyLists,
      peopleLists: this.peopleLists,
      id: cut(this.id),
      key: n === this.capacity ? this.key : this.key.slice(0, n),
      parent: n === this.capacity ? this.parent : this.parent.slice(0, n),
      sortSummary: n === this.capacity ? this.sortSummary : this.sortSummary.slice(0, n),
      keyPrefixes: this.keyPrefixes,
      keyPrefix: cut(this.keyPrefix),
      keyNumber: cut(this.keyNumber),
      parentPrefix: cut(this.parentPrefix),
      parentNumber: cut(this.parentNumber),
      project: cut(this.project),
      stage: cut(this.stage),
      next: cut(this.next),
      type: cut(this.type),
      size: cut(this.size),
      integrity: cut(this.integrity),
      completed: cut(this.completed),
      blockers: cut(this.blockers),
      fst: cut(this.fst),
      release: cut(this.release),
      security: cut(this.security),
      companies: cut(this.companies),
      interested: cut(this.interested),
      people: cut(this.people),
      updated: cut(this.updated),
    };
  }
}

export function tableOfRows(rows: readonly SlimRow[]): RowTable {
  const b = new TableBuilder(rows.length);
  for (const r of rows) b.push(r);
  return b.done();
}

/** The string a reference names (NONE: undefined). */
export const stringOf = (t: RowTable, ref: number): string | undefined => (ref === NONE ? undefined : t.strings[ref]);

/**
 * Makes the objects of one table's rows, sharing the arrays of rows with the same lists (frozen:
 * never changed in place).
 */
export function rowMaker(t: RowTable): (i: number) => SlimRow {
  const companyNames = new Map<number, readonly string[]>();
  const interestedNames = new Map<string, readonly string[]>();
  const namesOf = (list: number): readonly string[] => {
    let v = companyNames.get(list);
    if (!v) companyNames.set(list, (v = Object.freeze(t.companyLists[list]!.map((r) => t.strings[r]!))));
    return v;
  };
  return (i: number): SlimRow => {
    const list = t.companies[i]!;
    const names = namesOf(list);
    const mask = t.interested[i]!;
    const k = `${list}/${mask}`;
    let chosen = interestedNames.get(k);
    if (!chosen) interestedNames.set(k, (chosen = Object.freeze(names.filter((_, b) => b < 31 && (mask & (1 << b)) !== 0))));
    const project = t.projects[t.project[i]!]!;
    const stage = t.stage[i]!;
    const next = t.next[i]!;
    const type = t.type[i]!;
    const size = t.size[i]!;
    const completed = t.completed[i]!;
    const parent = t.parent[i]!;
    return {
      id: String(t.id[i]),
      key: t.key[i]!,
      projectId: project.id,
      projectKey: project.key,
      lifecycle: stage < PORTFOLIO_STAGE_COUNT ? 'portfolio' : 'delivery',
      stage: STAGES[stage] as Stage,
      next: next === NONE ? undefined : STAGES[next],
      fst: stringOf(t, t.fst[i]!),
      type: type === NONE ? undefined : ITEM_TYPES[type],
      size: size === NONE ? undefined : SIZES[size],
      releaseId: stringOf(t, t.release[i]!),
      companies: names as string[],
      interested: chosen as string[],
      people: t.peopleLists[t.people[i]!] as number[],
      completed: completed === NONE ? undefined : completed,
      integrity: INTEGRITY_STATES[t.integrity[i]!] as Integrity,
      blockerCount: t.blockers[i]!,
      parentKey: parent === '' ? undefined : parent,
      sortSummary: t.sortSummary[i]!,
      securityLevel: stringOf(t, t.security[i]!),
      updated: t.updated[i]!,
    };
  };
}

/** Every row of the table as an object (for callers that want them all: the scope tracker, writes). */
export function rowsOfTable(t: RowTable, which?: ArrayLike<number>): SlimRow[] {
  const make = rowMaker(t);
  if (!which) return Array.from({ length: t.n }, (_, i) => make(i));
  return Array.from({ length: which.length }, (_, k) => make(which[k]!));
}
