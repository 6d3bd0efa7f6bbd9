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

/* Stable merge of the sorted runs [low, middle) and [middle, high) through scratch. */
static void merge(struct diag *items, struct diag *scratch, size_t low, size_t middle, size_t high)
{
	size_t a = low, b = middle, out = low;
	while (a < middle && b < high)
		scratch[out++] = compare_positions(&items[b], &items[a]) < 0 ? items[b++] : items[a++];
	while (a < middle)
		scratch[out++] = items[a++];
	while (b < high)
		scratch[out++] = items[b++];
	memcpy(items + low, scratch + low, (high - low) * sizeof(*items));
}

static void insertion_sort(struct diag *items, size_t low, size_t high)
{
	for (size_t i = low + 1; i < high; i++) {
		struct diag item = items[i];
		size_t j = i;
		while (j > low && compare_positions(&items[j - 1], &item) > 0) {
			items[j] = items[j - 1];
			j--;
		}
		items[j] = item;
	}
}

/* Stable. A whole catalog's problems can be many (every file of 10,000
 * sharing an id), so runs of 16 are merged bottom-up rather than insertion-
 * sorted as a whole; without memory for the merge, insertion sort still works. */
void diag_list_sort(struct diag_list *list)
{
	const size_t run = 16;
	struct diag *scratch = list->count > run ? malloc(list->count * sizeof(*scratch)) : NULL;
	if (!scratch) {
		insertion_sort(list->items, 0, list->count);
		return;
	}
	for (size_t low = 0; low < list->count; low += run)
		insertion_sort(list->items, low, low + run < list->count ? low + run : list->count);
	for (size_t width = run; width < list->count; width *= 2)
		for (size_t low = 0; low + width < list->count; low += 2 * width) {
			size_t high = low + 2 * width < list->count ? low + 2 * width : list->count;
			if (compare_positions(&list->items[low + width - 1], &list->items[low + width]) > 0)
				merge(list->items, scratch, low, low + width, high);
		}
	free(scratch);
}

const char *diag_level_name(enum diag_level level)
{
	return level == DIAG_ERROR ? "error" : "warning";
}
