/**
 * Privacy in the built app, service worker included: a full demo check with each method sends no request
 * off this machine, and leaves nothing personal in browser storage (Web Storage, IndexedDB, Cache API).
 */
import { readdirSync } from 'node:fs';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { AUDIT_DB_NAME } from '../app/audit/audit-log';
import { TRUST_ANCHOR_PATH } from '../app/methods/jpki-signature/config-paths';
import { japanDate } from '../app/policy';
import { persona } from '../mocks/card/personas';
import { cardImage } from './pages/card-image';
import { AgeCheck } from './pages/age-check';
import { checkWithBothChipMethods } from './pages/chip-checks';
import { demoDiagnostics } from './pages/demo';
import { cacheContents, waitForServiceWorker } from './pages/service-worker';

test.use({ serviceWorkers: 'allow' });
test.describe.configure({ timeout: 180_000 });

const PERSONA = 'adult-35';

/** JPKI signature, then number B, then the card face from an image file: one customer, three verdicts. */
async function checkWithEveryMethod(page: Page, info: TestInfo): Promise<void> {
  await checkWithBothChipMethods(page, PERSONA);

  const check = new AgeCheck(page);
  await check.start('face-only');
  await expect(check.step('blocked')).toBeVisible(); // no camera in this browser: a photo instead
  await page.getByTestId('face.file').setInputFiles(await cardImage(PERSONA, info.outputDir));
  await page.getByTestId('face.decide').click({ timeout: 90_000 });
  await check.expectVerdict('of-age');
  expect(await demoDiagnostics(page)).toMatchObject({ privacyViolations: 0 });
}

const isLocal = (url: string) => {
  const { protocol, hostname } = new URL(url);
  if (protocol === 'data:' || protocol === 'blob:') return true;
  return ['127.0.0.1', 'localhost', '[::1]'].includes(hostname);
};

test('a check with each method sends no request off this machine, page or service worker', async ({
  page,
  context,
}, info) => {
  const requests: { url: string; fromServiceWorker: boolean }[] = [];
  context.on('request', (request) => {
    requests.push({ url: request.url(), fromServiceWorker: request.serviceWorker() !== null });
  });
  await checkWithEveryMethod(page, info);
  await waitForServiceWorker(page);
  // The recording saw both the page's requests and the worker's precache downloads.
  expect(requests.some((r) => r.fromServiceWorker && r.url.includes('/ocr/lang/jpn.traineddata.gz'))).toBe(true);
  expect(requests.filter((r) => !isLocal(r.url))).toEqual([]);
});

/** Everything in the page's storage, binary values marked, as text to search. */
function dumpStorage(page: Page) {
  return page.evaluate(async () => {
    const entries = (storage: Storage) => Object.fromEntries(Object.entries(storage));
    const plain = (value: unknown): unknown => {
      if (value instanceof Blob || value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return '[binary]';
      if (Array.isArray(value)) return value.map(plain);
      if (value instanceof Date) return value.toISOString();
      if (value !== null && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
      }
      return value;
    };
    const databases: Record<string, Record<string, unknown[]>> = {};
    for (const { name, version } of await indexedDB.databases()) {
      if (!name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name, version);
        open.onsuccess = () => {
          resolve(open.result);
        };
        open.onerror = () => {
          reject(new Error(`cannot open ${name}`));
        };
      });
      const stores: Record<string, unknown[]> = {};
      for (const storeName of Array.from(db.objectStoreNames)) {
        stores[storeName] = await new Promise<unknown[]>((resolve, reject) => {
          const all = db.transaction(storeName).objectStore(storeName).getAll();
          all.onsuccess = () => {
            resolve((all.result as unknown[]).map(plain));
          };
          all.onerror = () => {
            reject(new Error(`cannot read ${name}/${storeName}`));
          };
        });
      }
      db.close();
      databases[name] = stores;
    }
    return {
      local: entries(localStorage),
      session: entries(sessionStorage),
      databases,
      cookies: document.cookie,
    };
  });
}

/** The persona's personal data in every form the three methods see it. */
function personalNeedles(): { label: string; pattern: RegExp }[] {
  const p = persona(PERSONA, japanDate(new Date()));
  const [year, month, day] = p.dateOfBirth.split('-');
  const digits = (label: string, value: string) => ({ label, pattern: new RegExp(`(?<!\\d)${value}(?!\\d)`) });
  const text = (label: string, value: string) => ({
    label,
    pattern: new RegExp(value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
  });
  return [
    text('ISO date of birth', p.dateOfBirth),
    digits('YYYYMMDD date of birth', `${year}${month}${day}`),
    text('Western date of birth', `${Number(year)}年${Number(month)}月${Number(day)}日`),
    text('era date of birth', p.face.birthDateText.replace(/生$/, '')),
    digits('era digits (number B)', p.numberB.slice(0, 6)),
    digits('number B', p.numberB),
    digits('security code', p.face.securityCode),
    digits('My Number', p.secrets.myNumber),
    text('signature password', p.secrets.signPassword),
    ...p.name.split('\u3000').map((part) => text('name', part)),
    text('address', p.address),
    { label: 'image data', pattern: /data:image|\[binary\]|blob:/ },
  ];
}

/** Field names that an audit record of time, method, threshold, verdict, assurance and terminal never needs. */
const PERSONAL_FIELD =
  /birth|dob|^"(?:full|given|family|sur)?name"|address|sex|gender|numberb|mynumber|securitycode|password|^"pin"|image|photo|certificate/i;

test('nothing personal is left in browser storage after a check with each method', async ({ page }, info) => {
  await checkWithEveryMethod(page, info);
  await page.getByTestId('verdict.next').click();
  await waitForServiceWorker(page);

  const stored = await dumpStorage(page);
  expect(stored.local).toEqual({});
  expect(stored.session).toEqual({});
  expect(stored.cookies).toBe('');
  // The audit log and nothing else: records of time, method, threshold, verdict, assurance, terminal id.
  expect(Object.keys(stored.databases)).toEqual([AUDIT_DB_NAME]);
  const records = Object.values(stored.databases).flatMap((stores) => Object.values(stores).flat());
  expect(records.length).toBeGreaterThanOrEqual(3); // one per verdict, besides the terminal id
  for (const record of records) {
    const fields = JSON.stringify(record).match(/"([^"]+)":/g) ?? [];
    expect(
      fields.filter((field) => PERSONAL_FIELD.test(field)),
      JSON.stringify(record),
    ).toEqual([]);
  }
  const text = JSON.stringify(stored);
  for (const { label, pattern } of personalNeedles()) expect(text, label).not.toMatch(pattern);

  // The Cache API holds the build's own files (and the operator's public J-LIS roots), nothing else.
  const built = new Set(
    readdirSync('dist-e2e', { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => `/${entry.parentPath.replace(/^dist-e2e\/?/, '')}/${entry.name}`.replace(/^\/\//, '/')),
  );
  built.add(`/${TRUST_ANCHOR_PATH}`);
  const cached = Object.values(await cacheContents(page)).flat();
  expect(cached.length).toBeGreaterThan(0);
  for (const url of cached) {
    const { origin, pathname, search } = new URL(url);
    expect(origin).toBe(new URL(page.url()).origin);
    expect(built.has(pathname), pathname).toBe(true);
    expect(search, url).toMatch(/^(?:\?__WB_REVISION__=[0-9a-f]+)?$/);
  }
});
