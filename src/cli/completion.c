/* review completion bash|zsh: shell completion generated from the verb table
 * that --help prints, so a new verb or option is completed as soon as its
 * usage text names it. Exercise ids are asked of `review list --format json`
 * when Tab is pressed, with the --exercises folders already typed. */
#include <ctype.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

/* Options every verb takes (besides the verb's own, read from its usage). */
static const char *const global_options[] = { "--exercises", "--color", "--state", "--no-save", "--order",
					      "--seed", "--find", "--no-find", NULL };

/* Options whose value is a file or folder, and fixed value lists not spelled
 * out in usage texts. */
static const char file_options[] = "--exercises|--state|--output|-o|--answers";
static const char *const fixed_values[][2] = {
	{ "--color", "auto always never" }, { "--order", "file shuffled" }, { NULL, NULL },
};

/* Whether a usage line lists options: the synopsis (up to the first blank
 * line), an option's own line, and the common options trailer. Prose lines
 * may mention other verbs' options and are not read. */
static bool lists_options(const char *line, bool in_synopsis)
{
	return in_synopsis || strncmp(line, "  -", 3) == 0 || strncmp(line, "Common options:", 15) == 0 ||
	       strncmp(line, "--seed", 6) == 0;
}

/* Calls found(out, option, length, line) for every long option the usage
 * text lists, each once. */
static void each_option(FILE *out, const char *usage,
			void (*found)(FILE *out, const char *option, size_t length, bool first))
{
	char seen[2048] = " ";
	bool in_synopsis = true, first = true;
	for (const char *line = usage; *line; ) {
		size_t line_length = strcspn(line, "\n");
		if (line_length == 0)
			in_synopsis = false;
		size_t scan = line_length; /* an option line: its names, not its description */
		const char *gap = strncmp(line, "  -", 3) == 0 ? strstr(line + 3, "  ") : NULL;
		if (gap && gap < line + line_length)
			scan = (size_t)(gap - line);
		for (const char *s = line; lists_options(line, in_synopsis) && (s = strstr(s, "--")) && s < line + scan; s += 2) {
			size_t length = 2;
			while (islower((unsigned char)s[length]) || s[length] == '-')
				length++;
			char key[80];
			if (length <= 2 || length >= 64 || (s > usage && isalnum((unsigned char)s[-1])))
				continue;
			snprintf(key, sizeof(key), " %.*s ", (int)length, s);
			if (strstr(seen, key) || strlen(seen) + length + 2 >= sizeof(seen))
				continue;
			strcat(seen, key + 1);
			found(out, s, length, first);
			first = false;
		}
		line += line_length + (line[line_length] == '\n');
	}
}

static void write_option_name(FILE *out, const char *option, size_t length, bool first)
{
	fprintf(out, "%s%.*s", first ? "" : " ", (int)length, option);
}

/* The long options a usage text lists, space-separated, and --help. */
static void write_options_of(FILE *out, const char *usage)
{
	each_option(out, usage, write_option_name);
	fputs(strstr(usage, "--help") ? "" : " --help", out);
}

/* `--opt a|b|c` as a `--opt) values="a b c";;` case of the previous word. */
static void write_value_case(FILE *out, const char *option, size_t length, bool first)
{
	(void)first;
	const char *list = option + length + 1;
	size_t values = 0;
	if (option[length] != ' ')
		return;
	while (islower((unsigned char)list[values]) || list[values] == '|' || list[values] == '-')
		values++;
	if (!memchr(list, '|', values))
		return;
	fprintf(out, "\t\t%.*s) takes_value=1 values=\"", (int)length, option);
	for (size_t i = 0; i < values; i++)
		fputc(list[i] == '|' ? ' ' : list[i], out);
	fputs("\"; return;;\n", out);
}

static bool takes_exercise(const struct cli_verb *verb)
{
	return strstr(verb->usage, "EXERCISE") != NULL;
}

static bool takes_files(const struct cli_verb *verb)
{
	return strstr(verb->usage, "PATH") || strstr(verb->usage, "FILE...");
}

static void write_verb_names(FILE *out)
{
	for (const struct cli_verb *verb = cli_verbs; verb->name; verb++)
		fprintf(out, "%s ", verb->name);
	fputs("help", out);
}

static void write_globals(FILE *out)
{
	for (const char *const *option = global_options; *option; option++)
		fprintf(out, " %s", *option);
}

/* The shell-independent part: a function that sets `opts`, `files`, `ids` and
 * `values` for a verb and the previous word (bash and zsh share this syntax). */
static void write_verb_table(FILE *out)
{
	fputs("_review_verb_table() { # VERB PREV\n"
	      "\tlocal verb=$1 prev=$2\n"
	      "\topts= files= ids= values= takes_value=\n"
	      "\tcase $prev in\n", out);
	fprintf(out, "\t%s) files=1 takes_value=1; return;;\n", file_options);
	for (size_t i = 0; fixed_values[i][0]; i++)
		fprintf(out, "\t%s) values=\"%s\" takes_value=1; return;;\n", fixed_values[i][0], fixed_values[i][1]);
	fputs("\tesac\n\tcase $verb in\n", out);
	fputs("\t'') opts=\"--help --version", out);
	write_globals(out);
	fputs("\" values=\"", out);
	write_verb_names(out);
	fputs("\" ids=1;;\n", out);
	fputs("\thelp) values=\"", out);
	write_verb_names(out);
	fputs("\" opts=--help;;\n", out);
	for (const struct cli_verb *verb = cli_verbs; verb->name; verb++) {
		fprintf(out, "\t%s)\n\t\tcase $prev in\n", verb->name);
		each_option(out, verb->usage, write_value_case);
		fputs("\t\tesac\n\t\topts=\"", out);
		write_options_of(out, verb->usage);
		fprintf(out, "\"%s%s", takes_exercise(verb) ? " ids=1" : "", takes_files(verb) ? " files=1" : "");
		if (strcmp(verb->name, "completion") == 0)
			fputs(" values=\"bash zsh\"", out);
		fputs(";;\n", out);
	}
	fputs("\tesac\n}\n", out);
}

/* Exercise ids for the words typed so far: --exercises and --state pass through. */
static const char ids_function[] =
	"_review_ids() { # WORDS...\n"
	"\tlocal -a passed=()\n"
	"\twhile [ $# -gt 0 ]; do\n"
	"\t\tcase $1 in\n"
	"\t\t--exercises|--state) [ $# -gt 1 ] && passed+=(\"$1\" \"$2\"); shift;;\n"
	"\t\t--exercises=*|--state=*) passed+=(\"$1\");;\n"
	"\t\tesac\n"
	"\t\tshift\n"
	"\tdone\n"
	"\tcommand review \"${passed[@]}\" --no-save list --format json 2>/dev/null |\n"
	"\t\tgrep -o '\"id\":\"[^\"]*\"' | cut -d'\"' -f4\n"
	"}\n"
	/* The verb: the first word that is neither an option nor an option's value. */
	"_review_find_verb() { # WORDS... (up to the cursor)\n"
	"\t_review_verb=\n"
	"\twhile [ $# -gt 0 ]; do\n"
	"\t\tcase $1 in\n"
	"\t\t--exercises|--state|--color|--colour|--order|--seed) shift;;\n"
	"\t\t-*) ;;\n"
	"\t\t*) _review_verb=$1; return;;\n"
	"\t\tesac\n"
	"\t\tshift\n"
	"\tdone\n"
	"}\n";

static void write_bash(FILE *out)
{
	fputs("# bash completion for review: generated by `review completion bash` from the\n"
	      "# verb table that `review --help` prints. Install as\n"
	      "# share/bash-completion/completions/review, or source it.\n", out);
	write_verb_table(out);
	fputs(ids_function, out);
	fputs("_review() {\n"
	      "\tlocal cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n"
	      "\tlocal opts files ids values takes_value\n"
	      "\t_review_find_verb \"${COMP_WORDS[@]:1:COMP_CWORD-1}\"\n"
	      "\t_review_verb_table \"$_review_verb\" \"$prev\"\n"
	      "\tCOMPREPLY=()\n"
	      "\tif [ -z \"$takes_value\" ] && [[ $cur == -* ]]; then\n"
	      "\t\tCOMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n"
	      "\t\treturn\n"
	      "\tfi\n"
	      "\t[ -n \"$values\" ] && COMPREPLY+=($(compgen -W \"$values\" -- \"$cur\"))\n"
	      "\t[ -z \"$takes_value\" ] && [ -n \"$ids\" ] &&\n"
	      "\t\tCOMPREPLY+=($(compgen -W \"$(_review_ids \"${COMP_WORDS[@]:1:COMP_CWORD-1}\")\" -- \"$cur\"))\n"
	      "\t[ -n \"$files\" ] && COMPREPLY+=($(compgen -f -- \"$cur\"))\n"
	      "\treturn 0\n"
	      "}\n"
	      "complete -o filenames -F _review review\n", out);
}

static void write_zsh(FILE *out)
{
	fputs("#compdef review\n"
	      "# zsh completion for review: generated by `review completion zsh` from the verb\n"
	      "# table that `review --help` prints. Install as share/zsh/site-functions/_review.\n",
	      out);
	write_verb_table(out);
	fputs(ids_function, out);
	fputs("_review() {\n"
	      "\tlocal cur=${words[CURRENT]} prev=${words[CURRENT-1]}\n"
	      "\tlocal opts files ids values takes_value\n"
	      "\t_review_find_verb \"${(@)words[2,CURRENT-1]}\"\n"
	      "\t_review_verb_table \"$_review_verb\" \"$prev\"\n"
	      "\tif [[ -z $takes_value && $cur == -* ]]; then\n"
	      "\t\tcompadd -- ${=opts}\n"
	      "\t\treturn\n"
	      "\tfi\n"
	      "\t[[ -n $values ]] && compadd -- ${=values}\n"
	      "\t[[ -z $takes_value && -n $ids ]] && compadd -- ${(f)\"$(_review_ids \"${(@)words[2,CURRENT-1]}\")\"}\n"
	      "\t[[ -n $files ]] && _files\n"
	      "\treturn 0\n"
	      "}\n"
	      "if [[ $zsh_eval_context[-1] == loadautofunc ]]; then\n"
	      "\t_review \"$@\"\n"
	      "else\n"
	      "\tcompdef _review review\n"
	      "fi\n", out);
}

int verb_completion(struct front_context *context, int argc, char **argv)
{
	(void)context;
	if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		fputs(cli_find_verb("completion")->usage, stdout);
		return EXIT_OK;
	}
	if (argc != 2)
		return front_usage_error("completion", "which shell? bash or zsh");
	if (strcmp(argv[1], "bash") == 0)
		write_bash(stdout);
	else if (strcmp(argv[1], "zsh") == 0)
		write_zsh(stdout);
	else
		return front_usage_error("completion", "shells are bash and zsh, not '%s'", argv[1]);
	return EXIT_OK;
}
