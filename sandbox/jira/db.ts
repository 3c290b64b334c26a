// SQLite storage of the emulated site. Hot query paths (JQL over issues and indexed
// entity properties) get real indexes; configuration objects (workflows, schemes) are
// small and stored as JSON documents.
import Database from 'better-sqlite3';

export type Db = Database.Database;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS seq (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS users (
  account_id TEXT PRIMARY KEY, email TEXT, display_name TEXT NOT NULL,
  account_type TEXT NOT NULL, site_admin INTEGER NOT NULL DEFAULT 0, time_zone TEXT NOT NULL DEFAULT 'UTC');
CREATE UNIQUE INDEX IF NOT EXISTS users_email ON users(email);
CREATE TABLE IF NOT EXISTS groups_ (name TEXT PRIMARY KEY, group_id TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS group_members (group_name TEXT NOT NULL, account_id TEXT NOT NULL, PRIMARY KEY (group_name, account_id));
CREATE INDEX IF NOT EXISTS group_members_account ON group_members(account_id);
CREATE TABLE IF NOT EXISTS projects (
  id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, name TEXT NOT NULL, description TEXT NOT NULL DEFAULT '',
  lead_account_id TEXT, issue_counter INTEGER NOT NULL DEFAULT 0,
  issuetype_scheme_id INTEGER NOT NULL, workflow_scheme_id INTEGER NOT NULL);
-- Who may do what in a project: holder_type 'group' (holder = group name) or 'any-user' (any logged-in user).
CREATE TABLE IF NOT EXISTS project_grants (
  project_id INTEGER NOT NULL, permission TEXT NOT NULL, holder_type TEXT NOT NULL, holder TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (project_id, permission, holder_type, holder));
CREATE TABLE IF NOT EXISTS issuetypes (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, description TEXT NOT NULL DEFAULT '',
  hierarchy_level INTEGER NOT NULL, avatar_id INTEGER NOT NULL, entity_id TEXT NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS issuetypes_name ON issuetypes(name COLLATE NOCASE);
CREATE TABLE IF NOT EXISTS issuetype_schemes (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, description TEXT NOT NULL DEFAULT '',
  is_default INTEGER NOT NULL DEFAULT 0, default_issuetype_id INTEGER);
CREATE TABLE IF NOT EXISTS issuetype_scheme_items (
  scheme_id INTEGER NOT NULL, issuetype_id INTEGER NOT NULL, position INTEGER NOT NULL,
  PRIMARY KEY (scheme_id, issuetype_id));
CREATE TABLE IF NOT EXISTS statuses (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, category TEXT NOT NULL, description TEXT NOT NULL DEFAULT '',
  scope_project_id INTEGER);
CREATE TABLE IF NOT EXISTS workflows (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, description TEXT NOT NULL DEFAULT '', scope_project_id INTEGER,
  doc TEXT NOT NULL, created TEXT NOT NULL, updated TEXT NOT NULL, version INTEGER NOT NULL DEFAULT 0);
CREATE UNIQUE INDEX IF NOT EXISTS workflows_name ON workflows(name);
CREATE TABLE IF NOT EXISTS workflow_schemes (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, description TEXT NOT NULL DEFAULT '',
  default_workflow TEXT NOT NULL, mappings TEXT NOT NULL DEFAULT '{}', updated TEXT NOT NULL, updated_by TEXT);
CREATE TABLE IF NOT EXISTS issues (
  id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, project_id INTEGER NOT NULL, num INTEGER NOT NULL,
  issuetype_id INTEGER NOT NULL, status_id INTEGER NOT NULL, summary TEXT NOT NULL,
  description TEXT, labels TEXT NOT NULL DEFAULT '[]', assignee TEXT, reporter TEXT, parent_id INTEGER,
  created INTEGER NOT NULL, updated INTEGER NOT NULL, status_changed INTEGER NOT NULL,
  extra TEXT NOT NULL DEFAULT '{}');
-- Keys are looked up case-insensitively, as Jira does.
CREATE UNIQUE INDEX IF NOT EXISTS issues_key_nocase ON issues(key COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS issues_project_num ON issues(project_id, num);
CREATE INDEX IF NOT EXISTS issues_status ON issues(status_id);
CREATE INDEX IF NOT EXISTS issues_type ON issues(issuetype_id);
CREATE INDEX IF NOT EXISTS issues_created ON issues(created);
CREATE INDEX IF NOT EXISTS issues_updated ON issues(updated);
CREATE INDEX IF NOT EXISTS issues_assignee ON issues(assignee);
CREATE TABLE IF NOT EXISTS issue_labels (issue_id INTEGER NOT NULL, label TEXT NOT NULL, PRIMARY KEY (label, issue_id));
CREATE INDEX IF NOT EXISTS issue_labels_issue ON issue_labels(issue_id);
CREATE TABLE IF NOT EXISTS issue_properties (
  issue_id INTEGER NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (issue_id, key));
-- Extracted values of jira:entityProperty index definitions; one row per value (arrays: per element).
CREATE TABLE IF NOT EXISTS property_index (
  issue_id INTEGER NOT NULL, property_key TEXT NOT NULL, path TEXT NOT NULL, n REAL, s TEXT);
CREATE INDEX IF NOT EXISTS property_index_s ON property_index(property_key, path, s, issue_id);
CREATE INDEX IF NOT EXISTS property_index_n ON property_index(property_key, path, n, issue_id);
-- Per-issue lookups (ORDER BY an alias, reindexing) must not scan every value of a path.
CREATE INDEX IF NOT EXISTS property_index_issue_path ON property_index(issue_id, property_key, path, n, s);
CREATE TABLE IF NOT EXISTS changelog (
  id INTEGER PRIMARY KEY, issue_id INTEGER NOT NULL, author TEXT, created INTEGER NOT NULL, items TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS changelog_issue ON changelog(issue_id);
-- Issue links (routes/issue-links.ts): a link reads "outward issue <outward> inward issue".
CREATE TABLE IF NOT EXISTS issue_link_types (id INTEGER PRIMARY KEY, name TEXT NOT NULL, inward TEXT NOT NULL, outward TEXT NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS issue_link_types_name ON issue_link_types(name COLLATE NOCASE);
CREATE TABLE IF NOT EXISTS issue_links (
  id INTEGER PRIMARY KEY, type_id INTEGER NOT NULL, outward_issue_id INTEGER NOT NULL, inward_issue_id INTEGER NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS issue_links_pair ON issue_links(type_id, outward_issue_id, inward_issue_id);
CREATE INDEX IF NOT EXISTS issue_links_inward ON issue_links(inward_issue_id);
`;

export const TABLES = [
  'meta',
  'seq',
  'users',
  'groups_',
  'group_members',
  'projects',
  'project_grants',
  'issuetypes',
  'issuetype_schemes',
  'issuetype_scheme_items',
  'statuses',
  'workflows',
  'workflow_schemes',
  'issues',
  'issue_labels',
  'issue_properties',
  'property_index',
  'changelog',
  'issue_link_types',
  'issue_links',
] as const;

export function openDb(path: string): Db {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = OFF');
  db.exec(SCHEMA);
  cacheStatements(db);
  return db;
}

/**
 * Handlers call `db.prepare(sql)` inline for readability; compiling the same SQL on every
 * request cost more than running it, so statements are memoised per SQL text (bounded,
 * since search SQL varies with the JQL).
 */
function cacheStatements(db: Db): void {
  const cache = new Map<string, Database.Statement>();
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = prepare(sql);
      if (cache.size >= 500) cache.delete(cache.keys().next().value as string);
      cache.set(sql, stmt);
    }
    return stmt;
  }) as Db['prepare'];
}

export function wipe(db: Db): void {
  db.transaction(() => {
    for (const t of TABLES) db.prepare(`DELETE FROM ${t}`).run();
  })();
}

/** Next id of a named sequence (ids look like Jira's: numeric strings starting at `start`). */
export function nextId(db: Db, name: string, start: number): number {
  const row = db.prepare('SELECT value FROM seq WHERE name = ?').get(name) as { value: number } | undefined;
  const value = row ? row.value + 1 : start;
  db.prepare('INSERT INTO seq(name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value').run(name, value);
  return value;
}
