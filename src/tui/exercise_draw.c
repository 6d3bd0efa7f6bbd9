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

static bool side_by_side(void)
{
	return COLS >= TUI_WIDE_COLS;
}

/* Beside the candidates, the code takes the width its lines need (with the
 * line numbers), between two fifths and eleven twentieths of the screen. */
static int left_width(const struct exercise_view *view)
{
	int needed = view->code_width + 8;
	return max_int(COLS * 2 / 5, min_int(COLS * 11 / 20, needed));
}

static void pane_widths(const struct exercise_view *view, int widths[PANE_COUNT])
{
	bool side = side_by_side() && view->exercise;
	int right = side ? COLS - left_width(view) - 1 : COLS;

	widths[PANE_TEXT] = COLS;
	widths[PANE_CODE] = side ? left_width(view) : COLS;
	widths[PANE_CANDIDATES] = widths[PANE_HINTS] = widths[PANE_DIAGS] = right;
	if (view->zoomed)
		widths[view->focus] = COLS;
}

/* ---- Layout ---- */

int exercise_pane_lines(const struct exercise_view *view, enum pane pane)
{
	if (pane == PANE_CODE)
		return view->exercise ? view->exercise->code_line_count : 0;
	return view->docs[pane] ? (int)view->docs[pane]->line_count : 0;
}

/* A pane shown with no rows is collapsed: its title stays, and Tab opens it. */
static void place(struct pane_state *pane, int title_y, int x, int height, int width, bool shown)
{
	pane->rect = (struct rect){ title_y + 1, x, max_int(height, 0), width };
	pane->visible = shown && (height > 0 || pane->collapsed);
}

/* In the results the context and the hints shrink to their titles, so the
 * code and the explanations get the room, until Tab gives one the focus. */
static bool collapses(const struct exercise_view *view, enum pane pane)
{
	return view->mode == MODE_RESULTS && (pane == PANE_TEXT || pane == PANE_HINTS) && view->focus != pane;
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
	for (int pane = 0; pane < PANE_COUNT; pane++)
		view->panes[pane].collapsed = shown[pane] && collapses(view, (enum pane)pane);
	/* 80x24 first: the context and task get a quarter (a short one shows
	 * whole), the hints two rows there (a hint just revealed scrolls in). */
	if (shown[PANE_TEXT])
		rows[PANE_TEXT] = min_int(exercise_pane_lines(view, PANE_TEXT), max_int(2, room / 4));
	if (shown[PANE_HINTS])
		rows[PANE_HINTS] = min_int(exercise_pane_lines(view, PANE_HINTS), max_int(2, room / 7));
	if (shown[PANE_DIAGS])
		rows[PANE_DIAGS] = shown[PANE_CODE] ? min_int(exercise_pane_lines(view, PANE_DIAGS),
							      max_int(2, room / 5))
						    : room;
	for (int pane = 0; pane < PANE_COUNT; pane++)
		if (view->panes[pane].collapsed)
			rows[pane] = 0;
		else if (view->mode == MODE_RESULTS && pane == (int)view->focus &&
			 (pane == PANE_TEXT || pane == PANE_HINTS)) /* opened by Tab: room to read */
			rows[pane] = min_int(exercise_pane_lines(view, (enum pane)pane), room / 2);
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
		if (shown[PANE_TEXT] && !view->panes[PANE_TEXT].collapsed && more > 0) {
			rows[PANE_TEXT] += more;
			rows[PANE_CODE] -= more;
		}
		spare = rows[PANE_CODE] - exercise_pane_lines(view, PANE_CODE);
		more = min_int(spare, exercise_pane_lines(view, PANE_DIAGS) - rows[PANE_DIAGS]);
		if (shown[PANE_DIAGS] && more > 0) {
			rows[PANE_DIAGS] += more;
			rows[PANE_CODE] -= more;
		}
	}
	for (size_t i = 0; i < sizeof(order) / sizeof(*order); i++) {
		enum pane pane = order[i];
		place(&view->panes[pane], y, 0, shown[pane] ? rows[pane] : 0, COLS, shown[pane]);
		if (shown[pane])
			y += rows[pane] + 1;
	}
}

static void layout_side_by_side(struct exercise_view *view, const bool shown[PANE_COUNT])
{
	int y = first_row(view), left = left_width(view), right = COLS - left - 1;

	for (int pane = 0; pane < PANE_COUNT; pane++)
		view->panes[pane].collapsed = shown[pane] && collapses(view, (enum pane)pane);
	int text = shown[PANE_TEXT] && !view->panes[PANE_TEXT].collapsed
			   ? min_int(exercise_pane_lines(view, PANE_TEXT), max_int(3, (LINES - 2 - y) / 4))
			   : 0;

	place(&view->panes[PANE_TEXT], y, 0, text, COLS, shown[PANE_TEXT]);
	if (shown[PANE_TEXT])
		y += text + 1;
	place(&view->panes[PANE_CODE], y, 0, LINES - 2 - y, left, true);
	int titles = 1 + shown[PANE_HINTS] + shown[PANE_DIAGS];
	int room = LINES - 1 - y - titles;
	int diags = shown[PANE_DIAGS] ? min_int(exercise_pane_lines(view, PANE_DIAGS), max_int(2, room / 4)) : 0;
	int hints = shown[PANE_HINTS] && !view->panes[PANE_HINTS].collapsed
			    ? min_int(exercise_pane_lines(view, PANE_HINTS),
				      max_int(2, view->mode == MODE_RESULTS ? room / 2 : room / 3))
			    : 0;
	int candidates = room - diags - hints;
	place(&view->panes[PANE_CANDIDATES], y, left + 1, candidates, right, true);
	y += candidates + 1;
	place(&view->panes[PANE_HINTS], y, left + 1, hints, right, shown[PANE_HINTS]);
	y += shown[PANE_HINTS] ? hints + 1 : 0;
	place(&view->panes[PANE_DIAGS], y, left + 1, diags, right, shown[PANE_DIAGS]);
}

/* z: the focused pane alone, the whole screen between the header and the footer. */
static void layout_zoomed(struct exercise_view *view)
{
	int y = first_row(view);
	for (int pane = 0; pane < PANE_COUNT; pane++) {
		view->panes[pane].collapsed = false;
		place(&view->panes[pane], y, 0, pane == (int)view->focus ? LINES - 2 - y : 0, COLS,
		      pane == (int)view->focus);
	}
}

void exercise_layout(struct exercise_view *view, const struct tui *tui)
{
	int widths[PANE_COUNT];
	bool shown[PANE_COUNT] = { false };

	pane_widths(view, widths);
	exercise_build_docs(tui, view, widths);
	if (view->exercise) {
		shown[PANE_TEXT] = exercise_pane_lines(view, PANE_TEXT) > 0;
		shown[PANE_CODE] = shown[PANE_CANDIDATES] = true;
		shown[PANE_HINTS] = exercise_pane_lines(view, PANE_HINTS) > 0;
	}
	shown[PANE_DIAGS] = view->mode == MODE_PREVIEW;
	for (int pane = 0; pane < PANE_COUNT; pane++)
		view->panes[pane].available = shown[pane];
	if (view->zoomed && shown[view->focus])
		layout_zoomed(view);
	else if (side_by_side() && view->exercise)
		layout_side_by_side(view, shown);
	else
		layout_stacked(view, shown);
	exercise_keep_visible(view);
	if (!view->panes[view->focus].visible)
		view->focus = view->exercise ? PANE_CANDIDATES : PANE_DIAGS;
}

static void clamp_tops(struct exercise_view *view)
{
	for (int pane = 0; pane < PANE_COUNT; pane++) {
		struct pane_state *state = &view->panes[pane];
		int most = max_int(exercise_pane_lines(view, (enum pane)pane) - state->rect.h, 0);
		state->top = max_int(0, min_int(state->top, most));
	}
}

/* A candidate counts as in view when its first row (the label y, n and 1/2/3
 * act on) is; one taller than the pane, when any row of it is. */
static bool candidate_in_view(const struct exercise_view *view, size_t position)
{
	const struct pane_state *pane = &view->panes[PANE_CANDIDATES];
	int first = (int)view->candidate_first[position];
	int last = (int)view->candidate_first[position + 1] - 1;
	if (last - first + 1 > pane->rect.h)
		return first < pane->top + pane->rect.h && last >= pane->top;
	return first >= pane->top && first < pane->top + pane->rect.h;
}

/* After the learner scrolled the candidates: the selection moves into view. */
static void select_in_view(struct exercise_view *view)
{
	const struct pane_state *pane = &view->panes[PANE_CANDIDATES];
	size_t count = view->exercise->candidate_count;
	bool above = (int)view->candidate_first[view->selected] < pane->top;

	for (size_t i = 0; i < count; i++) {
		size_t position = above ? i : count - 1 - i;
		if (candidate_in_view(view, position)) {
			view->selected = position;
			return;
		}
	}
}

/* Otherwise the pane moves to the selection; a selection just moved in the
 * results starts at the top, so no other candidate's explanation sits above it. */
static void scroll_to_selection(struct exercise_view *view, bool moved)
{
	struct pane_state *pane = &view->panes[PANE_CANDIDATES];
	int first = (int)view->candidate_first[view->selected];
	int last = (int)view->candidate_first[view->selected + 1] - 1;
	bool fits = last - first + 1 <= pane->rect.h;

	if (moved && view->mode == MODE_RESULTS)
		pane->top = first;
	else if (candidate_in_view(view, view->selected))
		return;
	else if (first < pane->top || !fits)
		pane->top = first;
	else
		pane->top = last - pane->rect.h + 1;
}

/* Once the key is known, the code shows the selected candidate's first line
 * while the candidates have the focus (the learner scrolls it freely else). */
static void code_to_selection(struct exercise_view *view)
{
	const struct candidate *candidate = &view->exercise->candidates[exercise_selected_index(view)];
	struct pane_state *code = &view->panes[PANE_CODE];
	if (view->mode == MODE_ANSWER || view->focus != PANE_CANDIDATES ||
	    candidate->line_range_count == 0 || code->rect.h <= 0)
		return;
	int line = candidate->lines[0].first - 1;
	if (line < code->top || line >= code->top + code->rect.h)
		code->top = max_int(0, line - code->rect.h / 3);
}

/* While finding, the cursor is what f flags: it is always on screen, whatever
 * moved it (a fresh attempt, reopened flags, a smaller terminal). */
static void code_to_cursor(struct exercise_view *view)
{
	struct pane_state *code = &view->panes[PANE_CODE];
	if (view->mode != MODE_FIND || code->rect.h <= 0)
		return;
	if (view->cursor < code->top)
		code->top = view->cursor;
	else if (view->cursor >= code->top + code->rect.h)
		code->top = view->cursor - code->rect.h + 1;
}

void exercise_keep_visible(struct exercise_view *view)
{
	clamp_tops(view);
	code_to_cursor(view);
	bool candidates = view->exercise && view->exercise->candidate_count > 0 &&
			  view->mode != MODE_FIND && view->meta && view->panes[PANE_CANDIDATES].rect.h > 0;
	if (candidates) {
		if (view->scrolled && !candidate_in_view(view, view->selected))
			select_in_view(view);
		else
			scroll_to_selection(view, view->follow);
		code_to_selection(view);
	}
	if (view->hint_follow && view->hint_first && view->hints_revealed > 0)
		view->panes[PANE_HINTS].top = (int)view->hint_first[view->hints_revealed - 1];
	view->follow = view->scrolled = view->hint_follow = false;
	clamp_tops(view);
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
				strncat(right, exercise_separator(tui), size - strlen(right) - 1);
			strncat(right, fields[i].text, size - strlen(right) - 1);
		}
		/* Track, language and difficulty go before the title is cut; the id,
		 * hints and points stay. */
		int title_room = floor < 5 ? title_width : min_int(title_width, 24);
		if (text_width(right, strlen(right)) + title_room + 4 <= COLS)
			return;
	}
}

static void draw_header(const struct tui *tui, const struct exercise_view *view)
{
	const struct exercise *exercise = view->exercise;
	struct field fields[10];
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
	if (view->mode == MODE_FIND && view->preview)
		add_field(fields, &count, 9, "PREVIEW of FIND: the key's lines flagged, p back");
	else if (view->mode == MODE_FIND)
		add_field(fields, &count, 9, "FIND: flag lines, e to judge");
	else if (view->mode == MODE_ANSWER)
		add_field(fields, &count, 2, "JUDGE");
	if (view->mode == MODE_PREVIEW && view->order.kind == ORDER_FILE)
		add_field(fields, &count, 5, "file order");
	add_field(fields, &count, 6, "%s", id ? id : "");
	if (exercise->difficulty != DIFFICULTY_NONE)
		add_field(fields, &count, 3, "%s", difficulty_name(exercise->difficulty));
	add_field(fields, &count, 4, "%s", language ? language : "");
	if (track && *track && exercise->track_level >= 0)
		add_field(fields, &count, 1, "%s level %d", track, exercise->track_level);
	else if (track && *track)
		add_field(fields, &count, 1, "%s", track);
	if (exercise->hint_count > 0 && view->mode == MODE_PREVIEW)
		add_field(fields, &count, 7, "%zu hint%s", exercise->hint_count, exercise->hint_count == 1 ? "" : "s");
	else if (exercise->hint_count > 0)
		add_field(fields, &count, 7, "hints %d/%zu", view->hints_revealed, exercise->hint_count);
	else
		add_field(fields, &count, 7, "no hints");
	int points = exercise_max_points(exercise);
	add_field(fields, &count, 8, "%d point%s", points, points == 1 ? "" : "s");
	header_right(tui, fields, count, title ? text_width(title, strlen(title)) : 0, right, sizeof(right));
	draw_title(tui, 0, 0, COLS, title ? title : "", right, true);
	free(title);
	free(id);
	free(language);
	free(track);
}

/* The score first, so that a narrow terminal cuts the detail, not the verdict;
 * the tallies get tighter before anything is cut (80 columns hold it all). */
static void draw_banner(const struct tui *tui, const struct exercise_view *view)
{
	const struct score_result *result = &view->result;
	struct tui_attr attr = draw_style(tui, result->passed ? STYLE_GOOD : STYLE_BAD);
	struct score_tally tally = score_tally(view->exercise, view->picks);
	const char *dot = exercise_separator(tui);
	long long cost = score_hint_cost(result);
	char hints[64] = "", score[160], text[4][300];

	if (result->hints_used > 0)
		snprintf(hints, sizeof(hints), "%shints %s%lld.%lld", dot,
			 tui->text_options.ascii_only ? "-" : "\u2212", cost / 10, cost % 10);
	snprintf(score, sizeof(score), "%s: %lld.%lld of %lld (%lld%%), pass at %d%%%s",
		 result->passed ? "Passed" : "Failed", result->score_tenths / 10, result->score_tenths % 10,
		 result->max, score_percent_tenths(result) / 10, SCORE_PASS_PERCENT, hints);
	snprintf(text[0], sizeof(text[0]), "%s%s%zu right%s%zu partly%s%zu wrong", score, dot, tally.right, dot,
		 tally.partly, dot, tally.wrong);
	snprintf(text[1], sizeof(text[1]), "%s%s%zu right, %zu partly, %zu wrong", score, dot, tally.right,
		 tally.partly, tally.wrong);
	snprintf(text[2], sizeof(text[2]), "%s%s%zu/%zu/%zu right/partly/wrong", score, dot, tally.right,
		 tally.partly, tally.wrong);
	snprintf(text[3], sizeof(text[3]), "%s%s%zu%s %zu%s %zu%s", score, dot, tally.right,
		 exercise_judgement_mark(tui, JUDGED_RIGHT), tally.partly, exercise_judgement_mark(tui, JUDGED_PARTLY),
		 tally.wrong, exercise_judgement_mark(tui, JUDGED_WRONG));
	int pick = 0;
	while (pick < 3 && text_width(text[pick], strlen(text[pick])) > COLS - 2)
		pick++;
	attr.attr |= A_REVERSE;
	draw_fill(1, 0, COLS, attr);
	draw_text(1, 1, COLS - 2, 0, text[pick], attr);
}

static void draw_doc_rows(const struct tui *tui, const struct exercise_view *view, enum pane pane)
{
	const struct pane_state *state = &view->panes[pane];
	const struct text_doc *doc = view->docs[pane];

	for (int row = 0; doc && row < state->rect.h; row++) {
		size_t line = (size_t)(state->top + row);
		if (line >= doc->line_count)
			break;
		struct tui_attr extra = no_attr;
		if (pane == PANE_DIAGS && line < view->diag_style_count && view->diag_styles[line] >= 0)
			extra = draw_style(tui, (enum tui_style)view->diag_styles[line]);
		draw_line(tui, state->rect.y + row, state->rect.x + 1, state->rect.w - 2, 0, &doc->lines[line],
			  extra);
	}
}

static enum tui_style pick_style(struct pick pick)
{
	static const enum tui_style real[] = { STYLE_PICK_REAL, STYLE_PICK_BUG, STYLE_PICK_WARNING,
					       STYLE_PICK_MINOR };
	if (pick.verdict == VERDICT_UNANSWERED)
		return STYLE_UNANSWERED;
	if (pick.verdict == VERDICT_NOT_REAL)
		return STYLE_PICK_NOT_REAL;
	return real[pick.severity <= SEVERITY_MINOR ? pick.severity : 0];
}

/* The label and, in the results, the judgement mark of a candidate's first row,
 * in their colours (the text under them already reads without colour). */
static void draw_candidate_marks(const struct tui *tui, const struct exercise_view *view, int y, int x,
				 size_t position, struct tui_attr extra)
{
	size_t index = view->positions[position];
	struct pick pick = view->picks[index];
	struct tui_attr label = draw_style(tui, pick_style(pick));
	int width = view->panes[PANE_CANDIDATES].rect.w - 3;

	label.attr |= extra.attr;
	if (view->label_column + 10 <= width)
		draw_text(y, x + view->label_column, 10, 0, exercise_pick_label(pick), label);
	if (view->mark_column < 0 || view->mark_column >= width)
		return;
	static const enum tui_style styles[] = { [JUDGED_RIGHT] = STYLE_GOOD, [JUDGED_PARTLY] = STYLE_PARTIAL,
						 [JUDGED_WRONG] = STYLE_BAD };
	enum judgement judgement = score_judge(&view->exercise->candidates[index], pick);
	struct tui_attr mark = draw_style(tui, styles[judgement]);
	mark.attr |= extra.attr;
	draw_text(y, x + view->mark_column, 1, 0, exercise_judgement_mark(tui, judgement), mark);
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
		/* Every row of the selected candidate's text, not just its first. */
		if (mine && meta->text) {
			extra.attr |= selected.attr;
			draw_fill(y, x + 1, state->rect.w - 2, selected);
		}
		if (mine && doc->lines[line].span_count > 0)
			draw_text(y, x, 1, 0, view->focus == PANE_CANDIDATES ? ">" : "|", selected);
		draw_line(tui, y, x + 2, state->rect.w - 3, 0, &doc->lines[line], extra);
		if (line == view->candidate_first[meta->candidate])
			draw_candidate_marks(tui, view, y, x + 2, (size_t)meta->candidate,
					     (struct tui_attr){ mine ? selected.attr : A_NORMAL, 0 });
	}
}

/* True when the gutter shows a flag on the code line (1-based): the learner's
 * flags, or in preview the lines that count as finding a real candidate. */
static bool line_flagged(const struct exercise_view *view, int line)
{
	if (view->aside.picks) /* the last attempt's results: today's flags are not its */
		return false;
	if (view->mode != MODE_PREVIEW)
		return find_line_flagged(view->flags, view->flag_count, line);
	for (size_t i = 0; i < view->exercise->candidate_count; i++)
		if (view->exercise->candidates[i].is_real &&
		    candidate_names_line(&view->exercise->candidates[i], line))
			return true;
	return false;
}

/* The gutter after a line number: '>' the selected candidate's lines, '!' a
 * flag, '*' both (a flag on the key's lines), '|' a range being marked. */
static char gutter_mark(const struct exercise_view *view, const struct candidate *candidate, int line)
{
	bool key = candidate && candidate_names_line(candidate, line);
	bool flagged = line_flagged(view, line);
	if (view->mode == MODE_FIND && exercise_find_in_range(view, line - 1))
		return '|';
	if (view->mode == MODE_PREVIEW) /* every real line is '!' there: '>' says which is selected */
		return key ? '>' : flagged ? '!' : ' ';
	return key && flagged ? '*' : key ? '>' : flagged ? '!' : ' ';
}

/* The line number's style: the cursor while finding, a marked line, or plain. */
static struct tui_attr gutter_style(const struct tui *tui, const struct exercise_view *view, int line,
				    char mark)
{
	if ((view->mode == MODE_FIND && view->cursor == line - 1) || view->found_line == line - 1)
		return draw_style(tui, STYLE_SELECTED);
	return mark != ' ' ? draw_style(tui, STYLE_MARKED_LINE) : tui->roles[ROLE_LINE_NUMBER];
}

static void draw_code_rows(const struct tui *tui, struct exercise_view *view)
{
	struct pane_state *state = &view->panes[PANE_CODE];
	/* The key's lines show only once the key is known. */
	bool key_known = view->mode == MODE_RESULTS || view->mode == MODE_PREVIEW;
	const struct candidate *candidate = key_known && view->exercise->candidate_count
						    ? &view->exercise->candidates[exercise_selected_index(view)]
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
		char mark = gutter_mark(view, candidate, (int)line + 1);
		bool marked = mark == '>' || mark == '*';
		snprintf(number, sizeof(number), "%*zu%c", digits, line + 1, mark);
		draw_text(y, state->rect.x + 1, digits + 1, 0, number,
			  gutter_style(tui, view, (int)line + 1, mark));
		if (view->mode == MODE_FIND && view->cursor == (int)line)
			draw_text(y, state->rect.x, 1, 0, view->focus == PANE_CODE ? ">" : "|",
				  draw_style(tui, STYLE_SELECTED));
		struct tui_attr extra = { marked ? A_BOLD : A_NORMAL, 0 };
		const struct text_line *code = &view->code->lines[line];
		draw_line(tui, y, state->rect.x + digits + 2, text_width_left, view->code_left, code, extra);
		if (text_line_width(code) - view->code_left > text_width_left) /* more to the right: > */
			draw_text(y, state->rect.x + state->rect.w - 1, 1, 0, ">", draw_style(tui, STYLE_DIM));
	}
}

/* The task sentence ends the text: when it is below the fold, the title says so. */
static void text_title(const struct tui *tui, const struct exercise_view *view, char *out, size_t size)
{
	const struct pane_state *pane = &view->panes[PANE_TEXT];
	bool below = pane->top + pane->rect.h < exercise_pane_lines(view, PANE_TEXT);
	snprintf(out, size, "Context and task%s",
		 pane->collapsed ? " (Tab to read)"
		 : below	 ? (tui->text_options.ascii_only ? " - more below, Tab then j" : " \xe2\x86\x93 more below, Tab then j")
				 : "");
}

static void code_title(const struct tui *tui, const struct exercise_view *view, char *out, size_t size)
{
	int lines = view->exercise->code_line_count;
	if (view->mode == MODE_FIND && view->range_anchor >= 0)
		/* The footer cannot say it: what ends the range, and what drops it. */
		snprintf(out, size, "Code: marking lines %d-%d%sf or 1/2/3 flags them, Esc drops",
			 min_int(view->range_anchor, view->cursor) + 1,
			 max_int(view->range_anchor, view->cursor) + 1, exercise_separator(tui));
	else if (view->mode == MODE_FIND)
		snprintf(out, size, "Code: flag what you would raise%sline %d of %d",
			 exercise_separator(tui), view->cursor + 1, lines);
	else
		snprintf(out, size, "Code (%d line%s)", lines, lines == 1 ? "" : "s");
}

static void candidates_title(const struct tui *tui, const struct exercise_view *view, char *out,
			     size_t size)
{
	size_t answered = 0, count = view->exercise->candidate_count;

	for (size_t i = 0; i < count; i++)
		answered += view->picks[i].verdict != VERDICT_UNANSWERED;
	if (view->mode == MODE_FIND)
		snprintf(out, size, "Your flags: %zu (the candidates show after e)", view->flag_count);
	else if (view->mode == MODE_PREVIEW)
		snprintf(out, size, "Candidates with the answer key");
	else if (view->mode == MODE_RESULTS && view->found_phase) {
		struct find_result find = exercise_find_result(view);
		snprintf(out, size, "Results%syou found %zu of %zu%s%zu false alarm%s",
			 exercise_separator(tui), find.found_count, find.real_count,
			 exercise_separator(tui), find.false_alarms, find.false_alarms == 1 ? "" : "s");
	} else if (view->mode == MODE_RESULTS)
		snprintf(out, size, "Results per candidate");
	else
		snprintf(out, size, "Candidates: %zu of %zu answered", answered, count);
}

static void hints_title(const struct tui *tui, const struct exercise_view *view, char *out, size_t size)
{
	/* Hundredths of a point: SCORE_HINT_COST_PERCENT of the maximum, per hint. */
	long cost = (long)exercise_max_points(view->exercise) * SCORE_HINT_COST_PERCENT;
	long spent = cost * view->hints_revealed;

	if (view->mode == MODE_PREVIEW)
		snprintf(out, size, "Hints (each costs %ld.%ld points)", cost / 100, cost / 10 % 10);
	else if (view->mode == MODE_RESULTS && view->hints_revealed == 0)
		snprintf(out, size, "Hints: none used%sall %zu free to read now%s", exercise_separator(tui),
			 view->exercise->hint_count, view->panes[PANE_HINTS].collapsed ? " (Tab)" : "");
	else if (view->mode == MODE_RESULTS)
		snprintf(out, size, "Hints: %d used, -%ld.%ld points%sall %zu free to read now%s",
			 view->hints_revealed, spent / 100, spent / 10 % 10, exercise_separator(tui),
			 view->exercise->hint_count, view->panes[PANE_HINTS].collapsed ? " (Tab)" : "");
	else
		snprintf(out, size, "Hints: %d of %zu revealed, -%ld.%ld points", view->hints_revealed,
			 view->exercise->hint_count, spent / 100, spent / 10 % 10);
}

static void diags_title(const struct tui *tui, const struct exercise_view *view, char *out, size_t size)
{
	size_t errors = diag_count(&view->diags, DIAG_ERROR);
	size_t warnings = diag_count(&view->diags, DIAG_WARNING);

	snprintf(out, size, "review check: %zu error%s, %zu warning%s", errors, errors == 1 ? "" : "s",
		 warnings, warnings == 1 ? "" : "s");
}

typedef void (*title_fn)(const struct tui *tui, const struct exercise_view *view, char *out,
			 size_t size);

static const title_fn pane_titles[PANE_COUNT] = {
	[PANE_CANDIDATES] = candidates_title,
	[PANE_CODE] = code_title,
	[PANE_TEXT] = text_title,
	[PANE_HINTS] = hints_title,
	[PANE_DIAGS] = diags_title,
};

/* The right end of a title: which lines show, and how far the code is scrolled. */
static void pane_position(const struct tui *tui, const struct exercise_view *view, enum pane pane,
			  char *out, size_t size)
{
	const struct pane_state *state = &view->panes[pane];
	int lines = exercise_pane_lines(view, pane);
	size_t used = 0;

	out[0] = '\0';
	if (lines > state->rect.h && state->rect.h > 0)
		used = (size_t)snprintf(out, size, "%d-%d of %d", state->top + 1,
					min_int(state->top + state->rect.h, lines), lines);
	if (pane == PANE_CODE && view->code_left > 0 && used < size)
		snprintf(out + used, size - used, "%scolumn %d", used ? exercise_separator(tui) : "",
			 view->code_left + 1);
}

static void draw_titles(const struct tui *tui, const struct exercise_view *view)
{
	char title[160], right[96];

	for (int pane = 0; pane < PANE_COUNT; pane++) {
		const struct pane_state *state = &view->panes[pane];
		if (!state->visible)
			continue;
		pane_titles[pane](tui, view, title, sizeof(title));
		pane_position(tui, view, (enum pane)pane, right, sizeof(right));
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
		if (view->mode == MODE_FIND)
			draw_doc_rows(tui, view, PANE_CANDIDATES);
		else
			draw_candidate_rows(tui, view);
		draw_doc_rows(tui, view, PANE_HINTS);
	} else {
		draw_title(tui, 0, 0, COLS, "PREVIEW: this file does not load", NULL, true);
	}
	draw_doc_rows(tui, view, PANE_DIAGS);
	draw_titles(tui, view);
	if (side_by_side() && view->exercise && !view->zoomed) {
		struct tui_attr line = draw_style(tui, STYLE_DIM);
		attr_set(line.attr, line.pair, NULL);
		const struct rect *code = &view->panes[PANE_CODE].rect;
		mvvline(code->y - 1, code->w, ACS_VLINE, code->h + 1);
	}
}
