// Publishing the coming quarter's version (Roadmap Committee only): the kind and event, the name
// they make, then a confirmation, since a published version is never changed.
import Button from '@atlaskit/button/new';
import { useState } from 'react';
import type { VersionKind, VersionsView } from '../../../../src/contract/roadmap';
import * as color from '../../../shared/color';
import * as font from '../../../shared/font';
import * as space from '../../../shared/space';
import { Row, Stack } from '../../../shared/layout';

const KIND_LABELS: Record<VersionKind, string> = { new: 'new roadmap', refresh: 'refresh' };
const quarterLabel = (q: string) => q.replace('-', ' ');

export function PublishForm({
  view,
  busy,
  onPublish,
}: {
  view: VersionsView;
  busy: boolean;
  onPublish: (input: { quarter: string; kind: VersionKind; event: string }) => void;
}) {
  const [kind, setKind] = useState<VersionKind>(view.proposal.kind);
  const [event, setEvent] = useState(view.proposal.event);
  const [confirming, setConfirming] = useState(false);
  const name = `${quarterLabel(view.proposal.quarter)}, ${KIND_LABELS[kind]}, ${event.trim()}`;
  return (
    <section
      aria-labelledby="publish-h"
      style={{ border: `1px solid ${color.border}`, borderRadius: 8, padding: space.l }}
      className="no-print"
    >
      <Stack gap={space.s}>
        <h3 id="publish-h" style={{ font: font.headingS, margin: 0 }}>
          Publish {quarterLabel(view.proposal.quarter)}
        </h3>
        <Row gap={space.m}>
          <label>
            Kind{' '}
            <select value={kind} onChange={(e) => setKind(e.target.value as VersionKind)} data-testid="publish-kind" disabled={busy}>
              <option value="new">New roadmap (PTG)</option>
              <option value="refresh">Refresh (Forum / Summit)</option>
            </select>
          </label>
          <label>
            Event{' '}
            <input value={event} maxLength={80} onChange={(e) => setEvent(e.target.value)} data-testid="publish-event" disabled={busy} />
          </label>
        </Row>
        <p style={{ margin: 0 }}>
          Will be published as <strong data-testid="publish-name">{name}</strong>: the draft as it is now, in the Roadmap Committee&apos;s
          order. A published version is never changed.
        </p>
        <Row gap={space.s}>
          {confirming ? (
            <>
              <Button
                appearance="primary"
                isDisabled={busy || event.trim() === ''}
                onClick={() => onPublish({ quarter: view.proposal.quarter, kind, event })}
                testId="publish-confirm"
              >
                Publish it now
              </Button>
              <Button onClick={() => setConfirming(false)} isDisabled={busy}>
                Cancel
              </Button>
            </>
          ) : (
            <Button
              appearance="primary"
              isDisabled={busy || event.trim() === ''}
              onClick={() => setConfirming(true)}
              testId="publish-start"
            >
              Publish…
            </Button>
          )}
        </Row>
      </Stack>
    </section>
  );
}
