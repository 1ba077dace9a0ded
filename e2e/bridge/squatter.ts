/**
 * `tsx e2e/bridge/squatter.ts --port <p> --origin <o>`: a program that took the bridge's port (the bridge is not
 * running) and tries its best to be taken for it — the attack of issue 17. It answers `hello` as the bridge
 * does, answers a pairing with a genuine OPAQUE server of its own that has registered a guessed code (all a
 * squatter can do without the code), and answers a resumed pairing with a proof made with a key of its own.
 * Every frame it receives is written to stdout (text as is, bytes as hex) so the test can check that neither
 * the code nor any card secret ever reached it.
 */
import { parseArgs } from 'node:util';
import * as opaque from '@serenity-kit/opaque';
import { WebSocketServer } from 'ws';
import { newStaticKey, SecureChannel, sessionKeys, staticSecret } from '../../app/readers/pcsc-bridge/channel';
import { PAIRING_KEY_STRETCHING, PAIRING_USER, pairingIdentifiers } from '../../app/readers/pcsc-bridge/pake-params';
import {
  BRIDGE_PROTOCOL_VERSION,
  decodeClientMessage,
  encodeBridgeMessage,
} from '../../app/readers/pcsc-bridge/protocol';

const { values } = parseArgs({ options: { port: { type: 'string' }, origin: { type: 'string' } } });
const port = Number(values.port);
const origin = values.origin ?? '';
await opaque.ready;

/** The squatter's guess at the code, registered as the real bridge registers its own. */
const GUESS = '123456';
const serverSetup = opaque.server.createSetup();
const start = opaque.client.startRegistration({ password: GUESS });
const { registrationResponse } = opaque.server.createRegistrationResponse({
  serverSetup,
  userIdentifier: PAIRING_USER,
  registrationRequest: start.registrationRequest,
});
const { registrationRecord } = opaque.client.finishRegistration({
  clientRegistrationState: start.clientRegistrationState,
  registrationResponse,
  password: GUESS,
  identifiers: pairingIdentifiers(origin, port),
  keyStretching: PAIRING_KEY_STRETCHING,
});
const ownKey = await newStaticKey(true);

const server = new WebSocketServer({ host: '127.0.0.1', port });
const v = BRIDGE_PROTOCOL_VERSION;
server.on('connection', (socket) => {
  socket.on('message', (data: Buffer, isBinary) => {
    const frame = isBinary ? new Uint8Array(data) : data.toString('utf8');
    console.log(`frame ${isBinary ? Buffer.from(data).toString('hex') : (frame as string)}`);
    const decoded = decodeClientMessage(frame);
    if (!decoded.ok) return;
    const message = decoded.message;
    void (async () => {
      switch (message.type) {
        case 'hello':
          socket.send(encodeBridgeMessage({ v, id: message.id, type: 'hello', versions: [v] }));
          return;
        case 'pair-start': {
          const login = opaque.server.startLogin({
            serverSetup,
            registrationRecord,
            startLoginRequest: message.request,
            userIdentifier: PAIRING_USER,
            identifiers: pairingIdentifiers(origin, port),
          });
          socket.send(encodeBridgeMessage({ v, id: message.id, type: 'pair-response', response: login.loginResponse }));
          return;
        }
        case 'resume': {
          // Its own key: the proof it can make is not the paired bridge's.
          const bridgeNonce = crypto.getRandomValues(new Uint8Array(32));
          const channel = new SecureChannel(
            await sessionKeys(
              await staticSecret(ownKey.privateKey, ownKey.publicKey),
              { pageNonce: message.nonce, bridgeNonce, pairingId: message.pairing, origin },
              'bridge',
            ),
          );
          const proof = await channel.seal(new TextEncoder().encode('resumed'));
          socket.send(encodeBridgeMessage({ v, id: message.id, type: 'resumed', nonce: bridgeNonce, proof }));
          return;
        }
        default:
          socket.send(
            encodeBridgeMessage({
              v,
              id: message.id,
              type: 'readers',
              readers: [{ name: 'Squat 00', cardPresent: true }],
            }),
          );
      }
    })();
  });
});
server.on('listening', () => {
  console.log(`squatting on 127.0.0.1:${port}`);
});
const stop = () => {
  server.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
