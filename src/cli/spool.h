/* A spool: records written once, then read back in the same order, kept
 * in a temporary file (so memory does not grow with them) or, when none can
 * be made, in memory. */
#ifndef REVIEW_CLI_SPOOL_H
#define REVIEW_CLI_SPOOL_H

#include <stdbool.h>
#include <stdio.h>

struct spool;

/* A new spool in $TMPDIR (else /tmp), deleted as soon as it is open; when the
 * file cannot be made, *note says why (a new string, caller frees) and the
 * records stay in memory. NULL when out of memory. */
struct spool *spool_new(char **note);
/* The stream to write the records to. */
FILE *spool_writer(struct spool *spool);
/* The stream to read them back from, from the first (again at each call); NULL (with errno set)
 * when a write failed or the records cannot be read. */
FILE *spool_reader(struct spool *spool);
/* The errno of the write that made spool_reader fail, else 0. */
int spool_error(const struct spool *spool);
void spool_free(struct spool *spool);

#endif
