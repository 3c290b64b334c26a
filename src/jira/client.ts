// The one typed client over requestJira. Every Jira call of the app goes through here, so
// 429 handling, error mapping and call counting live in one place.
import api, { route, type Route } from '@forge/api';
import { z } from 'zod';
import { JiraError } from './errors';

export type Actor = 'app' | 'user';

/** What @forge/api's requestJira looks like; tests may hand in another function of this shape. */
export type Requester = (
  path: Route,
  init: { method: string; headers: Record<string, string>; body?: string },
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

const JiraErrorBodySchema = z
  .object({
    errorMessages: z.array(z.string()).optional(),
    errors: z.record(z.string(), z.string()).optional(),
    message: z.string().optional(),
  })
  .loose();

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Retry-After is either delta-seconds or an HTTP date. */
export function retryAfterMs(header: string | null, attempt: number, now = Date.now()): number {
  if (header) {
    const seconds = Number(header);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
    const date = Date.parse(header);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  // No usable header: back off exponentially with jitter, as Atlassian's rate-limit guide asks.
  return Math.round(1000 * 2 ** attempt * (0.8 + Math.random() * 0.4));
}

export class JiraClient {
  /** Requests sent (retries included): the figure the bench and the gadget report. */
  calls = 0;
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
   * JiraError carrying Jira's messages; 429 is retried after Retry-After.
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
    let waited = 0;
    for (let attempt = 0; ; attempt++) {
      this.calls++;
      const headers: Record<string, string> = { Accept: 'application/json' };
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      const res = await this.requester(path, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      if (res.status >= 200 && res.status < 300) return text;
      if (res.status === 429 && attempt < this.maxRetries) {
        const wait = retryAfterMs(res.headers.get('Retry-After'), attempt);
        if (waited + wait <= this.maxWaitMs) {
          waited += wait;
          await this.sleep(wait);
          continue;
        }
      }
      throw toJiraError(res.status, method, path.value, text);
    }
  }
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
