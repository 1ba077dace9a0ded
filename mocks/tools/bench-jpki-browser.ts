/**
 * Browser half of `npm run bench:jpki`: bundled by the bench and run in Chromium. Times the X.509 work of the
 * JPKI check (certificate parsing, chain, policy, the challenge signature) where it really runs.
 */
import { concatBytes } from '../../app/card/bytes';
import { verifySignCertificate } from '../../app/card/jpki-certificate';
import { demoAnchors } from '../../app/card/jpki-trust-anchors';
import { SHA256_DIGEST_INFO_PREFIX } from '../../app/card/mynumber/jpki-oids';
import { persona } from '../card/personas';
import { caCertificates, issueSignCertificate } from '../card/pki/simulator-pki';
import { testKey } from '../card/pki/test-keys';
import { rawRsaKey } from '../card/raw-rsa';

const ROUNDS = 30;

async function run(): Promise<{ firstMs: number; medianMs: number; rounds: number }> {
  const p = persona('adult-35', '2026-11-26');
  const certificateDer = new Uint8Array((await issueSignCertificate(p)).rawData);
  const anchors = demoAnchors([new Uint8Array((await caCertificates()).signCa.rawData)]);
  const challenge = crypto.getRandomValues(new Uint8Array(32));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', challenge));
  const signature = rawRsaKey((await testKey(`card-${p.keySlot}-sign`)).jwk).sign(
    concatBytes(SHA256_DIGEST_INFO_PREFIX, digest),
  );
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i += 1) {
    const started = performance.now();
    await verifySignCertificate({
      certificateDer,
      challenge,
      signature,
      anchors,
      now: new Date('2026-11-26T03:00:00Z'),
    });
    times.push(performance.now() - started);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { firstMs: times[0] ?? 0, medianMs: sorted[Math.floor(sorted.length / 2)] ?? 0, rounds: ROUNDS };
}

Object.assign(globalThis, { benchJpki: run });
