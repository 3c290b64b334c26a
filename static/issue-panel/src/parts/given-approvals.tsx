// The approvals given on the record: who gave which and when, whether each is for the content
// as it is now (or for an earlier version, with what changed since) and, for whoever may give
// it, a way to withdraw it with a reason. A separate part, so the panel's layout can move it.
import Lozenge from '@atlaskit/lozenge';
import type { GivenApproval, PanelData } from '../../../../src/contract/panel';
import { savedLabel } from '../draft';
import { Stack } from '../../../shared/layout';
import * as color from '../../../shared/color';
import * as font from '../../../shared/font';
import * as space from '../../../shared/space';
import { Help } from './layout';
import { WithdrawApproval } from './withdraw-approval';

export interface WithdrawRequest {
  record: 'vetting' | 'delivery';
  role: GivenApproval['role'];
  accountId: string;
  ref?: string;
  reason: string;
}

const idOf = (a: GivenApproval) => `given-${a.role}-${a.accountId.replace(/[^a-zA-Z0-9]/g, '')}${a.ref ? `-${a.ref}` : ''}`;

function StaleMark({ a }: { a: GivenApproval }) {
  if (a.state !== 'stale') return null;
  return (
    <Stack gap={space.xs}>
      <span>
        <Lozenge appearance={a.counts ? 'moved' : 'removed'}>Given for an earlier version</Lozenge>
      </span>
      <Help>
        {`Changed since: ${(a.changed ?? []).join(', ')}. `}
        {a.counts
          ? 'The LCOO settings let this kind of approval count for an earlier version.'
          : 'It no longer counts for the gate: it must be given again.'}
      </Help>
    </Stack>
  );
}

export function GivenApprovals(props: {
  data: PanelData;
  record: 'vetting' | 'delivery';
  busy: boolean;
  onWithdraw: (r: WithdrawRequest) => void;
}) {
  const { given } = props.data.approvals;
  const labels = new Map(props.data.options.vocabulary.approvalRoles.map((r) => [r.value, r.label]));
  if (given.length === 0) return <Help>No approvals recorded yet.</Help>;
  return (
    <ul style={{ margin: 0, paddingLeft: space.l, font: font.body, color: color.text }} data-testid="approvals-given">
      {given.map((a) => {
        const label = labels.get(a.role) ?? a.role;
        return (
          <li key={idOf(a)} data-testid={idOf(a)} data-state={a.state}>
            <Stack gap={space.xs}>
              <span>
                <strong>{label}</strong>
                {a.ref ? ` (change ${a.ref})` : ''}
                {`: ${a.displayName || a.accountId}, ${savedLabel(a.at) ?? a.at}`}
                {a.approved ? <span style={{ color: color.subtle }}>{` (on revision ${a.approved.revision})`}</span> : null}
                {a.note ? <span style={{ color: color.subtle }}>{` "${a.note}"`}</span> : null}
              </span>
              <StaleMark a={a} />
              {a.canWithdraw ? (
                <WithdrawApproval
                  id={idOf(a)}
                  label={label}
                  busy={props.busy}
                  onWithdraw={(reason) =>
                    props.onWithdraw({
                      record: props.record,
                      role: a.role,
                      accountId: a.accountId,
                      ...(a.ref ? { ref: a.ref } : {}),
                      reason,
                    })
                  }
                />
              ) : null}
            </Stack>
          </li>
        );
      })}
    </ul>
  );
}
