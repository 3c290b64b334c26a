// The Roadmap Committee's decisions on the draft's items: in the table, each item's latest target
// release and delivery strategy with who and when (the earlier ones on demand); for committee
// members, a small form to record one (item, release or strategy + note), each refusal shown
// beside its field. Who and when are set by the resolver, never sent from here.
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import { useState } from 'react';
import type { DraftItem, DraftView } from '../../../../src/contract/roadmap';
import { whileLoading } from '../../../shared/busy';
import * as color from '../../../shared/color';
import * as font from '../../../shared/font';
import * as space from '../../../shared/space';
import { Row, Stack } from '../../../shared/layout';
import { call, isCallError } from '../call';
import { stampText } from './ranking-notes';

type Decision = DraftItem['decisions'][number];

const latestOf = (list: Decision[]) => {
  const out: Decision[] = [];
  for (const kind of ['target-release', 'delivery-strategy'] as const) {
    const d = list.find((x) => x.kind === kind);
    if (d) out.push(d);
  }
  return out;
};

/** One table cell: the latest decision of each kind, the earlier ones in a <details>. */
export function DecisionsCell({ item }: { item: DraftItem }) {
  if (item.decisions.length === 0) return <span style={{ color: color.subtle }}>—</span>;
  const latest = latestOf(item.decisions);
  const earlier = item.decisions.filter((d) => !latest.includes(d));
  return (
    <div data-testid={`decisions-${item.key}`}>
      {latest.map((d) => (
        <div key={d.at + d.kind} data-testid="decision-latest">
          {d.label}
          <div style={{ color: color.subtle, font: font.small }}>by {stampText(d)}</div>
        </div>
      ))}
      {earlier.length > 0 ? (
        <details>
          <summary style={{ font: font.small }}>{earlier.length} earlier</summary>
          {earlier.map((d) => (
            <div key={d.at + d.kind} style={{ font: font.small, color: color.subtle }}>
              {d.label}, by {stampText(d)}
            </div>
          ))}
        </details>
      ) : null}
    </div>
  );
}

const fieldStyle = { font: font.body, padding: space.xs };
const errorStyle = { color: color.danger, font: font.small };

export function DecisionForm({ view, onRecorded }: { view: DraftView; onRecorded: (v: DraftView, what: string) => void }) {
  const [itemId, setItemId] = useState(view.items[0]?.id ?? '');
  const [kind, setKind] = useState<'target-release' | 'delivery-strategy'>('target-release');
  const [releaseId, setReleaseId] = useState(view.decisions.releases[0]?.id ?? '');
  const [strategy, setStrategy] = useState(view.decisions.strategies[0]?.id ?? '');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string>();
  const [busy, setBusy] = useState(false);
  if (!view.decisions.canDecide || view.items.length === 0) return null;

  const record = async () => {
    setBusy(true);
    setErrors({});
    setMessage(undefined);
    const decision =
      kind === 'target-release' ? { kind, releaseId } : { kind, strategy: strategy as 'upstream-first', ...(note.trim() ? { note } : {}) };
    try {
      const v = await whileLoading(
        call('decisions/record', { quarter: view.quarter.id, itemId, decision, revision: view.decisions.revision }),
      );
      const key = view.items.find((i) => i.id === itemId)?.key ?? itemId;
      setNote('');
      onRecorded(v, `The decision on ${key} is recorded.`);
    } catch (e) {
      const details = isCallError(e) ? e.details : undefined;
      if (details && 'fieldErrors' in details) {
        // Each problem is shown beside its field; the banner only says so (not the wire paths).
        setErrors(details.fieldErrors);
        setMessage('Not recorded: a field needs a change; it says why.');
      } else setMessage(isCallError(e) ? e.message : 'The decision could not be recorded. Try again.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <details className="no-print" data-testid="decision-form">
      <summary style={{ font: font.headingS, cursor: 'pointer' }}>Record a committee decision</summary>
      <Stack gap={space.s}>
        <Row gap={space.s}>
          <label>
            Roadmap Item{' '}
            <select data-testid="decision-item" value={itemId} onChange={(e) => setItemId(e.target.value)} style={fieldStyle}>
              {view.items.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.key}: {i.summary.slice(0, 60)}
                </option>
              ))}
            </select>
          </label>
          <label>
            Decision{' '}
            <select data-testid="decision-kind" value={kind} onChange={(e) => setKind(e.target.value as typeof kind)} style={fieldStyle}>
              <option value="target-release">Target release</option>
              <option value="delivery-strategy">Delivery strategy</option>
            </select>
          </label>
        </Row>
        {errors['itemId'] ? <span style={errorStyle}>{errors['itemId']}</span> : null}
        {kind === 'target-release' ? (
          <label>
            Release{' '}
            <select data-testid="decision-release" value={releaseId} onChange={(e) => setReleaseId(e.target.value)} style={fieldStyle}>
              {view.decisions.releases.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.label}
                </option>
              ))}
            </select>
            {errors['decision.releaseId'] ? (
              <div style={errorStyle} data-testid="decision-error">
                {errors['decision.releaseId']}
              </div>
            ) : null}
          </label>
        ) : (
          <Stack gap={space.xs}>
            <label>
              Strategy{' '}
              <select data-testid="decision-strategy" value={strategy} onChange={(e) => setStrategy(e.target.value)} style={fieldStyle}>
                {view.decisions.strategies.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.label}
                  </option>
                ))}
              </select>
            </label>
            {errors['decision.strategy'] ? (
              <div style={errorStyle} data-testid="decision-error">
                {errors['decision.strategy']}
              </div>
            ) : null}
            <label>
              Note (optional, at most 500 characters)
              <textarea
                data-testid="decision-note"
                value={note}
                onChange={(e) => setNote(e.target.value)}
                rows={2}
                style={{ ...fieldStyle, display: 'block', width: '100%' }}
              />
            </label>
            {errors['decision.note'] ? (
              <div style={errorStyle} data-testid="decision-error">
                {errors['decision.note']}
              </div>
            ) : null}
          </Stack>
        )}
        <Row gap={space.s}>
          <Button appearance="primary" isDisabled={busy || !itemId} onClick={() => void record()} testId="decision-record">
            Record decision
          </Button>
          <span style={{ color: color.subtle, font: font.small }}>Recorded with your name and the time it is saved.</span>
        </Row>
        {message ? (
          <SectionMessage appearance="error" testId="decision-message">
            <p>{message}</p>
          </SectionMessage>
        ) : null}
      </Stack>
    </details>
  );
}
