/* The exercise screen's state, shared by its two halves: exercise.c (requests,
 * answers, hints, submit) and exercise_draw.c (layout and drawing). */
#ifndef REVIEW_TUI_EXERCISE_VIEW_H
#define REVIEW_TUI_EXERCISE_VIEW_H

#include <time.h>

#include "review/diag.h"
#include "review/exercise.h"
#include "review/find.h"
#include "review/order.h"
#include "review/score.h"
#include "tui/tui.h"

/* Panes in focus order (Tab). */
enum pane { PANE_CANDIDATES, PANE_CODE, PANE_TEXT, PANE_HINTS, PANE_DIAGS, PANE_COUNT };

struct pane_state {
	struct rect rect;     /* the content, below the title bar */
	int top;              /* first line shown */
	bool visible;
	bool collapsed;       /* only its title shows (the context and hints in the results) */
	bool available;       /* has content to show: Tab can reach it, even while another is zoomed */
};

/* What a line of the candidates doc belongs to, and how to stress it. */
struct line_meta {
	int candidate;        /* display position */
	int style;            /* enum tui_style, or -1 */
	bool text;            /* a row of the candidate's own text (highlighted when selected) */
};

/* The answers in progress, kept aside while the last attempt's results show. */
struct answers_aside {
	struct pick *picks;              /* NULL: nothing aside */
	int hints_revealed;
	enum exercise_mode mode;
	bool found_phase;
	struct flag *flags;              /* the flags in progress */
	size_t flag_count;
};

struct exercise_view {
	struct exercise *exercise;       /* NULL: an invalid file in preview */
	enum exercise_mode mode;
	struct pick *picks;              /* in file order, as the engine takes them */
	int hints_revealed;
	struct score_result result;
	struct order order;              /* how the candidates are shown */
	size_t *positions;               /* display position -> candidate index */
	size_t selected;                 /* a display position */
	size_t submit_target;            /* where "no" to the submit question goes */
	enum pane focus;
	struct pane_state panes[PANE_COUNT];
	int code_left;                   /* columns scrolled sideways */
	int code_width;                  /* widest code line */
	time_t started_at;
	struct diag_list diags;
	struct text_doc *code;           /* highlighted once */
	/* Built for the current widths, rebuilt when stale. */
	struct text_doc *docs[PANE_COUNT];
	struct line_meta *meta;          /* one per line of docs[PANE_CANDIDATES] */
	size_t *candidate_first;         /* candidate_count + 1 line indexes, by display position */
	int mark_column;                 /* the judgement mark on a candidate's first row, or -1 */
	int label_column;                /* where its pick label starts */
	int built_width[PANE_COUNT];
	bool stale;                      /* rebuild the docs before drawing */
	bool follow;                     /* the selection moved: scroll to it at the next draw */
	bool scrolled;                   /* the candidates were scrolled: the selection follows */
	bool hint_follow;                /* a hint was revealed: show it at the next draw */
	size_t *hint_first;              /* hint_count + 1 line indexes into docs[PANE_HINTS] */
	/* The find phase. */
	struct flag *flags;              /* FIND_MAX_FLAGS of room */
	size_t flag_count;
	bool found_phase;                /* the find phase ran: the results show what was found */
	int cursor;                      /* code line under the cursor, 0-based */
	int range_anchor;                /* first line of a range being marked, or -1 */
	bool preview;                    /* an author's preview: read-only, find phase included */
	struct answers_aside aside;
	int *diag_styles;                /* per line of docs[PANE_DIAGS]: enum tui_style or -1 */
	size_t diag_style_count;
	bool zoomed;                     /* the focused pane takes the screen */
	/* A search or a line number being typed for the code pane. */
	char prompt_kind;                /* '/', ':' or 0 */
	char prompt_text[64];
	char last_search[64];
	int found_line;                  /* the code line (0-based) a search or :N went to, or -1 */
};

/* The index (file order) of the selected candidate. */
static inline size_t exercise_selected_index(const struct exercise_view *view)
{
	return view->positions[view->selected];
}

/* exercise_find.c: the find phase. */
/* Loads the flags and decides whether the exercise opens on finding. */
void exercise_find_open(struct tui *tui, struct exercise_view *view);
/* A fresh attempt: no flags, and finding again when it is on. */
void exercise_find_restart(struct tui *tui, struct exercise_view *view);
/* Handles the request when the find phase owns it; false when it does not. */
bool exercise_find_request(struct tui *tui, struct exercise_view *view, enum request request);
/* The flags against the key: what the results and the store keep. */
struct find_result exercise_find_result(const struct exercise_view *view);
/* In a preview, switches between the judging view with the key and the find
 * phase as a learner sees it, with the key's real lines shown as flags. */
void exercise_find_preview_toggle(struct tui *tui, struct exercise_view *view);
/* True when the code line (0-based) is inside the range being marked. */
bool exercise_find_in_range(const struct exercise_view *view, int line);

/* exercise_prompt.c: `/` search and `:N` go-to-line in the code pane. */
void exercise_prompt_open(struct tui *tui, struct exercise_view *view);
void exercise_prompt_open_line(struct tui *tui, struct exercise_view *view);
/* Handles Enter, Esc and Backspace while typing; false when no prompt is open. */
bool exercise_prompt_request(struct tui *tui, struct exercise_view *view, enum request request);
bool exercise_prompt_input(struct tui *tui, wint_t ch);

/* exercise_docs.c */
/* Rebuilds the panes' lines when the view is stale or a width changed. */
void exercise_build_docs(const struct tui *tui, struct exercise_view *view,
			 const int widths[PANE_COUNT]);
/* "✓", "~", "✗" (ASCII "+", "~", "x"): right, partly, wrong. */
const char *exercise_judgement_mark(const struct tui *tui, enum judgement judgement);
/* "[  bug   ]", "[   ?    ]"...: a pick as the candidates pane shows it. */
const char *exercise_pick_label(struct pick pick);
/* " · ", or " - " when the locale is not UTF-8. */
const char *exercise_separator(const struct tui *tui);

/* exercise_draw.c */
void exercise_layout(struct exercise_view *view, const struct tui *tui);
void exercise_draw(struct tui *tui);
/* The invariant, run after every event by the layout: the selected candidate is
 * in view (the pane moves to it, or after the learner scrolled, it moves into
 * the pane), the code shows its first line once the key is known, and a hint
 * just revealed is in view. */
void exercise_keep_visible(struct exercise_view *view);
/* The line count of a pane's content. */
int exercise_pane_lines(const struct exercise_view *view, enum pane pane);
/* The candidate shown at a screen row of the candidates pane, or -1. */
int exercise_candidate_at(const struct exercise_view *view, int row);

#endif
