/* The catalog screen: exercises grouped by track in catalog order (track,
 * level, order, title) with each one's status from the progress store, and a
 * filter typed after `/`. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "tui/tui.h"

struct catalog_row {
	long entry;         /* index in the catalog, or -1 for a track heading */
};

struct catalog_view {
	struct progress_summary *summaries; /* one per catalog entry */
	size_t *track_passed;               /* per entry: passed in its track */
	size_t *track_total;                /* per entry: exercises in its track */
	struct catalog_row *rows;
	size_t row_count;
	size_t shown;       /* entries among the rows */
	size_t selected;    /* a row holding an entry */
	int top;
	char filter[256];
	bool filtering;
	int list_y, list_h; /* where the rows were drawn */
};

static int fold(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 'a' - 'A' : c;
}

/* Case-insensitive for ASCII; other characters compare as they are. */
static bool contains(const char *haystack, const char *needle)
{
	if (!*needle)
		return true;
	for (; haystack && *haystack; haystack++) {
		size_t i = 0;
		while (needle[i] && fold((unsigned char)haystack[i]) == fold((unsigned char)needle[i]))
			i++;
		if (!needle[i])
			return true;
	}
	return false;
}

static bool matches(const struct catalog_entry *entry, const char *filter)
{
	if (!*filter || contains(entry->id, filter) || contains(entry->title, filter) ||
	    contains(entry->track, filter) || contains(entry->language, filter) ||
	    contains(difficulty_name(entry->difficulty), filter))
		return true;
	for (size_t i = 0; i < entry->tag_count; i++)
		if (contains(entry->tags[i], filter))
			return true;
	return false;
}

static bool same_track(const struct catalog_entry *a, const struct catalog_entry *b)
{
	return strcmp(a->track ? a->track : "", b->track ? b->track : "") == 0;
}

/* Rebuilds the rows for the filter, keeping the selected entry when it is still shown. */
static void build_rows(const struct tui *tui, struct catalog_view *view)
{
	const struct catalog *catalog = tui->catalog;
	long previous = view->row_count ? view->rows[view->selected].entry : -1;
	const struct catalog_entry *last = NULL;

	view->row_count = view->shown = 0;
	view->selected = 0;
	for (size_t i = 0; catalog && i < catalog->count; i++) {
		const struct catalog_entry *entry = &catalog->entries[i];
		if (!matches(entry, view->filter))
			continue;
		if (!last || !same_track(last, entry))
			view->rows[view->row_count++].entry = -1;
		last = entry;
		if ((long)i == previous || view->shown == 0)
			view->selected = view->row_count;
		view->rows[view->row_count++].entry = (long)i;
		view->shown++;
	}
}

/* Passed of total per track; the catalog keeps a track's entries together. */
static void count_tracks(const struct catalog *catalog, struct catalog_view *view)
{
	for (size_t first = 0, end; catalog && first < catalog->count; first = end) {
		size_t passed = 0;
		for (end = first; end < catalog->count && same_track(&catalog->entries[first], &catalog->entries[end]);
		     end++)
			passed += view->summaries[end].passed;
		for (size_t i = first; i < end; i++) {
			view->track_passed[i] = passed;
			view->track_total[i] = end - first;
		}
	}
}

void catalog_view_refresh(struct tui *tui)
{
	struct catalog_view *view = tui->catalog_view;

	if (tui->catalog) {
		enum progress_status status = progress_summarize_catalog(tui->store, tui->catalog, view->summaries);
		if (status != PROGRESS_OK && status != PROGRESS_DISABLED)
			tui_report_store(tui, status, "read your progress");
	}
	count_tracks(tui->catalog, view);
}

struct catalog_view *catalog_view_new(struct tui *tui)
{
	struct catalog_view *view = calloc(1, sizeof(*view));
	size_t count = tui->catalog ? tui->catalog->count : 0;

	if (!view)
		return NULL;
	view->summaries = calloc(count + 1, sizeof(*view->summaries));
	view->track_passed = calloc(count + 1, sizeof(*view->track_passed));
	view->track_total = calloc(count + 1, sizeof(*view->track_total));
	view->rows = calloc(count * 2 + 1, sizeof(*view->rows));
	if (!view->summaries || !view->track_passed || !view->track_total || !view->rows) {
		catalog_view_free(view);
		return NULL;
	}
	tui->catalog_view = view;
	catalog_view_refresh(tui);
	build_rows(tui, view);
	return view;
}

void catalog_view_free(struct catalog_view *view)
{
	if (!view)
		return;
	free(view->summaries);
	free(view->track_passed);
	free(view->track_total);
	free(view->rows);
	free(view);
}

/* ---- Drawing ---- */

static enum tui_style status_text(const struct progress_summary *summary, char *out, size_t size);

/* Column widths; 0 hides a column. */
struct columns {
	int id, title, difficulty, language, status;
};

/* The width of text as drawn: after sanitizing, which turns invisible
 * characters into wider <U+...> markers. */
static int drawn_width(const struct tui *tui, const char *text)
{
	char *safe = tui_safe(tui, text ? text : "");
	int width = safe ? text_width(safe, strlen(safe)) : 0;
	free(safe);
	return width;
}

static int total_width(const struct columns *c)
{
	int widths[] = { c->id, c->title, c->difficulty, c->language, c->status }, total = 2;
	for (size_t i = 0; i < sizeof(widths) / sizeof(*widths); i++)
		total += widths[i] ? widths[i] + 2 : 0;
	return total;
}

/* What each column needs, then what fits: the language goes first, then the
 * difficulty, then the id shrinks; the title takes the rest and the status stays. */
static struct columns measure(const struct tui *tui, const struct catalog_view *view)
{
	const struct catalog *catalog = tui->catalog;
	struct columns want = { 2, 5, 4, 4, 6 };
	char status[32];

	for (size_t i = 0; catalog && i < catalog->count; i++) {
		const struct catalog_entry *entry = &catalog->entries[i];
		want.id = max_int(want.id, drawn_width(tui, entry->display_id));
		want.title = max_int(want.title, drawn_width(tui, entry->title));
		want.difficulty = max_int(want.difficulty, drawn_width(tui, difficulty_name(entry->difficulty)));
		want.language = max_int(want.language, drawn_width(tui, entry->language));
		status_text(&view->summaries[i], status, sizeof(status));
		want.status = max_int(want.status, text_width(status, strlen(status)));
	}
	want.id = min_int(want.id, 16);
	want.language = min_int(want.language, 12);
	struct columns columns = want;
	columns.title = 0;
	int title_floor = min_int(want.title, 24);
	if (COLS - total_width(&columns) - 2 < title_floor)
		columns.language = 0;
	if (COLS - total_width(&columns) - 2 < title_floor)
		columns.difficulty = 0;
	if (COLS - total_width(&columns) - 2 < title_floor)
		columns.id = min_int(want.id, 8);
	columns.title = max_int(5, min_int(want.title, COLS - total_width(&columns) - 2));
	return columns;
}

static enum tui_style status_text(const struct progress_summary *summary, char *out, size_t size)
{
	long percent = summary->best_max > 0 ? summary->best_score_tenths * 100 / summary->best_max / 10 : 0;
	/* A best score from an older rule is labelled, never silently rescored. */
	const char *old = summary->best_rule_version < SCORE_RULE_VERSION ? "*" : "";

	switch (summary->state) {
	case PROGRESS_STATE_PASSED:
		snprintf(out, size, "passed %ld%%%s", percent, old);
		return STYLE_GOOD;
	case PROGRESS_STATE_FAILED:
		snprintf(out, size, "failed %ld%%%s", percent, old);
		return STYLE_BAD;
	case PROGRESS_STATE_IN_PROGRESS:
		snprintf(out, size, "%s", progress_state_label(summary->state));
		return STYLE_IN_PROGRESS;
	case PROGRESS_STATE_CHANGED:
		snprintf(out, size, "%s", progress_state_label(summary->state));
		return STYLE_CHANGED;
	default:
		snprintf(out, size, "%s", progress_state_label(summary->state));
		return STYLE_DIM;
	}
}

/* Draws untrusted text sanitized in its column, an ellipsis where it is cut;
 * a hidden column (width 0) draws nothing. */
static int draw_cell(const struct tui *tui, int y, int x, int width, const char *text,
		     struct tui_attr attr)
{
	if (width <= 0)
		return x;
	char *safe = tui_safe(tui, text ? text : "");
	if (safe && text_width(safe, strlen(safe)) > width) {
		draw_text(y, x, width - 1, 0, safe, attr);
		draw_text(y, x + width - 1, 1, 0, tui->text_options.ascii_only ? "~" : "\xe2\x80\xa6", attr);
	} else if (safe) {
		draw_text(y, x, width, 0, safe, attr);
	}
	free(safe);
	return x + width + 2;
}

static void draw_heading(const struct tui *tui, const struct catalog_view *view, int y, size_t first)
{
	const struct catalog *catalog = tui->catalog;
	const struct catalog_entry *entry = &catalog->entries[first];
	char count[64];

	struct tui_attr attr = draw_style(tui, STYLE_TITLE);
	const char *name = entry->track && *entry->track ? entry->track : "(no track)";
	snprintf(count, sizeof(count), "%zu/%zu passed", view->track_passed[first], view->track_total[first]);
	int x = draw_cell(tui, y, 1, min_int(text_width(name, strlen(name)), COLS - 20), name, attr);
	draw_text(y, x, COLS - x, 0, count, draw_style(tui, STYLE_DIM));
}

static void draw_entry(const struct tui *tui, const struct catalog_view *view, int y, size_t row,
		       const struct columns *columns)
{
	const struct catalog_entry *entry = &tui->catalog->entries[view->rows[row].entry];
	const struct progress_summary *summary = &view->summaries[view->rows[row].entry];
	bool selected = row == view->selected;
	struct tui_attr plain = { A_NORMAL, 0 }, status_attr;
	char status[32];

	status_attr = draw_style(tui, status_text(summary, status, sizeof(status)));
	if (selected) {
		plain = draw_style(tui, STYLE_SELECTED);
		status_attr.attr |= A_REVERSE;
		draw_fill(y, 0, COLS, plain);
	}
	int x = draw_cell(tui, y, 2, columns->id, entry->display_id, plain);
	x = draw_cell(tui, y, x, columns->title, entry->title, plain);
	x = draw_cell(tui, y, x, columns->difficulty, difficulty_name(entry->difficulty), plain);
	x = draw_cell(tui, y, x, columns->language, entry->language, plain);
	draw_cell(tui, y, x, columns->status, status, status_attr);
}

static void draw_empty(const struct tui *tui, const struct catalog_view *view, int y)
{
	char text[512];

	if (view->filter[0])
		snprintf(text, sizeof(text), "No exercise matches the filter. Esc or Backspace changes it.");
	else if (tui->catalog_invalid)
		snprintf(text, sizeof(text), "No exercise loaded: %zu file%s failed to load; run `review check`.",
			 tui->catalog_invalid, tui->catalog_invalid == 1 ? "" : "s");
	else
		snprintf(text, sizeof(text), "No exercises found. Point review at a folder: review --exercises DIR");
	draw_text(y, 2, COLS - 4, 0, text, draw_style(tui, STYLE_DIM));
}

static void draw_filter_line(const struct tui *tui, const struct catalog_view *view, int y)
{
	char text[400];
	char *safe = tui_safe(tui, view->filter);

	snprintf(text, sizeof(text), "Filter: %s%s   (%zu of %zu)", safe ? safe : "",
		 view->filtering ? "_" : "", view->shown, tui->catalog ? tui->catalog->count : 0);
	free(safe);
	draw_fill(y, 0, COLS, draw_style(tui, view->filtering ? STYLE_TITLE_FOCUS : STYLE_TITLE));
	draw_text(y, 1, COLS - 2, 0, text, draw_style(tui, view->filtering ? STYLE_TITLE_FOCUS : STYLE_TITLE));
}

static void draw_top(const struct tui *tui, const struct catalog_view *view, const struct columns *columns)
{
	const struct catalog *catalog = tui->catalog;
	size_t tracks = 0, count = catalog ? catalog->count : 0;
	char title[128], right[256] = "";

	for (size_t i = 0; i < count; i++)
		tracks += i == 0 || !same_track(&catalog->entries[i - 1], &catalog->entries[i]);
	snprintf(title, sizeof(title), "review: %zu exercise%s in %zu track%s", count, count == 1 ? "" : "s",
		 tracks, tracks == 1 ? "" : "s");
	/* Which rows show, as the exercise panes say it; named rows, since the track
	 * headings count too and "1-21 of 146" beside "133 exercises" reads as a miscount. */
	if (view->row_count > (size_t)view->list_h && view->list_h > 0)
		snprintf(right, sizeof(right), "rows %d-%d of %zu%s", view->top + 1,
			 min_int(view->top + view->list_h, (int)view->row_count), view->row_count,
			 !(tui->catalog_invalid || (!tui->store && !tui->context->no_save)) ? ""
			 : tui->text_options.ascii_only						 ? " - "
												 : " \xc2\xb7 ");
	size_t used = strlen(right);
	if (tui->catalog_invalid)
		snprintf(right + used, sizeof(right) - used, "%zu file%s did not load (review check)",
			 tui->catalog_invalid, tui->catalog_invalid == 1 ? "" : "s");
	else if (!tui->store && !tui->context->no_save)
		snprintf(right + used, sizeof(right) - used, "progress is not being saved");
	draw_title(tui, 0, 0, COLS, title, right, true);
	struct tui_attr attr = draw_style(tui, STYLE_TITLE);
	draw_fill(1, 0, COLS, attr);
	int x = draw_cell(tui, 1, 2, columns->id, "ID", attr);
	x = draw_cell(tui, 1, x, columns->title, "TITLE", attr);
	x = draw_cell(tui, 1, x, columns->difficulty, columns->difficulty >= 10 ? "DIFFICULTY" : "DIFF", attr);
	x = draw_cell(tui, 1, x, columns->language, columns->language >= 8 ? "LANGUAGE" : "LANG", attr);
	draw_cell(tui, 1, x, columns->status, "STATUS", attr);
}

static void catalog_draw(struct tui *tui)
{
	struct catalog_view *view = tui->catalog_view;
	struct columns columns = measure(tui, view);
	bool filter_line = view->filtering || view->filter[0];

	view->list_y = 2;
	view->list_h = LINES - 3 - filter_line;
	int selected = (int)view->selected;
	if (selected < view->top)
		view->top = selected;
	if (selected > 0 && selected - 1 < view->top && view->rows[selected - 1].entry < 0)
		view->top = selected - 1; /* the track heading above its first entry */
	if (selected >= view->top + view->list_h)
		view->top = selected - view->list_h + 1;
	view->top = max_int(0, min_int(view->top, (int)view->row_count - view->list_h));
	draw_top(tui, view, &columns);
	if (view->shown == 0)
		draw_empty(tui, view, view->list_y + 1);
	for (int i = 0; i < view->list_h && (size_t)(view->top + i) < view->row_count; i++) {
		size_t row = (size_t)(view->top + i);
		if (view->rows[row].entry < 0)
			draw_heading(tui, view, view->list_y + i, (size_t)view->rows[row + 1].entry);
		else
			draw_entry(tui, view, view->list_y + i, row, &columns);
	}
	if (filter_line)
		draw_filter_line(tui, view, LINES - 2);
}

/* ---- Keys ---- */

static void move_selection(struct catalog_view *view, long delta)
{
	long row = (long)view->selected;
	long step = delta > 0 ? 1 : -1;

	if (view->shown == 0)
		return;
	for (long moved = 0; moved != delta;) {
		long next = row + step;
		while (next >= 0 && (size_t)next < view->row_count && view->rows[next].entry < 0)
			next += step;
		if (next < 0 || (size_t)next >= view->row_count)
			break;
		row = next;
		moved += step;
	}
	view->selected = (size_t)row;
}

static void open_selected(struct tui *tui, struct catalog_view *view)
{
	if (view->shown == 0)
		return;
	tui->app->open_path(tui, tui->catalog->entries[view->rows[view->selected].entry].path);
}

static void catalog_request(struct tui *tui, enum request request)
{
	struct catalog_view *view = tui->catalog_view;
	long page = max_int(1, view->list_h - 1), all = (long)view->row_count;

	switch (request) {
	case REQ_DOWN: move_selection(view, 1); break;
	case REQ_UP: move_selection(view, -1); break;
	case REQ_PAGE_DOWN: move_selection(view, page); break;
	case REQ_PAGE_UP: move_selection(view, -page); break;
	case REQ_TOP: move_selection(view, -all); break;
	case REQ_BOTTOM: move_selection(view, all); break;
	case REQ_OPEN: open_selected(tui, view); break;
	case REQ_LAST_RESULTS:
		tui->pending_results = view->shown > 0;
		open_selected(tui, view);
		break;
	case REQ_HALF_DOWN: move_selection(view, max_int(1, page / 2)); break;
	case REQ_HALF_UP: move_selection(view, -max_int(1, page / 2)); break;
	case REQ_FILTER: view->filtering = true; break;
	case REQ_ACCEPT: view->filtering = false; break;
	case REQ_CANCEL:
		view->filtering = false;
		view->filter[0] = '\0';
		build_rows(tui, view);
		break;
	case REQ_ERASE: {
		size_t length = strlen(view->filter);
		while (length > 0 && ((unsigned char)view->filter[length - 1] & 0xc0) == 0x80)
			length--; /* continuation bytes of the last character */
		view->filter[length > 0 ? length - 1 : 0] = '\0';
		build_rows(tui, view);
		break;
	}
	default: break;
	}
}

static bool catalog_input(struct tui *tui, wint_t ch)
{
	struct catalog_view *view = tui->catalog_view;
	char bytes[MB_LEN_MAX];
	mbstate_t state;

	if (!view->filtering || !iswprint(ch))
		return false;
	memset(&state, 0, sizeof(state));
	size_t length = wcrtomb(bytes, (wchar_t)ch, &state);
	size_t used = strlen(view->filter);
	if (length == (size_t)-1 || used + length + 1 > sizeof(view->filter))
		return true;
	memcpy(view->filter + used, bytes, length);
	view->filter[used + length] = '\0';
	build_rows(tui, view);
	return true;
}

static unsigned catalog_scopes(const struct tui *tui)
{
	if (tui->catalog_view->filtering)
		return SCOPE_FILTER;
	return SCOPE_CATALOG | SCOPE_NAV | SCOPE_TOP;
}

static void catalog_mouse(struct tui *tui, const MEVENT *event)
{
	struct catalog_view *view = tui->catalog_view;
	int row = view->top + event->y - view->list_y;

	if (event->bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
		move_selection(view, event->bstate & BUTTON4_PRESSED ? -3 : 3);
		return;
	}
	if (!(event->bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON1_RELEASED)) ||
	    event->y < view->list_y || event->y >= view->list_y + view->list_h || row < 0 ||
	    (size_t)row >= view->row_count || view->rows[row].entry < 0)
		return;
	if ((size_t)row == view->selected && (event->bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)))
		open_selected(tui, view);
	view->selected = (size_t)row;
}

const struct tui_screen_ops catalog_screen_ops = {
	"catalog", catalog_scopes, catalog_draw, catalog_request, catalog_mouse, catalog_input,
};
