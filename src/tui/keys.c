/* The key table. Order matters: it is the order of the help overlay, the docs and
 * the footer (which drops entries from the end when the terminal is narrow). */
#include "keys.h" /* relative, so tests/unit/test_tui_keys.c can compile this file */

#include <curses.h>
#include <string.h>

#define ENTER_KEYS '\n', '\r', TUI_KEY_FN(KEY_ENTER)
#define EXERCISE_SCOPES (SCOPE_EXERCISE | SCOPE_ANSWER | SCOPE_RESULTS | SCOPE_FIND)

const struct key_binding keys_table[] = {
	{ REQ_HELP, SCOPE_CATALOG | EXERCISE_SCOPES | SCOPE_HELP, "Everywhere", { '?' }, "?",
	  "show or hide this help", "? help" },
	{ REQ_CANCEL, SCOPE_HELP, "Everywhere", { TUI_KEY_ESC }, "Esc",
	  "close the help", NULL },
	{ REQ_BACK, SCOPE_NESTED, "Everywhere", { 'q' }, "q",
	  "go back: close the help, or leave the exercise for the catalog", "q back" },
	{ REQ_QUIT, SCOPE_TOP, "Everywhere", { 'q' }, "q",
	  "quit (from the catalog, or an exercise opened directly)", "q quit" },
	{ REQ_INTERRUPT, SCOPE_ALWAYS, "Everywhere", { TUI_KEY_CTRL('c') }, "Ctrl-C",
	  "quit at once; answers are already saved", NULL },
	{ REQ_DOWN, SCOPE_NAV, "Moving", { 'j', TUI_KEY_FN(KEY_DOWN) }, "j, Down",
	  "select the next item, or scroll down", NULL },
	{ REQ_UP, SCOPE_NAV, "Moving", { 'k', TUI_KEY_FN(KEY_UP) }, "k, Up",
	  "select the previous item, or scroll up", NULL },
	{ REQ_TOP, SCOPE_NAV, "Moving", { 'g', TUI_KEY_FN(KEY_HOME) }, "g, Home",
	  "go to the top", NULL },
	{ REQ_BOTTOM, SCOPE_NAV, "Moving", { 'G', TUI_KEY_FN(KEY_END) }, "G, End",
	  "go to the bottom", NULL },
	{ REQ_PAGE_DOWN, SCOPE_NAV, "Moving", { TUI_KEY_FN(KEY_NPAGE), ' ' }, "PgDn, Space",
	  "page down", NULL },
	{ REQ_PAGE_UP, SCOPE_NAV, "Moving", { TUI_KEY_FN(KEY_PPAGE) }, "PgUp",
	  "page up", NULL },
	{ REQ_OPEN, SCOPE_CATALOG, "Catalog", { ENTER_KEYS }, "Enter",
	  "open the selected exercise", "Enter open" },
	{ REQ_FILTER, SCOPE_CATALOG, "Catalog", { '/' }, "/",
	  "filter the list as you type (id, title, track, language, tags)", "/ filter" },
	{ REQ_ACCEPT, SCOPE_FILTER, "Catalog", { ENTER_KEYS }, "Enter",
	  "while filtering: keep the filter and go back to the list", "Enter keep" },
	{ REQ_CANCEL, SCOPE_FILTER, "Catalog", { TUI_KEY_ESC }, "Esc",
	  "while filtering: clear the filter", "Esc clear" },
	{ REQ_ERASE, SCOPE_FILTER, "Catalog",
	  { TUI_KEY_FN(KEY_BACKSPACE), 127, TUI_KEY_CTRL('h') }, "Backspace",
	  "while filtering: erase the last character", NULL },
	{ REQ_FLAG, SCOPE_FIND, "Finding", { 'f', ENTER_KEYS }, "f, Enter",
	  "flag the code line under the cursor, or unflag it (ends a range being marked)",
	  "f flag" },
	{ REQ_FLAG_RANGE, SCOPE_FIND, "Finding", { 'v' }, "v",
	  "start marking a range at the cursor; move, then f to flag it", "v range" },
	{ REQ_FLAG_BUG, SCOPE_FIND, "Finding", { '1' }, "1",
	  "flag the line (or range) as a bug", "1/2/3 as" },
	{ REQ_FLAG_WARNING, SCOPE_FIND, "Finding", { '2' }, "2",
	  "flag it as a warning", NULL },
	{ REQ_FLAG_MINOR, SCOPE_FIND, "Finding", { '3' }, "3",
	  "flag it as minor", NULL },
	{ REQ_UNFLAG, SCOPE_FIND, "Finding", { 'x' }, "x",
	  "remove the flag under the cursor", NULL },
	{ REQ_END_FIND, SCOPE_FIND, "Finding", { 'e' }, "e",
	  "done finding: show the candidates to judge (with no flags, this skips finding)",
	  "e judge" },
	{ REQ_SKIP_FIND, SCOPE_FIND, "Finding", { 'F' }, "F",
	  "skip finding from now on: open every exercise on the candidates (remembered)",
	  NULL },
	{ REQ_CANCEL, SCOPE_FIND, "Finding", { TUI_KEY_ESC }, "Esc",
	  "stop marking a range", NULL },
	{ REQ_MARK_REAL, SCOPE_ANSWER, "Answering", { 'y' }, "y",
	  "the selected candidate is a real issue", "y real" },
	{ REQ_MARK_NOT_REAL, SCOPE_ANSWER, "Answering", { 'n' }, "n",
	  "the selected candidate is not a real issue", "n not real" },
	{ REQ_MARK_BUG, SCOPE_ANSWER, "Answering", { '1' }, "1",
	  "real, severity bug", "1/2/3 severity" },
	{ REQ_MARK_WARNING, SCOPE_ANSWER, "Answering", { '2' }, "2",
	  "real, severity warning", NULL },
	{ REQ_MARK_MINOR, SCOPE_ANSWER, "Answering", { '3' }, "3",
	  "real, severity minor", NULL },
	{ REQ_HINT, SCOPE_ANSWER | SCOPE_FIND, "Answering", { 'h' }, "h",
	  "reveal the next hint (each costs 10% of the points; asks the first time)", "h hint" },
	{ REQ_SUBMIT, SCOPE_ANSWER, "Answering", { 's' }, "s",
	  "submit and see the results (asks when candidates are unanswered)", "s submit" },
	{ REQ_CLEAR, SCOPE_ANSWER, "Answering", { 'x' }, "x",
	  "clear the answer of the selected candidate", NULL },
	{ REQ_NEXT_PANE, EXERCISE_SCOPES, "Exercise", { '\t' }, "Tab",
	  "focus the next pane (candidates, code, text, hints)", "Tab pane" },
	{ REQ_PREV_PANE, EXERCISE_SCOPES, "Exercise", { TUI_KEY_FN(KEY_BTAB) }, "Shift-Tab",
	  "focus the previous pane", NULL },
	{ REQ_SCROLL_LEFT, EXERCISE_SCOPES, "Exercise", { '<', TUI_KEY_FN(KEY_LEFT) }, "<, Left",
	  "scroll the code left", NULL },
	{ REQ_SCROLL_RIGHT, EXERCISE_SCOPES, "Exercise", { '>', TUI_KEY_FN(KEY_RIGHT) },
	  ">, Right", "scroll the code right", NULL },
	{ REQ_RETRY, SCOPE_RESULTS, "Results", { 'r' }, "r",
	  "start a fresh attempt", "r retry" },
	{ REQ_NEXT_EXERCISE, EXERCISE_SCOPES, "Results", { ']' }, "]",
	  "open the next exercise in catalog order", "] next" },
	{ REQ_PREV_EXERCISE, EXERCISE_SCOPES, "Results", { '[' }, "[",
	  "open the previous exercise in catalog order", "[ prev" },
	{ REQ_ACCEPT, SCOPE_CONFIRM, "When asked", { 'y', 'Y', ENTER_KEYS }, "y, Enter",
	  "yes", "y yes" },
	{ REQ_CANCEL, SCOPE_CONFIRM, "When asked", { 'n', 'N', TUI_KEY_ESC }, "n, Esc",
	  "no", "n no" },
	{ REQ_MOUSE_DOC, SCOPE_MOUSE, "Mouse", { 0 }, "click",
	  "select a candidate or an exercise", NULL },
	{ REQ_MOUSE_DOC, SCOPE_MOUSE, "Mouse", { 0 }, "wheel",
	  "scroll the pane under the pointer", NULL },
};

const size_t keys_count = sizeof(keys_table) / sizeof(*keys_table);

bool keys_applies(const struct key_binding *binding, unsigned active_scopes)
{
	return (binding->scopes & active_scopes) != 0;
}

enum request keys_lookup(int key, unsigned active_scopes)
{
	for (size_t i = 0; i < keys_count; i++) {
		const struct key_binding *binding = &keys_table[i];
		if (!keys_applies(binding, active_scopes))
			continue;
		for (size_t k = 0; k < sizeof(binding->keys) / sizeof(*binding->keys) && binding->keys[k]; k++)
			if (binding->keys[k] == key)
				return binding->request;
	}
	return REQ_NONE;
}

void keys_write_text(FILE *out)
{
	const char *section = NULL;

	for (size_t i = 0; i < keys_count; i++) {
		const struct key_binding *binding = &keys_table[i];
		if (!section || strcmp(section, binding->section) != 0) {
			section = binding->section;
			fprintf(out, "%s%s:\n", i ? "\n" : "", section);
		}
		fprintf(out, "  %-12s %s\n", binding->names, binding->help);
	}
}
