/* Finding the exercise files under the folders and files given: discovery,
 * less what is not an exercise (review/ignore.h). */
#include <stdlib.h>
#include <string.h>

#include "front/front.h"
#include "review/ignore.h"

size_t front_collect_files(const char *const *paths, size_t path_count, char ***files,
			 struct diag_list *diags, struct diag_list *notes)
{
	size_t count = catalog_collect_paths(paths, path_count, files, diags);
	if (!*files) { /* nothing found: an empty list, so NULL only ever means out of memory */
		*files = calloc(1, sizeof(**files));
		return 0;
	}
	return ignore_filter_paths(paths, path_count, *files, count, notes);
}

void front_print_notes(FILE *out, const char *verb, const struct diag_list *notes)
{
	for (size_t i = 0; i < notes->count; i++) {
		fprintf(out, "review %s: note: ", verb);
		front_write_safe(out, notes->items[i].file);
		fputs(": ", out);
		front_write_safe(out, notes->items[i].message);
		fputc('\n', out);
	}
}
