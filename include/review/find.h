/* Finding: before any candidate is shown, the learner flags the code lines
 * they find suspicious. A flag is a line or a range, optionally with a
 * severity. The find result is a figure of its own, kept beside the judging
 * score and never mixed into it.
 *
 * The rule (README "Finding"): a flag *points at* a candidate when it overlaps
 * one of its `lines` ranges (exactly: a neighbouring line does not count) and is
 * at most FIND_SLACK_LINES lines longer than that range: flagging the whole file
 * names every line and so points at none. A real candidate is *found* when a
 * flag points at it. Every other flag is a *false alarm*: one that points at a
 * not-real candidate *fell for it* (it marks the line that tempts), one that
 * overlaps a candidate's lines without pointing at any is *too broad*. A flag's
 * severity is the learner's note and is not scored: severity is judged, and
 * scored, in the judging phase. */
#ifndef REVIEW_FIND_H
#define REVIEW_FIND_H

#include <stdbool.h>
#include <stddef.h>

#include "review/diag.h"
#include "review/exercise.h"

/* At most this many flags an exercise: a bound on memory and on the encoding. */
#define FIND_MAX_FLAGS 200

/* How many lines longer than the key's range a flag may be and still point at
 * it: room for the line before or after, not for a whole function. */
#define FIND_SLACK_LINES 2

struct flag {
	int first, last;         /* code lines, 1-based, first <= last */
	enum severity severity;  /* SEVERITY_NONE when not given */
};

struct find_result {
	size_t real_count;       /* real candidates that have lines (findable) */
	size_t found_count;
	long long real_points;   /* points of the findable real candidates */
	long long found_points;
	size_t flag_count;       /* flags given */
	size_t false_alarms;     /* flags that point at no real candidate */
	size_t fell_for;         /* of those, flags that point at a not-real candidate */
	size_t too_broad;        /* of those, flags over a candidate's lines that point at none */
	size_t unfindable;       /* real candidates without lines */
};

/* True when the flag overlaps one of the candidate's lines. */
bool find_flag_overlaps(const struct flag *flag, const struct candidate *candidate);

/* True when the flag overlaps one of the candidate's line ranges and is at most
 * FIND_SLACK_LINES longer than it. */
bool find_flag_points_at(const struct flag *flag, const struct candidate *candidate);

/* True when some flag points at the candidate. */
bool find_candidate_found(const struct candidate *candidate, const struct flag *flags,
			  size_t flag_count);

/* True when some flag overlaps the candidate's lines, pointing at it or not:
 * with find_candidate_found, tells "flagged too broadly" from "not flagged". */
bool find_candidate_flagged(const struct candidate *candidate, const struct flag *flags,
			    size_t flag_count);

enum find_flag_kind {
	FIND_FLAG_HIT,          /* points at a real candidate */
	FIND_FLAG_FELL_FOR,     /* points at a not-real candidate only */
	FIND_FLAG_TOO_BROAD,    /* overlaps a candidate's lines, points at none */
	FIND_FLAG_FALSE_ALARM,  /* overlaps no candidate's lines */
};

enum find_flag_kind find_flag_kind(const struct exercise *exercise, const struct flag *flag);

/* "hit", "fell-for-it", "too-broad", "false-alarm" */
const char *find_flag_kind_name(enum find_flag_kind kind);

struct find_result find_score(const struct exercise *exercise, const struct flag *flags,
			      size_t flag_count);

/* Parses "12", "14-16", "14-16:bug" against an exercise of code_lines lines.
 * On failure returns false with a reason in message ("line 99 is past the
 * code's 40 lines", "the range 16-14 runs backwards", ...). */
bool find_parse_flag(const char *text, int code_lines, struct flag *out, char *message,
		     size_t size);

/* "12", "14-16", "14-16:bug" into buffer. */
void find_format_flag(const struct flag *flag, char *buffer, size_t size);

/* "found 3 of 4 real problems (9 of 11 points' worth) on your own, 2 false
 * alarms (1 on a tempting line, 1 too broad)" */
void find_summary(const struct find_result *result, char *buffer, size_t size);

/* Appends a diagnostic at `level` for every real candidate without lines in an
 * exercise that takes part in finding (`find` not false): such a candidate
 * can never be found. Returns how many. */
size_t find_check(const struct exercise *exercise, enum diag_level level, struct diag_list *diags);

/* True when the line (1-based) is inside a flag. */
bool find_line_flagged(const struct flag *flags, size_t flag_count, int line);

#endif
