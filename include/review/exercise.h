/* The exercise model: one parsed exercise file, and the words of the domain. */
#ifndef REVIEW_EXERCISE_H
#define REVIEW_EXERCISE_H

#include <stdbool.h>
#include <stddef.h>

enum severity { SEVERITY_NONE, SEVERITY_BUG, SEVERITY_WARNING, SEVERITY_MINOR };
enum difficulty { DIFFICULTY_NONE, DIFFICULTY_EASY, DIFFICULTY_MEDIUM, DIFFICULTY_HARD };

/* A span of code lines, 1-based and inclusive. */
struct line_range {
	int first;
	int last;
};

/* One candidate issue the learner judges. */
struct candidate {
	char *id;
	char *text;
	bool is_real;
	enum severity severity;    /* SEVERITY_NONE when not given */
	char *explanation;         /* Markdown, may be NULL */
	int points;                /* >= 0, default 1 */
	struct line_range *lines;  /* may be NULL */
	size_t line_range_count;
	int line, column;          /* where the candidate is written, for diagnostics */
};

struct exercise {
	char *id;                  /* explicit id, or derived from the file stem */
	bool id_explicit;
	int id_line, id_column;    /* where an explicit id is written, for catalog diagnostics */
	char *path;                /* as given to the loader */
	char *title;
	char *code;                /* the snippet, always ends without a trailing newline */
	int code_line_count;
	char *language;            /* "text" by default */
	char *context;             /* Markdown, may be NULL */
	char *prompt;              /* Markdown body after the front matter, may be "" */
	enum difficulty difficulty;
	char **tags;
	size_t tag_count;
	char *track;               /* may be NULL */
	int track_level;           /* -1 when absent */
	int track_order;           /* -1 when absent */
	char **hints;              /* Markdown */
	size_t hint_count;
	struct candidate *candidates;
	size_t candidate_count;
	char content_hash[17];     /* hex FNV-1a 64 of the whole file's bytes */
	bool find;                 /* takes part in the find phase (default); `find: false` opts out */
};

/* Frees the exercise and everything it owns; NULL is fine. */
void exercise_free(struct exercise *exercise);

/* Sum of all candidates' points, saturated at INT_MAX (the loader's limits,
 * LOADER_MAX_POINTS x LOADER_MAX_CANDIDATES, keep it at most 200,000). */
int exercise_max_points(const struct exercise *exercise);

/* Index of the candidate with that id, or -1. */
int exercise_find_candidate(const struct exercise *exercise, const char *id);

/* True when code line `line` (1-based) is named by the candidate's `lines`. */
bool candidate_names_line(const struct candidate *candidate, int line);

const char *severity_name(enum severity severity);   /* "bug", ... ; "" for NONE */
/* Parses "bug", "warning", "minor" (exact); returns false otherwise. */
bool severity_parse(const char *text, enum severity *out);

const char *difficulty_name(enum difficulty difficulty); /* "Easy", ...; "" for NONE */
/* Any letter case. */
bool difficulty_parse(const char *text, enum difficulty *out);

/* Derives the stable id of an exercise from its file name's stem:
 * lowercase base-32 of a 64-bit FNV-1a hash (13 characters). out must hold 14 bytes. */
void exercise_derive_id(const char *path, char out[14]);

/* Hex FNV-1a 64 of bytes into out (17 bytes). */
void exercise_hash_bytes(const void *data, size_t length, char out[17]);

#endif
