import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Imports point inward: the domain and the use cases never reach an adapter or its SDK, and
 * each SDK has one home folder. One block per folder, so no rule silently overrides another.
 */
const BOTBUILDER = ['botbuilder', 'botbuilder-*', 'botframework-*'];
const AGENTS = ['@microsoft/agents-*'];
const SDKS = [...BOTBUILDER, ...AGENTS];
const REDIS = ['ioredis', 'bullmq'];
const GRAPH = ['@microsoft/microsoft-graph-client', '@azure/msal-node'];
const IO = ['express', 'pino', 'fs', 'node:fs', 'http', 'node:http', 'net', 'node:net'];
const OUTER = ['**/compose/**', '**/bot/**', '**/graph/**', '**/store/**', '**/jobs/**', '**/http/**', '**/config/**', '**/i18n/**', '**/main*'];

const restrict = (files, groups, message) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns: [{ group: groups, message }] }] },
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-warning-comments': ['error', { terms: ['todo', 'fixme', 'xxx'], location: 'start' }],
    },
  },
  restrict(['src/domain/**/*.ts'], [...SDKS, ...REDIS, ...GRAPH, ...IO, '**/app/**', ...OUTER], 'the domain is pure TypeScript: no I/O, no adapters'),
  restrict(['src/app/**/*.ts'], [...SDKS, ...REDIS, ...GRAPH, ...IO, ...OUTER], 'use cases depend on the domain and their ports only'),
  restrict(['src/bot/**/*.ts'], [...REDIS, ...GRAPH, '**/store/**', '**/graph/**', '**/jobs/**'], 'the bot reaches storage and Graph through ports'),
  // Each bot SDK lives in its own folder behind the port in src/bot/sdk/bot-sdk.ts.
  {
    files: ['src/bot/**/*.ts'],
    // create-bot-sdk.ts is the one file that picks between them.
    ignores: ['src/bot/sdk/botbuilder/**', 'src/bot/sdk/agents/**', 'src/bot/sdk/create-bot-sdk.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: [...REDIS, ...GRAPH, '**/store/**', '**/graph/**', '**/jobs/**'], message: 'the bot reaches storage and Graph through ports' },
            { group: SDKS, message: 'a bot SDK is imported only in its folder under src/bot/sdk' },
          ],
        },
      ],
    },
  },
  restrict(['src/bot/sdk/botbuilder/**/*.ts'], [...REDIS, ...GRAPH, ...AGENTS, '**/store/**', '**/graph/**', '**/jobs/**'], 'botbuilder\'s folder knows no other SDK, storage or Graph'),
  restrict(['src/bot/sdk/agents/**/*.ts'], [...REDIS, ...GRAPH, ...BOTBUILDER, '**/store/**', '**/graph/**', '**/jobs/**'], 'the Agents SDK\'s folder knows no other SDK, storage or Graph'),
  restrict(['src/store/**/*.ts', 'src/jobs/**/*.ts'], [...SDKS, ...GRAPH, '**/bot/**', '**/http/**'], 'storage adapters know no Teams or Graph'),
  restrict(['src/graph/**/*.ts'], [...SDKS, ...REDIS, '**/bot/**', '**/http/**'], 'the Graph adapter knows no Teams or Redis'),
  restrict(['src/compose/**/*.ts'], SDKS, 'the composition root picks an SDK through src/bot/sdk, never imports one'),
  restrict(['src/http/**/*.ts', 'src/config/**/*.ts', 'src/i18n/**/*.ts'], [...SDKS, ...REDIS, ...GRAPH], 'SDKs stay in their adapter folders'),
);
