// Jira points per operation: what each thing the app does costs against Jira Cloud's hourly
// points quota for the app (1 point per request plus 1 per object a read returns; writes 1;
// shared by every user of the app on the site; observed quotas 65,000-100,000 points an hour).
// Counted by the emulator's rate limiter (sandbox/jira/rate-limit.ts) over the requests the
// app sends through the Forge proxy, with the real app and packages; limits are not enforced
// here, only counted.
import type { PortfolioLoad } from '../src/contract/gadget';
import { startSandbox, type TestSandbox } from '../test/support/sandbox';
import { completeVetting } from '../test/support/lcoo-site';
import { createPortfolio, invoke, signingKey } from './gadget.bench';
import type { BenchRow } from './run';

const ADMIN = 'admin@lcoo.example';
const FST_LEAD = 'fst-lead@lcoo.example';
/** Tier 1: the smallest hourly quota Atlassian's staff named for an app (all its sites together). */
const HOURLY_POINTS = 65_000;

async function pointsOf(sb: TestSandbox, fn: () => Promise<unknown>): Promise<number> {
  sb.emulator.rateLimits.resetPoints();
  await fn();
  return sb.emulator.rateLimits.points().app;
}

async function asAdmin(sb: TestSandbox, method: string, path: string, body?: unknown) {
  const reply = await sb.emulator.handle({
    method,
    path,
    principal: { kind: 'user', accountId: sb.host.accountIdOf(ADMIN) },
    ...(body ? { body } : {}),
  });
  if (reply.status >= 300) throw new Error(`${method} ${path} -> ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const row = (figure: string, value: number, goal?: string, met?: boolean) =>
    rows.push({ area: 'jira points', figure, value, unit: 'points', ...(goal ? { goal, met: met ?? true } : {}) });
  const sb = await startSandbox({ seed: 'none' });
  try {
    // Setup on a project that already has issues: the scheme switch runs as a Jira task and is polled.
    await asAdmin(sb, 'POST', '/rest/api/3/issue', {
      fields: { project: { key: 'LCOO' }, issuetype: { name: 'Task' }, summary: 'Existing work' },
    });
    const setup = await pointsOf(sb, () => invoke(sb, 'setup/run', { projectKey: 'LCOO' }, ADMIN, 'lcoo-admin'));
    row('one setup run (first, creates everything)', setup);
    row(
      'one setup run (again, nothing to create)',
      await pointsOf(sb, () => invoke(sb, 'setup/run', { projectKey: 'LCOO' }, ADMIN, 'lcoo-admin')),
    );

    const created = (await asAdmin(sb, 'POST', '/rest/api/3/issue', {
      fields: { project: { key: 'LCOO' }, issuetype: { name: 'Roadmap Item' }, summary: 'Points bench item' },
    })) as { key: string };
    const panel = (key: string, payload: unknown) =>
      sb.host.invoke('lcoo-issue-panel', key, payload, { asEmail: FST_LEAD, issueKey: created.key });
    await panel('vetting/save', { revision: null, vetting: completeVetting() });
    const load = await pointsOf(sb, () => panel('panel/load', {}));
    row('panel load (panel/load)', load);
    const save = await pointsOf(sb, () =>
      panel('vetting/save', { revision: 1, vetting: { ...completeVetting(), valueToMembers: 'Again' } }),
    );
    row('panel save (vetting/save)', save);

    const issue = (await asAdmin(sb, 'GET', `/rest/api/3/issue/${created.key}/transitions`)) as { transitions: { to: { id: string } }[] };
    const from = ((await asAdmin(sb, 'GET', `/rest/api/3/issue/${created.key}?fields=status`)) as { fields: { status: { id: string } } })
      .fields.status.id;
    const validator = await pointsOf(sb, () =>
      sb.host.runValidator({
        moduleKey: 'lcoo-stage-gate',
        issueKey: created.key,
        fromStatusId: from,
        toStatusId: issue.transitions[0]!.to.id,
      }),
    );
    row('one validator evaluation (stage gate)', validator);

    await invoke<PortfolioLoad>(sb, 'portfolio/load', {}); // creates the signing key, as the first real load does
    const secret = signingKey(sb);
    let have = 0;
    for (const size of [1_000, 10_000]) {
      const t0 = Date.now();
      await createPortfolio(sb, secret, size - have);
      have = size;
      process.stderr.write(`bench: jira points: portfolio of ${size} items ready in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
      const gadget = await pointsOf(sb, () => invoke<PortfolioLoad>(sb, 'portfolio/load', {}));
      row(`one gadget load before the portfolio index is built, ${size.toLocaleString('en')} items`, gadget);
      rows.push({
        area: 'jira points',
        figure: `gadget loads of ${size.toLocaleString('en')} items per hour within ${HOURLY_POINTS.toLocaleString('en')} points`,
        value: Math.floor(HOURLY_POINTS / gadget),
        unit: 'loads',
      });
    }
    rows.push({
      area: 'jira points',
      figure: `panel loads per hour within ${HOURLY_POINTS.toLocaleString('en')} points`,
      value: Math.floor(HOURLY_POINTS / load),
      unit: 'loads',
    });
  } finally {
    await sb.stop();
  }
  return rows;
}
