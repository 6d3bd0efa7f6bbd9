/* The highlighter's word lists: looked up by binary search, so each must be
 * sorted in the order the lookup compares in (ASCII case folded for caseless
 * languages) and hold no word twice. Compiles highlight.c itself to see them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>

#include "../../src/highlight.c"

static void check_list(const struct language *lang, const char *const *list, const char *what)
{
	bool caseless = lang->flags & L_CASELESS;
	size_t count = list_length(list);

	for (size_t i = 0; i + 1 < count; i++)
		if (word_compare(list[i], strlen(list[i]), list[i + 1], caseless) >= 0)
			fail_msg("%s %s: \"%s\" is not before \"%s\"", lang->names, what, list[i],
				 list[i + 1]);
	for (size_t i = 0; i < count; i++)
		if (!word_in(list, count, list[i], strlen(list[i]), caseless))
			fail_msg("%s %s: \"%s\" is not found", lang->names, what, list[i]);
}

static void test_word_lists_are_sorted(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof languages / sizeof languages[0]; i++) {
		check_list(&languages[i], languages[i].keywords, "keywords");
		check_list(&languages[i], languages[i].types, "types");
	}
}

/* A prefix, an extension and a neighbour of a word are not the word. */
static void test_lookup_needs_the_whole_word(void **state)
{
	(void)state;
	const char *const list[] = { "for", "format", "fort", NULL };
	assert_true(word_in(list, 3, "for", 3, false));
	assert_true(word_in(list, 3, "fort", 4, false));
	assert_false(word_in(list, 3, "fo", 2, false));
	assert_false(word_in(list, 3, "forma", 5, false));
	assert_false(word_in(list, 3, "formats", 7, false));
	assert_false(word_in(list, 3, "FOR", 3, false));
	assert_true(word_in(list, 3, "FoRt", 4, true));
	assert_false(word_in(list, 0, "for", 3, false));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_word_lists_are_sorted),
		cmocka_unit_test(test_lookup_needs_the_whole_word),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
