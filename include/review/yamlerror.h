/* libyaml's syntax errors explained in an exercise author's terms: what went
 * wrong in the text as written and how to fix it, at the line where the fix goes.
 * It only reads the text around libyaml's position; it never patches YAML. */
#ifndef REVIEW_YAMLERROR_H
#define REVIEW_YAMLERROR_H

#include <stdbool.h>
#include <stddef.h>

/* 0-based line and column (in characters) within the parsed text, as libyaml's marks. */
struct yamlerror_position {
	size_t line;
	size_t column;
};

struct yamlerror_report {
	const char *problem;                 /* libyaml's problem, e.g. "mapping values are not allowed..." */
	const char *context;                 /* libyaml's context ("while parsing a block mapping") or NULL */
	struct yamlerror_position problem_at;
	struct yamlerror_position context_at; /* where the construct being parsed began */
	bool has_context_at;
};

/* When the problem is one an author commonly makes, writes the explanation and
 * its fix into message, sets *at to where the author should look, and returns
 * true; otherwise returns false and the caller keeps libyaml's words. */
bool yamlerror_explain(const char *text, size_t length, const struct yamlerror_report *report,
		       char *message, size_t size, struct yamlerror_position *at);

/* "JSON" when the text's first non-blank byte opens a JSON object or array (an
 * export, an answers file written as JSON), else "YAML": what to call a syntax
 * error in it (JSON is read by the same YAML parser). */
const char *yamlerror_language(const char *text, size_t length);

/* True when offset is at or past the text's last non-blank byte: the parser
 * ran out of text, so the file was likely cut short. */
bool yamlerror_at_end(const char *text, size_t length, size_t offset);

/* What a message adds when yamlerror_at_end: "" otherwise. */
const char *yamlerror_end_note(const char *text, size_t length, size_t offset);

#endif
