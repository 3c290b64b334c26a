// The site basics every sandbox starts from: people, groups, the LCOO project with Jira's
// default statuses/workflow and the issue types Task and Epic. The LCOO issue types,
// statuses and workflows are NOT created here: the app provisions them through REST.
import type { Db } from './db';
import type { StoredWorkflowDoc } from './model';
import { APP_ACCOUNT_ID, DEFAULT_WORKFLOW_NAME } from './site';
import type { SeedUser } from './types';

export const LCOO_PROJECT_ID = 10000;
export const DEFAULT_STATUS_IDS = { toDo: 10000, inProgress: 3, done: 10001 } as const;
export const SEED_ISSUE_TYPE_IDS = { epic: 10000, task: 10001 } as const;
export const DEFAULT_ISSUETYPE_SCHEME_ID = 10000;
export const LCOO_ISSUETYPE_SCHEME_ID = 10001;
export const DEFAULT_WORKFLOW_SCHEME_ID = 10000;

/** The app's default FST and company ids (src/domain/app-config.ts): each gets its own group, as the default configuration names them. */
export const FST_IDS = [
  'operations-lma',
  'networking',
  'containers',
  'test-automation',
  'resource-management',
  'security',
  'other',
] as const;
export const COMPANY_IDS = ['att', 'comcast', 'ntt', 'orange', 'reliance-jio', 'intel'] as const;
/** Each FST's elected leads (one or more). */
export const fstLeadGroup = (fst: (typeof FST_IDS)[number]) => `lcoo-fst-${fst}`;
/** Each member company's Roadmap Coordinator and reps. */
export const companyGroup = (company: (typeof COMPANY_IDS)[number]) => `lcoo-company-${company}`;

/** Groups whose members may work on LCOO issues (create, edit, transition); browse is for every user. */
export const CONTRIBUTOR_GROUPS = [
  'jira-administrators',
  'lcoo-roadmap-committee',
  'lcoo-fst-leads',
  'lcoo-coordinators',
  'lcoo-cores',
  'lcoo-pod',
  ...FST_IDS.map(fstLeadGroup),
  ...COMPANY_IDS.map(companyGroup),
];
const GROUPS = [...CONTRIBUTOR_GROUPS, 'jira-users'];

const acct = (n: number): string => `557058:5e1c00de-0000-4000-8000-${String(n).padStart(12, '0')}`;

/**
 * The seeded people. Every FST has an elected lead (in `lcoo-fst-leads` and the FST's own group)
 * and every member company its Roadmap Coordinator and reps (in the company's group), as the
 * LCOO proposal has them; the other groups are the approvals' (docs/design.md "Sandbox").
 */
export const SEED_USERS: SeedUser[] = [
  {
    accountId: acct(1),
    email: 'admin@lcoo.example',
    displayName: 'Alex Admin (LRC)',
    accountType: 'atlassian',
    siteAdmin: true,
    groups: ['jira-administrators', 'lcoo-roadmap-committee', 'jira-users'],
  },
  {
    accountId: acct(2),
    email: 'fst-lead@lcoo.example',
    displayName: 'Farah Stein (Networking FST lead)',
    accountType: 'atlassian',
    siteAdmin: false,
    groups: ['lcoo-fst-leads', fstLeadGroup('networking'), companyGroup('att'), 'lcoo-cores', 'jira-users'],
  },
  {
    accountId: acct(3),
    email: 'coordinator@lcoo.example',
    displayName: 'Chris Ortega (Roadmap Coordinator)',
    accountType: 'atlassian',
    siteAdmin: false,
    groups: ['lcoo-coordinators', companyGroup('comcast'), 'lcoo-pod', 'jira-users'],
  },
  {
    accountId: acct(4),
    email: 'viewer@lcoo.example',
    displayName: 'Vera Viewer',
    accountType: 'atlassian',
    siteAdmin: false,
    groups: ['jira-users'],
  },
  {
    accountId: acct(5),
    email: 'j.miller@att.example',
    displayName: 'Jordan Miller (AT&T)',
    accountType: 'atlassian',
    siteAdmin: false,
    groups: ['lcoo-roadmap-committee', 'lcoo-coordinators', companyGroup('att'), 'jira-users'],
  },
  {
    accountId: acct(6),
    email: 'p.nguyen@comcast.example',
    displayName: 'Priya Nguyen (Comcast)',
    accountType: 'atlassian',
    siteAdmin: false,
    groups: ['lcoo-fst-leads', fstLeadGroup('containers'), companyGroup('comcast'), 'lcoo-cores', 'jira-users'],
  },
  {
    accountId: acct(7),
    email: 'k.tanaka@ntt.example',
    displayName: 'Kenji Tanaka (NTT)',
    accountType: 'atlassian',
    siteAdmin: false,
    groups: [companyGroup('ntt'), 'lcoo-cores', 'lcoo-pod', 'jira-users'],
  },
  {
    accountId: acct(8),
    email: 'm.lefevre@orange.example',
    displayName: 'Marie Lefèvre (Orange)',
    accountType: 'atlassian',
    siteAdmin: false,
    groups: ['lcoo-roadmap-committee', companyGroup('orange'), 'lcoo-pod', 'jira-users'],
  },
  {
    accountId: acct(9),
    email: 'r.sharma@jio.example',
    displayName: 'Rohan Sharma (Reliance Jio)',
    accountType: 'atlassian',
    siteAdmin: false,
    groups: ['lcoo-coordinators', companyGroup('reliance-jio'), 'lcoo-cores', 'jira-users'],
  },
  {
    accountId: acct(10),
    email: 'd.okafor@intel.example',
    displayName: 'Daniel Okafor (Intel)',
    accountType: 'atlassian',
    siteAdmin: false,
    groups: ['lcoo-fst-leads', fstLeadGroup('resource-management'), companyGroup('intel'), 'lcoo-cores', 'jira-users'],
  },
  {
    accountId: acct(11),
    email: 's.kim@att.example',
    displayName: 'Sun-hee Kim (AT&T)',
    accountType: 'atlassian',
    siteAdmin: false,
    groups: ['lcoo-cores', companyGroup('att'), 'jira-users'],
  },
  {
    accountId: acct(12),
    email: 'l.moreau@orange.example',
    displayName: 'Luc Moreau (Orange)',
    accountType: 'atlassian',
    siteAdmin: false,
    groups: ['lcoo-coordinators', companyGroup('orange'), 'jira-users'],
  },
  {
    accountId: acct(13),
    email: 'h.yamada@ntt.example',
    displayName: 'Hiro Yamada (NTT, Operations / LMA FST lead)',
    accountType: 'atlassian',
    siteAdmin: false,
    groups: ['lcoo-fst-leads', fstLeadGroup('operations-lma'), companyGroup('ntt'), 'jira-users'],
  },
  {
    accountId: acct(14),
    email: 'a.verma@jio.example',
    displayName: 'Anika Verma (Reliance Jio, Test Automation FST lead)',
    accountType: 'atlassian',
    siteAdmin: false,
    groups: ['lcoo-fst-leads', fstLeadGroup('test-automation'), companyGroup('reliance-jio'), 'jira-users'],
  },
  {
    accountId: acct(15),
    email: 'e.dubois@orange.example',
    displayName: 'Élise Dubois (Orange, Security FST lead)',
    accountType: 'atlassian',
    siteAdmin: false,
    groups: ['lcoo-fst-leads', fstLeadGroup('security'), companyGroup('orange'), 'jira-users'],
  },
  {
    accountId: acct(16),
    email: 'm.garcia@comcast.example',
    displayName: 'Marco Garcia (Comcast, Other FST lead)',
    accountType: 'atlassian',
    siteAdmin: false,
    groups: ['lcoo-fst-leads', fstLeadGroup('other'), companyGroup('comcast'), 'jira-users'],
  },
  { accountId: APP_ACCOUNT_ID, email: '', displayName: 'LCOO Roadmap for Jira', accountType: 'app', siteAdmin: false, groups: [] },
];

export function isSeeded(db: Db): boolean {
  return !!db.prepare("SELECT 1 FROM meta WHERE key = 'seeded'").get();
}

export function seedSite(db: Db): void {
  const now = new Date().toISOString();
  db.transaction(() => {
    const insUser = db.prepare(
      'INSERT INTO users (account_id, email, display_name, account_type, site_admin, time_zone) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const insMember = db.prepare('INSERT INTO group_members (group_name, account_id) VALUES (?, ?)');
    GROUPS.forEach((g, i) =>
      db.prepare('INSERT INTO groups_ (name, group_id) VALUES (?, ?)').run(g, `9a7c0000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`),
    );
    for (const u of SEED_USERS) {
      insUser.run(u.accountId, u.email || null, u.displayName, u.accountType, u.siteAdmin ? 1 : 0, 'Europe/Berlin');
      for (const g of u.groups) insMember.run(g, u.accountId);
    }

    const insStatus = db.prepare('INSERT INTO statuses (id, name, category, description, scope_project_id) VALUES (?, ?, ?, ?, NULL)');
    insStatus.run(DEFAULT_STATUS_IDS.toDo, 'To Do', 'TODO', '');
    insStatus.run(
      DEFAULT_STATUS_IDS.inProgress,
      'In Progress',
      'IN_PROGRESS',
      'This issue is being actively worked on at the moment by the assignee.',
    );
    insStatus.run(DEFAULT_STATUS_IDS.done, 'Done', 'DONE', '');

    const insType = db.prepare(
      'INSERT INTO issuetypes (id, name, description, hierarchy_level, avatar_id, entity_id) VALUES (?, ?, ?, ?, ?, ?)',
    );
    insType.run(
      SEED_ISSUE_TYPE_IDS.epic,
      'Epic',
      'A big user story that needs to be broken down.',
      1,
      10307,
      '1a2b0000-0000-4000-8000-000000010000',
    );
    insType.run(SEED_ISSUE_TYPE_IDS.task, 'Task', 'A small, distinct piece of work.', 0, 10318, '1a2b0000-0000-4000-8000-000000010001');

    const insScheme = db.prepare(
      'INSERT INTO issuetype_schemes (id, name, description, is_default, default_issuetype_id) VALUES (?, ?, ?, ?, ?)',
    );
    const insItem = db.prepare('INSERT INTO issuetype_scheme_items (scheme_id, issuetype_id, position) VALUES (?, ?, ?)');
    insScheme.run(
      DEFAULT_ISSUETYPE_SCHEME_ID,
      'Default Issue Type Scheme',
      'Default issue type scheme is the list of global issue types. All newly created issue types will automatically be added to this scheme.',
      1,
      null,
    );
    insScheme.run(LCOO_ISSUETYPE_SCHEME_ID, 'LCOO: Software Issue Type Scheme', '', 0, SEED_ISSUE_TYPE_IDS.task);
    [SEED_ISSUE_TYPE_IDS.epic, SEED_ISSUE_TYPE_IDS.task].forEach((t, i) => {
      insItem.run(DEFAULT_ISSUETYPE_SCHEME_ID, t, i);
      insItem.run(LCOO_ISSUETYPE_SCHEME_ID, t, i);
    });

    // Jira's simplified default workflow: every status reachable from every other one.
    const s = (id: number) => String(id);
    const doc: StoredWorkflowDoc = {
      statuses: [DEFAULT_STATUS_IDS.toDo, DEFAULT_STATUS_IDS.inProgress, DEFAULT_STATUS_IDS.done].map((id) => ({
        statusReference: s(id),
        properties: {},
      })),
      transitions: [
        {
          id: '1',
          name: 'Create',
          type: 'INITIAL',
          toStatusReference: s(DEFAULT_STATUS_IDS.toDo),
          links: [],
          validators: [],
          actions: [],
          properties: {},
        },
        {
          id: '11',
          name: 'To Do',
          type: 'GLOBAL',
          toStatusReference: s(DEFAULT_STATUS_IDS.toDo),
          links: [],
          validators: [],
          actions: [],
          properties: {},
        },
        {
          id: '21',
          name: 'In Progress',
          type: 'GLOBAL',
          toStatusReference: s(DEFAULT_STATUS_IDS.inProgress),
          links: [],
          validators: [],
          actions: [],
          properties: {},
        },
        {
          id: '31',
          name: 'Done',
          type: 'GLOBAL',
          toStatusReference: s(DEFAULT_STATUS_IDS.done),
          links: [],
          validators: [],
          actions: [],
          properties: {},
        },
      ],
    };
    db.prepare(
      'INSERT INTO workflows (id, name, description, scope_project_id, doc, created, updated, version) VALUES (?, ?, ?, NULL, ?, ?, ?, 0)',
    ).run('c0ffee00-0000-4000-8000-000000000001', DEFAULT_WORKFLOW_NAME, 'The default Jira workflow.', JSON.stringify(doc), now, now);
    db.prepare('INSERT INTO workflow_schemes (id, name, description, default_workflow, mappings, updated) VALUES (?, ?, ?, ?, ?, ?)').run(
      DEFAULT_WORKFLOW_SCHEME_ID,
      'Default Workflow Scheme',
      'Default Workflow Scheme',
      DEFAULT_WORKFLOW_NAME,
      '{}',
      now,
    );

    const admin = SEED_USERS[0];
    db.prepare(
      'INSERT INTO projects (id, key, name, description, lead_account_id, issue_counter, issuetype_scheme_id, workflow_scheme_id) VALUES (?, ?, ?, ?, ?, 0, ?, ?)',
    ).run(
      LCOO_PROJECT_ID,
      'LCOO',
      'LCOO OpenStack Roadmap',
      'Roadmap items and upstream deliverables of the LCOO working group.',
      admin?.accountId ?? null,
      LCOO_ISSUETYPE_SCHEME_ID,
      DEFAULT_WORKFLOW_SCHEME_ID,
    );
    const grant = db.prepare('INSERT INTO project_grants (project_id, permission, holder_type, holder) VALUES (?, ?, ?, ?)');
    grant.run(LCOO_PROJECT_ID, 'BROWSE_PROJECTS', 'any-user', '');
    for (const perm of [
      'CREATE_ISSUES',
      'EDIT_ISSUES',
      'TRANSITION_ISSUES',
      'ASSIGN_ISSUES',
      'ASSIGNABLE_USER',
      'RESOLVE_ISSUES',
      'ADD_COMMENTS',
      'LINK_ISSUES',
    ]) {
      for (const g of CONTRIBUTOR_GROUPS) grant.run(LCOO_PROJECT_ID, perm, 'group', g);
    }
    grant.run(LCOO_PROJECT_ID, 'DELETE_ISSUES', 'group', 'jira-administrators');
    grant.run(LCOO_PROJECT_ID, 'ADMINISTER_PROJECTS', 'group', 'jira-administrators');

    const setSeq = db.prepare('INSERT INTO seq (name, value) VALUES (?, ?)');
    setSeq.run('issuetype', 10001);
    setSeq.run('status', 10001);
    setSeq.run('workflowscheme', 10000);
    setSeq.run('issuetypescheme', 10001);
    setSeq.run('issue', 10000);
    // The link types of the OpenAPI document's example answer of GET /issueLinkType (docs/platform-facts.md).
    const linkType = db.prepare('INSERT INTO issue_link_types (id, name, inward, outward) VALUES (?, ?, ?, ?)');
    linkType.run(1000, 'Duplicate', 'Duplicated by', 'Duplicates');
    linkType.run(1010, 'Blocks', 'Blocked by', 'Blocks');
    setSeq.run('issuelinktype', 1010);
    db.prepare("INSERT INTO meta (key, value) VALUES ('seeded', ?)").run(now);
  })();
}
