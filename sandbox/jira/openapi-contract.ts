// Checks emulator traffic against Atlassian's published OpenAPI document with
// openapi-backend (quick mode loads the 2.4 MB document in ~0.1 s). Every request the
// emulator receives and every response it returns is validated; problems are recorded,
// never thrown, so a test can exercise everything and then assert zero violations.
import { readFile } from 'node:fs/promises';
import OpenAPIBackend, { type Document } from 'openapi-backend';
import addFormats from 'ajv-formats';
import type { ContractViolation, EmulatorResponse, OpenApiContract } from './types';

type Ajv = Parameters<typeof addFormats>[0];

function queryObject(sp: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(sp.keys())) {
    const all = sp.getAll(key);
    out[key] = all.length === 1 ? (all[0] ?? '') : all;
  }
  return out;
}

const isErrorCollection = (b: unknown): boolean =>
  typeof b === 'object' &&
  b !== null &&
  !Array.isArray(b) &&
  Array.isArray((b as { errorMessages?: unknown }).errorMessages) &&
  typeof (b as { errors?: unknown }).errors === 'object';

const describe = (errors: unknown): string =>
  (Array.isArray(errors) ? errors : [])
    .map(
      (e: { instancePath?: string; message?: string; params?: unknown }) =>
        `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params ?? {})}`,
    )
    .join('; ');

/**
 * The document has a few `$ref`s with sibling keywords (Fields.issuetype: `{description, $ref}`,
 * in the body of POST /issueLink). openapi-backend's request validator cannot compile those
 * ("properties/$ref must be object,boolean"), so each becomes `{allOf: [{$ref}], ...siblings}`,
 * which validates the same.
 */
function wrapRefsWithSiblings(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(wrapRefsWithSiblings);
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = wrapRefsWithSiblings(v);
  if (typeof out.$ref === 'string' && Object.keys(out).length > 1) {
    const { $ref, ...siblings } = out;
    return { allOf: [{ $ref }], ...siblings };
  }
  return out;
}

export async function createOpenApiContract(specPath: string): Promise<OpenApiContract> {
  const definition = wrapRefsWithSiblings(JSON.parse(await readFile(specPath, 'utf8'))) as Document;
  const api = new OpenAPIBackend({
    definition,
    quick: true,
    validate: true,
    customizeAjv: (ajv) => {
      addFormats(ajv as unknown as Ajv);
      return ajv;
    },
  });
  await api.init();
  const found: ContractViolation[] = [];
  const covered = new Set<string>();

  return {
    check(req, res: EmulatorResponse) {
      const url = new URL(req.path, 'http://jira.local');
      const method = req.method.toLowerCase();
      const request = {
        method,
        path: url.pathname,
        query: queryObject(url.searchParams),
        headers: { ...(req.body !== undefined ? { 'content-type': 'application/json' } : {}), ...req.headers },
        // openapi-backend JSON-parses string bodies, so a string value travels as its JSON text.
        ...(req.body !== undefined ? { body: typeof req.body === 'string' ? JSON.stringify(req.body) : req.body } : {}),
      };
      const base = { method: req.method.toUpperCase(), path: req.path, status: res.status };
      const op = api.matchOperation(request);
      if (!op) {
        found.push({
          ...base,
          kind: 'unknown-operation',
          message: `${base.method} ${url.pathname} is not an operation of the Jira Cloud REST API.`,
        });
        return;
      }
      const operationId = op.operationId ?? `${base.method} ${op.path}`;
      covered.add(operationId);
      if (op.deprecated)
        found.push({ ...base, operationId, kind: 'deprecated-operation', message: `${operationId} is deprecated by Atlassian.` });

      const vreq = api.validateRequest(request, op);
      if (!vreq.valid) found.push({ ...base, operationId, kind: 'request', message: describe(vreq.errors) });

      // Validate what goes over the wire (undefined members vanish in JSON).
      const wire: unknown = res.body === undefined ? null : JSON.parse(JSON.stringify(res.body));
      const documented = Object.keys(op.responses ?? {});
      if (res.status >= 500) {
        found.push({ ...base, operationId, kind: 'response', message: `server error ${res.status}: ${JSON.stringify(res.body)}` });
      } else if (documented.includes(String(res.status))) {
        const vres = api.validateResponse(wire, op, res.status);
        if (!vres.valid) found.push({ ...base, operationId, kind: 'response', message: describe(vres.errors) });
      } else if (res.status < 400) {
        found.push({
          ...base,
          operationId,
          kind: 'response',
          message: `status ${res.status} is not documented for ${operationId} (documented: ${documented.join(', ')}).`,
        });
      } else if (!isErrorCollection(wire)) {
        // Error statuses Atlassian leaves undocumented (401 from the gateway, 403) must still be Jira's ErrorCollection.
        found.push({
          ...base,
          operationId,
          kind: 'response',
          message: `error ${res.status} is not an ErrorCollection: ${JSON.stringify(wire)}`,
        });
      }
    },
    violations: () => [...found],
    coveredOperations: () => new Set(covered),
    clear: () => {
      found.length = 0;
      covered.clear();
    },
  };
}
