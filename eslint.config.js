// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'dist-e2e/',
      'dist-screenshots/',
      'screenshots/',
      'test-results/',
      'playwright-report/',
      'node_modules/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.json', './tsconfig.node.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // Each layer registers its error codes by merging `interface ErrorCodeRegistry extends Record<…> {}`.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
    },
  },
  {
    files: ['app/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Logs could carry personal data: the app logs nothing but warnings and errors without it.
      'no-console': ['error', { allow: ['warn', 'error'] }],
      // Persistent storage would keep personal data past a check: the app uses none.
      'no-restricted-globals': [
        'error',
        { name: 'localStorage', message: 'Nothing is persisted: keep state in the session store.' },
        { name: 'sessionStorage', message: 'Nothing is persisted: keep state in the session store.' },
        { name: 'indexedDB', message: 'Only the audit log (without personal data) may use IndexedDB.' },
      ],
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'idb', message: 'Only app/audit (records without personal data) may use IndexedDB.' }] },
      ],
    },
  },
  {
    // The audit log is one store on disk; its record validator keeps personal data out. The other is the PC/SC
    // bridge's pairing: a non-extractable key and the bridge's public key, nothing about anyone.
    files: ['app/audit/**/*.ts', 'app/readers/pcsc-bridge/pairing-keys.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // Byte codecs check lengths before indexing; with noUncheckedIndexedAccess every index is optional.
    files: ['app/card/**/*.ts', 'app/readers/**/*.ts', 'mocks/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // Pixel loops index only inside the image they walk; a fallback per pixel is dead code in the hot path.
    files: ['app/methods/card-face-ocr/card-rectify.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // Fakes of WebUSB build the browser's result objects as plain data.
    files: ['mocks/usb/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-class-instance-assignment': 'off' },
  },
  {
    files: ['**/*.test.ts', 'e2e/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['e2e/**/*.ts', 'scripts/**/*.{ts,mjs}', '*.config.{ts,js}'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
  },
);
