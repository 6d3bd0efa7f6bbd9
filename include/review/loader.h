/* The loader: turns one exercise file (Markdown with YAML front matter) into a
 * struct exercise, reporting every problem it finds with its file position. */
#ifndef REVIEW_LOADER_H
#define REVIEW_LOADER_H

#include <stddef.h>

#include "review/diag.h"
#include "review/exercise.h"

/* Limits that keep hostile files cheap; documented in README. */
#define LOADER_MAX_FILE_BYTES (1024 * 1024)
#define LOADER_MAX_MARKDOWN_BYTES (8 * 1024)
#define LOADER_MAX_DEPTH 64
#define LOADER_MAX_ALIAS_EXPANSION 100000 /* YAML events an alias may replay, per file */
#define LOADER_MAX_POINTS 1000      /* per candidate */
#define LOADER_MAX_CANDIDATES 200   /* per exercise: totals stay <= 200,000, far from INT_MAX */
#define LOADER_MAX_TRACK_NUMBER 1000000 /* track_level, track_order */
#define LOADER_LONG_CODE_LINE 400   /* bytes: a longer code line is warned about */

enum loader_status { LOADER_OK = 0, LOADER_INVALID = 1, LOADER_IO_ERROR = 2 };

/* Parses `length` bytes of `data`, naming them `path` in diagnostics and in the
 * exercise. On LOADER_OK, *out is a new exercise (the caller frees it with
 * exercise_free); otherwise *out is NULL. Warnings and errors are appended to diags. */
enum loader_status loader_load_buffer(const char *path, const char *data, size_t length,
				      struct exercise **out, struct diag_list *diags);

/* Reads the file and calls loader_load_buffer. Unreadable or oversized files
 * give LOADER_IO_ERROR / LOADER_INVALID with a diagnostic. */
enum loader_status loader_load_file(const char *path, struct exercise **out,
				    struct diag_list *diags);

/* The same with content_hash left empty (""), for verbs that only check files
 * (check, smoke): hashing every byte is a tenth of a load. */
enum loader_status loader_load_file_unhashed(const char *path, struct exercise **out,
					     struct diag_list *diags);

#endif
