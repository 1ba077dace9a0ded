/**
 * `npm run screenshots [-- --out <dir>] [--only <text>]`: renders every main screen of the demo — clerk and
 * kiosk, Japanese and English, tablet landscape, tablet portrait and phone — into a folder (`screenshots/`,
 * not committed), driving the real flows in Chromium against a production build (`?demo=1`). `--only` keeps the
 * shots whose file name contains the text. `--readme` also writes the README's small copies to
 * `docs/screenshots/`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { chromium, expect, type Page } from '@playwright/test';
import { build, preview } from 'vite';
import { japanDate } from '../app/policy';
import { persona } from '../mocks/card/personas';
import { cardSide, fakeCamera } from '../e2e/pages/camera-stream';
import { liftCard, placeCard as putCard } from '../e2e/pages/demo';
import { staffPinParam, STAFF_PIN } from '../e2e/pages/staff-screen';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'screenshots' },
    only: { type: 'string', default: '' },
    readme: { type: 'boolean', default: false },
  },
});

const VIEWPORTS = {
  tablet: { width: 1024, height: 768 },
  portrait: { width: 768, height: 1024 },
  phone: { width: 390, height: 844 },
} as const;
type ViewportName = keyof typeof VIEWPORTS;
type Lang = 'ja' | 'en';
type Mode = 'clerk' | 'kiosk';

/** The README's pictures: small copies of a few of the shots. */
const README_SHOTS = [
  'clerk-home-ja-tablet',
  'clerk-verdict-number-b-ja-tablet',
  'clerk-verdict-face-only-ja-tablet',
  'kiosk-password-ja-portrait',
  'kiosk-staff-call-ja-portrait',
  'clerk-home-en-phone',
];

interface Shot {
  readonly mode: Mode;
  readonly name: string;
  /** Extra launch-URL parameters. */
  readonly query?: string;
  /** A card face for the camera. */
  readonly camera?: 'adult-35';
  /** Brings the page from its first screen to the one to shoot. */
  readonly reach?: (page: Page) => Promise<void>;
}

const verdict = (page: Page) => expect(page.getByTestId('verdict')).toBeVisible({ timeout: 120_000 });

async function typePassword(page: Page, password: string): Promise<void> {
  await expect(page.getByTestId('jpki.password')).toBeVisible({ timeout: 30_000 });
  for (const key of password) await page.locator(`.keypad [data-key="${key}"]`).click();
  await page.getByTestId('jpki.submit').click();
}

/** The demo card leaves the reader and comes back: a kiosk starts the check by itself. */
async function placeCard(page: Page): Promise<void> {
  await liftCard(page);
  await putCard(page);
}

const SHOTS: readonly Shot[] = [
  { mode: 'clerk', name: 'home' },
  {
    mode: 'clerk',
    name: 'camera',
    camera: 'adult-35',
    reach: async (page) => {
      await page.getByTestId('flow.face-chip').click();
      await expect(page.locator('video')).toHaveJSProperty('paused', false, { timeout: 30_000 });
    },
  },
  {
    mode: 'clerk',
    name: 'face-confirm',
    camera: 'adult-35',
    reach: async (page) => {
      await page.getByTestId('flow.face-only').click();
      await expect(page.getByTestId('step.face-confirm')).toBeVisible({ timeout: 120_000 });
    },
  },
  {
    mode: 'clerk',
    name: 'face-confirm-no-expiry',
    reach: async (page) => {
      await page.getByTestId('flow.face-chip').click();
      const buffer = Buffer.from(await cardSide({ front: 'adult-35', hideExpiry: true }));
      await page.getByTestId('face.file').setInputFiles({ name: 'front.png', mimeType: 'image/png', buffer });
      await expect(page.getByTestId('step.face-confirm')).toBeVisible({ timeout: 120_000 });
    },
  },
  {
    mode: 'clerk',
    name: 'password',
    reach: async (page) => {
      await page.getByTestId('flow.jpki').click();
      await expect(page.getByTestId('jpki.password')).toBeVisible({ timeout: 30_000 });
    },
  },
  {
    mode: 'clerk',
    name: 'number-b-rejected',
    reach: async (page) => {
      await page.getByTestId('flow.number-b').click();
      await page.getByTestId('numberb.birth').fill('550217');
      await page.getByTestId('numberb.expiry').fill(String(new Date().getFullYear() + 5));
      await page.getByTestId('numberb.code').fill('0000');
      await page.getByTestId('numberb.submit').click();
      await expect(page.getByTestId('numberb.rejected')).toBeVisible({ timeout: 30_000 });
    },
  },
  {
    mode: 'clerk',
    name: 'number-b',
    reach: async (page) => {
      await page.getByTestId('flow.number-b').click();
      await expect(page.getByTestId('numberb.ageRecord')).toBeVisible({ timeout: 30_000 });
    },
  },
  {
    mode: 'clerk',
    name: 'number-b-birth-rejected',
    reach: async (page) => {
      await page.getByTestId('flow.number-b').click();
      await page.getByTestId('numberb.birth').fill('550217');
      await page.getByTestId('numberb.ageRecord').click();
      await expect(page.getByTestId('numberb.birthRejected')).toBeVisible({ timeout: 30_000 });
    },
  },
  {
    mode: 'clerk',
    name: 'verdict-number-b',
    reach: async (page) => {
      const numberB = persona('adult-35', japanDate(new Date())).numberB;
      await page.getByTestId('flow.number-b').click();
      await page.getByTestId('numberb.birth').fill(numberB.slice(0, 6));
      await page.getByTestId('numberb.expiry').fill(numberB.slice(6, 10));
      await page.getByTestId('numberb.code').fill(numberB.slice(10));
      await page.getByTestId('numberb.submit').click();
      await verdict(page);
      await expect(page.getByTestId('chip-photo')).toHaveAttribute('data-state', 'shown', { timeout: 30_000 });
    },
  },
  {
    mode: 'clerk',
    name: 'interrupted',
    reach: async (page) => {
      await page.getByTestId('flow.jpki').click();
      await expect(page.getByTestId('jpki.password')).toBeVisible({ timeout: 30_000 });
      await page.getByTestId('demo.card').click(); // the card lifted while the password is typed
      await expect(page.getByTestId('step.interrupted')).toBeVisible({ timeout: 30_000 });
    },
  },
  {
    mode: 'clerk',
    name: 'verdict-jpki',
    reach: async (page) => {
      await page.getByTestId('flow.jpki').click();
      await typePassword(page, 'ABC123');
      await verdict(page);
    },
  },
  {
    mode: 'clerk',
    name: 'verdict-face-chip',
    camera: 'adult-35',
    reach: async (page) => {
      await page.getByTestId('flow.face-chip').click();
      await verdict(page);
    },
  },
  {
    mode: 'clerk',
    name: 'verdict-face-only',
    camera: 'adult-35',
    reach: async (page) => {
      await page.getByTestId('flow.face-only').click();
      await page.getByTestId('face.decide').click({ timeout: 120_000 });
      await verdict(page);
    },
  },
  {
    mode: 'clerk',
    name: 'verdict-under-age',
    query: '&persona=minor-17',
    reach: async (page) => {
      await page.getByTestId('flow.jpki').click();
      await typePassword(page, 'ABC123');
      await verdict(page);
    },
  },
  {
    mode: 'clerk',
    name: 'verdict-cannot-verify',
    query: '&persona=password-locked',
    reach: async (page) => {
      await page.getByTestId('flow.jpki').click();
      await verdict(page);
    },
  },
  {
    mode: 'clerk',
    name: 'staff',
    reach: async (page) => {
      await page.getByTestId('staff.open').click();
      await page.getByTestId('staff.pin').fill(STAFF_PIN);
      await page.getByTestId('staff.unlock').click();
      await expect(page.getByTestId('staff.panel')).toBeVisible({ timeout: 30_000 });
    },
  },
  { mode: 'kiosk', name: 'home' },
  {
    mode: 'kiosk',
    name: 'password',
    reach: async (page) => {
      await placeCard(page);
      await expect(page.getByTestId('jpki.password')).toBeVisible({ timeout: 30_000 });
    },
  },
  {
    mode: 'kiosk',
    name: 'verdict',
    reach: async (page) => {
      await placeCard(page);
      await typePassword(page, 'ABC123');
      await verdict(page);
    },
  },
  {
    mode: 'kiosk',
    name: 'staff-call',
    query: '&persona=password-locked&idle=5',
    reach: async (page) => {
      await placeCard(page);
      // "Cannot verify" calls staff; the idle reset (5 s) clears the verdict, the call stays.
      await expect(page.getByTestId('staffcall')).toBeVisible({ timeout: 60_000 });
    },
  },
];

async function shrink(png: Buffer): Promise<Buffer> {
  const image = await loadImage(png);
  const canvas = createCanvas(Math.round(image.width / 2), Math.round(image.height / 2));
  canvas.getContext('2d').drawImage(image, 0, 0, canvas.width, canvas.height);
  return canvas.toBuffer('image/png');
}

async function main(): Promise<void> {
  const outDir = 'dist-screenshots';
  await build({ mode: 'production', logLevel: 'warn', build: { outDir } });
  const server = await preview({
    build: { outDir },
    logLevel: 'warn',
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  });
  const address = server.httpServer.address();
  if (address === null || typeof address === 'string') throw new Error('preview server has no TCP address');
  const origin = `http://127.0.0.1:${address.port}`;
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const front = await cardSide({ front: 'adult-35' });
  const pin = await staffPinParam();
  mkdirSync(values.out, { recursive: true });
  if (values.readme) mkdirSync('docs/screenshots', { recursive: true });
  let count = 0;
  try {
    for (const shot of SHOTS) {
      for (const lang of ['ja', 'en'] as const satisfies readonly Lang[]) {
        for (const viewport of Object.keys(VIEWPORTS) as ViewportName[]) {
          const file = `${shot.mode}-${shot.name}-${lang}-${viewport}`;
          if (!file.includes(values.only)) continue;
          const context = await browser.newContext({
            viewport: VIEWPORTS[viewport],
            locale: 'ja-JP',
            timezoneId: 'Asia/Tokyo',
            serviceWorkers: 'block',
          });
          const page = await context.newPage();
          if (shot.camera) await fakeCamera(page, front);
          const query = `?demo=1&readers=&mode=${shot.mode}&lang=${lang}&${pin}${shot.query ?? ''}`;
          await page.goto(`${origin}/${query}`);
          await expect(page.getByTestId('app')).toBeVisible({ timeout: 30_000 });
          await shot.reach?.(page);
          // Let the focus ring and the last paint settle.
          await page.waitForTimeout(300);
          const png = await page.screenshot();
          writeFileSync(join(values.out, `${file}.png`), png);
          if (values.readme && README_SHOTS.includes(file)) {
            writeFileSync(join('docs/screenshots', `${file}.png`), await shrink(png));
          }
          count += 1;
          console.log(`${file}.png`);
          await context.close();
        }
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(`${count} screenshots in ${values.out}/`);
}

await main();
