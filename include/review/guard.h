/* The guessing guard: scores the answers a learner could give without reading
 * the code, so that an exercise whose key can be guessed from position, from
 * the candidate ids or from a constant answer is caught before a learner sees it. */
#ifndef REVIEW_GUARD_H
#define REVIEW_GUARD_H

#include <stdbool.h>
#include <stddef.h>

#include "review/exercise.h"
#include "review/score.h"

/* The families of blind answers. */
enum guard_family {
	GUARD_ALL_NOT_REAL,  /* every candidate not real */
	GUARD_ALL_REAL,      /* every candidate real, without a severity */
	GUARD_ALL_SEVERITY,  /* every candidate real with one severity */
	GUARD_FIRST_K,       /* in file order, the first k real with one severity, the rest not */
	GUARD_FIRST_K_BY_ID  /* the same in the order of the candidate ids (i2 before i10):
			      * ids can be typed without being seen, so a convention such
			      * as "i1 is the headline" is a blind answer too */
};

struct guard_answer {
	enum guard_family family;
	enum severity severity; /* GUARD_ALL_SEVERITY and GUARD_FIRST_K */
	size_t k;               /* GUARD_FIRST_K and GUARD_FIRST_K_BY_ID */
	struct score_result result;
};

struct guard_report {
	struct guard_answer best;    /* the blind answer that scores highest */
	struct guard_answer *passing; /* every blind answer that passes; caller frees */
	size_t passing_count;
	size_t tried;                /* blind answers scored */
	long long max;
	/* Expected percent of max scored by an answer drawn uniformly per
	 * candidate from not-real, bug, warning and minor (100 when max is 0). */
	double random_percent;
};

/* Scores every blind answer. Returns false when out of memory (report zeroed).
 * Free with guard_report_free. */
bool guard_run(const struct exercise *exercise, struct guard_report *report);
void guard_report_free(struct guard_report *report);

/* Names a blind answer for people: "every candidate 'bug'", "the first 3 real
 * as 'warning', the rest not real". Writes at most size bytes. */
void guard_describe(const struct guard_answer *answer, char *buffer, size_t size);

#endif
