// One row of the checklist: a done/missing mark, the item's name and a one-line summary of the
// answer; the row opens to edit (the answer, what is still needed, a note). Closed rows keep the
// checklist a list to scan rather than a long form to scroll through.
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { token } from '@atlaskit/tokens';
import { useState, type ReactNode } from 'react';
import { LongText } from './controls';
import { Row, Stack } from '../../../shared/layout';
import * as color from '../../../shared/color';
import * as font from '../../../shared/font';
import * as space from '../../../shared/space';
import { Help } from './layout';

/** done: the gate counts it; missing: it does not yet; none: not a checklist item (ownership, delivery strategy). */
export type RowMark = 'done' | 'missing' | 'slipped' | 'none';

const MARK: Record<Exclude<RowMark, 'none'>, { glyph: string; words: string; color: string; lozenge: 'success' | 'default' | 'moved' }> = {
  done: { glyph: '✓', words: 'Complete', color: token('color.icon.success', '#22A06B'), lozenge: 'success' },
  missing: { glyph: '○', words: 'Missing', color: token('color.icon.subtle', '#626F86'), lozenge: 'default' },
  slipped: { glyph: '!', words: 'Slipped', color: token('color.icon.warning', '#E56910'), lozenge: 'moved' },
};

export function ChecklistRow(props: {
  rowId: string;
  title: string;
  help: string;
  summary: string;
  mark: RowMark;
  open: boolean;
  onToggle: () => void;
  /** What the gate still wants, in its words (missing rows). */
  missing?: string;
  slipped?: string;
  /** How many fields of the row have a problem (shown on the closed row). */
  errors?: number;
  note?: { value: string; onChange: (v: string) => void };
  disabled: boolean;
  children: ReactNode;
}) {
  const { rowId, mark, open } = props;
  const bodyId = `${rowId}-body`;
  const m = mark === 'none' ? undefined : MARK[mark];
  return (
    <section
      aria-labelledby={`${rowId}-title`}
      data-testid={`item-${rowId}`}
      data-state={mark}
      style={{ borderBottom: `1px solid ${color.border}` }}
    >
      <button
        type="button"
        id={`${rowId}-title`}
        aria-expanded={open}
        aria-controls={bodyId}
        onClick={props.onToggle}
        data-testid={`item-${rowId}-toggle`}
        style={{
          all: 'unset',
          boxSizing: 'border-box',
          display: 'flex',
          alignItems: 'center',
          gap: space.s,
          width: '100%',
          padding: `${space.s} ${space.xs}`,
          cursor: 'pointer',
          font: font.body,
          color: color.text,
        }}
        className="lcoo-row-toggle"
      >
        <span aria-hidden="true" style={{ width: '16px', textAlign: 'center', color: m?.color ?? color.subtlest, fontWeight: 700 }}>
          {m?.glyph ?? '·'}
        </span>
        <span style={{ flex: '0 0 auto', font: font.headingS }}>{props.title}</span>
        <span
          data-testid={`item-${rowId}-summary`}
          style={{
            flex: '1 1 auto',
            minWidth: 0,
            overflow: 'hidden',
            textOverflow: 'ellipsis',
            whiteSpace: 'nowrap',
            font: font.small,
            color: props.summary ? color.subtle : color.subtlest,
          }}
        >
          {props.summary || 'Not answered'}
        </span>
        {props.errors ? <span style={{ font: font.small, color: color.danger }}>{`${props.errors} to fix`}</span> : null}
        {m ? (
          <span style={{ flex: '0 0 auto' }}>
            <Lozenge appearance={m.lozenge}>{m.words}</Lozenge>
          </span>
        ) : null}
        <span aria-hidden="true" style={{ color: color.subtlest }}>
          {open ? '▾' : '▸'}
        </span>
      </button>
      {open ? (
        <div id={bodyId} style={{ padding: `0 ${space.xs} ${space.m} ${space.xl}` }}>
          <RowBody {...props} />
        </div>
      ) : null}
    </section>
  );
}

function RowBody(props: Parameters<typeof ChecklistRow>[0]) {
  const { rowId, note } = props;
  // The note stays folded until wanted, so an empty text area doesn't bury the answer.
  const [noteOpen, setNoteOpen] = useState(false);
  const showNote = note && (noteOpen || note.value.trim() !== '');
  return (
    <Stack gap={space.s}>
      <Help>{props.help}</Help>
      {props.children}
      {props.mark === 'missing' && props.missing ? (
        <p style={{ margin: 0, font: font.small, color: color.subtle }} data-testid={`item-${rowId}-missing`}>
          {`Still needed: ${props.missing.replace(/^[^:]*:\s*/, '')}`}
        </p>
      ) : null}
      {props.slipped ? (
        <p style={{ margin: 0, font: font.small, color: color.warning }}>{props.slipped.replace(/^[^:]*:\s*/, '')}</p>
      ) : null}
      {!note ? null : showNote ? (
        <LongText
          id={`note-${rowId}`}
          label={`Note on "${props.title.replace(/^\d+\.\s*/, '')}"`}
          value={note.value}
          onChange={note.onChange}
          disabled={props.disabled}
          rows={1}
          autoFocus={noteOpen && note.value === ''}
        />
      ) : props.disabled ? null : (
        <Row>
          <Button
            appearance="subtle"
            spacing="compact"
            onClick={() => setNoteOpen(true)}
            aria-expanded={false}
            testId={`note-${rowId}-open`}
          >
            {`Add a note on "${props.title.replace(/^\d+\.\s*/, '')}"`}
          </Button>
        </Row>
      )}
    </Stack>
  );
}
