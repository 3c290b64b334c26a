// Turns a seed plan into a live LCOO roadmap THROUGH THE APP: the admin resolver sets up
// issue types, statuses and workflows; issues are created over the emulator's REST as their
// owners; records are saved with the panel resolver (vetting/save, delivery/save) and
// approvals recorded with approvals/record, each by someone the app lets do it: a company's
// interest and committed people by that company's own people (the owner saves the checklist
// with the proposing company's entry, then each partner company's rep adds its own), an FST
// prioritization by that FST's lead, the Roadmap Committee's decisions and delivery tracking by
// committee members. Then each issue is walked through its workflow to its target stage, so the
// app's own stage-gate validator judges every move. A refusal is a seed failure: the data is
// meant to follow the rules and be complete enough to pass.
import { seedGerritFromPlan } from '../gerrit/seed';
import { seedLaunchpadFromPlan } from '../launchpad/seed';
import { z } from 'zod';
import {
  DEFAULT_APP_CONFIG,
  LIFECYCLES,
  directoryOf,
  type CompanyCollaboration,
  type DeliveryStage,
  type PortfolioStage,
  type VettingInput,
} from '../../src/domain';
import { SEED_USERS, companyGroup, fstLeadGroup, type COMPANY_IDS, type FST_IDS } from '../jira/seed-site';
import type { RunningSandbox } from '../host/boot';
import type { FrontendContext } from '../host/forge-host';
import { errorMessage } from '../host/runtime';
import {
  DEFAULT_SEED,
  generateSeedPlan,
  type PlannedApproval,
  type PlannedDeliverable,
  type PlannedRoadmapItem,
  type SeedPlan,
} from './generate';
import { PUBLISH_AS, ROADMAP_MODULE, publishSeedVersion, type PageInvoke } from './published-versions';

export const PANEL_MODULE = 'lcoo-issue-panel';
export const ADMIN_MODULE = 'lcoo-admin';
export const PROJECT_KEY = 'LCOO';
/** Walks the workflows; a site admin, as the LRC chair would do it. */
export const TRANSITION_AS = 'admin@lcoo.example';

export class SeedError extends Error {
  override name = 'SeedError';
}

/** Where a running seed is: after setup, after each issue is at its target stage, before the last triggers settle. */
export interface SeedProgress {
  phase: 'setup' | 'roadmap-items' | 'deliverables' | 'settling';
  /** Issues at their target stage so far, and planned. */
  done: number;
  total: number;
}

export interface SeedReport {
  plan: SeedPlan;
  /** plan ref (R01, D07, ...) -> Jira key */
  keys: Record<string, string>;
  transitions: number;
  approvals: number;
  /** The LCOO roadmap versions published through the roadmap page (names). */
  published: string[];
  ms: number;
}

const Envelope = z.union([
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) }),
]);
const PanelRevisions = z.looseObject({
  vetting: z.looseObject({ revision: z.number().nullable() }).optional(),
  delivery: z.looseObject({ revision: z.number().nullable() }).optional(),
});
const SetupSteps = z.looseObject({
  steps: z.array(z.looseObject({ id: z.string(), label: z.string().optional(), state: z.string(), detail: z.string().optional() })),
});
const Created = z.looseObject({ key: z.string() });
const Transitions = z.looseObject({
  transitions: z.array(z.looseObject({ id: z.string(), name: z.string(), to: z.looseObject({ name: z.string() }).optional() })),
});

const directory = directoryOf(DEFAULT_APP_CONFIG);

/** The first seeded person in `group`: who acts for an FST or a company. */
function memberOf(group: string, what: string): string {
  const u = SEED_USERS.find((x) => x.groups.includes(group) && x.email);
  if (!u) throw new SeedError(`No seeded user is in ${group}, so no one can act for ${what}; add one to sandbox/jira/seed-site.ts`);
  return u.email;
}

/** The lead of the FST named `fst` (a name or an id, as the plan has it). */
export function fstLeadEmail(fst: string): string {
  const id = directory.fst(fst)?.id;
  if (!id) throw new SeedError(`The plan names FST "${fst}", which the app's default configuration does not have`);
  return memberOf(fstLeadGroup(id as (typeof FST_IDS)[number]), `the ${fst} FST`);
}

/** A Roadmap Coordinator or rep of the company named `company`. */
export function companyRepEmail(company: string): string {
  const id = directory.company(company)?.id;
  if (!id) throw new SeedError(`The plan names member company "${company}", which the app's default configuration does not have`);
  return memberOf(companyGroup(id as (typeof COMPANY_IDS)[number]), company);
}

const sameCompany = (a: string, b: string) => (directory.company(a)?.id ?? a) === (directory.company(b)?.id ?? b);

/** The planned checklist with only `entries` as its company entries. */
function withCompanies(v: VettingInput, entries: readonly CompanyCollaboration[]): VettingInput {
  if (!v.collaborators) return v;
  return { ...v, collaborators: { ...v.collaborators, companies: [...entries] } };
}

const adf = (text: string) => ({
  type: 'doc',
  version: 1,
  content: text.split('\n\n').map((para) => ({ type: 'paragraph', content: [{ type: 'text', text: para }] })),
});

/** Seeded people who map their Gerrit account through the app (sandbox/gerrit/seed.ts LCOO_CORES). */
export const SEEDED_GERRIT_CLAIMS = ['k.tanaka@ntt.example', 's.kim@att.example'] as const;

export async function runSeed(
  sb: RunningSandbox,
  opts: {
    seed?: number;
    now?: Date;
    log?: (line: string) => void;
    /** Told where the seed is; the seed waits for what it returns (a test holds the seed at a step this way). */
    progress?: (p: SeedProgress) => void | Promise<void>;
  } = {},
): Promise<SeedReport> {
  const started = Date.now();
  const log = opts.log ?? (() => undefined);
  for (const m of [PANEL_MODULE, ADMIN_MODULE]) {
    if (!sb.app.modules.has(m))
      throw new SeedError(`The seed needs the app's module '${m}' (docs/design.md), but manifest.yml has none; seed skipped.`);
  }
  const plan = generateSeedPlan(opts.seed ?? DEFAULT_SEED, opts.now ?? new Date());
  // Gerrit knows every change the seeded deliverables link (sandbox/gerrit/seed.ts).
  seedGerritFromPlan(sb.gerrit.store, plan);
  // Launchpad knows every blueprint they link (sandbox/launchpad/seed.ts).
  seedLaunchpadFromPlan(sb.launchpad.store, plan);
  const keys: Record<string, string> = {};
  let transitions = 0;
  let approvals = 0;
  const total = plan.roadmapItems.length + plan.deliverables.length;
  let done = 0;
  const progress = async (phase: SeedProgress['phase']) => {
    if (phase !== 'setup' && phase !== 'settling') done++;
    await opts.progress?.({ phase, done, total });
    // The emulator and the host answer in-process, so the seed's awaits never reach the event
    // loop: without this turn the sandbox's pages (and their seed notice) would not answer
    // until the whole seed is done.
    await new Promise<void>((resolve) => setImmediate(resolve));
  };
  await progress('setup');

  const accountOf = (email: string) => {
    const u = sb.jira.userByEmail(email);
    if (!u) throw new SeedError(`The seed names ${email}, who is not a seeded Jira user`);
    return u.accountId;
  };
  const rest = async (email: string, method: string, path: string, body?: unknown) => {
    const reply = await sb.jira.handle({
      method,
      path,
      body,
      principal: { kind: 'user', accountId: accountOf(email) },
      headers: { 'content-type': 'application/json' },
    });
    if (reply.status >= 400) throw new SeedError(`${method} ${path} as ${email} -> ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body;
  };
  const invoke = async (
    what: string,
    moduleKey: string,
    functionKey: string,
    payload: unknown,
    email: string,
    issueKey?: string,
  ): Promise<unknown> => {
    let context: FrontendContext;
    try {
      context = await sb.host.frontendContext(
        moduleKey,
        accountOf(email),
        issueKey ? { kind: 'issue', issueKey } : moduleKey === ROADMAP_MODULE ? { kind: 'page' } : { kind: 'admin' },
      );
    } catch (e) {
      throw new SeedError(`${what}: ${errorMessage(e)}`);
    }
    let out: unknown;
    try {
      out = await sb.host.invoke(moduleKey, functionKey, payload, context);
    } catch (e) {
      throw new SeedError(`${what}: ${functionKey} as ${email} threw: ${errorMessage(e)}`);
    }
    const env = Envelope.safeParse(out);
    if (!env.success)
      throw new SeedError(
        `${what}: ${functionKey} did not answer with the resolver envelope (is it implemented yet?): ${JSON.stringify(out)?.slice(0, 300)}`,
      );
    if (!env.data.ok) throw new SeedError(`${what}: ${functionKey} as ${email} refused: ${env.data.error.code} ${env.data.error.message}`);
    return env.data.data;
  };
  const revisionOf = (data: unknown, record: 'vetting' | 'delivery'): number | null => {
    const parsed = PanelRevisions.safeParse(data);
    return parsed.success ? (parsed.data[record]?.revision ?? null) : null;
  };

  // 1. Jira objects the app needs: through the app's own admin resolver.
  const setup = SetupSteps.safeParse(await invoke('Setup', ADMIN_MODULE, 'setup/run', { projectKey: PROJECT_KEY }, 'admin@lcoo.example'));
  if (!setup.success) throw new SeedError(`setup/run answered without {steps}: ${z.prettifyError(setup.error)}`);
  const failed = setup.data.steps.filter((s) => s.state !== 'done');
  if (failed.length)
    throw new SeedError(
      `setup/run left steps undone: ${failed.map((s) => `${s.label ?? s.id}: ${s.state}${s.detail ? ` (${s.detail})` : ''}`).join('; ')}`,
    );
  log(`setup/run: ${setup.data.steps.length} steps done`);

  async function walk(
    item: PlannedRoadmapItem | PlannedDeliverable,
    key: string,
    record: 'vetting' | 'delivery',
    revisionIn: number | null,
  ) {
    const lifecycle = LIFECYCLES[record === 'vetting' ? 'portfolio' : 'delivery'];
    let revision = revisionIn;
    const targetIndex = lifecycle.stages.findIndex((s) => s.id === item.targetStage);
    for (let i = 1; i <= targetIndex; i++) {
      const stage = lifecycle.stages[i];
      if (!stage) break;
      for (const a of item.approvals.filter((x: PlannedApproval) => x.beforeStage === stage.id)) {
        // Only the item's own FST lead prioritizes it for the FST.
        const asEmail = a.role === 'fst-prioritization' && item.kind === 'roadmap-item' ? fstLeadEmail(item.fst) : a.asEmail;
        const data = await invoke(
          `${item.ref} ${key}`,
          PANEL_MODULE,
          'approvals/record',
          { record, role: a.role, revision, note: a.note, ...(a.ref ? { ref: a.ref } : {}) },
          asEmail,
          key,
        );
        revision = revisionOf(data, record);
        approvals++;
      }
      const available = Transitions.parse(await rest(TRANSITION_AS, 'GET', `/rest/api/3/issue/${key}/transitions`));
      const t = available.transitions.find((x) => x.to?.name === stage.statusName);
      if (!t)
        throw new SeedError(
          `${item.ref} ${key}: no transition to "${stage.statusName}" (available: ${available.transitions.map((x) => x.to?.name ?? x.name).join(', ') || 'none'}); did setup/run build the workflow?`,
        );
      const reply = await sb.jira.handle({
        method: 'POST',
        path: `/rest/api/3/issue/${key}/transitions`,
        body: { transition: { id: t.id } },
        principal: { kind: 'user', accountId: accountOf(TRANSITION_AS) },
      });
      if (reply.status !== 204) {
        throw new SeedError(
          `${item.ref} ${key}: the gate refused "${stage.statusName}" although the seed data should pass it: ${JSON.stringify(reply.body)}`,
        );
      }
      transitions++;
    }
  }

  // The published roadmaps (when the app has its roadmap page): the first once most Roadmap Items
  // are in, the second at the end, so the two differ as quarters do.
  const roadmapPage: PageInvoke | undefined = sb.app.modules.has(ROADMAP_MODULE)
    ? (what, functionKey, payload) => invoke(what, ROADMAP_MODULE, functionKey, payload, PUBLISH_AS)
    : undefined;
  const firstVersionAfter = Math.floor(plan.roadmapItems.length * 0.6);
  const published: string[] = [];

  // 2. Roadmap Items.
  for (const [itemIndex, item] of plan.roadmapItems.entries()) {
    const created = Created.parse(
      await rest(item.ownerEmail, 'POST', '/rest/api/3/issue', {
        fields: {
          project: { key: PROJECT_KEY },
          issuetype: { name: LIFECYCLES.portfolio.issueTypeName },
          summary: item.summary,
          description: adf(item.description),
          labels: ['lcoo', item.fst.toLowerCase().replace(/[^a-z]+/g, '-')],
          // Items past the backlog have someone driving them: the proposing company's representative.
          ...(item.targetStage !== 'vetting-backlog' ? { assignee: { accountId: accountOf(item.ownerEmail) } } : {}),
        },
      }),
    );
    keys[item.ref] = created.key;
    let revision: number | null = null;
    if (item.completeness === 'forged' && item.vetting) {
      // Someone with edit rights writes the property over raw REST: looks complete, is not signed.
      await rest(item.ownerEmail, 'PUT', `/rest/api/3/issue/${created.key}/properties/lcoo-vetting`, {
        schemaVersion: 2,
        data: {
          ...item.vetting,
          approvals: [{ role: 'fst-prioritization', accountId: accountOf(item.ownerEmail), displayName: 'Self-approved', at: plan.now }],
        },
        index: { stage: 'prioritized', fst: item.fst, completeness: 100, integrity: 'valid' },
        meta: { revision: 1, updatedAt: plan.now, updatedBy: accountOf(item.ownerEmail) },
        sig: 'forged-through-raw-rest',
      });
    } else if (item.vetting) {
      // The owner saves the checklist with the proposing company's own entry; each other
      // company's entry is then added by one of that company's people.
      const entries = item.vetting.collaborators?.companies ?? [];
      const own = entries.filter((c) => sameCompany(c.company, item.company));
      let saved: CompanyCollaboration[] = own as CompanyCollaboration[];
      revision = revisionOf(
        await invoke(
          `${item.ref} ${created.key}`,
          PANEL_MODULE,
          'vetting/save',
          { revision: null, vetting: withCompanies(item.vetting, saved) },
          item.ownerEmail,
          created.key,
        ),
        'vetting',
      );
      for (const entry of entries.filter((c) => !sameCompany(c.company, item.company))) {
        saved = [...saved, entry as CompanyCollaboration];
        revision = revisionOf(
          await invoke(
            `${item.ref} ${created.key} (${entry.company})`,
            PANEL_MODULE,
            'vetting/save',
            { revision, vetting: withCompanies(item.vetting, saved) },
            companyRepEmail(entry.company),
            created.key,
          ),
          'vetting',
        );
      }
    }
    await walk(item, created.key, 'vetting', revision);
    log(`${item.ref} ${created.key} ${item.targetStage} (${item.completeness})`);
    if (roadmapPage && itemIndex + 1 === firstVersionAfter) published.push(await publishSeedVersion(roadmapPage, 0));
    await progress('roadmap-items');
  }

  // 3. Upstream Deliverables, linked to their Roadmap Item.
  for (const d of plan.deliverables) {
    const parentKey = keys[d.roadmapRef];
    if (!parentKey) throw new SeedError(`${d.ref}: its Roadmap Item ${d.roadmapRef} was not created`);
    const created = Created.parse(
      await rest(d.ownerEmail, 'POST', '/rest/api/3/issue', {
        fields: {
          project: { key: PROJECT_KEY },
          issuetype: { name: LIFECYCLES.delivery.issueTypeName },
          summary: d.summary,
          description: adf(d.description),
          labels: ['lcoo', 'upstream'],
          ...(d.targetStage !== 'backlog' ? { assignee: { accountId: accountOf(d.ownerEmail) } } : {}),
        },
      }),
    );
    keys[d.ref] = created.key;
    const revision = d.delivery
      ? revisionOf(
          await invoke(
            `${d.ref} ${created.key}`,
            PANEL_MODULE,
            'delivery/save',
            { revision: null, delivery: { ...d.delivery, roadmapItemKey: parentKey } },
            d.ownerEmail,
            created.key,
          ),
          'delivery',
        )
      : null;
    await walk(d, created.key, 'delivery', revision);
    // The owner reads the evidence from Gerrit once ("Refresh from upstream"), as a person would.
    if (d.delivery?.changes?.length || d.delivery?.specification || d.delivery?.blueprint)
      await invoke(`${d.ref} ${created.key} (upstream)`, PANEL_MODULE, 'delivery/refresh-upstream', {}, d.ownerEmail, created.key);
    // The owner's weekly updates on the release scope tracker, oldest first, each for its week
    // (the server dates the writing; the week is the one the update is for).
    for (const u of d.updates ?? []) {
      const week = new Date(Date.now() - u.weeksAgo * 7 * 86_400_000).toISOString().slice(0, 10);
      await invoke(
        `${d.ref} ${created.key} update`,
        ROADMAP_MODULE,
        'tracker/add-note',
        { issueKey: created.key, week, text: u.text },
        d.ownerEmail,
      );
    }
    log(`${d.ref} ${created.key} ${d.targetStage}`);
    await progress('deliverables');
  }
  // Two LCOO people who are cores upstream say which Gerrit account is theirs (issue 14.5), as a
  // person does on a deliverable's panel; Farah Stein (fst-lead@) is left for you to try.
  const someDeliverable = plan.deliverables.map((d) => keys[d.ref]).find((k) => k !== undefined);
  if (someDeliverable)
    for (const email of SEEDED_GERRIT_CLAIMS)
      await invoke(`Gerrit account of ${email}`, PANEL_MODULE, 'gerrit-account/save', { account: email }, email, someDeliverable);
  await progress('settling');
  await sb.host.settled();
  // What an admin does once after installing: build the portfolio index (admin page, "Rebuild
  // the portfolio index"); its steps run as async events, awaited here.
  await invoke('Portfolio index', ADMIN_MODULE, 'index/rebuild', {}, 'admin@lcoo.example');
  await sb.host.settled();
  if (roadmapPage) published.push(await publishSeedVersion(roadmapPage, 1));
  for (const name of published) log(`published: ${name}`);
  return { plan, keys, transitions, approvals, published, ms: Date.now() - started };
}

export type { PortfolioStage, DeliveryStage };
