// Typed calls for the Jira objects the app provisions: issue types, statuses, workflows
// (the /workflows/* API; the deprecated /rest/api/3/workflow is never used), workflow
// schemes and issue type schemes. Only what setup (src/usecases/setup) needs, each answer zod-checked.
import { z } from 'zod';
import { route, type JiraClient } from './client';
import { runJiraTask } from './tasks';

// ---------------------------------------------------------------- projects

const ProjectSchema = z
  .object({
    id: z.string(),
    key: z.string(),
    name: z.string().optional(),
    simplified: z.boolean().optional(),
    style: z.string().optional(),
  })
  .loose();
export type JiraProject = z.infer<typeof ProjectSchema>;

export const getProject = (client: JiraClient, projectKey: string) =>
  client.request('GET', route`/rest/api/3/project/${projectKey}`, ProjectSchema);

/** Team-managed ("next-gen") projects have their own workflows; validators only work in company-managed ones. */
export const isCompanyManaged = (p: JiraProject): boolean => p.simplified !== true && p.style !== 'next-gen';

// ---------------------------------------------------------------- issue types

const IssueTypeSchema = z
  .object({ id: z.string(), name: z.string(), hierarchyLevel: z.number().optional(), scope: z.unknown().optional() })
  .loose();
export type JiraIssueType = z.infer<typeof IssueTypeSchema>;

export const listIssueTypes = (client: JiraClient) => client.request('GET', route`/rest/api/3/issuetype`, z.array(IssueTypeSchema));

export const createIssueType = (client: JiraClient, body: { name: string; description: string; hierarchyLevel: number }) =>
  client.request('POST', route`/rest/api/3/issuetype`, IssueTypeSchema, body);

// ---------------------------------------------------------------- statuses

export const StatusCategorySchema = z.enum(['TODO', 'IN_PROGRESS', 'DONE']);
const JiraStatusSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    statusCategory: StatusCategorySchema.optional(),
    scope: z
      .object({ type: z.string(), project: z.object({ id: z.string() }).loose().optional() })
      .loose()
      .optional(),
  })
  .loose();
export type JiraStatus = z.infer<typeof JiraStatusSchema>;

const StatusPageSchema = z
  .object({
    values: z.array(JiraStatusSchema).default([]),
    isLast: z.boolean().optional(),
    total: z.number().optional(),
    startAt: z.number().optional(),
  })
  .loose();

/** Every status of the site (global and project-scoped), page by page. */
export async function listStatuses(client: JiraClient): Promise<JiraStatus[]> {
  const out: JiraStatus[] = [];
  for (let startAt = 0; ;) {
    const page = await client.request(
      'GET',
      route`/rest/api/3/statuses/search?startAt=${String(startAt)}&maxResults=200`,
      StatusPageSchema,
    );
    out.push(...page.values);
    startAt += page.values.length;
    if (page.isLast !== false || page.values.length === 0 || (page.total !== undefined && startAt >= page.total)) break;
  }
  return out;
}

export const createStatuses = (
  client: JiraClient,
  statuses: { name: string; statusCategory: 'TODO' | 'IN_PROGRESS' | 'DONE'; description?: string }[],
) =>
  client.request('POST', route`/rest/api/3/statuses`, z.array(JiraStatusSchema), {
    scope: { type: 'GLOBAL' },
    statuses,
  });

// ---------------------------------------------------------------- workflows

export interface WorkflowRule {
  ruleKey: string;
  parameters?: Record<string, string>;
}

export interface WorkflowTransitionInput {
  id: string;
  name: string;
  description?: string;
  type: 'INITIAL' | 'GLOBAL' | 'DIRECTED';
  toStatusReference: string;
  links: { fromStatusReference: string }[];
  validators: WorkflowRule[];
  actions: WorkflowRule[];
  properties: Record<string, string>;
}

export interface WorkflowCreateRequest {
  scope: { type: 'GLOBAL' };
  statuses: { id: string; name: string; statusCategory: 'TODO' | 'IN_PROGRESS' | 'DONE'; statusReference: string }[];
  workflows: {
    name: string;
    description: string;
    startPointLayout?: { x: number; y: number };
    statuses: { statusReference: string; properties: Record<string, string>; layout?: { x: number; y: number } }[];
    transitions: WorkflowTransitionInput[];
  }[];
}

const WorkflowRuleSchema = z.object({ ruleKey: z.string(), parameters: z.record(z.string(), z.string()).optional() }).loose();
const WorkflowSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    statuses: z.array(z.object({ statusReference: z.string() }).loose()).default([]),
    transitions: z
      .array(
        z
          .object({
            id: z.string().optional(),
            name: z.string().optional(),
            type: z.string().optional(),
            toStatusReference: z.string().optional(),
            links: z.array(z.object({ fromStatusReference: z.string().optional() }).loose()).default([]),
            validators: z.array(WorkflowRuleSchema).default([]),
          })
          .loose(),
      )
      .default([]),
  })
  .loose();
export type JiraWorkflow = z.infer<typeof WorkflowSchema>;

const WorkflowSearchSchema = z
  .object({
    values: z.array(WorkflowSchema).default([]),
    statuses: z.array(z.object({ id: z.string().optional(), statusReference: z.string().optional() }).loose()).default([]),
    isLast: z.boolean().optional(),
  })
  .loose();

/**
 * The workflow with exactly this name, with its transitions, or undefined. Transitions name
 * statuses by reference; `statusIdOf` turns a reference into the status id Jira listed for it.
 */
export async function findWorkflowByName(
  client: JiraClient,
  name: string,
): Promise<{ workflow: JiraWorkflow; statusIdOf(ref: string): string } | undefined> {
  const page = await client.request(
    'GET',
    route`/rest/api/3/workflows/search?queryString=${name}&expand=values.transitions&maxResults=50`,
    WorkflowSearchSchema,
  );
  const workflow = page.values.find((w) => w.name === name);
  if (!workflow) return undefined;
  const byRef = new Map(page.statuses.filter((s) => s.statusReference && s.id).map((s) => [s.statusReference!, s.id!]));
  return { workflow, statusIdOf: (ref) => byRef.get(ref) ?? ref };
}

const WorkflowReadSchema = z
  .object({
    workflows: z.array(WorkflowSchema).default([]),
    statuses: z
      .array(z.object({ id: z.string().optional(), name: z.string().optional(), statusReference: z.string().optional() }).loose())
      .default([]),
  })
  .loose();
export type WorkflowRead = z.infer<typeof WorkflowReadSchema>;

/**
 * The named workflows with their transitions and rules, in ONE call (POST /workflows, the
 * bulk read). `statuses` says which status id and name each status reference stands for.
 * Names Jira does not know are simply absent from the answer.
 */
export const readWorkflowsByName = (client: JiraClient, workflowNames: string[]) =>
  client.request('POST', route`/rest/api/3/workflows`, WorkflowReadSchema, { workflowNames });

const ValidationErrorsSchema = z
  .object({
    errors: z
      .array(
        z
          .object({
            code: z.string().optional(),
            message: z.string().optional(),
            level: z.enum(['WARNING', 'ERROR']).optional(),
            type: z.string().optional(),
          })
          .loose(),
      )
      .default([]),
  })
  .loose();

/** The dry run of /workflows/create: Jira's errors (and warnings) for the payload, nothing created. */
export const validateWorkflowCreate = (client: JiraClient, payload: WorkflowCreateRequest) =>
  client.request('POST', route`/rest/api/3/workflows/create/validation`, ValidationErrorsSchema, {
    payload,
    validationOptions: { levels: ['ERROR', 'WARNING'] },
  });

export const createWorkflows = (client: JiraClient, payload: WorkflowCreateRequest) =>
  client.request(
    'POST',
    route`/rest/api/3/workflows/create`,
    z.object({ workflows: z.array(WorkflowSchema).default([]), statuses: z.array(z.unknown()).default([]) }).loose(),
    payload,
  );

// ---------------------------------------------------------------- workflow schemes

const WorkflowSchemeSchema = z
  .object({
    id: z.number(),
    name: z.string(),
    defaultWorkflow: z.string().optional(),
    issueTypeMappings: z.record(z.string(), z.string()).default({}),
    /** True when Jira answered with the scheme's draft (an active scheme is changed through its draft). */
    draft: z.boolean().optional(),
  })
  .loose();
export type JiraWorkflowScheme = z.infer<typeof WorkflowSchemeSchema>;

const WorkflowSchemePageSchema = z
  .object({ values: z.array(WorkflowSchemeSchema).default([]), isLast: z.boolean().optional(), total: z.number().optional() })
  .loose();

export async function findWorkflowSchemeByName(client: JiraClient, name: string): Promise<JiraWorkflowScheme | undefined> {
  for (let startAt = 0; ;) {
    const page = await client.request(
      'GET',
      route`/rest/api/3/workflowscheme?startAt=${String(startAt)}&maxResults=50`,
      WorkflowSchemePageSchema,
    );
    const hit = page.values.find((s) => s.name === name);
    if (hit) return hit;
    startAt += page.values.length;
    if (page.isLast !== false || page.values.length === 0) return undefined;
  }
}

export const createWorkflowScheme = (
  client: JiraClient,
  body: { name: string; description: string; defaultWorkflow: string; issueTypeMappings: Record<string, string> },
) => client.request('POST', route`/rest/api/3/workflowscheme`, WorkflowSchemeSchema, body);

export const getWorkflowScheme = (client: JiraClient, schemeId: number) =>
  client.request('GET', route`/rest/api/3/workflowscheme/${String(schemeId)}`, WorkflowSchemeSchema);

/** The scheme's draft when it has one (draft: true), else the scheme itself. */
export const getWorkflowSchemeOrDraft = (client: JiraClient, schemeId: number) =>
  client.request('GET', route`/rest/api/3/workflowscheme/${String(schemeId)}?returnDraftIfExists=true`, WorkflowSchemeSchema);

/**
 * Replaces a scheme's issue type mappings. Jira changes a scheme in use only through its
 * draft (updateDraftIfNeeded); the answer then has `draft: true`, and nothing changes for
 * anyone until the draft is published (publishWorkflowSchemeDraft).
 */
export const updateWorkflowSchemeMappings = (client: JiraClient, scheme: JiraWorkflowScheme, issueTypeMappings: Record<string, string>) =>
  client.request('PUT', route`/rest/api/3/workflowscheme/${String(scheme.id)}`, WorkflowSchemeSchema, {
    name: scheme.name,
    issueTypeMappings,
    updateDraftIfNeeded: true,
  });

/**
 * Publishes a scheme's draft: an asynchronous task in Jira (303 to the task, polled here).
 * No status mappings are sent: the draft only maps the LCOO issue types to their workflows;
 * if issues of those types sit in statuses the LCOO workflows lack, Jira answers 400 naming
 * them, and the admin must choose their new statuses in Jira.
 */
export const publishWorkflowSchemeDraft = (client: JiraClient, schemeId: number) =>
  runJiraTask(client, 'POST', route`/rest/api/3/workflowscheme/${String(schemeId)}/draft/publish`, { statusMappings: [] });

const SchemeAssociationsSchema = z
  .object({
    values: z
      .array(
        z
          .object({
            projectIds: z.array(z.string()).default([]),
            workflowScheme: z.object({ id: z.number().optional(), name: z.string().optional() }).loose(),
          })
          .loose(),
      )
      .default([]),
  })
  .loose();

/** The workflow scheme a project uses; `id` is absent for Jira's Default Workflow Scheme. */
export async function projectWorkflowScheme(client: JiraClient, projectId: string): Promise<{ id?: number; name?: string } | undefined> {
  const res = await client.request('GET', route`/rest/api/3/workflowscheme/project?projectId=${projectId}`, SchemeAssociationsSchema);
  const hit = res.values.find((v) => v.projectIds.includes(projectId)) ?? res.values[0];
  return hit
    ? {
        ...(hit.workflowScheme.id !== undefined ? { id: hit.workflowScheme.id } : {}),
        ...(hit.workflowScheme.name ? { name: hit.workflowScheme.name } : {}),
      }
    : undefined;
}

/** Jira only allows this while the project has no issues; see switchProjectWorkflowScheme. */
export const assignWorkflowScheme = (client: JiraClient, projectId: string, workflowSchemeId: number) =>
  client.send('PUT', route`/rest/api/3/workflowscheme/project`, { projectId, workflowSchemeId: String(workflowSchemeId) });

/**
 * Switches a project that already has issues. No status mappings are sent: the LCOO scheme
 * keeps the project's default workflow for every other issue type, and the LCOO issue
 * types are new, so no issue loses its status.
 */
export const switchProjectWorkflowScheme = (client: JiraClient, projectId: string, workflowSchemeId: number) =>
  runJiraTask(client, 'POST', route`/rest/api/3/workflowscheme/project/switch`, { projectId, targetSchemeId: String(workflowSchemeId) });

// ---------------------------------------------------------------- issue type schemes

const IssueTypeSchemeProjectsSchema = z
  .object({
    values: z
      .array(
        z
          .object({
            issueTypeScheme: z.object({ id: z.string(), name: z.string(), isDefault: z.boolean().optional() }).loose(),
            projectIds: z.array(z.string()).default([]),
          })
          .loose(),
      )
      .default([]),
  })
  .loose();

export async function projectIssueTypeScheme(client: JiraClient, projectId: string) {
  const res = await client.request('GET', route`/rest/api/3/issuetypescheme/project?projectId=${projectId}`, IssueTypeSchemeProjectsSchema);
  return (res.values.find((v) => v.projectIds.includes(projectId)) ?? res.values[0])?.issueTypeScheme;
}

/** The issue types a company-managed project offers: those of its issue type scheme. */
export async function projectIssueTypeIds(client: JiraClient, projectId: string): Promise<string[]> {
  const types = await client.request('GET', route`/rest/api/3/issuetype/project?projectId=${projectId}`, z.array(IssueTypeSchema));
  return types.map((t) => t.id);
}

export const addIssueTypesToScheme = (client: JiraClient, schemeId: string, issueTypeIds: string[]) =>
  client.send('PUT', route`/rest/api/3/issuetypescheme/${schemeId}/issuetype`, { issueTypeIds });
