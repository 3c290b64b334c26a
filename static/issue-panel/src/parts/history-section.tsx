// The item's LCOO history: every save, approval, withdrawal and restore, newest first, with who,
// when and what changed field by field, a page at a time. Loaded when the person opens it (it is
// not part of panel/load), and again after each write while open. A separate part, so it moves
// easily with the panel's layout.
import Button from '@atlaskit/button/new';
import { useCallback, useEffect, useState } from 'react';
import type { HistoryPage } from '../../../../src/contract/panel';
import { CallError } from '../../../shared/invoke';
import { Row, Stack } from '../../../shared/layout';
import * as color from '../../../shared/color';
import * as font from '../../../shared/font';
import * as space from '../../../shared/space';
import { call } from '../call';
import { savedLabel } from '../draft';
import { Card, Heading, Help } from './layout';

type Entry = HistoryPage['entries'][number];

const ACTION: Record<Entry['action'], string> = {
  save: 'saved',
  approve: 'recorded an approval',
  withdraw: 'withdrew an approval',
  restore: 'restored the last version saved in the app',
  refresh: 'refreshed the evidence from Gerrit',
};

function EntryView({ e, roleLabel }: { e: Entry; roleLabel: (r: string) => string }) {
  const who = e.byName ?? e.by;
  return (
    <li data-testid={`history-${e.revision}`} style={{ paddingBottom: space.s }}>
      <div style={{ font: font.body, color: color.text }}>
        <strong>{who}</strong>
        {` ${ACTION[e.action]}`}
        {e.role ? `: ${roleLabel(e.role)}${e.ref ? ` (change ${e.ref})` : ''}` : ''}
        <span style={{ color: color.subtlest }}>{` · ${savedLabel(e.at) ?? e.at} · revision ${e.revision}`}</span>
      </div>
      {e.reason ? <Help>{`Reason: ${e.reason}${e.note ? ` (${e.note})` : ''}`}</Help> : e.note ? <Help>{`Note: ${e.note}`}</Help> : null}
      {e.restored ? (
        <Help>{`Put back revision ${e.restored.revision}, saved by ${e.restored.updatedByName ?? e.restored.updatedBy} on ${
          savedLabel(e.restored.updatedAt) ?? e.restored.updatedAt
        }; the issue held ${
          e.restored.replaced === 'missing'
            ? 'no record'
            : e.restored.replaced === 'unreadable'
              ? 'an unreadable value'
              : 'a record changed outside the app'
        }.`}</Help>
      ) : null}
      {e.changes.length > 0 ? (
        <ul style={{ margin: `${space.xs} 0 0`, paddingLeft: space.l, font: font.small, color: color.subtle }}>
          {e.changes.map((c) => (
            <li key={c.field}>
              <span style={{ color: color.text }}>{c.label}</span>
              {': '}
              {c.before !== undefined ? <del>{c.before}</del> : <em>(none)</em>}
              {' → '}
              {c.after !== undefined ? <ins style={{ textDecoration: 'none' }}>{c.after}</ins> : <em>(removed)</em>}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

export function HistorySection(props: { record: 'vetting' | 'delivery'; revision: number | null; roleLabel: (r: string) => string }) {
  const [open, setOpen] = useState(false);
  const [entries, setEntries] = useState<Entry[]>([]);
  const [next, setNext] = useState<number | undefined>();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string>();

  const fetchPage = useCallback(
    async (before?: number) => {
      setLoading(true);
      setError(undefined);
      try {
        const page = await call('history/list', { record: props.record, ...(before ? { before } : {}) });
        setEntries((old) => (before ? [...old, ...page.entries] : page.entries));
        setNext(page.nextBefore);
      } catch (err) {
        setError(err instanceof CallError ? err.message : 'The history could not be loaded. Try again.');
      } finally {
        setLoading(false);
      }
    },
    [props.record],
  );

  // Open: the newest page, and again whenever a write made a new revision.
  useEffect(() => {
    if (open) void fetchPage();
  }, [open, props.revision, fetchPage]);

  return (
    <Card labelledBy="history-title" testId="history">
      <Row style={{ justifyContent: 'space-between' }}>
        <Heading id="history-title">LCOO history</Heading>
        <Button appearance="subtle" spacing="compact" onClick={() => setOpen(!open)} testId="history-toggle" aria-expanded={open}>
          {open ? 'Hide' : 'Show'}
        </Button>
      </Row>
      {open ? (
        <Stack gap={space.s}>
          {error ? <Help>{error}</Help> : null}
          {entries.length === 0 && !loading && !error ? <Help>Nothing has been saved from the LCOO panel yet.</Help> : null}
          {entries.length > 0 ? (
            <ol style={{ margin: 0, paddingLeft: space.l }} data-testid="history-entries" aria-busy={loading}>
              {entries.map((e) => (
                <EntryView key={e.revision} e={e} roleLabel={props.roleLabel} />
              ))}
            </ol>
          ) : null}
          {next !== undefined ? (
            <div>
              <Button spacing="compact" onClick={() => void fetchPage(next)} isLoading={loading} testId="history-older">
                Show older
              </Button>
            </div>
          ) : null}
        </Stack>
      ) : null}
    </Card>
  );
}
