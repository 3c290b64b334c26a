// The interface the Forge host (sandbox/host) and the tests call. Kept exactly as the
// team brief fixes it; sandbox/jira/README.md documents it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RateLimiter, RateLimitOptions } from './rate-limit';
import type { SiteBehaviour } from './site';

export type Principal = { kind: 'app' } | { kind: 'user'; accountId: string } | { kind: 'anonymous' };

export interface EmulatorRequest {
  method: string;
  /** Path with query string, e.g. `/rest/api/3/search/jql?jql=project%3DLCOO`. */
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
  principal: Principal;
  /** 'forge': the app's own traffic through the Forge proxy, which Jira's rate limits meter. */
  via?: 'forge';
}

export interface EmulatorResponse {
  status: number;
  headers: Record<string, string>;
  /** A JSON value, or undefined for 204 (and other empty answers). */
  body: unknown;
}

export type IndexValueType = 'number' | 'string' | 'text' | 'user' | 'date';

export interface EntityPropertyIndexDef {
  propertyKey: string;
  /** Dotted path inside the property value, e.g. `index.stage` (a leading dot is accepted). */
  path: string;
  type: IndexValueType;
  searchAlias?: string;
}

export interface ForgeValidatorCall {
  extensionAri: string;
  configuration?: unknown;
  issueKey: string;
  fromStatusId: string;
  toStatusId: string;
  accountId?: string;
}

export interface IssueEvent {
  webhookEvent: 'jira:issue_created' | 'jira:issue_updated' | 'jira:issue_deleted';
  issue: unknown;
  changelog?: unknown;
  accountId?: string;
}

export interface EmulatorHooks {
  /** Called inside POST /issue/{key}/transitions for every rule whose ruleKey is 'forge:expression-validator'. */
  runForgeValidator?(call: ForgeValidatorCall): Promise<{ result: boolean; errorMessage?: string }>;
  onIssueEvent?(event: IssueEvent): void;
}

/** A Forge workflow rule the installed app offers (listed by GET /rest/api/3/workflows/capabilities). */
export interface ForgeRuleDef {
  extensionAri: string;
  name: string;
  description?: string;
  ruleType?: 'Validator' | 'Condition' | 'Function';
}

export interface ContractViolation {
  /** `request` or `response` of the operation, `unknown-operation` or `deprecated-operation`. */
  kind: 'request' | 'response' | 'unknown-operation' | 'deprecated-operation';
  method: string;
  path: string;
  operationId?: string;
  status?: number;
  message: string;
}

/** Checks traffic against Atlassian's OpenAPI document (see openapi-contract.ts). */
export interface OpenApiContract {
  check(req: { method: string; path: string; headers: Record<string, string>; body: unknown }, res: EmulatorResponse): void;
  violations(): ContractViolation[];
  /** operationIds seen so far (to prove a test exercised every route). */
  coveredOperations(): Set<string>;
  clear(): void;
}

export interface SeedUser {
  accountId: string;
  email: string;
  displayName: string;
  accountType: 'atlassian' | 'app';
  groups: string[];
  siteAdmin: boolean;
}

export interface CreateJiraEmulatorOptions {
  /** SQLite file; ':memory:' is fine for tests. */
  dbPath: string;
  entityProperties?: EntityPropertyIndexDef[];
  hooks?: EmulatorHooks;
  contract?: OpenApiContract | null;
  /** Optional: Forge rules the app's manifest declares, shown by /workflows/capabilities. */
  forgeRules?: ForgeRuleDef[];
  /** Base URL used in `self` links; default http://localhost:8080. */
  baseUrl?: string;
  /** Reads of a new async task (scheme switch, draft publish) that report it still running; default 1. */
  asyncTaskPolls?: number;
  /** Jira's rate limits for the app's traffic (see rate-limit.ts); counted always, enforced when enabled. */
  rateLimit?: Partial<RateLimitOptions>;
}

export interface JiraEmulator {
  handle(req: EmulatorRequest): Promise<EmulatorResponse>;
  /** External callers: HTTP basic (email:anytoken) -> that user; no credentials -> 401. */
  httpHandler(req: IncomingMessage, res: ServerResponse): Promise<void>;
  setHooks(hooks: EmulatorHooks): void;
  /** Behaviour tests may change while the emulator runs (async tasks). */
  behaviour: SiteBehaviour;
  /** Points the app spent, and the limits (tests and the bench read and change them). */
  rateLimits: RateLimiter;
  users(): SeedUser[];
  userByEmail(email: string): SeedUser | undefined;
  /** Wipes every table and seeds the site again. */
  reset(): void;
  close(): void;
}
