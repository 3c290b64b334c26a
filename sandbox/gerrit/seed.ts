// The Gerrit emulator's changes for the seeded deliverables: every change number a seeded
// deliverable links exists in Gerrit, with votes that agree with what the deliverable claims
// (merged changes carry two core +2s, Zuul's Verified +2 and Workflow +1; open ones are under
// review, with Zuul's vote following the CI result the seed typed in). The spec reviews
// (openstack/<project>-specs) are seeded too, merged once the specification is approved.
import type { SeedPlan } from '../seed/generate';
import { GerritStore, ZUUL, gerritTime, type EmAccount, type EmChange } from './store';

/** Core reviewers of the seeded projects (Gerrit accounts; not LCOO users). Tests add votes from [2] and [3]. */
export const SEEDED_CORES: readonly EmAccount[] = [
  { _account_id: 9100, name: 'Ana Castro', email: 'ana.castro@example.org', username: 'acastro' },
  { _account_id: 9101, name: 'Bram de Vries', email: 'bram@example.org', username: 'bdevries' },
  { _account_id: 9102, name: 'Chen Wei', email: 'chen.wei@example.org', username: 'cwei' },
  { _account_id: 9103, name: 'Dana Kowalski', email: 'dana.k@example.org', username: 'dkowalski' },
];

/**
 * Seeded LCOO people who are also core reviewers upstream (issue 14.5): their Gerrit accounts
 * carry the emails they sign in to the sandbox with, so "Your Gerrit account" finds them by email.
 * Farah Stein is in AT&T's group, Kenji Tanaka in NTT's, Sun-hee Kim in AT&T's (sandbox/jira/seed-site.ts).
 */
export const LCOO_CORES: readonly EmAccount[] = [
  { _account_id: 9110, name: 'Farah Stein', email: 'fst-lead@lcoo.example', username: 'fstein' },
  { _account_id: 9111, name: 'Kenji Tanaka', email: 'k.tanaka@ntt.example', username: 'ktanaka' },
  { _account_id: 9112, name: 'Sun-hee Kim', email: 's.kim@att.example', username: 'shkim' },
];

/**
 * Accounts on Gerrit that vote on nothing seeded, one email the prefix of the other: `email:` matches
 * both for "sam.lee@example" (several accounts match) and the exact address picks one.
 */
export const OTHER_ACCOUNTS: readonly EmAccount[] = [
  { _account_id: 9120, name: 'Sam Lee', email: 'sam.lee@example.org', username: 'slee' },
  { _account_id: 9121, name: 'Sam Lee', email: 'sam.lee@example.org.au', username: 'samlee-au' },
];

/** Who votes on the seeded changes, in turn: upstream cores and LCOO people alike. */
const ROTATION: readonly EmAccount[] = [
  SEEDED_CORES[0]!,
  LCOO_CORES[0]!,
  SEEDED_CORES[1]!,
  LCOO_CORES[1]!,
  SEEDED_CORES[2]!,
  LCOO_CORES[2]!,
  SEEDED_CORES[3]!,
];

const OWNER: EmAccount = { _account_id: 9200, name: 'LCOO Contributor', email: 'contributor@lcoo.example', username: 'lcoo-contrib' };

function changeIdOf(n: number): string {
  return `I${(n.toString(16) + 'c0ffee'.repeat(8)).slice(0, 40)}`;
}

function repoFromUrl(url: string): string | undefined {
  return /\/c\/(.+?)\/\+\/\d+/.exec(url)?.[1];
}

export function seedGerritFromPlan(store: GerritStore, plan: SeedPlan): number {
  const at = gerritTime(new Date(plan.now));
  let n = 0;
  const put = (c: Omit<EmChange, 'changeId' | 'owner' | 'created' | 'updated' | 'branch'>) => {
    store.put({ ...c, changeId: changeIdOf(c.number), owner: OWNER, created: at, updated: at, branch: 'master' });
    n += 1;
  };
  for (const a of OTHER_ACCOUNTS) store.addAccount(a);
  plan.deliverables.forEach((d, i) => {
    const cores: [EmAccount, EmAccount] = [ROTATION[i % ROTATION.length]!, ROTATION[(i + 1) % ROTATION.length]!];
    for (const c of d.delivery?.changes ?? []) {
      const merged = c.status === 'merged';
      const votes: EmChange['votes'] = merged
        ? [
            { label: 'Code-Review', account: cores[0], value: 2 },
            { label: 'Code-Review', account: cores[1], value: 2 },
            { label: 'Verified', account: ZUUL, value: 2 },
            { label: 'Workflow', account: cores[1], value: 1 },
          ]
        : [
            { label: 'Code-Review', account: cores[0], value: 2 },
            ...(c.ci === 'pass' ? [{ label: 'Verified' as const, account: ZUUL, value: 1 }] : []),
            ...(c.ci === 'fail' ? [{ label: 'Verified' as const, account: ZUUL, value: -1 }] : []),
          ];
      put({
        number: c.number,
        project: repoFromUrl(c.url) ?? 'openstack/unknown',
        subject: d.summary.slice(0, 120),
        status: merged ? 'MERGED' : c.status === 'abandoned' ? 'ABANDONED' : 'NEW',
        patchSets: merged ? 3 : 2,
        votes,
      });
    }
    const spec = d.delivery?.specification;
    const specNumber = spec ? Number(/\/\+\/(\d+)/.exec(spec.reviewUrl)?.[1]) : NaN;
    if (spec && Number.isInteger(specNumber)) {
      put({
        number: specNumber,
        project: repoFromUrl(spec.reviewUrl) ?? 'openstack/unknown-specs',
        subject: `Spec: ${d.summary}`.slice(0, 120),
        status: spec.approved ? 'MERGED' : 'NEW',
        patchSets: 4,
        votes: spec.approved
          ? [
              { label: 'Code-Review', account: cores[0], value: 2 },
              { label: 'Code-Review', account: cores[1], value: 2 },
              { label: 'Verified', account: ZUUL, value: 2 },
              { label: 'Workflow', account: cores[0], value: 1 },
            ]
          : [{ label: 'Verified', account: ZUUL, value: 1 }],
      });
    }
  });
  return n;
}
