// Issues, their properties and permissions: typed calls over JiraClient.
import { z } from 'zod';
import { route, type JiraClient } from './client';
import { JiraError } from './errors';

export const IssueSchema = z
  .object({
    id: z.string(),
    key: z.string(),
    fields: z
      .object({
        summary: z.string().optional(),
        status: z
          .object({
            id: z.string(),
            name: z.string(),
            statusCategory: z.object({ key: z.string() }).loose().optional(),
          })
          .loose()
          .optional(),
        issuetype: z.object({ id: z.string(), name: z.string() }).loose().optional(),
        project: z.object({ id: z.string(), key: z.string() }).loose().optional(),
        updated: z.string().optional(),
        /** The issue security level, when the issue has one (null or absent otherwise). */
        security: z.object({ id: z.string(), name: z.string().optional() }).loose().nullish(),
      })
      .loose()
      .default({}),
    properties: z.record(z.string(), z.unknown()).optional(),
  })
  .loose();
export type Issue = z.infer<typeof IssueSchema>;

/** Reads an issue with the named fields and properties in ONE call (the validator's budget). */
export function getIssue(client: JiraClient, issueKey: string, opts: { fields?: string[]; properties?: string[] } = {}): Promise<Issue> {
  const fields = (opts.fields ?? ['summary', 'status', 'issuetype', 'project']).join(',');
  const properties = (opts.properties ?? []).join(',');
  const path = properties
    ? route`/rest/api/3/issue/${issueKey}?fields=${fields}&properties=${properties}`
    : route`/rest/api/3/issue/${issueKey}?fields=${fields}`;
  return client.request('GET', path, IssueSchema);
}

const PropertySchema = z.object({ key: z.string(), value: z.unknown() }).loose();

/** The raw value of an issue property, or undefined when it is not set. */
export async function getIssueProperty(client: JiraClient, issueKey: string, propertyKey: string): Promise<unknown> {
  try {
    const prop = await client.request('GET', route`/rest/api/3/issue/${issueKey}/properties/${propertyKey}`, PropertySchema);
    return prop.value;
  } catch (err) {
    if (err instanceof JiraError && err.status === 404 && /propert/i.test(err.jiraMessage)) return undefined;
    throw err;
  }
}

export async function setIssueProperty(client: JiraClient, issueKey: string, propertyKey: string, value: unknown): Promise<void> {
  await client.send('PUT', route`/rest/api/3/issue/${issueKey}/properties/${propertyKey}`, value);
}

const MyPermissionsSchema = z.object({
  permissions: z.record(z.string(), z.object({ havePermission: z.boolean() }).loose()),
});

/** Which of `permissions` the calling user (asUser) holds on the issue. */
export async function myIssuePermissions(client: JiraClient, issueKey: string, permissions: string[]): Promise<Record<string, boolean>> {
  const res = await client.request(
    'GET',
    route`/rest/api/3/mypermissions?issueKey=${issueKey}&permissions=${permissions.join(',')}`,
    MyPermissionsSchema,
  );
  return Object.fromEntries(permissions.map((p) => [p, res.permissions[p]?.havePermission === true]));
}

const MyselfSchema = z.object({ accountId: z.string(), displayName: z.string().optional() }).loose();
export const getMyself = (client: JiraClient) => client.request('GET', route`/rest/api/3/myself`, MyselfSchema);

const UserGroupsSchema = z.array(z.object({ name: z.string() }).loose());

/** Group names of a user, read as the app so a user cannot vouch for themselves. */
export async function userGroups(client: JiraClient, accountId: string): Promise<string[]> {
  const groups = await client.request('GET', route`/rest/api/3/user/groups?accountId=${accountId}`, UserGroupsSchema);
  return groups.map((g) => g.name);
}

const UserSchema = z.object({ accountId: z.string(), displayName: z.string().optional() }).loose();
export const getUser = (client: JiraClient, accountId: string) =>
  client.request('GET', route`/rest/api/3/user?accountId=${accountId}`, UserSchema);

const BulkGrantsSchema = z
  .object({
    projectPermissions: z
      .array(
        z.object({ permission: z.string(), projects: z.array(z.number()).default([]), issues: z.array(z.number()).default([]) }).loose(),
      )
      .default([]),
  })
  .loose();

/** Jira caps one permission check at 1000 projects and 1000 issues (OpenAPI, POST /rest/api/3/permissions/check). */
export const PERMISSION_CHECK_MAX = 1000;

/**
 * Which of these projects and issues the calling person (asUser) may browse: ONE call. An
 * issue with a security level the person is not in is not browsable, whatever its project.
 */
export async function browsable(
  client: JiraClient,
  projectIds: readonly string[],
  issueIds: readonly string[],
): Promise<{ projects: Set<string>; issues: Set<string> }> {
  const grants = await client.request('POST', route`/rest/api/3/permissions/check`, BulkGrantsSchema, {
    projectPermissions: [
      {
        permissions: ['BROWSE_PROJECTS'],
        projects: projectIds.slice(0, PERMISSION_CHECK_MAX).map(Number),
        issues: issueIds.slice(0, PERMISSION_CHECK_MAX).map(Number),
      },
    ],
  });
  const browse = grants.projectPermissions.find((p) => p.permission === 'BROWSE_PROJECTS');
  return { projects: new Set((browse?.projects ?? []).map(String)), issues: new Set((browse?.issues ?? []).map(String)) };
}
