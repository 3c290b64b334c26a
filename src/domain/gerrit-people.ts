import { z } from 'zod';
import { IsoDateTimeSchema, MAX_SHORT } from './primitives';
import { codeReviewApprovers, isLiveChange, type GerritAccount, type UpstreamChange } from './upstream';

/**
 * LCOO people and their Gerrit accounts (issue 14, point 5). Each person states which account on
 * review.opendev.org is theirs; the app looks it up on Gerrit and keeps the claim, so the
 * deliverable's panel can say which cores who voted Code-Review +2 are LCOO people and whether
 * any is from a member company. A mapping is the person's own claim: the panel shows it as such
 * and no gate reads it (the gates count Gerrit's votes by account, src/domain/upstream.ts).
 */

/** Where a mapped person's member company comes from. */
export const COMPANY_SOURCES = ['group', 'stated'] as const;
export type CompanySource = (typeof COMPANY_SOURCES)[number];

/**
 * One person's claim: the Gerrit account (as Gerrit's AccountInfo named it when the person
 * mapped it) and their member company: `group` when the app's own data said so (the person is
 * in exactly that company's Jira group(s), the groups the admin configured for its Roadmap
 * Coordinator and reps), `stated` when the person picked it themselves.
 */
export const GerritClaimSchema = z.object({
  gerrit: z.object({
    id: z.number().int().nonnegative(),
    name: z.string().max(MAX_SHORT).optional(),
    username: z.string().max(MAX_SHORT).optional(),
    email: z.string().max(MAX_SHORT).optional(),
  }),
  /** The person's Jira display name when they mapped it (what the panel shows beside the vote). */
  displayName: z.string().max(MAX_SHORT).optional(),
  company: z.object({ id: z.string().max(MAX_SHORT), source: z.enum(COMPANY_SOURCES) }).optional(),
  at: IsoDateTimeSchema,
});
export type GerritClaim = z.infer<typeof GerritClaimSchema>;

/** A site's LCOO people are a few hundred at most; this keeps the one value far under KVS's 240 KiB. */
export const MAX_GERRIT_PEOPLE = 600;

/** Every claim, by Atlassian account id: one value, read once per panel load (src/storage/gerrit-people.ts). */
export const GerritPeopleSchema = z.object({
  version: z.literal(1),
  /** Bumped by every write; the next write claims the next revision first (two writes never lose one). */
  revision: z.number().int().nonnegative(),
  people: z.record(z.string().max(128), GerritClaimSchema),
});
export type GerritPeople = z.infer<typeof GerritPeopleSchema>;
export const emptyGerritPeople = (): GerritPeople => ({ version: 1, revision: 0, people: {} });

// ---------------------------------------------------------------- what a person types

/** An email (`name@host`) or a Gerrit username: what the person types to name their account. */
export const GerritAccountTextSchema = z
  .string({ error: 'Enter the email or the username of your Gerrit account.' })
  .trim()
  .min(1, { error: 'Enter the email or the username of your Gerrit account.' })
  .max(200, { error: 'Keep it under 200 characters: an email or a Gerrit username.' })
  .refine((s) => !/\s/.test(s), { error: 'An email or a Gerrit username has no spaces.' });

export type AccountLookup = { kind: 'email'; email: string } | { kind: 'username'; username: string };

/** `x@y` is an email, anything else a username (Gerrit usernames have no `@`). */
export function lookupOf(text: string): AccountLookup {
  const t = text.trim();
  return t.includes('@') ? { kind: 'email', email: t.toLowerCase() } : { kind: 'username', username: t };
}

export const describeLookup = (l: AccountLookup): string => (l.kind === 'email' ? `the email ${l.email}` : `the username ${l.username}`);

/** One account as Gerrit's Query Account answers it (AccountInfo with DETAILS). */
export interface FoundAccount {
  id: number;
  name?: string;
  username?: string;
  email?: string;
}

export type AccountMatch = { kind: 'one'; account: FoundAccount } | { kind: 'none' } | { kind: 'several'; accounts: FoundAccount[] };

/**
 * Which of Gerrit's answers is the account the person named. `email:` matches addresses that
 * start with the text (user-search-accounts), so an exact preferred email wins over prefixes; a
 * username is exact in Gerrit already. More than one left: the person must say which.
 */
export function pickAccount(lookup: AccountLookup, found: readonly FoundAccount[]): AccountMatch {
  if (found.length === 0) return { kind: 'none' };
  if (found.length === 1) return { kind: 'one', account: found[0]! };
  const exact =
    lookup.kind === 'email'
      ? found.filter((a) => a.email?.toLowerCase() === lookup.email)
      : found.filter((a) => a.username?.toLowerCase() === lookup.username.toLowerCase());
  return exact.length === 1 ? { kind: 'one', account: exact[0]! } : { kind: 'several', accounts: [...found] };
}

/** "Ana Castro (acastro)", "acastro", "account 9100". */
export function accountLabel(a: { id: number; name?: string; username?: string }): string {
  if (a.name && a.username) return `${a.name} (${a.username})`;
  return a.name ?? a.username ?? `account ${a.id}`;
}

// ---------------------------------------------------------------- the person's member company

/** The configured member companies whose Jira groups the person is in (the app's own data about people). */
export function companiesOfGroups(
  companies: readonly { id: string; groups: readonly string[] }[],
  groups: readonly string[] | undefined,
): string[] {
  if (!groups) return [];
  const mine = new Set(groups);
  return companies.filter((c) => c.groups.some((g) => mine.has(g))).map((c) => c.id);
}

export type CompanyDecision = { ok: true; company?: { id: string; source: CompanySource } } | { ok: false; error: string };

/**
 * The company a mapping records. The app's own data decides when it can: in one company's
 * groups, that company (a pick that differs is refused, the groups say otherwise); in several,
 * the person picks one of them; in none, the person may state any configured company, or none.
 */
export function decideCompany(
  fromGroups: readonly string[],
  picked: string | undefined,
  companies: readonly { id: string; name: string }[],
): CompanyDecision {
  const name = (id: string) => companies.find((c) => c.id === id)?.name ?? id;
  if (fromGroups.length === 1) {
    const only = fromGroups[0]!;
    if (picked && picked !== only)
      return { ok: false, error: `Your Jira groups say you are with ${name(only)}; an LCOO admin changes that, not this form.` };
    return { ok: true, company: { id: only, source: 'group' } };
  }
  if (fromGroups.length > 1) {
    if (!picked || !fromGroups.includes(picked))
      return { ok: false, error: `You are in the groups of ${fromGroups.map(name).join(' and ')}: pick the one you work for.` };
    return { ok: true, company: { id: picked, source: 'group' } };
  }
  if (!picked) return { ok: true };
  if (!companies.some((c) => c.id === picked)) return { ok: false, error: 'Pick a member company from the list, or none.' };
  return { ok: true, company: { id: picked, source: 'stated' } };
}

// ---------------------------------------------------------------- the cores who voted, and who they are

export interface CoreVoter {
  gerrit: GerritAccount;
  /** The LCOO person who says this Gerrit account is theirs (their claim). */
  person?: { accountId: string; displayName?: string; company?: { id: string; name: string; source: CompanySource } };
}

export interface ChangeCores {
  number: number;
  cores: CoreVoter[];
}

/** Gerrit account id -> the LCOO person claiming it (the most recent claim, if two people claim one account). */
export function claimsByGerritId(people: GerritPeople): Map<number, { accountId: string; claim: GerritClaim; claimants: number }> {
  const out = new Map<number, { accountId: string; claim: GerritClaim; claimants: number }>();
  for (const [accountId, claim] of Object.entries(people.people)) {
    const had = out.get(claim.gerrit.id);
    const claimants = (had?.claimants ?? 0) + 1;
    out.set(claim.gerrit.id, !had || claim.at > had.claim.at ? { accountId, claim, claimants } : { ...had, claimants });
  }
  return out;
}

/**
 * The cores who gave Code-Review +2 on each given change, each with the LCOO person who claims
 * the account and that person's member company (by its current name; a company no longer
 * configured is not a member company).
 */
export function coresWithPeople(
  changes: readonly UpstreamChange[],
  people: GerritPeople,
  companies: readonly { id: string; name: string }[],
): ChangeCores[] {
  const claims = claimsByGerritId(people);
  return changes.map((c) => ({
    number: c.number,
    cores: codeReviewApprovers(c).map((gerrit) => {
      const found = claims.get(gerrit.id);
      if (!found) return { gerrit };
      const company = found.claim.company ? companies.find((x) => x.id === found.claim.company!.id) : undefined;
      return {
        gerrit,
        person: {
          accountId: found.accountId,
          ...(found.claim.displayName ? { displayName: found.claim.displayName } : {}),
          ...(company ? { company: { id: company.id, name: company.name, source: found.claim.company!.source } } : {}),
        },
      };
    }),
  }));
}

const WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const word = (n: number) => WORDS[n] ?? String(n);

/**
 * The deliverable's sentence over its live code changes: "2 cores voted +2; one is from a member
 * company (AT&T)". Each core counts once, however many changes they approved.
 */
export function memberCompanySentence(changes: readonly Pick<UpstreamChange, 'status'>[], perChange: readonly ChangeCores[]): string {
  const live = perChange.filter((_, i) => changes[i] && isLiveChange(changes[i]));
  const cores = new Map<number, CoreVoter>();
  for (const c of live) for (const v of c.cores) if (!cores.has(v.gerrit.id)) cores.set(v.gerrit.id, v);
  const n = cores.size;
  if (n === 0) return 'No core has voted Code-Review +2 on its changes yet.';
  const members = [...cores.values()].filter((v) => v.person?.company);
  const names = [...new Set(members.map((v) => v.person!.company!.name))];
  const head = `${n} core${n === 1 ? '' : 's'} voted +2`;
  if (members.length === 0)
    return n === 1 ? `${head}; they are not from a member company` : `${head}; none of the cores who voted is from a member company`;
  if (n === 1) return `${head}; they are from a member company (${names.join(', ')})`;
  if (members.length === n) return `${head}; ${n === 2 ? 'both' : `all ${word(n)}`} are from member companies (${names.join(', ')})`;
  return `${head}; ${word(members.length)} ${members.length === 1 ? 'is from a member company' : 'are from member companies'} (${names.join(', ')})`;
}
