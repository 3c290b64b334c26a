// Starts one whole sandbox: the Jira emulator, the Forge host with the app loaded, the
// Jira-like pages and the Custom UI origin, all over one data directory (SQLite files and the
// bundled backend). Used by `npm start` (sandbox/start.ts) and by the tests (test/support).
import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createJiraEmulator } from '../jira';
import type { RateLimitOptions } from '../jira/rate-limit';
import type { SeedStatus } from '../seed/seed-status';
import { startWebServer, type WebServer } from '../web/server';
import { loadApp, type LoadedApp } from './app-loader';
import type { RedirectPolicy } from './forge-fetch';
import { createForgeHost, extensionAriOf, type ForgeHost } from './forge-host';
import { startGerritEmulator, type GerritEmulator } from '../gerrit/server';
import { startLaunchpadEmulator, type LaunchpadEmulator } from '../launchpad/server';

export const JIRA_DB_FILE = 'jira.sqlite';
export const FORGE_DB_FILE = 'forge.sqlite';
export const GERRIT_DATA_FILE = 'gerrit.json';
export const LAUNCHPAD_DATA_FILE = 'launchpad.json';

export interface BootOptions {
  appDir: string;
  dataDir: string;
  /** 0 picks free ports (tests). */
  port: number;
  /** The Gerrit emulator's port (review.opendev.org for the app); default PORT+2, or a free one when port is 0. */
  gerritPort?: number;
  /** The Launchpad emulator's port (api.launchpad.net for the app); default PORT+3, or a free one when port is 0. */
  launchpadPort?: number;
  resourcePort?: number;
  bindAddress?: string;
  /** Installer of the app (avi:forge:installed:app), by email; default admin@lcoo.example. */
  installerEmail?: string;
  /** Default true; false defers Forge's manifest validation to the caller (see loadApp). */
  validateManifest?: boolean;
  /** Resolves when the Custom UI builds are done: resource requests wait for it. */
  resourcesReady?: Promise<unknown>;
  /** Forge's 25 s function limit; tests shorten it to prove a timeout fails a validation. */
  functionTimeoutMs?: number;
  /** What the pages say about a seed under way (npm start); undefined when none runs. */
  seedStatus?: () => SeedStatus | undefined;
  /** Whether the emulated platform brings the design-token CSS into frames (default true; see resource-server.ts). */
  hostTokensCss?: boolean;
  /** Passed through to the emulator: Atlassian's OpenAPI contract checker, if any. */
  contract?: Parameters<typeof createJiraEmulator>[0]['contract'];
  /** Emulated Jira behaviour tests choose: async tasks still running for N reads. */
  asyncTaskPolls?: number;
  /** What the Forge fetch does with Jira's 303 to a task (see sandbox/host/forge-fetch.ts). */
  redirects?: RedirectPolicy;
  /** Jira's rate limits on the app's traffic (sandbox/jira/rate-limit.ts); off unless enabled. */
  rateLimit?: Partial<RateLimitOptions>;
}

export interface RunningSandbox {
  /** The Gerrit REST emulator the app reaches as https://review.opendev.org (sandbox/gerrit). */
  gerrit: GerritEmulator;
  /** The Launchpad web service emulator the app reaches as https://api.launchpad.net (sandbox/launchpad). */
  launchpad: LaunchpadEmulator;
  url: string;
  resourceOrigin: string;
  /** True when this data dir had no Jira yet: seed it. */
  firstStart: boolean;
  app: LoadedApp;
  host: ForgeHost;
  jira: ReturnType<typeof createJiraEmulator>;
  web: WebServer;
  close(): Promise<void>;
}

type EntityPropertyDef = { propertyKey: string; path: string; type: 'number' | 'string' | 'text' | 'user' | 'date'; searchAlias?: string };

/** jira:entityProperty modules -> what the emulator indexes for JQL. */
export function entityPropertiesOf(app: LoadedApp): EntityPropertyDef[] {
  const out: EntityPropertyDef[] = [];
  for (const { type, module } of app.modules.values()) {
    if (type !== 'jira:entityProperty') continue;
    if (module['entityType'] !== undefined && module['entityType'] !== 'issue') continue;
    const propertyKey = String(module['propertyKey']);
    for (const v of (module['values'] as Record<string, unknown>[] | undefined) ?? []) {
      out.push({
        propertyKey,
        path: String(v['path']),
        type: v['type'] as EntityPropertyDef['type'],
        ...(typeof v['searchAlias'] === 'string' ? { searchAlias: v['searchAlias'] } : {}),
      });
    }
  }
  return out;
}

export async function bootSandbox(opts: BootOptions): Promise<RunningSandbox> {
  const dataDir = resolve(opts.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const jiraDb = join(dataDir, JIRA_DB_FILE);
  const firstStart = !existsSync(jiraDb);

  const app = await loadApp(opts.appDir, dataDir, { validate: opts.validateManifest !== false });
  const forgeRules = [...app.modules.entries()]
    .filter(([, m]) => m.type === 'jira:workflowValidator')
    .map(([key, m]) => ({
      extensionAri: extensionAriOf(app.appId, key),
      name: String(m.module['name'] ?? key),
      ...(typeof m.module['description'] === 'string' ? { description: m.module['description'] } : {}),
      ruleType: 'Validator' as const,
    }));

  const jira = createJiraEmulator({
    dbPath: jiraDb,
    entityProperties: entityPropertiesOf(app),
    forgeRules,
    ...(opts.contract !== undefined ? { contract: opts.contract } : {}),
    ...(opts.port ? { baseUrl: `http://localhost:${opts.port}` } : {}),
    ...(opts.asyncTaskPolls !== undefined ? { asyncTaskPolls: opts.asyncTaskPolls } : {}),
    ...(opts.rateLimit ? { rateLimit: opts.rateLimit } : {}),
  });
  const db = new Database(join(dataDir, FORGE_DB_FILE));
  db.pragma('journal_mode = WAL');
  let gerrit: GerritEmulator;
  try {
    gerrit = await startGerritEmulator({
      port: opts.gerritPort ?? (opts.port ? opts.port + 2 : 0),
      ...(opts.bindAddress ? { bindAddress: opts.bindAddress } : {}),
      dataFile: join(dataDir, GERRIT_DATA_FILE),
    });
  } catch (e) {
    jira.close();
    db.close();
    throw e;
  }
  let launchpad: LaunchpadEmulator;
  try {
    launchpad = await startLaunchpadEmulator({
      port: opts.launchpadPort ?? (opts.port ? opts.port + 3 : 0),
      ...(opts.bindAddress ? { bindAddress: opts.bindAddress } : {}),
      dataFile: join(dataDir, LAUNCHPAD_DATA_FILE),
    });
  } catch (e) {
    await gerrit.close();
    jira.close();
    db.close();
    throw e;
  }
  const host = createForgeHost({
    egressRoutes: { 'review.opendev.org': gerrit.url, 'api.launchpad.net': launchpad.url },
    app,
    jira,
    db,
    ...(opts.port ? { siteUrl: `http://localhost:${opts.port}` } : {}),
    ...(opts.functionTimeoutMs ? { functionTimeoutMs: opts.functionTimeoutMs } : {}),
    ...(opts.redirects ? { redirects: opts.redirects } : {}),
  });
  jira.setHooks(host.jiraHooks());

  let web: WebServer;
  try {
    web = await startWebServer({
      host,
      jira,
      port: opts.port,
      ...(opts.resourcePort !== undefined ? { resourcePort: opts.resourcePort } : {}),
      ...(opts.bindAddress ? { bindAddress: opts.bindAddress } : {}),
      ...(opts.resourcesReady ? { resourcesReady: opts.resourcesReady } : {}),
      ...(opts.seedStatus ? { seedStatus: opts.seedStatus } : {}),
      ...(opts.hostTokensCss !== undefined ? { hostTokensCss: opts.hostTokensCss } : {}),
    });
  } catch (e) {
    await gerrit.close();
    await launchpad.close();
    jira.close();
    db.close();
    throw e;
  }

  const installer = jira.userByEmail(opts.installerEmail ?? 'admin@lcoo.example');
  await host.installOnce(installer?.accountId);

  return {
    url: web.url,
    resourceOrigin: web.resourceOrigin,
    firstStart,
    app,
    host,
    jira,
    web,
    gerrit,
    launchpad,
    close: async () => {
      await web.close();
      await gerrit.close();
      await launchpad.close();
      await host.settled();
      await host.drain();
      jira.close();
      db.close();
    },
  };
}
