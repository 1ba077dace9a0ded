/**
 * Test double of an operator's revocation service (see `app/methods/jpki-signature/revocation.ts`), for Node
 * tests and for e2e runs where a page served from another loopback port calls it through CORS. It speaks the
 * same protocol as the real service would and knows nothing of JPKI: revoked serials are given to it.
 * Test-only: it listens on 127.0.0.1 alone and logs nothing (requests carry a token, and the certificate when an
 * operator sends it). It records which fields each check carried, so tests can prove the request is minimal.
 */
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RevocationServerOptions {
  /** Bearer token every request must carry; none checked when absent. */
  token?: string;
  /** Serial numbers (hex, any case) to answer 'revoked' for. */
  revokedSerials?: Iterable<string>;
  /** Wait before answering each check, milliseconds, to exercise client timeouts. */
  delayMs?: number;
}

export interface RevocationServer {
  /** The endpoint to put into a `RevocationConfig`. */
  readonly url: string;
  /** Checks (POSTs) received so far, whatever their answer; CORS preflights are not counted. */
  readonly requests: number;
  /** The top-level field names of each well-formed check, in order (values are never kept). */
  readonly fields: readonly (readonly string[])[];
  /** Stops listening and drops open connections, including answers still delayed. */
  close(): Promise<void>;
}

/** Same bound as a certificate plus its JSON wrapping could ever need, many times over. */
const MAX_BODY_BYTES = 64 * 1024;
/** Past this the sender is not a client worth answering: drop the connection. */
const DROP_BODY_BYTES = 16 * MAX_BODY_BYTES;
const PATH = '/check';
const HEX = /^[0-9a-f]+$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Starts the service on 127.0.0.1 on a free port. Answers `POST /check` with 401 without the right bearer
 * token (when one is set), 400 for a malformed body or one over 64 KiB, else 200
 * `{ "version": 1, "status": "good" | "revoked" }`; answers CORS preflights for any origin.
 */
export async function startRevocationServer(options: RevocationServerOptions = {}): Promise<RevocationServer> {
  const revoked = new Set([...(options.revokedSerials ?? [])].map((serial) => serial.toLowerCase()));
  const expectedAuthorization = options.token === undefined ? null : Buffer.from(`Bearer ${options.token}`);
  const delayMs = options.delayMs ?? 0;
  const timers = new Set<NodeJS.Timeout>();
  let requests = 0;
  const fields: string[][] = [];

  const answerLater = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const send = () => {
      if (res.destroyed || res.writableEnded) return;
      answer(res, status, body, headers);
    };
    if (delayMs <= 0) {
      send();
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      send();
    }, delayMs);
    timers.add(timer);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    allowOrigin(req, res);
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path !== PATH) {
      req.resume();
      answer(res, 404, { error: 'not found' });
      return;
    }
    if (req.method === 'OPTIONS') {
      req.resume();
      res.setHeader('Access-Control-Allow-Methods', 'POST');
      res.setHeader('Access-Control-Allow-Headers', 'content-type, authorization');
      res.setHeader('Access-Control-Max-Age', '600');
      res.writeHead(204).end();
      return;
    }
    if (req.method !== 'POST') {
      req.resume();
      answer(res, 405, { error: 'method not allowed' }, { Allow: 'POST, OPTIONS' });
      return;
    }
    requests += 1;
    const body = await readBody(req);
    if (body === 'dropped') return;
    if (expectedAuthorization !== null && !authorised(req.headers.authorization, expectedAuthorization)) {
      answerLater(res, 401, { error: 'unauthorised' }, { 'WWW-Authenticate': 'Bearer' });
      return;
    }
    const parsed = body === 'too-large' ? null : checkOf(req, body);
    if (parsed === null) {
      answerLater(res, 400, { error: 'bad request' });
      return;
    }
    const { serialNumber } = parsed;
    fields.push(parsed.fields);
    answerLater(res, 200, { version: 1, status: revoked.has(serialNumber) ? 'revoked' : 'good' });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) answer(res, 500, { error: 'internal error' });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}${PATH}`;

  let closed: Promise<void> | null = null;
  return {
    url,
    get requests() {
      return requests;
    },
    fields,
    close() {
      closed ??= new Promise<void>((resolve, reject) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
        // Keep-alive sockets (and answers still delayed) would otherwise hold close() open.
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

/** Lets a page on any origin (e.g. the app on another loopback port) read the answers, errors included. */
function allowOrigin(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('Vary', 'Origin');
  const origin = req.headers.origin;
  if (origin !== undefined) res.setHeader('Access-Control-Allow-Origin', origin);
}

function answer(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json',
    'Cache-Control': 'no-store',
  });
  res.end(JSON.stringify(body));
}

/**
 * The whole body; 'too-large' past {@link MAX_BODY_BYTES} (still read to its end, so the client gets the 400
 * rather than a reset connection), 'dropped' past {@link DROP_BODY_BYTES}.
 */
async function readBody(req: IncomingMessage): Promise<Buffer | 'too-large' | 'dropped'> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > DROP_BODY_BYTES) {
    req.destroy();
    return 'dropped';
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > DROP_BODY_BYTES) {
      req.destroy();
      return 'dropped';
    }
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  }
  return size > MAX_BODY_BYTES ? 'too-large' : Buffer.concat(chunks);
}

function authorised(header: string | undefined, expected: Buffer): boolean {
  if (header === undefined) return false;
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The serial number and field names of a well-formed request body, else null. The certificate is optional (an
 * operator's `sendCertificate`), but when present it must be base64.
 */
function checkOf(req: IncomingMessage, body: Buffer): { serialNumber: string; fields: string[] } | null {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') return null;
  let request: unknown;
  try {
    request = JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
  if (typeof request !== 'object' || request === null || Array.isArray(request)) return null;
  const { version, serialNumber, issuer, certificate } = request as Record<string, unknown>;
  const wellFormed =
    version === 1 &&
    typeof serialNumber === 'string' &&
    HEX.test(serialNumber) &&
    typeof issuer === 'string' &&
    issuer !== '' &&
    (certificate === undefined || (typeof certificate === 'string' && certificate !== '' && BASE64.test(certificate)));
  return wellFormed ? { serialNumber, fields: Object.keys(request).sort() } : null;
}
