/* review new: a scaffold for a new exercise that already passes `review check
 * --strict` and `review smoke`, every key present and commented, with a fresh
 * id the catalog does not use; opened in $VISUAL or $EDITOR on a terminal. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/cli.h"
#include "review/highlight.h"
#include "review/order.h"

struct new_request {
	const char *path;
	const char *track;
	const char *language;
	const char *id;
	bool edit;
};

/* The line of the file that an author fills in first: the title. */
#define SCAFFOLD_TITLE_LINE 4

static const char scaffold[] =
	"---\n"
	"# A new exercise for review: every key is explained in review-exercise(5) and\n"
	"# docs/authoring.md (the rubric: severities, points, distractors, hints).\n"
	"title: \"TODO name the system or the code, never the defect\"\n"
	"id: %s                 # unique in the catalog; kept when the file moves\n"
	"difficulty: Medium       # Easy, Medium or Hard\n"
	"language: %s             # `review list --languages` shows the highlighted ones\n"
	"%strack: %s\n"
	"track_level: 1           # the level inside the track, from 1\n"
	"track_order: 1           # the order among the exercises of one level\n"
	"tags: [todo]\n"
	"context: |\n"
	"  TODO the story: what the code does, at what scale, with which versions and\n"
	"  configuration (\"PostgreSQL 15, READ COMMITTED\"; \"Node 20\").\n"
	"code: |\n"
	"  TODO the code under review: 15 to 80 lines that look like production code.\n"
	"  line 2\n"
	"  line 3\n"
	"  line 4\n"
	"  line 5\n"
	"  line 6\n"
	"issues:\n"
	"  # Mix real problems and distractors, and do not put the real ones first:\n"
	"  # `review smoke` fails an exercise whose key can be guessed.\n"
	"  - id: i1\n"
	"    text: \"TODO a worry a competent reviewer might raise that is not a problem here\"\n"
	"    is_real: false\n"
	"    points: 2             # by how tempting it is\n"
	"    lines: 1              # the line that tempts\n"
	"    explanation: |\n"
	"      TODO why it is not a problem here: which version, which sentence of the docs.\n"
	"  - id: i2\n"
	"    text: \"TODO a real problem\"\n"
	"    is_real: true\n"
	"    severity: bug         # bug, warning or minor\n"
	"    points: 3\n"
	"    lines: 2              # the lines that show it: the find phase needs them\n"
	"    explanation: |\n"
	"      TODO what goes wrong, when, and the fix.\n"
	"  - id: i3\n"
	"    text: \"TODO another distractor\"\n"
	"    is_real: false\n"
	"    points: 2\n"
	"    lines: 3\n"
	"    explanation: |\n"
	"      TODO why not.\n"
	"  - id: i4\n"
	"    text: \"TODO a problem that only bites under load or at an edge\"\n"
	"    is_real: true\n"
	"    severity: warning\n"
	"    points: 2\n"
	"    lines: \"3-4\"\n"
	"    explanation: |\n"
	"      TODO when it bites, and the fix.\n"
	"hints:\n"
	"  # A ladder: a nudge toward where to look, the question to ask, then close to\n"
	"  # the answer (never the answer first).\n"
	"  - \"TODO a nudge toward where to look\"\n"
	"  - \"TODO the question to ask there\"\n"
	"  - \"TODO close to the answer, without giving it\"\n"
	"---\n"
	"TODO the task, in neutral words: ask for a review without naming what to look for.\n";

static int parse_arguments(int argc, char **argv, struct new_request *request)
{
	static const struct option options[] = {
		{ "track", required_argument, NULL, 't' }, { "language", required_argument, NULL, 'l' },
		{ "id", required_argument, NULL, 'i' },	   { "no-edit", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },	   { NULL, 0, NULL, 0 },
	};
	int option;
	optind = 0;
	opterr = 0;
	while ((option = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		switch (option) {
		case 't': request->track = optarg; break;
		case 'l': request->language = optarg; break;
		case 'i': request->id = optarg; break;
		case 'n': request->edit = false; break;
		case 'h': fputs(cli_find_verb("new")->usage, stdout); return -1;
		default: return front_option_error("new", option, argv);
		}
	}
	if (optind != argc - 1)
		return front_usage_error("new", optind >= argc ? "which PATH? e.g. exercises/my-track/my-exercise.md"
							     : "one PATH only");
	request->path = argv[optind];
	return EXIT_OK;
}

static bool valid_word(const char *text, size_t shortest, size_t longest, const char *allowed)
{
	size_t length = strlen(text);
	return length >= shortest && length <= longest && strspn(text, allowed) == length;
}

static bool id_taken(const struct catalog *catalog, const char *id)
{
	for (size_t i = 0; catalog && i < catalog->count; i++)
		if (strcmp(catalog->entries[i].id, id) == 0)
			return true;
	return false;
}

/* Four random letters and digits that the catalog does not use; false when no
 * random source or no free id after many tries. */
static bool fresh_id(const struct catalog *catalog, char out[5])
{
	static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	for (int attempt = 0; attempt < 1000; attempt++) {
		uint64_t bits;
		if (!order_random_seed(&bits))
			return false;
		for (int i = 0; i < 4; i++, bits /= 36)
			out[i] = alphabet[bits % 36];
		out[4] = '\0';
		if (out[0] >= 'a' && !id_taken(catalog, out) && !cli_find_verb(out))
			return true;
	}
	return false;
}

static bool language_known(const char *language)
{
	return highlight_supports(language) || strcmp(language, "text") == 0;
}

/* Checks the options and picks the id; prints the problem and returns EXIT_USAGE. */
static int settle(struct front_context *context, struct new_request *request, char id[17])
{
	if (request->language && !language_known(request->language))
		return front_usage_error("new", "no highlighting for '%s'; `review list --languages` lists "
					      "the known ones (or use text)", request->language);
	if (request->track && !valid_word(request->track, 1, 64, "abcdefghijklmnopqrstuvwxyz0123456789-_"))
		return front_usage_error("new", "a track is a word of a-z, 0-9, - and _, not '%s'",
				       request->track);
	if (request->id && !valid_word(request->id, 2, 16, "abcdefghijklmnopqrstuvwxyz0123456789"))
		return front_usage_error("new", "an id is 2 to 16 characters of a-z and 0-9, not '%s'",
				       request->id);
	struct diag_list diags = DIAG_LIST_INIT;
	struct catalog *catalog = front_load_catalog(context, &diags);
	diag_list_free(&diags);
	int status = EXIT_OK;
	if (request->id && (id_taken(catalog, request->id) || cli_find_verb(request->id)))
		status = front_usage_error("new", "the id '%s' is taken (by an exercise or a verb)",
					 request->id);
	else if (request->id)
		snprintf(id, 17, "%s", request->id);
	else if (!fresh_id(catalog, id))
		status = front_usage_error("new", "no free id could be drawn; give one with --id");
	catalog_free(catalog);
	return status;
}

/* Creates the file only when it does not exist (never overwrites), with its folders. */
static int write_scaffold(const struct new_request *request, const char *id)
{
	char *folder = strdup(request->path);
	for (char *slash = folder ? strchr(folder + 1, '/') : NULL; slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(folder, 0777); /* an existing folder is fine; a failure shows at open */
		*slash = '/';
	}
	free(folder);
	int fd = open(request->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (fd < 0) {
		fprintf(stderr, "review new: %s: %s\n", request->path,
			errno == EEXIST ? "already exists; review new never overwrites a file" : strerror(errno));
		return EXIT_USAGE;
	}
	FILE *out = fdopen(fd, "w");
	const char *track = request->track ? request->track : "TODO-track";
	int written = out ? fprintf(out, scaffold, id, request->language ? request->language : "python",
				    "# the track it belongs to; review list --track shows its exercises\n",
				    track) : -1;
	if (!out || written < 0 || fclose(out) != 0) {
		fprintf(stderr, "review new: %s: cannot write: %s\n", request->path, strerror(errno));
		if (!out)
			close(fd);
		unlink(request->path);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

/* $VISUAL, else $EDITOR, at the title's line; only on a terminal. */
static void open_editor(const char *path)
{
	const char *editor = getenv("VISUAL");
	if (!editor || !*editor)
		editor = getenv("EDITOR");
	if (!editor || !*editor || !isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return;
	char line[16];
	snprintf(line, sizeof(line), "+%d", SCAFFOLD_TITLE_LINE);
	pid_t child = fork();
	if (child == 0) {
		/* Through the shell, as git does, so EDITOR="code --wait" works. */
		execl("/bin/sh", "sh", "-c", "exec $0 \"$@\"", editor, line, path, (char *)NULL);
		_exit(127);
	}
	if (child > 0)
		waitpid(child, NULL, 0);
}

int verb_new(struct front_context *context, int argc, char **argv)
{
	struct new_request request = { .edit = true };
	char id[17] = "";
	int status = parse_arguments(argc, argv, &request);
	if (status != EXIT_OK)
		return status < 0 ? EXIT_OK : status;
	if ((status = settle(context, &request, id)) != EXIT_OK)
		return status;
	if ((status = write_scaffold(&request, id)) != EXIT_OK)
		return status;
	printf("review new: wrote ");
	front_write_safe(stdout, request.path);
	printf(" (id %s); next: review check --strict, review smoke and review preview on it\n", id);
	fflush(stdout);
	if (request.edit)
		open_editor(request.path);
	return EXIT_OK;
}
