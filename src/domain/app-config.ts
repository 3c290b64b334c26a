import { z } from 'zod';
import { GROUP_APPROVAL_ROLES, type ApprovalRole, type GroupApprovalRole } from './approvals';
import { GateConfigSchema, defaultGateConfig } from './gates';

/**
 * The LCOO admin's settings for the process: the Functional Specialty Teams with the Jira
 * group(s) of their elected lead(s), the member companies with the group(s) of their Roadmap
 * Coordinator and reps, which Jira groups may give the other approvals, and the gate settings.
 * Stored by the app (src/storage/app-config.ts), edited on the admin page, parsed with this
 * schema on every read and write.
 *
 * Records name FSTs and companies by id (a rename must not orphan them). A rename keeps the old
 * name in `formerNames`, so a record saved before ids, which holds a name, still finds its FST
 * or company (directory.ts).
 */

const SlugSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, { error: 'Use lower-case letters, digits and dashes (at most 40), e.g. "networking".' });

const GroupNameSchema = z.string().trim().min(1).max(255);
const GroupListSchema = z.array(GroupNameSchema).max(20, { error: 'At most 20 groups.' });
const FormerNamesSchema = z.array(z.string().trim().min(1).max(100)).max(20).default([]);

export const FstSchema = z.object({
  id: SlugSchema,
  name: z.string().trim().min(1, { error: 'An FST needs a name.' }).max(100),
  description: z.string().trim().max(300).optional(),
  /** The Jira group(s) of the FST's elected lead(s): only they prioritize the FST's items. */
  leadGroups: GroupListSchema.default([]),
  formerNames: FormerNamesSchema,
});
export type Fst = z.infer<typeof FstSchema>;

export const CompanySchema = z.object({
  id: SlugSchema,
  name: z.string().trim().min(1, { error: 'A member company needs a name.' }).max(100),
  /** The Jira group(s) of the company's Roadmap Coordinator and reps: only they record its interest and committed people. */
  groups: GroupListSchema.default([]),
  formerNames: FormerNamesSchema,
});
export type Company = z.infer<typeof CompanySchema>;

export const RoleGroupsSchema = z.object(
  Object.fromEntries(GROUP_APPROVAL_ROLES.map((r) => [r, GroupListSchema])) as Record<GroupApprovalRole, typeof GroupListSchema>,
);
export type RoleGroups = z.infer<typeof RoleGroupsSchema>;

const uniqueIds = <T extends { id: string }>(items: T[]) => new Set(items.map((i) => i.id)).size === items.length;

export const AppConfigSchema = z.object({
  version: z.literal(2, { error: 'This is not a version 2 LCOO configuration.' }),
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
/** What config/save accepts (group lists and former names may be left out). */
export type AppConfigInput = z.input<typeof AppConfigSchema>;

/** The source's FSTs and the member companies the minutes name; groups as the sandbox seeds them. */
export const DEFAULT_APP_CONFIG: AppConfig = {
  version: 2,
  fsts: [
    { id: 'operations-lma', name: 'Operations / LMA', description: 'Logging, monitoring, alerting' },
    { id: 'networking', name: 'Networking' },
    { id: 'containers', name: 'Containers' },
    { id: 'test-automation', name: 'Test Automation / CICD' },
    { id: 'resource-management', name: 'Resource Management' },
    { id: 'security', name: 'Security' },
    { id: 'other', name: 'Other' },
  ].map((f) => ({ ...f, leadGroups: [`lcoo-fst-${f.id}`], formerNames: [] })),
  companies: [
    { id: 'att', name: 'AT&T' },
    { id: 'comcast', name: 'Comcast' },
    { id: 'ntt', name: 'NTT' },
    { id: 'orange', name: 'Orange' },
    { id: 'reliance-jio', name: 'Reliance Jio' },
    { id: 'intel', name: 'Intel' },
  ].map((c) => ({ ...c, groups: [`lcoo-company-${c.id}`], formerNames: [] })),
  roleGroups: {
    'lrc-prioritization': ['lcoo-roadmap-committee'],
    'stakeholder-acceptance': ['lcoo-coordinators', 'lcoo-roadmap-committee'],
    'core-approval': ['lcoo-cores'],
    'pod-acceptance': ['lcoo-pod'],
    'lrc-tracking': ['lcoo-roadmap-committee'],
  },
  gate: defaultGateConfig,
};

/**
 * Where a loaded configuration came from. 'invalid-stored': a stored value that no longer
 * parses; the defaults stand in for display, but no gate lets an item forward on them (they
 * may be weaker than what the admin chose) and no group may record approvals.
 */
export type ConfigSource = 'stored' | 'default' | 'invalid-stored';

// ---------------------------------------------------------------- version 1 and its upgrade

/** Version 1: one flat group list for every FST's prioritization, no company groups, no tracking role. */
const AppConfigV1Schema = z.object({
  version: z.literal(1),
  fsts: z.array(z.object({ id: SlugSchema, name: z.string().trim().min(1).max(100), description: z.string().trim().max(300).optional() })),
  companies: z.array(z.object({ id: SlugSchema, name: z.string().trim().min(1).max(100) })),
  roleGroups: z.record(z.string(), GroupListSchema),
  gate: GateConfigSchema,
});

export const V1_UPGRADE_NOTE =
  "The LCOO configuration was saved by an earlier version of the app, which had one group for every FST's prioritization and none per member company. Until an LCOO admin names the lead groups of each FST and the groups of each member company on the LCOO admin page and saves, no one may record an FST prioritization or a company's interest and committed people.";

export type StoredConfigRead = { ok: true; config: AppConfig; note?: string } | { ok: false; error: string };

/**
 * Reads a stored configuration of any version. Version 1 becomes version 2 failing closed: its
 * one FST-leads group let any FST's lead prioritize any FST's items, which is exactly what
 * version 2 stops, so no FST or company gets groups the admin did not name; the Roadmap
 * Committee's tracking starts with the committee's prioritization groups.
 */
export function readStoredConfig(raw: unknown): StoredConfigRead {
  const v2 = AppConfigSchema.safeParse(raw);
  if (v2.success) return { ok: true, config: v2.data };
  const v1 = AppConfigV1Schema.safeParse(raw);
  if (!v1.success) return { ok: false, error: v2.error.issues[0]?.message ?? 'unknown problem' };
  const old = v1.data.roleGroups;
  const groups = (role: ApprovalRole) => old[role] ?? [];
  const upgraded = AppConfigSchema.safeParse({
    version: 2,
    fsts: v1.data.fsts.map((f) => ({ ...f, leadGroups: [] })),
    companies: v1.data.companies.map((c) => ({ ...c, groups: [] })),
    roleGroups: {
      'lrc-prioritization': groups('lrc-prioritization'),
      'stakeholder-acceptance': groups('stakeholder-acceptance'),
      'core-approval': groups('core-approval'),
      'pod-acceptance': groups('pod-acceptance'),
      'lrc-tracking': old['lrc-tracking'] ?? groups('lrc-prioritization'),
    },
    gate: v1.data.gate,
  });
  return upgraded.success
    ? { ok: true, config: upgraded.data, note: V1_UPGRADE_NOTE }
    : { ok: false, error: upgraded.error.issues[0]?.message ?? 'unknown problem' };
}

/**
 * A saved configuration keeps every name an FST or company had: `next` with each renamed
 * entry's previous name added to its former names (an admin rename never orphans a record
 * that still holds the old name).
 */
export function keepFormerNames(previous: AppConfig | undefined, next: AppConfig): AppConfig {
  if (!previous) return next;
  const remember = <T extends { id: string; name: string; formerNames: string[] }>(before: readonly T[], after: readonly T[]): T[] =>
    after.map((entry) => {
      const old = before.find((b) => b.id === entry.id);
      const names = new Set([...(old?.formerNames ?? []), ...entry.formerNames]);
      if (old && old.name !== entry.name) names.add(old.name);
      names.delete(entry.name);
      return { ...entry, formerNames: [...names].slice(-20) };
    });
  return { ...next, fsts: remember(previous.fsts, next.fsts), companies: remember(previous.companies, next.companies) };
}
