/* The scoring engine: a pure function of (exercise, picks, hints revealed). */
#ifndef REVIEW_SCORE_H
#define REVIEW_SCORE_H

#include <stdbool.h>
#include <stddef.h>

#include "review/exercise.h"

enum verdict { VERDICT_UNANSWERED, VERDICT_NOT_REAL, VERDICT_REAL };

/* What the learner said of one candidate. */
struct pick {
	enum verdict verdict;
	enum severity severity; /* only with VERDICT_REAL; SEVERITY_NONE when not given */
};

/* Scores are kept in tenths of a point so that halves and the 10% hint cost are exact. */
struct score_result {
	long score_tenths;
	long max;            /* whole points */
	int hints_used;
	bool passed;         /* percent >= 70 */
};

#define SCORE_HINT_COST_PERCENT 10
#define SCORE_PASS_PERCENT 70

/* Tenths of a point the pick earns on the candidate. */
long score_candidate(const struct candidate *candidate, struct pick pick);

/* picks has exercise->candidate_count entries, in candidate order. */
struct score_result score_grade(const struct exercise *exercise, const struct pick *picks,
				int hints_revealed);

double score_value(const struct score_result *result);   /* points, e.g. 9.0 */
double score_percent(const struct score_result *result); /* 0..100 */

/* "not-real", "real", "bug", "warning", "minor" -> pick; false otherwise. */
bool score_parse_verdict(const char *text, struct pick *out);
/* "unanswered", "not-real", "real" */
const char *score_verdict_name(enum verdict verdict);
/* The verdict as written in an answers file: "not-real", "real", a severity, or "". */
const char *score_pick_name(struct pick pick);

/* The answer key as picks (picks must hold candidate_count entries). */
void score_key_picks(const struct exercise *exercise, struct pick *picks);

#endif
