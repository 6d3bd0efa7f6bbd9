/* The verb table: names, one-line summaries and usage texts. */
#include <string.h>

#include "cli/cli.h"

#define COMMON_OPTIONS \
	"\nCommon options: --exercises DIR, --color WHEN, --state FILE, --no-save, --order ORDER,\n" \
	"--seed N, --find, --no-find (see review --help).\n"

const struct cli_verb cli_verbs[] = {
	{ "list", verb_list, "list the exercises of the catalog",
	  "usage: review list [--track T] [--tag X] [--language L] [--format text|json]\n"
	  "       review list --languages [--format text|json]\n\n"
	  "Lists the catalog ordered by track, level, order and title.\n"
	  "  --track T       only exercises of track T\n"
	  "  --tag X         only exercises tagged X\n"
	  "  --language L    only exercises in language L\n"
	  "  --format F      text (an aligned table) or json\n" COMMON_OPTIONS },
	{ "show", verb_show, "print an exercise for reading",
	  "usage: review show EXERCISE [--key] [--format text|json]\n\n"
	  "Prints the exercise: header, context and prompt, numbered code, candidates.\n"
	  "EXERCISE is an id, a unique id prefix, a file stem or a path.\n"
	  "  --key           add each candidate's verdict, severity, points and explanation\n"
	  "  --width N       wrap text to N columns (default: the terminal, or 80)\n"
	  "  --format F      text or json\n" COMMON_OPTIONS },
	{ "check", verb_check, "validate exercise files",
	  "usage: review check [PATH...] [--strict] [--format text|json|junit|tap|github]\n"
	  "                    [--watch]\n\n"
	  "Validates files and folders (default: the catalog). Exit 0 when there is no\n"
	  "error (with --strict, no warning either), 1 when there is, 2 on usage errors.\n"
	  "  --strict        warnings count as failures (without it, JUnit and TAP carry\n"
	  "                  them as system-out and # lines)\n"
	  "  --format F      text, json, junit, tap or github (CI annotations)\n"
	  "  --watch         check again at every change of the files until interrupted\n"
	  "                  (on a terminal each report replaces the last)\n" COMMON_OPTIONS },
	{ "grade", verb_grade, "score answers for an exercise",
	  "usage: review grade EXERCISE (--answers FILE|- | --answer N=VERDICT ...)\n"
	  "                    [--hints N] [--flag L[-M][:SEVERITY]...] [--save]\n"
	  "                    [--format text|json]\n\n"
	  "Scores the answers against the key (rule 2: a candidate's points for the right\n"
	  "verdict; a severity one step off earns 40%, two steps off 0, real without a\n"
	  "severity 20%; each hint costs 10% of the maximum; 70% passes) and lists them in\n"
	  "the learner's order (--order file for the file's). Exit 0 passed, 1 failed,\n"
	  "2 input errors.\n"
	  "  --answers FILE  a YAML or JSON answers file, - for stdin\n"
	  "  --answer N=V    a verdict: not-real, real, bug, warning or minor, for the\n"
	  "                  candidate show numbered N (in the same order) or with id N\n"
	  "                  (repeatable)\n"
	  "  --hints N       hints revealed before submitting\n"
	  "  --flag L[-M][:SEVERITY]  a line or range flagged before judging (repeatable);\n"
	  "                  adds the find result: real problems found, false alarms\n"
	  "  --save          record the attempt in the progress store, as the terminal UI\n"
	  "                  does (then review export collects it)\n"
	  "  --format F      text or json\n" COMMON_OPTIONS },
	{ "smoke", verb_smoke, "run every exercise through the headless pipeline",
	  "usage: review smoke [PATH...] [--format text|json|junit|tap|github]\n\n"
	  "Loads, renders and scores every exercise with the key, with nothing answered,\n"
	  "with every verdict inverted and with hints, and runs the guessing guard: no\n"
	  "answer that ignores the code (every candidate not-real, real, bug, warning or\n"
	  "minor; the first k real in file order) may pass. Reports the best blind answer\n"
	  "and the expected score of a random one. Exit 0 when all pass, 1 otherwise.\n"
	  "  --format F      text, json, junit, tap or github (CI annotations)\n" COMMON_OPTIONS },
	{ "progress", verb_progress, "show where you stand",
	  "usage: review progress [--track T] [--format text|json]\n\n"
	  "Per track: exercises passed of total, and passed at the first attempt (before\n"
	  "any result showed the key). Per exercise: status (new, in progress,\n"
	  "passed NN%, failed NN%, changed), best score, attempts, last attempt.\n"
	  "  --track T       only track T\n"
	  "  --format F      text or json (keys: tracks, exercises)\n" COMMON_OPTIONS },
	{ "reset", verb_reset, "forget drafts and attempts",
	  "usage: review reset EXERCISE|--all [--yes]\n\n"
	  "Forgets the drafts, attempts and candidate order of EXERCISE (an id, prefix,\n"
	  "stem or path, or the full id of an exercise no longer in the catalog) or, with\n"
	  "--all, of every one.\n"
	  "Asks first on a terminal; without one, --yes is required.\n"
	  "  --all           every exercise\n"
	  "  --yes, -y       do not ask\n"
	  "Exit status: 0 reset (or nothing to reset), 1 answered no, 2 usage error.\n" COMMON_OPTIONS },
	{ "preview", verb_preview, "open an exercise read-only with the key (instructors)",
	  "usage: review preview [EXERCISE|FOLDER] [--watch]\n\n"
	  "Opens the exercise screen read-only with the answer key, every hint and\n"
	  "explanation, and the file's check diagnostics (a file that does not load shows\n"
	  "its errors). With a FOLDER, or nothing (the catalog's folders), lists every\n"
	  "exercise file with its status (ok, N warnings, N errors): Enter previews one,\n"
	  "q comes back to the list. E opens $VISUAL or $EDITOR on the file.\n"
	  "  --watch         reload when the file (or a file of the folder) changes on\n"
	  "                  disk, keeping the place and the selection\n" COMMON_OPTIONS },
	{ "new", verb_new, "write a scaffold for a new exercise (authors)",
	  "usage: review new PATH [--track T] [--language L] [--id ID] [--no-edit]\n\n"
	  "Writes a new exercise file at PATH (never over an existing one) with every key\n"
	  "present and commented, that passes review check --strict and review smoke as\n"
	  "it is, and opens it in $VISUAL or $EDITOR when on a terminal.\n"
	  "  --track T       the track (a-z, 0-9, - and _)\n"
	  "  --language L    the code's language (review list --languages lists them)\n"
	  "  --id ID         the id (2 to 16 of a-z and 0-9); by default four random\n"
	  "                  characters no exercise of the catalog uses\n"
	  "  --no-edit       do not open an editor\n"
	  "Exit status: 0 written, 2 usage error, a taken id or an existing PATH.\n" COMMON_OPTIONS },
	{ "export", verb_export, "write the progress store's attempts as JSON (for review report)",
	  "usage: review export [--learner NAME] [--output FILE]\n\n"
	  "Writes every attempt of the progress store (--state FILE) as a versioned JSON\n"
	  "file: per attempt the exercise id and content hash, the rule version, the\n"
	  "times, the hints, the score, the pick of each candidate and the find phase.\n"
	  "review report reads these files; review import merges them into a store.\n"
	  "  --learner NAME  the learner's name in the file (default: $USER)\n"
	  "  --output FILE, -o FILE  write to FILE (atomically) instead of stdout\n"
	  "Exit status: 0 written, 2 usage error or the store cannot be read.\n" COMMON_OPTIONS },
	{ "import", verb_import, "merge exported attempts into the progress store",
	  "usage: review import FILE...\n\n"
	  "Adds the attempts of files written by review export to the progress store\n"
	  "(--state FILE). An attempt already there (the same exercise, submission time,\n"
	  "answers, hints and flags) is skipped, so importing twice adds nothing. Every\n"
	  "file is checked first: one bad file imports nothing.\n"
	  "Exit status: 0 imported, 2 usage error, a bad file (FILE:LINE:COL: error:) or\n"
	  "a store that cannot be written.\n" COMMON_OPTIONS },
	{ "report", verb_report, "what a class got wrong, from exports (instructors)",
	  "usage: review report FILE... [--format text|json|csv]\n\n"
	  "Reads learners' exports (review export) and review grade --format json results,\n"
	  "takes each learner's first attempt at each exercise and prints, per exercise and\n"
	  "candidate, how many judged it right, partly and wrong, what they said against the\n"
	  "key (the severity confusion), the distractor that fooled most, hint use and the\n"
	  "find rate; text has a bar chart of each candidate's right share.\n"
	  "  --format F      text, json or csv\n"
	  "Exit status: 0 reported, 2 usage error or a bad file.\n" COMMON_OPTIONS },
	{ "completion", verb_completion, "print the shell completion script (bash or zsh)",
	  "usage: review completion bash|zsh\n\n"
	  "Prints a completion script for verbs, options and exercise ids, made from the\n"
	  "verb table this help comes from. Installed by cmake --install; to try it:\n"
	  "  source <(review completion bash)      # bash\n"
	  "  source <(review completion zsh)       # zsh, after compinit\n" },
	{ NULL, NULL, NULL, NULL },
};

const struct cli_verb *cli_find_verb(const char *name)
{
	for (const struct cli_verb *verb = cli_verbs; verb->name; verb++)
		if (strcmp(verb->name, name) == 0)
			return verb;
	return NULL;
}

/* Words other tools use for what a verb of review does: `lint` is closer to
 * `list` by spelling, but an author typing it means `check`. */
static const char *const synonyms[][2] = {
	{ "lint", "check" },     { "validate", "check" }, { "verify", "check" },
	{ "test", "smoke" },     { "ci", "smoke" },       { "score", "grade" },
	{ "submit", "grade" },   { "status", "progress" }, { "stats", "progress" },
	{ "init", "new" },       { "create", "new" },     { "scaffold", "new" },
	{ "view", "show" },      { "cat", "show" },       { "ls", "list" },
	{ "open", "preview" },   { "dump", "export" },    { "merge", "import" },
	{ "summary", "report" }, { "completions", "completion" },
	{ NULL, NULL },
};

const struct cli_verb *cli_nearest_verb(const char *word)
{
	for (size_t i = 0; synonyms[i][0]; i++)
		if (strcmp(word, synonyms[i][0]) == 0)
			return cli_find_verb(synonyms[i][1]);
	for (const struct cli_verb *verb = cli_verbs; verb->name; verb++)
		if (text_edit_distance(word, verb->name) <= 2)
			return verb;
	return NULL;
}
