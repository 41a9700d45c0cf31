#!/bin/sh
# Starts a device binary on a free loopback port and drives it with libcoap's own client over real DTLS:
#   smoke.sh DEVICE gnutls|openssl VECTORS BUILD_DIR   (BUILD_DIR/pair-client-<back end> is the C client)
# Checks the answers of every endpoint to well-formed, refused and hostile requests (the device then runs the
# J-PAKE server side on a vector's client round one), and that the device exits cleanly (under ASan: no leaks).
set -eu
device=$1 backend=$2 vectors=$3 build=$4
work=$build/smoke-$backend
rm -rf "$work"
mkdir -p "$work"
python3 "$(dirname "$0")/make_bodies.py" "$vectors/jpake-exchange.json" "$work"
openssl ecparam -name prime256v1 -genkey -noout -out "$work/client.pem" 2>/dev/null
if [ "$backend" = gnutls ]; then
  client="coap-client-gnutls -M $work/client.pem"
else
  openssl req -x509 -new -key "$work/client.pem" -subj /CN=smoke -days 30 -out "$work/client.crt" 2>/dev/null
  client="coap-client-openssl -c $work/client.crt -j $work/client.pem -n"
fi
port=$(python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$device" --home "$work/home" --password "correct horse battery" --port "$port" --window-minutes 0 \
  >"$work/device.out" 2>"$work/device.err" &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
i=0
until grep -q '^fingerprint ' "$work/device.out" 2>/dev/null; do
  i=$((i + 1)); [ $i -lt 100 ] || { echo "device did not start"; cat "$work/device.err"; exit 1; }
  sleep 0.1
done
failures=0
# expect CODE METHOD PATH [BODY FILE]: the client prints an error code on stderr, a 2.xx payload on stdout
expect() {
  want=$1 method=$2 path=$3 body=${4:-}
  if [ -n "$body" ]; then
    got=$($client -m "$method" -B 10 -f "$work/$body" "coaps://127.0.0.1:$port$path" 2>&1 >/dev/null | head -c 200 || true)
  else
    got=$($client -m "$method" -B 10 "coaps://127.0.0.1:$port$path" 2>&1 >/dev/null | head -c 200 || true)
  fi
  case "$got" in
    "$want"*) echo "ok   $method $path ${body:-} -> $want" ;;
    *) if [ "$want" = 2.xx ] && [ -z "$got" ]; then echo "ok   $method $path ${body:-} -> 2.xx";
       else echo "FAIL $method $path ${body:-}: expected $want, got '${got}'"; failures=$((failures + 1)); fi ;;
  esac
}
expect 2.xx get /iam/pairing
expect 4.03 get /hello
expect 4.04 get /nothing
expect 4.05 put /hello
expect 4.00 post /pake/1
expect 4.00 post /pake/2
expect 2.xx post /pake/1 pake1.cbor
expect 4.00 post /pake/1 pake1-padded-r.cbor
expect 4.01 post /pake/1 pake1-bad-proof.cbor
# CBOR bodies: every point is checked before any proof (spec/jpake.md), unlike Mbed TLS's order for TLS framing
expect 4.00 post /pake/1 pake1-bad-proof-then-bad-point.cbor
expect 4.04 post /pake/1 pake1-invite.cbor
expect 4.00 post /iam/pairing/password-open
expect 4.01 post /iam/pairing/password-open open.cbor
for f in indefinite tagged long-head huge-length duplicate bad-utf8 deep float not-a-map trailing; do
  expect 4.00 post /pake/1 $f.cbor
done
# one DTLS session per coap-client run: /pake/2 finds no exchange of its own session
expect 4.00 post /pake/2 pake2.cbor
[ -f "$work/home/paired.txt" ] && { echo "FAIL something was paired"; failures=$((failures + 1)); }

# the C client: a wrong password is refused and stores nothing on either side; the right one pairs in two
# round trips and /hello answers over a new session; a second key cannot take the same name
pair() { # pair WANT-EXIT CLIENT-HOME ARGS...
  want=$1 home=$2; shift 2
  set +e; "$build/pair-client-$backend" --port "$port" --home "$work/$home" "$@" >"$work/$home.out" 2>&1; got=$?; set -e
  if [ "$got" = "$want" ]; then echo "ok   pair-client $home $* -> exit $got"
  else echo "FAIL pair-client $home $*: exit $got, expected $want"; cat "$work/$home.out"; failures=$((failures + 1)); fi
}
pair 3 wrong --password "wrong horse battery" --username alice
[ -f "$work/home/paired.txt" ] && { echo "FAIL paired after a wrong password"; failures=$((failures + 1)); }
[ -f "$work/wrong/known-device" ] && { echo "FAIL the client stored the device after a wrong password"; failures=$((failures + 1)); }
pair 0 alice --password "correct horse battery" --username alice
grep -q "in 2 round trips" "$work/alice.out" || { echo "FAIL not two round trips"; failures=$((failures + 1)); }
pair 0 alice --hello-only
pair 3 other --password "correct horse battery" --username alice
grep -q "4.09" "$work/other.out" || { echo "FAIL a taken name was not 4.09"; failures=$((failures + 1)); }
[ "$(wc -l <"$work/home/paired.txt")" -eq 1 ] || { echo "FAIL expected exactly one paired key"; failures=$((failures + 1)); }
kill -TERM $pid
wait $pid || { echo "FAIL device exited with $?"; cat "$work/device.err"; exit 1; }
trap - EXIT
if grep -q 'ERROR: \(AddressSanitizer\|LeakSanitizer\)\|runtime error' "$work/device.err"; then
  echo "FAIL sanitizer report:"; cat "$work/device.err"; exit 1
fi
[ $failures -eq 0 ] || exit 1
echo "smoke ($backend): all passed"
