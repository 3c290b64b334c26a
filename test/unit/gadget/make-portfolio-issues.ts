// Deterministic LCOO portfolios for the gadget's tests and bench: Roadmap Items with vetting
// records of varied completeness, and Upstream Deliverables pointing at them. Records are
// signed exactly as the app signs them (buildStoredRecord + vettingIndex), so a test can
// also forge one by changing data after signing.
import { LIFECYCLES, type Stage } from '../../../src/domain/lifecycle';
import type { Delivery } from '../../../src/domain/delivery';
import type { Vetting } from '../../../src/domain/vetting';
import { DELIVERY_RECORD, VETTING_RECORD, deliveryIndex, vettingIndex } from '../../../src/records/kinds';
import { buildStoredRecord, type RecordKind, type StoredRecord } from '../../../src/records/stored-record';
import { defaultGateConfig } from '../../../src/domain/gates';
import type { PortfolioItem } from '../../../src/domain/portfolio';
import type { Issue } from '../../../src/jira/issues';
import { toPortfolioIssues, type VerifiedIssues } from '../../../src/usecases/portfolio-index/verify-issues';
import { parentChecklistOf } from '../../../src/records/roadmap-item';
import { adminOnly, movesFromRules, type AdminSettings, type GateRules } from '../../../src/usecases/gate-settings';
import { gatePortfolio } from '../../../src/usecases/portfolio-gates';
import { BUILTIN_CALENDAR } from '../../../src/domain/releases';
import { DEFAULT_APP_CONFIG } from '../../../src/domain/app-config';

export const FIXTURE_NOW = new Date('2026-11-25T12:00:00Z');
export const FSTS = ['networking', 'security', 'containers', 'operations-lma', 'test-automation', 'resource-management', 'other'];
export const COMPANIES = ['att', 'comcast', 'ntt', 'orange', 'reliance-jio', 'intel'];
// Shipped (flamingo, gazpacho, hibiscus) and open (indri) releases, so some items slip.
export const FIXTURE_RELEASES = ['flamingo', 'gazpacho', 'hibiscus', 'indri'];
const TYPES = ['new', 'debt', 'bug', 'open-sourcing', 'other'] as const;
const SIZES = ['S', 'M', 'L', 'XL'] as const;
const PORTFOLIO = LIFECYCLES.portfolio.stages.map((s) => s.id);
const DELIVERY = LIFECYCLES.delivery.stages.map((s) => s.id);

const pick = <T>(list: readonly T[], i: number): T => list[i % list.length]!;

/** A vetting record for item `i`; `filled` (0..12) decides how much of the checklist is done. */
export function makeVetting(i: number, filled = i % 13): Vetting {
  const v: Vetting = { schemaVersion: 2, fst: pick(FSTS, i), proposingCompany: pick(COMPANIES, i) };
  if (filled > 0) v.type = pick(TYPES, i);
  if (filled > 1) {
    v.requirements = [`Requirement ${i}.1: operators can do the thing at scale`];
    v.acceptanceCriteria = [`Acceptance ${i}.1: tempest test passes`];
  }
  if (filled > 2) v.components = [pick(['Nova', 'Neutron', 'Cinder', 'Keystone'], i)];
  if (filled > 3) v.stakeholders = [{ name: 'Pat Operator', company: pick(COMPANIES, i + 1), role: 'Operator' }];
  if (filled > 4) v.artifacts = [{ kind: 'design', url: `https://etherpad.opendev.org/p/lcoo-${i}`, title: 'Design notes' }];
  if (filled > 5) v.size = pick(SIZES, i);
  if (filled > 6) v.valueToMembers = 'Cuts upgrade downtime for every member cloud.';
  if (filled > 7) v.valueToCommunity = 'Every large deployment benefits.';
  if (filled > 8) v.blueprints = { searched: true, findings: [], conclusion: 'No existing blueprint.' };
  if (filled > 9) v.communityAlignment = [{ channel: 'ptg', notes: 'Discussed with the PTL at the PTG.' }];
  v.collaborators = {
    companies: [
      {
        company: pick(COMPANIES, i + 2),
        interest: filled > 10 ? 'yes' : 'undecided',
        people: filled > 10 ? [{ name: `Dev ${i}` }, { name: `Dev ${i}b` }] : [],
      },
      { company: pick(COMPANIES, i + 3), interest: i % 2 === 0 ? 'yes' : 'no', people: i % 2 === 0 ? [{ name: `Eng ${i}` }] : [] },
    ],
    workingGroups: [],
  };
  v.targetRelease = pick(FIXTURE_RELEASES, i);
  return v;
}

export function makeDelivery(i: number, roadmapItemKey: string): Delivery {
  return { schemaVersion: 1, roadmapItemKey, project: pick(['Nova', 'Neutron', 'Cinder'], i) };
}

/** The property value the app would store (signed with `secret`). */
export function signedRecord<T>(
  secret: string,
  kind: RecordKind<T>,
  issueId: string,
  data: T,
  index: Record<string, string | number | string[]>,
): StoredRecord {
  return buildStoredRecord(secret, kind as RecordKind<unknown>, issueId, data, index, {
    revision: 1,
    updatedAt: '2026-11-01T10:00:00.000Z',
    updatedBy: '557058:5e1c00de-0000-4000-8000-000000000001',
  });
}

export interface FixtureIssue {
  id: string;
  key: string;
  summary: string;
  issueTypeName: 'Roadmap Item' | 'Upstream Deliverable';
  statusName: string;
  stage: Stage;
  properties: Record<string, unknown>;
}

/**
 * `count` issues: four Roadmap Items for every Upstream Deliverable. Item 7, 107, ... carry a
 * forged record (data changed after signing) so every portfolio has integrity problems to show.
 */
export function makePortfolioIssues(count: number, secret: string, opts: { projectKey?: string; firstId?: number } = {}): FixtureIssue[] {
  const projectKey = opts.projectKey ?? 'LCOO';
  const firstId = opts.firstId ?? 20000;
  const issues: FixtureIssue[] = [];
  for (let i = 0; i < count; i++) {
    const id = String(firstId + i);
    const key = `${projectKey}-${i + 1}`;
    if (i % 5 === 4) {
      const stage = pick(DELIVERY, i);
      const parentKey = `${projectKey}-${i}`;
      const delivery = makeDelivery(i, parentKey);
      issues.push({
        id,
        key,
        summary: `Upstream deliverable ${i + 1} for ${parentKey}`,
        issueTypeName: 'Upstream Deliverable',
        stage,
        statusName: LIFECYCLES.delivery.stages.find((s) => s.id === stage)!.statusName,
        properties: {
          [DELIVERY_RECORD.propertyKey]: signedRecord(
            secret,
            DELIVERY_RECORD,
            id,
            delivery,
            deliveryIndex(delivery, stage, BUILTIN_CALENDAR),
          ),
        },
      });
      continue;
    }
    const stage = pick(PORTFOLIO, Math.floor(i / 3));
    const vetting = makeVetting(i);
    const record = signedRecord(
      secret,
      VETTING_RECORD,
      id,
      vetting,
      vettingIndex(vetting, stage, { nowMs: FIXTURE_NOW.getTime(), calendar: BUILTIN_CALENDAR }, DEFAULT_APP_CONFIG),
    );
    // A forged record: someone changed the size through raw REST; the signature no longer matches.
    if (i % 100 === 7) {
      const data = record.data as Vetting;
      data.size = data.size === 'XL' ? 'S' : 'XL';
    }
    issues.push({
      id,
      key,
      summary: `Roadmap item ${i + 1}: ${pick(['Live migration', 'SR-IOV', 'Zero-downtime upgrade', 'Audit logging'], i)}`,
      issueTypeName: 'Roadmap Item',
      stage,
      statusName: LIFECYCLES.portfolio.stages.find((s) => s.id === stage)!.statusName,
      properties: { [VETTING_RECORD.propertyKey]: record },
    });
  }
  return issues;
}

/** The shape /rest/api/3/search/jql returns for a fixture issue. */
export function asSearchIssue(f: FixtureIssue) {
  return {
    id: f.id,
    key: f.key,
    fields: { summary: f.summary, status: { id: '1', name: f.statusName }, issuetype: { id: '2', name: f.issueTypeName } },
    properties: f.properties,
  };
}

/**
 * What portfolio/load makes of fixture issues before aggregating: verified snapshots, then the
 * gate check of each item's next move (under the admin defaults unless told otherwise).
 */
export function portfolioItemsOf(
  issues: readonly FixtureIssue[],
  secret: string,
  opts: { now?: Date; admin?: AdminSettings; rules?: GateRules } = {},
): { items: PortfolioItem[]; skipped: VerifiedIssues['skipped'] } {
  const verified = toPortfolioIssues(
    issues.map((f) => asSearchIssue(f) as Issue),
    secret,
    {},
  );
  const settingsFor = movesFromRules(opts.admin ?? { config: defaultGateConfig, source: 'stored' }, opts.rules ?? adminOnly('fixture'));
  const parents = (key: string) => {
    const found = verified.roadmapItems.get(key);
    return found ? parentChecklistOf(key, found) : undefined;
  };
  return {
    items: gatePortfolio(verified.issues, settingsFor, parents, { nowMs: (opts.now ?? FIXTURE_NOW).getTime(), calendar: BUILTIN_CALENDAR }),
    skipped: verified.skipped,
  };
}
