/* A set of files by (device, inode), exact and small: the walk's record of
 * every folder and file it reached, so a link loop ends and a file reached by
 * two paths is listed once. The few devices are numbered in a small table and
 * each key is one 64-bit word (the device's number above the inode), in tables
 * 1/2 to 3/4 full: 11 to 16 bytes a file, about 1.3 MB for 100,000 files. An
 * inode too wide for that goes to a second, wider table. Never lossy: two
 * files never count as one. */
#ifndef REVIEW_FILESET_H
#define REVIEW_FILESET_H

#include <stddef.h>
#include <stdint.h>

struct file_set;

/* A new empty set, or NULL when out of memory. */
struct file_set *file_set_new(void);
void file_set_free(struct file_set *set);

enum file_set_added { FILE_SET_NEW, FILE_SET_SEEN, FILE_SET_NO_MEMORY };

/* Adds the file; says whether it was new (and is now remembered). */
enum file_set_added file_set_add(struct file_set *set, uint64_t device, uint64_t inode);

/* How many keys the wide table holds (for tests: a big inode goes there). */
size_t file_set_wide_count(const struct file_set *set);

#endif
