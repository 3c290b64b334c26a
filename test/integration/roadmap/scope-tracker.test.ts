// The release scope tracker through the sandbox: the roadmap page's resolver (real
// @forge/resolver, @forge/api, @forge/kvs), the Jira emulator and the LCOO seed made through
// the app (its weekly updates added with tracker/add-note by each deliverable's owner).
import { z } from 'zod';
import type { AddNoteAnswer, TrackerNotesView, TrackerView } from '../../../src/contract/scope-tracker';
import type { PortfolioLoad } from '../../../src/contract/gadget';
import { envelopeSchema } from '../../support/envelope';
import { startSandbox, type TestSandbox } from '../../support/sandbox';
import { ADMIN, FST_LEAD, VIEWER } from '../../support/lcoo-site';

const PAGE = 'lcoo-roadmap-page';
const Answer = envelopeSchema(z.unknown());

let sb: TestSandbox;
let next: TrackerView;
beforeAll(async () => {
  sb = await startSandbox({ seed: 'full' });
  next = await ok<TrackerView>('tracker/load', {});
}, 240_000);
afterAll(() => sb?.stop());

async function ask(key: string, payload: unknown, asEmail = VIEWER) {
  return Answer.parse(await sb.host.invoke(PAGE, key, payload, { asEmail }));
}
async function ok<T>(key: string, payload: unknown, asEmail = VIEWER): Promise<T> {
  const out = await ask(key, payload, asEmail);
  if (!out.ok) throw new Error(`${key}: ${out.error.code} ${out.error.message}`);
  return out.data as T;
}

/** Every deliverable the gadget's index query says targets `releaseId` (the same index, asked another way). */
async function gadgetDeliverables(releaseId: string): Promise<string[]> {
  const keys: string[] = [];
  for (let page = 1; ; page++) {
    const out = await sb.host.invoke(
      'lcoo-portfolio-gadget',
      'portfolio/load',
      { filters: { releases: [releaseId] }, page },
      {
        asEmail: VIEWER,
        gadgetConfiguration: {},
      },
    );
    const p = Answer.parse(out);
    if (!p.ok) throw new Error(p.error.message);
    const load = p.data as PortfolioLoad;
    // Deliverables name a project or a Roadmap Item; Roadmap Items neither.
    keys.push(...load.rows.filter((r) => r.project !== undefined || r.roadmapItemKey !== undefined).map((r) => r.key));
    if (page >= Math.ceil(load.matched / load.pageSize)) return keys.sort();
  }
}

test('defaults to the next release and lists the deliverables the index says target it, for one Jira call', async () => {
  expect(next.index.state).toBe('ready');
  expect(next.release.id).toBe(next.nextReleaseId);
  expect(next.release.shipped).toBe(false);
  expect(next.rows.length).toBeGreaterThan(0);
  expect(next.rows.map((r) => r.key).sort()).toEqual(await gadgetDeliverables(next.release.id));
  // One permission check as the person; the rest is storage, batched.
  expect(next.calls.jira).toBe(1);
  expect(next.calls.storage).toBeLessThanOrEqual(4);
  // The release's real schedule, and every row judged by it.
  expect(next.release.milestones.map((m) => m.kind)).toEqual([
    'milestone-1',
    'milestone-2',
    'milestone-3',
    'feature-freeze',
    'rc1',
    'final',
  ]);
  for (const r of next.rows) {
    if (r.milestone.scheduled) expect(next.release.milestones.map((m) => m.date)).toContain(r.milestone.scheduled);
  }
});

test('shows each deliverable with its Roadmap Item, owner and committed people and time; totals count each item once', () => {
  const withItem = next.rows.filter((r) => r.roadmapItem);
  expect(withItem.length).toBe(next.rows.length);
  const committed = next.rows.filter((r) => r.commitments.length > 0);
  expect(committed.length).toBeGreaterThan(0);
  for (const r of committed) {
    expect(r.ownerCompany).toBeDefined();
    for (const c of r.commitments) {
      expect(c.people.length).toBeGreaterThan(0);
      expect(c.personWeeks).toBeGreaterThan(0);
    }
  }
  const perItem = new Map(committed.map((r) => [r.roadmapItem!.key, r.commitments.reduce((n, c) => n + c.personWeeks, 0)]));
  const expected = [...perItem.values()].reduce((a, b) => a + b, 0);
  expect(next.totals.all.personWeeks).toBeCloseTo(expected, 5);
  expect(next.totals.byCompany.reduce((n, l) => n + l.personWeeks, 0)).toBeCloseTo(expected, 5);
  expect(next.totals.byFst.reduce((n, l) => n + l.personWeeks, 0)).toBeCloseTo(expected, 5);
  expect(next.totals.all.deliverables).toBe(next.rows.length);
  expect(next.totals.byFst.reduce((n, l) => n + l.deliverables, 0)).toBe(next.rows.length);
  expect(Object.keys(next.names.companies).length).toBeGreaterThan(0);
});

test('the seed left weekly updates through the app: the latest on the row, the rest on demand, newest first', async () => {
  const all = [
    next,
    ...(await Promise.all(
      next.releases.filter((r) => r.id !== next.release.id).map((r) => ok<TrackerView>('tracker/load', { releaseId: r.id })),
    )),
  ];
  const row = all.flatMap((v) => v.rows).find((r) => r.noteCount === 3);
  expect(row).toBeDefined();
  expect(row!.latestNote?.week).toBe(mondayOf(new Date().toISOString().slice(0, 10)));
  const notes = await ok<TrackerNotesView>('tracker/notes', { issueKey: row!.key });
  expect(notes.count).toBe(3);
  expect(notes.notes[0]).toEqual(row!.latestNote);
  expect(notes.notes.map((n) => n.week)).toEqual([...notes.notes.map((n) => n.week)].sort().reverse());
});

test('someone who may edit the deliverable adds an update; the app stamps who and when, whatever the page sends', async () => {
  const row = next.rows[0]!;
  const before = Date.now();
  const added = await ok<AddNoteAnswer>(
    'tracker/add-note',
    { issueKey: row.key, text: 'Rebased on master; the gate is green again.', authorId: 'someone-else', at: '2020-01-01T00:00:00Z' },
    FST_LEAD,
  );
  expect(added.note.authorId).toBe(sb.host.accountIdOf(FST_LEAD));
  expect(Date.parse(added.note.at)).toBeGreaterThanOrEqual(before - 1000);
  expect(added.note.authorName).toBeTruthy();
  expect(added.latestNote).toEqual(added.note);
  expect(added.noteCount).toBe(row.noteCount + 1);
  const again = await ok<TrackerView>('tracker/load', { releaseId: next.release.id });
  expect(again.rows.find((r) => r.key === row.key)?.latestNote).toEqual(added.note);
});

test('a person who may only browse reads the tracker but adds no update', async () => {
  const out = await ask('tracker/add-note', { issueKey: next.rows[0]!.key, text: 'Hello' }, VIEWER);
  expect(out.ok).toBe(false);
  if (!out.ok) {
    expect(out.error.code).toBe('FORBIDDEN');
    expect(out.error.message).toMatch(/edit/);
  }
});

test('a refused update says which field and why', async () => {
  const key = next.rows[0]!.key;
  const empty = await ask('tracker/add-note', { issueKey: key, text: '' }, ADMIN);
  expect(empty).toMatchObject({
    ok: false,
    error: { code: 'BAD_REQUEST', details: { fieldErrors: { text: expect.stringMatching(/empty/) } } },
  });
  const future = await ask('tracker/add-note', { issueKey: key, text: 'Next week', week: '2099-01-05' }, ADMIN);
  expect(future).toMatchObject({
    ok: false,
    error: { code: 'BAD_REQUEST', details: { fieldErrors: { week: expect.stringMatching(/not started/) } } },
  });
  const item = next.rows[0]!.roadmapItem!.key;
  const notDeliverable = await ask('tracker/add-note', { issueKey: item, text: 'On the item' }, ADMIN);
  expect(notDeliverable).toMatchObject({
    ok: false,
    error: { code: 'BAD_REQUEST', details: { fieldErrors: { issueKey: expect.any(String) } } },
  });
  const missing = await ask('tracker/add-note', { issueKey: 'LCOO-99999', text: 'Nowhere' }, ADMIN);
  expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  const release = await ask('tracker/load', { releaseId: 'nosuchseries' }, VIEWER);
  expect(release).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', details: { field: 'releaseId' } } });
});

function mondayOf(iso: string): string {
  const ms = Date.parse(`${iso}T00:00:00Z`);
  return new Date(ms - ((new Date(ms).getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
}
