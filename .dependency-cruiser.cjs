/** Module boundaries of the house (see ARCHITECTURE.md and STYLE.md). */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'Import cycles make modules impossible to reason about alone.', from: {}, to: { circular: true } },
    {
      name: 'module-through-index',
      severity: 'error',
      comment: "A module reaches another only through that module's index.ts, never its repo, service internals or tables.",
      from: { path: '^apps/server/src/modules/([^/]+)/', pathNot: '\\.tables\\.ts$' },
      to: { path: '^apps/server/src/modules/([^/]+)/', pathNot: ['^apps/server/src/modules/$1/', '/index\\.ts$', '/testing/'] },
    },
    {
      name: 'stand-ins-only-in-tests',
      severity: 'error',
      comment: "A module's testing/ stand-ins (fake vendors, CRMs) are for tests only.",
      from: { path: '^apps/server/src/', pathNot: ['\\.test\\.ts$', '/testing/', '^apps/server/src/test/'] },
      to: { path: '/testing/' },
    },
    {
      name: 'tables-only-for-foreign-keys',
      severity: 'error',
      comment: "A *.tables.ts file may reference another module's tables (foreign keys), nothing else of it.",
      from: { path: '^apps/server/src/modules/([^/]+)/.+\\.tables\\.ts$' },
      to: { path: '^apps/server/src/modules/([^/]+)/', pathNot: ['^apps/server/src/modules/$1/', '\\.tables\\.ts$'] },
    },
    {
      name: 'platform-below-modules',
      severity: 'error',
      comment: 'Platform pieces are shared ground; they must not depend on any domain module.',
      from: { path: '^apps/server/src/platform/', pathNot: '\\.test\\.ts$' },
      to: { path: '^apps/server/src/modules/' },
    },
    {
      name: 'shared-has-no-io',
      severity: 'error',
      comment: 'packages/shared holds schemas and types only: no app code, no Node built-ins.',
      from: { path: '^packages/shared/' },
      to: { path: ['^apps/', '^node:'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'web-not-server',
      severity: 'error',
      comment: 'The web app talks to the server over HTTP only.',
      from: { path: '^apps/web/' },
      to: { path: '^apps/server/' },
    },
    {
      name: 'test-code-stays-in-tests',
      severity: 'error',
      comment: 'Test helpers are for tests.',
      from: { pathNot: ['\\.test\\.ts$', '^apps/server/src/test/', '^e2e/'] },
      to: { path: '^apps/server/src/test/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['dist/', 'node_modules/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.check.json' },
    enhancedResolveOptions: { conditionNames: ['source', 'import', 'default'], exportsFields: ['exports'], extensions: ['.ts', '.tsx', '.js'] },
  },
};
