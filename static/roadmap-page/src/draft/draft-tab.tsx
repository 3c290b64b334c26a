// The quarter's draft: the Roadmap Items on the roadmap (Prioritized, Development Ready) with
// their stage, target release, FST, type and size, and the member companies that committed.
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { useEffect, useState } from 'react';
import type { DraftView } from '../../../../src/contract/roadmap';
import { whileLoading } from '../../../shared/busy';
import * as color from '../../../shared/color';
import * as font from '../../../shared/font';
import * as space from '../../../shared/space';
import { Stack } from '../../../shared/layout';
import { call, problemOf } from '../call';
import { DraftTable } from './draft-table';

export function DraftTab() {
  const [view, setView] = useState<DraftView>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    whileLoading(call('draft/load', {}))
      .then(setView)
      .catch((err: unknown) => setError(problemOf(err)));
  }, []);
  if (error)
    return (
      <SectionMessage appearance="error" title="The draft could not be loaded">
        <p>{error}</p>
      </SectionMessage>
    );
  if (!view) return <Spinner label="Loading the draft" />;
  return (
    <Stack gap={space.m}>
      <h2 style={{ font: font.headingM, margin: 0 }} data-testid="draft-heading">
        Draft for {view.quarter.label}: {view.items.length} item(s) on the roadmap
      </h2>
      {view.source === 'search' ? (
        <SectionMessage appearance="information">
          <p>The portfolio index is not built yet, so this list was searched in Jira. An administrator builds it on the LCOO admin page.</p>
        </SectionMessage>
      ) : null}
      {view.hidden > 0 ? (
        <p style={{ color: color.subtle, margin: 0 }}>{view.hidden} item(s) have an issue security level that does not include you.</p>
      ) : null}
      <DraftTable items={view.items} />
    </Stack>
  );
}
