#!/usr/bin/env bash
# The key lists in docs/review.1 and README.md are exactly the key table the
# binary uses (the same table feeds `?`, the footer and `review preview --help`).
set -u
: "${REVIEW_BIN:?}" "${SOURCE_DIR:?}"
TUI_DIR=$(cd "$(dirname "$0")" && pwd)
status=0

check() {
	local document=$1 format=$2 begin=$3 end=$4
	local expected actual
	expected=$("$TUI_DIR/keys_doc.sh" "$format" "$REVIEW_BIN") || {
		echo "FAIL: keys_doc.sh $format failed" >&2
		status=1
		return
	}
	actual=$(sed -n "/$begin/,/$end/p" "$SOURCE_DIR/$document" | sed '1d;$d')
	[ -n "$expected" ] || { echo "FAIL: the binary listed no keys" >&2; status=1; return; }
	if [ "$expected" != "$actual" ]; then
		echo "FAIL: the keys in $document differ from the key table; regenerate with" >&2
		echo "  tests/tui/keys_doc.sh $format BUILD/review" >&2
		diff <(printf '%s\n' "$expected") <(printf '%s\n' "$actual") >&2
		status=1
	else
		echo "ok: $document lists exactly the key table"
	fi
}

check docs/review.1 man 'KEYS-BEGIN' 'KEYS-END'
check README.md md 'keys-begin' 'keys-end'

# Every key of the table is in the help the binary prints.
help=$("$REVIEW_BIN" preview --help)
for key in '?, F1' 'Ctrl-D' 'Ctrl-C' 'Shift-Tab' 'PgDn, Space' 'y, Enter' 'n, Esc'; do
	grep -qF -- "  $key " <<<"$help" || { echo "FAIL: preview --help lacks $key" >&2; status=1; }
done
exit $status
