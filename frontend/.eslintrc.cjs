// Features stay out of each other's internals: a feature may import the
// shared layers (components, lib, gql) and its own files; only the
// composition root (src/app) assembles features.
const features = ['auth', 'establishments', 'base', 'diagnostics', 'cas-test', 'matching', 'assistance', 'region', 'cas-registry', 'helpdesk', 'users', 'audit', 'models', 'bases', 'exchanges'];

module.exports = {
  root: true,
  env: { browser: true, es2022: true, node: true },
  parser: '@typescript-eslint/parser',
  parserOptions: { ecmaVersion: 'latest', sourceType: 'module', ecmaFeatures: { jsx: true } },
  plugins: ['@typescript-eslint', 'import', 'react-hooks', 'jsx-a11y'],
  extends: [
    'eslint:recommended',
    'plugin:@typescript-eslint/recommended',
    'plugin:react-hooks/recommended',
    'plugin:jsx-a11y/recommended',
    'plugin:import/typescript',
  ],
  settings: {
    'import/resolver': { typescript: { project: './tsconfig.json' } },
  },
  ignorePatterns: ['dist', 'node_modules', 'src/gql', 'e2e/screenshots'],
  rules: {
    'import/no-restricted-paths': [
      'error',
      {
        zones: [
          ...features.map((feature) => ({
            target: `./src/features/${feature}`,
            from: './src/features',
            except: [`./${feature}`],
            message: 'Une fonctionnalité n’importe pas les fichiers d’une autre : passez par src/app, src/components ou src/lib.',
          })),
          {
            target: ['./src/components', './src/lib'],
            from: ['./src/features', './src/app'],
            message: 'Les couches partagées ne dépendent ni des fonctionnalités ni de la racine.',
          },
        ],
      },
    ],
    'import/no-cycle': 'error',
    '@typescript-eslint/no-explicit-any': 'error',
    'no-console': ['error', { allow: ['warn', 'error'] }],
  },
  overrides: [
    { files: ['e2e/**/*.mjs', 'scripts/**/*.mjs'], rules: { 'no-console': 'off' } },
  ],
};
