import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      '**/build/',
      'static/*/.build-*/',
      'dist/',
      '.sandbox-data/',
      'coverage/',
      'sandbox/web/public/**/*.js',
      'test/fixtures/layering/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The LCOO process is pure: no Forge, no I/O, no Node built-ins in src/domain.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@forge/*'], message: 'src/domain is pure TypeScript: no Forge imports.' },
            { group: ['node:*', 'fs', 'path', 'http', 'https', 'crypto', 'child_process'], message: 'src/domain does no I/O.' },
            {
              group: ['../jira/*', '../modules/*', '../records/*', '../../sandbox/*'],
              message: 'src/domain depends on nothing outside itself (and zod).',
            },
          ],
        },
      ],
    },
  },
  {
    // What ships (the backend and the Custom UI apps) is linted with type information.
    files: ['src/**/*.ts', 'static/**/*.{ts,tsx}'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { project: './tsconfig.check.json', tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
