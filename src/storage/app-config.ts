// The app's configuration in Forge KVS, zod-checked on every read and write.
import { kvs } from '@forge/kvs';
import { APPROVAL_ROLES } from '../domain/approvals';
import { AppConfigSchema, DEFAULT_APP_CONFIG, type AppConfig, type ConfigSource, type RoleGroups } from '../domain/app-config';
import { KVS_KEYS } from './keys';

export interface LoadedConfig {
  config: AppConfig;
  source: ConfigSource;
  problem?: string;
}

const NO_APPROVERS = Object.fromEntries(APPROVAL_ROLES.map((r) => [r, []])) as unknown as RoleGroups;

/**
 * Reads the configuration. A stored value that no longer parses falls back to the defaults,
 * and says so, except for who may approve: the default groups are not the ones the admin
 * chose, so no group may record approvals until an administrator saves the configuration.
 */
export async function loadAppConfig(): Promise<LoadedConfig> {
  const raw = await kvs.get<unknown>(KVS_KEYS.config);
  if (raw === undefined || raw === null) return { config: DEFAULT_APP_CONFIG, source: 'default' };
  const parsed = AppConfigSchema.safeParse(raw);
  if (parsed.success) return { config: parsed.data, source: 'stored' };
  return {
    config: { ...DEFAULT_APP_CONFIG, roleGroups: NO_APPROVERS },
    source: 'invalid-stored',
    problem: `The stored LCOO configuration is not valid (${parsed.error.issues[0]?.message ?? 'unknown problem'}); the defaults apply and no one may record approvals until an administrator saves it again.`,
  };
}

export async function saveAppConfig(config: AppConfig): Promise<AppConfig> {
  const valid = AppConfigSchema.parse(config);
  await kvs.set(KVS_KEYS.config, valid);
  return valid;
}

/** Records the defaults once (install trigger); never overwrites what an admin saved. */
export async function ensureDefaultConfig(): Promise<boolean> {
  const raw = await kvs.get<unknown>(KVS_KEYS.config);
  if (raw !== undefined && raw !== null) return false;
  await kvs.set(KVS_KEYS.config, DEFAULT_APP_CONFIG);
  return true;
}
