/* The files screen of `review preview [FOLDER]`: every exercise file of the
 * folders, those that do not load included, each with its status, so an author
 * sees at a glance which file needs work and previews it with Enter. */
#include <stdlib.h>
#include <string.h>

#include "review/loader.h"
#include "tui/tui.h"

struct file_row {
	char *path;
	char *title;        /* NULL when the file does not load */
	size_t errors, warnings;
	int first_line;     /* where E opens it: its first error's, else warning's, or 0 */
};

struct files_view {
	const char *const *roots;  /* borrowed: the command line's or the catalog's folders */
	size_t root_count;
	struct file_row *rows;
	size_t count;
	size_t selected;
	int top;
	int list_y, list_h;        /* where the rows were drawn */
};

static void free_rows(struct file_row *rows, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		free(rows[i].path);
		free(rows[i].title);
	}
	free(rows);
}

static void read_row(struct file_row *row)
{
	struct diag_list diags = DIAG_LIST_INIT;
	struct exercise *exercise = NULL;

	loader_load_file(row->path, &exercise, &diags);
	row->errors = diag_count(&diags, DIAG_ERROR);
	row->first_line = editor_line_of(&diags);
	row->warnings = diag_count(&diags, DIAG_WARNING);
	if (exercise && row->errors == 0)
		row->title = strdup(exercise->title ? exercise->title : "");
	exercise_free(exercise);
	diag_list_free(&diags);
}

/* Reads every file again; the selection stays on the same path when it is
 * still there. */
bool files_view_refresh(struct tui *tui)
{
	struct files_view *view = tui->files_view;
	struct diag_list diags = DIAG_LIST_INIT, notes = DIAG_LIST_INIT;
	char **paths = NULL;
	/* The files `review check` would check: .reviewignore and READMEs left out. */
	size_t count = front_collect_files(view->roots, view->root_count, &paths, &diags, &notes);
	struct file_row *rows = calloc(count + 1, sizeof(*rows));

	diag_list_free(&diags);
	diag_list_free(&notes);
	if (!rows) {
		catalog_paths_free(paths, count);
		tui_message(tui, "Out of memory.");
		return false;
	}
	size_t selected = 0;
	for (size_t i = 0; i < count; i++) {
		rows[i].path = paths[i];
		paths[i] = NULL;
		read_row(&rows[i]);
		if (view->selected < view->count && strcmp(rows[i].path, view->rows[view->selected].path) == 0)
			selected = i;
	}
	catalog_paths_free(paths, count);
	free_rows(view->rows, view->count);
	view->rows = rows;
	view->count = count;
	view->selected = selected;
	return true;
}

struct files_view *files_view_new(struct tui *tui, const char *const *roots, size_t root_count)
{
	struct files_view *view = calloc(1, sizeof(*view));

	if (!view)
		return NULL;
	view->roots = roots;
	view->root_count = root_count;
	tui->files_view = view;
	if (!files_view_refresh(tui)) {
		files_view_free(view);
		tui->files_view = NULL;
		return NULL;
	}
	return view;
}

void files_view_free(struct files_view *view)
{
	if (!view)
		return;
	free_rows(view->rows, view->count);
	free(view);
}

bool files_view_watch(const struct tui *tui, struct watch *watch, char **error)
{
	const struct files_view *view = tui->files_view;
	bool ok = true;

	for (size_t i = 0; i < view->root_count; i++)
		ok = watch_add(watch, view->roots[i], error) && ok;
	for (size_t i = 0; i < view->count; i++)
		ok = watch_add_folder_of(watch, view->rows[i].path, error) && ok;
	return ok;
}

bool files_view_selected(const struct tui *tui, const char **path, int *line)
{
	const struct files_view *view = tui->files_view;
	if (!view || view->selected >= view->count)
		return false;
	*path = view->rows[view->selected].path;
	*line = view->rows[view->selected].first_line;
	return true;
}

/* ---- Drawing ---- */

static enum tui_style status_of(const struct file_row *row, char *text, size_t size)
{
	if (row->errors)
		snprintf(text, size, "%zu error%s", row->errors, row->errors == 1 ? "" : "s");
	else if (row->warnings)
		snprintf(text, size, "%zu warning%s", row->warnings, row->warnings == 1 ? "" : "s");
	else
		snprintf(text, size, "ok");
	return row->errors ? STYLE_BAD : row->warnings ? STYLE_PARTIAL : STYLE_GOOD;
}

static void draw_cell(const struct tui *tui, int y, int x, int width, const char *text, struct tui_attr attr)
{
	char *safe = width > 0 ? tui_safe(tui, text) : NULL;
	if (safe)
		draw_text(y, x, width, 0, safe, attr);
	free(safe);
}

/* A path as the author wrote it under the folder given, not the whole walk. */
static const char *shown_path(const struct files_view *view, const char *path)
{
	for (size_t i = 0; i < view->root_count; i++) {
		size_t length = strlen(view->roots[i]);
		while (length > 1 && view->roots[i][length - 1] == '/')
			length--;
		if (strncmp(path, view->roots[i], length) == 0 && path[length] == '/' && path[length + 1])
			return path + length + 1;
	}
	return path;
}

static void draw_row(const struct tui *tui, const struct files_view *view, int y, size_t index, int path_width)
{
	const struct file_row *row = &view->rows[index];
	struct tui_attr plain = { A_NORMAL, 0 };
	char status[64];
	struct tui_attr status_attr = draw_style(tui, status_of(row, status, sizeof(status)));

	if (index == view->selected) {
		plain = draw_style(tui, STYLE_SELECTED);
		status_attr.attr |= A_REVERSE;
		draw_fill(y, 0, COLS, plain);
	}
	draw_text(y, 2, 12, 0, status, status_attr);
	draw_cell(tui, y, 15, path_width, shown_path(view, row->path), plain);
	if (row->title)
		draw_cell(tui, y, 17 + path_width, COLS - 18 - path_width, row->title, plain);
}

static void draw_top(const struct tui *tui, const struct files_view *view)
{
	size_t broken = 0, warned = 0;
	char title[128], right[64] = "";

	for (size_t i = 0; i < view->count; i++) {
		broken += view->rows[i].errors > 0;
		warned += !view->rows[i].errors && view->rows[i].warnings > 0;
	}
	snprintf(title, sizeof(title), "review preview: %zu file%s, %zu with errors, %zu with warnings",
		 view->count, view->count == 1 ? "" : "s", broken, warned);
	if (view->count > (size_t)view->list_h && view->list_h > 0)
		snprintf(right, sizeof(right), "%d-%d of %zu", view->top + 1,
			 min_int(view->top + view->list_h, (int)view->count), view->count);
	draw_title(tui, 0, 0, COLS, title, right, true);
}

static void files_draw(struct tui *tui)
{
	struct files_view *view = tui->files_view;
	int path_width = 10;

	for (size_t i = 0; i < view->count; i++) {
		const char *path = shown_path(view, view->rows[i].path);
		path_width = max_int(path_width, text_width(path, strlen(path)));
	}
	path_width = min_int(path_width, (COLS - 17) * 2 / 3);
	view->list_y = 1;
	view->list_h = LINES - 2;
	int selected = (int)view->selected;
	view->top = min_int(view->top, selected);
	view->top = max_int(view->top, selected - view->list_h + 1);
	view->top = max_int(0, min_int(view->top, (int)view->count - view->list_h));
	draw_top(tui, view);
	if (view->count == 0)
		draw_text(2, 2, COLS - 4, 0, "No exercise files (.md, .txt) here.", draw_style(tui, STYLE_DIM));
	for (int i = 0; i < view->list_h && (size_t)(view->top + i) < view->count; i++)
		draw_row(tui, view, view->list_y + i, (size_t)(view->top + i), path_width);
}

/* ---- Keys and the mouse ---- */

static void move_selection(struct files_view *view, long by)
{
	long last = (long)view->count - 1;
	long selected = (long)view->selected + by;
	view->selected = (size_t)(selected < 0 ? 0 : selected > last ? max_int(0, (int)last) : selected);
}

static void files_request(struct tui *tui, enum request request)
{
	struct files_view *view = tui->files_view;
	long page = max_int(1, view->list_h - 1);

	switch (request) {
	case REQ_DOWN: move_selection(view, 1); break;
	case REQ_UP: move_selection(view, -1); break;
	case REQ_TOP: view->selected = 0; break;
	case REQ_BOTTOM: move_selection(view, (long)view->count); break;
	case REQ_PAGE_DOWN: move_selection(view, page); break;
	case REQ_PAGE_UP: move_selection(view, -page); break;
	case REQ_HALF_DOWN: move_selection(view, page / 2 + 1); break;
	case REQ_HALF_UP: move_selection(view, -(page / 2 + 1)); break;
	case REQ_OPEN:
		if (view->selected < view->count)
			tui->app->open_path(tui, view->rows[view->selected].path);
		break;
	default: break;
	}
}

static void files_mouse(struct tui *tui, const MEVENT *event)
{
	struct files_view *view = tui->files_view;

	if (event->bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
		move_selection(view, event->bstate & BUTTON4_PRESSED ? -3 : 3);
		return;
	}
	long row = (long)view->top + event->y - view->list_y;
	if ((event->bstate & BUTTON1_PRESSED) && event->y >= view->list_y && row >= 0 && row < (long)view->count)
		view->selected = (size_t)row;
}

static unsigned files_scopes(const struct tui *tui)
{
	(void)tui;
	return SCOPE_FILES | SCOPE_NAV | SCOPE_TOP;
}

const struct tui_screen_ops files_screen_ops = {
	"files", files_scopes, files_draw, files_request, files_mouse, NULL,
};
