// The app's configuration (FSTs, member companies, who may approve what, gate settings),
// kept in Forge KVS and zod-checked on every read and write.
import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { APPROVAL_ROLES, type ApprovalRole } from '../domain/approvals';
import { GateConfigSchema, defaultGateConfig } from '../domain/gates';

const CONFIG_KEY = 'lcoo:config';

const SlugSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, { error: 'Use lower-case letters, digits and dashes (at most 40), e.g. "networking".' });

export const FstSchema = z.object({
  id: SlugSchema,
  name: z.string().trim().min(1, { error: 'An FST needs a name.' }).max(100),
  description: z.string().trim().max(300).optional(),
});
export type Fst = z.infer<typeof FstSchema>;

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

export type ConfigSource = 'stored' | 'default' | 'invalid-stored';

const NO_APPROVERS = Object.fromEntries(APPROVAL_ROLES.map((r) => [r, []])) as unknown as RoleGroups;

/**
 * Reads the configuration. A stored value that no longer parses falls back to the defaults,
 * and says so, except for who may approve: the default groups are not the ones the admin
 * chose, so no group may record approvals until an administrator saves the configuration.
 */
export async function loadAppConfig(): Promise<{ config: AppConfig; source: ConfigSource; problem?: string }> {
  const raw = await kvs.get<unknown>(CONFIG_KEY);
  if (raw === undefined || raw === null) return { config: DEFAULT_APP_CONFIG, source: 'default' };
  const parsed = AppConfigSchema.safeParse(raw);
  if (parsed.success) return { config: parsed.data, source: 'stored' };
  return {
    config: { ...DEFAULT_APP_CONFIG, roleGroups: NO_APPROVERS },
    source: 'invalid-stored',
    problem: `The stored LCOO configuration is not valid (${parsed.error.issues[0]?.message ?? 'unknown problem'}); the defaults apply and no one may record approvals until an administrator saves it again.`,
  };
}

export async function saveAppConfig(config: AppConfig): Promise<AppConfig> {
  const valid = AppConfigSchema.parse(config);
  await kvs.set(CONFIG_KEY, valid);
  return valid;
}

/** Records the defaults once (install trigger); never overwrites what an admin saved. */
export async function ensureDefaultConfig(): Promise<boolean> {
  const raw = await kvs.get<unknown>(CONFIG_KEY);
  if (raw !== undefined && raw !== null) return false;
  await kvs.set(CONFIG_KEY, DEFAULT_APP_CONFIG);
  return true;
}
