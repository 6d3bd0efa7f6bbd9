/* The highlighter: per language a keyword, string, comment and number case,
 * constructs that carry over lines, tabs, and untrusted characters in code. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "review/highlight.h"

static const struct text_options unicode = { false, 4 };

static struct text_doc *highlight(const char *language, const char *code)
{
	struct text_doc *doc = highlight_code(language, code, &unicode);
	assert_non_null(doc);
	return doc;
}

#include "doc_asserts.h"

static const char *role_name(enum text_role role)
{
	static const char *const names[ROLE_COUNT] = {
		"plain",  "heading", "emphasis", "strong", "code",   "link",
		"url",    "quote",   "bullet",   "escape", "lineno", "keyword",
		"type",   "string",  "comment",  "number", "preprocessor",
	};
	return role < ROLE_COUNT ? names[role] : "?";
}

/* The first occurrence of token on line i lies inside one span of role. */
static void assert_role(const struct text_doc *doc, size_t i, const char *token, enum text_role role)
{
	char *plain = line_text(doc, i);
	const char *found = strstr(plain, token);
	if (found == NULL)
		fail_msg("line %zu \"%s\" has no \"%s\"", i, plain, token);
	size_t at = (size_t)(found - plain), offset = 0;
	const struct text_line *line = &doc->lines[i];
	for (size_t k = 0; k < line->span_count; k++) {
		size_t len = strlen(line->spans[k].text);
		if (at < offset + len) {
			if (at + strlen(token) > offset + len)
				fail_msg("line %zu: \"%s\" spans several spans (first \"%s\")", i,
					 token, line->spans[k].text);
			if (line->spans[k].role != role)
				fail_msg("line %zu: \"%s\" is %s, expected %s", i, token,
					 role_name(line->spans[k].role), role_name(role));
			free(plain);
			return;
		}
		offset += len;
	}
	fail_msg("unreachable");
}

/* ---- per language ---- */

static void python_highlights_keywords_strings_comments_and_numbers(void **state)
{
	struct text_doc *doc = highlight("python", "def f(x):\n    return x + 42  # done\ns = 'it\\'s' + \"b\"");
	assert_role(doc, 0, "def", ROLE_KEYWORD);
	assert_role(doc, 0, "f(x):", ROLE_PLAIN);
	assert_role(doc, 1, "return", ROLE_KEYWORD);
	assert_role(doc, 1, "42", ROLE_NUMBER);
	assert_role(doc, 1, "# done", ROLE_COMMENT);
	assert_role(doc, 2, "'it\\'s'", ROLE_STRING);
	assert_role(doc, 2, "\"b\"", ROLE_STRING);
	text_doc_free(doc);
}

static void python_triple_quoted_string_carries_over_lines(void **state)
{
	struct text_doc *doc = highlight("python", "x = \"\"\"first\nif 'not code' # no\n\"\"\" + 1");
	assert_role(doc, 0, "\"\"\"first", ROLE_STRING);
	assert_role(doc, 1, "if 'not code' # no", ROLE_STRING);
	assert_role(doc, 2, "\"\"\"", ROLE_STRING);
	assert_role(doc, 2, "1", ROLE_NUMBER);
	text_doc_free(doc);
}

static void python_builtins_are_types(void **state)
{
	struct text_doc *doc = highlight("py", "n = len(str(x))");
	assert_role(doc, 0, "len", ROLE_TYPE);
	assert_role(doc, 0, "str", ROLE_TYPE);
	text_doc_free(doc);
}

static void c_highlights_keywords_types_strings_comments_and_numbers(void **state)
{
	struct text_doc *doc = highlight("c", "static int f(void) {\n\treturn 0x1F + 'a'; // hex\n"
					      "\tchar *s = \"a\\\"b\"; }");
	assert_role(doc, 0, "static", ROLE_KEYWORD);
	assert_role(doc, 0, "int", ROLE_TYPE);
	assert_role(doc, 0, "void", ROLE_TYPE);
	assert_role(doc, 1, "return", ROLE_KEYWORD);
	assert_role(doc, 1, "0x1F", ROLE_NUMBER);
	assert_role(doc, 1, "'a'", ROLE_STRING);
	assert_role(doc, 1, "// hex", ROLE_COMMENT);
	assert_role(doc, 2, "\"a\\\"b\"", ROLE_STRING); /* the escaped quote does not end it */
	assert_role(doc, 2, "; }", ROLE_PLAIN);
	text_doc_free(doc);
}

static void c_block_comment_carries_over_lines(void **state)
{
	struct text_doc *doc = highlight("c", "int a; /* start\nstill \"comment\" if\nend */ int b;");
	assert_role(doc, 0, "/* start", ROLE_COMMENT);
	assert_role(doc, 1, "still \"comment\" if", ROLE_COMMENT);
	assert_role(doc, 2, "end */", ROLE_COMMENT);
	assert_role(doc, 2, "int", ROLE_TYPE);
	text_doc_free(doc);
}

static void c_preprocessor_lines_and_continuations(void **state)
{
	struct text_doc *doc = highlight("c", "#include <stdio.h>\n  #define TWICE(x) \\\n  ((x) * 2) // c\nint y;");
	assert_role(doc, 0, "#include <stdio.h>", ROLE_PREPROCESSOR);
	assert_role(doc, 1, "#define TWICE(x) \\", ROLE_PREPROCESSOR);
	assert_role(doc, 2, "((x) * 2)", ROLE_PREPROCESSOR);
	assert_role(doc, 2, "// c", ROLE_COMMENT);
	assert_role(doc, 3, "int", ROLE_TYPE);
	text_doc_free(doc);
}

static void c_unterminated_string_ends_with_its_line(void **state)
{
	struct text_doc *doc = highlight("c", "s = \"open\nint x;");
	assert_role(doc, 0, "\"open", ROLE_STRING);
	assert_role(doc, 1, "int", ROLE_TYPE);
	text_doc_free(doc);
}

static void cpp_highlights_its_own_keywords(void **state)
{
	struct text_doc *doc = highlight("cpp", "class A { public: virtual ~A(); };");
	assert_role(doc, 0, "class", ROLE_KEYWORD);
	assert_role(doc, 0, "public", ROLE_KEYWORD);
	assert_role(doc, 0, "virtual", ROLE_KEYWORD);
	text_doc_free(doc);
}

static void go_highlights_and_raw_strings_carry_over_lines(void **state)
{
	struct text_doc *doc = highlight("go", "func f() error {\n\ts := `raw\n\\n \"x\"`\n\treturn nil // ok\n}");
	assert_role(doc, 0, "func", ROLE_KEYWORD);
	assert_role(doc, 0, "error", ROLE_TYPE);
	assert_role(doc, 1, "`raw", ROLE_STRING);
	assert_role(doc, 2, "\\n \"x\"`", ROLE_STRING);
	assert_role(doc, 3, "return", ROLE_KEYWORD);
	assert_role(doc, 3, "nil", ROLE_KEYWORD);
	assert_role(doc, 3, "// ok", ROLE_COMMENT);
	text_doc_free(doc);
}

static void java_highlights_keywords_types_strings_comments_numbers(void **state)
{
	struct text_doc *doc = highlight("java", "public final String s = \"x\"; /** doc */ long n = 10L;");
	assert_role(doc, 0, "public", ROLE_KEYWORD);
	assert_role(doc, 0, "final", ROLE_KEYWORD);
	assert_role(doc, 0, "String", ROLE_TYPE);
	assert_role(doc, 0, "\"x\"", ROLE_STRING);
	assert_role(doc, 0, "/** doc */", ROLE_COMMENT);
	assert_role(doc, 0, "10L", ROLE_NUMBER);
	text_doc_free(doc);
}

static void javascript_template_literal_carries_over_lines(void **state)
{
	struct text_doc *doc = highlight("javascript", "const s = `a ${b}\nif // no`; let n = 3.5;");
	assert_role(doc, 0, "const", ROLE_KEYWORD);
	assert_role(doc, 0, "`a ${b}", ROLE_STRING);
	assert_role(doc, 1, "if // no`", ROLE_STRING);
	assert_role(doc, 1, "let", ROLE_KEYWORD);
	assert_role(doc, 1, "3.5", ROLE_NUMBER);
	text_doc_free(doc);
}

static void typescript_highlights_type_keywords(void **state)
{
	struct text_doc *doc = highlight("ts", "interface P { n: number } // t\nconst s: string = 'x';");
	assert_role(doc, 0, "interface", ROLE_KEYWORD);
	assert_role(doc, 0, "number", ROLE_TYPE);
	assert_role(doc, 0, "// t", ROLE_COMMENT);
	assert_role(doc, 1, "string", ROLE_TYPE);
	assert_role(doc, 1, "'x'", ROLE_STRING);
	text_doc_free(doc);
}

static void sql_keywords_match_in_any_case_and_dash_dash_comments(void **state)
{
	struct text_doc *doc = highlight("sql", "select id FROM t Where n > 10 AND s = 'it''s' -- c\n/* b\n*/ VARCHAR");
	assert_role(doc, 0, "select", ROLE_KEYWORD);
	assert_role(doc, 0, "FROM", ROLE_KEYWORD);
	assert_role(doc, 0, "Where", ROLE_KEYWORD);
	assert_role(doc, 0, "id", ROLE_PLAIN);
	assert_role(doc, 0, "10", ROLE_NUMBER);
	assert_role(doc, 0, "'it''s'", ROLE_STRING);
	assert_role(doc, 0, "-- c", ROLE_COMMENT);
	assert_role(doc, 1, "/* b", ROLE_COMMENT);
	assert_role(doc, 2, "VARCHAR", ROLE_TYPE);
	text_doc_free(doc);
}

static void rust_lifetimes_are_not_strings_and_comments_nest(void **state)
{
	struct text_doc *doc = highlight("rust", "fn f<'a>(x: &'a str) -> char { 'x' }\n"
						 "/* a /* b */ still */ let n = 1_000u32;\n"
						 "let s = \"two\nlines\"; let e = '\\n';");
	assert_role(doc, 0, "fn", ROLE_KEYWORD);
	assert_role(doc, 0, "<'a>(x: &'a ", ROLE_PLAIN);
	assert_role(doc, 0, "str", ROLE_TYPE);
	assert_role(doc, 0, "'x'", ROLE_STRING);
	assert_role(doc, 1, "/* a /* b */ still */", ROLE_COMMENT);
	assert_role(doc, 1, "let", ROLE_KEYWORD);
	assert_role(doc, 1, "1_000u32", ROLE_NUMBER);
	assert_role(doc, 2, "\"two", ROLE_STRING);
	assert_role(doc, 3, "lines\"", ROLE_STRING);
	assert_role(doc, 3, "'\\n'", ROLE_STRING);
	text_doc_free(doc);
}

static void shell_hash_starts_a_comment_only_at_a_word_start(void **state)
{
	struct text_doc *doc = highlight("bash", "if [ $# -gt 1 ]; then echo \"$1\" # args\nfi");
	assert_role(doc, 0, "if", ROLE_KEYWORD);
	assert_role(doc, 0, "$# -gt ", ROLE_PLAIN);
	assert_role(doc, 0, "1", ROLE_NUMBER);
	assert_role(doc, 0, "then", ROLE_KEYWORD);
	assert_role(doc, 0, "echo", ROLE_TYPE);
	assert_role(doc, 0, "\"$1\"", ROLE_STRING);
	assert_role(doc, 0, "# args", ROLE_COMMENT);
	assert_role(doc, 1, "fi", ROLE_KEYWORD);
	text_doc_free(doc);
}

static void scala_highlights_and_triple_quotes_carry_over_lines(void **state)
{
	struct text_doc *doc = highlight("scala", "val s: String = \"\"\"a\nb\"\"\" // c\ndef n = 42");
	assert_role(doc, 0, "val", ROLE_KEYWORD);
	assert_role(doc, 0, "String", ROLE_TYPE);
	assert_role(doc, 0, "\"\"\"a", ROLE_STRING);
	assert_role(doc, 1, "b\"\"\"", ROLE_STRING);
	assert_role(doc, 1, "// c", ROLE_COMMENT);
	assert_role(doc, 2, "def", ROLE_KEYWORD);
	assert_role(doc, 2, "42", ROLE_NUMBER);
	text_doc_free(doc);
}

static void yaml_keys_are_keywords_with_comments_strings_and_numbers(void **state)
{
	struct text_doc *doc = highlight("yaml", "name: \"x\" # c\n- port: 8080\n  url: http://a#b\nenabled: true");
	assert_role(doc, 0, "name", ROLE_KEYWORD);
	assert_role(doc, 0, "\"x\"", ROLE_STRING);
	assert_role(doc, 0, "# c", ROLE_COMMENT);
	assert_role(doc, 1, "port", ROLE_KEYWORD);
	assert_role(doc, 1, "8080", ROLE_NUMBER);
	assert_role(doc, 2, "url", ROLE_KEYWORD);
	assert_role(doc, 2, "http://a#b", ROLE_PLAIN);
	assert_role(doc, 3, "true", ROLE_TYPE);
	text_doc_free(doc);
}

static void yaml_block_scalar_lines_are_one_string_until_the_indentation_returns(void **state)
{
	struct text_doc *doc = highlight("yml", "steps:\n  - run: |\n      echo a: b\n\n      if x # y\n"
						"  - name: n\nkey: >-\n  folded: text\nnext: 1");
	assert_role(doc, 1, "run", ROLE_KEYWORD);
	assert_role(doc, 2, "      echo a: b", ROLE_STRING);
	assert_int_equal(doc->lines[3].span_count, 0);
	assert_role(doc, 4, "      if x # y", ROLE_STRING);
	assert_role(doc, 5, "name", ROLE_KEYWORD);
	assert_role(doc, 7, "  folded: text", ROLE_STRING);
	assert_role(doc, 8, "next", ROLE_KEYWORD);
	assert_role(doc, 8, "1", ROLE_NUMBER);
	text_doc_free(doc);
}

static void decorators_and_annotations_are_marked(void **state)
{
	struct text_doc *doc = highlight("python", "@app.route('/x')\ny = a @ b");
	assert_role(doc, 0, "@app.route", ROLE_PREPROCESSOR);
	assert_role(doc, 1, " @ ", ROLE_PLAIN);
	text_doc_free(doc);
	doc = highlight("java", "@Override public void run() {}");
	assert_role(doc, 0, "@Override", ROLE_PREPROCESSOR);
	assert_role(doc, 0, "public", ROLE_KEYWORD);
	text_doc_free(doc);
}

static void json_highlights_strings_numbers_and_literals(void **state)
{
	struct text_doc *doc = highlight("json", "{\"a\": [1, -2.5e3, true, null]}");
	assert_role(doc, 0, "\"a\"", ROLE_STRING);
	assert_role(doc, 0, "2.5e3", ROLE_NUMBER);
	assert_role(doc, 0, "true", ROLE_KEYWORD);
	assert_role(doc, 0, "null", ROLE_KEYWORD);
	text_doc_free(doc);
}

/* ---- languages and lines ---- */

static void highlight_recognizes_aliases_in_any_letter_case(void **state)
{
	static const char *const names[] = { "python", "Python", "py",    "c",    "cpp",
					     "C++",    "go",     "golang", "java", "javascript",
					     "js",     "JS",     "typescript", "ts", "sql",
					     "rust",   "rs",     "bash",   "sh",   "shell",
					     "scala",  "yaml",   "yml",    "json" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!highlight_supports(names[i]))
			fail_msg("%s is not supported", names[i]);
	assert_false(highlight_supports("text"));
	assert_false(highlight_supports("pyth"));
	assert_false(highlight_supports("pythonx"));
	assert_false(highlight_supports(""));
	assert_false(highlight_supports(NULL));
}

static void highlight_unknown_language_is_plain_text(void **state)
{
	struct text_doc *doc = highlight("text", "if x: return 1 # no\n\"s\"");
	assert_int_equal(doc->line_count, 2);
	assert_int_equal(doc->lines[0].span_count, 1);
	assert_int_equal(doc->lines[0].spans[0].role, ROLE_PLAIN);
	assert_line(doc, 0, "if x: return 1 # no");
	text_doc_free(doc);
	doc = highlight(NULL, "a\tb");
	assert_line(doc, 0, "a   b");
	text_doc_free(doc);
}

static void highlight_gives_one_line_per_code_line(void **state)
{
	static const struct {
		const char *code;
		size_t lines;
	} cases[] = { { "", 0 }, { "\n", 1 }, { "a", 1 }, { "a\n", 1 }, { "a\nb", 2 },
		      { "a\n\nb\n", 3 }, { "a\n\n", 2 } };
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct text_doc *doc = highlight("c", cases[i].code);
		if (doc->line_count != cases[i].lines)
			fail_msg("\"%s\": %zu lines, expected %zu", cases[i].code, doc->line_count,
				 cases[i].lines);
		text_doc_free(doc);
	}
	struct text_doc *doc = highlight_code("c", NULL, NULL);
	assert_non_null(doc);
	assert_int_equal(doc->line_count, 0);
	text_doc_free(doc);
}

static void highlight_expands_tabs_to_the_tab_width(void **state)
{
	struct text_doc *doc = highlight("c", "\tint x;\nab\t/*\tc */");
	assert_line(doc, 0, "    int x;");
	assert_line(doc, 1, "ab  /*  c */");
	text_doc_free(doc);
	struct text_options eight = { false, 8 };
	doc = highlight_code("python", "\tx = '\t'", &eight);
	assert_line(doc, 0, "        x = '   '"); /* column 13 to 16 */
	text_doc_free(doc);
	struct text_options zero = { false, 0 }; /* 0 means 4 */
	doc = highlight_code("go", "\treturn", &zero);
	assert_line(doc, 0, "    return");
	assert_role(doc, 0, "return", ROLE_KEYWORD);
	text_doc_free(doc);
}

static void highlight_shows_trojan_source_bidi_controls_as_markers(void **state)
{
	/* The CVE-2021-42574 example: the comment seems to end before the if. */
	struct text_doc *doc = highlight(
		"c", "/*\xe2\x80\xae } \xe2\x81\xa6if (isAdmin)\xe2\x81\xa9 \xe2\x81\xa6 begin admins */\n"
		     "char *s = \"user\xe2\x80\xae \xe2\x81\xa6// check\xe2\x81\xa9\xe2\x81\xa6\";");
	assert_line(doc, 0, "/*<U+202E> } <U+2066>if (isAdmin)<U+2069> <U+2066> begin admins */");
	assert_role(doc, 0, "<U+202E>", ROLE_ESCAPE);
	assert_role(doc, 0, "<U+2066>", ROLE_ESCAPE);
	assert_role(doc, 0, " } ", ROLE_COMMENT);
	assert_role(doc, 1, "<U+202E>", ROLE_ESCAPE);
	assert_role(doc, 1, "// check", ROLE_STRING);
	for (size_t i = 0; i < doc->line_count; i++)
		for (size_t k = 0; k < doc->lines[i].span_count; k++)
			assert_null(strstr(doc->lines[i].spans[k].text, "\xe2\x80\xae"));
	text_doc_free(doc);
}

static void highlight_shows_controls_and_invisible_characters_as_markers(void **state)
{
	struct text_doc *doc = highlight("python", "x = 1\r\nprint('\x1b[2J')\x08\x08\nif a\xe2\x80\x8b:");
	assert_line(doc, 0, "x = 1^M");
	assert_role(doc, 0, "^M", ROLE_ESCAPE);
	assert_line(doc, 1, "print('^[[2J')^H^H");
	assert_role(doc, 1, "^[", ROLE_ESCAPE);
	assert_role(doc, 1, "^H", ROLE_ESCAPE);
	assert_line(doc, 2, "if a<U+200B>:");
	assert_role(doc, 2, "<U+200B>", ROLE_ESCAPE);
	text_doc_free(doc);
}

static void highlight_keeps_multibyte_characters_whole(void **state)
{
	const char *code = "s = \"\xe6\x97\xa5\xe6\x9c\xac\" # caf\xc3\xa9\nna\xc3\xafve = \xf0\x9f\x98\x80";
	struct text_doc *doc = highlight("python", code);
	assert_line(doc, 0, "s = \"\xe6\x97\xa5\xe6\x9c\xac\" # caf\xc3\xa9");
	assert_line(doc, 1, "na\xc3\xafve = \xf0\x9f\x98\x80");
	assert_role(doc, 0, "\"\xe6\x97\xa5\xe6\x9c\xac\"", ROLE_STRING);
	text_doc_free(doc);
}

static void highlight_ascii_only_marks_non_ascii_characters(void **state)
{
	struct text_options o = { true, 4 };
	struct text_doc *doc = highlight_code("c", "// caf\xc3\xa9", &o);
	assert_line(doc, 0, "// caf<U+00E9>");
	assert_role(doc, 0, "<U+00E9>", ROLE_ESCAPE);
	text_doc_free(doc);
}

static void highlight_does_not_match_keywords_inside_identifiers(void **state)
{
	struct text_doc *doc = highlight("python", "format = iffy + x1 + _if");
	assert_int_equal(doc->lines[0].span_count, 1);
	assert_role(doc, 0, "format = iffy + x1 + _if", ROLE_PLAIN);
	text_doc_free(doc);
}

static void highlight_invalid_utf8_in_code_shows_bytes(void **state)
{
	struct text_doc *doc = highlight("c", "int x = 1; // \xff\xc0\xaf");
	assert_line(doc, 0, "int x = 1; // <FF><C0><AF>");
	assert_role(doc, 0, "<FF>", ROLE_ESCAPE);
	text_doc_free(doc);
}

/* Random code in every language: one line per code line, no control byte,
 * and the text comes back whole (markers aside). */
static void highlight_survives_random_code_in_every_language(void **state)
{
	static const char *const languages[] = { "python", "c", "cpp", "go", "java", "js", "ts",
						 "sql", "rust", "sh", "scala", "yaml", "json", "text" };
	static const char *const pieces[] = { "\"", "'", "`", "\"\"\"", "/*", "*/", "//", "#",
					      "--", "\\", "\n", "\t", "if ", "x", "1.5e-3", "@d",
					      "key: |", "  ", "'a'", "\x1b", "\xe2\x80\xae", "\xff",
					      "\xe6\x97\xa5", "r#\"", "<'a>", "- " };
	uint32_t seed = 7;
	for (int round = 0; round < 1400; round++) {
		char code[512] = "";
		size_t newlines = 0;
		for (int i = 0; i < 40; i++) {
			seed = seed * 1103515245u + 12345u;
			const char *piece = pieces[(seed >> 16) % (sizeof pieces / sizeof pieces[0])];
			strcat(code, piece);
			newlines += piece[0] == '\n';
		}
		size_t len = strlen(code);
		size_t expected = newlines + (len > 0 && code[len - 1] != '\n');
		struct text_doc *doc = highlight(languages[round % 14], code);
		assert_int_equal(doc->line_count, expected);
		for (size_t i = 0; i < doc->line_count; i++)
			for (size_t k = 0; k < doc->lines[i].span_count; k++)
				for (const unsigned char *p =
					     (const unsigned char *)doc->lines[i].spans[k].text;
				     *p; p++)
					if (*p < 0x20 || *p == 0x7f)
						fail_msg("%s: control byte 0x%02X", languages[round % 14], *p);
		text_doc_free(doc);
	}
}

static double seconds_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Prints the time for 1 MiB of code (the loader's file cap); never asserts
 * on time. */
static void highlight_benchmark_prints_timing_of_one_mebibyte(void **state)
{
	static const char unit[] = "\tif (x[i] != 0x1F) { s = \"str\\n\"; } /* c */ // done\n";
	size_t size = 1 << 20, n = 0;
	char *code = malloc(size + 1);
	assert_non_null(code);
	while (n + sizeof unit - 1 <= size) {
		memcpy(code + n, unit, sizeof unit - 1);
		n += sizeof unit - 1;
	}
	code[n] = '\0';
	double start = seconds_now();
	struct text_doc *doc = highlight("c", code);
	double elapsed = seconds_now() - start;
	assert_int_equal(doc->line_count, n / (sizeof unit - 1));
	print_message("benchmark: highlight %zu bytes of C in %.2f ms\n", n, elapsed * 1000);
	text_doc_free(doc);
	memset(code, 'a', n); /* one long line */
	start = seconds_now();
	doc = highlight("python", code);
	elapsed = seconds_now() - start;
	assert_int_equal(doc->line_count, 1);
	print_message("benchmark: highlight one %zu-byte line in %.2f ms\n", n, elapsed * 1000);
	text_doc_free(doc);
	free(code);
}

int main(void)
{
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		setlocale(LC_ALL, "");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(python_highlights_keywords_strings_comments_and_numbers),
		cmocka_unit_test(python_triple_quoted_string_carries_over_lines),
		cmocka_unit_test(python_builtins_are_types),
		cmocka_unit_test(c_highlights_keywords_types_strings_comments_and_numbers),
		cmocka_unit_test(c_block_comment_carries_over_lines),
		cmocka_unit_test(c_preprocessor_lines_and_continuations),
		cmocka_unit_test(c_unterminated_string_ends_with_its_line),
		cmocka_unit_test(cpp_highlights_its_own_keywords),
		cmocka_unit_test(go_highlights_and_raw_strings_carry_over_lines),
		cmocka_unit_test(java_highlights_keywords_types_strings_comments_numbers),
		cmocka_unit_test(javascript_template_literal_carries_over_lines),
		cmocka_unit_test(typescript_highlights_type_keywords),
		cmocka_unit_test(sql_keywords_match_in_any_case_and_dash_dash_comments),
		cmocka_unit_test(rust_lifetimes_are_not_strings_and_comments_nest),
		cmocka_unit_test(shell_hash_starts_a_comment_only_at_a_word_start),
		cmocka_unit_test(scala_highlights_and_triple_quotes_carry_over_lines),
		cmocka_unit_test(yaml_keys_are_keywords_with_comments_strings_and_numbers),
		cmocka_unit_test(yaml_block_scalar_lines_are_one_string_until_the_indentation_returns),
		cmocka_unit_test(decorators_and_annotations_are_marked),
		cmocka_unit_test(json_highlights_strings_numbers_and_literals),
		cmocka_unit_test(highlight_recognizes_aliases_in_any_letter_case),
		cmocka_unit_test(highlight_unknown_language_is_plain_text),
		cmocka_unit_test(highlight_gives_one_line_per_code_line),
		cmocka_unit_test(highlight_expands_tabs_to_the_tab_width),
		cmocka_unit_test(highlight_shows_trojan_source_bidi_controls_as_markers),
		cmocka_unit_test(highlight_shows_controls_and_invisible_characters_as_markers),
		cmocka_unit_test(highlight_keeps_multibyte_characters_whole),
		cmocka_unit_test(highlight_ascii_only_marks_non_ascii_characters),
		cmocka_unit_test(highlight_does_not_match_keywords_inside_identifiers),
		cmocka_unit_test(highlight_invalid_utf8_in_code_shows_bytes),
		cmocka_unit_test(highlight_survives_random_code_in_every_language),
		cmocka_unit_test(highlight_benchmark_prints_timing_of_one_mebibyte),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
