/* Candidate order: a sort of the candidates by a keyed hash of their ids. */
#include "review/order.h"

#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

/* splitmix64's finaliser: every input bit moves every output bit. */
static uint64_t mix(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static uint64_t id_hash(const char *id)
{
	uint64_t hash = 0xcbf29ce484222325ULL;
	for (const unsigned char *s = (const unsigned char *)id; *s; s++)
		hash = (hash ^ *s) * 0x100000001b3ULL;
	return hash;
}

static uint64_t sort_key(uint64_t seed, const struct candidate *candidate)
{
	return mix(seed ^ mix(id_hash(candidate->id ? candidate->id : "")));
}

/* Insertion sort of the positions by key: exercises have a few candidates, and
 * ties (equal ids cannot load) fall back to file order, so the result is total. */
static void sort_positions(const uint64_t *keys, size_t *positions, size_t count)
{
	for (size_t i = 1; i < count; i++) {
		size_t moving = positions[i];
		size_t j = i;
		while (j > 0 && (keys[positions[j - 1]] > keys[moving] ||
				 (keys[positions[j - 1]] == keys[moving] && positions[j - 1] > moving))) {
			positions[j] = positions[j - 1];
			j--;
		}
		positions[j] = moving;
	}
}

void order_arrange(const struct exercise *exercise, struct order order, size_t *positions)
{
	size_t count = exercise->candidate_count;

	for (size_t i = 0; i < count; i++)
		positions[i] = i;
	if (order.kind != ORDER_SHUFFLED || count < 2)
		return;
	uint64_t *keys = malloc(count * sizeof(*keys));
	if (!keys)
		return; /* out of memory: file order is still a valid order */
	for (size_t i = 0; i < count; i++)
		keys[i] = sort_key(order.seed, &exercise->candidates[i]);
	sort_positions(keys, positions, count);
	free(keys);
}

size_t order_position_of(const size_t *positions, size_t count, size_t index)
{
	for (size_t n = 0; n < count; n++)
		if (positions[n] == index)
			return n;
	return index;
}

bool order_random_seed(uint64_t *seed)
{
	return getrandom(seed, sizeof(*seed), 0) == (ssize_t)sizeof(*seed);
}

const char *order_kind_name(enum order_kind kind)
{
	return kind == ORDER_SHUFFLED ? "shuffled" : "file";
}

bool order_kind_parse(const char *text, enum order_kind *out)
{
	if (strcmp(text, "file") == 0)
		*out = ORDER_FILE;
	else if (strcmp(text, "shuffled") == 0)
		*out = ORDER_SHUFFLED;
	else
		return false;
	return true;
}
