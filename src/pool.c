/* The work pools: workers claim indices in turn. In the ordered one, whoever
 * finishes the job next in order takes every result that is then ready,
 * outside the lock; in the other, each worker takes its own result. */
#include "review/pool.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

struct slot {
	void *result;
	bool ready;
};

struct pool {
	const struct pool_ops *ops;
	void *context;
	size_t count, window;
	struct slot *slots;  /* index i waits in slots[i % window] */
	size_t next;         /* the next index to claim */
	size_t taken;        /* every index below it is taken */
	bool taking;         /* a worker is taking results */
	pthread_mutex_t lock;
	pthread_cond_t room; /* taken moved on: the window has room */
};

/* With the lock held: takes every result ready in order, unless another
 * worker is doing so (it will see this one's result too). */
static void take_ready(struct pool *pool)
{
	while (!pool->taking && pool->taken < pool->count && pool->slots[pool->taken % pool->window].ready) {
		struct slot *slot = &pool->slots[pool->taken % pool->window];
		void *result = slot->result;
		size_t index = pool->taken;
		*slot = (struct slot){ NULL, false };
		pool->taking = true;
		pthread_mutex_unlock(&pool->lock);
		pool->ops->take(pool->context, index, result);
		pthread_mutex_lock(&pool->lock);
		pool->taking = false;
		pool->taken++;
		pthread_cond_broadcast(&pool->room);
	}
}

static void *work(void *argument)
{
	struct pool *pool = argument;
	pthread_mutex_lock(&pool->lock);
	for (;;) {
		while (pool->next < pool->count && pool->next >= pool->taken + pool->window)
			pthread_cond_wait(&pool->room, &pool->lock);
		void *job = NULL;
		if (pool->next < pool->count && pool->ops->claim &&
		    !pool->ops->claim(pool->context, pool->next, &job)) {
			/* The end is known now: a worker waiting for room may stop. */
			pool->count = pool->next;
			pthread_cond_broadcast(&pool->room);
		}
		if (pool->next >= pool->count)
			break;
		size_t index = pool->next++;
		pthread_mutex_unlock(&pool->lock);
		void *result = pool->ops->run(pool->context, index, job);
		pthread_mutex_lock(&pool->lock);
		pool->slots[index % pool->window] = (struct slot){ result, true };
		take_ready(pool);
	}
	pthread_mutex_unlock(&pool->lock);
	return NULL;
}

size_t pool_default_threads(size_t count)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	size_t threads = cores < 1 ? 1 : (size_t)cores;
	return threads > count / 8 + 1 ? count / 8 + 1 : threads;
}

static size_t thread_count(size_t asked, size_t count)
{
	if (asked == 0)
		asked = pool_default_threads(count);
	if (asked > POOL_MAX_THREADS)
		asked = POOL_MAX_THREADS;
	return asked > count ? (count ? count : 1) : asked;
}

/* Without memory for the window, one slot: the jobs then run one at a time,
 * each taken before the next starts. */
void pool_run_ordered(const struct pool_ops *ops, void *context, size_t count, size_t threads,
		      size_t window)
{
	struct slot one = { NULL, false };
	struct pool pool = { ops, context, count, window ? window : 1, NULL, 0, 0, false,
			     PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER };
	pool.slots = calloc(pool.window, sizeof(*pool.slots));
	if (!pool.slots) {
		pool.slots = &one;
		pool.window = 1;
	}
	pthread_t ids[POOL_MAX_THREADS];
	size_t started = 0;
	for (size_t t = 1; t < thread_count(threads, count); t++)
		if (pthread_create(&ids[started], NULL, work, &pool) == 0)
			started++;
	work(&pool);
	for (size_t t = 0; t < started; t++)
		pthread_join(ids[t], NULL);
	if (pool.slots != &one)
		free(pool.slots);
	pthread_mutex_destroy(&pool.lock);
	pthread_cond_destroy(&pool.room);
}

/* One lock for claiming and taking: a producer may then keep what take
 * writes in an array it grows, and both are short. */
struct unordered {
	const struct pool_ops *ops;
	void *context;
	size_t count;
	size_t next;
	pthread_mutex_t lock;
};

static void *work_unordered(void *argument)
{
	struct unordered *pool = argument;
	for (;;) {
		void *job = NULL;
		pthread_mutex_lock(&pool->lock);
		if (pool->next < pool->count && pool->ops->claim &&
		    !pool->ops->claim(pool->context, pool->next, &job))
			pool->count = pool->next;
		size_t index = pool->next < pool->count ? pool->next++ : pool->count;
		size_t count = pool->count;
		pthread_mutex_unlock(&pool->lock);
		if (index == count)
			return NULL;
		void *result = pool->ops->run(pool->context, index, job);
		pthread_mutex_lock(&pool->lock);
		pool->ops->take(pool->context, index, result);
		pthread_mutex_unlock(&pool->lock);
	}
}

void pool_run(const struct pool_ops *ops, void *context, size_t count, size_t threads)
{
	struct unordered pool = { ops, context, count, 0, PTHREAD_MUTEX_INITIALIZER };
	pthread_t ids[POOL_MAX_THREADS];
	size_t started = 0;
	for (size_t t = 1; t < thread_count(threads, count); t++)
		if (pthread_create(&ids[started], NULL, work_unordered, &pool) == 0)
			started++;
	work_unordered(&pool);
	for (size_t t = 0; t < started; t++)
		pthread_join(ids[t], NULL);
	pthread_mutex_destroy(&pool.lock);
}
