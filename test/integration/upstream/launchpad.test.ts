// Launchpad blueprints through the sandbox (issue 14): the seeded deliverables carry what the
// Launchpad emulator says about their blueprint, "Refresh from upstream" stores it in the signed
// record, a Launchpad that can't be reached leaves the last read marked stale without failing the
// panel, and with Blueprint Accepted "from Launchpad" the gate (validator) decides by its
// definition status.
import type { PanelData } from '../../../src/contract/panel';
import { blueprintRef } from '../../../src/domain/upstream';
import { KVS_KEYS } from '../../../src/storage/keys';
import { startSandbox, type TestSandbox } from '../../support/sandbox';
import { ADMIN, COORDINATOR, deliverableKeysIn, panel, setGateSettings, transition, unwrap } from '../../support/lcoo-site';

let sb: TestSandbox;

const keysIn = (status: string) => deliverableKeysIn(sb, status);
const setFromLaunchpad = (on: boolean) => setGateSettings(sb, { blueprintAcceptedFrom: on ? 'launchpad' : 'panel' });

const load = async (key: string) => unwrap<PanelData>(await panel(sb, ADMIN, key, 'panel/load', {}));

beforeAll(async () => {
  sb = await startSandbox({ seed: 'full' });
}, 240_000);
afterAll(() => sb?.stop());

describe('blueprint evidence from Launchpad', () => {
  test('the seed read each blueprint; a refresh stores what Launchpad says, with when', async () => {
    const key = (await keysIn('Blueprint Accepted'))[0]!;
    const data = await load(key);
    const ref = blueprintRef(data.delivery!.data!.blueprint!.url)!;
    const lp = data.delivery!.data!.upstream!.launchpad!;
    expect(lp).toMatchObject({ source: 'launchpad', blueprint: { ...ref, definitionStatus: 'Approved' } });
    expect(lp.stale).toBeUndefined();

    const before = sb.launchpad.requests;
    const refreshed = unwrap<PanelData>(await panel(sb, ADMIN, key, 'delivery/refresh-upstream', {}));
    expect(sb.launchpad.requests).toBe(before + 1);
    const now = refreshed.delivery!.data!.upstream!.launchpad!;
    expect(Date.parse(now.fetchedAt)).toBeGreaterThanOrEqual(Date.parse(lp.fetchedAt));
    expect(now.blueprint).toEqual(lp.blueprint);
    // Stored in the signed record: the panel reads it back as valid.
    expect(refreshed.delivery!.integrity).toBe('valid');
    expect(refreshed.upstreamProblem).toBeUndefined();
  });

  test('Launchpad unreachable: the last evidence stays, marked stale, and the panel says why', async () => {
    const key = (await keysIn('Blueprint Accepted'))[0]!;
    const last = (await load(key)).delivery!.data!.upstream!.launchpad!;
    sb.launchpad.setMode({ kind: 'unreachable' });
    try {
      const data = unwrap<PanelData>(await panel(sb, ADMIN, key, 'delivery/refresh-upstream', {}));
      expect(data.upstreamProblem).toMatch(/^.*Launchpad could not be reached .*The blueprint shown is the last read from Launchpad\./);
      const kept = data.delivery!.data!.upstream!.launchpad!;
      expect(kept.fetchedAt).toBe(last.fetchedAt);
      expect(kept.blueprint).toEqual(last.blueprint);
      expect(kept.stale?.reason).toMatch(/Launchpad could not be reached/);
      // Gerrit was read as usual: one source down does not mark the other stale.
      expect(data.delivery!.data!.upstream!.gerrit?.stale).toBeUndefined();
    } finally {
      sb.launchpad.setMode({ kind: 'ok' });
    }
    const again = unwrap<PanelData>(await panel(sb, ADMIN, key, 'delivery/refresh-upstream', {}));
    expect(again.delivery!.data!.upstream!.launchpad!.stale).toBeUndefined();
  });
});

describe('Blueprint Accepted from Launchpad', () => {
  test('refused while the blueprint is "Pending Approval" on Launchpad, passes once Launchpad says Approved', async () => {
    // One whose blueprint Launchpad has not approved yet (a blueprint two deliverables share may be approved already).
    let key = '';
    for (const k of await keysIn('Blueprint In Progress'))
      if ((await load(k)).delivery?.data?.upstream?.launchpad?.blueprint?.definitionStatus === 'Pending Approval') key = k;
    expect(key).not.toBe('');
    // What the panel needs for Blueprint Accepted anyway: a milestone (one a seeded deliverable uses) and the stakeholders' acceptance.
    const accepted = await load((await keysIn('Blueprint Accepted'))[0]!);
    const current = await load(key);
    const { upstream: _u, approvals: _a, ...fields } = current.delivery!.data!;
    unwrap(
      await panel(sb, ADMIN, key, 'delivery/save', {
        revision: current.delivery!.revision,
        delivery: { ...fields, milestone: accepted.delivery!.data!.milestone! },
      }),
    );
    const saved = await load(key);
    unwrap(
      await panel(sb, COORDINATOR, key, 'approvals/record', {
        record: 'delivery',
        role: 'stakeholder-acceptance',
        revision: saved.delivery!.revision,
      }),
    );

    const ref = blueprintRef(saved.delivery!.data!.blueprint!.url)!;
    expect(saved.delivery!.data!.upstream!.launchpad!.blueprint).toMatchObject({ ...ref, definitionStatus: 'Pending Approval' });
    await setFromLaunchpad(true);
    try {
      const refused = await transition(sb, ADMIN, key, 'Blueprint Accepted');
      expect(refused.status).toBe(400);
      const messages = (refused.body as { errorMessages: string[] }).errorMessages.join(' ');
      expect(messages).toContain(
        `Blueprint (from Launchpad): the blueprint ${ref.project}/${ref.name} is "Pending Approval" on Launchpad, needs "Approved".`,
      );
      // The project's drivers approve it on Launchpad; the owner refreshes; the same move now passes.
      sb.launchpad.store.setDefinitionStatus(ref.project, ref.name, 'Approved');
      unwrap<PanelData>(await panel(sb, ADMIN, key, 'delivery/refresh-upstream', {}));
      expect((await transition(sb, ADMIN, key, 'Blueprint Accepted')).status).toBe(204);
    } finally {
      await setFromLaunchpad(false);
    }
  });
});

describe('the scheduled sync reads Launchpad beside Gerrit', () => {
  type Source = { candidates: number; read: number; requests: number; skipped?: string; error?: string; backoffUntil?: string };
  type Outcome = { written: number; skipped?: string; gerrit: Source; launchpad: Source };
  const run = async () => {
    const r = await sb.host.runScheduledTrigger('lcoo-upstream-sync');
    expect(r.ok).toBe(true);
    return r.result as Outcome;
  };
  const REVIEWER = { _account_id: 9150, name: 'Eve Reviewer', email: 'eve@example.org', username: 'ereviewer' };
  /** A deliverable not Delivered that links Gerrit changes and a blueprint. */
  const withBoth = async () => {
    for (const status of ['Coding In Progress', 'Code Committed'])
      for (const k of await keysIn(status)) {
        const d = (await load(k)).delivery!.data!;
        if (d.changes?.length && blueprintRef(d.blueprint?.url) && d.upstream?.launchpad?.blueprint) return k;
      }
    throw new Error('No seeded deliverable links both changes and a blueprint');
  };
  // Each test starts with no backoff left by the one before.
  afterEach(() => {
    sb.host.raw.kvs.handle('/api/v1/delete', { key: KVS_KEYS.upstreamSync });
    sb.launchpad.setMode({ kind: 'ok' });
    sb.gerrit.setMode({ kind: 'ok' });
  });

  test("a run stores a blueprint's new status, one write for the deliverable, in few requests", async () => {
    await run(); // whatever the tests before changed, settled
    const key = await withBoth();
    const before = (await load(key)).delivery!;
    const ref = blueprintRef(before.data!.blueprint!.url)!;
    sb.launchpad.store.setDefinitionStatus(ref.project, ref.name, 'Obsolete');
    const requests = sb.launchpad.requests;
    const out = await run();
    expect(out.launchpad.error).toBeUndefined();
    expect(out.launchpad.read).toBe(out.launchpad.candidates);
    // Batched and budgeted: never more requests than blueprints, whatever the seed's projects.
    expect(out.launchpad.requests).toBeLessThanOrEqual(out.launchpad.candidates);
    expect(sb.launchpad.requests - requests).toBe(out.launchpad.requests);
    // Only the deliverables of that blueprint changed.
    expect(out.written).toBeGreaterThanOrEqual(1);
    const after = (await load(key)).delivery!;
    expect(after.revision).toBe(before.revision! + 1);
    expect(after.integrity).toBe('valid');
    expect(after.data!.upstream!.launchpad).toMatchObject({ source: 'launchpad', blueprint: { ...ref, definitionStatus: 'Obsolete' } });
    expect(Date.parse(after.data!.upstream!.launchpad!.fetchedAt)).toBeGreaterThan(Date.parse(before.data!.upstream!.launchpad!.fetchedAt));
    expect((await run()).written).toBe(0);
  });

  test('Launchpad failing: its evidence stale, the Gerrit part still updates, in one write; then Launchpad is left alone', async () => {
    await run();
    const key = await withBoth();
    const before = (await load(key)).delivery!;
    const n = before.data!.changes![0]!.number;
    sb.gerrit.store.vote(n, 'Code-Review', REVIEWER, 1);
    sb.launchpad.setMode({ kind: 'failing', status: 503 });
    const failed = await run();
    expect(failed.launchpad.error).toBe('Launchpad answered 503: Service Unavailable.');
    expect(Date.parse(failed.launchpad.backoffUntil!)).toBeGreaterThan(Date.now());
    expect(failed.gerrit.error).toBeUndefined();
    expect(failed.gerrit.backoffUntil).toBeUndefined();
    const after = (await load(key)).delivery!;
    // Both sources' news in a single write.
    expect(after.revision).toBe(before.revision! + 1);
    expect(after.data!.upstream!.launchpad!.stale?.reason).toBe('Launchpad answered 503: Service Unavailable.');
    expect(after.data!.upstream!.launchpad!.blueprint).toEqual(before.data!.upstream!.launchpad!.blueprint);
    expect(after.data!.upstream!.gerrit!.stale).toBeUndefined();
    expect(after.data!.upstream!.gerrit!.changes.find((c) => c.number === n)!.votes).toContainEqual(
      expect.objectContaining({ label: 'Code-Review', value: 1, by: expect.objectContaining({ id: REVIEWER._account_id }) }),
    );

    // Backoff honoured: the next run asks Launchpad nothing, Gerrit as usual.
    const lpRequests = sb.launchpad.requests;
    const gerritRequests = sb.gerrit.requests;
    const next = await run();
    expect(next.launchpad).toMatchObject({ skipped: 'backoff', requests: 0 });
    expect(sb.launchpad.requests).toBe(lpRequests);
    expect(next.gerrit.skipped).toBeUndefined();
    expect(sb.gerrit.requests).toBeGreaterThan(gerritRequests);
    // Stale once: not written again while it stays down.
    expect((await load(key)).delivery!.revision).toBe(after.revision);
  });

  test('both sources backing off: the run asks nothing, not even Jira', async () => {
    sb.launchpad.setMode({ kind: 'unreachable' });
    sb.gerrit.setMode({ kind: 'failing', status: 503 });
    const failed = await run();
    expect(failed.launchpad.error).toMatch(/^Launchpad could not be reached/);
    expect(failed.gerrit.error).toBe('Gerrit answered 503: Service Unavailable.');
    const jira = sb.host.raw.counter.jira;
    const out = await run();
    expect(out).toMatchObject({ skipped: 'backoff', written: 0, gerrit: { skipped: 'backoff' }, launchpad: { skipped: 'backoff' } });
    expect(sb.host.raw.counter.jira).toBe(jira);
  });
});
