/* Duplicate-id candidates by hash: see review/idhash.h. */
#include "review/idhash.h"

#include <stdlib.h>
#include <string.h>

#define BLOCK_HASHES 8192 /* 64 KB a block */

uint64_t id_hash(const char *id)
{
	uint64_t hash = 0xcbf29ce484222325ULL;
	for (const unsigned char *s = (const unsigned char *)id; *s; s++)
		hash = (hash ^ *s) * 0x100000001b3ULL;
	return hash ? hash : 1;
}

static int compare_keys(const void *a, const void *b)
{
	const struct id_hash_key *x = a, *y = b;
	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

void id_hash_sort(struct id_hash_key *keys, size_t count)
{
	if (count > 1)
		qsort(keys, count, sizeof(*keys), compare_keys);
}

bool id_hash_next_collision(const struct id_hash_key *keys, size_t count, size_t *first,
			    size_t *end)
{
	for (size_t start = *end, stop; start < count; start = stop) {
		for (stop = start + 1; stop < count && keys[stop].hash == keys[start].hash; stop++)
			;
		if (keys[start].hash != 0 && stop - start > 1) {
			*first = start;
			*end = stop;
			return true;
		}
	}
	*first = *end = count;
	return false;
}

struct id_hash_list {
	uint64_t **blocks;
	size_t block_count;
};

struct id_hash_list *id_hash_list_new(void)
{
	return calloc(1, sizeof(struct id_hash_list));
}

void id_hash_list_free(struct id_hash_list *list)
{
	if (!list)
		return;
	for (size_t i = 0; i < list->block_count; i++)
		free(list->blocks[i]);
	free(list->blocks);
	free(list);
}

bool id_hash_list_set(struct id_hash_list *list, size_t index, uint64_t hash)
{
	size_t block = index / BLOCK_HASHES;
	if (block >= list->block_count) {
		size_t count = block + 1;
		uint64_t **blocks = realloc(list->blocks, count * sizeof(*blocks));
		if (!blocks)
			return false;
		list->blocks = blocks;
		for (; list->block_count < count; list->block_count++)
			if (!(blocks[list->block_count] = calloc(BLOCK_HASHES, sizeof(**blocks))))
				return false;
	}
	list->blocks[block][index % BLOCK_HASHES] = hash;
	return true;
}

uint64_t id_hash_list_get(const struct id_hash_list *list, size_t index)
{
	size_t block = index / BLOCK_HASHES;
	return block < list->block_count ? list->blocks[block][index % BLOCK_HASHES] : 0;
}

static int compare_hashes(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static bool is_shared(const uint64_t *shared, size_t count, uint64_t hash)
{
	return hash != 0 && bsearch(&hash, shared, count, sizeof(*shared), compare_hashes) != NULL;
}

/* The hashes that occur twice or more (never 0), sorted, in place of the
 * sorted copy's first entries; returns how many. */
static size_t shared_hashes(uint64_t *sorted, size_t count)
{
	size_t shared = 0;
	for (size_t i = 0, end; i < count; i = end) {
		for (end = i + 1; end < count && sorted[end] == sorted[i]; end++)
			;
		if (sorted[i] != 0 && end - i > 1)
			sorted[shared++] = sorted[i];
	}
	return shared;
}

struct id_hash_key *id_hash_list_collisions(const struct id_hash_list *list, size_t count, size_t *found)
{
	uint64_t *sorted = malloc((count + 1) * sizeof(*sorted));
	if (!sorted)
		return NULL;
	for (size_t i = 0; i < count; i++)
		sorted[i] = id_hash_list_get(list, i);
	qsort(sorted, count, sizeof(*sorted), compare_hashes);
	size_t shared = shared_hashes(sorted, count);
	size_t total = 0;
	for (size_t pass = 0; pass < 2; pass++) { /* count, then copy */
		struct id_hash_key *keys = pass ? malloc((total + 1) * sizeof(*keys)) : NULL;
		if (pass && !keys)
			break;
		total = 0;
		for (size_t i = 0; i < count; i++) {
			uint64_t hash = id_hash_list_get(list, i);
			if (!is_shared(sorted, shared, hash))
				continue;
			if (pass)
				keys[total] = (struct id_hash_key){ hash, i };
			total++;
		}
		if (pass) {
			free(sorted);
			id_hash_sort(keys, total);
			*found = total;
			return keys;
		}
	}
	free(sorted);
	return NULL;
}
