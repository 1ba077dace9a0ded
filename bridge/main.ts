/**
 * `npm run bridge -- --origin https://age-check.example [--port 47801] [--host 127.0.0.1] [--config file.json]`
 *
 * Starts the local PC/SC bridge and prints the pairing code for the clerk. Logs one JSON line per event to
 * stdout (never APDU data, tokens or codes); the pairing code goes to stderr, for the person at the terminal.
 */
import { parseBridgeArgs, type BridgeConfig } from './config';
import { jsonLogger } from './log';
import { DEFAULT_PAIRING, Pairing } from './pairing';
import { loadSmartcardPcsc } from './pcsc-smartcard';
import { startBridge } from './server';

let config: BridgeConfig;
try {
  config = parseBridgeArgs(process.argv.slice(2));
} catch (error) {
  console.error(`bridge: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}

const log = jsonLogger();
let pcsc;
try {
  pcsc = await loadSmartcardPcsc();
} catch (error) {
  console.error(`bridge: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(3);
}

const pairing = new Pairing({
  ...DEFAULT_PAIRING,
  now: () => Date.now(),
  onCode: (code) => {
    log({ event: 'pairing-code-issued' });
    console.error(
      `pairing code: ${code}  (enter it in the app; valid ${DEFAULT_PAIRING.codeTtlMs / 60_000} min, once)`,
    );
  },
});

try {
  const bridge = await startBridge({ ...config, pcsc, pairing, log });
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
