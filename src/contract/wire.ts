// The wire between each Custom UI app and its resolver, as ONE map per resolver function:
// resolver key -> the zod schema of its input, the type of its answer and the types of the
// details a refusal may carry. The backend defines its handlers against this map
// (src/modules/shared/define-resolver.ts, on @forge/resolver's makeResolver) and each app
// calls through it (static/shared/invoke.ts, on @forge/bridge's makeInvoke), so a wrong key,
// a wrong payload or a wrong answer type is a compile error on either side. The apps import
// these with `import type` only: none of zod or the domain reaches a browser bundle.
import { z } from 'zod';
import { IndexRequestSchema, type IndexStatusView } from './portfolio-index';
import { AppConfigSchema } from '../domain/app-config';
import {
  ConfigGetInputSchema,
  GroupsCheckInputSchema,
  SetupRequestSchema,
  type ConfigView,
  type GroupsCheckResult,
  type SetupResult,
} from './admin';
import { DeliverablesListPayloadSchema, type ItemDeliverablesView } from './item-deliverables';
import { CalendarGetInputSchema, CalendarSaveInputSchema, type CalendarView } from './calendar';
import { SearchAliasesInputSchema, type SearchAliasesView } from './search';
import type { Envelope, FieldErrors, InvalidInputDetails } from './envelope';
import { endpoint, type Endpoint } from './endpoint';

export type { Endpoint } from './endpoint';
import { CheckConfigPayloadSchema, LoadPortfolioPayloadSchema, type GadgetConfig, type GadgetOptions, type PortfolioLoad } from './gadget';
import {
  ApprovalRecordPayloadSchema,
  ApprovalWithdrawPayloadSchema,
  DeliverySavePayloadSchema,
  GerritAccountRemovePayloadSchema,
  GerritAccountSavePayloadSchema,
  HistoryListPayloadSchema,
  PanelLoadPayloadSchema,
  RecordRestorePayloadSchema,
  UpstreamRefreshPayloadSchema,
  VettingSavePayloadSchema,
  type HistoryPage,
  type PanelData,
} from './panel';
import {
  DecisionRecordInputSchema,
  DraftLoadInputSchema,
  RankingSaveInputSchema,
  RankingSubmitInputSchema,
  VersionCompareInputSchema,
  VersionExportInputSchema,
  VersionGetInputSchema,
  VersionPublishInputSchema,
  VersionsListInputSchema,
  type CompareView,
  type DraftView,
  type ExportFile,
  type RankingSaved,
  type VersionView,
  type VersionsView,
} from './roadmap';
import { SCOPE_TRACKER_WIRE } from './scope-tracker';
import { ROADMAP_CALENDAR_WIRE } from './roadmap-calendar';
import {
  ValidatorCheckInputSchema,
  ValidatorOptionsInputSchema,
  type ValidatorCheckResult,
  type ValidatorOptions,
} from './validator-config';

/** A save of a revision someone else changed meanwhile. */
export interface ConflictDetails {
  /** The stored revision (null: no record). */
  currentRevision: number | null;
  updatedBy?: string;
  updatedAt?: string;
}
/** A refusal about one field of the payload the page should point at. */
export interface FieldDetails {
  field: string;
}

export const PANEL_WIRE = {
  'panel/load': endpoint<PanelData>()(PanelLoadPayloadSchema),
  'vetting/save': endpoint<PanelData, ConflictDetails | { companies: string[] }>()(VettingSavePayloadSchema),
  'delivery/save': endpoint<PanelData, ConflictDetails | FieldDetails>()(DeliverySavePayloadSchema),
  'approvals/record': endpoint<PanelData, ConflictDetails | { allowedGroups: string[] }>()(ApprovalRecordPayloadSchema),
  'approvals/withdraw': endpoint<PanelData, ConflictDetails | { allowedGroups: string[] }>()(ApprovalWithdrawPayloadSchema),
  'record/restore': endpoint<PanelData, ConflictDetails>()(RecordRestorePayloadSchema),
  'delivery/refresh-upstream': endpoint<PanelData, ConflictDetails>()(UpstreamRefreshPayloadSchema),
  'gerrit-account/save': endpoint<PanelData, ConflictDetails>()(GerritAccountSavePayloadSchema),
  'gerrit-account/remove': endpoint<PanelData, ConflictDetails>()(GerritAccountRemovePayloadSchema),
  'history/list': endpoint<HistoryPage>()(HistoryListPayloadSchema),
  'deliverables/list': endpoint<ItemDeliverablesView>()(DeliverablesListPayloadSchema),
};

export const GADGET_WIRE = {
  'portfolio/load': endpoint<PortfolioLoad, { jql: string }>()(LoadPortfolioPayloadSchema),
  'gadget/options': endpoint<GadgetOptions>()(z.object({}).loose()),
  'gadget/check-config': endpoint<{ config: GadgetConfig }, { problems: { path: string[]; message: string }[] }>()(
    CheckConfigPayloadSchema,
  ),
};

export const ADMIN_WIRE = {
  'config/get': endpoint<ConfigView>()(ConfigGetInputSchema),
  'config/save': endpoint<ConfigView, { fieldErrors: FieldErrors }>()(AppConfigSchema),
  'groups/check': endpoint<GroupsCheckResult>()(GroupsCheckInputSchema),
  'setup/plan': endpoint<SetupResult>()(SetupRequestSchema),
  'setup/run': endpoint<SetupResult>()(SetupRequestSchema),
  'setup/status': endpoint<SetupResult>()(SetupRequestSchema),
  // The release calendar: its own keys and KVS key, beside the app configuration.
  'calendar/get': endpoint<CalendarView>()(CalendarGetInputSchema),
  'calendar/save': endpoint<CalendarView, { fieldErrors: FieldErrors }>()(CalendarSaveInputSchema),
  'index/status': endpoint<IndexStatusView>()(IndexRequestSchema),
  'index/rebuild': endpoint<IndexStatusView>()(IndexRequestSchema),
  'index/resume': endpoint<IndexStatusView>()(IndexRequestSchema),
  'search/aliases': endpoint<SearchAliasesView>()(SearchAliasesInputSchema),
};

export const VALIDATOR_CONFIG_WIRE = {
  'validator/options': endpoint<ValidatorOptions>()(ValidatorOptionsInputSchema),
  'validator/check': endpoint<ValidatorCheckResult>()(ValidatorCheckInputSchema),
};

/**
 * The LCOO roadmap page (jira:globalPage lcoo-roadmap-page, resolver roadmap-resolver). Each tab
 * owns its keys: the scope tracker's wire is spread in here from its own contract file.
 */
export const ROADMAP_WIRE = {
  'draft/load': endpoint<DraftView>()(DraftLoadInputSchema),
  'ranking/save': endpoint<RankingSaved, ConflictDetails | { item: string }>()(RankingSaveInputSchema),
  'ranking/submit': endpoint<RankingSaved, ConflictDetails>()(RankingSubmitInputSchema),
  'decisions/record': endpoint<DraftView, InvalidInputDetails>()(DecisionRecordInputSchema),
  'versions/list': endpoint<VersionsView>()(VersionsListInputSchema),
  'versions/publish': endpoint<VersionsView>()(VersionPublishInputSchema),
  'versions/get': endpoint<VersionView>()(VersionGetInputSchema),
  'versions/compare': endpoint<CompareView>()(VersionCompareInputSchema),
  'versions/export': endpoint<ExportFile>()(VersionExportInputSchema),
  ...SCOPE_TRACKER_WIRE,
  ...ROADMAP_CALENDAR_WIRE,
};

export type PanelWire = typeof PANEL_WIRE;
export type RoadmapWire = typeof ROADMAP_WIRE;
export type GadgetWire = typeof GADGET_WIRE;
export type AdminWire = typeof ADMIN_WIRE;
export type ValidatorConfigWire = typeof VALIDATOR_CONFIG_WIRE;

// ---------------------------------------------------------------- derived types

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the widest endpoint, for constraints only
export type Wire = Record<string, Endpoint<z.ZodType, any, any>>;

/** What the page sends for `K` (zod's input type: defaults may be left out). */
export type InputOf<W extends Wire, K extends keyof W> = z.input<W[K]['input']>;
/** What the handler receives for `K` (parsed). */
export type ParsedInputOf<W extends Wire, K extends keyof W> = z.output<W[K]['input']>;
export type OutputOf<W extends Wire, K extends keyof W> = NonNullable<W[K]['output']>;
export type DetailsOf<W extends Wire, K extends keyof W> = NonNullable<W[K]['details']>;
/** The refusal details any key of the wire may carry. */
export type AnyDetailsOf<W extends Wire> = { [K in keyof W]: DetailsOf<W, K> }[keyof W];

/**
 * The wire as @forge/resolver's and @forge/bridge's shared `Definitions` type: each key a
 * function from its input to the envelope it answers with.
 */
export type DefinitionsOf<W extends Wire> = {
  [K in keyof W & string]: (input: InputOf<W, K>) => Envelope<OutputOf<W, K>, DetailsOf<W, K>>;
};
