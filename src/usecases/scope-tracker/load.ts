// tracker/load: the release scope tracker of one release, from the portfolio index (never a
// search per item). One load: 1 storage call (index meta, configuration, release calendar),
// the buckets (1 call per 25), 1 Jira permission call as the person (2 when a project is new
// since the last reconcile), then in parallel the full rows of the release's deliverables and
// their Roadmap Items and the deliverables' note heads (1 call per 25 keys each).
import { kvs } from '@forge/kvs';
import { AppError } from '../../contract/envelope';
import type { TrackerRelease, TrackerRowView, TrackerView } from '../../contract/scope-tracker';
import { AppConfigSchema, DEFAULT_APP_CONFIG, type AppConfig } from '../../domain/app-config';
import { LIFECYCLES, type Stage } from '../../domain/lifecycle';
import type { IndexRow } from '../../domain/portfolio-index';
import { isoDay, releaseById, releaseLabel, releasedBy, type Release } from '../../domain/releases';
import {
  deliverablesOfRelease,
  hiddenOfRelease,
  releasesTargeted,
  trackerReleases,
  trackerRows,
  trackerTotals,
} from '../../domain/scope-tracker';
import type { JiraClient } from '../../jira/client';
import { KVS_KEYS } from '../../storage/keys';
import { parseMeta } from '../../storage/portfolio-index/meta';
import { readRows } from '../../storage/portfolio-index/store';
import { calendarFromStored } from '../../storage/release-calendar';
import { readNoteHeads, type NotesHead } from '../../storage/tracker-notes';
import { visibleIndexRows } from '../portfolio-index/visible-rows';

const STAGE_NAMES = new Map<Stage, string>(
  [...LIFECYCLES.portfolio.stages, ...LIFECYCLES.delivery.stages].map((s) => [s.id, s.statusName]),
);

function releaseView(r: Release, nowMs: number): TrackerRelease {
  return {
    id: r.id,
    label: releaseLabel(r),
    firstReleaseDate: r.firstReleaseDate,
    shipped: releasedBy(r, nowMs),
    ...(r.estimated ? { estimated: true as const } : {}),
  };
}

function namesOf(config: AppConfig): TrackerView['names'] {
  return {
    companies: Object.fromEntries(config.companies.map((c) => [c.id, c.name])),
    fsts: Object.fromEntries(config.fsts.map((f) => [f.id, f.name])),
  };
}

export async function loadTracker(releaseId: string | undefined, user: JiraClient, nowMs = Date.now()): Promise<TrackerView> {
  const calls = { jira: 0, storage: 1 };
  const first = await kvs.batchGet<unknown>([
    { key: KVS_KEYS.portfolioIndex },
    { key: KVS_KEYS.config },
    { key: KVS_KEYS.releaseCalendar },
  ]);
  const byKey = new Map(first.successfulKeys.map((k) => [k.key, k.value]));
  const meta = parseMeta(byKey.get(KVS_KEYS.portfolioIndex));
  const parsedConfig = AppConfigSchema.safeParse(byKey.get(KVS_KEYS.config));
  const config = parsedConfig.success ? parsedConfig.data : DEFAULT_APP_CONFIG;
  const { calendar } = calendarFromStored(byKey.get(KVS_KEYS.releaseCalendar));

  let visible: Awaited<ReturnType<typeof visibleIndexRows>> | undefined;
  if (meta.state === 'ready') {
    visible = await visibleIndexRows(user, meta);
    calls.jira += visible.calls.jira;
    calls.storage += visible.calls.storage;
  }
  const visibleRows = visible?.rows ?? [];
  const { releases, next } = trackerReleases(calendar, nowMs, releasesTargeted(visibleRows));
  const release = releaseId ? releaseById(calendar, releaseId) : next;
  if (!release) {
    throw new AppError(
      'BAD_REQUEST',
      releaseId
        ? `"${releaseId}" is not an OpenStack series this app knows; choose the release from the list.`
        : 'The release calendar has no series still to ship; an admin adds the next one on the admin page.',
      { field: 'releaseId' },
    );
  }
  const deliverables = deliverablesOfRelease(visibleRows, release.id, nowMs, calendar);
  const idOfKey = new Map(visibleRows.map((r) => [r.key, r.id]));
  const parentIds = [...new Set(deliverables.filter((d) => d.inherited && d.parentKey).map((d) => idOfKey.get(d.parentKey!)!))];
  const deliverableIds = deliverables.map((d) => d.id);
  const [fullById, notes] = await Promise.all([
    deliverableIds.length > 0 ? readRows([...deliverableIds, ...parentIds]) : Promise.resolve(new Map<string, IndexRow>()),
    deliverableIds.length > 0 ? readNoteHeads(deliverableIds) : Promise.resolve({ heads: new Map<string, NotesHead>(), calls: 0 }),
  ]);
  if (deliverableIds.length > 0) calls.storage += Math.ceil((deliverableIds.length + parentIds.length) / 25) + notes.calls;
  const fullByKey = new Map([...fullById.values()].map((r) => [r.key, r]));
  const rows = trackerRows(deliverables, fullByKey, release, nowMs);
  const views: TrackerRowView[] = rows.map((r) => {
    const head = notes.heads.get(r.id);
    return {
      ...r,
      stageName: STAGE_NAMES.get(r.stage) ?? r.stage,
      noteCount: head?.count ?? 0,
      ...(head?.latest ? { latestNote: head.latest } : {}),
    };
  });
  const hidden = visible ? hiddenOfRelease(visible.rows, visible.hidden, release.id, nowMs, calendar) : 0;
  return {
    today: isoDay(nowMs),
    release: { ...releaseView(release, nowMs), milestones: release.milestones.map((m) => ({ ...m })) },
    releases: releases.map((r) => releaseView(r, nowMs)),
    ...(next ? { nextReleaseId: next.id } : {}),
    rows: views,
    totals: trackerTotals(rows),
    names: namesOf(config),
    index: {
      state: meta.state === 'ready' ? 'ready' : 'not-built',
      ...(meta.builtAt ? { builtAt: meta.builtAt } : {}),
      ...(meta.reconciledAt ? { reconciledAt: meta.reconciledAt } : {}),
    },
    hidden,
    calls,
  };
}
