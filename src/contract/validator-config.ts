// What a stage-gate rule's create/edit/view screen needs to draw itself, and what it asks
// before Jira saves the rule. The rule's settings are the domain's RuleConfig, parsed with
// the one parser the gate uses (parseRuleConfig), so a value the screen would refuse never
// passes a gate either.
import { z } from 'zod';
import type { ParsedRule, RuleConfig } from '../domain/gates';
import type { LifecycleId, Stage } from '../domain/lifecycle';
import type { ChecklistItemId } from '../domain/vetting';

export type { RuleConfig } from '../domain/gates';

/** The size limit Jira puts on a workflow rule's configuration (onConfigure). */
export const RULE_CONFIG_MAX_BYTES = 32 * 1024;

/**
 * Where the panel's readiness and the gadget's blockers took their gate settings from:
 * the rules on the LCOO workflows' transitions over the admin's settings (what Jira
 * enforces), or the admin's settings alone because the workflows could not be read.
 */
export type GateSettingsSource = 'workflow-rules' | 'admin-settings';

export interface StageOption {
  id: Stage;
  statusName: string;
  lifecycle: LifecycleId;
  gate: string;
}

export interface ValidatorOptions {
  stages: StageOption[];
  checklistItems: { id: ChecklistItemId; number: number; label: string }[];
  bounds: { coreApprovalsRequired: { min: number; max: number } };
  /** The stored configuration as parsed by the gate (absent when none was sent). */
  stored?: ParsedRule;
  /** The admin's gate settings: what applies where the rule says nothing. */
  defaults: {
    coreApprovalsRequired: number;
    specificationStep: boolean;
    requiredChecklist: Partial<Record<Stage, ChecklistItemId[]>>;
  };
}

/** `configuration`: the rule's stored value, so the screen learns whether it is still valid. */
export const ValidatorOptionsInputSchema = z.object({
  configuration: z
    .string()
    .max(RULE_CONFIG_MAX_BYTES * 2)
    .optional(),
});

/** What the screen asks before Jira saves the rule: the same schema the gate parses with. */
export const ValidatorCheckInputSchema = z.object({ config: z.unknown() });
export interface ValidatorCheckResult {
  /** The JSON string to hand to onConfigure. */
  json: string;
  config: RuleConfig;
}
