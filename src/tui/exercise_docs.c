/* The exercise screen's text: styled lines for the context and prompt, the
 * candidates (with the results or the key once they are known), the revealed
 * hints and the check diagnostics, wrapped to the panes' widths. Every line is
 * built through text.h, so everything from the file is sanitized. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/exercise_view.h"

/* Text inside a pane keeps one column free on each side. */
static int inner_width(int width)
{
	return max_int(width - 2, 10);
}

const char *exercise_separator(const struct tui *tui)
{
	return tui->text_options.ascii_only ? " - " : " \xc2\xb7 ";
}

static struct text_doc *build_text(const struct tui *tui, struct exercise_view *view, int width)
{
	const struct exercise *exercise = view->exercise;
	struct text_doc *doc = exercise ? text_doc_new() : NULL;
	bool ok = doc != NULL;

	if (ok && exercise->context && *exercise->context)
		ok = tui_append_markdown(doc, exercise->context, width, 0, NULL, &tui->text_options);
	if (ok && exercise->prompt && *exercise->prompt) {
		if (doc->line_count > 0)
			ok = text_doc_add_line(doc) != NULL;
		ok = ok && tui_append_markdown(doc, exercise->prompt, width, 0, NULL, &tui->text_options);
	}
	return doc;
}

/* The judgement as one column that reads without colour. */
const char *exercise_judgement_mark(const struct tui *tui, enum judgement judgement)
{
	static const char *const utf8[] = { [JUDGED_RIGHT] = "\xe2\x9c\x93", [JUDGED_PARTLY] = "~",
					    [JUDGED_WRONG] = "\xe2\x9c\x97" };
	static const char *const ascii[] = { [JUDGED_RIGHT] = "+", [JUDGED_PARTLY] = "~",
					     [JUDGED_WRONG] = "x" };
	return tui->text_options.ascii_only ? ascii[judgement] : utf8[judgement];
}

/* The verdict as a fixed-width label: "[not real]". */
const char *exercise_pick_label(struct pick pick)
{
	static const char *const real[] = { "[  real  ]", "[  bug   ]", "[warning ]", "[ minor  ]" };

	if (pick.verdict == VERDICT_UNANSWERED)
		return "[   ?    ]";
	if (pick.verdict == VERDICT_NOT_REAL)
		return "[not real]";
	return real[pick.severity <= SEVERITY_MINOR ? pick.severity : 0];
}

static void key_text(const struct candidate *candidate, char *out, size_t size)
{
	if (!candidate->is_real)
		snprintf(out, size, "not real");
	else if (candidate->severity == SEVERITY_NONE)
		snprintf(out, size, "real");
	else
		snprintf(out, size, "real, %s", severity_name(candidate->severity));
}

static void pick_text(struct pick pick, char *out, size_t size)
{
	if (pick.verdict == VERDICT_UNANSWERED)
		snprintf(out, size, "no answer");
	else if (pick.verdict == VERDICT_NOT_REAL)
		snprintf(out, size, "not real");
	else if (pick.severity == SEVERITY_NONE)
		snprintf(out, size, "real");
	else
		snprintf(out, size, "real, %s", severity_name(pick.severity));
}

static void lines_text(const struct candidate *candidate, char *out, size_t size)
{
	bool several = candidate->line_range_count > 1 ||
		       (candidate->line_range_count == 1 && candidate->lines[0].first != candidate->lines[0].last);
	size_t used = (size_t)snprintf(out, size, "%s", several ? "lines " : "line ");
	for (size_t i = 0; i < candidate->line_range_count && used < size; i++) {
		const struct line_range *range = &candidate->lines[i];
		used += (size_t)snprintf(out + used, size - used, i ? ", %d" : "%d", range->first);
		if (range->last != range->first && used < size)
			used += (size_t)snprintf(out + used, size - used, "-%d", range->last);
	}
}

/* The line under a candidate once the key is known, and how to stress it. */
static int verdict_line(const struct tui *tui, const struct exercise_view *view, size_t index,
			char *out, size_t size)
{
	const struct candidate *candidate = &view->exercise->candidates[index];
	char key[32], pick[32], lines[128] = "";

	key_text(candidate, key, sizeof(key));
	if (candidate->line_range_count > 0) {
		strcpy(lines, exercise_separator(tui));
		lines_text(candidate, lines + strlen(lines), sizeof(lines) - strlen(lines));
	}
	if (view->mode == MODE_PREVIEW) {
		snprintf(out, size, "key: %s%s%d point%s%s", key, exercise_separator(tui), candidate->points,
			 candidate->points == 1 ? "" : "s", lines);
		return -1;
	}
	static const int styles[] = { [JUDGED_RIGHT] = STYLE_GOOD, [JUDGED_PARTLY] = STYLE_PARTIAL,
				      [JUDGED_WRONG] = STYLE_BAD };
	static const char *const words[] = { [JUDGED_RIGHT] = "right", [JUDGED_PARTLY] = "partly right",
					     [JUDGED_WRONG] = "wrong" };
	long long earned = score_candidate(candidate, view->picks[index]);
	enum judgement judgement = score_judge(candidate, view->picks[index]);
	pick_text(view->picks[index], pick, sizeof(pick));
	int used = snprintf(out, size, "%s%syou: %s%skey: %s%searned %lld.%lld of %d%s", words[judgement],
			    exercise_separator(tui), pick, exercise_separator(tui), key,
			    exercise_separator(tui), earned / 10, earned % 10, candidate->points, lines);
	if (view->found_phase && candidate->is_real && candidate->line_range_count > 0 && used > 0 &&
	    (size_t)used < size)
		snprintf(out + used, size - (size_t)used, "%s%s", exercise_separator(tui),
			 find_candidate_found(candidate, view->flags, view->flag_count) ? "you found it"
			 : find_candidate_flagged(candidate, view->flags, view->flag_count)
				 ? "your flag was too broad to find it"
				 : "you did not flag it");
	return styles[judgement];
}

static bool build_candidate(const struct tui *tui, struct exercise_view *view, struct text_doc *doc,
			    size_t position, int width, int *style_line, int *style, int *text_end)
{
	size_t index = view->positions[position];
	const struct exercise *exercise = view->exercise;
	const struct candidate *candidate = &exercise->candidates[index];
	struct text_line prefix = { 0 };
	char number[48], detail[512];
	int digits = snprintf(number, sizeof(number), "%zu", exercise->candidate_count);
	bool answered = view->picks[index].verdict != VERDICT_UNANSWERED;

	snprintf(number, sizeof(number), "%*zu ", digits, position + 1);
	bool ok = tui_append(&prefix, number, ROLE_LINE_NUMBER, false, &tui->text_options);
	view->mark_column = view->mode == MODE_RESULTS ? digits + 1 : -1;
	view->label_column = digits + 1 + (view->mode == MODE_RESULTS ? 2 : 0);
	if (view->mode == MODE_RESULTS) {
		enum judgement judgement = score_judge(candidate, view->picks[index]);
		char mark[16];
		snprintf(mark, sizeof(mark), "%s ", exercise_judgement_mark(tui, judgement));
		ok = ok && tui_append(&prefix, mark, ROLE_STRONG, false, &tui->text_options);
	}
	ok = ok && tui_append(&prefix, exercise_pick_label(view->picks[index]),
			     answered ? ROLE_STRONG : ROLE_LINE_NUMBER, false, &tui->text_options) &&
		  tui_append(&prefix, " ", ROLE_PLAIN, false, &tui->text_options);
	int indent = text_line_width(&prefix);
	ok = ok && tui_append_markdown(doc, candidate->text, width, indent, &prefix, &tui->text_options);
	*text_end = ok ? (int)doc->line_count : 0;
	text_line_clear(&prefix);
	*style_line = -1;
	if (!ok || view->mode == MODE_ANSWER)
		return ok;
	char line[600];
	*style = verdict_line(tui, view, index, detail, sizeof(detail));
	*style_line = (int)doc->line_count;
	snprintf(line, sizeof(line), "%*s%s", min_int(indent, 60), "", detail);
	ok = tui_append_wrapped(doc, line, ROLE_PLAIN, width, indent, &tui->text_options);
	if (ok && candidate->explanation && *candidate->explanation)
		ok = tui_append_markdown(doc, candidate->explanation, width, indent, NULL,
					 &tui->text_options);
	return ok && text_doc_add_line(doc) != NULL;
}

/* While finding, the candidates stay hidden and their pane lists the flags. */
static struct text_doc *build_flags(const struct tui *tui, const struct exercise_view *view, int width)
{
	struct text_doc *doc = text_doc_new();
	bool ok = doc != NULL;
	char line[96];

	if (ok && view->flag_count == 0)
		ok = tui_append_wrapped(doc, "No lines flagged yet. Read the code and flag what you would "
					     "raise in a review: j/k move the cursor, f flags a line, v "
					     "marks a range, 1/2/3 flag with a severity; e when done.",
					ROLE_PLAIN, width, 0, &tui->text_options);
	for (size_t f = 0; ok && f < view->flag_count; f++) {
		const struct flag *flag = &view->flags[f];
		int used = flag->first == flag->last
				   ? snprintf(line, sizeof(line), "! line %d", flag->first)
				   : snprintf(line, sizeof(line), "! lines %d-%d", flag->first, flag->last);
		if (flag->severity != SEVERITY_NONE && used > 0 && (size_t)used < sizeof(line))
			snprintf(line + used, sizeof(line) - (size_t)used, "%s%s", exercise_separator(tui),
				 severity_name(flag->severity));
		ok = tui_append_wrapped(doc, line, ROLE_PLAIN, width, 2, &tui->text_options);
	}
	if (!ok) {
		text_doc_free(doc);
		return NULL;
	}
	return doc;
}

static struct text_doc *build_candidates(const struct tui *tui, struct exercise_view *view, int width)
{
	if (!view->exercise)
		return NULL;
	if (view->mode == MODE_FIND) {
		free(view->meta);
		view->meta = NULL;
		return build_flags(tui, view, width);
	}
	/* One column less: the selection marker sits left of the lines. */
	width--;
	size_t count = view->exercise->candidate_count;
	struct text_doc *doc = text_doc_new();
	int *style_lines = calloc(count + 1, sizeof(*style_lines));
	int *styles = calloc(count + 1, sizeof(*styles));
	int *text_ends = calloc(count + 1, sizeof(*text_ends));
	bool ok = doc && style_lines && styles && text_ends;

	for (size_t i = 0; ok && i < count; i++) {
		view->candidate_first[i] = doc->line_count;
		ok = build_candidate(tui, view, doc, i, width, &style_lines[i], &styles[i], &text_ends[i]);
	}
	free(view->meta);
	view->meta = ok ? calloc(doc->line_count + 1, sizeof(*view->meta)) : NULL;
	if (view->meta) {
		view->candidate_first[count] = doc->line_count;
		for (size_t i = 0; i < count; i++) {
			for (size_t line = view->candidate_first[i]; line < view->candidate_first[i + 1]; line++)
				view->meta[line] = (struct line_meta){ (int)i, -1, (int)line < text_ends[i] };
			if (style_lines[i] >= 0)
				view->meta[style_lines[i]].style = styles[i];
		}
	} else {
		text_doc_free(doc);
		doc = NULL;
	}
	free(style_lines);
	free(styles);
	free(text_ends);
	return doc;
}

static struct text_doc *build_hints(const struct tui *tui, struct exercise_view *view, int width)
{
	struct text_doc *doc = view->exercise ? text_doc_new() : NULL;
	bool ok = doc != NULL;

	/* Once submitted, every hint is free to read: the score is already kept. */
	int shown = view->exercise && view->mode == MODE_RESULTS ? (int)view->exercise->hint_count
								 : view->hints_revealed;
	for (int i = 0; ok && i < shown && (size_t)i < view->exercise->hint_count; i++) {
		struct text_line number = { 0 };
		view->hint_first[i] = doc->line_count;
		char label[16];
		snprintf(label, sizeof(label), "%d. ", i + 1);
		ok = tui_append(&number, label, ROLE_BULLET, false, &tui->text_options) &&
		     tui_append_markdown(doc, view->exercise->hints[i], width, (int)strlen(label), &number,
					 &tui->text_options);
		text_line_clear(&number);
	}
	return doc;
}

/* The line of a file that a diagnostic points at, and a caret under its
 * column: for a file that does not load, the place to fix. */
static bool append_excerpt(const struct tui *tui, struct text_doc *doc, const struct diag *diag, int width)
{
	FILE *file = diag->line > 0 ? fopen(diag->file, "r") : NULL;
	char text[512] = "";
	bool found = false;

	if (!file)
		return true;
	for (int line = 1; fgets(text, sizeof(text), file); line++) {
		size_t length = strlen(text);
		bool whole = length > 0 && text[length - 1] == '\n';
		if (line == diag->line) {
			text[strcspn(text, "\r\n")] = '\0';
			found = true;
			break;
		}
		while (!whole && fgets(text, sizeof(text), file)) /* the rest of a long line */
			whole = text[strlen(text) - 1] == '\n';
	}
	fclose(file);
	if (!found)
		return true;
	struct text_line *code = text_doc_add_line(doc);
	char gutter[32];
	snprintf(gutter, sizeof(gutter), "  %5d | ", diag->line);
	bool ok = code && tui_append(code, gutter, ROLE_LINE_NUMBER, false, &tui->text_options) &&
		  tui_append(code, text, ROLE_CODE, false, &tui->text_options);
	/* The caret under the column, measured on the line as drawn (tabs and
	 * invisible characters are wider once sanitized). */
	char *before = NULL;
	if (ok && diag->column > 0) {
		size_t cut = (size_t)diag->column - 1 < strlen(text) ? (size_t)diag->column - 1 : strlen(text);
		text[cut] = '\0';
		before = tui_safe(tui, text);
		int at = before ? text_width(before, strlen(before)) : 0;
		at = at < width - 12 ? at : width - 12;
		char caret[600];
		snprintf(caret, sizeof(caret), "        | %*s^", at > 0 ? at : 0, "");
		struct text_line *under = text_doc_add_line(doc);
		ok = under && tui_append(under, caret, ROLE_STRONG, true, &tui->text_options);
	}
	free(before);
	return ok;
}

/* Sorted by place, the path said once above them, each message rendered as
 * Markdown after its line:column and level. */
static struct text_doc *build_diags(const struct tui *tui, struct exercise_view *view, int width)
{
	struct text_doc *doc = view->mode == MODE_PREVIEW ? text_doc_new() : NULL;
	bool ok = doc != NULL;
	const char *path = NULL;
	size_t styled = 0;

	diag_list_sort(&view->diags);
	free(view->diag_styles);
	view->diag_styles = NULL;
	if (ok && view->diags.count == 0)
		ok = tui_append_wrapped(doc, "No problems: `review check` accepts this file.",
					ROLE_PLAIN, width, 2, &tui->text_options);
	for (size_t i = 0; ok && i < view->diags.count; i++) {
		const struct diag *diag = &view->diags.items[i];
		if (!path || strcmp(path, diag->file) != 0) {
			path = diag->file;
			struct text_line *heading = text_doc_add_line(doc);
			ok = heading && tui_append(heading, path, ROLE_HEADING, true, &tui->text_options);
		}
		struct text_line prefix = { 0 };
		char place[64];
		snprintf(place, sizeof(place), "  %d:%d ", diag->line, diag->column);
		size_t first = ok ? doc->line_count : 0;
		ok = ok && tui_append(&prefix, place, ROLE_LINE_NUMBER, false, &tui->text_options) &&
		     tui_append(&prefix, diag_level_name(diag->level), ROLE_STRONG, true, &tui->text_options) &&
		     tui_append(&prefix, ": ", ROLE_PLAIN, false, &tui->text_options) &&
		     tui_append_markdown(doc, diag->message, width, 4, &prefix, &tui->text_options);
		text_line_clear(&prefix);
		size_t message_end = ok ? doc->line_count : 0;
		if (ok && diag->level == DIAG_ERROR && !view->exercise)
			ok = append_excerpt(tui, doc, diag, width);
		/* The lines of an error in red, of a warning in yellow; the rest plain. */
		int *styles = ok ? realloc(view->diag_styles, (doc->line_count + 1) * sizeof(*styles)) : NULL;
		if (!styles)
			break;
		view->diag_styles = styles;
		for (; styled < doc->line_count; styled++)
			styles[styled] = styled < first || styled >= message_end ? -1
					 : diag->level == DIAG_ERROR		  ? STYLE_BAD
					 : diag->level == DIAG_WARNING		  ? STYLE_PARTIAL
										  : -1;
	}
	view->diag_style_count = view->diag_styles ? styled : 0;
	return doc;
}

typedef struct text_doc *(*doc_builder)(const struct tui *tui, struct exercise_view *view, int width);

/* Each pane's builder; `answers`: its lines change with the picks, hints or mode. */
static const struct {
	doc_builder build;
	bool answers;
} builders[PANE_COUNT] = {
	[PANE_TEXT] = { build_text, false },
	[PANE_CANDIDATES] = { build_candidates, true },
	[PANE_HINTS] = { build_hints, true },
	[PANE_DIAGS] = { build_diags, false },
};

void exercise_build_docs(const struct tui *tui, struct exercise_view *view, const int widths[PANE_COUNT])
{
	for (int pane = 0; pane < PANE_COUNT; pane++) {
		if (!builders[pane].build ||
		    (view->built_width[pane] == widths[pane] && !(view->stale && builders[pane].answers)))
			continue;
		text_doc_free(view->docs[pane]);
		view->docs[pane] = builders[pane].build(tui, view, inner_width(widths[pane]));
		view->built_width[pane] = widths[pane];
	}
	view->stale = false;
}
