// Validates manifest.yml fully offline with Forge's own validator (what `forge lint` runs,
// without the login): schema, function and resource references, handler files, scopes.
import { ProcessorBuilder, ValidationTypes } from '@forge/manifest';

async function main(): Promise<void> {
  const result = await ProcessorBuilder.instance()
    .withValidation(ValidationTypes.FULL)
    .withOptions({ deprecatedRuntimes: [] })
    .build()
    .process('manifest.yml');
  for (const e of result.errors ?? []) {
    console.error(`manifest.yml${e.line ? `:${e.line}` : ''}: ${e.message}`);
  }
  if (!result.success) process.exit(1);
  console.log('manifest.yml: valid (Forge FULL validation, 0 errors)');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
