/* review check: validate exercise files, for authors (text) and CI (json, junit,
 * tap, github annotations). */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/report.h"
#include "cli/spool.h"
#include "front/watch.h"
#include "review/catcheck.h"

struct check_run {
	const char **paths;
	size_t path_count;
	size_t file_count;
	struct spool *listed;  /* every file checked, in order, '\0' after each: only for
				* JUnit and TAP, which name them (a spool: memory stays flat) */
	bool out_of_memory;
	char **folders;        /* the folders of the files checked, for --watch */
	size_t folder_count;
	struct diag_list diags;
	bool strict;
	bool watch;            /* --watch: check again at every change */
};

static bool push(char ***items, size_t *count, char *item)
{
	if (!item)
		return false;
	if ((*count & (*count - 1)) == 0) { /* 0 or a power of two: full */
		char **grown = realloc(*items, (*count ? *count * 2 : 1) * sizeof(*grown));
		if (!grown) {
			free(item);
			return false;
		}
		*items = grown;
	}
	(*items)[(*count)++] = item;
	return true;
}

/* Told each file as the walk finds it: only what a format or --watch needs
 * of the files is kept, so a plain check holds no list of them. */
static void listed(void *context, const char *path)
{
	struct check_run *run = context;
	if (run->listed) {
		fputs(path, spool_writer(run->listed));
		fputc('\0', spool_writer(run->listed));
	}
	if (!run->watch)
		return;
	const char *slash = strrchr(path, '/');
	size_t length = slash ? (size_t)(slash - path) + (slash == path) : 1; /* "/name" is in "/" */
	const char *folder = slash ? path : ".";
	const char *last = run->folder_count ? run->folders[run->folder_count - 1] : NULL;
	/* A folder's files come together: comparing with the last is enough to
	 * keep one entry per folder, give or take a folder and its subfolders taking turns. */
	if (!last || strlen(last) != length || strncmp(last, folder, length) != 0)
		run->out_of_memory |= !push(&run->folders, &run->folder_count, strndup(folder, length));
}

static bool fails(const struct check_run *run, const struct diag *diag)
{
	return diag->level == DIAG_ERROR || run->strict;
}

static void write_json(FILE *out, const struct diag_list *diags)
{
	fputc('[', out);
	for (size_t i = 0; i < diags->count; i++) {
		const struct diag *diag = &diags->items[i];
		fputs(i ? ",\n  {" : "\n  {", out);
		json_write_key(out, "file"), json_write_string(out, diag->file);
		fprintf(out, ",\"line\":%d,\"column\":%d,", diag->line, diag->column);
		json_write_key(out, "level"), json_write_string(out, diag_level_name(diag->level));
		fputc(',', out), json_write_key(out, "message"), json_write_string(out, diag->message);
		fputc('}', out);
	}
	fputs(diags->count ? "\n]\n" : "]\n", out);
}

static void write_github(FILE *out, const struct diag_list *diags)
{
	for (size_t i = 0; i < diags->count; i++) {
		const struct diag *diag = &diags->items[i];
		fprintf(out, "::%s file=", diag->level == DIAG_ERROR ? "error" : "warning");
		report_write_github_value(out, diag->file, true);
		fprintf(out, ",line=%d,col=%d::", diag->line > 0 ? diag->line : 1,
			diag->column > 0 ? diag->column : 1);
		report_write_github_value(out, diag->message, false);
		fputc('\n', out);
	}
}

/* The first diagnostic of file in the sorted list, or the count when none. */
static size_t first_diag_of(const struct diag_list *diags, const char *file)
{
	size_t low = 0, high = diags->count;
	while (low < high) {
		size_t middle = low + (high - low) / 2;
		if (strcmp(diags->items[middle].file, file) < 0)
			low = middle + 1;
		else
			high = middle;
	}
	return low;
}

/* One case per file: its failing diagnostics, one per line, make the failure;
 * the others (warnings without --strict) its note, so CI shows them too. The
 * diagnostics are sorted by file: a file's are found by a binary search, not
 * a scan of every file's. */
static char *diags_of(const struct check_run *run, const char *file, bool failing)
{
	char *text = NULL;
	size_t length = 0;
	FILE *stream = open_memstream(&text, &length);
	if (!stream)
		return NULL;
	size_t written = 0;
	for (size_t i = first_diag_of(&run->diags, file);
	     i < run->diags.count && strcmp(run->diags.items[i].file, file) == 0; i++) {
		const struct diag *diag = &run->diags.items[i];
		if (fails(run, diag) != failing)
			continue;
		char *message = text_sanitize_line(diag->message, strlen(diag->message), NULL);
		fputs(written++ ? "\n" : "", stream);
		if (diag->line > 0) /* a problem of the whole file (a FIFO) has no place in it */
			fprintf(stream, "%d:%d: ", diag->line, diag->column);
		fprintf(stream, "%s: %s", diag_level_name(diag->level), message ? message : "?");
		free(message);
	}
	fclose(stream);
	if (written == 0) {
		free(text);
		return NULL;
	}
	return text;
}

/* A file's case: its failing diagnostics make the failure, the others the note. */
struct check_case {
	struct report_case report;
	char *failure, *note;
};

static struct check_case case_of(const struct check_run *run, const char *path)
{
	struct check_case c = { { "check", path, NULL, NULL }, diags_of(run, path, true),
				diags_of(run, path, false) };
	c.report.failure = c.failure;
	c.report.note = c.note;
	return c;
}

static void write_case(FILE *out, const struct check_run *run, const char *path,
		       enum output_format format, size_t number)
{
	struct check_case c = case_of(run, path);
	if (format == FORMAT_JUNIT)
		report_junit_case(out, "review check", &c.report);
	else
		report_tap_case(out, number, &c.report);
	free(c.failure);
	free(c.note);
}

/* Goes over the diagnostics of the file whose first is diags.items[first],
 * marking them in listed when it is not NULL (a file checked: the others are
 * of paths the walk reported without reading them, an unreadable folder or a
 * FIFO, each of which becomes a case too, so no problem is missing from a
 * report). True when one of them fails the file. */
static bool scan_file(const struct check_run *run, size_t first, bool *listed)
{
	bool failing = false;
	const char *file = first < run->diags.count ? run->diags.items[first].file : NULL;
	for (size_t i = first; i < run->diags.count && strcmp(run->diags.items[i].file, file) == 0; i++) {
		if (listed)
			listed[i] = true;
		failing = failing || fails(run, &run->diags.items[i]);
	}
	return failing;
}

/* Marks a checked file's diagnostics; true when one fails it. */
static bool mark_listed(const struct check_run *run, const char *path, bool *listed)
{
	size_t first = first_diag_of(&run->diags, path);
	if (first == run->diags.count || strcmp(run->diags.items[first].file, path) != 0)
		return false;
	return scan_file(run, first, listed);
}

/* The i-th diagnostic starts a path that was not checked (they are sorted by file). */
static bool starts_unlisted(const struct check_run *run, const bool *listed, size_t i)
{
	return !listed[i] && (i == 0 || strcmp(run->diags.items[i].file, run->diags.items[i - 1].file) != 0);
}

/* The files checked come back from the spool twice: once for the totals,
 * once for the cases. False when the spool cannot be read back. */
static bool write_report(FILE *out, const struct check_run *run, enum output_format format)
{
	bool *listed = calloc(run->diags.count + 1, sizeof(*listed));
	size_t count = 0, failures = 0; /* JUnit and TAP write the totals first */
	char *path = NULL;
	size_t size = 0;
	FILE *in = listed ? spool_reader(run->listed) : NULL;
	while (in && getdelim(&path, &size, '\0', in) > 0) {
		count++;
		failures += mark_listed(run, path, listed);
	}
	for (size_t i = 0; in && i < run->diags.count; i++)
		if (starts_unlisted(run, listed, i)) {
			count++;
			failures += scan_file(run, i, NULL);
		}
	if (in && format == FORMAT_JUNIT)
		report_junit_begin(out, "review check", count, failures);
	else if (in)
		report_tap_begin(out, count);
	size_t number = 0;
	in = in ? spool_reader(run->listed) : NULL;
	while (in && getdelim(&path, &size, '\0', in) > 0)
		write_case(out, run, path, format, ++number);
	for (size_t i = 0; in && i < run->diags.count; i++)
		if (starts_unlisted(run, listed, i))
			write_case(out, run, run->diags.items[i].file, format, ++number);
	if (in && format == FORMAT_JUNIT)
		report_junit_end(out);
	free(path);
	free(listed);
	return in != NULL;
}

static void write_summary(FILE *out, const struct check_run *run, bool color)
{
	front_print_diags(out, &run->diags, color);
	fprintf(out, "%zu file%s, %zu error%s, %zu warning%s\n", run->file_count,
		run->file_count == 1 ? "" : "s", diag_count(&run->diags, DIAG_ERROR),
		diag_count(&run->diags, DIAG_ERROR) == 1 ? "" : "s", diag_count(&run->diags, DIAG_WARNING),
		diag_count(&run->diags, DIAG_WARNING) == 1 ? "" : "s");
}

/* `review list` runs the verb, so an exercise with the id `list` must be opened
 * another way: say which, where the id is written. */
static void warn_verb_ids(const struct catalog *catalog, struct diag_list *diags)
{
	for (size_t i = 0; i < catalog->count; i++) {
		const struct catalog_entry *entry = &catalog->entries[i];
		const char *shown = entry->display_id;
		if (!cli_find_verb(shown) && strcmp(shown, "help") != 0)
			continue;
		diag_add(diags, entry->path, entry->id_line, entry->id_column, DIAG_WARNING,
			 "the id '%s' is also a verb, so `review %s` runs the verb; open the exercise with "
			 "`review -- %s` or `review show %s`", shown, shown, shown, shown);
	}
}

/* The words `review WORD` takes as a verb: an exercise displayed as one is
 * warned about. */
static size_t verb_words(const char **words)
{
	size_t count = 0;
	for (const struct cli_verb *verb = cli_verbs; verb->name; verb++)
		words[count++] = verb->name;
	words[count++] = "help";
	return count;
}

static struct catalog *check_files(struct check_run *run, struct diag_list *notes)
{
	size_t room = 1;
	for (const struct cli_verb *verb = cli_verbs; verb->name; verb++)
		room++;
	const char **words = calloc(room, sizeof(*words));
	if (!words)
		return NULL;
	struct catcheck_source source = { run->paths, run->path_count, notes, listed, run };
	struct catalog *catalog = catcheck_walk(&source, words, verb_words(words), &run->diags);
	free(words);
	return catalog;
}

static int run_check(struct front_context *context, struct check_run *run, enum output_format format)
{
	struct diag_list notes = DIAG_LIST_INIT;
	bool reports = format == FORMAT_JUNIT || format == FORMAT_TAP;
	char *spool_note = NULL;
	run->listed = reports ? spool_new(&spool_note) : NULL;
	if (spool_note)
		fprintf(stderr, "review check: note: %s\n", spool_note);
	free(spool_note);
	run->out_of_memory |= reports && !run->listed;
	struct catalog *catalog = check_files(run, &notes);
	front_print_notes(stderr, "check", &notes);
	diag_list_free(&notes);
	if (catalog)
		run->file_count = catalog->file_count;
	if (!catalog || run->out_of_memory) {
		catalog_free(catalog);
		fprintf(stderr, "review check: out of memory\n");
		return EXIT_USAGE;
	}
	warn_verb_ids(catalog, &run->diags);
	catalog_free(catalog);
	diag_list_sort(&run->diags);
	switch (format) {
	case FORMAT_JSON: write_json(stdout, &run->diags); break;
	case FORMAT_GITHUB: write_github(stdout, &run->diags); break;
	case FORMAT_JUNIT:
	case FORMAT_TAP:
		if (!write_report(stdout, run, format)) {
			fprintf(stderr, "review check: cannot read back the files checked: %s\n",
				strerror(spool_error(run->listed) ? spool_error(run->listed) : errno));
			return EXIT_USAGE;
		}
		break;
	default: write_summary(stdout, run, front_use_color(context, stdout)); break;
	}
	size_t failing = diag_count(&run->diags, DIAG_ERROR) + (run->strict ? diag_count(&run->diags, DIAG_WARNING) : 0);
	return failing > 0 ? EXIT_FINDING : EXIT_OK;
}

/* The folders of the files checked, so a file added next to them is seen too;
 * a PATH given as a file is matched by its name. */
static bool watch_run(struct watch *watch, const struct check_run *run, char **error)
{
	bool ok = true;
	for (size_t i = 0; i < run->path_count; i++)
		ok = watch_add(watch, run->paths[i], error) && ok;
	for (size_t i = 0; i < run->folder_count; i++)
		ok = watch_add(watch, run->folders[i], error) && ok;
	return ok;
}

static void free_files(struct check_run *run)
{
	spool_free(run->listed);
	catalog_paths_free(run->folders, run->folder_count);
	run->listed = NULL;
	run->folders = NULL;
	run->file_count = run->folder_count = 0;
	run->out_of_memory = false;
}

/* Checks, then again at every change until killed; on a terminal each report
 * replaces the last one, in a pipe they follow one another. */
static int check_watching(struct front_context *context, struct check_run *run, enum output_format format)
{
	char *error = NULL;
	struct watch *watch = watch_new(&error);
	bool terminal = isatty(STDOUT_FILENO);

	for (bool changed = watch != NULL; changed;) {
		if (terminal)
			fputs("\033[H\033[2J", stdout);
		run_check(context, run, format);
		fflush(stdout);
		changed = watch_run(watch, run, &error) && watch_wait(watch);
		free_files(run);
		diag_list_free(&run->diags);
	}
	if (error)
		fprintf(stderr, "review check: %s\n", error);
	free(error);
	watch_free(watch);
	return EXIT_USAGE;
}

int verb_check(struct front_context *context, int argc, char **argv)
{
	static const struct option long_options[] = {
		{ "strict", no_argument, NULL, 's' }, { "format", required_argument, NULL, 'f' },
		{ "watch", no_argument, NULL, 'w' },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
	};
	const unsigned formats = 1u << FORMAT_TEXT | 1u << FORMAT_JSON | 1u << FORMAT_JUNIT |
				 1u << FORMAT_TAP | 1u << FORMAT_GITHUB;
	struct check_run run = { .diags = DIAG_LIST_INIT };
	enum output_format format = FORMAT_TEXT;
	int option;

	optind = 0;
	opterr = 0;
	while ((option = getopt_long(argc, argv, ":", long_options, NULL)) != -1) {
		switch (option) {
		case 's': run.strict = true; break;
		case 'w': run.watch = true; break;
		case 'f':
			if (!front_parse_format(optarg, formats, &format))
				return front_usage_error("check", "--format takes text, json, junit, tap or github, not '%s'",
						       optarg);
			break;
		case 'h': fputs(cli_find_verb("check")->usage, stdout); return EXIT_OK;
		default: return front_option_error("check", option, argv);
		}
	}
	if (optind < argc) {
		run.paths = (const char **)(argv + optind);
		run.path_count = (size_t)(argc - optind);
	} else {
		run.path_count = front_catalog_folders(context, &run.paths);
	}
	/* A missing path is an input error (exit 2), not a finding about a file. */
	for (size_t i = 0; i < run.path_count; i++)
		if (access(run.paths[i], F_OK) != 0)
			return front_usage_error("check", "no such file or folder: %s", run.paths[i]);
	if (run.watch)
		return check_watching(context, &run, format);
	int status = run_check(context, &run, format);
	free_files(&run);
	diag_list_free(&run.diags);
	return status;
}
