// The two LCOO records the app keeps on issues, and the flat copies Jira indexes for JQL
// (manifest.yml jira:entityProperty: lcoo-vetting-index, lcoo-delivery-index).
import { DeliverySchema, type Delivery } from '../domain/delivery';
import { canonicalJson } from '../domain/canonical';
import type { GateTime } from '../domain/gates';
import { DELIVERY_STAGES, PORTFOLIO_STAGES, type Stage } from '../domain/lifecycle';
import { BUILTIN_CALENDAR } from '../domain/releases';
import { checklistStatus, migrateVetting, type Vetting } from '../domain/vetting';
import type { IndexValues, RecordKind, RecordMeta } from './stored-record';

/**
 * A record written before the index was signed: its index must be exactly what the app derived
 * from the (signed) data when it saved it, at `meta.updatedAt`; only the stage, which the app
 * refreshes as the issue moves, can't be derived and must merely be a stage of the lifecycle.
 */
function legacyIndexMatches(derived: IndexValues, index: IndexValues, stages: readonly Stage[]): boolean {
  const { stage, ...rest } = index;
  if (stage !== undefined && !(typeof stage === 'string' && (stages as readonly string[]).includes(stage))) return false;
  return canonicalJson(rest) === canonicalJson(derived);
}

// Records written before the index was signed were indexed with the built-in release calendar
// (the admin's calendar came with the same release), as of their save.
const vettingDerived = (v: Vetting, meta: RecordMeta): IndexValues => {
  const { stage: _stage, ...rest } = vettingIndex(v, undefined, { nowMs: Date.parse(meta.updatedAt), calendar: BUILTIN_CALENDAR });
  return rest;
};

export const VETTING_PROPERTY = 'lcoo-vetting';
export const DELIVERY_PROPERTY = 'lcoo-delivery';

export const VETTING_RECORD: RecordKind<Vetting> = {
  propertyKey: VETTING_PROPERTY,
  label: 'vetting checklist',
  currentSchemaVersion: 2,
  parse(raw) {
    const r = migrateVetting(raw);
    return r.ok ? { ok: true, value: r.vetting } : { ok: false, error: r.error };
  },
  legacyIndexOk: (data, index, meta) => legacyIndexMatches(vettingDerived(data, meta), index, PORTFOLIO_STAGES),
};

export const DELIVERY_RECORD: RecordKind<Delivery> = {
  propertyKey: DELIVERY_PROPERTY,
  label: 'delivery record',
  currentSchemaVersion: 1,
  parse(raw) {
    const r = DeliverySchema.safeParse(raw);
    return r.success
      ? { ok: true, value: r.data }
      : {
          ok: false,
          error: r.error.issues
            .map((i) => `${i.path.join('.') || 'record'}: ${i.message}`)
            .slice(0, 3)
            .join('; '),
        };
  },
  legacyIndexOk: (data, index) => legacyIndexMatches(deliveryIndex(data, undefined), index, DELIVERY_STAGES),
};

/**
 * Searchable copy of a vetting record. Empty values are left out so `IS EMPTY` works in JQL.
 * Completeness is read where the item stands (`stage`), at `at` (the day and the release calendar).
 */
export function vettingIndex(vetting: Vetting, stage: Stage | undefined, at: GateTime): IndexValues {
  const index: IndexValues = {
    completeness: checklistStatus(vetting, { ...at, stage }).percent,
    companies: (vetting.collaborators?.companies ?? []).filter((c) => c.interest === 'yes').map((c) => c.company),
    integrity: 'valid',
  };
  if (stage) index.stage = stage;
  if (vetting.type) index.type = vetting.type;
  if (vetting.size) index.size = vetting.size;
  if (vetting.targetRelease) index.targetRelease = vetting.targetRelease;
  if (vetting.fst) index.fst = vetting.fst;
  return index;
}

export function deliveryIndex(delivery: Delivery, stage: Stage | undefined): IndexValues {
  const index: IndexValues = {};
  if (stage) index.stage = stage;
  if (delivery.roadmapItemKey) index.roadmapItem = delivery.roadmapItemKey;
  if (delivery.project) index.project = delivery.project;
  if (delivery.milestone) index.milestone = delivery.milestone.releaseId;
  return index;
}
