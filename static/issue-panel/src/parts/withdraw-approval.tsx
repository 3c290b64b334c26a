// Taking an approval back: the reason is asked first (the history keeps it for the committee),
// then the withdrawal is sent. A separate part, so it moves with the approval it belongs to.
import Button from '@atlaskit/button/new';
import { useState } from 'react';
import { Row, Stack } from '../../../shared/layout';
import * as space from '../../../shared/space';
import { LongText } from './controls';

export function WithdrawApproval(props: { id: string; label: string; busy: boolean; onWithdraw: (reason: string) => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  if (!open) {
    return (
      <Button appearance="subtle" spacing="compact" onClick={() => setOpen(true)} testId={`${props.id}-withdraw`} isDisabled={props.busy}>
        Withdraw
      </Button>
    );
  }
  return (
    <Stack gap={space.xs}>
      <LongText
        id={`${props.id}-reason`}
        label={`Why is "${props.label}" withdrawn?`}
        value={reason}
        onChange={setReason}
        rows={2}
        autoFocus
      />
      <Row gap={space.xs}>
        <Button
          appearance="warning"
          spacing="compact"
          isDisabled={props.busy || reason.trim() === ''}
          isLoading={props.busy}
          testId={`${props.id}-withdraw-confirm`}
          onClick={() => props.onWithdraw(reason.trim())}
        >
          Withdraw the approval
        </Button>
        <Button appearance="subtle" spacing="compact" onClick={() => setOpen(false)} isDisabled={props.busy}>
          Cancel
        </Button>
      </Row>
    </Stack>
  );
}
