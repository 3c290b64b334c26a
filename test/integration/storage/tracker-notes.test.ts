// The scope tracker's weekly notes (src/storage/tracker-notes.ts) on the real @forge/kvs against
// the KVS emulator: numbering claimed once per note, the head a load reads, concurrent adds.
import { kvsInProcess } from '../../support/kvs-in-process';
import { addNote, readNoteHeads, readNotes } from '../../../src/storage/tracker-notes';
import { KVS_KEYS } from '../../../src/storage/keys';
import { kvs as forgeKvs } from '@forge/kvs';

const kvs = kvsInProcess();
beforeEach(() => kvs.reset());

const note = (week: string, text: string, at: string) => ({ week, text, at, authorId: 'acc-1', authorName: 'Ann' });

test('notes are numbered in order and the head keeps the count and the latest week', async () => {
  await addNote('100', note('2026-11-23', 'first', '2026-11-24T10:00:00.000Z'));
  const second = await addNote('100', note('2026-11-30', 'second', '2026-11-30T10:00:00.000Z'));
  // A late update for an earlier week does not displace the latest.
  const third = await addNote('100', note('2026-11-16', 'catch-up', '2026-11-30T11:00:00.000Z'));
  expect(second.note.seq).toBe(2);
  expect(third.note.seq).toBe(3);
  expect(third.head).toMatchObject({ count: 3, latest: { seq: 2, text: 'second' } });
  const { heads, calls } = await readNoteHeads(['100', '200']);
  expect(calls).toBe(1);
  expect(heads.get('100')?.count).toBe(3);
  expect(heads.has('200')).toBe(false);
  const read = await readNotes('100', 3);
  expect(read.notes.map((n) => n.text).sort()).toEqual(['catch-up', 'first', 'second']);
});

test('two people adding at once both keep their note, under different numbers', async () => {
  await addNote('7', note('2026-11-30', 'base', '2026-11-30T09:00:00.000Z'));
  const [a, b] = await Promise.all([
    addNote('7', note('2026-11-30', 'from A', '2026-11-30T10:00:00.000Z')),
    addNote('7', note('2026-11-30', 'from B', '2026-11-30T10:00:01.000Z')),
  ]);
  expect(new Set([a.note.seq, b.note.seq])).toEqual(new Set([2, 3]));
  const { heads } = await readNoteHeads(['7']);
  // Whatever order the heads were written in, every note is read back.
  const read = await readNotes('7', heads.get('7')!.count);
  expect(read.notes.map((n) => n.text).sort()).toEqual(['base', 'from A', 'from B']);
});

test('a head one number behind still reads the note past it; an unreadable note is counted, not shown', async () => {
  await addNote('9', note('2026-11-30', 'one', '2026-11-30T09:00:00.000Z'));
  await forgeKvs.set(KVS_KEYS.trackerNote('9', 2), {
    seq: 2,
    week: '2026-11-30',
    text: 'two',
    authorId: 'acc-2',
    at: '2026-11-30T09:30:00.000Z',
  });
  await forgeKvs.set(KVS_KEYS.trackerNote('9', 3), { garbage: true });
  const read = await readNotes('9', 1);
  expect(read.notes.map((n) => n.text).sort()).toEqual(['one', 'two']);
  expect(read.unreadable).toBe(1);
});

test('reading many heads batches 25 keys a call', async () => {
  const ids = Array.from({ length: 60 }, (_, i) => String(1000 + i));
  const { calls } = await readNoteHeads(ids);
  expect(calls).toBe(3);
});
