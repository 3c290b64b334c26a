// The stage gate's extension ARI in this installation (app and environment from the Forge
// runtime): what setup writes into the workflows' rules, and what reading them looks for.
import { getAppContext } from '@forge/api';
import { STAGE_GATE_MODULE_KEY, extensionAri } from '../jira/lcoo-workflows';

export function stageGateAri(): string {
  const app = getAppContext();
  return extensionAri(app.appAri.appId, app.environmentAri.environmentId, STAGE_GATE_MODULE_KEY);
}
