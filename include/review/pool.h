/* An ordered work pool: jobs 0..count-1 run on several threads, and their
 * results are taken one at a time in index order, each as soon as every
 * earlier one is taken. At most `window` results wait to be taken: a worker
 * that would run further ahead waits, so memory stays bounded however long
 * the run and however slow one job is. Jobs are 0..count-1, or come from a
 * producer (claim) until it has no more: a walk hands out files as it finds
 * them, so no list of every file is ever held. */
#ifndef REVIEW_POOL_H
#define REVIEW_POOL_H

#include <stdbool.h>
#include <stddef.h>

struct pool_ops {
	/* Runs job index on a worker thread (job: what claim gave, else NULL);
	 * returns its result (may be NULL). */
	void *(*run)(void *context, size_t index, void *job);
	/* Takes job index's result, in index order, never two at once: it may
	 * write output or free the result without a lock of its own. */
	void (*take)(void *context, size_t index, void *result);
	/* NULL, or the producer: called with the pool's lock held, never two at
	 * once, for index 0, 1, ... in turn; sets *job to job index's input (run
	 * gets it and owns it) and returns true, or returns false when there are
	 * no more jobs (it is not called again). The count given to the pool is
	 * then only a bound: pass SIZE_MAX. In pool_run, claim and take are
	 * never called at the same time; in pool_run_ordered they may be. */
	bool (*claim)(void *context, size_t index, void **job);
};

#define POOL_MAX_THREADS 16

/* One thread per core, but no more than one per 8 jobs: starting a thread
 * costs more than a few small jobs. */
size_t pool_default_threads(size_t count);

/* Runs the count jobs on threads threads (the caller's one of them; 0 means
 * pool_default_threads; never more than POOL_MAX_THREADS) with at most window
 * results waiting (at least 1). Returns when every result is taken. */
void pool_run_ordered(const struct pool_ops *ops, void *context, size_t count, size_t threads,
		      size_t window);

/* The same without the order: each result is taken as soon as its job ends
 * (still never two at once), so no worker ever waits for a slower one. */
void pool_run(const struct pool_ops *ops, void *context, size_t count, size_t threads);

#endif
