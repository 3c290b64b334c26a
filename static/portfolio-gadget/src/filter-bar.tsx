// The five filters the committee asks for (FST, release, company, stage, type) as light
// native selects, plus "slipped only" and "blocked only". A value set by the gadget's saved
// defaults that holds several choices shows as "N selected" until changed.
import type { GadgetFilters, GadgetVocabulary, NamedOption } from '../../../src/contract/gadget';
import type { Stage } from '../../../src/contract/domain-types';
import type { ItemType } from '../../../src/contract/domain-types';
import * as space from '../../shared/space';
import { hasFilters } from './format';
import * as color from './color';

type ListKey = 'fsts' | 'releases' | 'companies' | 'stages' | 'types';

interface Option {
  value: string;
  label: string;
  group?: string;
}

function MultiAsSelect({
  id,
  label,
  values,
  options,
  onChange,
}: {
  id: string;
  label: string;
  values: readonly string[];
  options: Option[];
  onChange: (next: string[]) => void;
}) {
  const current = values.length === 0 ? '' : values.length === 1 ? values[0]! : '__many__';
  const groups = [...new Set(options.map((o) => o.group ?? ''))];
  const render = (list: Option[]) =>
    list.map((o) => (
      <option key={o.value} value={o.value}>
        {o.label}
      </option>
    ));
  return (
    <label htmlFor={id} style={{ display: 'flex', flexDirection: 'column', gap: 2, fontSize: 12, color: color.subtle, minWidth: 0 }}>
      {label}
      <select
        id={id}
        data-testid={id}
        className="lcoo-select"
        value={current}
        onChange={(e) => onChange(e.target.value === '' ? [] : e.target.value === '__many__' ? [...values] : [e.target.value])}
      >
        <option value="">All</option>
        {values.length > 1 ? <option value="__many__">{values.length} selected</option> : null}
        {groups.length > 1
          ? groups.map((g) => (
              <optgroup key={g} label={g}>
                {render(options.filter((o) => (o.group ?? '') === g))}
              </optgroup>
            ))
          : render(options)}
      </select>
    </label>
  );
}

interface Props {
  filters: GadgetFilters;
  labels: { fsts: NamedOption[]; companies: NamedOption[] };
  vocabulary: GadgetVocabulary;
  onChange: (next: GadgetFilters) => void;
  busy: boolean;
}

/**
 * Options from the app configuration, plus any value already in the filter (never hide a chosen
 * value). Records store FSTs and companies by id (names change), so ids are the values.
 */
function withChosen(options: Option[], chosen: readonly string[] | undefined): Option[] {
  const known = new Set(options.map((o) => o.value));
  return [...options, ...(chosen ?? []).filter((v) => !known.has(v)).map((v) => ({ value: v, label: v }))];
}

export function FilterBar({ filters, labels, vocabulary, onChange, busy }: Props) {
  const set = (key: ListKey, values: string[]) => onChange({ ...filters, [key]: values });
  const stageOptions: Option[] = vocabulary.stages.map((s) => ({
    value: s.id,
    label: s.label,
    group: s.lifecycle === 'portfolio' ? 'Roadmap Items' : 'Upstream Deliverables',
  }));
  // Newest first: the committee targets upcoming releases.
  const releaseOptions = [...vocabulary.releases].reverse().map((r) => ({ value: r.id, label: r.label }));
  const any = hasFilters(filters);
  return (
    <div
      role="group"
      aria-label="Filters"
      aria-busy={busy}
      style={{
        display: 'grid',
        gridTemplateColumns: 'repeat(auto-fit, minmax(130px, 1fr))',
        gap: space.s,
        alignItems: 'end',
        marginBottom: space.m,
      }}
    >
      <MultiAsSelect
        id="filter-fst"
        label="FST"
        values={filters.fsts ?? []}
        options={withChosen(
          labels.fsts.map((f) => ({ value: f.id, label: f.name })),
          filters.fsts,
        )}
        onChange={(v) => set('fsts', v)}
      />
      <MultiAsSelect
        id="filter-release"
        label="Target release"
        values={filters.releases ?? []}
        options={withChosen(releaseOptions, filters.releases)}
        onChange={(v) => set('releases', v)}
      />
      <MultiAsSelect
        id="filter-company"
        label="Member company"
        values={filters.companies ?? []}
        options={withChosen(
          labels.companies.map((c) => ({ value: c.id, label: c.name })),
          filters.companies,
        )}
        onChange={(v) => set('companies', v)}
      />
      <MultiAsSelect
        id="filter-stage"
        label="Stage"
        values={filters.stages ?? []}
        options={stageOptions}
        onChange={(v) => onChange({ ...filters, stages: v as Stage[] })}
      />
      <MultiAsSelect
        id="filter-type"
        label="Type"
        values={filters.types ?? []}
        options={vocabulary.types.map((t) => ({ value: t.id, label: t.label }))}
        onChange={(v) => onChange({ ...filters, types: v as ItemType[] })}
      />
      <div style={{ display: 'flex', gap: space.xs, flexWrap: 'wrap' }}>
        <button
          type="button"
          className="lcoo-chip"
          aria-pressed={filters.onlySlipped === true}
          data-testid="filter-slipped"
          onClick={() => onChange({ ...filters, onlySlipped: !filters.onlySlipped })}
        >
          Slipped only
        </button>
        <button
          type="button"
          className="lcoo-chip"
          aria-pressed={filters.onlyBlocked === true}
          data-testid="filter-blocked"
          onClick={() => onChange({ ...filters, onlyBlocked: !filters.onlyBlocked })}
        >
          Blocked only
        </button>
        {any ? (
          <button type="button" className="lcoo-chip" data-testid="filter-clear" onClick={() => onChange({})}>
            Clear filters
          </button>
        ) : null}
      </div>
    </div>
  );
}
