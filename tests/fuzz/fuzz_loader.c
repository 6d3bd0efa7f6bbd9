/* libFuzzer entry: any bytes through the loader, then everything a learner would
 * see through the renderers, as `review show` does. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "review/markdown.h"
#include "review/highlight.h"
#include "review/loader.h"
#include "review/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void render(const char *markdown)
{
	static const struct text_options options = { false, 4 };
	if (markdown)
		text_doc_free(markdown_render(markdown, strlen(markdown), 60, &options));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct text_options options = { false, 4 };
	struct diag_list diags = DIAG_LIST_INIT;
	struct exercise *exercise = NULL;

	if (loader_load_buffer("fuzz.md", (const char *)data, size, &exercise, &diags) == LOADER_OK) {
		render(exercise->context);
		render(exercise->prompt);
		for (size_t i = 0; i < exercise->hint_count; i++)
			render(exercise->hints[i]);
		for (size_t i = 0; i < exercise->candidate_count; i++)
			render(exercise->candidates[i].explanation);
		text_doc_free(highlight_code(exercise->language, exercise->code, &options));
	}
	exercise_free(exercise);
	diag_list_free(&diags);
	return 0;
}
