// The Roadmap Items on the roadmap (Prioritized and Development Ready) that the person may see,
// read from the app's portfolio index in one pass: meta and configuration, the buckets, the
// full rows of the items (one storage call per 25 items), and ONE Jira permission check. Before
// the index is first built it falls back to the portfolio search, as the gadget does.
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
}

export async function readRoadmapRows(user: JiraClient, app: JiraClient): Promise<RoadmapRows> {
  const f = await answerPortfolio(
    {
      scope: { kind: 'projects', projectKeys: [] },
      filters: { stages: [...ROADMAP_STAGES] },
      sort: { key: 'key', order: 'ASC' },
      page: 1,
      pageSize: ALL_ROWS,
      maxPageSize: ALL_ROWS,
    },
    user,
    app,
  );
  return {
    rows: f.rows,
    full: new Map(f.pageRows.map((r) => [r.id, r])),
    config: f.config.config,
    calendar: f.calendar,
    source: f.source,
    hidden: f.hidden,
    storageCalls: f.calls.storage,
  };
}
