// One gate check, three entry points: for every stage of both lifecycles and every state of
// the issue's record, Jira's transition (the stage-gate validator), the panel's readiness and
// the gadget's blockers give the same answer, also with a stored configuration that does not
// parse and with every LCOO status renamed in Jira. And no entry point builds a gate subject
// of its own: the decision is made in src/usecases/gate-check.ts only.
import Database from 'better-sqlite3';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';
import { JIRA_DB_FILE } from '../../../sandbox/host/boot';
import type { PortfolioLoad } from '../../../src/contract/gadget';
import type { PanelData } from '../../../src/contract/panel';
import type { Integrity } from '../../../src/domain/gates';
import { LIFECYCLES, type LifecycleId, type Stage } from '../../../src/domain/lifecycle';
import { blockedMessage, failClosedMessage } from '../../../src/modules/validator/gate-message';
import { KVS_KEYS } from '../../../src/storage/keys';
import { makeCompleteDelivery } from '../../fixtures/builders';
import { ADMIN, FST_LEAD, completeVetting, rest, startLcooSite, unwrap, type LcooSite } from '../../support/lcoo-site';
import { REPO_DIR } from '../../support/sandbox';

jest.setTimeout(180_000);

const INTEGRITIES: Integrity[] = ['valid', 'missing', 'modified-outside-app', 'unreadable'];
const LIFECYCLE_IDS: LifecycleId[] = ['portfolio', 'delivery'];
/** Requirement ids of a refusal that is not about the record (the validator words those as "can't move yet: ..."). */
const FAIL_CLOSED = new Set(['config', 'transition', 'input']);

interface Case {
  key: string;
  lifecycle: LifecycleId;
  stage: Stage;
  integrity: Integrity;
}

let site: LcooSite;
let db: Database.Database;
const cases: Case[] = [];
let parentKey: string;
const statusIds = new Map<Stage, string>();

/** Puts an issue in a stage as an admin could (a move Jira made without the gate), so every stage can be looked at. */
function place(key: string, stage: Stage): void {
  const changed = db.prepare('UPDATE issues SET status_id = ? WHERE key = ?').run(Number(statusIds.get(stage)), key).changes;
  if (changed !== 1) throw new Error(`could not place ${key} in ${stage}`);
}

async function saveRecord(key: string, lifecycle: LifecycleId, integrity: Integrity): Promise<void> {
  if (integrity === 'missing') return;
  if (lifecycle === 'portfolio') {
    await site.ok('vetting/save', { revision: null, vetting: completeVetting() }, FST_LEAD, key);
  } else {
    const { approvals: _approvals, ...delivery } = makeCompleteDelivery({ roadmapItemKey: parentKey });
    await site.ok('delivery/save', { revision: null, delivery }, FST_LEAD, key);
  }
  if (integrity === 'valid') return;
  const property = lifecycle === 'portfolio' ? 'lcoo-vetting' : 'lcoo-delivery';
  const stored = (await site.rest('GET', `/rest/api/3/issue/${key}/properties/${property}`, ADMIN)).body as { value: { data: object } };
  const value =
    integrity === 'unreadable'
      ? { hello: 'not an LCOO record' }
      : { ...stored.value, data: { ...stored.value.data, project: 'Nova', size: 'XL' } };
  expect((await site.rest('PUT', `/rest/api/3/issue/${key}/properties/${property}`, ADMIN, value)).status).toBeLessThan(300);
}

beforeAll(async () => {
  site = await startLcooSite();
  db = new Database(join(site.sb.dataDir, JIRA_DB_FILE));
  const statuses = (await site.rest('GET', '/rest/api/3/statuses/search?maxResults=200', ADMIN)).body as {
    values: { id: string; name: string }[];
  };
  for (const lc of Object.values(LIFECYCLES)) {
    for (const s of lc.stages) {
      const found = statuses.values.find((v) => v.name === s.statusName);
      if (!found) throw new Error(`no status ${s.statusName}`);
      statusIds.set(s.id, found.id);
    }
  }
  // The admin requires a checklist item of the Roadmap Item at a delivery stage, so the
  // deliverables' gates read their Roadmap Item's checklist (which lacks it).
  const got = unwrap<{ config: { gate: { requiredChecklist: object } } }>(
    await site.sb.host.invoke('lcoo-admin', 'config/get', {}, { asEmail: ADMIN }),
  );
  const config = {
    ...got.config,
    gate: { ...got.config.gate, requiredChecklist: { ...got.config.gate.requiredChecklist, 'code-committed': ['size'] } },
  };
  unwrap(await site.sb.host.invoke('lcoo-admin', 'config/save', config, { asEmail: ADMIN }));

  parentKey = await site.createIssue('Roadmap Item', 'The Roadmap Item the deliverables deliver');
  const { size: _size, ...unsized } = completeVetting();
  await site.ok('vetting/save', { revision: null, vetting: unsized }, FST_LEAD, parentKey);
  place(parentKey, 'development-ready');

  for (const lifecycle of LIFECYCLE_IDS) {
    for (const { id: stage } of LIFECYCLES[lifecycle].stages) {
      for (const integrity of INTEGRITIES) {
        const key = await site.createIssue(
          LIFECYCLES[lifecycle].issueTypeName as 'Roadmap Item' | 'Upstream Deliverable',
          `${stage} ${integrity}`,
        );
        await saveRecord(key, lifecycle, integrity);
        place(key, stage);
        cases.push({ key, lifecycle, stage, integrity });
      }
    }
  }
  await site.sb.host.settled();
});

afterAll(async () => {
  db?.close();
  await site?.stop();
});

/** What Jira does when someone moves the issue to the panel's next stage: 204, or its 400 sentence. Moves it back after a 204. */
async function validatorAnswer(c: Case, target: Stage): Promise<{ pass: boolean; message?: string }> {
  const list = await rest(site.sb, ADMIN, 'GET', `/rest/api/3/issue/${c.key}/transitions`);
  const transitions = (list.body as { transitions: { id: string; to: { id: string } }[] }).transitions;
  const t = transitions.find((x) => x.to.id === statusIds.get(target));
  if (!t) throw new Error(`${c.key} (${c.stage}) offers no transition to ${target}`);
  const res = await rest(site.sb, ADMIN, 'POST', `/rest/api/3/issue/${c.key}/transitions`, { transition: { id: t.id } });
  if (res.status === 204) {
    await site.sb.host.settled();
    place(c.key, c.stage);
    return { pass: true };
  }
  expect(res.status).toBe(400);
  return { pass: false, message: (res.body as { errorMessages: string[] }).errorMessages.join(' ') };
}

async function gadgetRows(): Promise<Map<string, { nextStage?: Stage; blockers: string[] }>> {
  const p = unwrap<PortfolioLoad>(
    await site.sb.host.invoke('lcoo-portfolio-gadget', 'portfolio/load', {}, { asEmail: ADMIN, gadgetConfiguration: {} }),
  );
  return new Map(
    p.rows.map((r) => [
      r.key,
      { ...(r.nextStage ? { nextStage: r.nextStage } : {}), blockers: r.blockers.map((i) => p.blockerMessages[i]!) },
    ]),
  );
}

/** Asks the three entry points about every case and checks they agree. Returns the panel's answers for further checks. */
async function expectAgreement(): Promise<Map<string, PanelData['readiness'][number] | undefined>> {
  const gadget = await gadgetRows();
  const answers = new Map<string, PanelData['readiness'][number] | undefined>();
  for (const c of cases) {
    const panel = await site.ok('panel/load', {}, ADMIN, c.key);
    const readiness = panel.readiness[0];
    const row = gadget.get(c.key);
    const label = `${c.key}: ${c.lifecycle} ${c.stage} ${c.integrity}`;
    expect({ label, stage: panel.issue.stage }).toEqual({ label, stage: c.stage });
    expect({ label, next: row?.nextStage }).toEqual({ label, next: readiness?.target });
    expect({ label, blockers: row?.blockers }).toEqual({ label, blockers: readiness?.missing.map((m) => m.message) ?? [] });
    answers.set(c.key, readiness);
    if (!readiness) continue; // the last stage: nowhere to move
    const jira = await validatorAnswer(c, readiness.target);
    const failClosed = readiness.missing.length === 1 && FAIL_CLOSED.has(readiness.missing[0]!.requirement);
    const expected = readiness.pass
      ? { pass: true }
      : {
          pass: false,
          message: failClosed
            ? failClosedMessage(c.key, readiness.missing[0]!.message)
            : blockedMessage(c.key, readiness.targetName, readiness.missing),
        };
    expect({ label, ...jira }).toEqual({ label, ...expected });
  }
  return answers;
}

test('with the settings as saved, every stage and record state: the validator, the panel and the gadget agree', async () => {
  const answers = await expectAgreement();
  // The cases are not trivially alike: some pass, some are refused, and the deliverables'
  // Roadmap Item checklist decides one gate.
  const all = [...answers.values()].filter((r) => r !== undefined);
  expect(all.some((r) => r.pass)).toBe(true);
  expect(all.some((r) => !r.pass)).toBe(true);
  const atCodeCommitted = cases.find((c) => c.lifecycle === 'delivery' && c.stage === 'coding-in-progress' && c.integrity === 'valid')!;
  expect(answers.get(atCodeCommitted.key)?.missing.map((m) => m.requirement)).toContain('checklist:size');
});

test('with every LCOO status renamed in Jira: still the same answers (stages are known by status id)', async () => {
  const statuses = [...statusIds.entries()].map(([stage, id]) => {
    const def = [...LIFECYCLES.portfolio.stages, ...LIFECYCLES.delivery.stages].find((s) => s.id === stage)!;
    return { id, name: `${def.statusName} (renamed)`, statusCategory: def.category };
  });
  expect((await site.rest('PUT', '/rest/api/3/statuses', ADMIN, { statuses })).status).toBe(204);
  try {
    const answers = await expectAgreement();
    expect([...answers.values()].filter((r) => r !== undefined)).toHaveLength(cases.length - INTEGRITIES.length * 2);
  } finally {
    const back = statuses.map((s) => ({ ...s, name: s.name.replace(' (renamed)', '') }));
    expect((await site.rest('PUT', '/rest/api/3/statuses', ADMIN, { statuses: back })).status).toBe(204);
  }
});

test('with a stored configuration that does not parse: every move forward is refused by all three, with the same reason', async () => {
  const kvs = site.sb.host.raw.kvs;
  const saved = (kvs.handle('/api/v1/get', { key: KVS_KEYS.config }).body as { value: unknown }).value;
  kvs.handle('/api/v1/set', { key: KVS_KEYS.config, value: { version: 1, fsts: 'not a list' } });
  try {
    const answers = await expectAgreement();
    for (const r of answers.values()) {
      if (r) expect(r).toMatchObject({ pass: false, missing: [{ requirement: 'config' }] });
    }
  } finally {
    kvs.handle('/api/v1/set', { key: KVS_KEYS.config, value: saved });
  }
});

// Issue 11, items 8-10: the release calendar in effect (with the admin's entries) and a target
// that shipped after its gate reach the three entry points through the one gate check.
test("with the admin's calendar correcting a milestone: all three hold the deliverables' milestones to it", async () => {
  const saved = unwrap(
    await site.sb.host.invoke(
      'lcoo-admin',
      'calendar/save',
      { version: 1, series: [{ version: '2027.1', milestones: { 'milestone-2': '2027-01-21' } }] },
      { asEmail: ADMIN },
    ),
  );
  expect(saved).toBeDefined();
  try {
    const answers = await expectAgreement();
    const atBlueprint = cases.find((c) => c.lifecycle === 'delivery' && c.stage === 'blueprint-in-progress' && c.integrity === 'valid')!;
    expect(answers.get(atBlueprint.key)?.missing).toContainEqual({
      requirement: 'delivery:milestone',
      message: 'Delivery milestone: Indri-2 of 2027.1 Indri is on 2027-01-21, not 2027-01-14.',
    });
  } finally {
    unwrap(await site.sb.host.invoke('lcoo-admin', 'calendar/save', { version: 1, series: [] }, { asEmail: ADMIN }));
  }
});

test('with the Roadmap Item targeting a release that shipped after its gate: slipped, not incomplete, for all three', async () => {
  const config = unwrap<{ config: { gate: { requiredChecklist: Record<string, string[]> } } }>(
    await site.sb.host.invoke('lcoo-admin', 'config/get', {}, { asEmail: ADMIN }),
  ).config;
  const requiring = {
    ...config,
    gate: { ...config.gate, requiredChecklist: { ...config.gate.requiredChecklist, 'code-committed': ['size', 'targetRelease'] } },
  };
  unwrap(await site.sb.host.invoke('lcoo-admin', 'config/save', requiring, { asEmail: ADMIN }));
  const before = await site.ok('panel/load', {}, ADMIN, parentKey);
  const { size: _size, ...unsized } = completeVetting();
  // 2026.2 Hibiscus shipped on 2026-09-30: the item passed its gates before (it stands in Development Ready).
  await site.ok(
    'vetting/save',
    { revision: before.vetting!.revision, vetting: { ...unsized, targetRelease: 'hibiscus' } },
    FST_LEAD,
    parentKey,
  );
  place(parentKey, 'development-ready');
  try {
    const item = await site.ok('panel/load', {}, ADMIN, parentKey);
    const twelve = item.checklist!.items.find((i) => i.id === 'targetRelease')!;
    expect(twelve).toMatchObject({ complete: true, slipped: expect.stringMatching(/2026\.2 Hibiscus was released on 2026-09-30/) });
    const answers = await expectAgreement();
    const atCodeCommitted = cases.find((c) => c.lifecycle === 'delivery' && c.stage === 'coding-in-progress' && c.integrity === 'valid')!;
    const requirements = answers.get(atCodeCommitted.key)?.missing.map((m) => m.requirement) ?? [];
    expect(requirements).toContain('checklist:size');
    expect(requirements).not.toContain('checklist:targetRelease');
  } finally {
    const now = await site.ok('panel/load', {}, ADMIN, parentKey);
    await site.ok('vetting/save', { revision: now.vetting!.revision, vetting: unsized }, FST_LEAD, parentKey);
    place(parentKey, 'development-ready');
    unwrap(await site.sb.host.invoke('lcoo-admin', 'config/save', config, { asEmail: ADMIN }));
  }
});

describe('no entry point builds its own gate subject', () => {
  const GATE_INTERNALS = new Set([
    'evaluateGate',
    'missingOnTheWay',
    'gatesOnTheWay',
    'GateSubject',
    'requiredChecklistFor',
    'overlayGateConfig',
  ]);

  /** Every name a file imports from the domain's gate engine. */
  function gateImports(file: string): string[] {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022);
    const names: string[] = [];
    for (const st of source.statements) {
      if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier)) continue;
      if (!/domain(\/gates|\/index)?$/.test(st.moduleSpecifier.text)) continue;
      const bindings = st.importClause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) for (const el of bindings.elements) names.push((el.propertyName ?? el.name).text);
    }
    return names;
  }

  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
    );

  test('src/modules imports none of the gate engine: the validator, the panel and the gadget ask src/usecases/gate-check.ts', () => {
    const offenders = files(join(REPO_DIR, 'src', 'modules')).flatMap((f) =>
      gateImports(f)
        .filter((n) => GATE_INTERNALS.has(n))
        .map((n) => `${relative(REPO_DIR, f)} imports ${n}`),
    );
    expect(offenders).toEqual([]);
    const asks = (f: string) => readFileSync(join(REPO_DIR, f), 'utf8').includes("from '../../usecases/");
    expect(
      ['src/modules/validator/stage-gate-validator.ts', 'src/modules/panel/load-panel.ts', 'src/modules/gadget/load-portfolio.ts'].filter(
        (f) => !asks(f),
      ),
    ).toEqual([]);
  });
});
