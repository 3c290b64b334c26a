import { z } from 'zod';
import type { Stage } from './lifecycle';
import { effectiveRows, type EffectiveRow, type IndexRow, type SlimRow } from './portfolio-index';
import { AccountIdSchema, IsoDateSchema, IsoDateTimeSchema, IssueKeySchema, MAX_SHORT, MAX_TEXT, requiredText, text } from './primitives';
import {
  BUILTIN_CALENDAR,
  addDays,
  isoDay,
  releaseById,
  releaseLabel,
  releasedBy,
  releasesOpenForTargeting,
  toDayMs,
  type Release,
  type ReleaseCalendar,
} from './releases';

/**
 * The release scope tracker (the minutes: per release, "the list of blueprints / launchpad /
 * other deliverables ... with weekly updates" where members "track resources and time"): every
 * Upstream Deliverable targeting a release, its milestone against the release's real schedule,
 * the people and person-weeks its Roadmap Item's companies committed, and weekly update notes.
 *
 * Commitments are made on the Roadmap Item (each company's entry, company-entries.ts), not on
 * each deliverable: a deliverable shows its item's, and the totals count each item once, so an
 * item split into three deliverables does not triple its companies' time.
 */

// ------------------------------------------------------------------------- weekly notes

export const NOTE_MAX_CHARS = MAX_TEXT;
/** How far back an update may be dated: a missed week or two is caught up, not the whole cycle rewritten. */
export const NOTE_WEEKS_BACK = 8;

/** The Monday (UTC) of the week `isoDate` falls in. */
export function weekOf(isoDate: string): string {
  const ms = toDayMs(isoDate);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7; // Monday 0 .. Sunday 6
  return addDays(isoDate, -weekday);
}

/** Why an update cannot be for `week` at `nowMs` (undefined: it can). `week` is any day of the week meant. */
export function noteWeekProblem(week: string, nowMs: number): string | undefined {
  const thisWeek = weekOf(isoDay(nowMs));
  const asked = weekOf(week);
  if (asked > thisWeek) return `An update can't be for a week that has not started (the week of ${asked}).`;
  const earliest = addDays(thisWeek, -7 * NOTE_WEEKS_BACK);
  if (asked < earliest) return `An update can be for this week or the ${NOTE_WEEKS_BACK} weeks before it (from the week of ${earliest}).`;
  return undefined;
}

/** What a person sends to add an update: the deliverable, the week it is for (default this one) and the text. */
export const NoteInputSchema = z.object({
  issueKey: IssueKeySchema,
  week: IsoDateSchema.optional(),
  text: requiredText(NOTE_MAX_CHARS, 'The update'),
});
export type NoteInput = z.infer<typeof NoteInputSchema>;

/** A stored update: author and time stamped by the app, never sent by the client. */
export const TrackerNoteSchema = z.object({
  /** 1, 2, 3, ... per deliverable, in the order they were added. */
  seq: z.number().int().min(1),
  /** The Monday of the week the update is for. */
  week: IsoDateSchema,
  text: requiredText(NOTE_MAX_CHARS, 'The update'),
  authorId: AccountIdSchema,
  authorName: text(MAX_SHORT, 'Author').optional(),
  at: IsoDateTimeSchema,
});
export type TrackerNote = z.infer<typeof TrackerNoteSchema>;

/** Which of two updates a reader sees as the latest: the later week, then the later write. */
export function newerNote(a: TrackerNote | undefined, b: TrackerNote | undefined): TrackerNote | undefined {
  if (!a) return b;
  if (!b) return a;
  if (a.week !== b.week) return a.week > b.week ? a : b;
  return a.at !== b.at ? (a.at > b.at ? a : b) : a.seq >= b.seq ? a : b;
}

/** Newest first, as the notes are read back (week, then time written). */
export function sortNotes(notes: readonly TrackerNote[]): TrackerNote[] {
  return [...notes].sort((a, b) => (a === newerNote(a, b) ? -1 : 1));
}

// ------------------------------------------------------------------------- milestones

/**
 * A deliverable's milestone against its release's schedule:
 * - `landed`: code committed or delivered (the milestone is behind it);
 * - `late`: the milestone's date (as the schedule has it now) has passed and the code has not landed;
 * - `due-soon`: within the next two weeks; `on-track`: later;
 * - `no-milestone`: none recorded (the deliverable targets the release through its Roadmap Item);
 * - `not-in-schedule`: the release's schedule has no milestone of that name (the schedule changed).
 * `moved` says the schedule now dates the milestone differently than the record.
 */
export const MILESTONE_STATES = ['landed', 'late', 'due-soon', 'on-track', 'no-milestone', 'not-in-schedule'] as const;
export type MilestoneState = (typeof MILESTONE_STATES)[number];
export const DUE_SOON_DAYS = 14;

export interface MilestoneCheck {
  state: MilestoneState;
  label?: string;
  /** The date the record holds. */
  recorded?: string;
  /** The date the release's schedule gives the milestone (the one lateness is judged by). */
  scheduled?: string;
  moved?: true;
  /** One sentence for the table. */
  message: string;
}

const LANDED: readonly Stage[] = ['code-committed', 'delivered'];

export function checkMilestone(
  release: Release,
  milestone: { label: string; date: string } | undefined,
  stage: Stage,
  nowMs: number,
): MilestoneCheck {
  const name = releaseLabel(release);
  if (!milestone) {
    return LANDED.includes(stage)
      ? { state: 'landed', message: `Landed; no milestone was recorded (targets ${name} through its Roadmap Item).` }
      : { state: 'no-milestone', message: `No milestone recorded yet; it targets ${name} through its Roadmap Item.` };
  }
  const match = release.milestones.find((m) => m.label.toLowerCase() === milestone.label.trim().toLowerCase());
  const base = { label: milestone.label, recorded: milestone.date };
  if (!match && release.milestones.length > 0) {
    return {
      ...base,
      state: LANDED.includes(stage) ? 'landed' : 'not-in-schedule',
      message: `${name}'s schedule has no milestone "${milestone.label}" now; pick one of its milestones in the delivery record.`,
    };
  }
  const scheduled = match?.date ?? milestone.date;
  const moved = match !== undefined && match.date !== milestone.date;
  const out = { ...base, scheduled, ...(moved ? { moved: true as const } : {}) };
  const movedNote = moved ? ` (the record says ${milestone.date}; the schedule moved it)` : '';
  if (LANDED.includes(stage)) return { ...out, state: 'landed', message: `Landed; ${milestone.label} is on ${scheduled}${movedNote}.` };
  const day = toDayMs(scheduled);
  // Late from the day after the milestone (00:00 UTC): the milestone day itself still counts.
  if (nowMs >= day + 86_400_000) {
    return { ...out, state: 'late', message: `${milestone.label} was on ${scheduled}${movedNote} and the code has not landed.` };
  }
  if (day - nowMs <= DUE_SOON_DAYS * 86_400_000) {
    return { ...out, state: 'due-soon', message: `${milestone.label} is on ${scheduled}${movedNote}, within two weeks.` };
  }
  return { ...out, state: 'on-track', message: `${milestone.label} is on ${scheduled}${movedNote}.` };
}

// ------------------------------------------------------------------------- rows and totals

export interface Commitment {
  /** Company id (as the configuration names it). */
  company: string;
  people: string[];
  personWeeks: number;
}

export interface TrackerRow {
  id: string;
  key: string;
  summary: string;
  projectKey: string;
  /** The OpenStack project the deliverable's record names. */
  project?: string;
  stage: Stage;
  milestone: MilestoneCheck;
  slipped: boolean;
  integrity: EffectiveRow['integrity'];
  /** The Roadmap Item it delivers (only one the person may see and the record the app signed names). */
  roadmapItem?: { key: string; summary?: string; fst?: string };
  /** The Roadmap Item's proposing company (id). */
  ownerCompany?: string;
  /** The Roadmap Item's committed people and person-weeks per company. */
  commitments: Commitment[];
}

/** The deliverables targeting `releaseId` (their milestone's release, else their Roadmap Item's target). */
export function deliverablesTargeting(rows: readonly EffectiveRow[], releaseId: string): EffectiveRow[] {
  return rows.filter((r) => r.lifecycle === 'delivery' && r.releaseId === releaseId);
}

/** A deliverable's release: its milestone's, else its Roadmap Item's target (when the person may see the item). */
function releaseOfDeliverable(r: SlimRow, items: ReadonlyMap<string, SlimRow>): string | undefined {
  return r.releaseId ?? (r.parentKey ? items.get(r.parentKey)?.releaseId : undefined);
}

function roadmapItemsByKey(rows: readonly SlimRow[]): Map<string, SlimRow> {
  const items = new Map<string, SlimRow>();
  for (const r of rows) if (r.lifecycle === 'portfolio') items.set(r.key, r);
  return items;
}

/** Every release some deliverable targets (for the picker), in one pass. */
export function releasesTargeted(rows: readonly SlimRow[]): Set<string> {
  const items = roadmapItemsByKey(rows);
  const out = new Set<string>();
  for (const r of rows) {
    if (r.lifecycle !== 'delivery') continue;
    const release = releaseOfDeliverable(r, items);
    if (release) out.add(release);
  }
  return out;
}

/**
 * The same rows as `deliverablesTargeting(effectiveRows(rows), releaseId)`, without filling in
 * every row of the portfolio: only the release's deliverables and their Roadmap Items go through
 * effectiveRows (a 10,000-row portfolio costs one pass over the keys).
 */
export function deliverablesOfRelease(
  rows: readonly SlimRow[],
  releaseId: string,
  nowMs: number,
  calendar: ReleaseCalendar = BUILTIN_CALENDAR,
): EffectiveRow[] {
  const items = roadmapItemsByKey(rows);
  const picked: SlimRow[] = [];
  const parents = new Map<string, SlimRow>();
  for (const r of rows) {
    if (r.lifecycle !== 'delivery' || releaseOfDeliverable(r, items) !== releaseId) continue;
    picked.push(r);
    const parent = r.parentKey ? items.get(r.parentKey) : undefined;
    if (parent) parents.set(parent.key, parent);
  }
  return effectiveRows([...parents.values(), ...picked], nowMs, calendar).filter((r) => r.lifecycle === 'delivery');
}

/**
 * How many deliverables of the release the person can't see (their issue security level leaves
 * them out). A hidden deliverable without a release of its own takes its Roadmap Item's, which
 * may be one the person sees: so the items of both lists are the context, and only hidden
 * deliverables are counted.
 */
export function hiddenOfRelease(
  visible: readonly SlimRow[],
  hidden: readonly SlimRow[],
  releaseId: string,
  nowMs: number,
  calendar: ReleaseCalendar = BUILTIN_CALENDAR,
): number {
  if (hidden.length === 0) return 0;
  const hiddenIds = new Set(hidden.map((r) => r.id));
  const context = [...visible.filter((r) => r.lifecycle === 'portfolio'), ...hidden];
  return deliverablesOfRelease(context, releaseId, nowMs, calendar).filter((d) => hiddenIds.has(d.id)).length;
}

/** Milestone date first (none last), then issue key (project, then number): keys computed once per row. */
function sortRows(rows: TrackerRow[]): TrackerRow[] {
  const keyed = rows.map((r) => {
    const m = /^(.*)-(\d+)$/.exec(r.key);
    return { r, date: r.milestone.scheduled ?? '9999', project: m ? m[1]! : r.key, n: m ? Number(m[2]) : 0 };
  });
  keyed.sort((a, b) => (a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.project.localeCompare(b.project) || a.n - b.n));
  return keyed.map((k) => k.r);
}

/**
 * The tracker's rows. `deliverables` are effective rows (what a deliverable inherits from a
 * Roadmap Item the person may see is filled in); `full` holds the full index rows of the
 * deliverables and of their Roadmap Items, by issue key.
 */
export function trackerRows(
  deliverables: readonly EffectiveRow[],
  full: ReadonlyMap<string, IndexRow>,
  release: Release,
  nowMs: number,
): TrackerRow[] {
  const rows = deliverables.map((d): TrackerRow => {
    const own = full.get(d.key);
    // The item only when the deliverable inherited from it: effectiveRows did so only for an item the person may see.
    const item = d.inherited && d.parentKey ? full.get(d.parentKey) : undefined;
    const row: TrackerRow = {
      id: d.id,
      key: d.key,
      summary: own?.summary ?? d.key,
      projectKey: d.projectKey,
      stage: d.stage,
      milestone: checkMilestone(release, own?.milestone, d.stage, nowMs),
      slipped: d.slipped,
      integrity: d.integrity,
      commitments: (item?.commitments ?? []).map((c) => ({ company: c.company, people: [...c.people], personWeeks: c.personWeeks })),
    };
    if (own?.project) row.project = own.project;
    if (d.inherited && d.parentKey) {
      row.roadmapItem = { key: d.parentKey, ...(item?.summary ? { summary: item.summary } : {}), ...(d.fst ? { fst: d.fst } : {}) };
    }
    if (item?.proposer) row.ownerCompany = item.proposer;
    return row;
  });
  return sortRows(rows);
}

export interface TotalLine {
  /** Company or FST id; NONE for deliverables without a Roadmap Item or an item without an FST. */
  id: string;
  /** Different people committed (by name). */
  people: number;
  personWeeks: number;
  /** Roadmap Items counted. */
  items: number;
  deliverables: number;
}

export interface TrackerTotals {
  byCompany: TotalLine[];
  byFst: TotalLine[];
  all: Omit<TotalLine, 'id'>;
}

export const NO_FST = '(no FST)';

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * People and time per company and per FST: each Roadmap Item's commitments once, however many
 * of its deliverables target the release; a person committed to two items counts once in the
 * people of their company, their person-weeks on both add up.
 */
export function trackerTotals(rows: readonly TrackerRow[]): TrackerTotals {
  interface Acc {
    people: Set<string>;
    personWeeks: number;
    items: Set<string>;
    deliverables: number;
  }
  const acc = () => ({ people: new Set<string>(), personWeeks: 0, items: new Set<string>(), deliverables: 0 });
  const companies = new Map<string, Acc>();
  const fsts = new Map<string, Acc>();
  const all = acc();
  const at = (m: Map<string, Acc>, id: string) => m.get(id) ?? (m.set(id, acc()), m.get(id)!);
  const counted = new Set<string>();
  for (const r of rows) {
    all.deliverables += 1;
    const fst = at(fsts, r.roadmapItem?.fst ?? NO_FST);
    fst.deliverables += 1;
    const itemCompanies = new Set(r.commitments.map((c) => c.company));
    for (const c of itemCompanies) at(companies, c).deliverables += 1;
    const item = r.roadmapItem?.key;
    if (!item || counted.has(item)) continue;
    counted.add(item);
    all.items.add(item);
    fst.items.add(item);
    for (const c of r.commitments) {
      const line = at(companies, c.company);
      line.items.add(item);
      line.personWeeks += c.personWeeks;
      fst.personWeeks += c.personWeeks;
      all.personWeeks += c.personWeeks;
      for (const p of c.people) {
        line.people.add(p);
        fst.people.add(`${c.company}\u0000${p}`);
        all.people.add(`${c.company}\u0000${p}`);
      }
    }
  }
  const line = (id: string, a: Acc): TotalLine => ({
    id,
    people: a.people.size,
    personWeeks: round1(a.personWeeks),
    items: a.items.size,
    deliverables: a.deliverables,
  });
  const lines = (m: Map<string, Acc>) =>
    [...m.entries()].map(([id, a]) => line(id, a)).sort((a, b) => (a.id === NO_FST ? 1 : b.id === NO_FST ? -1 : a.id.localeCompare(b.id)));
  const { id: _id, ...total } = line('', all);
  return { byCompany: lines(companies), byFst: lines(fsts), all: total };
}

/**
 * The series a person can pick: the next one to ship first by default, the ones still open,
 * the last shipped, and every series a visible deliverable targets. Oldest first.
 */
export function trackerReleases(
  calendar: ReleaseCalendar,
  nowMs: number,
  targeted: Iterable<string>,
): { releases: Release[]; next?: Release } {
  const open = releasesOpenForTargeting(calendar, nowMs);
  const ids = new Set<string>(open.map((r) => r.id));
  const shipped = calendar.releases.filter((r) => releasedBy(r, nowMs));
  const last = shipped[shipped.length - 1];
  if (last) ids.add(last.id);
  for (const id of targeted) ids.add(id);
  const byId = new Map<string, Release>();
  for (const id of ids) {
    const r = releaseById(calendar, id);
    if (r) byId.set(r.id, r);
  }
  const releases = [...byId.values()].sort((a, b) => toDayMs(a.firstReleaseDate) - toDayMs(b.firstReleaseDate));
  return open[0] ? { releases, next: open[0] } : { releases };
}
