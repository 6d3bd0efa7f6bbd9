/* review import: merges exports into the progress store. Every file is read and
 * checked before anything is written, so a bad file changes nothing; an attempt
 * already held (same exercise, submission time and answers) is skipped, so
 * importing twice adds nothing. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/exchange.h"

static bool read_all(char **paths, size_t count, struct exchange_file *files)
{
	struct diag_list diags = DIAG_LIST_INIT;
	bool ok = true;
	for (size_t i = 0; i < count; i++) {
		if (!exchange_read(paths[i], &files[i], &diags)) {
			ok = false;
		} else if (files[i].from_grade) {
			diag_add(&diags, paths[i], 1, 1, DIAG_ERROR,
				 "this is a review grade result, not an export: import takes the "
				 "files review export writes (review report reads both)");
			ok = false;
		}
	}
	front_print_diags(stderr, &diags, front_use_color(NULL, stderr));
	diag_list_free(&diags);
	return ok;
}

static int import_all(struct progress_store *store, char **paths, struct exchange_file *files,
		      size_t count)
{
	size_t total_added = 0, total_skipped = 0;
	for (size_t i = 0; i < count; i++) {
		size_t added = 0, skipped = 0;
		if (progress_import_attempts(store, files[i].attempts, files[i].count, &added, &skipped) !=
		    PROGRESS_OK) {
			fprintf(stderr, "review import: error: ");
			front_write_safe(stderr, progress_last_error(store));
			fprintf(stderr, " (%zu of %zu files imported)\n", i, count);
			return EXIT_USAGE;
		}
		front_write_safe(stdout, paths[i]);
		printf(": %zu added, %zu already there\n", added, skipped);
		total_added += added;
		total_skipped += skipped;
	}
	if (count > 1)
		printf("%zu attempts added, %zu already there\n", total_added, total_skipped);
	return EXIT_OK;
}

int verb_import(struct front_context *context, int argc, char **argv)
{
	static const struct option options[] = { { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 } };
	int option;
	optind = 0;
	opterr = 0;
	while ((option = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		if (option != 'h')
			return front_option_error("import", option, argv);
		fputs(cli_find_verb("import")->usage, stdout);
		return EXIT_OK;
	}
	if (optind >= argc)
		return front_usage_error("import", "which FILE? (written by review export)");
	size_t count = (size_t)(argc - optind);
	struct exchange_file *files = calloc(count, sizeof(*files));
	if (!files) {
		fprintf(stderr, "review import: out of memory\n");
		return EXIT_USAGE;
	}
	int status = EXIT_USAGE;
	struct progress_store *store = NULL;
	if (read_all(argv + optind, count, files) &&
	    cli_open_store(context, "import", PROGRESS_READ_WRITE, &store) == EXIT_OK)
		status = import_all(store, argv + optind, files, count);
	progress_close(store);
	for (size_t i = 0; i < count; i++)
		exchange_file_free(&files[i]);
	free(files);
	return status;
}
