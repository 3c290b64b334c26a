// Forge rules in the workflows API are held to the shape Atlassian documents ("Forge rules" in
// GET /rest/api/3/workflows/capabilities): ruleKey by module kind; parameters key (the extension
// ARI of an installed module), config (stringified JSON), id and disabled ("true" | "false").
import { makeHarness, VALIDATOR_ARI, type Harness } from './harness';

let h: Harness;
beforeAll(() => {
  h = makeHarness();
});
afterAll(() => h.em.close());

const FULL = { key: VALIDATOR_ARI, config: '{"coreApprovalsRequired":3}', id: '5f0e3c1a-0000-4000-8000-00000000000a', disabled: 'false' };

function payload(rule: { ruleKey: string; parameters?: Record<string, string> }, where: 'validators' | 'actions' = 'validators') {
  return {
    scope: { type: 'GLOBAL' },
    statuses: [
      { statusReference: 'a', name: 'Rule test A', statusCategory: 'TODO' },
      { statusReference: 'b', name: 'Rule test B', statusCategory: 'DONE' },
    ],
    workflows: [
      {
        name: 'Forge rule shapes',
        statuses: [
          { statusReference: 'a', properties: {} },
          { statusReference: 'b', properties: {} },
        ],
        transitions: [
          { id: '1', name: 'Create', type: 'INITIAL', toStatusReference: 'a', links: [] },
          { id: '11', name: 'Finish', type: 'DIRECTED', toStatusReference: 'b', links: [{ fromStatusReference: 'a' }], [where]: [rule] },
        ],
      },
    ],
  };
}

async function problems(rule: { ruleKey: string; parameters?: Record<string, string> }, where?: 'validators' | 'actions') {
  const r = await h.ok<{ errors: { code: string; message: string }[] }>(h.app, 'POST', '/rest/api/3/workflows/create/validation', {
    payload: payload(rule, where),
  });
  return r.errors.map((e) => e.message);
}

test('the documented shape passes, and Jira stores and returns it as sent', async () => {
  expect(await problems({ ruleKey: 'forge:expression-validator', parameters: FULL })).toEqual([]);
});

test.each([
  ['key alone (what the app used to send)', { key: VALIDATOR_ARI }, /lacks parameters config, id, disabled/],
  ['no id', { key: VALIDATOR_ARI, config: '{}', disabled: 'false' }, /lacks parameters id/],
  ['config that is not JSON', { ...FULL, config: 'cores=3' }, /not stringified JSON/],
  ['disabled other than "true"/"false"', { ...FULL, disabled: 'no' }, /allowed: "true", "false"/],
  ['a module key instead of the extension ARI', { ...FULL, key: 'lcoo-stage-gate' }, /extension ARI/],
  [
    'an app that is not installed',
    { ...FULL, key: 'ari:cloud:ecosystem::extension/other-app/env/static/x' },
    /not a Forge validator installed/,
  ],
])('a Forge validator with %s is refused, by the dry run and by create', async (_what, parameters, message) => {
  const rule = { ruleKey: 'forge:expression-validator', parameters };
  expect(await problems(rule)).toEqual([expect.stringMatching(message)]);
  const write = await h.call(h.app, 'POST', '/rest/api/3/workflows/create', payload(rule));
  expect(write.status).toBe(400);
  expect((write.body as { errorMessages: string[] }).errorMessages).toEqual([expect.stringMatching(message)]);
});

test('a validator module cannot be used as a post function, and unknown forge: rule keys are refused', async () => {
  expect(await problems({ ruleKey: 'forge:workflow-post-function', parameters: FULL }, 'actions')).toEqual([
    expect.stringMatching(/is a Forge Validator, not a Function/),
  ]);
  expect(await problems({ ruleKey: 'forge:expression-validator', parameters: FULL }, 'actions')).toEqual([
    expect.stringMatching(/validator rule and cannot be used as a function/),
  ]);
  expect(await problems({ ruleKey: 'forge:validator', parameters: FULL })).toEqual([expect.stringMatching(/not a Forge rule key/)]);
});

test('capabilities lists the installed validator with its documented rule key', async () => {
  const caps = await h.ok<{ forgeRules: { id: string; ruleKey: string; ruleType: string }[] }>(
    h.app,
    'GET',
    '/rest/api/3/workflows/capabilities',
  );
  expect(caps.forgeRules).toEqual([
    expect.objectContaining({ id: VALIDATOR_ARI, ruleKey: 'forge:expression-validator', ruleType: 'Validator' }),
  ]);
});
