// How the panel words upstream evidence: where a fact came from and how fresh it is
// ("from Gerrit, 12 minutes ago") and what Gerrit's votes on a change add up to.
import type { Delivery } from '../../../src/contract/domain-types';

type GerritEvidence = NonNullable<NonNullable<Delivery['upstream']>['gerrit']>;
export type UpstreamChangeView = GerritEvidence['changes'][number];

/** "just now", "12 minutes ago", "3 hours ago", "2 days ago". */
export function ago(iso: string, now: Date = new Date()): string {
  const ms = now.getTime() - new Date(iso).getTime();
  if (!Number.isFinite(ms)) return iso;
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'} ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} hour${hours === 1 ? '' : 's'} ago`;
  const days = Math.floor(hours / 24);
  return `${days} days ago`;
}

/** "from Gerrit, 12 minutes ago" (and why it may be out of date); `source` names another tool ("Launchpad"). */
export function provenance(evidence: Pick<GerritEvidence, 'fetchedAt' | 'stale'>, now: Date = new Date(), source = 'Gerrit'): string {
  const base = `from ${source}, ${ago(evidence.fetchedAt, now)}`;
  return evidence.stale
    ? `${base}; stale: ${source} could not be read since ${ago(evidence.stale.since, now)} (${evidence.stale.reason})`
    : base;
}

const standing = (c: UpstreamChangeView, label: string) => {
  const by = new Map<number, number>();
  for (const v of c.votes) if (v.label === label) by.set(v.by.id, v.value);
  return [...by.values()];
};

/** "MERGED · Code-Review +2 ×2 · Verified +2 (Zuul) · Workflow +1" */
export function voteSummary(c: UpstreamChangeView): string {
  const cr = standing(c, 'Code-Review');
  const plus2 = cr.filter((v) => v === 2).length;
  const minus2 = cr.filter((v) => v === -2).length;
  const zuul = c.votes.filter((v) => v.label === 'Verified' && (v.by.username ?? v.by.name ?? '').toLowerCase() === 'zuul').pop();
  const wf = standing(c, 'Workflow').some((v) => v >= 1);
  const parts = [
    c.status,
    `Code-Review +2 ×${plus2}${minus2 ? `, -2 ×${minus2}` : ''}`,
    zuul ? `Verified ${zuul.value > 0 ? '+' : ''}${zuul.value} (Zuul)` : 'no Zuul vote',
    wf ? 'Workflow +1' : 'no Workflow +1',
  ];
  return parts.join(' · ');
}

/** Who voted +2 on Code-Review, by name. */
export function coresOf(c: UpstreamChangeView): string[] {
  const by = new Map<number, { value: number; name: string }>();
  for (const v of c.votes)
    if (v.label === 'Code-Review') by.set(v.by.id, { value: v.value, name: v.by.name ?? v.by.username ?? `account ${v.by.id}` });
  return [...by.values()].filter((v) => v.value === 2).map((v) => v.name);
}
