/**
 * `npm run bridge -- --origin https://age-check.example [--port 47801] [--host 127.0.0.1] [--pairings file]
 *  [--idle-release seconds] [--config file.json]`
 * `npm run bridge -- --forget-pairings [--pairings file]`: every paired page must pair again.
 *
 * Starts the local PC/SC bridge and prints the pairing code for the clerk. Logs one JSON line per event to
 * stdout (never APDU data, keys or codes); the pairing code goes to stderr, for the person at the terminal.
 */
import { parseBridgeArgs, type BridgeConfig } from './config';
import { jsonLogger } from './log';
import { DEFAULT_PAIRING } from './pairing';
import { forgetPairings, PairingStore } from './pairing-store';
import { loadSmartcardPcsc } from './pcsc-smartcard';
import { startBridge } from './server';

let config: BridgeConfig;
try {
  config = parseBridgeArgs(process.argv.slice(2));
} catch (error) {
  console.error(`bridge: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}

if (config.forgetPairings) {
  const count = forgetPairings(config.pairingsFile);
  console.error(
    `bridge: forgot ${count} pairing(s) in ${config.pairingsFile}; a running bridge closes their connections`,
  );
  process.exit(0);
}

const log = jsonLogger();
let pcsc;
let store;
try {
  store = await PairingStore.open(config.pairingsFile);
  pcsc = await loadSmartcardPcsc();
} catch (error) {
  console.error(`bridge: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(3);
}

try {
  const bridge = await startBridge({
    ...config,
    pcsc,
    store,
    log,
    pairing: {
      ...DEFAULT_PAIRING,
      now: () => Date.now(),
      onCode: (code) => {
        log({ event: 'pairing-code-issued' });
        console.error(
          `pairing code: ${code}  (enter it in the app; valid ${DEFAULT_PAIRING.codeTtlMs / 60_000} min, once)`,
        );
      },
    },
    ...(config.idleReleaseSeconds !== undefined ? { limits: { idleReleaseMs: config.idleReleaseSeconds * 1000 } } : {}),
  });
  const stop = () => {
    void bridge.close().then(() => {
      pcsc.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  console.error(`bridge: ${error instanceof Error ? error.message : String(error)}`);
  pcsc.close();
  process.exit(2);
}
