/* The progress store: one SQLite database of drafts and attempts.
 *
 * Durability: WAL with synchronous=FULL (a commit survives a power loss, not only a
 * crash), the rollback journal where WAL is unavailable. Concurrency: every write is
 * a BEGIN IMMEDIATE transaction, so two sessions never deadlock on a lock upgrade;
 * a busy handler of our own retries the lock after short jittered sleeps (SQLite's
 * own grows to 100 ms sleeps, so newcomers kept winning over long waiters) and the
 * whole transaction is retried until one deadline per call. Readers open the file
 * read-only and never take the write lock.
 *
 * Ownership: SQLite would happily create, journal or rewrite any path it is given.
 * Before SQLite sees a path, examine() reads its first 100 bytes itself: only a
 * regular file with SQLite's header and our application id is ours. A new store is
 * built under a temporary name and linked into place whole, so an empty or half
 * made file is never ours. Only a file of ours that SQLite calls damaged is moved
 * aside, never rewritten in place.
 *
 * Answers are stored as text, one "candidate-id=verdict" per answered candidate,
 * joined by ';' (verdict: not-real, real, bug, warning, minor). Bytes '%', ';', '='
 * and controls in ids are written %XX, so any id round-trips. */
#include "review/progress.h"
#include "review/find.h"
#include "review/order.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "review/xdg.h"

#define APPLICATION_ID 0x52657677 /* "Revw": tells our store from another SQLite file */
#define HEADER_SIZE 100           /* SQLite's file header */
#define FIRST_SLEEP_US 200        /* lock retries sleep 100..200 us at first, */
#define LONGEST_SLEEP_US 4000     /* growing to 2..4 ms */

enum stmt_id {
	ST_DRAFT_SAVE,
	ST_DRAFT_LOAD,
	ST_DRAFT_DELETE,
	ST_ATTEMPT_INSERT,
	ST_ATTEMPT_TOTALS,
	ST_ATTEMPT_BEST,
	ST_ATTEMPT_LAST_HASH,
	ST_DRAFT_HASH,
	ST_RESET_DRAFTS,
	ST_RESET_ATTEMPTS,
	ST_META_TOUCH,
	ST_ORDER_GET,
	ST_ORDER_INSERT,
	ST_RESET_ORDERS,
	ST_FLAGS_SAVE,
	ST_FLAGS_LOAD,
	ST_FLAGS_DELETE,
	ST_ATTEMPT_FIND_INSERT,
	ST_ATTEMPT_FIND_LAST,
	ST_RESET_FLAGS,
	ST_RESET_ATTEMPT_FINDS,
	ST_SETTING_GET,
	ST_SETTING_SET,
	ST_KNOWN_EXERCISES,
	ST_COUNT
};

static const char *const stmt_sql[ST_COUNT] = {
	[ST_DRAFT_SAVE] =
		"INSERT INTO draft(exercise_id, content_hash, answers, hints_revealed,"
		" started_at, updated_at) VALUES(?1, ?2, ?3, ?4, ?5, ?5)"
		" ON CONFLICT(exercise_id) DO UPDATE SET content_hash = excluded.content_hash,"
		" answers = excluded.answers,"
		" hints_revealed = max(hints_revealed, excluded.hints_revealed),"
		" updated_at = excluded.updated_at",
	[ST_DRAFT_LOAD] = "SELECT content_hash, answers, hints_revealed, started_at, updated_at"
			  " FROM draft WHERE exercise_id = ?1",
	[ST_DRAFT_DELETE] = "DELETE FROM draft WHERE exercise_id = ?1",
	[ST_ATTEMPT_INSERT] =
		"INSERT INTO attempt(exercise_id, content_hash, started_at, submitted_at, answers,"
		" hints_revealed, score_tenths, max_points, passed, rule_version)"
		" VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
	[ST_ATTEMPT_TOTALS] = "SELECT count(*), max(submitted_at), max(passed),"
			      " (SELECT passed FROM attempt WHERE exercise_id = ?1"
			      "  ORDER BY submitted_at, id LIMIT 1)"
			      " FROM attempt WHERE exercise_id = ?1",
	[ST_ATTEMPT_BEST] =
		"SELECT score_tenths, max_points, rule_version FROM attempt WHERE exercise_id = ?1"
		" ORDER BY CASE WHEN max_points > 0"
		" THEN CAST(score_tenths AS REAL) / max_points / 10 ELSE 1 END DESC,"
		" submitted_at DESC, id DESC LIMIT 1",
	[ST_ATTEMPT_LAST_HASH] = "SELECT content_hash FROM attempt WHERE exercise_id = ?1"
				 " ORDER BY submitted_at DESC, id DESC LIMIT 1",
	[ST_DRAFT_HASH] = "SELECT content_hash FROM draft WHERE exercise_id = ?1",
	[ST_RESET_DRAFTS] = "DELETE FROM draft WHERE ?1 IS NULL OR exercise_id = ?1",
	[ST_RESET_ATTEMPTS] = "DELETE FROM attempt WHERE ?1 IS NULL OR exercise_id = ?1",
	[ST_META_TOUCH] = "INSERT INTO meta(key, value) VALUES('last_open', ?1)"
			  " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
	[ST_ORDER_GET] = "SELECT seed FROM candidate_order WHERE exercise_id = ?1",
	[ST_ORDER_INSERT] = "INSERT INTO candidate_order(exercise_id, seed) VALUES(?1, ?2)"
			    " ON CONFLICT(exercise_id) DO NOTHING",
	[ST_RESET_ORDERS] = "DELETE FROM candidate_order WHERE ?1 IS NULL OR exercise_id = ?1",
	[ST_FLAGS_SAVE] = "INSERT INTO find_draft(exercise_id, flags, done) VALUES(?1, ?2, ?3)"
			  " ON CONFLICT(exercise_id) DO UPDATE SET flags = excluded.flags,"
			  " done = max(done, excluded.done)",
	[ST_FLAGS_LOAD] = "SELECT flags, done FROM find_draft WHERE exercise_id = ?1",
	[ST_FLAGS_DELETE] = "DELETE FROM find_draft WHERE exercise_id = ?1",
	[ST_ATTEMPT_FIND_INSERT] =
		"INSERT INTO attempt_find(attempt_id, flags, found, findable, found_points,"
		" findable_points, false_alarms, fell_for) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	[ST_ATTEMPT_FIND_LAST] =
		"SELECT f.found, f.findable, f.false_alarms,"
		" (f.flags != '') + length(f.flags) - length(replace(f.flags, ';', ''))"
		" FROM attempt_find f JOIN attempt a ON a.id = f.attempt_id"
		" WHERE a.exercise_id = ?1 ORDER BY a.submitted_at DESC, a.id DESC LIMIT 1",
	[ST_RESET_FLAGS] = "DELETE FROM find_draft WHERE ?1 IS NULL OR exercise_id = ?1",
	[ST_RESET_ATTEMPT_FINDS] = "DELETE FROM attempt_find WHERE attempt_id IN"
				   " (SELECT id FROM attempt WHERE ?1 IS NULL OR exercise_id = ?1)",
	[ST_SETTING_GET] = "SELECT value FROM meta WHERE key = ?1",
	[ST_KNOWN_EXERCISES] = "SELECT exercise_id FROM attempt UNION SELECT exercise_id FROM draft"
			       " ORDER BY 1",
	[ST_SETTING_SET] = "INSERT INTO meta(key, value) VALUES(?1, ?2)"
			   " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
};

/* migrations[v] takes a store from schema v to v + 1; a new file runs them all.
 * Version 1 kept no content hash (so a changed file went unnoticed) and no start
 * time; rows migrated from it get '' and NULL, which never count as changed. */
static const char *const migrations[PROGRESS_SCHEMA_VERSION] = {
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	"CREATE TABLE draft(exercise_id TEXT PRIMARY KEY, answers TEXT NOT NULL,"
	" hints_revealed INTEGER NOT NULL, updated_at INTEGER NOT NULL);"
	"CREATE TABLE attempt(id INTEGER PRIMARY KEY, exercise_id TEXT NOT NULL,"
	" submitted_at INTEGER NOT NULL, answers TEXT NOT NULL,"
	" hints_revealed INTEGER NOT NULL, score_tenths INTEGER NOT NULL,"
	" max_points INTEGER NOT NULL, passed INTEGER NOT NULL);"
	"CREATE INDEX attempt_by_exercise ON attempt(exercise_id, submitted_at);",

	"ALTER TABLE draft ADD COLUMN content_hash TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE draft ADD COLUMN started_at INTEGER NOT NULL DEFAULT 0;"
	"UPDATE draft SET started_at = updated_at;"
	"ALTER TABLE attempt ADD COLUMN content_hash TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE attempt ADD COLUMN started_at INTEGER;",

	/* Version 3: the learner's candidate order, and the scoring rule of each
	 * attempt (every attempt before it was scored by rule 1). */
	"CREATE TABLE candidate_order(exercise_id TEXT PRIMARY KEY, seed INTEGER NOT NULL);"
	"ALTER TABLE attempt ADD COLUMN rule_version INTEGER NOT NULL DEFAULT 1;",

	/* Version 4: the find phase. Flags are text, "12;14-16:bug", as in answers files. */
	"CREATE TABLE find_draft(exercise_id TEXT PRIMARY KEY, flags TEXT NOT NULL,"
	" done INTEGER NOT NULL);"
	"CREATE TABLE attempt_find(attempt_id INTEGER PRIMARY KEY, flags TEXT NOT NULL,"
	" found INTEGER NOT NULL, findable INTEGER NOT NULL, found_points INTEGER NOT NULL,"
	" findable_points INTEGER NOT NULL, false_alarms INTEGER NOT NULL,"
	" fell_for INTEGER NOT NULL);",
};

struct progress_store {
	sqlite3 *db;
	char *path;
	const char *vfs;
	bool wal;
	bool read_only;
	bool may_migrate;       /* a reader may ask a writer to migrate an old schema */
	int failed_rc;          /* SQLite's code for the last failed call */
	int lock_wait_ms;
	long long deadline_us;  /* of the call in progress, on the monotonic clock */
	uint64_t jitter;        /* xorshift state: waiting processes must not wake in step */
	sqlite3_stmt *stmts[ST_COUNT];
	char saving_off[512];   /* why writes on a read-only store do nothing */
	char error[512];
};

/* ---- Messages ---- */

static char *vformat(const char *format, va_list args) __attribute__((format(printf, 1, 0)));
static char *vformat(const char *format, va_list args)
{
	va_list copy;
	va_copy(copy, args);
	int length = vsnprintf(NULL, 0, format, copy);
	va_end(copy);
	if (length < 0)
		return NULL;
	char *text = malloc((size_t)length + 1);
	if (text)
		vsnprintf(text, (size_t)length + 1, format, args);
	return text;
}

/* Replaces *message (when wanted) with a new one, joining a pending warning so
 * that neither is lost; returns status for tail calls. */
static enum progress_status report(char **message, enum progress_status status,
				   const char *format, ...) __attribute__((format(printf, 3, 4)));
static enum progress_status report(char **message, enum progress_status status,
				   const char *format, ...)
{
	if (!message)
		return status;
	va_list args;
	va_start(args, format);
	char *text = vformat(format, args);
	va_end(args);
	if (text && *message) {
		size_t length = strlen(*message) + strlen(text) + 3;
		char *joined = malloc(length);
		if (joined)
			snprintf(joined, length, "%s; %s", *message, text);
		free(text);
		text = joined;
	}
	if (text) {
		free(*message);
		*message = text;
	}
	return status;
}

static void set_error(struct progress_store *store, const char *format, ...)
	__attribute__((format(printf, 2, 3)));
static void set_error(struct progress_store *store, const char *format, ...)
{
	va_list args;
	va_start(args, format);
	vsnprintf(store->error, sizeof store->error, format, args);
	va_end(args);
}

const char *progress_status_name(enum progress_status status)
{
	static const char *const names[] = {
		[PROGRESS_OK] = "ok",
		[PROGRESS_NOT_FOUND] = "not found",
		[PROGRESS_DISABLED] = "disabled",
		[PROGRESS_NEWER_SCHEMA] = "newer schema",
		[PROGRESS_BUSY] = "busy",
		[PROGRESS_ERROR] = "error",
	};
	return (unsigned)status < sizeof names / sizeof names[0] ? names[status] : "?";
}

/* ---- Paths and folders ---- */

char *progress_default_path(void)
{
	return xdg_path("XDG_STATE_HOME", ".local/state", "review/state.db");
}

/* mkdir -p of the folder holding path; new folders get mode 0700 (the store says
 * what a person studied and when). Returns 0 or an errno value. */
static int make_parent_folders(const char *path)
{
	char *copy = strdup(path);
	if (!copy)
		return ENOMEM;
	char *slash = strrchr(copy, '/');
	int error = 0;
	if (slash && slash != copy) {
		*slash = '\0';
		for (char *p = copy + 1; !error; p++) {
			bool end = *p == '\0';
			if (*p != '/' && !end)
				continue;
			*p = '\0';
			struct stat info;
			if (mkdir(copy, 0700) != 0 && errno != EEXIST)
				error = errno;
			else if (stat(copy, &info) != 0)
				error = errno;
			else if (!S_ISDIR(info.st_mode))
				error = ENOTDIR;
			if (end)
				break;
			*p = '/';
		}
	}
	free(copy);
	return error;
}

static char *concat(const char *a, const char *b)
{
	size_t length = strlen(a) + strlen(b) + 1;
	char *text = malloc(length);
	if (text)
		snprintf(text, length, "%s%s", a, b);
	return text;
}

/* Renames from to to, failing rather than replacing an existing file. */
static int move_no_replace(const char *from, const char *to)
{
	if (link(from, to) == 0)
		return unlink(from) == 0 ? 0 : errno;
	if (errno == EEXIST || errno == ENOENT)
		return errno;
	/* No hard links on this file system: check, then rename. */
	struct stat info;
	if (lstat(to, &info) == 0)
		return EEXIST;
	return rename(from, to) == 0 ? 0 : errno;
}

/* Moves a damaged store and its journals aside to <path>.corrupt-<timestamp>[-n].
 * Returns 0 and *aside (new string), or an errno value. */
static int move_aside(const char *path, char **aside)
{
	char stamp[64];
	time_t now = time(NULL);
	struct tm utc;
	gmtime_r(&now, &utc);
	strftime(stamp, sizeof stamp, ".corrupt-%Y%m%dT%H%M%SZ", &utc);
	int error = EEXIST;
	char *target = NULL;
	for (int n = 1; n < 100 && error == EEXIST; n++) {
		char suffix[96];
		if (n == 1)
			snprintf(suffix, sizeof suffix, "%s", stamp);
		else
			snprintf(suffix, sizeof suffix, "%s-%d", stamp, n);
		free(target);
		target = concat(path, suffix);
		error = target ? move_no_replace(path, target) : ENOMEM;
	}
	if (error) {
		free(target);
		return error;
	}
	/* The journals belong to the damaged file: keep them with it. */
	static const char *const journals[] = { "-wal", "-journal" };
	for (size_t i = 0; i < 2; i++) {
		char *from = concat(path, journals[i]), *to = concat(target, journals[i]);
		if (from && to)
			move_no_replace(from, to);
		free(from);
		free(to);
	}
	char *shm = concat(path, "-shm");
	if (shm)
		unlink(shm);
	free(shm);
	*aside = target;
	return 0;
}

/* ---- SQLite plumbing ---- */

static int primary(int rc)
{
	return rc & 0xff;
}

static bool is_busy(int rc)
{
	return primary(rc) == SQLITE_BUSY || primary(rc) == SQLITE_LOCKED;
}

static bool is_damage(int rc)
{
	return primary(rc) == SQLITE_CORRUPT || primary(rc) == SQLITE_NOTADB;
}

/* The cached statement, reset and unbound; NULL on failure (error set). */
static sqlite3_stmt *statement(struct progress_store *store, enum stmt_id id)
{
	sqlite3_stmt **slot = &store->stmts[id];
	if (*slot) {
		sqlite3_reset(*slot);
		sqlite3_clear_bindings(*slot);
		return *slot;
	}
	int rc = sqlite3_prepare_v3(store->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT,
				    slot, NULL);
	if (rc != SQLITE_OK) {
		set_error(store, "%s", sqlite3_errmsg(store->db));
		*slot = NULL;
	}
	return *slot;
}

static void bind_text(sqlite3_stmt *stmt, int index, const char *text)
{
	if (text)
		sqlite3_bind_text(stmt, index, text, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(stmt, index);
}

/* Steps a statement that returns no row; SQLITE_OK when it ran. */
static int step_done(sqlite3_stmt *stmt)
{
	int rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Steps to the first row: SQLITE_ROW, SQLITE_DONE (no row) or an error. */
static int step_row(sqlite3_stmt *stmt)
{
	int rc = sqlite3_step(stmt);
	if (rc != SQLITE_ROW)
		sqlite3_reset(stmt);
	return rc;
}

/* Runs a statement whose only parameter ?1 is key (NULL binds NULL). */
static int run_keyed(struct progress_store *store, enum stmt_id id, const char *key)
{
	sqlite3_stmt *stmt = statement(store, id);
	if (!stmt)
		return SQLITE_ERROR;
	bind_text(stmt, 1, key);
	return step_done(stmt);
}

/* Looks up the row keyed by key (bound as ?1) and hands it to read when there
 * is one; *found says whether there was. Returns SQLITE_OK or the error. */
static int lookup_row(struct progress_store *store, enum stmt_id id, const char *key,
		      void (*read)(sqlite3_stmt *stmt, void *context), void *context, bool *found)
{
	sqlite3_stmt *stmt = statement(store, id);
	*found = false;
	if (!stmt)
		return SQLITE_ERROR;
	bind_text(stmt, 1, key);
	int rc = step_row(stmt);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? SQLITE_OK : rc;
	*found = true;
	read(stmt, context);
	sqlite3_reset(stmt);
	return SQLITE_OK;
}

/* Runs a statement that returns one integer (PRAGMA user_version, ...). */
static int query_int(sqlite3 *db, const char *sql, long long *out)
{
	sqlite3_stmt *stmt;
	int rc = sqlite3_prepare_v2(db, sql, -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		*out = sqlite3_column_int64(stmt, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? SQLITE_ERROR : rc;
}

static int query_text(sqlite3 *db, const char *sql, char *out, size_t size)
{
	sqlite3_stmt *stmt;
	int rc = sqlite3_prepare_v2(db, sql, -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		const unsigned char *text = sqlite3_column_text(stmt, 0);
		snprintf(out, size, "%s", text ? (const char *)text : "");
		rc = SQLITE_OK;
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? SQLITE_ERROR : rc;
}

/* ---- Waiting for the lock ---- */

static long long now_us(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long long)now.tv_sec * 1000000 + now.tv_nsec / 1000;
}

/* Every public call waits at most lock_wait_ms in all, however many times it
 * meets the lock. */
static void start_waiting(struct progress_store *store)
{
	store->deadline_us = now_us() + (long long)store->lock_wait_ms * 1000;
}

static bool out_of_time(const struct progress_store *store)
{
	return now_us() >= store->deadline_us;
}

static long next_jitter(struct progress_store *store, long bound)
{
	uint64_t x = store->jitter;
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	store->jitter = x;
	return bound > 0 ? (long)(x % (uint64_t)bound) : 0;
}

/* Sleeps between half and all of a ceiling that doubles per try up to a few ms:
 * a waiter retries often, so newcomers do not keep taking the lock from it. */
static void sleep_jittered(struct progress_store *store, int tries)
{
	long ceiling = FIRST_SLEEP_US << (tries < 8 ? tries : 8);
	if (ceiling > LONGEST_SLEEP_US)
		ceiling = LONGEST_SLEEP_US;
	long pause_us = ceiling / 2 + next_jitter(store, ceiling / 2 + 1);
	struct timespec pause = { 0, pause_us * 1000 };
	nanosleep(&pause, NULL);
}

/* SQLite's busy handler: try again until the call's deadline. */
static int wait_for_lock(void *context, int tries)
{
	struct progress_store *store = context;
	if (out_of_time(store))
		return 0;
	sleep_jittered(store, tries);
	return 1;
}

static int commit(struct progress_store *store)
{
	int rc;
	do
		rc = sqlite3_exec(store->db, "COMMIT", NULL, NULL, NULL);
	while (is_busy(rc) && !out_of_time(store));
	return rc;
}

typedef int (*transaction_body)(struct progress_store *store, void *context);

/* Runs body in one transaction (IMMEDIATE when it writes), retrying the whole
 * transaction while another connection holds the lock, until the deadline.
 * body returns an SQLite result code and must be safe to run again. */
static enum progress_status run(struct progress_store *store, bool write,
				transaction_body body, void *context)
{
	store->error[0] = '\0';
	if (write && store->read_only) {
		set_error(store, "%s", store->saving_off);
		return PROGRESS_DISABLED;
	}
	start_waiting(store);
	int rc;
	for (int tries = 0;; tries++) {
		rc = sqlite3_exec(store->db, write ? "BEGIN IMMEDIATE" : "BEGIN", NULL, NULL, NULL);
		if (rc == SQLITE_OK) {
			rc = body(store, context);
			if (rc == SQLITE_OK)
				rc = commit(store);
			if (rc != SQLITE_OK && !sqlite3_get_autocommit(store->db))
				sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
		}
		if (!is_busy(rc) || out_of_time(store))
			break;
		sleep_jittered(store, tries);
	}
	store->failed_rc = rc;
	if (rc == SQLITE_OK)
		return PROGRESS_OK;
	if (is_busy(rc)) {
		set_error(store, "state store %s is busy: another review held it for %d s",
			  store->path, (store->lock_wait_ms + 999) / 1000);
		return PROGRESS_BUSY;
	}
	if (store->error[0] == '\0' || rc != SQLITE_ERROR)
		set_error(store, "state store %s: %s", store->path, sqlite3_errstr(rc));
	return PROGRESS_ERROR;
}

/* ---- Is it ours? ---- */

/* FILE_UNSURE: an SQLite file whose header says neither ours nor another
 * program's yet (application id and version 0, WAL, a -wal file): what an older
 * review left when its first sessions were killed before a checkpoint. */
enum file_kind { FILE_MISSING, FILE_OURS, FILE_UNSURE, FILE_NOT_OURS, FILE_UNREADABLE };

struct file_facts {
	struct stat info; /* of the file examined */
	int error;        /* errno, for FILE_UNREADABLE */
	const char *what; /* for FILE_NOT_OURS: what the path names instead */
};

static uint32_t big_endian_32(const unsigned char *bytes)
{
	return (uint32_t)bytes[0] << 24 | (uint32_t)bytes[1] << 16 | (uint32_t)bytes[2] << 8 | bytes[3];
}

static ssize_t read_up_to(int fd, unsigned char *buffer, size_t size)
{
	size_t done = 0;
	while (done < size) {
		ssize_t got = read(fd, buffer + done, size - done);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return -1;
		if (got == 0)
			break;
		done += (size_t)got;
	}
	return (ssize_t)done;
}

static const char *kind_of_special(mode_t mode)
{
	if (S_ISDIR(mode))
		return "a folder";
	if (S_ISCHR(mode) || S_ISBLK(mode))
		return "a device";
	if (S_ISFIFO(mode))
		return "a FIFO";
	return "not a regular file";
}

/* True when path's -wal file holds more than its 32-byte header. */
static bool has_wal_frames(const char *path)
{
	char *wal = concat(path, "-wal");
	struct stat info;
	bool frames = wal && stat(wal, &info) == 0 && S_ISREG(info.st_mode) && info.st_size > 32;
	free(wal);
	return frames;
}

/* Looks at path without SQLite, which would create, journal or roll back
 * whatever it was given: only a regular file that starts with SQLite's header
 * and carries our application id is ours. Opened non-blocking: a FIFO put in
 * place after stat() must not hang us. */
static enum file_kind examine(const char *path, struct file_facts *facts)
{
	*facts = (struct file_facts){ .what = "" };
	if (stat(path, &facts->info) != 0) {
		facts->error = errno;
		struct stat link;
		if (errno == ENOENT && lstat(path, &link) == 0) {
			facts->what = "a symbolic link to nothing";
			return FILE_NOT_OURS;
		}
		return errno == ENOENT ? FILE_MISSING : FILE_UNREADABLE;
	}
	if (!S_ISREG(facts->info.st_mode)) {
		facts->what = kind_of_special(facts->info.st_mode);
		return FILE_NOT_OURS;
	}
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0) {
		facts->error = errno;
		return errno == ENOENT ? FILE_MISSING : FILE_UNREADABLE;
	}
	unsigned char header[HEADER_SIZE];
	ssize_t got = -1;
	if (fstat(fd, &facts->info) == 0 && S_ISREG(facts->info.st_mode))
		got = read_up_to(fd, header, sizeof header);
	facts->error = errno;
	close(fd);
	if (!S_ISREG(facts->info.st_mode)) {
		facts->what = kind_of_special(facts->info.st_mode);
		return FILE_NOT_OURS;
	}
	if (got < 0)
		return FILE_UNREADABLE;
	if (got == 0)
		facts->what = "an empty file: remove it and review starts a store there";
	else if (got < HEADER_SIZE || memcmp(header, "SQLite format 3", 16) != 0)
		facts->what = "not an SQLite database";
	else if (big_endian_32(header + 68) == APPLICATION_ID)
		return FILE_OURS;
	else if (big_endian_32(header + 68) == 0 && big_endian_32(header + 60) == 0 &&
		 header[18] == 2 && has_wal_frames(path))
		return FILE_UNSURE;
	else
		facts->what = "an SQLite database of another program";
	return FILE_NOT_OURS;
}

/* The application id page 1 has in the last transaction committed to path's
 * -wal file, read without SQLite (which would make a -shm file next to it): WAL
 * header, then frames of a 24-byte header and a page; a frame whose salts differ
 * from the header's is left over from an earlier round and ends the log.
 * Returns 0 when there is none. */
static uint32_t wal_application_id(const char *path)
{
	char *name = concat(path, "-wal");
	int fd = name ? open(name, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC) : -1;
	free(name);
	if (fd < 0)
		return 0;
	unsigned char header[32], frame[24];
	uint32_t found = 0, pending = 0;
	bool page_one = false;
	uint32_t magic = read_up_to(fd, header, sizeof header) == 32 ? big_endian_32(header) : 0;
	uint32_t page_size = big_endian_32(header + 8) == 1 ? 65536 : big_endian_32(header + 8);
	unsigned char *page = (magic & ~1u) == 0x377f0682 && page_size >= 512 && page_size <= 65536
				      ? malloc(page_size) : NULL;
	while (page && read_up_to(fd, frame, sizeof frame) == sizeof frame &&
	       memcmp(frame + 8, header + 16, 8) == 0 &&
	       read_up_to(fd, page, page_size) == (ssize_t)page_size) {
		if (big_endian_32(frame) == 1) {
			pending = big_endian_32(page + 68);
			page_one = true;
		}
		if (big_endian_32(frame + 4) != 0 && page_one) /* a commit frame */
			found = pending;
	}
	free(page);
	close(fd);
	return found;
}

/* True when path still names the file examined: another review may have moved
 * a damaged file aside and started a fresh one meanwhile, which must not move. */
static bool same_file(const char *path, const struct stat *seen)
{
	struct stat now;
	return stat(path, &now) == 0 && now.st_dev == seen->st_dev && now.st_ino == seen->st_ino;
}

/* ---- Opening ---- */

struct open_state {
	long long version;
	bool newer;
};

/* The schema migrations from version, in the open transaction. */
static int migrate_from(sqlite3 *db, long long version)
{
	int rc = SQLITE_OK;
	if (version == 0) {
		char sql[64];
		snprintf(sql, sizeof sql, "PRAGMA application_id = %d", APPLICATION_ID);
		rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	}
	for (long long v = version; v < PROGRESS_SCHEMA_VERSION && rc == SQLITE_OK; v++)
		rc = sqlite3_exec(db, migrations[v], NULL, NULL, NULL);
	if (rc == SQLITE_OK && version < PROGRESS_SCHEMA_VERSION) {
		char sql[64];
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d", PROGRESS_SCHEMA_VERSION);
		rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	}
	return rc;
}

static int migrate_body(struct progress_store *store, void *context)
{
	struct open_state *state = context;
	/* Read again under the write lock: another process may have migrated. */
	int rc = query_int(store->db, "PRAGMA user_version", &state->version);
	if (rc != SQLITE_OK)
		return rc;
	if (state->version > PROGRESS_SCHEMA_VERSION) {
		state->newer = true;
		return SQLITE_OK;
	}
	rc = migrate_from(store->db, state->version);
	if (rc != SQLITE_OK)
		return rc;
	/* A write on every open proves the folder and file writable now, rather than
	 * at the first pick. */
	sqlite3_stmt *touch = statement(store, ST_META_TOUCH);
	if (!touch)
		return SQLITE_ERROR;
	sqlite3_bind_int64(touch, 1, (sqlite3_int64)time(NULL));
	return step_done(touch);
}

static void remove_with_journals(const char *path)
{
	static const char *const suffixes[] = { "", "-journal", "-wal", "-shm" };
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		char *name = concat(path, suffixes[i]);
		if (name)
			unlink(name);
		free(name);
	}
}

/* Builds a complete store (our application id, the whole schema, WAL when
 * possible) in a fresh temporary file next to path, then links it into place,
 * failing with EEXIST rather than replacing what another process put there
 * first. So nobody ever sees a store of ours half made, and an empty file is
 * never ours. Returns 0 or an errno value; *why gets SQLite's reason. */
static int create_store(const struct progress_store *store, const char **why)
{
	char *temp = concat(store->path, ".new-XXXXXX");
	if (!temp)
		return ENOMEM;
	int fd = mkstemp(temp); /* mode 0600: the store says what a person studied */
	if (fd < 0) {
		int error = errno;
		free(temp);
		return error;
	}
	close(fd);
	sqlite3 *db = NULL;
	int rc = sqlite3_open_v2(temp, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, store->vfs);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = migrate_from(db, 0);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	if (rc == SQLITE_OK) /* a no-op where WAL is unavailable; choose_journal decides */
		sqlite3_exec(db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
	*why = sqlite3_errstr(rc);
	if (sqlite3_close(db) != SQLITE_OK && rc == SQLITE_OK)
		rc = SQLITE_IOERR;
	int error = rc == SQLITE_OK ? move_no_replace(temp, store->path) : EIO;
	if (error)
		remove_with_journals(temp);
	free(temp);
	return error;
}

/* A "file:" URI for path (SQLite decodes %XX in it), with query appended. */
static char *uri_of(const char *path, const char *query)
{
	while (path[0] == '/' && path[1] == '/') /* "file://" would start an authority */
		path++;
	size_t size = 5 + 3 * strlen(path) + strlen(query) + 1;
	char *uri = malloc(size), *end = uri;
	if (!uri)
		return NULL;
	end += sprintf(end, "file:");
	for (const unsigned char *c = (const unsigned char *)path; *c; c++)
		if (*c == '%' || *c == '?' || *c == '#' || *c <= ' ' || *c >= 0x7f)
			end += sprintf(end, "%%%02X", *c);
		else
			*end++ = (char)*c;
	strcpy(end, query);
	return uri;
}

/* Opens the file (never creating it); immutable tells SQLite that nobody writes
 * it, which lets it read a WAL store where no -shm file can be made. */
static int connect(struct progress_store *store, bool immutable)
{
	int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI |
		    (store->read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE);
	char *uri = uri_of(store->path, immutable ? "?immutable=1" : "");
	if (!uri)
		return SQLITE_NOMEM;
	int rc = sqlite3_open_v2(uri, &store->db, flags, store->vfs);
	free(uri);
	if (rc == SQLITE_OK) {
		sqlite3_extended_result_codes(store->db, 1);
		rc = sqlite3_busy_handler(store->db, wait_for_lock, store);
	}
	if (rc == SQLITE_OK && !store->read_only && sqlite3_db_readonly(store->db, "main") == 1)
		rc = SQLITE_READONLY;
	return rc;
}

static void disconnect(struct progress_store *store)
{
	for (size_t i = 0; i < ST_COUNT; i++) {
		sqlite3_finalize(store->stmts[i]);
		store->stmts[i] = NULL;
	}
	sqlite3_close(store->db);
	store->db = NULL;
}

enum inspection { INSPECT_OK, INSPECT_DAMAGED, INSPECT_FOREIGN, INSPECT_FAILED };

/* Reads without writing: the schema version, whether the file is ours and whether
 * SQLite finds it sound. *rc gets the failing code for INSPECT_FAILED. */
static enum inspection inspect(struct progress_store *store, long long *version, int *rc)
{
	sqlite3 *db = store->db;
	long long application_id = 0, tables = 0;
	char check[64] = "";
	start_waiting(store);
	/* One snapshot, and the header read again through the WAL. */
	*rc = sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
	if (*rc == SQLITE_OK)
		*rc = query_int(db, "PRAGMA user_version", version);
	if (*rc == SQLITE_OK)
		*rc = query_int(db, "PRAGMA application_id", &application_id);
	if (*rc == SQLITE_OK)
		*rc = query_int(db, "SELECT count(*) FROM sqlite_schema", &tables);
	if (*rc == SQLITE_OK)
		*rc = query_text(db, "PRAGMA quick_check(1)", check, sizeof check);
	if (!sqlite3_get_autocommit(db))
		sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	if (is_damage(*rc) || (*rc == SQLITE_OK && strcmp(check, "ok") != 0))
		return INSPECT_DAMAGED;
	if (*rc != SQLITE_OK)
		return INSPECT_FAILED;
	if (application_id != APPLICATION_ID || (*version == 0 && tables > 0))
		return INSPECT_FOREIGN;
	return INSPECT_OK;
}

/* True when a reader cannot set up WAL's shared memory (a read-only folder):
 * with no -wal file, the main file alone is the whole store. */
static bool can_read_immutable(const struct progress_store *store, int rc)
{
	if (!store->read_only || (primary(rc) != SQLITE_CANTOPEN && primary(rc) != SQLITE_READONLY))
		return false;
	char *wal = concat(store->path, "-wal");
	struct stat info;
	bool empty = wal && (stat(wal, &info) != 0 ? errno == ENOENT : info.st_size == 0);
	free(wal);
	return empty;
}

/* Runs a PRAGMA again while another connection holds a lock it needs: SQLite
 * does not call the busy handler for every lock (changing the journal mode). */
static int query_text_patiently(struct progress_store *store, const char *sql, char *out,
				size_t size)
{
	int rc;
	start_waiting(store);
	for (int tries = 0; is_busy(rc = query_text(store->db, sql, out, size)) && !out_of_time(store);
	     tries++)
		sleep_jittered(store, tries);
	return rc;
}

/* WAL where the file system offers shared memory; else the rollback journal. */
static int choose_journal(struct progress_store *store)
{
	char mode[32] = "";
	int rc = query_text_patiently(store, "PRAGMA journal_mode", mode, sizeof mode);
	if (rc == SQLITE_OK && strcmp(mode, "wal") != 0)
		rc = query_text_patiently(store, "PRAGMA journal_mode = WAL", mode, sizeof mode);
	if (rc == SQLITE_OK && strcmp(mode, "wal") != 0)
		rc = query_text_patiently(store, "PRAGMA journal_mode = DELETE", mode, sizeof mode);
	store->wal = strcmp(mode, "wal") == 0;
	if (rc != SQLITE_OK)
		return rc;
	return sqlite3_exec(store->db, "PRAGMA synchronous = FULL", NULL, NULL, NULL);
}

static enum progress_status busy_message(const struct progress_store *store, char **message)
{
	return report(message, PROGRESS_BUSY, "state store %s is busy: another review held it"
		      " for %d s", store->path, (store->lock_wait_ms + 999) / 1000);
}

/* Not a status: the path changed under open_ours (or a reader had a writer
 * migrate it); examine it again. The functions that may say so return int. */
#define LOOK_AGAIN (-1)

static enum progress_status open_at(struct progress_store *store, char **message);

/* A writer that cannot write still shows what was saved: it reopens the file
 * read-only, and every save then says why saving is off. */
static enum progress_status read_instead(struct progress_store *store, const char *why,
					 char **message)
{
	/* why may be SQLite's message, which disconnecting frees. */
	snprintf(store->saving_off, sizeof store->saving_off,
		 "saving is off: cannot write state store %s: %s", store->path, why);
	disconnect(store);
	store->read_only = true;
	store->may_migrate = false;
	char *reading = NULL;
	enum progress_status status = open_at(store, &reading);
	free(reading);
	if (status == PROGRESS_OK)
		return report(message, PROGRESS_DISABLED, "%s; saved progress is shown, new answers"
			      " are not saved", store->saving_off);
	disconnect(store);
	return report(message, PROGRESS_DISABLED, "%s; progress will not be saved", store->saving_off);
}

/* The writer's part: WAL, migrations and a first write, on a sound file of ours. */
static enum progress_status prepare_writing(struct progress_store *store, long long version,
					    char **message)
{
	struct open_state state = { version, false };
	int rc = choose_journal(store);
	if (is_busy(rc))
		return busy_message(store, message);
	if (rc != SQLITE_OK)
		return read_instead(store, sqlite3_errmsg(store->db), message);
	enum progress_status status = run(store, true, migrate_body, &state);
	if (state.newer)
		return report(message, PROGRESS_NEWER_SCHEMA,
			      "state store %s was written by a newer review (schema %lld; this"
			      " one knows %d); it was left untouched", store->path, state.version,
			      PROGRESS_SCHEMA_VERSION);
	if (status == PROGRESS_BUSY)
		return busy_message(store, message);
	if (status != PROGRESS_OK)
		return read_instead(store, sqlite3_errstr(store->failed_rc), message);
	return PROGRESS_OK;
}

/* A reader of an older schema asks a writer to migrate it, once; when that
 * cannot be done (a read-only store), read_migrated_copy() takes over. */
static int migrate_for_reader(struct progress_store *store)
{
	disconnect(store);
	store->may_migrate = false;
	struct progress_store *writer = NULL;
	progress_open_vfs(store->path, store->vfs, PROGRESS_READ_WRITE, &writer, NULL);
	progress_close(writer);
	return LOOK_AGAIN;
}

/* Copies the open store into memory: sqlite3_backup reads it in one read
 * transaction, waiting for locks until the deadline. */
static int copy_to_memory(struct progress_store *store, sqlite3 **memory)
{
	int rc = sqlite3_open_v2(":memory:", memory, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
	sqlite3_backup *backup = rc == SQLITE_OK ? sqlite3_backup_init(*memory, "main", store->db, "main")
						 : NULL;
	if (!backup)
		return rc == SQLITE_OK ? sqlite3_errcode(*memory) : rc;
	start_waiting(store);
	for (int tries = 0; is_busy(rc = sqlite3_backup_step(backup, -1)) && !out_of_time(store); tries++)
		sleep_jittered(store, tries);
	sqlite3_backup_finish(backup);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* A reader of an older store that cannot be migrated where it is (read-only)
 * reads a copy migrated in memory; the file stays as it is. */
static int read_migrated_copy(struct progress_store *store, long long version, char **message)
{
	sqlite3 *memory = NULL;
	int rc = copy_to_memory(store, &memory);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(memory, "BEGIN", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = migrate_from(memory, version);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(memory, "COMMIT", NULL, NULL, NULL);
	disconnect(store);
	if (rc != SQLITE_OK) {
		sqlite3_close(memory);
		return report(message, PROGRESS_DISABLED, "state store %s has an older schema (%lld)"
			      " and cannot be read: %s; progress will not be saved", store->path, version,
			      sqlite3_errstr(rc));
	}
	store->db = memory;
	sqlite3_extended_result_codes(memory, 1);
	return PROGRESS_OK;
}

/* Moves a damaged store of ours aside (a writer only), unless another review
 * already did. */
static int set_damaged_aside(struct progress_store *store, int rc, const struct stat *seen,
			     bool *moved, char **message)
{
	if (store->read_only || *moved)
		return report(message, PROGRESS_DISABLED, "state store %s is damaged (%s); the next"
			      " review that saves moves it aside; progress will not be saved",
			      store->path, sqlite3_errstr(rc == SQLITE_OK ? SQLITE_CORRUPT : rc));
	if (!same_file(store->path, seen))
		return LOOK_AGAIN;
	char *aside = NULL;
	int error = move_aside(store->path, &aside);
	if (error == ENOENT)
		return LOOK_AGAIN;
	if (error)
		return report(message, PROGRESS_DISABLED,
			      "state store %s is damaged and cannot be moved aside: %s;"
			      " progress will not be saved", store->path, strerror(error));
	report(message, PROGRESS_OK, "state store %s was damaged: moved aside to %s, starting a"
	       " fresh one", store->path, aside);
	free(aside);
	*moved = true;
	return LOOK_AGAIN;
}

/* Connects to a file examine() found ours and checks it through SQLite. */
static int open_ours(struct progress_store *store, const struct stat *seen, bool *moved,
		     char **message)
{
	int rc = connect(store, false);
	long long version = 0;
	enum inspection found = INSPECT_FAILED;
	if (rc == SQLITE_OK)
		found = inspect(store, &version, &rc);
	if (found == INSPECT_FAILED && can_read_immutable(store, rc)) {
		disconnect(store);
		if ((rc = connect(store, true)) == SQLITE_OK)
			found = inspect(store, &version, &rc);
	}
	if (found == INSPECT_FAILED && is_busy(rc)) {
		disconnect(store);
		return busy_message(store, message);
	}
	if (found == INSPECT_FAILED && !store->read_only)
		return read_instead(store, sqlite3_errstr(rc), message);
	if (found == INSPECT_FAILED) {
		disconnect(store);
		return report(message, PROGRESS_DISABLED, "cannot read state store %s: %s; progress"
			      " will not be saved", store->path, sqlite3_errstr(rc));
	}
	if (found != INSPECT_OK)
		disconnect(store);
	if (found == INSPECT_DAMAGED)
		return set_damaged_aside(store, rc, seen, moved, message);
	if (found == INSPECT_FOREIGN)
		return report(message, PROGRESS_ERROR, "%s is not a review state store (an SQLite"
			      " database of another program); it was left untouched", store->path);
	if (!same_file(store->path, seen)) {
		disconnect(store);
		return LOOK_AGAIN;
	}
	if (version > PROGRESS_SCHEMA_VERSION) {
		disconnect(store);
		return report(message, PROGRESS_NEWER_SCHEMA,
			      "state store %s was written by a newer review (schema %lld; this"
			      " one knows %d); it was left untouched", store->path, version,
			      PROGRESS_SCHEMA_VERSION);
	}
	if (!store->read_only)
		return prepare_writing(store, version, message);
	if (version < PROGRESS_SCHEMA_VERSION && store->may_migrate)
		return migrate_for_reader(store);
	char mode[16] = "";
	store->wal = query_text(store->db, "PRAGMA journal_mode", mode, sizeof mode) == SQLITE_OK &&
		     strcmp(mode, "wal") == 0;
	if (version < PROGRESS_SCHEMA_VERSION)
		return read_migrated_copy(store, version, message);
	return PROGRESS_OK;
}

/* Examines the path, creates a missing store (writers), refuses what is not
 * ours, and opens the rest; a few rounds while other reviews change the file. */
static enum progress_status open_at(struct progress_store *store, char **message)
{
	bool moved = false;
	for (int round = 0; round < 8; round++) {
		struct file_facts facts;
		const char *why = "";
		int error;
		switch (examine(store->path, &facts)) {
		case FILE_NOT_OURS:
			return report(message, PROGRESS_ERROR, "%s is not a review state store (%s); it"
				      " was left untouched", store->path, facts.what);
		case FILE_UNREADABLE:
			return report(message, PROGRESS_DISABLED, "cannot read state store %s: %s;"
				      " progress will not be saved", store->path, strerror(facts.error));
		case FILE_MISSING:
			if (store->read_only)
				return PROGRESS_NOT_FOUND;
			error = create_store(store, &why);
			if (error && error != EEXIST)
				return report(message, PROGRESS_DISABLED, "cannot create state store %s:"
					      " %s; progress will not be saved", store->path,
					      error == EIO ? why : strerror(error));
			continue;
		case FILE_UNSURE:
			if (wal_application_id(store->path) != APPLICATION_ID)
				return report(message, PROGRESS_ERROR, "%s is not a review state store (an"
					      " SQLite database of another program); it was left untouched",
					      store->path);
			break;
		case FILE_OURS:
			break;
		}
		int status = open_ours(store, &facts.info, &moved, message);
		if (status != LOOK_AGAIN)
			return (enum progress_status)status;
	}
	return report(message, PROGRESS_DISABLED, "state store %s keeps changing while it is"
		      " opened; progress will not be saved", store->path);
}

enum progress_status progress_open_vfs(const char *path, const char *vfs,
				       enum progress_access access,
				       struct progress_store **out, char **message)
{
	*out = NULL;
	if (message)
		*message = NULL;
	/* SQLite would take "" for a private temporary database: saving into it
	 * would look like saving. */
	if (path && !path[0])
		return report(message, PROGRESS_DISABLED,
			      "the state store path is empty; progress will not be saved");
	char *resolved = path ? strdup(path) : progress_default_path();
	if (!resolved)
		return report(message, PROGRESS_DISABLED,
			      path ? "out of memory; progress will not be saved"
				   : "neither XDG_STATE_HOME nor HOME is set to an absolute path; progress will not be saved");
	struct progress_store *store = calloc(1, sizeof *store);
	if (!store) {
		free(resolved);
		return report(message, PROGRESS_DISABLED, "out of memory; progress will not be saved");
	}
	store->path = resolved;
	store->vfs = vfs;
	store->read_only = access == PROGRESS_READ_ONLY;
	store->may_migrate = store->read_only;
	store->lock_wait_ms = PROGRESS_LOCK_WAIT_MS;
	store->jitter = ((uint64_t)getpid() << 32 ^ (uint64_t)now_us() ^ (uint64_t)(uintptr_t)store) | 1;
	snprintf(store->saving_off, sizeof store->saving_off,
		 "state store %s was opened for reading only", resolved);
	int error = store->read_only ? 0 : make_parent_folders(resolved);
	enum progress_status status =
		error ? report(message, PROGRESS_DISABLED, "cannot create the folder of state store"
			       " %s: %s; progress will not be saved", resolved, strerror(error))
		      : open_at(store, message);
	if (status == PROGRESS_OK || (status == PROGRESS_DISABLED && store->db)) {
		*out = store;
		return status;
	}
	progress_close(store);
	return status;
}

enum progress_status progress_open(const char *path, struct progress_store **out, char **message)
{
	return progress_open_vfs(path, NULL, PROGRESS_READ_WRITE, out, message);
}

enum progress_status progress_open_reader(const char *path, struct progress_store **out,
					  char **message)
{
	return progress_open_vfs(path, NULL, PROGRESS_READ_ONLY, out, message);
}

void progress_close(struct progress_store *store)
{
	if (!store)
		return;
	disconnect(store);
	free(store->path);
	free(store);
}

const char *progress_path(const struct progress_store *store)
{
	return store ? store->path : NULL;
}

bool progress_uses_wal(const struct progress_store *store)
{
	return store && store->wal;
}

bool progress_read_only(const struct progress_store *store)
{
	return store && store->read_only;
}

void progress_set_lock_wait(struct progress_store *store, int milliseconds)
{
	if (store)
		store->lock_wait_ms = milliseconds < 1 ? 1 : milliseconds;
}

const char *progress_last_error(const struct progress_store *store)
{
	return store ? store->error : "";
}

/* ---- Answers as text ---- */

static const char *pick_name(struct pick pick)
{
	if (pick.verdict == VERDICT_NOT_REAL)
		return "not-real";
	if (pick.verdict != VERDICT_REAL)
		return NULL;
	return pick.severity == SEVERITY_NONE ? "real" : severity_name(pick.severity);
}

static bool pick_parse(const char *text, struct pick *out)
{
	*out = (struct pick){ VERDICT_REAL, SEVERITY_NONE };
	if (strcmp(text, "not-real") == 0) {
		out->verdict = VERDICT_NOT_REAL;
		return true;
	}
	return strcmp(text, "real") == 0 || severity_parse(text, &out->severity);
}

static bool needs_escape(unsigned char c)
{
	return c == '%' || c == ';' || c == '=' || c < 0x20 || c == 0x7f;
}

/* "id=verdict;..." for the answered candidates; new string, NULL when out of memory. */
static char *answers_encode(const struct exercise *exercise, const struct pick *picks)
{
	size_t size = 1;
	for (size_t i = 0; i < exercise->candidate_count; i++)
		if (pick_name(picks[i]))
			size += 3 * strlen(exercise->candidates[i].id) + 16;
	char *text = malloc(size), *end = text;
	if (!text)
		return NULL;
	for (size_t i = 0; i < exercise->candidate_count; i++) {
		const char *name = pick_name(picks[i]);
		if (!name)
			continue;
		if (end != text)
			*end++ = ';';
		for (const char *c = exercise->candidates[i].id; *c; c++)
			if (needs_escape((unsigned char)*c))
				end += sprintf(end, "%%%02X", (unsigned char)*c);
			else
				*end++ = *c;
		end += sprintf(end, "=%s", name);
	}
	*end = '\0';
	return text;
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Decodes %XX in place; false on a malformed escape. */
static bool percent_decode(char *text)
{
	char *out = text;
	for (const char *in = text; *in; in++) {
		if (*in != '%') {
			*out++ = *in;
			continue;
		}
		int high = hex_value(in[1]), low = high < 0 ? -1 : hex_value(in[2]);
		if (low < 0)
			return false;
		*out++ = (char)(high * 16 + low);
		in += 2;
	}
	*out = '\0';
	return true;
}

/* Fills picks (candidate order) from stored answers; returns how many items name
 * no current candidate or cannot be read, or -1 when out of memory. */
static long answers_decode(const char *answers, const struct exercise *exercise,
			   struct pick *picks)
{
	char *copy = strdup(answers);
	if (!copy)
		return -1;
	long dropped = 0;
	char *saved = NULL;
	for (char *item = strtok_r(copy, ";", &saved); item; item = strtok_r(NULL, ";", &saved)) {
		char *equals = strchr(item, '=');
		struct pick pick;
		int index = -1;
		if (equals) {
			*equals = '\0';
			if (percent_decode(item) && pick_parse(equals + 1, &pick))
				index = exercise_find_candidate(exercise, item);
		}
		if (index < 0)
			dropped++;
		else
			picks[index] = pick;
	}
	free(copy);
	return dropped;
}

static bool hash_is_stale(const unsigned char *stored, const char *current)
{
	/* '' comes from schema 1, which kept no hash: unknown is not changed. */
	return stored && stored[0] && current && strcmp((const char *)stored, current) != 0;
}

/* A stored integer in low..high. A hand-edited store may hold anything (text,
 * reals, values that overflow the arithmetic done on them): those are clamped
 * into range and *invalid is set, so no caller computes or prints garbage. */
static long long stored_int(sqlite3_stmt *stmt, int column, long long low, long long high,
			    bool *invalid)
{
	int type = sqlite3_column_type(stmt, column);
	if (type == SQLITE_NULL) /* no rows to aggregate, or a column schema 1 lacked */
		return low;
	long long value = sqlite3_column_int64(stmt, column);
	if (type != SQLITE_INTEGER)
		*invalid = true;
	if (value < low || value > high)
		*invalid = true;
	return value < low ? low : value > high ? high : value;
}

static bool valid_exercise(struct progress_store *store, const struct exercise *exercise,
			   const struct pick *picks)
{
	if (exercise && exercise->id && (picks || exercise->candidate_count == 0))
		return true;
	set_error(store, "no exercise or picks given");
	return false;
}

/* ---- Drafts ---- */

struct draft_save {
	const struct exercise *exercise;
	const char *answers;
	int hints;
	time_t now;
};

static int draft_save_body(struct progress_store *store, void *context)
{
	struct draft_save *save = context;
	sqlite3_stmt *stmt = statement(store, ST_DRAFT_SAVE);
	if (!stmt)
		return SQLITE_ERROR;
	bind_text(stmt, 1, save->exercise->id);
	bind_text(stmt, 2, save->exercise->content_hash);
	bind_text(stmt, 3, save->answers);
	sqlite3_bind_int(stmt, 4, save->hints);
	sqlite3_bind_int64(stmt, 5, (sqlite3_int64)save->now);
	return step_done(stmt);
}

enum progress_status progress_save_draft(struct progress_store *store,
					 const struct exercise *exercise,
					 const struct pick *picks, int hints_revealed)
{
	if (!store)
		return PROGRESS_DISABLED;
	if (!valid_exercise(store, exercise, picks))
		return PROGRESS_ERROR;
	struct draft_save save = { exercise, answers_encode(exercise, picks),
				   hints_revealed < 0 ? 0 : hints_revealed, time(NULL) };
	if (!save.answers) {
		set_error(store, "out of memory");
		return PROGRESS_ERROR;
	}
	enum progress_status status = run(store, true, draft_save_body, &save);
	free((char *)save.answers);
	return status;
}

struct draft_load {
	const struct exercise *exercise;
	struct pick *picks;
	struct progress_draft *draft;
	bool found;
};

static void clear_picks(const struct exercise *exercise, struct pick *picks)
{
	for (size_t i = 0; i < exercise->candidate_count; i++)
		picks[i] = (struct pick){ VERDICT_UNANSWERED, SEVERITY_NONE };
}

static int draft_load_body(struct progress_store *store, void *context)
{
	struct draft_load *load = context;
	clear_picks(load->exercise, load->picks);
	*load->draft = (struct progress_draft){ 0 };
	sqlite3_stmt *stmt = statement(store, ST_DRAFT_LOAD);
	if (!stmt)
		return SQLITE_ERROR;
	bind_text(stmt, 1, load->exercise->id);
	int rc = step_row(stmt);
	load->found = rc == SQLITE_ROW;
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? SQLITE_OK : rc;
	const unsigned char *answers = sqlite3_column_text(stmt, 1);
	long dropped = answers_decode(answers ? (const char *)answers : "", load->exercise,
				      load->picks);
	struct progress_draft *draft = load->draft;
	draft->changed = hash_is_stale(sqlite3_column_text(stmt, 0), load->exercise->content_hash);
	/* More hints than the file has now is no damage: the file may have lost some. */
	long long hints = stored_int(stmt, 2, 0, INT_MAX, &draft->invalid);
	size_t limit = load->exercise->hint_count;
	draft->hints_revealed = (unsigned long long)hints > limit ? (int)limit : (int)hints;
	draft->started_at = (time_t)stored_int(stmt, 3, 0, PROGRESS_LATEST_TIME, &draft->invalid);
	draft->updated_at = (time_t)stored_int(stmt, 4, 0, PROGRESS_LATEST_TIME, &draft->invalid);
	draft->dropped = dropped < 0 ? 0 : (size_t)dropped;
	sqlite3_reset(stmt);
	return dropped < 0 ? SQLITE_NOMEM : SQLITE_OK;
}

/* Runs a read that fills picks and *out (out_size bytes) through body: both
 * start cleared and are cleared again on failure, so a caller never sees half
 * a load. *found (set by body) tells PROGRESS_OK from PROGRESS_NOT_FOUND. */
static enum progress_status load_picks(struct progress_store *store, const struct exercise *exercise,
				       struct pick *picks, int (*body)(struct progress_store *, void *),
				       void *load, const bool *found, void *out, size_t out_size)
{
	memset(out, 0, out_size);
	if (exercise && picks)
		clear_picks(exercise, picks);
	if (!store)
		return PROGRESS_DISABLED;
	if (!valid_exercise(store, exercise, picks))
		return PROGRESS_ERROR;
	enum progress_status status = run(store, false, body, load);
	if (status != PROGRESS_OK) {
		clear_picks(exercise, picks);
		memset(out, 0, out_size);
		return status;
	}
	return *found ? PROGRESS_OK : PROGRESS_NOT_FOUND;
}

enum progress_status progress_load_draft(struct progress_store *store,
					 const struct exercise *exercise,
					 struct pick *picks, struct progress_draft *out)
{
	struct draft_load load = { exercise, picks, out, false };
	return load_picks(store, exercise, picks, draft_load_body, &load, &load.found, out,
			  sizeof(*out));
}

static int draft_delete_body(struct progress_store *store, void *context)
{
	return run_keyed(store, ST_DRAFT_DELETE, context);
}

enum progress_status progress_delete_draft(struct progress_store *store, const char *exercise_id)
{
	if (!store)
		return PROGRESS_DISABLED;
	if (!exercise_id) {
		set_error(store, "no exercise id given");
		return PROGRESS_ERROR;
	}
	return run(store, true, draft_delete_body, (void *)exercise_id);
}

/* ---- Attempts ---- */

/* ---- Find-phase flags ---- */

/* "12;14-16:bug": the flags as answers files write them; NULL when out of memory. */
static char *flags_encode(const struct flag *flags, size_t count)
{
	char *text = malloc(count * 32 + 1), *end = text;
	if (!text)
		return NULL;
	*end = '\0';
	for (size_t f = 0; f < count; f++) {
		if (f)
			*end++ = ';';
		find_format_flag(&flags[f], end, 31);
		end += strlen(end);
	}
	return text;
}

/* Fills flags (room for FIND_MAX_FLAGS) from stored text, dropping what no longer
 * fits the code (the file may have changed since). */
static size_t flags_decode(const char *text, const struct exercise *exercise, struct flag *flags)
{
	size_t count = 0;
	char item[64], message[128];
	while (text && *text && count < FIND_MAX_FLAGS) {
		size_t length = strcspn(text, ";");
		if (length < sizeof(item)) {
			memcpy(item, text, length);
			item[length] = '\0';
			if (find_parse_flag(item, exercise->code_line_count, &flags[count], message,
					    sizeof(message)))
				count++;
		}
		text += length + (text[length] == ';');
	}
	return count;
}

static int flags_delete_body(struct progress_store *store, const char *exercise_id)
{
	return run_keyed(store, ST_FLAGS_DELETE, exercise_id);
}

struct flags_save {
	const char *exercise_id;
	char *flags;
	bool done;
};

static int flags_save_body(struct progress_store *store, void *context)
{
	struct flags_save *save = context;
	sqlite3_stmt *stmt = statement(store, ST_FLAGS_SAVE);
	if (!stmt)
		return SQLITE_ERROR;
	bind_text(stmt, 1, save->exercise_id);
	bind_text(stmt, 2, save->flags);
	sqlite3_bind_int(stmt, 3, save->done);
	return step_done(stmt);
}

enum progress_status progress_save_flags(struct progress_store *store,
					 const struct exercise *exercise,
					 const struct flag *flags, size_t flag_count, bool done)
{
	if (!store)
		return PROGRESS_DISABLED;
	if (!exercise || !exercise->id || (flag_count && !flags) || flag_count > FIND_MAX_FLAGS) {
		set_error(store, "no exercise or flags given");
		return PROGRESS_ERROR;
	}
	struct flags_save save = { exercise->id, flags_encode(flags, flag_count), done };
	if (!save.flags) {
		set_error(store, "out of memory");
		return PROGRESS_ERROR;
	}
	enum progress_status status = run(store, true, flags_save_body, &save);
	free(save.flags);
	return status;
}

struct flags_load {
	const struct exercise *exercise;
	struct flag *flags;
	size_t count;
	bool done;
	bool found;
};

static void read_flags(sqlite3_stmt *stmt, void *context)
{
	struct flags_load *load = context;
	load->count = flags_decode((const char *)sqlite3_column_text(stmt, 0), load->exercise,
				   load->flags);
	load->done = sqlite3_column_int(stmt, 1) != 0;
}

static int flags_load_body(struct progress_store *store, void *context)
{
	struct flags_load *load = context;
	return lookup_row(store, ST_FLAGS_LOAD, load->exercise->id, read_flags, load, &load->found);
}

enum progress_status progress_load_flags(struct progress_store *store,
					 const struct exercise *exercise, struct flag *flags,
					 size_t *flag_count, bool *done)
{
	*flag_count = 0;
	*done = false;
	if (!store)
		return PROGRESS_DISABLED;
	if (!exercise || !exercise->id || !flags) {
		set_error(store, "no exercise or flags given");
		return PROGRESS_ERROR;
	}
	struct flags_load load = { exercise, flags, 0, false, false };
	enum progress_status status = run(store, false, flags_load_body, &load);
	if (status != PROGRESS_OK)
		return status;
	*flag_count = load.count;
	*done = load.done;
	return load.found ? PROGRESS_OK : PROGRESS_NOT_FOUND;
}

/* ---- Settings ---- */

struct setting {
	const char *key;
	const char *value;  /* to set */
	char read[64];      /* read back */
	bool found;
};

static void read_setting(sqlite3_stmt *stmt, void *context)
{
	struct setting *setting = context;
	const unsigned char *value = sqlite3_column_text(stmt, 0);
	snprintf(setting->read, sizeof(setting->read), "%s", value ? (const char *)value : "");
}

static int setting_get_body(struct progress_store *store, void *context)
{
	struct setting *setting = context;
	return lookup_row(store, ST_SETTING_GET, setting->key, read_setting, setting, &setting->found);
}

static int setting_set_body(struct progress_store *store, void *context)
{
	struct setting *setting = context;
	sqlite3_stmt *stmt = statement(store, ST_SETTING_SET);
	if (!stmt)
		return SQLITE_ERROR;
	bind_text(stmt, 1, setting->key);
	bind_text(stmt, 2, setting->value);
	return step_done(stmt);
}

enum progress_status progress_find_phase(struct progress_store *store, bool *enabled)
{
	*enabled = true;
	if (!store)
		return PROGRESS_DISABLED;
	struct setting setting = { .key = "find_phase" };
	enum progress_status status = run(store, false, setting_get_body, &setting);
	if (status == PROGRESS_OK && setting.found)
		*enabled = strcmp(setting.read, "off") != 0;
	return status;
}

enum progress_status progress_set_find_phase(struct progress_store *store, bool enabled)
{
	if (!store)
		return PROGRESS_DISABLED;
	struct setting setting = { .key = "find_phase", .value = enabled ? "on" : "off" };
	return run(store, true, setting_set_body, &setting);
}

struct attempt_record {
	const struct exercise *exercise;
	const char *answers;
	const struct score_result *result;
	time_t started_at;
	time_t submitted_at;
	const struct progress_find *find; /* NULL: no find phase */
	char *flags;
};

static int attempt_find_body(struct progress_store *store, const struct attempt_record *record)
{
	const struct find_result *result = &record->find->result;
	sqlite3_stmt *stmt = statement(store, ST_ATTEMPT_FIND_INSERT);
	if (!stmt)
		return SQLITE_ERROR;
	sqlite3_bind_int64(stmt, 1, sqlite3_last_insert_rowid(store->db));
	bind_text(stmt, 2, record->flags);
	sqlite3_bind_int64(stmt, 3, (sqlite3_int64)result->found_count);
	sqlite3_bind_int64(stmt, 4, (sqlite3_int64)result->real_count);
	sqlite3_bind_int64(stmt, 5, result->found_points);
	sqlite3_bind_int64(stmt, 6, result->real_points);
	sqlite3_bind_int64(stmt, 7, (sqlite3_int64)result->false_alarms);
	sqlite3_bind_int64(stmt, 8, (sqlite3_int64)result->fell_for);
	int rc = step_done(stmt);
	return rc == SQLITE_OK ? flags_delete_body(store, record->exercise->id) : rc;
}

static int attempt_body(struct progress_store *store, void *context)
{
	struct attempt_record *record = context;
	sqlite3_stmt *stmt = statement(store, ST_ATTEMPT_INSERT);
	if (!stmt)
		return SQLITE_ERROR;
	bind_text(stmt, 1, record->exercise->id);
	bind_text(stmt, 2, record->exercise->content_hash);
	sqlite3_bind_int64(stmt, 3, (sqlite3_int64)record->started_at);
	sqlite3_bind_int64(stmt, 4, (sqlite3_int64)record->submitted_at);
	bind_text(stmt, 5, record->answers);
	sqlite3_bind_int(stmt, 6, record->result->hints_used);
	sqlite3_bind_int64(stmt, 7, record->result->score_tenths);
	sqlite3_bind_int64(stmt, 8, record->result->max);
	sqlite3_bind_int(stmt, 9, record->result->passed);
	sqlite3_bind_int(stmt, 10, SCORE_RULE_VERSION);
	int rc = step_done(stmt);
	if (rc == SQLITE_OK && record->find)
		rc = attempt_find_body(store, record);
	return rc == SQLITE_OK ? draft_delete_body(store, record->exercise->id) : rc;
}

enum progress_status progress_record_attempt(struct progress_store *store,
					     const struct exercise *exercise,
					     const struct pick *picks,
					     const struct score_result *result,
					     time_t started_at, time_t submitted_at)
{
	return progress_record_attempt_found(store, exercise, picks, result, NULL, started_at,
					     submitted_at);
}

enum progress_status progress_record_attempt_found(struct progress_store *store,
						   const struct exercise *exercise,
						   const struct pick *picks,
						   const struct score_result *result,
						   const struct progress_find *find,
						   time_t started_at, time_t submitted_at)
{
	if (!store)
		return PROGRESS_DISABLED;
	if (!valid_exercise(store, exercise, picks) || !result) {
		set_error(store, "no exercise, picks or result given");
		return PROGRESS_ERROR;
	}
	struct attempt_record record = { exercise, answers_encode(exercise, picks), result,
					 started_at, submitted_at, find,
					 find ? flags_encode(find->flags, find->flag_count) : NULL };
	if (!record.answers || (find && !record.flags)) {
		free((char *)record.answers);
		free(record.flags);
		set_error(store, "out of memory");
		return PROGRESS_ERROR;
	}
	enum progress_status status = run(store, true, attempt_body, &record);
	free((char *)record.answers);
	free(record.flags);
	return status;
}

/* ---- Summaries ---- */

struct summary_query {
	const char *exercise_id;
	const char *current_hash;
	struct progress_summary *out;
};

/* Steps stmt (bound to the exercise id) and hands its first row to read. */
static int first_row(struct progress_store *store, enum stmt_id id, const char *exercise_id,
		     void (*read)(sqlite3_stmt *stmt, struct summary_query *query),
		     struct summary_query *query)
{
	sqlite3_stmt *stmt = statement(store, id);
	if (!stmt)
		return SQLITE_ERROR;
	bind_text(stmt, 1, exercise_id);
	int rc = step_row(stmt);
	if (rc == SQLITE_DONE)
		return SQLITE_OK;
	if (rc != SQLITE_ROW)
		return rc;
	read(stmt, query);
	sqlite3_reset(stmt);
	return SQLITE_OK;
}

static void read_totals(sqlite3_stmt *stmt, struct summary_query *query)
{
	struct progress_summary *out = query->out;
	out->attempts = (int)stored_int(stmt, 0, 0, INT_MAX, &out->invalid);
	out->last_attempt = (time_t)stored_int(stmt, 1, 0, PROGRESS_LATEST_TIME, &out->invalid);
	out->passed = stored_int(stmt, 2, 0, 1, &out->invalid) != 0;
	out->first_passed = out->attempts > 0 && stored_int(stmt, 3, 0, 1, &out->invalid) != 0;
}

static void read_best(sqlite3_stmt *stmt, struct summary_query *query)
{
	struct progress_summary *out = query->out;
	long long max = stored_int(stmt, 1, 0, PROGRESS_MAX_POINTS, &out->invalid);
	long long tenths = stored_int(stmt, 0, 0, max * 10, &out->invalid);
	out->best_score_tenths = (long)tenths;
	out->best_max = (long)max;
	out->best_rule_version = (int)stored_int(stmt, 2, 0, INT_MAX, &out->invalid);
	/* As score_percent: an exercise worth nothing is 100%. */
	if (max > 0) {
		out->best_percent = (double)tenths / (double)max * 10.0;
		out->best_percent_tenths = (long)(tenths * 100 / max);
	} else {
		out->best_percent = 100.0;
		out->best_percent_tenths = 1000;
	}
}

static void read_stale(sqlite3_stmt *stmt, struct summary_query *query)
{
	if (hash_is_stale(sqlite3_column_text(stmt, 0), query->current_hash))
		query->out->state = PROGRESS_STATE_CHANGED;
}

static void read_find(sqlite3_stmt *stmt, struct summary_query *query)
{
	sqlite3_int64 found = sqlite3_column_int64(stmt, 0), findable = sqlite3_column_int64(stmt, 1);
	/* A hand-edited row must not make a rate above 100% or below 0. */
	if (findable < 0 || findable > INT_MAX || found < 0 || found > findable) {
		query->out->invalid = true;
		return;
	}
	query->out->find_found = (int)found;
	query->out->find_findable = (int)findable;
	sqlite3_int64 flags = sqlite3_column_int64(stmt, 3), alarms = sqlite3_column_int64(stmt, 2);
	if (flags < 0 || flags > INT_MAX || alarms < 0 || alarms > flags) {
		query->out->invalid = true;
		return;
	}
	query->out->find_flags = (int)flags;
	query->out->find_false_alarms = (int)alarms;
}

static void read_draft_hash(sqlite3_stmt *stmt, struct summary_query *query)
{
	query->out->has_draft = true;
	read_stale(stmt, query);
}

static int summary_body(struct progress_store *store, void *context)
{
	struct summary_query *query = context;
	struct progress_summary *out = query->out;
	*out = (struct progress_summary){ .state = PROGRESS_STATE_NEW, .best_percent = -1,
					    .best_percent_tenths = -1 };
	int rc = first_row(store, ST_ATTEMPT_TOTALS, query->exercise_id, read_totals, query);
	if (rc == SQLITE_OK && out->attempts > 0)
		rc = first_row(store, ST_ATTEMPT_BEST, query->exercise_id, read_best, query);
	if (rc == SQLITE_OK && out->attempts > 0)
		rc = first_row(store, ST_ATTEMPT_LAST_HASH, query->exercise_id, read_stale, query);
	if (rc == SQLITE_OK && out->attempts > 0)
		rc = first_row(store, ST_ATTEMPT_FIND_LAST, query->exercise_id, read_find, query);
	if (rc == SQLITE_OK)
		rc = first_row(store, ST_DRAFT_HASH, query->exercise_id, read_draft_hash, query);
	if (rc != SQLITE_OK || out->state == PROGRESS_STATE_CHANGED)
		return rc;
	if (out->attempts > 0)
		out->state = out->passed ? PROGRESS_STATE_PASSED : PROGRESS_STATE_FAILED;
	else if (out->has_draft)
		out->state = PROGRESS_STATE_IN_PROGRESS;
	return SQLITE_OK;
}

enum progress_status progress_summary(struct progress_store *store, const char *exercise_id,
				      const char *current_hash, struct progress_summary *out)
{
	*out = (struct progress_summary){ .state = PROGRESS_STATE_NEW, .best_percent = -1,
					    .best_percent_tenths = -1 };
	if (!store)
		return PROGRESS_DISABLED;
	if (!exercise_id) {
		set_error(store, "no exercise id given");
		return PROGRESS_ERROR;
	}
	struct summary_query query = { exercise_id, current_hash, out };
	enum progress_status status = run(store, false, summary_body, &query);
	if (status != PROGRESS_OK)
		*out = (struct progress_summary){ .state = PROGRESS_STATE_NEW, .best_percent = -1,
					    .best_percent_tenths = -1 };
	return status;
}

struct catalog_query {
	const struct catalog *catalog;
	struct progress_summary *out;
};

/* The ids that have an attempt or a draft, sorted (strcmp): a learner has
 * worked on a few of a catalog's exercises, and the rest are new without a
 * query each. */
struct known_ids {
	char **ids;
	size_t count, capacity;
};

static void known_ids_free(struct known_ids *known)
{
	for (size_t i = 0; i < known->count; i++)
		free(known->ids[i]);
	free(known->ids);
}

static int read_known_ids(struct progress_store *store, struct known_ids *known)
{
	sqlite3_stmt *stmt = statement(store, ST_KNOWN_EXERCISES);
	if (!stmt)
		return SQLITE_ERROR;
	int rc;
	while ((rc = step_row(stmt)) == SQLITE_ROW) {
		const unsigned char *id = sqlite3_column_text(stmt, 0);
		if (known->count == known->capacity) {
			size_t capacity = known->capacity ? known->capacity * 2 : 64;
			char **bigger = realloc(known->ids, capacity * sizeof(*bigger));
			if (!bigger)
				return SQLITE_NOMEM;
			known->ids = bigger;
			known->capacity = capacity;
		}
		if (!(known->ids[known->count] = strdup(id ? (const char *)id : "")))
			return SQLITE_NOMEM;
		known->count++;
	}
	sqlite3_reset(stmt);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int compare_id(const void *key, const void *element)
{
	return strcmp(key, *(char *const *)element);
}

static int catalog_body(struct progress_store *store, void *context)
{
	struct catalog_query *query = context;
	struct known_ids known = { NULL, 0, 0 };
	int rc = read_known_ids(store, &known);
	/* SQLite's ORDER BY on text is memcmp order, which is strcmp's for UTF-8. */
	for (size_t i = 0; rc == SQLITE_OK && i < query->catalog->count; i++) {
		const struct catalog_entry *entry = &query->catalog->entries[i];
		if (!known.count || !bsearch(entry->id, known.ids, known.count, sizeof(*known.ids), compare_id))
			continue; /* new: left as progress_summarize_catalog set it */
		struct summary_query one = { entry->id, entry->content_hash, &query->out[i] };
		rc = summary_body(store, &one);
	}
	known_ids_free(&known);
	return rc;
}

/* One read transaction for the whole catalog, instead of one per exercise. */
enum progress_status progress_summarize_catalog(struct progress_store *store,
						const struct catalog *catalog,
						struct progress_summary *out)
{
	for (size_t i = 0; i < catalog->count; i++)
		out[i] = (struct progress_summary){ .state = PROGRESS_STATE_NEW, .best_percent = -1,
						    .best_percent_tenths = -1 };
	if (!store)
		return PROGRESS_DISABLED;
	struct catalog_query query = { catalog, out };
	enum progress_status status = run(store, false, catalog_body, &query);
	for (size_t i = 0; status != PROGRESS_OK && i < catalog->count; i++)
		out[i] = (struct progress_summary){ .state = PROGRESS_STATE_NEW, .best_percent = -1,
						    .best_percent_tenths = -1 };
	return status;
}

const char *progress_state_name(enum progress_state state)
{
	static const char *const names[] = { "new", "in-progress", "passed", "failed", "changed" };
	return (unsigned)state < 5 ? names[state] : "?";
}

const char *progress_state_label(enum progress_state state)
{
	return state == PROGRESS_STATE_IN_PROGRESS ? "in progress" : progress_state_name(state);
}

/* ---- Reset ---- */

struct reset_request {
	const char *exercise_id;
	size_t removed;
};

static int reset_body(struct progress_store *store, void *context)
{
	struct reset_request *request = context;
	request->removed = 0;
	/* In this order: what hangs off the answers first (find results, flags),
	 * then the answers, which alone are counted, then the order, which is no
	 * answer but is drawn anew after a reset. */
	static const struct {
		enum stmt_id id;
		bool counted;
	} deletes[] = {
		{ ST_RESET_ATTEMPT_FINDS, false }, { ST_RESET_FLAGS, false }, { ST_RESET_DRAFTS, true },
		{ ST_RESET_ATTEMPTS, true },	   { ST_RESET_ORDERS, false },
	};
	for (size_t i = 0; i < sizeof(deletes) / sizeof(*deletes); i++) {
		int rc = run_keyed(store, deletes[i].id, request->exercise_id);
		if (rc != SQLITE_OK)
			return rc;
		if (deletes[i].counted)
			request->removed += (size_t)sqlite3_changes(store->db);
	}
	return SQLITE_OK;
}

enum progress_status progress_reset(struct progress_store *store, const char *exercise_id,
				    size_t *removed)
{
	if (removed)
		*removed = 0;
	if (!store)
		return PROGRESS_DISABLED;
	struct reset_request request = { exercise_id, 0 };
	enum progress_status status = run(store, true, reset_body, &request);
	if (status == PROGRESS_OK && removed)
		*removed = request.removed;
	return status;
}

/* ---- Candidate order ---- */

struct order_query {
	const char *exercise_id;
	uint64_t seed;
	bool found;
};

static void read_seed(sqlite3_stmt *stmt, void *context)
{
	struct order_query *query = context;
	query->seed = (uint64_t)sqlite3_column_int64(stmt, 0);
}

static int order_get_body(struct progress_store *store, void *context)
{
	struct order_query *query = context;
	return lookup_row(store, ST_ORDER_GET, query->exercise_id, read_seed, query, &query->found);
}

/* Inserts unless another session drew first, then reads whichever seed won. */
static int order_draw_body(struct progress_store *store, void *context)
{
	struct order_query *query = context;
	sqlite3_stmt *stmt = statement(store, ST_ORDER_INSERT);
	if (!stmt)
		return SQLITE_ERROR;
	bind_text(stmt, 1, query->exercise_id);
	sqlite3_bind_int64(stmt, 2, (sqlite3_int64)query->seed);
	int rc = step_done(stmt);
	return rc == SQLITE_OK ? order_get_body(store, query) : rc;
}

enum progress_status progress_order_seed(struct progress_store *store, const char *exercise_id,
					 uint64_t *seed)
{
	if (!store)
		return PROGRESS_DISABLED;
	if (!exercise_id || !seed) {
		set_error(store, "no exercise id given");
		return PROGRESS_ERROR;
	}
	struct order_query query = { exercise_id, 0, false };
	enum progress_status status = run(store, false, order_get_body, &query);
	if (status != PROGRESS_OK || query.found) {
		*seed = query.seed;
		return status;
	}
	if (!order_random_seed(&query.seed)) {
		set_error(store, "no random source for the candidate order");
		return PROGRESS_ERROR;
	}
	status = run(store, true, order_draw_body, &query);
	*seed = query.seed;
	return status == PROGRESS_OK && !query.found ? PROGRESS_ERROR : status;
}

/* ---- The latest attempt, to show its results again ---- */

struct last_attempt_load {
	const struct exercise *exercise;
	struct pick *picks;
	struct flag *flags;
	struct progress_last_attempt *out;
	bool found;
};

static int last_attempt_body(struct progress_store *store, void *context)
{
	struct last_attempt_load *load = context;
	sqlite3_stmt *stmt;
	int rc = sqlite3_prepare_v2(store->db,
				    "SELECT a.content_hash, a.answers, a.hints_revealed, a.submitted_at, f.flags"
				    " FROM attempt a LEFT JOIN attempt_find f ON f.attempt_id = a.id"
				    " WHERE a.exercise_id = ?1 ORDER BY a.submitted_at DESC, a.id DESC LIMIT 1",
				    -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return rc;
	clear_picks(load->exercise, load->picks);
	*load->out = (struct progress_last_attempt){ 0 };
	bind_text(stmt, 1, load->exercise->id);
	rc = sqlite3_step(stmt);
	load->found = rc == SQLITE_ROW;
	if (rc == SQLITE_ROW) {
		const unsigned char *answers = sqlite3_column_text(stmt, 1);
		long dropped = answers_decode(answers ? (const char *)answers : "", load->exercise,
					      load->picks);
		int hints = sqlite3_column_int(stmt, 2);
		int limit = load->exercise->hint_count > INT_MAX ? INT_MAX : (int)load->exercise->hint_count;
		load->out->hints_revealed = hints < 0 ? 0 : hints > limit ? limit : hints;
		load->out->submitted_at = (time_t)sqlite3_column_int64(stmt, 3);
		load->out->changed = hash_is_stale(sqlite3_column_text(stmt, 0), load->exercise->content_hash);
		load->out->dropped = dropped < 0 ? 0 : (size_t)dropped;
		load->out->has_find = sqlite3_column_type(stmt, 4) != SQLITE_NULL;
		if (load->flags && load->out->has_find)
			load->out->flag_count = flags_decode((const char *)sqlite3_column_text(stmt, 4),
							     load->exercise, load->flags);
		rc = dropped < 0 ? SQLITE_NOMEM : SQLITE_OK;
	} else if (rc == SQLITE_DONE) {
		rc = SQLITE_OK;
	}
	sqlite3_finalize(stmt);
	return rc;
}

enum progress_status progress_load_last_attempt(struct progress_store *store,
						const struct exercise *exercise, struct pick *picks,
						struct flag *flags,
						struct progress_last_attempt *out)
{
	struct last_attempt_load load = { exercise, picks, flags, out, false };
	return load_picks(store, exercise, picks, last_attempt_body, &load, &load.found, out,
			  sizeof(*out));
}

/* ---- Export and import ----
 * Kept apart from the statement cache above: these run once per command, so
 * their statements are prepared on the spot. */

#define ATTEMPT_LIST_SQL                                                                     \
	"SELECT a.exercise_id, a.content_hash, a.rule_version, a.started_at, a.submitted_at,"  \
	" a.hints_revealed, a.score_tenths, a.max_points, a.passed, a.answers, f.flags,"       \
	" f.found, f.findable, f.found_points, f.findable_points, f.false_alarms, f.fell_for"  \
	" FROM attempt a LEFT JOIN attempt_find f ON f.attempt_id = a.id"                       \
	" ORDER BY a.submitted_at, a.id"

struct attempt_list {
	struct progress_attempt *items;
	size_t count;
	size_t capacity;
};

static char *column_strdup(sqlite3_stmt *stmt, int column)
{
	const unsigned char *text = sqlite3_column_text(stmt, column);
	return strdup(text ? (const char *)text : "");
}

/* Splits "a;b;c" into new strings; false when out of memory. */
static bool split_items(const char *text, char ***out, size_t *count)
{
	*out = NULL;
	*count = 0;
	if (!text || !*text)
		return true;
	size_t room = 1;
	for (const char *c = text; *c; c++)
		room += *c == ';';
	char **items = calloc(room, sizeof(*items));
	if (!items)
		return false;
	*out = items;
	for (const char *start = text;; ) {
		size_t length = strcspn(start, ";");
		if (length > 0 && !(items[(*count)++] = strndup(start, length)))
			return false;
		if (!start[length])
			return true;
		start += length + 1;
	}
}

static void free_items(char **items, size_t count)
{
	for (size_t i = 0; i < count; i++)
		free(items[i]);
	free(items);
}

/* Fills answers from stored text; items that cannot be read are dropped (they
 * cannot come from this program). */
static bool answers_from_text(const char *text, struct progress_attempt *attempt)
{
	char **items;
	size_t count;
	if (!split_items(text, &items, &count))
		return false;
	attempt->answers = calloc(count + 1, sizeof(*attempt->answers));
	bool ok = attempt->answers != NULL;
	for (size_t i = 0; ok && i < count; i++) {
		char *equals = strchr(items[i], '=');
		struct pick pick;
		if (!equals)
			continue;
		*equals = '\0';
		if (!percent_decode(items[i]) || !pick_parse(equals + 1, &pick))
			continue;
		struct progress_answer *answer = &attempt->answers[attempt->answer_count];
		answer->pick = pick;
		ok = (answer->candidate_id = strdup(items[i])) != NULL;
		attempt->answer_count += ok;
	}
	free_items(items, count);
	return ok;
}

static bool attempt_from_row(sqlite3_stmt *stmt, struct progress_attempt *attempt)
{
	memset(attempt, 0, sizeof(*attempt));
	attempt->exercise_id = column_strdup(stmt, 0);
	attempt->content_hash = column_strdup(stmt, 1);
	attempt->rule_version = sqlite3_column_int(stmt, 2);
	attempt->has_started = sqlite3_column_type(stmt, 3) != SQLITE_NULL;
	attempt->started_at = sqlite3_column_int64(stmt, 3);
	attempt->submitted_at = sqlite3_column_int64(stmt, 4);
	attempt->hints = sqlite3_column_int(stmt, 5);
	attempt->score_tenths = sqlite3_column_int64(stmt, 6);
	attempt->max = sqlite3_column_int64(stmt, 7);
	attempt->passed = sqlite3_column_int(stmt, 8) != 0;
	attempt->has_find = sqlite3_column_type(stmt, 10) != SQLITE_NULL;
	if (attempt->has_find) {
		attempt->find.found_count = (size_t)sqlite3_column_int64(stmt, 11);
		attempt->find.real_count = (size_t)sqlite3_column_int64(stmt, 12);
		attempt->find.found_points = sqlite3_column_int64(stmt, 13);
		attempt->find.real_points = sqlite3_column_int64(stmt, 14);
		attempt->find.false_alarms = (size_t)sqlite3_column_int64(stmt, 15);
		attempt->find.fell_for = (size_t)sqlite3_column_int64(stmt, 16);
		if (!split_items((const char *)sqlite3_column_text(stmt, 10), &attempt->flags,
				 &attempt->flag_count))
			return false;
	}
	return attempt->exercise_id && attempt->content_hash &&
	       answers_from_text((const char *)sqlite3_column_text(stmt, 9), attempt);
}

static int list_body(struct progress_store *store, void *context)
{
	struct attempt_list *list = context;
	progress_attempts_free(list->items, list->count);
	*list = (struct attempt_list){ NULL, 0, 0 };
	sqlite3_stmt *stmt;
	int rc = sqlite3_prepare_v2(store->db, ATTEMPT_LIST_SQL, -1, &stmt, NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (list->count == list->capacity) {
			size_t capacity = list->capacity ? 2 * list->capacity : 16;
			struct progress_attempt *bigger = realloc(list->items, capacity * sizeof(*bigger));
			if (!bigger) {
				rc = SQLITE_NOMEM;
				break;
			}
			list->items = bigger;
			list->capacity = capacity;
		}
		bool ok = attempt_from_row(stmt, &list->items[list->count]);
		list->count++;
		rc = ok ? SQLITE_OK : SQLITE_NOMEM;
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

enum progress_status progress_list_attempts(struct progress_store *store,
					    struct progress_attempt **out, size_t *count)
{
	*out = NULL;
	*count = 0;
	if (!store)
		return PROGRESS_DISABLED;
	struct attempt_list list = { NULL, 0, 0 };
	enum progress_status status = run(store, false, list_body, &list);
	if (status != PROGRESS_OK) {
		progress_attempts_free(list.items, list.count);
		return status;
	}
	*out = list.items;
	*count = list.count;
	return PROGRESS_OK;
}

void progress_attempts_free(struct progress_attempt *attempts, size_t count)
{
	for (size_t i = 0; attempts && i < count; i++) {
		struct progress_attempt *attempt = &attempts[i];
		free(attempt->exercise_id);
		free(attempt->content_hash);
		for (size_t a = 0; a < attempt->answer_count; a++)
			free(attempt->answers[a].candidate_id);
		free(attempt->answers);
		free_items(attempt->flags, attempt->flag_count);
	}
	free(attempts);
}

/* The stored text of an attempt's answers ("id=verdict;...", %XX escapes). */
static char *answers_stored_text(const struct progress_answer *answers, size_t count)
{
	size_t size = 1;
	for (size_t i = 0; i < count; i++)
		size += 3 * strlen(answers[i].candidate_id) + 16;
	char *text = malloc(size), *end = text;
	if (!text)
		return NULL;
	for (size_t i = 0; i < count; i++) {
		const char *name = pick_name(answers[i].pick);
		if (!name)
			continue;
		if (end != text)
			*end++ = ';';
		for (const char *c = answers[i].candidate_id; *c; c++)
			if (needs_escape((unsigned char)*c))
				end += sprintf(end, "%%%02X", (unsigned char)*c);
			else
				*end++ = *c;
		end += sprintf(end, "=%s", name);
	}
	*end = '\0';
	return text;
}

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorts the ';'-separated items of stored text; a new string. */
static char *items_sorted(const char *text)
{
	char **items;
	size_t count;
	char *joined = malloc(strlen(text ? text : "") + 1);
	if (!joined || !split_items(text, &items, &count)) {
		free(joined);
		return NULL;
	}
	if (count > 1)
		qsort(items, count, sizeof(*items), compare_strings);
	joined[0] = '\0';
	for (size_t i = 0; i < count; i++)
		strcat(strcat(joined, i ? ";" : ""), items[i]);
	free_items(items, count);
	return joined;
}

static char *flags_joined(const struct progress_attempt *attempt)
{
	size_t size = 1;
	for (size_t i = 0; i < attempt->flag_count; i++)
		size += strlen(attempt->flags[i]) + 1;
	char *text = malloc(size);
	if (!text)
		return NULL;
	text[0] = '\0';
	for (size_t i = 0; i < attempt->flag_count; i++)
		strcat(strcat(text, i ? ";" : ""), attempt->flags[i]);
	return text;
}

struct import_request {
	const struct progress_attempt *attempts;
	size_t count;
	size_t added, skipped;
};

/* One attempt in the stored form: answers as written, their sorted form for
 * comparing, and the flags. */
struct stored_form {
	char *answers, *sorted, *flags;
};

static void stored_form_free(struct stored_form *form)
{
	free(form->answers);
	free(form->sorted);
	free(form->flags);
}

static bool stored_form_make(const struct progress_attempt *attempt, struct stored_form *form)
{
	form->answers = answers_stored_text(attempt->answers, attempt->answer_count);
	form->sorted = form->answers ? items_sorted(form->answers) : NULL;
	form->flags = attempt->has_find ? flags_joined(attempt) : NULL;
	return form->answers && form->sorted && (!attempt->has_find || form->flags);
}

#define ATTEMPT_SAME_SQL                                                                     \
	"SELECT a.answers, a.hints_revealed, f.flags FROM attempt a"                           \
	" LEFT JOIN attempt_find f ON f.attempt_id = a.id"                                      \
	" WHERE a.exercise_id = ?1 AND a.submitted_at = ?2"

static int already_held(struct progress_store *store, const struct progress_attempt *attempt,
			const struct stored_form *form, bool *held)
{
	sqlite3_stmt *stmt;
	*held = false;
	int rc = sqlite3_prepare_v2(store->db, ATTEMPT_SAME_SQL, -1, &stmt, NULL);
	if (rc != SQLITE_OK)
		return rc;
	bind_text(stmt, 1, attempt->exercise_id);
	sqlite3_bind_int64(stmt, 2, attempt->submitted_at);
	while (!*held && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		char *sorted = items_sorted((const char *)sqlite3_column_text(stmt, 0));
		const unsigned char *flags = sqlite3_column_text(stmt, 2);
		if (!sorted) {
			rc = SQLITE_NOMEM;
			break;
		}
		*held = strcmp(sorted, form->sorted) == 0 &&
			sqlite3_column_int(stmt, 1) == attempt->hints &&
			(flags == NULL) == (form->flags == NULL) &&
			(!flags || strcmp((const char *)flags, form->flags) == 0);
		free(sorted);
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int insert_imported(struct progress_store *store, const struct progress_attempt *attempt,
			   const struct stored_form *form)
{
	sqlite3_stmt *stmt = statement(store, ST_ATTEMPT_INSERT);
	if (!stmt)
		return SQLITE_ERROR;
	bind_text(stmt, 1, attempt->exercise_id);
	bind_text(stmt, 2, attempt->content_hash);
	if (attempt->has_started)
		sqlite3_bind_int64(stmt, 3, attempt->started_at);
	else
		sqlite3_bind_null(stmt, 3);
	sqlite3_bind_int64(stmt, 4, attempt->submitted_at);
	bind_text(stmt, 5, form->answers);
	sqlite3_bind_int(stmt, 6, attempt->hints);
	sqlite3_bind_int64(stmt, 7, attempt->score_tenths);
	sqlite3_bind_int64(stmt, 8, attempt->max);
	sqlite3_bind_int(stmt, 9, attempt->passed);
	sqlite3_bind_int(stmt, 10, attempt->rule_version);
	int rc = step_done(stmt);
	if (rc != SQLITE_OK || !attempt->has_find)
		return rc;
	stmt = statement(store, ST_ATTEMPT_FIND_INSERT);
	if (!stmt)
		return SQLITE_ERROR;
	sqlite3_bind_int64(stmt, 1, sqlite3_last_insert_rowid(store->db));
	bind_text(stmt, 2, form->flags);
	sqlite3_bind_int64(stmt, 3, (sqlite3_int64)attempt->find.found_count);
	sqlite3_bind_int64(stmt, 4, (sqlite3_int64)attempt->find.real_count);
	sqlite3_bind_int64(stmt, 5, attempt->find.found_points);
	sqlite3_bind_int64(stmt, 6, attempt->find.real_points);
	sqlite3_bind_int64(stmt, 7, (sqlite3_int64)attempt->find.false_alarms);
	sqlite3_bind_int64(stmt, 8, (sqlite3_int64)attempt->find.fell_for);
	return step_done(stmt);
}

static int import_body(struct progress_store *store, void *context)
{
	struct import_request *request = context;
	request->added = request->skipped = 0;
	int rc = SQLITE_OK;
	for (size_t i = 0; rc == SQLITE_OK && i < request->count; i++) {
		const struct progress_attempt *attempt = &request->attempts[i];
		struct stored_form form;
		bool held = false;
		rc = stored_form_make(attempt, &form) ? already_held(store, attempt, &form, &held)
						      : SQLITE_NOMEM;
		if (rc == SQLITE_OK && !held)
			rc = insert_imported(store, attempt, &form);
		request->added += rc == SQLITE_OK && !held;
		request->skipped += rc == SQLITE_OK && held;
		stored_form_free(&form);
	}
	return rc;
}

enum progress_status progress_import_attempts(struct progress_store *store,
					      const struct progress_attempt *attempts, size_t count,
					      size_t *added, size_t *skipped)
{
	*added = *skipped = 0;
	if (!store)
		return PROGRESS_DISABLED;
	struct import_request request = { attempts, count, 0, 0 };
	enum progress_status status = run(store, true, import_body, &request);
	if (status == PROGRESS_OK) {
		*added = request.added;
		*skipped = request.skipped;
	}
	return status;
}
