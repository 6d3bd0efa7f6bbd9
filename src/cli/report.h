/* Test-report writers shared by `check` and `smoke`: JUnit XML and TAP 13. */
#ifndef REVIEW_CLI_REPORT_H
#define REVIEW_CLI_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct report_case {
	const char *classname; /* JUnit classname (e.g. the track); may be NULL */
	const char *name;      /* one line */
	const char *failure;   /* NULL when the case passed; may span lines */
	const char *note;      /* what was measured, or warnings: JUnit system-out, TAP
				* `#` lines (one per line); may be NULL */
};

void report_write_junit(FILE *out, const char *suite, const struct report_case *cases, size_t count);
void report_write_tap(FILE *out, const struct report_case *cases, size_t count);

/* The same a case at a time, for cases that are not all in memory: the
 * totals go first, so they must be known before the cases are written. */
void report_junit_begin(FILE *out, const char *suite, size_t count, size_t failures);
void report_junit_case(FILE *out, const char *suite, const struct report_case *c);
void report_junit_end(FILE *out);
void report_tap_begin(FILE *out, size_t count);
void report_tap_case(FILE *out, size_t number, const struct report_case *c);

/* Calls write once for each line of text (none for NULL or ""), the line as
 * a string of its own and number counting from 0: multi-line failures and
 * notes become one record per line in every format. */
typedef void report_line_fn(FILE *out, const char *line, size_t number, void *context);
void report_each_line(FILE *out, const char *text, report_line_fn *write, void *context);

/* Text for a GitHub workflow command (`::error file=F,line=L::message`): '%' and
 * newlines escaped, and in a property (file=...) ':' and ',' too. */
void report_write_github_value(FILE *out, const char *text, bool property);

#endif
