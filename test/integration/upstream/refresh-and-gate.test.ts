// Upstream evidence through the sandbox (issue 14): the seeded deliverables carry what the Gerrit
// emulator says, "Refresh from upstream" stores it in the signed record, a Gerrit that can't be
// reached leaves the last evidence marked stale without failing the panel, and with Code
// Committed "from Gerrit only" the ONE gate check (validator and panel alike) decides by Gerrit.
import type { PanelData } from '../../../src/contract/panel';
import { ZUUL } from '../../../sandbox/gerrit/store';
import { SEEDED_CORES } from '../../../sandbox/gerrit/seed';
import { startSandbox, type TestSandbox } from '../../support/sandbox';
import { ADMIN, deliverableKeysIn, panel, setGateSettings, transition, unwrap } from '../../support/lcoo-site';
import { blueprintRef } from '../../../src/domain/upstream';

let sb: TestSandbox;
/** Before the sandbox and its seed: evidence read by the seed is dated after this, however slow the machine. */
let startedAt: number;

const keysIn = (status: string) => deliverableKeysIn(sb, status);
const setGerritOnly = (on: boolean, setting: 'codeCommittedFrom' | 'specAcceptedFrom' = 'codeCommittedFrom') =>
  setGateSettings(sb, { [setting]: on ? 'gerrit' : 'panel' });

beforeAll(async () => {
  startedAt = Date.now();
  sb = await startSandbox({ seed: 'full' });
}, 240_000);
afterAll(() => sb?.stop());

describe('upstream evidence from Gerrit', () => {
  let key: string;
  let numbers: number[];

  test('seeded deliverables with changes carry what Gerrit says, with where and when it came from', async () => {
    key = (await keysIn('Coding In Progress'))[0]!;
    const data = unwrap<PanelData>(await panel(sb, ADMIN, key, 'panel/load', {}));
    const record = data.delivery!.data!;
    numbers = record.changes!.map((c) => c.number);
    const gerrit = record.upstream!.gerrit!;
    expect(gerrit.source).toBe('gerrit');
    expect(Date.parse(gerrit.fetchedAt)).toBeGreaterThanOrEqual(startedAt);
    expect(gerrit.stale).toBeUndefined();
    // The code changes, then the specification review (openstack/<project>-specs).
    expect(gerrit.changes.map((c) => c.number)).toEqual([...numbers, Number(/\/\+\/(\d+)/.exec(record.specification!.reviewUrl)![1])]);
    expect(gerrit.changes[gerrit.changes.length - 1]!.project).toMatch(/-specs$/);
    expect(gerrit.changes[0]).toMatchObject({ status: 'NEW', project: expect.stringMatching(/^openstack\//) as unknown });
    // The record is signed by the app with the evidence in it.
    expect(data.delivery!.integrity).toBe('valid');
  });

  test('with Code Committed "from Gerrit only", the move is refused naming the change and what it lacks', async () => {
    await setGerritOnly(true);
    const res = await transition(sb, ADMIN, key, 'Code Committed');
    expect(res.status).toBe(400);
    const message = (res.body as { errorMessages: string[] }).errorMessages.join(' ');
    expect(message).toContain(`change ${numbers[0]} is not merged`);
    expect(message).toContain('has one Code-Review +2, needs two');
    // The panel's readiness says the same (the one gate check).
    const data = unwrap<PanelData>(await panel(sb, ADMIN, key, 'panel/load', {}));
    expect(data.readiness[0]?.missing.map((m) => m.requirement)).toContain('upstream:code-committed');
  });

  test('once Gerrit says merged, verified and approved by two cores, a refresh opens the gate', async () => {
    for (const n of numbers) {
      sb.gerrit.store.vote(n, 'Code-Review', SEEDED_CORES[2]!, 2);
      sb.gerrit.store.vote(n, 'Code-Review', SEEDED_CORES[3]!, 2);
      sb.gerrit.store.vote(n, 'Verified', ZUUL, 2);
      sb.gerrit.store.vote(n, 'Workflow', SEEDED_CORES[3]!, 1);
      sb.gerrit.store.setStatus(n, 'MERGED');
    }
    // Until the app reads Gerrit again, the stored evidence decides.
    expect((await transition(sb, ADMIN, key, 'Code Committed')).status).toBe(400);
    const data = unwrap<PanelData>(await panel(sb, ADMIN, key, 'delivery/refresh-upstream', {}));
    expect(data.upstreamProblem).toBeUndefined();
    expect(data.delivery!.data!.upstream!.gerrit!.changes.every((c) => c.status === 'MERGED')).toBe(true);
    expect(data.readiness[0]).toMatchObject({ target: 'code-committed', pass: true });
    expect((await transition(sb, ADMIN, key, 'Code Committed')).status).toBe(204);
  });

  test('a Gerrit that cannot be reached keeps the last evidence, marks it stale, and never fails the panel', async () => {
    const other = (await keysIn('Coding In Progress'))[0]!;
    const before = unwrap<PanelData>(await panel(sb, ADMIN, other, 'panel/load', {})).delivery!.data!.upstream!.gerrit!;
    sb.gerrit.setMode({ kind: 'unreachable' });
    try {
      const answer = await panel(sb, ADMIN, other, 'delivery/refresh-upstream', {});
      const data = unwrap<PanelData>(answer);
      expect(data.upstreamProblem).toMatch(/^Gerrit could not be reached .*The evidence shown is the last read from Gerrit\.$/);
      const after = data.delivery!.data!.upstream!.gerrit!;
      expect(after.changes).toEqual(before.changes);
      expect(after.fetchedAt).toBe(before.fetchedAt);
      expect(after.stale).toMatchObject({ reason: expect.stringMatching(/^Gerrit could not be reached/) as unknown });
      sb.gerrit.setMode({ kind: 'failing', status: 503 });
      const again = unwrap<PanelData>(await panel(sb, ADMIN, other, 'delivery/refresh-upstream', {}));
      // Stale since the first failure.
      expect(again.delivery!.data!.upstream!.gerrit!.stale!.since).toBe(after.stale!.since);
      expect(unwrap<PanelData>(await panel(sb, ADMIN, other, 'panel/load', {})).delivery!.integrity).toBe('valid');
    } finally {
      sb.gerrit.setMode({ kind: 'ok' });
    }
    const fresh = unwrap<PanelData>(await panel(sb, ADMIN, other, 'delivery/refresh-upstream', {}));
    expect(fresh.delivery!.data!.upstream!.gerrit!.stale).toBeUndefined();
  });

  test('a save keeps the evidence and cannot carry any of its own', async () => {
    const data = unwrap<PanelData>(await panel(sb, ADMIN, key, 'panel/load', {}));
    const { approvals: _a, upstream, ...rest } = data.delivery!.data!;
    const forged = await panel(sb, ADMIN, key, 'delivery/save', {
      revision: data.delivery!.revision,
      delivery: { ...rest, upstream: { gerrit: { ...upstream!.gerrit!, changes: [] } } },
    });
    const refusal = {
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        message: expect.stringContaining(
          'Evidence from upstream (Gerrit and Launchpad) is read by the app ("Refresh from upstream" and the hourly sync); a save cannot carry it.',
        ) as unknown,
      },
    };
    expect(forged).toMatchObject(refusal);
    // Launchpad's evidence alike.
    const forgedBlueprint = await panel(sb, ADMIN, key, 'delivery/save', {
      revision: data.delivery!.revision,
      delivery: { ...rest, upstream: { launchpad: { source: 'launchpad', fetchedAt: new Date().toISOString(), notFound: true } } },
    });
    expect(forgedBlueprint).toMatchObject(refusal);
    const saved = unwrap<PanelData>(await panel(sb, ADMIN, key, 'delivery/save', { revision: data.delivery!.revision, delivery: rest }));
    expect(saved.delivery!.data!.upstream).toEqual(upstream);
  });
});

describe('Specification Accepted from Gerrit only', () => {
  test('refused while the spec change is open in openstack/<project>-specs, passes once Gerrit says merged', async () => {
    const key = (await keysIn('Specification In Progress'))[0]!;
    const data = unwrap<PanelData>(await panel(sb, ADMIN, key, 'panel/load', {}));
    const url = data.delivery!.data!.specification!.reviewUrl;
    const number = Number(/\/\+\/(\d+)/.exec(url)![1]);
    // The seed read the spec review from Gerrit too.
    expect(data.delivery!.data!.upstream!.gerrit!.changes.find((c) => c.number === number)).toMatchObject({ status: 'NEW' });
    await setGerritOnly(true, 'specAcceptedFrom');
    try {
      const refused = await transition(sb, ADMIN, key, 'Specification Accepted');
      expect(refused.status).toBe(400);
      expect((refused.body as { errorMessages: string[] }).errorMessages.join(' ')).toContain(
        `Specification (from Gerrit): change ${number} in ${/\/c\/(.+?)\/\+/.exec(url)![1]} is not merged yet.`,
      );
      sb.gerrit.store.setStatus(number, 'MERGED');
      unwrap<PanelData>(await panel(sb, ADMIN, key, 'delivery/refresh-upstream', {}));
      expect((await transition(sb, ADMIN, key, 'Specification Accepted')).status).toBe(204);
    } finally {
      await setGerritOnly(false, 'specAcceptedFrom');
    }
  });
});

describe('the scheduled upstream sync', () => {
  type Source = { candidates: number; read: number; requests: number; skipped?: string; error?: string; backoffUntil?: string };
  type Outcome = { written: number; skipped?: string; gerrit: Source; launchpad: Source };
  const run = async () => {
    const r = await sb.host.runScheduledTrigger('lcoo-upstream-sync');
    expect(r.ok).toBe(true);
    return r.result as Outcome;
  };

  test('writes only what Gerrit changed, in batched queries', async () => {
    const first = await run();
    // Seeded deliverables not Delivered with changes: Coding In Progress and Code Committed.
    expect(first.gerrit.candidates).toBeGreaterThanOrEqual(4);
    expect(first.gerrit.read).toBe(first.gerrit.candidates);
    // Every change number of every candidate, 25 to a query: one or two requests for the seed.
    expect(first.gerrit.requests).toBeLessThanOrEqual(2);
    const key = (await keysIn('Coding In Progress'))[0]!;
    const before = unwrap<PanelData>(await panel(sb, ADMIN, key, 'panel/load', {})).delivery!;
    const n = before.data!.changes![0]!.number;
    sb.gerrit.store.vote(n, 'Code-Review', SEEDED_CORES[3]!, -2);
    const second = await run();
    expect(second.written).toBe(1);
    const after = unwrap<PanelData>(await panel(sb, ADMIN, key, 'panel/load', {})).delivery!;
    expect(after.revision).toBe(before.revision! + 1);
    expect(after.integrity).toBe('valid');
    expect(after.data!.upstream!.gerrit!.changes[0]!.votes).toContainEqual({
      label: 'Code-Review',
      by: { id: SEEDED_CORES[3]!._account_id, name: SEEDED_CORES[3]!.name, username: SEEDED_CORES[3]!.username },
      value: -2,
    });
    expect((await run()).written).toBe(0);
  });

  test('a failing Gerrit marks the evidence stale once and backs off', async () => {
    sb.gerrit.setMode({ kind: 'failing', status: 503 });
    try {
      const failed = await run();
      expect(failed.gerrit.error).toBe('Gerrit answered 503: Service Unavailable.');
      // Every deliverable of the chunk whose Gerrit read failed: its evidence marked stale (one write each).
      expect(failed.written).toBeGreaterThan(0);
      expect(Date.parse(failed.gerrit.backoffUntil!)).toBeGreaterThan(Date.now());
      // Launchpad's part ran as usual and is not backing off.
      expect(failed.launchpad.error).toBeUndefined();
      expect(failed.launchpad.backoffUntil).toBeUndefined();
      const requests = sb.gerrit.requests;
      const lpRequests = sb.launchpad.requests;
      // While Gerrit is left alone, what Launchpad says still reaches the record.
      const key = (await keysIn('Coding In Progress'))[0]!;
      const before = unwrap<PanelData>(await panel(sb, ADMIN, key, 'panel/load', {})).delivery!;
      const ref = blueprintRef(before.data!.blueprint?.url);
      expect(ref).toBeDefined();
      sb.launchpad.store.setDefinitionStatus(ref!.project, ref!.name, 'Superseded');
      const again = await run();
      expect(again.gerrit).toMatchObject({ skipped: 'backoff', requests: 0 });
      expect(again.launchpad.skipped).toBeUndefined();
      expect(again.launchpad.error).toBeUndefined();
      expect(sb.gerrit.requests).toBe(requests);
      expect(sb.launchpad.requests).toBeGreaterThan(lpRequests);
      const after = unwrap<PanelData>(await panel(sb, ADMIN, key, 'panel/load', {})).delivery!;
      expect(after.data!.upstream!.launchpad!.blueprint).toMatchObject({ ...ref, definitionStatus: 'Superseded' });
      expect(after.revision).toBe(before.revision! + 1);
      expect(unwrap<PanelData>(await panel(sb, ADMIN, key, 'panel/load', {})).delivery!.data!.upstream!.gerrit!.stale?.reason).toBe(
        'Gerrit answered 503: Service Unavailable.',
      );
    } finally {
      sb.gerrit.setMode({ kind: 'ok' });
    }
  });
});
