import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import { BRIDGE_E2E } from './e2e/bridge/stack';
import { FAKE_CAMERA_FILES } from './e2e/fake-camera';

/**
 * Chromium: `CHROMIUM_PATH` when set, else Debian's `/usr/bin/chromium` when present, else Playwright's own
 * browser (on machines where `npx playwright install` works).
 */
const chromiumPath =
  process.env['CHROMIUM_PATH'] ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

/** Chromium as the probe runs it, optionally with a fake camera playing `cameraClip`. */
function browser(cameraClip?: string) {
  return {
    ...devices['Desktop Chrome'],
    viewport: { width: 1280, height: 800 },
    ...(cameraClip ? { permissions: ['camera'] } : {}),
    launchOptions: {
      ...(chromiumPath ? { executablePath: chromiumPath } : {}),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        ...(cameraClip
          ? [
              '--use-fake-device-for-media-stream',
              '--use-fake-ui-for-media-stream',
              `--use-file-for-fake-video-capture=${cameraClip}`,
            ]
          : []),
      ],
    },
  };
}

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  // The e2e build is served by global setup on a free port; its URL reaches the tests through the environment.
  globalSetup: './e2e/global-setup.ts',
  fullyParallel: true,
  // One worker in CI: on this machine kind the suite with two ran at load ≈ 10 and took 19 min, and five tests ran
  // out of time (OCR of a photo past 60 s, a kiosk idle reset), in a dry run of `.ci/run` on 2 December 2026.
  workers: process.env['CI'] ? 1 : undefined,
  forbidOnly: Boolean(process.env['CI']),
  retries: 0,
  // Budgets from measured times on the shared 2-core machine with other test runs beside (load 6–10, CI=true,
  // 2 workers): the slowest chip test 19.5 s, OCR tests 7–14 s, the median 4.9 s; a step waits at most 4 s. A
  // heavier load (20+) has been seen to triple them: the budgets keep that far from the limits. OCR specs set
  // 90 s for themselves.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env['CI'] ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: process.env['E2E_BASE_URL'],
    trace: 'retain-on-failure',
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    // The built app installs a service worker that precaches ~14 MB (OCR engine and model). The specs about
    // it (offline, privacy) allow it with `test.use({ serviceWorkers: 'allow' })`; elsewhere it would only
    // cost every fresh context that download.
    serviceWorkers: 'block',
  },
  projects: [
    { name: 'chromium', testIgnore: ['**/camera-*.spec.ts', '**/bridge/*.spec.ts'], use: browser() },
    // Chromium's fake camera plays one clip per browser, so each clip has its project.
    { name: 'camera-front', testMatch: '**/camera-front.spec.ts', use: browser(FAKE_CAMERA_FILES.adultFront) },
    { name: 'camera-back', testMatch: '**/camera-back.spec.ts', use: browser(FAKE_CAMERA_FILES.back) },
    // Through the local PC/SC bridge to pcscd + vpcd + the virtual card: only where that stack is up.
    // One worker: the specs share vpcd's reader and the bridge's port (each spec starts and stops the bridge).
    ...(BRIDGE_E2E ? [{ name: 'bridge', testMatch: '**/bridge/*.spec.ts', workers: 1, use: browser() }] : []),
  ],
});
