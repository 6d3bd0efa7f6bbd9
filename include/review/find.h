/* Finding: before any candidate is shown, the learner flags the code lines
 * they find suspicious. A flag is a line or a range, optionally with a
 * severity. The find result is a figure of its own, kept beside the judging
 * score and never mixed into it.
 *
 * The rule (README "Finding"): a real candidate is *found* when some flag
 * overlaps one of its `lines` (overlap is exact: a flag on a neighbouring line
 * does not count; a range counts when any of its lines is named). A flag that
 * overlaps no real candidate's lines is a *false alarm*; a false alarm that
 * overlaps a not-real candidate's lines also *fell for it*: it marks the line
 * that tempts. A flag's severity is the learner's note and is not scored:
 * severity is judged, and scored, in the judging phase. */
#ifndef REVIEW_FIND_H
#define REVIEW_FIND_H

#include <stdbool.h>
#include <stddef.h>

#include "review/diag.h"
#include "review/exercise.h"

/* At most this many flags an exercise: a bound on memory and on the encoding. */
#define FIND_MAX_FLAGS 200

struct flag {
	int first, last;         /* code lines, 1-based, first <= last */
	enum severity severity;  /* SEVERITY_NONE when not given */
};

struct find_result {
	size_t real_count;       /* real candidates that have lines (findable) */
	size_t found_count;
	long long real_points;   /* points of the findable real candidates */
	long long found_points;
	size_t false_alarms;     /* flags that overlap no real candidate's lines */
	size_t fell_for;         /* of those, flags on a not-real candidate's lines */
	size_t unfindable;       /* real candidates without lines */
};

/* True when the flag overlaps one of the candidate's lines. */
bool find_flag_overlaps(const struct flag *flag, const struct candidate *candidate);

/* True when some flag overlaps the candidate's lines. */
bool find_candidate_found(const struct candidate *candidate, const struct flag *flags,
			  size_t flag_count);

struct find_result find_score(const struct exercise *exercise, const struct flag *flags,
			      size_t flag_count);

/* Parses "12", "14-16", "14-16:bug" against an exercise of code_lines lines.
 * On failure returns false with a reason in message ("line 99 is past the
 * code's 40 lines", "the range 16-14 runs backwards", ...). */
bool find_parse_flag(const char *text, int code_lines, struct flag *out, char *message,
		     size_t size);

/* "12", "14-16", "14-16:bug" into buffer. */
void find_format_flag(const struct flag *flag, char *buffer, size_t size);

/* "found 3 of 4 real problems (9 of 11 points' worth) on your own, 1 false
 * alarm (1 on a tempting line)" */
void find_summary(const struct find_result *result, char *buffer, size_t size);

/* Appends a diagnostic at `level` for every real candidate without lines in an
 * exercise that takes part in finding (`find` not false): such a candidate
 * can never be found. Returns how many. */
size_t find_check(const struct exercise *exercise, enum diag_level level, struct diag_list *diags);

/* True when the line (1-based) is inside a flag. */
bool find_line_flagged(const struct flag *flags, size_t flag_count, int line);

#endif
