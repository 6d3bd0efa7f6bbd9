/* review smoke: every exercise through the whole headless pipeline (load,
 * render, score with the key, with nothing, with every verdict inverted, with
 * hints) and the guessing guard (no answer that ignores the code may pass), so
 * CI can tell a catalog that works and measures something from one that does not. */
#include <getopt.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "review/markdown.h"
#include "cli/cli.h"
#include "cli/report.h"
#include "review/find.h"
#include "review/guard.h"
#include "review/idhash.h"
#include "review/ignore.h"
#include "review/walk.h"
#include "review/highlight.h"
#include "review/loader.h"
#include "review/pool.h"
#include "review/score.h"
#include "cli/spool.h"

#define SMOKE_WIDTH 80

struct smoke_case {
	char *path;
	char *id;       /* NULL when the file did not load */
	char *title;
	char *track;    /* NULL when none */
	char *name;     /* "id title", or the path when the file did not load */
	char *failure;  /* NULL when every check passed; one breach per line */
	bool guarded;   /* the guard ran: the fields below are set */
	char best_blind[160];   /* the blind answer that scores highest */
	long long best_blind_percent_tenths;
	size_t blind_passing;
	double random_percent;  /* expected score of a uniformly random answer */
	char note[256];         /* the guard's figures, one line */
};

static void add_failure(struct smoke_case *c, const char *format, ...)
	__attribute__((format(printf, 2, 3)));

/* Appends one line to the case's failure message. */
static void add_failure(struct smoke_case *c, const char *format, ...)
{
	char line[1200];
	va_list args;

	va_start(args, format);
	vsnprintf(line, sizeof(line), format, args);
	va_end(args);
	/* One line per breach: file text in it (a path, a message) cannot add lines. */
	char *safe = text_sanitize_line(line, strlen(line), NULL);
	if (!safe)
		return;
	size_t old = c->failure ? strlen(c->failure) : 0;
	char *grown = realloc(c->failure, old + strlen(safe) + 2);
	if (grown) {
		snprintf(grown + old, strlen(safe) + 2, "%s%s", old ? "\n" : "", safe);
		c->failure = grown;
	}
	free(safe);
}

static char *tenths_text(long tenths, char buffer[32])
{
	snprintf(buffer, 32, "%ld.%ld", tenths / 10, tenths % 10);
	return buffer;
}

/* ---- Rendering ---- */

static bool text_has_control(const char *text)
{
	size_t length = strlen(text);
	return text_find_control(text, length, false) < length;
}

static bool doc_has_raw_control(const struct text_doc *doc)
{
	for (size_t i = 0; i < doc->line_count; i++)
		for (size_t j = 0; j < doc->lines[i].span_count; j++)
			if (text_has_control(doc->lines[i].spans[j].text))
				return true;
	return false;
}

/* NULL when the Markdown renders cleanly, else what is wrong, to follow the
 * text's name in a failure (named only then: most texts pass). */
static const char *markdown_problem(const char *markdown)
{
	if (!markdown)
		return NULL;
	struct text_options options = front_text_options();
	struct text_doc *doc = markdown_render(markdown, strlen(markdown), SMOKE_WIDTH, &options);
	const char *problem = !doc			   ? "does not render as text"
			      : doc_has_raw_control(doc) ? "renders with a raw control character"
							   : NULL;
	text_doc_free(doc);
	return problem;
}

static void check_code(struct smoke_case *c, const struct exercise *exercise)
{
	struct text_options options = front_text_options();
	struct text_doc *doc = highlight_code(exercise->language, exercise->code, &options);
	if (!doc)
		add_failure(c, "the code does not render as text");
	else if (doc->line_count != (size_t)exercise->code_line_count)
		add_failure(c, "the code renders as %zu lines, expected %d", doc->line_count,
			    exercise->code_line_count);
	else if (doc_has_raw_control(doc))
		add_failure(c, "the code renders with a raw control character");
	text_doc_free(doc);
}

static void check_render(struct smoke_case *c, const struct exercise *exercise)
{
	const char *problem;

	if ((problem = markdown_problem(exercise->context)))
		add_failure(c, "the context %s", problem);
	if ((problem = markdown_problem(exercise->prompt)))
		add_failure(c, "the prompt %s", problem);
	for (size_t i = 0; i < exercise->hint_count; i++)
		if ((problem = markdown_problem(exercise->hints[i])))
			add_failure(c, "hint %zu %s", i + 1, problem);
	for (size_t i = 0; i < exercise->candidate_count; i++) {
		const struct candidate *candidate = &exercise->candidates[i];
		if ((problem = markdown_problem(candidate->text)))
			add_failure(c, "the text of candidate '%.40s' %s", candidate->id, problem);
		if ((problem = markdown_problem(candidate->explanation)))
			add_failure(c, "the explanation of candidate '%.40s' %s", candidate->id, problem);
	}
	check_code(c, exercise);
}

/* ---- Scoring ---- */

/* Every verdict turned round: real ones marked not real, the rest marked real. */
static void inverted_picks(const struct exercise *exercise, struct pick *picks)
{
	for (size_t i = 0; i < exercise->candidate_count; i++)
		picks[i] = exercise->candidates[i].is_real
				   ? (struct pick){ VERDICT_NOT_REAL, SEVERITY_NONE }
				   : (struct pick){ VERDICT_REAL, SEVERITY_BUG };
}

static void unanswered_picks(const struct exercise *exercise, struct pick *picks)
{
	for (size_t i = 0; i < exercise->candidate_count; i++)
		picks[i] = (struct pick){ VERDICT_UNANSWERED, SEVERITY_NONE };
}

/* A wrong answer must score 0 and fail. */
static void check_wrong(struct smoke_case *c, const struct exercise *exercise,
			const struct pick *picks, const char *what)
{
	char text[32];
	struct score_result result = score_grade(exercise, picks, 0);
	if (result.score_tenths != 0)
		add_failure(c, "%s scores %s, expected 0", what, tenths_text(result.score_tenths, text));
	if (result.passed && result.max > 0)
		add_failure(c, "%s passes", what);
}

static void check_key(struct smoke_case *c, const struct exercise *exercise, const struct pick *key)
{
	char got[32], want[32];

	for (size_t hints = 0; hints <= exercise->hint_count; hints++) {
		struct score_result result = score_grade(exercise, key, (int)hints);
		long expected = result.max * 10 - (long)hints * result.max;
		if (expected < 0)
			expected = 0;
		if (result.score_tenths != expected)
			add_failure(c, "the answer key with %zu hint%s scores %s, expected %s", hints,
				    hints == 1 ? "" : "s", tenths_text(result.score_tenths, got),
				    tenths_text(expected, want));
		if (hints == 0 && !result.passed)
			add_failure(c, "the answer key does not pass");
	}
}

#define GUARD_NAMED_MAX 3

/* No answer that ignores the code may pass: each one that does is a failure. */
static void check_guard(struct smoke_case *c, const struct exercise *exercise)
{
	struct guard_report report;
	char name[160];

	if (!guard_run(exercise, &report)) {
		add_failure(c, "out of memory");
		return;
	}
	/* An exercise worth nothing is failed for that already: every answer passes it. */
	if (report.max == 0)
		report.passing_count = 0;
	for (size_t i = 0; i < report.passing_count && i < GUARD_NAMED_MAX; i++) {
		guard_describe(&report.passing[i], name, sizeof(name));
		add_failure(c, "guessable: %s scores %lld%%, at or above the %d%% pass mark", name,
			    score_percent_tenths(&report.passing[i].result) / 10, SCORE_PASS_PERCENT);
	}
	if (report.passing_count > GUARD_NAMED_MAX)
		add_failure(c, "guessable: %zu more blind answer%s pass%s",
			    report.passing_count - GUARD_NAMED_MAX,
			    report.passing_count - GUARD_NAMED_MAX == 1 ? "" : "s",
			    report.passing_count - GUARD_NAMED_MAX == 1 ? "es" : "");
	c->guarded = true;
	guard_describe(&report.best, c->best_blind, sizeof(c->best_blind));
	c->best_blind_percent_tenths = score_percent_tenths(&report.best.result);
	c->blind_passing = report.passing_count;
	c->random_percent = report.random_percent;
	snprintf(c->note, sizeof(c->note), "best blind answer %lld%% (%s); random answer %.0f%%",
		 c->best_blind_percent_tenths / 10, c->best_blind, c->random_percent);
	guard_report_free(&report);
}

/* Flagging exactly a real candidate's lines finds it, and only it counts as
 * found; a real candidate without lines is an error unless the exercise opts
 * out of finding. */
static void check_find(struct smoke_case *c, const struct exercise *exercise)
{
	struct diag_list unfindable = DIAG_LIST_INIT;
	find_check(exercise, DIAG_ERROR, &unfindable);
	for (size_t i = 0; i < unfindable.count; i++)
		add_failure(c, "%s", unfindable.items[i].message);
	diag_list_free(&unfindable);
	for (size_t i = 0; exercise->find && i < exercise->candidate_count; i++) {
		const struct candidate *candidate = &exercise->candidates[i];
		struct flag flags[16];
		size_t count = 0;
		for (size_t r = 0; r < candidate->line_range_count && count < 16; r++)
			flags[count++] = (struct flag){ candidate->lines[r].first, candidate->lines[r].last,
							SEVERITY_NONE };
		if (candidate->is_real && count > 0 && !find_candidate_found(candidate, flags, count))
			add_failure(c, "flagging the lines of candidate '%.40s' does not find it",
				    candidate->id);
	}
}

static void check_scores(struct smoke_case *c, const struct exercise *exercise)
{
	struct pick *picks = calloc(exercise->candidate_count + 1, sizeof(*picks));
	if (!picks) {
		add_failure(c, "out of memory");
		return;
	}
	score_key_picks(exercise, picks);
	check_key(c, exercise, picks);
	if (score_grade(exercise, picks, 0).max == 0)
		add_failure(c, "the exercise is worth 0 points, so every answer passes");
	unanswered_picks(exercise, picks);
	check_wrong(c, exercise, picks, "everything unanswered");
	inverted_picks(exercise, picks);
	check_wrong(c, exercise, picks, "every verdict inverted");
	free(picks);
	check_guard(c, exercise);
}

/* ---- Cases ---- */

static void add_load_errors(struct smoke_case *c, const struct diag_list *diags)
{
	for (size_t i = 0; i < diags->count; i++) {
		const struct diag *d = &diags->items[i];
		if (d->level == DIAG_ERROR)
			add_failure(c, "%s:%d:%d: error: %s", d->file, d->line, d->column, d->message);
	}
	if (!c->failure)
		add_failure(c, "%s: does not load", c->path);
}

static void describe(struct smoke_case *c, const struct exercise *exercise)
{
	size_t length = strlen(exercise->id) + strlen(exercise->title) + 2;
	c->id = strdup(exercise->id);
	c->title = strdup(exercise->title);
	c->track = exercise->track ? strdup(exercise->track) : NULL;
	c->name = malloc(length);
	if (c->name)
		snprintf(c->name, length, "%s %s", exercise->id, exercise->title);
}

static void run_case(struct smoke_case *c)
{
	struct diag_list diags = DIAG_LIST_INIT;
	struct exercise *exercise = NULL;
	if (loader_load_file_unhashed(c->path, &exercise, &diags) != LOADER_OK || !exercise ||
	    diag_count(&diags, DIAG_ERROR) > 0) {
		add_load_errors(c, &diags);
	} else {
		describe(c, exercise);
		check_render(c, exercise);
		check_scores(c, exercise);
		check_find(c, exercise);
	}
	exercise_free(exercise);
	diag_list_free(&diags);
}

static void free_case(struct smoke_case *c)
{
	if (!c)
		return;
	free(c->path), free(c->id), free(c->title), free(c->track), free(c->name);
	free(c->failure);
}

/* ---- The run: every file on every core, each case spooled in order ---- */

/* The files come from the walk as it finds them (review/walk.h, less what is
 * not an exercise) and their cases are written to a spool as they finish, in
 * catalog order (review/pool.h), and freed: a case's output can still change
 * until the end, when a file far later turns out to share its id, so the
 * cases are written out from the spool once every file is checked. Per file,
 * memory keeps a hash of its id; the spool keeps its path. */
struct smoke_run {
	struct walk *walk;
	struct ignore_filter *filter;
	struct diag_list *walk_diags; /* what the walk met: each a failing case after the files */
	struct diag_list *notes;
	size_t count;
	struct spool *spool;
	struct id_hash_list *id_hashes; /* per file; 0 when it has no id */
	size_t failed;           /* cases failing, before duplicate ids */
	bool out_of_memory;
	bool claim_failed;
	struct duplicate *duplicates; /* by file */
	size_t duplicate_count;
	size_t *members;         /* the files of each shared id, id after id, in file order */
	char **member_paths;     /* their paths, read back from the spool */
};

/* A file whose id another has: the files of its id are members[first, first + count). */
struct duplicate {
	size_t index;
	size_t first, count;
};

/* Cases finished ahead of the oldest one still running: a thousand cases of a
 * few hundred bytes, so a worker runs on while another is descheduled. */
#define SMOKE_WINDOW 1024

/* ---- Spooled cases: each text with its length (UINT32_MAX for none) ---- */

static void put_text(FILE *out, const char *text)
{
	uint32_t length = text ? (uint32_t)strlen(text) : UINT32_MAX;
	fwrite(&length, sizeof(length), 1, out);
	if (text)
		fwrite(text, 1, length, out);
}

static bool get_text(FILE *in, char **text)
{
	uint32_t length;
	*text = NULL;
	if (fread(&length, sizeof(length), 1, in) != 1)
		return false;
	if (length == UINT32_MAX)
		return true;
	*text = malloc((size_t)length + 1);
	if (!*text || fread(*text, 1, length, in) != length)
		return false;
	(*text)[length] = '\0';
	return true;
}

static bool get_array(FILE *in, char *array, size_t size)
{
	char *text;
	if (!get_text(in, &text) || !text) {
		free(text);
		return false;
	}
	snprintf(array, size, "%s", text);
	free(text);
	return true;
}

static void put_case(FILE *out, const struct smoke_case *c)
{
	put_text(out, c->path), put_text(out, c->id), put_text(out, c->title), put_text(out, c->track), put_text(out, c->failure);
	put_text(out, c->best_blind), put_text(out, c->note);
	fputc(c->guarded, out);
	fwrite(&c->best_blind_percent_tenths, sizeof(c->best_blind_percent_tenths), 1, out);
	fwrite(&c->blind_passing, sizeof(c->blind_passing), 1, out);
	fwrite(&c->random_percent, sizeof(c->random_percent), 1, out);
}

/* Reads the next case back; false at the end or when it cannot. */
static bool get_case(FILE *in, struct smoke_case *c)
{
	*c = (struct smoke_case){ 0 };
	int guarded = EOF;
	bool ok = get_text(in, &c->path) && c->path && get_text(in, &c->id) && get_text(in, &c->title) && get_text(in, &c->track) &&
		  get_text(in, &c->failure) && get_array(in, c->best_blind, sizeof(c->best_blind)) &&
		  get_array(in, c->note, sizeof(c->note)) && (guarded = fgetc(in)) != EOF &&
		  fread(&c->best_blind_percent_tenths, sizeof(c->best_blind_percent_tenths), 1, in) == 1 &&
		  fread(&c->blind_passing, sizeof(c->blind_passing), 1, in) == 1 &&
		  fread(&c->random_percent, sizeof(c->random_percent), 1, in) == 1;
	c->guarded = guarded == 1;
	if (ok && c->id && c->title) {
		size_t length = strlen(c->id) + strlen(c->title) + 2;
		c->name = malloc(length);
		if (c->name)
			snprintf(c->name, length, "%s %s", c->id, c->title);
	}
	return ok;
}

/* The next file the walk keeps, as a new string in *job. */
static bool claim_file(void *context, size_t index, void **job)
{
	struct smoke_run *run = context;
	const char *path;
	(void)index;
	while ((path = walk_next(run->walk, NULL, NULL)) != NULL) {
		if (!ignore_keeps(run->filter, path, run->notes))
			continue;
		if (!(*job = strdup(path))) {
			run->claim_failed = true; /* its own flag: take may be writing out_of_memory */
			break;
		}
		return true;
	}
	return false;
}

static void *smoke_file(void *context, size_t index, void *job)
{
	struct smoke_case *c = calloc(1, sizeof(*c));
	(void)context, (void)index;
	if (!c) {
		free(job);
		return NULL;
	}
	c->path = job;
	run_case(c);
	return c;
}

static void spool_case(void *context, size_t index, void *result)
{
	struct smoke_run *run = context;
	struct smoke_case *c = result;
	run->count = index + 1;
	if (!c || !c->path || (c->id && !id_hash_list_set(run->id_hashes, index, id_hash(c->id)))) {
		run->out_of_memory = true;
	} else {
		put_case(spool_writer(run->spool), c);
		run->failed += c->failure != NULL;
	}
	free_case(c);
	free(c);
}

/* ---- Duplicate ids ---- */

/* A file whose id hash another file has. */
struct keyed {
	size_t index;
	char *id;           /* read back from the spool */
	char *path;         /* the same */
	bool failed;
};

static int compare_indices(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	return x->index < y->index ? -1 : x->index > y->index;
}

static int compare_indices_of_duplicates(const void *a, const void *b)
{
	const struct duplicate *x = a, *y = b;
	return x->index < y->index ? -1 : x->index > y->index;
}

static int compare_ids(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	int order = strcmp(x->id ? x->id : "", y->id ? y->id : "");
	return order ? order : compare_indices(a, b);
}

/* The files whose id hash another file has, in file order. NULL when out of memory. */
static struct keyed *colliding(struct smoke_run *run, size_t *count)
{
	struct id_hash_key *keys = id_hash_list_collisions(run->id_hashes, run->count, count);
	struct keyed *colliding = keys ? calloc(*count + 1, sizeof(*colliding)) : NULL;
	for (size_t i = 0; colliding && i < *count; i++)
		colliding[i] = (struct keyed){ keys[i].index, NULL, NULL, false };
	if (colliding)
		qsort(colliding, *count, sizeof(*colliding), compare_indices);
	free(keys);
	return colliding;
}

/* Reads the ids of the colliding files back from the spool. */
static bool read_ids(struct smoke_run *run, struct keyed *keys, size_t count)
{
	FILE *in = spool_reader(run->spool);
	size_t next = 0;
	for (size_t i = 0; in && i < run->count && next < count; i++) {
		struct smoke_case c;
		bool ok = get_case(in, &c);
		if (ok && i == keys[next].index) {
			keys[next].id = c.id;
			keys[next].path = c.path;
			keys[next++].failed = c.failure != NULL;
			c.id = c.path = NULL;
		}
		free_case(&c);
		if (!ok)
			return false;
	}
	return next == count;
}

/* Groups the files of each id that several share; each such file fails, and
 * counts as failed now if it passed before. */
static bool group_duplicates(struct smoke_run *run, struct keyed *keys, size_t count)
{
	qsort(keys, count, sizeof(*keys), compare_ids);
	run->duplicates = calloc(count + 1, sizeof(*run->duplicates));
	run->members = calloc(count + 1, sizeof(*run->members));
	run->member_paths = calloc(count + 1, sizeof(*run->member_paths));
	if (!run->duplicates || !run->members || !run->member_paths)
		return false;
	size_t members = 0;
	for (size_t start = 0, end; start < count; start = end) {
		for (end = start + 1; end < count && strcmp(keys[end].id, keys[start].id) == 0; end++)
			;
		for (size_t i = start; end - start > 1 && i < end; i++) {
			run->members[members + i - start] = keys[i].index;
			run->member_paths[members + i - start] = keys[i].path;
			keys[i].path = NULL;
			run->duplicates[run->duplicate_count++] = (struct duplicate){ keys[i].index, members, end - start };
			run->failed += !keys[i].failed;
		}
		if (end - start > 1)
			members += end - start;
	}
	qsort(run->duplicates, run->duplicate_count, sizeof(*run->duplicates), compare_indices_of_duplicates);
	return true;
}

static bool find_duplicates(struct smoke_run *run)
{
	size_t count = 0;
	struct keyed *keys = colliding(run, &count);
	if (!keys)
		return false;
	bool ok = count == 0 || (read_ids(run, keys, count) && group_duplicates(run, keys, count));
	for (size_t i = 0; i < count; i++)
		free(keys[i].id), free(keys[i].path);
	free(keys);
	return ok;
}

/* Files sharing an id all fail, each naming the others in file order. */
static void add_duplicates(const struct smoke_run *run, struct smoke_case *c, size_t index, size_t *next)
{
	if (*next >= run->duplicate_count || run->duplicates[*next].index != index)
		return;
	const struct duplicate *duplicate = &run->duplicates[(*next)++];
	for (size_t m = duplicate->first; m < duplicate->first + duplicate->count; m++)
		if (run->members[m] != index)
			add_failure(c, "the id '%s' is also used by %s", c->id, run->member_paths[m]);
}

/* Checks every file; false when out of memory or the spool could not be
 * written (the output has not begun then). */
static bool run_files(struct smoke_run *run, const char *const *roots, size_t root_count,
		      struct diag_list *walk_diags, struct diag_list *notes, char **note)
{
	*run = (struct smoke_run){ .walk = walk_open(roots, root_count, walk_diags),
				   .filter = ignore_filter_new(roots, root_count), .walk_diags = walk_diags,
				   .notes = notes, .spool = spool_new(note), .id_hashes = id_hash_list_new() };
	if (!run->spool || !run->walk || !run->id_hashes)
		return false;
	static const struct pool_ops ops = { smoke_file, spool_case, claim_file };
	pool_run_ordered(&ops, run, SIZE_MAX, 0, SMOKE_WINDOW);
	bool ok = !run->out_of_memory && !run->claim_failed && !walk_out_of_memory(run->walk);
	/* The walk's set of files reached goes before duplicates are looked for. */
	walk_close(run->walk);
	ignore_filter_free(run->filter);
	run->walk = NULL;
	run->filter = NULL;
	return ok && spool_reader(run->spool) && find_duplicates(run);
}

static void free_run(struct smoke_run *run)
{
	walk_close(run->walk);
	ignore_filter_free(run->filter);
	spool_free(run->spool);
	id_hash_list_free(run->id_hashes);
	free(run->duplicates);
	free(run->members);
	for (size_t i = 0; run->member_paths && i < run->duplicate_count; i++)
		free(run->member_paths[i]);
	free(run->member_paths);
}

/* ---- Output ---- */

static void write_text_breach(FILE *out, const char *line, size_t number, void *context)
{
	(void)number, (void)context;
	fputs("     ", out);
	front_write_safe(out, line);
	fputc('\n', out);
}

static void write_text_case(FILE *out, const struct smoke_case *c, bool color)
{
	if (color)
		fputs(c->failure ? "\033[1;31mFAIL\033[0m " : "\033[32mok\033[0m   ", out);
	else
		fputs(c->failure ? "FAIL " : "ok   ", out);
	front_write_safe(out, c->name ? c->name : c->path);
	if (c->guarded)
		fprintf(out, "  (blind %lld%%, random %.0f%%)", c->best_blind_percent_tenths / 10,
			c->random_percent);
	fputc('\n', out);
	report_each_line(out, c->failure, write_text_breach, NULL);
}

static void write_json_breach(FILE *out, const char *line, size_t number, void *context)
{
	(void)context;
	if (number > 0)
		fputc(',', out);
	json_write_string(out, line);
}

static void write_json_failures(FILE *out, const char *failure)
{
	fputs("[", out);
	report_each_line(out, failure, write_json_breach, NULL);
	fputs("]", out);
}

static void write_json_guard(FILE *out, const struct smoke_case *c)
{
	fputs(",\"guard\":", out);
	if (!c->guarded) {
		fputs("null", out);
		return;
	}
	fputs("{\"best_blind_answer\":", out);
	json_write_string(out, c->best_blind);
	fprintf(out, ",\"best_blind_percent\":%lld.%lld,\"blind_answers_passing\":%zu,"
		     "\"random_percent\":%.1f}",
		c->best_blind_percent_tenths / 10, c->best_blind_percent_tenths % 10,
		c->blind_passing, c->random_percent);
}

static void write_json_case(FILE *out, const struct smoke_case *c, bool first)
{
	fputs(first ? "\n  {" : ",\n  {", out);
	json_write_key(out, "path"), json_write_string(out, c->path);
	fputc(',', out), json_write_key(out, "id"), json_write_string(out, c->id);
	fputc(',', out), json_write_key(out, "title"), json_write_string(out, c->title);
	fputc(',', out), json_write_key(out, "track"), json_write_string(out, c->track);
	fprintf(out, ",\"passed\":%s,\"failures\":", c->failure ? "false" : "true");
	write_json_failures(out, c->failure);
	write_json_guard(out, c);
	fputs("}", out);
}

/* GitHub workflow commands: one `::error` per breach, at the file (breaches have
 * no line of their own), titled with the exercise. */
static void write_github_breach(FILE *out, const char *line, size_t number, void *context)
{
	const struct smoke_case *c = context;
	(void)number;
	fputs("::error file=", out);
	report_write_github_value(out, c->path, true);
	fputs(",line=1,col=1,title=", out);
	report_write_github_value(out, c->name ? c->name : c->path, true);
	fputs("::", out);
	report_write_github_value(out, line, false);
	fputc('\n', out);
}

static void write_github_case(FILE *out, const struct smoke_case *c)
{
	report_each_line(out, c->failure, write_github_breach, (void *)c);
}

struct writer {
	FILE *out;
	enum output_format format;
	bool color;
	size_t total, failed, written;
};

static void write_begin(const struct writer *w)
{
	if (w->format == FORMAT_JSON)
		fprintf(w->out, "{\"exercises\":%zu,\"failed\":%zu,\"results\":[", w->total, w->failed);
	else if (w->format == FORMAT_JUNIT)
		report_junit_begin(w->out, "review smoke", w->total, w->failed);
	else if (w->format == FORMAT_TAP)
		report_tap_begin(w->out, w->total);
}

static void write_case(struct writer *w, const struct smoke_case *c)
{
	struct report_case report = { c->track, c->name ? c->name : c->path, c->failure,
				      c->guarded ? c->note : NULL };
	w->written++;
	switch (w->format) {
	case FORMAT_JSON: write_json_case(w->out, c, w->written == 1); break;
	case FORMAT_GITHUB: write_github_case(w->out, c); break;
	case FORMAT_JUNIT: report_junit_case(w->out, "review smoke", &report); break;
	case FORMAT_TAP: report_tap_case(w->out, w->written, &report); break;
	default: write_text_case(w->out, c, w->color); break;
	}
}

static void write_end(const struct writer *w)
{
	if (w->format == FORMAT_TEXT)
		fprintf(w->out, "%zu exercise%s, %zu failed\n", w->total, w->total == 1 ? "" : "s", w->failed);
	else if (w->format == FORMAT_JSON)
		fputs(w->total ? "\n]}\n" : "]}\n", w->out);
	else if (w->format == FORMAT_JUNIT)
		report_junit_end(w->out);
}

/* The spooled cases with their duplicate ids, then a case per problem the
 * walk met (an unreadable folder, a FIFO); false when the spool fails. */
static bool write_cases(struct writer *w, const struct smoke_run *run, const struct diag_list *walk)
{
	FILE *in = run->count ? spool_reader(run->spool) : NULL;
	size_t next_duplicate = 0;
	if (run->count && !in)
		return false;
	for (size_t i = 0; i < run->count; i++) {
		struct smoke_case c;
		bool ok = get_case(in, &c);
		if (ok) {
			add_duplicates(run, &c, i, &next_duplicate);
			write_case(w, &c);
		}
		free_case(&c);
		if (!ok)
			return false;
	}
	for (size_t i = 0; i < walk->count; i++) {
		struct smoke_case c = { .path = walk->items[i].file };
		add_failure(&c, "%s", walk->items[i].message);
		write_case(w, &c);
		free(c.failure);
	}
	return true;
}

/* ---- The verb ---- */

/* Options anywhere; the other arguments are moved to paths (argc entries of room). */
static int parse_arguments(int argc, char **argv, enum output_format *format, char **paths,
			   size_t *path_count)
{
	static const struct option options[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const unsigned allowed = 1u << FORMAT_TEXT | 1u << FORMAT_JSON | 1u << FORMAT_JUNIT |
				 1u << FORMAT_TAP | 1u << FORMAT_GITHUB;
	int option;

	optind = 0;
	opterr = 0;
	while ((option = getopt_long(argc, argv, "-", options, NULL)) != -1) {
		switch (option) {
		case 1: paths[(*path_count)++] = optarg; break;
		case 'f':
			if (!front_parse_format(optarg, allowed, format))
				return front_usage_error("smoke",
						       "--format takes text, json, junit, tap or github, not '%s'",
						       optarg);
			break;
		case 'h': fputs(cli_find_verb("smoke")->usage, stdout); return -1;
		default: return front_usage_error("smoke", "unknown option '%s'", argv[optind - 1]);
		}
	}
	return EXIT_OK;
}

/* A path given that does not exist is a usage error, as in check: the walk
 * and its notes are reported as before the run, which does not begin. Problems
 * met below a path (an unreadable folder, a FIFO) are failing cases, and the
 * run goes on. */
static bool missing_paths(struct front_context *context, const char *const *roots, size_t root_count)
{
	size_t missing = 0;
	for (size_t i = 0; i < root_count; i++)
		missing += access(roots[i], F_OK) != 0;
	if (missing == 0)
		return false;
	struct diag_list diags = DIAG_LIST_INIT, notes = DIAG_LIST_INIT;
	char **files = NULL;
	size_t count = front_collect_files(roots, root_count, &files, &diags, &notes);
	front_print_notes(stderr, "smoke", &notes);
	front_print_diags(stderr, &diags, front_use_color(context, stderr));
	catalog_paths_free(files, count);
	diag_list_free(&notes);
	diag_list_free(&diags);
	return true;
}

int verb_smoke(struct front_context *context, int argc, char **argv)
{
	enum output_format format = FORMAT_TEXT;
	char **paths = calloc((size_t)argc + 1, sizeof(*paths));
	size_t path_count = 0;
	if (!paths) {
		fprintf(stderr, "review smoke: out of memory\n");
		return EXIT_USAGE;
	}
	int status = parse_arguments(argc, argv, &format, paths, &path_count);
	if (status != EXIT_OK) {
		free(paths);
		return status < 0 ? EXIT_OK : status;
	}

	const char **roots = (const char **)paths;
	size_t root_count = path_count;
	if (root_count == 0)
		root_count = front_catalog_folders(context, &roots);
	if (missing_paths(context, roots, root_count)) {
		free(paths);
		return EXIT_USAGE;
	}
	struct diag_list diags = DIAG_LIST_INIT, notes = DIAG_LIST_INIT;
	struct smoke_run run;
	char *note = NULL;
	bool ran = run_files(&run, roots, root_count, &diags, &notes, &note);
	size_t count = run.count;
	free(paths);
	front_print_notes(stderr, "smoke", &notes);
	diag_list_free(&notes);
	if (count == 0 && diags.count == 0)
		fprintf(stderr, "review smoke: no exercise files found\n");
	if (note)
		fprintf(stderr, "review smoke: note: %s\n", note);
	free(note);
	struct writer writer = { stdout, format, format == FORMAT_TEXT && front_use_color(context, stdout),
				 count + diags.count, run.failed + diags.count, 0 };
	if (ran) {
		write_begin(&writer);
		ran = write_cases(&writer, &run, &diags);
	}
	if (ran)
		write_end(&writer);
	else if (spool_error(run.spool))
		fprintf(stderr, "review smoke: cannot write the temporary file: %s\n", strerror(spool_error(run.spool)));
	else
		fprintf(stderr, "review smoke: out of memory, or the temporary file could not be read back\n");
	status = !ran ? EXIT_USAGE : writer.failed ? EXIT_FINDING : EXIT_OK;
	free_run(&run);
	diag_list_free(&diags);
	return status;
}
