/* The exercise screen's behaviour: answering candidates, hints, submitting,
 * results, a fresh attempt, and the read-only preview. Every change to the
 * answers is saved as a draft at once; scoring is score_grade's alone. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "front/front.h"
#include "review/highlight.h"
#include "tui/exercise_view.h"

typedef void (*view_handler)(struct tui *tui, struct exercise_view *view);

static void save_draft(struct tui *tui, struct exercise_view *view)
{
	tui_report_store(tui, progress_save_draft(tui->store, view->exercise, view->picks,
						  view->hints_revealed),
			 "save your answers");
}

/* Says what the learner comes back to: saved answers, and the best attempt so far. */
static void greet(struct tui *tui, const struct exercise_view *view, bool restored)
{
	struct progress_summary summary;
	char best[128] = "";

	if (tui->message[0])
		return; /* a warning says more */
	if (progress_summary(tui->store, view->exercise->id, view->exercise->content_hash, &summary) ==
		    PROGRESS_OK &&
	    summary.attempts > 0 && summary.best_max > 0)
		snprintf(best, sizeof(best), "Best so far: %s %ld%%%s in %d attempt%s.",
			 summary.passed ? "passed" : "failed",
			 summary.best_score_tenths * 100 / summary.best_max / 10,
			 summary.best_rule_version < SCORE_RULE_VERSION ? " (under the old scoring rule)" : "",
			 summary.attempts, summary.attempts == 1 ? "" : "s");
	if (restored)
		tui_message(tui, "Your answers from last time are back.%s%s", best[0] ? " " : "", best);
	else if (best[0])
		tui_message(tui, "%s This is a fresh attempt.", best);
}

static void restore_draft(struct tui *tui, struct exercise_view *view)
{
	struct progress_draft draft;
	enum progress_status status = progress_load_draft(tui->store, view->exercise, view->picks, &draft);

	if (status != PROGRESS_OK) {
		tui_report_store(tui, status, "load your saved answers");
		greet(tui, view, false);
		return;
	}
	view->hints_revealed = draft.hints_revealed;
	view->started_at = draft.started_at;
	if (draft.changed)
		tui_message(tui, "This exercise changed since you last worked on it: answers kept for the "
				 "candidates that still exist.");
	greet(tui, view, true);
}

/* A learner sees the candidates in their own order (kept in the store, so it
 * survives a kill); without a store, a fresh one for the session. Authors
 * previewing see the file's order. */
static void arrange(struct tui *tui, struct exercise_view *view)
{
	bool authors = view->mode == MODE_PREVIEW;
	/* A NULL store here means saving is off: no store to open behind the learner's back. */
	struct front_context context = *tui->context;
	context.no_save = context.no_save || !tui->store;
	view->order = front_resolve_order(&context, tui->store, view->exercise, authors, !authors);
	order_arrange(view->exercise, view->order, view->positions);
}

static int widest_line(const struct text_doc *doc)
{
	int widest = 0;
	for (size_t i = 0; doc && i < doc->line_count; i++)
		widest = max_int(widest, text_line_width(&doc->lines[i]));
	return widest;
}

struct exercise_view *exercise_view_new(struct tui *tui, struct exercise *exercise,
					enum exercise_mode mode, struct diag_list *diags)
{
	struct exercise_view *view = calloc(1, sizeof(*view));
	size_t count = exercise ? exercise->candidate_count : 0;

	if (!view) {
		exercise_free(exercise);
		return NULL;
	}
	diag_list_init(&view->diags);
	if (diags)
		diag_list_move(&view->diags, diags);
	view->exercise = exercise;
	view->mode = mode;
	view->picks = calloc(count + 1, sizeof(*view->picks));
	view->candidate_first = calloc(count + 1, sizeof(*view->candidate_first));
	view->positions = calloc(count + 1, sizeof(*view->positions));
	view->hint_first = calloc((exercise ? exercise->hint_count : 0) + 1, sizeof(*view->hint_first));
	view->flags = calloc(FIND_MAX_FLAGS, sizeof(*view->flags));
	view->code = exercise ? highlight_code(exercise->language, exercise->code, &tui->text_options) : NULL;
	if (!view->picks || !view->candidate_first || !view->positions || !view->flags || !view->hint_first ||
	    (exercise && !view->code)) {
		exercise_view_free(view);
		return NULL;
	}
	view->code_width = widest_line(view->code);
	view->found_line = -1;
	view->started_at = time(NULL);
	view->focus = exercise ? PANE_CANDIDATES : PANE_DIAGS;
	view->stale = true;
	if (exercise)
		arrange(tui, view);
	if (exercise && mode == MODE_ANSWER) {
		restore_draft(tui, view);
		exercise_find_open(tui, view);
	}
	if (exercise && mode == MODE_PREVIEW) {
		view->preview = true;
		score_key_picks(exercise, view->picks);
		view->hints_revealed = (int)exercise->hint_count;
		view->follow = true;
	}
	return view;
}

void exercise_view_free(struct exercise_view *view)
{
	if (!view)
		return;
	for (int pane = 0; pane < PANE_COUNT; pane++)
		text_doc_free(view->docs[pane]);
	text_doc_free(view->code);
	free(view->meta);
	free(view->candidate_first);
	free(view->positions);
	free(view->hint_first);
	free(view->flags);
	free(view->picks);
	free(view->aside.picks);
	free(view->aside.flags);
	free(view->diag_styles);
	diag_list_free(&view->diags);
	exercise_free(view->exercise);
	free(view);
}

/* ---- Answering ---- */

static void mark(struct tui *tui, struct exercise_view *view, enum verdict verdict,
		 enum severity severity)
{
	if (!view->exercise || view->exercise->candidate_count == 0)
		return;
	view->picks[exercise_selected_index(view)] = (struct pick){ verdict, severity };
	view->stale = true;
	save_draft(tui, view);
}

/* y on a candidate already marked real keeps its severity: a second y must
 * not silently cost points. */
static void on_real(struct tui *tui, struct exercise_view *view)
{
	struct pick pick = view->exercise ? view->picks[exercise_selected_index(view)]
					  : (struct pick){ VERDICT_UNANSWERED, SEVERITY_NONE };
	mark(tui, view, VERDICT_REAL, pick.verdict == VERDICT_REAL ? pick.severity : SEVERITY_NONE);
}

static void on_not_real(struct tui *tui, struct exercise_view *view)
{
	mark(tui, view, VERDICT_NOT_REAL, SEVERITY_NONE);
}

static void on_bug(struct tui *tui, struct exercise_view *view)
{
	mark(tui, view, VERDICT_REAL, SEVERITY_BUG);
}

static void on_warning(struct tui *tui, struct exercise_view *view)
{
	mark(tui, view, VERDICT_REAL, SEVERITY_WARNING);
}

static void on_minor(struct tui *tui, struct exercise_view *view)
{
	mark(tui, view, VERDICT_REAL, SEVERITY_MINOR);
}

static void on_clear(struct tui *tui, struct exercise_view *view)
{
	mark(tui, view, VERDICT_UNANSWERED, SEVERITY_NONE);
}

/* Tenths of a point one hint costs: SCORE_HINT_COST_PERCENT of the maximum. */
static long hint_cost_tenths(const struct exercise *exercise)
{
	return (long)exercise_max_points(exercise) * SCORE_HINT_COST_PERCENT / 10;
}

static void reveal_hint(struct tui *tui)
{
	struct exercise_view *view = tui->exercise_view;
	long cost = hint_cost_tenths(view->exercise);

	view->hints_revealed++;
	view->stale = true;
	view->hint_follow = true;
	save_draft(tui, view);
	if (!tui->message[0])
		tui_message(tui, "Hint %d of %zu revealed: -%ld.%ld points.", view->hints_revealed,
			    view->exercise->hint_count, cost / 10, cost % 10);
}

static void on_hint(struct tui *tui, struct exercise_view *view)
{
	const struct exercise *exercise = view->exercise;
	long cost = hint_cost_tenths(exercise);

	if (exercise->hint_count == 0) {
		tui_message(tui, "This exercise has no hints.");
	} else if ((size_t)view->hints_revealed >= exercise->hint_count) {
		tui_message(tui, "All %zu hints are revealed.", exercise->hint_count);
	} else if (view->hints_revealed == 0) {
		tui_confirm(tui, reveal_hint,
			    "Reveal hint 1 of %zu? Each hint costs %d%% of the points: -%ld.%ld of %d. "
			    "A revealed hint stays charged, even if you quit.",
			    exercise->hint_count, SCORE_HINT_COST_PERCENT, cost / 10, cost % 10,
			    exercise_max_points(exercise));
	} else {
		reveal_hint(tui);
	}
}

/* Enter answers nothing by itself (which verdict would it be?), but a learner
 * who presses it is looking for how to answer: tell them, where they look. */
static void on_how_to_answer(struct tui *tui, struct exercise_view *view)
{
	if (view->focus != PANE_CANDIDATES && view->panes[PANE_CANDIDATES].visible) {
		view->focus = PANE_CANDIDATES;
		return;
	}
	tui_message(tui, "Candidate %zu: y real, n not real, 1 bug, 2 warning, 3 minor, x clear",
		    view->selected + 1);
}

static void submit_now(struct tui *tui)
{
	struct exercise_view *view = tui->exercise_view;

	struct progress_find find = { view->flags, view->flag_count, exercise_find_result(view) };
	view->result = score_grade(view->exercise, view->picks, view->hints_revealed);
	tui_report_store(tui, progress_record_attempt_found(tui->store, view->exercise, view->picks,
							    &view->result,
							    view->found_phase ? &find : NULL,
							    view->started_at, time(NULL)),
			 "record this attempt");
	if (view->found_phase) {
		char summary[200];
		find_summary(&find.result, summary, sizeof(summary));
		tui_message(tui, "Finding: %s.", summary);
	}
	view->mode = MODE_RESULTS;
	view->selected = 0;
	view->focus = PANE_CANDIDATES;
	view->panes[PANE_CANDIDATES].top = 0;
	view->stale = true;
	view->follow = true;
}

/* "4, 5" (display numbers) of the candidates whose pick matches; the count. */
static size_t list_positions(const struct exercise_view *view, bool (*matches)(struct pick),
			     char *out, size_t size, size_t *first)
{
	size_t found = 0, used = 0;

	out[0] = '\0';
	for (size_t position = 0; position < view->exercise->candidate_count; position++) {
		if (!matches(view->picks[view->positions[position]]))
			continue;
		if (found++ == 0 && *first == SIZE_MAX)
			*first = position;
		if (used < size)
			used += (size_t)snprintf(out + used, size - used, "%s%zu", found > 1 ? ", " : "",
						 position + 1);
	}
	return found;
}

static bool is_unanswered(struct pick pick)
{
	return pick.verdict == VERDICT_UNANSWERED;
}

static bool lacks_severity(struct pick pick)
{
	return pick.verdict == VERDICT_REAL && pick.severity == SEVERITY_NONE;
}

/* "No" to the submit question goes to the first candidate it named. */
static void go_to_named(struct tui *tui)
{
	struct exercise_view *view = tui->exercise_view;
	view->selected = view->submit_target;
	view->focus = PANE_CANDIDATES;
	view->follow = true;
}

static void on_submit(struct tui *tui, struct exercise_view *view)
{
	char unanswered[160], unrated[160], what[400] = "";
	size_t first = SIZE_MAX;
	size_t missing = list_positions(view, is_unanswered, unanswered, sizeof(unanswered), &first);
	size_t plain = list_positions(view, lacks_severity, unrated, sizeof(unrated), &first);

	if (missing == 0 && plain == 0) {
		submit_now(tui);
		return;
	}
	if (missing > 0)
		snprintf(what, sizeof(what), "Unanswered (no points): candidate%s %s. ", missing == 1 ? "" : "s",
			 unanswered);
	if (plain > 0)
		snprintf(what + strlen(what), sizeof(what) - strlen(what),
			 "Real without a severity (%d%% of the points when the key has one): "
			 "candidate%s %s. ",
			 SCORE_PERCENT_WITHOUT_SEVERITY, plain == 1 ? "" : "s", unrated);
	view->submit_target = first;
	tui_confirm(tui, submit_now, "%sSubmit anyway? No goes to candidate %zu.", what, first + 1);
	tui->confirm.cancel = go_to_named;
}

/* The results of the last attempt, shown again; the answers in progress wait
 * aside (r brings them back). */
static void on_last_results(struct tui *tui, struct exercise_view *view)
{
	size_t count = view->exercise->candidate_count;
	struct pick *picks = calloc(count + 1, sizeof(*picks));
	struct flag *flags = calloc(FIND_MAX_FLAGS, sizeof(*flags));
	struct progress_last_attempt last;

	if (!picks || !flags) {
		free(picks);
		free(flags);
		tui_message(tui, "Out of memory.");
		return;
	}
	enum progress_status status =
		progress_load_last_attempt(tui->store, view->exercise, picks, flags, &last);
	if (status != PROGRESS_OK) {
		free(picks);
		free(flags);
		/* Only the keys that work from here: s is no key while finding, and
		 * nothing is saved with --no-save. */
		if (status == PROGRESS_DISABLED)
			tui_message(tui, "No attempt is kept with --no-save: there are no last results to show.");
		else if (status == PROGRESS_NOT_FOUND && view->mode == MODE_FIND)
			tui_message(tui, "No attempt at this exercise is saved yet: e to judge, then s submits one.");
		else if (status == PROGRESS_NOT_FOUND)
			tui_message(tui, "No attempt at this exercise is saved yet: s submits one.");
		else
			tui_report_store(tui, status, "read your last attempt");
		return;
	}
	view->aside = (struct answers_aside){ view->picks, view->hints_revealed, view->mode,
					      view->found_phase, view->flags, view->flag_count };
	view->picks = picks;
	view->hints_revealed = last.hints_revealed;
	/* That attempt's flags, so its results say what it found, as they did. */
	view->flags = flags;
	view->flag_count = last.flag_count;
	view->found_phase = last.has_find;
	view->result = score_grade(view->exercise, view->picks, view->hints_revealed);
	view->mode = MODE_RESULTS;
	view->selected = 0;
	view->focus = PANE_CANDIDATES;
	view->stale = view->follow = true;
	char when[64] = "";
	struct tm tm;
	if (last.submitted_at > 0 && localtime_r(&last.submitted_at, &tm))
		strftime(when, sizeof(when), ", submitted %Y-%m-%d %H:%M", &tm);
	tui_message(tui, "The results of your last attempt%s%s. r goes back to your answers.", when,
		    last.changed ? " (the file changed since)" : "");
}

void exercise_show_last_results(struct tui *tui)
{
	struct exercise_view *view = tui->exercise_view;
	if (view && view->exercise && view->mode != MODE_PREVIEW && !view->aside.picks)
		on_last_results(tui, view);
}

static void back_to_answers(struct tui *tui, struct exercise_view *view)
{
	free(view->picks);
	view->picks = view->aside.picks;
	view->hints_revealed = view->aside.hints_revealed;
	view->mode = view->aside.mode;
	view->found_phase = view->aside.found_phase;
	free(view->flags);
	view->flags = view->aside.flags;
	view->flag_count = view->aside.flag_count;
	view->aside = (struct answers_aside){ NULL, 0, MODE_ANSWER, false, NULL, 0 };
	view->selected = 0;
	view->stale = view->follow = true;
	tui_message(tui, "Back to your answers.");
}

static void on_retry(struct tui *tui, struct exercise_view *view)
{
	if (view->aside.picks) {
		back_to_answers(tui, view);
		return;
	}
	memset(view->picks, 0, view->exercise->candidate_count * sizeof(*view->picks));
	view->hints_revealed = 0;
	view->mode = MODE_ANSWER;
	view->started_at = time(NULL);
	view->selected = 0;
	view->panes[PANE_CANDIDATES].top = 0;
	view->stale = true;
	view->follow = true;
	tui_message(tui, "A fresh attempt: every candidate is unanswered again.");
	exercise_find_restart(tui, view);
}

/* w and W: the next (or previous) candidate judged wrong or partly right. */
static void select_wrong(struct tui *tui, struct exercise_view *view, int direction)
{
	size_t count = view->exercise->candidate_count;
	for (size_t step = 1; step <= count; step++) {
		size_t position = (view->selected + count + (size_t)direction * step) % count;
		size_t index = view->positions[position];
		if (score_judge(&view->exercise->candidates[index], view->picks[index]) != JUDGED_RIGHT) {
			view->selected = position;
			view->focus = PANE_CANDIDATES;
			view->follow = true;
			return;
		}
	}
	tui_message(tui, "Every candidate is right: nothing to go back to.");
}

static void on_next_wrong(struct tui *tui, struct exercise_view *view)
{
	select_wrong(tui, view, 1);
}

static void on_previous_wrong(struct tui *tui, struct exercise_view *view)
{
	select_wrong(tui, view, -1);
}

static void on_catalog(struct tui *tui, struct exercise_view *view)
{
	(void)view;
	tui->app->go_to_catalog(tui);
}

static void on_zoom(struct tui *tui, struct exercise_view *view)
{
	(void)tui;
	view->zoomed = !view->zoomed;
	view->follow = true;
}

static void on_next(struct tui *tui, struct exercise_view *view)
{
	tui->app->open_neighbour(tui, view->exercise->id, 1);
}

static void on_previous(struct tui *tui, struct exercise_view *view)
{
	tui->app->open_neighbour(tui, view->exercise->id, -1);
}

static void on_back(struct tui *tui, struct exercise_view *view)
{
	(void)view;
	tui->app->back(tui);
}

/* ---- Moving ---- */

static void select_candidate(struct exercise_view *view, size_t index)
{
	size_t count = view->exercise ? view->exercise->candidate_count : 0;
	if (count == 0)
		return;
	view->selected = index < count ? index : count - 1;
	view->follow = true;
}

static void scroll_pane(struct exercise_view *view, enum pane pane, int delta)
{
	/* Clamped when the layout runs, which also brings the selection into view. */
	view->panes[pane].top = max_int(0, view->panes[pane].top + delta);
	view->scrolled = view->scrolled || pane == PANE_CANDIDATES;
}

static bool on_candidates(const struct exercise_view *view)
{
	return view->focus == PANE_CANDIDATES && view->exercise && view->exercise->candidate_count > 0 &&
	       view->mode != MODE_FIND; /* while finding, that pane lists the flags */
}

/* While answering, j reads on through a candidate taller than the pane before
 * moving to the next; in the results j and k go candidate by candidate (each
 * shown from its top), and PgDn or Ctrl-D read on through a long explanation. */
static void on_down(struct tui *tui, struct exercise_view *view)
{
	(void)tui;
	if (!on_candidates(view)) {
		scroll_pane(view, view->focus, 1);
		return;
	}
	struct pane_state *pane = &view->panes[PANE_CANDIDATES];
	int last = (int)view->candidate_first[view->selected + 1] - 1;
	if (view->mode != MODE_RESULTS && last >= pane->top + pane->rect.h)
		pane->top++;
	else if (view->selected + 1 < view->exercise->candidate_count)
		select_candidate(view, view->selected + 1);
}

static void on_up(struct tui *tui, struct exercise_view *view)
{
	(void)tui;
	if (!on_candidates(view)) {
		scroll_pane(view, view->focus, -1);
		return;
	}
	struct pane_state *pane = &view->panes[PANE_CANDIDATES];
	if (view->mode != MODE_RESULTS && (int)view->candidate_first[view->selected] < pane->top)
		pane->top--;
	else if (view->selected > 0)
		select_candidate(view, view->selected - 1);
}

static void on_top(struct tui *tui, struct exercise_view *view)
{
	(void)tui;
	if (on_candidates(view))
		select_candidate(view, 0);
	view->panes[view->focus].top = 0;
}

static void on_bottom(struct tui *tui, struct exercise_view *view)
{
	(void)tui;
	if (on_candidates(view))
		select_candidate(view, view->exercise->candidate_count - 1);
	else
		scroll_pane(view, view->focus, exercise_pane_lines(view, view->focus));
}

static void page(struct exercise_view *view, int direction)
{
	struct pane_state *pane = &view->panes[view->focus];
	scroll_pane(view, view->focus, max_int(1, pane->rect.h - 1) * direction);
}

static void half_page(struct exercise_view *view, int direction)
{
	struct pane_state *pane = &view->panes[view->focus];
	scroll_pane(view, view->focus, max_int(1, pane->rect.h / 2) * direction);
}

static void on_half_down(struct tui *tui, struct exercise_view *view)
{
	(void)tui;
	half_page(view, 1);
}

static void on_half_up(struct tui *tui, struct exercise_view *view)
{
	(void)tui;
	half_page(view, -1);
}

static void on_page_down(struct tui *tui, struct exercise_view *view)
{
	(void)tui;
	page(view, 1);
}

static void on_page_up(struct tui *tui, struct exercise_view *view)
{
	(void)tui;
	page(view, -1);
}

static void cycle_focus(struct exercise_view *view, int direction)
{
	for (int step = 1; step <= PANE_COUNT; step++) {
		int pane = ((int)view->focus + direction * step + PANE_COUNT * 2) % PANE_COUNT;
		/* While zoomed, Tab moves the zoom to the next pane. */
		if (view->zoomed ? view->panes[pane].available : view->panes[pane].visible) {
			view->focus = (enum pane)pane;
			return;
		}
	}
}

static void on_next_pane(struct tui *tui, struct exercise_view *view)
{
	(void)tui;
	cycle_focus(view, 1);
}

static void on_previous_pane(struct tui *tui, struct exercise_view *view)
{
	(void)tui;
	cycle_focus(view, -1);
}

static void on_left(struct tui *tui, struct exercise_view *view)
{
	(void)tui;
	view->code_left = max_int(0, view->code_left - 8);
}

static void on_right(struct tui *tui, struct exercise_view *view)
{
	(void)tui;
	view->code_left += 8; /* clamped when drawn */
}

/* ---- The screen ---- */

struct handler {
	enum request request;
	view_handler run;
	bool needs_exercise;
};

static const struct handler handlers[] = {
	{ REQ_MARK_REAL, on_real, true },	{ REQ_MARK_NOT_REAL, on_not_real, true },
	{ REQ_MARK_BUG, on_bug, true },		{ REQ_MARK_WARNING, on_warning, true },
	{ REQ_MARK_MINOR, on_minor, true },	{ REQ_CLEAR, on_clear, true },
	{ REQ_HOW_TO_ANSWER, on_how_to_answer, true },
	{ REQ_HINT, on_hint, true },		{ REQ_SUBMIT, on_submit, true },
	{ REQ_RETRY, on_retry, true },		{ REQ_NEXT_EXERCISE, on_next, true },
	{ REQ_PREV_EXERCISE, on_previous, true }, { REQ_BACK, on_back, false },
	{ REQ_DOWN, on_down, false },		{ REQ_UP, on_up, false },
	{ REQ_TOP, on_top, false },		{ REQ_BOTTOM, on_bottom, false },
	{ REQ_PAGE_DOWN, on_page_down, false },	{ REQ_PAGE_UP, on_page_up, false },
	{ REQ_NEXT_PANE, on_next_pane, false },	{ REQ_PREV_PANE, on_previous_pane, false },
	{ REQ_SCROLL_LEFT, on_left, true },	{ REQ_SCROLL_RIGHT, on_right, true },
	{ REQ_HALF_DOWN, on_half_down, false },	{ REQ_HALF_UP, on_half_up, false },
	{ REQ_NEXT_WRONG, on_next_wrong, true }, { REQ_PREV_WRONG, on_previous_wrong, true },
	{ REQ_LAST_RESULTS, on_last_results, true }, { REQ_CATALOG, on_catalog, true },
	{ REQ_ZOOM, on_zoom, false },		{ REQ_SEARCH, exercise_prompt_open, true },
	{ REQ_GO_TO_LINE, exercise_prompt_open_line, true },
};

static void exercise_request(struct tui *tui, enum request request)
{
	struct exercise_view *view = tui->exercise_view;

	if (exercise_prompt_request(tui, view, request) || exercise_find_request(tui, view, request))
		return;
	for (size_t i = 0; i < sizeof(handlers) / sizeof(*handlers); i++) {
		if (handlers[i].request != request)
			continue;
		if (!handlers[i].needs_exercise || view->exercise)
			handlers[i].run(tui, view);
		return;
	}
}

static unsigned exercise_scopes(const struct tui *tui)
{
	static const unsigned modes[] = {
		[MODE_ANSWER] = SCOPE_ANSWER,
		[MODE_RESULTS] = SCOPE_RESULTS,
		[MODE_PREVIEW] = SCOPE_PREVIEW,
		[MODE_FIND] = SCOPE_FIND,
	};
	const struct exercise_view *view = tui->exercise_view;
	if (view->prompt_kind)
		return SCOPE_PROMPT;
	unsigned scopes = SCOPE_NAV | SCOPE_EXERCISE | (tui->direct ? SCOPE_TOP : SCOPE_NESTED);
	if (view->focus == PANE_CANDIDATES && view->mode != MODE_FIND)
		scopes |= SCOPE_ON_CANDIDATES;
	if (view->focus == PANE_CODE)
		scopes |= SCOPE_ON_CODE;
	if (!tui->direct && !(view->exercise && view->mode == MODE_FIND)) /* finding: Esc stops a range first */
		scopes |= SCOPE_ESC_BACK;
	if (view->preview)
		scopes |= SCOPE_PREVIEW;
	return view->exercise ? scopes | modes[view->mode] : scopes;
}

static enum pane pane_at(const struct exercise_view *view, int y, int x)
{
	for (int pane = 0; pane < PANE_COUNT; pane++) {
		const struct rect *rect = &view->panes[pane].rect;
		if (view->panes[pane].visible && y >= rect->y - 1 && y < rect->y + rect->h && x >= rect->x &&
		    x < rect->x + rect->w)
			return (enum pane)pane;
	}
	return PANE_COUNT;
}

static void exercise_mouse(struct tui *tui, const MEVENT *event)
{
	struct exercise_view *view = tui->exercise_view;
	enum pane pane = pane_at(view, event->y, event->x);

	if (pane == PANE_COUNT)
		return;
	if (event->bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
		scroll_pane(view, pane, event->bstate & BUTTON4_PRESSED ? -3 : 3);
		return;
	}
	if (!(event->bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON1_RELEASED)))
		return;
	view->focus = pane;
	int candidate = pane == PANE_CANDIDATES ? exercise_candidate_at(view, event->y) : -1;
	if (candidate >= 0)
		select_candidate(view, (size_t)candidate);
}

const struct tui_screen_ops exercise_screen_ops = {
	"exercise", exercise_scopes, exercise_draw, exercise_request, exercise_mouse, exercise_prompt_input,
};
