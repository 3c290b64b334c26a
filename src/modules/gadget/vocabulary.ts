// The domain's stage, release and type names for the Custom UI, sent with each answer so the
// browser bundle needs neither the domain's code nor zod.
import type { GadgetVocabulary } from '../../contract/gadget';
import { DELIVERY_STAGES, PORTFOLIO_STAGES, stageDef } from '../../domain/lifecycle';
import { RELEASES } from '../../domain/releases';
import { ITEM_TYPES, ITEM_TYPE_LABELS } from '../../domain/vetting';

export const GADGET_VOCABULARY: GadgetVocabulary = {
  stages: [
    ...PORTFOLIO_STAGES.map((id) => ({ id, label: stageDef(id).statusName, lifecycle: 'portfolio' as const })),
    ...DELIVERY_STAGES.map((id) => ({ id, label: stageDef(id).statusName, lifecycle: 'delivery' as const })),
  ],
  releases: RELEASES.map((r) => ({ id: r.id, label: r.version ? `${r.name} (${r.version})` : r.name })),
  types: ITEM_TYPES.map((id) => ({ id, label: ITEM_TYPE_LABELS[id] })),
};
