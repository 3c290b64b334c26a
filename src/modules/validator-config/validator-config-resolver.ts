// Resolver of the stage gate's create/edit/view screens: what the screen needs to offer
// (stages, checklist items, bounds) and the admin's settings the rule falls back to.
import { AppError } from '../../contract/envelope';
import { loadAppConfig } from '../../storage/app-config';
import { RULE_CONFIG_MAX_BYTES, type ValidatorCheckResult, type ValidatorOptions } from '../../contract/validator-config';
import { VALIDATOR_CONFIG_WIRE, type ValidatorConfigWire } from '../../contract/wire';
import { GATE_CONFIG_BOUNDS, parseRuleConfig } from '../../domain/gates';
import { LIFECYCLES } from '../../domain/lifecycle';
import { CHECKLIST_ITEMS } from '../../domain/vetting';
import { defineResolver, type Handlers } from '../shared/define-resolver';

export const validatorOptions: Handlers<ValidatorConfigWire>['validator/options'] = {
  doing: 'load the stage gate options',
  async run(input): Promise<ValidatorOptions> {
    const { config } = await loadAppConfig();
    return {
      ...(input.configuration !== undefined ? { stored: parseRuleConfig(input.configuration) } : {}),
      stages: Object.values(LIFECYCLES).flatMap((lc) =>
        lc.stages.slice(1).map((s) => ({ id: s.id, statusName: s.statusName, lifecycle: lc.id, gate: s.gate })),
      ),
      checklistItems: CHECKLIST_ITEMS.map((i) => ({ id: i.id, number: i.number, label: i.label })),
      bounds: { coreApprovalsRequired: { ...GATE_CONFIG_BOUNDS.coreApprovalsRequired } },
      defaults: {
        coreApprovalsRequired: config.gate.coreApprovalsRequired,
        specificationStep: config.gate.specificationStep,
        requiredChecklist: config.gate.requiredChecklist,
      },
    };
  },
};

export const validatorCheck: Handlers<ValidatorConfigWire>['validator/check'] = {
  doing: 'check the stage gate configuration',
  run(input): Promise<ValidatorCheckResult> {
    const parsed = parseRuleConfig(input.config ?? {});
    if (!parsed.ok) throw new AppError('BAD_REQUEST', `The LCOO stage gate configuration is not valid: ${parsed.error}.`);
    const json = JSON.stringify(parsed.config);
    if (json.length > RULE_CONFIG_MAX_BYTES)
      throw new AppError('BAD_REQUEST', 'The LCOO stage gate configuration is larger than Jira allows (32 KB).');
    return Promise.resolve({ json, config: parsed.config });
  },
};

export const validatorConfigResolver = defineResolver(VALIDATOR_CONFIG_WIRE, {
  'validator/options': validatorOptions,
  'validator/check': validatorCheck,
});
