/* review reset: forgets the drafts and attempts of one exercise or of all, after
 * asking on a terminal (a script must say --yes: there is nobody to ask). */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "review/progress.h"

struct reset_request {
	const char *query;   /* EXERCISE, or NULL with --all */
	bool yes;
	char *id;            /* the full id the store knows */
	char *shown;         /* display id */
	char *title;         /* may be NULL */
};

static int parse_arguments(int argc, char **argv, struct reset_request *request)
{
	static const struct option options[] = {
		{ "all", no_argument, NULL, 'a' },
		{ "yes", no_argument, NULL, 'y' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool all = false;
	int option;
	optind = 0;
	opterr = 0;
	while ((option = getopt_long(argc, argv, ":y", options, NULL)) != -1) {
		switch (option) {
		case 'a': all = true; break;
		case 'y': request->yes = true; break;
		case 'h': fputs(cli_find_verb("reset")->usage, stdout); return -1;
		default: return front_option_error("reset", option, argv);
		}
	}
	int left = argc - optind;
	if (all && left > 0)
		return front_usage_error("reset", "--all takes no EXERCISE (got '%s')", argv[optind]);
	if (!all && left == 0)
		return front_usage_error("reset", "name an EXERCISE, or --all");
	if (!all && left > 1)
		return front_usage_error("reset", "name one EXERCISE, not %d", left);
	request->query = all ? NULL : argv[optind];
	return EXIT_OK;
}

static bool set_target(struct reset_request *request, const char *id, const char *shown,
		       const char *title)
{
	request->id = strdup(id);
	request->shown = strdup(shown);
	request->title = title ? strdup(title) : NULL;
	return request->id && request->shown && (!title || request->title);
}

/* Finds the exercise in the catalog (or loads the file a path names). *message
 * gets the catalog's explanation when it is not found. */
static int resolve(struct front_context *context, struct reset_request *request, char **message)
{
	struct stat info;
	if (stat(request->query, &info) == 0 && S_ISREG(info.st_mode)) {
		int status = EXIT_OK;
		struct exercise *exercise = front_open_exercise(context, request->query, &status, NULL);
		bool ok = exercise && set_target(request, exercise->id, exercise->id, exercise->title);
		exercise_free(exercise);
		return ok ? EXIT_OK : status != EXIT_OK ? status : EXIT_USAGE;
	}
	struct diag_list diags = DIAG_LIST_INIT;
	struct catalog *catalog = front_load_catalog(context, &diags);
	const struct catalog_entry *entry = NULL;
	int status = EXIT_USAGE;
	if (catalog && catalog_find(catalog, request->query, &entry, message) == CATALOG_FOUND)
		status = set_target(request, entry->id, entry->display_id, entry->title) ? EXIT_OK
											  : EXIT_USAGE;
	catalog_free(catalog);
	diag_list_free(&diags);
	return status;
}

static void print_store_message(const char *level, const char *message)
{
	fprintf(stderr, "review reset: %s: ", level);
	front_write_safe(stderr, message);
	fputc('\n', stderr);
}

static int open_store(const char *path, struct progress_store **store)
{
	char *message = NULL;
	enum progress_status status = progress_open(path, store, &message);
	if (message)
		print_store_message(status == PROGRESS_OK ? "warning" : "error", message);
	free(message);
	return status == PROGRESS_OK ? EXIT_OK : EXIT_USAGE;
}

/* True when the store holds anything for id (so an exercise whose file is gone
 * from the catalog can still be reset by its full id). */
static bool store_knows(struct progress_store *store, const char *id, struct progress_summary *summary)
{
	return progress_summary(store, id, NULL, summary) == PROGRESS_OK &&
	       (summary->attempts > 0 || summary->has_draft);
}

static void describe(FILE *out, const struct reset_request *request,
		     const struct progress_summary *summary, const char *path)
{
	if (!request->id) {
		fputs("every draft and attempt in ", out);
		front_write_safe(out, path);
		return;
	}
	if (summary->attempts > 0)
		fprintf(out, "%d attempt%s%s", summary->attempts, summary->attempts == 1 ? "" : "s",
			summary->has_draft ? " and " : "");
	fputs(summary->has_draft ? "the draft of " : " of ", out);
	if (request->title) {
		fputc('"', out);
		front_write_safe(out, request->title);
		fputs("\" (", out);
	}
	front_write_safe(out, request->shown);
	fputs(request->title ? ")" : "", out);
}

/* Asks on the terminal; stdin must be one (checked by the caller). */
static bool confirm(const struct reset_request *request, const struct progress_summary *summary,
		    const char *path)
{
	fputs("Forget ", stderr);
	describe(stderr, request, summary, path);
	fputs("? [y/N] ", stderr);
	fflush(stderr);
	char answer[64];
	if (!fgets(answer, sizeof answer, stdin))
		return false;
	return answer[0] == 'y' || answer[0] == 'Y';
}

static int not_found(const char *message)
{
	fputs("review reset: ", stderr);
	front_write_lines(stderr, message ? message : "no such exercise");
	fputc('\n', stderr);
	return EXIT_USAGE;
}

/* Asks (unless --yes), resets and says what went. */
static int reset_target(struct progress_store *store, const struct reset_request *request,
			const struct progress_summary *summary, const char *path)
{
	if (request->id && summary->attempts == 0 && !summary->has_draft) {
		/* No answers to lose, but the candidate order is still drawn anew. */
		progress_reset(store, request->id, NULL);
		fputs("review reset: nothing saved for ", stdout);
		front_write_safe(stdout, request->shown);
		fputc('\n', stdout);
		return EXIT_OK;
	}
	if (!request->yes && !confirm(request, summary, path)) {
		fputs("review reset: nothing was reset\n", stderr);
		return EXIT_FINDING;
	}
	size_t removed = 0;
	if (progress_reset(store, request->id, &removed) != PROGRESS_OK) {
		print_store_message("error", progress_last_error(store));
		return EXIT_USAGE;
	}
	printf("review reset: forgot %zu draft(s) and attempt(s)", removed);
	if (request->id) {
		fputs(" of ", stdout);
		front_write_safe(stdout, request->shown);
	}
	fputc('\n', stdout);
	return EXIT_OK;
}

/* An EXERCISE the catalog does not know may still be a full id in the store (its
 * file was removed): message is the catalog's explanation for when it is not. */
static int reset_at(struct reset_request *request, const char *path, const char *message)
{
	bool unresolved = request->query && !request->id;
	if (access(path, F_OK) != 0) {
		if (unresolved)
			return not_found(message);
		fputs("review reset: no progress saved yet (", stdout);
		front_write_safe(stdout, path);
		fputs(")\n", stdout);
		return EXIT_OK;
	}
	struct progress_store *store = NULL;
	int status = open_store(path, &store);
	struct progress_summary summary = { .attempts = 0 };
	bool known = status == EXIT_OK && request->query &&
		     store_knows(store, unresolved ? request->query : request->id, &summary);
	if (status == EXIT_OK && unresolved && !known)
		status = not_found(message);
	else if (status == EXIT_OK && unresolved && !set_target(request, request->query, request->query, NULL))
		status = EXIT_USAGE;
	if (status == EXIT_OK)
		status = reset_target(store, request, &summary, path);
	progress_close(store);
	return status;
}

static void request_free(struct reset_request *request)
{
	free(request->id);
	free(request->shown);
	free(request->title);
}

int verb_reset(struct front_context *context, int argc, char **argv)
{
	struct reset_request request = { NULL, false, NULL, NULL, NULL };
	int status = parse_arguments(argc, argv, &request);
	if (status != EXIT_OK)
		return status < 0 ? EXIT_OK : status;
	if (context->no_save)
		return front_usage_error("reset", "--no-save: progress is neither read nor written");
	if (!request.yes && !isatty(STDIN_FILENO))
		return front_usage_error("reset", "stdin is not a terminal: add --yes to confirm");
	char *path = context->state_path ? strdup(context->state_path) : progress_default_path();
	char *message = NULL;
	if (!path) {
		fputs("review reset: no state store: neither XDG_STATE_HOME nor HOME is set to an absolute path\n", stderr);
		status = EXIT_USAGE;
	} else if (request.query) {
		status = resolve(context, &request, &message);
		/* Not in the catalog (message set): perhaps in the store. */
		if (message)
			status = EXIT_OK;
	}
	if (status == EXIT_OK)
		status = reset_at(&request, path, message);
	free(message);
	free(path);
	request_free(&request);
	return status;
}
