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

/* Every file's id hash, by file number, in blocks of a fixed size: memory
 * is 8 bytes a file plus at most one block, with no doubling slack and no
 * copy as it grows. */
struct id_hash_list;

/* A new empty list (every hash 0), or NULL when out of memory. */
struct id_hash_list *id_hash_list_new(void);
void id_hash_list_free(struct id_hash_list *list);

/* Sets file index's hash; false when out of memory. */
bool id_hash_list_set(struct id_hash_list *list, size_t index, uint64_t hash);
/* File index's hash; 0 when never set. */
uint64_t id_hash_list_get(const struct id_hash_list *list, size_t index);

/* The files among the first count whose hash (never 0) another file has, as
 * keys sorted by hash then file (*found of them); a new array (caller frees),
 * or NULL when out of memory. Takes a sorted copy of the hashes alone (8 bytes
 * a file) while it runs. */
struct id_hash_key *id_hash_list_collisions(const struct id_hash_list *list, size_t count, size_t *found);

#endif
