/**
 * `npm run bench:bridge [-- --apdus 200]`
 *
 * Round-trip time per APDU through the bridge's WebSocket against direct PC/SC with the same binding, in one
 * run: pcscd + vsmartcard-vpcd must be running (`pcscd` as root); the virtual card is put into vpcd's reader
 * here. After SELECT JPKI-AP, the rounds alternate SELECT EF 000A and READ BINARY of 32 bytes of it (the
 * authentication certificate, free to read). Through the bridge every APDU goes the way the page sends it:
 * sealed (AES-GCM) in the paired channel, checked by the card policy, and the answer sealed back. Prints
 * median and p95 per APDU for both paths and their ratio.
 */
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { hex } from '../app/card/bytes';
import { DEFAULT_PAIRING } from './pairing';
import { PairingStore } from './pairing-store';
import { loadSmartcardPcsc } from './pcsc-smartcard';
import type { Pcsc } from './pcsc';
import { startBridge } from './server';
import { FakePcsc } from './testing/fake-pcsc';
import { nodeBridgeClient } from '../mocks/bridge/node-client';

const { values } = parseArgs({ options: { apdus: { type: 'string', default: '200' } } });
const apdus = Math.max(2, Number(values.apdus) || 200);
const ORIGIN = 'http://bench.localhost';
/** SELECT JPKI-AP (no FCI) once, then SELECT EF 000A and READ BINARY 32 in turn (card-protocol.md §2). */
const SELECT_AP = hex`00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01`;
const SELECT_EF = hex`00 A4 02 0C 02 00 0A`;
const READ = hex`00 B0 00 00 20`;

function stats(samples: number[]): { median: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { median: at(0.5), p95: at(0.95) };
}

async function timed(exchange: (apdu: Uint8Array) => Promise<Uint8Array>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < apdus; i += 1) {
    const apdu = i % 2 === 0 ? SELECT_EF : READ;
    const started = performance.now();
    const response = await exchange(apdu);
    samples.push(performance.now() - started);
    if (response[response.length - 2] !== 0x90) throw new Error('the card refused a bench APDU');
  }
  return samples;
}

const pcsc = await loadSmartcardPcsc();
/**
 * The virtual card in its own process, in vpcd's second slot (TCP 35964, "Virtual PCD 00 01", so the OpenSC
 * check can use the first at the same time). Not in this process: releasing a card resets it, and vpcd asks
 * the card side for that reset while the binding's disconnect blocks this thread.
 */
const adapter = spawn(
  process.execPath,
  ['--import', 'tsx', 'mocks/tools/virtual-card.ts', '--port', '35964', '--quiet'],
  {
    stdio: 'ignore',
  },
);
let reader: string | undefined;
for (let tries = 0; tries < 60 && !reader; tries += 1) {
  reader = (await pcsc.readers().catch(() => [])).find((r) => r.cardPresent && r.name.endsWith(' 01'))?.name;
  if (!reader) await new Promise((resolve) => setTimeout(resolve, 250));
}
if (!reader) {
  adapter.kill();
  throw new Error('no card in any PC/SC reader: is pcscd running with vsmartcard-vpcd?');
}

// Direct: the binding in this process, as the bridge itself uses it.
const direct = await pcsc.connect(reader);
await direct.transmit(SELECT_AP);
const directSamples = await timed((apdu) => direct.transmit(apdu));
direct.disconnect();

/**
 * Times APDUs through a bridge over `bridgePcsc`: WebSocket on loopback, token on every message, binary frames
 * as the app sends them.
 */
async function throughBridge(bridgePcsc: Pcsc, readerName: string): Promise<number[]> {
  let code = '';
  const bridge = await startBridge({
    host: '127.0.0.1',
    port: 0,
    origins: [ORIGIN],
    pcsc: bridgePcsc,
    store: await PairingStore.open(null),
    pairing: { ...DEFAULT_PAIRING, now: () => Date.now(), onCode: (c) => (code = c) },
    log: () => undefined,
    pollMs: 1000,
  });
  const client = nodeBridgeClient(bridge.port, ORIGIN);
  await client.pair(code);
  const connected = await client.request({ type: 'connect', reader: readerName });
  if (connected.type !== 'connected') throw new Error(`connect failed: ${JSON.stringify(connected)}`);
  const viaBridge = async (apdu: Uint8Array) => {
    const answer = await client.request({ type: 'transmit', apdu }, { binary: true });
    if (answer.type !== 'response') throw new Error(`transmit failed: ${JSON.stringify(answer)}`);
    return answer.apdu;
  };
  await viaBridge(SELECT_AP);
  const samples = await timed(viaBridge);
  client.close();
  await bridge.close();
  bridgePcsc.close();
  return samples;
}

const bridgeSamples = await throughBridge(await loadSmartcardPcsc(), reader);
pcsc.close();
adapter.kill();
// The bridge's own cost, without the PC/SC stack: the same path over an in-memory card answering at once.
const overheadSamples = await throughBridge(new FakePcsc(['Fake Reader 00']), 'Fake Reader 00');

const d = stats(directSamples);
const b = stats(bridgeSamples);
const o = stats(overheadSamples);
const ms = (x: number) => `${x.toFixed(2)} ms`;
console.log(
  `PC/SC bridge bench: ${apdus} APDUs each (SELECT EF 000A / READ BINARY 32; via the bridge sealed and policy-checked), reader "${reader}"`,
);
console.log(`  direct PC/SC : median ${ms(d.median)}, p95 ${ms(d.p95)}`);
console.log(`  via bridge   : median ${ms(b.median)}, p95 ${ms(b.p95)}`);
console.log(
  `  ratio bridge/direct: median ×${(b.median / d.median).toFixed(2)}, p95 ×${(b.p95 / d.p95).toFixed(2)}; added per APDU (median) ${ms(b.median - d.median)}`,
);
console.log(`  bridge alone (in-memory card, no PC/SC): median ${ms(o.median)}, p95 ${ms(o.p95)}`);
process.exit(0);
