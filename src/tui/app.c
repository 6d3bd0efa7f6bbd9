/* The TUI's entry points and main loop: `review [EXERCISE]` and `review preview
 * [EXERCISE|FOLDER] [--watch]`. The loop owns the terminal, turns keys into
 * requests through the key table, and hands them to the current screen, the help
 * overlay or the open question. Screen changes asked for during a request happen
 * after it. With --watch it waits on the files as well as on the keys. */
#include <poll.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h" /* app.c is the verbs tui and preview */
#include "review/loader.h"
#include "tui/terminal.h"
#include "tui/tui.h"

static void load_catalog(struct tui *tui);

/* ---- Where screens ask to go: the ops they are given (struct tui_app_ops) ---- */

static void open_path(struct tui *tui, const char *path)
{
	free(tui->pending_path);
	tui->pending_path = strdup(path);
	if (!tui->pending_path)
		tui_message(tui, "Out of memory.");
}

static void show_catalog(struct tui *tui)
{
	tui->pending_catalog = true;
}

static void back(struct tui *tui)
{
	if (tui->files_view && !tui->direct)
		tui->pending_files = true;
	else if (tui->direct || !tui->catalog)
		tui->quit = true;
	else
		show_catalog(tui);
}

static void go_to_catalog(struct tui *tui)
{
	if (!tui->catalog)
		load_catalog(tui);
	if (!tui->catalog) {
		tui_message(tui, "The catalog could not be loaded: `review list` says why.");
		return;
	}
	tui->direct = false; /* from now on q goes back to it */
	show_catalog(tui);
}

static void open_neighbour(struct tui *tui, const char *exercise_id, int offset)
{
	long index = tui->catalog ? catalog_index_of(tui->catalog, exercise_id) : -1;
	long next = index + offset;

	if (index < 0)
		tui_message(tui, "This exercise is not in the catalog, so it has no next or previous one.");
	else if (next < 0)
		tui_message(tui, "This is the first exercise of the catalog.");
	else if ((size_t)next >= tui->catalog->count)
		tui_message(tui, "This is the last exercise of the catalog.");
	else
		open_path(tui, tui->catalog->entries[next].path);
}

/* The only way the screens reach the app: they never call app.c by name. */
static const struct tui_app_ops app_ops = {
	.open_path = open_path,
	.show_catalog = show_catalog,
	.back = back,
	.go_to_catalog = go_to_catalog,
	.open_neighbour = open_neighbour,
};

/* ---- Screen changes ---- */

/* keep_place: the same file again, shown where the last view was. */
static bool show_exercise(struct tui *tui, struct exercise *exercise, struct diag_list *diags, bool keep_place)
{
	struct exercise_view *view =
		exercise_view_new(tui, exercise, tui->preview ? MODE_PREVIEW : MODE_ANSWER, diags);
	if (!view) {
		tui_message(tui, "Out of memory.");
		return false;
	}
	if (keep_place && tui->exercise_view) {
		exercise_view_keep_place(tui, view, tui->exercise_view);
	} else {
		exercise_view_free(tui->exercise_view);
		exercise_view_free(tui->parked_view);
		tui->parked_view = NULL;
	}
	tui->exercise_view = view;
	tui->screen = &exercise_screen_ops;
	return true;
}

/* A preview follows its file: watched, and named for the editor and reloads. */
static bool follow_file(struct tui *tui, const char *path)
{
	char *error = NULL;
	char *copy = strdup(path);

	if (!copy) {
		tui_message(tui, "Out of memory.");
		return false;
	}
	free(tui->preview_path);
	tui->preview_path = copy;
	if (tui->watch && !watch_add(tui->watch, path, &error))
		tui_message(tui, "Not watching this file: %s", error ? error : "out of memory");
	free(error);
	return true;
}

static bool load_and_show(struct tui *tui, const char *path, bool keep_place)
{
	struct diag_list diags = DIAG_LIST_INIT;
	struct exercise *exercise = NULL;
	enum loader_status status = loader_load_file(path, &exercise, &diags);

	if (status != LOADER_OK || diag_count(&diags, DIAG_ERROR) > 0) {
		exercise_free(exercise);
		exercise = NULL;
		if (!tui->preview) {
			size_t errors = diag_count(&diags, DIAG_ERROR);
			tui_message(tui, "%s does not load (%zu error%s): `review check %s` shows why.", path,
				    errors, errors == 1 ? "" : "s", path);
			diag_list_free(&diags);
			return false;
		}
	}
	bool shown = show_exercise(tui, exercise, &diags, keep_place);
	diag_list_free(&diags);
	return shown;
}

static bool open_now(struct tui *tui, const char *path)
{
	if (tui->preview && !follow_file(tui, path))
		return false;
	return load_and_show(tui, path, false);
}

/* The preview's file changed (a save, the editor): the same place, new content;
 * a file that no longer loads shows why, and the next good save recovers. */
static void reload(struct tui *tui)
{
	if (tui->files_view)
		tui->files_stale = true;
	if (tui->screen == &files_screen_ops) {
		tui->files_stale = !files_view_refresh(tui);
		char *error = NULL;
		if (tui->watch && !files_view_watch(tui, tui->watch, &error))
			tui_message(tui, "Not watching every folder: %s", error ? error : "out of memory");
		free(error);
	} else if (tui->screen == &exercise_screen_ops && tui->preview_path) {
		char *path = strdup(tui->preview_path);
		if (path)
			load_and_show(tui, path, true);
		free(path);
	}
}

/* E: the previewed file, or the file selected in the list. What the editor
 * saved is reloaded now; the watcher's echo of it is dropped. */
static void edit_file(struct tui *tui)
{
	const char *path = tui->preview_path;
	int line = 0;

	if (tui->screen == &files_screen_ops && !files_view_selected(tui, &path, &line))
		return;
	if (tui->screen == &exercise_screen_ops)
		line = exercise_view_edit_line(tui->exercise_view);
	if (!path || !editor_edit(tui, path, line))
		return;
	if (tui->watch)
		watch_read(tui->watch);
	reload(tui);
}

static bool show_catalog_now(struct tui *tui)
{
	if (!tui->catalog_view && !catalog_view_new(tui))
		return false;
	catalog_view_refresh(tui);
	exercise_view_free(tui->exercise_view);
	tui->exercise_view = NULL;
	exercise_view_free(tui->parked_view);
	tui->parked_view = NULL;
	tui->screen = &catalog_screen_ops;
	return true;
}

static bool show_files_now(struct tui *tui)
{
	if (tui->files_stale)
		tui->files_stale = !files_view_refresh(tui);
	exercise_view_free(tui->exercise_view);
	tui->exercise_view = NULL;
	exercise_view_free(tui->parked_view);
	tui->parked_view = NULL;
	free(tui->preview_path);
	tui->preview_path = NULL;
	tui->screen = &files_screen_ops;
	return true;
}

static bool apply_pending(struct tui *tui)
{
	if (tui->pending_files) {
		tui->pending_files = false;
		return show_files_now(tui);
	}
	if (tui->pending_path) {
		char *path = tui->pending_path;
		bool results = tui->pending_results;
		tui->pending_path = NULL;
		tui->pending_results = false;
		if (open_now(tui, path) && results)
			exercise_show_last_results(tui);
		free(path);
		return true;
	}
	if (tui->pending_catalog) {
		tui->pending_catalog = false;
		if (!show_catalog_now(tui))
			tui->quit = true;
		return true;
	}
	return false;
}

/* ---- The loop ---- */

static bool too_small(void)
{
	return COLS < TUI_MIN_COLS || LINES < TUI_MIN_LINES;
}

static unsigned active_scopes(const struct tui *tui)
{
	if (tui->confirm.open)
		return SCOPE_ALWAYS | SCOPE_CONFIRM;
	if (tui->help_open)
		return SCOPE_ALWAYS | SCOPE_HELP | SCOPE_NAV | SCOPE_NESTED;
	unsigned author = tui->preview && tui->screen == &exercise_screen_ops ? SCOPE_AUTHOR : 0;
	return SCOPE_ALWAYS | author | tui->screen->scopes(tui);
}

/* "y, Enter: yes    n, Esc: no", from the key table. */
static void confirm_keys(char *out, size_t size)
{
	out[0] = '\0';
	for (size_t i = 0; i < keys_count; i++) {
		const struct key_binding *binding = &keys_table[i];
		if (!(binding->scopes & SCOPE_CONFIRM))
			continue;
		size_t used = strlen(out);
		snprintf(out + used, size - used, "%s%s: %s", used ? "    " : "", binding->names, binding->help);
	}
}

static void draw(struct tui *tui)
{
	erase();
	if (too_small()) {
		draw_too_small(tui);
	} else {
		tui->screen->draw(tui);
		draw_footer(tui, active_scopes(tui));
		if (tui->help_open)
			help_draw(tui);
		if (tui->confirm.open) {
			char keys[128];
			confirm_keys(keys, sizeof(keys));
			draw_dialog(tui, tui->confirm.text, keys);
		}
	}
	refresh();
}

static void on_confirm(struct tui *tui, enum request request)
{
	if (request == REQ_ACCEPT) {
		tui->confirm.open = false;
		tui->confirm.accept(tui);
	} else if (request == REQ_CANCEL) {
		tui->confirm.open = false;
		if (tui->confirm.cancel)
			tui->confirm.cancel(tui);
	}
}

static void clear_message(struct tui *tui);

static void on_key(struct tui *tui, int key, wint_t typed)
{
	enum request request = keys_lookup(key, active_scopes(tui));
	/* The too-small notice says q quits: it does, whatever was open. */
	enum request small = too_small() ? keys_lookup(key, SCOPE_TOP) : REQ_NONE;

	clear_message(tui);
	if (request == REQ_INTERRUPT || small == REQ_QUIT) {
		tui->quit = true;
	} else if (too_small()) {
		return;
	} else if (tui->confirm.open) {
		on_confirm(tui, request);
	} else if (tui->help_open) {
		help_request(tui, request);
	} else if (request == REQ_HELP) {
		tui->help_open = true;
		tui->help_top = 0;
	} else if (request == REQ_QUIT) {
		tui->quit = true;
	} else if (request == REQ_EDIT) {
		edit_file(tui);
	} else if (request != REQ_NONE) {
		tui->screen->request(tui, request);
	} else if (!(typed && tui->screen->input && tui->screen->input(tui, typed)) && typed > ' ') {
		tui_message(tui, "That key does nothing here; press ? for the keys.");
	}
}

static void on_mouse(struct tui *tui)
{
	MEVENT event;

	if (getmouse(&event) != OK || too_small() || tui->confirm.open)
		return;
	clear_message(tui);
	if (!tui->help_open) {
		if (tui->screen->mouse)
			tui->screen->mouse(tui, &event);
	} else if (event.bstate & BUTTON4_PRESSED) {
		help_request(tui, REQ_PAGE_UP);
	} else if (event.bstate & BUTTON5_PRESSED) {
		help_request(tui, REQ_PAGE_DOWN);
	}
}

/* With --watch, curses does not wait (timeout 0): poll() waits on the keys and
 * the files together. True when a watched file changed, the burst of events of
 * a save settled. A resize or a signal interrupts the poll, and get_wch then
 * returns what curses has. */
static bool files_changed(struct tui *tui)
{
	struct pollfd fds[2] = { { STDIN_FILENO, POLLIN, 0 }, { watch_fd(tui->watch), POLLIN, 0 } };

	if (poll(fds, 2, 250) <= 0)
		return false;
	if (fds[0].revents & (POLLHUP | POLLERR | POLLNVAL))
		tui->quit = true; /* the terminal is gone */
	if (!(fds[1].revents & POLLIN) || !watch_read(tui->watch))
		return false;
	watch_settle(tui->watch, 30, 80);
	return true;
}

static void loop(struct tui *tui)
{
	bool dirty = true;

	while (!tui->quit && !terminal_pending_signal()) {
		dirty = apply_pending(tui) || dirty;
		if (tui->quit)
			break;
		if (dirty)
			draw(tui);
		dirty = false;
		if (tui->watch && files_changed(tui)) {
			reload(tui);
			dirty = true;
			continue;
		}
		wint_t ch;
		int kind = get_wch(&ch);
		if (kind == ERR)
			continue;
		dirty = true;
		if (kind == KEY_CODE_YES && ch == KEY_RESIZE) {
			/* Resizes can arrive faster than we draw, and the terminal may have
			 * reflowed or dropped what it showed: repaint every cell, not a diff. */
			clearok(curscr, TRUE);
			continue;
		}
		if (kind == KEY_CODE_YES && ch == KEY_MOUSE)
			on_mouse(tui);
		else
			on_key(tui, kind == KEY_CODE_YES ? TUI_KEY_FN((int)ch) : (int)ch,
			       kind == KEY_CODE_YES ? 0 : ch);
	}
}

static bool want_color(const struct tui *tui)
{
	const char *no_color = getenv("NO_COLOR");
	return has_colors() && !(no_color && *no_color) && tui->context->color != COLOR_NEVER;
}

/* Runs the loop on the screen already chosen; returns the exit status. */
static int run(struct tui *tui)
{
	SCREEN *screen = terminal_start();

	if (!screen)
		return EXIT_USAGE;
	tui->color = want_color(tui);
	draw_init_styles(tui);
	/* Without mouse support this does nothing; the keys do everything anyway. */
	mousemask(BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	mouseinterval(0);
	if (tui->watch)
		timeout(0);
	loop(tui);
	terminal_stop(screen);
	int sig = terminal_pending_signal();
	return sig ? 128 + sig : EXIT_OK;
}

/* ---- Setting up and tearing down ---- */

static void tui_init(struct tui *tui, struct front_context *context, bool preview)
{
	memset(tui, 0, sizeof(*tui));
	tui->context = context;
	tui->text_options = front_text_options();
	tui->preview = preview;
	tui->screen = &catalog_screen_ops;
	tui->app = &app_ops;
}

static void tui_free(struct tui *tui)
{
	exercise_view_free(tui->exercise_view);
	exercise_view_free(tui->parked_view);
	catalog_view_free(tui->catalog_view);
	files_view_free(tui->files_view);
	watch_free(tui->watch);
	free(tui->preview_path);
	catalog_free(tui->catalog);
	progress_close(tui->store);
	free(tui->pending_path);
}

/* Opens the store for saving. When it cannot be written the store still opens
 * read-only (saved progress shows) and when it is busy a reader stands in until a
 * later key finds it free: either way the footer keeps saying saving is off. */
static void open_store(struct tui *tui)
{
	char *message = NULL;

	if (tui->context->no_save || tui->preview)
		return;
	struct progress_store *store = NULL;
	enum progress_status status = progress_open(tui->context->state_path, &store, &message);
	tui->store_retry = status == PROGRESS_BUSY;
	if (status == PROGRESS_OK || !tui->store) {
		progress_close(tui->store);
		tui->store = store;
	} else {
		progress_close(store); /* a retry that failed again: keep the reader */
	}
	if (tui->store_retry && !tui->store)
		progress_open_reader(tui->context->state_path, &tui->store, NULL);
	/* --find and --no-find are remembered for the next sessions too. */
	if (status == PROGRESS_OK && tui->context->find_given)
		progress_set_find_phase(tui->store, tui->context->find);
	if (status == PROGRESS_OK) {
		tui->store_notice[0] = '\0';
		if (message)
			tui_message(tui, "%s", message);
	} else if (message) {
		tui_message(tui, "Saving is off%s: %s", tui->store_retry ? " for now (retried at the next key)" : "",
			    message);
		snprintf(tui->store_notice, sizeof(tui->store_notice), "%s", tui->message);
	}
	free(message);
}

/* Before each key: the last message goes; the store notice stays; a busy store
 * is tried again. */
static void clear_message(struct tui *tui)
{
	tui->message[0] = '\0';
	if (tui->store_retry)
		open_store(tui);
	snprintf(tui->message, sizeof(tui->message), "%s", tui->store_notice);
}

static void load_catalog(struct tui *tui)
{
	struct diag_list diags = DIAG_LIST_INIT;

	tui->catalog = front_load_catalog(tui->context, &diags);
	if (tui->catalog)
		tui->catalog_invalid = tui->catalog->file_count - tui->catalog->count;
	diag_list_free(&diags);
}

static int print_help(bool preview)
{
	if (preview)
		fputs(cli_find_verb("preview")->usage, stdout);
	else
		printf("usage: review [OPTIONS] [EXERCISE]\n\n"
		       "Opens the catalog in the terminal UI, or EXERCISE (an id, a unique id prefix,\n"
		       "a file stem or a path) directly. Answers are saved as you go; `review list`,\n"
		       "`review show` and `review grade` work without a terminal.\n");
	printf("\nKeys in the terminal UI (also behind `?`):\n\n");
	keys_write_text(stdout);
	return EXIT_OK;
}

/* The EXERCISE argument, if any, and preview's --watch; returns EXIT_OK or a
 * usage error. */
static int parse_arguments(int argc, char **argv, bool preview, const char **query, bool *help, bool *watch)
{
	const char *verb = preview ? "preview" : NULL;
	bool options_done = false;

	*query = NULL;
	*help = false;
	*watch = false;
	for (int i = 1; i < argc; i++) {
		if (!options_done && strcmp(argv[i], "--") == 0) {
			options_done = true;
		} else if (!options_done && (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)) {
			*help = true;
			return EXIT_OK;
		} else if (preview && !options_done && strcmp(argv[i], "--watch") == 0) {
			*watch = true;
		} else if (!options_done && argv[i][0] == '-' && argv[i][1]) {
			return front_usage_error(verb, "unknown option '%s'", argv[i]);
		} else if (*query) {
			return front_usage_error(verb, "one EXERCISE at a time ('%s' is one too many)", argv[i]);
		} else {
			*query = argv[i];
		}
	}
	return EXIT_OK;
}

int verb_tui(struct front_context *context, int argc, char **argv)
{
	const char *query;
	bool help, watch;
	int status = parse_arguments(argc, argv, false, &query, &help, &watch);
	struct tui tui;

	if (status != EXIT_OK || help)
		return status == EXIT_OK ? print_help(false) : status;
	if (!terminal_check())
		return EXIT_USAGE;
	tui_init(&tui, context, false);
	if (query) {
		struct exercise *exercise = front_open_exercise(context, query, &status, &tui.catalog);
		if (!exercise) {
			tui_free(&tui);
			return status == EXIT_OK ? EXIT_USAGE : status;
		}
		tui.direct = true;
		open_store(&tui);
		if (!show_exercise(&tui, exercise, NULL, false))
			status = EXIT_USAGE;
	} else {
		load_catalog(&tui);
		open_store(&tui);
		if (!show_catalog_now(&tui))
			status = EXIT_USAGE;
	}
	if (status == EXIT_OK)
		status = run(&tui);
	tui_free(&tui);
	return status;
}

static bool is_regular_file(const char *path)
{
	struct stat info;
	return stat(path, &info) == 0 && S_ISREG(info.st_mode);
}

static bool is_folder(const char *path)
{
	struct stat info;
	return stat(path, &info) == 0 && S_ISDIR(info.st_mode);
}

/* The file an EXERCISE argument names (catalog lookup unless it is a file). */
static const char *preview_path(struct tui *tui, const char *query)
{
	const struct catalog_entry *entry = NULL;
	char *message = NULL;

	load_catalog(tui);
	if (is_regular_file(query))
		return query;
	if (tui->catalog && catalog_find(tui->catalog, query, &entry, &message) == CATALOG_FOUND)
		return entry->path;
	/* A file that does not load previews as its diagnostics. */
	const char *broken = tui->catalog ? catalog_find_broken(tui->catalog, query) : NULL;
	if (broken) {
		free(message);
		return broken;
	}
	fprintf(stderr, "review preview: ");
	front_write_lines(stderr, message ? message : "no such exercise");
	fputc('\n', stderr);
	free(message);
	return NULL;
}

/* `review preview` with no argument or a folder: the list of its files. */
static bool browse(struct tui *tui, const char *folder)
{
	const char **roots = NULL;
	size_t count = 1;
	char *error = NULL;

	tui->folder_argument = folder;
	if (folder)
		roots = &tui->folder_argument;
	else
		count = front_catalog_folders(tui->context, &roots);
	load_catalog(tui);
	if (!files_view_new(tui, roots, count)) {
		fprintf(stderr, "review preview: out of memory\n");
		return false;
	}
	if (tui->watch && !files_view_watch(tui, tui->watch, &error)) {
		fprintf(stderr, "review preview: %s\n", error ? error : "out of memory");
		free(error);
		return false;
	}
	tui->direct = false; /* q in a preview goes back to the list */
	tui->screen = &files_screen_ops;
	return true;
}

static bool start_watching(struct tui *tui)
{
	char *error = NULL;

	tui->watch = watch_new(&error);
	if (!tui->watch)
		fprintf(stderr, "review preview: %s\n", error ? error : "out of memory");
	free(error);
	return tui->watch != NULL;
}

int verb_preview(struct front_context *context, int argc, char **argv)
{
	const char *query;
	bool help, watch;
	int status = parse_arguments(argc, argv, true, &query, &help, &watch);
	struct tui tui;

	if (status != EXIT_OK || help)
		return status == EXIT_OK ? print_help(true) : status;
	if (!terminal_check())
		return EXIT_USAGE;
	tui_init(&tui, context, true);
	tui.direct = true;
	if (watch && !start_watching(&tui)) {
		status = EXIT_USAGE;
	} else if (!query || is_folder(query)) {
		status = browse(&tui, query) ? run(&tui) : EXIT_USAGE;
	} else {
		const char *path = preview_path(&tui, query);
		status = path && open_now(&tui, path) ? run(&tui) : EXIT_USAGE;
	}
	tui_free(&tui);
	return status;
}
