// panel-resolver: the LCOO issue panel (manifest module lcoo-issue-panel). Keys and payloads
// are fixed in docs/design.md; src/contract/panel.ts holds their schemas.
import {
  ApprovalRecordPayloadSchema,
  DeliverySavePayloadSchema,
  PanelLoadPayloadSchema,
  VettingSavePayloadSchema,
} from '../../contract/panel';
import { defineResolver, handler } from '../shared/define-resolver';
import { loadPanel } from './load-panel';
import { recordApproval } from './record-approval';
import { saveDelivery, saveVetting } from './save-record';

export const panelResolver = defineResolver({
  'panel/load': handler({
    input: PanelLoadPayloadSchema,
    doing: 'load the LCOO record of this issue',
    run: (_input, ctx) => loadPanel(ctx),
  }),
  'vetting/save': handler({
    input: VettingSavePayloadSchema,
    doing: 'save the vetting checklist',
    run: saveVetting,
  }),
  'delivery/save': handler({
    input: DeliverySavePayloadSchema,
    doing: 'save the delivery record',
    run: saveDelivery,
  }),
  'approvals/record': handler({
    input: ApprovalRecordPayloadSchema,
    doing: 'record the approval',
    run: recordApproval,
  }),
});
