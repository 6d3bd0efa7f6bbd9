/* Styled lines to a stream: ANSI SGR on a terminal, plain text otherwise. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

/* SGR parameters per role; colours use the terminal's palette, never a background. */
static const char *const role_sgr[ROLE_COUNT] = {
	[ROLE_PLAIN] = "",
	[ROLE_HEADING] = "1;34",
	[ROLE_EMPHASIS] = "3",
	[ROLE_STRONG] = "1",
	[ROLE_CODE] = "36",
	[ROLE_LINK] = "4",
	[ROLE_URL] = "2",
	[ROLE_QUOTE] = "2",
	[ROLE_BULLET] = "33",
	[ROLE_ESCAPE] = "7",
	[ROLE_LINE_NUMBER] = "2",
	[ROLE_KEYWORD] = "35",
	[ROLE_TYPE] = "33",
	[ROLE_STRING] = "32",
	[ROLE_COMMENT] = "2;3",
	[ROLE_NUMBER] = "36",
	[ROLE_PREPROCESSOR] = "34",
};

static void write_span(FILE *out, const struct text_span *span, bool color)
{
	if (!color) {
		fputs(span->text, out);
		return;
	}
	const char *sgr = role_sgr[span->role] ? role_sgr[span->role] : "";
	fprintf(out, "\033[%s%s%s%sm%s\033[0m", sgr, span->bold ? ";1" : "", span->italic ? ";3" : "",
		*sgr || span->bold || span->italic ? "" : "0", span->text);
}

void cli_write_doc(FILE *out, const struct text_doc *doc, bool color, const char *indent)
{
	for (size_t i = 0; i < doc->line_count; i++) {
		const struct text_line *line = &doc->lines[i];
		if (line->span_count > 0)
			fputs(indent ? indent : "", out);
		for (size_t j = 0; j < line->span_count; j++)
			write_span(out, &line->spans[j], color);
		fputc('\n', out);
	}
}
