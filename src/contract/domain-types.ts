// The domain's types the Custom UI apps show, as the contract hands them over: the apps
// import types from src/contract only (the layering check refuses static -> src/domain), and
// `import type` keeps the domain's code and zod out of the browser bundles.
export type { AppConfig } from '../domain/app-config';
export type { ApprovalRole, GroupApprovalRole } from '../domain/approvals';
export type { Delivery, DeliveryInput } from '../domain/delivery';
export type { LifecycleId, Stage } from '../domain/lifecycle';
export type { CompanyCell, Matrix, Portfolio } from '../domain/portfolio';
export type { ChecklistItemId, ChecklistStatus, ItemType, Vetting, VettingInput } from '../domain/vetting';
export type { ReleaseCell, SortKey, SortOrder } from '../domain/portfolio-index';
