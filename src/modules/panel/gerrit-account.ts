// gerrit-account/save and gerrit-account/remove: the person's own Gerrit account (issue 14.5).
// Whose it is comes from the invocation's context (ctx.accountId), never from the payload; the
// answer is the panel again, so the voters' names update at once.
import type { z } from 'zod';
import type { GerritAccountSavePayloadSchema, PanelData } from '../../contract/panel';
import { asApp, asUser } from '../../jira/client';
import { userGroups } from '../../jira/issues';
import { loadAppConfig } from '../../storage/app-config';
import { loadGerritPeople } from '../../storage/gerrit-people';
import { removeGerritAccount, saveGerritAccount } from '../../usecases/gerrit-account';
import type { CallContext } from '../shared/define-resolver';
import { loadPanel } from './load-panel';
import { actorOf } from './save-record';

export async function saveMyGerritAccount(input: z.infer<typeof GerritAccountSavePayloadSchema>, ctx: CallContext): Promise<PanelData> {
  // The person's groups are read as the app (a person can't vouch for their own company).
  const [loaded, actor, groups] = await Promise.all([
    loadAppConfig(),
    actorOf(asUser(), ctx.accountId),
    userGroups(asApp(), ctx.accountId).catch(() => undefined),
  ]);
  const outcome = await saveGerritAccount({
    accountId: ctx.accountId,
    ...(actor.displayName ? { displayName: actor.displayName } : {}),
    groups,
    config: loaded.config,
    text: input.account,
    ...(input.company !== undefined ? { company: input.company } : {}),
    now: new Date(),
  });
  const panel = await loadPanel(ctx, { config: loaded, userGroups: groups, gerritPeople: await loadGerritPeople() });
  return 'problem' in outcome ? { ...panel, gerritAccountProblem: outcome.problem } : panel;
}

export async function removeMyGerritAccount(_input: unknown, ctx: CallContext): Promise<PanelData> {
  await removeGerritAccount(ctx.accountId);
  return loadPanel(ctx);
}
