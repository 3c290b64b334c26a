// One call to start a whole sandbox for a test: Jira emulator + Forge host + pages + Custom UI
// origin, on free ports, over a temporary data dir (deleted by stop()).
//
//   const sb = await startSandbox({ appDir: MINI_APP_DIR });            // or the real app (default)
//   await sb.host.invoke('lcoo-issue-panel', 'panel/load', {}, { asEmail: 'fst-lead@lcoo.example', issueKey: 'LCOO-1' });
//   await sb.emulator.handle({ method: 'GET', path: '/rest/api/3/myself', principal: { kind: 'app' } });
//   await sb.stop();
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bootSandbox, type RunningSandbox } from '../../sandbox/host/boot';
import type { RateLimitOptions } from '../../sandbox/jira/rate-limit';
import type { FrameTarget, TriggerRun } from '../../sandbox/host/forge-host';
import { runSeed } from '../../sandbox/seed/orchestrate';
import { DASHBOARD_ID, gadgetIdOf } from '../../sandbox/web/pages/dashboard';

export const REPO_DIR = resolve(__dirname, '..', '..');

export interface StartOptions {
  /** The Forge app to load; default the real app at the repository root. */
  appDir?: string;
  /** Default: a fresh temporary directory, removed by stop(). */
  dataDir?: string;
  /** 'full' runs the LCOO seed (real app only). Default 'none'. */
  seed?: 'none' | 'full';
  /** 0 (default) picks free ports. */
  port?: number;
  /** Shorter than Forge's 25 s function limit, to test timeouts quickly. */
  functionTimeoutMs?: number;
  /** Reads of a Jira async task that report it still running (default 1). */
  asyncTaskPolls?: number;
  /** What the Forge fetch does with Jira's 303 to a task: 'as-asked' (default) or 'always-follow'. */
  redirects?: 'as-asked' | 'always-follow';
  /** Jira's rate limits on the app's traffic; off unless `enabled: true`. */
  rateLimit?: Partial<RateLimitOptions>;
  /** false: the emulated host brings no design-token CSS into frames (see sandbox/web/resource-server.ts). */
  hostTokensCss?: boolean;
}

export interface InvokeAs {
  asEmail: string;
  issueKey?: string;
  /** For gadgets: saved as the gadget's configuration before the call. */
  gadgetConfiguration?: Record<string, unknown>;
  /** For gadgets ('edit') and validator config UIs ('create' | 'edit' | 'view'). */
  entryPoint?: 'create' | 'edit' | 'view';
  validatorConfig?: string;
}

export interface TestSandbox {
  url: string;
  resourceOrigin: string;
  dataDir: string;
  emulator: RunningSandbox['jira'];
  /** The Gerrit emulator the app reaches as review.opendev.org (its store and its modes). */
  gerrit: RunningSandbox['gerrit'];
  /** The Launchpad emulator the app reaches as api.launchpad.net (its store and its modes). */
  launchpad: RunningSandbox['launchpad'];
  host: {
    invoke(moduleKey: string, functionKey: string, payload: unknown, as: InvokeAs): Promise<unknown>;
    /** Runs a workflow validator module as Jira would inside a transition. */
    runValidator(args: {
      moduleKey: string;
      issueKey: string;
      fromStatusId: string;
      toStatusId: string;
      configuration?: unknown;
    }): Promise<{ result: boolean; errorMessage?: string }>;
    fireTrigger(eventType: string, event: Record<string, unknown>): Promise<TriggerRun[]>;
    runScheduledTrigger(triggerKey: string): Promise<TriggerRun>;
    /** Waits for the triggers Jira events have fired so far. */
    settled(): Promise<TriggerRun[]>;
    accountIdOf(email: string): string;
    /** The underlying host (KVS, fetch log, contexts). */
    raw: RunningSandbox['host'];
  };
  stop(): Promise<void>;
}

/** Builds the real app's Custom UI resources when a build folder is missing (the manifest check needs them). */
function ensureStaticBuilt(appDir: string): void {
  if (resolve(appDir) !== REPO_DIR) return;
  const missing = ['issue-panel', 'validator-config', 'portfolio-gadget', 'admin-page', 'roadmap-page'].filter(
    (r) => !existsSync(join(REPO_DIR, 'static', r, 'build', 'index.html')),
  );
  if (missing.length === 0) return;
  execFileSync(process.execPath, [join(REPO_DIR, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(REPO_DIR, 'scripts', 'build-static.ts')], {
    cwd: REPO_DIR,
    stdio: 'pipe',
  });
}

export async function startSandbox(opts: StartOptions = {}): Promise<TestSandbox> {
  const appDir = resolve(opts.appDir ?? REPO_DIR);
  const ownDir = opts.dataDir === undefined;
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'lcoo-sandbox-'));
  ensureStaticBuilt(appDir);
  const sb = await bootSandbox({
    appDir,
    dataDir,
    port: opts.port ?? 0,
    ...(opts.functionTimeoutMs ? { functionTimeoutMs: opts.functionTimeoutMs } : {}),
    ...(opts.asyncTaskPolls !== undefined ? { asyncTaskPolls: opts.asyncTaskPolls } : {}),
    ...(opts.redirects ? { redirects: opts.redirects } : {}),
    ...(opts.rateLimit ? { rateLimit: opts.rateLimit } : {}),
    ...(opts.hostTokensCss !== undefined ? { hostTokensCss: opts.hostTokensCss } : {}),
  });
  try {
    if (opts.seed === 'full') await runSeed(sb);
  } catch (e) {
    await sb.close();
    if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }

  const accountIdOf = (email: string) => {
    const u = sb.jira.userByEmail(email);
    if (!u)
      throw new Error(
        `No seeded user ${email}; seeded: ${sb.jira
          .users()
          .map((x) => x.email)
          .join(', ')}`,
      );
    return u.accountId;
  };

  function targetFor(moduleKey: string, as: InvokeAs): FrameTarget {
    const type = sb.app.modules.get(moduleKey)?.type;
    switch (type) {
      case 'jira:issuePanel':
        if (!as.issueKey) throw new Error(`invoke on ${moduleKey} (an issue panel) needs issueKey`);
        return { kind: 'issue', issueKey: as.issueKey };
      case 'jira:dashboardGadget': {
        const gadgetId = gadgetIdOf(moduleKey);
        if (as.gadgetConfiguration) sb.host.saveGadgetConfiguration(DASHBOARD_ID, gadgetId, as.gadgetConfiguration);
        return {
          kind: 'gadget',
          dashboardId: DASHBOARD_ID,
          gadgetId,
          ...(as.entryPoint === 'edit' ? { entryPoint: 'edit' as const } : {}),
        };
      }
      case 'jira:adminPage':
        return { kind: 'admin' };
      case 'jira:globalPage':
        return { kind: 'page' };
      case 'jira:workflowValidator':
        return {
          kind: 'validator',
          entryPoint: as.entryPoint ?? 'create',
          ...(as.validatorConfig !== undefined ? { validatorConfig: as.validatorConfig } : {}),
        };
      default:
        throw new Error(`Module '${moduleKey}' is ${type ?? 'not in the manifest'}; invoke needs a module with a resolver`);
    }
  }

  return {
    url: sb.url,
    resourceOrigin: sb.resourceOrigin,
    dataDir,
    emulator: sb.jira,
    gerrit: sb.gerrit,
    launchpad: sb.launchpad,
    host: {
      async invoke(moduleKey, functionKey, payload, as) {
        const context = await sb.host.frontendContext(moduleKey, accountIdOf(as.asEmail), targetFor(moduleKey, as), sb.url);
        return sb.host.invoke(moduleKey, functionKey, payload, context);
      },
      runValidator: (a) =>
        sb.host.runValidator({
          extensionAri: sb.host.extensionAri(a.moduleKey),
          issueKey: a.issueKey,
          fromStatusId: a.fromStatusId,
          toStatusId: a.toStatusId,
          ...(a.configuration !== undefined ? { configuration: a.configuration } : {}),
        }),
      fireTrigger: (eventType, event) => sb.host.fireTrigger(eventType, event),
      runScheduledTrigger: (key) => sb.host.runScheduledTrigger(key),
      settled: () => sb.host.settled(),
      accountIdOf,
      raw: sb.host,
    },
    async stop() {
      await sb.close();
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
