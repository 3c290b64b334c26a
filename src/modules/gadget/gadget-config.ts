// Which configuration a load uses. Jira stores the gadget's configuration (the edit view's
// view.submit) and hands it to the resolver in context.extension.gadgetConfiguration: that
// one is the authority. The view's copy is used only when Jira has none (a fresh gadget).
import { z } from 'zod';
import { AppError, describeZodError } from '../../contract/envelope';
import { DEFAULT_GADGET_CONFIG, GadgetConfigSchema, type ConfigSource, type GadgetConfig } from '../../contract/gadget';

const ExtensionSchema = z.object({ gadgetConfiguration: z.unknown().optional() }).loose();

/** Jira hands an unconfigured gadget `{}` (or nothing): both mean "use the defaults". */
const isEmpty = (value: unknown): boolean =>
  value === undefined || value === null || (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0);

/** Parses one configuration; a stored one that no longer parses is an error the person can fix by saving again. */
export function parseGadgetConfig(raw: unknown, where: string): GadgetConfig {
  const parsed = GadgetConfigSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new AppError(
    'BAD_REQUEST',
    `${describeZodError(parsed.error, where)} Open the gadget's menu, choose Edit, and save its settings again.`,
  );
}

export function resolveGadgetConfig(extension: unknown, requested: unknown): { config: GadgetConfig; source: ConfigSource } {
  const ext = ExtensionSchema.safeParse(extension ?? {});
  const stored = ext.success ? ext.data.gadgetConfiguration : undefined;
  if (!isEmpty(stored)) return { config: parseGadgetConfig(stored, "This gadget's saved configuration"), source: 'gadget' };
  if (!isEmpty(requested)) return { config: parseGadgetConfig(requested, 'The gadget configuration sent by the page'), source: 'request' };
  return { config: DEFAULT_GADGET_CONFIG, source: 'default' };
}
