/* The XDG base directory rule, shared by the progress store and the cache. */
#include "review/xdg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *join(const char *a, const char *b, const char *c)
{
	size_t length = strlen(a) + strlen(b) + strlen(c) + 3;
	char *path = malloc(length);
	if (path)
		snprintf(path, length, "%s/%s%s%s", a, b, *b ? "/" : "", c);
	return path;
}

char *xdg_path(const char *variable, const char *home_folder, const char *leaf)
{
	const char *base = getenv(variable);
	const char *home = getenv("HOME");

	if (base && base[0] == '/')
		return join(base, "", leaf);
	if (home && home[0] == '/')
		return join(home, home_folder, leaf);
	return NULL;
}
