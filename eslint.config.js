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
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/emulator/**', '**/client/**'], message: 'contracts/ is a leaf: it imports nothing of the project.' }] }],
    },
  },
  {
    files: ['src/emulator/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/providers/**', '**/client/**', '**/contracts/dinisoft/**', '**/contracts/mimsms/**'], message: 'The core knows no provider.' }] },
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
