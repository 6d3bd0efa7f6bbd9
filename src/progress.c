/* The progress store: one SQLite database of drafts and attempts.
 *
 * Durability: WAL with synchronous=FULL (a commit survives a power loss, not only a
 * crash), the rollback journal where WAL is unavailable. Concurrency: every write is
 * a BEGIN IMMEDIATE transaction, so two sessions never deadlock on a lock upgrade;
 * the busy timeout waits for the other writer and the whole transaction is retried
 * when it still finds the lock taken. Damage: a file SQLite calls corrupt or not a
 * database is moved aside, never rewritten in place.
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

#define BUSY_TIMEOUT_MS 2500
#define BUSY_RETRIES 3
#define APPLICATION_ID 0x52657677 /* "Revw": tells our store from another SQLite file */

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
	[ST_ATTEMPT_TOTALS] = "SELECT count(*), max(submitted_at), max(passed) FROM attempt"
			      " WHERE exercise_id = ?1",
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
		"SELECT f.found, f.findable FROM attempt_find f JOIN attempt a ON a.id = f.attempt_id"
		" WHERE a.exercise_id = ?1 ORDER BY a.submitted_at DESC, a.id DESC LIMIT 1",
	[ST_RESET_FLAGS] = "DELETE FROM find_draft WHERE ?1 IS NULL OR exercise_id = ?1",
	[ST_RESET_ATTEMPT_FINDS] = "DELETE FROM attempt_find WHERE attempt_id IN"
				   " (SELECT id FROM attempt WHERE ?1 IS NULL OR exercise_id = ?1)",
	[ST_SETTING_GET] = "SELECT value FROM meta WHERE key = ?1",
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
	bool wal;
	sqlite3_stmt *stmts[ST_COUNT];
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
	const char *state = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");
	const char *base = NULL, *suffix = NULL;
	/* The XDG spec says a relative XDG_STATE_HOME is invalid and must be ignored. */
	if (state && state[0] == '/') {
		base = state;
		suffix = "/review/state.db";
	} else if (home && home[0]) {
		base = home;
		suffix = "/.local/state/review/state.db";
	} else {
		return NULL;
	}
	size_t length = strlen(base) + strlen(suffix) + 1;
	char *path = malloc(length);
	if (path)
		snprintf(path, length, "%s%s", base, suffix);
	return path;
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

/* Creates a missing store file with mode 0600 (SQLite would use 0644); a
 * zero-length file is an empty database to SQLite. */
static void create_private_file(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd >= 0)
		close(fd);
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

static int commit(struct progress_store *store)
{
	int rc = SQLITE_BUSY;
	for (int i = 0; i < BUSY_RETRIES && is_busy(rc); i++)
		rc = sqlite3_exec(store->db, "COMMIT", NULL, NULL, NULL);
	return rc;
}

typedef int (*transaction_body)(struct progress_store *store, void *context);

/* Runs body in one transaction (IMMEDIATE when it writes), retrying the whole
 * transaction while another connection holds the lock past the busy timeout.
 * body returns an SQLite result code and must be safe to run again. */
static enum progress_status run(struct progress_store *store, bool write,
				transaction_body body, void *context)
{
	int rc = SQLITE_BUSY;
	store->error[0] = '\0';
	for (int i = 0; i < BUSY_RETRIES && is_busy(rc); i++) {
		rc = sqlite3_exec(store->db, write ? "BEGIN IMMEDIATE" : "BEGIN", NULL, NULL, NULL);
		if (rc != SQLITE_OK)
			continue;
		rc = body(store, context);
		if (rc == SQLITE_OK)
			rc = commit(store);
		if (rc != SQLITE_OK && !sqlite3_get_autocommit(store->db))
			sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
	}
	if (rc == SQLITE_OK)
		return PROGRESS_OK;
	if (is_busy(rc)) {
		set_error(store, "state store %s is busy: another review is writing to it", store->path);
		return PROGRESS_BUSY;
	}
	if (store->error[0] == '\0' || rc != SQLITE_ERROR)
		set_error(store, "state store %s: %s", store->path, sqlite3_errstr(rc));
	return PROGRESS_ERROR;
}

/* ---- Opening ---- */

struct open_state {
	long long version;
	bool newer;
};

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
	if (state->version == 0) {
		char sql[64];
		snprintf(sql, sizeof sql, "PRAGMA application_id = %d", APPLICATION_ID);
		rc = sqlite3_exec(store->db, sql, NULL, NULL, NULL);
	}
	for (long long v = state->version; v < PROGRESS_SCHEMA_VERSION && rc == SQLITE_OK; v++)
		rc = sqlite3_exec(store->db, migrations[v], NULL, NULL, NULL);
	if (rc == SQLITE_OK && state->version < PROGRESS_SCHEMA_VERSION) {
		char sql[64];
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d", PROGRESS_SCHEMA_VERSION);
		rc = sqlite3_exec(store->db, sql, NULL, NULL, NULL);
	}
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

enum inspection { INSPECT_OK, INSPECT_DAMAGED, INSPECT_FOREIGN, INSPECT_FAILED };

/* Reads without writing: the schema version, whether the file is ours and whether
 * SQLite finds it sound. *rc gets the failing code for INSPECT_FAILED. */
static enum inspection inspect(sqlite3 *db, long long *version, int *rc)
{
	long long application_id = 0, tables = 0;
	char check[64] = "";
	/* One snapshot: read piecemeal, a store being created by another review
	 * could look like version 0 with tables, i.e. like another program's file. */
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
	if ((application_id != 0 && application_id != APPLICATION_ID) ||
	    (*version == 0 && tables > 0))
		return INSPECT_FOREIGN;
	return INSPECT_OK;
}

/* *seen is the file the path named just before SQLite opened it. */
static int connect(struct progress_store *store, const char *vfs, struct stat *seen)
{
	create_private_file(store->path);
	if (stat(store->path, seen) != 0)
		return SQLITE_CANTOPEN;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
	int rc = sqlite3_open_v2(store->path, &store->db, flags, vfs);
	if (rc == SQLITE_OK)
		rc = sqlite3_busy_timeout(store->db, BUSY_TIMEOUT_MS);
	if (rc == SQLITE_OK && sqlite3_db_readonly(store->db, "main") == 1)
		rc = SQLITE_READONLY;
	if (rc == SQLITE_OK)
		sqlite3_extended_result_codes(store->db, 1);
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

/* True when path still names the file inspected: another review may have moved
 * a damaged file aside and started a fresh one meanwhile, which must not move. */
static bool same_file(const char *path, const struct stat *seen)
{
	struct stat now;
	return stat(path, &now) == 0 && now.st_dev == seen->st_dev && now.st_ino == seen->st_ino;
}

static enum progress_status refuse(struct progress_store *store, enum inspection found, int rc,
				   char **message)
{
	if (found == INSPECT_FOREIGN)
		return report(message, PROGRESS_ERROR,
			      "%s is an SQLite database of another program, not a review"
			      " state store; it was left untouched", store->path);
	if (is_busy(rc))
		return report(message, PROGRESS_BUSY,
			      "state store %s is busy: another review is writing to it", store->path);
	return report(message, PROGRESS_DISABLED,
		      "cannot read state store %s: %s; progress will not be saved", store->path,
		      sqlite3_errstr(rc));
}

/* Connects and inspects; a damaged file is moved aside and a fresh one used. */
static enum progress_status open_sound(struct progress_store *store, const char *vfs,
				       long long *version, char **message)
{
	bool moved = false;
	for (int tries = 0; tries < 4; tries++) {
		struct stat seen;
		int rc = connect(store, vfs, &seen);
		if (rc != SQLITE_OK)
			return report(message, PROGRESS_DISABLED,
				      "cannot open state store %s: %s; progress will not be saved",
				      store->path, sqlite3_errstr(rc));
		enum inspection found = INSPECT_FAILED;
		rc = SQLITE_BUSY;
		for (int i = 0; i < BUSY_RETRIES && found == INSPECT_FAILED && is_busy(rc); i++)
			found = inspect(store->db, version, &rc);
		if (found == INSPECT_OK)
			return PROGRESS_OK;
		disconnect(store);
		if (found != INSPECT_DAMAGED || moved)
			return refuse(store, found, rc, message);
		if (!same_file(store->path, &seen))
			continue;
		char *aside = NULL;
		int error = move_aside(store->path, &aside);
		if (error == ENOENT)
			continue;
		if (error)
			return report(message, PROGRESS_DISABLED,
				      "state store %s is damaged and cannot be moved aside: %s;"
				      " progress will not be saved", store->path, strerror(error));
		report(message, PROGRESS_OK,
		       "state store %s was damaged: moved aside to %s, starting a fresh one",
		       store->path, aside);
		free(aside);
		moved = true;
	}
	return report(message, PROGRESS_DISABLED, "state store %s keeps changing while it is"
		      " opened; progress will not be saved", store->path);
}

/* Runs a PRAGMA again while another connection holds a lock it needs: SQLite
 * does not call the busy handler for every lock (changing the journal mode). */
static int query_text_patiently(struct progress_store *store, const char *sql, char *out,
				size_t size)
{
	int rc = SQLITE_BUSY;
	for (int waited = 0; is_busy(rc) && waited <= BUSY_TIMEOUT_MS * BUSY_RETRIES; waited += 20) {
		if (waited > 0)
			sqlite3_sleep(20);
		rc = query_text(store->db, sql, out, size);
	}
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

static enum progress_status open_store(struct progress_store *store, const char *vfs,
				       char **message)
{
	int error = make_parent_folders(store->path);
	if (error)
		return report(message, PROGRESS_DISABLED,
			      "cannot create the folder of state store %s: %s;"
			      " progress will not be saved", store->path, strerror(error));
	struct open_state state = { 0, false };
	int rc;
	enum progress_status status = open_sound(store, vfs, &state.version, message);
	if (status != PROGRESS_OK)
		return status;
	/* Checked before anything writes: switching to WAL rewrites the header. */
	if (state.version > PROGRESS_SCHEMA_VERSION) {
		state.newer = true;
	} else if (is_busy(rc = choose_journal(store))) {
		status = report(message, PROGRESS_BUSY,
				"state store %s is busy: another review is writing to it", store->path);
	} else if (rc != SQLITE_OK) {
		status = report(message, PROGRESS_DISABLED,
				"cannot write state store %s: %s; progress will not be saved",
				store->path, sqlite3_errmsg(store->db));
	} else if ((status = run(store, true, migrate_body, &state)) == PROGRESS_BUSY) {
		status = report(message, PROGRESS_BUSY, "%s", store->error);
	} else if (status != PROGRESS_OK) {
		status = report(message, PROGRESS_DISABLED, "cannot write %s; progress will not be saved",
				store->error);
	}
	if (state.newer)
		status = report(message, PROGRESS_NEWER_SCHEMA,
				"state store %s was written by a newer review (schema %lld; this"
				" one knows %d); it was left untouched", store->path,
				state.version, PROGRESS_SCHEMA_VERSION);
	return status;
}

enum progress_status progress_open_vfs(const char *path, const char *vfs,
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
				   : "neither XDG_STATE_HOME nor HOME is set; progress will not be saved");
	struct progress_store *store = calloc(1, sizeof *store);
	if (!store) {
		free(resolved);
		return report(message, PROGRESS_DISABLED, "out of memory; progress will not be saved");
	}
	store->path = resolved;
	enum progress_status status = open_store(store, vfs, message);
	if (status != PROGRESS_OK) {
		progress_close(store);
		return status;
	}
	*out = store;
	return PROGRESS_OK;
}

enum progress_status progress_open(const char *path, struct progress_store **out, char **message)
{
	return progress_open_vfs(path, NULL, out, message);
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
	int hints = sqlite3_column_int(stmt, 2);
	int limit = load->exercise->hint_count > INT_MAX ? INT_MAX : (int)load->exercise->hint_count;
	draft->hints_revealed = hints < 0 ? 0 : hints > limit ? limit : hints;
	draft->started_at = (time_t)sqlite3_column_int64(stmt, 3);
	draft->updated_at = (time_t)sqlite3_column_int64(stmt, 4);
	draft->dropped = dropped < 0 ? 0 : (size_t)dropped;
	sqlite3_reset(stmt);
	return dropped < 0 ? SQLITE_NOMEM : SQLITE_OK;
}

enum progress_status progress_load_draft(struct progress_store *store,
					 const struct exercise *exercise,
					 struct pick *picks, struct progress_draft *out)
{
	*out = (struct progress_draft){ 0 };
	if (exercise && picks)
		clear_picks(exercise, picks);
	if (!store)
		return PROGRESS_DISABLED;
	if (!valid_exercise(store, exercise, picks))
		return PROGRESS_ERROR;
	struct draft_load load = { exercise, picks, out, false };
	enum progress_status status = run(store, false, draft_load_body, &load);
	if (status != PROGRESS_OK) {
		clear_picks(exercise, picks);
		*out = (struct progress_draft){ 0 };
		return status;
	}
	return load.found ? PROGRESS_OK : PROGRESS_NOT_FOUND;
}

static int draft_delete_body(struct progress_store *store, void *context)
{
	sqlite3_stmt *stmt = statement(store, ST_DRAFT_DELETE);
	if (!stmt)
		return SQLITE_ERROR;
	bind_text(stmt, 1, context);
	return step_done(stmt);
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
	sqlite3_stmt *stmt = statement(store, ST_FLAGS_DELETE);
	if (!stmt)
		return SQLITE_ERROR;
	bind_text(stmt, 1, exercise_id);
	return step_done(stmt);
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

static int flags_load_body(struct progress_store *store, void *context)
{
	struct flags_load *load = context;
	sqlite3_stmt *stmt = statement(store, ST_FLAGS_LOAD);
	if (!stmt)
		return SQLITE_ERROR;
	bind_text(stmt, 1, load->exercise->id);
	int rc = step_row(stmt);
	load->found = rc == SQLITE_ROW;
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? SQLITE_OK : rc;
	load->count = flags_decode((const char *)sqlite3_column_text(stmt, 0), load->exercise,
				   load->flags);
	load->done = sqlite3_column_int(stmt, 1) != 0;
	sqlite3_reset(stmt);
	return SQLITE_OK;
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

static int setting_get_body(struct progress_store *store, void *context)
{
	struct setting *setting = context;
	sqlite3_stmt *stmt = statement(store, ST_SETTING_GET);
	if (!stmt)
		return SQLITE_ERROR;
	bind_text(stmt, 1, setting->key);
	int rc = step_row(stmt);
	setting->found = rc == SQLITE_ROW;
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? SQLITE_OK : rc;
	const unsigned char *value = sqlite3_column_text(stmt, 0);
	snprintf(setting->read, sizeof(setting->read), "%s", value ? (const char *)value : "");
	sqlite3_reset(stmt);
	return SQLITE_OK;
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
	query->out->attempts = sqlite3_column_int(stmt, 0);
	query->out->last_attempt = (time_t)sqlite3_column_int64(stmt, 1);
	query->out->passed = sqlite3_column_int(stmt, 2) != 0;
}

static void read_best(sqlite3_stmt *stmt, struct summary_query *query)
{
	struct progress_summary *out = query->out;
	out->best_score_tenths = (long)sqlite3_column_int64(stmt, 0);
	out->best_max = (long)sqlite3_column_int64(stmt, 1);
	out->best_rule_version = sqlite3_column_int(stmt, 2);
	/* As score_percent: an exercise worth nothing is 100%. */
	if (out->best_max > 0) {
		out->best_percent = (double)out->best_score_tenths / (double)out->best_max * 10.0;
		out->best_percent_tenths = out->best_score_tenths * 100 / out->best_max;
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
	if (findable < 0 || findable > INT_MAX || found < 0 || found > findable)
		return;
	query->out->find_found = (int)found;
	query->out->find_findable = (int)findable;
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

static int catalog_body(struct progress_store *store, void *context)
{
	struct catalog_query *query = context;
	int rc = SQLITE_OK;
	for (size_t i = 0; rc == SQLITE_OK && i < query->catalog->count; i++) {
		const struct catalog_entry *entry = &query->catalog->entries[i];
		struct summary_query one = { entry->id, entry->content_hash, &query->out[i] };
		rc = summary_body(store, &one);
	}
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
	/* What hangs off the answers goes first, uncounted: find results, flags. */
	static const enum stmt_id attached[] = { ST_RESET_ATTEMPT_FINDS, ST_RESET_FLAGS };
	for (size_t i = 0; i < sizeof(attached) / sizeof(*attached); i++) {
		sqlite3_stmt *stmt = statement(store, attached[i]);
		if (!stmt)
			return SQLITE_ERROR;
		bind_text(stmt, 1, request->exercise_id);
		int rc = step_done(stmt);
		if (rc != SQLITE_OK)
			return rc;
	}
	static const enum stmt_id deletes[] = { ST_RESET_DRAFTS, ST_RESET_ATTEMPTS };
	for (size_t i = 0; i < sizeof(deletes) / sizeof(*deletes); i++) {
		sqlite3_stmt *stmt = statement(store, deletes[i]);
		if (!stmt)
			return SQLITE_ERROR;
		bind_text(stmt, 1, request->exercise_id);
		int rc = step_done(stmt);
		if (rc != SQLITE_OK)
			return rc;
		request->removed += (size_t)sqlite3_changes(store->db);
	}
	/* The order is no answer, so it is not counted, but a reset draws it anew. */
	sqlite3_stmt *stmt = statement(store, ST_RESET_ORDERS);
	if (!stmt)
		return SQLITE_ERROR;
	bind_text(stmt, 1, request->exercise_id);
	return step_done(stmt);
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

static int order_get_body(struct progress_store *store, void *context)
{
	struct order_query *query = context;
	sqlite3_stmt *stmt = statement(store, ST_ORDER_GET);
	if (!stmt)
		return SQLITE_ERROR;
	bind_text(stmt, 1, query->exercise_id);
	int rc = step_row(stmt);
	query->found = rc == SQLITE_ROW;
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? SQLITE_OK : rc;
	query->seed = (uint64_t)sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	return SQLITE_OK;
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
