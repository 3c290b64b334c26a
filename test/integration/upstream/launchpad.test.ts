// Launchpad blueprints through the sandbox (issue 14): the seeded deliverables carry what the
// Launchpad emulator says about their blueprint, "Refresh from upstream" stores it in the signed
// record, a Launchpad that can't be reached leaves the last read marked stale without failing the
// panel, and with Blueprint Accepted "from Launchpad" the gate (validator) decides by its
// definition status.
import type { ConfigView } from '../../../src/contract/admin';
import type { PanelData } from '../../../src/contract/panel';
import { blueprintRef } from '../../../src/domain/upstream';
import { startSandbox, type TestSandbox } from '../../support/sandbox';
import { ADMIN, COORDINATOR, panel, rest, transition, unwrap } from '../../support/lcoo-site';

let sb: TestSandbox;

async function keysIn(status: string): Promise<string[]> {
  const res = await rest(sb, ADMIN, 'POST', '/rest/api/3/search/jql', {
    jql: `project = LCOO AND issuetype = "Upstream Deliverable" AND status = "${status}"`,
    fields: ['summary'],
    maxResults: 50,
  });
  return (res.body as { issues: { key: string }[] }).issues.map((i) => i.key);
}

async function setFromLaunchpad(on: boolean): Promise<void> {
  const view = unwrap<ConfigView>(await sb.host.invoke('lcoo-admin', 'config/get', {}, { asEmail: ADMIN }));
  unwrap(
    await sb.host.invoke(
      'lcoo-admin',
      'config/save',
      { ...view.config, gate: { ...view.config.gate, blueprintAcceptedFrom: on ? 'launchpad' : 'panel' } },
      { asEmail: ADMIN },
    ),
  );
}

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
