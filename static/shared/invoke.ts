// The one way a Custom UI app calls its resolver: through the contract's wire for that
// resolver (src/contract/wire.ts), on @forge/bridge's own typed invoke. A wrong key, a wrong
// payload or reading the answer as the wrong type does not compile. The envelope is unpacked
// here: a component gets the answer, or a CallError with a code, a sentence to show and the
// refusal's details as the wire declares them.
import { makeInvoke } from '@forge/bridge';
import type { ErrorCode } from '../../src/contract/envelope';
import type { AnyDetailsOf, DefinitionsOf, InputOf, OutputOf, Wire } from '../../src/contract/wire';

export class CallError<D = unknown> extends Error {
  constructor(
    readonly code: ErrorCode | 'NETWORK',
    message: string,
    readonly details?: D,
  ) {
    super(message);
    this.name = 'CallError';
  }
}

function isEnvelope(
  value: unknown,
): value is { ok: true; data: unknown } | { ok: false; error: { code: ErrorCode; message: string; details?: unknown } } {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

export interface Caller<W extends Wire> {
  /** Calls `key` with `input`; resolves to its answer, rejects with a CallError. */
  call: <K extends keyof W & string>(
    key: K,
    ...input: Record<never, never> extends InputOf<W, K> ? [input?: InputOf<W, K>] : [input: InputOf<W, K>]
  ) => Promise<OutputOf<W, K>>;
  /** Whether `err` is this app's CallError; its details are then typed as the wire declares them. */
  isCallError: (err: unknown) => err is CallError<AnyDetailsOf<W>>;
}

/** The typed caller of one resolver (`makeCaller<PanelWire>()`). */
export function makeCaller<W extends Wire>(): Caller<W> {
  const invoke = makeInvoke<DefinitionsOf<W>>() as unknown as (key: string, input: unknown) => Promise<unknown>;
  return {
    call: async (key, ...rest) => {
      let answer: unknown;
      try {
        answer = await invoke(key, rest[0] ?? {});
      } catch (err) {
        const why = err instanceof Error ? err.message : String(err);
        throw new CallError('NETWORK', `Could not reach the LCOO app (${why}). Check your connection and reload the page.`);
      }
      if (!isEnvelope(answer)) {
        throw new CallError(
          'INTERNAL',
          'The LCOO app answered in an unexpected way. Reload the page; if it persists, tell your Jira administrator.',
        );
      }
      if (answer.ok) return answer.data as OutputOf<W, typeof key>;
      throw new CallError(answer.error.code, answer.error.message, answer.error.details);
    },
    isCallError: (err): err is CallError<AnyDetailsOf<W>> => err instanceof CallError,
  };
}
