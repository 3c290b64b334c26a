// A Roadmap Item's Upstream Deliverables: the delivery progress rolled up from their stages
// (delivered of total, a bar per stage, the one furthest behind, the slipped ones) and one row
// per deliverable with its stage. Loaded with its own call (deliverables/list) after the panel,
// so the checklist never waits for it; again after each save of the item.
import { token } from '@atlaskit/tokens';
import { useEffect, useState } from 'react';
import type { ItemDeliverablesView } from '../../../../src/contract/item-deliverables';
import { CallError } from '../../../shared/invoke';
import { Stack } from '../../../shared/layout';
import * as color from '../../../shared/color';
import * as font from '../../../shared/font';
import * as space from '../../../shared/space';
import { call } from '../call';
import { Card, Heading, Help } from './layout';

const cell = { padding: `${space.xs} ${space.s}`, textAlign: 'left' as const, verticalAlign: 'top' as const };
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function ProgressBar({ p }: { p: ItemDeliverablesView['progress'] }) {
  if (p.total === 0) return null;
  const pct = Math.round((p.delivered / p.total) * 100);
  return (
    <div>
      <div
        role="progressbar"
        aria-label="Deliverables delivered"
        aria-valuemin={0}
        aria-valuemax={p.total}
        aria-valuenow={p.delivered}
        aria-valuetext={`${p.delivered} of ${p.total} delivered`}
        data-testid="delivery-progress-bar"
        style={{ height: 8, borderRadius: 4, background: color.sunken, border: `1px solid ${color.border}`, overflow: 'hidden' }}
      >
        <div style={{ width: `${pct}%`, height: '100%', background: token('color.background.success.bold', '#1F845A') }} />
      </div>
      <ul style={{ display: 'flex', flexWrap: 'wrap', gap: space.s, listStyle: 'none', margin: `${space.xs} 0 0`, padding: 0 }}>
        {p.byStage
          .filter((s) => s.count > 0)
          .map((s) => (
            <li key={s.stage} style={{ font: font.small, color: color.subtle }} data-testid={`stage-count-${s.stage}`}>
              {`${s.stageName}: ${s.count}`}
            </li>
          ))}
      </ul>
    </div>
  );
}

export function ItemDeliverables({ revision }: { revision: number | null }) {
  const [view, setView] = useState<ItemDeliverablesView>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let live = true;
    call('deliverables/list', {})
      .then((v) => {
        if (!live) return;
        setView(v);
        setError(undefined);
      })
      .catch((err: unknown) => {
        if (live) setError(err instanceof CallError ? err.message : 'The deliverables could not be loaded. Reload the issue to try again.');
      });
    return () => {
      live = false;
    };
  }, [revision]);

  return (
    <Card labelledBy="deliverables-title" testId="item-deliverables">
      <Heading id="deliverables-title">Upstream Deliverables</Heading>
      {error ? <Help>{error}</Help> : null}
      {!view && !error ? <Help>Loading the deliverables…</Help> : null}
      {view ? (
        <Stack gap={space.s}>
          {view.reason ? <Help>{view.reason}</Help> : null}
          <p style={{ margin: 0, font: font.body, color: color.text }} data-testid="delivery-progress">
            {view.progress.sentence}
          </p>
          <ProgressBar p={view.progress} />
          {view.deliverables.length > 0 ? (
            <table
              style={{ borderCollapse: 'collapse', width: '100%', font: font.small, color: color.text }}
              data-testid="deliverables-table"
            >
              <thead>
                <tr style={{ color: color.subtle, borderBottom: `1px solid ${color.border}` }}>
                  <th style={cell} scope="col">
                    Key
                  </th>
                  <th style={cell} scope="col">
                    Summary
                  </th>
                  <th style={cell} scope="col">
                    Stage
                  </th>
                </tr>
              </thead>
              <tbody>
                {view.deliverables.map((d) => (
                  <tr key={d.key} data-testid={`deliverable-${d.key}`} style={{ borderBottom: `1px solid ${color.border}` }}>
                    <td style={{ ...cell, whiteSpace: 'nowrap' }}>{d.key}</td>
                    <td style={cell}>
                      {d.summary}
                      {!d.linked ? (
                        <div style={{ color: color.subtlest }} data-testid="deliverable-unlinked">
                          Its record names this item but Jira has no link yet; saving the deliverable adds it.
                        </div>
                      ) : null}
                    </td>
                    <td style={cell}>
                      {d.stageName}
                      {d.key === view.progress.furthestBehindKey && view.deliverables.length > 1 ? (
                        <div style={{ color: color.subtle }}>Furthest behind</div>
                      ) : null}
                      {d.slipped ? (
                        <div style={{ color: color.danger, fontWeight: 600 }} data-testid="deliverable-slipped">
                          Slipped: its release has shipped
                        </div>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {view.hidden > 0 ? (
            <Help>{`${plural(view.hidden, 'more deliverable is', 'more deliverables are')} in a project or at a security level you can't see in Jira.`}</Help>
          ) : null}
          {view.linkedOnly.length > 0 ? (
            <Stack gap={space.xs}>
              <Heading level={4}>Linked in Jira but not counted</Heading>
              <ul style={{ margin: 0, paddingLeft: space.l, font: font.small, color: color.text }} data-testid="linked-only">
                {view.linkedOnly.map((l) => (
                  <li key={l.key} data-testid={`linked-only-${l.key}`}>
                    <strong>{l.key}</strong>
                    {l.summary ? ` ${l.summary}` : ''}
                    <div style={{ color: color.subtle }}>{l.note}</div>
                  </li>
                ))}
              </ul>
            </Stack>
          ) : null}
        </Stack>
      ) : null}
    </Card>
  );
}
