/* The export format shared by `review export`, `review import` and `review
 * report`: a versioned JSON of a learner's attempts (README "Exports"). The
 * reader also takes `review grade --format json` output, as one attempt. */
#ifndef REVIEW_CLI_EXCHANGE_H
#define REVIEW_CLI_EXCHANGE_H

#include <stdbool.h>
#include <stdio.h>

#include "review/diag.h"
#include "review/progress.h"

#define EXCHANGE_FORMAT "review-export"
#define EXCHANGE_VERSION 1
#define EXCHANGE_MAX_FILE_BYTES (64 << 20)

struct exchange_file {
	char *learner;                   /* NULL when the file names none */
	bool from_grade;                 /* a `review grade --format json` output */
	struct progress_attempt *attempts;
	size_t count;
};

/* Writes an export of the attempts (exported_at: Unix seconds). */
void exchange_write(FILE *out, const char *learner, long long exported_at,
		    const struct progress_attempt *attempts, size_t count);

/* Reads an export (or a grade JSON) into out; every problem goes to diags as
 * FILE:LINE:COL. Returns false when the file cannot be used (out is then
 * empty). Free with exchange_file_free. */
bool exchange_read(const char *path, struct exchange_file *out, struct diag_list *diags);
void exchange_file_free(struct exchange_file *file);

/* "2026-11-29T15:04:05Z" into buffer (at least 21 bytes). */
void exchange_format_time(long long seconds, char *buffer, size_t size);

#endif
