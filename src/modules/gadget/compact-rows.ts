// One page of index rows for the bridge (GadgetRow): every blocker sentence travels once, the
// usual values (not slipped, a valid record) stay home. FSTs and companies stay ids.
import type { GadgetRow } from '../../contract/gadget';
import type { EffectiveRow, IndexRow } from '../../domain/portfolio-index';

export function compactRows(
  page: readonly EffectiveRow[],
  full: ReadonlyMap<string, IndexRow>,
): { rows: GadgetRow[]; blockerMessages: string[] } {
  const blockerMessages: string[] = [];
  const indexOf = new Map<string, number>();
  const rows = page.map((row): GadgetRow => {
    const detail = full.get(row.id);
    const lean: GadgetRow = {
      key: row.key,
      summary: detail?.summary ?? '',
      stage: row.stage,
      companies: row.companies,
      blockers: (detail?.blockers ?? []).map((b) => {
        let i = indexOf.get(b.message);
        if (i === undefined) {
          i = blockerMessages.push(b.message) - 1;
          indexOf.set(b.message, i);
        }
        return i;
      }),
    };
    if (row.next) lean.nextStage = row.next;
    if (row.fst) lean.fst = row.fst;
    if (row.type) lean.type = row.type;
    if (row.size) lean.size = row.size;
    if (row.releaseId) lean.releaseId = row.releaseId;
    if (row.parentKey) lean.roadmapItemKey = row.parentKey;
    if (detail?.project) lean.project = detail.project;
    if (row.completed !== undefined) lean.completed = row.completed;
    if (row.slipped) lean.slipped = true;
    if (row.integrity !== 'valid') lean.integrity = row.integrity;
    if (row.inherited) lean.inherited = true;
    if (row.securityLevel) lean.secured = detail?.securityLevelName ?? 'restricted';
    return lean;
  });
  return { rows, blockerMessages };
}
