/* The TUI's key table (src/tui/keys.c, compiled into this test: it needs only
 * curses' key codes, not the library): no key means two things in any state the
 * TUI can be in, every request has a key and words for the help, and lookups
 * give what the help promises. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "../../src/tui/keys.c"

#define EXERCISE_BASE (SCOPE_ALWAYS | SCOPE_NAV | SCOPE_EXERCISE)

/* Every set of scopes the app can make active (app.c active_scopes and the
 * screens' scopes functions). */
static const unsigned states[] = {
	SCOPE_ALWAYS | SCOPE_CONFIRM,                         /* a question is open */
	SCOPE_ALWAYS | SCOPE_HELP | SCOPE_NAV | SCOPE_NESTED, /* the help is open */
	SCOPE_ALWAYS | SCOPE_FILTER,                          /* typing a filter */
	SCOPE_ALWAYS | SCOPE_CATALOG | SCOPE_NAV | SCOPE_TOP, /* the catalog */
	EXERCISE_BASE | SCOPE_TOP | SCOPE_ANSWER,             /* opened directly */
	EXERCISE_BASE | SCOPE_NESTED | SCOPE_ESC_BACK | SCOPE_ANSWER, /* opened from the catalog */
	EXERCISE_BASE | SCOPE_TOP | SCOPE_RESULTS,
	EXERCISE_BASE | SCOPE_NESTED | SCOPE_ESC_BACK | SCOPE_RESULTS,
	EXERCISE_BASE | SCOPE_TOP | SCOPE_PREVIEW,            /* preview */
	EXERCISE_BASE | SCOPE_NESTED | SCOPE_ESC_BACK | SCOPE_PREVIEW,
	EXERCISE_BASE | SCOPE_TOP | SCOPE_PREVIEW | SCOPE_AUTHOR,   /* `review preview` */
	EXERCISE_BASE | SCOPE_TOP | SCOPE_AUTHOR,                   /* a file that does not load */
	EXERCISE_BASE | SCOPE_NESTED | SCOPE_ESC_BACK | SCOPE_PREVIEW | SCOPE_AUTHOR, /* from its files */
	EXERCISE_BASE | SCOPE_NESTED | SCOPE_FIND | SCOPE_PREVIEW | SCOPE_AUTHOR,
	SCOPE_ALWAYS | SCOPE_FILES | SCOPE_NAV | SCOPE_TOP,         /* `review preview FOLDER` */
	EXERCISE_BASE | SCOPE_TOP | SCOPE_FIND,               /* finding, opened directly */
	EXERCISE_BASE | SCOPE_NESTED | SCOPE_FIND,
	SCOPE_ALWAYS | SCOPE_PROMPT,                          /* typing a search or a line */
	EXERCISE_BASE | SCOPE_TOP | SCOPE_FIND | SCOPE_PREVIEW, /* a preview of the find phase */
};
#define STATE_COUNT (sizeof(states) / sizeof(*states))

static void keys_never_mean_two_things_at_once(void **state)
{
	(void)state;
	for (size_t s = 0; s < STATE_COUNT; s++)
		for (size_t a = 0; a < keys_count; a++)
			for (size_t b = a + 1; b < keys_count; b++) {
				const struct key_binding *x = &keys_table[a], *y = &keys_table[b];
				if (!keys_applies(x, states[s]) || !keys_applies(y, states[s]) ||
				    x->request == y->request)
					continue;
				for (size_t i = 0; x->keys[i]; i++)
					for (size_t j = 0; y->keys[j]; j++)
						if (x->keys[i] == y->keys[j])
							fail_msg("%s (%s) and %s (%s) share a key in state %zu",
								 x->names, x->help, y->names, y->help, s);
			}
}

static void every_request_has_a_key_and_words(void **state)
{
	(void)state;
	for (int request = REQ_NONE + 1; request < REQ_MOUSE_DOC; request++) {
		bool found = false;
		for (size_t i = 0; i < keys_count; i++)
			found = found || (keys_table[i].request == (enum request)request && keys_table[i].keys[0]);
		if (!found)
			fail_msg("request %d has no key", request);
	}
	for (size_t i = 0; i < keys_count; i++) {
		const struct key_binding *binding = &keys_table[i];
		assert_true(binding->names && *binding->names);
		assert_true(binding->help && *binding->help);
		assert_true(binding->section && *binding->section);
		/* keys_write_text and tests/tui/keys_doc.sh rely on a 12-column name field. */
		assert_true(strlen(binding->names) <= 12);
		assert_true(binding->scopes != 0);
	}
}

/* The help groups bindings by runs of one section: a section must not come back. */
static void sections_are_contiguous(void **state)
{
	(void)state;
	for (size_t i = 1; i < keys_count; i++) {
		if (strcmp(keys_table[i].section, keys_table[i - 1].section) == 0)
			continue;
		for (size_t j = 0; j + 1 < i; j++)
			if (strcmp(keys_table[j].section, keys_table[i].section) == 0)
				fail_msg("section %s appears twice", keys_table[i].section);
	}
}

static void lookups_do_what_the_help_says(void **state)
{
	(void)state;
	const unsigned catalog = states[3], answering = states[5], direct = states[4];
	const unsigned question = states[0], help = states[1], filter = states[2], results = states[7];

	assert_int_equal(keys_lookup('q', catalog), REQ_QUIT);
	assert_int_equal(keys_lookup('q', answering), REQ_BACK);
	assert_int_equal(keys_lookup('q', direct), REQ_QUIT);
	assert_int_equal(keys_lookup('q', help), REQ_BACK);
	assert_int_equal(keys_lookup('y', answering), REQ_MARK_REAL);
	const unsigned finding = states[STATE_COUNT - 3], prompt = states[STATE_COUNT - 2];
	const unsigned find_preview = states[STATE_COUNT - 1], preview = states[8];
	assert_int_equal(keys_lookup('p', preview), REQ_PREVIEW_FIND);
	assert_int_equal(keys_lookup('p', find_preview), REQ_PREVIEW_FIND);
	assert_int_equal(keys_lookup('p', finding), REQ_NONE);
	const unsigned author = states[10], broken = states[11], files = states[14];
	assert_int_equal(keys_lookup('E', author), REQ_EDIT);
	assert_int_equal(keys_lookup('E', broken), REQ_EDIT);
	assert_int_equal(keys_lookup('E', answering), REQ_NONE);
	assert_int_equal(keys_lookup('\r', files), REQ_OPEN);
	assert_int_equal(keys_lookup('q', files), REQ_QUIT);
	assert_int_equal(keys_lookup('?', files), REQ_HELP);
	assert_int_equal(keys_lookup('E', files), REQ_EDIT);
	assert_int_equal(keys_lookup(TUI_KEY_ESC, answering), REQ_BACK);
	assert_int_equal(keys_lookup(TUI_KEY_ESC, direct), REQ_NONE);
	assert_int_equal(keys_lookup(TUI_KEY_ESC, finding), REQ_CANCEL);
	assert_int_equal(keys_lookup(TUI_KEY_FN(KEY_F(1)), answering), REQ_HELP);
	assert_int_equal(keys_lookup(TUI_KEY_CTRL('d'), results), REQ_HALF_DOWN);
	assert_int_equal(keys_lookup(TUI_KEY_CTRL('b'), catalog), REQ_PAGE_UP);
	assert_int_equal(keys_lookup(TUI_KEY_FN(KEY_DOWN), filter), REQ_DOWN);
	assert_int_equal(keys_lookup('/', answering), REQ_SEARCH);
	assert_int_equal(keys_lookup(':', results), REQ_GO_TO_LINE);
	assert_int_equal(keys_lookup('1', prompt), REQ_NONE);
	assert_int_equal(keys_lookup('q', prompt), REQ_NONE);
	assert_int_equal(keys_lookup('\r', prompt), REQ_ACCEPT);
	assert_int_equal(keys_lookup('w', results), REQ_NEXT_WRONG);
	assert_int_equal(keys_lookup('c', direct), REQ_CATALOG);
	assert_int_equal(keys_lookup('L', catalog), REQ_LAST_RESULTS);
	assert_int_equal(keys_lookup('f', finding), REQ_FLAG);
	assert_int_equal(keys_lookup('\r', finding), REQ_FLAG);
	assert_int_equal(keys_lookup('v', finding), REQ_FLAG_RANGE);
	assert_int_equal(keys_lookup('1', finding), REQ_FLAG_BUG);
	assert_int_equal(keys_lookup('x', finding), REQ_UNFLAG);
	assert_int_equal(keys_lookup('e', finding), REQ_END_FIND);
	assert_int_equal(keys_lookup('h', finding), REQ_HINT);
	assert_int_equal(keys_lookup('y', finding), REQ_NONE);
	assert_int_equal(keys_lookup('s', finding), REQ_NONE);
	assert_int_equal(keys_lookup('e', answering), REQ_NONE);
	assert_int_equal(keys_lookup('y', question), REQ_ACCEPT);
	assert_int_equal(keys_lookup('\r', question), REQ_ACCEPT);
	assert_int_equal(keys_lookup(TUI_KEY_ESC, question), REQ_CANCEL);
	assert_int_equal(keys_lookup('n', question), REQ_CANCEL);
	assert_int_equal(keys_lookup('y', results), REQ_NONE);
	assert_int_equal(keys_lookup('r', results), REQ_RETRY);
	assert_int_equal(keys_lookup('r', answering), REQ_NONE);
	assert_int_equal(keys_lookup('1', answering), REQ_MARK_BUG);
	assert_int_equal(keys_lookup('3', answering), REQ_MARK_MINOR);
	assert_int_equal(keys_lookup('\t', answering), REQ_NEXT_PANE);
	assert_int_equal(keys_lookup(TUI_KEY_FN(KEY_BTAB), results), REQ_PREV_PANE);
	assert_int_equal(keys_lookup(TUI_KEY_FN(KEY_DOWN), catalog), REQ_DOWN);
	assert_int_equal(keys_lookup('\r', catalog), REQ_OPEN);
	assert_int_equal(keys_lookup('\r', filter), REQ_ACCEPT);
	assert_int_equal(keys_lookup(TUI_KEY_ESC, help), REQ_CANCEL);
	/* While typing a filter, letters are text, not commands. */
	assert_int_equal(keys_lookup('j', filter), REQ_NONE);
	assert_int_equal(keys_lookup('q', filter), REQ_NONE);
	assert_int_equal(keys_lookup('?', filter), REQ_NONE);
	for (size_t s = 0; s < STATE_COUNT; s++)
		assert_int_equal(keys_lookup(TUI_KEY_CTRL('c'), states[s]), REQ_INTERRUPT);
	/* A function key never matches the character with the same code. */
	assert_int_equal(keys_lookup(KEY_DOWN, catalog), REQ_NONE);
}

static void the_text_listing_has_every_binding(void **state)
{
	char buffer[16384];
	FILE *out = fmemopen(buffer, sizeof(buffer), "w");

	(void)state;
	assert_non_null(out);
	keys_write_text(out);
	fclose(out);
	for (size_t i = 0; i < keys_count; i++) {
		char line[160];
		snprintf(line, sizeof(line), "  %-12s %s\n", keys_table[i].names, keys_table[i].help);
		if (!strstr(buffer, line))
			fail_msg("missing from the listing: %s", line);
	}
	assert_non_null(strstr(buffer, "Everywhere:\n"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(keys_never_mean_two_things_at_once),
		cmocka_unit_test(every_request_has_a_key_and_words),
		cmocka_unit_test(sections_are_contiguous),
		cmocka_unit_test(lookups_do_what_the_help_says),
		cmocka_unit_test(the_text_listing_has_every_binding),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
