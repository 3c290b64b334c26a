// One line per checklist row, from what the person has typed (the draft, not the last save), so
// a collapsed row says what the answer is without opening it. Pure functions (unit-tested).
import type { PanelData } from '../../../src/contract/panel';
import type { VettingDraft } from './draft';

const filled = (v: string) => v.trim() !== '';
const firstLine = (v: string) => v.trim().split('\n')[0] ?? '';
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const labelOf = (options: readonly { value: string; label: string }[], value: string) =>
  options.find((o) => o.value === value)?.label ?? value;

/** Up to three names, then "and N more". */
function names(list: readonly string[]): string {
  const shown = list.slice(0, 3).join(', ');
  return list.length > 3 ? `${shown} and ${list.length - 3} more` : shown;
}

/** The summary of a row; '' when nothing is answered yet (the row then says "Not answered"). */
export function itemSummary(id: string, d: VettingDraft, data: PanelData): string {
  const voc = data.options.vocabulary;
  switch (id) {
    case 'ownership': {
      const fst = data.options.fsts.find((f) => f.id === d.fst)?.name ?? d.fst;
      const company = data.options.companies.find((c) => c.id === d.proposingCompany)?.name ?? d.proposingCompany;
      return [fst, company && `proposed by ${company}`].filter(filled).join(', ');
    }
    case 'type':
      return d.type ? labelOf(voc.itemTypes, d.type) : '';
    case 'requirements': {
      const reqs = d.requirements.filter(filled);
      const acc = d.acceptanceCriteria.filter(filled);
      if (reqs.length === 0 && acc.length === 0) return '';
      return `${plural(reqs.length, 'requirement')}, ${plural(acc.length, 'acceptance criterion', 'acceptance criteria')}${
        reqs[0] ? `: ${firstLine(reqs[0])}` : ''
      }`;
    }
    case 'components':
      return names(d.components);
    case 'stakeholders':
      return names(d.stakeholders.filter((s) => filled(s.name)).map((s) => (filled(s.company) ? `${s.name} (${s.company})` : s.name)));
    case 'artifacts': {
      const list = d.artifacts.filter((a) => filled(a.url) || filled(a.title));
      return list.length === 0 ? '' : `${plural(list.length, 'link')}: ${names(list.map((a) => a.title || a.url))}`;
    }
    case 'size':
      return d.size ? labelOf(voc.sizes, d.size) : '';
    case 'valueToMembers':
      return firstLine(d.valueToMembers);
    case 'valueToCommunity':
      return firstLine(d.valueToCommunity);
    case 'blueprints': {
      const found = d.blueprints.findings.filter((f) => filled(f.url) || filled(f.summary)).length;
      if (!d.blueprints.searched && found === 0 && !filled(d.blueprints.conclusion)) return '';
      const parts = [d.blueprints.searched ? 'Searched' : 'Not searched yet', plural(found, 'blueprint') + ' found'];
      if (filled(d.blueprints.conclusion)) parts.push(firstLine(d.blueprints.conclusion));
      return parts.join('; ');
    }
    case 'communityAlignment': {
      const list = d.communityAlignment.filter((e) => filled(e.notes) || filled(e.date));
      if (list.length === 0) return '';
      const last = list
        .map((e) => e.date)
        .filter(filled)
        .sort()
        .at(-1);
      return `${plural(list.length, 'conversation')}${last ? `, latest ${last}` : ''}`;
    }
    case 'collaborators': {
      const joining = d.companies
        .filter((c) => c.interest === 'yes')
        .map((c) => data.options.companies.find((x) => x.id === c.company)?.name ?? c.company);
      const groups = d.workingGroups.filter(filled);
      if (joining.length === 0 && groups.length === 0 && !d.companies.some((c) => c.interest !== '')) return '';
      const parts = [joining.length > 0 ? `Joining: ${names(joining)}` : 'No company has said yes yet'];
      if (groups.length > 0) parts.push(plural(groups.length, 'working group'));
      return parts.join('; ');
    }
    case 'targetRelease':
      return d.targetRelease ? (data.options.releaseLabels[d.targetRelease] ?? d.targetRelease) : '';
    case 'delivery-strategy': {
      const stream = d.deliveryStream ? labelOf(voc.deliveryStreams, d.deliveryStream) : '';
      return [stream, firstLine(d.alignmentStrategy.plan)].filter(filled).join('; ');
    }
    default:
      return '';
  }
}
