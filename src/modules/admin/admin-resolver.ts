// Resolver of the admin page (lcoo-admin): set up the Jira objects for a project, and edit
// the app configuration. Every key is for Jira administrators only, checked as the app from
// the caller's account id (a person can't vouch for themselves).
import { type ConfigView, type ConfigVocabulary, type FieldErrors, type GroupsCheckResult, type SetupResult } from '../../contract/admin';
import { AppError } from '../../contract/envelope';
import { ADMIN_WIRE, type AdminWire } from '../../contract/wire';
import type { AppConfig } from '../../domain/app-config';
import { APPROVAL_ROLES, APPROVAL_ROLE_LABELS, GROUP_APPROVAL_ROLES } from '../../domain/approvals';
import { GATE_CONFIG_BOUNDS } from '../../domain/gates';
import { LIFECYCLES } from '../../domain/lifecycle';
import { CHECKLIST_ITEMS } from '../../domain/vetting';
import { asApp } from '../../jira/client';
import { checkGroupsExist } from '../../jira/jira-admin';
import { planSetup, runSetup, setupStatus } from '../../usecases/setup/run';
import { loadAppConfig, saveAppConfig } from '../../storage/app-config';
import { stageGateAri } from '../../usecases/stage-gate-ari';
import { defineResolver, type Handlers } from '../shared/define-resolver';
import { calendarGet, calendarSave } from './release-calendar';
import { requireAdmin } from './require-admin';
import { indexHandlers } from './index-handlers';
import { searchAliases } from './search-aliases';

const VOCABULARY: ConfigVocabulary = {
  approvalRoles: APPROVAL_ROLES.map((id) => ({ id, label: APPROVAL_ROLE_LABELS[id] })),
  groupRoles: GROUP_APPROVAL_ROLES.map((id) => ({ id, label: APPROVAL_ROLE_LABELS[id] })),
  gatedStages: Object.values(LIFECYCLES).flatMap((lc) => lc.stages.slice(1).map((s) => ({ id: s.id, statusName: s.statusName }))),
  checklistItems: CHECKLIST_ITEMS.map((i) => ({ id: i.id, number: i.number, label: i.label })),
  bounds: { coreApprovalsRequired: { ...GATE_CONFIG_BOUNDS.coreApprovalsRequired } },
};

type AdminHandlers = Handlers<AdminWire>;

export const configGet: AdminHandlers['config/get'] = {
  doing: 'load the LCOO configuration',
  async run(_input, ctx): Promise<ConfigView> {
    await requireAdmin(ctx, 'see the LCOO configuration');
    const loaded = await loadAppConfig();
    return { config: loaded.config, source: loaded.source, ...(loaded.problem ? { problem: loaded.problem } : {}), vocabulary: VOCABULARY };
  },
};

/** Every group the configuration names, with the field it is named in (for an error beside that field). */
function namedGroups(config: AppConfig): { path: string; groups: string[] }[] {
  return [
    ...config.fsts.map((f, i) => ({ path: `fsts.${i}.leadGroups`, groups: f.leadGroups })),
    ...config.companies.map((c, i) => ({ path: `companies.${i}.groups`, groups: c.groups })),
    ...GROUP_APPROVAL_ROLES.map((r) => ({ path: `roleGroups.${r}`, groups: config.roleGroups[r] })),
  ];
}

/**
 * A refused payload is answered by the wire (BAD_REQUEST with details.fieldErrors by path); this
 * checks what zod can't: that each group exists (each FST's leads, each company's coordinator and
 * reps, each approval's). A rename keeps the old name findable (storage saveAppConfig).
 */
export const configSave: AdminHandlers['config/save'] = {
  doing: 'save the LCOO configuration',
  async run(config: AppConfig, ctx): Promise<ConfigView> {
    await requireAdmin(ctx, 'change the LCOO configuration');
    const named = namedGroups(config);
    const { missing } = await checkGroupsExist(
      asApp(),
      named.flatMap((n) => n.groups),
    );
    if (missing.length > 0) {
      const fieldErrors: FieldErrors = {};
      for (const { path, groups } of named) {
        const bad = groups.filter((g) => missing.includes(g));
        if (bad.length > 0)
          fieldErrors[path] = `No Jira group is named ${bad.map((b) => `"${b}"`).join(', ')}. Create it in Jira or pick an existing group.`;
      }
      throw new AppError(
        'BAD_REQUEST',
        `The configuration was not saved: ${missing.length === 1 ? '1 group does' : `${missing.length} groups do`} not exist in Jira.`,
        {
          fieldErrors,
        },
      );
    }
    const saved = await saveAppConfig(config);
    return { config: saved, source: 'stored', vocabulary: VOCABULARY };
  },
};

export const groupsCheck: AdminHandlers['groups/check'] = {
  doing: 'check the Jira groups',
  async run(input, ctx): Promise<GroupsCheckResult> {
    await requireAdmin(ctx, 'check Jira groups');
    return checkGroupsExist(asApp(), input.names);
  },
};

export const setupPlan: AdminHandlers['setup/plan'] = {
  doing: 'plan the LCOO setup',
  async run(input, ctx): Promise<SetupResult> {
    await requireAdmin(ctx, 'set up the LCOO issue types and workflows');
    return planSetup({ client: asApp(), projectKey: input.projectKey, ari: stageGateAri() });
  },
};

export const setupRun: AdminHandlers['setup/run'] = {
  doing: 'run the LCOO setup',
  async run(input, ctx): Promise<SetupResult> {
    await requireAdmin(ctx, 'set up the LCOO issue types and workflows');
    return runSetup({ client: asApp(), projectKey: input.projectKey, ari: stageGateAri(), startedBy: ctx.accountId });
  },
};

export const setupStatusHandler: AdminHandlers['setup/status'] = {
  doing: 'load the setup progress',
  async run(input, ctx): Promise<SetupResult> {
    await requireAdmin(ctx, 'see the LCOO setup');
    return setupStatus(input.projectKey);
  },
};

export const adminResolver = defineResolver(ADMIN_WIRE, {
  'config/get': configGet,
  'config/save': configSave,
  'groups/check': groupsCheck,
  'setup/plan': setupPlan,
  'setup/run': setupRun,
  'setup/status': setupStatusHandler,
  'calendar/get': calendarGet,
  'calendar/save': calendarSave,
  'search/aliases': searchAliases,
  ...indexHandlers(requireAdmin),
});
