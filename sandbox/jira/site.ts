// Read access to the emulated site plus the JSON beans Jira returns (user, status, issue
// type, project). Every handler goes through here so shapes stay the same everywhere.
import type { Db } from './db';
import { forbidden, notFound, unauthorized } from './errors';
import {
  PERMISSIONS,
  STATUS_CATEGORIES,
  type IssueTypeRow,
  type ProjectRow,
  type StatusRow,
  type UserRow,
  type WorkflowRow,
  type WorkflowSchemeRow,
  type StoredWorkflowDoc,
} from './model';
import type { EntityPropertyIndexDef, ForgeRuleDef, Principal } from './types';

export const APP_ACCOUNT_ID = '712020:lcoo-roadmap-app';
export const DEFAULT_WORKFLOW_NAME = 'jira';

/** Emulator behaviour a test can choose (see CreateJiraEmulatorOptions). */
export interface SiteBehaviour {
  /** How many reads of a new async task report it ENQUEUED/RUNNING before it is COMPLETE. */
  asyncTaskPolls: number;
  /** The next async task ends FAILED (then this turns itself off). */
  failNextTask: boolean;
}

export class Site {
  constructor(
    readonly db: Db,
    readonly baseUrl: string,
    readonly indexDefs: EntityPropertyIndexDef[],
    readonly forgeRules: ForgeRuleDef[],
    readonly behaviour: SiteBehaviour = { asyncTaskPolls: 1, failNextTask: false },
  ) {}

  api(path: string): string {
    return `${this.baseUrl}/rest/api/3${path}`;
  }

  // ---- users and groups ----
  user(accountId: string): UserRow | undefined {
    return this.db.prepare('SELECT * FROM users WHERE account_id = ?').get(accountId) as UserRow | undefined;
  }
  userByEmail(email: string): UserRow | undefined {
    return this.db.prepare('SELECT * FROM users WHERE email = ? COLLATE NOCASE').get(email) as UserRow | undefined;
  }
  groupsOf(accountId: string): string[] {
    return (
      this.db.prepare('SELECT group_name FROM group_members WHERE account_id = ? ORDER BY group_name').all(accountId) as {
        group_name: string;
      }[]
    ).map((r) => r.group_name);
  }
  groupId(name: string): string | undefined {
    return (this.db.prepare('SELECT group_id FROM groups_ WHERE name = ?').get(name) as { group_id: string } | undefined)?.group_id;
  }
  avatarUrls(seed: string): Record<'16x16' | '24x24' | '32x32' | '48x48', string> {
    const u = (s: number) => `${this.baseUrl}/avatars/${encodeURIComponent(seed)}?s=${s}`;
    return { '16x16': u(16), '24x24': u(24), '32x32': u(32), '48x48': u(48) };
  }
  userBean(row: UserRow): Record<string, unknown> {
    return {
      self: this.api(`/user?accountId=${encodeURIComponent(row.account_id)}`),
      accountId: row.account_id,
      accountType: row.account_type,
      ...(row.email ? { emailAddress: row.email } : {}),
      avatarUrls: this.avatarUrls(row.account_id),
      displayName: row.display_name,
      active: true,
      timeZone: row.time_zone,
      locale: 'en_US',
    };
  }
  userRef(accountId: string | null): Record<string, unknown> | null {
    if (!accountId) return null;
    const row = this.user(accountId);
    return row ? this.userBean(row) : { accountId, displayName: 'Former user', active: false, accountType: 'unknown' };
  }

  // ---- who is calling ----
  /** The account the request acts as; the app acts as its own app user. Anonymous -> 401. */
  actorId(principal: Principal): string {
    if (principal.kind === 'app') return APP_ACCOUNT_ID;
    if (principal.kind === 'anonymous') throw unauthorized();
    if (!this.user(principal.accountId)) throw unauthorized();
    return principal.accountId;
  }
  isSiteAdmin(principal: Principal): boolean {
    if (principal.kind === 'app') return true;
    if (principal.kind === 'anonymous') return false;
    const row = this.user(principal.accountId);
    return !!row && (row.site_admin === 1 || this.groupsOf(row.account_id).includes('jira-administrators'));
  }
  requireAdmin(principal: Principal): void {
    this.actorId(principal);
    if (!this.isSiteAdmin(principal))
      throw forbidden('You are not authorized to perform this action. Administrator privileges are required.');
  }
  /** Project permission check: the app has every permission; admins administer every project. */
  can(principal: Principal, projectId: number, permission: string): boolean {
    if (principal.kind === 'app') return true;
    if (principal.kind === 'anonymous') return false;
    if (permission === 'ADMINISTER') return this.isSiteAdmin(principal);
    if (permission === 'ADMINISTER_PROJECTS' && this.isSiteAdmin(principal)) return true;
    const groups = this.groupsOf(principal.accountId);
    const grants = this.db
      .prepare('SELECT holder_type, holder FROM project_grants WHERE project_id = ? AND permission = ?')
      .all(projectId, permission) as { holder_type: string; holder: string }[];
    return grants.some((g) => g.holder_type === 'any-user' || (g.holder_type === 'group' && groups.includes(g.holder)));
  }
  /**
   * Issue security: an issue with a security level is seen only by people the level names (the
   * app sees every issue). One level is emulated: the Roadmap Committee's.
   */
  securityLevel(id: string): SecurityLevel | undefined {
    return SECURITY_LEVELS.find((l) => l.id === id);
  }
  seesLevel(principal: Principal, levelId: string): boolean {
    if (principal.kind === 'app') return true;
    if (principal.kind === 'anonymous') return false;
    const level = this.securityLevel(levelId);
    const groups = this.groupsOf(principal.accountId);
    return !!level && level.groups.some((g) => groups.includes(g));
  }
  /** Level ids this principal may see (for search). */
  visibleLevelIds(principal: Principal): string[] {
    return SECURITY_LEVELS.filter((l) => this.seesLevel(principal, l.id)).map((l) => l.id);
  }
  seesIssue(principal: Principal, issue: { extra: string }): boolean {
    const level = (JSON.parse(issue.extra) as { security?: { id?: string } | null }).security?.id;
    return level === undefined || this.seesLevel(principal, level);
  }
  browsableProjectIds(principal: Principal): number[] {
    return this.projects()
      .filter((p) => this.can(principal, p.id, 'BROWSE_PROJECTS'))
      .map((p) => p.id);
  }

  // ---- projects ----
  projects(): ProjectRow[] {
    return this.db.prepare('SELECT * FROM projects ORDER BY key').all() as ProjectRow[];
  }
  project(idOrKey: string | number): ProjectRow | undefined {
    const s = String(idOrKey);
    return (
      /^\d+$/.test(s)
        ? this.db.prepare('SELECT * FROM projects WHERE id = ?').get(Number(s))
        : this.db.prepare('SELECT * FROM projects WHERE key = ? COLLATE NOCASE').get(s)
    ) as ProjectRow | undefined;
  }
  projectOrThrow(idOrKey: string | number, principal: Principal): ProjectRow {
    const p = this.project(idOrKey);
    if (!p || !this.can(principal, p.id, 'BROWSE_PROJECTS')) throw notFound(`No project could be found with key '${idOrKey}'.`);
    return p;
  }
  projectRef(p: ProjectRow): Record<string, unknown> {
    return {
      self: this.api(`/project/${p.id}`),
      id: String(p.id),
      key: p.key,
      name: p.name,
      projectTypeKey: 'software',
      simplified: false,
      avatarUrls: this.avatarUrls(`project-${p.key}`),
    };
  }
  projectBean(p: ProjectRow): Record<string, unknown> {
    return {
      ...this.projectRef(p),
      expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
      description: p.description,
      lead: this.userRef(p.lead_account_id) ?? undefined,
      components: [],
      issueTypes: this.projectIssueTypes(p.id).map((t) => this.issueTypeBean(t)),
      assigneeType: 'UNASSIGNED',
      versions: [],
      roles: {},
      style: 'classic',
      isPrivate: false,
      properties: {},
    };
  }

  // ---- issue types ----
  issueType(id: number | string): IssueTypeRow | undefined {
    return this.db.prepare('SELECT * FROM issuetypes WHERE id = ?').get(Number(id)) as IssueTypeRow | undefined;
  }
  issueTypes(): IssueTypeRow[] {
    return this.db.prepare('SELECT * FROM issuetypes ORDER BY id').all() as IssueTypeRow[];
  }
  projectIssueTypes(projectId: number): IssueTypeRow[] {
    return this.db
      .prepare(
        `SELECT t.* FROM projects p JOIN issuetype_scheme_items i ON i.scheme_id = p.issuetype_scheme_id
      JOIN issuetypes t ON t.id = i.issuetype_id WHERE p.id = ? ORDER BY i.position`,
      )
      .all(projectId) as IssueTypeRow[];
  }
  issueTypeBean(t: IssueTypeRow): Record<string, unknown> {
    return {
      self: this.api(`/issuetype/${t.id}`),
      id: String(t.id),
      description: t.description,
      iconUrl: `${this.baseUrl}/rest/api/2/universal_avatar/view/type/issuetype/avatar/${t.avatar_id}?size=medium`,
      name: t.name,
      subtask: t.hierarchy_level === -1,
      avatarId: t.avatar_id,
      entityId: t.entity_id,
      hierarchyLevel: t.hierarchy_level,
    };
  }

  // ---- statuses ----
  status(id: number | string): StatusRow | undefined {
    return this.db.prepare('SELECT * FROM statuses WHERE id = ?').get(Number(id)) as StatusRow | undefined;
  }
  statuses(): StatusRow[] {
    return this.db.prepare('SELECT * FROM statuses ORDER BY id').all() as StatusRow[];
  }
  statusCategoryBean(key: StatusRow['category']): Record<string, unknown> {
    const c = STATUS_CATEGORIES[key];
    return { self: this.api(`/statuscategory/${c.id}`), id: c.id, key: c.key, colorName: c.colorName, name: c.name };
  }
  statusBean(s: StatusRow): Record<string, unknown> {
    return {
      self: this.api(`/status/${s.id}`),
      description: s.description,
      iconUrl: `${this.baseUrl}/images/icons/statuses/generic.png`,
      name: s.name,
      id: String(s.id),
      statusCategory: this.statusCategoryBean(s.category),
      ...(s.scope_project_id !== null ? { scope: { type: 'PROJECT', project: { id: String(s.scope_project_id) } } } : {}),
    };
  }
  /** The new statuses API shape (JiraStatus). */
  jiraStatus(s: StatusRow): Record<string, unknown> {
    return {
      id: String(s.id),
      name: s.name,
      statusCategory: s.category,
      description: s.description,
      scope: s.scope_project_id !== null ? { type: 'PROJECT', project: { id: String(s.scope_project_id) } } : { type: 'GLOBAL' },
    };
  }

  // ---- workflows ----
  workflowByName(name: string): WorkflowRow | undefined {
    return this.db.prepare('SELECT * FROM workflows WHERE name = ?').get(name) as WorkflowRow | undefined;
  }
  workflowById(id: string): WorkflowRow | undefined {
    return this.db.prepare('SELECT * FROM workflows WHERE id = ?').get(id) as WorkflowRow | undefined;
  }
  workflowScheme(id: number): WorkflowSchemeRow | undefined {
    return this.db.prepare('SELECT * FROM workflow_schemes WHERE id = ?').get(id) as WorkflowSchemeRow | undefined;
  }
  /** The workflow that governs issues of a type in a project: scheme mapping, else scheme default, else Jira's default. */
  workflowFor(projectId: number, issueTypeId: number): { row: WorkflowRow; doc: StoredWorkflowDoc } {
    const project = this.project(projectId);
    const scheme = project ? this.workflowScheme(project.workflow_scheme_id) : undefined;
    let name = DEFAULT_WORKFLOW_NAME;
    if (scheme) {
      const mappings = JSON.parse(scheme.mappings) as Record<string, string>;
      name = mappings[String(issueTypeId)] ?? scheme.default_workflow;
    }
    const row = this.workflowByName(name) ?? this.workflowByName(DEFAULT_WORKFLOW_NAME);
    if (!row) throw new Error(`The emulated site has no workflow '${name}' and no default workflow; reset the sandbox.`);
    return { row, doc: JSON.parse(row.doc) as StoredWorkflowDoc };
  }
}

export function permissionBean(key: string, have: boolean): Record<string, unknown> {
  const p = PERMISSIONS[key];
  if (!p) throw new Error(`unknown permission ${key}`);
  return { id: p.id, key, name: p.name, type: p.type, description: p.description, havePermission: have };
}

export interface SecurityLevel {
  id: string;
  name: string;
  description: string;
  /** Groups whose members see issues at this level. */
  groups: string[];
}

/** The emulated issue security scheme's levels. */
export const SECURITY_LEVELS: readonly SecurityLevel[] = [
  {
    id: '10300',
    name: 'Roadmap Committee only',
    description: 'Embargoed items: members of lcoo-roadmap-committee only.',
    groups: ['lcoo-roadmap-committee'],
  },
];
