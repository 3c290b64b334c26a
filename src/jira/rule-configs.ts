// The gate settings Jira's stage gate will actually run with, move by move. The validator
// overlays the admin's gate settings (KVS) with the configuration saved on the workflow rule
// of the transition; the panel's readiness and the gadget's blockers must use the same
// settings, or a committee member sees "ready" where Jira refuses (or the reverse). So this
// reads the LCOO workflows as the app (ONE REST call), parses each rule with the validator's
// own parser and overlays with the validator's own overlay function.
//
// Display only: the validator never calls this (Jira hands it the rule's configuration). If
// the workflows can't be read, the admin's settings are used and the answer says so.
import { overlayGateConfig, parseRuleConfig, type GateSettingsSource, type RuleConfig } from '../contract/validator-config';
import type { GateConfig } from '../domain/gates';
import { LIFECYCLES, stageByStatusName, stageDef, type Stage } from '../domain/lifecycle';
import { nextStageUnderGates, type MoveGate } from '../domain/portfolio';
import { asApp, type JiraClient } from './client';
import { FORGE_VALIDATOR_RULE_KEY } from './lcoo-workflows';
import { stageGateAri } from './stage-gate-ari';
import { loadStatusStageMap, type StatusStageMap } from '../storage/status-stages';
import { readWorkflowsByName, type WorkflowRead } from './workflows';

/** A rule's stored configuration as the validator parses it: a value, or why it fails closed. */
export type ParsedRule = { ok: true; config: RuleConfig } | { ok: false; error: string };

/** One transition that carries this app's stage gate. */
export interface GatedMove {
  to: Stage;
  /** The stages it links from; 'any' for a global transition (or one without links). */
  from: readonly Stage[] | 'any';
  rule: ParsedRule;
}

export interface GateRules {
  source: GateSettingsSource;
  /** Why the workflow rules are not used, in words for the person (only with 'admin-settings'). */
  note?: string;
  moves: GatedMove[];
}

export const LCOO_WORKFLOW_NAMES: readonly string[] = [LIFECYCLES.portfolio.workflowName, LIFECYCLES.delivery.workflowName];

/**
 * The gated moves of the read workflows. A status reference is resolved to a stage the way
 * the validator does (the status-stage map setup recorded), with the status name as the
 * fallback for a status setup did not record. When a transition carries the gate twice,
 * the first rule is taken: setup never does that, and the editor shows it as a duplicate.
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

/**
 * The settings of the move `from` -> `target`, as the stage gate on it computes them: the
 * admin's settings overlaid by the rule's (overlayGateConfig, the validator's function). A
 * move without the gate is held to the admin's settings: the LCOO process still asks for
 * them, even if nothing in Jira enforces it.
 */
export function gateInto(rules: GateRules, admin: GateConfig, target: Stage, from?: Stage): MoveGate {
  const into = rules.moves.filter((m) => m.to === target);
  const move = into.find((m) => m.from === 'any' || (from !== undefined && m.from.includes(from))) ?? into[0];
  if (!move) return { ok: true, config: admin };
  const name = stageDef(target).statusName;
  if (!move.rule.ok) {
    return {
      ok: false,
      missing: {
        requirement: 'config',
        message: `The LCOO stage gate on the move to "${name}" has a configuration that is not valid (${move.rule.error}), so Jira refuses that move until a Jira administrator edits the rule in the workflow editor.`,
      },
    };
  }
  const merged = overlayGateConfig(admin, move.rule.config);
  if (!merged.ok) {
    return {
      ok: false,
      missing: {
        requirement: 'config',
        message: `The LCOO gate settings for the move to "${name}" are not valid (${merged.error}); an LCOO admin must fix them on the admin page.`,
      },
    };
  }
  return { ok: true, config: merged.config };
}

/** The stage after `stage` under the rules (the rule on the skip's move decides whether it is open). */
export const nextStageUnder = (rules: GateRules, admin: GateConfig, stage: Stage): Stage | undefined =>
  nextStageUnderGates(stage, admin, (target, from) => gateInto(rules, admin, target, from));

/** The admin's settings alone, with the reason: what a load shows when the rules can't be read. */
export const adminOnly = (note: string): GateRules => ({ source: 'admin-settings', note, moves: [] });

/**
 * Reads the gate rules of both LCOO workflows: one REST call as the app (people can't read
 * workflows), plus the status-stage map from KVS. Never throws: for display, the admin's
 * settings with a note beat a broken panel or gadget.
 */
export async function readGateRules(client: JiraClient = asApp()): Promise<GateRules> {
  try {
    const [read, statusStages] = await Promise.all([readWorkflowsByName(client, [...LCOO_WORKFLOW_NAMES]), loadStatusStageMap()]);
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
