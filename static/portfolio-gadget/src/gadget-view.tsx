// The gadget: totals, charts a person would rather look at than read, and the table. Filters
// reload through the resolver, so the domain aggregates every view; the previous data stays on
// screen (dimmed) while the next load runs.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CompanyCell } from '../../../src/contract/domain-types';
import type { Stage } from '../../../src/contract/domain-types';
import type { GadgetFilters, PortfolioLoad } from '../../../src/contract/gadget';
import type { ReleaseCell, SortKey, SortOrder } from '../../../src/contract/domain-types';
import { CallError } from '../../shared/invoke';
import { call } from './call';
import { Row } from '../../shared/layout';
import * as space from '../../shared/space';
import { HeatMap } from './charts/heat-map';
import { CompletenessChart } from './charts/completeness';
import { StageFunnel } from './charts/stage-funnel';
import { FilterBar } from './filter-bar';
import { ageLabel, hasFilters, makeNames, NONE } from './format';
import { PortfolioTable } from './portfolio-table';
import { LoadingView, markSettled, Notice, TextButton } from './states';
import * as color from './color';
import { small } from './styles';
import { agree, count } from '../../shared/plural';

/** When the figures were true: the index's last reconcile with Jira (or this load's own search). */
function freshness(data: PortfolioLoad, now: number): string {
  if (data.index.source === 'search') return `Read from Jira ${ageLabel(data.fetchedAt, now)}`;
  const at = data.index.reconciledAt ?? data.index.builtAt;
  return `${at ? `Checked against Jira ${ageLabel(at, now)}` : 'Not yet checked against Jira'} · saves in the LCOO panel show at once`;
}

function scopeText(config: PortfolioLoad['config']): string {
  if (config.scope.kind === 'jql') return `JQL: ${config.scope.jql}`;
  return config.scope.projectKeys.length > 0 ? `projects ${config.scope.projectKeys.join(', ')}` : 'every project you can browse';
}

/**
 * Below this width (a dashboard's two-column layout gives a gadget about 600 px) the table folds
 * its minor columns under the key, so the blockers and slipped marks stay on screen.
 */
const COMPACT_BELOW_PX = 960;

/** Whether the gadget's own frame is narrow; follows the dashboard's layout changes. */
function useCompact(): boolean {
  const [compact, setCompact] = useState(() => window.innerWidth < COMPACT_BELOW_PX);
  useEffect(() => {
    const onResize = () => setCompact(window.innerWidth < COMPACT_BELOW_PX);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return compact;
}

/**
 * `rawConfig` is the gadget's configuration as Jira handed it to the page: the resolver
 * zod-checks it (and prefers its own copy from the context); the answer carries the parsed one.
 */
export function GadgetView({ rawConfig }: { rawConfig: unknown }) {
  // undefined = "the configuration's default filters" until the person picks their own.
  const [filters, setFiltersState] = useState<GadgetFilters | undefined>(undefined);
  // The table's order and page: the resolver sorts and pages, the table shows one page.
  const [sort, setSort] = useState<{ key: SortKey; order: SortOrder }>({ key: 'key', order: 'ASC' });
  const [page, setPage] = useState(1);
  // A filter change starts again at page 1.
  const setFilters = useCallback((next: GadgetFilters) => {
    setFiltersState(next);
    setPage(1);
  }, []);
  const [data, setData] = useState<PortfolioLoad>();
  const [error, setError] = useState<CallError>();
  const [loading, setLoading] = useState(true);
  const [now, setNow] = useState(Date.now());
  // Settled loads so far: lets a person's tools (and the browser tests) tell one load from the next.
  const [loads, setLoads] = useState(0);
  const latest = useRef(0);
  const compact = useCompact();

  const load = useCallback(
    async (next: GadgetFilters | undefined, order: { key: SortKey; order: SortOrder }, at: number) => {
      const id = ++latest.current;
      setLoading(true);
      markSettled(false);
      try {
        const answer = await call('portfolio/load', { config: rawConfig, ...(next ? { filters: next } : {}), sort: order, page: at });
        if (id !== latest.current) return; // a newer load (another filter click) won
        setData(answer);
        setError(undefined);
      } catch (err) {
        if (id !== latest.current) return;
        setError(err instanceof CallError ? err : new CallError('INTERNAL', String(err)));
      } finally {
        if (id === latest.current) {
          setLoading(false);
          setNow(Date.now());
          setLoads((n) => n + 1);
          markSettled(true);
        }
      }
    },
    [rawConfig],
  );

  useEffect(() => {
    void load(filters, sort, page);
    // Reload when the filters, the order or the page (or the configuration behind `load`) change.
  }, [filters, sort, page, load]);

  const refreshMinutes = data?.config.refreshMinutes ?? 0;
  useEffect(() => {
    if (refreshMinutes <= 0) return undefined;
    // A dashboard left open in a background tab should not spend the person's Jira rate limit.
    const t = setInterval(() => {
      if (document.visibilityState !== 'hidden') void load(filters, sort, page);
    }, refreshMinutes * 60_000);
    return () => clearInterval(t);
  }, [refreshMinutes, filters, sort, page, load]);

  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(t);
  }, []);

  // Built once per answer: the table's 10,000 rows are memoised on it, so a clock tick or the
  // loading dim must not rebuild them.
  const names = useMemo(() => (data ? makeNames(data.vocabulary, data.labels) : undefined), [data]);

  // The filters on screen: the person's own, else the ones the last answer applied (the defaults).
  const shown: GadgetFilters = filters ?? data?.filters ?? {};
  const toggleStage = (stage: Stage) => {
    const current = shown.stages ?? [];
    setFilters({ ...shown, stages: current.includes(stage) ? current.filter((s) => s !== stage) : [...current, stage] });
  };

  // Drill-down from a pivot cell: its row and column become the filters (other filters stay).
  // "No FST" / "No release" rows have no id a filter can name, so those cells stay plain.
  const drill =
    (make: (row: string, column: string) => GadgetFilters) =>
    (row: string, column: string): (() => void) | undefined =>
      row === NONE || column === NONE ? undefined : () => setFilters(make(row, column));

  const errorNotice = error ? (
    <Notice
      tone="error"
      title="The portfolio could not be loaded"
      testId="gadget-error"
      action={
        <TextButton primary onClick={() => void load(filters, sort, page)} testId="retry">
          Try again
        </TextButton>
      }
    >
      {error.message}
      {error.code === 'NETWORK' ||
      error.code === 'RATE_LIMITED' ||
      error.code === 'INTERNAL' ||
      /choose Edit/.test(error.message) ? null : (
        <div style={{ marginTop: space.xs }}>If the gadget's settings are the problem, open the gadget's menu and choose Edit.</div>
      )}
    </Notice>
  ) : null;

  if (!data || !names) return <div style={{ padding: space.s }}>{errorNotice ?? <LoadingView />}</div>;

  const filtered = hasFilters(shown);
  const t = data.totals;

  const empty = filtered ? (
    <Notice
      tone="info"
      title="No items match these filters"
      testId="gadget-empty"
      action={<TextButton onClick={() => setFilters({})}>Clear filters</TextButton>}
    >
      Loosen a filter above, or clear them all to see the whole portfolio.
    </Notice>
  ) : (
    <Notice tone="info" title="No LCOO roadmap items here yet" testId="gadget-empty">
      This gadget shows Roadmap Items and Upstream Deliverables in {scopeText(data.config)}. Create a Roadmap Item in the LCOO project, or
      open the gadget's menu, choose Edit and point it at the projects or JQL that hold your items. If the issue types do not exist yet, a
      Jira administrator runs setup on the "LCOO roadmap setup" page.
    </Notice>
  );

  return (
    // <main> and a heading: the gadget's iframe is a page of its own to a screen reader.
    <main
      style={{ padding: space.s, opacity: loading ? 0.6 : 1, transition: 'opacity 120ms' }}
      aria-busy={loading}
      data-testid="gadget-view"
      data-loads={loads}
      data-layout={compact ? 'compact' : 'wide'}
    >
      <h1 className="lcoo-visually-hidden">LCOO roadmap portfolio</h1>
      {errorNotice}
      <Row align="baseline" style={{ marginBottom: space.s }} testId="gadget-summary">
        <strong style={{ fontSize: 16 }}>{t.items.toLocaleString('en-US')} items</strong>
        <span style={small}>
          {t.roadmapItems} Roadmap Items, {t.deliverables} Upstream Deliverables
        </span>
        <button
          type="button"
          className="lcoo-chip"
          aria-pressed={shown.onlySlipped === true}
          onClick={() => setFilters({ ...shown, onlySlipped: !shown.onlySlipped })}
          style={t.slipped > 0 ? { color: color.dangerText } : undefined}
          title="Target release shipped without the item being Development Ready / Delivered. Click to show only these."
        >
          {t.slipped} slipped
        </button>
        <button
          type="button"
          className="lcoo-chip"
          aria-pressed={shown.onlyBlocked === true}
          onClick={() => setFilters({ ...shown, onlyBlocked: !shown.onlyBlocked })}
          title="Items whose next gate is not met yet. Click to show only these."
        >
          {t.blocked} blocked at their next gate
        </button>
        {t.integrityProblems > 0 ? (
          <span
            style={{ ...small, color: color.warningText }}
            title="These items have no LCOO record saved from the LCOO panel, or theirs was changed outside it, so they count as incomplete and pass no gate until someone saves them from the panel."
            data-testid="gadget-integrity"
          >
            {`${count(t.integrityProblems, 'item', 'items')} without a record saved in the LCOO panel`}
          </span>
        ) : null}
        <span style={{ ...small, marginLeft: 'auto' }} data-testid="gadget-freshness">
          {loading ? 'Refreshing...' : freshness(data, now)}
          {data.config.refreshMinutes > 0 ? ` · auto-refresh every ${data.config.refreshMinutes} min` : ''}
        </span>
        <TextButton onClick={() => void load(filters, sort, page)} testId="refresh">
          Refresh
        </TextButton>
      </Row>

      {data.index.source === 'search' ? (
        <Notice tone="info" title="The portfolio index is not built yet" testId="gadget-index-building">
          This load read every item from Jira.
          {data.index.rebuilding
            ? ` The index is being built (${data.index.rebuilding.done.toLocaleString('en-US')}${data.index.rebuilding.total !== undefined ? ` of about ${data.index.rebuilding.total.toLocaleString('en-US')}` : ''} items so far); loads will then be much faster.`
            : ' A Jira administrator builds it on the "LCOO roadmap setup" page (Portfolio index tab).'}
        </Notice>
      ) : null}
      {data.hidden ? (
        <Notice tone="info" title={`${count(data.hidden.count, 'item is', 'items are')} not shown to you`} testId="gadget-hidden">
          {data.hidden.reason}
        </Notice>
      ) : null}
      {data.gateSettingsNote ? (
        <Notice tone="warning" title="Blockers use the LCOO admin's gate settings" testId="gadget-gate-settings">
          {data.gateSettingsNote}
        </Notice>
      ) : null}
      {data.truncated ? (
        <Notice
          tone="warning"
          title={
            data.truncatedBy === 'time'
              ? `Jira answered slowly: showing the first ${data.rows.length.toLocaleString()} issues only`
              : `Showing the first ${data.itemLimit.toLocaleString()} issues only`
          }
          testId="gadget-truncated"
        >
          {data.truncatedBy === 'time'
            ? 'Jira took too long to page through the whole scope, so the figures cover part of it. Refresh to try again, or edit the gadget and narrow its projects or JQL.'
            : "The gadget's scope holds more issues than one load reads. Edit the gadget and narrow its projects or JQL (for example one FST or upcoming releases) so every figure covers the whole scope."}
        </Notice>
      ) : null}
      {data.skipped.count > 0 ? (
        <Notice
          tone="warning"
          title={`${count(data.skipped.count, 'issue', 'issues')} left out: ${agree(data.skipped.count, 'its', 'their')} status is not an LCOO stage`}
          testId="gadget-skipped"
        >
          For example {data.skipped.examples.map((e) => `${e.key} (${e.reason})`).join('; ')}. Ask a Jira administrator to put the project
          on the LCOO Roadmap Workflow Scheme.
        </Notice>
      ) : null}

      <FilterBar filters={shown} labels={data.labels} vocabulary={data.vocabulary} onChange={setFilters} busy={loading} />

      {t.items === 0 ? (
        empty
      ) : (
        <>
          <div className="lcoo-grid">
            <StageFunnel funnels={data.funnels} selected={shown.stages ?? []} onToggleStage={toggleStage} />
            <CompletenessChart buckets={data.completeness} integrityProblems={t.integrityProblems} />
          </div>
          <div className="lcoo-grid">
            <HeatMap
              title="FST x stage"
              hint="Roadmap Items per Functional Specialty Team and vetting stage"
              testId="fst-by-stage"
              matrix={data.fstByStage}
              rowLabel={names.fst}
              columnLabel={names.stage}
              value={(n: number) => n}
              empty="No Roadmap Items."
              corner="FST"
              onCell={drill((fst, stage) => ({ ...shown, fsts: [fst], stages: [stage as Stage] }))}
            />
            <HeatMap<ReleaseCell>
              title="Release x FST"
              hint="Roadmap Items per target release (oldest first) and FST; their Upstream Deliverables counted apart (+ n deliverables)"
              testId="release-by-fst"
              matrix={data.releaseByFst}
              rowLabel={names.release}
              columnLabel={names.fst}
              value={(c) => c.roadmapItems + c.deliverables}
              render={(c) =>
                c.roadmapItems + c.deliverables === 0 ? (
                  ''
                ) : (
                  <span>
                    {c.roadmapItems}
                    {c.deliverables > 0 ? <span style={{ display: 'block', fontSize: 11 }}>+{c.deliverables} del.</span> : null}
                  </span>
                )
              }
              cellTitle={(r, f, c) =>
                `${names.release(r)}, ${names.fst(f)}: ${count(c.roadmapItems, 'Roadmap Item', 'Roadmap Items')} and ${count(c.deliverables, 'Upstream Deliverable', 'Upstream Deliverables')}`
              }
              empty="No items."
              corner="Release"
              onCell={drill((release, fst) => ({ ...shown, releases: [release], fsts: [fst] }))}
            />
          </div>
          <div className="lcoo-grid">
            <HeatMap<CompanyCell>
              title="Member companies x stage"
              hint="Each cell: items the company said yes to / items it is listed on, and the people it committed (shade: people)"
              testId="company-by-stage"
              matrix={data.companyByStage}
              rowLabel={names.company}
              columnLabel={names.stage}
              value={(c) => c.committedPeople}
              render={(c) =>
                c.items === 0 ? (
                  ''
                ) : (
                  <span>
                    {c.interested}/{c.items}
                    <span style={{ display: 'block', fontSize: 11 }}>{c.committedPeople} ppl</span>
                  </span>
                )
              }
              cellTitle={(r, s, c) =>
                `${names.company(r)} in ${names.stage(s)}: listed on ${count(c.items, 'item', 'items')}, interested in ${c.interested}, ${count(c.committedPeople, 'person', 'people')} committed`
              }
              empty="No member companies recorded on these items."
              corner="Company"
              onCell={drill((company, stage) => ({ ...shown, companies: [company], stages: [stage as Stage] }))}
            />
          </div>
          <PortfolioTable
            rows={data.rows}
            rankQuarter={data.rankQuarter}
            blockerMessages={data.blockerMessages}
            columns={data.config.columns}
            names={names}
            emptyView={empty}
            matched={data.matched}
            page={data.page}
            pageSize={data.pageSize}
            sort={data.sort}
            busy={loading}
            onSort={(next) => {
              setSort(next);
              setPage(1);
            }}
            onSetPage={setPage}
            compact={compact}
          />
        </>
      )}
    </main>
  );
}
