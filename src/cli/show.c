/* review show: an exercise rendered for reading, or as JSON. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "review/markdown.h"
#include "cli/cli.h"
#include "review/highlight.h"

struct show_options {
	bool key;
	bool color;
	int width;
	struct text_options text;
	const char *separator; /* " · ", or " - " where the locale is not UTF-8 */
	struct order order;    /* the learner's, or the file's with --key */
	size_t *positions;     /* display position -> candidate index */
};

static void write_markdown(FILE *out, const char *markdown, const struct show_options *options,
			   const char *indent)
{
	if (!markdown || !*markdown)
		return;
	int width = options->width - (int)strlen(indent);
	struct text_doc *doc = markdown_render(markdown, strlen(markdown), width, &options->text);
	if (doc)
		front_write_doc(out, doc, options->color, indent);
	text_doc_free(doc);
}

static void write_heading(FILE *out, const char *text, const struct show_options *options)
{
	fprintf(out, options->color ? "\n\033[1m%s\033[0m\n" : "\n%s\n", text);
}

static void write_header(FILE *out, const struct exercise *exercise, const struct show_options *options)
{
	fputs(options->color ? "\033[1m" : "", out);
	front_write_safe(out, exercise->title);
	fputs(options->color ? "\033[0m\n" : "\n", out);
	fprintf(out, "%s", exercise->id);
	if (exercise->difficulty)
		fprintf(out, "%s%s", options->separator, difficulty_name(exercise->difficulty));
	fputs(options->separator, out);
	front_write_safe(out, exercise->language);
	if (exercise->track) {
		fputs(options->separator, out);
		front_write_safe(out, exercise->track);
		if (exercise->track_level >= 0)
			fprintf(out, " level %d", exercise->track_level);
	}
	int points = exercise_max_points(exercise);
	fprintf(out, "%s%zu candidate%s, %d point%s, %zu hint%s\n", options->separator,
		exercise->candidate_count, exercise->candidate_count == 1 ? "" : "s", points,
		points == 1 ? "" : "s", exercise->hint_count, exercise->hint_count == 1 ? "" : "s");
}

static void write_code(FILE *out, const struct exercise *exercise, const struct show_options *options)
{
	struct text_doc *code = highlight_code(exercise->language, exercise->code, &options->text);
	if (!code)
		return;
	int digits = snprintf(NULL, 0, "%zu", code->line_count);
	for (size_t i = 0; i < code->line_count; i++) {
		fprintf(out, options->color ? "\033[2m%*zu\033[0m  " : "%*zu  ", digits, i + 1);
		struct text_doc one = { &code->lines[i], 1, 1 };
		front_write_doc(out, &one, options->color, NULL);
	}
	text_doc_free(code);
}

static void write_lines(FILE *out, const struct candidate *candidate, const char *separator)
{
	for (size_t i = 0; i < candidate->line_range_count; i++) {
		const struct line_range *range = &candidate->lines[i];
		fprintf(out, "%s", i ? ", " : separator);
		if (i == 0)
			fputs("lines ", out);
		if (range->first == range->last)
			fprintf(out, "%d", range->first);
		else
			fprintf(out, "%d-%d", range->first, range->last);
	}
}

/* The candidate's text as the terminal UI shows it (Markdown rendered, wrapped
 * under its number), without the last newline: the key's id may follow. */
static void write_candidate_text(FILE *out, size_t index, const struct candidate *candidate,
				 const struct show_options *options)
{
	static const char hang[] = "    ";
	fprintf(out, "%2zu. ", index + 1);
	const char *text = candidate->text ? candidate->text : "";
	struct text_doc *doc = markdown_render(text, strlen(text), options->width - (int)strlen(hang),
					       &options->text);
	size_t written = 0;
	for (size_t i = 0; doc && i < doc->line_count; i++) {
		struct text_doc one = { &doc->lines[i], 1, 1 };
		if (doc->lines[i].span_count == 0) /* a paragraph's blank line: one paragraph is expected */
			continue;
		if (written++)
			fprintf(out, "\n%s", hang);
		front_write_doc_inline(out, &one, options->color);
	}
	if (!doc)
		front_write_safe(out, text);
	text_doc_free(doc);
}

static void write_candidate(FILE *out, size_t index, const struct candidate *candidate,
			    const struct show_options *options)
{
	write_candidate_text(out, index, candidate, options);
	/* A learner answers by number: the author's id (often numbered in the order
	 * the author wrote the candidates) and the points would hint at the key. */
	if (!options->key) {
		fputc('\n', out);
		return;
	}
	fputs(" [", out);
	front_write_safe(out, candidate->id);
	fputs("]\n", out);
	fprintf(out, "    %s%s%s%s%d point%s", candidate->is_real ? "real" : "not real",
		candidate->severity ? ", " : "", severity_name(candidate->severity), options->separator,
		candidate->points,
		candidate->points == 1 ? "" : "s");
	write_lines(out, candidate, options->separator);

	fputc('\n', out);
	write_markdown(out, candidate->explanation, options, "    ");
}

static void write_text(FILE *out, const struct exercise *exercise, const struct show_options *options)
{
	write_header(out, exercise, options);
	if (exercise->context && *exercise->context) {
		write_heading(out, "Context", options);
		write_markdown(out, exercise->context, options, "");
	}
	if (exercise->prompt && *exercise->prompt) {
		write_heading(out, "Task", options);
		write_markdown(out, exercise->prompt, options, "");
	}
	write_heading(out, "Code", options);
	write_code(out, exercise, options);
	fputs(options->color ? "\n\033[1mCandidates\033[0m (" : "\nCandidates (", out);
	fputs(options->order.kind == ORDER_FILE ? "in file order" : "in your order: ", out);
	if (options->order.kind != ORDER_FILE)
		front_write_order(out, options->order);
	fputs(")\n", out);
	for (size_t n = 0; n < exercise->candidate_count; n++)
		write_candidate(out, n, &exercise->candidates[options->positions[n]], options);
	if (options->key && exercise->hint_count > 0) {
		write_heading(out, "Hints", options);
		for (size_t i = 0; i < exercise->hint_count; i++) {
			fprintf(out, "%2zu.\n", i + 1);
			write_markdown(out, exercise->hints[i], options, "    ");
		}
	}
}

static void write_json_strings(FILE *out, const char *key, char **items, size_t count)
{
	fputc(',', out);
	json_write_key(out, key);
	fputc('[', out);
	for (size_t i = 0; i < count; i++) {
		if (i)
			fputc(',', out);
		json_write_string(out, items[i]);
	}
	fputc(']', out);
}

static void write_json_field(FILE *out, const char *key, const char *value)
{
	fputc(',', out);
	json_write_key(out, key);
	json_write_string(out, value);
}

/* Always [[first, last], ...]: a single line is [n, n], so a consumer reads one
 * shape (it was a mix of numbers and "a-b" strings). */
static void write_json_lines(FILE *out, const struct candidate *candidate)
{
	fputs(",\"lines\":[", out);
	for (size_t i = 0; i < candidate->line_range_count; i++)
		fprintf(out, "%s[%d,%d]", i ? "," : "", candidate->lines[i].first, candidate->lines[i].last);
	fputc(']', out);
}

static void write_json_candidate(FILE *out, size_t position, const struct candidate *candidate,
				 bool key)
{
	fprintf(out, "{\"position\":%zu", position + 1);
	write_json_field(out, "text", candidate->text);
	if (key) {
		fputs(",\"id\":", out);
		json_write_string(out, candidate->id);
		fprintf(out, ",\"points\":%d", candidate->points);
		fprintf(out, ",\"is_real\":%s", candidate->is_real ? "true" : "false");
		write_json_field(out, "severity", candidate->severity ? severity_name(candidate->severity) : NULL);
		write_json_field(out, "explanation", candidate->explanation);
		write_json_lines(out, candidate);
	}
	fputc('}', out);
}

static void write_json(FILE *out, const struct exercise *exercise,
		       const struct show_options *options)
{
	fputs("{\"id\":", out);
	json_write_string(out, exercise->id);
	write_json_field(out, "path", exercise->path);
	write_json_field(out, "title", exercise->title);
	write_json_field(out, "language", exercise->language);
	write_json_field(out, "difficulty", exercise->difficulty ? difficulty_name(exercise->difficulty) : NULL);
	write_json_strings(out, "tags", exercise->tags, exercise->tag_count);
	write_json_field(out, "track", exercise->track);
	fprintf(out, ",\"track_level\":%d,\"track_order\":%d", exercise->track_level, exercise->track_order);
	write_json_field(out, "context", exercise->context);
	write_json_field(out, "code", exercise->code);
	write_json_strings(out, "hints", exercise->hints, exercise->hint_count);
	write_json_field(out, "prompt", exercise->prompt);
	fputc(',', out);
	front_write_order_json(out, options->order);
	fputs(",\"issues\":[", out);
	for (size_t n = 0; n < exercise->candidate_count; n++) {
		fputs(n ? ",\n  " : "\n  ", out);
		write_json_candidate(out, n, &exercise->candidates[options->positions[n]],
				     options->key);
	}
	fputs("\n]}\n", out);
}

static bool parse_width(const char *text, int *width)
{
	char *end;
	long value = strtol(text, &end, 10);
	if (*end || end == text || value < 20 || value > 1000)
		return false;
	*width = (int)value;
	return true;
}

int verb_show(struct front_context *context, int argc, char **argv)
{
	static const struct option long_options[] = {
		{ "key", no_argument, NULL, 'k' }, { "format", required_argument, NULL, 'f' },
		{ "width", required_argument, NULL, 'w' }, { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct show_options options = { false, front_use_color(context, stdout), front_output_width(),
					front_text_options(), NULL, { ORDER_FILE, 0 }, NULL };
	enum output_format format = FORMAT_TEXT;
	int option, status;

	options.separator = options.text.ascii_only ? " - " : " \u00b7 ";
	optind = 0;
	opterr = 0;
	while ((option = getopt_long(argc, argv, ":", long_options, NULL)) != -1) {
		switch (option) {
		case 'k': options.key = true; break;
		case 'f':
			if (!front_parse_format(optarg, 1u << FORMAT_TEXT | 1u << FORMAT_JSON, &format))
				return front_usage_error("show", "--format takes text or json, not '%s'", optarg);
			break;
		case 'w':
			if (!parse_width(optarg, &options.width))
				return front_usage_error("show", "--width takes a number from 20 to 1000, not '%s'", optarg);
			break;
		case 'h': fputs(cli_find_verb("show")->usage, stdout); return EXIT_OK;
		default: return front_option_error("show", option, argv);
		}
	}
	if (optind != argc - 1)
		return front_usage_error("show", optind >= argc ? "which exercise? give an id, a stem or a path"
							       : "too many arguments");
	struct exercise *exercise = front_open_exercise(context, argv[optind], &status, NULL);
	if (!exercise)
		return status;
	options.positions = calloc(exercise->candidate_count + 1, sizeof(*options.positions));
	if (!options.positions) {
		fprintf(stderr, "review show: out of memory\n");
		exercise_free(exercise);
		return EXIT_USAGE;
	}
	options.order = front_resolve_order(context, NULL, exercise, options.key, false);
	order_arrange(exercise, options.order, options.positions);
	if (format == FORMAT_JSON)
		write_json(stdout, exercise, &options);
	else
		write_text(stdout, exercise, &options);
	free(options.positions);
	exercise_free(exercise);
	return EXIT_OK;
}
