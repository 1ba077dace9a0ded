/**
 * Builds the app in e2e mode (the production build plus the `window.__e2e` hook) and serves it with
 * `vite preview` on a free loopback port, with the production security headers. Returns the teardown.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { build, preview } from 'vite';
import { japanDate } from '../app/policy';
import { cardVideo } from '../mocks/card-face/camera-video';
import { persona } from '../mocks/card/personas';
import { BRIDGE_E2E, freePort } from './bridge/stack';
import { FAKE_CAMERA_DIR, FAKE_CAMERA_FILES } from './fake-camera';

export default async function globalSetup(): Promise<() => Promise<void>> {
  // The build's CSP names the bridge's port, so it is chosen before the build.
  if (BRIDGE_E2E) process.env['BRIDGE_PORT'] ??= String(await freePort());
  await build({ mode: 'e2e', logLevel: 'warn' });
  // Chromium's fake camera plays these clips (the camera projects launch with them); after the build, which
  // empties its output folder.
  mkdirSync(FAKE_CAMERA_DIR, { recursive: true });
  const today = japanDate(new Date());
  writeFileSync(FAKE_CAMERA_FILES.adultFront, await cardVideo({ kind: 'front', persona: persona('adult-35', today) }));
  writeFileSync(FAKE_CAMERA_FILES.back, await cardVideo({ kind: 'back', fictionalNumber: '123456789012' }));
  const server = await preview({
    mode: 'e2e',
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  });
  const address = server.httpServer.address();
  if (address === null || typeof address === 'string') throw new Error('preview server has no TCP address');
  // The PC/SC bridge's project starts the bridge itself (per spec), allowing exactly this preview origin.
  process.env['E2E_BASE_URL'] = `http://127.0.0.1:${address.port}`;
  return async () => {
    await server.close();
  };
}
