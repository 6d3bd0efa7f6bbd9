/* The ordered pool: every result taken once, in index order, never two at
 * once, and never more than the window waiting, whatever order the workers
 * finish in; the unordered one: every result once, never two at once. */
#define _DEFAULT_SOURCE /* usleep */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

#include "review/pool.h"

#define JOBS 2000

struct trace {
	size_t window;
	atomic_size_t running;     /* jobs run but not yet taken */
	atomic_size_t most_waiting;
	atomic_int taking;         /* take calls in progress */
	size_t taken[JOBS];
	size_t take_count;
	bool overlapped;
	size_t produce;            /* jobs a producer hands out before it says there are no more */
	size_t claims;             /* claim calls, the last one saying none */
	atomic_int claiming;       /* claim calls in progress */
};

static void *run_job(void *context, size_t index, void *job)
{
	struct trace *trace = context;
	if (job) { /* a producer's: it says which index it was made for */
		assert_int_equal(*(size_t *)job, index);
		free(job);
	}
	size_t waiting = atomic_fetch_add(&trace->running, 1) + 1;
	for (size_t most = atomic_load(&trace->most_waiting); waiting > most &&
	     !atomic_compare_exchange_weak(&trace->most_waiting, &most, waiting);)
		;
	/* Jobs of very different lengths: later ones often finish first. */
	if (index % 7 == 0)
		usleep(300);
	size_t *result = malloc(sizeof(*result));
	if (result)
		*result = index * 3;
	return result;
}

static void take_job(void *context, size_t index, void *result)
{
	struct trace *trace = context;
	if (atomic_fetch_add(&trace->taking, 1) != 0)
		trace->overlapped = true;
	assert_non_null(result);
	assert_int_equal(*(size_t *)result, index * 3);
	free(result);
	trace->taken[trace->take_count++] = index;
	if (index % 11 == 0)
		usleep(100);
	atomic_fetch_sub(&trace->running, 1);
	atomic_fetch_sub(&trace->taking, 1);
}

static const struct pool_ops ops = { run_job, take_job, NULL };

/* A producer of trace->produce jobs, each its own index in a new block. */
static bool claim_job(void *context, size_t index, void **job)
{
	struct trace *trace = context;
	if (atomic_fetch_add(&trace->claiming, 1) != 0)
		trace->overlapped = true;
	assert_int_equal(index, trace->claims);
	trace->claims++;
	bool more = index < trace->produce;
	if (more) {
		size_t *input = malloc(sizeof(*input));
		assert_non_null(input);
		*input = index;
		*job = input;
	}
	atomic_fetch_sub(&trace->claiming, 1);
	return more;
}

static const struct pool_ops produced = { run_job, take_job, claim_job };

/* A producer's jobs, in order, each once, the producer asked once past its
 * last job and never again (a worker waiting for room must stop, not ask). */
static void check_produced(size_t produce, size_t threads, size_t window, bool ordered)
{
	struct trace *trace = calloc(1, sizeof(*trace));
	assert_non_null(trace);
	trace->produce = produce;
	if (ordered)
		pool_run_ordered(&produced, trace, SIZE_MAX, threads, window);
	else
		pool_run(&produced, trace, SIZE_MAX, threads);
	assert_int_equal(trace->take_count, produce);
	assert_int_equal(trace->claims, produce + 1);
	assert_false(trace->overlapped);
	bool *seen = calloc(produce + 1, sizeof(*seen));
	assert_non_null(seen);
	for (size_t i = 0; i < produce; i++) {
		if (ordered)
			assert_int_equal(trace->taken[i], i);
		assert_false(seen[trace->taken[i]]);
		seen[trace->taken[i]] = true;
	}
	if (ordered)
		assert_true(atomic_load(&trace->most_waiting) <= window);
	free(seen);
	free(trace);
}

static void producer_sixteen_workers_small_window(void **state)
{
	(void)state;
	check_produced(JOBS, 16, 3, true);
}

/* The producer ends long before the workers could wait on the window. */
static void producer_ending_early(void **state)
{
	(void)state;
	check_produced(5, 16, 64, true);
	check_produced(5, 16, 64, false);
}

static void producer_of_no_jobs(void **state)
{
	(void)state;
	check_produced(0, 16, 4, true);
	check_produced(0, 16, 4, false);
}

static void producer_unordered_many_workers(void **state)
{
	(void)state;
	check_produced(JOBS, 16, 1, false);
}

static void check_run(size_t threads, size_t window)
{
	struct trace *trace = calloc(1, sizeof(*trace));
	assert_non_null(trace);
	trace->window = window;
	pool_run_ordered(&ops, trace, JOBS, threads, window);
	assert_int_equal(trace->take_count, JOBS);
	for (size_t i = 0; i < JOBS; i++)
		assert_int_equal(trace->taken[i], i);
	assert_false(trace->overlapped);
	/* A job counts from its start to the end of its take. */
	assert_true(atomic_load(&trace->most_waiting) <= window);
	free(trace);
}

static void sixteen_workers_small_window(void **state)
{
	(void)state;
	check_run(16, 3);
}

static void sixteen_workers_wide_window(void **state)
{
	(void)state;
	check_run(16, 256);
}

static void one_worker_window_of_one(void **state)
{
	(void)state;
	check_run(1, 1);
}

/* Without the order: every result taken once, never two at once. */
static void unordered_takes_every_result_once(void **state)
{
	(void)state;
	struct trace *trace = calloc(1, sizeof(*trace));
	assert_non_null(trace);
	pool_run(&ops, trace, JOBS, 16);
	assert_int_equal(trace->take_count, JOBS);
	assert_false(trace->overlapped);
	bool *seen = calloc(JOBS, sizeof(*seen));
	assert_non_null(seen);
	for (size_t i = 0; i < JOBS; i++) {
		assert_false(seen[trace->taken[i]]);
		seen[trace->taken[i]] = true;
	}
	free(seen);
	free(trace);
}

static void no_jobs(void **state)
{
	(void)state;
	struct trace *trace = calloc(1, sizeof(*trace));
	assert_non_null(trace);
	pool_run_ordered(&ops, trace, 0, 0, 4);
	assert_int_equal(trace->take_count, 0);
	free(trace);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sixteen_workers_small_window),
		cmocka_unit_test(sixteen_workers_wide_window),
		cmocka_unit_test(one_worker_window_of_one),
		cmocka_unit_test(unordered_takes_every_result_once),
		cmocka_unit_test(no_jobs),
		cmocka_unit_test(producer_sixteen_workers_small_window),
		cmocka_unit_test(producer_ending_early),
		cmocka_unit_test(producer_of_no_jobs),
		cmocka_unit_test(producer_unordered_many_workers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
