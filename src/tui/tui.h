/* The TUI's shared state and the contract between the app loop and its screens.
 * The app owns the terminal; each screen (catalog.c, exercise.c) is one ops table
 * (ncdu's X_init/X_draw/X_key, tig's view_ops) that draws and takes requests. */
#ifndef REVIEW_TUI_H
#define REVIEW_TUI_H

#include <stdbool.h>
#include <curses.h>

#include "front/front.h"
#include "front/watch.h"
#include "review/catalog.h"
#include "review/progress.h"
#include "review/text.h"
#include "tui/keys.h"
#include "tui/lines.h"

/* Below this the layout gives up and shows a notice until the terminal grows. */
#define TUI_MIN_COLS 60
#define TUI_MIN_LINES 16
/* From this width the code sits beside the candidates. */
#define TUI_WIDE_COLS 140

/* Interface elements, beyond the text roles of text.h. */
enum tui_style {
	STYLE_FOOTER,
	STYLE_FOOTER_KEY,
	STYLE_TITLE,
	STYLE_TITLE_FOCUS,
	STYLE_SELECTED,
	STYLE_MESSAGE,
	STYLE_GOOD,
	STYLE_BAD,
	STYLE_PARTIAL,
	STYLE_MARKED_LINE,
	STYLE_DIALOG,
	STYLE_DIM,
	STYLE_UNANSWERED,
	STYLE_PICK_BUG,
	STYLE_PICK_WARNING,
	STYLE_PICK_MINOR,
	STYLE_PICK_REAL,
	STYLE_PICK_NOT_REAL,
	STYLE_IN_PROGRESS,
	STYLE_CHANGED,
	STYLE_COUNT
};

struct tui_attr {
	attr_t attr;
	short pair;
};

struct rect {
	int y, x, h, w;
};

struct tui;

struct tui_screen_ops {
	const char *name;
	unsigned (*scopes)(const struct tui *tui);          /* key scopes active now */
	void (*draw)(struct tui *tui);
	void (*request)(struct tui *tui, enum request request);
	void (*mouse)(struct tui *tui, const MEVENT *event);
	bool (*input)(struct tui *tui, wint_t ch);          /* typed text; false: not taken */
};

extern const struct tui_screen_ops catalog_screen_ops;
extern const struct tui_screen_ops exercise_screen_ops;
extern const struct tui_screen_ops files_screen_ops;

struct catalog_view;
struct exercise_view;
struct files_view;

static inline int min_int(int a, int b)
{
	return a < b ? a : b;
}

static inline int max_int(int a, int b)
{
	return a > b ? a : b;
}

typedef void (*tui_action)(struct tui *tui);

/* What a screen may ask of the app, the only way it reaches it (the app sets
 * tui->app; screens never call app.c by name, so there is no circle). Every
 * change of screen happens once the current request is done. */
struct tui_app_ops {
	/* Opens the exercise at path; on failure the screen stays and says why. */
	void (*open_path)(struct tui *tui, const char *path);
	void (*show_catalog)(struct tui *tui);
	/* Back to the catalog, or quit when the exercise was opened directly. */
	void (*back)(struct tui *tui);
	/* The catalog, loading it first when the exercise was opened directly. */
	void (*go_to_catalog)(struct tui *tui);
	/* Opens the catalog entry `offset` places from the exercise (]/[). */
	void (*open_neighbour)(struct tui *tui, const char *exercise_id, int offset);
};

struct tui {
	const struct tui_app_ops *app;    /* how screens ask to move */
	struct front_context *context;
	struct text_options text_options;
	bool color;
	struct catalog *catalog;          /* NULL when it could not be loaded */
	size_t catalog_invalid;           /* files left out of the catalog */
	struct progress_store *store;     /* NULL: nothing is saved */
	const struct tui_screen_ops *screen;
	struct catalog_view *catalog_view;
	struct exercise_view *exercise_view;
	struct exercise_view *parked_view; /* the last preview that loaded, while its file is broken */
	struct files_view *files_view;    /* `review preview [FOLDER]`: its files, NULL otherwise */
	bool files_stale;                 /* a file changed while a preview showed: read them again */
	struct watch *watch;              /* --watch: reload what shows when its files change */
	char *preview_path;               /* the file the preview shows */
	const char *folder_argument;      /* `review preview FOLDER`'s folder, the files' root */
	bool direct;                      /* opened on one exercise: `q` there quits */
	bool preview;
	bool help_open;
	int help_top;
	struct {
		bool open;
		char text[512];
		tui_action accept;
		tui_action cancel;        /* NULL: "no" just closes the question */
	} confirm;
	char message[512];                /* a notice in the footer until the next key */
	char prompt[160];                 /* text being typed, shown in the footer (sanitized) */
	char store_notice[512];           /* why saving is off: the footer shows it whenever
					   * there is no other message */
	bool store_retry;                 /* the store was busy when opened: try again */
	char *pending_path;               /* an exercise to open once the request is done */
	bool pending_catalog;             /* back to the catalog once the request is done */
	bool pending_results;             /* open the pending exercise on its last results */
	bool pending_files;               /* back to the files of `review preview FOLDER` */
	bool quit;
	struct tui_attr roles[ROLE_COUNT];
	struct tui_attr styles[STYLE_COUNT];
};

/* notice.c: talking to the learner. */
void tui_confirm(struct tui *tui, tui_action accept, const char *format, ...)
	__attribute__((format(printf, 3, 4)));
void tui_message(struct tui *tui, const char *format, ...) __attribute__((format(printf, 2, 3)));
/* Turns a progress status into a footer message when it is a failure worth telling. */
void tui_report_store(struct tui *tui, enum progress_status status, const char *what);

/* draw.c: styles, clipped wide-character drawing, wrapping. */
void draw_init_styles(struct tui *tui);
struct tui_attr draw_style(const struct tui *tui, enum tui_style style);
/* Draws UTF-8 text at y,x, at most width columns, after skipping `skip` columns of
 * it. Returns the columns drawn. The text must already be sanitized. */
int draw_text(int y, int x, int width, int skip, const char *text, struct tui_attr attr);
/* Draws a styled line; `extra` attributes are added to every span, and its
 * colour pair, when not 0, replaces theirs. */
int draw_line(const struct tui *tui, int y, int x, int width, int skip,
	      const struct text_line *line, struct tui_attr extra);
void draw_fill(int y, int x, int width, struct tui_attr attr);
/* A pane title bar: the title left, `right` (may be NULL) right-aligned. */
void draw_title(const struct tui *tui, int y, int x, int width, const char *title,
		const char *right, bool focus);
/* The footer: the message when there is one, else the keys that apply now. */
void draw_footer(const struct tui *tui, unsigned scopes);
/* A centered box with wrapped text (sanitized) and the key line under it. */
void draw_dialog(const struct tui *tui, const char *text, const char *keys);
void draw_too_small(const struct tui *tui);

/* Sanitizes untrusted text into a new string (caller frees); "" on failure is not
 * returned: NULL when out of memory. */
char *tui_safe(const struct tui *tui, const char *text);

/* help.c: the `?` overlay. */
void help_draw(struct tui *tui);
void help_request(struct tui *tui, enum request request);

/* catalog.c */
struct catalog_view *catalog_view_new(struct tui *tui);
void catalog_view_free(struct catalog_view *view);
void catalog_view_refresh(struct tui *tui);

/* exercise.c */
/* MODE_FIND: the learner flags lines before any candidate is shown; MODE_ANSWER:
 * judging the candidates. Both are answering, before the submit. */
enum exercise_mode { MODE_ANSWER, MODE_RESULTS, MODE_PREVIEW, MODE_FIND };
/* Takes ownership of exercise (may be NULL in preview: only diagnostics), even
 * when it fails (NULL: out of memory), and moves the items of diags (may be NULL). */
struct exercise_view *exercise_view_new(struct tui *tui, struct exercise *exercise,
					enum exercise_mode mode, struct diag_list *diags);
void exercise_view_free(struct exercise_view *view);
/* Shows the results of the last attempt again (the catalog's L). */
void exercise_show_last_results(struct tui *tui);

/* exercise_reload.c: a preview loaded again after its file changed. */
/* The new view takes the old one's place: its scroll positions, focus, zoom,
 * the find phase when it showed, and the selection, by candidate id. Takes old:
 * when the file no longer loads it is parked in tui->parked_view, so the next
 * good save comes back to where the last good one was. */
void exercise_view_keep_place(struct tui *tui, struct exercise_view *view, struct exercise_view *old);
/* Where the editor opens the file: the first error's line, else the first
 * warning's, else the selected candidate's, else 1. */
int exercise_view_edit_line(const struct exercise_view *view);

/* editor.c: runs $VISUAL or $EDITOR on path at line, curses suspended; false
 * (with a footer message) when neither is set. */
bool editor_edit(struct tui *tui, const char *path, int line);
/* The line of the first error, else of the first warning; 0 when none has one. */
int editor_line_of(const struct diag_list *diags);

/* files.c: the files of `review preview [FOLDER]`, loading or not. The roots are
 * borrowed and must outlive the view. Sets tui->files_view; NULL when out of memory. */
struct files_view *files_view_new(struct tui *tui, const char *const *roots, size_t root_count);
void files_view_free(struct files_view *view);
/* Reads every file again, the selection kept on its path. */
bool files_view_refresh(struct tui *tui);
/* The selected file and where E opens it (0: at the top); false when none. */
bool files_view_selected(const struct tui *tui, const char **path, int *line);
/* Watches the roots and the folder of every file; false (the first failure in
 * *error) when one cannot be watched, the others watched all the same. */
bool files_view_watch(const struct tui *tui, struct watch *watch, char **error);

#endif
