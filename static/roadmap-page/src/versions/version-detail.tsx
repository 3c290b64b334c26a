// One published version: its name, who published it and when, whether it is as signed, its items.
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import { useState } from 'react';
import type { VersionView } from '../../../../src/contract/roadmap';
import * as color from '../../../shared/color';
import * as font from '../../../shared/font';
import * as space from '../../../shared/space';
import { Row, Stack } from '../../../shared/layout';
import { VersionTable } from './version-table';
import { call, problemOf } from '../call';
import { download } from './download';
import { count } from '../../../shared/plural';

const when = (iso: string) => `${new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })} UTC`;

export function VersionDetail({ view, onBack }: { view: VersionView; onBack: () => void }) {
  const v = view.version;
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const exportAs = (format: 'markdown' | 'csv') => {
    setBusy(true);
    setProblem(undefined);
    call('versions/export', { id: v.id, format })
      .then((f) => download(f.fileName, f.mimeType, f.content))
      .catch((err: unknown) => setProblem(problemOf(err)))
      .finally(() => setBusy(false));
  };
  return (
    <Stack gap={space.m}>
      <Row gap={space.s} className="no-print">
        <Button onClick={onBack}>Back to the versions</Button>
        <Button onClick={() => exportAs('markdown')} isDisabled={busy} testId="export-markdown">
          Download Markdown
        </Button>
        <Button onClick={() => exportAs('csv')} isDisabled={busy} testId="export-csv">
          Download CSV
        </Button>
        <Button onClick={() => window.print()} testId="export-print">
          Print or save as PDF
        </Button>
      </Row>
      {problem ? (
        <SectionMessage appearance="error">
          <p>{problem}</p>
        </SectionMessage>
      ) : null}
      <div>
        <h2 style={{ font: font.headingL, margin: 0 }} data-testid="version-name">
          LCOO roadmap {v.name}
        </h2>
        <p style={{ color: color.subtle, margin: `${space.xs} 0 0` }}>
          Published by {v.publishedBy.displayName ?? v.publishedBy.accountId} on {when(v.publishedAt)}:{' '}
          {count(v.itemCount, 'item', 'items')}.
        </p>
      </div>
      {view.integrity === 'modified' ? (
        <SectionMessage appearance="error" title="This version is not as it was published" testId="version-modified">
          <p>
            Its stored content does not match the signature the app made when it was published. Do not hand it on; tell your Jira
            administrator.
          </p>
        </SectionMessage>
      ) : null}
      <VersionTable items={view.items} stageNames={view.stageNames} />
    </Stack>
  );
}
