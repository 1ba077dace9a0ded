/**
 * The generated nginx configuration, run by a real nginx (CI installs it; skipped where there is none):
 * it must load, and serve every file with the security headers and the right caching and types.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECURITY_HEADERS } from './security-headers';
import { nginxConfig } from './server-config';

const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((path) => existsSync(path));

/** A free loopback port (released just before nginx takes it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

/** A stand-in for `dist/`: one file of each kind the build has. */
const MODEL = gzipSync(Buffer.from('not really a model'));
const FILES: Readonly<Record<string, string | Buffer>> = {
  'index.html': '<!doctype html><title>t</title>',
  'sw.js': 'self.addEventListener("fetch", () => {});',
  'manifest.webmanifest': '{"name":"t"}',
  'assets/index-AbCd1234.js': 'export {};',
  'ocr/lang/jpn.traineddata.gz': MODEL,
  'config/revocation.json': '{}',
};

describe.skipIf(!NGINX)('nginx with the generated configuration', () => {
  let dir = '';
  let nginx: ChildProcess | null = null;
  let base = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'age-check-nginx-'));
    for (const [path, content] of Object.entries(FILES)) {
      mkdirSync(dirname(join(dir, 'root', path)), { recursive: true });
      writeFileSync(join(dir, 'root', path), content);
    }
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const conf = join(dir, 'nginx.conf');
    // One process that never changes user: it can read the test's private temporary folder.
    writeFileSync(
      conf,
      [
        'master_process off;',
        `pid ${dir}/nginx.pid;`,
        `error_log ${dir}/error.log;`,
        'events {}',
        'http {',
        '  access_log off;',
        ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${dir}/${t};`),
        '  server {',
        `    listen 127.0.0.1:${port};`,
        `    root ${dir}/root;`,
        nginxConfig(),
        '  }',
        '}',
      ].join('\n'),
    );
    const check = spawnSync(NGINX!, ['-t', '-p', dir, '-c', conf], { encoding: 'utf8' });
    expect(check.status, check.stderr).toBe(0);
    nginx = spawn(NGINX!, ['-p', dir, '-c', conf, '-g', 'daemon off;'], { stdio: 'ignore' });
    for (let i = 0; i < 100; i += 1) {
      if (
        await fetch(base).then(
          () => true,
          () => false,
        )
      )
        return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('nginx did not start');
  });

  afterAll(() => {
    nginx?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['/', 'text/html', 'no-cache'],
    ['/sw.js', 'text/javascript', 'no-cache'],
    ['/manifest.webmanifest', 'application/manifest+json', 'no-cache'],
    ['/assets/index-AbCd1234.js', 'text/javascript', 'public, max-age=31536000, immutable'],
    ['/ocr/lang/jpn.traineddata.gz', 'application/octet-stream', 'no-cache'],
    ['/config/revocation.json', 'application/json', 'no-store'],
  ])('%s: %s, Cache-Control %s, every security header', async (path, type, cacheControl) => {
    const response = await fetch(`${base}${path}`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain(type);
    expect(response.headers.get('cache-control')).toBe(cacheControl);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(response.headers.get(name), name).toBe(value);
  });

  it('serves the OCR model as the gzip bytes it is, without Content-Encoding', async () => {
    const response = await fetch(`${base}/ocr/lang/jpn.traineddata.gz`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(response.headers.get('content-encoding')).toBeNull();
    expect(Buffer.from(await response.arrayBuffer())).toEqual(MODEL);
  });
});
