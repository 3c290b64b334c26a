// Every resolver key is defined the same way: read the context, zod-parse the payload, run,
// and answer with the envelope. Nothing a resolver throws reaches the bridge unexplained.
import Resolver from '@forge/resolver';
import { z } from 'zod';
import { AppError, describeZodError, fail, ok, type Envelope } from '../../contract/envelope';
import { JiraError } from '../../jira/errors';
import { appErrorFromJira } from '../../usecases/jira-failure';

export interface CallContext {
  accountId: string;
  /** The module's extension context (issue, gadget configuration, ...), unparsed. */
  extension: unknown;
  raw: unknown;
}

export interface Handler<I extends z.ZodType, O> {
  input: I;
  /** What the call does, in words for an error message ("save the vetting checklist"). */
  doing: string;
  run(input: z.infer<I>, ctx: CallContext): Promise<O>;
}

export const handler = <I extends z.ZodType, O>(h: Handler<I, O>): Handler<I, O> => h;

const ContextSchema = z.object({ accountId: z.string().min(1), extension: z.unknown().optional() }).loose();

/** Maps anything thrown to an envelope failure a person can act on. */
export function toFailure(err: unknown, doing: string): Envelope<never> {
  if (err instanceof AppError) return fail(err.code, err.message, err.details);
  if (err instanceof JiraError) {
    const e = appErrorFromJira(err, doing);
    return fail(e.code, e.message, e.details);
  }
  if (err instanceof z.ZodError) return fail('BAD_REQUEST', describeZodError(err));
  // Unexpected: keep the detail in the function log, give the person a next step.
  console.error(`[lcoo] unexpected error while trying to ${doing}:`, err);
  return fail(
    'INTERNAL',
    `Something went wrong while trying to ${doing}. Try again; if it keeps happening, tell your Jira administrator (details are in the app's logs).`,
  );
}

export async function runHandler<I extends z.ZodType, O>(h: Handler<I, O>, payload: unknown, context: unknown): Promise<Envelope<O>> {
  try {
    const ctx = ContextSchema.safeParse(context);
    if (!ctx.success) return fail('FORBIDDEN', 'This action needs a signed-in Jira user.');
    const input = h.input.safeParse(payload ?? {});
    if (!input.success) return fail('BAD_REQUEST', describeZodError(input.error));
    const data = await h.run(input.data, { accountId: ctx.data.accountId, extension: ctx.data.extension, raw: context });
    return ok(data);
  } catch (err) {
    return toFailure(err, h.doing);
  }
}

/** Builds the Forge resolver handler for a map of `area/verb` keys. */
export function defineResolver(handlers: Record<string, Handler<z.ZodType, unknown>>) {
  const resolver = new Resolver();
  for (const [key, h] of Object.entries(handlers)) {
    resolver.define(key, ({ payload, context }) => runHandler(h, payload, context) as Promise<Record<string, unknown>>);
  }
  const dispatch = resolver.getDefinitions();
  // @forge/resolver looks keys up with `functionKey in this.functions`, so an unknown key throws
  // and inherited names (constructor, toString, __proto__) are "found". Only own keys get through.
  return (request: Parameters<typeof dispatch>[0], runtime: Parameters<typeof dispatch>[1]) => {
    const key: unknown = (request as { call?: { functionKey?: unknown } } | undefined)?.call?.functionKey;
    if (typeof key !== 'string' || !Object.prototype.hasOwnProperty.call(handlers, key))
      return Promise.resolve(
        fail('NOT_FOUND', `This app has no action ${JSON.stringify(String(key))}; reload the page to get the current version of the app.`),
      );
    return dispatch(request, runtime);
  };
}
