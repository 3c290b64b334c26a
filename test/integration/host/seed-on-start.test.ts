// npm start seeds a new data folder, and seeds again when an earlier start stopped before its
// seed finished (sandbox/seed/seed-on-start.ts): killed half way, the next start completes the
// roadmap; a folder from before seed-state.json existed is judged by the issues it holds.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootSandbox } from '../../../sandbox/host/boot';
import { generateSeedPlan } from '../../../sandbox/seed/generate';
import { ASIDE_DIR, startWithSeed } from '../../../sandbox/seed/seed-on-start';
import { SEED_STATE_FILE } from '../../../sandbox/seed/seed-status';
import { LIFECYCLES } from '../../../src/domain';
import { REPO_DIR } from '../../support/sandbox';

jest.setTimeout(240_000);

const plan = generateSeedPlan();
const planned = [...plan.roadmapItems, ...plan.deliverables];
const statusName = (stage: string) =>
  [...LIFECYCLES.portfolio.stages, ...LIFECYCLES.delivery.stages].find((s) => s.id === stage)?.statusName;

const dirs: string[] = [];
function tempDataDir(): string {
  const d = join(mkdtempSync(join(tmpdir(), 'lcoo-seed-start-')), 'data');
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(join(d, '..'), { recursive: true, force: true });
});

/** Two free ports side by side (npm start serves the pages on PORT and the Custom UI on PORT+1). */
async function freePortPair(): Promise<number> {
  const tryListen = (port: number) =>
    new Promise<ReturnType<typeof createServer> | undefined>((resolve) => {
      const s = createServer();
      s.once('error', () => resolve(undefined));
      s.listen(port, '127.0.0.1', () => resolve(s));
    });
  for (;;) {
    const first = await tryListen(0);
    const port = (first?.address() as { port: number } | null)?.port ?? 0;
    const second = port ? await tryListen(port + 1) : undefined;
    await Promise.all([first, second].map((s) => new Promise<void>((r) => (s ? s.close(() => r()) : r()))));
    if (port && second && port < 65534) return port;
  }
}

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** `npm start` as a person runs it, in its own process group (so it can be killed whole). */
function npmStart(dataDir: string, port: number): Started {
  const child = spawn(process.execPath, [join(REPO_DIR, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(REPO_DIR, 'sandbox', 'start.ts')], {
    cwd: REPO_DIR,
    env: { ...process.env, SANDBOX_DATA_DIR: dataDir, PORT: String(port) },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

/** Polls until check() gives a value (a condition, not a fixed sleep); fails with what the process said. */
async function until<T>(what: string, check: () => Promise<T | undefined>, s: Started, timeoutMs = 180_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const v = await check().catch(() => undefined);
    if (v !== undefined) return v;
    if (s.child.exitCode !== null) throw new Error(`npm start exited (${s.child.exitCode}) before ${what}:\n${s.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out waiting for ${what}:\n${s.output()}`);
}

const seedState = (port: number) =>
  fetch(`http://127.0.0.1:${port}/__sandbox/seed`).then((r) => r.json() as Promise<{ state: string; done: number; total: number }>);

async function seededIssues(port: number): Promise<{ summary: string; status: string }[]> {
  const r = await fetch(`http://127.0.0.1:${port}/rest/api/3/search/jql`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from('admin@lcoo.example:x').toString('base64')}`, 'content-type': 'application/json' },
    body: JSON.stringify({ jql: 'project = LCOO ORDER BY key ASC', fields: ['summary', 'status'], maxResults: 100 }),
  });
  const body = (await r.json()) as { issues?: { fields: { summary: string; status: { name: string } } }[] };
  return (body.issues ?? []).map((i) => ({ summary: i.fields.summary, status: i.fields.status.name }));
}

function expectWholeRoadmap(issues: { summary: string; status: string }[]): void {
  expect(issues).toHaveLength(planned.length);
  const bySummary = new Map(issues.map((i) => [i.summary, i.status]));
  for (const p of planned)
    expect({ ref: p.ref, status: bySummary.get(p.summary) }).toEqual({ ref: p.ref, status: statusName(p.targetStage) });
}

async function stop(s: Started): Promise<void> {
  if (s.child.exitCode !== null || !s.child.pid) return;
  process.kill(-s.child.pid, 'SIGTERM');
  await s.exited;
}

test('npm start killed during its seed: the next npm start seeds again and completes the roadmap', async () => {
  const dataDir = tempDataDir();
  const port = await freePortPair();

  const first = npmStart(dataDir, port);
  try {
    // Killed (SIGKILL: no chance to clean up) once a few issues exist, as a closed terminal would.
    const at = await until(
      'a few issues seeded',
      async () => ((await seedState(port)).done >= 3 ? (await seedState(port)).done : undefined),
      first,
    );
    expect(at).toBeLessThan(planned.length);
    process.kill(-(first.child.pid ?? 0), 'SIGKILL');
    await first.exited;
  } finally {
    await stop(first);
  }
  expect(JSON.parse(readFileSync(join(dataDir, SEED_STATE_FILE), 'utf8'))).toMatchObject({ state: 'running' });

  const second = npmStart(dataDir, port);
  try {
    await until('"ready"', async () => (second.output().includes('LCOO Jira sandbox ready in') ? true : undefined), second);
    expect(second.output()).toContain('The seed of an earlier start did not finish');
    expect(second.output().indexOf('Seeded ')).toBeLessThan(second.output().indexOf('LCOO Jira sandbox ready in'));
    expect(await seedState(port)).toMatchObject({ state: 'done', done: planned.length, total: planned.length });
    expectWholeRoadmap(await seededIssues(port));
    expect(JSON.parse(readFileSync(join(dataDir, SEED_STATE_FILE), 'utf8'))).toMatchObject({ state: 'done' });
    // The half-made data is kept aside, not deleted.
    expect(existsSync(join(dataDir, ASIDE_DIR, 'jira.sqlite'))).toBe(true);
  } finally {
    await stop(second);
  }
});

test('a data folder from before seed-state.json: a partial seed is seeded again, a whole one is kept', async () => {
  const dataDir = tempDataDir();
  const boot = () => bootSandbox({ appDir: REPO_DIR, dataDir, port: 0, validateManifest: false });
  const said: string[] = [];
  const say = (line: string) => said.push(line);

  // A seed stopped after three issues; then its marker removed, as an older checkout left such folders.
  const stopped = await startWithSeed({
    dataDir,
    boot,
    say,
    progress: (p) => {
      if (p.done === 3) throw new Error('stopped here on purpose');
    },
  });
  await expect(stopped.seeding).rejects.toThrow('stopped here on purpose');
  await stopped.sb.close();
  rmSync(join(dataDir, SEED_STATE_FILE));

  const again = await startWithSeed({ dataDir, boot, say });
  try {
    expect(again.seeding).toBeDefined();
    expect(said.join('\n')).toContain(`had 3 of the ${planned.length} seeded issues`);
    const report = await again.seeding;
    expect(report?.keys && Object.keys(report.keys)).toHaveLength(planned.length);
  } finally {
    await again.sb.close();
  }

  // Whole now (and marked so): the next start does not seed.
  rmSync(join(dataDir, SEED_STATE_FILE));
  const kept = await startWithSeed({ dataDir, boot, say });
  try {
    expect(kept.seeding).toBeUndefined();
    expect(JSON.parse(readFileSync(join(dataDir, SEED_STATE_FILE), 'utf8'))).toMatchObject({ state: 'done' });
  } finally {
    await kept.sb.close();
  }
});
