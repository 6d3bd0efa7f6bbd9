/* The walk's set of files by (device, inode): see review/fileset.h. Open
 * addressing over 64-bit words, 0 marking an empty slot, at most 3/4 full. */
#include "review/fileset.h"

#include <stdbool.h>
#include <stdlib.h>

#define INODE_BITS 48
#define MAX_DEVICES ((1u << (64 - INODE_BITS)) - 1) /* numbered from 1: a key is never 0 */

struct word_table {
	uint64_t *slots;
	size_t count, capacity; /* capacity: a power of two, or 0 */
};

struct file_set {
	uint64_t *devices; /* the devices met, numbered by their place + 1 */
	size_t device_count, device_capacity;
	struct word_table narrow;    /* (device number << INODE_BITS) | inode */
	struct word_table wide;      /* triples: 1 (used), the device, the inode */
};

static size_t slot_of(uint64_t word, size_t capacity)
{
	uint64_t hash = word * 0x9E3779B97F4A7C15ULL;
	return (size_t)(hash ^ (hash >> 31)) & (capacity - 1);
}

struct file_set *file_set_new(void)
{
	return calloc(1, sizeof(struct file_set));
}

void file_set_free(struct file_set *set)
{
	if (!set)
		return;
	free(set->devices);
	free(set->narrow.slots);
	free(set->wide.slots);
	free(set);
}

/* A key of the wide table takes three words. */
static bool word_equal(const uint64_t *slot, const uint64_t *key, size_t width)
{
	for (size_t i = 0; i < width; i++)
		if (slot[i] != key[i])
			return false;
	return true;
}

static enum file_set_added insert(struct word_table *table, const uint64_t *key, size_t width);

static bool grow(struct word_table *table, size_t width)
{
	struct word_table bigger = { NULL, 0, table->capacity ? table->capacity * 2 : 1024 };
	bigger.slots = calloc(bigger.capacity * width, sizeof(*bigger.slots));
	if (!bigger.slots)
		return false;
	for (size_t i = 0; i < table->capacity; i++)
		if (table->slots[i * width] != 0)
			insert(&bigger, &table->slots[i * width], width);
	free(table->slots);
	*table = bigger;
	return true;
}

/* key[0] is never 0. */
static enum file_set_added insert(struct word_table *table, const uint64_t *key, size_t width)
{
	if ((table->count + 1) * 4 > table->capacity * 3 && !grow(table, width))
		return FILE_SET_NO_MEMORY;
	uint64_t mixed = width == 1 ? key[0] : key[1] * 31 + key[2];
	for (size_t i = slot_of(mixed, table->capacity);; i = (i + 1) & (table->capacity - 1)) {
		uint64_t *slot = &table->slots[i * width];
		if (*slot == 0) {
			for (size_t w = 0; w < width; w++)
				slot[w] = key[w];
			table->count++;
			return FILE_SET_NEW;
		}
		if (word_equal(slot, key, width))
			return FILE_SET_SEEN;
	}
}

/* The device's number (from 1), numbering it when new; 0 when out of memory
 * or when there are more devices than the narrow key has room for. */
static uint64_t device_number(struct file_set *set, uint64_t device)
{
	for (size_t i = 0; i < set->device_count; i++)
		if (set->devices[i] == device)
			return i + 1;
	if (set->device_count == MAX_DEVICES)
		return 0;
	if (set->device_count == set->device_capacity) {
		size_t capacity = set->device_capacity ? set->device_capacity * 2 : 4;
		uint64_t *devices = realloc(set->devices, capacity * sizeof(*devices));
		if (!devices)
			return 0;
		set->devices = devices;
		set->device_capacity = capacity;
	}
	set->devices[set->device_count++] = device;
	return set->device_count;
}

enum file_set_added file_set_add(struct file_set *set, uint64_t device, uint64_t inode)
{
	uint64_t number = inode >> INODE_BITS == 0 ? device_number(set, device) : 0;
	if (number != 0) {
		uint64_t key = number << INODE_BITS | inode;
		return insert(&set->narrow, &key, 1);
	}
	/* The first word marks the slot used, so any device and inode fit. */
	uint64_t triple[3] = { 1, device, inode };
	return insert(&set->wide, triple, 3);
}

size_t file_set_wide_count(const struct file_set *set)
{
	return set->wide.count;
}
