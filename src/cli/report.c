/* JUnit XML and TAP version 13 output of a list of cases. */
#include "cli/report.h"

#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

/* XML 1.0 cannot carry most C0 controls even escaped, so text is sanitized
 * first (controls become caret notation) and then entity-escaped. An attribute
 * is one line (a newline would only turn into a space there anyway); a
 * failure's body keeps its lines. */
static void write_xml(FILE *out, const char *text, bool one_line)
{
	struct text_options options = front_text_options();
	const char *given = text ? text : "";
	char *safe = one_line ? front_safe_line(given) : text_sanitize(given, strlen(given), &options);
	for (const char *s = safe ? safe : ""; *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		default: fputc(*s, out);
		}
	}
	free(safe);
}

static void write_xml_attribute(FILE *out, const char *text)
{
	write_xml(out, text, true);
}

static void write_first_line(FILE *out, const char *text)
{
	size_t length = strcspn(text, "\n");
	char *line = strndup(text, length);
	write_xml_attribute(out, line ? line : "");
	free(line);
}

void report_junit_begin(FILE *out, const char *suite, size_t count, size_t failures)
{
	fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n");
	fprintf(out, "  <testsuite name=\"");
	write_xml_attribute(out, suite);
	fprintf(out, "\" tests=\"%zu\" failures=\"%zu\" errors=\"0\">\n", count, failures);
}

void report_junit_case(FILE *out, const char *suite, const struct report_case *c)
{
	fprintf(out, "    <testcase classname=\"");
	write_xml_attribute(out, c->classname ? c->classname : suite);
	fprintf(out, "\" name=\"");
	write_xml_attribute(out, c->name);
	if (!c->failure && !c->note) {
		fprintf(out, "\"/>\n");
		return;
	}
	fprintf(out, "\">\n");
	if (c->failure) {
		fprintf(out, "      <failure message=\"");
		write_first_line(out, c->failure);
		fprintf(out, "\">");
		write_xml(out, c->failure, false);
		fprintf(out, "</failure>\n");
	}
	if (c->note) {
		fprintf(out, "      <system-out>");
		write_xml(out, c->note, false);
		fprintf(out, "</system-out>\n");
	}
	fprintf(out, "    </testcase>\n");
}

void report_junit_end(FILE *out)
{
	fprintf(out, "  </testsuite>\n</testsuites>\n");
}

void report_write_junit(FILE *out, const char *suite, const struct report_case *cases, size_t count)
{
	size_t failures = 0;
	for (size_t i = 0; i < count; i++)
		failures += cases[i].failure != NULL;
	report_junit_begin(out, suite, count, failures);
	for (size_t i = 0; i < count; i++)
		report_junit_case(out, suite, &cases[i]);
	report_junit_end(out);
}

/* TAP descriptions end at a newline, and `#` starts a directive. */
static void write_tap_description(FILE *out, const char *text)
{
	char *safe = front_safe_line(text);
	for (const char *s = safe ? safe : ""; *s; s++)
		fputc(*s == '#' ? ' ' : *s, out);
	free(safe);
}

static void write_tap_comment(FILE *out, const char *line, size_t number, void *context)
{
	(void)number, (void)context;
	fputs("# ", out);
	write_tap_description(out, line);
	fputc('\n', out);
}

void report_each_line(FILE *out, const char *text, report_line_fn *write, void *context)
{
	size_t number = 0;
	for (const char *line = text; line && *line; number++) {
		size_t length = strcspn(line, "\n");
		char *copy = strndup(line, length);
		write(out, copy ? copy : "?", number, context);
		free(copy);
		line += length + (line[length] == '\n');
	}
}

void report_tap_begin(FILE *out, size_t count)
{
	fprintf(out, "TAP version 13\n1..%zu\n", count);
}

void report_tap_case(FILE *out, size_t number, const struct report_case *c)
{
	fprintf(out, "%s %zu - ", c->failure ? "not ok" : "ok", number);
	write_tap_description(out, c->name);
	fputc('\n', out);
	report_each_line(out, c->note, write_tap_comment, NULL);
	if (!c->failure)
		return;
	fprintf(out, "  ---\n  message: |\n");
	struct text_options options = front_text_options();
	char *safe = text_sanitize(c->failure, strlen(c->failure), &options);
	for (char *save = NULL, *line = strtok_r(safe, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		fprintf(out, "    %s\n", line);
	free(safe);
	fprintf(out, "  ...\n");
}

void report_write_tap(FILE *out, const struct report_case *cases, size_t count)
{
	report_tap_begin(out, count);
	for (size_t i = 0; i < count; i++)
		report_tap_case(out, i + 1, &cases[i]);
}

void report_write_github_value(FILE *out, const char *text, bool property)
{
	char *safe = front_safe_line(text);
	for (const char *s = safe ? safe : ""; *s; s++) {
		if (*s == '%')
			fputs("%25", out);
		else if (*s == '\n')
			fputs("%0A", out);
		else if (property && *s == ':')
			fputs("%3A", out);
		else if (property && *s == ',')
			fputs("%2C", out);
		else
			fputc(*s, out);
	}
	free(safe);
}
