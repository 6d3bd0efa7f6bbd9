/* The scoring engine: a pure function of (exercise, picks, hints revealed).
 *
 * Rule 2 (README "Scoring"): every candidate's points are at stake for its
 * verdict, on both sides. A not-real candidate earns its points only when
 * called not real; a real one earns them in full with the key's severity, 40%
 * with a severity one step away, 20% when called real without a severity and
 * nothing with a severity two steps away. Hints cost 10% of the maximum each. */
#ifndef REVIEW_SCORE_H
#define REVIEW_SCORE_H

#include <stdbool.h>
#include <stddef.h>

#include "review/exercise.h"

/* Stored with every attempt, so that a score earned under an older rule is
 * labelled as such instead of being silently rescored. */
#define SCORE_RULE_VERSION 2

enum verdict { VERDICT_UNANSWERED, VERDICT_NOT_REAL, VERDICT_REAL };

/* What the learner said of one candidate. */
struct pick {
	enum verdict verdict;
	enum severity severity; /* only with VERDICT_REAL; SEVERITY_NONE when not given */
};

/* How a pick compares with the key, for the results. */
enum judgement {
	JUDGED_RIGHT,  /* the key's verdict (and severity, when real) */
	JUDGED_PARTLY, /* real and said real, but with another severity or none */
	JUDGED_WRONG   /* the other verdict, or unanswered */
};

/* Scores are kept in tenths of a point so that the partial credits (4 and 2
 * tenths per point) and the 10% hint cost are exact. 64-bit throughout: a
 * catalog's points are bounded by the loader, never trusted to fit an int. */
struct score_result {
	long long score_tenths;
	long long earned_tenths; /* before the hint cost */
	long long max;           /* whole points */
	int hints_used;
	bool passed;             /* percent >= 70 */
};

#define SCORE_HINT_COST_PERCENT 10
/* A real candidate called real without a severity, when the key has one:
 * found, but its impact not judged. */
#define SCORE_PERCENT_WITHOUT_SEVERITY 20
#define SCORE_PASS_PERCENT 70

/* Tenths of a point the pick earns on the candidate. */
long long score_candidate(const struct candidate *candidate, struct pick pick);

enum judgement score_judge(const struct candidate *candidate, struct pick pick);
const char *score_judgement_name(enum judgement judgement); /* "right", "partly", "wrong" */

/* picks has exercise->candidate_count entries, in candidate (file) order. */
struct score_result score_grade(const struct exercise *exercise, const struct pick *picks,
				int hints_revealed);

/* Tenths the hints of a result cost. */
long long score_hint_cost(const struct score_result *result);

double score_value(const struct score_result *result);   /* points, e.g. 9.0 */
double score_percent(const struct score_result *result); /* 0..100 */
/* Percent in tenths, rounded down so it reads >= 70.0 exactly when passed. */
long long score_percent_tenths(const struct score_result *result);

/* "not-real", "real", "bug", "warning", "minor" -> pick; false otherwise. */
bool score_parse_verdict(const char *text, struct pick *out);
/* "unanswered", "not-real", "real" */
const char *score_verdict_name(enum verdict verdict);
/* The verdict as written in an answers file: "not-real", "real", a severity, or "". */
const char *score_pick_name(struct pick pick);

/* How many picks are right, partly right and wrong. */
struct score_tally {
	size_t right, partly, wrong;
};
struct score_tally score_tally(const struct exercise *exercise, const struct pick *picks);

/* The one-line summary of a graded answer, for people:
 * "4 right · 1 partly · 2 wrong · 10.5 earned − 3.9 for hints = 6.6 of 13 (51%), pass at 70%"
 * (without the hint part when no hint was used; ASCII separators when ascii). */
void score_summary(const struct exercise *exercise, const struct pick *picks,
		   const struct score_result *result, bool ascii, char *buffer, size_t size);

/* The answer key as picks (picks must hold candidate_count entries). */
void score_key_picks(const struct exercise *exercise, struct pick *picks);

#endif
