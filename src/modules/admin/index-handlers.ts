// The admin page's "Portfolio index" tab: the index's state, "Rebuild the portfolio index"
// and "Resume". Jira administrators only, like every admin key.
import type { IndexStatusView } from '../../contract/portfolio-index';
import type { AdminWire } from '../../contract/wire';
import { loadIndexMeta, loadRebuildProgress } from '../../storage/portfolio-index/meta';
import { readBuckets } from '../../storage/portfolio-index/store';
import { resumeRebuild, STALE_STEP_MS, startRebuild } from '../../usecases/portfolio-index/rebuild';
import type { CallContext, Handlers } from '../shared/define-resolver';

async function statusView(): Promise<IndexStatusView> {
  const [meta, progress] = await Promise.all([loadIndexMeta(), loadRebuildProgress()]);
  const rows = meta.state === 'ready' ? (await readBuckets(meta.bucketCount)).buckets.reduce((n, b) => n + b.rows.length, 0) : 0;
  const view: IndexStatusView = { state: meta.state, rows, buckets: meta.bucketCount };
  if (meta.builtAt) view.builtAt = meta.builtAt;
  if (meta.reconciledAt) view.reconciledAt = meta.reconciledAt;
  if (meta.fullPassAt) view.fullPassAt = meta.fullPassAt;
  if (progress) {
    const stalled = progress.state === 'running' && Date.now() - Date.parse(progress.lastStepAt ?? progress.startedAt) >= STALE_STEP_MS;
    view.rebuild = {
      state: progress.state,
      startedAt: progress.startedAt,
      done: progress.done,
      steps: progress.steps,
      longestStepMs: progress.longestStepMs,
      ...(progress.finishedAt ? { finishedAt: progress.finishedAt } : {}),
      ...(progress.total !== undefined ? { total: progress.total } : {}),
      ...(progress.error ? { error: progress.error } : {}),
      ...(stalled ? { stalled } : {}),
      ...(progress.reindexed ? { reindexed: progress.reindexed } : {}),
      ...(progress.reindexLeft ? { reindexLeft: progress.reindexLeft } : {}),
    };
  }
  return view;
}

export function indexHandlers(requireAdmin: (ctx: CallContext, doing: string) => Promise<void>) {
  const handlers: Pick<Handlers<AdminWire>, 'index/status' | 'index/rebuild' | 'index/resume'> = {
    'index/status': {
      doing: 'load the portfolio index status',
      async run(_input, ctx) {
        await requireAdmin(ctx, 'see the portfolio index');
        return statusView();
      },
    },
    'index/rebuild': {
      doing: 'rebuild the portfolio index',
      async run(_input, ctx) {
        await requireAdmin(ctx, 'rebuild the portfolio index');
        await startRebuild(ctx.accountId);
        return statusView();
      },
    },
    'index/resume': {
      doing: 'resume the portfolio index rebuild',
      async run(_input, ctx) {
        await requireAdmin(ctx, 'resume the portfolio index rebuild');
        await resumeRebuild();
        return statusView();
      },
    },
  };
  return handlers;
}
