// The envelope every resolver answers with, as a zod schema: tests and benches parse what
// the bridge hands them with it (the apps need no zod: static/shared/invoke.ts checks the shape).
import { z } from 'zod';
import { ERROR_CODES } from '../../src/contract/envelope';

const FailureSchema = z.object({
  ok: z.literal(false),
  error: z.object({ code: z.enum(ERROR_CODES), message: z.string(), details: z.unknown().optional() }),
});

export function envelopeSchema<T extends z.ZodType>(data: T) {
  return z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), data }), FailureSchema]);
}
