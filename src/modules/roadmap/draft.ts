// draft/load: the quarter's draft roadmap, from the portfolio index (no search per item).
import type { DraftItem, DraftView } from '../../contract/roadmap';
import type { RoadmapWire } from '../../contract/wire';
import { directoryOf } from '../../domain/directory';
import { stageDef } from '../../domain/lifecycle';
import type { EffectiveRow, IndexRow } from '../../domain/portfolio-index';
import { releaseById, releaseLabel, type ReleaseCalendar } from '../../domain/releases';
import type { AppConfig } from '../../domain/app-config';
import { draftQuarter, parseQuarter, quarterLabel } from '../../domain/roadmap/quarter';
import { asApp, asUser } from '../../jira/client';
import { readRoadmapRows } from '../../usecases/roadmap/draft-rows';
import type { Handlers } from '../shared/define-resolver';

/** A row as the page shows it: names for ids, the release's label. */
export function draftItemOf(row: EffectiveRow, full: IndexRow | undefined, config: AppConfig, calendar: ReleaseCalendar): DraftItem {
  const dir = directoryOf(config);
  const fst = row.fst ? dir.fst(row.fst) : undefined;
  const release = row.releaseId ? releaseById(calendar, row.releaseId) : undefined;
  return {
    key: row.key,
    summary: full?.summary ?? row.sortSummary,
    stage: row.stage,
    statusName: stageDef(row.stage).statusName,
    ...(row.fst ? { fst: { id: fst?.id ?? row.fst, name: fst?.name ?? row.fst } } : {}),
    ...(row.type ? { type: row.type } : {}),
    ...(row.size ? { size: row.size } : {}),
    ...(row.releaseId ? { release: { id: row.releaseId, label: release ? releaseLabel(release) : row.releaseId } } : {}),
    companies: row.companies.map((id, i) => ({
      id,
      name: dir.company(id)?.name ?? id,
      interested: row.interested.includes(id),
      people: row.people[i] ?? 0,
    })),
    integrity: row.integrity,
    slipped: row.slipped,
  };
}

export const draftLoad: Handlers<RoadmapWire>['draft/load'] = {
  doing: "load the quarter's draft roadmap",
  async run(input): Promise<DraftView> {
    const started = Date.now();
    const quarter = input.quarter ? parseQuarter(input.quarter) : draftQuarter(Date.now());
    const user = asUser();
    const app = asApp();
    const read = await readRoadmapRows(user, app);
    return {
      quarter: { id: quarter.id, label: quarterLabel(quarter.id) },
      items: read.rows.map((r) => draftItemOf(r, read.full.get(r.id), read.config, read.calendar)),
      source: read.source,
      hidden: read.hidden,
      cost: { jiraCalls: user.calls + app.calls, storageCalls: read.storageCalls, ms: Date.now() - started },
    };
  },
};
