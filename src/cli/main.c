/* review: a terminal code-review exercise runner. main() only dispatches. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

static int print_help(void)
{
	printf("usage: review [OPTIONS] [EXERCISE]\n"
	       "       review [OPTIONS] VERB [ARGS]\n\n"
	       "Without a verb, opens the catalog in the terminal UI, or EXERCISE directly\n"
	       "(`review -- EXERCISE` when its id is also a verb's name).\n\n"
	       "Verbs:\n");
	for (const struct cli_verb *verb = cli_verbs; verb->name; verb++)
		printf("  %-10s %s\n", verb->name, verb->summary);
	printf("\nOptions for every verb:\n"
	       "  --exercises DIR   read the catalog from DIR (repeatable; else REVIEW_PATH,\n"
	       "                    ./exercises, or the installed catalog)\n"
	       "  --color WHEN      auto, always or never (NO_COLOR also turns colour off)\n"
	       "  --state FILE      progress store (else REVIEW_STATE, else\n"
	       "                    $XDG_STATE_HOME/review/state.db)\n"
	       "  --no-save         do not read or write progress\n"
	       "  --order ORDER     file or shuffled: how candidates are listed (default:\n"
	       "                    the learner's own shuffle, kept in the progress store)\n"
	       "  --seed N          shuffle by N, the same way every time\n"
	       "  --find, --no-find\n"
	       "                    open exercises on the find phase (the default), or\n"
	       "                    directly on the candidates; remembered\n"
	       "  --help, --version\n\n"
	       "`review help VERB` or `review VERB --help` describes a verb.\n"
	       "Exit status: 0 ok, 1 a finding (invalid file, failed grade), 2 usage or input error.\n");
	return EXIT_OK;
}

static const char help_usage[] =
	"usage: review help [VERB]\n\n"
	"Without VERB, lists the verbs and the options every verb takes; with one,\n"
	"describes it (as review VERB --help does).\n";

static int help_verb(int argc, char **argv)
{
	if (argc < 2)
		return print_help();
	const char *word = argv[1];
	if (strcmp(word, "help") == 0 || strcmp(word, "--help") == 0 || strcmp(word, "-h") == 0) {
		fputs(help_usage, stdout);
		return EXIT_OK;
	}
	if (argc > 2)
		return front_usage_error("help", "one VERB at a time, got '%s' too", argv[2]);
	const struct cli_verb *verb = cli_find_verb(word);
	if (verb) {
		fputs(verb->usage, stdout);
		return EXIT_OK;
	}
	verb = cli_nearest_verb(word);
	if (verb)
		return front_usage_error("help", "unknown verb '%s' (did you mean '%s'?)", word, verb->name);
	return front_usage_error("help", "unknown verb '%s'", word);
}

/* `review WORD` opens an exercise, so a mistyped verb would otherwise read as an
 * unknown exercise: say which verb was meant, or that WORD is neither. */
static int check_exercise_word(struct front_context *context, const char *word)
{
	struct diag_list diags = DIAG_LIST_INIT;
	const struct catalog_entry *entry = NULL;
	char *message = NULL;
	int status = EXIT_OK;

	if (access(word, F_OK) == 0)
		return EXIT_OK;
	struct catalog *catalog = front_load_catalog(context, &diags);
	enum catalog_match match = catalog ? catalog_find(catalog, word, &entry, &message) : CATALOG_FOUND;
	if (match == CATALOG_AMBIGUOUS) {
		status = front_usage_error_lines(NULL, message ? message : "ambiguous");
	} else if (match == CATALOG_NOT_FOUND) {
		const struct cli_verb *verb = cli_nearest_verb(word);
		if ((status = front_report_broken(catalog, word)) != EXIT_OK) {
			/* the file's own errors are said */
		} else if (verb) {
			status = front_usage_error(NULL, "unknown verb '%s' (did you mean '%s'?)", word, verb->name);
		} else {
			/* The catalog's message made each suggestion one line; the word is
			 * the user's and is made one line here. */
			char *shown = front_safe_line(word);
			size_t length = strlen(shown) + (message ? strlen(message) : 0) + 64;
			char *text = malloc(length);
			if (text)
				snprintf(text, length, "'%s' is neither a verb nor an exercise: %s", shown,
					 message ? message : "");
			status = front_usage_error_lines(NULL, text ? text : "neither a verb nor an exercise");
			free(text);
			free(shown);
		}
	}
	free(message);
	/* `review ID` goes on to open it: the terminal UI takes this catalog rather
	 * than walking the folders a second time. */
	if (status == EXIT_OK && !context->loaded)
		context->loaded = catalog;
	else
		catalog_free(catalog);
	diag_list_free(&diags);
	return status;
}

static int dispatch(struct front_context *context, int argc, char **argv)
{
	char tui_name[] = "tui";

	if (argc < 2) {
		char *tui_argv[] = { tui_name, NULL };
		return verb_tui(context, 1, tui_argv);
	}
	const char *first = argv[1];
	if (strcmp(first, "--help") == 0 || strcmp(first, "-h") == 0)
		return print_help();
	if (strcmp(first, "--version") == 0) {
		printf("review %s\n", REVIEW_VERSION);
		return EXIT_OK;
	}
	if (strcmp(first, "help") == 0)
		return help_verb(argc - 1, argv + 1);
	const struct cli_verb *verb = cli_find_verb(first);
	if (verb)
		return verb->run(context, argc - 1, argv + 1);
	/* `review -- WORD` opens the exercise WORD even when WORD is a verb's name. */
	bool after_dashes = strcmp(first, "--") == 0;
	if (!after_dashes && first[0] == '-')
		return front_usage_error(NULL, "unknown option '%s'", first);
	/* `review EXERCISE` opens it in the TUI. */
	const char *word = after_dashes ? argv[2] : first;
	int status = word ? check_exercise_word(context, word) : EXIT_OK;
	if (status != EXIT_OK)
		return status;
	argv[0] = tui_name;
	return verb_tui(context, argc, argv);
}

int main(int argc, char **argv)
{
	struct front_context context;

	setlocale(LC_ALL, "");
	int status = front_take_global_options(&context, &argc, argv);
	if (status == EXIT_OK)
		status = dispatch(&context, argc, argv);
	front_context_free(&context);
	return status;
}
