/* The key table. Order matters: it is the order of the help overlay, the docs and
 * the footer (which drops entries from the end when the terminal is narrow). */
#include "keys.h" /* relative, so tests/unit/test_tui_keys.c can compile this file */

#include <curses.h>
#include <string.h>

#define ENTER_KEYS '\n', '\r', TUI_KEY_FN(KEY_ENTER)
#define EXERCISE_SCOPES (SCOPE_EXERCISE | SCOPE_ANSWER | SCOPE_RESULTS | SCOPE_FIND)

const struct key_binding keys_table[] = {
	{ REQ_HELP, SCOPE_CATALOG | EXERCISE_SCOPES | SCOPE_HELP | SCOPE_FILES, "Everywhere", { '?', TUI_KEY_FN(KEY_F(1)) },
	  "?, F1", "show or hide this help", "? help", 0, 9 },
	{ REQ_CANCEL, SCOPE_HELP, "Everywhere", { TUI_KEY_ESC }, "Esc",
	  "close the help", NULL, 0, 0 },
	{ REQ_BACK, SCOPE_NESTED, "Everywhere", { 'q' }, "q",
	  "go back: close the help, or leave the exercise for the catalog", "q back", 0, 9 },
	{ REQ_QUIT, SCOPE_TOP, "Everywhere", { 'q' }, "q",
	  "quit (from the catalog, or an exercise opened directly)", "q quit", 0, 9 },
	{ REQ_INTERRUPT, SCOPE_ALWAYS, "Everywhere", { TUI_KEY_CTRL('c') }, "Ctrl-C",
	  "quit at once; answers are already saved (not with --no-save)", NULL, 0, 0 },
	{ REQ_DOWN, SCOPE_NAV, "Moving", { 'j', TUI_KEY_FN(KEY_DOWN) }, "j, Down",
	  "select the next item, or scroll down", NULL, 0, 0 },
	{ REQ_UP, SCOPE_NAV, "Moving", { 'k', TUI_KEY_FN(KEY_UP) }, "k, Up",
	  "select the previous item, or scroll up", NULL, 0, 0 },
	{ REQ_TOP, SCOPE_NAV, "Moving", { 'g', TUI_KEY_FN(KEY_HOME) }, "g, Home",
	  "go to the top", NULL, 0, 0 },
	{ REQ_BOTTOM, SCOPE_NAV, "Moving", { 'G', TUI_KEY_FN(KEY_END) }, "G, End",
	  "go to the bottom", NULL, 0, 0 },
	{ REQ_PAGE_DOWN, SCOPE_NAV, "Moving", { TUI_KEY_FN(KEY_NPAGE), ' ' }, "PgDn, Space",
	  "page down", NULL, 0, 0 },
	{ REQ_PAGE_UP, SCOPE_NAV, "Moving", { TUI_KEY_FN(KEY_PPAGE) }, "PgUp",
	  "page up", NULL, 0, 0 },
	{ REQ_PAGE_DOWN, SCOPE_NAV, "Moving", { TUI_KEY_CTRL('f') }, "Ctrl-F",
	  "page down, as PgDn", NULL, 0, 0 },
	{ REQ_PAGE_UP, SCOPE_NAV, "Moving", { TUI_KEY_CTRL('b') }, "Ctrl-B",
	  "page up, as PgUp", NULL, 0, 0 },
	{ REQ_HALF_DOWN, SCOPE_NAV, "Moving", { TUI_KEY_CTRL('d') }, "Ctrl-D",
	  "half a page down", NULL, 0, 0 },
	{ REQ_HALF_UP, SCOPE_NAV, "Moving", { TUI_KEY_CTRL('u') }, "Ctrl-U",
	  "half a page up", NULL, 0, 0 },
	{ REQ_OPEN, SCOPE_CATALOG, "Catalog", { ENTER_KEYS }, "Enter",
	  "open the selected exercise", "Enter open", 0, 8 },
	{ REQ_FILTER, SCOPE_CATALOG, "Catalog", { '/' }, "/",
	  "filter the list as you type (id, title, track, language, tags)", "/ filter", 0, 7 },
	{ REQ_LAST_RESULTS, SCOPE_CATALOG, "Catalog", { 'L' }, "L",
	  "open the selected exercise on the results of your last attempt", "L last results", 0, 2 },
	{ REQ_ACCEPT, SCOPE_FILTER, "Catalog", { ENTER_KEYS }, "Enter",
	  "while filtering: keep the filter and go back to the list", "Enter keep", 0, 8 },
	{ REQ_CANCEL, SCOPE_FILTER, "Catalog", { TUI_KEY_ESC }, "Esc",
	  "while filtering: clear the filter", "Esc clear", 0, 7 },
	{ REQ_ERASE, SCOPE_FILTER, "Catalog",
	  { TUI_KEY_FN(KEY_BACKSPACE), 127, TUI_KEY_CTRL('h') }, "Backspace",
	  "while filtering: erase the last character", NULL, 0, 0 },
	{ REQ_DOWN, SCOPE_FILTER, "Catalog", { TUI_KEY_FN(KEY_DOWN) }, "Down",
	  "while filtering: select the next exercise", NULL, 0, 0 },
	{ REQ_UP, SCOPE_FILTER, "Catalog", { TUI_KEY_FN(KEY_UP) }, "Up",
	  "while filtering: select the previous exercise", NULL, 0, 0 },
	{ REQ_OPEN, SCOPE_FILES, "Files", { ENTER_KEYS }, "Enter",
	  "in `review preview FOLDER`: preview the selected file (q comes back to the list)",
	  "Enter preview", 0, 8 },
	{ REQ_FLAG, SCOPE_FIND, "Finding", { 'f', ENTER_KEYS }, "f, Enter",
	  "flag the code line under the cursor, or unflag it (ends a range being marked)",
	  "f flag", 0, 8 },
	{ REQ_FLAG_RANGE, SCOPE_FIND, "Finding", { 'v' }, "v",
	  "start marking a range at the cursor; move, then f (or 1/2/3) flags it, v again drops it "
	  "(keep it tight: a range over a whole function points at nothing)", "v range", 0, 5 },
	{ REQ_FLAG_BUG, SCOPE_FIND, "Finding", { '1' }, "1",
	  "flag the line (or range) as a bug", "1/2/3 as", 0, 3 },
	{ REQ_FLAG_WARNING, SCOPE_FIND, "Finding", { '2' }, "2",
	  "flag it as a warning", NULL, 0, 0 },
	{ REQ_FLAG_MINOR, SCOPE_FIND, "Finding", { '3' }, "3",
	  "flag it as minor", NULL, 0, 0 },
	{ REQ_UNFLAG, SCOPE_FIND, "Finding", { 'x' }, "x",
	  "remove the flag under the cursor", NULL, 0, 0 },
	{ REQ_END_FIND, SCOPE_FIND, "Finding", { 'e' }, "e",
	  "done finding: show the candidates to judge (with no flags, this skips finding)",
	  "e judge", 0, 7 },
	{ REQ_SKIP_FIND, SCOPE_FIND, "Finding", { 'F' }, "F",
	  "skip finding from now on: open every exercise on the candidates (remembered)",
	  NULL, 0, 0 },
	{ REQ_CANCEL, SCOPE_FIND, "Finding", { TUI_KEY_ESC }, "Esc",
	  "stop marking a range (or, with none, go back to the catalog like q; never quits)", NULL, 0, 0 },
	{ REQ_PREVIEW_FIND, SCOPE_PREVIEW, "Preview", { 'p' }, "p",
	  "preview the find phase as a learner sees it, the key's real lines flagged (p again to come back)",
	  "p find phase", 0, 6 },
	{ REQ_EDIT, SCOPE_AUTHOR | SCOPE_FILES, "Preview", { 'E' }, "E",
	  "edit the file in $VISUAL or $EDITOR at its first error (else warning, else the selected candidate), then reload it",
	  "E edit", 0, 6 },
	{ REQ_MARK_REAL, SCOPE_ANSWER, "Answering", { 'y' }, "y",
	  "the selected candidate is a real issue (keeps a severity already given)", "y real",
	  SCOPE_ON_CANDIDATES, 8 },
	{ REQ_MARK_NOT_REAL, SCOPE_ANSWER, "Answering", { 'n' }, "n",
	  "the selected candidate is not a real issue", "n not real", SCOPE_ON_CANDIDATES, 8 },
	{ REQ_MARK_BUG, SCOPE_ANSWER, "Answering", { '1' }, "1",
	  "real, severity bug", "1/2/3 severity", SCOPE_ON_CANDIDATES, 4 },
	{ REQ_MARK_WARNING, SCOPE_ANSWER, "Answering", { '2' }, "2",
	  "real, severity warning", NULL, 0, 0 },
	{ REQ_MARK_MINOR, SCOPE_ANSWER, "Answering", { '3' }, "3",
	  "real, severity minor", NULL, 0, 0 },
	{ REQ_HOW_TO_ANSWER, SCOPE_ANSWER, "Answering", { ENTER_KEYS }, "Enter",
	  "say which keys answer the selected candidate (from another pane, go to the candidates first)",
	  NULL, 0, 0 },
	{ REQ_HINT, SCOPE_ANSWER | SCOPE_FIND, "Answering", { 'h' }, "h",
	  "reveal the next hint (each costs 10% of the points; asks the first time)", "h hint", 0, 5 },
	{ REQ_SUBMIT, SCOPE_ANSWER, "Answering", { 's' }, "s",
	  "submit and see the results (names what is unanswered or without a severity first)",
	  "s submit", 0, 7 },
	{ REQ_CLEAR, SCOPE_ANSWER, "Answering", { 'x' }, "x",
	  "clear the answer of the selected candidate", NULL, 0, 0 },
	{ REQ_LAST_RESULTS, SCOPE_ANSWER | SCOPE_FIND, "Answering", { 'L' }, "L",
	  "show the results of your last attempt again (r comes back to your answers)", NULL, 0, 0 },
	{ REQ_NEXT_PANE, EXERCISE_SCOPES, "Exercise", { '\t' }, "Tab",
	  "focus the next pane (candidates, code, text, hints)", "Tab pane", 0, 6 },
	{ REQ_PREV_PANE, EXERCISE_SCOPES, "Exercise", { TUI_KEY_FN(KEY_BTAB) }, "Shift-Tab",
	  "focus the previous pane", NULL, 0, 0 },
	{ REQ_ZOOM, EXERCISE_SCOPES, "Exercise", { 'z' }, "z",
	  "zoom the focused pane to the whole screen, or back", "z zoom", 0, 2 },
	{ REQ_SCROLL_LEFT, EXERCISE_SCOPES, "Exercise", { '<', TUI_KEY_FN(KEY_LEFT) }, "<, Left",
	  "scroll the code left", NULL, 0, 0 },
	{ REQ_SCROLL_RIGHT, EXERCISE_SCOPES, "Exercise", { '>', TUI_KEY_FN(KEY_RIGHT) },
	  ">, Right", "scroll the code right", NULL, 0, 0 },
	{ REQ_SEARCH, EXERCISE_SCOPES, "Exercise", { '/' }, "/",
	  "search the code (Enter on an empty search finds the next match)", "/ search",
	  SCOPE_ON_CODE, 4 },
	{ REQ_GO_TO_LINE, EXERCISE_SCOPES, "Exercise", { ':' }, ":",
	  "go to a line of the code: type its number, then Enter", ": line", SCOPE_ON_CODE, 3 },
	{ REQ_ACCEPT, SCOPE_PROMPT, "Exercise", { ENTER_KEYS }, "Enter",
	  "while typing a search or a line: go there", "Enter go", 0, 8 },
	{ REQ_CANCEL, SCOPE_PROMPT, "Exercise", { TUI_KEY_ESC }, "Esc",
	  "while typing a search or a line: cancel", "Esc cancel", 0, 7 },
	{ REQ_ERASE, SCOPE_PROMPT, "Exercise",
	  { TUI_KEY_FN(KEY_BACKSPACE), 127, TUI_KEY_CTRL('h') }, "Backspace",
	  "while typing a search or a line: erase the last character", NULL, 0, 0 },
	{ REQ_CATALOG, SCOPE_ANSWER | SCOPE_RESULTS | SCOPE_FIND, "Exercise", { 'c' }, "c",
	  "open the catalog (also from an exercise opened with `review ID`)", "c catalog", 0, 1 },
	{ REQ_BACK, SCOPE_ESC_BACK, "Exercise", { TUI_KEY_ESC }, "Esc",
	  "go back to the catalog, like q (an exercise opened with `review ID`: Esc never quits)", NULL, 0, 0 },
	{ REQ_NEXT_WRONG, SCOPE_RESULTS, "Results", { 'w' }, "w",
	  "select the next candidate you got wrong or partly right", "w next wrong", 0, 7 },
	{ REQ_PREV_WRONG, SCOPE_RESULTS, "Results", { 'W' }, "W",
	  "select the previous one you got wrong or partly right", NULL, 0, 0 },
	{ REQ_RETRY, SCOPE_RESULTS, "Results", { 'r' }, "r",
	  "start a fresh attempt (after L: back to your answers)", "r retry", 0, 8 },
	{ REQ_NEXT_EXERCISE, EXERCISE_SCOPES, "Results", { ']' }, "]",
	  "open the next exercise in catalog order", "] next", SCOPE_RESULTS, 5 },
	{ REQ_PREV_EXERCISE, EXERCISE_SCOPES, "Results", { '[' }, "[",
	  "open the previous exercise in catalog order", "[ prev", SCOPE_RESULTS, 3 },
	{ REQ_ACCEPT, SCOPE_CONFIRM, "When asked", { 'y', 'Y', ENTER_KEYS }, "y, Enter",
	  "yes", "y yes", 0, 9 },
	{ REQ_CANCEL, SCOPE_CONFIRM, "When asked", { 'n', 'N', TUI_KEY_ESC }, "n, Esc",
	  "no", "n no", 0, 9 },
	{ REQ_MOUSE_DOC, SCOPE_MOUSE, "Mouse", { 0 }, "click",
	  "select a candidate or an exercise", NULL, 0, 0 },
	{ REQ_MOUSE_DOC, SCOPE_MOUSE, "Mouse", { 0 }, "wheel",
	  "scroll the pane under the pointer", NULL, 0, 0 },
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
