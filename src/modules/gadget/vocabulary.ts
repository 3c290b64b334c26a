// The domain's stage, release and type names for the Custom UI, sent with each answer so the
// browser bundle needs neither the domain's code nor zod.
import type { GadgetVocabulary } from '../../contract/gadget';
import { DELIVERY_STAGES, PORTFOLIO_STAGES, stageDef } from '../../domain/lifecycle';
import { seriesThrough, type ReleaseCalendar } from '../../domain/releases';
import { ITEM_TYPES, ITEM_TYPE_LABELS } from '../../domain/vetting';

const STAGES: GadgetVocabulary['stages'] = [
  ...PORTFOLIO_STAGES.map((id) => ({ id, label: stageDef(id).statusName, lifecycle: 'portfolio' as const })),
  ...DELIVERY_STAGES.map((id) => ({ id, label: stageDef(id).statusName, lifecycle: 'delivery' as const })),
];
const TYPES: GadgetVocabulary['types'] = ITEM_TYPES.map((id) => ({ id, label: ITEM_TYPE_LABELS[id] }));

/** The words for one answer: the releases are the calendar in effect (the admin's entries and the next series by number included). */
export function gadgetVocabulary(calendar: ReleaseCalendar, now: Date): GadgetVocabulary {
  return {
    stages: STAGES,
    releases: seriesThrough(calendar, now).map((r) => ({
      id: r.id,
      label: r.version && r.version !== r.name ? `${r.name} (${r.version})` : r.name,
    })),
    types: TYPES,
  };
}
