// What a stage-gate rule stores in the workflow (its "configuration") and what the rule's
// create/edit/view screen needs to draw itself. The validator parses the stored value with
// the same schema, so a value the screen would refuse never passes a gate either.
import { z } from 'zod';
import { GATE_CONFIG_BOUNDS, GateConfigSchema, type GateConfig } from '../domain/gates';
import { StageSchema, type LifecycleId, type Stage } from '../domain/lifecycle';
import { ChecklistItemIdSchema, type ChecklistItemId } from '../domain/vetting';

/**
 * Every field is optional: what a rule leaves out comes from the admin's gate settings.
 * Strict, so a typo in a hand-edited rule fails closed instead of being silently ignored.
 */
export const RuleConfigSchema = z
  .object({
    coreApprovalsRequired: z
      .number({ error: 'Core approvals required must be a number.' })
      .int({ error: 'Core approvals required must be a whole number.' })
      .min(GATE_CONFIG_BOUNDS.coreApprovalsRequired.min, {
        error: `At least ${GATE_CONFIG_BOUNDS.coreApprovalsRequired.min} core approval is required.`,
      })
      .max(GATE_CONFIG_BOUNDS.coreApprovalsRequired.max, {
        error: `At most ${GATE_CONFIG_BOUNDS.coreApprovalsRequired.max} core approvals can be required.`,
      })
      .optional(),
    specificationStep: z.boolean({ error: 'The specification step must be on or off.' }).optional(),
    requiredChecklist: z
      .partialRecord(StageSchema, z.array(ChecklistItemIdSchema).max(12, { error: 'A stage can require at most the 12 checklist items.' }))
      .optional(),
  })
  .strict();
export type RuleConfig = z.infer<typeof RuleConfigSchema>;

/** The size limit Jira puts on a workflow rule's configuration (onConfigure). */
export const RULE_CONFIG_MAX_BYTES = 32 * 1024;

/**
 * Parses a rule configuration as Jira hands it over: absent, a JSON string (what
 * onConfigure saved) or an already-parsed object.
 */
export function parseRuleConfig(raw: unknown): { ok: true; config: RuleConfig } | { ok: false; error: string } {
  if (raw === undefined || raw === null || raw === '') return { ok: true, config: {} };
  let value: unknown = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw) as unknown;
    } catch {
      return { ok: false, error: 'its configuration is not JSON' };
    }
  }
  const parsed = RuleConfigSchema.safeParse(value);
  if (parsed.success) return { ok: true, config: parsed.data };
  const first = parsed.error.issues
    .slice(0, 3)
    .map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
  return { ok: false, error: first };
}

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
  stored?: { ok: true; config: RuleConfig } | { ok: false; error: string };
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

/**
 * The settings a rule runs with: the admin's gate settings, with what the rule sets on top.
 * A stage the rule lists replaces that stage's checklist; other stages keep the admin's.
 */
export function overlayGateConfig(admin: GateConfig, rule: RuleConfig): { ok: true; config: GateConfig } | { ok: false; error: string } {
  const merged = GateConfigSchema.safeParse({
    coreApprovalsRequired: rule.coreApprovalsRequired ?? admin.coreApprovalsRequired,
    specificationStep: rule.specificationStep ?? admin.specificationStep,
    requiredChecklist: { ...admin.requiredChecklist, ...(rule.requiredChecklist ?? {}) },
  });
  return merged.success ? { ok: true, config: merged.data } : { ok: false, error: merged.error.issues[0]?.message ?? 'unknown problem' };
}
