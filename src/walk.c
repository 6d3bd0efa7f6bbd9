/* The streaming walk: see review/walk.h. A folder is read whole when entered
 * (its names sorted, folders marked by a trailing '/'), then its names are
 * taken one at a time; its stream stays open until then so each name is
 * stat'ed relative to it, and the kernel does not walk the whole path again
 * for each of 10,000 files. */
#define _DEFAULT_SOURCE /* struct dirent's d_type, fstatat, dirfd */
#include "review/walk.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "review/fileset.h"

#define MAX_DEPTH 64 /* a backstop: the set of files reached already ends loops */

/* One open folder: its names, in one block, in walk order. */
struct folder {
	DIR *dir;
	char *path;
	char *names;       /* each name with its '\0' (and a folder's '/' before it) */
	char **order;      /* into names, sorted */
	size_t count, next;
};

struct walk {
	const char *const *roots;
	size_t root_count, next_root;
	struct diag_list *diags;
	struct file_set *seen;
	struct folder stack[MAX_DEPTH];
	size_t depth;      /* open folders */
	char *path;        /* the path last returned */
	size_t path_capacity;
	bool out_of_memory;
};

struct walk *walk_open(const char *const *roots, size_t root_count, struct diag_list *diags)
{
	struct walk *walk = calloc(1, sizeof(*walk));
	if (!walk)
		return NULL;
	walk->roots = roots;
	walk->root_count = root_count;
	walk->diags = diags;
	walk->seen = file_set_new();
	if (!walk->seen) {
		free(walk);
		return NULL;
	}
	return walk;
}

static void close_folder(struct folder *folder)
{
	closedir(folder->dir);
	free(folder->path);
	free(folder->names);
	free(folder->order);
}

void walk_close(struct walk *walk)
{
	if (!walk)
		return;
	while (walk->depth > 0)
		close_folder(&walk->stack[--walk->depth]);
	file_set_free(walk->seen);
	free(walk->path);
	free(walk);
}

bool walk_out_of_memory(const struct walk *walk)
{
	return walk->out_of_memory;
}

static bool has_exercise_extension(const char *name)
{
	const char *dot = strrchr(name, '.');
	return dot && (strcmp(dot, ".md") == 0 || strcmp(dot, ".txt") == 0);
}

/* Out of memory counts as reached: a file may be missed, but a walk never loops. */
static bool first_visit(struct walk *walk, const struct stat *info)
{
	enum file_set_added added = file_set_add(walk->seen, (uint64_t)info->st_dev, (uint64_t)info->st_ino);
	walk->out_of_memory |= added == FILE_SET_NO_MEMORY;
	return added == FILE_SET_NEW;
}

/* Whether the name is a folder, by the type readdir gives when it can (no
 * stat for the usual file or folder), else by following it. */
static bool names_folder(int fd, const struct dirent *entry)
{
	if (entry->d_type == DT_DIR)
		return true;
	if (entry->d_type != DT_LNK && entry->d_type != DT_UNKNOWN)
		return false;
	struct stat info;
	return fstatat(fd, entry->d_name, &info, 0) == 0 && S_ISDIR(info.st_mode);
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Appends a name (with '/' for a folder) to the block; false when out of memory. */
static bool add_name(struct folder *folder, size_t *used, size_t *capacity, const char *name, bool is_folder)
{
	size_t length = strlen(name);
	if (*used + length + 2 > *capacity) {
		size_t bigger = *capacity ? *capacity * 2 : 4096;
		while (bigger < *used + length + 2)
			bigger *= 2;
		char *names = realloc(folder->names, bigger);
		if (!names)
			return false;
		folder->names = names;
		*capacity = bigger;
	}
	memcpy(folder->names + *used, name, length);
	if (is_folder)
		folder->names[*used + length++] = '/';
	folder->names[*used + length] = '\0';
	*used += length + 1;
	folder->count++;
	return true;
}

/* Reads the folder's names: hidden ones and files that cannot be exercises
 * left out, so a folder of other files costs nothing to keep. */
static bool read_names(struct folder *folder)
{
	size_t used = 0, capacity = 0;
	int fd = dirfd(folder->dir);
	struct dirent *entry;
	while ((entry = readdir(folder->dir)) != NULL) {
		if (entry->d_name[0] == '.')
			continue;
		bool is_folder = names_folder(fd, entry);
		if (!is_folder && !has_exercise_extension(entry->d_name))
			continue;
		if (!add_name(folder, &used, &capacity, entry->d_name, is_folder))
			return false;
	}
	folder->order = malloc((folder->count + 1) * sizeof(*folder->order));
	if (!folder->order)
		return false;
	for (size_t i = 0, at = 0; i < folder->count; i++) {
		folder->order[i] = folder->names + at;
		at += strlen(folder->names + at) + 1;
	}
	qsort(folder->order, folder->count, sizeof(*folder->order), compare_names);
	return true;
}

static void enter_folder(struct walk *walk, const char *path)
{
	struct folder *folder = &walk->stack[walk->depth];
	*folder = (struct folder){ opendir(path), strdup(path), NULL, NULL, 0, 0 };
	if (!folder->dir) {
		diag_add(walk->diags, path, 0, 0, DIAG_ERROR, "cannot open folder");
		free(folder->path);
		return;
	}
	if (!folder->path || !read_names(folder)) {
		walk->out_of_memory = true;
		close_folder(folder);
		return;
	}
	walk->depth++;
}

/* Sets walk->path to folder/name (without a folder's '/'); false when out of memory. */
static bool set_path(struct walk *walk, const char *folder, const char *name)
{
	size_t folder_length = strlen(folder), name_length = strlen(name);
	bool slash = name_length > 0 && folder_length > 0 && folder[folder_length - 1] != '/';
	if (name_length > 0 && name[name_length - 1] == '/')
		name_length--;
	size_t length = folder_length + slash + name_length + 1;
	if (length > walk->path_capacity) {
		char *path = realloc(walk->path, length * 2);
		if (!path)
			return false;
		walk->path = path;
		walk->path_capacity = length * 2;
	}
	memcpy(walk->path, folder, folder_length);
	if (slash)
		walk->path[folder_length] = '/';
	memcpy(walk->path + folder_length + slash, name, name_length);
	walk->path[length - 1] = '\0';
	return true;
}

/* What the walk does with a path it stat'ed: true when it is a file to list.
 * stat, not lstat: links are followed, and the set of files reached stops the
 * loops. Only regular files are listed: reading a FIFO or a device would block
 * or never end. */
static bool is_listed(struct walk *walk, const struct stat *info)
{
	if (S_ISDIR(info->st_mode)) {
		if (walk->depth < MAX_DEPTH && first_visit(walk, info))
			enter_folder(walk, walk->path);
		return false;
	}
	if (!S_ISREG(info->st_mode)) {
		diag_add(walk->diags, walk->path, 0, 0, DIAG_ERROR,
			 "not a regular file (a FIFO, socket or device), so not read");
		return false;
	}
	return first_visit(walk, info);
}

/* The next root's path when it is a file to list; false otherwise. */
static bool start_root(struct walk *walk, struct stat *info)
{
	const char *root = walk->roots[walk->next_root++];
	if (!set_path(walk, root, "")) {
		walk->out_of_memory = true;
		return false;
	}
	if (stat(root, info) != 0) {
		diag_add(walk->diags, root, 0, 0, DIAG_ERROR, "no such file or folder");
		return false;
	}
	return is_listed(walk, info);
}

/* The top folder's next name when it is a file to list; false otherwise. */
static bool step(struct walk *walk, struct stat *info)
{
	struct folder *folder = &walk->stack[walk->depth - 1];
	if (folder->next == folder->count) {
		close_folder(folder);
		walk->depth--;
		return false;
	}
	char *name = folder->order[folder->next++];
	if (!set_path(walk, folder->path, name)) {
		walk->out_of_memory = true;
		return false;
	}
	/* fstatat takes the name without a folder's '/': drop it for the call. */
	char *end = name + strlen(name) - 1;
	bool is_folder = *end == '/';
	if (is_folder)
		*end = '\0';
	bool found = fstatat(dirfd(folder->dir), name, info, 0) == 0;
	if (is_folder)
		*end = '/';
	return found && is_listed(walk, info);
}

const char *walk_next(struct walk *walk, struct stat *info, size_t *root)
{
	struct stat own;
	if (!info)
		info = &own;
	for (;;) {
		bool listed;
		if (walk->depth > 0)
			listed = step(walk, info);
		else if (walk->next_root < walk->root_count)
			listed = start_root(walk, info);
		else
			return NULL;
		if (listed) {
			if (root)
				*root = walk->next_root - 1;
			return walk->path;
		}
	}
}
