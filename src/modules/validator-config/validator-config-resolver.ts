// Resolver of the stage gate's create/edit/view screens: what the screen needs to offer
// (stages, checklist items, bounds) and the admin's settings the rule falls back to.
import { loadAppConfig } from '../../config/app-config';
import { ValidatorOptionsInputSchema, type ValidatorOptions } from '../../contract/validator-config';
import { GATE_CONFIG_BOUNDS } from '../../domain/gates';
import { LIFECYCLES } from '../../domain/lifecycle';
import { CHECKLIST_ITEMS } from '../../domain/vetting';
import { defineResolver, handler } from '../shared/define-resolver';

export const validatorOptions = handler({
  input: ValidatorOptionsInputSchema,
  doing: 'load the stage gate options',
  async run(): Promise<ValidatorOptions> {
    const { config } = await loadAppConfig();
    return {
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
});

export const validatorConfigResolver = defineResolver({ 'validator/options': validatorOptions });
