// draft/load, ranking/save, ranking/submit: the quarter's draft roadmap with its ranking, from
// the portfolio index (no search per item) and the ranking's KVS value. A load costs 2 Jira calls
// (the person's browse permissions, their groups as the app) and the index's storage calls + 1.
import type { DraftItem, DraftView, RankingSaved } from '../../contract/roadmap';
import type { RoadmapWire } from '../../contract/wire';
import type { AppConfig } from '../../domain/app-config';
import { deliveryProgressSentence, type DeliveryProgress } from '../../domain/delivery-progress';
import { directoryOf } from '../../domain/directory';
import { stageDef } from '../../domain/lifecycle';
import type { EffectiveRow, IndexRow } from '../../domain/portfolio-index';
import { releaseById, releaseLabel, type ReleaseCalendar } from '../../domain/releases';
import { draftQuarter, parseQuarter, quarterLabel, type Quarter } from '../../domain/roadmap/quarter';
import type { Actor, Ranking } from '../../domain/roadmap/ranking';
import { asApp, asUser, type JiraClient } from '../../jira/client';
import { getMyself, userGroups } from '../../jira/issues';
import { loadRanking } from '../../storage/roadmap-ranking';
import { loadDecisions } from '../../storage/roadmap-decisions';
import { DELIVERY_STRATEGIES, DELIVERY_STRATEGY_LABELS, type Decision, type QuarterDecisions } from '../../domain/roadmap/decisions';
import { recordDecision } from '../../usecases/roadmap/decisions';
import { cannotDecide } from '../../usecases/roadmap/rank-rights';
import { releasesOpenForTargeting } from '../../domain/releases';
import { readRoadmapRows, type RoadmapRows } from '../../usecases/roadmap/draft-rows';
import { searchInLine } from '../../usecases/roadmap/rank-search';
import { itemRanks, rankingView, rankRights, saveRankList, submitFstList } from '../../usecases/roadmap/ranking';
import type { CallContext, Handlers } from '../shared/define-resolver';

/** A row as the page shows it: names for ids, the release's label. */
export function draftItemOf(
  row: EffectiveRow,
  full: IndexRow | undefined,
  config: AppConfig,
  calendar: ReleaseCalendar,
  rank: DraftItem['rank'] = {},
  progress?: DeliveryProgress,
  decisions: readonly Decision[] = [],
): DraftItem {
  const dir = directoryOf(config);
  const fst = row.fst ? dir.fst(row.fst) : undefined;
  const release = row.releaseId ? releaseById(calendar, row.releaseId) : undefined;
  return {
    id: row.id,
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
    ...(progress
      ? { progress: { delivered: progress.delivered, total: progress.total, sentence: deliveryProgressSentence(progress) } }
      : {}),
    rank,
    decisions: decisions.map((d) => ({ ...d, label: decisionLabel(d, calendar) })),
  };
}

/** "Target release: 2027.1 Indri", "Delivery strategy: Upstream first (...)". */
function decisionLabel(d: Decision, calendar: ReleaseCalendar): string {
  if (d.kind === 'target-release') {
    const r = releaseById(calendar, d.releaseId);
    return `Target release: ${r ? releaseLabel(r) : d.releaseId}`;
  }
  return `Delivery strategy: ${DELIVERY_STRATEGY_LABELS[d.strategy]}${d.note ? ` (${d.note})` : ''}`;
}

export interface Loaded {
  quarter: Quarter;
  read: RoadmapRows;
  ranking: Ranking;
  problem?: string;
  decisions: QuarterDecisions;
  decisionsProblem?: string;
  groups: string[];
  user: JiraClient;
  app: JiraClient;
  started: number;
}

export async function loadAll(quarterId: string | undefined, ctx: CallContext): Promise<Loaded> {
  const started = Date.now();
  const quarter = quarterId ? parseQuarter(quarterId) : draftQuarter(Date.now());
  const user = asUser();
  const app = asApp();
  const [read, stored, decided, groups] = await Promise.all([
    readRoadmapRows(user, app),
    loadRanking(quarter.id),
    loadDecisions(quarter.id),
    userGroups(app, ctx.accountId),
  ]);
  return {
    quarter,
    read,
    ranking: stored.ranking,
    ...(stored.problem ? { problem: stored.problem } : {}),
    decisions: decided.decisions,
    ...(decided.problem ? { decisionsProblem: decided.problem } : {}),
    groups,
    user,
    app,
    started,
  };
}

function viewOf(l: Loaded, ranking: Ranking = l.ranking, decisions: QuarterDecisions = l.decisions): DraftView {
  const ranks = itemRanks(ranking, l.read.rows);
  const decideRefusal = cannotDecide(l.read.config, l.groups);
  return {
    quarter: { id: l.quarter.id, label: quarterLabel(l.quarter.id) },
    items: l.read.rows.map((r) =>
      draftItemOf(
        r,
        l.read.full.get(r.id),
        l.read.config,
        l.read.calendar,
        ranks.get(r.id),
        l.read.progress.get(r.id),
        decisions.items[r.id],
      ),
    ),
    source: l.read.source,
    hidden: l.read.hidden,
    // +2 storage calls: the ranking's value and the decisions' value.
    cost: { jiraCalls: l.user.calls + l.app.calls, storageCalls: l.read.storageCalls + 2, ms: Date.now() - l.started },
    ranking: rankingView(ranking, l.read.rows, l.read.config, l.groups, l.problem),
    decisions: {
      revision: decisions.revision,
      releases: releasesOpenForTargeting(l.read.calendar, Date.now()).map((r) => ({ id: r.id, label: releaseLabel(r) })),
      strategies: DELIVERY_STRATEGIES.map((id) => ({ id, label: DELIVERY_STRATEGY_LABELS[id] })),
      canDecide: decideRefusal === undefined,
      ...(decideRefusal ? { reason: decideRefusal } : {}),
      ...(l.decisionsProblem ? { problem: l.decisionsProblem } : {}),
    },
    rights: rankRights(l.read.config, l.groups),
  };
}

export async function actorOf(l: Loaded, ctx: CallContext): Promise<Actor> {
  const me = await getMyself(l.user);
  return { accountId: ctx.accountId, ...(me.displayName ? { displayName: me.displayName } : {}) };
}

export const draftLoad: Handlers<RoadmapWire>['draft/load'] = {
  doing: "load the quarter's draft roadmap",
  async run(input, ctx): Promise<DraftView> {
    return viewOf(await loadAll(input.quarter, ctx));
  },
};

export const rankingSave: Handlers<RoadmapWire>['ranking/save'] = {
  doing: 'save the ranking',
  async run(input, ctx): Promise<RankingSaved> {
    const l = await loadAll(input.quarter, ctx);
    const actor = await actorOf(l, ctx);
    const s = { ranking: l.ranking, rows: l.read.rows, config: l.read.config, userGroups: l.groups, actor, now: new Date() };
    const { ranking: saved } = await saveRankList(s, input);
    const search = await searchInLine(l.user, l.quarter.id, saved, l.read.rows, ctx.accountId);
    return {
      ...viewOf(l, search.ranking),
      searchNotUpdated: search.refused,
      ...(search.left > 0 ? { searchLeft: search.left } : {}),
    };
  },
};

export const rankingSubmit: Handlers<RoadmapWire>['ranking/submit'] = {
  doing: "submit the FST's ranked list",
  async run(input, ctx): Promise<RankingSaved> {
    const l = await loadAll(input.quarter, ctx);
    const actor = await actorOf(l, ctx);
    const s = { ranking: l.ranking, rows: l.read.rows, config: l.read.config, userGroups: l.groups, actor, now: new Date() };
    const ranking = await submitFstList(s, input);
    return { ...viewOf(l, ranking), searchNotUpdated: [] };
  },
};

export const decisionsRecord: Handlers<RoadmapWire>['decisions/record'] = {
  doing: "record the committee's decision",
  async run(input, ctx): Promise<DraftView> {
    const l = await loadAll(input.quarter, ctx);
    const s = { decisions: l.decisions, rows: l.read.rows, config: l.read.config, calendar: l.read.calendar, userGroups: l.groups };
    // Who is asked of Jira only once the person may decide: a refusal costs no extra call.
    const decisions = await recordDecision({ ...s, actor: () => actorOf(l, ctx), now: new Date() }, input);
    return viewOf(l, l.ranking, decisions);
  },
};
