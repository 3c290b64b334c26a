// The approvals a gate still ahead can use: who gave which and when (given-approvals.tsx, with
// stale marks and withdrawal), and buttons for the ones this person may give (the server decides
// that from their Jira groups and, for the FST prioritization, the item's FST).
import Button from '@atlaskit/button/new';
import { useState } from 'react';
import type { ApprovalOffer, PanelData } from '../../../../src/contract/panel';
import { SingleSelect, TextInput } from './controls';
import { Stack } from '../../../shared/layout';
import * as space from '../../../shared/space';
import { GivenApprovals, type WithdrawRequest } from './given-approvals';
import { Card, FieldRow, Heading, Help } from './layout';

export type { WithdrawRequest };

export interface ApproveRequest {
  record: 'vetting' | 'delivery';
  role: ApprovalOffer['role'];
  note?: string;
  ref?: string;
}

function OfferForm({
  offer,
  busy,
  blockedBy,
  onApprove,
}: {
  offer: ApprovalOffer;
  busy: boolean;
  blockedBy?: string | undefined;
  onApprove: (r: ApproveRequest) => void;
}) {
  const [note, setNote] = useState('');
  const [ref, setRef] = useState('');
  const id = `approve-${offer.role}`;
  const needsRef = offer.role === 'core-approval' && (offer.refs?.length ?? 0) > 0;
  return (
    <Stack gap={space.xs}>
      <FieldRow align="flex-end">
        {needsRef ? (
          <SingleSelect
            id={`${id}-ref`}
            label="Gerrit change approved"
            options={(offer.refs ?? []).map((r) => ({ value: r, label: `Change ${r}` }))}
            value={ref}
            onChange={setRef}
          />
        ) : null}
        <TextInput id={`${id}-note`} label="Note (optional)" value={note} onChange={setNote} />
        <div style={{ flex: '0 0 auto' }}>
          <Button
            appearance="primary"
            spacing="compact"
            isDisabled={busy || blockedBy !== undefined || (needsRef && ref === '')}
            isLoading={busy}
            testId={`${id}-button`}
            onClick={() =>
              onApprove({ record: offer.record, role: offer.role, ...(note.trim() ? { note: note.trim() } : {}), ...(ref ? { ref } : {}) })
            }
          >
            {`Record: ${offer.label}`}
          </Button>
        </div>
      </FieldRow>
      {blockedBy ? <Help>{blockedBy}</Help> : null}
    </Stack>
  );
}

/** Why no approval can be recorded right now, if so: an approval is for the record as the app saved and signed it. */
function blocked(data: PanelData, dirty: boolean): string | undefined {
  const rec = data.vetting ?? data.delivery;
  const what = data.vetting ? 'checklist' : 'delivery record';
  if (rec?.integrity === 'missing') return `Save the ${what} first: an approval is for a saved record.`;
  if (rec && rec.integrity !== 'valid')
    return `Re-save the ${what} from this panel first: approvals can't be given on a record modified outside the LCOO app.`;
  if (dirty) return 'Save your changes first: an approval is for the record as saved.';
  return undefined;
}

export function ApprovalsSection(props: {
  data: PanelData;
  busy: boolean;
  dirty: boolean;
  onApprove: (r: ApproveRequest) => void;
  onWithdraw: (r: WithdrawRequest) => void;
}) {
  const { given, offered } = props.data.approvals;
  const blockedBy = blocked(props.data, props.dirty);
  // A new revision remounts the forms, so a recorded approval's note and change don't linger.
  const revision = (props.data.vetting ?? props.data.delivery)?.revision ?? 0;
  if (given.length === 0 && offered.length === 0) return null;
  return (
    <Card labelledBy="approvals-title" testId="approvals">
      <Heading id="approvals-title">Approvals</Heading>
      <GivenApprovals
        key={`given-${revision}`}
        data={props.data}
        record={props.data.vetting ? 'vetting' : 'delivery'}
        busy={props.busy}
        onWithdraw={props.onWithdraw}
      />
      {offered.map((offer) => (
        <Stack key={offer.role} gap={space.xs}>
          <Heading level={4}>{`${offer.label} (for ${offer.forStageName})`}</Heading>
          {offer.canGive ? (
            <OfferForm
              key={`${offer.role}-${revision}`}
              offer={offer}
              busy={props.busy}
              blockedBy={blockedBy}
              onApprove={props.onApprove}
            />
          ) : (
            <Help>{offer.reason ?? 'You cannot record this approval.'}</Help>
          )}
        </Stack>
      ))}
    </Card>
  );
}
