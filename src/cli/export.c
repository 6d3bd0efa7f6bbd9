/* review export: the attempts of a progress store as a versioned JSON file, so
 * that an instructor can collect a class's results (review report) and a
 * learner can carry them to another machine (review import). */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/exchange.h"

struct export_request {
	const char *learner;
	const char *output;
};

static int parse_arguments(int argc, char **argv, struct export_request *request)
{
	static const struct option options[] = {
		{ "learner", required_argument, NULL, 'l' }, { "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },          { NULL, 0, NULL, 0 },
	};
	int option;
	optind = 0;
	opterr = 0;
	while ((option = getopt_long(argc, argv, ":o:", options, NULL)) != -1) {
		switch (option) {
		case 'l': request->learner = optarg; break;
		case 'o': request->output = optarg; break;
		case 'h': fputs(cli_find_verb("export")->usage, stdout); return -1;
		default: return front_option_error("export", option, argv);
		}
	}
	if (optind < argc)
		return front_usage_error("export", "unexpected argument '%s'", argv[optind]);
	if (request->learner && !*request->learner)
		return front_usage_error("export", "--learner needs a name");
	return EXIT_OK;
}

/* Writes beside the target and renames, so a failed export never leaves half a
 * file where a good one was. */
static int write_file(const char *path, const char *learner, const struct progress_attempt *attempts,
		      size_t count)
{
	size_t size = strlen(path) + 16;
	char *temporary = malloc(size);
	if (!temporary)
		return EXIT_USAGE;
	snprintf(temporary, size, "%s.tmp-XXXXXX", path);
	int fd = mkstemp(temporary);
	FILE *out = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!out) {
		fprintf(stderr, "review export: cannot write ");
		front_write_safe(stderr, path);
		fprintf(stderr, ": %s\n", strerror(errno));
		if (fd >= 0)
			close(fd), unlink(temporary);
		free(temporary);
		return EXIT_USAGE;
	}
	exchange_write(out, learner, (long long)time(NULL), attempts, count);
	bool ok = fflush(out) == 0 && fsync(fileno(out)) == 0;
	ok &= fclose(out) == 0;
	ok = ok && rename(temporary, path) == 0;
	if (!ok) {
		fprintf(stderr, "review export: cannot write ");
		front_write_safe(stderr, path);
		fprintf(stderr, ": %s\n", strerror(errno));
		unlink(temporary);
	}
	free(temporary);
	return ok ? EXIT_OK : EXIT_USAGE;
}

int verb_export(struct front_context *context, int argc, char **argv)
{
	struct export_request request = { NULL, NULL };
	int status = parse_arguments(argc, argv, &request);
	if (status != EXIT_OK)
		return status < 0 ? EXIT_OK : status;
	const char *learner = request.learner ? request.learner : getenv("USER");
	struct progress_store *store = NULL;
	if (cli_open_store(context, "export", PROGRESS_READ_ONLY, &store) != EXIT_OK)
		return EXIT_USAGE;
	struct progress_attempt *attempts = NULL;
	size_t count = 0;
	if (!store)
		fputs("review export: note: there is no progress store yet: the export has no attempts\n",
		      stderr);
	if (store && progress_list_attempts(store, &attempts, &count) != PROGRESS_OK) {
		fprintf(stderr, "review export: error: ");
		front_write_safe(stderr, progress_last_error(store));
		fputc('\n', stderr);
		status = EXIT_USAGE;
	} else if (request.output) {
		status = write_file(request.output, learner && *learner ? learner : NULL, attempts, count);
	} else {
		exchange_write(stdout, learner && *learner ? learner : NULL, (long long)time(NULL), attempts,
			       count);
	}
	progress_attempts_free(attempts, count);
	progress_close(store);
	return status;
}
