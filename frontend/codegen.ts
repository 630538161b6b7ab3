import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed documents from ../schema.graphql (the committed, checked schema).
// The output (src/gql) is committed; scripts/test-console.sh fails when it is stale.
const config: CodegenConfig = {
  schema: '../schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**/*'],
  ignoreNoDocuments: true,
  generates: {
    './src/gql/': {
      preset: 'client',
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { DateTime: 'string', NaiveDate: 'string', JSON: 'unknown', Upload: 'File' },
      },
      presetConfig: { fragmentMasking: false },
    },
  },
  hooks: { afterAllFileWrite: [] },
};

export default config;
