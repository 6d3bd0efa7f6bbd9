/* .reviewignore files and READMEs that are not exercises (see ignore.h). */
#include "review/ignore.h"

#include <fnmatch.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define IGNORE_MAX_FILE_BYTES (64 * 1024)

struct rule {
	char *pattern;
	bool negated;    /* !pattern: takes a file back */
	bool dir_only;   /* pattern/: folders only */
	bool anchored;   /* has a '/': matched against the path from its folder */
};

struct rule_file { /* the rules of one folder's .reviewignore */
	size_t root;     /* index of the root it is under */
	char *folder;    /* relative to the root: "" for the root itself */
	size_t folder_length;
	struct rule *rules;
	size_t count;
};

struct rule_cache {
	const char *const *roots;
	struct rule_file *files;
	size_t count, capacity;
	size_t last[2];  /* the last two folders looked up, + 1 (0: none): a walk lists
			  * a folder's files together, so most lookups hit one of them */
};

static void add_rule(struct rule_file *file, char *line)
{
	struct rule rule = { NULL, false, false, false };
	if (line[0] == '!')
		rule.negated = true, line++;
	size_t length = strlen(line);
	if (length > 0 && line[length - 1] == '/')
		rule.dir_only = true, line[--length] = '\0';
	if (line[0] == '/')
		rule.anchored = true, line++;
	rule.anchored |= strchr(line, '/') != NULL;
	if (!*line)
		return;
	struct rule *grown = realloc(file->rules, (file->count + 1) * sizeof(*grown));
	if (!grown)
		return;
	file->rules = grown;
	if ((rule.pattern = strdup(line)) != NULL)
		file->rules[file->count++] = rule;
}

/* Reads root/folder/.reviewignore; a missing or unreadable one has no rules. */
static void read_rules(const char *root, struct rule_file *file)
{
	size_t size = strlen(root) + strlen(file->folder) + 16;
	char *path = malloc(size);
	if (!path)
		return;
	snprintf(path, size, "%s/%s%s.reviewignore", root, file->folder, *file->folder ? "/" : "");
	FILE *stream = fopen(path, "rb");
	free(path);
	if (!stream)
		return;
	char *data = malloc(IGNORE_MAX_FILE_BYTES + 1);
	size_t length = data ? fread(data, 1, IGNORE_MAX_FILE_BYTES, stream) : 0;
	fclose(stream);
	if (!data)
		return;
	data[length] = '\0';
	for (char *save = NULL, *line = strtok_r(data, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		size_t end = strlen(line);
		while (end > 0 && (line[end - 1] == '\r' || line[end - 1] == ' ' || line[end - 1] == '\t'))
			line[--end] = '\0';
		if (*line && *line != '#')
			add_rule(file, line);
	}
	free(data);
}

static bool is_folder(const struct rule_file *file, size_t root, const char *folder, size_t length)
{
	return file->root == root && file->folder_length == length &&
	       memcmp(file->folder, folder, length) == 0;
}

/* Remembers file i as the one looked up last, for the next file of its folder. */
static const struct rule_file *remember(struct rule_cache *cache, size_t i)
{
	if (cache->last[0] != i + 1) {
		cache->last[1] = cache->last[0];
		cache->last[0] = i + 1;
	}
	return &cache->files[i];
}

static const struct rule_file *rules_of(struct rule_cache *cache, size_t root, const char *folder,
					size_t length)
{
	for (size_t k = 0; k < 2; k++)
		if (cache->last[k] && is_folder(&cache->files[cache->last[k] - 1], root, folder, length))
			return &cache->files[cache->last[k] - 1];
	for (size_t i = 0; i < cache->count; i++)
		if (is_folder(&cache->files[i], root, folder, length))
			return remember(cache, i);
	if (cache->count == cache->capacity) {
		size_t capacity = cache->capacity ? 2 * cache->capacity : 8;
		struct rule_file *grown = realloc(cache->files, capacity * sizeof(*grown));
		if (!grown)
			return NULL;
		cache->files = grown;
		cache->capacity = capacity;
	}
	struct rule_file *file = &cache->files[cache->count];
	*file = (struct rule_file){ root, strndup(folder, length), length, NULL, 0 };
	if (!file->folder)
		return NULL;
	cache->count++;
	read_rules(cache->roots[root], file);
	return remember(cache, cache->count - 1);
}

/* Whether the rule names sub (a path relative to the rule's folder) or one of
 * the folders it is in. */
static bool rule_matches(const struct rule *rule, const char *sub)
{
	size_t length = strlen(sub);
	char *prefix = strdup(sub);
	bool matched = false;
	if (!prefix)
		return false;
	/* Every folder of sub (a prefix ending before a '/'), then sub itself. */
	for (size_t end = 0; !matched && end <= length; end++) {
		if (sub[end] != '/' && sub[end] != '\0')
			continue;
		bool is_file = sub[end] == '\0';
		if (is_file && rule->dir_only)
			break;
		prefix[end] = '\0';
		if (rule->anchored) {
			int flags = strstr(rule->pattern, "**") ? 0 : FNM_PATHNAME;
			matched = fnmatch(rule->pattern, prefix, flags) == 0;
		} else {
			const char *name = strrchr(prefix, '/');
			matched = fnmatch(rule->pattern, name ? name + 1 : prefix, 0) == 0;
		}
		prefix[end] = sub[end];
	}
	free(prefix);
	return matched;
}

/* The last matching rule of the .reviewignore files from the root down to the
 * file's folder decides; rel is the path relative to the root. */
static bool ignored(struct rule_cache *cache, size_t root, const char *rel)
{
	bool result = false;
	size_t folder_length = 0; /* the folder whose rules apply: rel's first folder_length bytes */
	for (const char *sub = rel;;) {
		const struct rule_file *file = rules_of(cache, root, rel, folder_length);
		for (size_t r = 0; file && r < file->count; r++)
			if (rule_matches(&file->rules[r], sub))
				result = !file->rules[r].negated;
		const char *slash = strchr(sub, '/');
		if (!slash)
			return result;
		folder_length = (size_t)(slash - rel);
		sub = slash + 1;
	}
}

static bool is_readme(const char *path)
{
	const char *name = strrchr(path, '/');
	name = name ? name + 1 : path;
	size_t length = strlen(name);
	return strncasecmp(name, "readme", 6) == 0 && length >= 9 && strcasecmp(name + length - 3, ".md") == 0;
}

/* Whether the file opens with a `---` line (after an optional byte-order mark). */
static bool has_front_matter(const char *path)
{
	unsigned char head[256];
	FILE *stream = fopen(path, "rb");
	if (!stream)
		return true; /* unreadable: let the loader say so */
	size_t length = fread(head, 1, sizeof(head), stream);
	fclose(stream);
	size_t at = length >= 3 && memcmp(head, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	if (length < at + 3 || memcmp(head + at, "---", 3) != 0)
		return false;
	for (at += 3; at < length && (head[at] == ' ' || head[at] == '\t'); at++)
		;
	return at == length || head[at] == '\n' || head[at] == '\r';
}

static void free_cache(struct rule_cache *cache)
{
	for (size_t i = 0; i < cache->count; i++) {
		for (size_t r = 0; r < cache->files[i].count; r++)
			free(cache->files[i].rules[r].pattern);
		free(cache->files[i].rules);
		free(cache->files[i].folder);
	}
	free(cache->files);
}

/* The part of path below the first root folder it is in (the walk lists a file
 * under the first path that reached it), or NULL when it is under none: a file
 * given by name. */
static const char *below_root(const char *const *roots, const bool *folders, size_t root_count,
			      const char *path, size_t *root)
{
	for (size_t r = 0; r < root_count; r++) {
		size_t length = strlen(roots[r]);
		while (length > 1 && roots[r][length - 1] == '/')
			length--;
		if (!folders[r] || strncmp(path, roots[r], length) != 0 || path[length] != '/')
			continue;
		const char *rel = path + length;
		while (*rel == '/')
			rel++;
		*root = r;
		return rel;
	}
	return NULL;
}

struct ignore_filter {
	const char *const *roots;
	size_t root_count;
	bool *folders;           /* which roots are folders */
	struct rule_cache cache;
};

struct ignore_filter *ignore_filter_new(const char *const *roots, size_t root_count)
{
	struct ignore_filter *filter = calloc(1, sizeof(*filter));
	if (!filter)
		return NULL;
	*filter = (struct ignore_filter){ roots, root_count, calloc(root_count + 1, sizeof(bool)),
					  { roots, NULL, 0, 0, { 0, 0 } } };
	if (!filter->folders) {
		free(filter);
		return NULL;
	}
	for (size_t r = 0; r < root_count; r++) {
		struct stat info;
		filter->folders[r] = stat(roots[r], &info) == 0 && S_ISDIR(info.st_mode);
	}
	return filter;
}

void ignore_filter_free(struct ignore_filter *filter)
{
	if (!filter)
		return;
	free(filter->folders);
	free_cache(&filter->cache);
	free(filter);
}

bool ignore_keeps(struct ignore_filter *filter, const char *path, struct diag_list *notes)
{
	size_t root = 0;
	if (!filter)
		return true;
	const char *rel = below_root(filter->roots, filter->folders, filter->root_count, path, &root);
	if (rel && ignored(&filter->cache, root, rel))
		return false;
	if (rel && is_readme(path) && !has_front_matter(path)) {
		diag_add(notes, path, 0, 0, DIAG_WARNING,
			 "skipped: a README without front matter is not an exercise "
			 "(name it in .reviewignore to skip it without this note)");
		return false;
	}
	return true;
}

size_t ignore_filter_paths(const char *const *roots, size_t root_count, char **paths, size_t count,
			   struct diag_list *notes)
{
	struct ignore_filter *filter = ignore_filter_new(roots, root_count);
	size_t kept = 0;
	if (!filter)
		return count;
	for (size_t i = 0; i < count; i++) {
		if (ignore_keeps(filter, paths[i], notes))
			paths[kept++] = paths[i];
		else
			free(paths[i]);
	}
	ignore_filter_free(filter);
	return kept;
}
