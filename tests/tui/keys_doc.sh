#!/usr/bin/env bash
# Prints the TUI's key table, as the binary reports it, in the form a document
# wants: `man` (roff for docs/review.1) or `md` (Markdown for README.md).
# test_docs.sh checks the documents hold exactly this; after changing the key
# table in src/tui/keys.c, regenerate the blocks with:
#   tests/tui/keys_doc.sh man BUILD/review   (between the KEYS markers of review.1)
#   tests/tui/keys_doc.sh md BUILD/review    (between the keys markers of tui.md)
set -eu
format=$1
binary=${2:-${REVIEW_BIN:?}}

"$binary" preview --help | sed -n '/^Keys in the terminal UI/,$p' | tail -n +3 |
	awk -v format="$format" '
	function roff(text) {
		gsub(/\\/, "\\e", text)
		gsub(/-/, "\\-", text)
		return text
	}
	/^$/ { next }
	/^[^ ].*:$/ {
		section = substr($0, 1, length($0) - 1)
		if (format == "man")
			print ".SS " section
		else
			printf "%s**%s**\n\n| Key | What it does |\n|---|---|\n", (started ? "\n" : ""), section
		started = 1
		next
	}
	{
		keys = substr($0, 3, 13); sub(/ +$/, "", keys)
		help = substr($0, 16)
		if (format == "man")
			printf ".TP\n.B \"%s\"\n%s\n", roff(keys), roff(help)
		else {
			gsub(/\|/, "\\|", help)
			printf "| `%s` | %s |\n", keys, help
		}
	}'
