// The published LCOO roadmaps: every version with who published it and when, newest first; the
// Roadmap Committee publishes the coming quarter's; anyone opens a version to read or export it.
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { useCallback, useEffect, useState } from 'react';
import type { VersionKind, VersionView, VersionsView } from '../../../../src/contract/roadmap';
import { whileLoading } from '../../../shared/busy';
import * as color from '../../../shared/color';
import * as font from '../../../shared/font';
import * as space from '../../../shared/space';
import { Stack } from '../../../shared/layout';
import { call, problemOf } from '../call';
import { PublishForm } from './publish-form';
import { VersionDetail } from './version-detail';
import { cell } from './version-table';
import { count } from '../../../shared/plural';

export const when = (iso: string) =>
  `${new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })} UTC`;

export function VersionsTab() {
  const [view, setView] = useState<VersionsView>();
  const [error, setError] = useState<string>();
  const [note, setNote] = useState<{ kind: 'success' | 'error'; text: string }>();
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState<VersionView>();

  const load = useCallback(() => whileLoading(call('versions/list', {})).then(setView), []);
  useEffect(() => {
    load().catch((err: unknown) => setError(problemOf(err)));
  }, [load]);

  const openVersion = (id: string) => {
    setBusy(true);
    whileLoading(call('versions/get', { id }))
      .then(setOpen)
      .catch((err: unknown) => setNote({ kind: 'error', text: problemOf(err) }))
      .finally(() => setBusy(false));
  };
  const publish = (input: { quarter: string; kind: VersionKind; event: string }) => {
    setBusy(true);
    whileLoading(call('versions/publish', input))
      .then((v) => {
        setView(v);
        const made = v.versions.find((x) => x.id === v.published);
        setNote({ kind: 'success', text: `Published “${made?.name ?? input.event}” (${made?.itemCount ?? 0} items).` });
      })
      .catch((err: unknown) => setNote({ kind: 'error', text: problemOf(err) }))
      .finally(() => setBusy(false));
  };

  if (error)
    return (
      <SectionMessage appearance="error" title="The published roadmaps could not be loaded">
        <p>{error}</p>
      </SectionMessage>
    );
  if (!view) return <Spinner label="Loading the published roadmaps" />;
  if (open) return <VersionDetail view={open} onBack={() => setOpen(undefined)} />;
  return (
    <Stack gap={space.m}>
      {note ? (
        <SectionMessage appearance={note.kind} testId="versions-note">
          <p>{note.text}</p>
        </SectionMessage>
      ) : null}
      {view.canPublish ? (
        <PublishForm key={view.versions.length} view={view} busy={busy} onPublish={publish} />
      ) : (
        <p style={{ color: color.subtle, margin: 0 }} data-testid="publish-reason">
          {view.reason}
        </p>
      )}
      <h2 style={{ font: font.headingM, margin: 0 }}>Published versions ({view.versions.length})</h2>
      {view.unreadable > 0 ? (
        <p style={{ color: color.warning }}>
          {count(view.unreadable, 'stored version', 'stored versions')} can&apos;t be read by this version of the app.
        </p>
      ) : null}
      {view.versions.length === 0 ? (
        <p style={{ color: color.subtle }}>No version has been published yet.</p>
      ) : (
        <table style={{ borderCollapse: 'collapse', width: '100%', font: font.body }} data-testid="versions-table">
          <thead>
            <tr style={{ color: color.subtle, font: font.headingS }}>
              <th style={cell}>Version</th>
              <th style={cell}>Published by</th>
              <th style={cell}>When</th>
              <th style={cell}>Items</th>
              <th style={cell} className="no-print">
                Details
              </th>
            </tr>
          </thead>
          <tbody>
            {view.versions.map((v) => (
              <tr key={v.id} data-testid="version-entry" data-version-id={v.id}>
                <td style={cell}>{v.name}</td>
                <td style={cell}>{v.publishedBy.displayName ?? v.publishedBy.accountId}</td>
                <td style={cell}>{when(v.publishedAt)}</td>
                <td style={cell}>{v.itemCount}</td>
                <td style={cell} className="no-print">
                  <Button onClick={() => openVersion(v.id)} isDisabled={busy} aria-label={`Open ${v.name}`}>
                    Open
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Stack>
  );
}
