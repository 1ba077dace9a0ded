/**
 * Builds the app in e2e mode (the production build plus the `window.__e2e` hook) and serves it with
 * `vite preview` on a free loopback port, with the production security headers. Returns the teardown.
 */
import { build, preview } from 'vite';

export default async function globalSetup(): Promise<() => Promise<void>> {
  await build({ mode: 'e2e', logLevel: 'warn' });
  const server = await preview({
    mode: 'e2e',
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  });
  const address = server.httpServer.address();
  if (address === null || typeof address === 'string') throw new Error('preview server has no TCP address');
  process.env['E2E_BASE_URL'] = `http://127.0.0.1:${address.port}`;
  return async () => {
    await server.close();
  };
}
