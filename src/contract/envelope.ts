// The one shape every resolver answers with, and the one place error codes are defined.
// Custom UI apps import this (never their own copy) to unpack answers.
import { z } from 'zod';

export const ERROR_CODES = [
  'BAD_REQUEST',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'INTEGRITY',
  'JIRA_ERROR',
  'RATE_LIMITED',
  'INTERNAL',
] as const;
export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const FailureSchema = z.object({
  ok: z.literal(false),
  error: z.object({
    code: ErrorCodeSchema,
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type Failure = z.infer<typeof FailureSchema>;
export type Success<T> = { ok: true; data: T };
export type Envelope<T> = Success<T> | Failure;

export function envelopeSchema<T extends z.ZodType>(data: T) {
  return z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), data }), FailureSchema]);
}

/** An error a resolver raises on purpose: its message is shown to the person as it is. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const ok = <T>(data: T): Success<T> => ({ ok: true, data });
export const fail = (code: ErrorCode, message: string, details?: unknown): Failure => ({
  ok: false,
  error: details === undefined ? { code, message } : { code, message, details },
});

/** Turns a zod error into one sentence that names each bad field. */
export function describeZodError(error: z.ZodError, what = 'The request'): string {
  const parts = error.issues.slice(0, 5).map((issue) => {
    const at = issue.path.length > 0 ? issue.path.join('.') : 'value';
    // Our schema messages are sentences already; the closing period is added once below.
    return `${at}: ${issue.message.replace(/\.+$/, '')}`;
  });
  const more = error.issues.length > 5 ? ` (and ${error.issues.length - 5} more)` : '';
  return `${what} is not valid. ${parts.join('; ')}${more}.`;
}
