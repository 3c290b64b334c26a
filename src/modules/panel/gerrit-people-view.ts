// What the deliverable's panel shows about the cores (issue 14.5): from the evidence already in
// the signed record (each change's Code-Review +2 voters by Gerrit account id) and the people's
// claims read once per load; no Gerrit call. The viewer's own claim comes with it.
import type { GerritPeopleView } from '../../contract/panel';
import type { AppConfig } from '../../domain/app-config';
import type { Delivery } from '../../domain/delivery';
import { companiesOfGroups, coresWithPeople, memberCompanySentence, type GerritPeople } from '../../domain/gerrit-people';

export function gerritPeopleView(
  record: Delivery | undefined,
  loaded: { people: GerritPeople; problem?: string },
  config: AppConfig,
  groups: readonly string[] | undefined,
  accountId: string,
): GerritPeopleView {
  const companies = config.companies.map((c) => ({ id: c.id, name: c.name }));
  const nameOf = (id: string) => companies.find((c) => c.id === id);
  const mine = loaded.people.people[accountId];
  const myCompany = mine?.company ? nameOf(mine.company.id) : undefined;
  // The linked code changes Gerrit has evidence for (the specification review is not code).
  const linked = new Set((record?.changes ?? []).map((c) => c.number));
  const changes = (record?.upstream?.gerrit?.changes ?? []).filter((c) => linked.has(c.number));
  const cores = coresWithPeople(changes, loaded.people, companies);
  return {
    ...(mine
      ? {
          me: {
            gerrit: mine.gerrit,
            ...(myCompany && mine.company ? { company: { ...myCompany, source: mine.company.source } } : {}),
            at: mine.at,
          },
        }
      : {}),
    myCompanies: companiesOfGroups(config.companies, groups).map((id) => nameOf(id)!),
    cores,
    ...(changes.length > 0 ? { sentence: memberCompanySentence(changes, cores) } : {}),
    ...(loaded.problem ? { problem: loaded.problem } : {}),
  };
}
