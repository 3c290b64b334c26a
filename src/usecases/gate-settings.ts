// The settings the stage gate runs with on each move: the admin's gate settings (KVS),
// overlaid by the configuration saved on the workflow rule of that move, under one policy
// for a stored configuration that does not parse. The validator gets the rule from Jira with
// the event; the panel and the gadget read the LCOO workflows' rules once (one REST call, as
// the app) and look each move up here, so all three decide with the same settings.
import type { GateSettingsSource } from '../contract/validator-config';
import type { ConfigSource } from '../domain/app-config';
import { overlayGateConfig, parseRuleConfig, type GateConfig, type MissingRequirement, type ParsedRule } from '../domain/gates';
import { LIFECYCLES, nextStage, stageByStatusName, stageDef, type Stage } from '../domain/lifecycle';
import { asApp, type JiraClient } from '../jira/client';
import { FORGE_VALIDATOR_RULE_KEY } from '../jira/lcoo-workflows';
import { readWorkflowsByName, type WorkflowRead } from '../jira/workflows';
import type { LoadedConfig } from '../storage/app-config';
import type { StatusStageMap } from '../storage/status-stages';
import { stageGateAri } from './stage-gate-ari';

/** The settings of one move, or the one reason the gate refuses that move whatever the record holds. */
export type MoveSettings = { ok: true; config: GateConfig } | { ok: false; failClosed: MissingRequirement };

/** The admin's side of every move's settings: the loaded configuration and where it came from. */
export interface AdminSettings {
  config: GateConfig;
  source: ConfigSource;
}

export const adminSettingsOf = (loaded: LoadedConfig): AdminSettings => ({ config: loaded.config.gate, source: loaded.source });

export const UNREADABLE_CONFIGURATION =
  'The stored LCOO configuration is not valid, so the gate cannot tell which settings apply. An LCOO admin must fix the configuration and save it again on the LCOO admin page; moves back to an earlier stage stay allowed meanwhile.';

/**
 * The settings of the move into `target`: the admin's, overlaid by the move's rule when it
 * has one (`rule` undefined: no LCOO rule on the move, so the admin's settings hold). A
 * stored configuration that does not parse leaves only the defaults, which may be weaker
 * than what the admin chose: no move forward until it is saved again.
 */
export function settingsForMove(admin: AdminSettings, rule: ParsedRule | undefined, target: Stage): MoveSettings {
  if (admin.source === 'invalid-stored') return { ok: false, failClosed: { requirement: 'config', message: UNREADABLE_CONFIGURATION } };
  if (rule && !rule.ok) {
    return {
      ok: false,
      failClosed: {
        requirement: 'config',
        message: `The LCOO stage gate on the move to "${stageDef(target).statusName}" has a configuration that is not valid (${rule.error}). A Jira administrator must edit the rule in the workflow editor.`,
      },
    };
  }
  return { ok: true, config: rule ? overlayGateConfig(admin.config, rule.config) : admin.config };
}

/**
 * The stage after `stage` under each move's settings. Only the skip (Blueprint Accepted ->
 * Coding In Progress) depends on a setting, and the gate on the move into Coding In Progress
 * allows or refuses it, so its settings decide.
 */
export function nextStageFor(stage: Stage, settingsFor: (target: Stage, from: Stage) => MoveSettings): Stage | undefined {
  const skip = nextStage(stage, { specificationStep: false });
  const settings = skip ? settingsFor(skip, stage) : undefined;
  return nextStage(stage, settings?.ok ? settings.config : { specificationStep: true });
}

// ---------------------------------------------------------------- the workflows' rules

/** One transition that carries this app's stage gate. */
export interface GatedMove {
  to: Stage;
  /** The stages it links from; 'any' for a global transition (or one without links). */
  from: readonly Stage[] | 'any';
  rule: ParsedRule;
}

/** The LCOO stage-gate rules of the workflows, as read for the panel and the gadget. */
export interface GateRules {
  source: GateSettingsSource;
  /** Why the workflow rules are not used, in words for the person (only with 'admin-settings'). */
  note?: string;
  moves: GatedMove[];
}

export const LCOO_WORKFLOW_NAMES: readonly string[] = [LIFECYCLES.portfolio.workflowName, LIFECYCLES.delivery.workflowName];

/**
 * The gated moves of the read workflows. A status reference is resolved to a stage the way
 * every entry point resolves a status (the status-stage map setup recorded, then the name).
 * When a transition carries the gate twice, the first rule is taken.
 */
export function gatedMovesOf(read: WorkflowRead, ari: string, statusStages: StatusStageMap): GatedMove[] {
  const byRef = new Map(read.statuses.filter((s) => s.statusReference).map((s) => [s.statusReference!, s]));
  const stageOf = (ref: string | undefined): Stage | undefined => {
    if (ref === undefined) return undefined;
    const status = byRef.get(ref);
    return statusStages[status?.id ?? ref] ?? stageByStatusName(status?.name ?? '');
  };
  const moves: GatedMove[] = [];
  for (const wf of read.workflows) {
    if (!LCOO_WORKFLOW_NAMES.includes(wf.name)) continue;
    for (const t of wf.transitions) {
      const to = stageOf(t.toStatusReference);
      const rule = t.validators.find((v) => v.ruleKey === FORGE_VALIDATOR_RULE_KEY && v.parameters?.['key'] === ari);
      if (!to || !rule) continue;
      const froms = t.links.map((l) => stageOf(l.fromStatusReference)).filter((s): s is Stage => s !== undefined);
      moves.push({
        to,
        from: t.type === 'GLOBAL' || t.links.length === 0 ? 'any' : froms,
        rule: parseRuleConfig(rule.parameters?.['config']),
      });
    }
  }
  return moves;
}

/** The rule on the move `from` -> `target`, or undefined when that move carries no LCOO gate. */
export function ruleForMove(rules: GateRules, target: Stage, from: Stage | undefined): ParsedRule | undefined {
  const into = rules.moves.filter((m) => m.to === target);
  return (into.find((m) => m.from === 'any' || (from !== undefined && m.from.includes(from))) ?? into[0])?.rule;
}

/** The admin's settings alone, with the reason: what a load shows when the rules can't be read. */
export const adminOnly = (note: string): GateRules => ({ source: 'admin-settings', note, moves: [] });

/**
 * Reads the gate rules of both LCOO workflows: one REST call as the app (people can't read
 * workflows). Never throws: for display, the admin's settings with a note beat a broken
 * panel or gadget.
 */
export async function readGateRules(statusStages: StatusStageMap, client: JiraClient = asApp()): Promise<GateRules> {
  try {
    const read = await readWorkflowsByName(client, [...LCOO_WORKFLOW_NAMES]);
    if (!read.workflows.some((w) => LCOO_WORKFLOW_NAMES.includes(w.name))) {
      return adminOnly(
        "The LCOO workflows were not found in Jira (setup has not run on the admin page?), so this shows the LCOO admin's gate settings.",
      );
    }
    return { source: 'workflow-rules', moves: gatedMovesOf(read, stageGateAri(), statusStages) };
  } catch (err) {
    console.warn('[lcoo] reading the workflow rules failed; showing the admin gate settings:', err);
    return adminOnly(
      "Jira's workflow rules could not be read just now, so this shows the LCOO admin's gate settings; a rule on a transition may ask for something different. Reload to try again.",
    );
  }
}

/** Every move's settings from the read rules, each move computed once (the gadget asks per item). */
export function movesFromRules(admin: AdminSettings, rules: GateRules): (target: Stage, from: Stage | undefined) => MoveSettings {
  const cache = new Map<string, MoveSettings>();
  return (target, from) => {
    const key = `${from ?? ''}>${target}`;
    let settings = cache.get(key);
    if (!settings) {
      settings = settingsForMove(admin, ruleForMove(rules, target, from), target);
      cache.set(key, settings);
    }
    return settings;
  };
}
