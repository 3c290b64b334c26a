// The jira:workflowValidator function (lcoo-stage-gate): may this issue enter the target
// stage? Runs as the app, spends ONE Jira REST call (the issue with its status, type and
// both LCOO properties; a second one only when the settings require checklist items at a
// delivery stage, to read the deliverable's Roadmap Item), trusts only records the app signed, and answers with everything
// that is missing. It fails closed: any doubt (bad rule, unknown status, Jira error, forged
// record) refuses the move with a sentence that says why. It never throws.
import { z } from 'zod';
import { loadAppConfig } from '../../storage/app-config';
import { overlayGateConfig, parseRuleConfig } from '../../contract/validator-config';
import { evaluateGate, gatesOnTheWay, requiredChecklistFor, type GateSubject, type MissingRequirement } from '../../domain/gates';
import {
  LIFECYCLES,
  isTransitionAllowed,
  lifecycleOfIssueType,
  lifecycleOfStage,
  nextStage,
  stageByStatusName,
  stageDef,
  stageIndex,
  type Stage,
} from '../../domain/lifecycle';
import type { Delivery } from '../../domain/delivery';
import type { Vetting } from '../../domain/vetting';
import { asApp, type JiraClient } from '../../jira/client';
import { appErrorFromJira, JiraError } from '../../jira/errors';
import { getIssue } from '../../jira/issues';
import { loadStatusStageMap } from '../../storage/status-stages';
import { DELIVERY_PROPERTY, DELIVERY_RECORD, VETTING_PROPERTY, VETTING_RECORD } from '../../records/kinds';
import { checkFreshness } from '../../records/record-store';
import { getSigningKey } from '../../storage/signing-key';
import { readRoadmapItemChecklist } from '../../records/roadmap-item';
import { readRecord, type RecordKind, type RecordRead } from '../../records/stored-record';
import { blockedMessage, failClosedMessage } from './gate-message';

export interface ValidatorResult {
  result: boolean;
  errorMessage?: string;
}

const StatusIdSchema = z.union([z.string().min(1), z.number().int()]).transform(String);
const ValidatorEventSchema = z
  .object({
    issue: z.object({ key: z.string().min(1) }).loose(),
    transition: z
      .object({
        from: z.object({ id: StatusIdSchema }).loose().optional(),
        to: z.object({ id: StatusIdSchema }).loose(),
      })
      .loose(),
    configuration: z.unknown().optional(),
  })
  .loose();

export interface ValidatorDeps {
  client?: JiraClient;
  now?: () => Date;
}

const refuse = (errorMessage: string): ValidatorResult => ({ result: false, errorMessage });

async function readChecked<T>(kind: RecordKind<T>, issueId: string, raw: unknown, secret: string): Promise<RecordRead<T>> {
  return checkFreshness(issueId, kind, readRecord(kind, issueId, raw, secret));
}

export async function evaluateTransition(event: unknown, deps: ValidatorDeps = {}): Promise<ValidatorResult> {
  const parsed = ValidatorEventSchema.safeParse(event);
  if (!parsed.success) {
    return refuse(
      failClosedMessage(
        undefined,
        'Jira did not say which issue and transition to check. Try again; if it persists, tell your Jira administrator.',
      ),
    );
  }
  const {
    issue: { key },
    transition,
    configuration,
  } = parsed.data;

  const rule = parseRuleConfig(configuration);
  if (!rule.ok) {
    return refuse(
      failClosedMessage(
        key,
        `the configuration of this LCOO stage gate is not valid (${rule.error}). A Jira administrator must edit the rule in the workflow editor.`,
      ),
    );
  }

  const client = deps.client ?? asApp();
  try {
    const [issue, appConfig, statusStages, secret] = await Promise.all([
      getIssue(client, key, { fields: ['status', 'issuetype'], properties: [VETTING_PROPERTY, DELIVERY_PROPERTY] }),
      loadAppConfig(),
      loadStatusStageMap(),
      getSigningKey(),
    ]);

    const target: Stage | undefined = statusStages[transition.to.id];
    if (!target) {
      return refuse(
        failClosedMessage(
          key,
          `the target status (id ${transition.to.id}) is not one of the LCOO stages this app set up. A Jira administrator should run setup on the LCOO admin page, or remove the LCOO stage gate from this transition.`,
        ),
      );
    }
    const lifecycle = lifecycleOfStage(target);
    const typeName = issue.fields.issuetype?.name ?? '';
    const typeLifecycle = lifecycleOfIssueType(typeName);
    if (typeLifecycle !== lifecycle) {
      return refuse(
        failClosedMessage(
          key,
          `"${stageDef(target).statusName}" is a stage of the ${LIFECYCLES[lifecycle].name}, which only ${LIFECYCLES[lifecycle].issueTypeName} issues follow${typeName ? ` (this is a ${typeName})` : ''}.`,
        ),
      );
    }

    const statusId = issue.fields.status?.id;
    const from: Stage | undefined =
      (statusId ? statusStages[statusId] : undefined) ??
      stageByStatusName(issue.fields.status?.name ?? '') ??
      (transition.from ? statusStages[transition.from.id] : undefined);

    // A stored configuration that no longer parses leaves only the defaults, which may be
    // weaker than the settings the admin chose: no move forward until it is saved again.
    // Moves back stay allowed, as for any record.
    if (appConfig.source === 'invalid-stored') {
      const here = from && lifecycleOfStage(from) === lifecycle ? from : undefined;
      if (!here || stageIndex(target) > stageIndex(here)) {
        return refuse(
          failClosedMessage(
            key,
            'the stored LCOO configuration is not valid, so the gate cannot tell which settings apply. An LCOO admin must fix the configuration and save it again on the LCOO admin page; moves back to an earlier stage stay allowed meanwhile.',
          ),
        );
      }
    }

    const gate = overlayGateConfig(appConfig.config.gate, rule.config);
    if (!gate.ok) {
      return refuse(
        failClosedMessage(key, `the LCOO gate settings are not valid (${gate.error}). An LCOO admin must fix them on the admin page.`),
      );
    }

    // The one move the workflow offers only under a setting: Blueprint Accepted -> Coding In Progress.
    const forward = from !== undefined && lifecycleOfStage(from) === lifecycle && stageIndex(target) > stageIndex(from);
    if (forward && from && !isTransitionAllowed(from, target, gate.config)) {
      const next = nextStage(from, gate.config);
      const why =
        from === 'blueprint-accepted' && target === 'coding-in-progress'
          ? `the specification step is on, so an Upstream Deliverable goes from "${stageDef(from).statusName}" to "${stageDef('spec-in-progress').statusName}" first.`
          : `the LCOO process moves forward one stage at a time; from "${stageDef(from).statusName}" the next stage is "${next ? stageDef(next).statusName : 'none'}".`;
      return refuse(failClosedMessage(key, why));
    }

    const props = issue.properties ?? {};
    const [vetting, delivery] = await Promise.all([
      readChecked<Vetting>(VETTING_RECORD, issue.id, props[VETTING_PROPERTY], secret),
      readChecked<Delivery>(DELIVERY_RECORD, issue.id, props[DELIVERY_PROPERTY], secret),
    ]);
    const own = lifecycle === 'portfolio' ? vetting : delivery;
    const fromHere = from && lifecycleOfStage(from) === lifecycle ? from : undefined;
    const extraMissing: MissingRequirement[] = [];
    let checklist: Vetting | undefined = vetting.state === 'present' ? vetting.data : undefined;
    if (lifecycle === 'delivery') {
      // A deliverable has no checklist of its own: checklist items an admin requires at a
      // delivery stage are read from its Roadmap Item, which costs a second REST call. Only
      // then; with the default settings the gate stays at one call.
      const needsChecklist = gatesOnTheWay(lifecycle, fromHere, target, gate.config).some(
        (s) => requiredChecklistFor(s, gate.config).length > 0,
      );
      const itemKey = delivery.state === 'present' && delivery.integrity === 'valid' ? delivery.data.roadmapItemKey : undefined;
      checklist = undefined;
      if (needsChecklist && itemKey) {
        const linked = await readRoadmapItemChecklist(client, itemKey, secret);
        checklist = linked.vetting;
        if (linked.problem) extraMissing.push({ requirement: 'roadmap-item:record', message: linked.problem });
      }
    }
    const subject: GateSubject = {
      lifecycle,
      integrity: own.integrity,
      ...(fromHere ? { from: fromHere } : {}),
      ...(checklist ? { vetting: checklist } : {}),
      ...(delivery.state === 'present' ? { delivery: delivery.data } : {}),
    };
    const outcome = evaluateGate(target, subject, gate.config, (deps.now ?? (() => new Date()))());
    const missing = [...extraMissing, ...outcome.missing];
    if (missing.length === 0) return { result: true };
    return refuse(blockedMessage(key, stageDef(target).statusName, missing));
  } catch (err) {
    if (err instanceof JiraError) {
      const why = err.status === 404 ? `Jira could not find ${key} for the app.` : `${appErrorFromJira(err, `read ${key}`).message}`;
      return refuse(failClosedMessage(key, `${why} The move stays blocked until the gate can be checked; try again.`));
    }
    console.error('[lcoo] stage gate failed unexpectedly:', err);
    return refuse(
      failClosedMessage(
        key,
        'the gate could not be checked because of an unexpected error (details are in the app log). Try again; if it persists, tell your Jira administrator.',
      ),
    );
  }
}

/** The manifest handler: Forge passes (event, context). */
export const stageGateValidator = (event: unknown): Promise<ValidatorResult> => evaluateTransition(event);
