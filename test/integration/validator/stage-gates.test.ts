// Every gate of both lifecycles, through the sandbox with the real Forge packages: Jira runs
// the stage-gate validator inside POST /issue/{key}/transitions. Each move is first refused
// with exactly what is missing (as the domain's gate engine lists it), then allowed once the
// record (written through the panel resolver) and the approvals (approvals/record, by people
// in the right groups) supply it.
import { BUILTIN_CALENDAR } from '../../../src/domain/releases';
import type { Delivery, DeliveryInput } from '../../../src/domain/delivery';
import { defaultGateConfig } from '../../../src/domain/gates';
import { evaluateGate } from '../../fixtures/evaluate-gate';
import { LIFECYCLES, stageByStatusName, type Stage } from '../../../src/domain/lifecycle';
import { checklistItemMissing, type Vetting, type VettingInput } from '../../../src/domain/vetting';
import { blockedMessage } from '../../../src/modules/validator/gate-message';
import { makeCompleteDelivery, makeCompleteVetting } from '../../fixtures/builders';
import { startSandbox, type TestSandbox } from '../../support/sandbox';
import {
  ADMIN,
  COORDINATOR,
  FST_LEAD,
  SECOND_CORE,
  VIEWER,
  createIssue,
  load,
  panel,
  rest,
  runSetup,
  statusOf,
  transition,
  unwrap,
} from '../../support/lcoo-site';

let sb: TestSandbox;

beforeAll(async () => {
  sb = await startSandbox();
  await runSetup(sb);
}, 120_000);
afterAll(async () => {
  await sb?.stop();
});

const statusName = (stage: Stage) =>
  [...LIFECYCLES.portfolio.stages, ...LIFECYCLES.delivery.stages].find((s) => s.id === stage)!.statusName;

/** The refusal Jira must show: built from the domain's own list of what is missing. */
async function expectBlocked(issueKey: string, target: Stage): Promise<string[]> {
  const data = await load(sb, issueKey);
  const lifecycle = data.issue.lifecycle!;
  const own = lifecycle === 'portfolio' ? data.vetting : data.delivery;
  const expected = evaluateGate(
    target,
    {
      lifecycle,
      from: stageByStatusName(data.issue.statusName)!,
      integrity: own?.integrity ?? 'missing',
      ...(data.vetting?.data ? { vetting: data.vetting.data } : {}),
      ...(data.delivery?.data ? { delivery: data.delivery.data } : {}),
    },
    defaultGateConfig,
    new Date(),
  );
  expect(expected.pass).toBe(false);
  const res = await transition(sb, FST_LEAD, issueKey, statusName(target));
  expect(res.status).toBe(400);
  expect((res.body as { errorMessages: string[] }).errorMessages).toEqual([blockedMessage(issueKey, statusName(target), expected.missing)]);
  expect(await statusOf(sb, issueKey)).not.toBe(statusName(target));
  return expected.missing.map((m) => m.requirement);
}

/** Runs the gate as Jira would for a move of `issueKey` to the status named `to`, with a rule configuration. */
async function runGate(issueKey: string, to: string, configuration: unknown) {
  const statuses = (await rest(sb, ADMIN, 'GET', `/rest/api/3/statuses/search?searchString=${encodeURIComponent(to)}`)).body as {
    values: { id: string; name: string }[];
  };
  const toId = statuses.values.find((s) => s.name === to)!.id;
  const issue = (await rest(sb, ADMIN, 'GET', `/rest/api/3/issue/${issueKey}?fields=status`)).body as {
    fields: { status: { id: string } };
  };
  return sb.host.runValidator({
    moduleKey: 'lcoo-stage-gate',
    issueKey,
    fromStatusId: issue.fields.status.id,
    toStatusId: toId,
    ...(configuration !== undefined ? { configuration } : {}),
  });
}

async function expectMoves(issueKey: string, target: Stage): Promise<void> {
  const res = await transition(sb, FST_LEAD, issueKey, statusName(target));
  expect(res).toEqual({ status: 204, body: undefined });
  expect(await statusOf(sb, issueKey)).toBe(statusName(target));
}

async function saveVetting(issueKey: string, vetting: VettingInput): Promise<void> {
  const current = await load(sb, issueKey);
  unwrap(await panel(sb, FST_LEAD, issueKey, 'vetting/save', { revision: current.vetting?.revision ?? null, vetting }));
}

async function saveDelivery(issueKey: string, delivery: DeliveryInput): Promise<void> {
  const current = await load(sb, issueKey);
  unwrap(await panel(sb, FST_LEAD, issueKey, 'delivery/save', { revision: current.delivery?.revision ?? null, delivery }));
}

async function approve(asEmail: string, issueKey: string, record: 'vetting' | 'delivery', role: string, ref?: string) {
  const current = await load(sb, issueKey);
  return panel(sb, asEmail, issueKey, 'approvals/record', {
    record,
    role,
    revision: (record === 'vetting' ? current.vetting : current.delivery)?.revision ?? null,
    ...(ref ? { ref } : {}),
  });
}

/**
 * The complete checklist with only AT&T's entry: FST_LEAD, who saves it, is an AT&T rep, and a
 * company's entry is only its own people's to record.
 */
const atAndTOnly = (v: Vetting): Vetting => ({
  ...v,
  collaborators: { ...v.collaborators!, companies: v.collaborators!.companies.filter((c) => c.company === 'AT&T') },
});

const withoutApprovals = <T extends { approvals?: unknown }>(r: T): Omit<T, 'approvals'> => {
  const { approvals: _a, ...rest } = r;
  return rest;
};

describe('Roadmap Item: every portfolio gate', () => {
  const full: Vetting = atAndTOnly(makeCompleteVetting());
  let key: string;

  beforeAll(async () => {
    key = await createIssue(sb, 'Roadmap Item', 'SR-IOV minimum bandwidth guarantees');
  });

  test('starts in Vetting Backlog: filing the proposal is its gate', async () => {
    expect(await statusOf(sb, key)).toBe('Vetting Backlog');
  });

  test('Being Vetted / Groomed: refused without a record, allowed with type, components and alignment', async () => {
    const missing = await expectBlocked(key, 'being-vetted');
    expect(missing).toEqual(['integrity', 'checklist:type', 'checklist:components', 'checklist:communityAlignment']);
    await saveVetting(key, {
      schemaVersion: 2,
      fst: full.fst,
      type: full.type,
      components: full.components,
      communityAlignment: full.communityAlignment,
    });
    await expectMoves(key, 'being-vetted');
  });

  test('Prioritized: refused until the 12-point checklist and both prioritizations are in', async () => {
    const missing = await expectBlocked(key, 'prioritized');
    expect(missing).toEqual(
      expect.arrayContaining(['checklist:requirements', 'checklist:size', 'approval:fst-prioritization', 'approval:lrc-prioritization']),
    );
    const { deliveryStream: _ds, ...vetting } = withoutApprovals(full);
    await saveVetting(key, vetting);
    // Only the checklist is filled: the two decisions are still missing, and nothing else.
    expect(await expectBlocked(key, 'prioritized')).toEqual(['approval:fst-prioritization', 'approval:lrc-prioritization']);

    const refused = await approve(COORDINATOR, key, 'vetting', 'fst-prioritization');
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    unwrap(await approve(FST_LEAD, key, 'vetting', 'fst-prioritization'));
    expect(await expectBlocked(key, 'prioritized')).toEqual(['approval:lrc-prioritization']);
    unwrap(await approve(ADMIN, key, 'vetting', 'lrc-prioritization'));
    await expectMoves(key, 'prioritized');
  });

  test('Development Ready: refused until the delivery stream is chosen', async () => {
    expect(await expectBlocked(key, 'development-ready')).toEqual(['deliveryStream']);
    await saveVetting(key, withoutApprovals(full));
    await expectMoves(key, 'development-ready');
  });

  test('moving back is always allowed, and forward again through each gate', async () => {
    await expectMoves(key, 'being-vetted');
    await expectMoves(key, 'prioritized');
    await expectMoves(key, 'development-ready');
  });
});

describe('Upstream Deliverable: every delivery gate', () => {
  const full: Delivery = makeCompleteDelivery();
  const base = { schemaVersion: 1 as const, roadmapItemKey: 'LCOO-1', project: full.project };
  const openChanges = full.changes!.map((c) => ({ ...c, status: 'open' as const, ci: 'pending' as const }));
  let key: string;

  beforeAll(async () => {
    key = await createIssue(sb, 'Upstream Deliverable', 'Neutron: SR-IOV minimum bandwidth');
    expect(await statusOf(sb, key)).toBe('Backlog');
  });

  test('Blueprint In Progress: needs the blueprint and a PTL/core alignment note', async () => {
    expect(await expectBlocked(key, 'blueprint-in-progress')).toEqual(['integrity', 'delivery:blueprint', 'delivery:alignment']);
    await saveDelivery(key, { ...base, blueprint: full.blueprint!, alignment: full.alignment! });
    await expectMoves(key, 'blueprint-in-progress');
  });

  test('Blueprint Accepted: needs the milestone and the stakeholders’ acceptance', async () => {
    expect(await expectBlocked(key, 'blueprint-accepted')).toEqual(['delivery:milestone', 'approval:stakeholder-acceptance']);
    await saveDelivery(key, { ...base, blueprint: full.blueprint!, alignment: full.alignment!, milestone: full.milestone! });
    expect(await approve(VIEWER, key, 'delivery', 'stakeholder-acceptance')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    unwrap(await approve(COORDINATOR, key, 'delivery', 'stakeholder-acceptance'));
    await expectMoves(key, 'blueprint-accepted');
  });

  test('with the specification step on, Blueprint Accepted cannot jump to Coding In Progress', async () => {
    const res = await transition(sb, FST_LEAD, key, 'Coding In Progress');
    expect(res.status).toBe(400);
    expect((res.body as { errorMessages: string[] }).errorMessages[0]).toMatch(
      /specification step is on.*"Blueprint Accepted" to "Specification In Progress" first/,
    );
  });

  const soFar = () => ({ ...base, blueprint: full.blueprint!, alignment: full.alignment!, milestone: full.milestone! });

  test('Specification In Progress: needs the specification review link', async () => {
    expect(await expectBlocked(key, 'spec-in-progress')).toEqual(['delivery:spec-review']);
    await saveDelivery(key, { ...soFar(), specification: { ...full.specification!, approved: false } });
    await expectMoves(key, 'spec-in-progress');
  });

  test('Specification Accepted: needs the specification approved', async () => {
    expect(await expectBlocked(key, 'spec-accepted')).toEqual(['delivery:spec-approved']);
    await saveDelivery(key, { ...soFar(), specification: full.specification! });
    await expectMoves(key, 'spec-accepted');
  });

  test('Coding In Progress: needs a Gerrit change under review', async () => {
    expect(await expectBlocked(key, 'coding-in-progress')).toEqual(['delivery:changes']);
    await saveDelivery(key, { ...soFar(), specification: full.specification!, changes: openChanges });
    await expectMoves(key, 'coding-in-progress');
  });

  test('Code Committed: two distinct cores, every change merged, CI passing', async () => {
    expect(await expectBlocked(key, 'code-committed')).toEqual(['approval:core-approval', 'delivery:changes-merged', 'delivery:ci']);
    await saveDelivery(key, { ...soFar(), specification: full.specification!, changes: full.changes! });
    expect(await approve(COORDINATOR, key, 'delivery', 'core-approval', '912345')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    unwrap(await approve(FST_LEAD, key, 'delivery', 'core-approval', '912345'));
    // One core approving twice is still one core.
    unwrap(await approve(FST_LEAD, key, 'delivery', 'core-approval', '912346'));
    expect(await expectBlocked(key, 'code-committed')).toEqual(['approval:core-approval']);
    unwrap(await approve(SECOND_CORE, key, 'delivery', 'core-approval', '912346'));
    // A rule configured for 3 cores still refuses what the admin default (2) allows.
    const three = await runGate(key, 'Code Committed', JSON.stringify({ coreApprovalsRequired: 3 }));
    expect(three).toEqual({
      result: false,
      errorMessage: blockedMessage(key, 'Code Committed', [
        { requirement: 'approval:core-approval', message: 'Core approvals: 3 different core reviewers must approve; 2 have so far.' },
      ]),
    });
    await expectMoves(key, 'code-committed');
  });

  test('Delivered: the POD’s acceptance and the committee’s tracking', async () => {
    expect(await expectBlocked(key, 'delivered')).toEqual(['approval:pod-acceptance', 'approval:lrc-tracking']);
    unwrap(await approve(COORDINATOR, key, 'delivery', 'pod-acceptance'));
    expect(await expectBlocked(key, 'delivered')).toEqual(['approval:lrc-tracking']);
    unwrap(await approve(ADMIN, key, 'delivery', 'lrc-tracking'));
    await expectMoves(key, 'delivered');
  });
});

describe('records not written by the app never pass a gate', () => {
  test('a property forged through raw REST (approvals added, signature kept) is refused', async () => {
    const key = await createIssue(sb, 'Roadmap Item', 'Forged approvals');
    const { approvals: _a, ...vetting } = atAndTOnly(makeCompleteVetting());
    await saveVetting(key, { ...vetting, schemaVersion: 2 });
    await expectMoves(key, 'being-vetted');
    const raw = await rest(sb, FST_LEAD, 'GET', `/rest/api/3/issue/${key}/properties/lcoo-vetting`);
    const stored = (raw.body as { value: { data: Vetting } }).value;
    // Someone with edit permission writes the two approvals in by hand, keeping the old signature.
    const forged = { ...stored, data: { ...stored.data, approvals: makeCompleteVetting().approvals } };
    expect((await rest(sb, FST_LEAD, 'PUT', `/rest/api/3/issue/${key}/properties/lcoo-vetting`, forged)).status).toBeLessThan(300);

    const res = await transition(sb, FST_LEAD, key, 'Prioritized');
    expect(res.status).toBe(400);
    const message = (res.body as { errorMessages: string[] }).errorMessages[0];
    expect(message).toContain('The LCOO record was modified outside the LCOO app; re-save it from the LCOO panel.');
    expect(await statusOf(sb, key)).toBe('Being Vetted / Groomed');
  });

  test('a property made from scratch (no signature) is refused', async () => {
    const key = await createIssue(sb, 'Upstream Deliverable', 'Hand-made record');
    const handMade = {
      schemaVersion: 1,
      data: makeCompleteDelivery(),
      index: {},
      meta: { revision: 1, updatedAt: new Date().toISOString(), updatedBy: 'x' },
    };
    await rest(sb, FST_LEAD, 'PUT', `/rest/api/3/issue/${key}/properties/lcoo-delivery`, handMade);
    const res = await transition(sb, FST_LEAD, key, 'Blueprint In Progress');
    expect(res.status).toBe(400);
    expect((res.body as { errorMessages: string[] }).errorMessages[0]).toContain('modified outside the LCOO app');
  });

  test('garbage in the property fails closed with a message', async () => {
    const key = await createIssue(sb, 'Roadmap Item', 'Garbage record');
    await rest(sb, FST_LEAD, 'PUT', `/rest/api/3/issue/${key}/properties/lcoo-vetting`, { hello: 'world' });
    const res = await transition(sb, FST_LEAD, key, 'Being Vetted / Groomed');
    expect(res.status).toBe(400);
    expect((res.body as { errorMessages: string[] }).errorMessages[0]).toContain(
      "The LCOO record can't be read; re-save it from the LCOO panel.",
    );
  });
});

describe('a stored configuration that no longer parses', () => {
  test('fails closed: no move forward (the defaults may be weaker than what the admin set) until an admin saves it again; moves back stay allowed', async () => {
    const key = await createIssue(sb, 'Roadmap Item', 'Gate under a broken configuration');
    const { approvals: _a, ...vetting } = atAndTOnly(makeCompleteVetting());
    await saveVetting(key, { ...vetting, schemaVersion: 2 });
    await expectMoves(key, 'being-vetted');
    const kvs = sb.host.raw.kvs;
    const stored = kvs.handle('/api/v1/get', { key: 'lcoo:config' }).body as { value?: unknown } | undefined;
    kvs.handle('/api/v1/set', { key: 'lcoo:config', value: { version: 1, fsts: 'not a list' } });
    try {
      const forward = await runGate(key, 'Prioritized', undefined);
      expect(forward.result).toBe(false);
      expect(forward.errorMessage).toMatch(
        /stored LCOO configuration is not valid.*An LCOO admin must fix the configuration and save it again on the LCOO admin page/,
      );
      expect(await runGate(key, 'Vetting Backlog', undefined)).toEqual({ result: true });
      await expectMoves(key, 'vetting-backlog');
      // The record passed this gate under the defaults a moment ago; now it is refused.
      const res = await transition(sb, FST_LEAD, key, 'Being Vetted / Groomed');
      expect(res.status).toBe(400);
      expect((res.body as { errorMessages: string[] }).errorMessages[0]).toContain(
        'An LCOO admin must fix the configuration and save it again on the LCOO admin page',
      );
      expect(await statusOf(sb, key)).toBe('Vetting Backlog');
    } finally {
      if (stored?.value !== undefined) kvs.handle('/api/v1/set', { key: 'lcoo:config', value: stored.value });
      else kvs.handle('/api/v1/delete', { key: 'lcoo:config' });
    }
    await expectMoves(key, 'being-vetted');
  });
});

describe("the rule's own configuration", () => {
  test('adds checklist items to a stage, and an invalid configuration fails closed', async () => {
    const key = await createIssue(sb, 'Upstream Deliverable', 'Rule configuration');
    const full = makeCompleteDelivery();
    await saveDelivery(key, { schemaVersion: 1, roadmapItemKey: 'LCOO-1', blueprint: full.blueprint!, alignment: full.alignment! });
    const run = (configuration: unknown) => runGate(key, 'Blueprint In Progress', configuration);
    expect(await run(undefined)).toEqual({ result: true });

    // Checklist items required at a delivery stage are read from the deliverable's Roadmap Item.
    const sizeRule = JSON.stringify({ requiredChecklist: { 'blueprint-in-progress': ['size'] } });
    const sizeMissing = checklistItemMissing({ schemaVersion: 2 }, 'size', { nowMs: Date.now(), calendar: BUILTIN_CALENDAR })!;
    const item = await createIssue(sb, 'Roadmap Item', 'Unsized item');
    const { size: _size, approvals: _a, ...unsized } = atAndTOnly(makeCompleteVetting());
    await saveVetting(item, unsized);
    await saveDelivery(key, { schemaVersion: 1, roadmapItemKey: item, blueprint: full.blueprint!, alignment: full.alignment! });
    expect(await run(sizeRule)).toEqual({
      result: false,
      errorMessage: blockedMessage(key, 'Blueprint In Progress', [{ requirement: 'checklist:size', message: sizeMissing }]),
    });
    await saveVetting(item, { ...unsized, size: 'M' });
    expect(await run(sizeRule)).toEqual({ result: true });
    // A forged Roadmap Item record does not count.
    const raw = (await rest(sb, FST_LEAD, 'GET', `/rest/api/3/issue/${item}/properties/lcoo-vetting`)).body as { value: { data: Vetting } };
    await rest(sb, FST_LEAD, 'PUT', `/rest/api/3/issue/${item}/properties/lcoo-vetting`, {
      ...raw.value,
      data: { ...raw.value.data, size: 'XL' },
    });
    const forged = await run(sizeRule);
    expect(forged.errorMessage).toContain(`Roadmap Item ${item}: The LCOO record was modified outside the LCOO app`);
    expect(forged.errorMessage).toContain(sizeMissing);

    const bad = await run('{"coreApprovalsRequired": 9}');
    expect(bad).toEqual({
      result: false,
      errorMessage: expect.stringContaining(
        'The LCOO stage gate on the move to "Blueprint In Progress" has a configuration that is not valid (coreApprovalsRequired: At most 5 core approvals can be required.). A Jira administrator must edit the rule in the workflow editor.',
      ),
    });
    const typo = await run({ coreApprovalsRequird: 1 });
    expect(typo.result).toBe(false);
    expect(typo.errorMessage).toContain('is not valid');
  });

  test('a status the app did not set up fails closed, naming the fix', async () => {
    const key = await createIssue(sb, 'Roadmap Item', 'Unknown status');
    const out = await sb.host.runValidator({ moduleKey: 'lcoo-stage-gate', issueKey: key, fromStatusId: '1', toStatusId: '10001' });
    expect(out.result).toBe(false);
    expect(out.errorMessage).toContain('is not one of the LCOO stages this app set up');
  });

  test('Jira failing (or rate-limiting past the retries) fails closed with its reason, never a bare false', async () => {
    const key = await createIssue(sb, 'Roadmap Item', 'Jira trouble');
    const original = sb.emulator.handle.bind(sb.emulator);
    sb.emulator.handle = async (req) =>
      req.principal.kind === 'app' && req.method === 'GET' && req.path.startsWith(`/rest/api/3/issue/${key}?`)
        ? {
            status: 503,
            headers: { 'content-type': 'application/json' },
            body: { errorMessages: ['Jira is under maintenance.'], errors: {} },
          }
        : original(req);
    try {
      const out = await runGate(key, 'Being Vetted / Groomed', undefined);
      expect(out.result).toBe(false);
      expect(out.errorMessage).toContain('Jira is under maintenance.');
      expect(out.errorMessage).toContain('The move stays blocked until the gate can be checked; try again.');
    } finally {
      sb.emulator.handle = original;
    }
  });

  test('an issue Jira cannot find fails closed', async () => {
    const out = await sb.host.runValidator({
      moduleKey: 'lcoo-stage-gate',
      issueKey: 'LCOO-99999',
      fromStatusId: '1',
      toStatusId: '10001',
    });
    expect(out).toEqual({ result: false, errorMessage: expect.stringContaining('LCOO-99999') });
  });
});

describe('REST budget', () => {
  test('one evaluation spends exactly one Jira REST call, as the app', async () => {
    const key = await createIssue(sb, 'Roadmap Item', 'Budget');
    const log = sb.host.raw.fetchLog;
    // The log is bounded (old entries drop off the front): find where this run starts by identity.
    const runGateNow = () => runGate(key, 'Being Vetted / Groomed', undefined);
    const mark = log[log.length - 1];
    const out = await runGateNow();
    expect(out.result).toBe(false);
    const jira = log.slice(log.lastIndexOf(mark!) + 1).filter((e) => e.kind === 'jira');
    expect(jira).toEqual([expect.objectContaining({ method: 'GET', principal: { kind: 'app' }, status: 200 })]);
    const url = new URL(jira[0]!.path, 'http://jira');
    expect(url.pathname).toBe(`/rest/api/3/issue/${key}`);
    expect(url.searchParams.get('fields')).toBe('status,issuetype');
    expect(url.searchParams.get('properties')).toBe('lcoo-vetting,lcoo-delivery');
  });
});

describe('issue updated trigger', () => {
  test('a transition refreshes index.stage so JQL on lcooStage follows the workflow', async () => {
    const key = await createIssue(sb, 'Roadmap Item', 'Index follows transitions');
    const full = atAndTOnly(makeCompleteVetting());
    await saveVetting(key, {
      schemaVersion: 2,
      fst: full.fst,
      type: full.type,
      components: full.components,
      communityAlignment: full.communityAlignment,
    });
    await expectMoves(key, 'being-vetted');
    await sb.host.settled();
    const prop = await rest(sb, ADMIN, 'GET', `/rest/api/3/issue/${key}/properties/lcoo-vetting`);
    expect((prop.body as { value: { index: { stage: string[] } } }).value.index.stage).toEqual(['Being Vetted / Groomed', 'being-vetted']);
    for (const stage of ['being-vetted', 'Being Vetted / Groomed']) {
      const found = await rest(sb, ADMIN, 'POST', '/rest/api/3/search/jql', {
        jql: `lcooStage = "${stage}" AND key = ${key}`,
        fields: ['summary'],
      });
      expect((found.body as { issues: { key: string }[] }).issues.map((i) => i.key)).toEqual([key]);
    }
    // The signature is untouched: the gate still trusts the record after the index rewrite.
    expect((await load(sb, key)).vetting?.integrity).toBe('valid');
  });

  test('a save landing at the same moment wins: the refresh never writes an older revision over it', async () => {
    const key = await createIssue(sb, 'Roadmap Item', 'Index refresh racing a save');
    await saveVetting(key, { schemaVersion: 2, fst: 'Networking', type: 'new' });
    const before = await rest(sb, ADMIN, 'GET', `/rest/api/3/issue/${key}/properties/lcoo-vetting`);
    const issueId = (await rest(sb, ADMIN, 'GET', `/rest/api/3/issue/${key}?fields=summary`)).body as { id: string };
    // A save of revision 2 is in flight: it holds the claim on revision 2 (here as a version of
    // the app before claims kept their expiry in the value wrote it: held until its TTL).
    const claimKey = `lcoo:claim:lcoo-vetting:${issueId.id}:2`;
    expect(
      sb.host.raw.kvs.handle('/api/v1/set', {
        key: claimKey,
        value: { accountId: 'someone' },
        options: { keyPolicy: 'FAIL_IF_EXISTS', ttl: { value: 10, unit: 'MINUTES' } },
      }).status,
    ).toBeLessThan(300);
    const event = {
      issue: { id: issueId.id, key, fields: { issuetype: { name: 'Roadmap Item' } } },
      changelog: { items: [{ field: 'status', toString: 'Being Vetted / Groomed' }] },
    };
    const [run] = await sb.host.fireTrigger('avi:jira:updated:issue', event);
    expect(run).toMatchObject({ ok: true, result: { issueKey: key, stage: 'being-vetted', refreshed: [] } });
    expect((await rest(sb, ADMIN, 'GET', `/rest/api/3/issue/${key}/properties/lcoo-vetting`)).body).toEqual(before.body);
    // Once the save is done (its claim gone), the next status change refreshes the index again.
    sb.host.raw.kvs.handle('/api/v1/delete', { key: claimKey });
    const [again] = await sb.host.fireTrigger('avi:jira:updated:issue', event);
    expect(again).toMatchObject({ ok: true, result: { refreshed: ['lcoo-vetting'] } });
    expect((await load(sb, key)).vetting?.integrity).toBe('valid');
  });
});
