/* The find phase of the exercise screen: before any candidate is shown, the
 * learner moves a line cursor through the code and flags the lines they find
 * suspicious (a line, or a range marked with v), optionally with a severity.
 * Flags are saved at once, like picks; `e` ends the phase and shows the
 * candidates, and the flags stay in the code's gutter while judging. */
#include <stdlib.h>
#include <string.h>

#include "front/front.h"
#include "tui/exercise_view.h"

/* Finding needs something to find: a real candidate with lines in the key. */
static bool findable(const struct exercise *exercise)
{
	for (size_t i = 0; i < exercise->candidate_count; i++)
		if (exercise->candidates[i].is_real && exercise->candidates[i].line_range_count > 0)
			return true;
	return false;
}

static bool answered_any(const struct exercise_view *view)
{
	for (size_t i = 0; i < view->exercise->candidate_count; i++)
		if (view->picks[i].verdict != VERDICT_UNANSWERED)
			return true;
	return false;
}

/* --no-find and --find win for the session; else the setting kept in the store. */
static bool find_wanted(const struct tui *tui)
{
	bool enabled = true;
	if (tui->context->find_given)
		return tui->context->find;
	progress_find_phase(tui->store, &enabled);
	return enabled;
}

static void save_flags(struct tui *tui, struct exercise_view *view, bool done)
{
	tui_report_store(tui, progress_save_flags(tui->store, view->exercise, view->flags,
						  view->flag_count, done),
			 "save your flags");
}

static void enter_find(struct exercise_view *view)
{
	view->mode = MODE_FIND;
	view->focus = PANE_CODE;
	view->found_phase = true;
	view->cursor = 0;
	view->range_anchor = -1;
	view->stale = true;
}

void exercise_find_open(struct tui *tui, struct exercise_view *view)
{
	bool done = false;
	view->range_anchor = -1;
	enum progress_status status = progress_load_flags(tui->store, view->exercise, view->flags,
							  &view->flag_count, &done);
	/* Finding ended with no flag was the skip: no find result (enter_find
	 * sets it again for a phase still running). */
	view->found_phase = status == PROGRESS_OK && view->flag_count > 0;
	if (status != PROGRESS_OK && status != PROGRESS_NOT_FOUND)
		tui_report_store(tui, status, "load your flags");
	/* Picks already given mean the learner is judging: never send them back. */
	if (done || answered_any(view) || !findable(view->exercise) || !find_wanted(tui))
		return;
	enter_find(view);
	if (view->flag_count > 0)
		view->cursor = view->flags[view->flag_count - 1].first - 1;
}

void exercise_find_restart(struct tui *tui, struct exercise_view *view)
{
	view->flag_count = 0;
	view->found_phase = false;
	view->range_anchor = -1;
	if (findable(view->exercise) && find_wanted(tui))
		enter_find(view);
}

struct find_result exercise_find_result(const struct exercise_view *view)
{
	return find_score(view->exercise, view->flags, view->flag_count);
}

bool exercise_find_in_range(const struct exercise_view *view, int line)
{
	if (view->range_anchor < 0)
		return false;
	int first = min_int(view->range_anchor, view->cursor), last = max_int(view->range_anchor, view->cursor);
	return line >= first && line <= last;
}

/* The flag that covers the cursor's line, or -1. */
static int flag_at_cursor(const struct exercise_view *view)
{
	for (size_t f = view->flag_count; f-- > 0;)
		if (view->flags[f].first <= view->cursor + 1 && view->cursor + 1 <= view->flags[f].last)
			return (int)f;
	return -1;
}

static void remove_flag(struct exercise_view *view, int index)
{
	memmove(&view->flags[index], &view->flags[index + 1],
		(view->flag_count - (size_t)index - 1) * sizeof(*view->flags));
	view->flag_count--;
}

/* Keeps the flags in line order, as the flags pane lists them. */
static void insert_sorted(struct exercise_view *view, struct flag flag)
{
	size_t at = view->flag_count;
	while (at > 0 && view->flags[at - 1].first > flag.first) {
		view->flags[at] = view->flags[at - 1];
		at--;
	}
	view->flags[at] = flag;
	view->flag_count++;
}

/* Adds the range being marked, or the cursor's line; with a severity, sets it
 * on the flag already there instead of adding a second one. */
static void add_flag(struct tui *tui, struct exercise_view *view, enum severity severity)
{
	int existing = view->range_anchor < 0 ? flag_at_cursor(view) : -1;
	if (existing >= 0) {
		view->flags[existing].severity = severity;
	} else if (view->flag_count >= FIND_MAX_FLAGS) {
		tui_message(tui, "That is %d flags already: remove one first.", FIND_MAX_FLAGS);
		return;
	} else {
		int first = view->range_anchor < 0 ? view->cursor : min_int(view->range_anchor, view->cursor);
		int last = view->range_anchor < 0 ? view->cursor : max_int(view->range_anchor, view->cursor);
		insert_sorted(view, (struct flag){ first + 1, last + 1, severity });
	}
	view->range_anchor = -1;
	view->stale = true;
	save_flags(tui, view, false);
}

static void on_flag(struct tui *tui, struct exercise_view *view)
{
	int existing = view->range_anchor < 0 ? flag_at_cursor(view) : -1;
	if (existing >= 0) {
		remove_flag(view, existing);
		view->stale = true;
		save_flags(tui, view, false);
		return;
	}
	add_flag(tui, view, SEVERITY_NONE);
}

static void on_unflag(struct tui *tui, struct exercise_view *view)
{
	int existing = flag_at_cursor(view);
	if (existing < 0)
		return;
	remove_flag(view, existing);
	view->stale = true;
	save_flags(tui, view, false);
}

/* v again drops the range, as in vi; said aloud, since a learner may expect it
 * to flag the range instead. */
static void on_range(struct tui *tui, struct exercise_view *view)
{
	if (view->range_anchor < 0) {
		view->range_anchor = view->cursor;
		return;
	}
	view->range_anchor = -1;
	tui_message(tui, "Range dropped, nothing flagged: f (or 1/2/3) flags a range being marked.");
}

static void end_find(struct tui *tui, struct exercise_view *view)
{
	view->range_anchor = -1;
	/* With no flag this is the skip the help promises: the results and the
	 * store get no find result, not "found 0 of 3". */
	view->found_phase = view->flag_count > 0;
	view->mode = MODE_ANSWER;
	view->focus = PANE_CANDIDATES;
	view->selected = 0;
	view->panes[PANE_CANDIDATES].top = 0;
	view->stale = true;
	view->follow = true;
	save_flags(tui, view, true);
	if (view->flag_count == 0)
		tui_message(tui, "No lines flagged, finding skipped: judge the candidates.");
	else
		tui_message(tui, "%zu flag%s kept in the code's gutter (!): now judge the candidates.",
			    view->flag_count, view->flag_count == 1 ? "" : "s");
}

static void on_skip_always(struct tui *tui, struct exercise_view *view)
{
	tui_report_store(tui, progress_set_find_phase(tui->store, false), "remember that");
	end_find(tui, view);
	tui_message(tui, "Finding is off: exercises open on the candidates (review --find turns it "
			 "back on).");
}

/* j/k and paging move the cursor while finding, and the code follows it. */
static void move_cursor(struct exercise_view *view, int delta)
{
	int last = view->exercise->code_line_count - 1;
	view->cursor = max_int(0, min_int(last, view->cursor + delta));
	struct pane_state *code = &view->panes[PANE_CODE];
	if (view->cursor < code->top)
		code->top = view->cursor;
	else if (code->rect.h > 0 && view->cursor >= code->top + code->rect.h)
		code->top = view->cursor - code->rect.h + 1;
}

static bool cursor_request(struct exercise_view *view, enum request request)
{
	int page = max_int(1, view->panes[PANE_CODE].rect.h - 1);
	switch (request) {
	case REQ_DOWN: move_cursor(view, 1); return true;
	case REQ_UP: move_cursor(view, -1); return true;
	case REQ_PAGE_DOWN: move_cursor(view, page); return true;
	case REQ_PAGE_UP: move_cursor(view, -page); return true;
	case REQ_HALF_DOWN: move_cursor(view, max_int(1, page / 2)); return true;
	case REQ_HALF_UP: move_cursor(view, -max_int(1, page / 2)); return true;
	case REQ_TOP: move_cursor(view, -view->cursor); return true;
	case REQ_BOTTOM: move_cursor(view, view->exercise->code_line_count); return true;
	default: return false;
	}
}

/* The lines a learner must flag to find every real candidate: what the find
 * phase of a preview shows as flags. */
static void flag_key_lines(struct exercise_view *view)
{
	view->flag_count = 0;
	for (size_t i = 0; i < view->exercise->candidate_count; i++) {
		const struct candidate *candidate = &view->exercise->candidates[i];
		for (size_t r = 0; candidate->is_real && r < candidate->line_range_count &&
				   view->flag_count < FIND_MAX_FLAGS; r++)
			insert_sorted(view, (struct flag){ candidate->lines[r].first, candidate->lines[r].last,
							   candidate->severity });
	}
}

void exercise_find_preview_toggle(struct tui *tui, struct exercise_view *view)
{
	if (!view->preview || !view->exercise)
		return;
	if (view->mode == MODE_FIND) {
		view->mode = MODE_PREVIEW;
		view->flag_count = 0;
		view->focus = PANE_CANDIDATES;
		view->stale = true;
		view->follow = true;
		return;
	}
	flag_key_lines(view);
	enter_find(view);
	tui_message(tui, "The find phase as a learner sees it: the candidates hidden; the key's real "
			 "lines shown as flags. p to come back.");
}

/* A preview's find phase shows, it does not take flags. */
static bool preview_request(struct tui *tui, struct exercise_view *view, enum request request)
{
	if (request == REQ_END_FIND || request == REQ_PREVIEW_FIND) {
		exercise_find_preview_toggle(tui, view);
		return true;
	}
	return request == REQ_FLAG || request == REQ_FLAG_RANGE || request == REQ_FLAG_BUG ||
	       request == REQ_FLAG_WARNING || request == REQ_FLAG_MINOR || request == REQ_UNFLAG ||
	       request == REQ_SKIP_FIND;
}

bool exercise_find_request(struct tui *tui, struct exercise_view *view, enum request request)
{
	if (view->preview && request == REQ_PREVIEW_FIND) {
		exercise_find_preview_toggle(tui, view);
		return true;
	}
	if (view->mode != MODE_FIND || !view->exercise)
		return false;
	if (view->focus == PANE_CODE && cursor_request(view, request))
		return true;
	if (view->preview)
		return preview_request(tui, view, request);
	switch (request) {
	case REQ_FLAG: on_flag(tui, view); return true;
	case REQ_FLAG_RANGE: on_range(tui, view); return true;
	case REQ_FLAG_BUG: add_flag(tui, view, SEVERITY_BUG); return true;
	case REQ_FLAG_WARNING: add_flag(tui, view, SEVERITY_WARNING); return true;
	case REQ_FLAG_MINOR: add_flag(tui, view, SEVERITY_MINOR); return true;
	case REQ_UNFLAG: on_unflag(tui, view); return true;
	case REQ_CANCEL: /* Esc: stop a range, or with none go back like q */
		if (view->range_anchor < 0 && !tui->direct)
			tui->app->back(tui);
		view->range_anchor = -1;
		return true;
	case REQ_END_FIND: end_find(tui, view); return true;
	case REQ_SKIP_FIND: on_skip_always(tui, view); return true;
	default: return false;
	}
}
