// The Roadmap Items on the roadmap (Prioritized and Development Ready) that the person may see,
// read from the app's portfolio index in one pass: meta and configuration, the buckets, the
// full rows of the items (one storage call per 25 items), and ONE Jira permission check. Before
// the index is first built it falls back to the portfolio search, as the gadget does.
import { rollUpDelivery, type DeliveryProgress } from '../../domain/delivery-progress';
import type { DeliveryStage } from '../../domain/lifecycle';
import type { EffectiveRow, IndexRow } from '../../domain/portfolio-index';
import type { ReleaseCalendar } from '../../domain/releases';
import type { AppConfig } from '../../domain/app-config';
import type { JiraClient } from '../../jira/client';
import { answerPortfolio } from '../portfolio-index/answer';

/** The portfolio stages whose items are on the roadmap (ranked, published). */
export const ROADMAP_STAGES = ['prioritized', 'development-ready'] as const;

/** Far above any LCOO portfolio (hundreds of items); the search fallback stops at 10,000 anyway. */
const ALL_ROWS = 10_000;

export interface RoadmapRows {
  /** Every Roadmap Item on the roadmap, slim (inherited facts filled in), in key order. */
  rows: EffectiveRow[];
  /** The same items' full rows (summary, project) by issue id. */
  full: Map<string, IndexRow>;
  config: AppConfig;
  calendar: ReleaseCalendar;
  source: 'index' | 'search';
  hidden: number;
  storageCalls: number;
  /** Each Roadmap Item's delivery progress, rolled up from the Upstream Deliverables that name it (by issue id). */
  progress: Map<string, DeliveryProgress>;
}

const isRoadmapRow = (r: { lifecycle: string; stage: string }) =>
  r.lifecycle === 'portfolio' && (ROADMAP_STAGES as readonly string[]).includes(r.stage);

export async function readRoadmapRows(user: JiraClient, app: JiraClient): Promise<RoadmapRows> {
  const f = await answerPortfolio(
    {
      scope: { kind: 'projects', projectKeys: [] },
      // Every row the person may see: the deliverables too, for the roll-up; only the roadmap's
      // items are read in full.
      filters: {},
      sort: { key: 'key', order: 'ASC' },
      page: 1,
      pageSize: ALL_ROWS,
      maxPageSize: ALL_ROWS,
      fullRowsFor: isRoadmapRow,
    },
    user,
    app,
  );
  const items = f.rows.filter(isRoadmapRow);
  const byParent = new Map<string, { key: string; stage: DeliveryStage; slipped: boolean }[]>();
  for (const r of f.rows) {
    if (r.lifecycle !== 'delivery' || !r.parentKey) continue;
    const list = byParent.get(r.parentKey) ?? [];
    list.push({ key: r.key, stage: r.stage as DeliveryStage, slipped: r.slipped });
    byParent.set(r.parentKey, list);
  }
  return {
    rows: items,
    progress: new Map(items.filter((r) => byParent.has(r.key)).map((r) => [r.id, rollUpDelivery(byParent.get(r.key)!)])),
    full: new Map(f.pageRows.map((r) => [r.id, r])),
    config: f.config.config,
    calendar: f.calendar,
    source: f.source,
    hidden: f.hidden,
    storageCalls: f.calls.storage,
  };
}
