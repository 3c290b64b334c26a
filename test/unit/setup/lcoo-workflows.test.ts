// The /workflows/create payloads setup sends, held against the domain's lifecycle table:
// every move the domain allows is in the workflow, the gate sits on every move forward and
// on nothing else, and reused statuses keep their own name.
import { LIFECYCLES, type LifecycleId, type Stage } from '../../../src/domain/lifecycle';
import { extensionAri, gatedStages, workflowCreatePayload, type KnownStatus } from '../../../src/jira/lcoo-workflows';

const ARI = extensionAri('6f1c1f0e-4c5a-4d7e-9a55-1c0c0ffee001', 'e0c41e5a-5a4d-4b0c-8e11-00000000e001');

function statusesFor(lifecycle: LifecycleId): Partial<Record<Stage, KnownStatus>> {
  return Object.fromEntries(
    LIFECYCLES[lifecycle].stages.map((s, i) => [s.id, { id: String(20000 + i), name: s.statusName, category: s.category }]),
  );
}

test('the extension ARI is the one Jira names a Forge validator by', () => {
  expect(ARI).toBe(
    'ari:cloud:ecosystem::extension/6f1c1f0e-4c5a-4d7e-9a55-1c0c0ffee001/e0c41e5a-5a4d-4b0c-8e11-00000000e001/static/lcoo-stage-gate',
  );
});

describe.each(['portfolio', 'delivery'] as const)('%s workflow', (lifecycle) => {
  const lc = LIFECYCLES[lifecycle];
  const payload = workflowCreatePayload(lifecycle, statusesFor(lifecycle), ARI);
  const wf = payload.workflows[0]!;

  test('has every status of the lifecycle, referenced by stage', () => {
    expect(payload.scope).toEqual({ type: 'GLOBAL' });
    expect(wf.name).toBe(lc.workflowName);
    expect(wf.statuses.map((s) => s.statusReference)).toEqual(lc.stages.map((s) => s.id));
    expect(payload.statuses.map((s) => [s.statusReference, s.name, s.statusCategory])).toEqual(
      lc.stages.map((s) => [s.id, s.statusName, s.category]),
    );
  });

  test('offers exactly the moves the domain allows, plus the initial one into the first stage', () => {
    const links = wf.transitions
      .filter((t) => t.type === 'DIRECTED')
      .flatMap((t) => t.links.map((l) => `${l.fromStatusReference}->${t.toStatusReference}`))
      .sort();
    expect(links).toEqual(lc.transitions.map((t) => `${t.from}->${t.to}`).sort());
    expect(wf.transitions.filter((t) => t.type === 'INITIAL')).toEqual([
      expect.objectContaining({ toStatusReference: lc.stages[0]!.id, links: [] }),
    ]);
    expect(new Set(wf.transitions.map((t) => t.id)).size).toBe(wf.transitions.length);
  });

  test('carries the stage gate on every move forward and on no move back', () => {
    const order = new Map(lc.stages.map((s, i) => [s.id as string, i]));
    for (const t of wf.transitions.filter((x) => x.type === 'DIRECTED')) {
      const forward = t.links.every((l) => order.get(l.fromStatusReference)! < order.get(t.toStatusReference)!);
      const backward = t.links.every((l) => order.get(l.fromStatusReference)! > order.get(t.toStatusReference)!);
      expect(forward || backward).toBe(true);
      // The Forge rule as Atlassian documents it: key, config (stringified JSON), id, disabled.
      expect(t.validators).toEqual(
        forward
          ? [
              {
                ruleKey: 'forge:expression-validator',
                parameters: { key: ARI, config: '{}', id: expect.stringMatching(/^[0-9a-f-]{36}$/), disabled: 'false' },
              },
            ]
          : [],
      );
    }
    const gatedInto = wf.transitions.filter((t) => t.validators.length > 0).map((t) => t.toStatusReference);
    expect(gatedInto).toEqual(gatedStages(lifecycle));
  });
});

test('a reused status keeps its own name and category, so setup never renames it site-wide', () => {
  const statuses = statusesFor('delivery');
  statuses.backlog = { id: '10000', name: 'BACKLOG', category: 'TODO' };
  statuses['code-committed'] = { id: '10050', name: 'Code committed', category: 'DONE' };
  const payload = workflowCreatePayload('delivery', statuses, ARI);
  expect(payload.statuses.find((s) => s.statusReference === 'backlog')).toEqual({
    id: '10000',
    name: 'BACKLOG',
    statusCategory: 'TODO',
    statusReference: 'backlog',
  });
  expect(payload.statuses.find((s) => s.statusReference === 'code-committed')).toMatchObject({
    name: 'Code committed',
    statusCategory: 'DONE',
  });
});

test('refuses to build a workflow before its statuses exist', () => {
  const statuses = statusesFor('portfolio');
  delete statuses.prioritized;
  expect(() => workflowCreatePayload('portfolio', statuses, ARI)).toThrow('No Jira status is known for the stage Prioritized');
});
