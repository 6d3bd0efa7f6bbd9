/* The progress store: drafts and attempts kept in one SQLite database so that
 * nothing a learner answered is lost to a quit, a crash, a second terminal or a
 * damaged file. Front ends call this API; none of them speaks SQL.
 *
 * A NULL store is a session that saves nothing (--no-save, or a store that could
 * not be opened): every function accepts it, does nothing and returns
 * PROGRESS_DISABLED, so callers need no special case.
 *
 * A handle belongs to one thread at a time. Separate handles on the same file,
 * in threads or processes, are safe: every write is one IMMEDIATE transaction
 * that waits for the write lock in short jittered sleeps, for at most
 * PROGRESS_LOCK_WAIT_MS in all, so "database is locked" never reaches the caller.
 *
 * Files that are not ours are never created, moved or rewritten: only a regular
 * file that starts with SQLite's header and carries our application id is opened
 * for writing, and only such a file, when damaged, is moved aside. */
#ifndef REVIEW_PROGRESS_H
#define REVIEW_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "review/catalog.h"
#include "review/exercise.h"
#include "review/find.h"
#include "review/score.h"

/* The schema this build writes; PRAGMA user_version holds it. */
#define PROGRESS_SCHEMA_VERSION 4

/* The longest one call waits for another process's write lock before it
 * reports PROGRESS_BUSY. */
#define PROGRESS_LOCK_WAIT_MS 10000

/* Stored values outside these bounds (a hand-edited file) are clamped on read. */
#define PROGRESS_MAX_POINTS 1000000000L    /* max_points of an attempt */
#define PROGRESS_LATEST_TIME 253402300799LL /* 9999-12-31T23:59:59Z */

enum progress_status {
	PROGRESS_OK,
	PROGRESS_NOT_FOUND,    /* load_draft: no draft for that exercise */
	PROGRESS_DISABLED,     /* saving is off (NULL handle, a store that could not
				* be opened, or one opened read-only): go on without saving */
	PROGRESS_NEWER_SCHEMA, /* open: written by a newer review; the file is untouched */
	PROGRESS_BUSY,         /* another process kept the store locked past the retries */
	PROGRESS_ERROR         /* I/O error, out of memory, bad argument, a file
				* that is not a review store (left untouched) */
};

struct progress_store;

/* Opens (creating when missing) the store at path for reading and writing, or
 * at the default path when path is NULL: $XDG_STATE_HOME/review/state.db, else
 * ~/.local/state/review/state.db. Missing folders are created with mode 0700; a
 * new store is built under a temporary name and linked into place whole, so no
 * process ever sees it half made.
 *
 * Returns:
 *  - PROGRESS_OK: *out is the store. *message may still be a warning, e.g. a
 *    damaged store was moved aside to state.db.corrupt-<timestamp> and a fresh
 *    store created.
 *  - PROGRESS_DISABLED: saving is off; *message says why. *out is the store
 *    opened read-only when it could still be read (progress_read_only() is true,
 *    saved progress is shown, every write returns PROGRESS_DISABLED), else NULL.
 *  - PROGRESS_NEWER_SCHEMA, PROGRESS_BUSY, PROGRESS_ERROR: *out is NULL and
 *    *message is the error; the file was not modified. PROGRESS_ERROR is also the
 *    answer for a path that names something other than a review store (not a
 *    regular file, not an SQLite file, another program's SQLite file, an empty
 *    file): it is left untouched and nothing is created next to it.
 * *message is one line without a trailing newline, or NULL when there is nothing
 * to say; the caller frees it. message may be NULL when the caller does not care. */
enum progress_status progress_open(const char *path, struct progress_store **out,
				   char **message);

/* Opens the store for reading only: nothing is created, migrated, moved aside or
 * written, and the write lock is never taken, so it works on a read-only file,
 * folder or file system and while another process writes. A store in an older
 * schema is migrated first by a read-write open when that is possible, else a
 * copy of it migrated in memory is read.
 * Returns as progress_open, plus PROGRESS_NOT_FOUND (*out NULL, no message) when
 * there is no store yet, and PROGRESS_DISABLED with *out NULL for a damaged store
 * (the next read-write open moves it aside). */
enum progress_status progress_open_reader(const char *path, struct progress_store **out,
					  char **message);

enum progress_access { PROGRESS_READ_WRITE, PROGRESS_READ_ONLY };

/* progress_open or progress_open_reader through a named SQLite VFS (NULL =
 * default). For tests: a VFS whose files offer no shared memory makes SQLite
 * refuse WAL, so the rollback journal is used. */
enum progress_status progress_open_vfs(const char *path, const char *vfs,
				       enum progress_access access,
				       struct progress_store **out, char **message);

/* Closes the store; NULL is fine. */
void progress_close(struct progress_store *store);

/* The default path (see progress_open) as a new string the caller frees, or NULL
 * when neither XDG_STATE_HOME nor HOME is an absolute path (see xdg.h), or out
 * of memory. */
char *progress_default_path(void);

/* The file the store was opened on (owned by the store), or NULL for a NULL store. */
const char *progress_path(const struct progress_store *store);

/* True when the store uses a WAL journal (false: rollback journal fallback). */
bool progress_uses_wal(const struct progress_store *store);

/* True when the store was opened read-only (by progress_open_reader, or by
 * progress_open on a store it cannot write): saves return PROGRESS_DISABLED. */
bool progress_read_only(const struct progress_store *store);

/* Sets how long the calls on this handle wait for another writer's lock
 * (PROGRESS_LOCK_WAIT_MS after opening; values below 1 mean 1). */
void progress_set_lock_wait(struct progress_store *store, int milliseconds);

/* One line describing the last failure on this handle (owned by the store, valid
 * until the next call on it); "" when there was none. */
const char *progress_last_error(const struct progress_store *store);

const char *progress_status_name(enum progress_status status);

/* ---- Drafts: one per exercise, the picks so far and the hints revealed. ---- */

/* Saves the draft of an exercise, replacing the previous one, in one committed
 * transaction: call it on every change. picks has exercise->candidate_count entries
 * in candidate order (as for score_grade); unanswered ones are not stored.
 * The stored hints count never goes down (the larger of the stored and the given
 * one is kept): quitting is no way around a hint's cost. The draft remembers when
 * it was first saved (started_at) until it is deleted. */
enum progress_status progress_save_draft(struct progress_store *store,
					 const struct exercise *exercise,
					 const struct pick *picks, int hints_revealed);

struct progress_draft {
	int hints_revealed;  /* clamped to exercise->hint_count */
	time_t started_at;   /* when the draft was first saved */
	time_t updated_at;   /* last save */
	bool changed;        /* saved for another version of the file (content hash differs) */
	size_t dropped;      /* picks whose candidate id no longer exists (left out) */
	bool invalid;        /* a stored value was not an integer or out of range (a
			      * hand-edited store): it was clamped */
};

/* Restores the draft of an exercise. picks must hold exercise->candidate_count
 * entries; every entry is set (unanswered when the draft has no pick for it), even
 * when the result is not PROGRESS_OK. Picks are matched by candidate id, so a
 * changed file keeps the picks of the candidates that still exist.
 * Returns PROGRESS_OK, PROGRESS_NOT_FOUND (*out zeroed), PROGRESS_DISABLED, or an error. */
enum progress_status progress_load_draft(struct progress_store *store,
					 const struct exercise *exercise,
					 struct pick *picks, struct progress_draft *out);

/* Deletes the draft of an exercise id (no draft is fine: PROGRESS_OK). */
enum progress_status progress_delete_draft(struct progress_store *store,
					   const char *exercise_id);

/* ---- Attempts: every submission, kept forever (until reset). ---- */

/* Records a submitted attempt and deletes the exercise's draft, in one transaction.
 * picks as for progress_save_draft; result is score_grade's answer (its hints_used
 * is stored as the hints revealed). started_at is when the learner began: the
 * draft's started_at when there was one, else when the exercise was opened. */
enum progress_status progress_record_attempt(struct progress_store *store,
					     const struct exercise *exercise,
					     const struct pick *picks,
					     const struct score_result *result,
					     time_t started_at, time_t submitted_at);

/* The find phase of an attempt: the flags and what they found. */
struct progress_find {
	const struct flag *flags;
	size_t flag_count;
	struct find_result result;
};

/* progress_record_attempt, with the find phase's flags and result kept beside
 * the score (find may be NULL: no find phase); deletes the flags draft too. */
enum progress_status progress_record_attempt_found(struct progress_store *store,
						   const struct exercise *exercise,
						   const struct pick *picks,
						   const struct score_result *result,
						   const struct progress_find *find,
						   time_t started_at, time_t submitted_at);

/* ---- Find-phase drafts: flags saved on every change, like picks. ---- */

/* Saves the flags of an exercise (at most FIND_MAX_FLAGS), replacing the old
 * ones; done says the phase was ended and stays true once saved true. */
enum progress_status progress_save_flags(struct progress_store *store,
					 const struct exercise *exercise,
					 const struct flag *flags, size_t flag_count, bool done);

/* Restores them: flags must hold FIND_MAX_FLAGS. Flags that no longer fit the
 * code are dropped. PROGRESS_NOT_FOUND (count 0, not done) when none were saved. */
enum progress_status progress_load_flags(struct progress_store *store,
					 const struct exercise *exercise, struct flag *flags,
					 size_t *flag_count, bool *done);

/* Whether exercises open on the find phase (the default) or on judging: a
 * setting kept in the store (`review --no-find` and the TUI's key change it). */
enum progress_status progress_find_phase(struct progress_store *store, bool *enabled);
enum progress_status progress_set_find_phase(struct progress_store *store, bool enabled);

/* ---- Summaries: where the learner stands on one exercise. ---- */

enum progress_state {
	PROGRESS_STATE_NEW,          /* no draft, no attempt */
	PROGRESS_STATE_IN_PROGRESS,  /* a draft, no attempt */
	PROGRESS_STATE_PASSED,       /* best attempt passed */
	PROGRESS_STATE_FAILED,       /* attempts, none passed */
	PROGRESS_STATE_CHANGED       /* the file changed since the draft or the last attempt */
};

struct progress_summary {
	enum progress_state state;
	int attempts;
	bool has_draft;
	bool passed;              /* some attempt passed (also when state is CHANGED) */
	bool first_passed;        /* the first attempt passed: before any result or key was
				   * seen, so the one that measures the learner's own judgement */
	long best_score_tenths;   /* of the best attempt (highest percent); 0 when none */
	long best_max;            /* whole points of that attempt; 0 when none */
	double best_percent;      /* 0..100, exact; -1 when there is no attempt */
	long best_percent_tenths; /* 0..1000, rounded down as `review grade` shows it (so it
				   * reads >= 70% exactly when passed); -1 when none */
	time_t last_attempt;      /* submitted_at of the latest attempt; 0 when none */
	int best_rule_version;    /* SCORE_RULE_VERSION the best attempt was scored by; 0 when none */
	int find_found;           /* the latest attempt with a find phase: real problems found */
	int find_findable;        /* of those findable; 0 / 0 when no attempt had a find phase */
	int find_flags;           /* that attempt's flags */
	int find_false_alarms;    /* of those, the ones that pointed at no real problem */
	bool invalid;             /* a stored value was not an integer or out of range (a
				   * hand-edited store): it was clamped into the ranges
				   * above, 0..PROGRESS_MAX_POINTS and 0..PROGRESS_LATEST_TIME */
};

/* Summarizes an exercise. current_hash is the content hash of the file as it is
 * now (exercise->content_hash or catalog_entry->content_hash); a draft or latest
 * attempt saved for another hash makes the state CHANGED (the other fields are
 * still filled). Rows migrated from schema 1 have no hash and never count as changed.
 * A NULL store fills a NEW summary and returns PROGRESS_DISABLED. */
enum progress_status progress_summary(struct progress_store *store, const char *exercise_id,
				      const char *current_hash, struct progress_summary *out);

/* progress_summary for every entry of the catalog (out holds catalog->count), in
 * one read transaction: what the catalog screen and `review progress` need. */
enum progress_status progress_summarize_catalog(struct progress_store *store,
						const struct catalog *catalog,
						struct progress_summary *out);

/* "new", "in-progress", "passed", "failed", "changed": for JSON. */
const char *progress_state_name(enum progress_state state);
/* "new", "in progress", "passed", "failed", "changed": for people. */
const char *progress_state_label(enum progress_state state);

/* ---- Candidate order ---- */

/* The seed of the learner's order of an exercise's candidates (see order.h):
 * the stored one, or a new one drawn and stored on first use, so the order
 * survives quitting, reopening and a kill. When two sessions draw at once,
 * both get the one stored first. progress_reset forgets it. */
enum progress_status progress_order_seed(struct progress_store *store, const char *exercise_id,
					 uint64_t *seed);

/* ---- Reset ---- */

/* Deletes the drafts, attempts and candidate orders of one exercise id, or of
 * all when exercise_id is NULL, in one transaction. *removed (may be NULL) gets
 * the number of drafts and attempts deleted. */
enum progress_status progress_reset(struct progress_store *store, const char *exercise_id,
				    size_t *removed);

/* ---- The latest attempt, to show its results again ---- */

struct progress_last_attempt {
	int hints_revealed;  /* clamped to exercise->hint_count */
	time_t submitted_at;
	bool changed;        /* submitted for another version of the file */
	size_t dropped;      /* picks whose candidate id no longer exists (left out) */
	bool has_find;       /* the attempt had a find phase: its flags were filled */
	size_t flag_count;   /* flags that still fit the code */
};

/* The picks (candidate order, as progress_load_draft fills them), hints and
 * find-phase flags of the latest attempt at an exercise, so its results can be
 * shown again. flags has room for FIND_MAX_FLAGS, or is NULL when the caller
 * does not want them. Returns PROGRESS_OK, PROGRESS_NOT_FOUND (no attempt:
 * picks all unanswered), PROGRESS_DISABLED, or an error. */
enum progress_status progress_load_last_attempt(struct progress_store *store,
						const struct exercise *exercise, struct pick *picks,
						struct flag *flags,
						struct progress_last_attempt *out);

/* ---- Export and import: attempts as they are stored ---- */

/* One answered candidate of an attempt, named by id (the exercise may be gone). */
struct progress_answer {
	char *candidate_id;
	struct pick pick;
};

/* An attempt as the store keeps it, for `review export` and `review import`. */
struct progress_attempt {
	char *exercise_id;
	char *content_hash;        /* "" when unknown (schema 1) */
	int rule_version;
	bool has_started;          /* false for rows from schema 1 */
	long long started_at;      /* Unix seconds */
	long long submitted_at;
	int hints;
	long long score_tenths;
	long long max;
	bool passed;
	struct progress_answer *answers; /* in the stored order */
	size_t answer_count;
	bool has_find;             /* a find phase: flags and find below */
	char **flags;              /* "12", "14-16:bug" */
	size_t flag_count;
	struct find_result find;   /* real_count is the findable count; unfindable is 0 */
};

/* Every attempt of the store, oldest first (submitted_at, then insertion).
 * *out is a new array (free with progress_attempts_free). */
enum progress_status progress_list_attempts(struct progress_store *store,
					    struct progress_attempt **out, size_t *count);
void progress_attempts_free(struct progress_attempt *attempts, size_t count);

/* Adds the attempts the store does not hold yet, in one transaction. An attempt
 * is already held when one of the same exercise, submitted at the same second,
 * has the same answers (as a set), hints and flags. Drafts are left alone.
 * *added and *skipped count what was inserted and what was already there. */
enum progress_status progress_import_attempts(struct progress_store *store,
					      const struct progress_attempt *attempts, size_t count,
					      size_t *added, size_t *skipped);

#endif
