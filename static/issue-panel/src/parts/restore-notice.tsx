// "Restore the last version saved in the app": offered when the record on the issue is missing,
// forged, replaced by an older copy or unreadable, and the app kept the last version it saved.
// Says who saved that version and when; the server writes it back as this person.
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import type { RecordView } from '../../../../src/contract/panel';
import { savedLabel } from '../draft';

export function RestoreNotice(props: { record: RecordView<unknown> | undefined; canEdit: boolean; busy: boolean; onRestore: () => void }) {
  const offer = props.record?.restore;
  if (!offer || props.record?.integrity === 'valid') return null;
  const who = offer.updatedByName ?? offer.updatedBy;
  const when = savedLabel(offer.updatedAt) ?? offer.updatedAt;
  const what =
    props.record?.integrity === 'missing'
      ? 'The LCOO record of this issue is gone (it was deleted outside the app).'
      : props.record?.integrity === 'unreadable'
        ? 'The LCOO record of this issue was replaced by something the app cannot read.'
        : 'The LCOO record of this issue is not the one the app saved last.';
  return (
    <SectionMessage
      appearance="warning"
      title="The app has the last version it saved"
      testId="restore-offer"
      actions={
        props.canEdit
          ? [
              <SectionMessageAction key="restore" onClick={props.busy ? undefined : props.onRestore} testId="restore-button">
                Restore the last version saved in the app
              </SectionMessageAction>,
            ]
          : []
      }
    >
      <p>{`${what} The app kept revision ${offer.revision}, saved by ${who} on ${when}, approvals included.`}</p>
      {props.canEdit ? null : <p>Someone who can edit this issue can restore it.</p>}
    </SectionMessage>
  );
}
