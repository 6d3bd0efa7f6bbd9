/* The preview of a file that changed on disk (--watch, or after the editor):
 * the new view takes the old one's place, so an author saving again and again
 * keeps reading where they were. */
#include <string.h>

#include "tui/exercise_view.h"

/* The display position of the candidate with this id, or -1. */
static long position_of(const struct exercise_view *view, const char *id)
{
	const struct exercise *exercise = view->exercise;
	for (size_t position = 0; exercise && id && position < exercise->candidate_count; position++)
		if (strcmp(exercise->candidates[view->positions[position]].id, id) == 0)
			return (long)position;
	return -1;
}

static const char *selected_id(const struct exercise_view *view)
{
	if (!view->exercise || view->exercise->candidate_count == 0)
		return NULL;
	return view->exercise->candidates[exercise_selected_index(view)].id;
}

static void copy_place(struct tui *tui, struct exercise_view *view, const struct exercise_view *old)
{
	if (view->exercise && old->exercise && old->mode == MODE_FIND && view->mode != MODE_FIND) {
		char message[sizeof(tui->message)];
		memcpy(message, tui->message, sizeof(message));
		exercise_find_preview_toggle(tui, view);
		memcpy(tui->message, message, sizeof(message)); /* its greeting was said already */
	}
	for (int pane = 0; pane < PANE_COUNT; pane++)
		view->panes[pane].top = old->panes[pane].top; /* clamped when laid out */
	view->code_left = old->code_left;
	/* A search or a line number being typed goes on being typed. */
	view->prompt_kind = old->prompt_kind;
	memcpy(view->prompt_text, old->prompt_text, sizeof(view->prompt_text));
	memcpy(view->last_search, old->last_search, sizeof(view->last_search));
	if (view->exercise && old->exercise) {
		view->focus = old->focus;
		view->zoomed = old->zoomed;
		view->cursor = old->cursor;
	}
	long position = position_of(view, selected_id(old));
	if (position >= 0)
		view->selected = (size_t)position;
	/* In view already: the pane stays where it was rather than jumping to it. */
	view->follow = false;
}

void exercise_view_keep_place(struct tui *tui, struct exercise_view *view, struct exercise_view *old)
{
	bool recovered = view->exercise && !old->exercise && tui->parked_view;
	copy_place(tui, view, recovered ? tui->parked_view : old);
	if (view->exercise || !old->exercise) {
		if (view->exercise) {
			exercise_view_free(tui->parked_view);
			tui->parked_view = NULL;
		}
		exercise_view_free(old);
		return;
	}
	/* A broken save: the place to come back to at the next good one. */
	exercise_view_free(tui->parked_view);
	tui->parked_view = old;
}

int exercise_view_edit_line(const struct exercise_view *view)
{
	int line = editor_line_of(&view->diags);
	if (line == 0 && selected_id(view))
		line = view->exercise->candidates[exercise_selected_index(view)].line;
	return line > 0 ? line : 1;
}
