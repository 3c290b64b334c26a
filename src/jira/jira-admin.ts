// Who is a Jira administrator, and which groups exist. Both asked as the app, so a person
// can't vouch for themselves: the admin page's resolver passes the caller's account id.
import { z } from 'zod';
import { route, type JiraClient } from './client';
import { JiraError } from './errors';
import { userGroups } from './issues';

const BulkPermissionGrantsSchema = z
  .object({ globalPermissions: z.array(z.string()).default([]), projectPermissions: z.array(z.unknown()).default([]) })
  .loose();

/** Groups that make someone a Jira administrator where the permission check is not available. */
export const ADMIN_GROUPS = ['jira-administrators', 'site-admins', 'administrators'];

/**
 * Whether `accountId` holds the global ADMINISTER permission. Asks the bulk permission check
 * first (the precise answer); falls back to membership of Jira's admin groups only when Jira
 * does not offer that check (404/405), never when it says no.
 */
export async function isJiraAdmin(appClient: JiraClient, accountId: string): Promise<boolean> {
  try {
    const grants = await appClient.request('POST', route`/rest/api/3/permissions/check`, BulkPermissionGrantsSchema, {
      accountId,
      globalPermissions: ['ADMINISTER'],
    });
    return grants.globalPermissions.includes('ADMINISTER');
  } catch (err) {
    if (!(err instanceof JiraError) || (err.status !== 404 && err.status !== 405)) throw err;
  }
  const groups = await userGroups(appClient, accountId);
  return groups.some((g) => ADMIN_GROUPS.includes(g.toLowerCase()));
}

const FoundGroupsSchema = z
  .object({ groups: z.array(z.object({ name: z.string(), groupId: z.string().optional() }).loose()).default([]) })
  .loose();

/** Which of `names` exist as Jira groups (exact, case-insensitive match, as Jira names are). */
export async function checkGroupsExist(appClient: JiraClient, names: string[]): Promise<{ found: string[]; missing: string[] }> {
  const unique = [...new Set(names.map((n) => n.trim()).filter((n) => n !== ''))];
  const results = await Promise.all(
    unique.map(async (name) => {
      const res = await appClient.request(
        'GET',
        route`/rest/api/3/groups/picker?query=${name}&maxResults=50&caseInsensitive=true`,
        FoundGroupsSchema,
      );
      return { name, exists: res.groups.some((g) => g.name.toLowerCase() === name.toLowerCase()) };
    }),
  );
  return {
    found: results.filter((r) => r.exists).map((r) => r.name),
    missing: results.filter((r) => !r.exists).map((r) => r.name),
  };
}
