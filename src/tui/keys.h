/* The one key table of the TUI (tig's request.h idea): every request with its
 * keys, where it applies and its help text. Key dispatch, the `?` overlay, the
 * footer and `review --help`'s key list all read it, so they cannot disagree. */
#ifndef REVIEW_TUI_KEYS_H
#define REVIEW_TUI_KEYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum request {
	REQ_NONE,
	REQ_INTERRUPT,
	REQ_HELP,
	REQ_BACK,
	REQ_QUIT,
	REQ_DOWN,
	REQ_UP,
	REQ_TOP,
	REQ_BOTTOM,
	REQ_PAGE_DOWN,
	REQ_PAGE_UP,
	REQ_OPEN,
	REQ_FILTER,
	REQ_NEXT_PANE,
	REQ_PREV_PANE,
	REQ_SCROLL_LEFT,
	REQ_SCROLL_RIGHT,
	REQ_MARK_REAL,
	REQ_MARK_NOT_REAL,
	REQ_MARK_BUG,
	REQ_MARK_WARNING,
	REQ_MARK_MINOR,
	REQ_HOW_TO_ANSWER,
	REQ_CLEAR,
	REQ_HINT,
	REQ_SUBMIT,
	REQ_RETRY,
	REQ_NEXT_EXERCISE,
	REQ_PREV_EXERCISE,
	REQ_ACCEPT,
	REQ_CANCEL,
	REQ_ERASE,
	REQ_FLAG,
	REQ_FLAG_RANGE,
	REQ_FLAG_BUG,
	REQ_FLAG_WARNING,
	REQ_FLAG_MINOR,
	REQ_UNFLAG,
	REQ_END_FIND,
	REQ_SKIP_FIND,
	REQ_HALF_DOWN,
	REQ_HALF_UP,
	REQ_NEXT_WRONG,
	REQ_PREV_WRONG,
	REQ_LAST_RESULTS,
	REQ_CATALOG,
	REQ_ZOOM,
	REQ_SEARCH,
	REQ_GO_TO_LINE,
	REQ_PREVIEW_FIND,
	REQ_EDIT,
	REQ_MOUSE_DOC, /* documents the mouse; bound to no key */
};

/* Where a binding applies; the app computes the set active at each moment. */
enum key_scope {
	SCOPE_ALWAYS = 1u << 0,   /* even while typing or confirming */
	SCOPE_NAV = 1u << 1,      /* any list or pane that moves or scrolls */
	SCOPE_TOP = 1u << 2,      /* `q` quits from here */
	SCOPE_NESTED = 1u << 3,   /* `q` goes back from here */
	SCOPE_CATALOG = 1u << 4,
	SCOPE_FILTER = 1u << 5,   /* typing a catalog filter */
	SCOPE_EXERCISE = 1u << 6, /* any exercise screen: answering, results, preview */
	SCOPE_ANSWER = 1u << 7,   /* answering, not yet submitted */
	SCOPE_RESULTS = 1u << 8,
	SCOPE_CONFIRM = 1u << 9,  /* a yes/no question is open */
	SCOPE_HELP = 1u << 10,    /* the help overlay is open */
	SCOPE_MOUSE = 1u << 11,   /* documentation only */
	SCOPE_FIND = 1u << 12,    /* the find phase: flagging lines, candidates hidden */
	SCOPE_PROMPT = 1u << 13,  /* typing a search or a line number for the code */
	/* Which pane has the focus: bindings never use these, the footer does. */
	SCOPE_ON_CANDIDATES = 1u << 14,
	SCOPE_ON_CODE = 1u << 15,
	SCOPE_ESC_BACK = 1u << 16, /* Esc goes back from here (an exercise opened from the catalog) */
	SCOPE_PREVIEW = 1u << 17,  /* an author's preview, of the judging or of the find phase */
	SCOPE_AUTHOR = 1u << 18,   /* `review preview` on an exercise, whether its file loads or not */
	SCOPE_FILES = 1u << 19,    /* `review preview FOLDER`: the list of its files */
};

/* Keys are curses wide characters; function keys (KEY_*) carry this bit so they
 * never collide with a character code. */
#define TUI_KEY_FUNCTION 0x40000000
#define TUI_KEY_FN(code) ((code) | TUI_KEY_FUNCTION)
#define TUI_KEY_CTRL(c) ((c) & 0x1f)
#define TUI_KEY_ESC 27

struct key_binding {
	enum request request;
	unsigned scopes;
	const char *section;   /* heading in the help overlay and the docs */
	int keys[6];           /* 0-terminated */
	const char *names;     /* the keys as people write them */
	const char *help;      /* one line for the help overlay and the man page */
	const char *footer;    /* short label for the footer, NULL when not shown there */
	unsigned footer_when;  /* scopes (focus) that show it in the footer; 0: wherever it applies */
	int rank;              /* a narrow footer drops the lowest rank first */
};

extern const struct key_binding keys_table[];
extern const size_t keys_count;

/* The request of a key in the active scopes, or REQ_NONE. */
enum request keys_lookup(int key, unsigned active_scopes);

/* True when the binding applies in the active scopes. */
bool keys_applies(const struct key_binding *binding, unsigned active_scopes);

/* Writes the key table as plain text, grouped by section (for --help). */
void keys_write_text(FILE *out);

#endif
