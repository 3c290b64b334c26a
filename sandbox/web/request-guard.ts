// Who may ask the sandbox to do what. The sandbox is a server on a developer's machine, and
// its Custom UI origin (PORT+1) runs app code in the same site (same host, other port), so:
// - every state-changing request must come from the host origin itself (Origin and
//   Sec-Fetch-Site say so) and carry JSON; a form or text/plain POST from elsewhere, which a
//   browser sends without asking, is refused;
// - /rest/* with the sign-in cookie is held to Jira's XSRF rule: a state-changing request
//   needs `X-Atlassian-Token: no-check` (Atlassian's "XSRF check failed when calling Cloud
//   APIs"), which no other origin can add without a CORS preflight the sandbox never grants.
import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-util';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const isStateChanging = (req: IncomingMessage): boolean => !SAFE_METHODS.has((req.method ?? 'GET').toUpperCase());

/** Refuses a request another origin made (the browser names it in Origin / Sec-Fetch-Site). */
export function refuseCrossOrigin(req: IncomingMessage, hostOrigin: string): void {
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== hostOrigin)
    throw new HttpError(403, `Refused: a request from ${origin} may not change anything on ${hostOrigin}.`);
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none')
    throw new HttpError(403, `Refused: a ${site} request may not change anything on ${hostOrigin}.`);
}

export const isJsonRequest = (req: IncomingMessage): boolean => /^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '');

/** State-changing sandbox endpoints take JSON only: what a cross-site form or text/plain POST cannot send unasked. */
export function requireJson(req: IncomingMessage): void {
  if (!isJsonRequest(req))
    throw new HttpError(415, `Send this request as application/json (got ${req.headers['content-type'] ?? 'no content type'}).`);
}

/** Jira's XSRF rule for cookie-authenticated REST writes. */
export const passesXsrfCheck = (req: IncomingMessage): boolean =>
  !isStateChanging(req) || String(req.headers['x-atlassian-token'] ?? '').toLowerCase() === 'no-check';
