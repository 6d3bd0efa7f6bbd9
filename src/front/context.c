/* Front-end plumbing shared by the verbs: global options, the catalog, EXERCISE
 * arguments and formats. What they print goes through output.c. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "front/front.h"
#include "review/catcache.h"
#include "review/loader.h"

static int take_value(const char *name, int *index, int argc, char **argv, const char **value)
{
	const char *arg = argv[*index];
	size_t length = strlen(name);

	if (arg[length] == '=') {
		*value = arg + length + 1;
		return 1;
	}
	if (*index + 1 >= argc) {
		front_usage_error(NULL, "option '%s' needs a value", name);
		return -1;
	}
	*value = argv[++*index];
	return 2;
}

static bool matches_option(const char *arg, const char *name)
{
	size_t length = strlen(name);
	return strncmp(arg, name, length) == 0 && (arg[length] == '\0' || arg[length] == '=');
}

static int apply_color(struct front_context *context, const char *value)
{
	if (strcmp(value, "auto") == 0)
		context->color = COLOR_AUTO;
	else if (strcmp(value, "always") == 0)
		context->color = COLOR_ALWAYS;
	else if (strcmp(value, "never") == 0)
		context->color = COLOR_NEVER;
	else
		return front_usage_error(NULL, "--color takes auto, always or never, not '%s'", value);
	return EXIT_OK;
}

static bool parse_seed(const char *text, uint64_t *seed)
{
	char *end = NULL;
	if (*text < '0' || *text > '9')
		return false;
	errno = 0;
	unsigned long long value = strtoull(text, &end, 10);
	if (errno || *end)
		return false;
	*seed = (uint64_t)value;
	return true;
}

/* Handles argv[*index] when it is a global option; returns 1 when taken, 0 when not
 * a global option, -1 on error. */
static int take_one(struct front_context *context, int *index, int argc, char **argv)
{
	const char *arg = argv[*index];
	const char *value = NULL;

	if (matches_option(arg, "--order")) {
		if (take_value("--order", index, argc, argv, &value) < 0)
			return -1;
		if (!order_kind_parse(value, &context->order))
			return front_usage_error(NULL, "--order takes file or shuffled, not '%s'", value), -1;
		context->order_given = true;
		return 1;
	}
	if (matches_option(arg, "--seed")) {
		if (take_value("--seed", index, argc, argv, &value) < 0)
			return -1;
		if (!parse_seed(value, &context->seed))
			return front_usage_error(NULL, "--seed takes a whole number, not '%s'", value), -1;
		context->seed_given = true;
		return 1;
	}
	if (strcmp(arg, "--find") == 0 || strcmp(arg, "--no-find") == 0) {
		context->find_given = true;
		context->find = arg[2] == 'f';
		return 1;
	}
	if (strcmp(arg, "--no-save") == 0) {
		context->no_save = true;
		return 1;
	}
	if (matches_option(arg, "--exercises")) {
		if (take_value("--exercises", index, argc, argv, &value) < 0)
			return -1;
		if (context->folder_count == sizeof(context->folders) / sizeof(*context->folders))
			return front_usage_error(NULL, "too many --exercises folders"), -1;
		context->folders[context->folder_count++] = value;
		return 1;
	}
	if (matches_option(arg, "--state")) {
		if (take_value("--state", index, argc, argv, &value) < 0)
			return -1;
		context->state_path = value;
		return 1;
	}
	if (matches_option(arg, "--color") || matches_option(arg, "--colour")) {
		if (take_value(arg[7] == 'u' ? "--colour" : "--color", index, argc, argv, &value) < 0)
			return -1;
		return apply_color(context, value) == EXIT_OK ? 1 : -1;
	}
	return 0;
}

int front_take_global_options(struct front_context *context, int *argc, char **argv)
{
	int kept = 1;

	memset(context, 0, sizeof(*context));
	context->state_path = getenv("REVIEW_STATE");
	if (context->state_path && !*context->state_path)
		context->state_path = NULL;
	for (int i = 1; i < *argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			while (i < *argc)
				argv[kept++] = argv[i++];
			break;
		}
		int taken = take_one(context, &i, *argc, argv);
		if (taken < 0)
			return EXIT_USAGE;
		if (taken == 0)
			argv[kept++] = argv[i];
	}
	argv[kept] = NULL;
	*argc = kept;
	if (context->seed_given && context->order_given && context->order == ORDER_FILE)
		return front_usage_error(NULL, "--seed shuffles; it cannot go with --order file");
	return EXIT_OK;
}

void front_context_free(struct front_context *context)
{
	free(context->path_copy);
	free(context->data_folder);
	catalog_free(context->loaded);
	context->path_copy = NULL;
	context->data_folder = NULL;
	context->loaded = NULL;
}

static bool is_directory(const char *path)
{
	struct stat info;
	return stat(path, &info) == 0 && S_ISDIR(info.st_mode);
}

/* The data folder relative to the running binary, when it exists: `cmake
 * --install --prefix DIR` puts the catalog under DIR, not under the prefix the
 * build was configured with. */
static const char *installed_folder(struct front_context *context)
{
	char exe[4096];
	ssize_t length = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (length <= 0 || (size_t)length >= sizeof(exe) - 1)
		return REVIEW_DATADIR;
	exe[length] = '\0';
	char *slash = strrchr(exe, '/');
	if (!slash)
		return REVIEW_DATADIR;
	*slash = '\0';
	size_t size = strlen(exe) + strlen(REVIEW_DATADIR_FROM_BIN) + 2;
	char *folder = malloc(size);
	if (!folder)
		return REVIEW_DATADIR;
	snprintf(folder, size, "%s/%s", exe, REVIEW_DATADIR_FROM_BIN);
	if (!is_directory(folder)) {
		free(folder);
		return REVIEW_DATADIR;
	}
	free(context->data_folder);
	context->data_folder = folder;
	return folder;
}

size_t front_catalog_folders(struct front_context *context, const char ***folders)
{
	const size_t limit = sizeof(context->folders) / sizeof(*context->folders);
	const char *env = getenv("REVIEW_PATH");

	if (context->folder_count == 0 && env && *env && !context->path_copy) {
		context->path_copy = strdup(env);
		for (char *save = NULL, *part = context->path_copy ? strtok_r(context->path_copy, ":", &save) : NULL;
		     part && context->folder_count < limit; part = strtok_r(NULL, ":", &save))
			context->folders[context->folder_count++] = part;
	}
	if (context->folder_count == 0)
		context->folders[context->folder_count++] =
			is_directory("exercises") ? "exercises" : installed_folder(context);
	*folders = context->folders;
	return context->folder_count;
}

struct catalog *front_load_catalog(struct front_context *context, struct diag_list *diags)
{
	if (context->loaded) {
		struct catalog *catalog = context->loaded;
		context->loaded = NULL;
		return catalog;
	}
	const char **folders;
	size_t count = front_catalog_folders(context, &folders);
	const char *no_cache = getenv("REVIEW_NO_CACHE");
	struct catcache *cache = no_cache && *no_cache ? NULL : catcache_open(NULL);
	/* The catalog walks the folders itself, once, and leaves out what is not an
	 * exercise, so the cache reads only the rows under these folders. */
	struct catalog *catalog = catalog_load_cached(folders, count, cache, diags);
	catcache_close(cache);
	return catalog;
}

/* Anything but a folder is loaded as given, so a FIFO or a device named on the
 * command line is reported as such (the loader never blocks on it) rather
 * than looked up as an id. */
static bool is_file_path(const char *path)
{
	struct stat info;
	return stat(path, &info) == 0 && !S_ISDIR(info.st_mode);
}

static struct exercise *load_path(const char *path, int *status)
{
	struct diag_list diags = DIAG_LIST_INIT;
	struct exercise *exercise = NULL;
	enum loader_status loaded = loader_load_file(path, &exercise, &diags);

	if (loaded != LOADER_OK || diag_count(&diags, DIAG_ERROR) > 0) {
		front_print_diags(stderr, &diags, front_use_color(NULL, stderr));
		*status = loaded == LOADER_IO_ERROR ? EXIT_USAGE : EXIT_FINDING;
	}
	diag_list_free(&diags);
	return exercise;
}

struct exercise *front_open_exercise(struct front_context *context, const char *query, int *status,
				   struct catalog **catalog_out)
{
	struct diag_list diags = DIAG_LIST_INIT;
	struct catalog *catalog = NULL;
	struct exercise *exercise = NULL;

	*status = EXIT_OK;
	if (catalog_out)
		*catalog_out = NULL;
	bool direct = is_file_path(query);
	if (!direct || catalog_out)
		catalog = front_load_catalog(context, &diags);
	if (direct) {
		exercise = load_path(query, status);
	} else if (!catalog) {
		fprintf(stderr, "review: out of memory loading the catalog\n");
		*status = EXIT_USAGE;
	} else {
		const struct catalog_entry *entry = NULL;
		char *message = NULL;
		enum catalog_match match = catalog_find(catalog, query, &entry, &message);
		if (match == CATALOG_FOUND) {
			exercise = load_path(entry->path, status);
		} else if (match == CATALOG_NOT_FOUND && (*status = front_report_broken(catalog, query)) != EXIT_OK) {
			/* the file's own errors are said */
		} else {
			fprintf(stderr, "review: ");
			front_write_lines(stderr, message ? message : "no such exercise");
			fputc('\n', stderr);
			*status = EXIT_USAGE;
		}
		free(message);
	}
	diag_list_free(&diags);
	if (catalog_out)
		*catalog_out = catalog;
	else
		catalog_free(catalog);
	return exercise;
}

int front_report_broken(const struct catalog *catalog, const char *query)
{
	const char *path = catalog_find_broken(catalog, query);
	if (!path)
		return EXIT_OK;
	fputs("review: '", stderr);
	front_write_safe(stderr, query);
	fputs("' is ", stderr);
	front_write_safe(stderr, path);
	fputs(", which does not load:\n", stderr);
	int status = EXIT_FINDING;
	exercise_free(load_path(path, &status));
	return status == EXIT_OK ? EXIT_FINDING : status;
}

bool front_parse_format(const char *text, unsigned allowed, enum output_format *out)
{
	static const char *const names[] = { "text", "json", "junit", "tap", "github" };

	for (unsigned i = 0; i < sizeof(names) / sizeof(*names); i++) {
		if ((allowed & (1u << i)) && strcmp(text, names[i]) == 0) {
			*out = (enum output_format)i;
			return true;
		}
	}
	return false;
}
