import type { AppConfig, Company, Fst } from './app-config';
import type { CompanyCollaboration, Vetting } from './vetting';

/**
 * FSTs and member companies as records refer to them. Records store ids; records saved before
 * ids hold a name, current or former. The directory finds the configured entry for either, so a
 * record is read (and re-saved) with ids, and shown with today's names.
 */
export interface Directory {
  fst(ref: string | undefined): Fst | undefined;
  company(ref: string | undefined): Company | undefined;
}

function finder<T extends { id: string; name: string; formerNames: string[] }>(
  entries: readonly T[],
): (ref: string | undefined) => T | undefined {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const byName = new Map<string, T>();
  // Current names win over former ones; earlier entries over later ones.
  for (const e of entries) for (const n of e.formerNames) if (!byName.has(n.toLowerCase())) byName.set(n.toLowerCase(), e);
  for (const e of [...entries].reverse()) byName.set(e.name.toLowerCase(), e);
  return (ref) => {
    if (ref === undefined) return undefined;
    const t = ref.trim();
    return byId.get(t) ?? byName.get(t.toLowerCase());
  };
}

export function directoryOf(config: Pick<AppConfig, 'fsts' | 'companies'>): Directory {
  return { fst: finder(config.fsts), company: finder(config.companies) };
}

/** A company reference as an id when the directory knows it; as written otherwise (a company since removed). */
export const companyIdOf = (d: Directory, ref: string): string => d.company(ref)?.id ?? ref;

/**
 * The record with ids where it names FSTs and companies. An entry the configuration no longer
 * knows keeps what the record said; two entries that turn out to name one company keep the first.
 */
export function vettingWithIds(v: Vetting, d: Directory): Vetting {
  const out: Vetting = { ...v };
  if (v.fst !== undefined) out.fst = d.fst(v.fst)?.id ?? v.fst;
  if (v.proposingCompany !== undefined) out.proposingCompany = d.company(v.proposingCompany)?.id ?? v.proposingCompany;
  if (v.collaborators) {
    const seen = new Set<string>();
    const companies: CompanyCollaboration[] = [];
    for (const c of v.collaborators.companies) {
      const id = companyIdOf(d, c.company);
      if (seen.has(id)) continue;
      seen.add(id);
      companies.push({ ...c, company: id });
    }
    out.collaborators = { ...v.collaborators, companies };
  }
  return out;
}
