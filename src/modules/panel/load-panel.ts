// panel/load: everything the panel shows about one issue, read as the person. Every write
// answers with the same shape, so the UI always renders from what the server decided.
import type { ApprovalOffer, CompanyRightView, GivenApproval, PanelData, ReadinessView, RecordView } from '../../contract/panel';
import { approvalState, partLabel, type ApprovedRecord } from '../../domain/approval-content';
import type { AppConfig } from '../../domain/app-config';
import type { Approval } from '../../domain/approvals';
import type { Delivery } from '../../domain/delivery';
import { directoryOf, vettingWithIds } from '../../domain/directory';
import { firstStage, stageDef } from '../../domain/lifecycle';
import { checklistStatus, type Vetting } from '../../domain/vetting';
import { asApp, asUser } from '../../jira/client';
import { myIssuePermissions, userGroups } from '../../jira/issues';
import { DELIVERY_RECORD, VETTING_RECORD } from '../../records/kinds';
import { loadRecordAndLatest, readLastSaved, revisionOf, type LoadedRecord } from '../../records/record-store';
import { readParentChecklist } from '../../records/roadmap-item';
import type { RecordKind, RecordRead } from '../../records/stored-record';
import { loadAppConfig, type LoadedConfig } from '../../storage/app-config';
import { loadGerritPeople } from '../../storage/gerrit-people';
import { gerritPeopleView } from './gerrit-people-view';
import { loadReleaseCalendar, type LoadedCalendar } from '../../storage/release-calendar';
import { getSigningKey } from '../../storage/signing-key';
import { blockersOf, gateCheck, needsParent, planMove } from '../../usecases/gate-check';
import { adminSettingsOf, movesFromRules, nextStageFor, readGateRules, type GateRules } from '../../usecases/gate-settings';
import { portfolioStageOf, snapshotOf } from '../../usecases/issue-snapshot';
import { approversOf, companyRight, inAnyGroup } from '../../usecases/rights';
import { approvalOffers } from './approval-offers';
import { readPanelIssue, type ReadIssue } from './issue-context';
import { panelOptions } from './options';

export const MODIFIED_OUTSIDE_APP =
  'Someone changed this record directly in Jira, not through this panel, so the app cannot vouch for it: it does not count as complete and no transition accepts it. Check the values below, then save them from this panel.';
export const INDEX_OUTSIDE_APP =
  "This issue's LCOO search fields were changed directly in Jira, so filters and the portfolio dashboard may list it wrongly and no transition accepts it. Its answers and approvals are intact: save it from this panel to put the search fields right.";
export const REPLAYED =
  'An older version of this record was put back outside the LCOO app, so no gate accepts it. Restore the last version saved in the app, or check the values and save it from this panel.';
const READ_ONLY_REASON =
  "You can view this issue but not edit it in Jira, so the LCOO record is read-only for you. Ask a Jira administrator or the issue's project admin for edit permission.";

type Restorable = { data: unknown; meta: { revision: number; updatedAt: string; updatedBy: string; updatedByName?: string } } | undefined;

export function recordView<T>(read: RecordRead<T>, lastSaved?: Restorable): RecordView<T> {
  const revision = revisionOf(read);
  const restore = lastSaved
    ? {
        restore: {
          revision: lastSaved.meta.revision,
          updatedAt: lastSaved.meta.updatedAt,
          updatedBy: lastSaved.meta.updatedBy,
          ...(lastSaved.meta.updatedByName ? { updatedByName: lastSaved.meta.updatedByName } : {}),
        },
      }
    : {};
  switch (read.state) {
    case 'missing':
      return { revision, integrity: 'missing', ...restore };
    case 'unreadable':
      return { revision, integrity: 'unreadable', problem: `${read.error} Saving from this panel replaces it.`, ...restore };
    case 'present':
      return {
        data: read.data,
        revision,
        integrity: read.integrity,
        updatedAt: read.meta.updatedAt,
        updatedBy: read.meta.updatedBy,
        ...(read.meta.updatedByName ? { updatedByName: read.meta.updatedByName } : {}),
        ...(read.integrity === 'modified-outside-app'
          ? { problem: read.outside === 'index' ? INDEX_OUTSIDE_APP : read.outside === 'replayed' ? REPLAYED : MODIFIED_OUTSIDE_APP }
          : {}),
        ...restore,
      };
  }
}

/**
 * Approvals in a record the app did not sign are claims, not decisions: they are not shown as
 * given. Each given one says whether it is for the content as it is now, and whether this person
 * may withdraw it (whoever may give it).
 */
function givenApprovals(
  view: RecordView<ApprovedRecord>,
  config: AppConfig,
  groups: readonly string[] | undefined,
  canEdit: boolean,
): GivenApproval[] {
  const record = view.data;
  if (view.integrity !== 'valid' || !record) return [];
  const staleAllowed = config.gate.staleApprovalsCount;
  return (record.approvals ?? []).map((a: Approval) => {
    const state = approvalState(a, record);
    const mayWithdraw = canEdit && groups !== undefined && inAnyGroup(approversOf(a.role, config, record as Vetting).groups, groups);
    return {
      ...a,
      state: state.kind,
      ...(state.kind === 'stale' ? { changed: state.changed.map(partLabel) } : {}),
      counts: state.kind !== 'stale' || staleAllowed.includes(a.role),
      canWithdraw: mayWithdraw,
    };
  });
}

/** Every configured member company, and any other the record names: may this person change its entry. */
function companyRights(config: AppConfig, vetting: Vetting | undefined, groups: readonly string[] | undefined): CompanyRightView[] {
  const ids = [...config.companies.map((c) => c.id)];
  for (const c of vetting?.collaborators?.companies ?? []) if (!ids.includes(c.company)) ids.push(c.company);
  return ids.map((id) => companyRight(config, id, groups));
}

/** What the caller already knows, so a write does not read again what it has just written. */
export interface Known {
  read?: ReadIssue;
  vetting?: RecordRead<Vetting>;
  delivery?: RecordRead<Delivery>;
  config?: LoadedConfig;
  calendar?: LoadedCalendar;
  gateRules?: GateRules;
  userGroups?: readonly string[] | undefined;
  gerritPeople?: Awaited<ReturnType<typeof loadGerritPeople>>;
}

/** The record as read, and the last version the app saved when Jira's is not it (what a restore offers). */
async function readWithRestore<T>(
  user: ReturnType<typeof asUser>,
  kind: RecordKind<T>,
  issue: { id: string; key: string },
): Promise<{ read: RecordRead<T>; lastSaved: Restorable }> {
  const loaded: LoadedRecord<T> = await loadRecordAndLatest(user, kind, issue);
  const lastSaved = loaded.read.integrity === 'valid' ? undefined : await readLastSaved(kind, issue.id, loaded.latest);
  return { read: loaded.read, lastSaved };
}

export async function loadPanel(ctx: { accountId: string; extension: unknown }, known: Known = {}): Promise<PanelData> {
  const user = asUser();
  const now = new Date();
  const read = known.read ?? (await readPanelIssue(user, ctx.extension));
  const { issue, statusStages } = read;
  const ref = { id: issue.id, key: issue.key };
  // Independent reads go out together: on Forge each REST call costs a round trip.
  const [perms, loaded, calendarLoaded, vettingLoad, deliveryLoad, groups, rules, gerritPeople] = await Promise.all([
    myIssuePermissions(user, issue.key, ['EDIT_ISSUES']),
    known.config ?? loadAppConfig(),
    known.calendar ?? loadReleaseCalendar(),
    issue.lifecycle === 'portfolio'
      ? known.vetting
        ? { read: known.vetting, lastSaved: undefined }
        : readWithRestore(user, VETTING_RECORD, ref)
      : undefined,
    issue.lifecycle === 'delivery'
      ? known.delivery
        ? { read: known.delivery, lastSaved: undefined }
        : readWithRestore(user, DELIVERY_RECORD, ref)
      : undefined,
    // Read as the app (a person can't vouch for their own groups). Failing to read them only
    // disables the approval buttons and company entries, with the reason; the record still shows.
    issue.lifecycle ? ('userGroups' in known ? known.userGroups : userGroups(asApp(), ctx.accountId).catch(() => undefined)) : undefined,
    // The gate settings Jira will enforce: the workflow rules over the admin's settings. Read
    // as the app (people can't read workflows); never fails, it falls back with a note.
    issue.lifecycle ? (known.gateRules ?? readGateRules(statusStages)) : undefined,
    // Who the cores are (issue 14.5): the people's Gerrit claims, one KVS read, deliverables only.
    issue.lifecycle === 'delivery' ? (known.gerritPeople ?? loadGerritPeople()) : undefined,
  ]);
  const { config } = loaded;
  const directory = directoryOf(config);
  const vettingRead = vettingLoad?.read;
  const deliveryRead = deliveryLoad?.read;
  const { calendar } = calendarLoaded;
  const at = { nowMs: now.getTime(), calendar };
  const canEdit = perms['EDIT_ISSUES'] === true;
  const base: PanelData = {
    issue,
    viewerAccountId: ctx.accountId,
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

  let given: GivenApproval[] = [];
  if (vettingRead) {
    // The gate reads the record as stored; the panel shows it with ids where it names FSTs and
    // companies (a record saved before ids holds names), which is what the form edits.
    given = givenApprovals(recordView(vettingRead), config, groups, canEdit);
    const view = recordView(
      vettingRead.state === 'present' ? { ...vettingRead, data: vettingWithIds(vettingRead.data, directory) } : vettingRead,
      vettingLoad?.lastSaved,
    );
    base.vetting = view;
    // Where the item stands: a target that shipped after its gate has slipped, it is not a gap.
    base.checklist = checklistStatus(view.data, { ...at, stage: snapshot.stage });
    base.checklistComplete = view.integrity === 'valid' && base.checklist.completed === base.checklist.total;
    base.companyRights = companyRights(config, view.data, canEdit ? groups : []).map((r) =>
      canEdit ? r : { ...r, canEdit: false, reason: "You can't edit this issue in Jira." },
    );
  } else if (deliveryRead) {
    const view = recordView(deliveryRead, deliveryLoad?.lastSaved);
    base.delivery = view;
    base.codeCommittedFrom = config.gate.codeCommittedFrom;
    base.specAcceptedFrom = config.gate.specAcceptedFrom;
    base.blueprintAcceptedFrom = config.gate.blueprintAcceptedFrom;
    if (gerritPeople) base.gerritPeople = gerritPeopleView(view.data, gerritPeople, config, groups, ctx.accountId);
    given = givenApprovals(view, config, groups, canEdit);
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
    if (plan.kind === 'gated') {
      base.readinessBasis = {
        config: plan.config,
        path: [...plan.path],
        releases: [...calendar.releases],
        ...(parent
          ? { parent: parent.ok ? { ok: true, vetting: parent.vetting, ...(parent.stage ? { stage: parent.stage } : {}) } : parent }
          : {}),
      };
    }
  }

  const offered: ApprovalOffer[] = approvalOffers({
    lifecycle: snapshot.lifecycle,
    stage: snapshot.stage,
    gate: config.gate,
    config,
    userGroups: groups,
    canEdit,
    vetting: snapshot.vetting,
    delivery: snapshot.delivery,
    accountId: ctx.accountId,
    given,
  });
  base.approvals = { given, offered };
  return base;
}
