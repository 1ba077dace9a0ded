#!/usr/bin/env bash
# The PC/SC bridge on the real PC/SC stack: pcscd + vsmartcard-vpcd + the virtual card adapter → the bridge →
# Chromium. Playwright's `bridge` project starts the bridge (global setup, with the preview origin) and the
# adapter (per test, per persona). Needs root (pcscd), `apt-get install pcscd vsmartcard-vpcd libpcsclite-dev`
# and the `smartcard` binding built by `npm ci`.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "check-bridge: $*" >&2; exit 1; }
command -v pcscd >/dev/null || fail "pcscd is not installed"
[ -f /usr/lib/pcsc/drivers/serial/libifdvpcd.so ] || fail "vsmartcard-vpcd is not installed"
node -e "require('smartcard')" 2>/dev/null || fail "the PC/SC binding (npm smartcard) is not built: apt-get install libpcsclite-dev, then npm ci"

started_pcscd=""
if ! pgrep -x pcscd >/dev/null; then
  pcscd
  started_pcscd=yes
fi
cleanup() {
  if [ -n "$started_pcscd" ]; then
    pkill -x pcscd || true
    # Wait until it is gone: a pcscd started by the next script while this one shuts down would exit at once.
    for _ in $(seq 50); do pgrep -x pcscd >/dev/null || break; sleep 0.1; done
  fi
}
trap cleanup EXIT

# vpcd's reader appears once pcscd has loaded the driver (at most 10 s).
for _ in $(seq 20); do
  if node -e "const s=require('smartcard');const c=new s.Context();process.exit(c.listReaders().length>0?0:1)" 2>/dev/null; then break; fi
  sleep 0.5
done

BRIDGE_E2E=1 npx playwright test --project bridge "$@"
echo "check-bridge: passed"
