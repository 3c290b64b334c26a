import { canonicalJson } from './canonical';
import type { CompanyCollaboration } from './vetting';

/**
 * Each member company decides whether it joins an item and whom from its staff it commits
 * (the minutes). So each company's entry on an item (interest and committed people with their
 * person-weeks) belongs to that company: a save may change it only when the person saving is
 * one of that company's Roadmap Coordinator or reps, and the app stamps the entry with who last
 * changed it and when. These functions work on entries whose `company` is an id (directory.ts).
 */

/** What a company said, without the stamp: two entries with the same content are the same answer. */
function contentOf(e: CompanyCollaboration): string {
  return canonicalJson({
    interest: e.interest,
    people: e.people.map((p) => ({ name: p.name, accountId: p.accountId || undefined, personWeeks: p.personWeeks })),
  });
}

/** The companies whose entry a save adds, removes or changes. */
export function changedCompanyEntries(
  before: readonly CompanyCollaboration[] | undefined,
  after: readonly CompanyCollaboration[] | undefined,
): string[] {
  const was = new Map((before ?? []).map((e) => [e.company, contentOf(e)]));
  const now = new Map((after ?? []).map((e) => [e.company, contentOf(e)]));
  const changed: string[] = [];
  for (const [company, content] of now) if (was.get(company) !== content) changed.push(company);
  for (const company of was.keys()) if (!now.has(company)) changed.push(company);
  return changed;
}

export interface Stamp {
  accountId: string;
  displayName?: string | undefined;
  at: string;
}

/**
 * The entries as saved: an unchanged entry keeps its stamp, a changed or new one gets `who`.
 * Whatever stamp the save carried is dropped: only the app says who recorded an entry.
 */
export function stampCompanyEntries(
  before: readonly CompanyCollaboration[] | undefined,
  after: readonly CompanyCollaboration[],
  who: Stamp,
): CompanyCollaboration[] {
  const was = new Map((before ?? []).map((e) => [e.company, e]));
  return after.map((e) => {
    const { recordedBy: _by, recordedByName: _name, recordedAt: _at, ...content } = e;
    const old = was.get(e.company);
    if (old && contentOf(old) === contentOf(e)) {
      return {
        ...content,
        ...(old.recordedBy ? { recordedBy: old.recordedBy } : {}),
        ...(old.recordedByName ? { recordedByName: old.recordedByName } : {}),
        ...(old.recordedAt ? { recordedAt: old.recordedAt } : {}),
      };
    }
    return { ...content, recordedBy: who.accountId, ...(who.displayName ? { recordedByName: who.displayName } : {}), recordedAt: who.at };
  });
}

/** The companies named twice in one list (after ids are resolved): a save must say one thing per company. */
export function duplicateCompanies(entries: readonly CompanyCollaboration[] | undefined): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const e of entries ?? []) (seen.has(e.company) ? twice : seen).add(e.company);
  return [...twice];
}

/** Person-weeks a company commits on an item (people without a figure count as 0). */
export const personWeeksOf = (e: CompanyCollaboration): number => e.people.reduce((n, p) => n + (p.personWeeks ?? 0), 0);
