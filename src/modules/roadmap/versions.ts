// versions/list, versions/publish, versions/get: the published LCOO roadmaps. Everyone who may
// open the page reads them; only the Roadmap Committee publishes (configured groups, read as the app).
import { AppError } from '../../contract/envelope';
import { exportFileName, toCsv, toMarkdown } from '../../domain/roadmap/export';
import type { ExportFile, CompareView, VersionEntry, VersionView, VersionsView } from '../../contract/roadmap';
import { compareVersions } from '../../domain/roadmap/compare';
import type { RoadmapWire } from '../../contract/wire';
import { STAGES, stageDef } from '../../domain/lifecycle';
import { draftQuarter } from '../../domain/roadmap/quarter';
import { proposeVersion } from '../../domain/roadmap/proposal';
import { newestFirst, type VersionSummary } from '../../domain/roadmap/version';
import { asApp } from '../../jira/client';
import { userGroups } from '../../jira/issues';
import { versionIntegrity } from '../../records/roadmap-version';
import { loadAppConfig } from '../../storage/app-config';
import { loadReleaseCalendar } from '../../storage/release-calendar';
import { listVersions, readVersion } from '../../storage/roadmap-versions';
import { getSigningKey } from '../../storage/signing-key';
import { versionDecisions } from '../../domain/roadmap/decisions';
import { publishVersion } from '../../usecases/roadmap/publish';
import { cannotPublish } from '../../usecases/roadmap/rank-rights';
import type { CallContext, Handlers } from '../shared/define-resolver';
import { actorOf, loadAll } from './draft';

export const STAGE_NAMES: Record<string, string> = Object.fromEntries(STAGES.map((s) => [s, stageDef(s).statusName]));

export const entryOf = ({ sig: _sig, parts: _parts, version: _v, ...rest }: VersionSummary): VersionEntry => rest;

async function versionsView(ctx: CallContext, published?: string): Promise<VersionsView> {
  const started = Date.now();
  const app = asApp();
  const [config, calendar, list, groups] = await Promise.all([
    loadAppConfig(),
    loadReleaseCalendar(),
    listVersions(),
    userGroups(app, ctx.accountId),
  ]);
  const reason = cannotPublish(config.config, groups);
  return {
    versions: newestFirst(list.versions).map(entryOf),
    unreadable: list.unreadable,
    canPublish: reason === undefined,
    ...(reason ? { reason } : {}),
    proposal: proposeVersion(draftQuarter(Date.now()).id, calendar.calendar),
    cost: { jiraCalls: app.calls, storageCalls: 2 + list.calls, ms: Date.now() - started },
    ...(published ? { published } : {}),
  };
}

export const versionsList: Handlers<RoadmapWire>['versions/list'] = {
  doing: 'list the published roadmaps',
  run: (_input, ctx) => versionsView(ctx),
};

export const versionsPublish: Handlers<RoadmapWire>['versions/publish'] = {
  doing: 'publish the roadmap',
  async run(input, ctx): Promise<VersionsView> {
    const l = await loadAll(input.quarter, ctx);
    const actor = await actorOf(l, ctx);
    const summary = await publishVersion(
      {
        rows: l.read.rows,
        full: l.read.full,
        config: l.read.config,
        calendar: l.read.calendar,
        ranking: l.ranking,
        extra: (id) => {
          const p = l.read.progress.get(id);
          const decisions = versionDecisions(l.decisions.items[id], l.read.calendar);
          return { ...(p ? { progress: { delivered: p.delivered, total: p.total } } : {}), ...(decisions ? { decisions } : {}) };
        },
      },
      input,
      { actor, groups: l.groups, now: new Date() },
    );
    return versionsView(ctx, summary.id);
  },
};

export const versionsGet: Handlers<RoadmapWire>['versions/get'] = {
  doing: 'open the published roadmap',
  async run(input): Promise<VersionView> {
    const started = Date.now();
    const [stored, secret] = await Promise.all([readVersion(input.id), getSigningKey()]);
    if (!stored)
      throw new AppError('NOT_FOUND', 'There is no published roadmap with this id. Reload the page to see the versions there are.');
    return {
      version: entryOf(stored.summary),
      integrity: versionIntegrity(secret, stored.summary, stored.parts),
      items: stored.parts.flatMap((p) => p?.items ?? []),
      stageNames: STAGE_NAMES,
      cost: { jiraCalls: 0, storageCalls: stored.calls + 1, ms: Date.now() - started },
    };
  },
};

export const versionsCompare: Handlers<RoadmapWire>['versions/compare'] = {
  doing: 'compare the published roadmaps',
  async run(input): Promise<CompareView> {
    const started = Date.now();
    let fromId = input.from;
    let listCalls = 0;
    if (!fromId) {
      // Default: the version published just before `to`.
      const list = await listVersions();
      listCalls = list.calls;
      const ordered = newestFirst(list.versions);
      const at = ordered.findIndex((v) => v.id === input.to);
      fromId = at >= 0 ? ordered[at + 1]?.id : undefined;
      if (!fromId) throw new AppError('NOT_FOUND', 'No version was published before this one; choose two versions to compare.');
    }
    const [from, to, secret] = await Promise.all([readVersion(fromId), readVersion(input.to), getSigningKey()]);
    if (!from || !to)
      throw new AppError('NOT_FOUND', 'One of these versions does not exist. Reload the page to see the versions there are.');
    const items = (v: NonNullable<typeof from>) => v.parts.flatMap((p) => p?.items ?? []);
    return {
      from: entryOf(from.summary),
      to: entryOf(to.summary),
      diff: compareVersions(items(from), items(to)),
      stageNames: STAGE_NAMES,
      integrity: { from: versionIntegrity(secret, from.summary, from.parts), to: versionIntegrity(secret, to.summary, to.parts) },
      cost: { jiraCalls: 0, storageCalls: listCalls + from.calls + to.calls + 1, ms: Date.now() - started },
    };
  },
};

export const versionsExport: Handlers<RoadmapWire>['versions/export'] = {
  doing: 'export the published roadmap',
  async run(input): Promise<ExportFile> {
    const [stored, secret] = await Promise.all([readVersion(input.id), getSigningKey()]);
    if (!stored)
      throw new AppError('NOT_FOUND', 'There is no published roadmap with this id. Reload the page to see the versions there are.');
    const s = stored.summary;
    const items = stored.parts.flatMap((p) => p?.items ?? []);
    const stageName = (id: string) => STAGE_NAMES[id] ?? id;
    const head = { name: s.name, publishedBy: s.publishedBy.displayName ?? s.publishedBy.accountId, publishedAt: s.publishedAt };
    return {
      fileName: exportFileName(s.name, input.format),
      mimeType: input.format === 'markdown' ? 'text/markdown;charset=utf-8' : 'text/csv;charset=utf-8',
      content: input.format === 'markdown' ? toMarkdown(head, items, stageName) : toCsv(items, stageName),
      integrity: versionIntegrity(secret, s, stored.parts),
    };
  },
};
