// "To move to Prioritized this still needs: ..." from the same gate engine the workflow
// validator runs, so the panel never promises a transition Jira will refuse. While the person
// edits, the box shows the same engine's answer for their draft (src/contract/live-gate.ts).
import Lozenge from '@atlaskit/lozenge';
import type { ReadinessView } from '../../../../src/contract/panel';
import { Row } from '../../../shared/layout';
import * as color from '../../../shared/color';
import * as font from '../../../shared/font';
import * as space from '../../../shared/space';
import { Card, Heading, Help } from './layout';

/** saved: the record as saved; live: the draft as typed, checked here; invalid: the draft has fields a save would refuse; stale: unsaved changes not checked yet. */
export type ReadinessMode = 'saved' | 'live' | 'invalid' | 'stale';

export function ReadinessBox({ next, mode }: { next: ReadinessView | undefined; mode: ReadinessMode }) {
  if (!next) return null;
  return (
    <Card labelledBy="readiness-title" tone={next.pass ? 'success' : 'neutral'} testId="readiness">
      <Row style={{ justifyContent: 'space-between' }}>
        <Heading id="readiness-title">{`Readiness for ${next.targetName}`}</Heading>
        <Lozenge appearance={next.pass ? 'success' : 'moved'}>{next.pass ? 'Ready' : 'Not ready'}</Lozenge>
      </Row>
      <Help>{`Gate: ${next.gate}`}</Help>
      {next.pass ? (
        <p
          style={{ margin: 0, font: font.body, color: color.text }}
        >{`Everything the gate checks is in place: this item can move to ${next.targetName}.`}</p>
      ) : (
        <>
          <p style={{ margin: 0, font: font.body, color: color.text }}>{`To move to ${next.targetName} this still needs:`}</p>
          <ul style={{ margin: 0, paddingLeft: space.l, font: font.body, color: color.text }} data-testid="readiness-missing">
            {next.missing.map((m) => (
              <li key={m.requirement}>{m.message}</li>
            ))}
          </ul>
        </>
      )}
      {mode === 'live' ? (
        <p style={{ margin: 0, font: font.small, color: color.warning }} data-testid="readiness-live">
          With your unsaved changes. Jira checks the saved record when the item moves: save before you move it.
        </p>
      ) : null}
      {mode === 'invalid' ? (
        <p style={{ margin: 0, font: font.small, color: color.warning }} data-testid="readiness-invalid">
          As of the last save: fix the fields marked below to see what your changes make of it.
        </p>
      ) : null}
      {mode === 'stale' ? <Help>As of the last save: save your changes to check them.</Help> : null}
    </Card>
  );
}
