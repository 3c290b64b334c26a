// The one typed client over requestJira. Every Jira call of the app goes through here, so
// rate-limit handling, error mapping and call and point counting live in one place.
//
// Jira Cloud's rate limits (Atlassian's "Rate limiting" page for the Jira platform): an hourly
// points quota per app (1 point per request plus 1 per object a read returns; a write costs 1),
// per-second burst limits per endpoint, and per-issue write limits. Each answers 429 with
// Retry-After, a RateLimit-Reason, and RateLimit / Beta-RateLimit headers
// (`"<policy>";r=<remaining>;t=<seconds to reset>`). The client waits as long as Jira says when
// that fits the function's time, and otherwise fails at once with a message naming the wait.
import api, { route, type Route } from '@forge/api';
import { z } from 'zod';
import { JiraError } from './errors';

export type Actor = 'app' | 'user';

/** What @forge/api's requestJira looks like; tests may hand in another function of this shape. */
export type Requester = (
  path: Route,
  init: { method: string; headers: Record<string, string>; body?: string; redirect?: 'manual' },
) => Promise<{
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}>;

export interface JiraClientOptions {
  as: Actor;
  requester?: Requester;
  /** Waits used between retries; injectable so retry behaviour is testable without real time. */
  sleep?: (ms: number) => Promise<void>;
  maxRetries?: number;
  /** Longest total time spent waiting on 429s before giving up (Forge functions have 25 s). */
  maxWaitMs?: number;
}

/** What the last answer's rate-limit headers said (undefined where Jira sent nothing). */
export interface RateLimitState {
  /** Points left in the hourly quota (Beta-RateLimit / RateLimit `r=`). */
  remaining?: number;
  /** Seconds until the quota window resets (`t=`). */
  resetSeconds?: number;
  /** Jira's warning that less than a fifth of the quota is left (X-Beta-RateLimit-NearLimit / X-RateLimit-NearLimit). */
  nearLimit?: boolean;
  /** Why the last 429 happened (RateLimit-Reason), e.g. jira-quota-tenant-based, jira-burst-based, jira-per-issue-on-write. */
  reason?: string;
}

const JiraErrorBodySchema = z
  .object({
    errorMessages: z.array(z.string()).optional(),
    errors: z.record(z.string(), z.string()).optional(),
    message: z.string().optional(),
  })
  .loose();

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `"policy";r=12;t=30` (the structured field of RateLimit / Beta-RateLimit) -> {r, t}. */
export function parseRateLimitField(header: string | null): { remaining?: number; resetSeconds?: number } {
  if (!header) return {};
  const out: { remaining?: number; resetSeconds?: number } = {};
  for (const part of header.split(';')) {
    const m = /^\s*([rt])\s*=\s*(\d+(?:\.\d+)?)\s*$/.exec(part);
    if (!m) continue;
    if (m[1] === 'r') out.remaining = Number(m[2]);
    else out.resetSeconds = Number(m[2]);
  }
  return out;
}

const header = (h: { get(name: string): string | null }, ...names: string[]): string | null => {
  for (const n of names) {
    const v = h.get(n);
    if (v !== null && v !== '') return v;
  }
  return null;
};

/** How long Jira asks us to wait: Retry-After, else the RateLimit reset, else the X-RateLimit-Reset time; undefined if it says nothing. */
export function jiraWaitMs(h: { get(name: string): string | null }, now = Date.now()): number | undefined {
  const retryAfter = header(h, 'Retry-After');
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  const field = parseRateLimitField(header(h, 'RateLimit', 'Beta-RateLimit'));
  if (field.resetSeconds !== undefined && field.remaining === 0) return Math.round(field.resetSeconds * 1000);
  const reset = header(h, 'X-RateLimit-Reset', 'X-Beta-RateLimit-Reset');
  if (reset) {
    const date = Date.parse(reset);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  return undefined;
}

/** Retry-After (or the other rate-limit headers), else exponential backoff with jitter, as Atlassian's guide asks. */
export function retryAfterMs(headerValue: string | null, attempt: number, now = Date.now()): number {
  const told = jiraWaitMs({ get: (n) => (n === 'Retry-After' ? headerValue : null) }, now);
  if (told !== undefined) return told;
  return Math.round(1000 * 2 ** attempt * (0.8 + Math.random() * 0.4));
}

/**
 * The points Jira charges for one answered request, as its "Rate limiting" page states them:
 * 1 for the request, plus 1 for each object a read returns; a write costs 1 however much it
 * answers. Objects are the entries of the answer's main list (issues, values, workflows...),
 * or 1 for a single object. The emulator keeps its own count; this is the app's estimate.
 */
export function pointsFor(method: string, readLike: boolean, body: unknown): number {
  if (!readLike && method !== 'GET') return 1;
  return 1 + objectsIn(body);
}

const LIST_KEYS = ['issues', 'values', 'workflows', 'statuses', 'groups', 'projectPermissions', 'permissions', 'transitions'];
function objectsIn(body: unknown): number {
  if (body === undefined || body === null || body === '') return 0;
  if (Array.isArray(body)) return body.length;
  if (typeof body !== 'object') return 1;
  const o = body as Record<string, unknown>;
  for (const k of LIST_KEYS) {
    const v = o[k];
    if (Array.isArray(v)) return v.length;
    if (k === 'permissions' && v && typeof v === 'object') return Object.keys(v).length;
  }
  return 1;
}

/** POSTs that read (search, bulk reads, checks, dry runs): charged like reads. */
const READ_POSTS = [
  /\/search\/jql$/,
  /\/workflows$/,
  /\/permissions\/check$/,
  /\/jql\/parse$/,
  /\/workflows\/(create|update)\/validation$/,
  /\/expression\/evaluate$/,
];
export const isReadLike = (method: string, path: string): boolean =>
  method === 'GET' || (method === 'POST' && READ_POSTS.some((r) => r.test(path.split('?')[0] ?? '')));

export class JiraClient {
  /** Requests sent (retries included): the figure the bench and the gadget report. */
  calls = 0;
  /** Jira points these requests cost by Atlassian's published rule (see pointsFor). */
  points = 0;
  /** What Jira's rate-limit headers said last. */
  rateLimit: RateLimitState = {};
  private readonly requester: Requester;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly maxRetries: number;
  private readonly maxWaitMs: number;

  constructor(readonly options: JiraClientOptions) {
    this.requester = options.requester ?? ((path, init) => (options.as === 'app' ? api.asApp() : api.asUser()).requestJira(path, init));
    this.sleep = options.sleep ?? defaultSleep;
    this.maxRetries = options.maxRetries ?? 4;
    this.maxWaitMs = options.maxWaitMs ?? 15_000;
  }

  /**
   * Sends one request and parses the JSON answer with `schema`. Non-2xx answers become a
   * JiraError carrying Jira's messages; 429 is retried after the wait Jira asks for.
   */
  async request<T extends z.ZodType>(method: string, path: Route, schema: T, body?: unknown): Promise<z.infer<T>> {
    const text = await this.send(method, path, body);
    const json: unknown = text.length > 0 ? JSON.parse(text) : undefined;
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new JiraError(502, method, path.value, [
        `Jira's answer did not have the expected shape: ${parsed.error.issues
          .slice(0, 3)
          .map((i) => `${i.path.join('.') || 'body'} ${i.message}`)
          .join('; ')}`,
      ]);
    }
    return parsed.data;
  }

  /** For calls whose answer body does not matter (204s, PUTs). */
  async send(method: string, path: Route, body?: unknown): Promise<string> {
    return (await this.exchange(method, path, body, false)).text;
  }

  /**
   * For operations Jira answers with 303 and a Location to an asynchronous task (scheme
   * switch, draft publish). Asks with `redirect: 'manual'`; a 3xx is an answer here, not an
   * error. Whether Forge's fetch honours that is not documented, so a caller must also accept
   * a 2xx (the redirect was followed: the body is then the task itself).
   */
  async sendForTask(method: string, path: Route, body?: unknown): Promise<{ status: number; location?: string; text: string }> {
    return this.exchange(method, path, body, true);
  }

  /** Waits with the client's clock (tests inject it), for callers that poll Jira. */
  wait(ms: number): Promise<void> {
    return this.sleep(ms);
  }

  private async exchange(
    method: string,
    path: Route,
    body: unknown,
    manualRedirect: boolean,
  ): Promise<{ status: number; location?: string; text: string }> {
    let waited = 0;
    for (let attempt = 0; ; attempt++) {
      this.calls++;
      const headers: Record<string, string> = { Accept: 'application/json' };
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      const res = await this.requester(path, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        ...(manualRedirect ? { redirect: 'manual' as const } : {}),
      });
      const text = await res.text();
      this.noteRateLimit(res.headers, res.status);
      if ((res.status >= 200 && res.status < 300) || (manualRedirect && res.status >= 300 && res.status < 400)) {
        this.points += pointsFor(method, isReadLike(method, path.value), safeJson(text));
        const location = res.headers.get('Location') ?? undefined;
        return { status: res.status, text, ...(location ? { location } : {}) };
      }
      // A 429 was refused before Jira did the work; every other answer cost the base point.
      if (res.status !== 429) this.points += 1;
      if (res.status === 429) {
        const told = jiraWaitMs(res.headers);
        const wait = told ?? retryAfterMs(null, attempt);
        if (attempt < this.maxRetries && waited + wait <= this.maxWaitMs) {
          waited += wait;
          await this.sleep(wait);
          continue;
        }
        throw rateLimited(method, path.value, text, wait, this.rateLimit.reason);
      }
      throw toJiraError(res.status, method, path.value, text);
    }
  }

  private noteRateLimit(h: { get(name: string): string | null }, status: number): void {
    const field = parseRateLimitField(header(h, 'RateLimit', 'Beta-RateLimit'));
    const near = header(h, 'X-RateLimit-NearLimit', 'X-Beta-RateLimit-NearLimit');
    const reason = header(h, 'RateLimit-Reason', 'X-RateLimit-Reason', 'X-Beta-RateLimit-Reason');
    this.rateLimit = {
      ...(field.remaining !== undefined ? { remaining: field.remaining } : {}),
      ...(field.resetSeconds !== undefined ? { resetSeconds: field.resetSeconds } : {}),
      ...(near !== null ? { nearLimit: near === 'true' } : {}),
      ...(status === 429 && reason ? { reason } : {}),
    };
  }
}

function safeJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** A 429 the client will not wait out: Jira's words plus how long it asked to wait and why. */
function rateLimited(method: string, path: string, text: string, waitMs: number, reason: string | undefined): JiraError {
  const base = toJiraError(429, method, path, text);
  const minutes = Math.ceil(waitMs / 60_000);
  const why =
    reason && /quota/.test(reason)
      ? `Jira's hourly API quota for this app is used up (${reason}); it frees up in about ${minutes} minute${minutes === 1 ? '' : 's'}.`
      : `Jira asked to wait ${Math.ceil(waitMs / 1000)} s before trying again${reason ? ` (${reason})` : ''}.`;
  return new JiraError(429, method, path, [...base.errorMessages, why], base.errors);
}

function toJiraError(status: number, method: string, path: string, text: string): JiraError {
  let messages: string[] = [];
  let errors: Record<string, string> = {};
  try {
    const body = JiraErrorBodySchema.safeParse(JSON.parse(text));
    if (body.success) {
      messages = body.data.errorMessages ?? (body.data.message ? [body.data.message] : []);
      errors = body.data.errors ?? {};
    }
  } catch {
    if (text.trim()) messages = [text.trim().slice(0, 300)];
  }
  return new JiraError(status, method, path, messages, errors);
}

export const asApp = (options: Omit<JiraClientOptions, 'as'> = {}) => new JiraClient({ ...options, as: 'app' });
export const asUser = (options: Omit<JiraClientOptions, 'as'> = {}) => new JiraClient({ ...options, as: 'user' });
export { route };
