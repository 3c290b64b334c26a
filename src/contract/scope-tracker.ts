// The release scope tracker's contract (a tab of the LCOO roadmap page): what the page sends
// and what it gets back. SCOPE_TRACKER_WIRE is spread into the roadmap page's wire
// (src/contract/roadmap.ts) and its handlers into the page's resolver.
import { z } from 'zod';
import { IssueKeySchema } from '../domain/primitives';
import type { MilestoneKind } from '../domain/releases';
import { NoteInputSchema, type MilestoneCheck, type TotalLine, type TrackerNote } from '../domain/scope-tracker';
import type { Stage } from '../domain/lifecycle';
import type { FieldErrors } from './envelope';
import { endpoint } from './endpoint';

export const TrackerLoadInputSchema = z.object({
  /** The series to show (code name or number); absent: the next one to ship. */
  releaseId: z.string().trim().toLowerCase().max(40, { error: 'Choose the release from the list.' }).optional(),
});
export const TrackerNotesInputSchema = z.object({ issueKey: IssueKeySchema });
export const TrackerAddNoteInputSchema = NoteInputSchema;

export type { MilestoneCheck, MilestoneState, TotalLine, TrackerNote } from '../domain/scope-tracker';

export interface TrackerRelease {
  id: string;
  /** "2027.1 Indri". */
  label: string;
  firstReleaseDate: string;
  shipped: boolean;
  estimated?: true;
}

export interface TrackerRowView {
  id: string;
  key: string;
  summary: string;
  /** The OpenStack project the delivery record names. */
  project?: string;
  stage: Stage;
  /** The stage as Jira's status names it ("Coding In Progress"). */
  stageName: string;
  milestone: MilestoneCheck;
  slipped: boolean;
  integrity: 'valid' | 'missing' | 'modified-outside-app' | 'unreadable';
  roadmapItem?: { key: string; summary?: string; fst?: string };
  ownerCompany?: string;
  commitments: { company: string; people: string[]; personWeeks: number }[];
  /** The latest weekly update (by the week it is for); the others on demand (tracker/notes). */
  latestNote?: TrackerNote;
  noteCount: number;
}

export interface TrackerView {
  /** The server's day (YYYY-MM-DD, UTC): "this week" for the add-note form. */
  today: string;
  release: TrackerRelease & { milestones: { kind: MilestoneKind; label: string; date: string; estimated?: true }[] };
  /** The series the picker offers, oldest first. */
  releases: TrackerRelease[];
  /** The next series to ship: the default. */
  nextReleaseId?: string;
  rows: TrackerRowView[];
  totals: { byCompany: TotalLine[]; byFst: TotalLine[]; all: Omit<TotalLine, 'id'> };
  /** Display names of the company and FST ids the rows and totals use. */
  names: { companies: Record<string, string>; fsts: Record<string, string> };
  /** 'not-built': the portfolio index has not been built yet; an admin builds it on the admin page. */
  index: { state: 'ready' | 'not-built'; builtAt?: string; reconciledAt?: string };
  /** Deliverables of the release in projects the person may browse whose security level keeps them out. */
  hidden: number;
  /** What this load cost: Jira REST calls made as the person, Forge storage calls. */
  calls: { jira: number; storage: number };
}

export interface TrackerNotesView {
  issueKey: string;
  /** Newest first (the week it is for, then when it was written). */
  notes: TrackerNote[];
  count: number;
  /** Stored notes this version could not read (kept, not shown). */
  unreadable?: number;
}

export interface AddNoteAnswer {
  issueKey: string;
  note: TrackerNote;
  latestNote: TrackerNote;
  noteCount: number;
}

export const SCOPE_TRACKER_WIRE = {
  'tracker/load': endpoint<TrackerView, { field: string }>()(TrackerLoadInputSchema),
  'tracker/notes': endpoint<TrackerNotesView>()(TrackerNotesInputSchema),
  'tracker/add-note': endpoint<AddNoteAnswer, { fieldErrors: FieldErrors }>()(TrackerAddNoteInputSchema),
};
export type ScopeTrackerWire = typeof SCOPE_TRACKER_WIRE;
