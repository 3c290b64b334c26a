// The jira:workflowValidator function (lcoo-stage-gate): may this issue enter the target
// stage? Runs as the app and spends ONE Jira REST call (the issue with its status, type and
// both LCOO properties; a second one only when the settings require checklist items at a
// delivery stage, for the deliverable's Roadmap Item). Parses the event, reads, builds the
// snapshot and asks the gate check (src/usecases/gate-check.ts), then words the answer as
// Jira shows it. Fails closed: any doubt refuses the move with a sentence that says why.
// It never throws.
import { z } from 'zod';
import { parseRuleConfig } from '../../domain/gates';
import { stageDef } from '../../domain/lifecycle';
import type { Delivery } from '../../domain/delivery';
import type { Vetting } from '../../domain/vetting';
import { asApp } from '../../jira/client';
import { JiraError } from '../../jira/errors';
import { getIssue } from '../../jira/issues';
import { DELIVERY_PROPERTY, DELIVERY_RECORD, VETTING_PROPERTY, VETTING_RECORD } from '../../records/kinds';
import { checkFreshness } from '../../records/record-store';
import { readParentChecklist } from '../../records/roadmap-item';
import { readRecord, type RecordKind, type RecordRead } from '../../records/stored-record';
import { loadAppConfig } from '../../storage/app-config';
import { loadReleaseCalendar } from '../../storage/release-calendar';
import { getSigningKey } from '../../storage/signing-key';
import { loadStatusStageMap } from '../../storage/status-stages';
import { gateCheck, needsParent, planMove } from '../../usecases/gate-check';
import { adminSettingsOf, settingsForMove } from '../../usecases/gate-settings';
import { portfolioStageOf, snapshotOf } from '../../usecases/issue-snapshot';
import { appErrorFromJira } from '../../usecases/jira-failure';
import { blockedMessage, failClosedMessage } from './gate-message';

export interface ValidatorResult {
  result: boolean;
  errorMessage?: string;
}

const StatusIdSchema = z.union([z.string().min(1), z.number().int()]).transform(String);
const ValidatorEventSchema = z
  .object({
    issue: z.object({ key: z.string().min(1) }).loose(),
    transition: z.object({ to: z.object({ id: StatusIdSchema }).loose() }).loose(),
    configuration: z.unknown().optional(),
  })
  .loose();

const refuse = (errorMessage: string): ValidatorResult => ({ result: false, errorMessage });

async function readChecked<T>(kind: RecordKind<T>, issueId: string, raw: unknown, secret: string): Promise<RecordRead<T>> {
  return checkFreshness(issueId, kind, readRecord(kind, issueId, raw, secret));
}

async function evaluateTransition(event: unknown): Promise<ValidatorResult> {
  const parsed = ValidatorEventSchema.safeParse(event);
  if (!parsed.success) {
    return refuse(
      failClosedMessage(
        undefined,
        'Jira did not say which issue and transition to check. Try again; if it persists, tell your Jira administrator.',
      ),
    );
  }
  const { issue: ref, transition, configuration } = parsed.data;
  const key = ref.key;
  const client = asApp();
  try {
    const [issue, config, statusStages, secret, calendar] = await Promise.all([
      getIssue(client, key, { fields: ['status', 'issuetype'], properties: [VETTING_PROPERTY, DELIVERY_PROPERTY] }),
      loadAppConfig(),
      loadStatusStageMap(),
      getSigningKey(),
      loadReleaseCalendar(),
    ]);
    const target = statusStages[transition.to.id];
    if (!target) {
      return refuse(
        failClosedMessage(
          key,
          `The target status (id ${transition.to.id}) is not one of the LCOO stages this app set up. A Jira administrator should run setup on the LCOO admin page, or remove the LCOO stage gate from this transition.`,
        ),
      );
    }
    const props = issue.properties ?? {};
    const [vetting, delivery] = await Promise.all([
      readChecked<Vetting>(VETTING_RECORD, issue.id, props[VETTING_PROPERTY], secret),
      readChecked<Delivery>(DELIVERY_RECORD, issue.id, props[DELIVERY_PROPERTY], secret),
    ]);
    const typeName = issue.fields.issuetype?.name ?? '';
    const snapshot = snapshotOf({ key, issueTypeName: typeName, status: issue.fields.status ?? {}, vetting, delivery }, statusStages);
    if (!snapshot) {
      return refuse(
        failClosedMessage(
          key,
          `"${stageDef(target).statusName}" is an LCOO stage, and ${typeName ? `a ${typeName}` : 'this issue'} follows no LCOO lifecycle.`,
        ),
      );
    }
    // Jira hands the validator the configuration of the rule on this very move.
    const plan = planMove(
      snapshot.lifecycle,
      snapshot.stage,
      target,
      settingsForMove(adminSettingsOf(config), parseRuleConfig(configuration), target),
    );
    const parent = needsParent(snapshot, plan)
      ? await readParentChecklist(client, snapshot.parentKey, secret, portfolioStageOf(statusStages))
      : undefined;
    const outcome = gateCheck(snapshot, plan, { nowMs: Date.now(), calendar: calendar.calendar }, parent);
    if (outcome.pass) return { result: true };
    if (outcome.failClosed) return refuse(failClosedMessage(key, outcome.failClosed.message));
    return refuse(blockedMessage(key, stageDef(target).statusName, outcome.missing));
  } catch (err) {
    if (err instanceof JiraError) {
      const why = err.status === 404 ? `Jira could not find ${key} for the app.` : appErrorFromJira(err, `read ${key}`).message;
      return refuse(failClosedMessage(key, `${why} The move stays blocked until the gate can be checked; try again.`));
    }
    console.error('[lcoo] stage gate failed unexpectedly:', err);
    return refuse(
      failClosedMessage(
        key,
        'The gate could not be checked because of an unexpected error (details are in the app log). Try again; if it persists, tell your Jira administrator.',
      ),
    );
  }
}

/** The manifest handler: Forge passes (event, context). */
export const stageGateValidator = (event: unknown): Promise<ValidatorResult> => evaluateTransition(event);
