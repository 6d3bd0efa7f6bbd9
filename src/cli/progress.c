/* review progress: where the learner stands, per track and per exercise, read from
 * the progress store and laid over the catalog (the catalog decides what exists;
 * progress of exercises no longer in it is not shown). */
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "review/progress.h"

struct progress_row {
	const struct catalog_entry *entry;
	struct progress_summary summary;
};

struct progress_report {
	struct progress_row *rows;
	size_t count;
};

/* Opens the store read-only (a reader never needs the write lock, works on a
 * read-only store and creates nothing) and prints its one-line warning or error;
 * EXIT_OK when the verb can go on (with *store NULL when there is no store yet or
 * it could not be read: everything reads as new, and the warning says why). */
static int open_store(const struct front_context *context, struct progress_store **store)
{
	*store = NULL;
	if (context->no_save)
		return front_usage_error("progress", "--no-save: progress is neither read nor written");
	char *message = NULL;
	enum progress_status status = progress_open_reader(context->state_path, store, &message);
	bool usable = status == PROGRESS_OK || status == PROGRESS_DISABLED ||
		      status == PROGRESS_NOT_FOUND;
	if (message) {
		fprintf(stderr, "review progress: %s: ", usable ? "warning" : "error");
		front_write_safe(stderr, message);
		fputc('\n', stderr);
		free(message);
	}
	return usable ? EXIT_OK : EXIT_USAGE;
}

static int summarize(struct progress_store *store, const struct catalog *catalog,
		     const char *track, struct progress_report *report)
{
	struct progress_summary *all = calloc(catalog->count + 1, sizeof(*all));
	report->rows = calloc(catalog->count ? catalog->count : 1, sizeof *report->rows);
	report->count = 0;
	if (!report->rows || !all) {
		free(all);
		fprintf(stderr, "review progress: out of memory\n");
		return EXIT_USAGE;
	}
	enum progress_status status = progress_summarize_catalog(store, catalog, all);
	if (status != PROGRESS_OK && status != PROGRESS_DISABLED) {
		fprintf(stderr, "review progress: error: ");
		front_write_safe(stderr, progress_last_error(store));
		fputc('\n', stderr);
		free(all);
		return EXIT_USAGE;
	}
	bool invalid = false;
	for (size_t i = 0; i < catalog->count; i++)
		invalid = invalid || all[i].invalid;
	if (invalid) {
		fputs("review progress: warning: state store ", stderr);
		front_write_safe(stderr, progress_path(store));
		fputs(" holds values out of range or not integers (edited by hand?);"
		      " they are shown clamped\n", stderr);
	}
	for (size_t i = 0; i < catalog->count; i++) {
		if (track && strcmp(catalog->entries[i].track, track) != 0)
			continue;
		report->rows[report->count++] = (struct progress_row){ &catalog->entries[i], all[i] };
	}
	free(all);
	return EXIT_OK;
}

/* How many exercises passed, and passed at the first attempt (before any
 * result or explanation was seen: the figure that measures judgement). */
struct pass_count {
	int passed, first;
};

/* Rows of one track are adjacent: the catalog is sorted by track first. */
static size_t track_end(const struct progress_report *report, size_t start, struct pass_count *count)
{
	size_t end = start;
	*count = (struct pass_count){ 0, 0 };
	for (; end < report->count &&
	       strcmp(report->rows[end].entry->track, report->rows[start].entry->track) == 0; end++) {
		count->passed += report->rows[end].summary.passed;
		count->first += report->rows[end].summary.first_passed;
	}
	return end;
}

static void format_utc(time_t when, char *out, size_t size)
{
	struct tm utc;
	if (!gmtime_r(&when, &utc) || strftime(out, size, "%Y-%m-%dT%H:%M:%SZ", &utc) == 0)
		snprintf(out, size, "1970-01-01T00:00:00Z");
}

/* ---- JSON ---- */

static void write_json_row(FILE *out, const struct progress_row *row)
{
	const struct catalog_entry *entry = row->entry;
	const struct progress_summary *summary = &row->summary;
	fputs("  {", out);
	json_write_key(out, "id"), json_write_string(out, entry->display_id);
	fputc(',', out), json_write_key(out, "title"), json_write_string(out, entry->title);
	fputc(',', out), json_write_key(out, "track");
	json_write_string(out, entry->track[0] ? entry->track : NULL);
	fputc(',', out), json_write_key(out, "status");
	json_write_string(out, progress_state_name(summary->state));
	if (summary->attempts > 0)
		fprintf(out, ",\"best_percent\":%ld.%ld,\"best_score\":%ld.%ld,\"max\":%ld",
			summary->best_percent_tenths / 10, summary->best_percent_tenths % 10,
			summary->best_score_tenths / 10, summary->best_score_tenths % 10,
			summary->best_max);
	else
		fputs(",\"best_percent\":null,\"best_score\":null,\"max\":null", out);
	fprintf(out, ",\"passed\":%s,\"first_attempt_passed\":%s,\"attempts\":%d,\"best_rule_version\":",
		summary->passed ? "true" : "false", summary->first_passed ? "true" : "false",
		summary->attempts);
	fprintf(out, summary->attempts > 0 ? "%d" : "null", summary->best_rule_version);
	fputs(",\"last_attempt\":", out);
	char when[32];
	format_utc(summary->last_attempt, when, sizeof when);
	json_write_string(out, summary->attempts > 0 ? when : NULL);
	if (summary->find_findable > 0)
		fprintf(out, ",\"found\":%d,\"findable\":%d", summary->find_found,
			summary->find_findable);
	else
		fputs(",\"found\":null,\"findable\":null", out);
	fprintf(out, ",\"draft\":%s}", summary->has_draft ? "true" : "false");
}

/* The find figures over every exercise's latest attempt with a find phase:
 * what was found of what could be, and how many flags pointed at a real
 * problem (flagging every line finds everything, and says so here). */
struct find_totals {
	long found, findable, flags, hits;
};

static struct find_totals find_totals(const struct progress_report *report)
{
	struct find_totals totals = { 0, 0, 0, 0 };
	for (size_t i = 0; i < report->count; i++) {
		const struct progress_summary *summary = &report->rows[i].summary;
		totals.found += summary->find_found;
		totals.findable += summary->find_findable;
		totals.flags += summary->find_flags;
		totals.hits += summary->find_flags - summary->find_false_alarms;
	}
	return totals;
}

static void write_json(FILE *out, const struct progress_report *report)
{
	fputs("{\"tracks\":[", out);
	struct pass_count count;
	for (size_t start = 0, end; start < report->count; start = end) {
		end = track_end(report, start, &count);
		const char *track = report->rows[start].entry->track;
		fputs(start ? ",\n  {" : "\n  {", out);
		json_write_key(out, "track"), json_write_string(out, track[0] ? track : NULL);
		fprintf(out, ",\"passed\":%d,\"passed_first_attempt\":%d,\"total\":%zu}", count.passed,
			count.first, end - start);
	}
	fputs(report->count ? "\n],\n\"exercises\":[" : "],\n\"exercises\":[", out);
	for (size_t i = 0; i < report->count; i++) {
		fputs(i ? ",\n" : "\n", out);
		write_json_row(out, &report->rows[i]);
	}
	struct find_totals find = find_totals(report);
	fprintf(out, report->count ? "\n],\n" : "],\n");
	fprintf(out, "\"find\":{\"found\":%ld,\"findable\":%ld,\"flags\":%ld,\"hits\":%ld}}\n",
		find.found, find.findable, find.flags, find.hits);
}

/* ---- Text ---- */

#define COLUMNS 7

struct text_row {
	char *cells[COLUMNS]; /* sanitized */
};

static char *safe_copy(const char *text)
{
	return front_safe_line(text);
}

static char *format_cell(const char *format, ...) __attribute__((format(printf, 1, 2)));
static char *format_cell(const char *format, ...)
{
	char buffer[128];
	va_list args;
	va_start(args, format);
	vsnprintf(buffer, sizeof buffer, format, args);
	va_end(args);
	return strdup(buffer);
}

static char *status_cell(const struct progress_summary *summary)
{
	if (summary->state == PROGRESS_STATE_PASSED || summary->state == PROGRESS_STATE_FAILED)
		return summary->best_rule_version < SCORE_RULE_VERSION
			       ? format_cell("%s %ld%% (rule %d)", progress_state_label(summary->state),
					     summary->best_percent_tenths / 10, summary->best_rule_version)
			       : format_cell("%s %ld%%", progress_state_label(summary->state),
					     summary->best_percent_tenths / 10);
	return strdup(progress_state_label(summary->state));
}

static void fill_text_row(const struct progress_row *row, struct text_row *text)
{
	const struct progress_summary *summary = &row->summary;
	char when[32] = "-";
	struct tm local;
	if (summary->attempts > 0 && (!localtime_r(&summary->last_attempt, &local) ||
				      strftime(when, sizeof when, "%Y-%m-%d %H:%M", &local) == 0))
		snprintf(when, sizeof when, "?");
	text->cells[0] = safe_copy(row->entry->display_id);
	text->cells[1] = safe_copy(row->entry->title);
	text->cells[2] = status_cell(summary);
	text->cells[3] = summary->attempts > 0
				 ? format_cell("%ld.%ld/%ld", summary->best_score_tenths / 10,
					       summary->best_score_tenths % 10, summary->best_max)
				 : strdup("-");
	text->cells[4] = format_cell("%d", summary->attempts);
	text->cells[5] = strdup(when);
	text->cells[6] = summary->find_findable > 0
				 ? format_cell("%d/%d", summary->find_found, summary->find_findable)
				 : strdup("-");
}

static int cell_width(const char *cell)
{
	return cell ? text_width(cell, strlen(cell)) : 1;
}

static void write_cells(FILE *out, char *const cells[COLUMNS], const int widths[COLUMNS])
{
	fputs("  ", out);
	for (int c = 0; c < COLUMNS; c++) {
		fputs(cells[c] ? cells[c] : "?", out);
		if (c == COLUMNS - 1)
			break;
		for (int pad = widths[c] - cell_width(cells[c]); pad > -2; pad--)
			fputc(' ', out);
	}
	fputc('\n', out);
}

static void write_track_header(FILE *out, const char *track, struct pass_count count, size_t total,
			       bool color)
{
	fputs(color ? "\033[1m" : "", out);
	front_write_safe(out, track[0] ? track : "(no track)");
	fprintf(out, ": passed %d of %zu, %d at the first attempt%s\n", count.passed, total, count.first,
		color ? "\033[0m" : "");
}

static void write_text(FILE *out, const struct progress_report *report, bool color)
{
	static const char *const header[COLUMNS] = { "ID", "TITLE", "STATUS", "BEST", "ATTEMPTS",
						     "LAST ATTEMPT", "FOUND" };
	struct text_row *rows = calloc(report->count ? report->count : 1, sizeof *rows);
	int widths[COLUMNS];
	for (int c = 0; c < COLUMNS; c++)
		widths[c] = (int)strlen(header[c]);
	for (size_t i = 0; rows && i < report->count; i++) {
		fill_text_row(&report->rows[i], &rows[i]);
		for (int c = 0; c < COLUMNS; c++) {
			int width = cell_width(rows[i].cells[c]);
			widths[c] = width > widths[c] ? width : widths[c];
		}
	}
	struct pass_count count, all = { 0, 0 };
	for (size_t start = 0, end; rows && start < report->count; start = end) {
		end = track_end(report, start, &count);
		all.passed += count.passed;
		all.first += count.first;
		write_track_header(out, report->rows[start].entry->track, count, end - start, color);
		write_cells(out, (char *const *)header, widths);
		for (size_t i = start; i < end; i++)
			write_cells(out, rows[i].cells, widths);
		fputc('\n', out);
	}
	fprintf(out, "passed %d of %zu exercises, %d at the first attempt (before seeing a result)\n",
		all.passed, report->count, all.first);
	struct find_totals find = find_totals(report);
	if (find.findable > 0 && find.flags == 0) /* not "0 of your 0 flags" */
		fprintf(out, "found %ld of %ld real problems on your own (0%%): you flagged no line, in the "
			     "latest attempt of each exercise that had a find phase\n",
			find.found, find.findable);
	else if (find.findable > 0)
		fprintf(out, "found %ld of %ld real problems on your own (%ld%%), and %ld of your %ld flag%s"
			     " pointed at one, in the latest attempt of each exercise that had a find phase\n",
			find.found, find.findable, find.found * 100 / find.findable, find.hits, find.flags,
			find.flags == 1 ? "" : "s");
	for (size_t i = 0; rows && i < report->count; i++)
		for (int c = 0; c < COLUMNS; c++)
			free(rows[i].cells[c]);
	free(rows);
}

/* ---- The verb ---- */

static int parse_arguments(int argc, char **argv, const char **track, enum output_format *format)
{
	static const struct option options[] = {
		{ "track", required_argument, NULL, 't' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int option;
	optind = 0;
	opterr = 0;
	while ((option = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		switch (option) {
		case 't': *track = optarg; break;
		case 'f':
			if (!front_parse_format(optarg, 1u << FORMAT_TEXT | 1u << FORMAT_JSON, format))
				return front_usage_error("progress", "--format takes text or json, not '%s'",
						       optarg);
			break;
		case 'h': fputs(cli_find_verb("progress")->usage, stdout); return -1;
		default: return front_option_error("progress", option, argv);
		}
	}
	if (optind < argc)
		return front_usage_error("progress", "unexpected argument '%s'", argv[optind]);
	return EXIT_OK;
}

int verb_progress(struct front_context *context, int argc, char **argv)
{
	const char *track = NULL;
	enum output_format format = FORMAT_TEXT;
	int status = parse_arguments(argc, argv, &track, &format);
	if (status != EXIT_OK)
		return status < 0 ? EXIT_OK : status;
	struct progress_store *store = NULL;
	status = open_store(context, &store);
	if (status != EXIT_OK)
		return status;
	struct diag_list diags = DIAG_LIST_INIT;
	struct catalog *catalog = front_load_catalog(context, &diags);
	struct progress_report report = { NULL, 0 };
	if (!catalog) {
		fprintf(stderr, "review progress: out of memory\n");
		status = EXIT_USAGE;
	} else {
		if (diags.count > 0)
			fprintf(stderr, "review progress: %zu problem%s in the catalog; `review check` shows %s\n",
				diags.count, diags.count == 1 ? "" : "s", diags.count == 1 ? "it" : "them");
		status = summarize(store, catalog, track, &report);
	}
	if (status == EXIT_OK && format == FORMAT_JSON)
		write_json(stdout, &report);
	else if (status == EXIT_OK)
		write_text(stdout, &report, front_use_color(context, stdout));
	free(report.rows);
	catalog_free(catalog);
	diag_list_free(&diags);
	progress_close(store);
	return status;
}
