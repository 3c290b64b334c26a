// "Your Gerrit account" (issue 14.5): a person names their account on review.opendev.org by email
// or username; the app looks it up on Gerrit and keeps the claim under the person's Atlassian
// account id, which comes from the invocation's context, never from the payload (a person can
// set or remove only their own). Gerrit unreachable: the old mapping stays and the answer says
// so; not found or several matches: refused at the field with a sentence.
import { AppError } from '../contract/envelope';
import type { AppConfig } from '../domain/app-config';
import {
  accountLabel,
  companiesOfGroups,
  decideCompany,
  describeLookup,
  lookupOf,
  pickAccount,
  type GerritClaim,
} from '../domain/gerrit-people';
import { UpstreamError, type FetchLike } from '../upstream/gerrit-client';
import { findGerritAccounts } from '../upstream/gerrit-accounts';
import { loadGerritPeople, writeGerritClaim } from '../storage/gerrit-people';

export interface GerritAccountRequest {
  accountId: string;
  displayName?: string;
  /** The person's Jira groups as the app read them (undefined: could not be read). */
  groups: readonly string[] | undefined;
  config: AppConfig;
  text: string;
  company?: string;
  now: Date;
  fetch?: FetchLike;
}

export type GerritAccountOutcome = { saved: GerritClaim } | { problem: string };

const refuse = (field: string, message: string): never => {
  throw new AppError('BAD_REQUEST', message, { fieldErrors: { [field]: message } });
};

export async function saveGerritAccount(req: GerritAccountRequest): Promise<GerritAccountOutcome> {
  const picked = req.company?.trim() || undefined;
  const companies = req.config.companies;
  // Groups that could not be read must not let a person state a company their groups may contradict.
  if (req.groups === undefined && picked)
    refuse('company', "Your Jira groups could not be read, so your company can't be checked now; save without one or try again later.");
  const company = decideCompany(companiesOfGroups(companies, req.groups), picked, companies);
  if (!company.ok) refuse('company', company.error);
  const decided = company.ok ? company.company : undefined;
  const lookup = lookupOf(req.text);
  let found;
  try {
    found = await findGerritAccounts(lookup, req.fetch ? { fetch: req.fetch } : {});
  } catch (e) {
    if (!(e instanceof UpstreamError)) throw e;
    const { people } = await loadGerritPeople();
    const old = people.people[req.accountId];
    return {
      problem: `${e.message} Your Gerrit account was not changed${old ? `: it is still ${accountLabel(old.gerrit)}` : ''}. Try again later.`,
    };
  }
  const match = pickAccount(lookup, found.accounts);
  if (match.kind === 'none')
    refuse(
      'account',
      `Gerrit (review.opendev.org) has no active account with ${describeLookup(lookup)}. Check it, or enter your Gerrit username.`,
    );
  if (match.kind === 'several')
    refuse(
      'account',
      `${found.more ? 'More than ' : ''}${match.accounts.length} Gerrit accounts match ${describeLookup(lookup)} (${match.accounts
        .map(accountLabel)
        .join(', ')}); enter your full email or your Gerrit username.`,
    );
  if (match.kind !== 'one') throw new Error('unreachable');
  const claim: GerritClaim = {
    gerrit: {
      id: match.account.id,
      ...(match.account.name ? { name: match.account.name } : {}),
      ...(match.account.username ? { username: match.account.username } : {}),
      ...(match.account.email ? { email: match.account.email } : {}),
    },
    ...(req.displayName ? { displayName: req.displayName.slice(0, 200) } : {}),
    ...(decided ? { company: decided } : {}),
    at: req.now.toISOString(),
  };
  const written = await writeGerritClaim(req.accountId, claim);
  if (!written.ok) throw new AppError('CONFLICT', written.error);
  return { saved: claim };
}

/** Removes the person's own claim (nothing to do when there is none). */
export async function removeGerritAccount(accountId: string): Promise<void> {
  const { people } = await loadGerritPeople();
  if (!people.people[accountId]) return;
  const written = await writeGerritClaim(accountId, undefined);
  if (!written.ok) throw new AppError('CONFLICT', written.error);
}
