// `npm start`: the whole app offline. Builds the Custom UI resources, starts the Jira
// emulator, the Forge host with the app, the Jira-like pages on PORT (default 8080) and the
// resources on PORT+1; data lives in .sandbox-data/ and survives restarts.
//   npm start                 start (seeds the LCOO roadmap on the first start, and again after a
//                             start that was stopped before its seed finished)
//   npm start -- --reset      wipe .sandbox-data/ first
//   npm run sandbox:reset     wipe .sandbox-data/ and exit
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { count } from '../static/shared/plural';
import { buildResource, resourceNames } from '../scripts/build-static';
import { validateManifest } from './host/app-loader';
import { errorMessage } from './host/runtime';
import { bootSandbox, type RunningSandbox } from './host/boot';
import { portInUseMessage } from './port-in-use';
import type { RateLimitOptions } from './jira/rate-limit';
import { seedSummary, startWithSeed, type SeededStart } from './seed/seed-on-start';

const REPO_DIR = resolve(__dirname, '..');
const DATA_DIR = resolve(process.env['SANDBOX_DATA_DIR'] ?? join(REPO_DIR, '.sandbox-data'));

function parsePort(raw: string | undefined, name = 'PORT'): number {
  if (raw === undefined || raw === '') return 8080;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65534)
    throw new Error(
      `${name} must be a whole number between 1 and 65534${name === 'PORT' ? ' (PORT+1 serves the Custom UI)' : ''}, got "${raw}"`,
    );
  return port;
}

/**
 * Jira's rate limits on the app's traffic are off by default (points are still counted).
 * SANDBOX_RATE_LIMIT=on enforces them; SANDBOX_POINTS_PER_HOUR sets the app's hourly quota.
 */
function rateLimitFromEnv(): { rateLimit?: Partial<RateLimitOptions> } {
  const on = /^(1|on|true|yes)$/i.test(process.env['SANDBOX_RATE_LIMIT'] ?? '');
  const raw = process.env['SANDBOX_POINTS_PER_HOUR'];
  const points = raw === undefined || raw === '' ? undefined : Number(raw);
  if (points !== undefined && !(Number.isInteger(points) && points > 0))
    throw new Error(`SANDBOX_POINTS_PER_HOUR must be a whole number of points above 0, got "${raw}"`);
  if (!on && points === undefined) return {};
  return { rateLimit: { enabled: on, ...(points !== undefined ? { pointsPerHour: points } : {}) } };
}

async function main(): Promise<void> {
  const started = Date.now();
  const args = new Set(process.argv.slice(2));
  if (args.has('--reset') || args.has('--reset-only')) {
    rmSync(DATA_DIR, { recursive: true, force: true });
    console.log(`Wiped ${DATA_DIR}`);
    if (args.has('--reset-only')) return;
  }
  const port = parsePort(process.env['PORT']);
  const gerritPort = process.env['GERRIT_PORT'] ? parsePort(process.env['GERRIT_PORT'], 'GERRIT_PORT') : undefined;
  const launchpadPort = process.env['LAUNCHPAD_PORT'] ? parsePort(process.env['LAUNCHPAD_PORT'], 'LAUNCHPAD_PORT') : undefined;

  // The backend boots first (about half a second) so the first page answers at once; the
  // Custom UI builds (esbuild, both cores) follow, and resource requests wait for them.
  let markBuilt: () => void = () => undefined;
  const built = new Promise<void>((resolve) => (markBuilt = resolve));

  let launched: SeededStart;
  try {
    launched = await startWithSeed({
      dataDir: DATA_DIR,
      say: (line) => console.log(line),
      seedLog: (line) => process.env['SEED_VERBOSE'] && console.log(`  seed ${line}`),
      boot: (seedStatus) =>
        bootSandbox({
          appDir: REPO_DIR,
          dataDir: DATA_DIR,
          port,
          ...(gerritPort ? { gerritPort } : {}),
          ...(launchpadPort ? { launchpadPort } : {}),
          bindAddress: process.env['BIND_ADDRESS'] ?? '127.0.0.1',
          validateManifest: false,
          resourcesReady: built,
          seedStatus,
          ...rateLimitFromEnv(),
        }),
    });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new Error(portInUseMessage(e as { port?: unknown }, { port, gerritPort, launchpadPort }));
    throw e;
  }
  const sb: RunningSandbox = launched.sb;
  const where = `${sb.url}  (Custom UI origin ${sb.resourceOrigin}, data in ${DATA_DIR})`;
  const sayReady = () => {
    console.log(
      `\nLCOO Jira sandbox ready in ${Date.now() - started} ms (${Math.round(process.uptime() * 1000)} ms after node started): ${where}`,
    );
    const limits = sb.jira.rateLimits.settings;
    console.log(`Gerrit emulator (review.opendev.org for the app): ${sb.gerrit.url}  (GERRIT_PORT to move it)`);
    console.log(`Launchpad emulator (api.launchpad.net for the app): ${sb.launchpad.url}  (LAUNCHPAD_PORT to move it)`);
    console.log(
      limits.enabled
        ? `Jira rate limits on the app: ON (${limits.pointsPerHour} points an hour; SANDBOX_RATE_LIMIT=off to turn them off)`
        : 'Jira rate limits on the app: off, points counted only (SANDBOX_RATE_LIMIT=on to enforce them)',
    );
    console.log('Sign in as a seeded person on the first page (switch at the top right); curl works with basic auth, e.g.');
    console.log(`  curl -u admin@lcoo.example:any ${sb.url}/rest/api/3/myself\n`);
  };
  if (launched.seeding) {
    // Not "ready" yet: the pages answer, but the roadmap is still being made (they say so).
    console.log(`\nLCOO Jira sandbox serving at ${where}`);
    console.log(
      'Seeding the LCOO roadmap through the app (setup/run, records, approvals, gated transitions); the pages show its progress...',
    );
  } else {
    sayReady();
  }

  // The manifest check needs the built folders, so it runs after the builds.
  const names = resourceNames();
  const checked = Promise.allSettled(names.map(buildResource)).then(async (results) => {
    markBuilt();
    const failed = names.filter((_, i) => results[i]?.status === 'rejected');
    console.log(
      `Built ${names.length - failed.length} of ${count(names.length, 'Custom UI resource', 'Custom UI resources')} in ${Date.now() - started} ms: ${names.filter((n) => !failed.includes(n)).join(', ')}`,
    );
    // One resource that does not compile must not take the whole sandbox down: say which.
    for (const name of failed)
      console.error(`static/${name} does not build (errors above); its frames will show "not found" until it does.`);
    try {
      await validateManifest(REPO_DIR);
      console.log('manifest.yml: valid (Forge FULL validation)');
    } catch (e) {
      console.error(`\n${errorMessage(e)}\nThe sandbox keeps running, but Forge would refuse this manifest.`);
    }
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the sandbox...`);
    sb.close().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error('Stopping failed:', e);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  if (launched.seeding) {
    try {
      const r = await launched.seeding;
      console.log(`Seeded ${seedSummary(r)} in ${r.ms} ms.`);
    } catch (e) {
      if (stopping) return; // stopped during the seed: the next start seeds again
      console.error(`\nSeeding failed: ${errorMessage(e)}`);
      console.error('The sandbox keeps running with what was created. Fix the cause; the next npm start seeds again from the start.');
    }
    await checked;
    if (!stopping) sayReady();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
