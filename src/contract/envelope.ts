// The one shape every resolver answers with, and the one place error codes are defined.
// Custom UI apps import this (never their own copy) to unpack answers.
import { type z } from 'zod';

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
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Field path ("fsts.2.name") -> message, for a page to show beside each field. */
export type FieldErrors = Record<string, string>;

/** Details of a refusal of the payload itself (BAD_REQUEST): what is wrong, field by field. */
export interface InvalidInputDetails {
  fieldErrors: FieldErrors;
}
/** Details of a failure Jira answered (the HTTP status it gave). */
export interface JiraFailureDetails {
  status: number;
}

export interface Failure<D = unknown> {
  ok: false;
  error: { code: ErrorCode; message: string; details?: D };
}
export type Success<T> = { ok: true; data: T };
export type Envelope<T, D = unknown> = Success<T> | Failure<D>;

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

/** A zod error's problems by field path (the first problem of each field). */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || 'value';
    out[path] ??= issue.message;
  }
  return out;
}

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
