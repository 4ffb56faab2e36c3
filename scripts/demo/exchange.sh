#!/usr/bin/env bash
# Two endpoints exchange a signed document through `eoffice axis serve`, from the command line only:
# A (000.00.01.Z99) drafts, signs (leader) and issues (agency seal) on a SoftHSM2 token, dispatches to B
# (000.00.17.Z99); `eoffice sync --once` sends it; B receives it, verifies both signatures, registers it; A sees B's
# statuses 01 (đã đến) and 03 (đã tiếp nhận). The steps of packages/exchange/README.md "Two endpoints through
# eoffice axis serve".
#   scripts/demo/exchange.sh [work-dir]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="${1:-$(mktemp -d)}"
mkdir -p "$WORK"
WORK="$(cd "$WORK" && pwd)"
cd "$ROOT"

step() { printf '\n== %s\n' "$*"; }
fail() { echo "LỖI / FAILED: $*" >&2; exit 1; }
read -r -a EOFFICE_CLI_WORDS <<< "${EOFFICE_CLI:-pnpm --silent eoffice}"
eo() { "${EOFFICE_CLI_WORDS[@]}" "$@"; }
field() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const v=JSON.parse(s)[process.argv[1]];process.stdout.write(typeof v==="object"?JSON.stringify(v):String(v))})' "$1"; }
A=000.00.01.Z99
B=000.00.17.Z99

step "Trục liên thông cục bộ / the local axis (every endpoint of the demo province is its own system id)"
# The secret comes from the environment, never from a command line.
export EOFFICE_AXIS_SECRET
EOFFICE_AXIS_SECRET="$(node -e 'process.stdout.write(require("node:crypto").randomBytes(24).toString("hex"))')"
# Started with node itself (not through pnpm) so that the trap below stops the axis and nothing else.
node scripts/eoffice/build/eoffice.mjs axis serve --port 0 --data "$WORK/axis" --json > "$WORK/axis.json" 2> "$WORK/axis.log" &
AXIS_PID=$!
trap 'kill "$AXIS_PID" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do [[ -s "$WORK/axis.json" ]] && break; sleep 0.2; done
AXIS="$(field url < "$WORK/axis.json")"
echo "   $AXIS"

step "Token SoftHSM2 của A / A's SoftHSM2 token (leader key 01, agency key 02)"
# The seal certificate names the agency exactly as A calls itself: the arrival check (Điều 21) compares them.
# The token's PIN is the one given here (DEMO_PIN, or a fresh one): scripts/dev-token never prints it.
export DEMO_PIN
DEMO_PIN="${DEMO_PIN:-$(printf '%08d' $((RANDOM * 32768 + RANDOM)))}"
TOKEN_JSON="$(EOFFICE_DEV_TOKEN_PIN="$DEMO_PIN" scripts/dev-token "$WORK/token" --agency-name "Ủy ban nhân dân tỉnh Demo")"
export SOFTHSM2_CONF="$WORK/token/softhsm2.conf"
MODULE="$(echo "$TOKEN_JSON" | field module)"
KEY=(--pkcs11 "$MODULE" --token EOFFICE-DEV --pin-env DEMO_PIN)

step "Hai cơ quan / two agencies"
for side in A B; do
  if [[ $side == A ]]; then code=$A; name="Ủy ban nhân dân tỉnh Demo"; else code=$B; name="Sở Tài chính"; fi
  D="$WORK/$side"
  eo db init --agency "$code" --name "$name" --abbr "$([[ $side == A ]] && echo UBND || echo STC)" --data-dir "$D" >/dev/null
  eo user add admin --role admin --full-name "Quản trị hệ thống" --data-dir "$D" >/dev/null
  eo user add vanthu --role clerk --unit VP --full-name "Nguyễn Thị Văn Thư" --as admin --data-dir "$D" >/dev/null
  eo user add lanhdao --role leader --unit VP --full-name "Nguyễn Văn An" --position "Chủ tịch" --as admin --data-dir "$D" >/dev/null
  eo user add chuyenvien --role specialist --unit VP --full-name "Trần Chuyên Viên" --as admin --data-dir "$D" >/dev/null
  echo "   $side = $code ($name): $D"
done
eo user cert add "${KEY[@]}" --key-id 01 --as lanhdao --data-dir "$WORK/A" >/dev/null
eo agency cert add "${KEY[@]}" --key-id 02 --as vanthu --data-dir "$WORK/A" >/dev/null

step "A soạn, ký, ban hành và phát hành cho B / A drafts, signs, issues and dispatches to B"
eo demo draft "$WORK/du-thao.pdf" --subject "V/v thử liên thông văn bản" --position "Chủ tịch" --name "Nguyễn Văn An" \
  --issuer "Ủy ban nhân dân tỉnh Demo" --authority "TM. Ủy ban nhân dân" --type "Công văn" >/dev/null
OUT="$(eo doc draft --type "Công văn" --subject "V/v thử liên thông văn bản" --file "$WORK/du-thao.pdf" --to "$B" \
  --signer lanhdao --as chuyenvien --data-dir "$WORK/A" --json | field id)"
eo doc submit "$OUT" --as chuyenvien --data-dir "$WORK/A" >/dev/null
eo doc approve "$OUT" --as lanhdao --data-dir "$WORK/A" >/dev/null
eo doc sign "$OUT" "${KEY[@]}" --key-id 01 --as lanhdao --data-dir "$WORK/A" >/dev/null
eo doc issue "$OUT" "${KEY[@]}" --key-id 02 --as vanthu --data-dir "$WORK/A" >/dev/null
eo doc dispatch "$OUT" --as vanthu --data-dir "$WORK/A" >/dev/null
echo "   $OUT: $(eo sync status --data-dir "$WORK/A" --json | field outgoing)"

# `eoffice sync` for one side: the secret by the name of its variable.
sync_once() { eo sync --once --data-dir "$WORK/$1" --axis "$AXIS" --system-id "$2" --secret-env EOFFICE_AXIS_SECRET; }

step "A gửi / A sends"
sync_once A "$A"

step "B nhận, kiểm tra chữ ký, vào sổ / B receives, verifies, registers"
# B trusts the CA that issued A's certificates (an agency installs the national CA the same way).
mkdir -p "$WORK/trust-b"
cp "$(echo "$TOKEN_JSON" | field caCert)" "$WORK/trust-b/ca.pem"
export EOFFICE_TRUST_DIR="$WORK/trust-b"
sync_once B "$B"
IN="$(eo doc list --direction in --as vanthu --data-dir "$WORK/B" --json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>process.stdout.write(JSON.parse(s)[0]?.id??""))')"
[[ -n "$IN" ]] || fail "B không nhận được văn bản / B received nothing"
SHOWN="$(eo doc show "$IN" --as vanthu --data-dir "$WORK/B" --json)"
echo "   $IN: $(echo "$SHOWN" | field state), chữ ký / signatures $(echo "$SHOWN" | field signatures)"
[[ "$(echo "$SHOWN" | field state)" == verified ]] || fail "văn bản đến chưa được kiểm tra / not verified on receipt"
eo doc register "$IN" --as vanthu --data-dir "$WORK/B" >/dev/null
echo "   đã vào sổ / registered"

step "B báo trạng thái 01, 03; A nhận / B sends statuses 01 and 03; A takes them in"
sync_once B "$B"
sync_once A "$A"
eo sync deliveries "$OUT" --as vanthu --data-dir "$WORK/A"
CODES="$(eo sync deliveries "$OUT" --as vanthu --data-dir "$WORK/A" --json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>process.stdout.write(JSON.parse(s)[0].statuses.map(x=>x.code).join(",")))')"
[[ "$CODES" == "01,03" ]] || fail "A thấy trạng thái $CODES, cần 01,03 / A sees $CODES, expected 01,03"
echo "   A thấy / A sees: $CODES"
