// Payloads of the admin page (admin-resolver): setup of the Jira objects, the app
// configuration, and the group check. The page imports these types, never its own copies.
import { z } from 'zod';
import type { AppConfig, ConfigSource } from '../domain/app-config';
import type { ApprovalRole, GroupApprovalRole } from '../domain/approvals';
import type { Stage } from '../domain/lifecycle';
import type { ChecklistItemId } from '../domain/vetting';
import { ProjectKeySchema } from './project-key';

export const SetupRequestSchema = z.object({ projectKey: ProjectKeySchema });

export const SETUP_STEP_IDS = [
  'project',
  'issue-types',
  'statuses',
  'workflow-portfolio',
  'workflow-delivery',
  'workflow-scheme',
  'issue-type-scheme',
  'project-workflow-scheme',
  'issue-link-type',
] as const;
export type SetupStepId = (typeof SETUP_STEP_IDS)[number];

export type SetupStepState = 'done' | 'todo' | 'failed';

export interface SetupStep {
  id: SetupStepId;
  label: string;
  state: SetupStepState;
  /** What exists, what will be or was created, or why it failed (a sentence to act on). */
  detail?: string;
}

export interface SetupResult {
  projectKey: string;
  steps: SetupStep[];
  /** Jira objects this call created (empty on a second run). */
  created: string[];
  /** When the last run finished, if there was one. */
  lastRunAt?: string;
  /** True while a run is under way (setup/status, polled by the page). */
  running?: boolean;
}

export const ConfigGetInputSchema = z.object({}).loose();

/** Names the page shows, sent by the server so the browser carries no copy of the domain (nor zod). */
export interface ConfigVocabulary {
  /** Every approval (the stale-approval setting lists them all). */
  approvalRoles: { id: ApprovalRole; label: string }[];
  /** The approvals Jira groups give ("Who may approve"); the FST prioritization is each FST's lead groups'. */
  groupRoles: { id: GroupApprovalRole; label: string }[];
  /** Every stage but the first of each lifecycle: the ones with a gate. */
  gatedStages: { id: Stage; statusName: string }[];
  checklistItems: { id: ChecklistItemId; number: number; label: string }[];
  bounds: { coreApprovalsRequired: { min: number; max: number } };
}

export interface ConfigView {
  config: AppConfig;
  source: ConfigSource;
  problem?: string;
  vocabulary: ConfigVocabulary;
}

export type { FieldErrors } from './envelope';

export const GroupsCheckInputSchema = z.object({
  names: z.array(z.string().trim().min(1).max(255)).max(100),
});
export interface GroupsCheckResult {
  found: string[];
  missing: string[];
}
