/* Diagnostics list: append, count, sort. */
#include "review/diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void diag_list_init(struct diag_list *list)
{
	list->items = NULL;
	list->count = 0;
	list->capacity = 0;
}

void diag_list_free(struct diag_list *list)
{
	for (size_t i = 0; i < list->count; i++) {
		free(list->items[i].file);
		free(list->items[i].message);
	}
	free(list->items);
	diag_list_init(list);
}

static int reserve(struct diag_list *list, size_t extra)
{
	if (list->count + extra <= list->capacity)
		return 0;
	size_t capacity = list->capacity ? list->capacity * 2 : 8;
	while (capacity < list->count + extra)
		capacity *= 2;
	struct diag *items = realloc(list->items, capacity * sizeof(*items));
	if (!items)
		return -1;
	list->items = items;
	list->capacity = capacity;
	return 0;
}

void diag_add(struct diag_list *list, const char *file, int line, int column,
	      enum diag_level level, const char *format, ...)
{
	char buffer[1024];
	va_list args;

	va_start(args, format);
	vsnprintf(buffer, sizeof(buffer), format, args);
	va_end(args);
	if (reserve(list, 1) != 0)
		return;
	char *file_copy = strdup(file ? file : "");
	char *message_copy = strdup(buffer);
	if (!file_copy || !message_copy) {
		free(file_copy);
		free(message_copy);
		return;
	}
	list->items[list->count++] = (struct diag){ file_copy, line, column, level, message_copy };
}

void diag_list_move(struct diag_list *dst, struct diag_list *src)
{
	if (src->count == 0)
		return;
	if (reserve(dst, src->count) != 0) {
		diag_list_free(src);
		return;
	}
	memcpy(dst->items + dst->count, src->items, src->count * sizeof(*src->items));
	dst->count += src->count;
	free(src->items);
	diag_list_init(src);
}

size_t diag_count(const struct diag_list *list, enum diag_level level)
{
	size_t n = 0;
	for (size_t i = 0; i < list->count; i++)
		n += list->items[i].level == level;
	return n;
}

static int compare_positions(const struct diag *a, const struct diag *b)
{
	int by_file = strcmp(a->file, b->file);
	if (by_file != 0)
		return by_file;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->column != b->column)
		return a->column < b->column ? -1 : 1;
	return 0;
}

/* Insertion sort: stable, and lists are short (a file's problems). */
void diag_list_sort(struct diag_list *list)
{
	for (size_t i = 1; i < list->count; i++) {
		struct diag item = list->items[i];
		size_t j = i;
		while (j > 0 && compare_positions(&list->items[j - 1], &item) > 0) {
			list->items[j] = list->items[j - 1];
			j--;
		}
		list->items[j] = item;
	}
}

const char *diag_level_name(enum diag_level level)
{
	return level == DIAG_ERROR ? "error" : "warning";
}
