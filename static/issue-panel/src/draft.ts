// The person's editing copy of a record, and how it becomes a save payload. Pure functions
// (unit-tested): the form keeps what people type as they type it (a half-typed change number,
// a blank new row), and only the save turns it into the shape the resolver's schema expects.
import type { Delivery } from '../../../src/contract/domain-types';
import type { Vetting } from '../../../src/contract/domain-types';

// ---------------------------------------------------------------- vetting

export interface PersonDraft {
  name: string;
  /** Person-weeks in the target release, as typed ("4", "2.5"); '' = not said. */
  personWeeks: string;
  /** Kept from the record (a person the app knows by account); not edited in the form. */
  accountId?: string;
}

export interface CompanyDraft {
  /** The company's id (records name companies by id). */
  company: string;
  /** '' = not asked yet (not saved). */
  interest: '' | 'yes' | 'no' | 'undecided';
  people: PersonDraft[];
}

export interface VettingDraft {
  fst: string;
  proposingCompany: string;
  type: string;
  requirements: string[];
  acceptanceCriteria: string[];
  components: string[];
  stakeholders: { name: string; company: string; role: string }[];
  artifacts: { kind: string; url: string; title: string }[];
  size: string;
  valueToMembers: string;
  valueToCommunity: string;
  blueprints: { searched: boolean; findings: { url: string; summary: string }[]; conclusion: string };
  communityAlignment: { channel: string; notes: string; date: string }[];
  companies: CompanyDraft[];
  workingGroups: string[];
  targetRelease: string;
  deliveryStream: string;
  alignmentStrategy: { benefittingRelease: string; plan: string; closingLoops: string };
  notes: Record<string, string>;
}

const s = (v: string | undefined | null): string => v ?? '';
const blank = (v: string) => v.trim() === '';
const allBlank = (o: Record<string, unknown>) =>
  Object.values(o).every((v) => (typeof v === 'string' ? blank(v) : typeof v === 'boolean' ? !v : v === undefined));

/** Every configured member company (by id) gets a row (interest asked per company, as the minutes do), plus any the record names. */
export function vettingDraft(v: Vetting | undefined, companyIds: readonly string[]): VettingDraft {
  const stored = v?.collaborators?.companies ?? [];
  const names = [...companyIds, ...stored.map((c) => c.company).filter((n) => !companyIds.includes(n))];
  return {
    fst: s(v?.fst),
    proposingCompany: s(v?.proposingCompany),
    type: s(v?.type),
    requirements: [...(v?.requirements ?? [])],
    acceptanceCriteria: [...(v?.acceptanceCriteria ?? [])],
    components: [...(v?.components ?? [])],
    stakeholders: (v?.stakeholders ?? []).map((x) => ({ name: x.name, company: x.company, role: x.role })),
    artifacts: (v?.artifacts ?? []).map((a) => ({ kind: a.kind, url: a.url, title: a.title })),
    size: s(v?.size),
    valueToMembers: s(v?.valueToMembers),
    valueToCommunity: s(v?.valueToCommunity),
    blueprints: {
      searched: v?.blueprints?.searched ?? false,
      findings: (v?.blueprints?.findings ?? []).map((f) => ({ url: f.url, summary: f.summary })),
      conclusion: s(v?.blueprints?.conclusion),
    },
    communityAlignment: (v?.communityAlignment ?? []).map((e) => ({ channel: e.channel, notes: e.notes, date: s(e.date) })),
    companies: names.map((company) => {
      const c = stored.find((x) => x.company === company);
      return {
        company,
        interest: c?.interest ?? '',
        people: (c?.people ?? []).map((p) => ({
          name: p.name,
          personWeeks: p.personWeeks === undefined ? '' : String(p.personWeeks),
          ...(p.accountId ? { accountId: p.accountId } : {}),
        })),
      };
    }),
    workingGroups: [...(v?.collaborators?.workingGroups ?? [])],
    targetRelease: s(v?.targetRelease),
    deliveryStream: s(v?.deliveryStream),
    alignmentStrategy: {
      benefittingRelease: s(v?.alignmentStrategy?.benefittingRelease),
      plan: s(v?.alignmentStrategy?.plan),
      closingLoops: s(v?.alignmentStrategy?.closingLoops),
    },
    notes: { ...(v?.notes ?? {}) },
  };
}

/** Person-weeks as typed: a number when it is one ("2,5" reads as 2.5), otherwise the text, so the server names the problem. */
export function personWeeksValue(typed: string): number | string | undefined {
  const t = typed.trim().replace(',', '.');
  if (t === '') return undefined;
  return /^\d+(\.\d+)?$/.test(t) ? Number(t) : typed.trim();
}

/** The people of a company's entry as the save sends them: rows without a name are dropped. */
function peopleInput(people: readonly PersonDraft[]): Record<string, unknown>[] {
  return people
    .filter((p) => !blank(p.name))
    .map((p) => {
      const weeks = personWeeksValue(p.personWeeks);
      return {
        name: p.name.trim(),
        ...(p.accountId ? { accountId: p.accountId } : {}),
        ...(weeks !== undefined ? { personWeeks: weeks } : {}),
      };
    });
}

/**
 * The vetting/save payload: blank rows the person added but never filled are dropped, empty
 * answers are left out (so the record says "not answered" rather than ""), approvals never sent.
 */
export function vettingInput(d: VettingDraft): Record<string, unknown> {
  const out: Record<string, unknown> = { schemaVersion: 2 };
  const put = (k: string, v: string) => {
    if (!blank(v)) out[k] = v.trim();
  };
  const putList = (k: string, list: unknown[]) => {
    if (list.length > 0) out[k] = list;
  };
  put('fst', d.fst);
  put('proposingCompany', d.proposingCompany);
  put('type', d.type);
  putList(
    'requirements',
    d.requirements.filter((r) => !blank(r)),
  );
  putList(
    'acceptanceCriteria',
    d.acceptanceCriteria.filter((r) => !blank(r)),
  );
  putList('components', d.components);
  putList(
    'stakeholders',
    d.stakeholders.filter((x) => !allBlank(x)),
  );
  putList(
    'artifacts',
    d.artifacts.filter((a) => !blank(a.url) || !blank(a.title)).map((a) => ({ ...a, kind: a.kind || 'other' })),
  );
  put('size', d.size);
  put('valueToMembers', d.valueToMembers);
  put('valueToCommunity', d.valueToCommunity);
  const findings = d.blueprints.findings.filter((f) => !allBlank(f));
  if (d.blueprints.searched || findings.length > 0 || !blank(d.blueprints.conclusion)) {
    out.blueprints = {
      searched: d.blueprints.searched,
      findings,
      ...(blank(d.blueprints.conclusion) ? {} : { conclusion: d.blueprints.conclusion.trim() }),
    };
  }
  putList(
    'communityAlignment',
    d.communityAlignment
      .filter((e) => !blank(e.notes) || !blank(e.date))
      .map((e) => ({ channel: e.channel || 'ptl-cores', notes: e.notes, ...(blank(e.date) ? {} : { date: e.date }) })),
  );
  const companies = d.companies
    .filter((c) => c.interest !== '' || peopleInput(c.people).length > 0)
    .map((c) => ({
      company: c.company,
      // Naming people without saying whether the company joins records it as undecided, never as a yes.
      interest: c.interest === '' ? 'undecided' : c.interest,
      people: peopleInput(c.people),
    }));
  const workingGroups = d.workingGroups.filter((g) => !blank(g));
  if (companies.length > 0 || workingGroups.length > 0) out.collaborators = { companies, workingGroups };
  put('targetRelease', d.targetRelease);
  put('deliveryStream', d.deliveryStream);
  if (!allBlank(d.alignmentStrategy)) {
    const a: Record<string, string> = {};
    for (const [k, v] of Object.entries(d.alignmentStrategy)) if (!blank(v)) a[k] = v;
    out.alignmentStrategy = a;
  }
  const notes = Object.fromEntries(Object.entries(d.notes).filter(([, v]) => !blank(v)));
  if (Object.keys(notes).length > 0) out.notes = notes;
  return out;
}

// ---------------------------------------------------------------- delivery

export interface DeliveryDraft {
  roadmapItemKey: string;
  project: string;
  blueprint: { url: string; title: string };
  specification: { reviewUrl: string; approved: boolean };
  changes: { number: string; url: string; status: string; ci: string }[];
  milestone: { releaseId: string; label: string; date: string };
  alignment: { notes: string; date: string }[];
}

export function deliveryDraft(d: Delivery | undefined): DeliveryDraft {
  return {
    roadmapItemKey: s(d?.roadmapItemKey),
    project: s(d?.project),
    blueprint: { url: s(d?.blueprint?.url), title: s(d?.blueprint?.title) },
    specification: { reviewUrl: s(d?.specification?.reviewUrl), approved: d?.specification?.approved ?? false },
    changes: (d?.changes ?? []).map((c) => ({ number: String(c.number), url: c.url, status: c.status, ci: c.ci })),
    milestone: { releaseId: s(d?.milestone?.releaseId), label: s(d?.milestone?.label), date: s(d?.milestone?.date) },
    alignment: (d?.alignment ?? []).map((n) => ({ notes: n.notes, date: s(n.date) })),
  };
}

/** Gerrit links carry the change number: https://review.opendev.org/c/openstack/nova/+/912345 */
export function changeNumberFromUrl(url: string): string | undefined {
  const t = url.trim();
  return (/\/\+\/(\d+)/.exec(t) ?? /\/(\d+)\/?(?:[?#].*)?$/.exec(t))?.[1];
}

/** The delivery/save payload. A change number that is not a number is sent as typed so the server names the problem. */
export function deliveryInput(d: DeliveryDraft): Record<string, unknown> {
  const out: Record<string, unknown> = { schemaVersion: 1 };
  if (!blank(d.roadmapItemKey)) out.roadmapItemKey = d.roadmapItemKey.trim();
  if (!blank(d.project)) out.project = d.project;
  if (!blank(d.blueprint.url) || !blank(d.blueprint.title))
    out.blueprint = { url: d.blueprint.url.trim(), title: d.blueprint.title.trim() };
  if (!blank(d.specification.reviewUrl) || d.specification.approved) {
    out.specification = { reviewUrl: d.specification.reviewUrl.trim(), approved: d.specification.approved };
  }
  const changes = d.changes
    .filter((c) => !blank(c.number) || !blank(c.url))
    .map((c) => {
      const typed = c.number.trim() || changeNumberFromUrl(c.url) || '';
      const n = /^\d+$/.test(typed) ? Number(typed) : typed;
      return { number: n, url: c.url.trim(), status: c.status || 'open', ci: c.ci || 'pending' };
    });
  if (changes.length > 0) out.changes = changes;
  if (!allBlank(d.milestone)) out.milestone = { releaseId: d.milestone.releaseId, label: d.milestone.label.trim(), date: d.milestone.date };
  const alignment = d.alignment
    .filter((n) => !blank(n.notes) || !blank(n.date))
    .map((n) => ({ notes: n.notes, ...(blank(n.date) ? {} : { date: n.date }) }));
  if (alignment.length > 0) out.alignment = alignment;
  return out;
}

// ---------------------------------------------------------------- status words

/**
 * A moment as people say it, in their clock and their browser's language: "today at 14:05",
 * "yesterday at 09:12", "24 Nov 2026 at 09:05" (never an ISO timestamp).
 */
export function savedLabel(iso: string | undefined, now: Date = new Date(), locale?: string): string | undefined {
  if (!iso) return undefined;
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return undefined;
  const time = at.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  const dayOf = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const days = Math.round((dayOf(now) - dayOf(at)) / 86_400_000);
  if (days === 0) return `today at ${time}`;
  if (days === 1) return `yesterday at ${time}`;
  return `${at.toLocaleDateString(locale, { day: 'numeric', month: 'short', year: 'numeric' })} at ${time}`;
}

/** Whether two drafts differ in anything that would be saved. */
export function sameDraft<T>(a: T, b: T, toInput: (d: T) => Record<string, unknown>): boolean {
  return JSON.stringify(toInput(a)) === JSON.stringify(toInput(b));
}

/** Every piece of text in a save payload, labelled by where it sits ("requirements.1: ..."). */
export function textsOf(value: unknown, path = ''): string[] {
  if (typeof value === 'string') return value.trim() && path !== 'schemaVersion' ? [`${path}: ${value}`] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => textsOf(v, `${path}.${i}`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => textsOf(v, path ? `${path}.${k}` : k));
  return [];
}

const WORDS: Record<string, string> = {
  url: 'link',
  reviewUrl: 'review link',
  releaseId: 'release',
  acceptanceCriteria: 'Acceptance criteria',
  fst: 'Functional Specialty Team',
  proposingCompany: 'Proposing member company',
  deliveryStream: 'Delivery stream',
  alignmentStrategy: 'Alignment strategy',
  workingGroups: 'working groups',
  roadmapItemKey: 'Roadmap Item it delivers',
  people: 'committed people',
  personWeeks: 'person-weeks',
  changes: 'Gerrit changes',
  alignment: 'PTL / core alignment',
};
const words = (key: string) => WORDS[key] ?? key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

/**
 * The server names a bad field by its path ("vetting.artifacts.0.url"); people know it by the
 * label on screen ("Related artifacts, entry 1, link").
 */
export function readablePath(path: string, labels: Record<string, string>): string {
  const [head = '', ...rest] = path.split('.');
  const parts = [labels[head] ?? words(head)];
  for (const p of rest) parts.push(/^\d+$/.test(p) ? `entry ${Number(p) + 1}` : words(p));
  return parts.join(', ');
}

export function readableProblem(message: string, labels: Record<string, string>): string {
  return message.replace(/\b(?:vetting|delivery)\.([\w.]+):/g, (_all, path: string) => `${readablePath(path, labels)}:`);
}

/**
 * After a conflict reload: the texts of the person's version that the reloaded record does not
 * have, i.e. exactly what they would lose, labelled as on screen.
 */
export function lostTexts(mine: Record<string, unknown>, theirs: Record<string, unknown>, labels: Record<string, string>): string[] {
  const kept = new Set(textsOf(theirs));
  return textsOf(mine)
    .filter((t) => !kept.has(t))
    .map((t) => {
      const i = t.indexOf(': ');
      return `${readablePath(t.slice(0, i), labels)}: ${t.slice(i + 2)}`;
    });
}
