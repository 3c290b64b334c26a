// The gadget's edit view: where the items come from, default filters, visible columns and
// auto-refresh. The resolver zod-checks the draft (gadget/check-config) and answers the
// normalised configuration, which view.submit stores with the gadget; Jira then shows the
// gadget, which reads it back from context.extension.gadgetConfiguration.
import Button from '@atlaskit/button/new';
import { Checkbox } from '@atlaskit/checkbox';
import { view } from '@forge/bridge';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { GadgetConfig, GadgetFilters, GadgetOptions } from '../../../src/contract/gadget';
import { GADGET_COLUMN_LABELS, GADGET_COLUMNS, REFRESH_MINUTES } from '../../../src/contract/gadget-vocabulary';
import { call, isCallError } from './call';
import * as space from '../../shared/space';
import { splitProjectKeys } from './format';
import { LoadingView, markSettled, Notice } from './states';
import * as color from './color';
import { card, cardTitle, small } from './styles';

interface Option {
  value: string;
  label: string;
}

function CheckboxGroup({
  legend,
  name,
  options,
  values,
  onChange,
  scroll,
}: {
  legend: string;
  name: string;
  options: Option[];
  values: readonly string[];
  onChange: (next: string[]) => void;
  scroll?: boolean;
}) {
  return (
    <fieldset style={{ border: `1px solid ${color.border}`, borderRadius: 3, padding: space.s, margin: 0, minWidth: 0 }}>
      <legend style={{ fontSize: 12, color: color.subtle, padding: '0 4px' }}>{legend}</legend>
      <div
        style={{
          display: 'grid',
          gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))',
          gap: 2,
          ...(scroll ? { maxHeight: 120, overflowY: 'auto' } : {}),
        }}
      >
        {options.map((o) => (
          <Checkbox
            key={o.value}
            name={name}
            value={o.value}
            label={o.label}
            isChecked={values.includes(o.value)}
            onChange={(e) => onChange(e.target.checked ? [...values, o.value] : values.filter((v) => v !== o.value))}
          />
        ))}
      </div>
    </fieldset>
  );
}

function Field({ label, htmlFor, help, children }: { label: string; htmlFor: string; help?: string; children: ReactNode }) {
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 4, marginBottom: space.m }}>
      <label htmlFor={htmlFor} style={{ fontSize: 12, fontWeight: 600, color: color.subtle }}>
        {label}
      </label>
      {children}
      {help ? <span style={small}>{help}</span> : null}
    </div>
  );
}

export function EditView() {
  const [options, setOptions] = useState<GadgetOptions>();
  const [loadError, setLoadError] = useState<string>();
  useEffect(() => {
    call('gadget/options')
      .then(setOptions)
      .catch((err: unknown) => setLoadError(isCallError(err) ? err.message : String(err)))
      .finally(() => markSettled(true));
  }, []);
  if (loadError) {
    return (
      <div style={{ padding: space.m }}>
        <Notice tone="error" title="The gadget settings could not be loaded" testId="gadget-error">
          {loadError} Reload the dashboard to try again.
        </Notice>
      </div>
    );
  }
  if (!options)
    return (
      <div style={{ padding: space.m }}>
        <LoadingView />
      </div>
    );
  return <EditForm options={options} initial={options.config} />;
}

function EditForm({ options, initial }: { options: GadgetOptions; initial: GadgetConfig }) {
  const [kind, setKind] = useState<'projects' | 'jql'>(initial.scope.kind);
  const [projects, setProjects] = useState(initial.scope.kind === 'projects' ? initial.scope.projectKeys.join(', ') : '');
  const [jql, setJql] = useState(initial.scope.kind === 'jql' ? initial.scope.jql : '');
  const [filters, setFilters] = useState<GadgetFilters>(initial.filters);
  const [columns, setColumns] = useState<string[]>(initial.columns);
  const [refresh, setRefresh] = useState<number>(initial.refreshMinutes);
  const [problems, setProblems] = useState<string[]>(options.problem ? [options.problem] : []);
  const [saving, setSaving] = useState(false);
  const vocab = options.vocabulary;
  // A problem list describes the draft it was found in: any change makes it stale.
  const touched = useRef(false);
  useEffect(() => {
    if (touched.current) setProblems([]);
    touched.current = true;
  }, [kind, projects, jql, filters, columns, refresh]);

  const setList = (key: 'fsts' | 'releases' | 'companies' | 'stages' | 'types') => (values: string[]) =>
    setFilters({ ...filters, [key]: values });

  const save = async () => {
    const draft = {
      version: 1,
      scope: kind === 'projects' ? { kind, projectKeys: splitProjectKeys(projects) } : { kind, jql },
      filters,
      columns,
      refreshMinutes: refresh,
    };
    setSaving(true);
    try {
      const { config } = await call('gadget/check-config', { config: draft });
      setProblems([]);
      await view.submit(config);
    } catch (err) {
      if (isCallError(err) && err.code === 'BAD_REQUEST') {
        const details = err.details;
        const listed = details && 'problems' in details ? details.problems : undefined;
        setProblems(listed && listed.length > 0 ? listed.map((p) => p.message) : [err.message]);
      } else {
        setProblems([`The settings were not saved: ${err instanceof Error ? err.message : String(err)} Try again.`]);
      }
    } finally {
      setSaving(false);
    }
  };

  // Records store FSTs and companies by id (names change): filter on ids.
  const fstOptions = options.fsts.map((f) => ({ value: f.id, label: f.name }));
  const companyOptions = options.companies.map((c) => ({ value: c.id, label: c.name }));
  // The series still to ship (what the panel offers for targeting), newest first; a release the
  // saved filters already name stays listed, so nothing is filtered on that the form hides.
  const releaseOptions = [...vocab.releases]
    .filter((r) => options.targetReleases.includes(r.id) || (filters.releases ?? []).includes(r.id))
    .reverse()
    .map((r) => ({ value: r.id, label: r.label }));
  // <main> and a heading: to a screen reader the edit view's iframe is a page of its own.
  return (
    <main>
      <h1 className="lcoo-visually-hidden">LCOO portfolio gadget settings</h1>
      <form
        style={{ padding: space.m, maxWidth: 900 }}
        data-testid="gadget-edit"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <section style={{ ...card, marginBottom: space.m }}>
          <h2 style={cardTitle}>Which items</h2>
          <div role="radiogroup" aria-label="Scope" style={{ display: 'flex', gap: space.l, marginBottom: space.s, fontSize: 13 }}>
            <label>
              <input
                type="radio"
                name="scope"
                value="projects"
                checked={kind === 'projects'}
                onChange={() => setKind('projects')}
                data-testid="scope-projects"
              />{' '}
              Projects
            </label>
            <label>
              <input
                type="radio"
                name="scope"
                value="jql"
                checked={kind === 'jql'}
                onChange={() => setKind('jql')}
                data-testid="scope-jql"
              />{' '}
              JQL or saved filter
            </label>
          </div>
          {kind === 'projects' ? (
            <Field
              label="Project keys"
              htmlFor="projects"
              help="Separate keys with commas, e.g. LCOO, NET. Leave empty for every project you can browse."
            >
              <input
                id="projects"
                className="lcoo-input"
                value={projects}
                onChange={(e) => setProjects(e.target.value)}
                placeholder="LCOO"
              />
            </Field>
          ) : (
            <Field
              label="JQL"
              htmlFor="jql"
              help='Any JQL, or a saved filter: filter = 10001. The gadget always adds issuetype in ("Roadmap Item", "Upstream Deliverable").'
            >
              <textarea
                id="jql"
                className="lcoo-textarea"
                rows={3}
                value={jql}
                onChange={(e) => setJql(e.target.value)}
                placeholder="project = LCOO AND lcooFst = networking"
              />
            </Field>
          )}
        </section>

        <section style={{ ...card, marginBottom: space.m }}>
          <h2 style={cardTitle}>Default filters</h2>
          <p style={{ ...small, marginTop: 0 }}>
            What the gadget shows when it opens; people can still change the filters on the dashboard.
          </p>
          <div style={{ display: 'grid', gap: space.s }}>
            <CheckboxGroup legend="FSTs" name="fsts" options={fstOptions} values={filters.fsts ?? []} onChange={setList('fsts')} />
            <CheckboxGroup
              legend="Member companies"
              name="companies"
              options={companyOptions}
              values={filters.companies ?? []}
              onChange={setList('companies')}
            />
            <CheckboxGroup
              legend="Stages"
              name="stages"
              options={vocab.stages.map((s) => ({ value: s.id, label: s.label }))}
              values={filters.stages ?? []}
              onChange={setList('stages')}
            />
            <CheckboxGroup
              legend="Types"
              name="types"
              options={vocab.types.map((t) => ({ value: t.id, label: t.label }))}
              values={filters.types ?? []}
              onChange={setList('types')}
            />
            <CheckboxGroup
              legend="Target releases"
              name="releases"
              scroll
              options={releaseOptions}
              values={filters.releases ?? []}
              onChange={setList('releases')}
            />
          </div>
        </section>

        <section style={{ ...card, marginBottom: space.m }}>
          <h2 style={cardTitle}>Table and refresh</h2>
          <CheckboxGroup
            legend="Visible columns (the key is always shown)"
            name="columns"
            options={GADGET_COLUMNS.map((c) => ({ value: c, label: GADGET_COLUMN_LABELS[c] }))}
            values={columns}
            onChange={setColumns}
          />
          <div style={{ marginTop: space.m }}>
            <Field
              label="Auto-refresh"
              htmlFor="refresh"
              help="Each refresh reads the portfolio again while the dashboard is open; a longer interval leaves more of the app's hourly Jira allowance to everyone else."
            >
              <select
                id="refresh"
                className="lcoo-select"
                value={refresh}
                onChange={(e) => setRefresh(Number(e.target.value))}
                style={{ maxWidth: 200 }}
              >
                {REFRESH_MINUTES.map((m) => (
                  <option key={m} value={m}>
                    {m === 0 ? 'Off' : `Every ${m} minutes`}
                  </option>
                ))}
              </select>
            </Field>
          </div>
        </section>

        {problems.length > 0 ? (
          <Notice tone="error" title="Fix these before saving" testId="edit-problems">
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </Notice>
        ) : null}
        <div style={{ display: 'flex', gap: space.s }}>
          <Button type="submit" appearance="primary" isLoading={saving} testId="edit-save">
            Save
          </Button>
          <Button appearance="subtle" onClick={() => void view.close().catch(() => undefined)} testId="edit-cancel">
            Cancel
          </Button>
        </div>
      </form>
    </main>
  );
}
