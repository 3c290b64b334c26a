// One of the 12 vetting points: number, label, whether it is complete (as of the last save),
// what is missing, the input it deserves, and a note.
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { useState, type ReactNode } from 'react';
import type { ChecklistStatus } from '../../../../src/contract/domain-types';
import { LongText } from './controls';
import { Row } from '../../../shared/layout';
import * as color from '../../../shared/color';
import * as font from '../../../shared/font';
import * as space from '../../../shared/space';
import { Card, Heading, Help } from './layout';

type ItemStatus = ChecklistStatus['items'][number];

export function ChecklistItemCard(props: {
  item: { id: string; number: number; label: string; help: string };
  status: ItemStatus | undefined;
  trusted: boolean;
  note: string;
  onNote: (v: string) => void;
  disabled: boolean;
  children: ReactNode;
}) {
  const { item, status } = props;
  const headingId = `item-${item.id}-title`;
  const complete = status?.complete === true && props.trusted;
  // The note stays folded until wanted, so twelve empty text areas don't bury the answers.
  const [noteOpen, setNoteOpen] = useState(props.note.trim() !== '');
  const showNote = noteOpen || props.note.trim() !== '';
  return (
    <Card labelledBy={headingId} tone={complete ? 'success' : 'neutral'} testId={`item-${item.id}`}>
      <Row gap={space.s} wrap={false} style={{ justifyContent: 'space-between' }}>
        <Heading id={headingId} level={3}>{`${item.number}. ${item.label}`}</Heading>
        <Row gap={space.xs} wrap={false}>
          {complete && status?.slipped ? <Lozenge appearance="moved">Slipped</Lozenge> : null}
          <Lozenge appearance={complete ? 'success' : 'default'}>{complete ? 'Complete' : 'Open'}</Lozenge>
        </Row>
      </Row>
      <Help>{item.help}</Help>
      {props.children}
      {status && !status.complete && status.missing ? (
        <p style={{ margin: 0, font: font.small, color: color.subtle }} data-testid={`item-${item.id}-missing`}>
          {`Still needed: ${status.missing.replace(/^[^:]*:\s*/, '')}`}
        </p>
      ) : null}
      {status?.complete && status.slipped ? (
        <p style={{ margin: 0, font: font.small, color: color.warning }}>{status.slipped.replace(/^[^:]*:\s*/, '')}</p>
      ) : null}
      {showNote ? (
        <LongText
          id={`note-${item.id}`}
          label={`Note on "${item.label}"`}
          value={props.note}
          onChange={props.onNote}
          disabled={props.disabled}
          rows={1}
          autoFocus={noteOpen && props.note === ''}
        />
      ) : props.disabled ? null : (
        <div>
          <Button
            appearance="subtle"
            spacing="compact"
            onClick={() => setNoteOpen(true)}
            aria-expanded={false}
            testId={`note-${item.id}-open`}
          >
            {`Add a note on "${item.label}"`}
          </Button>
        </div>
      )}
    </Card>
  );
}
