// Whether a KVS write was refused because the key exists (keyPolicy FAIL_IF_EXISTS).
//
// @forge/kvs 1.6.5 (out/utils/error-handling.js, out/errors.js) turns every non-2xx answer into
// a ForgeKvsAPIError: `code` is copied from the service's `{code, message}` body and the HTTP
// status is kept in `responseDetails.status`. Atlassian's KVS reference documents the key
// policy but not the code of its refusal; apps report `KEY_CONFLICT` with HTTP 409. So the
// refusal is recognised by either signal (docs/platform-facts.md, "KVS FAIL_IF_EXISTS"), and
// nothing else (a rate limit, a 5xx) is mistaken for one.

/** Codes a refusal has been seen with: KEY_CONFLICT (Forge, observed), KEY_ALREADY_EXISTS (older sandboxes). */
const CONFLICT_CODES: ReadonlySet<string> = new Set(['KEY_CONFLICT', 'KEY_ALREADY_EXISTS', 'CONFLICT']);

interface KvsErrorShape {
  code?: unknown;
  responseDetails?: { status?: unknown };
}

export function isKeyConflict(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { code, responseDetails } = err as KvsErrorShape;
  if (responseDetails?.status === 409) return true;
  return typeof code === 'string' && CONFLICT_CODES.has(code.toUpperCase());
}
