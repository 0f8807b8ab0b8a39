/**
 * graphql-js, loaded as the CommonJS build mercurius loads. Its classes are checked with
 * instanceof across the library, and a bundler-style resolver (vitest) would otherwise pick
 * the package's ESM build for our imports: two copies, and "from another module or realm".
 */
export * from 'graphql/index.js';
