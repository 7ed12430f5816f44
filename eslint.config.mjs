// Lint rules that find bugs (promises left floating, unsafe any, impossible conditions),
// not matters of taste: Prettier owns the layout. Type-aware through the TypeScript 6 API
// package (TypeScript 7, which builds the project, has no JavaScript API yet). The base is
// typescript-eslint's recommended type-checked set (any flowing into typed code, unbound
// methods, objects printed as [object Object], await of a non-promise...), with the bug
// finders of its strict set added below and its matters of style turned off.
import eslint from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: ['dist/', 'node_modules/', 'test-artifacts/', 'data/', 'flex-templates/'],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      // One program built from tsconfig.json (every .ts file is in it), which lints in about a
      // fifth less time than the project service; a .ts file outside it is refused by name.
      parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Promises: one left floating loses its error; one passed where a callback's result is
      // ignored (an event listener, forEach) runs unawaited; awaiting a non-promise is a typo.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // Promise.all over values some of which are promises is how an Awaitable<T> (a file
      // store answers at once, PostgreSQL later) is awaited; only all-plain arrays are typos.
      '@typescript-eslint/await-thenable': ['error', { allowMixedPromiseArrays: true }],
      // Only where leaving out `await` changes which catch or finally sees the error.
      '@typescript-eslint/return-await': ['error', 'error-handling-correctness-only'],
      // A rejection or throw that is not an Error has no stack and no message to log.
      // Passing on a caught error as it is (unknown) is allowed, like rethrowing it.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
      '@typescript-eslint/only-throw-error': 'error',
      // A switch with no default must name every case of its union, so a new event type or
      // status is not silently ignored; a default is an explicit "everything else".
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      // A condition the types say is always true or false is dead code or a wrong type
      // (noUncheckedIndexedAccess is on, so indexing is not a false alarm).
      '@typescript-eslint/no-unnecessary-condition': 'error',
      // `x! ?? y` contradicts itself: one of the two is wrong.
      '@typescript-eslint/no-non-null-asserted-nullish-coalescing': 'error',
      // Spreading a promise, Map or class instance into an object copies nothing useful.
      // Strings are allowed: Thai text is split into code points on purpose (fuzzy matching).
      '@typescript-eslint/no-misused-spread': ['error', { allow: ['string'] }],
      // APIs their authors have marked for removal (zod 4 `message`, for instance).
      '@typescript-eslint/no-deprecated': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      eqeqeq: ['error', 'smart'],
      'no-constant-condition': ['error', { checkLoops: false }],
      // Mistakes the compiler lets through: '${x}' in plain quotes, a map() callback that
      // returns nothing, x === x, a loop that can only run once or whose condition never changes.
      'no-template-curly-in-string': 'error',
      'array-callback-return': 'error',
      'no-self-compare': 'error',
      'no-unreachable-loop': 'error',
      'no-unmodified-loop-condition': 'error',
      // Taste, not bugs. An async function without await still turns a throw into a
      // rejection, which is what the handler maps expect.
      '@typescript-eslint/require-await': 'off',
      // The control characters in the sanitisers' patterns are there on purpose.
      'no-control-regex': 'off',
      // Our wrapped errors already carry the caught error's message in one clear line; a
      // `cause` would add its stack to what a command prints.
      'preserve-caught-error': 'off',
      // Style the recommended sets carry that says nothing about behaviour.
      'no-useless-escape': 'off',
      '@typescript-eslint/no-array-constructor': 'off',
      '@typescript-eslint/no-namespace': 'off',
      '@typescript-eslint/no-this-alias': 'off',
      '@typescript-eslint/prefer-as-const': 'off',
      '@typescript-eslint/prefer-namespace-keyword': 'off',
      '@typescript-eslint/triple-slash-reference': 'off',
      '@typescript-eslint/no-unnecessary-type-constraint': 'off',
    },
  },
  {
    // Tests read JSON bodies and LINE requests loosely typed; what matters there is that
    // promises are awaited and conditions can fail.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      // expect(obj.method).toHaveBeenCalled() passes methods unbound on purpose.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // The browser scripts (public/) and the .mjs files have no types: the rules that need
    // none still run (unused variables, unreachable code, duplicate keys...). Their globals
    // are the browser's or Node's, which no-undef would need listed, so it is left out.
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    rules: { ...tseslint.configs.disableTypeChecked.rules, 'no-undef': 'off' },
  },
);
