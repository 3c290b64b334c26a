// The LCOO people's Gerrit account claims in Forge KVS: ONE value (`lcoo:gerrit-people`) holding
// every person's claim by Atlassian account id. Why one value and not one key per person: the
// panel asks the reverse question (which of this deliverable's voters is an LCOO person?), which
// per-person keys answer only with a second index that could disagree with them; one value answers
// it in one read, and its size is bounded (MAX_GERRIT_PEOPLE claims, far under KVS's 240 KiB).
// A write changes only the writer's own entry: it reads, claims the next revision (claimOnce,
// FAIL_IF_EXISTS) and writes; a lost race re-reads and applies the change again, so two people
// mapping at once both land.
import { kvs } from '@forge/kvs';
import { GerritPeopleSchema, MAX_GERRIT_PEOPLE, emptyGerritPeople, type GerritClaim, type GerritPeople } from '../domain/gerrit-people';
import { claimOnce } from './claim';
import { KVS_KEYS } from './keys';

/** A stored value that does not parse reads as nobody mapped (with why); the next write starts again from its revision. */
export function gerritPeopleFromStored(raw: unknown): { people: GerritPeople; problem?: string } {
  if (raw === undefined || raw === null) return { people: emptyGerritPeople() };
  const parsed = GerritPeopleSchema.safeParse(raw);
  if (parsed.success) return { people: parsed.data };
  const revision = typeof (raw as { revision?: unknown }).revision === 'number' ? (raw as { revision: number }).revision : 0;
  return {
    people: { ...emptyGerritPeople(), revision },
    problem:
      "The app's list of Gerrit accounts can't be read by this version of the app; people are shown by their Gerrit names until they map their accounts again.",
  };
}

export async function loadGerritPeople(): Promise<{ people: GerritPeople; problem?: string }> {
  return gerritPeopleFromStored(await kvs.get<unknown>(KVS_KEYS.gerritPeople));
}

const ATTEMPTS = 4;

export type ClaimWrite = { ok: true; people: GerritPeople } | { ok: false; error: string };

/** Sets (claim) or removes (undefined) one person's entry; answers the people as written. */
export async function writeGerritClaim(accountId: string, claim: GerritClaim | undefined): Promise<ClaimWrite> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const { people: current } = await loadGerritPeople();
    const people = { ...current.people };
    if (claim) people[accountId] = claim;
    else delete people[accountId];
    if (claim && !current.people[accountId] && Object.keys(people).length > MAX_GERRIT_PEOPLE)
      return { ok: false, error: `The app keeps at most ${MAX_GERRIT_PEOPLE} Gerrit accounts and has that many; ask an LCOO admin.` };
    const next: GerritPeople = { version: 1, revision: current.revision + 1, people };
    const taken = await claimOnce(KVS_KEYS.gerritPeopleClaim(next.revision), accountId, { ttlSeconds: 60 });
    if (!taken.ok) continue;
    await kvs.set(KVS_KEYS.gerritPeople, GerritPeopleSchema.parse(next));
    return { ok: true, people: next };
  }
  return { ok: false, error: 'Several people changed their Gerrit accounts at the same moment; try again.' };
}
