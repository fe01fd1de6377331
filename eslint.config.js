// @ts-check
// `npm run lint`: ESLint's and typescript-eslint's recommended rules everywhere, plus the
// type-aware promise rules where tsconfig.json gives the linter the types. No stylistic
// rules: layout is not the linter's business here.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// What tsconfig.json includes. bench/ and the .mjs files are outside it: they get the
// rules that need no types.
const TYPED = ['{lib,entrypoints,tests,standin,scripts}/**/*.{ts,tsx,mts}', '*.config.ts'];

export default defineConfig(
  globalIgnores(['node_modules/', '.output/', '.output-*/', '.wxt/', 'test-output/', 'bench-output/']),
  {
    files: ['**/*.{js,mjs,ts,tsx,mts}'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    // Node scripts that also hand functions to page.evaluate(), which run in a page or in
    // the extension (`chrome`).
    languageOptions: { globals: { ...globals.node, ...globals.browser, ...globals.webextensions } },
    rules: {
      // `const { updatedAt: _u, ...rest } = x` drops a field on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      // The portal's text separates fields with the ideographic space (U+3000); fixtures
      // and comments quote it.
      'no-irregular-whitespace': ['error', { skipComments: true, skipTemplates: true }],
      // Flags `let x = null; try { x = f() } catch { x = null }`, a pattern used on purpose.
      'no-useless-assignment': 'off',
    },
  },
  {
    // Raw records and answers the tests look into, and declarations of untyped .mjs.
    files: ['tests/**', '**/*.d.mts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: TYPED,
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // A promise nobody awaits loses its rejection: in the worker that is a lost write or
      // an alarm never set. Deliberate fire-and-forget is written `void promise`.
      '@typescript-eslint/no-floating-promises': 'error',
      // An async function where a void callback is expected (addEventListener, onMessage).
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
);
