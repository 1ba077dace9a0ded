import { expect, test } from '@playwright/test';
import { toHex } from '../app/card/bytes';
import { AID, JPKI_EF, SUPPORT_EF } from '../app/card/mynumber/ids';
import { SHA256_DIGEST_INFO_PREFIX } from '../app/card/mynumber/jpki-oids';
// Brings the typed `window.virtualCard` into scope.
import type {} from './fixtures/virtual-card-page';

const fid = (n: number) => n.toString(16).padStart(4, '0');
const ascii = (text: string) => toHex(new TextEncoder().encode(text));
const verify = (secret: string) => `00200080${secret.length.toString(16).padStart(2, '0')}${ascii(secret)}`;

test('the virtual card runs in Chromium: number B read, then a 2048-bit JPKI signature', async ({ page }) => {
  await page.goto('/e2e/fixtures/virtual-card.html');
  await expect(page.locator('html[data-ready="true"]')).toBeAttached();
  const { numberB, signPassword } = await page.evaluate(() =>
    window.virtualCard!.create('turns-20-today', '2026-11-26'),
  );
  const send = (command: string) => page.evaluate((c) => window.virtualCard!.send(c), command);

  expect(await send(`00A4040C0A${toHex(AID.support)}`)).toBe('9000');
  expect(await send(`00A4020C02${fid(SUPPORT_EF.numberB)}`)).toBe('9000');
  expect(await send('00200080')).toBe('63ca');
  expect(await send(verify(numberB))).toBe('9000');
  expect(await send(`00A4020C02${fid(SUPPORT_EF.basicFour)}`)).toBe('9000');
  expect(await send('00B0000000')).toContain(ascii('20061126'));

  expect(await send(`00A4040C0A${toHex(AID.jpki)}`)).toBe('9000');
  expect(await send(`00A4020C02${fid(JPKI_EF.signPin)}`)).toBe('9000');
  expect(await send(verify(signPassword))).toBe('9000');
  expect(await send(`00A4020C02${fid(JPKI_EF.signKey)}`)).toBe('9000');
  const signed = await send(`802A008033${toHex(SHA256_DIGEST_INFO_PREFIX)}${'ab'.repeat(32)}00`);
  expect(signed).toHaveLength(2 * 258);
  expect(signed.endsWith('9000')).toBe(true);
  expect(await page.evaluate(() => window.virtualCard!.violations())).toBe(0);
});
