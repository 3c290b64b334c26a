// The Jira-like site (host origin) and the Custom UI resource origin (PORT+1 by default).
// Pages call the emulator in-process as the signed-in user (cookie, switchable among the
// seeded users); /rest/api/3/* is proxied to the emulator's HTTP handler for curl and for
// the pages' own scripts; /__forge/* answers the host bridge (host-bridge.js).
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { z } from 'zod';
import { FrameTargetSchema, InvocationError, type ForgeHost, type FrameTarget } from '../host/forge-host';
import type { JiraEmulatorPort } from '../host/jira-port';
import { errorMessage } from '../host/runtime';
import { cookies, esc, HttpError, MIME, readJson, redirect, sendHtml, sendJson, sendJiraUnauthorized, sendText } from './http-util';
import { isStateChanging, passesXsrfCheck, refuseCrossOrigin, requireJson } from './request-guard';
import { signInPage } from './pages/sign-in';
import { frameTag, shell, type FrameSpec, type PageUser } from './layout';
import { adminPage, appsIndexPage, type AdminModule } from './pages/apps';
import { globalPage, globalPagePath, type GlobalPageModule } from './pages/global-page';
import { dashboardPage, DASHBOARD_ID, type GadgetModule } from './pages/dashboard';
import { issueViewPage, type IssuePanelModule } from './pages/issue-view';
import { issueListPage } from './pages/issues';
import type { JiraCall } from './pages/jira-call';
import { saveValidatorRule, validatorConfigPage, workflowsPage, type ValidatorModule } from './pages/workflows';
import type { SeedStatus } from '../seed/seed-status';
import { createResourceServer, resourceHostFor } from './resource-server';
import { seedNoticeData } from './seed-notice';
import { tokensCss } from './tokens-css';

export const USER_COOKIE = 'sandbox_user';
export const THEME_COOKIE = 'sandbox_theme';
const PUBLIC_DIR = join(__dirname, 'public');

export interface WebServerOptions {
  host: ForgeHost;
  jira: JiraEmulatorPort;
  port: number;
  /** Default port + 1; 0 when port is 0. */
  resourcePort?: number;
  bindAddress?: string;
  projectKey?: string;
  /** Resolves when the Custom UI builds exist (the resource origin waits for it). */
  resourcesReady?: Promise<unknown>;
  /** A seed under way (npm start): every page shows its progress, GET /__sandbox/seed answers it. */
  seedStatus?: () => SeedStatus | undefined;
  /** Passed to the resource origin (resource-server.ts). */
  hostTokensCss?: boolean;
}

export interface WebServer {
  url: string;
  resourceOrigin: string;
  port: number;
  resourcePort: number;
  close(): Promise<void>;
}

/** Which frame targets each module type may be shown with (a panel never gets a gadget context). */
const TARGET_KIND_BY_TYPE: Record<string, FrameTarget['kind']> = {
  'jira:issuePanel': 'issue',
  'jira:issueGlance': 'issue',
  'jira:issueActivity': 'issue',
  'jira:issueContext': 'issue',
  'jira:dashboardGadget': 'gadget',
  'jira:adminPage': 'admin',
  'jira:globalPage': 'page',
  'jira:workflowValidator': 'validator',
};

/** Forge's limit on what a Custom UI invoke may send (the team's platform notes; see docs/platform-facts.md). */
export const INVOKE_MAX_BYTES = 500 * 1024;

const SignInReq = z.object({ email: z.string().min(1) });
const FrameRef = z.object({ moduleKey: z.string().min(1), target: FrameTargetSchema });
const InvokeReq = FrameRef.extend({ functionKey: z.string().min(1), payload: z.unknown().optional() });
const FetchProductReq = z.object({
  restPath: z.string().startsWith('/'),
  fetchRequestInit: z
    .looseObject({
      method: z.string().optional(),
      headers: z.union([z.array(z.tuple([z.string(), z.string()])), z.record(z.string(), z.string())]).optional(),
      body: z.string().nullable().optional(),
    })
    .optional(),
});
const GadgetConfigReq = z.object({
  moduleKey: z.string(),
  dashboardId: z.string(),
  gadgetId: z.string(),
  config: z.record(z.string(), z.unknown()),
});
const WorkflowRuleReq = z.object({
  workflowId: z.string().min(1),
  transitionId: z.string().min(1),
  ruleIndex: z.number().int().min(0).nullable(),
  moduleKey: z.string(),
  config: z.string({ error: 'workflowRules.onConfigure must return the configuration as a string' }),
});

function listen(server: Server, port: number, address: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, address, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const { host, jira } = opts;
  const projectKey = opts.projectKey ?? 'LCOO';
  const bind = opts.bindAddress ?? '127.0.0.1';
  const app = host.app;

  const modulesOf = (type: string) =>
    [...app.modules.entries()].filter(([, m]) => m.type === type).map(([key, m]) => ({ key, module: m.module }));
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const nested = (v: unknown, k: string) => (v && typeof v === 'object' ? str((v as Record<string, unknown>)[k]) : undefined);

  const panels: IssuePanelModule[] = modulesOf('jira:issuePanel').flatMap(({ key, module }) =>
    str(module['resource']) ? [{ moduleKey: key, resourceKey: String(module['resource']), title: str(module['title']) ?? key }] : [],
  );
  const gadgets: GadgetModule[] = modulesOf('jira:dashboardGadget').flatMap(({ key, module }) => {
    const resourceKey = str(module['resource']);
    if (!resourceKey) return [];
    const edit = nested(module['edit'], 'resource');
    return [{ moduleKey: key, title: str(module['title']) ?? key, resourceKey, ...(edit ? { editResourceKey: edit } : {}) }];
  });
  const adminPages: AdminModule[] = modulesOf('jira:adminPage').flatMap(({ key, module }) =>
    str(module['resource']) ? [{ moduleKey: key, resourceKey: String(module['resource']), title: str(module['title']) ?? key }] : [],
  );
  const globalPages: GlobalPageModule[] = modulesOf('jira:globalPage').flatMap(({ key, module }) =>
    str(module['resource']) ? [{ moduleKey: key, resourceKey: String(module['resource']), title: str(module['title']) ?? key }] : [],
  );
  const validators: ValidatorModule[] = modulesOf('jira:workflowValidator').map(({ key, module }) => {
    const resources: ValidatorModule['resources'] = {};
    for (const mode of ['create', 'edit', 'view'] as const) {
      const r = nested(module[mode], 'resource');
      if (r) resources[mode] = r;
    }
    return { moduleKey: key, name: str(module['name']) ?? key, extensionAri: host.extensionAri(key), resources };
  });

  const signedInUsers = (): PageUser[] =>
    jira
      .users()
      .filter((u) => u.accountType !== 'app' && u.email !== '')
      .map((u) => ({ accountId: u.accountId, email: u.email, displayName: u.displayName }));

  /** The seeded person the sign-in cookie names; nobody when it is missing, empty or names no one. */
  function signedInUser(req: IncomingMessage): PageUser | undefined {
    const wanted = (cookies(req)[USER_COOKIE] ?? '').trim().toLowerCase();
    if (wanted === '') return undefined;
    return signedInUsers().find((u) => u.email.toLowerCase() === wanted);
  }

  const jiraAs =
    (user: PageUser): JiraCall =>
    (method, path, body) =>
      jira.handle({
        method,
        path,
        body,
        principal: { kind: 'user', accountId: user.accountId },
        headers: { 'content-type': 'application/json' },
      });

  let resourcePort = 0;
  const origins = (req: IncomingMessage) => {
    const hostHeader = req.headers.host ?? `localhost:${opts.port}`;
    const hostname = hostHeader.replace(/:\d+$/, '');
    return { hostOrigin: `http://${hostHeader}`, resourceOrigin: `http://${resourceHostFor(hostname)}:${resourcePort}` };
  };

  function page(
    req: IncomingMessage,
    res: ServerResponse,
    user: PageUser,
    active: Parameters<typeof shell>[0]['active'],
    p: { title: string; body: string; frames?: FrameSpec[]; status?: number },
  ) {
    const { hostOrigin, resourceOrigin } = origins(req);
    sendHtml(
      res,
      p.status ?? 200,
      shell({
        title: p.title,
        active,
        user,
        users: signedInUsers(),
        colorMode: cookies(req)[THEME_COOKIE] === 'dark' ? 'dark' : 'light',
        projectKey,
        resourceOrigin,
        hostOrigin,
        frames: p.frames ?? [],
        body: p.body,
        currentPath: req.url ?? '/',
        seed: opts.seedStatus?.(),
        globalPages: globalPages.map((g) => ({ href: globalPagePath(g.moduleKey), title: g.title })),
      }),
    );
  }

  const renderFrameFor = (req: IncomingMessage) => {
    const { hostOrigin, resourceOrigin } = origins(req);
    return (f: FrameSpec) => frameTag(f, resourceOrigin, hostOrigin);
  };

  /** The module must exist and its type must fit the target: contexts are never mixed up. */
  function checkFrame(moduleKey: string, target: FrameTarget): void {
    const m = app.modules.get(moduleKey);
    if (!m) throw new HttpError(404, `The app has no module '${moduleKey}'`);
    if (TARGET_KIND_BY_TYPE[m.type] !== target.kind)
      throw new HttpError(400, `Module '${moduleKey}' (${m.type}) cannot be shown as a ${target.kind} frame`);
  }

  async function forgeApi(req: IncomingMessage, res: ServerResponse, path: string, user: PageUser): Promise<void> {
    const siteUrl = origins(req).hostOrigin;
    switch (path) {
      case '/__forge/context': {
        const ref = FrameRef.parse(await readJson(req));
        checkFrame(ref.moduleKey, ref.target);
        return sendJson(res, 200, await host.frontendContext(ref.moduleKey, user.accountId, ref.target, siteUrl));
      }
      case '/__forge/invoke': {
        const call = InvokeReq.parse(await readJson(req, INVOKE_MAX_BYTES));
        checkFrame(call.moduleKey, call.target);
        const context = await host.frontendContext(call.moduleKey, user.accountId, call.target, siteUrl);
        try {
          const result = await host.invoke(call.moduleKey, call.functionKey, call.payload, context);
          return sendJson(res, 200, { result: result ?? null });
        } catch (e) {
          // The function failed (threw, timed out): on Forge the bridge's invoke rejects. That is
          // the app's failure, not the sandbox's, so it is a 422 the bridge turns into that rejection.
          console.error(`[sandbox] invoke ${call.moduleKey} ${call.functionKey} failed:`, e);
          return sendJson(res, 422, { message: errorMessage(e) });
        }
      }
      case '/__forge/fetch-product': {
        const r = FetchProductReq.parse(await readJson(req));
        const init = r.fetchRequestInit ?? {};
        const headers = Object.fromEntries(
          (Array.isArray(init.headers) ? init.headers : Object.entries(init.headers ?? {})).map(([k, v]) => [k.toLowerCase(), v]),
        );
        let body: unknown = init.body ?? undefined;
        if (typeof body === 'string' && body !== '') {
          try {
            body = JSON.parse(body) as unknown;
          } catch {
            /* a non-JSON body goes through as text */
          }
        }
        const reply = await jira.handle({
          method: (init.method ?? 'GET').toUpperCase(),
          path: r.restPath,
          headers,
          body,
          principal: { kind: 'user', accountId: user.accountId },
        });
        const text =
          reply.body === undefined || reply.body === null ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
        const outHeaders = { ...(text && !reply.headers['content-type'] ? { 'content-type': 'application/json' } : {}), ...reply.headers };
        return sendJson(res, 200, { status: reply.status, statusText: '', headers: outHeaders, body: text, isAttachment: false });
      }
      case '/__forge/gadget-config': {
        const r = GadgetConfigReq.parse(await readJson(req));
        checkFrame(r.moduleKey, { kind: 'gadget', dashboardId: r.dashboardId, gadgetId: r.gadgetId });
        host.saveGadgetConfiguration(r.dashboardId, r.gadgetId, r.config);
        return sendJson(res, 200, { saved: true });
      }
      case '/__forge/workflow-rule': {
        const r = WorkflowRuleReq.parse(await readJson(req));
        const module = validators.find((v) => v.moduleKey === r.moduleKey);
        if (!module) throw new HttpError(404, `The app has no workflow validator '${r.moduleKey}'`);
        try {
          await saveValidatorRule(jiraAs(user), {
            workflowId: r.workflowId,
            transitionId: r.transitionId,
            ruleIndex: r.ruleIndex,
            module,
            config: r.config,
          });
        } catch (e) {
          throw new HttpError(400, errorMessage(e));
        }
        return sendJson(res, 200, { saved: true });
      }
      default:
        throw new HttpError(404, `No sandbox endpoint ${path}`);
    }
  }

  /**
   * /rest/api/3/* for curl and the pages' scripts. HTTP basic (a seeded user's email and any
   * token) goes to the emulator as given; it answers 401 in Jira's format to no or unknown
   * credentials. The sign-in cookie counts only for a seeded user, and a state-changing request
   * with it must come from this origin and pass Jira's XSRF check (X-Atlassian-Token: no-check).
   */
  function proxyRest(req: IncomingMessage, res: ServerResponse): Promise<void> | void {
    if (!req.headers.authorization) {
      const user = signedInUser(req);
      if (!user) return sendJiraUnauthorized(res);
      if (isStateChanging(req)) {
        refuseCrossOrigin(req, origins(req).hostOrigin);
        // Jira's answer to a failed XSRF check is this plain-text 403.
        if (!passesXsrfCheck(req)) return sendText(res, 403, 'XSRF check failed');
      }
      req.headers.authorization = `Basic ${Buffer.from(`${user.email}:sandbox-cookie`).toString('base64')}`;
    }
    return jira.httpHandler(req, res);
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox.local');
    const path = url.pathname;
    if (path.startsWith('/rest/')) return proxyRest(req, res);
    if (req.method === 'GET' && path.startsWith('/static/')) {
      const name = path.slice('/static/'.length);
      if (name === 'tokens.css') {
        res.writeHead(200, { 'content-type': MIME['.css'] ?? 'text/css', 'cache-control': 'max-age=3600' });
        return void res.end(tokensCss());
      }
      if (!['jira.css', 'host-bridge.js'].includes(name)) throw new HttpError(404, `No static file ${name}`);
      res.writeHead(200, { 'content-type': MIME[name.endsWith('.css') ? '.css' : '.js'] ?? 'text/plain', 'cache-control': 'no-store' });
      return void res.end(readFileSync(join(PUBLIC_DIR, name)));
    }
    if (req.method === 'GET' && path === '/__sandbox/seed') return sendJson(res, 200, seedNoticeData(opts.seedStatus?.()));
    if (isStateChanging(req)) {
      refuseCrossOrigin(req, origins(req).hostOrigin);
      requireJson(req);
    }
    if (req.method === 'POST' && path === '/__sandbox/user') {
      const { email } = SignInReq.parse(await readJson(req));
      const user = signedInUsers().find((u) => u.email.toLowerCase() === email.trim().toLowerCase());
      if (!user)
        throw new HttpError(
          400,
          `No seeded user ${email}; sign in as one of: ${signedInUsers()
            .map((u) => u.email)
            .join(', ')}`,
        );
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
        'set-cookie': `${USER_COOKIE}=${encodeURIComponent(user.email)}; Path=/; SameSite=Lax; HttpOnly`,
      });
      return void res.end(JSON.stringify({ signedIn: user.email }));
    }
    if (req.method === 'GET' && path === '/login') {
      const back = url.searchParams.get('back') ?? '/';
      return sendHtml(res, 200, signInPage(signedInUsers(), back.startsWith('/') && !back.startsWith('//') ? back : '/'));
    }
    const user = signedInUser(req);
    if (req.method === 'POST' && path.startsWith('/__forge/')) {
      // Forge runs a Custom UI call as the signed-in Jira user; without one there is no one to run it as.
      if (!user) throw new HttpError(401, 'Sign in to the sandbox first (no seeded user is signed in).');
      return forgeApi(req, res, path, user);
    }
    if (req.method !== 'GET') throw new HttpError(405, `${req.method} ${path} is not served`);
    if (!user) return redirect(res, `/login?${new URLSearchParams({ back: req.url ?? '/' })}`);

    if (path === '/' || path === '/jira') return redirect(res, `/projects/${projectKey}/issues`);
    let m: RegExpMatchArray | null;
    if ((m = path.match(/^\/projects\/([A-Z][A-Z0-9_]*)\/issues$/))) {
      return page(req, res, user, 'issues', await issueListPage(jiraAs(user), m[1] ?? projectKey, url.searchParams.get('jql')));
    }
    if ((m = path.match(/^\/browse\/([A-Z][A-Z0-9_]*-\d+)$/))) {
      return page(req, res, user, 'issues', await issueViewPage(jiraAs(user), m[1] ?? '', panels, renderFrameFor(req)));
    }
    if (path === '/dashboard') {
      return page(req, res, user, 'dashboard', dashboardPage(gadgets, url.searchParams.get('edit'), renderFrameFor(req)));
    }
    if ((m = path.match(/^\/jira\/apps\/([\w-]+)$/))) {
      const p = globalPages.find((g) => g.moduleKey === m?.[1]);
      if (!p) throw new HttpError(404, `The app has no global page '${m[1]}'`);
      return page(req, res, user, 'roadmap', globalPage(p, renderFrameFor(req)));
    }
    if (path === '/admin/apps') return page(req, res, user, 'apps', appsIndexPage(adminPages));
    if ((m = path.match(/^\/admin\/apps\/([\w-]+)$/))) {
      const p = adminPages.find((a) => a.moduleKey === m?.[1]);
      if (!p) throw new HttpError(404, `The app has no admin page '${m[1]}'`);
      return page(req, res, user, 'apps', adminPage(p, renderFrameFor(req)));
    }
    if (path === '/admin/workflows') {
      const saved = url.searchParams.get('saved');
      const p = await workflowsPage(jiraAs(user), validators);
      return page(req, res, user, 'workflows', {
        ...p,
        body: (saved ? `<div class="section-message" role="status">Validator saved on transition ${esc(saved)}.</div>` : '') + p.body,
      });
    }
    if (path === '/admin/workflows/validator') {
      const q = url.searchParams;
      const module = validators.find((v) => v.moduleKey === q.get('module'));
      const mode = z.enum(['create', 'edit', 'view']).safeParse(q.get('mode'));
      if (!module || !mode.success) throw new HttpError(400, 'Need module= (a workflow validator of the app) and mode=create|edit|view');
      const rule = q.get('rule');
      return page(
        req,
        res,
        user,
        'workflows',
        await validatorConfigPage(
          jiraAs(user),
          {
            workflowId: q.get('workflowId') ?? '',
            transitionId: q.get('transitionId') ?? '',
            mode: mode.data,
            rule: rule === null ? null : Number(rule),
            module,
          },
          renderFrameFor(req),
        ),
      );
    }
    if (path === '/favicon.ico') return void res.writeHead(204).end();
    throw new HttpError(404, `No page at ${path}`);
  }

  const server = createServer((req, res) => {
    route(req, res).catch((e: unknown) => {
      const status = e instanceof HttpError ? e.status : e instanceof z.ZodError ? 400 : e instanceof InvocationError ? 422 : 500;
      const message = e instanceof z.ZodError ? `Bad request: ${z.prettifyError(e)}` : errorMessage(e);
      if (status >= 500) console.error('[sandbox web]', req.method, req.url, e);
      if (res.headersSent) return void res.end();
      if ((req.url ?? '').startsWith('/__forge/') || req.headers.accept?.includes('application/json'))
        return sendJson(res, status, { message });
      sendHtml(
        res,
        status,
        `<!doctype html><meta charset="utf-8"><link rel="stylesheet" href="/static/jira.css"><main class="content"><h1>${status}</h1><div class="error-box" role="alert">${esc(message)}</div><p><a href="/">Back to the project</a></p></main>`,
      );
    });
  });
  const resources = createResourceServer(app.resources, opts.resourcesReady, {
    ...(opts.hostTokensCss !== undefined ? { hostTokensCss: opts.hostTokensCss } : {}),
  });

  const port = await listen(server, opts.port, bind);
  resourcePort = await listen(resources, opts.resourcePort ?? (opts.port === 0 ? 0 : port + 1), bind);
  const displayHost = bind === '0.0.0.0' || bind === '127.0.0.1' ? 'localhost' : bind;
  const close = (s: Server) =>
    new Promise<void>((resolve) => {
      s.close(() => resolve());
      s.closeAllConnections();
    });
  return {
    url: `http://${displayHost}:${port}`,
    resourceOrigin: `http://${displayHost}:${resourcePort}`,
    port,
    resourcePort,
    close: async () => {
      await Promise.all([close(server), close(resources)]);
    },
  };
}

export { DASHBOARD_ID };
