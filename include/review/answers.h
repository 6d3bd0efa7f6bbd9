/* Answers: what a learner (or a grader's script) says of an exercise's
 * candidates, read from an answers file (YAML or JSON) or from ID=VERDICT
 * strings, checked against the exercise and turned into picks for the engine. */
#ifndef REVIEW_ANSWERS_H
#define REVIEW_ANSWERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "review/diag.h"
#include "review/exercise.h"
#include "review/find.h"
#include "review/score.h"

/* Limits that keep hostile answers files cheap. */
#define ANSWERS_MAX_FILE_BYTES (1024 * 1024)
#define ANSWERS_MAX_DEPTH 16

enum answers_status { ANSWERS_OK = 0, ANSWERS_INVALID = 1, ANSWERS_IO_ERROR = 2 };

struct answers {
	struct pick *picks;  /* one per candidate, in candidate order; unnamed ones unanswered */
	size_t pick_count;
	/* A candidate is named by its id or by its number in the order the learner
	 * was shown (1 is the first): learners never see ids, which are the author's
	 * labels and often follow the order the author wrote them in. positions[n]
	 * is the index of the candidate shown at number n + 1: answers_init sets the
	 * file's order; a front end showing another writes it (order_arrange)
	 * before reading answers. */
	size_t *positions;
	int hints;           /* hints revealed before submitting, 0..hint_count */
	struct flag *flags;  /* lines flagged in the find phase, in the order given */
	size_t flag_count;
	bool has_flags;      /* a find phase took place (`flags:` or --flag), even with none */
};

/* Every candidate unanswered, no hint, numbers naming candidates in file
 * order. Returns false when out of memory. Free with answers_free. */
bool answers_init(struct answers *answers, const struct exercise *exercise);
void answers_free(struct answers *answers);


/* Reads an answers document:
 *     answers:
 *       3: bug           # not-real, real, bug, warning or minor; 3 is a
 *       i1: not-real     # number in the order shown, i1 a candidate id
 *     hints: 1           # optional, default 0
 *     flags: [12, "14-16:bug"]  # optional: lines flagged before judging
 * `answers` must be initialised for the exercise; picks named here are set on it.
 * Every problem (syntax, unknown key, unknown candidate, unknown verdict, a
 * candidate named twice, bad hints, aliases, nesting past ANSWERS_MAX_DEPTH) is
 * appended to diags as an error with its FILE:LINE:COL, `path` naming the data.
 * Returns ANSWERS_OK or ANSWERS_INVALID. */
enum answers_status answers_parse_buffer(const struct exercise *exercise, const char *path,
					 const char *data, size_t length,
					 struct answers *answers, struct diag_list *diags);

/* Reads the stream (at most ANSWERS_MAX_FILE_BYTES) and parses it, naming it
 * `path` in diagnostics. ANSWERS_IO_ERROR when it cannot be read. */
enum answers_status answers_load_stream(const struct exercise *exercise, const char *path,
					FILE *stream, struct answers *answers,
					struct diag_list *diags);

/* Opens the file and calls answers_load_stream. */
enum answers_status answers_load_file(const struct exercise *exercise, const char *path,
				      struct answers *answers, struct diag_list *diags);

/* Applies one "ID=VERDICT" or "N=VERDICT" (as given to --answer). On a bad entry
 * (no '=', an unknown candidate or number, an unknown verdict, a candidate already answered) appends an error
 * for file `source` (line 0) and returns false. */
bool answers_apply_assignment(const struct exercise *exercise, const char *text,
			      const char *source, struct answers *answers,
			      struct diag_list *diags);

/* Adds one flag ("12", "14-16", "14-16:bug", as given to --flag). On a bad one
 * (not a line or range, outside the code, backwards, an unknown severity, more
 * than FIND_MAX_FLAGS) appends an error for file `source` (line 0) and returns false. */
bool answers_apply_flag(const struct exercise *exercise, const char *text, const char *source,
			struct answers *answers, struct diag_list *diags);

/* Sets answers->hints from a decimal string (as given to --hints): a whole
 * number from 0 to the exercise's hint count. Otherwise appends an error for
 * file `source` (line 0) and returns false. */
bool answers_apply_hints(const struct exercise *exercise, const char *text, const char *source,
			 struct answers *answers, struct diag_list *diags);

#endif
