/* Opening the progress store for verbs that cannot work without it. */
#include <stdlib.h>

#include "cli/cli.h"

int cli_open_store(const struct cli_context *context, const char *verb, struct progress_store **store)
{
	*store = NULL;
	if (context->no_save)
		return cli_usage_error(verb, "--no-save: the progress store is neither read nor written");
	char *message = NULL;
	enum progress_status status = progress_open(context->state_path, store, &message);
	if (message) {
		fprintf(stderr, "review %s: %s: ", verb, status == PROGRESS_OK ? "warning" : "error");
		cli_write_safe(stderr, message);
		fputc('\n', stderr);
		free(message);
	}
	return status == PROGRESS_OK ? EXIT_OK : EXIT_USAGE;
}
