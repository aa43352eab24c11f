// Lint rules, including the house rule that providers never import each other and the core knows none.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

const providerFolders = ['dinisoft', 'mimsms']

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'reports/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    files: ['src/contracts/**/*.ts'],
    ignores: ['src/contracts/kit/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/emulator/**', '**/client/**', '**/cli/**', '**/config.js'], message: 'contracts/ is a leaf: it imports nothing of the project.' },
            { group: ['**/kit/**'], message: 'The contract data does not depend on the kit that reads it.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/contracts/kit/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/emulator/**', '**/client/**', '**/cli/**', '**/config.js'], message: 'The contract kit reads the contracts only, never the emulator or the client.' }] },
      ],
    },
  },
  {
    files: ['src/emulator/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/providers/**', '**/client/**', '**/contracts/dinisoft/**', '**/contracts/mimsms/**'], message: 'The core knows no provider.' },
            { group: ['**/contracts/kit/**', '!**/contracts/kit/openapi.js'], message: 'The core may use the generic OpenAPI export only; the rest of the kit names providers.' },
          ],
        },
      ],
    },
  },
  ...providerFolders.map((provider) => ({
    files: [`src/emulator/providers/${provider}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: providerFolders.filter((other) => other !== provider).flatMap((other) => [`**/providers/${other}/**`, `**/contracts/${other}/**`]),
              message: 'Providers never import each other.',
            },
            { group: ['**/client/**', '**/control/**'], message: 'A provider reads only the core and its own contract.' },
          ],
        },
      ],
    },
  })),
  {
    files: ['src/client/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/emulator/**'], message: 'The client reads contracts, never the emulator.' }] }],
    },
  },
)
