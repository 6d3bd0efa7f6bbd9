/* The walk's set of files by (device, inode): see review/fileset.h. Open
 * addressing over 64-bit words, 0 marking an empty slot, 1/2 to 3/4 full. */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */
#include "review/fileset.h"

#include <stdbool.h>
#include <stdlib.h>
#include <sys/mman.h>

#define INODE_BITS 48
#define MAX_DEVICES ((1u << (64 - INODE_BITS)) - 1) /* numbered from 1: a key is never 0 */
#define SHARD_BITS 6
#define MAPPED_BYTES 4096
#define NO_NUMBER UINT64_MAX

/* One shard: keys of width words each. Growing by half (not doubling) keeps
 * the load between 1/2 and 3/4. */
struct word_table {
	uint64_t *slots;
	size_t count, capacity; /* in keys */
};

/* The keys are spread over shards by their hash, each grown on its own: a
 * shard's growth holds its old and new tables at once, not the whole set's. */
struct shards {
	struct word_table tables[1 << SHARD_BITS];
};

struct file_set {
	uint64_t *devices; /* the devices met, numbered by their place + 1 */
	size_t device_count, device_capacity;
	struct shards narrow; /* (device number << INODE_BITS) | inode */
	struct shards wide;   /* triples: 1 (used), the device, the inode */
};

static uint64_t mix(const uint64_t *key, size_t width)
{
	uint64_t hash = (width == 1 ? key[0] : key[1] * 0xff51afd7ed558ccdULL ^ key[2]) * 0x9E3779B97F4A7C15ULL;
	return hash ^ (hash >> 29);
}

/* The hash's top bits pick the shard, the next 32 the slot (by multiply and
 * shift, so any capacity below 2^32 keys works). */
static size_t shard_of(uint64_t hash)
{
	return (size_t)(hash >> (64 - SHARD_BITS));
}

static size_t slot_of(uint64_t hash, size_t capacity)
{
	return (size_t)(((hash >> (32 - SHARD_BITS)) & 0xFFFFFFFFu) * capacity >> 32);
}

struct file_set *file_set_new(void)
{
	return calloc(1, sizeof(struct file_set));
}

/* A table of a page or more comes from the kernel and goes back to it when
 * freed: an allocator keeps freed pages a while (jemalloc some seconds), and
 * the tables a growing set leaves behind add up to twice the set. Zeroed. */
static uint64_t *table_alloc(size_t keys, size_t width)
{
	size_t bytes = keys * width * sizeof(uint64_t);
	if (bytes < MAPPED_BYTES)
		return calloc(keys * width, sizeof(uint64_t));
	void *slots = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return slots == MAP_FAILED ? NULL : slots;
}

static void table_free(struct word_table *table, size_t width)
{
	size_t bytes = table->capacity * width * sizeof(uint64_t);
	if (bytes < MAPPED_BYTES)
		free(table->slots);
	else
		munmap(table->slots, bytes);
}

static void free_shards(struct shards *shards, size_t width)
{
	for (size_t i = 0; i < sizeof(shards->tables) / sizeof(*shards->tables); i++)
		table_free(&shards->tables[i], width);
}

void file_set_free(struct file_set *set)
{
	if (!set)
		return;
	free(set->devices);
	free_shards(&set->narrow, 1);
	free_shards(&set->wide, 3);
	free(set);
}

static bool key_equal(const uint64_t *slot, const uint64_t *key, size_t width)
{
	for (size_t i = 0; i < width; i++)
		if (slot[i] != key[i])
			return false;
	return true;
}

static enum file_set_added insert(struct word_table *table, const uint64_t *key, size_t width, uint64_t hash);

static bool grow(struct word_table *table, size_t width)
{
	struct word_table bigger = { NULL, 0, table->capacity ? table->capacity + table->capacity / 2 : 16 };
	if (bigger.capacity >= (size_t)1 << 32)
		return false;
	bigger.slots = table_alloc(bigger.capacity, width);
	if (!bigger.slots)
		return false;
	for (size_t i = 0; i < table->capacity; i++) {
		const uint64_t *key = &table->slots[i * width];
		if (key[0] != 0)
			insert(&bigger, key, width, mix(key, width));
	}
	table_free(table, width);
	*table = bigger;
	return true;
}

/* key[0] is never 0, which marks an empty slot. */
static enum file_set_added insert(struct word_table *table, const uint64_t *key, size_t width, uint64_t hash)
{
	if ((table->count + 1) * 4 > table->capacity * 3 && !grow(table, width))
		return FILE_SET_NO_MEMORY;
	for (size_t i = slot_of(hash, table->capacity);; i = i + 1 == table->capacity ? 0 : i + 1) {
		uint64_t *slot = &table->slots[i * width];
		if (*slot == 0) {
			for (size_t w = 0; w < width; w++)
				slot[w] = key[w];
			table->count++;
			return FILE_SET_NEW;
		}
		if (key_equal(slot, key, width))
			return FILE_SET_SEEN;
	}
}

static enum file_set_added add(struct shards *shards, const uint64_t *key, size_t width)
{
	uint64_t hash = mix(key, width);
	return insert(&shards->tables[shard_of(hash)], key, width, hash);
}

/* The device's number (from 1), numbering it when new; 0 when there are more
 * devices than the narrow key has room for; NO_NUMBER when out of memory. */
static uint64_t device_number(struct file_set *set, uint64_t device)
{
	for (size_t i = 0; i < set->device_count; i++)
		if (set->devices[i] == device)
			return i + 1;
	if (set->device_count == MAX_DEVICES)
		return 0;  /* for good: the device's keys all go wide */
	if (set->device_count == set->device_capacity) {
		size_t capacity = set->device_capacity ? set->device_capacity * 2 : 4;
		uint64_t *devices = realloc(set->devices, capacity * sizeof(*devices));
		if (!devices)
			return NO_NUMBER;
		set->devices = devices;
		set->device_capacity = capacity;
	}
	set->devices[set->device_count++] = device;
	return set->device_count;
}

enum file_set_added file_set_add(struct file_set *set, uint64_t device, uint64_t inode)
{
	uint64_t number = inode >> INODE_BITS == 0 ? device_number(set, device) : 0;
	/* Not wide for want of memory: the device, numbered later, would have
	 * this file's next key narrow, and the file would count twice. */
	if (number == NO_NUMBER)
		return FILE_SET_NO_MEMORY;
	if (number != 0) {
		uint64_t key = number << INODE_BITS | inode;
		return add(&set->narrow, &key, 1);
	}
	/* The first word marks the slot used, so any device and inode fit. */
	uint64_t triple[3] = { 1, device, inode };
	return add(&set->wide, triple, 3);
}

size_t file_set_wide_count(const struct file_set *set)
{
	size_t count = 0;
	for (size_t i = 0; i < sizeof(set->wide.tables) / sizeof(*set->wide.tables); i++)
		count += set->wide.tables[i].count;
	return count;
}
