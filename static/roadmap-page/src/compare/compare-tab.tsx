// Compare two published versions (default: the latest and the one before it), as a list of
// what changed by kind, or as one table of every changed item.
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { useEffect, useState } from 'react';
import type { ChangeKind, CompareView, ItemChange, VersionsView } from '../../../../src/contract/roadmap';
import { whileLoading } from '../../../shared/busy';
import * as color from '../../../shared/color';
import * as font from '../../../shared/font';
import * as space from '../../../shared/space';
import { Row, Stack } from '../../../shared/layout';
import { call, problemOf } from '../call';
import { cell } from '../versions/version-table';
import { count } from '../../../shared/plural';

const KIND_TITLES: Record<ChangeKind, string> = {
  added: 'Added',
  dropped: 'Dropped',
  stage: 'Stage moves',
  retargeted: 'Retargeted releases',
  rank: 'Rank changes',
  slipped: 'Slipped targets',
  decided: 'Committee decisions changed',
};
const arrow = (from: string | number | undefined, to: string | number | undefined) => `${from ?? '—'} → ${to ?? '—'}`;

function detail(c: ItemChange, kind: ChangeKind, stage: (s?: string) => string | undefined): string {
  switch (kind) {
    case 'added':
      return `${stage(c.stage.to) ?? ''}${c.rank.to ? `, rank ${c.rank.to}` : ''}`;
    case 'dropped':
      return `was ${stage(c.stage.from) ?? ''}${c.rank.from ? `, rank ${c.rank.from}` : ''}`;
    case 'stage':
      return arrow(stage(c.stage.from), stage(c.stage.to));
    case 'retargeted':
      return arrow(c.release.from, c.release.to);
    case 'rank':
      return arrow(c.rank.from, c.rank.to);
    case 'slipped':
      return `${c.release.to ?? ''} shipped without it`;
    case 'decided': {
      const { from, to } = c.decisions;
      const parts: string[] = [];
      if ((from?.targetRelease ?? '') !== (to?.targetRelease ?? ''))
        parts.push(`target release ${arrow(from?.targetRelease, to?.targetRelease)}`);
      if ((from?.deliveryStrategy ?? '') !== (to?.deliveryStrategy ?? ''))
        parts.push(`delivery strategy ${arrow(from?.deliveryStrategy, to?.deliveryStrategy)}`);
      return parts.join('; ');
    }
  }
}

export function CompareTab() {
  const [list, setList] = useState<VersionsView>();
  const [pick, setPick] = useState<{ from?: string; to?: string }>({});
  const [view, setView] = useState<CompareView>();
  const [mode, setMode] = useState<'list' | 'table'>('list');
  const [error, setError] = useState<string>();

  useEffect(() => {
    whileLoading(call('versions/list', {}))
      .then((l) => {
        setList(l);
        setPick({ to: l.versions[0]?.id, from: l.versions[1]?.id });
      })
      .catch((err: unknown) => setError(problemOf(err)));
  }, []);
  useEffect(() => {
    if (!pick.to || !pick.from) return;
    setView(undefined);
    whileLoading(call('versions/compare', { to: pick.to, from: pick.from }))
      .then(setView)
      .catch((err: unknown) => setError(problemOf(err)));
  }, [pick.to, pick.from]);

  if (error)
    return (
      <SectionMessage appearance="error" title="The versions could not be compared">
        <p>{error}</p>
      </SectionMessage>
    );
  if (!list) return <Spinner label="Loading the versions" />;
  if (list.versions.length < 2) return <p style={{ color: color.subtle }}>Two published versions are needed to compare.</p>;
  const stage = (s?: string) => (s ? (view?.stageNames[s] ?? s) : undefined);
  const select = (which: 'from' | 'to', label: string) => (
    <label>
      {label}{' '}
      <select
        data-testid={`compare-${which}`}
        value={pick[which]}
        onChange={(e) => setPick({ ...pick, [which]: e.target.value })}
        style={{ font: font.body, padding: space.xs }}
      >
        {list.versions.map((v) => (
          <option key={v.id} value={v.id}>
            {v.name}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <Stack gap={space.m}>
      <Row gap={space.m} className="no-print">
        {select('from', 'Earlier')}
        {select('to', 'Later')}
        <fieldset style={{ border: 'none', padding: 0, margin: 0 }}>
          <legend className="sr-only" style={{ position: 'absolute', left: -9999 }}>
            Show as
          </legend>
          {(['list', 'table'] as const).map((m) => (
            <label key={m} style={{ marginRight: space.s }}>
              <input type="radio" name="compare-mode" checked={mode === m} onChange={() => setMode(m)} data-testid={`compare-as-${m}`} /> As
              a {m}
            </label>
          ))}
        </fieldset>
      </Row>
      {!view ? (
        <Spinner label="Comparing" />
      ) : (
        <Stack gap={space.m}>
          <h2 style={{ font: font.headingM, margin: 0 }} data-testid="compare-heading">
            {view.to.name} compared with {view.from.name}: {count(view.diff.changed.length, 'item', 'items')} changed,{' '}
            {view.diff.unchanged.toLocaleString('en-US')} unchanged
          </h2>
          {view.integrity.from === 'modified' || view.integrity.to === 'modified' ? (
            <SectionMessage appearance="error">
              <p>One of these versions is not as it was published (its signature does not match).</p>
            </SectionMessage>
          ) : null}
          {mode === 'list' ? (
            <div data-testid="compare-list">
              {(Object.keys(KIND_TITLES) as ChangeKind[]).map((kind) => {
                const items = view.diff.changed.filter((c) => c.changes.includes(kind));
                return (
                  <section key={kind} data-testid={`compare-${kind}`}>
                    <h3 style={{ font: font.headingS, margin: `${space.s} 0 ${space.xs}` }}>
                      {KIND_TITLES[kind]} ({items.length})
                    </h3>
                    {items.length === 0 ? (
                      <p style={{ color: color.subtle, margin: 0 }}>None.</p>
                    ) : (
                      <ul style={{ margin: 0, paddingLeft: space.l }}>
                        {items.map((c) => (
                          <li key={c.id}>
                            <strong>{c.key}</strong> {c.summary}: {detail(c, kind, stage)}
                          </li>
                        ))}
                      </ul>
                    )}
                  </section>
                );
              })}
            </div>
          ) : (
            <table style={{ borderCollapse: 'collapse', width: '100%', font: font.body }} data-testid="compare-table">
              <thead>
                <tr style={{ color: color.subtle, font: font.headingS }}>
                  <th style={cell}>Key</th>
                  <th style={cell}>Summary</th>
                  <th style={cell}>Changes</th>
                  <th style={cell}>Stage</th>
                  <th style={cell}>Target release</th>
                  <th style={cell}>Rank</th>
                </tr>
              </thead>
              <tbody>
                {view.diff.changed.map((c) => (
                  <tr key={c.id} data-testid={`compare-row-${c.key}`}>
                    <td style={{ ...cell, whiteSpace: 'nowrap' }}>{c.key}</td>
                    <td style={cell}>{c.summary}</td>
                    <td style={cell}>{c.changes.map((k) => KIND_TITLES[k].toLowerCase()).join(', ')}</td>
                    <td style={cell}>{arrow(stage(c.stage.from), stage(c.stage.to))}</td>
                    <td style={cell}>{arrow(c.release.from, c.release.to)}</td>
                    <td style={cell}>{arrow(c.rank.from, c.rank.to)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Stack>
      )}
    </Stack>
  );
}
