#!/usr/bin/env bash
# vanban-eval against the reference scorer shared/eval/score.py.
#
# Predictions are made from the gold records themselves (every corpus/gold/*.json as one JSON
# line) and then perturbed: a dropped citation, a changed date, a removed task, a changed header
# field, a paraphrased title key, and a seeded mix of many perturbations over every file. Both
# scorers must print the same text (--detail notes, every metric to 3 decimals, the BELOW line of
# --min, the exit status). Without score.py (CI may not have shared/) only the checks that need
# no reference run.
#
# Env (set by CTest): VANBAN_BIN (path of vanban; vanban-eval sits next to it),
# VANBAN_SOURCE_DIR. VANBAN_EVAL overrides the path of vanban-eval.
set -euo pipefail

SRC="${VANBAN_SOURCE_DIR:?VANBAN_SOURCE_DIR not set}"
EVAL="${VANBAN_EVAL:-$(dirname "${VANBAN_BIN:?VANBAN_BIN not set}")/vanban-eval}"
GOLD="$SRC/corpus/gold"
REF="$SRC/../shared/eval/score.py"
[[ -x "$EVAL" ]] || { echo "FAIL: $EVAL not built"; exit 1; }

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
fail=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; fail=1; }

# --- predictions: gold as-is, then perturbed -------------------------------------------------
python3 - "$GOLD" "$TMP" <<'PY'
import copy, glob, json, os, random, sys

gold_dir, out = sys.argv[1], sys.argv[2]
golds = [json.load(open(f, encoding="utf-8"))
         for f in sorted(glob.glob(os.path.join(gold_dir, "*.json")))]

def write(name, recs):
    with open(os.path.join(out, name + ".jsonl"), "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")

def scenario(name, fn):
    recs = copy.deepcopy(golds)
    fn(recs)
    write(name, recs)

def first(recs, field):
    for r in recs:
        for d in r["documents"]:
            if d.get(field):
                return d
    raise SystemExit("no document with " + field)

write("identity", golds)
scenario("drop_citation", lambda rs: first(rs, "citations")["citations"].pop(0))
scenario("change_date", lambda rs: first(rs, "date").__setitem__("date", "1999-01-01"))
scenario("remove_task", lambda rs: first(rs, "tasks")["tasks"].pop(0))
scenario("change_signer",
         lambda rs: first(rs, "signer")["signer"].__setitem__("name", "Nguyễn Văn Khác"))

def paraphrase(rs):
    # Title keys (TYPE:title@YEAR): one in a different case and punctuation (aliased by the
    # loose title match), one with other words (not aliased), one moved to another year.
    n = 0
    for r in rs:
        for d in r["documents"]:
            for c in d.get("citations") or []:
                k = c.get("key") or ""
                if ":" in k and "@" in k and "/" not in k.split(":")[0]:
                    t, rest = k.split(":", 1)
                    title, year = rest.rsplit("@", 1)
                    if n % 3 == 0:
                        c["key"] = f"{t}: {title.upper()}.@{year}"
                    elif n % 3 == 1:
                        c["key"] = f"{t}:{title} sửa đổi, bổ sung@{year}"
                    else:
                        c["key"] = f"{t}:{title}@{int(year) + 1}"
                    n += 1
    if n == 0:
        d = first(rs, "citations")
        d["citations"].append({"type": "Luật", "key": "Luật:ban hành văn bản@2015"})
scenario("title_paraphrase", paraphrase)

def mix(rs):
    rnd = random.Random(20240315)
    words = ["UBND", "Hoà", "uỷ", "- ", ";", "  ", "HĐND", "quý", "CCHC"]
    for r in rs:
        if rnd.random() < 0.1:
            r["error"] = {"stage": "load", "message": "x"}
        if rnd.random() < 0.1 and len(r["documents"]) > 1:
            r["documents"].pop()
        if rnd.random() < 0.05:
            r["documents"].append({"type": "Công văn"})
        for d in r["documents"]:
            for f in ["type", "number", "symbol", "place", "date", "subject"]:
                x = rnd.random()
                if x < 0.15:
                    d[f] = None
                elif x < 0.3 and isinstance(d.get(f), str):
                    d[f] = rnd.choice(words) + d[f].upper() + rnd.choice([";", ".", ""])
                elif x < 0.35:
                    d[f] = "khác"
            if rnd.random() < 0.2:
                d["draft"] = rnd.choice([True, 1, "", None])
            for part in ["issuer", "signer"]:
                if isinstance(d.get(part), dict):
                    for f in list(d[part]):
                        if rnd.random() < 0.2:
                            d[part][f] = rnd.choice([None, "Chủ tịch", "UBND tỉnh"])
            for f in ["recipients", "distribution"]:
                lst = d.get(f) or []
                rnd.shuffle(lst)
                if lst and rnd.random() < 0.4:
                    lst.pop()
                if rnd.random() < 0.3:
                    lst.append(rnd.choice(["- Như trên;", "Lưu: VT.", "UBND các xã", ""]))
                d[f] = lst
            cits = d.get("citations") or []
            rnd.shuffle(cits)
            for c in list(cits):
                x = rnd.random()
                if x < 0.15:
                    cits.remove(c)
                elif x < 0.25:
                    c["date"] = None
                elif x < 0.35:
                    c["type"] = "Quyết định"
                elif x < 0.45 and c.get("key"):
                    c["key"] = c["key"].lower().replace("qđ-", "qd-")
                elif x < 0.5:
                    c["key"] = None
            if rnd.random() < 0.3:
                cits.append({"type": "Công văn", "key": "999/UBND@2020", "date": "2020-01-01"})
            if cits and rnd.random() < 0.2:
                cits.append(copy.deepcopy(cits[0]))  # a duplicate key
            d["citations"] = cits
            tasks = d.get("tasks") or []
            if len(tasks) > 1 and rnd.random() < 0.3:
                tasks[0], tasks[1] = tasks[1], tasks[0]
            for t in list(tasks):
                x = rnd.random()
                if x < 0.1:
                    tasks.remove(t)
                    continue
                if x < 0.2 and t.get("action"):
                    t["action"] = "Đồng thời " + t["action"].upper() + " ngay"
                elif x < 0.25 and t.get("action"):
                    t["action"] = " ".join(t["action"].split()[3:])
                if rnd.random() < 0.2:
                    t["deadline"] = rnd.choice([None, {"date": "2030-12-31"}, {"date": None}, {}])
                if rnd.random() < 0.2:
                    t["assignees"] = (t.get("assignees") or [])[1:] + ["UBND huyện"]
            if rnd.random() < 0.2:
                tasks.append({"id": "x", "action": "thực hiện nhiệm vụ khác", "assignees": [],
                              "deadline": {"date": "2030-01-01"}})
            d["tasks"] = tasks
    rs.pop(rnd.randrange(len(rs)))  # one file without a prediction
scenario("mix", mix)
PY

# --- gold against itself ---------------------------------------------------------------------
out="$("$EVAL" "$TMP/identity.jsonl" "$GOLD")"
if [[ "$(tail -n1 <<<"$out")" == "score: 1.000" ]] \
  && ! grep -v ': 1.000$' <<<"$out" >/dev/null; then
  ok "identity: every metric 1.000"
else
  bad "identity: $out"
fi

# --- exit statuses -----------------------------------------------------------------------------
set +e
"$EVAL" "$TMP/identity.jsonl" "$GOLD" --min score=1 header_accuracy=0.5 >/dev/null; rc=$?
[[ $rc == 0 ]] && ok "--min met: exit 0" || bad "--min met: exit $rc"
"$EVAL" "$TMP/change_date.jsonl" "$GOLD" --min date=1 >"$TMP/o" 2>&1; rc=$?
[[ $rc == 1 ]] && grep -q '^BELOW: date=0\.[0-9][0-9]<1\.0 | score: ' "$TMP/o" \
  && ok "--min not met: exit 1 and BELOW" || bad "--min not met: exit $rc $(cat "$TMP/o")"
"$EVAL" "$TMP/identity.jsonl" "$GOLD" --min no_such_metric=0.5 >/dev/null 2>&1; rc=$?
[[ $rc == 2 ]] && ok "unknown --min metric: exit 2" || bad "unknown --min metric: exit $rc"
"$EVAL" "$TMP/missing.jsonl" "$GOLD" >/dev/null 2>&1; rc=$?
[[ $rc == 2 ]] && ok "missing PRED: exit 2" || bad "missing PRED: exit $rc"
"$EVAL" "$TMP/identity.jsonl" "$TMP/no_such_dir" >/dev/null 2>&1; rc=$?
[[ $rc == 2 ]] && ok "missing GOLD_DIR: exit 2" || bad "missing GOLD_DIR: exit $rc"
"$EVAL" >/dev/null 2>&1; rc=$?
[[ $rc == 2 ]] && ok "no arguments: exit 2" || bad "no arguments: exit $rc"
{ head -n1 "$TMP/identity.jsonl"; echo '{"source": oops'; } >"$TMP/broken.jsonl"
"$EVAL" "$TMP/broken.jsonl" "$GOLD" >/dev/null 2>"$TMP/err"; rc=$?
[[ $rc == 2 ]] && grep -q "broken.jsonl:2:" "$TMP/err" \
  && ok "malformed line: exit 2, named file:line" \
  || bad "malformed line: exit $rc $(cat "$TMP/err")"
set -e

# --json carries the same numbers as the text output.
"$EVAL" "$TMP/mix.jsonl" "$GOLD" --json >"$TMP/mix.json" 2>/dev/null
"$EVAL" "$TMP/mix.jsonl" "$GOLD" >"$TMP/mix.txt"
if python3 - "$TMP/mix.json" "$TMP/mix.txt" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
lines = [l for l in open(sys.argv[2]) if not l.startswith("  ")]
t = dict(l.rsplit(": ", 1) for l in (l.strip() for l in lines))
assert list(m) == list(t), (list(m), list(t))
for k, v in m.items():
    assert ("nan" if v is None else f"{v:.3f}") == t[k], (k, v, t[k])
PY
then ok "--json matches the text output"; else bad "--json differs from the text output"; fi

# --- against score.py ----------------------------------------------------------------------------
if [[ ! -f "$REF" ]]; then
  echo "skip comparison with score.py: $REF not found"
  exit "$fail"
fi
for s in identity drop_citation change_date remove_task change_signer title_paraphrase mix; do
  for args in "" "--detail" "--min header_accuracy=0.95 citation_f1=0.9 score=0.5"; do
    set +e
    # shellcheck disable=SC2086
    python3 "$REF" "$TMP/$s.jsonl" "$GOLD" $args >"$TMP/ref.txt"; ref_rc=$?
    # shellcheck disable=SC2086
    "$EVAL" "$TMP/$s.jsonl" "$GOLD" $args >"$TMP/got.txt"; got_rc=$?
    set -e
    if [[ $ref_rc == "$got_rc" ]] && diff -u "$TMP/ref.txt" "$TMP/got.txt" >"$TMP/diff.txt"; then
      ok "$s ${args:-(plain)}: same output as score.py ($(tail -n1 "$TMP/got.txt"))"
    else
      bad "$s ${args:-(plain)}: exit $got_rc vs score.py $ref_rc"
      cat "$TMP/diff.txt"
    fi
  done
  # The numbers side by side, for the log.
  if [[ $s != identity ]]; then
    paste -d' ' <(python3 "$REF" "$TMP/$s.jsonl" "$GOLD" | grep -v '^  ') \
      <("$EVAL" "$TMP/$s.jsonl" "$GOLD" | grep -v '^  ' | sed 's/^[^:]*: //') |
      awk -v s="$s" '$2 != $3 || /^(header_accuracy|citation_f1|task_f1|deadline_f1|score):/ {
        printf "     %-16s %-22s score.py %s  vanban-eval %s\n", s, $1, $2, $3 }'
  fi
done
exit "$fail"
