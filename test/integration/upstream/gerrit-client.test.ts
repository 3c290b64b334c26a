// The app's Gerrit client (src/upstream/gerrit-client.ts) against the sandbox's Gerrit emulator
// over real HTTP: batched queries, paging with n/S/_more_changes, unknown numbers, and a Gerrit
// that fails, is unreachable or too slow (each a sentence, never a crash).
import { startGerritEmulator, type GerritEmulator } from '../../../sandbox/gerrit/server';
import { ZUUL, type EmChange } from '../../../sandbox/gerrit/store';
import { readGerritChanges, UpstreamError, type FetchLike } from '../../../src/upstream/gerrit-client';

const core = (id: number) => ({ _account_id: id, name: `Core ${id}`, username: `core${id}` });

function emChange(number: number, over: Partial<EmChange> = {}): EmChange {
  return {
    number,
    project: 'openstack/nova',
    branch: 'master',
    changeId: `I${String(number).padStart(40, 'a')}`,
    subject: `Change ${number}`,
    status: 'MERGED',
    owner: core(1),
    patchSets: 2,
    created: '2026-11-01 10:00:00.000000000',
    updated: `2026-11-${String(10 + (number % 10)).padStart(2, '0')} 10:00:00.000000000`,
    votes: [
      { label: 'Code-Review', account: core(5), value: 2 },
      { label: 'Code-Review', account: core(6), value: 2 },
      { label: 'Verified', account: ZUUL, value: 2 },
      { label: 'Workflow', account: core(6), value: 1 },
    ],
    ...over,
  };
}

let gerrit: GerritEmulator;
const nodeFetch: FetchLike = (url, init) => fetch(url, init);

beforeAll(async () => {
  gerrit = await startGerritEmulator();
  for (let n = 900_001; n <= 900_060; n++) gerrit.store.put(emChange(n));
});
afterAll(() => gerrit.close());
afterEach(() => gerrit.setMode({ kind: 'ok' }));

describe('Gerrit client against the emulator', () => {
  it('reads changes with their votes, in batches and pages, and lists the numbers Gerrit does not know', async () => {
    const numbers = [...Array.from({ length: 30 }, (_, i) => 900_001 + i), 123];
    const before = gerrit.requests;
    const got = await readGerritChanges(numbers, { fetch: nodeFetch, baseUrl: gerrit.url, pageSize: 10 });
    expect(got.changes.map((c) => c.number)).toEqual(numbers.slice(0, 30));
    expect(got.notFound).toEqual([123]);
    // 31 numbers: two queries (25 + 6); the first pages through 25 changes 10 at a time.
    expect(got.requests).toBe(4);
    expect(gerrit.requests - before).toBe(4);
    expect(got.changes[0]).toMatchObject({
      status: 'MERGED',
      currentPatchSet: 2,
      votes: expect.arrayContaining([{ label: 'Verified', by: { id: 22348, name: 'Zuul', username: 'zuul' }, value: 2 }]) as unknown,
    });
  });

  it('answers a known change by number with the )]}\' prefix, and an unknown one with 404 "Not found"', async () => {
    const ok = await fetch(`${gerrit.url}/changes/900001/detail`);
    const text = await ok.text();
    expect(text.startsWith(")]}'\n")).toBe(true);
    const missing = await fetch(`${gerrit.url}/changes/42`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe('Not found: 42\n');
  });

  it('turns a failing, an unreachable and a slow Gerrit into an UpstreamError with a sentence', async () => {
    gerrit.setMode({ kind: 'failing', status: 503 });
    await expect(readGerritChanges([900_001], { fetch: nodeFetch, baseUrl: gerrit.url })).rejects.toMatchObject({
      kind: 'status',
      message: 'Gerrit answered 503: Service Unavailable.',
    });
    gerrit.setMode({ kind: 'unreachable' });
    const unreachable = await readGerritChanges([900_001], { fetch: nodeFetch, baseUrl: gerrit.url }).catch((e: unknown) => e);
    expect(unreachable).toBeInstanceOf(UpstreamError);
    expect((unreachable as UpstreamError).kind).toBe('unreachable');
    gerrit.setMode({ kind: 'slow', delayMs: 2000 });
    await expect(readGerritChanges([900_001], { fetch: nodeFetch, baseUrl: gerrit.url, timeoutMs: 50 })).rejects.toMatchObject({
      kind: 'timeout',
    });
  });
});
