// Issue 14, figures: one scheduled upstream sync over 500 deliverables (not Delivered, two Gerrit
// changes and one Launchpad blueprint each, the blueprints in ten OpenStack projects that hold
// many more): per invocation, requests to Gerrit and to Launchpad, Jira calls and points, storage
// calls, records written and time (goal: each invocation <= 10 s); the first pass until every
// deliverable was read, a steady run (nothing changed upstream), a run with Gerrit failing and one
// with Launchpad failing. Jira calls carry the gadget bench's emulated latency (200 ms), KVS 20 ms,
// and both upstream emulators answer each request after 300 ms, as distant services would.
import { performance } from 'node:perf_hooks';
import { ZUUL, type EmChange } from '../sandbox/gerrit/store';
import type { EmBlueprint } from '../sandbox/launchpad/store';
import { DELIVERY_RECORD, deliveryIndex } from '../src/records/kinds';
import { buildStoredRecord } from '../src/records/stored-record';
import { KVS_KEYS } from '../src/storage/keys';
import type { Delivery } from '../src/domain/delivery';
import { BUILTIN_CALENDAR } from '../src/domain/releases';
import { ADMIN, createIssue, panel, runSetup } from '../test/support/lcoo-site';
import { startSandbox, type TestSandbox } from '../test/support/sandbox';
import type { BenchRow } from './run';

const N = 500;
const LATENCY = { jiraMs: 200, storageMs: 20 };
const GERRIT_DELAY_MS = 300;
const LAUNCHPAD_DELAY_MS = 300;
/**
 * The projects the deliverables' blueprints are in, with the blueprints each holds besides them
 * (an assumption of the order of OpenStack's: nova has thousands, a smaller project hundreds).
 */
const PROJECTS: [string, number][] = [
  ['nova', 2400],
  ['neutron', 1500],
  ['cinder', 900],
  ['glance', 400],
  ['keystone', 700],
  ['swift', 250],
  ['heat', 800],
  ['ironic', 1100],
  ['octavia', 150],
  ['manila', 500],
];
const projectOf = (i: number) => PROJECTS[i % PROJECTS.length]![0];

async function asApp(sb: TestSandbox, method: string, path: string, body?: unknown): Promise<unknown> {
  const reply = await sb.emulator.handle({
    method,
    path,
    ...(body === undefined ? {} : { body }),
    principal: { kind: 'app' },
    headers: { 'content-type': 'application/json' },
  });
  if (reply.status >= 300) throw new Error(`${method} ${path} -> ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

function signingKey(sb: TestSandbox): string {
  const reply = sb.host.raw.kvs.handle('/api/v1/secret/get', { key: KVS_KEYS.signingKey });
  const value = (reply.body as { value?: unknown } | undefined)?.value;
  if (typeof value !== 'string') throw new Error('No signing key in the KVS emulator');
  return value;
}

const core = (id: number) => ({ _account_id: id, name: `Core ${id}`, username: `core${id}` });

async function createDeliverables(sb: TestSandbox, secret: string): Promise<void> {
  const blueprints: EmBlueprint[] = [];
  const stamp = { recordedBy: sb.host.accountIdOf(ADMIN), recordedAt: '2026-11-01T00:00:00.000Z' };
  for (let i = 0; i < N; i++) {
    if (i % 50 === 49) await sb.host.settled();
    const created = (await asApp(sb, 'POST', '/rest/api/3/issue', {
      fields: { project: { key: 'LCOO' }, issuetype: { name: 'Upstream Deliverable' }, summary: `Deliverable ${i}` },
    })) as { id: string; key: string };
    const numbers = [800_000 + 2 * i, 800_001 + 2 * i];
    const project = projectOf(i);
    const data: Delivery = {
      schemaVersion: 1,
      project: 'Nova',
      blueprint: { url: `https://blueprints.launchpad.net/${project}/+spec/lcoo-deliverable-${i}`, title: `Deliverable ${i}`, ...stamp },
      changes: numbers.map((n) => ({
        url: `https://review.opendev.org/c/openstack/nova/+/${n}`,
        number: n,
        status: 'open',
        ci: 'pass',
        ...stamp,
      })),
    };
    const meta = { revision: 1, updatedAt: stamp.recordedAt, updatedBy: stamp.recordedBy };
    const value = buildStoredRecord(
      secret,
      DELIVERY_RECORD as never,
      created.id,
      data,
      deliveryIndex(data, 'backlog', BUILTIN_CALENDAR),
      meta,
    );
    await asApp(sb, 'PUT', `/rest/api/3/issue/${created.key}/properties/${DELIVERY_RECORD.propertyKey}`, value);
    sb.host.raw.kvs.handle('/api/v1/set', {
      key: KVS_KEYS.latestRevision(DELIVERY_RECORD.propertyKey, created.id),
      value: { revision: 1, sig: value.sig ?? '' },
    });
    for (const n of numbers) {
      const change: EmChange = {
        number: n,
        project: 'openstack/nova',
        branch: 'master',
        changeId: `I${String(n).padStart(40, '0')}`,
        subject: `Deliverable ${i}`,
        status: 'NEW',
        owner: core(1),
        patchSets: 1,
        created: '2026-11-01 00:00:00.000000000',
        updated: '2026-11-01 00:00:00.000000000',
        votes: [
          { label: 'Code-Review', account: core(2), value: 2 },
          { label: 'Verified', account: ZUUL, value: 1 },
        ],
      };
      sb.gerrit.store.put(change);
    }
    blueprints.push({
      project,
      name: `lcoo-deliverable-${i}`,
      title: `Deliverable ${i}`,
      definitionStatus: 'Pending Approval',
      implementationStatus: 'Unknown',
    });
  }
  // Each project's other blueprints: the collection the sync pages through is that big.
  for (const [project, others] of PROJECTS)
    for (let j = 0; j < others; j++)
      blueprints.push({
        project,
        name: `other-${j}`,
        title: `Other ${j}`,
        definitionStatus: j % 4 ? 'New' : 'Approved',
        implementationStatus: 'Unknown',
      });
  sb.launchpad.store.putAll(blueprints);
}

interface RunFigures {
  ms: number;
  jira: number;
  storage: number;
  points: number;
  gerrit: number;
  launchpad: number;
  written: number;
  gerritRead: number;
  launchpadRead: number;
  gerritError?: string;
  launchpadError?: string;
}

type Outcome = {
  written: number;
  gerrit: { read: number; error?: string };
  launchpad: { read: number; error?: string };
};

async function oneRun(sb: TestSandbox): Promise<RunFigures> {
  const c = sb.host.raw.counter;
  const [jira0, storage0, points0, gerrit0, lp0] = [
    c.jira,
    c.storage,
    sb.emulator.rateLimits.points().app,
    sb.gerrit.requests,
    sb.launchpad.requests,
  ];
  const t = performance.now();
  const r = await sb.host.runScheduledTrigger('lcoo-upstream-sync');
  const ms = performance.now() - t;
  if (!r.ok) throw new Error(`upstream sync failed: ${r.error}`);
  const out = r.result as Outcome & { error?: string };
  if (out.error) throw new Error(`upstream sync: ${out.error}`);
  return {
    ms,
    jira: c.jira - jira0,
    storage: c.storage - storage0,
    points: sb.emulator.rateLimits.points().app - points0,
    gerrit: sb.gerrit.requests - gerrit0,
    launchpad: sb.launchpad.requests - lp0,
    written: out.written,
    gerritRead: out.gerrit.read,
    launchpadRead: out.launchpad.read,
    ...(out.gerrit.error ? { gerritError: out.gerrit.error } : {}),
    ...(out.launchpad.error ? { launchpadError: out.launchpad.error } : {}),
  };
}

/** Clears both sources' backoff (as if the outage had been an hour ago), keeping what the sync learnt. */
function clearBackoff(sb: TestSandbox): void {
  const got = sb.host.raw.kvs.handle('/api/v1/get', { key: KVS_KEYS.upstreamSync });
  const value = (got.body as { value?: Record<string, unknown> } | undefined)?.value ?? {};
  sb.host.raw.kvs.handle('/api/v1/set', {
    key: KVS_KEYS.upstreamSync,
    value: { ...value, gerrit: { failures: 0 }, launchpad: { failures: 0 } },
  });
}

const perRun = (area: string, label: string, f: RunFigures): BenchRow[] => [
  { area, figure: `${label}: requests to Gerrit / to Launchpad`, value: f.gerrit, unit: `/ ${f.launchpad}` },
  { area, figure: `${label}: deliverables read from Gerrit / from Launchpad`, value: f.gerritRead, unit: `/ ${f.launchpadRead}` },
  { area, figure: `${label}: Jira calls / points`, value: f.jira, unit: `calls / ${f.points} points` },
  { area, figure: `${label}: KVS calls`, value: f.storage, unit: 'calls' },
  { area, figure: `${label}: records written`, value: f.written, unit: 'writes' },
  { area, figure: `${label}: time`, value: Math.round(f.ms), unit: 'ms', goal: '<= 10000 ms', met: f.ms <= 10_000 },
];

export async function run(): Promise<BenchRow[]> {
  const sb = await startSandbox({ seed: 'none' });
  try {
    await runSetup(sb);
    // The app makes its signing key on its first record read.
    const first = await createIssue(sb, 'Upstream Deliverable', 'Key maker');
    await panel(sb, ADMIN, first, 'panel/load', {});
    await createDeliverables(sb, signingKey(sb));
    await sb.host.settled();
    sb.host.raw.counter.latency = LATENCY;
    sb.gerrit.setMode({ kind: 'slow', delayMs: GERRIT_DELAY_MS });
    sb.launchpad.setMode({ kind: 'slow', delayMs: LAUNCHPAD_DELAY_MS });
    // First pass: nothing read yet, every deliverable needs its evidence written.
    const runs: RunFigures[] = [];
    let gerritDone = 0;
    let launchpadDone = 0;
    while ((gerritDone < N || launchpadDone < N) && runs.length < 20) {
      const f = await oneRun(sb);
      if (f.gerritError || f.launchpadError) throw new Error(`first pass: ${f.gerritError ?? f.launchpadError}`);
      runs.push(f);
      gerritDone += f.gerritRead;
      launchpadDone += f.launchpadRead;
    }
    // Steady state: everything read within the hour, nothing changed upstream.
    const steady = await oneRun(sb);
    // Gerrit down (Launchpad answers); then Launchpad down (Gerrit answers), each from a clear state.
    sb.gerrit.setMode({ kind: 'failing', status: 503 });
    const gerritDown = await oneRun(sb);
    sb.gerrit.setMode({ kind: 'slow', delayMs: GERRIT_DELAY_MS });
    clearBackoff(sb);
    sb.launchpad.setMode({ kind: 'failing', status: 503 });
    const launchpadDown = await oneRun(sb);
    const inBackoff = await oneRun(sb);
    sb.launchpad.setMode({ kind: 'slow', delayMs: LAUNCHPAD_DELAY_MS });
    if (!gerritDown.gerritError || gerritDown.launchpadError) throw new Error('Gerrit-down run did not fail on Gerrit alone');
    if (!launchpadDown.launchpadError || launchpadDown.gerritError) throw new Error('Launchpad-down run did not fail on Launchpad alone');

    const sum = (k: 'gerrit' | 'launchpad' | 'jira' | 'points' | 'storage' | 'written') => runs.reduce((a, r) => a + r[k], 0);
    const all = [...runs, steady, gerritDown, launchpadDown, inBackoff];
    const maxMs = Math.max(...all.map((r) => r.ms));
    const area = 'upstream sync (500 deliverables)';
    return [
      { area, figure: 'first pass: hourly runs to read all from both', value: runs.length, unit: 'runs' },
      { area, figure: 'first pass (all runs): requests to Gerrit / Launchpad', value: sum('gerrit'), unit: `/ ${sum('launchpad')}` },
      { area, figure: 'first pass (all runs): Jira calls / points', value: sum('jira'), unit: `calls / ${sum('points')} points` },
      { area, figure: 'first pass (all runs): KVS calls', value: sum('storage'), unit: 'calls' },
      { area, figure: 'first pass (all runs): records written', value: sum('written'), unit: 'writes' },
      // Runs 2..n-1 are alike: the first and the last stand for them (the slowest is below).
      ...perRun(area, 'first pass run 1', runs[0]!),
      ...(runs.length > 1 ? perRun(area, `first pass run ${runs.length}`, runs[runs.length - 1]!) : []),
      ...perRun(area, 'steady run (nothing changed)', steady),
      ...perRun(area, 'Gerrit failing (503)', gerritDown),
      ...perRun(area, 'Launchpad failing (503)', launchpadDown),
      ...perRun(area, 'next run, Launchpad backing off', inBackoff),
      { area, figure: 'slowest invocation', value: Math.round(maxMs), unit: 'ms', goal: '<= 10000 ms', met: maxMs <= 10_000 },
    ];
  } finally {
    await sb.stop();
  }
}
