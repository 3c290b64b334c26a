// The signature's canonical JSON is the domain's (approvals digest the same canonical form).
export { canonicalJson } from '../domain/canonical';
