/* Duplicate-id candidates by hash: see review/idhash.h. */
#include "review/idhash.h"

#include <stdlib.h>

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
