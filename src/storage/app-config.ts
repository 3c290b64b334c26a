// The app's configuration in Forge KVS, zod-checked on every read and write.
import { kvs } from '@forge/kvs';
import {
  AppConfigSchema,
  DEFAULT_APP_CONFIG,
  keepFormerNames,
  readStoredConfig,
  type AppConfig,
  type AppConfigInput,
  type ConfigSource,
  type RoleGroups,
} from '../domain/app-config';
import { GROUP_APPROVAL_ROLES } from '../domain/approvals';
import { KVS_KEYS } from './keys';

export interface LoadedConfig {
  config: AppConfig;
  source: ConfigSource;
  /** What an admin must do about the stored configuration (it does not parse, or an older version's needs groups named). */
  problem?: string;
}

const NO_APPROVERS = Object.fromEntries(GROUP_APPROVAL_ROLES.map((r) => [r, []])) as unknown as RoleGroups;

/**
 * Reads the configuration. A stored value that no longer parses falls back to the defaults,
 * and says so, except for who may approve: the default groups are not the ones the admin
 * chose, so no group may record approvals (nor company entries) until an administrator saves
 * the configuration. An older version's value is upgraded on read (domain readStoredConfig).
 */
export async function loadAppConfig(): Promise<LoadedConfig> {
  const raw = await kvs.get<unknown>(KVS_KEYS.config);
  if (raw === undefined || raw === null) return { config: DEFAULT_APP_CONFIG, source: 'default' };
  const read = readStoredConfig(raw);
  if (read.ok) return { config: read.config, source: 'stored', ...(read.note ? { problem: read.note } : {}) };
  return {
    config: {
      ...DEFAULT_APP_CONFIG,
      fsts: DEFAULT_APP_CONFIG.fsts.map((f) => ({ ...f, leadGroups: [] })),
      companies: DEFAULT_APP_CONFIG.companies.map((c) => ({ ...c, groups: [] })),
      roleGroups: NO_APPROVERS,
    },
    source: 'invalid-stored',
    problem: `The stored LCOO configuration is not valid (${read.error}); the defaults apply and no one may record approvals until an administrator saves it again.`,
  };
}

/** Saves a configuration; every name an FST or company had before stays findable (renames never orphan a record). */
export async function saveAppConfig(config: AppConfigInput): Promise<AppConfig> {
  const valid = AppConfigSchema.parse(config);
  const previous = readStoredConfig(await kvs.get<unknown>(KVS_KEYS.config));
  const kept = keepFormerNames(previous.ok ? previous.config : DEFAULT_APP_CONFIG, valid);
  await kvs.set(KVS_KEYS.config, kept);
  return kept;
}

/** Records the defaults once (install trigger); never overwrites what an admin saved. */
export async function ensureDefaultConfig(): Promise<boolean> {
  const raw = await kvs.get<unknown>(KVS_KEYS.config);
  if (raw !== undefined && raw !== null) return false;
  await kvs.set(KVS_KEYS.config, DEFAULT_APP_CONFIG);
  return true;
}
