// Stage gate figures, through the sandbox with the real Forge packages:
//   - Jira REST calls per validator evaluation (goal: 1, as the app), from the host's fetch log;
//   - time per evaluation through the Forge host (blocked and passing moves);
//   - a whole refused transition as a person sees it (POST /issue/{key}/transitions);
//   - setup: REST calls and time of the first run and of a second run (which creates nothing);
//   - the admin page's and the rule screen's bundle sizes (goal <= 300 KB gzip, as the gadget's).
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildResource, STATIC_DIR } from '../scripts/build-static';
import { bundleSizes } from '../scripts/bundle-report';
import type { SetupResult } from '../src/contract/admin';
import type { Envelope } from '../src/contract/envelope';
import type { PanelData } from '../src/contract/panel';
import type { FetchLogEntry } from '../sandbox/host/forge-fetch';
import { makeCompleteVetting } from '../test/fixtures/builders';
import { startSandbox, type TestSandbox } from '../test/support/sandbox';
import type { BenchRow } from './run';

const RUNS = Number(process.env['VALIDATOR_BENCH_RUNS'] ?? 200);
const ADMIN = 'admin@lcoo.example';
const FST_LEAD = 'fst-lead@lcoo.example';

function unwrap<T>(answer: unknown): T {
  const env = answer as Envelope<T>;
  if (!env.ok) throw new Error(`${env.error.code}: ${env.error.message}`);
  return env.data;
}

async function rest(sb: TestSandbox, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await sb.emulator.handle({
    method,
    path,
    principal: { kind: 'user', accountId: sb.host.accountIdOf(ADMIN) },
    ...(body !== undefined ? { body } : {}),
  });
  if (res.status >= 300) throw new Error(`${method} ${path} -> ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Runs fn and returns the Jira calls the app made meanwhile (the log is bounded: found by identity). */
async function jiraCallsDuring<T>(sb: TestSandbox, fn: () => Promise<T>): Promise<{ value: T; calls: FetchLogEntry[] }> {
  const log = sb.host.raw.fetchLog;
  const mark = log[log.length - 1];
  const value = await fn();
  const start = mark === undefined ? 0 : log.lastIndexOf(mark) + 1;
  return { value, calls: log.slice(start).filter((e) => e.kind === 'jira') };
}

/** Calls that change Jira: the admin check's POST /permissions/check only reads. */
const writes = (calls: FetchLogEntry[]) =>
  calls.filter((c) => c.method !== 'GET' && !c.path.startsWith('/rest/api/3/permissions/check')).length;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;

async function statusId(sb: TestSandbox, name: string): Promise<string> {
  const page = (await rest(sb, 'GET', `/rest/api/3/statuses/search?searchString=${encodeURIComponent(name)}`)) as {
    values: { id: string; name: string }[];
  };
  const hit = page.values.find((s) => s.name === name);
  if (!hit) throw new Error(`No status ${name}`);
  return hit.id;
}

async function createItem(sb: TestSandbox, summary: string): Promise<{ key: string; statusId: string }> {
  const created = (await rest(sb, 'POST', '/rest/api/3/issue', {
    fields: { project: { key: 'LCOO' }, issuetype: { name: 'Roadmap Item' }, summary },
  })) as { key: string };
  const issue = (await rest(sb, 'GET', `/rest/api/3/issue/${created.key}?fields=status`)) as { fields: { status: { id: string } } };
  return { key: created.key, statusId: issue.fields.status.id };
}

export async function run(): Promise<BenchRow[]> {
  const sb = await startSandbox();
  try {
    const rows: BenchRow[] = [];

    // ---- setup
    let t0 = performance.now();
    const first = await jiraCallsDuring(sb, async () =>
      unwrap<SetupResult>(await sb.host.invoke('lcoo-admin', 'setup/run', { projectKey: 'LCOO' }, { asEmail: ADMIN })),
    );
    const firstMs = performance.now() - t0;
    t0 = performance.now();
    const second = await jiraCallsDuring(sb, async () =>
      unwrap<SetupResult>(await sb.host.invoke('lcoo-admin', 'setup/run', { projectKey: 'LCOO' }, { asEmail: ADMIN })),
    );
    const secondMs = performance.now() - t0;
    rows.push(
      { area: 'setup', figure: 'first run: REST calls', value: first.calls.length, unit: 'calls' },
      { area: 'setup', figure: 'first run: time', value: firstMs, unit: 'ms', goal: '<= 25000 ms (Forge limit)', met: firstMs <= 25_000 },
      {
        area: 'setup',
        figure: 'second run: objects created',
        value: second.value.created.length,
        unit: 'objects',
        goal: '0',
        met: second.value.created.length === 0,
      },
      {
        area: 'setup',
        figure: 'second run: REST writes',
        value: writes(second.calls),
        unit: 'calls',
        goal: '0',
        met: writes(second.calls) === 0,
      },
      { area: 'setup', figure: 'second run: time', value: secondMs, unit: 'ms' },
    );

    // ---- evaluations: a refused move (no record) and an allowed one (record saved through the panel)
    const beingVetted = await statusId(sb, 'Being Vetted / Groomed');
    const blocked = await createItem(sb, 'Bench: refused');
    const allowed = await createItem(sb, 'Bench: allowed');
    const full = makeCompleteVetting();
    const saved = unwrap<PanelData>(
      await sb.host.invoke(
        'lcoo-issue-panel',
        'vetting/save',
        {
          revision: null,
          vetting: {
            schemaVersion: 2,
            fst: full.fst,
            type: full.type,
            components: full.components,
            communityAlignment: full.communityAlignment,
          },
        },
        { asEmail: FST_LEAD, issueKey: allowed.key },
      ),
    );
    if (saved.vetting?.integrity !== 'valid') throw new Error('The bench record was not saved as valid.');

    for (const [label, item, expect] of [
      ['refused move', blocked, false],
      ['allowed move', allowed, true],
    ] as const) {
      const times: number[] = [];
      let maxCalls = 0;
      let appOnly = true;
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        const { value, calls } = await jiraCallsDuring(sb, () =>
          sb.host.runValidator({ moduleKey: 'lcoo-stage-gate', issueKey: item.key, fromStatusId: item.statusId, toStatusId: beingVetted }),
        );
        times.push(performance.now() - t);
        if (value.result !== expect) throw new Error(`${label}: the gate answered ${JSON.stringify(value)}`);
        maxCalls = Math.max(maxCalls, calls.length);
        appOnly &&= calls.every((c) => c.principal?.kind === 'app');
      }
      times.sort((a, b) => a - b);
      rows.push(
        {
          area: 'stage gate',
          figure: `${label}: Jira REST calls per evaluation (max of ${RUNS})`,
          value: maxCalls,
          unit: 'calls',
          goal: '<= 1, as the app',
          met: maxCalls <= 1 && appOnly,
        },
        { area: 'stage gate', figure: `${label}: time per evaluation, median`, value: percentile(times, 0.5), unit: 'ms' },
        {
          area: 'stage gate',
          figure: `${label}: time per evaluation, p95`,
          value: percentile(times, 0.95),
          unit: 'ms',
          goal: '<= 25000 ms (Forge limit)',
          met: percentile(times, 0.95) <= 25_000,
        },
      );
    }

    // ---- a whole refused transition, as the person's click sends it
    const transitions = (await rest(sb, 'GET', `/rest/api/3/issue/${blocked.key}/transitions`)) as {
      transitions: { id: string; to?: { name: string } }[];
    };
    const id = transitions.transitions.find((t) => t.to?.name === 'Being Vetted / Groomed')?.id;
    if (!id) throw new Error('No transition to Being Vetted / Groomed');
    const times: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t = performance.now();
      const res = await sb.emulator.handle({
        method: 'POST',
        path: `/rest/api/3/issue/${blocked.key}/transitions`,
        principal: { kind: 'user', accountId: sb.host.accountIdOf(FST_LEAD) },
        body: { transition: { id } },
      });
      times.push(performance.now() - t);
      if (res.status !== 400) throw new Error(`The refused transition answered ${res.status}`);
    }
    times.sort((a, b) => a - b);
    rows.push({
      area: 'stage gate',
      figure: 'refused transition (POST /transitions incl. the gate), median',
      value: percentile(times, 0.5),
      unit: 'ms',
    });

    // ---- bundles (JS + CSS, gzip -9), built fresh so the figure is today's code
    for (const resource of ['admin-page', 'validator-config']) {
      await buildResource(resource);
      // What index.html loads at start (entry module, its static chunks, CSS); lazy chunks come later.
      const size = bundleSizes(join(STATIC_DIR, resource, 'build'));
      const kb = (size.jsGzip + size.cssGzip) / 1024;
      rows.push({ area: 'bundle', figure: `${resource} (JS + CSS)`, value: kb, unit: 'KB gzip', goal: '<= 300 KB gzip', met: kb <= 300 });
    }
    return rows;
  } finally {
    await sb.stop();
  }
}
