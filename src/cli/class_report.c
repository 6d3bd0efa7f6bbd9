/* review report: what a class got wrong. Reads learners' exports (and review
 * grade JSON results), takes each learner's first attempt at each exercise
 * (what they judged before any explanation), judges it against the exercise's
 * key as it is now, and tallies per candidate: right / partly / wrong, what was
 * said against the key (the severity confusion), the distractor that fooled
 * most, hint use and the find rate. Text (a table with a bar chart), JSON, CSV. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/exchange.h"
#include "review/loader.h"
#include "review/score.h"

/* What a learner said of a candidate: the columns of the confusion table. */
enum said { SAID_BUG, SAID_WARNING, SAID_MINOR, SAID_REAL, SAID_NOT_REAL, SAID_UNANSWERED, SAID_COUNT };
static const char *const said_names[SAID_COUNT] = { "bug", "warning", "minor", "real", "not-real",
						     "unanswered" };
enum { FORMAT_CSV = FORMAT_GITHUB + 1 };

struct sighting { /* one learner's attempt, before grouping */
	const char *learner;
	const struct progress_attempt *attempt;
	size_t sequence;  /* reading order: breaks ties of submitted_at */
};

struct candidate_tally {
	size_t judged[3];        /* by enum judgement */
	size_t said[SAID_COUNT];
	size_t found;            /* learners with a find phase who flagged its lines */
};

struct exercise_tally {
	struct exercise *exercise;
	struct candidate_tally *candidates;
	size_t learners, passed, hint_learners, hints_total, find_learners, changed;
	size_t confusion[3][SAID_COUNT]; /* key severity (bug, warning, minor) x said */
	long fooled_most;                /* candidate index, -1 when no distractor fooled anyone */
};

struct report_run {
	struct front_context *context;
	enum output_format format;
	struct exchange_file *files;
	size_t file_count;
	struct sighting *sightings;
	size_t sighting_count;
	size_t learner_count;
	struct exercise_tally *tallies;
	size_t tally_count;
};

static enum said said_of(struct pick pick)
{
	if (pick.verdict == VERDICT_UNANSWERED)
		return SAID_UNANSWERED;
	if (pick.verdict == VERDICT_NOT_REAL)
		return SAID_NOT_REAL;
	switch (pick.severity) {
	case SEVERITY_BUG: return SAID_BUG;
	case SEVERITY_WARNING: return SAID_WARNING;
	case SEVERITY_MINOR: return SAID_MINOR;
	default: return SAID_REAL;
	}
}

static const char *key_of(const struct candidate *candidate)
{
	if (!candidate->is_real)
		return "not-real";
	return candidate->severity == SEVERITY_NONE ? "real" : severity_name(candidate->severity);
}

static int compare_sightings(const void *a, const void *b)
{
	const struct sighting *x = a, *y = b;
	int by = strcmp(x->attempt->exercise_id, y->attempt->exercise_id);
	if (!by)
		by = strcmp(x->learner, y->learner);
	if (!by)
		by = (x->attempt->submitted_at > y->attempt->submitted_at) -
		     (x->attempt->submitted_at < y->attempt->submitted_at);
	return by ? by : (x->sequence > y->sequence) - (x->sequence < y->sequence);
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Reads every file (all errors reported) and lists their attempts with their learner:
 * the name an export gives, else the file's path. */
static bool read_inputs(struct report_run *run, char **paths)
{
	struct diag_list diags = DIAG_LIST_INIT;
	size_t total = 0;
	bool ok = true;
	for (size_t i = 0; i < run->file_count; i++) {
		ok &= exchange_read(paths[i], &run->files[i], &diags);
		total += run->files[i].count;
	}
	front_print_diags(stderr, &diags, front_use_color(NULL, stderr));
	diag_list_free(&diags);
	run->sightings = calloc(total + 1, sizeof(*run->sightings));
	const char **names = calloc(run->file_count + 1, sizeof(*names));
	if (!ok || !run->sightings || !names) {
		free(names);
		return false;
	}
	for (size_t i = 0; i < run->file_count; i++) {
		const char *learner = run->files[i].learner ? run->files[i].learner : paths[i];
		names[i] = learner;
		for (size_t a = 0; a < run->files[i].count; a++, run->sighting_count++)
			run->sightings[run->sighting_count] =
				(struct sighting){ learner, &run->files[i].attempts[a], run->sighting_count };
	}
	qsort(names, run->file_count, sizeof(*names), compare_names);
	for (size_t i = 0; i < run->file_count; i++)
		run->learner_count += i == 0 || strcmp(names[i], names[i - 1]) != 0;
	free(names);
	qsort(run->sightings, run->sighting_count, sizeof(*run->sightings), compare_sightings);
	return true;
}

static struct exercise *load_exercise(struct catalog *catalog, const char *id)
{
	const struct catalog_entry *entry = NULL;
	char *message = NULL;
	struct exercise *exercise = NULL;
	struct diag_list diags = DIAG_LIST_INIT;
	if (catalog && catalog_find(catalog, id, &entry, &message) == CATALOG_FOUND &&
	    strcmp(entry->id, id) == 0)
		loader_load_file(entry->path, &exercise, &diags);
	if (exercise && diag_count(&diags, DIAG_ERROR) > 0) {
		exercise_free(exercise);
		exercise = NULL;
	}
	free(message);
	diag_list_free(&diags);
	return exercise;
}

static void tally_find(struct exercise_tally *tally, const struct progress_attempt *attempt)
{
	const struct exercise *exercise = tally->exercise;
	struct flag flags[FIND_MAX_FLAGS];
	size_t count = 0;
	char message[128];
	tally->find_learners++;
	for (size_t f = 0; f < attempt->flag_count && count < FIND_MAX_FLAGS; f++)
		count += find_parse_flag(attempt->flags[f], exercise->code_line_count, &flags[count],
					 message, sizeof(message));
	for (size_t i = 0; i < exercise->candidate_count; i++)
		tally->candidates[i].found += find_candidate_found(&exercise->candidates[i], flags, count);
}

/* Adds one learner's first attempt at the exercise. */
static void tally_attempt(struct exercise_tally *tally, const struct progress_attempt *attempt)
{
	const struct exercise *exercise = tally->exercise;
	tally->learners++;
	tally->passed += attempt->passed;
	tally->hint_learners += attempt->hints > 0;
	tally->hints_total += (size_t)attempt->hints;
	tally->changed += attempt->content_hash[0] && strcmp(attempt->content_hash, exercise->content_hash) != 0;
	for (size_t i = 0; i < exercise->candidate_count; i++) {
		const struct candidate *candidate = &exercise->candidates[i];
		struct pick pick = { VERDICT_UNANSWERED, SEVERITY_NONE };
		for (size_t a = 0; a < attempt->answer_count; a++)
			if (strcmp(attempt->answers[a].candidate_id, candidate->id) == 0)
				pick = attempt->answers[a].pick;
		enum said said = said_of(pick);
		tally->candidates[i].judged[score_judge(candidate, pick)]++;
		tally->candidates[i].said[said]++;
		if (candidate->is_real && candidate->severity != SEVERITY_NONE)
			tally->confusion[candidate->severity - SEVERITY_BUG][said]++;
	}
	if (attempt->has_find)
		tally_find(tally, attempt);
}

static void choose_fooled_most(struct exercise_tally *tally)
{
	size_t most = 0;
	tally->fooled_most = -1;
	for (size_t i = 0; i < tally->exercise->candidate_count; i++) {
		const struct candidate_tally *candidate = &tally->candidates[i];
		size_t fooled = tally->learners - candidate->said[SAID_NOT_REAL] - candidate->said[SAID_UNANSWERED];
		if (!tally->exercise->candidates[i].is_real && fooled > most) {
			most = fooled;
			tally->fooled_most = (long)i;
		}
	}
}

/* Groups the sightings by exercise, first attempt per learner. */
static bool tally_all(struct report_run *run)
{
	struct diag_list diags = DIAG_LIST_INIT;
	struct catalog *catalog = front_load_catalog(run->context, &diags);
	diag_list_free(&diags);
	run->tallies = calloc(run->sighting_count + 1, sizeof(*run->tallies));
	if (!run->tallies) {
		catalog_free(catalog);
		return false;
	}
	for (size_t i = 0; i < run->sighting_count;) {
		const char *id = run->sightings[i].attempt->exercise_id;
		size_t end = i;
		while (end < run->sighting_count && strcmp(run->sightings[end].attempt->exercise_id, id) == 0)
			end++;
		struct exercise_tally *tally = &run->tallies[run->tally_count];
		tally->exercise = load_exercise(catalog, id);
		tally->candidates = tally->exercise ? calloc(tally->exercise->candidate_count + 1,
							      sizeof(*tally->candidates)) : NULL;
		if (!tally->candidates) {
			fprintf(stderr, "review report: warning: exercise '");
			front_write_safe(stderr, id);
			fprintf(stderr, "' is not in the catalog (or does not load): its %zu attempt%s left out\n",
				end - i, end - i == 1 ? " is" : "s are");
			exercise_free(tally->exercise);
			tally->exercise = NULL;
			i = end;
			continue;
		}
		for (size_t s = i; s < end; s++)
			if (s == i || strcmp(run->sightings[s].learner, run->sightings[s - 1].learner) != 0)
				tally_attempt(tally, run->sightings[s].attempt);
		choose_fooled_most(tally);
		if (tally->changed) {
			fprintf(stderr, "review report: note: %zu of the attempts at '", tally->changed);
			front_write_safe(stderr, id);
			fputs("' were made on another version of the file; they are judged by the key as "
			      "it is now\n", stderr);
		}
		run->tally_count++;
		i = end;
	}
	catalog_free(catalog);
	return true;
}

/* ---- Text ---- */

static void write_bar(FILE *out, size_t part, size_t whole)
{
	const int width = 20;
	int filled = whole ? (int)((part * (size_t)width + whole / 2) / whole) : 0;
	bool ascii = front_text_options().ascii_only;
	for (int i = 0; i < width; i++)
		fputs(i < filled ? (ascii ? "#" : "\u2588") : (ascii ? "." : "\u2591"), out);
	fprintf(out, " %3zu%%", whole ? part * 100 / whole : 0);
}

static void write_text_candidate(FILE *out, const struct exercise_tally *tally, size_t i)
{
	const struct candidate *candidate = &tally->exercise->candidates[i];
	const struct candidate_tally *counts = &tally->candidates[i];
	char found[32] = "-";
	if (candidate->is_real && candidate->line_range_count > 0 && tally->find_learners > 0)
		snprintf(found, sizeof(found), "%zu/%zu", counts->found, tally->find_learners);
	fputs("  ", out);
	front_write_safe(out, candidate->id);
	fprintf(out, "%*s %-9s %5zu %6zu %5zu %7s  ", strlen(candidate->id) < 10 ? (int)(10 - strlen(candidate->id)) : 0,
		"", key_of(candidate), counts->judged[JUDGED_RIGHT], counts->judged[JUDGED_PARTLY],
		counts->judged[JUDGED_WRONG], found);
	write_bar(out, counts->judged[JUDGED_RIGHT], tally->learners);
	fputc('\n', out);
}

static void write_text_confusion(FILE *out, const struct exercise_tally *tally)
{
	fputs("  severity confusion (rows: the key; columns: what learners said):\n           ", out);
	for (int s = 0; s < SAID_COUNT; s++)
		fprintf(out, " %10s", said_names[s]);
	fputc('\n', out);
	for (int k = 0; k < 3; k++) {
		fprintf(out, "    %-7s", said_names[k]);
		for (int s = 0; s < SAID_COUNT; s++)
			fprintf(out, " %10zu", tally->confusion[k][s]);
		fputc('\n', out);
	}
}

static void write_text(FILE *out, const struct report_run *run)
{
	fprintf(out, "%zu learner%s, %zu file%s\n", run->learner_count, run->learner_count == 1 ? "" : "s",
		run->file_count, run->file_count == 1 ? "" : "s");
	for (size_t t = 0; t < run->tally_count; t++) {
		const struct exercise_tally *tally = &run->tallies[t];
		const struct exercise *exercise = tally->exercise;
		fputc('\n', out);
		front_write_safe(out, exercise->id);
		fputs("  ", out);
		front_write_safe(out, exercise->title);
		fprintf(out, "\n  %zu learner%s, %zu passed on their first attempt; hints used by %zu (%zu in all); "
			     "find phase by %zu\n",
			tally->learners, tally->learners == 1 ? "" : "s", tally->passed, tally->hint_learners,
			tally->hints_total,
			tally->find_learners);
		fputs("  candidate  key       right partly wrong   found  right share\n", out);
		for (size_t i = 0; i < exercise->candidate_count; i++)
			write_text_candidate(out, tally, i);
		write_text_confusion(out, tally);
		if (tally->fooled_most >= 0) {
			const struct candidate *candidate = &exercise->candidates[tally->fooled_most];
			const struct candidate_tally *counts = &tally->candidates[tally->fooled_most];
			fputs("  fooled most: ", out);
			front_write_safe(out, candidate->id);
			fprintf(out, ", called real by %zu of %zu: ", tally->learners - counts->said[SAID_NOT_REAL] -
									    counts->said[SAID_UNANSWERED],
				tally->learners);
			front_write_safe(out, candidate->text);
			fputc('\n', out);
		} else {
			fputs("  fooled most: no distractor fooled anyone\n", out);
		}
	}
}

/* ---- JSON ---- */

static void write_json_said(FILE *out, const size_t *said)
{
	fputc('{', out);
	for (int s = 0; s < SAID_COUNT; s++)
		fprintf(out, "%s\"%s\":%zu", s ? "," : "", said_names[s], said[s]);
	fputc('}', out);
}

static void write_json_candidate(FILE *out, const struct exercise_tally *tally, size_t i)
{
	const struct candidate *candidate = &tally->exercise->candidates[i];
	const struct candidate_tally *counts = &tally->candidates[i];
	fputs("{", out);
	json_write_key(out, "id"), json_write_string(out, candidate->id);
	fputc(',', out), json_write_key(out, "text"), json_write_string(out, candidate->text);
	fprintf(out, ",\"key\":\"%s\",\"right\":%zu,\"partly\":%zu,\"wrong\":%zu,\"said\":", key_of(candidate),
		counts->judged[JUDGED_RIGHT], counts->judged[JUDGED_PARTLY], counts->judged[JUDGED_WRONG]);
	write_json_said(out, counts->said);
	if (candidate->is_real && candidate->line_range_count > 0)
		fprintf(out, ",\"found\":%zu}", counts->found);
	else
		fputs(",\"found\":null}", out);
}

static void write_json(FILE *out, const struct report_run *run)
{
	fprintf(out, "{\"learners\":%zu,\"files\":%zu,\"exercises\":[", run->learner_count, run->file_count);
	for (size_t t = 0; t < run->tally_count; t++) {
		const struct exercise_tally *tally = &run->tallies[t];
		const struct exercise *exercise = tally->exercise;
		fputs(t ? ",\n {" : "\n {", out);
		json_write_key(out, "id"), json_write_string(out, exercise->id);
		fputc(',', out), json_write_key(out, "title"), json_write_string(out, exercise->title);
		fprintf(out, ",\"learners\":%zu,\"passed\":%zu,\"hint_learners\":%zu,\"hints_total\":%zu,"
			     "\"find_learners\":%zu,\"changed\":%zu,\"fooled_most\":",
			tally->learners, tally->passed, tally->hint_learners, tally->hints_total,
			tally->find_learners, tally->changed);
		json_write_string(out, tally->fooled_most >= 0 ? exercise->candidates[tally->fooled_most].id : NULL);
		fputs(",\"confusion\":{", out);
		for (int k = 0; k < 3; k++) {
			fprintf(out, "%s\"%s\":", k ? "," : "", said_names[k]);
			write_json_said(out, tally->confusion[k]);
		}
		fputs("},\"candidates\":[", out);
		for (size_t i = 0; i < exercise->candidate_count; i++) {
			fputs(i ? ",\n  " : "\n  ", out);
			write_json_candidate(out, tally, i);
		}
		fputs("]}", out);
	}
	fputs(run->tally_count ? "\n]}\n" : "]}\n", out);
}

/* ---- CSV (RFC 4180 fields: quoted, quotes doubled; lines end in LF, since a raw
 * CR is a control character the output layer never lets out) ---- */

static void write_csv_field(FILE *out, const char *text)
{
	char *safe = front_safe_line(text); /* one line: a row is one record */
	fputc('"', out);
	for (const char *s = safe ? safe : ""; *s; s++)
		fputs(*s == '"' ? "\"\"" : (char[]){ *s, 0 }, out);
	fputc('"', out);
	free(safe);
}

static void write_csv(FILE *out, const struct report_run *run)
{
	fputs("exercise,candidate,key,learners,right,partly,wrong", out);
	for (int s = 0; s < SAID_COUNT; s++)
		fprintf(out, ",said_%s", said_names[s]);
	fputs(",found,find_learners,hint_learners,fooled_most\n", out);
	for (size_t t = 0; t < run->tally_count; t++) {
		const struct exercise_tally *tally = &run->tallies[t];
		for (size_t i = 0; i < tally->exercise->candidate_count; i++) {
			const struct candidate *candidate = &tally->exercise->candidates[i];
			const struct candidate_tally *counts = &tally->candidates[i];
			write_csv_field(out, tally->exercise->id);
			fputc(',', out);
			write_csv_field(out, candidate->id);
			fprintf(out, ",%s,%zu,%zu,%zu,%zu", key_of(candidate), tally->learners,
				counts->judged[JUDGED_RIGHT], counts->judged[JUDGED_PARTLY],
				counts->judged[JUDGED_WRONG]);
			for (int s = 0; s < SAID_COUNT; s++)
				fprintf(out, ",%zu", counts->said[s]);
			if (candidate->is_real && candidate->line_range_count > 0)
				fprintf(out, ",%zu", counts->found);
			else
				fputc(',', out);
			fprintf(out, ",%zu,%zu,%s\n", tally->find_learners, tally->hint_learners,
				tally->fooled_most == (long)i ? "yes" : "no");
		}
	}
}

static void run_free(struct report_run *run)
{
	for (size_t t = 0; t < run->tally_count; t++) {
		exercise_free(run->tallies[t].exercise);
		free(run->tallies[t].candidates);
	}
	free(run->tallies);
	free(run->sightings);
	for (size_t i = 0; i < run->file_count; i++)
		exchange_file_free(&run->files[i]);
	free(run->files);
}

int verb_report(struct front_context *context, int argc, char **argv)
{
	static const struct option options[] = {
		{ "format", required_argument, NULL, 'f' }, { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
	};
	struct report_run run = { .context = context, .format = FORMAT_TEXT };
	int option;
	optind = 0;
	opterr = 0;
	while ((option = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		switch (option) {
		case 'f':
			if (strcmp(optarg, "csv") == 0)
				run.format = (enum output_format)FORMAT_CSV;
			else if (!front_parse_format(optarg, 1u << FORMAT_TEXT | 1u << FORMAT_JSON, &run.format))
				return front_usage_error("report", "--format takes text, json or csv, not '%s'", optarg);
			break;
		case 'h': fputs(cli_find_verb("report")->usage, stdout); return EXIT_OK;
		default: return front_option_error("report", option, argv);
		}
	}
	if (optind >= argc)
		return front_usage_error("report", "which FILES? (written by review export or review grade --format json)");
	run.file_count = (size_t)(argc - optind);
	run.files = calloc(run.file_count, sizeof(*run.files));
	int status = EXIT_USAGE;
	if (run.files && read_inputs(&run, argv + optind) && tally_all(&run)) {
		if (run.format == FORMAT_JSON)
			write_json(stdout, &run);
		else if ((int)run.format == FORMAT_CSV)
			write_csv(stdout, &run);
		else
			write_text(stdout, &run);
		status = EXIT_OK;
	}
	run_free(&run);
	return status;
}
