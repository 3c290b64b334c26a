// The LCOO process as pure TypeScript + zod: everything the modules, the Custom UI apps
// and the sandbox use from the domain is re-exported here (docs/design.md "Domain API").
export * from './lifecycle';
export * from './vetting';
export * from './delivery';
export * from './approvals';
export * from './gates';
export * from './releases';
export * from './release-calendar';
export * from './references';
export * from './openstack-projects';
export * from './portfolio';
export { WebUrlSchema, AccountIdSchema, IsoDateTimeSchema, IsoDateSchema, IssueKeySchema, isWebUrl, jsonBytes } from './primitives';
export * from './app-config';
export * from './portfolio-index';
export * from './delivery-progress';
export * from './approval-content';
export * from './company-entries';
export * from './directory';
export * from './record-changes';
export { digestOf } from './digest';
export { canonicalJson } from './canonical';
export * from './history';
export * from './upstream';
export * from './scope-tracker';
export * from './gerrit-people';
