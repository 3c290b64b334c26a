// Two published LCOO roadmaps in the seed, made through the app as the Roadmap Committee would:
// the first while the roadmap is still being filled (so the second adds items), each after the
// committee ranked the draft, the second after it moved a few items. Named as the app proposes
// for their quarters (new roadmap at a PTG, refresh at a Forum).
import { BUILTIN_CALENDAR } from '../../src/domain/releases';
import { proposeVersion } from '../../src/domain/roadmap/proposal';
import type { DraftView } from '../../src/contract/roadmap';

export const ROADMAP_MODULE = 'lcoo-roadmap-page';
/** Publishes as the LRC chair. */
export const PUBLISH_AS = 'admin@lcoo.example';
/** The two published quarters (before the coming quarter, which the committee publishes next). */
export const SEEDED_QUARTERS = ['2026-Q3', '2026-Q4'] as const;

export type PageInvoke = (what: string, functionKey: string, payload: unknown) => Promise<unknown>;

/** The committee's order: the draft's items with a few moved, deterministically (the nth version moves others). */
function reordered(draft: DraftView, nth: number): string[] {
  const order = [...draft.ranking.lists[0]!.order];
  for (let i = nth; i + 2 < order.length; i += 4) [order[i], order[i + 2]] = [order[i + 2]!, order[i]!];
  return order;
}

export async function publishSeedVersion(invoke: PageInvoke, nth: 0 | 1): Promise<string> {
  const quarter = SEEDED_QUARTERS[nth];
  const draft = (await invoke('Roadmap draft', 'draft/load', { quarter })) as DraftView;
  await invoke('Roadmap ranking', 'ranking/save', {
    quarter,
    scope: { kind: 'committee' },
    order: reordered(draft, nth),
    revision: draft.ranking.revision,
  });
  const p = proposeVersion(quarter, BUILTIN_CALENDAR);
  await invoke(`Publish ${p.name}`, 'versions/publish', { quarter, kind: p.kind, event: p.event });
  return p.name;
}
