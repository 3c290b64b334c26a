// delivery/refresh-upstream: read Gerrit and Launchpad now for this deliverable and store what they
// say in the signed record, as the person (asUser: Jira's edit permission holds). A source that
// cannot be reached never fails the call: the panel comes back with the last evidence marked stale and
// the reason.
import type { PanelData } from '../../contract/panel';
import { asUser } from '../../jira/client';
import { loadAppConfig } from '../../storage/app-config';
import { loadReleaseCalendar } from '../../storage/release-calendar';
import { afterRecordWrite } from '../../usecases/portfolio-index/after-write';
import { requireLifecycle } from '../../usecases/record-writes/approvals';
import { refreshUpstream } from '../../usecases/upstream-refresh';
import type { CallContext } from '../shared/define-resolver';
import { readPanelIssue } from './issue-context';
import { loadPanel } from './load-panel';
import { actorOf, savedRead } from './save-record';

export async function refreshFromUpstream(_input: unknown, ctx: CallContext): Promise<PanelData> {
  const user = asUser();
  const [read, loaded, actor, calendar] = await Promise.all([
    readPanelIssue(user, ctx.extension),
    loadAppConfig(),
    actorOf(user, ctx.accountId),
    loadReleaseCalendar(),
  ]);
  const { issue } = read;
  requireLifecycle(issue, 'delivery');
  const outcome = await refreshUpstream({
    client: user,
    issue,
    actor,
    config: loaded.config,
    calendar: calendar.calendar,
    now: new Date(),
  });
  if (outcome.saved) await afterRecordWrite({ read, config: loaded, delivery: savedRead(outcome.saved) });
  const panel = await loadPanel(ctx, {
    read,
    config: loaded,
    calendar,
    ...(outcome.saved ? { delivery: savedRead(outcome.saved) } : {}),
  });
  return outcome.problem ? { ...panel, upstreamProblem: outcome.problem } : panel;
}
