/* review grade: scores an answers file (or --answer flags) against an
 * exercise's key, for graders and scripts. Exit 0 passed, 1 failed, 2 input. */
#include <getopt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "review/markdown.h"
#include "cli/cli.h"
#include "review/answers.h"
#include "review/score.h"

struct grade_request {
	const char *exercise;
	const char *answers_path;  /* a file, or "-" for stdin */
	const char **assignments;  /* --answer values, argc entries of room */
	size_t assignment_count;
	const char **flags;        /* --flag values, argc entries of room */
	size_t flag_count;
	const char *hints;         /* --hints, overrides the file's */
	enum output_format format;
	bool save;                 /* --save: record the attempt in the progress store */
};

/* What is written: the exercise, the answers, their score, in the learner's order. */
struct grade_report {
	const struct exercise *exercise;
	const struct answers *answers;
	struct score_result result;
	struct order order;
	const size_t *positions; /* display position -> candidate index */
	struct find_result find; /* when answers->has_flags */
};

/* Tenths as "9.0": one decimal, exact. */
static void write_tenths(FILE *out, long long tenths)
{
	fprintf(out, "%lld.%lld", tenths / 10, tenths % 10);
}

static int parse_arguments(const struct front_context *context, int argc, char **argv,
			   struct grade_request *request)
{
	static const struct option options[] = {
		{ "answers", required_argument, NULL, 'a' }, { "answer", required_argument, NULL, 'A' },
		{ "hints", required_argument, NULL, 'n' },   { "format", required_argument, NULL, 'f' },
		{ "flag", required_argument, NULL, 'F' },   { "save", no_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },          { NULL, 0, NULL, 0 },
	};
	int option;

	optind = 0;
	opterr = 0;
	while ((option = getopt_long(argc, argv, "-", options, NULL)) != -1) {
		switch (option) {
		case 1:
			if (request->exercise)
				return front_usage_error("grade", "one EXERCISE only, got '%s' too", optarg);
			request->exercise = optarg;
			break;
		case 'a':
			if (request->answers_path)
				return front_usage_error("grade", "--answers is given twice");
			request->answers_path = optarg;
			break;
		case 'A': request->assignments[request->assignment_count++] = optarg; break;
		case 'n': request->hints = optarg; break;
		case 'F': request->flags[request->flag_count++] = optarg; break;
		case 's': request->save = true; break;
		case 'f':
			if (!front_parse_format(optarg, 1u << FORMAT_TEXT | 1u << FORMAT_JSON, &request->format))
				return front_usage_error("grade", "--format takes text or json, not '%s'", optarg);
			break;
		case 'h': fputs(cli_find_verb("grade")->usage, stdout); return -1;
		default: return front_usage_error("grade", "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (!request->exercise)
		return front_usage_error("grade", "which EXERCISE?");
	if (!request->answers_path && request->assignment_count == 0)
		return front_usage_error("grade", "give --answers FILE or --answer N=VERDICT");
	if (request->answers_path && request->assignment_count > 0)
		return front_usage_error("grade", "use --answers or --answer, not both");
	if (request->save && context->no_save)
		return front_usage_error("grade", "--save and --no-save contradict each other");
	return EXIT_OK;
}

/* Fills answers from the request; prints the problems and returns false on any. */
static bool read_answers(const struct exercise *exercise, const struct grade_request *request,
			 struct answers *answers)
{
	struct diag_list diags = DIAG_LIST_INIT;
	bool ok = true;

	if (request->answers_path && strcmp(request->answers_path, "-") == 0)
		ok = answers_load_stream(exercise, "<stdin>", stdin, answers, &diags) == ANSWERS_OK;
	else if (request->answers_path)
		ok = answers_load_file(exercise, request->answers_path, answers, &diags) == ANSWERS_OK;
	for (size_t i = 0; i < request->assignment_count; i++)
		ok &= answers_apply_assignment(exercise, request->assignments[i], "--answer", answers,
					       &diags);
	for (size_t i = 0; i < request->flag_count; i++)
		ok &= answers_apply_flag(exercise, request->flags[i], "--flag", answers, &diags);
	if (request->hints)
		ok &= answers_apply_hints(exercise, request->hints, "--hints", answers, &diags);
	front_print_diags(stderr, &diags, front_use_color(NULL, stderr));
	diag_list_free(&diags);
	return ok;
}

static const char *key_name(const struct candidate *candidate)
{
	if (!candidate->is_real)
		return "not-real";
	return candidate->severity == SEVERITY_NONE ? "real" : severity_name(candidate->severity);
}

static struct text_doc *render(const char *markdown)
{
	struct text_options options = front_text_options();
	return markdown_render(markdown, strlen(markdown), front_output_width() - 4, &options);
}

/* At most count lines of a doc from line first on. */
static void write_lines(FILE *out, const struct text_doc *doc, size_t first, size_t count,
			bool color, const char *indent)
{
	if (first >= doc->line_count)
		return;
	struct text_doc part = *doc;
	part.lines = doc->lines + first;
	part.line_count = count < doc->line_count - first ? count : doc->line_count - first;
	front_write_doc(out, &part, color, indent);
}

/* "i1  text of the candidate" with the text wrapped under itself. */
static void write_heading(FILE *out, const struct candidate *candidate, bool color)
{
	struct text_doc *doc = render(candidate->text);
	fputs(color ? "\033[1m" : "", out);
	front_write_safe(out, candidate->id);
	fputs(color ? "\033[0m" : "", out);
	size_t id_width = strlen(candidate->id);
	fprintf(out, "%*s", id_width < 4 ? (int)(4 - id_width) : 1, "");
	if (!doc || doc->line_count == 0)
		fputc('\n', out);
	else
		write_lines(out, doc, 0, 1, color, ""), write_lines(out, doc, 1, SIZE_MAX, color, "    ");
	text_doc_free(doc);
}

/* Whether the learner had found a real candidate on their own, for the results. */
static const char *found_note(const struct grade_report *report, const struct candidate *candidate)
{
	if (!report->answers->has_flags || !candidate->is_real)
		return NULL;
	if (candidate->line_range_count == 0)
		return "no lines in the key: cannot be found";
	const struct flag *flags = report->answers->flags;
	size_t count = report->answers->flag_count;
	return find_candidate_found(candidate, flags, count)     ? "found on your own"
	       : find_candidate_flagged(candidate, flags, count) ? "not found on your own: your flag was too broad"
								 : "not found on your own";
}

static void write_text_candidate(FILE *out, const struct grade_report *report, size_t position,
				 const struct candidate *candidate, struct pick pick, bool color)
{
	const char *found = found_note(report, candidate);
	static const char *const marks[] = { [JUDGED_RIGHT] = "32", [JUDGED_PARTLY] = "33",
					     [JUDGED_WRONG] = "31" };
	enum judgement judgement = score_judge(candidate, pick);

	fprintf(out, "%zu. ", position + 1);
	write_heading(out, candidate, color);
	fprintf(out, "    pick: %-11s key: %-10s ",
		pick.verdict == VERDICT_UNANSWERED ? "unanswered" : score_pick_name(pick),
		key_name(candidate));
	fprintf(out, color ? "\033[%sm%-6s earned " : "%.0s%-6s earned ", marks[judgement],
		score_judgement_name(judgement));
	write_tenths(out, score_candidate(candidate, pick));
	fprintf(out, " of %d%s\n", candidate->points, color ? "\033[0m" : "");
	if (found)
		fprintf(out, "    %s\n", found);
	if (candidate->explanation && *candidate->explanation) {
		struct text_doc *doc = render(candidate->explanation);
		if (doc)
			front_write_doc(out, doc, color, "    ");
		text_doc_free(doc);
	}
	fputc('\n', out);
}

static void write_text_flags(FILE *out, const struct grade_report *report)
{
	char text[64];
	fputs("flags:", out);
	if (report->answers->flag_count == 0)
		fputs(" none", out);
	for (size_t f = 0; f < report->answers->flag_count; f++) {
		find_format_flag(&report->answers->flags[f], text, sizeof(text));
		enum find_flag_kind kind = find_flag_kind(report->exercise, &report->answers->flags[f]);
		fprintf(out, " %s (%s)", text, find_flag_kind_name(kind));
	}
	fputc('\n', out);
}

static void write_text(FILE *out, const struct grade_report *report, bool color)
{
	const struct exercise *exercise = report->exercise;
	const struct score_result *result = &report->result;
	char summary[256];

	front_write_safe(out, exercise->title);
	fputs(" (", out);
	front_write_safe(out, exercise->id);
	fputs(")\norder: ", out);
	front_write_order(out, report->order);
	fputs("\n\n", out);
	for (size_t n = 0; n < exercise->candidate_count; n++) {
		size_t i = report->positions[n];
		write_text_candidate(out, report, n, &exercise->candidates[i], report->answers->picks[i],
				     color);
	}
	if (result->hints_used > 0) {
		fprintf(out, "hints: %d revealed, -", result->hints_used);
		write_tenths(out, score_hint_cost(result));
		fputs(" (10% of the maximum each)\n", out);
	}
	if (report->answers->has_flags) {
		write_text_flags(out, report);
		find_summary(&report->find, summary, sizeof(summary));
		fprintf(out, "finding: %s\n", summary);
	}
	score_summary(exercise, report->answers->picks, result, front_text_options().ascii_only,
		      summary, sizeof(summary));
	fprintf(out, "%s\n", summary);
	fputs(color ? (result->passed ? "\033[1;32m" : "\033[1;31m") : "", out);
	write_tenths(out, result->score_tenths);
	fprintf(out, " / %lld (%lld%%) %s%s\n", result->max, score_percent_tenths(result) / 10,
		result->passed ? "passed" : "failed", color ? "\033[0m" : "");
}

static void write_json_candidate(FILE *out, size_t position, const struct candidate *candidate,
				 struct pick pick, const struct answers *flags)
{
	fprintf(out, "{\"position\":%zu,", position + 1);
	json_write_key(out, "id"), json_write_string(out, candidate->id);
	fputc(',', out), json_write_key(out, "verdict");
	json_write_string(out, score_verdict_name(pick.verdict));
	fputc(',', out), json_write_key(out, "severity");
	json_write_string(out, pick.verdict == VERDICT_REAL && pick.severity != SEVERITY_NONE
				       ? severity_name(pick.severity) : NULL);
	fprintf(out, ",\"expected_real\":%s,", candidate->is_real ? "true" : "false");
	json_write_key(out, "expected_severity");
	json_write_string(out, candidate->is_real && candidate->severity != SEVERITY_NONE
				       ? severity_name(candidate->severity) : NULL);
	fprintf(out, ",\"points\":%d,\"earned\":", candidate->points);
	write_tenths(out, score_candidate(candidate, pick));
	fprintf(out, ",\"judgement\":\"%s\"", score_judgement_name(score_judge(candidate, pick)));
	if (flags && candidate->is_real && candidate->line_range_count > 0)
		fprintf(out, ",\"found\":%s}",
			find_candidate_found(candidate, flags->flags, flags->flag_count) ? "true" : "false");
	else
		fputs(",\"found\":null}", out);
}

static void write_json_find(FILE *out, const struct grade_report *report)
{
	const struct find_result *find = &report->find;
	char text[64];

	fputs(",\"find\":", out);
	if (!report->answers->has_flags) {
		fputs("null", out);
		return;
	}
	fputs("{\"flags\":[", out);
	for (size_t f = 0; f < report->answers->flag_count; f++) {
		find_format_flag(&report->answers->flags[f], text, sizeof(text));
		fprintf(out, "%s{\"flag\":\"%s\",\"kind\":\"%s\"}", f ? "," : "", text,
			find_flag_kind_name(find_flag_kind(report->exercise, &report->answers->flags[f])));
	}
	fprintf(out, "],\"found\":%zu,\"real\":%zu,\"found_points\":%lld,\"real_points\":%lld,"
		     "\"false_alarms\":%zu,\"fell_for\":%zu,\"too_broad\":%zu,\"unfindable\":%zu}",
		find->found_count, find->real_count, find->found_points, find->real_points,
		find->false_alarms, find->fell_for, find->too_broad, find->unfindable);
}

static void write_json(FILE *out, const struct grade_report *report)
{
	const struct exercise *exercise = report->exercise;
	const struct score_result *result = &report->result;
	long long percent = score_percent_tenths(result);
	struct score_tally tally = score_tally(exercise, report->answers->picks);

	fputs("{", out);
	json_write_key(out, "exercise"), json_write_string(out, exercise->id);
	fputc(',', out), json_write_key(out, "title"), json_write_string(out, exercise->title);
	fputs(",\"score\":", out);
	write_tenths(out, result->score_tenths);
	fputs(",\"earned\":", out);
	write_tenths(out, result->earned_tenths);
	fputs(",\"hint_cost\":", out);
	write_tenths(out, score_hint_cost(result));
	fprintf(out, ",\"max\":%lld,\"percent\":%lld.%lld,\"passed\":%s,\"pass_percent\":%d,"
		     "\"rule_version\":%d,\"hints_used\":%d,\"right\":%zu,\"partly\":%zu,"
		     "\"wrong\":%zu,",
		result->max, percent / 10, percent % 10, result->passed ? "true" : "false",
		SCORE_PASS_PERCENT, SCORE_RULE_VERSION, result->hints_used, tally.right,
		tally.partly, tally.wrong);
	front_write_order_json(out, report->order);
	write_json_find(out, report);
	fputs(",\"issues\":[", out);
	for (size_t n = 0; n < exercise->candidate_count; n++) {
		size_t i = report->positions[n];
		fputs(n ? ",\n  " : "\n  ", out);
		write_json_candidate(out, n, &exercise->candidates[i], report->answers->picks[i],
				     report->answers->has_flags ? report->answers : NULL);
	}
	fputs(exercise->candidate_count ? "\n]}\n" : "]}\n", out);
}

/* When the learner began: the draft's start when they worked on the exercise
 * in the terminal UI before grading it here (as the UI records it), else now. */
static time_t started_at(struct progress_store *store, const struct exercise *exercise, time_t now)
{
	struct pick *scratch = calloc(exercise->candidate_count + 1, sizeof(*scratch));
	struct progress_draft draft;
	bool found = scratch && progress_load_draft(store, exercise, scratch, &draft) == PROGRESS_OK &&
		     draft.started_at > 0 && draft.started_at <= now;
	free(scratch);
	return found ? draft.started_at : now;
}

/* Records the attempt as the terminal UI does, the find phase with it when
 * flags were given. Asked for explicitly, so a store that cannot take it is an
 * error, not a warning: a class's results must not go missing silently. */
static int save_attempt(const struct front_context *context, const struct grade_report *report)
{
	struct progress_store *store = NULL;
	if (cli_open_store(context, "grade", PROGRESS_READ_WRITE, &store) != EXIT_OK)
		return EXIT_USAGE;
	const struct answers *answers = report->answers;
	struct progress_find find = { answers->flags, answers->flag_count, report->find };
	time_t now = time(NULL);
	enum progress_status status = progress_record_attempt_found(
		store, report->exercise, answers->picks, &report->result, answers->has_flags ? &find : NULL,
		started_at(store, report->exercise, now), now);
	if (status != PROGRESS_OK) {
		fputs("review grade: error: the attempt was not saved: ", stderr);
		front_write_safe(stderr, progress_last_error(store));
		fputc('\n', stderr);
	}
	progress_close(store);
	return status == PROGRESS_OK ? EXIT_OK : EXIT_USAGE;
}

/* Scores and writes; the exit status of the verb. */
static int write_report(struct front_context *context, const struct grade_request *request,
			const struct exercise *exercise, const struct answers *answers,
			struct order order)
{
	struct grade_report report = { exercise, answers,
				       score_grade(exercise, answers->picks, answers->hints), order,
				       answers->positions,
				       find_score(exercise, answers->flags, answers->flag_count) };
	if (request->save && save_attempt(context, &report) != EXIT_OK)
		return EXIT_USAGE;
	if (request->format == FORMAT_JSON)
		write_json(stdout, &report);
	else
		write_text(stdout, &report, front_use_color(context, stdout));
	return report.result.passed ? EXIT_OK : EXIT_FINDING;
}

static int grade(struct front_context *context, const struct grade_request *request)
{
	int status = EXIT_OK;
	struct exercise *exercise = front_open_exercise(context, request->exercise, &status, NULL);
	if (!exercise || status != EXIT_OK) {
		exercise_free(exercise);
		return EXIT_USAGE; /* an exercise that cannot be graded is an input error here */
	}
	struct answers answers;
	if (!answers_init(&answers, exercise)) {
		fprintf(stderr, "review grade: out of memory\n");
		exercise_free(exercise);
		return EXIT_USAGE;
	}
	/* Numbers in the answers name candidates in the order show gave this
	 * learner, and the report lists them in it. */
	struct order order = front_resolve_order(context, NULL, exercise, false, false);
	order_arrange(exercise, order, answers.positions);
	status = EXIT_USAGE;
	if (read_answers(exercise, request, &answers))
		status = write_report(context, request, exercise, &answers, order);
	answers_free(&answers);
	exercise_free(exercise);
	return status;
}

int verb_grade(struct front_context *context, int argc, char **argv)
{
	struct grade_request request = { .format = FORMAT_TEXT };
	request.assignments = calloc((size_t)argc + 1, sizeof(*request.assignments));
	request.flags = calloc((size_t)argc + 1, sizeof(*request.flags));
	if (!request.assignments || !request.flags) {
		free(request.assignments);
		free(request.flags);
		fprintf(stderr, "review grade: out of memory\n");
		return EXIT_USAGE;
	}
	int status = parse_arguments(context, argc, argv, &request);
	if (status == EXIT_OK)
		status = grade(context, &request);
	else if (status < 0)
		status = EXIT_OK; /* --help */
	free(request.assignments);
	free(request.flags);
	return status;
}
