// The local Forge host: dispatches resolver invokes, workflow validators and triggers into the
// loaded app exactly as the platform calls them, each in its own invocation scope.
//   resolver:  handler({call:{functionKey,payload}, context}, {installContext, principal:{accountId}, license, installation})
//   validator: handler({issue:{key}, transition:{from:{id},to:{id}}, configuration}, context) -> {result, errorMessage?}
//   trigger:   handler(event, context)
import type { Database } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { LoadedApp, ModuleDef } from './app-loader';
import { createEventQueue, type EventQueueEmulator } from './event-queue';
import { createForgeProxy, type CallCounter, type FetchLogEntry, type RedirectPolicy } from './forge-fetch';
import type { IssueEventArgs, JiraEmulatorPort, JiraHooks, ValidatorHookArgs } from './jira-port';
import { createKvsEmulator, type EntityIndexes, type KvsEmulator } from './kvs-emulator';
import { createEgress, egressHostsOf } from './egress';
import { errorMessage, LOCAL_CLOUD_ID, originalFetch, runInvocation } from './runtime';
import { issueEventToTrigger } from './trigger-events';

/** Stable ids of the one local installation: getAppContext() reports exactly these. */
export const LOCAL_ENVIRONMENT_ID = 'e0c41e5a-5a4d-4b0c-8e11-00000000e001';
export const LOCAL_INSTALLATION_ID = 'f0c41e5a-5a4d-4b0c-8e11-00000000f001';
export const LOCAL_APP_VERSION = '1.0.0-local';
export const INSTALL_CONTEXT = `ari:cloud:jira::site/${LOCAL_CLOUD_ID}`;
export const FUNCTION_TIMEOUT_MS = 25_000;

/** The ARI Jira stores in a workflow rule for a Forge module (built like getAppContext() reports the app). */
export function extensionAriOf(appId: string, moduleKey: string): string {
  return `ari:cloud:ecosystem::extension/${appId}/${LOCAL_ENVIRONMENT_ID}/static/${moduleKey}`;
}

/** Where a Custom UI frame is shown: the host rebuilds its context from this, never trusting the browser. */
export type FrameTarget =
  | { kind: 'issue'; issueKey: string }
  | { kind: 'gadget'; dashboardId: string; gadgetId: string; entryPoint?: 'edit' }
  | { kind: 'admin' }
  /** A full page of its own (jira:globalPage): nothing but the module type in the extension context. */
  | { kind: 'page' }
  | {
      kind: 'validator';
      entryPoint: 'create' | 'edit' | 'view';
      validatorConfig?: string;
      workflowId?: string;
      transitionId?: string;
    };

export const FrameTargetSchema: z.ZodType<FrameTarget> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('issue'), issueKey: z.string().regex(/^[A-Z][A-Z0-9_]*-\d+$/) }),
  z.object({
    kind: z.literal('gadget'),
    dashboardId: z.string().min(1),
    gadgetId: z.string().min(1),
    entryPoint: z.literal('edit').optional(),
  }),
  z.object({ kind: z.literal('admin') }),
  z.object({ kind: z.literal('page') }),
  z.object({
    kind: z.literal('validator'),
    entryPoint: z.enum(['create', 'edit', 'view']),
    validatorConfig: z.string().optional(),
    workflowId: z.string().optional(),
    transitionId: z.string().optional(),
  }),
]);

export interface FrontendContext {
  accountId?: string;
  cloudId: string;
  siteUrl: string;
  environmentId: string;
  environmentType: 'DEVELOPMENT';
  moduleKey: string;
  localId: string;
  locale: string;
  timezone: string;
  license?: undefined;
  extension: Record<string, unknown> & { type: string };
}

export class InvocationError extends Error {
  override name = 'InvocationError';
}

export interface TriggerRun {
  triggerKey: string;
  eventType: string;
  ok: boolean;
  result?: unknown;
  error?: string;
}

export interface ForgeHost {
  app: LoadedApp;
  kvs: KvsEmulator;
  /** Forge async events: pushes and the consumer runs. */
  queue: EventQueueEmulator;
  /** Jira and storage calls counted at the boundary, with an optional emulated latency (bench). */
  counter: CallCounter;
  /** Every __forge_fetch__ the app made (newest last, bounded): for tests and debugging. */
  fetchLog: FetchLogEntry[];
  extensionAri(moduleKey: string): string;
  frontendContext(moduleKey: string, accountId: string | undefined, target: FrameTarget, siteUrl?: string): Promise<FrontendContext>;
  /** A Custom UI `invoke(functionKey, payload)` of the module, with the context its frame has. */
  invoke(moduleKey: string, functionKey: string, payload: unknown, context: FrontendContext): Promise<unknown>;
  runValidator(args: ValidatorHookArgs): Promise<{ result: boolean; errorMessage?: string }>;
  fireTrigger(eventType: string, event: Record<string, unknown>): Promise<TriggerRun[]>;
  runScheduledTrigger(triggerKey: string): Promise<TriggerRun>;
  /** Fires avi:forge:installed:app unless this data dir has seen it already. */
  installOnce(installerAccountId?: string): Promise<TriggerRun[] | null>;
  /** The hooks to give the Jira emulator (validators and issue events). */
  jiraHooks(): JiraHooks;
  /** Resolves when every trigger fired by Jira events so far has finished. */
  settled(): Promise<TriggerRun[]>;
  /** Resolves when every function still running has finished (timed-out ones included): call before closing the databases. */
  drain(): Promise<void>;
  gadgetConfiguration(dashboardId: string, gadgetId: string): Record<string, unknown>;
  saveGadgetConfiguration(dashboardId: string, gadgetId: string, config: unknown): void;
}

function entityIndexes(app: LoadedApp): EntityIndexes {
  const out: EntityIndexes = {};
  for (const entity of app.manifest.app.storage?.entities ?? []) {
    out[entity.name] = (entity.indexes ?? []).map((ix) =>
      typeof ix === 'string'
        ? { name: ix, range: [ix], partition: [] }
        : {
            name: String((ix as Record<string, unknown>)['name']),
            range: ((ix as Record<string, unknown>)['range'] as string[] | undefined) ?? [],
            partition: ((ix as Record<string, unknown>)['partition'] as string[] | undefined) ?? [],
          },
    );
  }
  return out;
}

/** Races the handler against Forge's deadline; the handler keeps running, as a timed-out lambda's result is dropped. */
async function withDeadline<T>(what: string, ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new InvocationError(`${what} did not finish within ${ms / 1000} s (Forge's function time limit)`)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

const IssueForContext = z.looseObject({
  id: z.string(),
  key: z.string(),
  fields: z.looseObject({
    issuetype: z.looseObject({ id: z.string(), name: z.string() }),
    project: z.looseObject({ id: z.string(), key: z.string(), projectTypeKey: z.string().optional() }),
  }),
});

export function createForgeHost(opts: {
  app: LoadedApp;
  jira: JiraEmulatorPort;
  db: Database;
  siteUrl?: string;
  functionTimeoutMs?: number;
  /** What the Forge fetch does with a 303 to a Jira task (see RedirectPolicy). */
  redirects?: RedirectPolicy;
  /** Host -> emulator base URL for the app's external fetches (e.g. review.opendev.org -> the Gerrit emulator). */
  egressRoutes?: Record<string, string>;
}): ForgeHost {
  const { app, jira, db } = opts;
  const timeoutMs = opts.functionTimeoutMs ?? FUNCTION_TIMEOUT_MS;
  const kvs = createKvsEmulator(db, entityIndexes(app));
  const fetchLog: FetchLogEntry[] = [];
  const egress = createEgress(egressHostsOf(app.manifest), opts.egressRoutes ?? {}, originalFetch());
  db.exec(`CREATE TABLE IF NOT EXISTS forge_host_state (name TEXT PRIMARY KEY, value TEXT NOT NULL);
           CREATE TABLE IF NOT EXISTS forge_gadget_config (dashboard_id TEXT NOT NULL, gadget_id TEXT NOT NULL, config TEXT NOT NULL,
             PRIMARY KEY (dashboard_id, gadget_id));`);
  const pending = new Set<Promise<TriggerRun[]>>();
  const counter: CallCounter = { jira: 0, storage: 0 };
  const running = new Set<Promise<unknown>>();

  const extensionAri = (moduleKey: string) => extensionAriOf(app.appId, moduleKey);

  const moduleOf = (moduleKey: string): { type: string; module: ModuleDef } => {
    const m = app.modules.get(moduleKey);
    if (!m) throw new InvocationError(`manifest.yml has no module '${moduleKey}'`);
    return m;
  };

  /** The second argument Forge passes to every function. */
  const runtimeContext = (accountId: string | undefined) => ({
    installContext: INSTALL_CONTEXT,
    principal: accountId ? { accountId } : undefined,
    license: undefined,
    installation: { ari: { installationId: LOCAL_INSTALLATION_ID }, contexts: [{ cloudId: LOCAL_CLOUD_ID }] },
  });

  function call<T>(
    moduleKey: string,
    moduleType: string,
    functionKey: string,
    accountId: string | undefined,
    fn: (h: (...a: unknown[]) => unknown) => unknown,
  ): Promise<T> {
    const handler = app.handler(functionKey);
    return runInvocation(
      {
        appId: app.appId,
        environmentId: LOCAL_ENVIRONMENT_ID,
        installationId: LOCAL_INSTALLATION_ID,
        appVersion: LOCAL_APP_VERSION,
        moduleKey,
        moduleType,
        functionKey,
        accountId,
        scopes: app.scopes,
        timeoutMs,
        backend: createForgeProxy(
          { jira, kvs, queue, counter, log: fetchLog, ...(opts.redirects ? { redirects: opts.redirects } : {}) },
          accountId,
        ),
        egress,
      },
      () => {
        const work = Promise.resolve().then(() => fn(handler) as Promise<T>);
        // A timed-out function keeps running (as a lambda would); remember it so close() can wait.
        const settledWork = work.then(
          () => undefined,
          () => undefined,
        );
        running.add(settledWork);
        void settledWork.then(() => running.delete(settledWork));
        return withDeadline(`Function '${functionKey}' (module ${moduleKey})`, timeoutMs, work);
      },
    );
  }

  // Consumers by queue (manifest `consumer`): each event runs in its own invocation, as the app.
  const consumers = new Map<string, { moduleKey: string; functionKey: string }>();
  for (const [key, { type, module }] of app.modules) {
    if (type === 'consumer' && typeof module['queue'] === 'string' && typeof module['function'] === 'string') {
      consumers.set(module['queue'], { moduleKey: key, functionKey: module['function'] });
    }
  }
  const queue: EventQueueEmulator = createEventQueue(consumers, (moduleKey, functionKey, event) =>
    call(moduleKey, 'consumer', functionKey, undefined, (h) => h(event, { ...runtimeContext(undefined), moduleKey })),
  );

  async function frontendContext(
    moduleKey: string,
    accountId: string | undefined,
    target: FrameTarget,
    siteUrl?: string,
  ): Promise<FrontendContext> {
    const { type } = moduleOf(moduleKey);
    let extension: FrontendContext['extension'];
    switch (target.kind) {
      case 'issue': {
        const reply = await jira.handle({
          method: 'GET',
          path: `/rest/api/3/issue/${encodeURIComponent(target.issueKey)}?fields=issuetype,project`,
          principal: { kind: 'app' },
        });
        const issue = IssueForContext.safeParse(reply.body);
        if (reply.status !== 200 || !issue.success)
          throw new InvocationError(`Issue ${target.issueKey} cannot be shown (Jira answered ${reply.status})`);
        const f = issue.data.fields;
        extension = {
          type,
          issue: { id: issue.data.id, key: issue.data.key, type: f.issuetype.name, typeId: f.issuetype.id },
          project: { id: f.project.id, key: f.project.key, type: f.project.projectTypeKey ?? 'software' },
        };
        break;
      }
      case 'gadget':
        extension = {
          type,
          gadget: { id: target.gadgetId },
          dashboard: { id: target.dashboardId },
          gadgetConfiguration: gadgetConfiguration(target.dashboardId, target.gadgetId),
          ...(target.entryPoint ? { entryPoint: target.entryPoint } : {}),
        };
        break;
      case 'admin':
      case 'page':
        extension = { type };
        break;
      case 'validator':
        // Jira hands the rule's saved configuration (the string onConfigure returned) to the
        // create/edit/view resource as extension.validatorConfig (Atlassian's workflowRules page).
        extension = {
          type,
          entryPoint: target.entryPoint,
          ...(target.validatorConfig !== undefined ? { validatorConfig: target.validatorConfig } : {}),
          ...(target.workflowId ? { workflowId: target.workflowId } : {}),
          ...(target.transitionId ? { transitionId: target.transitionId } : {}),
        };
        break;
    }
    return {
      ...(accountId ? { accountId } : {}),
      cloudId: LOCAL_CLOUD_ID,
      siteUrl: siteUrl ?? opts.siteUrl ?? 'http://localhost',
      environmentId: LOCAL_ENVIRONMENT_ID,
      environmentType: 'DEVELOPMENT',
      moduleKey,
      localId: `${extensionAri(moduleKey)}/${target.kind}`,
      locale: 'en-US',
      timezone: 'UTC',
      extension,
    };
  }

  async function invoke(moduleKey: string, functionKey: string, payload: unknown, context: FrontendContext): Promise<unknown> {
    const { type, module } = moduleOf(moduleKey);
    const resolver = (module['resolver'] as { function?: string } | undefined)?.function;
    if (!resolver)
      throw new InvocationError(`Module '${moduleKey}' has no resolver in manifest.yml, so invoke('${functionKey}') has nothing to call`);
    return call(moduleKey, type, resolver, context.accountId, (h) =>
      h({ call: { functionKey, payload: payload ?? {} }, context }, runtimeContext(context.accountId)),
    );
  }

  async function runValidator(args: ValidatorHookArgs): Promise<{ result: boolean; errorMessage?: string }> {
    const moduleKey = [...app.modules.entries()].find(
      ([key, m]) => m.type === 'jira:workflowValidator' && extensionAri(key) === args.extensionAri,
    )?.[0];
    if (!moduleKey)
      return {
        result: false,
        errorMessage: `This transition is guarded by a Forge validator that is not installed here (${args.extensionAri}).`,
      };
    const fn = moduleOf(moduleKey).module['function'];
    if (typeof fn !== 'string') return { result: false, errorMessage: `The validator ${moduleKey} has no function in manifest.yml.` };
    try {
      // Validators run as the app only: no principal, so asUser() is refused as on Forge.
      const out = await call<unknown>(moduleKey, 'jira:workflowValidator', fn, undefined, (h) =>
        h(
          {
            issue: { key: args.issueKey },
            transition: { from: { id: args.fromStatusId }, to: { id: args.toStatusId } },
            configuration: args.configuration,
          },
          runtimeContext(undefined),
        ),
      );
      const parsed = z.object({ result: z.boolean(), errorMessage: z.string().optional() }).safeParse(out);
      if (!parsed.success)
        return { result: false, errorMessage: `The validator ${moduleKey} returned ${JSON.stringify(out)}, not {result, errorMessage?}.` };
      return parsed.data.result
        ? { result: true }
        : { result: false, errorMessage: parsed.data.errorMessage ?? `The validator ${moduleKey} refused this transition.` };
    } catch (e) {
      return { result: false, errorMessage: `The validator ${moduleKey} failed: ${errorMessage(e)}` };
    }
  }

  async function fireTrigger(eventType: string, event: Record<string, unknown>): Promise<TriggerRun[]> {
    const runs: TriggerRun[] = [];
    for (const [key, { type, module }] of app.modules) {
      if (type !== 'trigger' || !Array.isArray(module['events']) || !module['events'].includes(eventType)) continue;
      const fn = String(module['function']);
      const accountId = typeof event['atlassianId'] === 'string' ? event['atlassianId'] : undefined;
      try {
        const result = await call(key, type, fn, accountId, (h) =>
          h({ ...event, eventType }, { ...runtimeContext(accountId), moduleKey: key }),
        );
        runs.push({ triggerKey: key, eventType, ok: true, result });
      } catch (e) {
        runs.push({ triggerKey: key, eventType, ok: false, error: errorMessage(e) });
        console.error(`[forge-host] trigger ${key} (${eventType}) failed:`, e);
      }
    }
    return runs;
  }

  async function runScheduledTrigger(triggerKey: string): Promise<TriggerRun> {
    const { type, module } = moduleOf(triggerKey);
    if (type !== 'scheduledTrigger') throw new InvocationError(`'${triggerKey}' is a ${type}, not a scheduledTrigger`);
    const fn = String(module['function']);
    const event = {
      context: { cloudId: LOCAL_CLOUD_ID, moduleKey: triggerKey },
      contextToken: randomUUID(),
      userAccess: { enabled: false },
    };
    try {
      return {
        triggerKey,
        eventType: 'scheduled',
        ok: true,
        result: await call(triggerKey, type, fn, undefined, (h) => h(event, runtimeContext(undefined))),
      };
    } catch (e) {
      return { triggerKey, eventType: 'scheduled', ok: false, error: errorMessage(e) };
    }
  }

  function track(p: Promise<TriggerRun[]>): void {
    pending.add(p);
    void p.finally(() => pending.delete(p));
  }

  function gadgetConfiguration(dashboardId: string, gadgetId: string): Record<string, unknown> {
    const row = db
      .prepare<[string, string], { config: string }>('SELECT config FROM forge_gadget_config WHERE dashboard_id = ? AND gadget_id = ?')
      .get(dashboardId, gadgetId);
    return row ? (JSON.parse(row.config) as Record<string, unknown>) : {};
  }

  return {
    app,
    kvs,
    queue,
    counter,
    fetchLog,
    extensionAri,
    frontendContext,
    invoke,
    runValidator,
    fireTrigger,
    runScheduledTrigger,
    async installOnce(installerAccountId) {
      const done = db.prepare<[], { value: string }>("SELECT value FROM forge_host_state WHERE name = 'installed'").get();
      if (done) return null;
      const runs = await fireTrigger('avi:forge:installed:app', {
        id: randomUUID(),
        installerAccountId,
        app: { id: app.appId, version: LOCAL_APP_VERSION },
        environment: { id: LOCAL_ENVIRONMENT_ID },
        installationId: LOCAL_INSTALLATION_ID,
        context: { cloudId: LOCAL_CLOUD_ID },
      });
      db.prepare("INSERT INTO forge_host_state (name, value) VALUES ('installed', ?)").run(new Date().toISOString());
      return runs;
    },
    jiraHooks: () => ({
      runForgeValidator: runValidator,
      onIssueEvent: (args: IssueEventArgs) => {
        const mapped = issueEventToTrigger(args);
        // Forge delivers product events asynchronously, after Jira answered the request.
        if (mapped) track(new Promise((r) => setImmediate(r)).then(() => fireTrigger(mapped.eventType, mapped.event)));
      },
    }),
    async settled() {
      const out: TriggerRun[] = [];
      for (;;) {
        while (pending.size > 0) for (const runs of await Promise.all([...pending])) out.push(...runs);
        await queue.settled();
        if (pending.size === 0) return out;
      }
    },
    async drain() {
      while (running.size > 0) await Promise.all([...running]);
    },
    gadgetConfiguration,
    saveGadgetConfiguration(dashboardId, gadgetId, config) {
      const parsed = z.record(z.string(), z.unknown()).safeParse(config);
      if (!parsed.success) throw new InvocationError('A gadget configuration must be a JSON object (what view.submit(config) sends)');
      db.prepare(
        'INSERT INTO forge_gadget_config (dashboard_id, gadget_id, config) VALUES (?, ?, ?) ON CONFLICT (dashboard_id, gadget_id) DO UPDATE SET config = excluded.config',
      ).run(dashboardId, gadgetId, JSON.stringify(parsed.data));
    },
  };
}
