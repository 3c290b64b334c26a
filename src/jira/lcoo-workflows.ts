// The two LCOO workflows as /workflows/create payloads, built from the domain's lifecycle
// table so Jira's workflow and the app's gates can never disagree about which moves exist.
import { randomUUID } from 'node:crypto';
import { LIFECYCLES, firstStage, type LifecycleId, type Stage, type StatusCategory } from '../domain/lifecycle';
import type { WorkflowCreateRequest, WorkflowRule, WorkflowTransitionInput } from './workflows';

export const FORGE_VALIDATOR_RULE_KEY = 'forge:expression-validator';
export const STAGE_GATE_MODULE_KEY = 'lcoo-stage-gate';

/** `ari:cloud:ecosystem::extension/{appId}/{environmentId}/static/{moduleKey}`: how Jira names a Forge rule. */
export function extensionAri(appId: string, environmentId: string, moduleKey = STAGE_GATE_MODULE_KEY): string {
  return `ari:cloud:ecosystem::extension/${appId}/${environmentId}/static/${moduleKey}`;
}

/** What a rule with no settings of its own stores: the gate then follows the admin page. */
export const EMPTY_RULE_CONFIG = '{}';

/**
 * A Forge validator rule as Atlassian documents it for the workflows API (the "Forge rules"
 * section of GET /rest/api/3/workflows/capabilities): `key` (the extension ARI), `config` (the
 * stringified JSON the config UI's onConfigure returns), `id` (the rule's own id) and
 * `disabled` ("true" | "false"). Whether Jira accepts a rule with `key` alone is not
 * documented, so the app never relies on it.
 */
export const stageGateRule = (ari: string, ruleId: string = randomUUID()): WorkflowRule => ({
  ruleKey: FORGE_VALIDATOR_RULE_KEY,
  parameters: { key: ari, config: EMPTY_RULE_CONFIG, id: ruleId, disabled: 'false' },
});

/**
 * A gated transition is a move forward into any stage but the first: those are the moves
 * whose gate can fail. Moves back are re-grooming and always allowed, so they carry no rule.
 * Every link into a stage goes through ONE transition per direction, as the Jira editor draws it.
 */
export function lifecycleTransitions(lifecycle: LifecycleId, ari: string): WorkflowTransitionInput[] {
  const lc = LIFECYCLES[lifecycle];
  const order = new Map(lc.stages.map((s, i) => [s.id, i]));
  const out: WorkflowTransitionInput[] = [
    {
      id: '1',
      name: 'Create',
      type: 'INITIAL',
      toStatusReference: firstStage(lifecycle),
      links: [],
      validators: [],
      actions: [],
      properties: {},
    },
  ];
  let nextId = 11;
  for (const to of lc.stages) {
    const into = lc.transitions.filter((t) => t.to === to.id);
    const forward = into.filter((t) => (order.get(t.from) ?? 0) < (order.get(t.to) ?? 0));
    const back = into.filter((t) => (order.get(t.from) ?? 0) > (order.get(t.to) ?? 0));
    if (forward.length > 0) {
      out.push({
        id: String(nextId),
        name: to.statusName,
        description: `LCOO gate: ${to.gate}`,
        type: 'DIRECTED',
        toStatusReference: to.id,
        links: forward.map((t) => ({ fromStatusReference: t.from })),
        validators: [stageGateRule(ari)],
        actions: [],
        properties: {},
      });
      nextId += 10;
    }
    if (back.length > 0) {
      out.push({
        id: String(nextId),
        name: `Back to ${to.statusName}`,
        description: 'Moving back to an earlier stage (re-grooming) is always allowed.',
        type: 'DIRECTED',
        toStatusReference: to.id,
        links: back.map((t) => ({ fromStatusReference: t.from })),
        validators: [],
        actions: [],
        properties: {},
      });
      nextId += 10;
    }
  }
  return out;
}

/** The stages whose entry is gated (one validator each): every stage but the first. */
export function gatedStages(lifecycle: LifecycleId): Stage[] {
  return LIFECYCLES[lifecycle].stages.slice(1).map((s) => s.id);
}

/** The /workflows/create payload of one lifecycle, with the statuses setup found or created. */
export interface KnownStatus {
  id: string;
  /** As Jira has it: a reused status keeps its own name and category (the payload would otherwise rename it site-wide). */
  name: string;
  category: StatusCategory;
}

export function workflowCreatePayload(
  lifecycle: LifecycleId,
  statuses: Partial<Record<Stage, KnownStatus>>,
  ari: string,
): WorkflowCreateRequest {
  const lc = LIFECYCLES[lifecycle];
  return {
    scope: { type: 'GLOBAL' },
    statuses: lc.stages.map((s) => {
      const known = statuses[s.id];
      if (!known) throw new Error(`No Jira status is known for the stage ${s.statusName}; create the statuses first.`);
      return { id: known.id, name: known.name, statusCategory: known.category, statusReference: s.id };
    }),
    workflows: [
      {
        name: lc.workflowName,
        description: `${lc.name} of the LCOO roadmap process. Every move forward passes the LCOO stage gate; moves back are always allowed.`,
        startPointLayout: { x: -200, y: 0 },
        statuses: lc.stages.map((s, i) => ({ statusReference: s.id, properties: {}, layout: { x: i * 220, y: 0 } })),
        transitions: lifecycleTransitions(lifecycle, ari),
      },
    ],
  };
}
