/* XDG tests: one rule for the progress store and the catalog cache, where a
 * relative HOME or XDG_* value is ignored. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "review/catcache.h"
#include "review/progress.h"
#include "review/xdg.h"

static void set(const char *name, const char *value)
{
	if (value)
		setenv(name, value, 1);
	else
		unsetenv(name);
}

static void expect_path(const char *expected)
{
	char *path = xdg_path("XDG_STATE_HOME", ".local/state", "review/state.db");
	if (expected) {
		assert_non_null(path);
		assert_string_equal(path, expected);
	} else {
		assert_null(path);
	}
	free(path);
}

static void xdg_takes_absolute_values_only(void **state)
{
	(void)state;
	set("XDG_STATE_HOME", "/x/state");
	set("HOME", "/home/u");
	expect_path("/x/state/review/state.db");
	set("XDG_STATE_HOME", "relative/state");
	expect_path("/home/u/.local/state/review/state.db");
	set("XDG_STATE_HOME", NULL);
	expect_path("/home/u/.local/state/review/state.db");
	set("HOME", "relative-home");
	expect_path(NULL);
	set("HOME", "");
	expect_path(NULL);
}

/* A relative HOME put the store under the working folder while the cache
 * refused it: both refuse it now. */
static void store_and_cache_both_ignore_a_relative_home(void **state)
{
	(void)state;
	set("XDG_STATE_HOME", NULL);
	set("XDG_CACHE_HOME", NULL);
	set("HOME", "relative-home");
	char *store = progress_default_path();
	assert_null(store);
	assert_null(catcache_open(NULL));
	assert_int_equal(access("relative-home", F_OK), -1);
	set("HOME", "/nonexistent-home");
	store = progress_default_path();
	assert_string_equal(store, "/nonexistent-home/.local/state/review/state.db");
	free(store);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(xdg_takes_absolute_values_only),
		cmocka_unit_test(store_and_cache_both_ignore_a_relative_home),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
