/* The inotify watcher behind --watch. See watch.h. */
#include "watch.h" /* relative, so tests/unit/test_watch.c can compile this file */

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Everything that can change what a name in a folder holds: a write finished,
 * a rename over it or away from it, a creation, a deletion. */
#define WATCH_EVENTS (IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE)

struct watched {
	int wd;
	char *name;            /* the file's name in its folder; NULL: the whole folder */
};

struct watch {
	int fd;
	struct watched *items;
	size_t count;
};

/* "cannot watch WHAT: why" (caller frees). */
static char *error_text(const char *what, int error_number)
{
	const char *why = strerror(error_number);
	size_t size = strlen(what) + strlen(why) + sizeof("cannot watch : ");
	char *text = malloc(size);
	if (text)
		snprintf(text, size, "cannot watch %s: %s", what, why);
	return text;
}

struct watch *watch_new(char **error)
{
	struct watch *watch = calloc(1, sizeof(*watch));

	*error = NULL;
	if (!watch) {
		*error = strdup("out of memory");
		return NULL;
	}
	watch->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (watch->fd < 0) {
		*error = error_text("files", errno);
		free(watch);
		return NULL;
	}
	return watch;
}

void watch_free(struct watch *watch)
{
	if (!watch)
		return;
	for (size_t i = 0; i < watch->count; i++)
		free(watch->items[i].name);
	free(watch->items);
	close(watch->fd);
	free(watch);
}

static bool is_folder(const char *path)
{
	struct stat info;
	return stat(path, &info) == 0 && S_ISDIR(info.st_mode);
}

static bool remember(struct watch *watch, int wd, const char *name)
{
	for (size_t i = 0; i < watch->count; i++) {
		const struct watched *item = &watch->items[i];
		if (item->wd == wd && (item->name == name || (item->name && name && strcmp(item->name, name) == 0)))
			return true;
	}
	struct watched *items = realloc(watch->items, (watch->count + 1) * sizeof(*items));
	if (!items)
		return false;
	watch->items = items;
	char *copy = name ? strdup(name) : NULL;
	if (name && !copy)
		return false;
	watch->items[watch->count++] = (struct watched){ wd, copy };
	return true;
}

/* Keeps the first failure told. */
static bool failed(char **error, char *why)
{
	if (*error)
		free(why);
	else
		*error = why ? why : strdup("out of memory");
	return false;
}

bool watch_add(struct watch *watch, const char *path, char **error)
{
	bool folder = is_folder(path);
	char *copy = strdup(path);
	if (!copy)
		return failed(error, NULL);
	/* A file is watched through its folder: "dir/name" or "name" in ".". */
	char *slash = folder ? NULL : strrchr(copy, '/');
	const char *name = folder ? NULL : slash ? slash + 1 : copy;
	const char *dir = folder ? copy : slash == copy ? "/" : slash ? (*slash = '\0', copy) : ".";
	int wd = inotify_add_watch(watch->fd, dir, WATCH_EVENTS | IN_ONLYDIR);
	bool ok = wd >= 0 && remember(watch, wd, name);
	if (!ok)
		failed(error, wd < 0 ? error_text(dir, errno) : NULL);
	free(copy);
	return ok;
}

bool watch_add_folder_of(struct watch *watch, const char *file, char **error)
{
	char *folder = strdup(file);
	char *slash = folder ? strrchr(folder, '/') : NULL;
	if (!folder)
		return failed(error, NULL);
	if (slash)
		slash[slash == folder] = '\0'; /* "/name" is in "/" */
	bool ok = watch_add(watch, slash ? folder : ".", error);
	free(folder);
	return ok;
}

int watch_fd(const struct watch *watch)
{
	return watch->fd;
}

static bool is_exercise_name(const char *name)
{
	size_t length = strlen(name);
	return name[0] != '.' && length > 3 &&
	       (strcmp(name + length - 3, ".md") == 0 || (length > 4 && strcmp(name + length - 4, ".txt") == 0));
}

static bool concerns(const struct watch *watch, const struct inotify_event *event)
{
	if (event->mask & IN_Q_OVERFLOW)
		return true;
	if (event->len == 0)
		return false;
	for (size_t i = 0; i < watch->count; i++) {
		const struct watched *item = &watch->items[i];
		if (item->wd != event->wd)
			continue;
		if (item->name ? strcmp(item->name, event->name) == 0
			       : (event->mask & IN_ISDIR) ? event->name[0] != '.' : is_exercise_name(event->name))
			return true;
	}
	return false;
}

bool watch_read(struct watch *watch)
{
	/* Aligned for struct inotify_event, as inotify(7) shows. */
	char buffer[8192] __attribute__((aligned(__alignof__(struct inotify_event))));
	bool changed = false;

	for (;;) {
		ssize_t length = read(watch->fd, buffer, sizeof(buffer));
		if (length <= 0)
			return changed || (length < 0 && errno != EAGAIN && errno != EINTR);
		for (char *at = buffer; at < buffer + length;) {
			const struct inotify_event *event = (const struct inotify_event *)(void *)at;
			changed = changed || concerns(watch, event);
			at += sizeof(*event) + event->len;
		}
	}
}

static long now_ms(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

void watch_settle(struct watch *watch, int quiet_ms, int max_ms)
{
	long deadline = now_ms() + max_ms;

	for (long left = max_ms; left > 0; left = deadline - now_ms()) {
		struct pollfd poll_fd = { watch->fd, POLLIN, 0 };
		if (poll(&poll_fd, 1, (int)(left < quiet_ms ? left : quiet_ms)) <= 0)
			return;
		watch_read(watch);
	}
}

bool watch_wait(struct watch *watch)
{
	for (;;) {
		struct pollfd poll_fd = { watch->fd, POLLIN, 0 };
		if (poll(&poll_fd, 1, -1) < 0)
			return false;
		if (watch_read(watch)) {
			watch_settle(watch, 40, 200);
			return true;
		}
	}
}
