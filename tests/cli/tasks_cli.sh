#!/usr/bin/env bash
# vanban tasks over the seed corpus, as a clerk uses it. Expected values are the seeds'
# hand-checked gold (corpus/gold): 000 part 1 is due 2023-08-09, 000 part 2 item 1.-2 is due
# 2023-08-30, 004 item 3.1.2.-1 is due 2024-03-10, and 003 item 1.-1 ("UBND các xã") is due
# 2024-03-31.
set -euo pipefail
bin=${VANBAN_BIN:?}
src=${VANBAN_SOURCE_DIR:?}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
"$bin" -q ingest "$src/corpus/seeds" >/dev/null 2>&1

fail() { echo "FAIL: $*" >&2; exit 1; }

# Soonest first, only dated tasks up to the date.
dates=$("$bin" tasks --due-before 31/12/2023 --json | python3 -c '
import json, sys
print(" ".join(t["deadline"]["date"] for t in json.load(sys.stdin)))')
[ "$dates" = "2023-08-09 2023-08-30" ] || fail "due-before 2023: got '$dates'"

# Overdue relative to --as-of.
dates=$("$bin" tasks --overdue --as-of 2024-03-15 --json | python3 -c '
import json, sys
print(" ".join(t["deadline"]["date"] for t in json.load(sys.stdin)))')
[ "$dates" = "2023-08-09 2023-08-30 2024-03-10" ] || fail "overdue: got '$dates'"

# Assignee without diacritics and by abbreviation: "ubnd xa" finds "UBND các xã".
"$bin" tasks --assignee "ubnd xa" --json | python3 -c '
import json, sys
rows = json.load(sys.stdin)
assert any("UBND các xã" in t["assignees"] and t["deadline"]["date"] == "2024-03-31" for t in rows), rows
' || fail "assignee ubnd xa"

# A date a clerk mistypes is refused in plain words, exit 2.
if "$bin" tasks --due-before 31/13/2024 2>err.txt; then fail "bad date accepted"; fi
grep -q "not a date" err.txt || fail "bad date message"

# iCalendar: CRLF lines, one event per dated task, stable UIDs across exports.
"$bin" -q tasks --ics a.ics
"$bin" -q tasks --ics b.ics
head -1 a.ics | grep -q $'^BEGIN:VCALENDAR\r$' || fail "ics header"
[ "$(grep -c '^BEGIN:VEVENT' a.ics)" -ge 4 ] || fail "ics events"
diff <(grep '^UID:' a.ics) <(grep '^UID:' b.ics) >/dev/null || fail "ics UIDs not stable"

# CSV for Excel: UTF-8 with BOM, Vietnamese intact.
"$bin" -q tasks --csv t.csv
[ "$(head -c 3 t.csv | od -An -tx1 | tr -d ' ')" = "efbbbf" ] || fail "csv BOM"
grep -q "Ủy ban nhân dân huyện Sơn Tây" t.csv || fail "csv Vietnamese"
# Global options also after the subcommand, as the README writes them.
"$bin" ingest "$src/corpus/seeds" --db after.db -q >/dev/null 2>&1
[ -s after.db ] || fail "--db after the subcommand did not create after.db"
"$bin" tasks --db after.db --due-before 31/12/2023 --json | python3 -c '
import json, sys
assert len(json.load(sys.stdin)) == 2' || fail "--db after the subcommand"
echo "tasks_cli: ok"
