// The one way a Custom UI app calls its resolver. Unpacks the envelope (src/contract/envelope)
// so components get data or a CallError with a code and a sentence to show.
import { invoke } from '@forge/bridge';
import type { ErrorCode, Envelope } from '../../src/contract/envelope';

export class CallError extends Error {
  constructor(
    readonly code: ErrorCode | 'NETWORK',
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'CallError';
  }
}

function isEnvelope(value: unknown): value is Envelope<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

export async function call<T>(key: string, payload: Record<string, unknown> = {}): Promise<T> {
  let answer: unknown;
  try {
    answer = await invoke(key, payload);
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
  if (answer.ok) return answer.data as T;
  throw new CallError(answer.error.code, answer.error.message, answer.error.details);
}
