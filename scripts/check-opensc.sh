#!/usr/bin/env bash
# Proves the virtual card passes for a JPKI card with a PC/SC client nobody here wrote: pcscd + vpcd + the
# virtual card adapter, then OpenSC's own JPKI driver lists and reads the authentication certificate, and a raw
# opensc-tool exchange selects the JPKI-AP and reads EF 0006. Needs root (pcscd) and
# `apt-get install pcscd vsmartcard-vpcd opensc pcsc-tools`.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "check-opensc: $*" >&2; exit 1; }
for tool in pcscd opensc-tool pkcs15-tool pkcs11-tool openssl; do command -v "$tool" >/dev/null || fail "$tool is not installed"; done

started_pcscd=""
if ! pgrep -x pcscd >/dev/null; then
  pcscd
  started_pcscd=yes
fi
log=$(mktemp)
npx tsx mocks/tools/virtual-card.ts --persona adult-35 >"$log" 2>&1 &
adapter=$!
# npx → tsx → node: stop the whole tree, children first, or the adapter outlives the check.
kill_tree() {
  local child
  for child in $(pgrep -P "$1"); do kill_tree "$child"; done
  kill "$1" 2>/dev/null || true
}
cleanup() {
  kill_tree "$adapter"
  wait "$adapter" 2>/dev/null || true
  if [ -n "$started_pcscd" ]; then
    pkill -x pcscd || true
    # Wait until it is gone: a pcscd started by the next script while this one shuts down would exit at once.
    for _ in $(seq 50); do pgrep -x pcscd >/dev/null || break; sleep 0.1; done
  fi
}
trap cleanup EXIT

# Wait (at most 30 s) for the card to appear in the virtual reader.
for _ in $(seq 60); do
  if opensc-tool --reader 0 --atr 2>/dev/null | grep -qi "3b:e0:00:ff:81:31:fe:45:14"; then break; fi
  sleep 0.5
done
atr=$(opensc-tool --reader 0 --atr 2>&1 || true)
echo "ATR: $atr"
echo "$atr" | grep -qi "3b:e0:00:ff:81:31:fe:45:14" || { cat "$log"; fail "no card in the virtual reader"; }

echo "== opensc-tool --name (driver that claimed the card)"
name=$(opensc-tool --reader 0 --name)
echo "$name"
echo "$name" | grep -qi "jpki" || fail "OpenSC did not take it for a JPKI card"

echo "== opensc-tool: SELECT JPKI-AP, SELECT EF 0006, READ BINARY 32"
raw=$(opensc-tool --reader 0 \
  -s "00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01" \
  -s "00 A4 02 0C 02 00 06" \
  -s "00 B0 00 00 20")
echo "$raw"
echo "$raw" | grep -q "JPKIAPICCTOKEN2" || fail "EF 0006 does not hold the token label"
[ "$(echo "$raw" | grep -c "SW1=0x90, SW2=0x00")" -eq 3 ] || fail "not every APDU answered 90 00"

echo "== opensc-tool: surface AP CV certificate header (EF 0004) and the chip challenge 80 2A 00 00"
# DigestInfo of SHA-256("challenge"): what the app sends; the answer is a 256-byte signature.
raw=$(opensc-tool --reader 0 \
  -s "00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 02" \
  -s "00 A4 02 0C 02 00 04" \
  -s "00 B0 00 00 05" \
  -s "80 2A 00 00 33 30 31 30 0D 06 09 60 86 48 01 65 03 04 02 01 05 00 04 20 $(printf challenge | openssl dgst -sha256 -binary | od -An -tx1 | tr -s ' \n' ' ') 00")
echo "$raw"
echo "$raw" | grep -qi "7F 21 82 02 33" || fail "surface AP EF 0004 is not a 7F21 certificate of the card's length"
[ "$(echo "$raw" | grep -c "SW1=0x90, SW2=0x00")" -eq 4 ] || fail "not every chip-check APDU answered 90 00"
# Data bytes after the fourth "Received": 16 hex columns a line, then the ASCII column.
answer=$(echo "$raw" | awk '/^Received/ { n++; next } n == 4 { for (i = 1; i <= 16 && i <= NF; i++) if ($i ~ /^[0-9A-F][0-9A-F]$/) c++ } END { print c + 0 }')
[ "$answer" -eq 256 ] || fail "the challenge answer is $answer bytes, not a 256-byte signature"

echo "== pkcs15-tool --list-certificates"
list=$(pkcs15-tool --reader 0 --list-certificates)
echo "$list"
echo "$list" | grep -q "User Authentication Certificate" || fail "the JPKI emulator lists no authentication certificate"

echo "== pkcs15-tool --read-certificate 01"
pem=$(pkcs15-tool --reader 0 --read-certificate 01)
echo "$pem" | head -3
echo "$pem" | grep -q "BEGIN CERTIFICATE" || fail "could not read the authentication certificate"
echo "$pem" | openssl x509 -noout -subject -issuer
echo "$pem" | openssl x509 -noout -subject | grep -q "SIMULATOR AUTHENTICATION" || fail "unexpected certificate"

echo "== pkcs15-tool --list-pins (retry counters through OpenSC's empty VERIFY)"
pins=$(pkcs15-tool --reader 0 --list-pins)
echo "$pins"
echo "$pins" | grep -q "Tries left *: *5" || fail "signature PIN tries not reported"

echo "== pkcs11-tool: sign with the authentication key (PIN 1234), verify with openssl"
work=$(mktemp -d)
printf 'fresh challenge %s' "$(date +%s%N)" >"$work/challenge"
module=""
for candidate in /usr/lib/*/opensc-pkcs11.so /usr/lib/opensc-pkcs11.so; do
  if [ -f "$candidate" ]; then module=$candidate; break; fi
done
[ -n "$module" ] || fail "opensc-pkcs11.so not found"
pkcs11-tool --module "$module" --login --pin 1234 --sign --mechanism SHA256-RSA-PKCS --id 01 \
  --input-file "$work/challenge" --output-file "$work/signature"
echo "$pem" | openssl x509 -pubkey -noout >"$work/public.pem"
openssl dgst -sha256 -verify "$work/public.pem" -signature "$work/signature" "$work/challenge" || fail "signature does not verify"
rm -rf "$work"

echo "check-opensc: passed"
