// A deliverable's weekly updates: the latest shown, the older ones read when asked for, and a
// form to add one (the server decides who may: people Jira lets edit the deliverable; it
// stamps the author and the time, and answers a refused field with an error on that field).
import Button from '@atlaskit/button/new';
import TextArea from '@atlaskit/textarea';
import { useState } from 'react';
import type { TrackerNote, TrackerRowView } from '../../../../src/contract/scope-tracker';
import { FieldError, Label } from '../../../shared/field';
import { Row, Stack } from '../../../shared/layout';
import * as color from '../../../shared/color';
import * as font from '../../../shared/font';
import * as space from '../../../shared/space';
import { call, isCallError, problemOf } from '../call';
import { weekChoices, writtenAt } from './format';

const NOTE_MAX = 2000;

function Note({ note }: { note: TrackerNote }) {
  return (
    <div>
      <div style={{ font: font.small, color: color.subtle }}>
        Week of {note.week} · {note.authorName ?? 'Someone'} · {writtenAt(note.at)}
      </div>
      <div style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{note.text}</div>
    </div>
  );
}

type Older = { state: 'closed' } | { state: 'loading' } | { state: 'open'; notes: TrackerNote[] } | { state: 'failed'; message: string };

interface Errors {
  text?: string;
  week?: string;
  form?: string;
}

export function WeeklyNotes({ row, today }: { row: TrackerRowView; today: string }) {
  const [latest, setLatest] = useState<TrackerNote | undefined>(row.latestNote);
  const [count, setCount] = useState(row.noteCount);
  const [older, setOlder] = useState<Older>({ state: 'closed' });
  const [adding, setAdding] = useState(false);
  const [text, setText] = useState('');
  const [week, setWeek] = useState(() => weekChoices(today)[0]!.value);
  const [errors, setErrors] = useState<Errors>({});
  const [saving, setSaving] = useState(false);
  const id = `note-${row.key}`;

  const readOlder = () => {
    setOlder({ state: 'loading' });
    call('tracker/notes', { issueKey: row.key })
      .then((v) => {
        setCount(v.count);
        setOlder({ state: 'open', notes: v.notes });
      })
      .catch((err: unknown) => setOlder({ state: 'failed', message: problemOf(err) }));
  };

  const save = () => {
    if (text.trim() === '') {
      setErrors({ text: "The update can't be empty." });
      return;
    }
    setSaving(true);
    setErrors({});
    call('tracker/add-note', { issueKey: row.key, week, text })
      .then((answer) => {
        setLatest(answer.latestNote);
        setCount(answer.noteCount);
        setText('');
        setAdding(false);
        if (older.state === 'open') readOlder();
      })
      .catch((err: unknown) => {
        const fields = isCallError(err) && err.details && 'fieldErrors' in err.details ? err.details.fieldErrors : undefined;
        const next: Errors = {};
        if (fields?.['text']) next.text = fields['text'];
        if (fields?.['week']) next.week = fields['week'];
        if (!next.text && !next.week) next.form = problemOf(err);
        setErrors(next);
      })
      .finally(() => setSaving(false));
  };

  const olderNotes = older.state === 'open' ? older.notes.filter((n) => n.seq !== latest?.seq) : [];
  const expanded = older.state === 'open' || older.state === 'loading';
  return (
    <Stack gap={space.s}>
      {latest ? <Note note={latest} /> : <span style={{ font: font.small, color: color.subtle }}>No update yet</span>}
      {count > 1 ? (
        <div>
          <Button
            appearance="subtle"
            spacing="compact"
            aria-expanded={expanded}
            aria-controls={`${id}-older`}
            onClick={() => (expanded ? setOlder({ state: 'closed' }) : readOlder())}
          >
            {expanded ? 'Hide older updates' : `Show ${count - 1} older ${count - 1 === 1 ? 'update' : 'updates'}`}
          </Button>
        </div>
      ) : null}
      <div id={`${id}-older`}>
        {older.state === 'loading' ? <span style={{ font: font.small, color: color.subtle }}>Reading older updates…</span> : null}
        {older.state === 'failed' ? (
          <div role="alert" style={{ font: font.small, color: color.danger }}>
            {older.message}
          </div>
        ) : null}
        {older.state === 'open' ? (
          <ol aria-label={`Older updates on ${row.key}`} style={{ margin: 0, paddingLeft: space.l }}>
            {olderNotes.map((n) => (
              <li key={n.seq} style={{ marginBottom: space.s }}>
                <Note note={n} />
              </li>
            ))}
          </ol>
        ) : null}
      </div>
      {adding ? (
        <form
          aria-label={`Add a weekly update to ${row.key}`}
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <Stack gap={space.xs}>
            <Label htmlFor={`${id}-week`}>Week</Label>
            <select
              id={`${id}-week`}
              value={week}
              onChange={(e) => setWeek(e.target.value)}
              aria-invalid={errors.week ? true : undefined}
              aria-describedby={errors.week ? `${id}-week-error` : undefined}
              style={{
                font: font.body,
                padding: space.xs,
                color: color.text,
                background: color.surface,
                border: `1px solid ${color.border}`,
                borderRadius: 3,
              }}
            >
              {weekChoices(today).map((w) => (
                <option key={w.value} value={w.value}>
                  {w.label}
                </option>
              ))}
            </select>
            <FieldError id={`${id}-week`} message={errors.week} />
            <Label htmlFor={`${id}-text`}>Update</Label>
            <TextArea
              id={`${id}-text`}
              value={text}
              minimumRows={3}
              maxHeight="240px"
              isInvalid={errors.text !== undefined}
              aria-describedby={errors.text ? `${id}-text-error` : undefined}
              onChange={(e) => setText(e.currentTarget.value)}
            />
            <span style={{ font: font.small, color: text.length > NOTE_MAX ? color.danger : color.subtlest }}>
              {text.length.toLocaleString()} of {NOTE_MAX.toLocaleString()} characters
            </span>
            <FieldError id={`${id}-text`} message={errors.text} />
            {errors.form ? (
              <div role="alert" style={{ font: font.small, color: color.danger }}>
                {errors.form}
              </div>
            ) : null}
            <Row gap={space.s}>
              <Button type="submit" appearance="primary" isLoading={saving}>
                Save update
              </Button>
              <Button
                onClick={() => {
                  setAdding(false);
                  setErrors({});
                }}
              >
                Cancel
              </Button>
            </Row>
          </Stack>
        </form>
      ) : (
        <div>
          <Button spacing="compact" onClick={() => setAdding(true)}>
            Add update
          </Button>
        </div>
      )}
    </Stack>
  );
}
