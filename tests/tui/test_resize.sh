#!/usr/bin/env bash
# The layout follows the terminal live: code beside the candidates from 140
# columns, stacked below that, a notice below 60x16; resizing keeps every pick.
. "$(dirname "$0")/lib.sh"

start 160 48 tpipe
wait_line "^ +1 from pyspark.sql import SparkSession .*Complete output mode rewrites"
note "at 160x48 the code sits beside the candidates"

keys 1 j n j 3
wait_for "Candidates: 3 of 5 answered"
wait_line "1 \[  bug   \] Complete output"
wait_line "2 \[not real\] There is no watermark"
wait_line "3 \[ minor  \] The socket source"

resize 80 24
wait_line "^ +1 from pyspark.sql import SparkSession *$"
wait_line "^. 1 \[  bug   \] Complete output"
expect_screen "Candidates: 3 of 5 answered"
wait_line "2 \[not real\] There is no watermark"
wait_line "3 \[ minor  \] The socket source"
note "at 80x24 the panes stack and the picks are kept"

resize 50 12
wait_for "Terminal too small: 50x12"
wait_for "Needs at least 60x16"
keys y
resize 160 48
wait_line "^ +1 from pyspark.sql import SparkSession .*Complete output mode rewrites"
expect_screen "Candidates: 3 of 5 answered"
wait_line "1 \[  bug   \] Complete output"
wait_line "2 \[not real\] There is no watermark"
wait_line "3 \[ minor  \] The socket source"
note "below 60x16 a notice shows (keys do nothing), and growing back restores everything"

resize 59 30
wait_for "Terminal too small: 59x30"
resize 60 16
wait_gone "Terminal too small"
wait_for "Candidates: 3 of 5 answered"
note "60x16 is the smallest usable size"
resize 50 12
wait_for "Terminal too small"
keys q
expect_exit 0
note "q quits from the too-small notice"

# Any size, in any state (question open, help open, results): never a crash.
start 100 30 --no-save tpipe
wait_for "Candidates: 0 of 5 answered"
sizes="1x1 2x3 20x5 59x15 60x16 61x17 139x40 140x40 200x60 80x24"
shake() {
	for size in $sizes; do
		resize "${size%x*}" "${size#*x}"
	done
}
shake
wait_footer "q quit"
keys h
wait_for "Reveal hint 1 of 3?"
shake
wait_footer "y yes"
keys y
wait_for "FIRSTHINT"
keys 1 j 2 s
wait_for "Unanswered (no points)"
shake
wait_footer "y yes"
keys Enter
wait_for "4.8 of 12 (40%), pass at 70%"
keys '?'
wait_for "Keys: j/k scroll"
shake
wait_footer "q back"
keys G q
wait_gone "Keys: j/k scroll"
expect_screen "4.8 of 12 (40%), pass at 70%"
keys q
expect_exit 0
note "resizing from 1x1 to 200x60 with a question, the help or the results open never breaks"
