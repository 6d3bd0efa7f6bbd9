/* The output layer of the front ends: untrusted text made safe (and one line
 * where the format is one line per record), usage errors, diagnostics, and
 * styled lines as ANSI SGR on a terminal, plain text otherwise. Nothing from a
 * file or the command line reaches a stream except through here or the JSON
 * and report writers, which escape in their own syntax. */
#include <getopt.h>
#include <langinfo.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "front/front.h"

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

void front_write_doc(FILE *out, const struct text_doc *doc, bool color, const char *indent)
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

void front_write_doc_inline(FILE *out, const struct text_doc *doc, bool color)
{
	for (size_t i = 0; i < doc->line_count; i++)
		for (size_t j = 0; j < doc->lines[i].span_count; j++)
			write_span(out, &doc->lines[i].spans[j], color);
}

static void write_usage_head(const char *verb)
{
	fprintf(stderr, "review%s%s: ", verb ? " " : "", verb ? verb : "");
}

static void write_usage_tail(const char *verb)
{
	fprintf(stderr, "\nTry 'review %s%s--help'.\n", verb ? verb : "", verb ? " " : "");
}

int front_usage_error(const char *verb, const char *format, ...)
{
	char message[1024];
	va_list args;

	va_start(args, format);
	vsnprintf(message, sizeof(message), format, args);
	va_end(args);
	write_usage_head(verb);
	front_write_safe(stderr, message);
	write_usage_tail(verb);
	return EXIT_USAGE;
}

int front_usage_error_lines(const char *verb, const char *message)
{
	write_usage_head(verb);
	front_write_lines(stderr, message);
	write_usage_tail(verb);
	return EXIT_USAGE;
}

int front_option_error(const char *verb, int option, char **argv)
{
	if (option == ':')
		return front_usage_error(verb, "option '%s' needs a value", argv[optind - 1]);
	return front_usage_error(verb, "unknown option '%s'", argv[optind - 1]);
}

void front_print_diags(FILE *out, const struct diag_list *diags, bool color)
{
	for (size_t i = 0; i < diags->count; i++) {
		const struct diag *diag = &diags->items[i];
		front_write_safe(out, diag->file);
		if (diag->line > 0)
			fprintf(out, ":%d:%d", diag->line, diag->column > 0 ? diag->column : 1);
		if (color)
			fprintf(out, diag->level == DIAG_ERROR ? ": \033[1;31merror\033[0m: "
							       : ": \033[1;35mwarning\033[0m: ");
		else
			fprintf(out, ": %s: ", diag_level_name(diag->level));
		front_write_safe(out, diag->message);
		fputc('\n', out);
	}
}

bool front_use_color(const struct front_context *context, FILE *stream)
{
	const char *no_color = getenv("NO_COLOR");
	enum color_mode mode = context ? context->color : COLOR_AUTO;

	if (mode == COLOR_NEVER || (no_color && *no_color))
		return false;
	if (mode == COLOR_ALWAYS)
		return true;
	const char *term = getenv("TERM");
	return isatty(fileno(stream)) && term && strcmp(term, "dumb") != 0;
}

struct text_options front_text_options(void)
{
	const char *codeset = nl_langinfo(CODESET);
	struct text_options options = { .ascii_only = !codeset || strcmp(codeset, "UTF-8") != 0,
					.tab_width = 4 };
	return options;
}

int front_output_width(void)
{
	struct winsize size;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col >= 20)
		return size.ws_col;
	return 80;
}

char *front_safe_line(const char *text)
{
	struct text_options options = front_text_options();
	char *safe = text_sanitize_line(text ? text : "", text ? strlen(text) : 0, &options);
	return safe ? safe : strdup("?");
}

void front_write_safe(FILE *out, const char *text)
{
	char *safe = front_safe_line(text);
	fputs(safe ? safe : "?", out);
	free(safe);
}

void front_write_lines(FILE *out, const char *text)
{
	struct text_options options = front_text_options();
	char *safe = text_sanitize(text ? text : "", text ? strlen(text) : 0, &options);
	fputs(safe ? safe : "?", out);
	free(safe);
}
