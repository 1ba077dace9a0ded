/**
 * `npm run card:virtual -- --persona <name> [--today YYYY-MM-DD] [--port 35963] [--host 127.0.0.1] [--delay ms]`
 *
 * Puts a persona's virtual My Number Card into vsmartcard's virtual reader, so any PC/SC program (OpenSC,
 * the PC/SC bridge) sees it. Needs `pcscd` with `vsmartcard-vpcd`. Logs each APDU as header and status word
 * only: no data, so no PIN or personal data reaches the terminal.
 */
import { parseArgs } from 'node:util';
import { toHex } from '../../app/card/bytes';
import { japanDate } from '../../app/policy';
import { createPersonaCard } from '../card/persona-card';
import { PERSONA_IDS, type PersonaId } from '../card/personas';
import { VPCD_DEFAULT_PORT, VpcdAdapter } from '../vpcd/vpcd-adapter';

const { values } = parseArgs({
  options: {
    persona: { type: 'string', default: 'adult-35' },
    today: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: String(VPCD_DEFAULT_PORT) },
    quiet: { type: 'boolean', default: false },
    /** Per-APDU delay, milliseconds, so a test can take the card away mid-read. */
    delay: { type: 'string', default: '0' },
  },
});

const id = values.persona;
if (!(PERSONA_IDS as readonly string[]).includes(id)) {
  console.error(`unknown persona "${id}". Personas: ${PERSONA_IDS.join(', ')}`);
  process.exit(2);
}
const today = values.today ?? japanDate(new Date());
const { persona, card } = await createPersonaCard(id as PersonaId, today);
const log = (line: string) => {
  if (!values.quiet) console.log(line);
};

let violations = 0;
const adapter = new VpcdAdapter(card, {
  host: values.host,
  port: Number(values.port),
  delayMs: Math.max(0, Number(values.delay) || 0),
  onEvent: (event) => {
    if (event.kind === 'apdu') {
      log(
        `apdu ${toHex(event.header)} -> ${event.sw.toString(16).padStart(4, '0')} (${event.durationMs.toFixed(2)} ms)`,
      );
      // Said at once (and even with --quiet), so a test sees it while the card is still in the reader.
      for (const violation of card.privacyViolations.splice(0)) {
        console.error(`privacy violation: ${JSON.stringify(violation)}`);
        violations += 1;
      }
    } else if (event.kind === 'control') {
      log(`control ${event.control}`);
    } else {
      log(event.kind);
    }
  },
});
console.log(
  `virtual card "${persona.id}" (${persona.description}), today ${today}; waiting for vpcd on ${values.host}:${values.port}`,
);
await adapter.start();
console.log('card inserted in the virtual reader');

const stop = () => {
  adapter.stop();
  if (violations > 0) console.error(`privacy violations: ${violations}`);
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
