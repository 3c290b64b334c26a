// panel/load: everything the panel shows about one issue, read as the person. Every write
// answers with the same shape, so the UI always renders from what the server decided.
import type { ApprovalOffer, PanelData, ReadinessView, RecordView } from '../../contract/panel';
import type { AppConfig } from '../../domain/app-config';
import { loadAppConfig } from '../../storage/app-config';
import type { Approval } from '../../domain/approvals';
import type { Delivery } from '../../domain/delivery';
import { evaluateGate, requiredChecklistFor, type GateConfig, type GateSubject, type MissingRequirement } from '../../domain/gates';
import { firstStage, stageDef, type Stage } from '../../domain/lifecycle';
import { checklistStatus, type Vetting } from '../../domain/vetting';
import { asApp, asUser, type JiraClient } from '../../jira/client';
import { myIssuePermissions, userGroups } from '../../jira/issues';
import { gateInto, nextStageUnder, readGateRules, type GateRules } from '../../jira/rule-configs';
import { DELIVERY_RECORD, VETTING_RECORD } from '../../records/kinds';
import { loadRecord, revisionOf } from '../../records/record-store';
import { readRoadmapItemChecklist } from '../../records/roadmap-item';
import { getSigningKey } from '../../storage/signing-key';
import type { RecordRead } from '../../records/stored-record';
import { approvalOffers } from './approval-offers';
import { readPanelIssue, type PanelIssue } from './issue-context';
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
  issue?: PanelIssue;
  vetting?: RecordRead<Vetting>;
  delivery?: RecordRead<Delivery>;
  config?: AppConfig;
  gateRules?: GateRules;
}

/**
 * For a deliverable whose next gate requires checklist items, the gate engine reads the
 * Roadmap Item's vetting with the stage-gate validator's own reader (readRoadmapItemChecklist):
 * only a deliverable record the app signed names it, only a Roadmap Item's checklist the app
 * signed counts, and anything else is one more missing requirement with the reason.
 */
async function parentVetting(
  user: JiraClient,
  delivery: RecordView<Delivery>,
  target: Stage | undefined,
  gate: GateConfig | undefined,
): Promise<{ vetting?: Vetting; problem?: MissingRequirement }> {
  const itemKey = delivery.integrity === 'valid' ? delivery.data?.roadmapItemKey : undefined;
  if (!target || !gate || !itemKey || requiredChecklistFor(target, gate).length === 0) return {};
  const linked = await readRoadmapItemChecklist(user, itemKey, await getSigningKey());
  return {
    vetting: linked.vetting,
    ...(linked.problem ? { problem: { requirement: 'roadmap-item:record', message: linked.problem } } : {}),
  };
}

export async function loadPanel(ctx: { accountId: string; extension: unknown }, known: Known = {}): Promise<PanelData> {
  const user = asUser();
  const now = new Date();
  const issue = known.issue ?? (await readPanelIssue(user, ctx.extension));
  const ref = { id: issue.id, key: issue.key };
  // Independent reads go out together: on Forge each REST call costs a round trip.
  const [perms, { config, problem }, vettingRead, deliveryRead, groups, rules] = await Promise.all([
    myIssuePermissions(user, issue.key, ['EDIT_ISSUES']),
    known.config ? Promise.resolve({ config: known.config, problem: undefined }) : loadAppConfig(),
    issue.lifecycle === 'portfolio' ? (known.vetting ?? loadRecord(user, VETTING_RECORD, ref)) : undefined,
    issue.lifecycle === 'delivery' ? (known.delivery ?? loadRecord(user, DELIVERY_RECORD, ref)) : undefined,
    // Read as the app (a person can't vouch for their own groups). Failing to read them only
    // disables the approval buttons, with the reason; the record still shows.
    issue.lifecycle ? userGroups(asApp(), ctx.accountId).catch(() => undefined) : undefined,
    // The gate settings Jira will enforce: the workflow rules over the admin's settings. Read
    // as the app (people can't read workflows); never fails, it falls back with a note.
    issue.lifecycle ? (known.gateRules ?? readGateRules()) : undefined,
  ]);
  const canEdit = perms['EDIT_ISSUES'] === true;
  const base: PanelData = {
    issue,
    permissions: canEdit ? { canEdit } : { canEdit, readOnlyReason: READ_ONLY_REASON },
    readiness: [],
    approvals: { given: [], offered: [] },
    options: panelOptions(config, now),
    ...(problem ? { configProblem: problem } : {}),
    gateSettingsSource: rules?.source ?? 'admin-settings',
    ...(rules?.note ? { gateSettingsNote: rules.note } : {}),
  };
  const lifecycle = issue.lifecycle;
  if (!lifecycle || !rules) return base;

  let given: Approval[] = [];
  let delivery: Delivery | undefined;
  const target = nextStageUnder(rules, config.gate, issue.stage ?? firstStage(lifecycle));
  // The settings the stage gate on this very move runs with (rule over admin), so the box
  // agrees with what Jira does when the person clicks the transition.
  const gate = target ? gateInto(rules, config.gate, target, issue.stage) : undefined;
  const gateConfig = gate?.ok ? gate.config : undefined;
  let subject: GateSubject = { lifecycle, integrity: 'missing' };
  const extraMissing: MissingRequirement[] = [];
  if (vettingRead) {
    const view = recordView(vettingRead);
    base.vetting = view;
    base.checklist = checklistStatus(view.data ?? {}, now);
    base.checklistComplete = view.integrity === 'valid' && base.checklist.completed === base.checklist.total;
    given = trustedApprovals(view);
    subject = { lifecycle, integrity: view.integrity, ...(view.data ? { vetting: view.data } : {}) };
  } else if (deliveryRead) {
    const view = recordView(deliveryRead);
    base.delivery = view;
    delivery = view.data;
    given = trustedApprovals(view);
    const parent = await parentVetting(user, view, target, gateConfig);
    if (parent.problem) extraMissing.push(parent.problem);
    subject = {
      lifecycle,
      integrity: view.integrity,
      ...(delivery ? { delivery } : {}),
      ...(parent.vetting ? { vetting: parent.vetting } : {}),
    };
  }
  if (issue.stage) subject.from = issue.stage;

  if (target && gate) {
    // A rule Jira can't parse refuses every move, whatever the record holds: say only that, as the validator does.
    const missing = gate.ok ? [...extraMissing, ...evaluateGate(target, subject, gate.config, now).missing] : [gate.missing];
    const def = stageDef(target);
    const view: ReadinessView = { target, targetName: def.statusName, gate: def.gate, pass: missing.length === 0, missing };
    base.readiness = [view];
  }

  const offered: ApprovalOffer[] = approvalOffers({
    lifecycle,
    stage: issue.stage,
    gate: config.gate,
    roleGroups: config.roleGroups,
    userGroups: groups,
    canEdit,
    delivery,
  });
  base.approvals = { given, offered };
  return base;
}
