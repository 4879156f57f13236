#!/usr/bin/env bash
# `vanban load` with hand-written records (no dependence on the extractor): malformed lines
# named by file:line while the rest loads, reloading adds nothing, two communes' own
# 01/QĐ-UBND kept apart and chosen with --issuer, --depth 2, and a cited node that becomes
# the real document when that document is loaded later.
#
# Env (set by CTest): VANBAN_BIN, VANBAN_SOURCE_DIR.
set -euo pipefail

BIN="${VANBAN_BIN:?VANBAN_BIN not set}"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
cd "$TMP"
source "$(dirname "${BASH_SOURCE[0]}")/common.bash"

python3 - <<'PY'
import json

def doc(number, symbol, date, issuer, subject, cites=(), typ="Quyết định"):
    return {"part": 1, "type": typ, "number": number, "symbol": symbol, "draft": False,
            "issuer": {"name": issuer, "parent": None, "printed": []}, "place": None,
            "date": date, "subject": subject, "urgency": None, "uncertain": [],
            "recipients": [], "distribution": [],
            "signer": {"name": None, "position": None, "authority": None},
            "citations": list(cites), "tasks": [], "footnotes": []}

def cite(number, symbol, year, issuer, relation="căn cứ", typ="Quyết định"):
    return {"type": typ, "number": number, "symbol": symbol, "date": f"{year}-01-05",
            "issuer": issuer, "issuer_resolved": issuer, "title": None, "year": year,
            "relation": relation, "key": f"{number}/{symbol}@{year}", "mentions": []}

def rec(path, *docs):
    return json.dumps({"source": {"path": path}, "error": None, "documents": list(docs)},
                      ensure_ascii=False)

bac, nam = "Ủy ban nhân dân xã Kỳ Bắc", "Ủy ban nhân dân xã Kỳ Nam"
huyen = "Ủy ban nhân dân huyện Kỳ Anh"
with open("first.jsonl", "w", encoding="utf-8") as f:
    # Each commune's plan cites its own 01/QĐ-UBND before the decisions are loaded.
    f.write(rec("bac/kh10.txt", doc("10", "KH-UBND", "2022-05-01", bac, "kế hoạch xã Kỳ Bắc",
                                     [cite("01", "QĐ-UBND", 2022, bac, "thực hiện")], "Kế hoạch")) + "\n")
    f.write(rec("nam/kh11.txt", doc("11", "KH-UBND", "2022-05-02", nam, "kế hoạch xã Kỳ Nam",
                                     [cite("01", "QĐ-UBND", 2022, nam, "thực hiện")], "Kế hoạch")) + "\n")
    f.write("{this is not json\n")
    f.write('[1, 2, 3]\n')
    # The district's report cites Kỳ Bắc's plan: depth 2 from Kỳ Bắc's decision.
    f.write(rec("huyen/bc5.txt", doc("5", "BC-UBND", "2022-06-01", huyen, "báo cáo <tháng 6> \"huyện\"",
                                      [cite("10", "KH-UBND", 2022, bac, "dẫn chiếu", "Kế hoạch")], "Báo cáo")) + "\n")
with open("second.jsonl", "w", encoding="utf-8") as f:
    f.write(rec("bac/qd01.txt", doc("01", "QĐ-UBND", "2022-01-05", bac, "quyết định xã Kỳ Bắc")) + "\n")
    f.write(rec("nam/qd01.txt", doc("01", "QĐ-UBND", "2022-01-06", nam, "quyết định xã Kỳ Nam")) + "\n")
PY

set +e
"$BIN" load first.jsonl 2>err.txt
rc=$?
set -e
cat err.txt
expect "malformed lines make load exit 1" test "$rc" -eq 1
expect "a malformed line is named by file:line" grep -q "first.jsonl:3:" err.txt
expect "every malformed line is reported" test "$(grep -c 'first.jsonl:[0-9]*:' err.txt)" -eq 2
expect "the summary counts both" grep -q " 2 failures" err.txt
expect "the good lines are stored" test "$(sqlite3 vanban.db 'SELECT count(*) FROM documents')" = 3
expect "before the decisions: two unresolved 01/QĐ-UBND nodes" \
  test "$(sqlite3 vanban.db "SELECT count(*) FROM nodes WHERE key = '01/QĐ-UBND@2022' AND document_id IS NULL")" = 2

"$BIN" load second.jsonl 2>/dev/null
expect "after the decisions: both nodes became the documents" \
  test "$(sqlite3 vanban.db "SELECT count(*) FROM nodes WHERE key = '01/QĐ-UBND@2022' AND document_id IS NOT NULL"):$(sqlite3 vanban.db "SELECT count(*) FROM nodes WHERE document_id IS NULL")" = "2:0"
"$BIN" load second.jsonl 2>again.txt
expect "loading the same records again adds nothing" grep -q " 0 documents found, 0 citations found, 2 skipped" again.txt

"$BIN" cited-by 01/QD-UBND >out.txt 2>err.txt
cat out.txt err.txt
expect "both communes' decisions are listed apart" test "$(grep -c '^Quyết định 01/QĐ-UBND (2022) — Ủy ban nhân dân xã Kỳ' out.txt)" = 2
expect "several matches suggest --issuer" grep -q -- "--issuer" err.txt
"$BIN" cited-by 01/QĐ-UBND --issuer "ky nam" --json >out.json
expect "--issuer chooses one commune (diacritic-insensitive)" python3 - out.json <<'PY'
import json, sys
t = json.load(open(sys.argv[1], encoding="utf-8"))["targets"]
assert len(t) == 1 and t[0]["target"]["issuer"] == "Ủy ban nhân dân xã Kỳ Nam", t
assert [d["number"] for d in t[0]["cited_by"]] == ["11"], t[0]["cited_by"]
PY
"$BIN" cited-by 01/QĐ-UBND --issuer "Kỳ Bắc" --depth 2 --json >out.json
expect "--depth 2 reaches the district report through the plan" python3 - out.json <<'PY'
import json, sys
t = json.load(open(sys.argv[1], encoding="utf-8"))["targets"]
assert len(t) == 1, t
got = [(d["depth"], d["number"]) for d in t[0]["cited_by"]]
assert got == [(1, "10"), (2, "5")], got
PY
"$BIN" cited-by 01/QĐ-UBND --issuer "Kỳ Bắc" --depth 2 >out.txt
expect "human output shows the depth" grep -q "cấp 2" out.txt
"$BIN" show "Kế hoạch 10/KH-UBND" >out.txt
expect "show lists citations out and in" grep -q "được dẫn chiếu bởi (cited by) 1" out.txt
"$BIN" export --format graphml >g.graphml
expect "graphml with <, > and quotes in a subject is well-formed" xmllint --noout g.graphml
expect "graphml escaped the subject" grep -q "báo cáo &lt;tháng 6&gt; &quot;huyện&quot;" g.graphml

exit "$fail"
