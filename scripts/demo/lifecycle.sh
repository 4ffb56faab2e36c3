#!/usr/bin/env bash
# Drives one outgoing and three incoming documents through every state of their lifecycles with the eoffice CLI,
# acting as each user with --as, on a fresh data folder and a SoftHSM2 dev token (scripts/dev-token). Also shows
# that a step taken by the wrong role is refused with exit 1, a typed error and no change.
#   scripts/demo/lifecycle.sh [work-dir]      (work-dir must not exist yet or be empty; default: a temp dir)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="${1:-$(mktemp -d)}"
mkdir -p "$WORK"
WORK="$(cd "$WORK" && pwd)"
DATA="$WORK/data"
cd "$ROOT"

step() { printf '\n== %s\n' "$*"; }
fail() { echo "LỖI / FAILED: $*" >&2; exit 1; }
# pnpm --silent keeps pnpm's own lines out of stdout; --data-dir goes last so every call uses the same store.
# EOFFICE_CLI may name another way to start the same CLI (the test runs it without pnpm, ~1.4 s less per step).
read -r -a EOFFICE_CLI_WORDS <<< "${EOFFICE_CLI:-pnpm --silent eoffice}"
eo() { "${EOFFICE_CLI_WORDS[@]}" "$@" --data-dir "$DATA"; }
# Reads one field of the JSON document on stdin (node, so jq is not required).
field() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const v=JSON.parse(s)[process.argv[1]];process.stdout.write(typeof v==="object"?JSON.stringify(v):String(v))})' "$1"; }
# go <expected state> <eoffice args...>: runs one step with --json and checks the state it led to; keeps its JSON.
go() {
  local want="$1" got
  shift
  LAST="$(eo "$@" --json)"
  got="$(echo "$LAST" | field state)"
  [[ "$got" == "$want" ]] || fail "$*: trạng thái $got, cần $want / state $got, expected $want"
  echo "   $2 $(echo "$LAST" | field id) → $got"
}
expect_state() {
  local id="$1" want="$2" as="$3" got
  got="$(eo doc show "$id" --as "$as" --json | field state)"
  [[ "$got" == "$want" ]] || fail "$id: trạng thái $got, cần $want / state $got, expected $want"
  echo "   $id vẫn là / still $got"
}

step "Token thử nghiệm SoftHSM2 / SoftHSM2 dev token"
# The token's PIN is the one given here (DEMO_PIN, or a fresh one): scripts/dev-token never prints it.
export DEMO_PIN
DEMO_PIN="${DEMO_PIN:-$(printf '%08d' $((RANDOM * 32768 + RANDOM)))}"
TOKEN_JSON="$(EOFFICE_DEV_TOKEN_PIN="$DEMO_PIN" scripts/dev-token "$WORK/token")"
export SOFTHSM2_CONF="$WORK/token/softhsm2.conf"
MODULE="$(echo "$TOKEN_JSON" | field module)"
KEY=(--pkcs11 "$MODULE" --token EOFFICE-DEV --pin-env DEMO_PIN)

step "Khởi tạo cơ quan và người dùng / agency and users"
eo db init --agency 000.00.01.Z99 --name "Ủy ban nhân dân tỉnh Demo" --abbr UBND
eo user add admin --role admin --full-name "Quản trị hệ thống"
eo user add vanthu --role clerk --unit VP --full-name "Nguyễn Thị Văn Thư" --as admin
eo user add lanhdao --role leader --unit VP --full-name "Nguyễn Văn An" --position "Chủ tịch" --as admin
eo user add chuyenvien --role specialist --unit VP --full-name "Trần Chuyên Viên" --as admin
eo user add chuyenvien2 --role specialist --unit STC --full-name "Lê Phối Hợp" --as admin
eo user add luutru --role archivist --unit VP --full-name "Phạm Lưu Trữ" --as admin

step "Ảnh chữ ký, con dấu và địa danh (ảnh mẫu) / signature and seal images (samples), place of the date line"
eo user signature lanhdao --image resources/samples/signature-sample.png --as lanhdao
eo agency seal --image resources/samples/seal-sample.png --as vanthu
eo agency place "Tỉnh Demo" --as admin

step "Chứng thư số gắn với người ký và cơ quan / certificates bound to the signer and the agency"
eo user cert add "${KEY[@]}" --key-id 01 --as lanhdao
eo agency cert add "${KEY[@]}" --key-id 02 --as vanthu

# The draft is laid out like a decision (Số:, the date line, the signature block) so the signatures land where
# Decree 30 puts them.
"${EOFFICE_CLI_WORDS[@]}" demo draft "$WORK/du-thao.pdf" --subject "Về việc thành lập Tổ công tác chuyển đổi số" --position "Chủ tịch" \
  --name "Nguyễn Văn An" >/dev/null
npx tsx scripts/demo/make-demo-pdf.ts "$WORK/scan-den.pdf" "Cong van So Tai chinh 123/STC-NS" "$WORK/scan-sai.pdf" "Cong van gui nham" \
  "$WORK/scan-thu-hoi.pdf" "Thong bao se bi thu hoi"

step "Văn bản đi / outgoing"
go draft doc draft --type QĐ --subject "Về việc thành lập Tổ công tác chuyển đổi số" --file "$WORK/du-thao.pdf" \
  --to 000.00.17.Z99 --to 000.00.20.Z99 --urgency "Khẩn" --signer lanhdao --as chuyenvien
OUT="$(echo "$LAST" | field id)"
go submitted doc submit "$OUT" --as chuyenvien

step "Sai vai trò: chuyên viên tự duyệt / wrong role: a specialist approves"
set +e
REFUSED="$(eo doc approve "$OUT" --as chuyenvien 2>&1 >/dev/null)"
CODE=$?
set -e
echo "   exit $CODE: $REFUSED"
[[ $CODE -eq 1 ]] || fail "cần exit 1 / expected exit 1, got $CODE"
[[ "$REFUSED" == E_FORBIDDEN:* ]] || fail "cần lỗi E_FORBIDDEN / expected E_FORBIDDEN"
expect_state "$OUT" submitted chuyenvien

go returned doc return "$OUT" --reason "Bổ sung căn cứ pháp lý" --as lanhdao
go submitted doc submit "$OUT" --note "Đã bổ sung" --as chuyenvien
go approved doc approve "$OUT" --as lanhdao
step "Khoá của người khác: lãnh đạo ký bằng khoá cơ quan / someone else's key: the leader signs with the agency key"
set +e
REFUSED="$(eo doc sign "$OUT" "${KEY[@]}" --key-id 02 --as lanhdao 2>&1 >/dev/null)"
CODE=$?
set -e
echo "   exit $CODE: $REFUSED"
[[ $CODE -eq 1 ]] || fail "cần exit 1 / expected exit 1, got $CODE"
[[ "$REFUSED" == E_CERT_NOT_BOUND:* ]] || fail "cần lỗi E_CERT_NOT_BOUND / expected E_CERT_NOT_BOUND"
expect_state "$OUT" approved lanhdao
go signed doc sign "$OUT" "${KEY[@]}" --key-id 01 --as lanhdao
go issued doc issue "$OUT" "${KEY[@]}" --key-id 02 --as vanthu
echo "   số / number $(echo "$LAST" | field number)/$(echo "$LAST" | field symbol); chữ ký / signatures $(echo "$LAST" | field signatures)"
# The sealed file is content-addressed in the blob store: pdfsig (poppler-utils) must find both signatures valid.
SEALED_SHA="$(echo "$LAST" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>process.stdout.write(JSON.parse(s).files.find(f=>f.role==="issued").sha256))')"
SEALED="$DATA/blobs/${SEALED_SHA:0:2}/${SEALED_SHA:2:2}/$SEALED_SHA"
command -v pdfsig >/dev/null || fail "thiếu pdfsig (gói Debian: poppler-utils) / pdfsig missing (Debian package: poppler-utils)"
VALID="$(pdfsig "$SEALED" 2>&1 | grep -c 'Signature is Valid' || true)"
[[ "$VALID" -eq 2 ]] || fail "pdfsig: $VALID chữ ký hợp lệ, cần 2 / $VALID valid signatures, expected 2"
echo "   pdfsig: 2 chữ ký hợp lệ (lãnh đạo, cơ quan) / 2 valid signatures (leader, agency)"
# The seal's update filled số (ô 3) and the date (ô 4): pdftotext reads them from the issued file.
command -v pdftotext >/dev/null || fail "thiếu pdftotext (gói Debian: poppler-utils) / pdftotext missing (Debian package: poppler-utils)"
FILLED="$(pdftotext -layout "$SEALED" - | grep -oE 'Số: [0-9]+/QĐ-UBND|Tỉnh Demo, ngày [0-9]{2} tháng [0-9]{1,2} năm [0-9]{4}' | paste -sd ';' -)"
[[ "$FILLED" == *"Số: 01/QĐ-UBND"*";Tỉnh Demo, ngày "* ]] || fail "số và ngày chưa được điền / number and date not filled: $FILLED"
echo "   số và ngày trên văn bản / number and date on the document: $FILLED"
go dispatched doc dispatch "$OUT" --as vanthu
go archived doc archive "$OUT" --as luutru

step "Văn bản đến (bản giấy quét) / incoming (paper scan)"
go received doc receive --file "$WORK/scan-den.pdf" --paper --from 000.00.17.Z99 --from-name "Sở Tài chính" --number 123 \
  --symbol STC-NS --date 2026-11-20 --type "Công văn" --subject "V/v quyết toán ngân sách năm 2025" --urgency "Thượng khẩn" \
  --as vanthu
IN="$(echo "$LAST" | field id)"
go verified doc verify "$IN" --as vanthu
go registered doc register "$IN" --as vanthu
echo "   số đến / arrival number: $(echo "$LAST" | field arrivalNumber)"
go presented doc present "$IN" --as vanthu
go assigned doc assign "$IN" --lead chuyenvien --support chuyenvien2 --inform luutru --due 2099-12-31 --note "Chủ trì tham mưu" \
  --as lanhdao
go in_progress doc start "$IN" --as chuyenvien
go completed doc complete "$IN" --note "Đã báo cáo lãnh đạo" --reply "$OUT" --as chuyenvien
go filed doc file "$IN" --as chuyenvien

step "Văn bản đến điện tử, kiểm tra chữ ký bằng packages/signing / electronic incoming, verified by packages/signing"
cp "$SEALED" "$WORK/van-ban-dien-tu.pdf"
go received doc receive --file "$WORK/van-ban-dien-tu.pdf" --from 000.00.01.Z99 --from-name "UBND tỉnh Demo" --number 01 \
  --symbol QĐ-UBND --date 2026-11-27 --type QĐ --subject "Về việc thành lập Tổ công tác chuyển đổi số" --as vanthu
EIN="$(echo "$LAST" | field id)"
go verified doc verify "$EIN" --as vanthu
echo "$LAST" | field signatures | grep -q '"kind":"received","valid":true' || fail "chữ ký văn bản đến không hợp lệ / received signatures not valid"
echo "   chữ ký / signatures: $(echo "$LAST" | field signatures)"

step "Văn bản đến bị từ chối / incoming rejected"
BAD="$(eo doc receive --file "$WORK/scan-sai.pdf" --paper --from 000.00.21.Z99 --number 9 --symbol UBND-VP --date 2026-11-21 \
  --type "Công văn" --subject "V/v gửi nhầm nơi nhận" --as vanthu --json | field id)"
go rejected doc reject "$BAD" --reason "Gửi nhầm cơ quan" --as vanthu

step "Văn bản đến bị thu hồi / incoming recalled"
RC="$(eo doc receive --file "$WORK/scan-thu-hoi.pdf" --paper --from 000.00.22.Z99 --number 15 --symbol TB-UBND --date 2026-11-21 \
  --type TB --subject "Thông báo lịch tiếp công dân" --as vanthu --json | field id)"
eo doc verify "$RC" --as vanthu >/dev/null
eo doc register "$RC" --as vanthu >/dev/null
eo doc recall "$RC" --reason "Bên gửi đề nghị thu hồi" --as vanthu --json | field flags | grep -q recall-requested \
  || fail "chưa ghi nhận yêu cầu thu hồi / recall request not recorded"
eo doc accept-recall "$RC" --as vanthu >/dev/null
set +e
GONE="$(eo doc show "$RC" --as vanthu 2>&1 >/dev/null)"
set -e
[[ "$GONE" == E_NOT_FOUND:* ]] || fail "văn bản thu hồi vẫn còn / the recalled document is still there"
echo "   $RC → đã xóa theo thu hồi / removed by the recall"

step "Nhật ký / audit"
eo audit verify --as admin
echo
echo "Xong / done: $WORK"
