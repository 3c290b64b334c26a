// manifest.yml's scopes against the Jira routes the app calls. `forge lint` only sees literal
// requestJira(route`...`) calls, and this app calls Jira through src/jira/client.ts, so its
// scope check sees nothing. Here: every route`...` in src/ (test/support/app-routes.ts) is
// matched to its operation in Atlassian's OpenAPI document and the OAuth scopes the document
// gives it (x-atlassian-oauth2-scopes / security); the manifest must grant each (none missing)
// and hold nothing no route needs (none unused). The route list is proven complete by running
// the app through a full seeded site and a tour of every module, with every request it sends
// through the Forge proxy matched to an operation of the list.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAPIBackend from 'openapi-backend';
import { parse } from 'yaml';
import { bootSandbox, type RunningSandbox } from '../../../sandbox/host/boot';
import { runSeed } from '../../../sandbox/seed/orchestrate';
import type { EmulatorRequest } from '../../../sandbox/jira/types';
import { appRoutes, type AppRoute } from '../../support/app-routes';
import { describeWithSpec, openApiSpecPath } from '../../support/openapi-contract';
import { REPO_DIR } from '../../support/sandbox';

jest.setTimeout(180_000);

interface ScopeEntry {
  scheme: string;
  scopes: string[];
  state: string;
}
interface Op {
  operationId?: string;
  deprecated?: boolean;
  'x-atlassian-oauth2-scopes'?: ScopeEntry[];
  security?: Record<string, string[]>[];
}

/** Scopes that are not Jira REST scopes, with what in the app needs them. */
const NON_JIRA_SCOPES: Record<string, (src: string) => boolean> = {
  // @forge/kvs (key-value store and secrets).
  'storage:app': (src) => src.includes("from '@forge/kvs'"),
};

function allSource(dir: string): string {
  return readdirSync(dir)
    .map((n) => join(dir, n))
    .map((p) => (statSync(p).isDirectory() ? allSource(p) : /\.tsx?$/.test(p) ? readFileSync(p, 'utf8') : ''))
    .join('\n');
}

describeWithSpec('OAuth scopes: manifest.yml against the Jira routes the app calls', () => {
  let api: OpenAPIBackend;
  let routes: AppRoute[];
  const manifestScopes = (parse(readFileSync(join(REPO_DIR, 'manifest.yml'), 'utf8')) as { permissions: { scopes: string[] } }).permissions
    .scopes;

  const operationOf = (method: string, path: string) => {
    const url = new URL(path, 'http://jira.local');
    return api.matchOperation({ method: method.toLowerCase(), path: url.pathname, query: {}, headers: {} }) as
      (Op & { path: string; method: string }) | undefined;
  };
  // A placeholder that fits numeric ids too, so /workflowscheme/{id} is not read as /workflowscheme/project.
  const concrete = (template: string) => template.replace(/\{param\}/g, '10000').split('?')[0]!;

  beforeAll(async () => {
    api = new OpenAPIBackend({ definition: openApiSpecPath()!, quick: true, validate: false });
    await api.init();
    routes = appRoutes(join(REPO_DIR, 'src'));
  });

  test('every route in the code is a current operation of the Jira Cloud REST API', () => {
    const problems = routes.flatMap((r) => {
      const op = operationOf(r.method, concrete(r.template));
      if (!op) return [`${r.file}: ${r.method} ${r.template} is not an operation of the document`];
      return op.deprecated ? [`${r.file}: ${r.method} ${r.template} is ${op.operationId}, which Atlassian deprecated`] : [];
    });
    expect(problems).toEqual([]);
    expect(routes.length).toBeGreaterThan(20);
  });

  test('the manifest grants every scope the routes need, and no scope that nothing needs', () => {
    const needed = new Map<string, string[]>(); // scope -> operations that need it
    const missing: string[] = [];
    for (const r of routes) {
      const op = operationOf(r.method, concrete(r.template))!;
      const entries = (op['x-atlassian-oauth2-scopes'] ?? []).filter((e) => e.scheme === 'OAuth2');
      const fromSecurity = (op.security ?? []).flatMap((s) =>
        s['OAuth2'] ? [{ scheme: 'OAuth2', scopes: s['OAuth2'], state: 'security' }] : [],
      );
      const options = entries.length > 0 ? entries : fromSecurity;
      // The manifest may hold the classic ("Current") or the granular ("Beta") scopes of an operation.
      const granted = options.find((e) => e.scopes.every((s) => manifestScopes.includes(s)));
      if (!granted) {
        missing.push(
          `${op.operationId} (${r.method} ${r.template}) needs one of: ${options.map((e) => `[${e.scopes.join(', ')}]`).join(' or ')}`,
        );
        continue;
      }
      for (const s of granted.scopes) needed.set(s, [...(needed.get(s) ?? []), op.operationId ?? r.template]);
    }
    expect(missing).toEqual([]);
    const src = allSource(join(REPO_DIR, 'src'));
    const unused = manifestScopes.filter((s) => (NON_JIRA_SCOPES[s] ? !NON_JIRA_SCOPES[s](src) : !needed.has(s)));
    expect(unused).toEqual([]);
  });

  describe('the route list is complete: what the app sends, across a seeded site and every module, is in it', () => {
    let sb: RunningSandbox;
    let dataDir: string;
    const sent: { method: string; path: string }[] = [];

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'lcoo-scopes-'));
      sb = await bootSandbox({ appDir: REPO_DIR, dataDir, port: 0 });
      const handle = sb.jira.handle.bind(sb.jira);
      sb.jira.handle = (req: EmulatorRequest) => {
        if (req.via === 'forge') sent.push({ method: req.method.toUpperCase(), path: req.path });
        return handle(req);
      };
      const report = await runSeed(sb);
      const as = (email: string) => sb.jira.userByEmail(email)!.accountId;
      const invoke = async (
        moduleKey: string,
        key: string,
        payload: unknown,
        target: Parameters<typeof sb.host.frontendContext>[2],
        email = 'admin@lcoo.example',
      ) => sb.host.invoke(moduleKey, key, payload, await sb.host.frontendContext(moduleKey, as(email), target, sb.url));
      const admin = { kind: 'admin' } as const;
      await invoke('lcoo-admin', 'setup/plan', { projectKey: 'LCOO' }, admin);
      await invoke('lcoo-admin', 'setup/status', { projectKey: 'LCOO' }, admin);
      const config = (await invoke('lcoo-admin', 'config/get', {}, admin)) as { data: { config: unknown } };
      await invoke('lcoo-admin', 'config/save', config.data.config, admin);
      await invoke('lcoo-admin', 'groups/check', { names: ['lcoo-cores', 'no-such-group'] }, admin);
      const gadget = { kind: 'gadget', dashboardId: '10000', gadgetId: 'lcoo-portfolio-gadget-1' } as const;
      await invoke('lcoo-portfolio-gadget', 'portfolio/load', {}, gadget);
      await invoke('lcoo-portfolio-gadget', 'gadget/options', {}, { ...gadget, entryPoint: 'edit' });
      await invoke('lcoo-portfolio-gadget', 'gadget/check-config', { config: {} }, { ...gadget, entryPoint: 'edit' });
      await invoke('lcoo-stage-gate', 'validator/options', {}, { kind: 'validator', entryPoint: 'edit' });
      for (const issueKey of Object.values(report.keys).slice(0, 4))
        await invoke('lcoo-issue-panel', 'panel/load', {}, { kind: 'issue', issueKey }, 'fst-lead@lcoo.example');
      await sb.host.settled();
    }, 170_000);
    afterAll(async () => {
      await sb?.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    test('every request the app sent maps to an operation of a route in the code', () => {
      const listed = new Set(routes.map((r) => operationOf(r.method, concrete(r.template))?.operationId));
      const seen = new Map<string, string>();
      for (const s of sent) {
        const op = operationOf(s.method, s.path);
        seen.set(op?.operationId ?? `unknown ${s.method} ${s.path}`, `${s.method} ${s.path}`);
      }
      const unlisted = [...seen.entries()].filter(([op]) => !listed.has(op)).map(([op, example]) => `${op}: ${example}`);
      expect(unlisted).toEqual([]);
      // The tour (setup on a site that needed everything, every module) reached every route but
      // these, which need a site in another state; each has its own test.
      const notToured = new Set([
        // Setup on a site that already had an LCOO workflow scheme (test/integration/setup/*).
        'updateWorkflowScheme',
        'publishDraftWorkflowScheme',
        'switchWorkflowSchemeForProject',
        'getTask',
        // Setup's name for who asked, when the run's actor is not the caller (setup tests).
        'getUser',
        // A deliverable moved off its Roadmap Item (test/integration/panel/delivery-links.test.ts).
        'deleteIssueLink',
        // A ranked item that left the roadmap (test/integration/roadmap/rank-search.test.ts).
        'deleteIssueProperty',
      ]);
      expect([...listed].filter((op) => op !== undefined && !seen.has(op) && !notToured.has(op))).toEqual([]);
    });
  });
});
