/* The order in which a learner sees an exercise's candidates.
 *
 * Authors write candidates in some order, and that order leaks the key (the
 * headline bug tends to come first). A learner sees a permutation drawn from a
 * seed kept per learner and exercise (see progress_order_seed). The permutation
 * depends only on the seed and each candidate's id, so editing one candidate
 * leaves the others where they were. */
#ifndef REVIEW_ORDER_H
#define REVIEW_ORDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "review/exercise.h"

enum order_kind { ORDER_FILE, ORDER_SHUFFLED };

/* How to order one exercise's candidates. */
struct order {
	enum order_kind kind;
	uint64_t seed; /* ORDER_SHUFFLED only */
};

/* Fills positions (candidate_count entries) so that positions[n] is the index,
 * in file order, of the candidate shown at display position n. */
void order_arrange(const struct exercise *exercise, struct order order, size_t *positions);

/* The display position of candidate index `index` under positions. */
size_t order_position_of(const size_t *positions, size_t count, size_t index);

/* A fresh seed from the system's random source; false when none is available. */
bool order_random_seed(uint64_t *seed);

/* "file" or "shuffled". */
const char *order_kind_name(enum order_kind kind);
/* Parses "file" or "shuffled". */
bool order_kind_parse(const char *text, enum order_kind *out);

#endif
