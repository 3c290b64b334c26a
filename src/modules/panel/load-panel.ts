// panel/load: everything the panel shows about one issue, read as the person. Every write
// answers with the same shape, so the UI always renders from what the server decided.
import type { ApprovalOffer, PanelData, ReadinessView, RecordView } from '../../contract/panel';
import type { Approval } from '../../domain/approvals';
import type { Delivery } from '../../domain/delivery';
import { firstStage, stageDef } from '../../domain/lifecycle';
import { checklistStatus, type Vetting } from '../../domain/vetting';
import { asApp, asUser } from '../../jira/client';
import { myIssuePermissions, userGroups } from '../../jira/issues';
import { DELIVERY_RECORD, VETTING_RECORD } from '../../records/kinds';
import { loadRecord, revisionOf } from '../../records/record-store';
import { readParentChecklist } from '../../records/roadmap-item';
import type { RecordRead } from '../../records/stored-record';
import { loadAppConfig, type LoadedConfig } from '../../storage/app-config';
import { loadReleaseCalendar, type LoadedCalendar } from '../../storage/release-calendar';
import { getSigningKey } from '../../storage/signing-key';
import { blockersOf, gateCheck, needsParent, planMove } from '../../usecases/gate-check';
import { adminSettingsOf, movesFromRules, nextStageFor, readGateRules, type GateRules } from '../../usecases/gate-settings';
import { portfolioStageOf, snapshotOf } from '../../usecases/issue-snapshot';
import { approvalOffers } from './approval-offers';
import { readPanelIssue, type ReadIssue } from './issue-context';
import { panelOptions } from './options';

export const MODIFIED_OUTSIDE_APP =
  'This record was modified outside the LCOO app (its signature does not match), so it never counts as complete and no gate accepts it. Check the values, then save it from this panel to vouch for them.';
const READ_ONLY_REASON =
  "You can view this issue but not edit it in Jira, so the LCOO record is read-only for you. Ask a Jira administrator or the issue's project admin for edit permission.";

export function recordView<T>(read: RecordRead<T>): RecordView<T> {
  const revision = revisionOf(read);
  switch (read.state) {
    case 'missing':
      return { revision, integrity: 'missing' };
    case 'unreadable':
      return { revision, integrity: 'unreadable', problem: `${read.error} Saving from this panel replaces it.` };
    case 'present':
      return {
        data: read.data,
        revision,
        integrity: read.integrity,
        updatedAt: read.meta.updatedAt,
        updatedBy: read.meta.updatedBy,
        ...(read.meta.updatedByName ? { updatedByName: read.meta.updatedByName } : {}),
        ...(read.integrity === 'modified-outside-app' ? { problem: MODIFIED_OUTSIDE_APP } : {}),
      };
  }
}

/** Approvals in a record the app did not sign are claims, not decisions: they are not shown as given. */
function trustedApprovals(view: RecordView<{ approvals?: Approval[] | undefined }>): Approval[] {
  return view.integrity === 'valid' ? (view.data?.approvals ?? []) : [];
}

/** What the caller already knows, so a write does not read again what it has just written. */
export interface Known {
  read?: ReadIssue;
  vetting?: RecordRead<Vetting>;
  delivery?: RecordRead<Delivery>;
  config?: LoadedConfig;
  calendar?: LoadedCalendar;
  gateRules?: GateRules;
}

export async function loadPanel(ctx: { accountId: string; extension: unknown }, known: Known = {}): Promise<PanelData> {
  const user = asUser();
  const now = new Date();
  const read = known.read ?? (await readPanelIssue(user, ctx.extension));
  const { issue, statusStages } = read;
  const ref = { id: issue.id, key: issue.key };
  // Independent reads go out together: on Forge each REST call costs a round trip.
  const [perms, loaded, calendarLoaded, vettingRead, deliveryRead, groups, rules] = await Promise.all([
    myIssuePermissions(user, issue.key, ['EDIT_ISSUES']),
    known.config ?? loadAppConfig(),
    known.calendar ?? loadReleaseCalendar(),
    issue.lifecycle === 'portfolio' ? (known.vetting ?? loadRecord(user, VETTING_RECORD, ref)) : undefined,
    issue.lifecycle === 'delivery' ? (known.delivery ?? loadRecord(user, DELIVERY_RECORD, ref)) : undefined,
    // Read as the app (a person can't vouch for their own groups). Failing to read them only
    // disables the approval buttons, with the reason; the record still shows.
    issue.lifecycle ? userGroups(asApp(), ctx.accountId).catch(() => undefined) : undefined,
    // The gate settings Jira will enforce: the workflow rules over the admin's settings. Read
    // as the app (people can't read workflows); never fails, it falls back with a note.
    issue.lifecycle ? (known.gateRules ?? readGateRules(statusStages)) : undefined,
  ]);
  const { config } = loaded;
  const { calendar } = calendarLoaded;
  const at = { nowMs: now.getTime(), calendar };
  const canEdit = perms['EDIT_ISSUES'] === true;
  const base: PanelData = {
    issue,
    permissions: canEdit ? { canEdit } : { canEdit, readOnlyReason: READ_ONLY_REASON },
    readiness: [],
    approvals: { given: [], offered: [] },
    options: panelOptions(config, calendar, now),
    ...(loaded.problem ? { configProblem: loaded.problem } : {}),
    gateSettingsSource: rules?.source ?? 'admin-settings',
    ...(rules?.note ? { gateSettingsNote: rules.note } : {}),
  };
  const snapshot = snapshotOf(
    { key: issue.key, issueTypeName: issue.issueType, status: read.status, vetting: vettingRead, delivery: deliveryRead },
    statusStages,
  );
  if (!snapshot || !rules) return base;

  let given: Approval[] = [];
  if (vettingRead) {
    const view = recordView(vettingRead);
    base.vetting = view;
    // Where the item stands: a target that shipped after its gate has slipped, it is not a gap.
    base.checklist = checklistStatus(view.data, { ...at, stage: snapshot.stage });
    base.checklistComplete = view.integrity === 'valid' && base.checklist.completed === base.checklist.total;
    given = trustedApprovals(view);
  } else if (deliveryRead) {
    const view = recordView(deliveryRead);
    base.delivery = view;
    given = trustedApprovals(view);
  }

  // The next stage's gate, as the stage gate on that very move will decide it (the rule on the
  // move over the admin's settings), so the box agrees with what Jira does on the transition.
  const settingsFor = movesFromRules(adminSettingsOf(loaded), rules);
  const target = nextStageFor(snapshot.stage ?? firstStage(snapshot.lifecycle), settingsFor);
  if (target) {
    const plan = planMove(snapshot.lifecycle, snapshot.stage, target, settingsFor(target, snapshot.stage));
    const parent = needsParent(snapshot, plan)
      ? await readParentChecklist(user, snapshot.parentKey, await getSigningKey(), portfolioStageOf(statusStages))
      : undefined;
    const outcome = gateCheck(snapshot, plan, at, parent);
    const def = stageDef(target);
    const view: ReadinessView = { target, targetName: def.statusName, gate: def.gate, pass: outcome.pass, missing: blockersOf(outcome) };
    base.readiness = [view];
  }

  const offered: ApprovalOffer[] = approvalOffers({
    lifecycle: snapshot.lifecycle,
    stage: snapshot.stage,
    gate: config.gate,
    roleGroups: config.roleGroups,
    userGroups: groups,
    canEdit,
    delivery: snapshot.delivery,
  });
  base.approvals = { given, offered };
  return base;
}
