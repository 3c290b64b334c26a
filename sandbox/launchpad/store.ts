// The Launchpad emulator's data: blueprints (Specification entries) by project and name, kept in
// a JSON file in the sandbox's data folder so they survive restarts like the Jira data does.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { DEFINITION_STATUSES } from '../../src/domain/upstream';

export const EmBlueprintSchema = z.object({
  project: z.string(),
  name: z.string(),
  title: z.string(),
  /** Launchpad's SpecificationDefinitionStatus titles ("Approved", "Pending Approval", ...). */
  definitionStatus: z.string(),
  /** Launchpad's SpecificationImplementationStatus titles ("Unknown", "Started", "Implemented", ...). */
  implementationStatus: z.string(),
  /** Milestone and series names of the project (absent: not targeted). */
  milestone: z.string().optional(),
  series: z.string().optional(),
});
export type EmBlueprint = z.infer<typeof EmBlueprintSchema>;

const FileSchema = z.object({ blueprints: z.array(EmBlueprintSchema) });
const keyOf = (project: string, name: string) => `${project.toLowerCase()}/${name.toLowerCase()}`;

export class LaunchpadStore {
  private readonly blueprints = new Map<string, EmBlueprint>();
  constructor(private readonly file?: string) {
    if (file && existsSync(file)) {
      const parsed = FileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')) as unknown);
      if (parsed.success) for (const b of parsed.data.blueprints) this.blueprints.set(keyOf(b.project, b.name), b);
    }
  }
  get size(): number {
    return this.blueprints.size;
  }
  get(project: string, name: string): EmBlueprint | undefined {
    return this.blueprints.get(keyOf(project, name));
  }
  put(b: EmBlueprint): void {
    this.blueprints.set(keyOf(b.project, b.name), EmBlueprintSchema.parse(b));
    this.save();
  }
  /** Many at once, saved once (the bench's projects with thousands of blueprints). */
  putAll(list: readonly EmBlueprint[]): void {
    for (const b of list) this.blueprints.set(keyOf(b.project, b.name), EmBlueprintSchema.parse(b));
    this.save();
  }
  /** A project's blueprints (its all_specifications), in Launchpad's default order. */
  ofProject(project: string): EmBlueprint[] {
    const p = project.toLowerCase();
    const rank = (s: string) => {
      const i = (DEFINITION_STATUSES as readonly string[]).indexOf(s);
      return i < 0 ? DEFINITION_STATUSES.length : i;
    };
    return [...this.blueprints.values()]
      .filter((b) => b.project.toLowerCase() === p)
      .sort((a, b) => rank(a.definitionStatus) - rank(b.definitionStatus) || a.name.localeCompare(b.name));
  }
  /** For tests: what Launchpad's drivers would do in the web UI. */
  setDefinitionStatus(project: string, name: string, status: string): void {
    const b = this.get(project, name);
    if (!b) throw new Error(`No blueprint ${project}/${name} in the Launchpad emulator`);
    this.put({ ...b, definitionStatus: status });
  }
  private save(): void {
    if (this.file) writeFileSync(this.file, JSON.stringify({ blueprints: [...this.blueprints.values()] }));
  }
}
