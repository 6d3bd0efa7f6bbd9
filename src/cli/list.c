/* review list: the catalog as an aligned table or JSON. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "review/highlight.h"

struct list_filter {
	const char *track;
	const char *tag;
	const char *language;
};

static bool entry_has_tag(const struct catalog_entry *entry, const char *tag)
{
	for (size_t i = 0; i < entry->tag_count; i++)
		if (strcmp(entry->tags[i], tag) == 0)
			return true;
	return false;
}

static bool entry_matches(const struct catalog_entry *entry, const struct list_filter *filter)
{
	return (!filter->track || strcmp(entry->track, filter->track) == 0) &&
	       (!filter->tag || entry_has_tag(entry, filter->tag)) &&
	       (!filter->language || strcmp(entry->language, filter->language) == 0);
}

static void write_json_entry(FILE *out, const struct catalog_entry *entry)
{
	fputs("  {", out);
	json_write_key(out, "id"), json_write_string(out, entry->display_id);
	fputc(',', out), json_write_key(out, "title"), json_write_string(out, entry->title);
	fputc(',', out), json_write_key(out, "path"), json_write_string(out, entry->path);
	fputc(',', out), json_write_key(out, "track");
	json_write_string(out, entry->track[0] ? entry->track : NULL);
	fprintf(out, ",\"track_level\":%d,\"track_order\":%d,", entry->track_level, entry->track_order);
	json_write_key(out, "difficulty");
	json_write_string(out, entry->difficulty ? difficulty_name(entry->difficulty) : NULL);
	fputc(',', out), json_write_key(out, "language"), json_write_string(out, entry->language);
	fputs(",\"tags\":[", out);
	for (size_t i = 0; i < entry->tag_count; i++) {
		if (i)
			fputc(',', out);
		json_write_string(out, entry->tags[i]);
	}
	fprintf(out, "],\"issues\":%zu,\"points\":%d}", entry->candidate_count, entry->points);
}

/* The byte length of the longest prefix of text that fits in width columns
 * (whole characters only: UTF-8 continuation bytes stay with their lead). */
static size_t fitting_prefix(const char *text, int width)
{
	size_t end = 0;
	for (size_t next = 1; text[end]; end = next, next = end + 1) {
		while (((unsigned char)text[next] & 0xC0) == 0x80)
			next++;
		if (text_width(text, next) > width)
			break;
	}
	return end;
}

/* Pads to a display width (titles may hold wide characters); a cell wider than
 * its column is cut and ends in an ellipsis, so it never runs into the next. */
static void write_cell(FILE *out, const char *text, int width, bool last)
{
	char *safe = front_safe_line(text);
	const char *shown = safe ? safe : "?";
	int shown_width = text_width(shown, strlen(shown));
	if (!last && shown_width > width) {
		const char *ellipsis = front_text_options().ascii_only ? "." : "\u2026";
		fwrite(shown, 1, fitting_prefix(shown, width - 1), out);
		fputs(ellipsis, out);
		shown_width = width;
	} else {
		fputs(shown, out);
	}
	/* Padding in one call: a character at a time took the stream's lock each time. */
	int pad = width - shown_width + 1;
	if (!last && pad > 0)
		fprintf(out, "%*s", pad, "");
	free(safe);
}

static int safe_width(const char *text)
{
	char *safe = front_safe_line(text);
	int width = safe ? text_width(safe, strlen(safe)) : 1;
	free(safe);
	return width;
}

#define COLUMNS 5

static void cells_of(const struct catalog_entry *entry, const char *cells[COLUMNS])
{
	cells[0] = entry->display_id;
	cells[1] = entry->title;
	cells[2] = entry->difficulty ? difficulty_name(entry->difficulty) : "-";
	cells[3] = entry->language;
	cells[4] = entry->track[0] ? entry->track : "-";
}

static void write_table(FILE *out, const struct catalog *catalog, const struct list_filter *filter,
			bool color)
{
	const char *header[COLUMNS] = { "ID", "TITLE", "DIFFICULTY", "LANGUAGE", "TRACK" };
	int widths[COLUMNS];
	const char *cells[COLUMNS];

	for (int c = 0; c < COLUMNS; c++)
		widths[c] = (int)strlen(header[c]);
	for (size_t i = 0; i < catalog->count; i++) {
		if (!entry_matches(&catalog->entries[i], filter))
			continue;
		cells_of(&catalog->entries[i], cells);
		for (int c = 0; c < COLUMNS; c++) {
			int width = safe_width(cells[c]);
			if (width > widths[c])
				widths[c] = width > 60 ? 60 : width;
		}
	}
	fputs(color ? "\033[1m" : "", out);
	for (int c = 0; c < COLUMNS; c++)
		write_cell(out, header[c], widths[c], c == COLUMNS - 1);
	fputs(color ? "\033[0m\n" : "\n", out);
	for (size_t i = 0; i < catalog->count; i++) {
		if (!entry_matches(&catalog->entries[i], filter))
			continue;
		cells_of(&catalog->entries[i], cells);
		for (int c = 0; c < COLUMNS; c++)
			write_cell(out, cells[c], widths[c], c == COLUMNS - 1);
		fputc('\n', out);
	}
}

static void write_json(FILE *out, const struct catalog *catalog, const struct list_filter *filter)
{
	bool first = true;
	fputs("[", out);
	for (size_t i = 0; i < catalog->count; i++) {
		if (!entry_matches(&catalog->entries[i], filter))
			continue;
		fputs(first ? "\n" : ",\n", out);
		write_json_entry(out, &catalog->entries[i]);
		first = false;
	}
	fputs(first ? "]\n" : "\n]\n", out);
}

/* The languages the highlighter knows, with their aliases: what `language:` takes. */
static int write_languages(FILE *out, enum output_format format)
{
	fputs(format == FORMAT_JSON ? "[" : "", out);
	for (size_t i = 0; i < highlight_language_count(); i++) {
		const char *names = highlight_language_names(i);
		size_t length = strcspn(names, " ");
		const char *aliases = names[length] ? names + length + 1 : "";
		if (format == FORMAT_JSON)
			fprintf(out, "%s\n {\"language\":\"%.*s\",\"aliases\":\"%s\"}", i ? "," : "",
				(int)length, names, aliases);
		else
			fprintf(out, "%-12.*s %s\n", (int)length, names, aliases);
	}
	fputs(format == FORMAT_JSON ? "\n]\n" : "(any other language is shown as plain text)\n", out);
	return EXIT_OK;
}

int verb_list(struct front_context *context, int argc, char **argv)
{
	static const struct option options[] = {
		{ "track", required_argument, NULL, 't' }, { "tag", required_argument, NULL, 'g' },
		{ "language", required_argument, NULL, 'l' }, { "format", required_argument, NULL, 'f' },
		{ "languages", no_argument, NULL, 'L' }, { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct list_filter filter = { NULL, NULL, NULL };
	bool languages = false;
	enum output_format format = FORMAT_TEXT;
	int option;

	optind = 0;
	opterr = 0;
	while ((option = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		switch (option) {
		case 't': filter.track = optarg; break;
		case 'g': filter.tag = optarg; break;
		case 'l': filter.language = optarg; break;
		case 'L': languages = true; break;
		case 'f':
			if (!front_parse_format(optarg, 1u << FORMAT_TEXT | 1u << FORMAT_JSON, &format))
				return front_usage_error("list", "--format takes text or json, not '%s'", optarg);
			break;
		case 'h': fputs(cli_find_verb("list")->usage, stdout); return EXIT_OK;
		default: return front_option_error("list", option, argv);
		}
	}
	if (optind < argc)
		return front_usage_error("list", "unexpected argument '%s'", argv[optind]);
	if (languages)
		return write_languages(stdout, format);

	struct diag_list diags = DIAG_LIST_INIT;
	struct catalog *catalog = front_load_catalog(context, &diags);
	if (!catalog) {
		diag_list_free(&diags);
		fprintf(stderr, "review list: out of memory\n");
		return EXIT_USAGE;
	}
	if (catalog->file_count == 0 && diags.count > 0) {
		/* Nothing to list because a folder is missing: say which, as an input error. */
		front_print_diags(stderr, &diags, front_use_color(context, stderr));
		fprintf(stderr, "review list: no catalog; give one with --exercises DIR or REVIEW_PATH\n");
		catalog_free(catalog);
		diag_list_free(&diags);
		return EXIT_USAGE;
	}
	if (diags.count > 0)
		fprintf(stderr, "review list: %zu problem%s in the catalog; `review check` shows %s\n",
			diags.count, diags.count == 1 ? "" : "s", diags.count == 1 ? "it" : "them");
	if (format == FORMAT_JSON)
		write_json(stdout, catalog, &filter);
	else
		write_table(stdout, catalog, &filter, front_use_color(context, stdout));
	catalog_free(catalog);
	diag_list_free(&diags);
	return EXIT_OK;
}
