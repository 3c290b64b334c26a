// panel-resolver: the LCOO issue panel (manifest module lcoo-issue-panel). Keys and payloads
// are the contract's PANEL_WIRE (src/contract/wire.ts).
import { PANEL_WIRE } from '../../contract/wire';
import { defineResolver } from '../shared/define-resolver';
import { removeMyGerritAccount, saveMyGerritAccount } from './gerrit-account';
import { historyList } from './history';
import { listItemDeliverables } from './item-deliverables';
import { loadPanel } from './load-panel';
import { recordApproval, restore, withdrawApproval } from './record-approval';
import { refreshFromUpstream } from './refresh-upstream';
import { saveDelivery, saveVetting } from './save-record';

export const panelResolver = defineResolver(PANEL_WIRE, {
  'panel/load': { doing: 'load the LCOO record of this issue', run: (_input, ctx) => loadPanel(ctx) },
  'vetting/save': { doing: 'save the vetting checklist', run: saveVetting },
  'delivery/save': { doing: 'save the delivery record', run: saveDelivery },
  'approvals/record': { doing: 'record the approval', run: recordApproval },
  'approvals/withdraw': { doing: 'withdraw the approval', run: withdrawApproval },
  'record/restore': { doing: 'restore the last version saved in the app', run: restore },
  'delivery/refresh-upstream': { doing: 'refresh the evidence from Gerrit and Launchpad', run: refreshFromUpstream },
  'gerrit-account/save': { doing: 'save your Gerrit account', run: saveMyGerritAccount },
  'gerrit-account/remove': { doing: 'remove your Gerrit account', run: removeMyGerritAccount },
  'history/list': { doing: 'load the LCOO history of this issue', run: historyList },
  'deliverables/list': { doing: "load this Roadmap Item's Upstream Deliverables", run: listItemDeliverables },
});
