// The handlers manifest.yml names, and nothing else. Each lives in its own module entry.
export { gadgetResolver } from './modules/gadget';
export { panelResolver } from './modules/panel';
export { stageGateValidator } from './modules/validator/stage-gate-validator';
export { validatorConfigResolver } from './modules/validator-config/validator-config-resolver';
export { adminResolver } from './modules/admin/admin-resolver';
export { roadmapResolver } from './modules/roadmap';
export { installTrigger } from './modules/triggers/install-trigger';
export { issueUpdatedTrigger } from './modules/triggers/issue-updated-trigger';
export { portfolioIndexTrigger, portfolioReconcile, portfolioRebuildStep } from './modules/triggers/portfolio-index-triggers';
export { upstreamSyncTrigger } from './modules/triggers/upstream-sync-trigger';
