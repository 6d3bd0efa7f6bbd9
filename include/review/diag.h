/* Diagnostics: problems found in exercise files, kept in a list the caller owns.
 * The core never prints; front ends format these as FILE:LINE:COL: level: message. */
#ifndef REVIEW_DIAG_H
#define REVIEW_DIAG_H

#include <stddef.h>

enum diag_level { DIAG_WARNING, DIAG_ERROR };

struct diag {
	char *file;    /* owned */
	int line;      /* 1-based; 0 when the problem has no position */
	int column;    /* 1-based; 0 when unknown */
	enum diag_level level;
	char *message; /* owned */
};

struct diag_list {
	struct diag *items;
	size_t count;
	size_t capacity;
};

#define DIAG_LIST_INIT { NULL, 0, 0 }

void diag_list_init(struct diag_list *list);
void diag_list_free(struct diag_list *list);

/* Appends a diagnostic; the strings are copied. Out of memory drops it silently
 * (the caller still sees the failing status of the operation that reported it). */
void diag_add(struct diag_list *list, const char *file, int line, int column,
	      enum diag_level level, const char *format, ...)
	__attribute__((format(printf, 6, 7)));

/* Moves every item of src to the end of dst; src is left empty. */
void diag_list_move(struct diag_list *dst, struct diag_list *src);

size_t diag_count(const struct diag_list *list, enum diag_level level);

/* Sorts by file, line, column (stable), so output is deterministic. */
void diag_list_sort(struct diag_list *list);

const char *diag_level_name(enum diag_level level);

#endif
