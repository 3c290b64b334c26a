// Jira Cloud's rate limits for apps, as Atlassian's "Rate limiting" page for the Jira platform
// describes them (enforced for every Forge app since March 2026), applied to the app's traffic
// (requests that come through the Forge proxy; a person's own REST calls are not metered):
//
// - Points, per hour: each request costs 1 point plus 1 per object a read returns; a write
//   costs 1. The quota belongs to the app on the site and is shared by every user of the app
//   (policy "tenant-app-quota"; asApp() and asUser() calls both count); points are also kept
//   per user (the "App + user" budget of asUser() calls), with an optional quota of their own.
// - Burst: a token bucket per endpoint and HTTP method (RateLimit-Reason jira-burst-based).
// - Per-issue writes: at most N writes to one issue in a window (jira-per-issue-on-write).
//
// Over a limit: 429 with Retry-After, RateLimit-Reason, and the quota headers. Headers follow
// what apps observed from Jira: `Beta-RateLimit-Policy: "tenant-app-quota";q=<quota>;w=3600`
// and `Beta-RateLimit: "tenant-app-quota";r=<remaining>;t=<seconds to reset>`, sent also as
// RateLimit-Policy / RateLimit, plus X-Beta-RateLimit-NearLimit under 20% left, and
// X-RateLimit-Limit / X-RateLimit-Remaining for the burst bucket. Atlassian publishes no burst
// or per-issue figures (observed tenant-app quotas: 65,000-100,000 points an hour), so every
// number here is configurable; the defaults are guesses recorded in docs/platform-facts.md.
//
// Off by default (npm start, tests): points are still counted, for the bench, but nothing is
// refused and no header is sent. A test or `SANDBOX_RATE_LIMIT=on npm start` turns it on.

export interface RateLimitOptions {
  /** Refuse and send headers (true), or only count points (false, the default). */
  enabled: boolean;
  /** The app's hourly points on the site, shared by every user of the app. */
  pointsPerHour: number;
  /** A quota per user of the app (asUser calls), if any. */
  pointsPerUserPerHour?: number;
  /** Burst bucket per endpoint and method: size and refill per second. */
  burstCapacity: number;
  burstRefillPerSecond: number;
  /** Per-issue writes: at most `issueWrites` in `issueWriteWindowSeconds`. */
  issueWrites: number;
  issueWriteWindowSeconds: number;
  /** The clock (ms since epoch); tests move it. */
  now: () => number;
}

export const DEFAULT_RATE_LIMITS: RateLimitOptions = {
  enabled: false,
  pointsPerHour: 65_000,
  burstCapacity: 350,
  burstRefillPerSecond: 100,
  issueWrites: 20,
  issueWriteWindowSeconds: 10,
  now: () => Date.now(),
};

export type LimitReason = 'jira-quota-tenant-based' | 'jira-quota-user-based' | 'jira-burst-based' | 'jira-per-issue-on-write';

export interface MeteredRequest {
  method: string;
  /** Path without query. */
  path: string;
  /** The route that answers it (one bucket per endpoint + method). */
  endpoint: string;
  /** The user an asUser() call acts for; undefined for asApp(). */
  accountId?: string;
}

export interface PointsTally {
  /** Points the app spent (all users, asApp and asUser). */
  app: number;
  /** Points per user of asUser() calls. */
  byUser: Record<string, number>;
  /** Requests the app sent (refused ones included). */
  requests: number;
  /** Requests refused with 429, by reason. */
  refused: Partial<Record<LimitReason, number>>;
}

/** POSTs that read (searches, bulk reads, checks, dry runs): charged like reads. */
const READ_POSTS = [
  /\/search\/jql$/,
  /^\/rest\/api\/3\/workflows$/,
  /\/permissions\/check$/,
  /\/jql\/parse$/,
  /\/workflows\/(create|update)\/validation$/,
  /\/expression\/evaluate$/,
];
const isRead = (method: string, path: string) => method === 'GET' || (method === 'POST' && READ_POSTS.some((r) => r.test(path)));

/** The objects an answer returns: the entries of its main list, or 1 for a single object. */
export function objectsReturned(body: unknown): number {
  if (body === undefined || body === null) return 0;
  if (Array.isArray(body)) return body.length;
  if (typeof body !== 'object') return 1;
  const o = body as Record<string, unknown>;
  for (const key of ['issues', 'values', 'workflows', 'transitions', 'projectPermissions', 'groups', 'users', 'statuses']) {
    if (Array.isArray(o[key])) return (o[key] as unknown[]).length;
  }
  if (o['permissions'] && typeof o['permissions'] === 'object') return Object.keys(o['permissions'] as object).length;
  return 1;
}

/** The cost Jira's page gives a request and its answer; a refused (429) request costs nothing. */
export function pointsOf(req: { method: string; path: string }, status: number, body: unknown): number {
  if (status === 429) return 0;
  if (status >= 400 || !isRead(req.method, req.path)) return 1;
  return 1 + objectsReturned(body);
}

const ISSUE_WRITE = /^\/rest\/api\/3\/issue\/([^/]+)(\/|$)/;

export interface Refusal {
  status: 429;
  headers: Record<string, string>;
  body: { errorMessages: string[]; errors: Record<string, string> };
}

export class RateLimiter {
  private options: RateLimitOptions;
  private windowStart = 0;
  private windowAppPoints = 0;
  private windowUserPoints = new Map<string, number>();
  private buckets = new Map<string, { tokens: number; at: number }>();
  private issueWrites = new Map<string, number[]>();
  private tally: PointsTally = { app: 0, byUser: {}, requests: 0, refused: {} };

  constructor(options: Partial<RateLimitOptions> = {}) {
    this.options = { ...DEFAULT_RATE_LIMITS, ...options };
  }

  configure(options: Partial<RateLimitOptions>): void {
    this.options = { ...this.options, ...options };
  }

  get settings(): Readonly<RateLimitOptions> {
    return this.options;
  }

  /** Points counted since the start (or the last reset): what the bench prints. */
  points(): PointsTally {
    return { ...this.tally, byUser: { ...this.tally.byUser }, refused: { ...this.tally.refused } };
  }

  resetPoints(): void {
    this.tally = { app: 0, byUser: {}, requests: 0, refused: {} };
  }

  /** Forgets the hour, the buckets and the per-issue windows (a new hour, an idle minute). */
  resetWindows(): void {
    this.windowStart = 0;
    this.windowAppPoints = 0;
    this.windowUserPoints.clear();
    this.buckets.clear();
    this.issueWrites.clear();
  }

  /** Before the request runs: the 429 Jira would answer, or undefined to let it through. */
  admit(req: MeteredRequest): Refusal | undefined {
    this.tally.requests++;
    if (!this.options.enabled) return undefined;
    const now = this.options.now();
    this.rollWindow(now);
    const o = this.options;
    if (this.windowAppPoints >= o.pointsPerHour) return this.refuse('jira-quota-tenant-based', this.secondsToReset(now), now);
    if (req.accountId && o.pointsPerUserPerHour !== undefined && (this.windowUserPoints.get(req.accountId) ?? 0) >= o.pointsPerUserPerHour)
      return this.refuse('jira-quota-user-based', this.secondsToReset(now), now);

    const bucketKey = `${req.method} ${req.endpoint}`;
    const bucket = this.buckets.get(bucketKey) ?? { tokens: o.burstCapacity, at: now };
    bucket.tokens = Math.min(o.burstCapacity, bucket.tokens + ((now - bucket.at) / 1000) * o.burstRefillPerSecond);
    bucket.at = now;
    this.buckets.set(bucketKey, bucket);
    if (bucket.tokens < 1) {
      const wait = Math.max(1, Math.ceil((1 - bucket.tokens) / o.burstRefillPerSecond));
      return this.refuse('jira-burst-based', wait, now, bucket.tokens);
    }

    const issue = req.method !== 'GET' ? ISSUE_WRITE.exec(req.path)?.[1] : undefined;
    if (issue) {
      const windowMs = o.issueWriteWindowSeconds * 1000;
      const recent = (this.issueWrites.get(issue) ?? []).filter((t) => now - t < windowMs);
      if (recent.length >= o.issueWrites) {
        this.issueWrites.set(issue, recent);
        const wait = Math.max(1, Math.ceil((recent[0]! + windowMs - now) / 1000));
        return this.refuse('jira-per-issue-on-write', wait, now);
      }
      recent.push(now);
      this.issueWrites.set(issue, recent);
    }
    bucket.tokens -= 1;
    return undefined;
  }

  /** After the request ran: charge its points; the headers to add when limits are on. */
  charge(req: MeteredRequest, status: number, body: unknown): Record<string, string> {
    const points = pointsOf(req, status, body);
    this.tally.app += points;
    if (req.accountId) this.tally.byUser[req.accountId] = (this.tally.byUser[req.accountId] ?? 0) + points;
    if (!this.options.enabled) return {};
    const now = this.options.now();
    this.rollWindow(now);
    this.windowAppPoints += points;
    if (req.accountId) this.windowUserPoints.set(req.accountId, (this.windowUserPoints.get(req.accountId) ?? 0) + points);
    const bucket = this.buckets.get(`${req.method} ${req.endpoint}`);
    return {
      ...this.quotaHeaders(now),
      'x-ratelimit-limit': String(this.options.burstCapacity),
      'x-ratelimit-remaining': String(Math.max(0, Math.floor(bucket?.tokens ?? this.options.burstCapacity))),
    };
  }

  private rollWindow(now: number): void {
    const hourStart = Math.floor(now / 3_600_000) * 3_600_000;
    if (hourStart !== this.windowStart) {
      this.windowStart = hourStart;
      this.windowAppPoints = 0;
      this.windowUserPoints.clear();
    }
  }

  private secondsToReset(now: number): number {
    return Math.max(1, Math.ceil((this.windowStart + 3_600_000 - now) / 1000));
  }

  private quotaHeaders(now: number): Record<string, string> {
    const quota = this.options.pointsPerHour;
    const remaining = Math.max(0, quota - this.windowAppPoints);
    const policy = `"tenant-app-quota";q=${quota};w=3600`;
    const state = `"tenant-app-quota";r=${remaining};t=${this.secondsToReset(now)}`;
    return {
      'beta-ratelimit-policy': policy,
      'beta-ratelimit': state,
      'ratelimit-policy': policy,
      ratelimit: state,
      ...(remaining < quota * 0.2 ? { 'x-beta-ratelimit-nearlimit': 'true', 'x-ratelimit-nearlimit': 'true' } : {}),
    };
  }

  private refuse(reason: LimitReason, retryAfterSeconds: number, now: number, burstTokens?: number): Refusal {
    this.tally.refused[reason] = (this.tally.refused[reason] ?? 0) + 1;
    const quota = reason.startsWith('jira-quota');
    return {
      status: 429,
      headers: {
        'retry-after': String(retryAfterSeconds),
        'ratelimit-reason': reason,
        'x-beta-ratelimit-reason': reason,
        ...this.quotaHeaders(now),
        ...(quota ? { 'x-beta-ratelimit-reset': new Date(this.windowStart + 3_600_000).toISOString().replace(/:\d\d\.\d{3}Z$/, 'Z') } : {}),
        ...(burstTokens !== undefined ? { 'x-ratelimit-limit': String(this.options.burstCapacity), 'x-ratelimit-remaining': '0' } : {}),
      },
      body: {
        errorMessages: [
          quota
            ? `Rate limit exceeded: the app's hourly points quota on this site is used up (${reason}). Retry after ${retryAfterSeconds} seconds.`
            : `Rate limit exceeded (${reason}). Retry after ${retryAfterSeconds} seconds.`,
        ],
        errors: {},
      },
    };
  }
}
