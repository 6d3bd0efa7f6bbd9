/* Ids that several files share, found in little memory: each file keeps a
 * 64-bit hash of its id and its index, and only the files whose hashes are
 * equal need their ids compared (check loads them again, smoke reads them
 * back). Used where a whole catalog is too much to hold. */
#ifndef REVIEW_IDHASH_H
#define REVIEW_IDHASH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct id_hash_key {
	uint64_t hash; /* 0: the file has no id */
	size_t index;  /* the file's */
};

/* FNV-1a 64 of the id, never 0. */
uint64_t id_hash(const char *id);

/* Sorts the keys by hash, equal hashes in file order. */
void id_hash_sort(struct id_hash_key *keys, size_t count);

/* In sorted keys, the next run of two or more keys with one hash (never 0)
 * after [*first, *end): start with *end at 0. Returns false when there is none. */
bool id_hash_next_collision(const struct id_hash_key *keys, size_t count, size_t *first,
			    size_t *end);

#endif
