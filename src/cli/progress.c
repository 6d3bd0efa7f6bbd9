/* Placeholder until the verb lands (owned by another engineer; replace this file). */
#include "cli/cli.h"

int verb_progress(struct cli_context *context, int argc, char **argv)
{
	(void)context;
	(void)argc;
	(void)argv;
	fprintf(stderr, "review progress: not available yet\n");
	return EXIT_USAGE;
}
