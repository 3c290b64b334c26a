// The Launchpad emulator's data: blueprints (Specification entries) by project and name, kept in
// a JSON file in the sandbox's data folder so they survive restarts like the Jira data does.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

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
