/* Placeholder until the verb lands (owned by another engineer; replace this file). */
#include "cli/cli.h"

int verb_grade(struct cli_context *context, int argc, char **argv)
{
	(void)context;
	(void)argc;
	(void)argv;
	fprintf(stderr, "review grade: not available yet\n");
	return EXIT_USAGE;
}
