/* The headless verbs: the verb table that --help, `review help VERB` and the
 * shell completions read, and each verb's entry point (one file per verb). */
#ifndef REVIEW_CLI_H
#define REVIEW_CLI_H

#include "front/front.h"

typedef int (*cli_verb_fn)(struct front_context *context, int argc, char **argv);

struct cli_verb {
	const char *name;
	cli_verb_fn run;
	const char *summary;       /* one line for `review --help` */
	const char *usage;         /* the whole `review VERB --help` text */
};

/* The verbs, defined in their own files. */
int verb_list(struct front_context *context, int argc, char **argv);
int verb_show(struct front_context *context, int argc, char **argv);
int verb_check(struct front_context *context, int argc, char **argv);
int verb_grade(struct front_context *context, int argc, char **argv);
int verb_smoke(struct front_context *context, int argc, char **argv);
int verb_progress(struct front_context *context, int argc, char **argv);
int verb_reset(struct front_context *context, int argc, char **argv);
int verb_preview(struct front_context *context, int argc, char **argv);
int verb_new(struct front_context *context, int argc, char **argv);
int verb_tui(struct front_context *context, int argc, char **argv);
int verb_export(struct front_context *context, int argc, char **argv);
int verb_import(struct front_context *context, int argc, char **argv);
int verb_report(struct front_context *context, int argc, char **argv);
int verb_completion(struct front_context *context, int argc, char **argv);

extern const struct cli_verb cli_verbs[];
const struct cli_verb *cli_find_verb(const char *name);
/* A verb within two edits of word (a typo), or NULL. */
const struct cli_verb *cli_nearest_verb(const char *word);

/* Opens the progress store for a verb that needs it and prints a warning or the
 * error as `review VERB: ...`. PROGRESS_READ_WRITE (import, grade --save): EXIT_OK
 * with a store that can be written, else EXIT_USAGE. PROGRESS_READ_ONLY (export):
 * nothing is created or changed; EXIT_OK with the store, or with *store NULL when
 * there is none yet. EXIT_USAGE also under --no-save. */
int cli_open_store(const struct front_context *context, const char *verb, enum progress_access access,
		   struct progress_store **store);

#endif
