// The Jira Cloud REST emulator of the sandbox: `createJiraEmulator()` returns an object
// whose `handle()` the Forge host calls in-process for every `requestJira` of the app,
// and whose `httpHandler()` serves external callers (HTTP basic, email + any token).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { openDb, wipe } from './db';
import { JiraError, unauthorized } from './errors';
import { RateLimiter } from './rate-limit';
import { MAX_JSON_DEPTH, nestsDeeperThan, textNestsDeeperThan } from './json-depth';
import type { UserRow } from './model';
import { Query, type Ctx, type Reply, type Route } from './router';
import type { Principal } from './types';
import { issuePropertyRoutes } from './routes/issue-properties';
import { issueRoutes } from './routes/issues';
import { issueLinkRoutes } from './routes/issue-links';
import { issueTypeRoutes } from './routes/issue-types';
import { peopleAndProjectRoutes } from './routes/people-and-projects';
import { searchRoutes } from './routes/search';
import { statusRoutes } from './routes/statuses';
import { transitionRoutes } from './routes/transitions';
import { workflowRoutes } from './routes/workflows';
import { workflowSchemeRoutes } from './routes/workflow-schemes';
import { isSeeded, SEED_USERS, seedSite } from './seed-site';
import { Site } from './site';
import type { CreateJiraEmulatorOptions, EmulatorHooks, EmulatorRequest, EmulatorResponse, JiraEmulator, SeedUser } from './types';

export type {
  ContractViolation,
  CreateJiraEmulatorOptions,
  EmulatorHooks,
  EmulatorRequest,
  EmulatorResponse,
  EntityPropertyIndexDef,
  ForgeRuleDef,
  ForgeValidatorCall,
  IssueEvent,
  JiraEmulator,
  OpenApiContract,
  Principal,
  SeedUser,
} from './types';
export { APP_ACCOUNT_ID } from './site';
export { LCOO_PROJECT_ID, SEED_USERS } from './seed-site';

/** Operations Atlassian deprecated: refused with 410 and the operation to use instead. */
const DEPRECATED: { method: string; pattern: RegExp; use: string }[] = [
  { method: 'GET', pattern: /^\/rest\/api\/3\/search$/, use: 'GET /rest/api/3/search/jql (enhanced search with nextPageToken)' },
  { method: 'POST', pattern: /^\/rest\/api\/3\/search$/, use: 'POST /rest/api/3/search/jql (enhanced search with nextPageToken)' },
  { method: '*', pattern: /^\/rest\/api\/3\/workflow(\/.*)?$/, use: 'the /rest/api/3/workflows/* operations (create, search, read)' },
  { method: 'POST', pattern: /^\/rest\/api\/3\/expression\/eval$/, use: 'POST /rest/api/3/expression/evaluate' },
];

const ROUTES: Route[] = [
  ...issueRoutes,
  ...issuePropertyRoutes,
  ...transitionRoutes,
  ...searchRoutes,
  ...issueTypeRoutes,
  ...issueLinkRoutes,
  ...statusRoutes,
  ...workflowRoutes,
  ...workflowSchemeRoutes,
  ...peopleAndProjectRoutes,
];

const jsonHeaders = { 'content-type': 'application/json;charset=UTF-8' };

/** asUser() calls are also counted for their user (the "App + user" budget). */
const meteredUser = (p: Principal): { accountId?: string } => (p.kind === 'user' ? { accountId: p.accountId } : {});

/**
 * `body` is normally a JSON value. A string is taken as JSON text when it parses (the host
 * may hand over `init.body` as sent by @forge/api) and as a plain string value otherwise.
 */
function parseBody(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  if (body.trim() === '') return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}

/** What an HTTP caller may send; larger bodies are read to the end and refused with 413. */
export const MAX_HTTP_BODY_BYTES = 10 * 1024 * 1024;
const DRAIN_CAP_BYTES = 64 * 1024 * 1024;

function readHttpBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_HTTP_BODY_BYTES) chunks.push(c);
      else chunks.length = 0;
      if (size > DRAIN_CAP_BYTES) {
        reject(new JiraError(413, [`The request body is over ${DRAIN_CAP_BYTES} bytes.`]));
        req.destroy();
      }
    });
    req.on('end', () =>
      size > MAX_HTTP_BODY_BYTES
        ? reject(new JiraError(413, [`The request body is ${size} bytes; the Jira emulator takes at most ${MAX_HTTP_BODY_BYTES}.`]))
        : resolve(Buffer.concat(chunks).toString('utf8')),
    );
    req.on('error', reject);
  });
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** A path segment as sent; a malformed %-escape is kept as is (the route then answers 404), not a URIError. */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** HTTP callers always send JSON text: invalid text is a 400, as Jira answers it. */
function parseHttpBody(raw: string): unknown {
  if (raw.trim() === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new JiraError(400, ['The request body is not valid JSON.']);
  }
}

export function createJiraEmulator(opts: CreateJiraEmulatorOptions): JiraEmulator {
  const db = openDb(opts.dbPath);
  if (!isSeeded(db)) seedSite(db);
  const site = new Site(db, opts.baseUrl ?? 'http://localhost:8080', opts.entityProperties ?? [], opts.forgeRules ?? [], {
    asyncTaskPolls: opts.asyncTaskPolls ?? 1,
    failNextTask: false,
  });
  let hooks: EmulatorHooks = opts.hooks ?? {};
  const contract = opts.contract ?? undefined;

  const limiter = new RateLimiter(opts.rateLimit ?? {});

  /** The route that answers a method + path, and its captures; undefined when none does. */
  function findRoute(method: string, pathname: string): { r: Route; m: RegExpExecArray } | undefined {
    for (const r of ROUTES) {
      if (r.method !== method) continue;
      const m = r.pattern.exec(pathname);
      if (m) return { r, m };
    }
    return undefined;
  }

  /** The request's method, path, route and the metering key Jira's burst limit counts by (endpoint + method). */
  function locate(req: EmulatorRequest) {
    const url = new URL(req.path, 'http://jira.local');
    const method = req.method.toUpperCase();
    const pathname = url.pathname.replace(/\/+$/, '') || '/';
    const found = findRoute(method, pathname);
    const meter = { method, path: pathname, endpoint: found?.r.pattern.source ?? pathname, ...meteredUser(req.principal) };
    return { url, method, pathname, found, meter };
  }

  async function dispatch(req: EmulatorRequest, at: ReturnType<typeof locate>, metered: boolean): Promise<Reply> {
    const { url, method, pathname, found } = at;
    if (metered) {
      const refusal = limiter.admit(at.meter);
      if (refusal) return refusal;
    }
    const old = DEPRECATED.find((d) => (d.method === '*' || d.method === method) && d.pattern.test(pathname));
    if (old) throw new JiraError(410, [`${method} ${pathname} is deprecated and has been removed from Jira Cloud. Use ${old.use}.`]);
    if (!found)
      throw new JiraError(404, [
        `The Jira emulator has no operation ${method} ${pathname}. Check the method and path against the Jira Cloud REST API v3.`,
      ]);
    const body = parseBody(req.body);
    // Refused before any handler, indexer or serialiser walks it (see json-depth.ts).
    if (nestsDeeperThan(body)) throw new JiraError(400, [`The request body nests deeper than ${MAX_JSON_DEPTH} levels.`]);
    const ctx: Ctx = {
      site,
      principal: req.principal,
      hooks,
      method,
      path: pathname,
      query: new Query(url.searchParams),
      params: found.m.slice(1).map((p) => safeDecode(p)),
      body,
    };
    return await found.r.handler(ctx);
  }

  async function handle(req: EmulatorRequest): Promise<EmulatorResponse> {
    let reply: Reply;
    // Jira meters what apps send; a person's own REST calls (pages, curl) are not app traffic.
    const metered = req.via === 'forge' && req.principal.kind !== 'anonymous';
    const at = locate(req);
    try {
      reply = await dispatch(req, at, metered);
    } catch (err) {
      if (err instanceof JiraError) reply = { status: err.status, body: err.body() };
      else {
        console.error(`[jira-emulator] ${req.method} ${req.path} failed:`, err);
        reply = {
          status: 500,
          body: { errorMessages: [`Internal error in the Jira emulator: ${err instanceof Error ? err.message : String(err)}`], errors: {} },
        };
      }
    }
    const meterHeaders = metered && reply.status !== 429 ? limiter.charge(at.meter, reply.status, reply.body) : {};
    const res: EmulatorResponse = {
      status: reply.status,
      headers: { ...(reply.body === undefined ? {} : jsonHeaders), ...reply.headers, ...meterHeaders },
      body: reply.body,
    };
    if (contract) {
      contract.check({ method: req.method, path: req.path, headers: req.headers ?? {}, body: parseBody(req.body) }, res);
    }
    return res;
  }

  /**
   * External callers: HTTP basic with a seeded user's email and any token. No credentials,
   * unknown ones, a body that is too large, not JSON or nested too deeply: each is answered in
   * Jira's error format, never a reset connection or a 500.
   */
  async function httpHandler(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let out: EmulatorResponse;
    try {
      const raw = await readHttpBody(req);
      const principal = basicPrincipal(req.headers.authorization);
      if (principal.kind === 'anonymous') throw unauthorized();
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
      if (raw.trim() !== '' && !/^application\/json\s*(;|$)/i.test(headers['content-type'] ?? ''))
        throw new JiraError(415, [`Send the request body as application/json (got ${headers['content-type'] ?? 'no content type'}).`]);
      if (textNestsDeeperThan(raw)) throw new JiraError(400, [`The request body nests deeper than ${MAX_JSON_DEPTH} levels.`]);
      const body = parseHttpBody(raw);
      // Re-serialise so handle() reads it back as exactly this JSON value.
      out = await handle({
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        principal,
      });
    } catch (err) {
      if (!(err instanceof JiraError)) console.error(`[jira-emulator] ${req.method} ${req.url} failed:`, err);
      const e = err instanceof JiraError ? err : new JiraError(500, [`Internal error in the Jira emulator: ${errorText(err)}`]);
      out = { status: e.status, headers: { ...jsonHeaders }, body: e.body() };
    }
    let text: string;
    try {
      text = out.body === undefined ? '' : JSON.stringify(out.body);
    } catch (err) {
      out = { status: 500, headers: { ...jsonHeaders }, body: undefined };
      text = JSON.stringify({ errorMessages: [`The Jira emulator could not serialise its answer: ${errorText(err)}`], errors: {} });
    }
    if (!res.headersSent) res.writeHead(out.status, out.headers);
    res.end(text);
  }

  function basicPrincipal(auth: string | undefined): EmulatorRequest['principal'] {
    const basic = /^Basic\s+(.+)$/i.exec(auth ?? '');
    if (!basic?.[1]) return { kind: 'anonymous' };
    const email = Buffer.from(basic[1], 'base64').toString('utf8').split(':')[0] ?? '';
    const user = email ? site.userByEmail(email) : undefined;
    return user && user.account_type !== 'app' ? { kind: 'user', accountId: user.account_id } : { kind: 'anonymous' };
  }

  const seedUser = (row: UserRow): SeedUser => ({
    accountId: row.account_id,
    email: row.email ?? '',
    displayName: row.display_name,
    accountType: row.account_type === 'app' ? 'app' : 'atlassian',
    groups: site.groupsOf(row.account_id),
    siteAdmin: row.site_admin === 1,
  });

  return {
    handle,
    httpHandler,
    setHooks(next) {
      hooks = next;
    },
    behaviour: site.behaviour,
    rateLimits: limiter,
    users: () => (db.prepare('SELECT * FROM users ORDER BY rowid').all() as UserRow[]).map(seedUser),
    userByEmail: (email) => {
      const row = site.userByEmail(email);
      return row ? seedUser(row) : undefined;
    },
    reset() {
      wipe(db);
      seedSite(db);
    },
    close() {
      db.close();
    },
  };
}

/** The seeded people, for pages that offer a user switcher before an emulator exists. */
export const seedUsers = (): SeedUser[] => SEED_USERS.map((u) => ({ ...u, groups: [...u.groups] }));
