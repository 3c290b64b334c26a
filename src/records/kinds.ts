// The two LCOO records the app keeps on issues, and the flat copies Jira indexes for JQL
// (manifest.yml jira:entityProperty: lcoo-vetting-index, lcoo-delivery-index).
import type { AppConfig } from '../domain/app-config';
import { DeliverySchema, type Delivery } from '../domain/delivery';
import { canonicalJson } from '../domain/canonical';
import type { GateTime } from '../domain/gates';
import { DELIVERY_STAGES, PORTFOLIO_STAGES, type Stage } from '../domain/lifecycle';
import { BUILTIN_CALENDAR, type ReleaseCalendar } from '../domain/releases';
import { deliverySearchValues, searchNamesOf, stageTerms, vettingSearchValues } from '../domain/search-aliases';
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
// (the admin's calendar came with the same release), as of their save, with ids only: the
// index as that version of the app derived it, kept here unchanged so those records still verify.
const vettingDerived = (v: Vetting, meta: RecordMeta): IndexValues => {
  const index: IndexValues = {
    completeness: checklistStatus(v, { nowMs: Date.parse(meta.updatedAt), calendar: BUILTIN_CALENDAR, stage: undefined }).percent,
    companies: (v.collaborators?.companies ?? []).filter((c) => c.interest === 'yes').map((c) => c.company),
    integrity: 'valid',
  };
  if (v.type) index.type = v.type;
  if (v.size) index.size = v.size;
  if (v.targetRelease) index.targetRelease = v.targetRelease;
  if (v.fst) index.fst = v.fst;
  return index;
};
const deliveryDerived = (d: Delivery): IndexValues => {
  const index: IndexValues = {};
  if (d.roadmapItemKey) index.roadmapItem = d.roadmapItemKey;
  if (d.project) index.project = d.project;
  if (d.milestone) index.milestone = d.milestone.releaseId;
  return index;
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
  legacyIndexOk: (data, index) => legacyIndexMatches(deliveryDerived(data), index, DELIVERY_STAGES),
};

/**
 * Searchable copy of a vetting record: every value as the app shows it and by its id
 * (domain/search-aliases.ts, the one rule), names as the configuration and the calendar give
 * them today. Empty values are left out so `IS EMPTY` works in JQL. Completeness is read where
 * the item stands (`stage`), at `at` (the day and the release calendar).
 */
export function vettingIndex(
  vetting: Vetting,
  stage: Stage | undefined,
  at: GateTime,
  config: Pick<AppConfig, 'fsts' | 'companies'>,
): IndexValues {
  return {
    completeness: checklistStatus(vetting, { ...at, stage }).percent,
    integrity: 'valid',
    ...vettingSearchValues(vetting, stage, searchNamesOf(config, at.calendar)),
  };
}

export function deliveryIndex(delivery: Delivery, stage: Stage | undefined, calendar: ReleaseCalendar): IndexValues {
  return deliverySearchValues(delivery, stage, calendar);
}

/** The index's stage after a move, as every save writes it (the trigger's patch). */
export const stageIndexValue = (stage: Stage): IndexValues => ({ stage: stageTerms(stage) });
