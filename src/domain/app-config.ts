import { z } from 'zod';
import { APPROVAL_ROLES, type ApprovalRole } from './approvals';
import { GateConfigSchema, defaultGateConfig } from './gates';

/**
 * The LCOO admin's settings for the process: the Functional Specialty Teams, the member
 * companies, which Jira groups may give each approval, and the gate settings. Stored by the
 * app (src/storage/app-config.ts), edited on the admin page, parsed with this schema on every
 * read and write.
 */

const SlugSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, { error: 'Use lower-case letters, digits and dashes (at most 40), e.g. "networking".' });

export const FstSchema = z.object({
  id: SlugSchema,
  name: z.string().trim().min(1, { error: 'An FST needs a name.' }).max(100),
  description: z.string().trim().max(300).optional(),
});

export const CompanySchema = z.object({
  id: SlugSchema,
  name: z.string().trim().min(1, { error: 'A member company needs a name.' }).max(100),
});
export type Company = z.infer<typeof CompanySchema>;

const GroupNameSchema = z.string().trim().min(1).max(255);

export const RoleGroupsSchema = z.object(
  Object.fromEntries(APPROVAL_ROLES.map((r) => [r, z.array(GroupNameSchema).max(20)])) as Record<
    ApprovalRole,
    z.ZodArray<typeof GroupNameSchema>
  >,
);
export type RoleGroups = z.infer<typeof RoleGroupsSchema>;

const uniqueIds = <T extends { id: string }>(items: T[]) => new Set(items.map((i) => i.id)).size === items.length;

export const AppConfigSchema = z.object({
  version: z.literal(1),
  fsts: z.array(FstSchema).min(1, { error: 'Keep at least one FST.' }).max(30).refine(uniqueIds, { error: 'Two FSTs have the same id.' }),
  companies: z
    .array(CompanySchema)
    .min(1, { error: 'Keep at least one member company.' })
    .max(60)
    .refine(uniqueIds, { error: 'Two member companies have the same id.' }),
  roleGroups: RoleGroupsSchema,
  gate: GateConfigSchema,
});
export type AppConfig = z.infer<typeof AppConfigSchema>;

/** The source's FSTs and the member companies the minutes name; groups as the sandbox seeds them. */
export const DEFAULT_APP_CONFIG: AppConfig = {
  version: 1,
  fsts: [
    { id: 'operations-lma', name: 'Operations / LMA', description: 'Logging, monitoring, alerting' },
    { id: 'networking', name: 'Networking' },
    { id: 'containers', name: 'Containers' },
    { id: 'test-automation', name: 'Test Automation / CICD' },
    { id: 'resource-management', name: 'Resource Management' },
    { id: 'security', name: 'Security' },
    { id: 'other', name: 'Other' },
  ],
  companies: [
    { id: 'att', name: 'AT&T' },
    { id: 'comcast', name: 'Comcast' },
    { id: 'ntt', name: 'NTT' },
    { id: 'orange', name: 'Orange' },
    { id: 'reliance-jio', name: 'Reliance Jio' },
    { id: 'intel', name: 'Intel' },
  ],
  roleGroups: {
    'fst-prioritization': ['lcoo-fst-leads'],
    'lrc-prioritization': ['lcoo-roadmap-committee'],
    'stakeholder-acceptance': ['lcoo-coordinators', 'lcoo-roadmap-committee'],
    'core-approval': ['lcoo-cores'],
    'pod-acceptance': ['lcoo-pod'],
  },
  gate: defaultGateConfig,
};

/**
 * Where a loaded configuration came from. 'invalid-stored': a stored value that no longer
 * parses; the defaults stand in for display, but no gate lets an item forward on them (they
 * may be weaker than what the admin chose) and no group may record approvals.
 */
export type ConfigSource = 'stored' | 'default' | 'invalid-stored';
