// The release scope tracker's weekly update notes in KVS. Each note is its own key, numbered
// per deliverable (keys.ts trackerNote): the number is claimed with FAIL_IF_EXISTS, so two
// people adding an update at once both keep theirs. Beside them, one head per deliverable holds
// how many there are and the latest, so a tracker load reads every row's latest note with batch
// gets (25 keys a call) and the older ones are read only when someone opens them.
// Every value is one note of at most 2,000 characters: far under KVS's 240 KiB per value.
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { newerNote, TrackerNoteSchema, type TrackerNote } from '../domain/scope-tracker';
import { KVS_KEYS } from './keys';
import { isKeyConflict } from './kvs-conflict';

/** Forge answers at most 25 keys per batch get (docs/platform-facts.md). */
const BATCH_KEYS = 25;
/** Numbers tried after a lost claim before giving up (each a write another person won). */
const CLAIM_TRIES = 8;
/** Most notes one "show older updates" reads (8 batch gets). */
export const NOTES_READ_MAX = 200;
const LOOK_PAST_COUNT = 3;

export const NotesHeadSchema = z.object({ count: z.number().int().min(0), latest: TrackerNoteSchema.optional() });
export type NotesHead = z.infer<typeof NotesHeadSchema>;

async function batchGet(keys: string[]): Promise<{ values: Map<string, unknown>; calls: number }> {
  const chunks: string[][] = [];
  for (let i = 0; i < keys.length; i += BATCH_KEYS) chunks.push(keys.slice(i, i + BATCH_KEYS));
  const results = await Promise.all(chunks.map((c) => kvs.batchGet<unknown>(c.map((key) => ({ key })))));
  const values = new Map<string, unknown>();
  for (const r of results) {
    for (const ok of r.successfulKeys) values.set(ok.key, ok.value);
    const broken = r.failedKeys.filter((f) => f.error.code !== 'KEY_NOT_FOUND');
    if (broken.length > 0) throw new Error(`Forge storage could not read ${broken.map((f) => `${f.key} (${f.error.code})`).join(', ')}.`);
  }
  return { values, calls: chunks.length };
}

/** The heads of these deliverables (issue ids); one without notes is absent. A head this version cannot read counts as none. */
export async function readNoteHeads(issueIds: readonly string[]): Promise<{ heads: Map<string, NotesHead>; calls: number }> {
  const { values, calls } = await batchGet(issueIds.map((id) => KVS_KEYS.trackerNotesHead(id)));
  const heads = new Map<string, NotesHead>();
  for (const id of issueIds) {
    const parsed = NotesHeadSchema.safeParse(values.get(KVS_KEYS.trackerNotesHead(id)));
    if (parsed.success) heads.set(id, parsed.data);
  }
  return { heads, calls };
}

/**
 * Adds a note: claims the next number (FAIL_IF_EXISTS; on a lost claim the one after), then
 * writes the head with the count and whichever of its latest and the new note is newer.
 */
export async function addNote(issueId: string, note: Omit<TrackerNote, 'seq'>): Promise<{ note: TrackerNote; head: NotesHead }> {
  const before = NotesHeadSchema.safeParse(await kvs.get<unknown>(KVS_KEYS.trackerNotesHead(issueId)));
  let seq = (before.success ? before.data.count : 0) + 1;
  let stored: TrackerNote | undefined;
  for (let i = 0; i < CLAIM_TRIES && !stored; i++, seq++) {
    const candidate = TrackerNoteSchema.parse({ ...note, seq });
    try {
      await kvs.set(KVS_KEYS.trackerNote(issueId, seq), candidate, { keyPolicy: 'FAIL_IF_EXISTS' });
      stored = candidate;
    } catch (err) {
      if (!isKeyConflict(err)) throw err;
    }
  }
  if (!stored) throw new Error(`Could not number a new update on issue ${issueId} after ${CLAIM_TRIES} tries.`);
  // Read again: someone may have added one meanwhile (their head must not go back).
  const now = NotesHeadSchema.safeParse(await kvs.get<unknown>(KVS_KEYS.trackerNotesHead(issueId)));
  const head: NotesHead = {
    count: Math.max(stored.seq, now.success ? now.data.count : 0),
    latest: newerNote(now.success ? now.data.latest : undefined, stored)!,
  };
  await kvs.set(KVS_KEYS.trackerNotesHead(issueId), head);
  return { note: stored, head };
}

/** Every note of a deliverable up to `count` (and a few past it) (the newest NOTES_READ_MAX by number), unsorted; unreadable ones are counted. */
export async function readNotes(issueId: string, count: number): Promise<{ notes: TrackerNote[]; unreadable: number; calls: number }> {
  const first = Math.max(1, count - NOTES_READ_MAX + 1);
  const keys: string[] = [];
  // Two notes added at the same moment can leave the head a number behind until the next one:
  // the few numbers past the count are read in the same batch, so no note ever hides.
  for (let seq = count + LOOK_PAST_COUNT; seq >= first; seq--) keys.push(KVS_KEYS.trackerNote(issueId, seq));
  const { values, calls } = await batchGet(keys);
  const notes: TrackerNote[] = [];
  let unreadable = 0;
  for (const key of keys) {
    const raw = values.get(key);
    if (raw === undefined) continue;
    const parsed = TrackerNoteSchema.safeParse(raw);
    if (parsed.success) notes.push(parsed.data);
    else unreadable += 1;
  }
  return { notes, unreadable, calls };
}
