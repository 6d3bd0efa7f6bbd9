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

/* Text for a GitHub workflow command (`::error file=F,line=L::message`): '%' and
 * newlines escaped, and in a property (file=...) ':' and ',' too. */
void report_write_github_value(FILE *out, const char *text, bool property);

#endif
