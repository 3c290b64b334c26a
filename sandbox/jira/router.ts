// A small route table: each route is a method + a path pattern with positional captures.
import type { Site } from './site';
import type { EmulatorHooks, Principal } from './types';

export interface Ctx {
  site: Site;
  principal: Principal;
  hooks: EmulatorHooks;
  method: string;
  path: string;
  query: Query;
  params: string[];
  body: unknown;
}
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}
export type Handler = (ctx: Ctx) => Reply | Promise<Reply>;
export interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
}

export class Query {
  constructor(private readonly sp: URLSearchParams) {}
  get(name: string): string | undefined {
    return this.sp.get(name) ?? undefined;
  }
  /** Repeated and comma-separated values (`fields=a,b&fields=c`), as Jira accepts both. */
  list(name: string): string[] | undefined {
    const all = this.sp.getAll(name);
    if (all.length === 0) return undefined;
    return all
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter((v) => v !== '');
  }
  int(name: string, fallback: number): number {
    const v = this.sp.get(name);
    if (v === null || v === '') return fallback;
    const n = Number(v);
    return Number.isInteger(n) ? n : fallback;
  }
  bool(name: string): boolean {
    return this.sp.get(name) === 'true';
  }
}

export const route = (method: string, path: string, handler: Handler): Route => ({
  method,
  // `{x}` captures one path segment.
  pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '([^/]+)')}$`),
  handler,
});

export const json = (status: number, body: unknown): Reply => ({ status, body });
export const noContent = (): Reply => ({ status: 204 });
