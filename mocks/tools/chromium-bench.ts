/**
 * Runs a browser half of a benchmark in headless Chromium: bundles `entry` (an IIFE that puts `globalName` on
 * `globalThis`) with Vite, loads it into a blank page on http://localhost (a secure context for WebCrypto)
 * and returns what `globalThis[globalName]()` resolves to.
 */
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { build } from 'vite';

export async function runInChromium<T>(entry: string, globalName: string): Promise<T> {
  const bundle = await build({
    configFile: false,
    logLevel: 'silent',
    // Assets (the decoder's WebAssembly) are inlined: the blank page serves nothing else.
    build: {
      write: false,
      minify: false,
      assetsInlineLimit: Number.POSITIVE_INFINITY,
      lib: { entry, formats: ['iife'], name: `${globalName}Bundle` },
    },
  });
  const output = (Array.isArray(bundle) ? bundle[0] : bundle) as { output: { code?: string }[] };
  const code = output.output[0]?.code;
  if (!code) throw new Error('no browser bundle');
  const executablePath =
    process.env['CHROMIUM_PATH'] ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  const browser = await chromium.launch({
    ...(executablePath ? { executablePath } : {}),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const page = await browser.newPage();
    await page.route('http://localhost/bench', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>bench</title>' }),
    );
    await page.goto('http://localhost/bench');
    await page.addScriptTag({ content: code });
    return (await page.evaluate(
      (name) => (globalThis as unknown as Record<string, () => Promise<unknown>>)[name]?.(),
      globalName,
    )) as T;
  } finally {
    await browser.close();
  }
}
