// Every resolver is defined against its wire (src/contract/wire.ts): for each key, read the
// context, parse the payload with the wire's schema, run, and answer with the envelope.
// Nothing a handler throws reaches the bridge unexplained, and only the wire's own keys are
// ever dispatched.
import { makeResolver } from '@forge/resolver';
import { z } from 'zod';
import { AppError, describeZodError, fail, fieldErrorsOf, ok, type Envelope } from '../../contract/envelope';
import type { DefinitionsOf, OutputOf, ParsedInputOf, Wire } from '../../contract/wire';
import { JiraError } from '../../jira/errors';
import { appErrorFromJira } from '../../usecases/jira-failure';

export interface CallContext {
  accountId: string;
  /** The module's extension context (issue, gadget configuration, ...), unparsed. */
  extension: unknown;
}

export interface Handler<I, O> {
  /** What the call does, in words for an error message ("save the vetting checklist"). */
  doing: string;
  run(input: I, ctx: CallContext): Promise<O>;
}

/** The handlers of a wire: one per key, each taking that key's parsed input and giving its answer. */
export type Handlers<W extends Wire> = { [K in keyof W & string]: Handler<ParsedInputOf<W, K>, OutputOf<W, K>> };

const ContextSchema = z.object({ accountId: z.string().min(1), extension: z.unknown().optional() }).loose();

/** Maps anything thrown to an envelope failure a person can act on. */
export function toFailure(err: unknown, doing: string): Envelope<never> {
  if (err instanceof AppError) return fail(err.code, err.message, err.details);
  if (err instanceof JiraError) {
    const e = appErrorFromJira(err, doing);
    return fail(e.code, e.message, e.details);
  }
  if (err instanceof z.ZodError) return fail('BAD_REQUEST', describeZodError(err), { fieldErrors: fieldErrorsOf(err) });
  // Unexpected: keep the detail in the function log, give the person a next step.
  console.error(`[lcoo] unexpected error while trying to ${doing}:`, err);
  return fail(
    'INTERNAL',
    `Something went wrong while trying to ${doing}. Try again; if it keeps happening, tell your Jira administrator (details are in the app's logs).`,
  );
}

export async function runHandler<I, O>(input: z.ZodType<I>, h: Handler<I, O>, payload: unknown, context: unknown): Promise<Envelope<O>> {
  try {
    const ctx = ContextSchema.safeParse(context);
    if (!ctx.success) return fail('FORBIDDEN', 'This action needs a signed-in Jira user.');
    const parsed = input.safeParse(payload ?? {});
    if (!parsed.success) return fail('BAD_REQUEST', describeZodError(parsed.error), { fieldErrors: fieldErrorsOf(parsed.error) });
    return ok(await h.run(parsed.data, { accountId: ctx.data.accountId, extension: ctx.data.extension }));
  } catch (err) {
    return toFailure(err, h.doing);
  }
}

type ResolverHandler = ReturnType<typeof makeResolver>;

/**
 * The Forge resolver handler of a wire. @forge/resolver finds a key with `functionKey in
 * functions`, so inherited names (`constructor`, `toString`, `__proto__`) would reach it: only
 * the wire's own keys are dispatched, anything else is a NOT_FOUND in the envelope.
 */
export function defineResolver<W extends Wire>(wire: W, handlers: Handlers<W>): ResolverHandler {
  const functions = Object.fromEntries(
    Object.keys(wire).map((key) => {
      const h = handlers[key as keyof W & string] as Handler<unknown, unknown>;
      return [key, ({ payload, context }: { payload: unknown; context: unknown }) => runHandler(wire[key]!.input, h, payload, context)];
    }),
  ) as unknown as Parameters<typeof makeResolver<DefinitionsOf<W>>>[0];
  const definitions = makeResolver<DefinitionsOf<W>>(functions);
  return (request, runtime) => {
    const key: unknown = (request as { call?: { functionKey?: unknown } } | undefined)?.call?.functionKey;
    if (typeof key !== 'string' || !Object.prototype.hasOwnProperty.call(wire, key)) {
      return Promise.resolve(
        fail(
          'NOT_FOUND',
          `This app has no action ${JSON.stringify(String(key).slice(0, 80))}; reload the page to get the current version of the app.`,
        ),
      );
    }
    return definitions(request, runtime);
  };
}
