/* The exercise screen's layout and drawing: a header, the context and prompt, the
 * code with line numbers, the candidates (with the results or the key once they
 * are known), the revealed hints and, in preview, the check diagnostics. Code
 * sits beside the candidates from TUI_WIDE_COLS columns, above them below that. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/exercise_view.h"

static const struct tui_attr no_attr = { A_NORMAL, 0 };

static int min_int(int a, int b)
{
	return a < b ? a : b;
}

static int max_int(int a, int b)
{
	return a > b ? a : b;
}

static bool side_by_side(void)
{
	return COLS >= TUI_WIDE_COLS;
}

static int left_width(void)
{
	return COLS * 11 / 20;
}

/* Text inside a pane keeps one column free on each side. */
static int inner_width(int width)
{
	return max_int(width - 2, 10);
}

static void pane_widths(const struct exercise_view *view, int widths[PANE_COUNT])
{
	bool side = side_by_side() && view->exercise;
	int right = side ? COLS - left_width() - 1 : COLS;

	widths[PANE_TEXT] = COLS;
	widths[PANE_CODE] = side ? left_width() : COLS;
	widths[PANE_CANDIDATES] = widths[PANE_HINTS] = widths[PANE_DIAGS] = right;
}

static const char *separator(const struct tui *tui)
{
	return tui->text_options.ascii_only ? " - " : " \xc2\xb7 ";
}

/* ---- Building the panes' lines ---- */

static struct text_doc *build_text(const struct tui *tui, const struct exercise *exercise, int width)
{
	struct text_doc *doc = text_doc_new();
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

/* The verdict as a fixed-width label: "[not real]". */
static const char *pick_label(struct pick pick)
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
		strcpy(lines, separator(tui));
		lines_text(candidate, lines + strlen(lines), sizeof(lines) - strlen(lines));
	}
	if (view->mode == MODE_PREVIEW) {
		snprintf(out, size, "key: %s%s%d point%s%s", key, separator(tui), candidate->points,
			 candidate->points == 1 ? "" : "s", lines);
		return -1;
	}
	long earned = score_candidate(candidate, view->picks[index]);
	long full = 10L * candidate->points;
	const char *word = earned >= full ? "correct" : earned > 0 ? "partly right" : "wrong";
	pick_text(view->picks[index], pick, sizeof(pick));
	snprintf(out, size, "you: %s%skey: %s%searned %ld.%ld of %d%s%s%s", pick, separator(tui), key,
		 separator(tui), earned / 10, earned % 10, candidate->points, separator(tui), word,
		 lines);
	return earned >= full ? STYLE_GOOD : earned > 0 ? STYLE_PARTIAL : STYLE_BAD;
}

static bool build_candidate(const struct tui *tui, struct exercise_view *view, struct text_doc *doc,
			    size_t index, int width, int *style_line, int *style)
{
	const struct exercise *exercise = view->exercise;
	const struct candidate *candidate = &exercise->candidates[index];
	struct text_line prefix = { NULL, 0, 0 };
	char number[48], detail[512];
	int digits = snprintf(number, sizeof(number), "%zu", exercise->candidate_count);
	bool answered = view->picks[index].verdict != VERDICT_UNANSWERED;

	snprintf(number, sizeof(number), "%*zu ", digits, index + 1);
	bool ok = tui_append(&prefix, number, ROLE_LINE_NUMBER, false, &tui->text_options) &&
		  tui_append(&prefix, pick_label(view->picks[index]),
			     answered ? ROLE_STRONG : ROLE_LINE_NUMBER, false, &tui->text_options) &&
		  tui_append(&prefix, " ", ROLE_PLAIN, false, &tui->text_options);
	int indent = text_line_width(&prefix);
	ok = ok && tui_append_markdown(doc, candidate->text, width, indent, &prefix, &tui->text_options);
	for (size_t i = 0; i < prefix.span_count; i++)
		free(prefix.spans[i].text);
	free(prefix.spans);
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

static struct text_doc *build_candidates(const struct tui *tui, struct exercise_view *view, int width)
{
	size_t count = view->exercise->candidate_count;
	struct text_doc *doc = text_doc_new();
	int *style_lines = calloc(count + 1, sizeof(*style_lines));
	int *styles = calloc(count + 1, sizeof(*styles));
	bool ok = doc && style_lines && styles;

	for (size_t i = 0; ok && i < count; i++) {
		view->candidate_first[i] = doc->line_count;
		ok = build_candidate(tui, view, doc, i, width, &style_lines[i], &styles[i]);
	}
	free(view->meta);
	view->meta = ok ? calloc(doc->line_count + 1, sizeof(*view->meta)) : NULL;
	if (view->meta) {
		view->candidate_first[count] = doc->line_count;
		for (size_t i = 0; i < count; i++) {
			for (size_t line = view->candidate_first[i]; line < view->candidate_first[i + 1]; line++)
				view->meta[line] = (struct line_meta){ (int)i, -1 };
			if (style_lines[i] >= 0)
				view->meta[style_lines[i]].style = styles[i];
		}
	} else {
		text_doc_free(doc);
		doc = NULL;
	}
	free(style_lines);
	free(styles);
	return doc;
}

static struct text_doc *build_hints(const struct tui *tui, const struct exercise_view *view, int width)
{
	struct text_doc *doc = text_doc_new();
	bool ok = doc != NULL;

	for (int i = 0; ok && i < view->hints_revealed && (size_t)i < view->exercise->hint_count; i++) {
		struct text_line number = { NULL, 0, 0 };
		char label[16];
		snprintf(label, sizeof(label), "%d. ", i + 1);
		ok = tui_append(&number, label, ROLE_BULLET, false, &tui->text_options) &&
		     tui_append_markdown(doc, view->exercise->hints[i], width, (int)strlen(label), &number,
					 &tui->text_options);
		for (size_t s = 0; s < number.span_count; s++)
			free(number.spans[s].text);
		free(number.spans);
	}
	return doc;
}

static struct text_doc *build_diags(const struct tui *tui, const struct exercise_view *view, int width)
{
	struct text_doc *doc = text_doc_new();
	bool ok = doc != NULL;

	if (ok && view->diags.count == 0)
		ok = tui_append_wrapped(doc, "No problems: `review check` accepts this file.",
					ROLE_PLAIN, width, 2, &tui->text_options);
	for (size_t i = 0; ok && i < view->diags.count; i++) {
		const struct diag *diag = &view->diags.items[i];
		char *text = NULL;
		size_t size = strlen(diag->file) + strlen(diag->message) + 64;
		if ((text = malloc(size)) == NULL)
			break;
		snprintf(text, size, "%s:%d:%d: %s: %s", diag->file, diag->line, diag->column,
			 diag_level_name(diag->level), diag->message);
		ok = tui_append_wrapped(doc, text, diag->level == DIAG_ERROR ? ROLE_STRONG : ROLE_PLAIN,
					width, 4, &tui->text_options);
		free(text);
	}
	return doc;
}

static void free_docs(struct exercise_view *view)
{
	for (int pane = 0; pane < PANE_COUNT; pane++) {
		text_doc_free(view->docs[pane]);
		view->docs[pane] = NULL;
	}
}

static void build_docs(const struct tui *tui, struct exercise_view *view, const int widths[PANE_COUNT])
{
	bool same = !view->stale;
	for (int pane = 0; pane < PANE_COUNT; pane++)
		same = same && view->built_width[pane] == widths[pane];
	if (same)
		return;
	free_docs(view);
	if (view->exercise) {
		view->docs[PANE_TEXT] = build_text(tui, view->exercise, inner_width(widths[PANE_TEXT]));
		view->docs[PANE_CANDIDATES] =
			build_candidates(tui, view, inner_width(widths[PANE_CANDIDATES]) - 1);
		view->docs[PANE_HINTS] = build_hints(tui, view, inner_width(widths[PANE_HINTS]));
	}
	if (view->mode == MODE_PREVIEW)
		view->docs[PANE_DIAGS] = build_diags(tui, view, inner_width(widths[PANE_DIAGS]));
	memcpy(view->built_width, widths, sizeof(view->built_width));
	view->stale = false;
}

/* ---- Layout ---- */

int exercise_pane_lines(const struct exercise_view *view, enum pane pane)
{
	if (pane == PANE_CODE)
		return view->exercise ? view->exercise->code_line_count : 0;
	return view->docs[pane] ? (int)view->docs[pane]->line_count : 0;
}

static void place(struct pane_state *pane, int title_y, int x, int height, int width)
{
	pane->rect = (struct rect){ title_y + 1, x, max_int(height, 0), width };
	pane->visible = height > 0;
}

static int first_row(const struct exercise_view *view)
{
	return view->mode == MODE_RESULTS ? 2 : 1;
}

static void layout_stacked(struct exercise_view *view, const bool shown[PANE_COUNT])
{
	static const enum pane order[] = { PANE_TEXT, PANE_CODE, PANE_CANDIDATES, PANE_HINTS, PANE_DIAGS };
	int rows[PANE_COUNT] = { 0 }, titles = 0, y = first_row(view);

	for (int pane = 0; pane < PANE_COUNT; pane++)
		titles += shown[pane];
	int room = LINES - 1 - y - titles;
	if (shown[PANE_TEXT])
		rows[PANE_TEXT] = min_int(exercise_pane_lines(view, PANE_TEXT), max_int(2, room / 6));
	if (shown[PANE_HINTS])
		rows[PANE_HINTS] = min_int(exercise_pane_lines(view, PANE_HINTS), max_int(2, room / 5));
	if (shown[PANE_DIAGS])
		rows[PANE_DIAGS] = shown[PANE_CODE] ? min_int(exercise_pane_lines(view, PANE_DIAGS),
							      max_int(2, room / 5))
						    : room;
	int rest = room - rows[PANE_TEXT] - rows[PANE_HINTS] - rows[PANE_DIAGS];
	if (shown[PANE_CODE]) {
		int wanted = exercise_pane_lines(view, PANE_CANDIDATES);
		/* Once the key is known, the candidates' explanations matter most. */
		int share = view->mode == MODE_ANSWER ? rest / 2 : rest * 2 / 3;
		rows[PANE_CANDIDATES] = min_int(wanted, max_int(share, rest - exercise_pane_lines(view, PANE_CODE)));
		rows[PANE_CODE] = rest - rows[PANE_CANDIDATES];
		/* Rows the code does not need go to the text above it. */
		int spare = rows[PANE_CODE] - exercise_pane_lines(view, PANE_CODE);
		int more = min_int(spare, exercise_pane_lines(view, PANE_TEXT) - rows[PANE_TEXT]);
		if (shown[PANE_TEXT] && more > 0) {
			rows[PANE_TEXT] += more;
			rows[PANE_CODE] -= more;
		}
	}
	for (size_t i = 0; i < sizeof(order) / sizeof(*order); i++) {
		enum pane pane = order[i];
		place(&view->panes[pane], y, 0, shown[pane] ? rows[pane] : 0, COLS);
		if (shown[pane])
			y += rows[pane] + 1;
	}
}

static void layout_side_by_side(struct exercise_view *view, const bool shown[PANE_COUNT])
{
	int y = first_row(view), left = left_width(), right = COLS - left - 1;
	int text = shown[PANE_TEXT] ? min_int(exercise_pane_lines(view, PANE_TEXT),
					      max_int(3, (LINES - 2 - y) / 4))
				    : 0;

	place(&view->panes[PANE_TEXT], y, 0, text, COLS);
	if (shown[PANE_TEXT])
		y += text + 1;
	place(&view->panes[PANE_CODE], y, 0, LINES - 2 - y, left);
	int titles = 1 + shown[PANE_HINTS] + shown[PANE_DIAGS];
	int room = LINES - 1 - y - titles;
	int diags = shown[PANE_DIAGS] ? min_int(exercise_pane_lines(view, PANE_DIAGS), max_int(2, room / 4)) : 0;
	int hints = shown[PANE_HINTS] ? min_int(exercise_pane_lines(view, PANE_HINTS), max_int(2, room / 3)) : 0;
	int candidates = room - diags - hints;
	place(&view->panes[PANE_CANDIDATES], y, left + 1, candidates, right);
	y += candidates + 1;
	place(&view->panes[PANE_HINTS], y, left + 1, hints, right);
	y += shown[PANE_HINTS] ? hints + 1 : 0;
	place(&view->panes[PANE_DIAGS], y, left + 1, diags, right);
}

void exercise_layout(struct exercise_view *view, const struct tui *tui)
{
	int widths[PANE_COUNT];
	bool shown[PANE_COUNT] = { false };

	pane_widths(view, widths);
	build_docs(tui, view, widths);
	if (view->exercise) {
		shown[PANE_TEXT] = exercise_pane_lines(view, PANE_TEXT) > 0;
		shown[PANE_CODE] = shown[PANE_CANDIDATES] = true;
		shown[PANE_HINTS] = exercise_pane_lines(view, PANE_HINTS) > 0;
	}
	shown[PANE_DIAGS] = view->mode == MODE_PREVIEW;
	if (side_by_side() && view->exercise)
		layout_side_by_side(view, shown);
	else
		layout_stacked(view, shown);
	if (view->follow) {
		exercise_follow_selection(view);
		view->follow = false;
	}
	for (int pane = 0; pane < PANE_COUNT; pane++) {
		struct pane_state *state = &view->panes[pane];
		int most = max_int(exercise_pane_lines(view, (enum pane)pane) - state->rect.h, 0);
		state->top = max_int(0, min_int(state->top, most));
	}
	if (!view->panes[view->focus].visible)
		view->focus = view->exercise ? PANE_CANDIDATES : PANE_DIAGS;
}

void exercise_follow_selection(struct exercise_view *view)
{
	if (!view->exercise || !view->candidate_first)
		return;
	struct pane_state *pane = &view->panes[PANE_CANDIDATES];
	int first = (int)view->candidate_first[view->selected];
	int last = (int)view->candidate_first[view->selected + 1] - 1;
	if (first < pane->top)
		pane->top = first;
	else if (last >= pane->top + pane->rect.h)
		pane->top = min_int(first, last - pane->rect.h + 1);
	const struct candidate *candidate = &view->exercise->candidates[view->selected];
	if (view->mode == MODE_ANSWER || candidate->line_range_count == 0)
		return;
	struct pane_state *code = &view->panes[PANE_CODE];
	int line = candidate->lines[0].first - 1;
	if (line < code->top || line >= code->top + code->rect.h)
		code->top = max_int(0, line - code->rect.h / 3);
}

int exercise_candidate_at(const struct exercise_view *view, int row)
{
	const struct pane_state *pane = &view->panes[PANE_CANDIDATES];
	int line = pane->top + row - pane->rect.y;

	if (!view->meta || row < pane->rect.y || line >= exercise_pane_lines(view, PANE_CANDIDATES))
		return -1;
	return view->meta[line].candidate;
}

/* ---- Drawing ---- */

struct field {
	char text[160];
	int priority; /* higher survives longer when the header is narrow */
};

static void add_field(struct field *fields, size_t *count, int priority, const char *format, ...)
	__attribute__((format(printf, 4, 5)));

static void add_field(struct field *fields, size_t *count, int priority, const char *format, ...)
{
	va_list args;

	va_start(args, format);
	vsnprintf(fields[*count].text, sizeof(fields[*count].text), format, args);
	va_end(args);
	fields[(*count)++].priority = priority;
}

/* The fields right of the title, dropping the least useful until the title fits. */
static void header_right(const struct tui *tui, const struct field *fields, size_t count,
			 int title_width, char *right, size_t size)
{
	for (int floor = 0; floor < 10; floor++) {
		right[0] = '\0';
		for (size_t i = 0; i < count; i++) {
			if (fields[i].priority < floor)
				continue;
			if (right[0])
				strncat(right, separator(tui), size - strlen(right) - 1);
			strncat(right, fields[i].text, size - strlen(right) - 1);
		}
		/* Track, difficulty, language and the id go before the title is cut. */
		int title_room = floor < 7 ? title_width : min_int(title_width, 24);
		if (text_width(right, strlen(right)) + title_room + 4 <= COLS)
			return;
	}
}

static void draw_header(const struct tui *tui, const struct exercise_view *view)
{
	const struct exercise *exercise = view->exercise;
	struct field fields[8];
	size_t count = 0;
	long entry = tui->catalog ? catalog_index_of(tui->catalog, exercise->id) : -1;
	/* The short id the catalog shows, when the exercise is in it. */
	char *id = tui_safe(tui, entry >= 0 ? tui->catalog->entries[entry].display_id : exercise->id);
	char *title = tui_safe(tui, exercise->title);
	char *language = tui_safe(tui, exercise->language);
	char *track = exercise->track ? tui_safe(tui, exercise->track) : NULL;
	char right[1024];

	if (view->mode == MODE_PREVIEW)
		add_field(fields, &count, 9, "PREVIEW");
	add_field(fields, &count, 6, "%s", id ? id : "");
	if (exercise->difficulty != DIFFICULTY_NONE)
		add_field(fields, &count, 3, "%s", difficulty_name(exercise->difficulty));
	add_field(fields, &count, 4, "%s", language ? language : "");
	if (track && *track && exercise->track_level >= 0)
		add_field(fields, &count, 1, "%s L%d", track, exercise->track_level);
	else if (track && *track)
		add_field(fields, &count, 1, "%s", track);
	add_field(fields, &count, 7, "hints %d/%zu", view->hints_revealed, exercise->hint_count);
	add_field(fields, &count, 8, "%d points", exercise_max_points(exercise));
	header_right(tui, fields, count, title ? text_width(title, strlen(title)) : 0, right, sizeof(right));
	draw_title(tui, 0, 0, COLS, title ? title : "", right, true);
	free(title);
	free(id);
	free(language);
	free(track);
}

static void draw_banner(const struct tui *tui, const struct exercise_view *view)
{
	const struct score_result *result = &view->result;
	long percent = result->max > 0 ? result->score_tenths * 100 / result->max : 1000;
	struct tui_attr attr = draw_style(tui, result->passed ? STYLE_GOOD : STYLE_BAD);
	char text[256];
	int used = snprintf(text, sizeof(text), "Score %ld.%ld / %ld (%ld%%) %s", result->score_tenths / 10,
			    result->score_tenths % 10, result->max, percent / 10,
			    result->passed ? "passed" : "failed");
	if (result->hints_used > 0)
		snprintf(text + used, sizeof(text) - (size_t)used, "%shints: %d, -%ld.%ld", separator(tui),
			 result->hints_used, (long)result->hints_used * result->max * SCORE_HINT_COST_PERCENT / 100,
			 ((long)result->hints_used * result->max * SCORE_HINT_COST_PERCENT / 10) % 10);
	attr.attr |= A_REVERSE;
	draw_fill(1, 0, COLS, attr);
	draw_text(1, 1, COLS - 2, 0, text, attr);
}

static void draw_doc_rows(const struct tui *tui, const struct exercise_view *view, enum pane pane)
{
	const struct pane_state *state = &view->panes[pane];
	const struct text_doc *doc = view->docs[pane];

	for (int row = 0; doc && row < state->rect.h; row++) {
		size_t line = (size_t)(state->top + row);
		if (line >= doc->line_count)
			break;
		draw_line(tui, state->rect.y + row, state->rect.x + 1, state->rect.w - 2, 0, &doc->lines[line],
			  no_attr);
	}
}

static void draw_candidate_rows(const struct tui *tui, const struct exercise_view *view)
{
	const struct pane_state *state = &view->panes[PANE_CANDIDATES];
	const struct text_doc *doc = view->docs[PANE_CANDIDATES];
	struct tui_attr selected = draw_style(tui, STYLE_SELECTED);

	for (int row = 0; doc && view->meta && row < state->rect.h; row++) {
		size_t line = (size_t)(state->top + row);
		if (line >= doc->line_count)
			break;
		const struct line_meta *meta = &view->meta[line];
		struct tui_attr extra = meta->style >= 0 ? draw_style(tui, (enum tui_style)meta->style) : no_attr;
		int y = state->rect.y + row, x = state->rect.x;
		bool mine = (size_t)meta->candidate == view->selected;
		if (mine && line == view->candidate_first[view->selected]) {
			extra.attr |= selected.attr;
			draw_fill(y, x + 1, state->rect.w - 2, selected);
		}
		if (mine && doc->lines[line].span_count > 0)
			draw_text(y, x, 1, 0, view->focus == PANE_CANDIDATES ? ">" : "|", selected);
		draw_line(tui, y, x + 2, state->rect.w - 3, 0, &doc->lines[line], extra);
	}
}

static void draw_code_rows(const struct tui *tui, struct exercise_view *view)
{
	struct pane_state *state = &view->panes[PANE_CODE];
	const struct candidate *candidate = view->mode != MODE_ANSWER && view->exercise->candidate_count
						    ? &view->exercise->candidates[view->selected]
						    : NULL;
	char number[24];
	int digits = snprintf(number, sizeof(number), "%d", view->exercise->code_line_count);
	int text_width_left = state->rect.w - digits - 3;

	view->code_left = max_int(0, min_int(view->code_left, view->code_width - text_width_left + 1));
	for (int row = 0; view->code && row < state->rect.h; row++) {
		size_t line = (size_t)(state->top + row);
		if (line >= view->code->line_count)
			break;
		int y = state->rect.y + row;
		bool marked = candidate && candidate_names_line(candidate, (int)line + 1);
		snprintf(number, sizeof(number), "%*zu%s", digits, line + 1, marked ? ">" : " ");
		draw_text(y, state->rect.x + 1, digits + 1, 0, number,
			  marked ? draw_style(tui, STYLE_MARKED_LINE) : tui->roles[ROLE_LINE_NUMBER]);
		struct tui_attr extra = { marked ? A_BOLD : A_NORMAL, 0 };
		const struct text_line *code = &view->code->lines[line];
		draw_line(tui, y, state->rect.x + digits + 2, text_width_left, view->code_left, code, extra);
		if (text_line_width(code) - view->code_left > text_width_left) /* more to the right: > */
			draw_text(y, state->rect.x + state->rect.w - 1, 1, 0, ">", draw_style(tui, STYLE_DIM));
	}
}

static void pane_position(const struct exercise_view *view, enum pane pane, char *out, size_t size)
{
	const struct pane_state *state = &view->panes[pane];
	int lines = exercise_pane_lines(view, pane);

	if (lines <= state->rect.h)
		out[0] = '\0';
	else
		snprintf(out, size, "%d-%d of %d", state->top + 1, min_int(state->top + state->rect.h, lines),
			 lines);
}

static void draw_titles(const struct tui *tui, const struct exercise_view *view)
{
	char title[160], right[96];
	const struct exercise *exercise = view->exercise;

	for (int pane = 0; pane < PANE_COUNT; pane++) {
		const struct pane_state *state = &view->panes[pane];
		if (!state->visible)
			continue;
		pane_position(view, (enum pane)pane, right, sizeof(right));
		switch ((enum pane)pane) {
		case PANE_TEXT:
			snprintf(title, sizeof(title), "Context and task");
			break;
		case PANE_CODE:
			snprintf(title, sizeof(title), "Code (%d line%s)", exercise->code_line_count,
				 exercise->code_line_count == 1 ? "" : "s");
			if (view->code_left > 0)
				snprintf(right + strlen(right), sizeof(right) - strlen(right), "%scolumn %d",
					 right[0] ? separator(tui) : "", view->code_left + 1);
			break;
		case PANE_CANDIDATES:
			if (view->mode == MODE_PREVIEW) {
				snprintf(title, sizeof(title), "Candidates with the answer key");
			} else if (view->mode == MODE_RESULTS) {
				snprintf(title, sizeof(title), "Results per candidate");
			} else {
				size_t answered = 0;
				for (size_t i = 0; i < exercise->candidate_count; i++)
					answered += view->picks[i].verdict != VERDICT_UNANSWERED;
				snprintf(title, sizeof(title), "Candidates: %zu of %zu answered", answered,
					 exercise->candidate_count);
			}
			break;
		case PANE_HINTS: {
			long cost = (long)exercise_max_points(exercise) * SCORE_HINT_COST_PERCENT;
			if (view->mode == MODE_PREVIEW)
				snprintf(title, sizeof(title), "Hints (each costs %ld.%ld points)", cost / 100,
					 cost / 10 % 10);
			else
				snprintf(title, sizeof(title), "Hints: %d of %zu revealed, -%ld.%ld points",
					 view->hints_revealed, exercise->hint_count,
					 cost * view->hints_revealed / 100, cost * view->hints_revealed / 10 % 10);
			break;
		}
		case PANE_DIAGS: {
			size_t errors = diag_count(&view->diags, DIAG_ERROR);
			size_t warnings = diag_count(&view->diags, DIAG_WARNING);
			snprintf(title, sizeof(title), "review check: %zu error%s, %zu warning%s", errors,
				 errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
			break;
		}
		default:
			break;
		}
		draw_title(tui, state->rect.y - 1, state->rect.x, state->rect.w, title, right,
			   (int)view->focus == pane);
	}
}

void exercise_draw(struct tui *tui)
{
	struct exercise_view *view = tui->exercise_view;

	exercise_layout(view, tui);
	if (view->exercise) {
		draw_header(tui, view);
		if (view->mode == MODE_RESULTS)
			draw_banner(tui, view);
		draw_doc_rows(tui, view, PANE_TEXT);
		draw_code_rows(tui, view);
		draw_candidate_rows(tui, view);
		draw_doc_rows(tui, view, PANE_HINTS);
	} else {
		draw_title(tui, 0, 0, COLS, "PREVIEW: this file does not load", NULL, true);
	}
	draw_doc_rows(tui, view, PANE_DIAGS);
	draw_titles(tui, view);
	if (side_by_side() && view->exercise) {
		struct tui_attr line = draw_style(tui, STYLE_DIM);
		attr_set(line.attr, line.pair, NULL);
		const struct rect *code = &view->panes[PANE_CODE].rect;
		mvvline(code->y - 1, code->w, ACS_VLINE, code->h + 1);
	}
}
