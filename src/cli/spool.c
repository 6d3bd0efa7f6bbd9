/* The spool: an unlinked temporary file, or a memory stream when no file can
 * be made (a read-only or missing $TMPDIR). */
#include "cli/spool.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct spool {
	FILE *file;     /* the temporary file, written then read */
	FILE *memory;   /* or the memory stream it is written to */
	char *buffer;   /* the memory stream's bytes */
	size_t length;
	FILE *reader;   /* over buffer */
	int error;      /* why the records could not be written */
};

static FILE *temporary_file(char **note)
{
	const char *folder = getenv("TMPDIR");
	if (!folder || !*folder)
		folder = "/tmp";
	size_t length = strlen(folder) + sizeof("/review-XXXXXX");
	char *path = malloc(length);
	if (!path)
		return NULL;
	snprintf(path, length, "%s/review-XXXXXX", folder);
	int fd = mkstemp(path);
	FILE *file = fd >= 0 ? fdopen(fd, "w+") : NULL;
	if (!file) {
		const char *reason = strerror(errno);
		size_t size = strlen(folder) + strlen(reason) + 64;
		*note = malloc(size);
		if (*note)
			snprintf(*note, size, "no temporary file in %s (%s): results are kept in memory",
				 folder, reason);
		if (fd >= 0)
			close(fd);
	}
	if (fd >= 0)
		unlink(path);
	free(path);
	return file;
}

struct spool *spool_new(char **note)
{
	struct spool *spool = calloc(1, sizeof(*spool));
	*note = NULL;
	if (!spool)
		return NULL;
	spool->file = temporary_file(note);
	if (!spool->file)
		spool->memory = open_memstream(&spool->buffer, &spool->length);
	if (!spool->file && !spool->memory) {
		free(spool);
		return NULL;
	}
	return spool;
}

FILE *spool_writer(struct spool *spool)
{
	return spool->file ? spool->file : spool->memory;
}

FILE *spool_reader(struct spool *spool)
{
	if (spool->file) {
		errno = 0;
		if (fflush(spool->file) != 0 || ferror(spool->file) || fseek(spool->file, 0, SEEK_SET) != 0) {
			spool->error = errno ? errno : EIO;
			return NULL;
		}
		return spool->file;
	}
	if (spool->reader) {
		rewind(spool->reader);
		return spool->reader;
	}
	bool failed = ferror(spool->memory) != 0;
	fclose(spool->memory); /* sets buffer and length */
	spool->memory = NULL;
	if (failed) {
		spool->error = errno = ENOMEM;
		return NULL;
	}
	/* fmemopen refuses an empty buffer: there is nothing to read then anyway. */
	spool->reader = spool->length ? fmemopen(spool->buffer, spool->length, "r") : fopen("/dev/null", "r");
	return spool->reader;
}

int spool_error(const struct spool *spool)
{
	return spool ? spool->error : 0;
}

void spool_free(struct spool *spool)
{
	if (!spool)
		return;
	if (spool->file)
		fclose(spool->file);
	if (spool->memory)
		fclose(spool->memory);
	if (spool->reader)
		fclose(spool->reader);
	free(spool->buffer);
	free(spool);
}
