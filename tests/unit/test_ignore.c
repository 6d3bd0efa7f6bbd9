/* ignore_filter_paths: .reviewignore rules and READMEs without front matter,
 * on a tree made in a temporary folder. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "review/catalog.h"
#include "review/ignore.h"

static char root[256];

static void write_file(const char *relative, const char *text)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", root, relative);
	char *slash = strrchr(path, '/');
	*slash = '\0';
	char command[600];
	snprintf(command, sizeof command, "mkdir -p '%s'", path);
	assert_int_equal(system(command), 0);
	*slash = '/';
	FILE *out = fopen(path, "wb");
	assert_non_null(out);
	fputs(text, out);
	fclose(out);
}

/* The files kept under folder, relative to root, joined by spaces. */
static void kept(const char *folder, char *out, size_t size, size_t *notes)
{
	char **paths = NULL;
	struct diag_list diags = DIAG_LIST_INIT, found_notes = DIAG_LIST_INIT;
	const char *roots[] = { folder };
	size_t count = catalog_collect_paths(roots, 1, &paths, &diags);
	count = ignore_filter_paths(roots, 1, paths, count, &found_notes);
	out[0] = '\0';
	for (size_t i = 0; i < count; i++) {
		const char *relative = strncmp(paths[i], root, strlen(root)) == 0 ? paths[i] + strlen(root) + 1 : paths[i];
		snprintf(out + strlen(out), size - strlen(out), "%s%s", i ? " " : "", relative);
	}
	*notes = found_notes.count;
	catalog_paths_free(paths, count);
	diag_list_free(&diags);
	diag_list_free(&found_notes);
}

static int setup(void **state)
{
	(void)state;
	const char *tmp = getenv("TMPDIR");
	snprintf(root, sizeof root, "%s/review-ignore-XXXXXX", tmp ? tmp : "/tmp");
	assert_non_null(mkdtemp(root));
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char command[600];
	snprintf(command, sizeof command, "rm -rf '%s'", root);
	return system(command);
}

static void test_readmes(void **state)
{
	(void)state;
	char list[1024], folder[300];
	size_t notes = 0;
	write_file("a/README.md", "# notes\n");
	write_file("a/Readme-2.MD", "notes\n");           /* .MD: never collected at all */
	write_file("a/README.txt", "notes\n");            /* not *.md: the loader decides */
	write_file("a/README-bom.md", "\xef\xbb\xbf---  \r\ntitle: x\n---\n");
	write_file("a/README-dashes.md", "----\n");        /* not a front matter line */
	write_file("a/readmeish.md", "x\n");               /* README*.md, any case */
	write_file("a/notes-README.md", "x\n");            /* does not start with README */
	snprintf(folder, sizeof folder, "%s/a/", root);    /* a trailing slash */
	kept(folder, list, sizeof list, &notes);
	assert_string_equal(list, "a/README-bom.md a/README.txt a/notes-README.md");
	assert_int_equal(notes, 3); /* README.md, README-dashes.md, readmeish.md */
	snprintf(folder, sizeof folder, "%s/a/README.md", root); /* a file by name is kept */
	kept(folder, list, sizeof list, &notes);
	assert_string_equal(list, "a/README.md");
	assert_int_equal(notes, 0);
}

static void test_rules(void **state)
{
	(void)state;
	char list[1024], folder[300];
	size_t notes = 0;
	write_file("b/.reviewignore", "# comment\n\n*.txt   \r\nsub/deeper/\n/top.md\n!keep.txt\n[xy]?.md\n");
	write_file("b/one.txt", "x");
	write_file("b/keep.txt", "x");
	write_file("b/top.md", "x");
	write_file("b/sub/top.md", "x");              /* /top.md is anchored: kept */
	write_file("b/sub/deeper/gone.md", "x");
	write_file("b/sub/deeper.md", "x");           /* deeper/ matches folders only */
	write_file("b/x1.md", "x");
	write_file("b/sub/y2.md", "x");
	write_file("b/sub/.reviewignore", "!y2.md\n");  /* a nested file takes it back */
	snprintf(folder, sizeof folder, "%s/b", root);
	kept(folder, list, sizeof list, &notes);
	assert_string_equal(list, "b/keep.txt b/sub/deeper.md b/sub/top.md b/sub/y2.md");
	assert_int_equal(notes, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_readmes),
		cmocka_unit_test(test_rules),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
