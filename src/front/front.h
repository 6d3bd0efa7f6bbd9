/* The front-end layer that both front ends share, the headless verbs (src/cli)
 * and the terminal UI (src/tui): the options every verb and the UI take,
 * finding and loading the catalog and an exercise, the learner's candidate
 * order, collecting and watching exercise files, and the output layer that every
 * text from a file or the command line goes through. The core (include/review)
 * knows none of this; the verbs and the screens know nothing of each other. */
#ifndef REVIEW_FRONT_H
#define REVIEW_FRONT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "review/catalog.h"
#include "review/diag.h"
#include "review/exercise.h"
#include "review/order.h"
#include "review/progress.h"
#include "review/text.h"

/* Exit codes, documented in README. */
enum { EXIT_OK = 0, EXIT_FINDING = 1, EXIT_USAGE = 2 };

enum color_mode { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };
enum output_format { FORMAT_TEXT, FORMAT_JSON, FORMAT_JUNIT, FORMAT_TAP, FORMAT_GITHUB };

/* Options that every verb accepts, before or after the verb. */
struct front_context {
	const char *folders[32];   /* --exercises DIR, repeatable */
	size_t folder_count;
	char *path_copy;           /* backing store for REVIEW_PATH entries */
	char *data_folder;         /* the installed catalog found beside the binary */
	enum color_mode color;
	const char *state_path;    /* --state FILE, else REVIEW_STATE, else NULL (XDG default) */
	bool no_save;
	bool order_given;          /* --order */
	enum order_kind order;
	bool seed_given;           /* --seed N: shuffled by N */
	uint64_t seed;
	bool find_given;           /* --find or --no-find */
	bool find;                 /* open exercises on the find phase */
	struct catalog *loaded;    /* a catalog already loaded, handed to the next front_load_catalog */
};

/* Removes the global options from argv (anywhere before `--`), filling context.
 * Returns EXIT_OK or EXIT_USAGE (after printing the error). */
int front_take_global_options(struct front_context *context, int *argc, char **argv);
void front_context_free(struct front_context *context);

/* The catalog folders: --exercises, else REVIEW_PATH, else ./exercises, else the
 * installed data folder: the one beside the binary (BINDIR/../share/review/exercises,
 * so an install moved or made with --prefix DIR finds its own), else the
 * configured one. */
size_t front_catalog_folders(struct front_context *context, const char ***folders);

/* The exercise files under paths (folders or files), each path's sorted, less
 * the files that are not exercises: those a .reviewignore names, and READMEs
 * without front matter (each adds a note to notes). Returns the count; *files
 * is a new array (free with catalog_paths_free). */
size_t front_collect_files(const char *const *paths, size_t path_count, char ***files,
			 struct diag_list *diags, struct diag_list *notes);
/* Prints notes as `review VERB: note: FILE: message`. */
void front_print_notes(FILE *out, const char *verb, const struct diag_list *notes);

/* Loads the catalog (the exercise files under the catalog folders), or hands
 * over context->loaded when a catalog was loaded already; prints nothing.
 * Caller frees with catalog_free. */
struct catalog *front_load_catalog(struct front_context *context, struct diag_list *diags);

/* Loads the exercise an EXERCISE argument names (path, id, prefix or stem).
 * On failure prints the error(s) to stderr and returns NULL with *status set to
 * EXIT_USAGE (unknown/ambiguous/unreadable) or EXIT_FINDING (invalid file).
 * When catalog_out is not NULL, the loaded catalog is handed back (may be NULL). */
struct exercise *front_open_exercise(struct front_context *context, const char *query,
				   int *status, struct catalog **catalog_out);

/* When query names a catalog file that does not load (see catalog_find_broken),
 * says so and prints that file's diagnostics on stderr, returning EXIT_FINDING;
 * otherwise prints nothing and returns EXIT_OK. */
int front_report_broken(const struct catalog *catalog, const char *query);

/* --format parsing: accepts the names in `allowed` (a mask of 1 << format). */
bool front_parse_format(const char *text, unsigned allowed, enum output_format *out);

/* Prints `review VERB: message` and a pointer to --help on stderr; returns EXIT_USAGE.
 * The formatted message is written as one sanitized line: arguments may be hostile. */
int front_usage_error(const char *verb, const char *format, ...) __attribute__((format(printf, 2, 3)));

/* The error for what getopt_long returned as '?' or ':' (optstring "+:"). */
int front_option_error(const char *verb, int option, char **argv);

/* Prints FILE:LINE:COL: level: message lines, the file and the message each made
 * one safe line (a newline or tab in a YAML key cannot split a diagnostic). */
void front_print_diags(FILE *out, const struct diag_list *diags, bool color);

/* True when styled output should be used on this stream. */
bool front_use_color(const struct front_context *context, FILE *stream);

/* Sanitizing options for the current locale (ascii_only when not UTF-8). */
struct text_options front_text_options(void);

/* Terminal width of stdout, or 80 when it is not a terminal. */
int front_output_width(void);

/* Writes a styled doc as text, with ANSI styles when color is true. */
void front_write_doc(FILE *out, const struct text_doc *doc, bool color, const char *indent);
/* The doc's spans with no newline at all: a line that something may follow. */
void front_write_doc_inline(FILE *out, const struct text_doc *doc, bool color);

/* The output layer: every text that comes from a file or the command line
 * (titles, paths, ids, tags, YAML keys, arguments echoed back, suggestions)
 * reaches a stream through one of these, never through printf's %s. Controls,
 * C1, bidi and invisible characters become markers (see text_sanitize). */

/* Writes untrusted text as one line: newline and tab shown as ^J and ^I too, so
 * a row, a diagnostic or a usage error stays one record. */
void front_write_safe(FILE *out, const char *text);
/* The same as a new string (caller frees; "?" when out of memory, never NULL). */
char *front_safe_line(const char *text);
/* Writes a message whose newlines are its own structure (a list of suggestions
 * whose items were made one line each), sanitized otherwise. */
void front_write_lines(FILE *out, const char *text);
/* Prints `review VERB: ` and the message (its lines kept), then the --help pointer;
 * returns EXIT_USAGE. */
int front_usage_error_lines(const char *verb, const char *message);

/* The order to list the exercise's candidates in: --seed N, else --order file,
 * else the learner's order kept in store (drawn on first use), else with no
 * store (--no-save, or store NULL) file order, or a fresh shuffle when --order
 * shuffled or `fresh` asks for one. `authors` (show --key, preview) defaults to
 * file order. store may be NULL: then the store is opened when wanted. Never
 * fails: without a random source the order is the file's. */
struct order front_resolve_order(const struct front_context *context, struct progress_store *store,
			       const struct exercise *exercise, bool authors, bool fresh);
/* "file" or "shuffled (seed N)". */
void front_write_order(FILE *out, struct order order);
/* "order":"file","seed":null or "order":"shuffled","seed":"N" (no braces). */
void front_write_order_json(FILE *out, struct order order);

/* JSON writing helpers: a string escaped (all controls and invisibles as \uXXXX),
 * or null for NULL. */
void json_write_string(FILE *out, const char *text);
void json_write_key(FILE *out, const char *key); /* "key": */

#endif /* REVIEW_FRONT_H */
