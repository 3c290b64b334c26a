// One page of rows in @atlaskit/dynamic-table, sorted and paged by the resolver: the table is
// controlled (sortKey, sortOrder, page) and asks for another order or page through onSort and
// onSetPage; `totalRows` gives its pagination the whole count.
import { DynamicTableStateless } from '@atlaskit/dynamic-table';
import { router } from '@forge/bridge';
import { useMemo, type MouseEvent } from 'react';
import { GADGET_COLUMN_LABELS, type GadgetColumn } from '../../../src/contract/gadget-vocabulary';
import type { GadgetRow } from '../../../src/contract/gadget';
import type { SortKey, SortOrder } from '../../../src/contract/domain-types';
import type { Names } from './format';
import * as color from './color';
import { badge, small } from './styles';

interface Props {
  rows: GadgetRow[];
  /** The quarter whose Roadmap Committee ranking `row.rank` is. */
  rankQuarter: string;
  blockerMessages: string[];
  columns: GadgetColumn[];
  names: Names;
  emptyView: JSX.Element;
  /** Rows matching the filters (every page), the page shown and its size. */
  matched: number;
  page: number;
  pageSize: number;
  sort: { key: SortKey; order: SortOrder };
  busy: boolean;
  onSort: (sort: { key: SortKey; order: SortOrder }) => void;
  onSetPage: (page: number) => void;
  /** A half-width gadget: fewer, wider columns; the rest of each row's facts under its key. */
  compact: boolean;
}

/** The columns that keep a column of their own in a compact table; the others fold under the key. */
const COMPACT_COLUMNS: readonly GadgetColumn[] = ['summary', 'stage', 'blockers'];
/** Folded columns shown as one line of facts under the key, in this order. */
const FOLDED_COLUMNS: readonly GadgetColumn[] = ['fst', 'type', 'size', 'release', 'companies', 'completeness'];

function openIssue(e: MouseEvent<HTMLAnchorElement>, key: string) {
  // Inside Jira the gadget is an iframe on another origin: its own href would point at the
  // wrong host, so the bridge navigates Jira (a modified click opens a new tab).
  e.preventDefault();
  const location = { target: 'issue' as const, issueKey: key };
  const go = e.metaKey || e.ctrlKey || e.shiftKey ? router.open(location) : router.navigate(location);
  go.catch(() => undefined);
}

function Completeness({ row, lifecycle }: { row: GadgetRow; lifecycle: 'portfolio' | 'delivery' }) {
  if (lifecycle !== 'portfolio' || row.completed === undefined) return <span style={small}>n/a</span>;
  const pct = Math.round((row.completed / 12) * 100);
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }} title={`${row.completed} of 12 checklist items complete`}>
      <span style={{ width: 44, height: 6, borderRadius: 3, background: color.neutral, display: 'inline-block' }}>
        <span
          style={{
            display: 'block',
            height: 6,
            borderRadius: 3,
            width: `${pct}%`,
            background: pct === 100 ? color.completeBar : color.portfolioBar,
          }}
        />
      </span>
      <span style={{ fontVariantNumeric: 'tabular-nums' }}>{row.completed}/12</span>
    </span>
  );
}

/** A deliverable's value that comes from its Roadmap Item, marked so the table says where it came from. */
function Inherited({ row, children }: { row: GadgetRow; children: string }) {
  if (!row.inherited) return <>{children}</>;
  return (
    <span title={`From Roadmap Item ${row.roadmapItemKey ?? ''}`}>
      {children}
      <span style={{ ...small, display: 'block' }}>via {row.roadmapItemKey}</span>
    </span>
  );
}

function Integrity({ row }: { row: GadgetRow }) {
  if (row.integrity === undefined) return null;
  const text = row.integrity === 'missing' ? 'No record' : 'Not verified';
  const title =
    row.integrity === 'missing'
      ? 'There is no LCOO record on this issue yet: fill it in from the LCOO panel.'
      : 'The LCOO record was changed outside the app (or cannot be read): it does not count as complete until someone re-saves it from the LCOO panel.';
  return (
    <span style={{ ...badge(color.warning, color.warningText), marginLeft: 6 }} title={title} data-testid="integrity-mark">
      {text}
    </span>
  );
}

function Blockers({ row, messages, names }: { row: GadgetRow; messages: string[]; names: Names }) {
  if (!row.nextStage) return <span style={small}>Last stage</span>;
  if (row.blockers.length === 0) return <span style={{ ...small, color: color.successText }}>Ready for {names.stage(row.nextStage)}</span>;
  const all = row.blockers.map((i) => messages[i] ?? '');
  const heading = `To reach ${names.stage(row.nextStage)}:`;
  if (all.length === 1) return <span style={{ fontSize: 12 }}>{all[0]}</span>;
  // Every blocker readable without a mouse: a disclosure (keyboard and screen reader), not a tooltip.
  return (
    <details className="lcoo-more" style={{ fontSize: 12 }} data-testid="blockers-more">
      <summary>
        {all[0]} <span style={{ color: color.link }}>(+{all.length - 1} more)</span>
      </summary>
      <ul aria-label={heading} style={{ margin: '4px 0 0', paddingLeft: 16 }}>
        {all.slice(1).map((m, i) => (
          <li key={i}>{m}</li>
        ))}
      </ul>
    </details>
  );
}

export function PortfolioTable({
  rows,
  blockerMessages,
  columns,
  names,
  emptyView,
  matched,
  page,
  pageSize,
  sort,
  busy,
  onSort,
  onSetPage,
  compact,
  rankQuarter,
}: Props) {
  const own = useMemo(() => (compact ? columns.filter((c) => COMPACT_COLUMNS.includes(c)) : columns), [columns, compact]);
  const folded = useMemo(() => (compact ? FOLDED_COLUMNS.filter((c) => columns.includes(c)) : []), [columns, compact]);
  const head = useMemo(
    () => ({
      cells: [
        // testId per head cell: <th data-testid="head-<column>--head--cell" aria-sort=...>.
        { key: 'key', content: 'Key', isSortable: true, width: compact ? 30 : 8, testId: 'head-key' },
        ...own.map((c) => ({
          key: c,
          content: GADGET_COLUMN_LABELS[c],
          isSortable: true,
          testId: `head-${c}`,
          ...(c === 'summary' ? { width: compact ? 30 : 22 } : c === 'blockers' ? { width: 24 } : {}),
        })),
      ],
    }),
    [own, compact],
  );

  const tableRows = useMemo(
    () =>
      rows.map((row) => {
        const lifecycle = names.lifecycle(row.stage);
        const cell: Record<GadgetColumn, { key: string | number; content: JSX.Element | string }> = {
          summary: { key: 'summary', content: row.summary },
          fst: { key: 'fst', content: row.fst ? <Inherited row={row}>{names.fst(row.fst)}</Inherited> : '' },
          type: { key: 'type', content: names.type(row.type) },
          size: { key: 'size', content: row.size ?? '' },
          stage: {
            key: 'stage',
            content: (
              <span>
                {names.stage(row.stage)}
                <span style={{ ...small, display: 'block' }}>{lifecycle === 'portfolio' ? 'Roadmap Item' : 'Upstream Deliverable'}</span>
              </span>
            ),
          },
          release: { key: 'release', content: names.release(row.releaseId) },
          companies: {
            key: 'companies',
            content: <span style={{ fontSize: 12 }}>{row.companies.map(names.company).join(', ')}</span>,
          },
          completeness: {
            key: 'completeness',
            content: (
              <span>
                <Completeness row={row} lifecycle={lifecycle} />
                <Integrity row={row} />
              </span>
            ),
          },
          blockers: {
            key: 'blockers',
            content: <Blockers row={row} messages={blockerMessages} names={names} />,
          },
          slipped: {
            key: 'slipped',
            content: row.slipped ? (
              <span
                style={badge(color.danger, color.dangerText)}
                title={`${names.release(row.releaseId)} has shipped and this item is not ${lifecycle === 'portfolio' ? 'Development Ready' : 'Delivered'}.`}
                data-testid="slipped-mark"
              >
                Slipped
              </span>
            ) : (
              ''
            ),
          },
        };
        return {
          key: row.key,
          cells: [
            {
              key: 'key',
              content: (
                <span>
                  <a
                    className="lcoo-link"
                    style={{ whiteSpace: 'nowrap' }}
                    href={`/browse/${row.key}`}
                    onClick={(e) => openIssue(e, row.key)}
                    data-testid="issue-link"
                  >
                    {row.key}
                  </a>
                  {row.rank ? (
                    <span style={{ ...small, display: 'block' }} data-testid="rank-mark">
                      Rank {row.rank} ({rankQuarter})
                    </span>
                  ) : null}
                  {compact && columns.includes('slipped') && row.slipped ? (
                    <span style={{ ...badge(color.danger, color.dangerText), marginLeft: 6 }} data-testid="slipped-mark">
                      Slipped
                    </span>
                  ) : null}
                  {folded.length > 0 ? (
                    <span style={{ ...small, display: 'block' }} data-testid="folded-facts">
                      {/* One run of "label: value" facts; the vetting bar on its own line after them. */}
                      {folded
                        .filter((c) => c !== 'completeness' && cell[c].content !== '')
                        .map((c, i) => (
                          <span key={c}>
                            {i > 0 ? ' · ' : ''}
                            {GADGET_COLUMN_LABELS[c]}: {cell[c].content}
                          </span>
                        ))}
                      {folded.includes('completeness') ? <span style={{ display: 'block' }}>{cell.completeness.content}</span> : null}
                    </span>
                  ) : null}
                  {row.secured ? (
                    <span style={{ ...small, display: 'block' }} title={`Issue security level: ${row.secured}`} data-testid="secured-mark">
                      Restricted: {row.secured}
                    </span>
                  ) : null}
                </span>
              ),
            },
            ...own.map((c) => cell[c]),
          ],
        };
      }),
    [rows, columns, own, folded, compact, blockerMessages, names, rankQuarter],
  );

  // In a narrow dashboard column the table scrolls sideways on its own, the charts above stay put.
  return (
    <div className="lcoo-scroll" data-testid="portfolio-table-scroll">
      <div style={{ minWidth: compact ? 0 : 120 + columns.length * 85 }}>
        <DynamicTableStateless
          testId="portfolio-table"
          label="LCOO roadmap items"
          head={head}
          rows={tableRows}
          rowsPerPage={pageSize}
          totalRows={matched}
          page={page}
          onSetPage={(p: number) => onSetPage(p)}
          sortKey={sort.key}
          sortOrder={sort.order}
          onSort={(data: { key: string; sortOrder: SortOrder }) => onSort({ key: data.key as SortKey, order: data.sortOrder })}
          isLoading={busy}
          emptyView={emptyView}
        />
      </div>
    </div>
  );
}
