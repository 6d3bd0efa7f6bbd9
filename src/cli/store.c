/* Opening the progress store for verbs that cannot work without it. */
#include <stdlib.h>

#include "cli/cli.h"

int cli_open_store(const struct front_context *context, const char *verb, enum progress_access access,
		   struct progress_store **store)
{
	*store = NULL;
	if (context->no_save)
		return front_usage_error(verb, "--no-save: the progress store is neither read nor written");
	char *message = NULL;
	enum progress_status status = access == PROGRESS_READ_ONLY
					      ? progress_open_reader(context->state_path, store, &message)
					      : progress_open(context->state_path, store, &message);
	/* A writer needs a store it can write; a reader takes any it can read, or none. */
	bool usable = status == PROGRESS_OK ||
		      (access == PROGRESS_READ_ONLY && (status == PROGRESS_NOT_FOUND || *store));
	if (message) {
		fprintf(stderr, "review %s: %s: ", verb, usable ? "warning" : "error");
		front_write_safe(stderr, message);
		fputc('\n', stderr);
		free(message);
	}
	if (!usable) {
		progress_close(*store); /* progress_open may hand back a read-only store */
		*store = NULL;
	}
	return usable ? EXIT_OK : EXIT_USAGE;
}
