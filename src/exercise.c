/* The exercise model: lifetime and small queries. */
#include "review/exercise.h"

#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void free_strings(char **strings, size_t count)
{
	for (size_t i = 0; i < count; i++)
		free(strings[i]);
	free(strings);
}

void exercise_free(struct exercise *exercise)
{
	if (!exercise)
		return;
	for (size_t i = 0; i < exercise->candidate_count; i++) {
		struct candidate *candidate = &exercise->candidates[i];
		free(candidate->id);
		free(candidate->text);
		free(candidate->explanation);
		free(candidate->lines);
	}
	free(exercise->candidates);
	free(exercise->id);
	free(exercise->path);
	free(exercise->title);
	free(exercise->code);
	free(exercise->language);
	free(exercise->context);
	free(exercise->prompt);
	free(exercise->track);
	free_strings(exercise->tags, exercise->tag_count);
	free_strings(exercise->hints, exercise->hint_count);
	free(exercise);
}

/* The loader's limits keep the sum far below INT_MAX; the sum is still taken in
 * 64 bits and saturated, so an exercise built some other way cannot overflow. */
int exercise_max_points(const struct exercise *exercise)
{
	long long total = 0;
	for (size_t i = 0; i < exercise->candidate_count && total < INT_MAX; i++)
		if (exercise->candidates[i].points > 0)
			total += exercise->candidates[i].points;
	return total < INT_MAX ? (int)total : INT_MAX;
}

int exercise_find_candidate(const struct exercise *exercise, const char *id)
{
	for (size_t i = 0; i < exercise->candidate_count; i++)
		if (strcmp(exercise->candidates[i].id, id) == 0)
			return (int)i;
	return -1;
}

bool candidate_names_line(const struct candidate *candidate, int line)
{
	for (size_t i = 0; i < candidate->line_range_count; i++)
		if (line >= candidate->lines[i].first && line <= candidate->lines[i].last)
			return true;
	return false;
}

static const char *const severity_names[] = { "", "bug", "warning", "minor" };
static const char *const difficulty_names[] = { "", "Easy", "Medium", "Hard" };

const char *severity_name(enum severity severity)
{
	return severity_names[severity];
}

bool severity_parse(const char *text, enum severity *out)
{
	for (int i = SEVERITY_BUG; i <= SEVERITY_MINOR; i++) {
		if (strcmp(text, severity_names[i]) == 0) {
			*out = (enum severity)i;
			return true;
		}
	}
	return false;
}

const char *difficulty_name(enum difficulty difficulty)
{
	return difficulty_names[difficulty];
}

bool difficulty_parse(const char *text, enum difficulty *out)
{
	for (int i = DIFFICULTY_EASY; i <= DIFFICULTY_HARD; i++) {
		if (strcasecmp(text, difficulty_names[i]) == 0) {
			*out = (enum difficulty)i;
			return true;
		}
	}
	return false;
}

static uint64_t fnv1a(const void *data, size_t length)
{
	const unsigned char *bytes = data;
	uint64_t hash = 0xcbf29ce484222325ULL;
	for (size_t i = 0; i < length; i++) {
		hash ^= bytes[i];
		hash *= 0x100000001b3ULL;
	}
	return hash;
}

/* FNV-1a barely changes its high bits when only the last byte differs
 * (ex1, ex2...), and ids show the high bits first: a finalizer spreads them. */
static uint64_t mix(uint64_t hash)
{
	hash ^= hash >> 33;
	hash *= 0xff51afd7ed558ccdULL;
	hash ^= hash >> 33;
	hash *= 0xc4ceb9fe1a85ec53ULL;
	hash ^= hash >> 33;
	return hash;
}

void exercise_hash_bytes(const void *data, size_t length, char out[17])
{
	snprintf(out, 17, "%016llx", (unsigned long long)fnv1a(data, length));
}

/* The stem (file name without folders and extension) alone decides the id, so
 * it is stable across machines and moves between folders. */
void exercise_derive_id(const char *path, char out[14])
{
	static const char alphabet[] = "0123456789abcdefghijklmnopqrstuv";
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	const char *dot = strrchr(base, '.');
	size_t length = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	uint64_t hash = mix(fnv1a(base, length));

	for (int i = 0; i < 13; i++) {
		out[i] = alphabet[(hash >> 59) & 31];
		hash <<= 5;
	}
	out[13] = '\0';
}
