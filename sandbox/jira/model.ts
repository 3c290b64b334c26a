// Row shapes and the stored workflow document. Workflows are stored in the shape of the
// new workflows API (statuses by reference + transitions with links), with every
// statusReference resolved to the status id once created.
export interface UserRow {
  account_id: string;
  email: string | null;
  display_name: string;
  account_type: string;
  site_admin: number;
  time_zone: string;
}
export interface ProjectRow {
  id: number;
  key: string;
  name: string;
  description: string;
  lead_account_id: string | null;
  issue_counter: number;
  issuetype_scheme_id: number;
  workflow_scheme_id: number;
}
export interface IssueTypeRow {
  id: number;
  name: string;
  description: string;
  hierarchy_level: number;
  avatar_id: number;
  entity_id: string;
}
export interface StatusRow {
  id: number;
  name: string;
  category: StatusCategoryKey;
  description: string;
  scope_project_id: number | null;
}
export interface WorkflowRow {
  id: string;
  name: string;
  description: string;
  scope_project_id: number | null;
  doc: string;
  created: string;
  updated: string;
  version: number;
}
export interface WorkflowSchemeRow {
  id: number;
  name: string;
  description: string;
  default_workflow: string;
  mappings: string;
  updated: string;
  updated_by: string | null;
}
export interface IssueRow {
  id: number;
  key: string;
  project_id: number;
  num: number;
  issuetype_id: number;
  status_id: number;
  summary: string;
  description: string | null;
  labels: string;
  assignee: string | null;
  reporter: string | null;
  parent_id: number | null;
  created: number;
  updated: number;
  status_changed: number;
  extra: string;
}

export type StatusCategoryKey = 'TODO' | 'IN_PROGRESS' | 'DONE';

export interface WorkflowRule {
  id?: string;
  ruleKey: string;
  parameters?: Record<string, string>;
}
export interface ConditionGroup {
  operation: 'ANY' | 'ALL';
  conditions?: WorkflowRule[];
  conditionGroups?: ConditionGroup[];
}
export interface StoredTransition {
  id: string;
  name: string;
  description?: string;
  type: 'INITIAL' | 'GLOBAL' | 'DIRECTED';
  toStatusReference: string;
  links: { fromStatusReference: string; fromPort?: number; toPort?: number }[];
  validators: WorkflowRule[];
  actions: WorkflowRule[];
  conditions?: ConditionGroup;
  properties: Record<string, string>;
}
export interface StoredWorkflowDoc {
  statuses: { statusReference: string; properties: Record<string, string>; layout?: { x?: number; y?: number } }[];
  transitions: StoredTransition[];
}

/** Jira's status categories (ids and keys as Jira Cloud has them). */
export const STATUS_CATEGORIES: Record<StatusCategoryKey, { id: number; key: string; colorName: string; name: string }> = {
  TODO: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' },
  IN_PROGRESS: { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' },
  DONE: { id: 3, key: 'done', colorName: 'green', name: 'Done' },
};

/** Project permissions the emulator understands, with Jira's ids and names. */
export const PERMISSIONS: Record<string, { id: string; name: string; type: 'GLOBAL' | 'PROJECT'; description: string }> = {
  ADMINISTER: {
    id: '0',
    name: 'Administer Jira',
    type: 'GLOBAL',
    description: 'Create and administer projects, issue types, fields, workflows, and schemes for all projects.',
  },
  BROWSE_PROJECTS: {
    id: '10',
    name: 'Browse Projects',
    type: 'PROJECT',
    description: 'Ability to browse projects and the issues within them.',
  },
  CREATE_ISSUES: { id: '11', name: 'Create Issues', type: 'PROJECT', description: 'Ability to create issues.' },
  EDIT_ISSUES: { id: '12', name: 'Edit Issues', type: 'PROJECT', description: 'Ability to edit issues.' },
  ASSIGN_ISSUES: { id: '13', name: 'Assign Issues', type: 'PROJECT', description: 'Ability to assign issues to other people.' },
  RESOLVE_ISSUES: { id: '14', name: 'Resolve Issues', type: 'PROJECT', description: 'Ability to resolve and reopen issues.' },
  ADD_COMMENTS: { id: '15', name: 'Add Comments', type: 'PROJECT', description: 'Ability to comment on issues.' },
  DELETE_ISSUES: { id: '16', name: 'Delete Issues', type: 'PROJECT', description: 'Ability to delete issues.' },
  ASSIGNABLE_USER: {
    id: '17',
    name: 'Assignable User',
    type: 'PROJECT',
    description: 'Users with this permission may be assigned to issues.',
  },
  ADMINISTER_PROJECTS: { id: '23', name: 'Administer Projects', type: 'PROJECT', description: 'Ability to administer a project in Jira.' },
  TRANSITION_ISSUES: { id: '46', name: 'Transition Issues', type: 'PROJECT', description: 'Ability to transition issues.' },
};
