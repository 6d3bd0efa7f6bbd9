/* The progress store: drafts, attempts, summaries, and the faults it survives
 * (SIGKILL, two writers, damaged files, unwritable folders, old and new schemas).
 * Every test works in its own mkdtemp folder. Writer processes are fork()ed
 * children that report each committed save through a pipe. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "review/loader.h"
#include "review/progress.h"

/* ---- Fixtures ---- */

struct folder {
	char path[256];
	char db[300];
};

static struct folder *folder_new(void)
{
	struct folder *folder = calloc(1, sizeof *folder);
	assert_non_null(folder);
	const char *tmp = getenv("TMPDIR");
	snprintf(folder->path, sizeof folder->path, "%s/review-progress-XXXXXX", tmp ? tmp : "/tmp");
	assert_non_null(mkdtemp(folder->path));
	snprintf(folder->db, sizeof folder->db, "%s/state.db", folder->path);
	return folder;
}

static void remove_tree(const char *path)
{
	char command[600];
	snprintf(command, sizeof command, "chmod -R u+rwx '%s' 2>/dev/null; rm -rf '%s'", path, path);
	assert_int_equal(system(command), 0);
}

static int teardown_folder(void **state)
{
	struct folder *folder = *state;
	remove_tree(folder->path);
	free(folder);
	return 0;
}

static int setup_folder(void **state)
{
	*state = folder_new();
	return 0;
}

/* An exercise with candidates c1..cN (or the given ids) and some hints. */
static struct exercise *exercise_make(const char *id, const char *hash, size_t hints,
				      size_t count, const char *const *ids)
{
	struct exercise *exercise = calloc(1, sizeof *exercise);
	assert_non_null(exercise);
	exercise->id = strdup(id);
	snprintf(exercise->content_hash, sizeof exercise->content_hash, "%s", hash);
	exercise->candidates = calloc(count ? count : 1, sizeof *exercise->candidates);
	exercise->candidate_count = count;
	for (size_t i = 0; i < count; i++) {
		char name[32];
		snprintf(name, sizeof name, "c%zu", i + 1);
		exercise->candidates[i].id = strdup(ids ? ids[i] : name);
		exercise->candidates[i].points = 1;
	}
	exercise->hints = calloc(hints ? hints : 1, sizeof *exercise->hints);
	exercise->hint_count = hints;
	for (size_t i = 0; i < hints; i++)
		exercise->hints[i] = strdup("a hint");
	return exercise;
}

static struct exercise *exercise_plain(const char *id, size_t count)
{
	return exercise_make(id, "00112233aabbccdd", 3, count, NULL);
}

/* Writers carry their step number in the hints count: lift the clamp (the hints
 * array keeps its 3 entries; exercise_dispose puts the count back before freeing). */
#define MANY_HINTS (1 << 30)

static void exercise_dispose(struct exercise *exercise)
{
	if (exercise->hint_count == MANY_HINTS)
		exercise->hint_count = 3;
	exercise_free(exercise);
}

static struct progress_store *open_ok(const char *path)
{
	struct progress_store *store = NULL;
	char *message = NULL;
	enum progress_status status = progress_open(path, &store, &message);
	if (status != PROGRESS_OK)
		fail_msg("open %s: %s: %s", path, progress_status_name(status),
			 message ? message : "(no message)");
	assert_null(message);
	assert_non_null(store);
	return store;
}

static const struct pick REAL_BUG = { VERDICT_REAL, SEVERITY_BUG };
static const struct pick REAL_MINOR = { VERDICT_REAL, SEVERITY_MINOR };
static const struct pick REAL_ANY = { VERDICT_REAL, SEVERITY_NONE };
static const struct pick NOT_REAL = { VERDICT_NOT_REAL, SEVERITY_NONE };
static const struct pick UNANSWERED = { VERDICT_UNANSWERED, SEVERITY_NONE };

static void assert_pick(struct pick actual, struct pick expected)
{
	assert_int_equal(actual.verdict, expected.verdict);
	assert_int_equal(actual.severity, expected.severity);
}

static struct score_result result_of(long tenths, long max, int hints)
{
	struct score_result result = { .score_tenths = tenths, .earned_tenths = tenths, .max = max,
				       .hints_used = hints,
				       .passed = tenths * 100 >= max * 10 * SCORE_PASS_PERCENT };
	return result;
}

static size_t read_file(const char *path, char **out)
{
	FILE *file = fopen(path, "rb");
	assert_non_null(file);
	fseek(file, 0, SEEK_END);
	long size = ftell(file);
	fseek(file, 0, SEEK_SET);
	*out = malloc((size_t)size + 1);
	assert_non_null(*out);
	assert_int_equal(fread(*out, 1, (size_t)size, file), (size_t)size);
	fclose(file);
	return (size_t)size;
}

static void write_bytes(const char *path, const void *data, size_t size)
{
	FILE *file = fopen(path, "wb");
	assert_non_null(file);
	assert_int_equal(fwrite(data, 1, size, file), size);
	fclose(file);
}

/* Names in the folder that start with prefix. */
static int count_entries(const char *folder, const char *prefix)
{
	char command[600];
	snprintf(command, sizeof command, "ls -a '%s' | grep -c '^%s' || true", folder, prefix);
	FILE *pipe = popen(command, "r");
	assert_non_null(pipe);
	int count = -1;
	assert_int_equal(fscanf(pipe, "%d", &count), 1);
	pclose(pipe);
	return count;
}

/* Runs SQL on the file directly, as the sqlite3 shell would. */
static void raw_exec(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	char *error = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &error) != SQLITE_OK)
		fail_msg("%s: %s", sql, error);
	sqlite3_close(db);
}

static long long raw_int(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *stmt = NULL;
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	long long value = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	return value;
}

static void assert_integrity_ok(const char *path)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *stmt = NULL;
	/* Never creating it: an empty file is no store of ours. */
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(stmt, 0), "ok");
	sqlite3_finalize(stmt);
	sqlite3_close(db);
}

/* ---- Opening ---- */

static void progress_open_creates_private_folders_and_file(void **state)
{
	struct folder *folder = *state;
	char path[400];
	snprintf(path, sizeof path, "%s/a/b/state.db", folder->path);
	mode_t old = umask(0022);
	struct progress_store *store = open_ok(path);
	umask(old);
	assert_string_equal(progress_path(store), path);
	assert_true(progress_uses_wal(store));
	progress_close(store);
	struct stat info;
	char sub[400];
	snprintf(sub, sizeof sub, "%s/a", folder->path);
	assert_int_equal(stat(sub, &info), 0);
	assert_int_equal(info.st_mode & 0777, 0700);
	snprintf(sub, sizeof sub, "%s/a/b", folder->path);
	assert_int_equal(stat(sub, &info), 0);
	assert_int_equal(info.st_mode & 0777, 0700);
	assert_int_equal(stat(path, &info), 0);
	assert_int_equal(info.st_mode & 0777, 0600);
	assert_int_equal(raw_int(path, "PRAGMA user_version"), PROGRESS_SCHEMA_VERSION);
}

static void progress_default_path_follows_xdg_then_home(void **state)
{
	(void)state;
	char *saved_state = getenv("XDG_STATE_HOME") ? strdup(getenv("XDG_STATE_HOME")) : NULL;
	char *saved_home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;
	setenv("XDG_STATE_HOME", "/x/state", 1);
	setenv("HOME", "/home/h", 1);
	char *path = progress_default_path();
	assert_string_equal(path, "/x/state/review/state.db");
	free(path);
	setenv("XDG_STATE_HOME", "relative/is/ignored", 1);
	path = progress_default_path();
	assert_string_equal(path, "/home/h/.local/state/review/state.db");
	free(path);
	unsetenv("XDG_STATE_HOME");
	unsetenv("HOME");
	assert_null(progress_default_path());
	struct progress_store *store = (struct progress_store *)1;
	char *message = NULL;
	assert_int_equal(progress_open(NULL, &store, &message), PROGRESS_DISABLED);
	assert_null(store);
	assert_non_null(strstr(message, "HOME"));
	free(message);
	if (saved_state)
		setenv("XDG_STATE_HOME", saved_state, 1);
	if (saved_home)
		setenv("HOME", saved_home, 1);
	free(saved_state);
	free(saved_home);
}

static void progress_open_default_path_is_created_under_xdg_state_home(void **state)
{
	struct folder *folder = *state;
	char *saved = getenv("XDG_STATE_HOME") ? strdup(getenv("XDG_STATE_HOME")) : NULL;
	setenv("XDG_STATE_HOME", folder->path, 1);
	struct progress_store *store = open_ok(NULL);
	char expected[400];
	snprintf(expected, sizeof expected, "%s/review/state.db", folder->path);
	assert_string_equal(progress_path(store), expected);
	progress_close(store);
	if (saved)
		setenv("XDG_STATE_HOME", saved, 1);
	else
		unsetenv("XDG_STATE_HOME");
	free(saved);
}

/* ---- Drafts ---- */

static void progress_draft_round_trips_picks_and_hints(void **state)
{
	struct folder *folder = *state;
	struct exercise *exercise = exercise_plain("ex1", 5);
	struct pick picks[5] = { REAL_BUG, NOT_REAL, UNANSWERED, REAL_ANY, REAL_MINOR };
	struct progress_store *store = open_ok(folder->db);
	time_t before = time(NULL);
	assert_int_equal(progress_save_draft(store, exercise, picks, 2), PROGRESS_OK);
	progress_close(store);

	store = open_ok(folder->db);
	struct pick loaded[5] = { REAL_BUG, REAL_BUG, REAL_BUG, REAL_BUG, REAL_BUG };
	struct progress_draft draft;
	assert_int_equal(progress_load_draft(store, exercise, loaded, &draft), PROGRESS_OK);
	for (size_t i = 0; i < 5; i++)
		assert_pick(loaded[i], picks[i]);
	assert_int_equal(draft.hints_revealed, 2);
	assert_false(draft.changed);
	assert_int_equal(draft.dropped, 0);
	assert_true(draft.started_at >= before && draft.started_at <= time(NULL));
	assert_true(draft.updated_at >= draft.started_at);
	assert_string_equal(progress_last_error(store), "");
	progress_close(store);
	exercise_dispose(exercise);
}

static void progress_load_draft_without_draft_is_not_found_and_clears_picks(void **state)
{
	struct folder *folder = *state;
	struct exercise *exercise = exercise_plain("ex1", 2);
	struct progress_store *store = open_ok(folder->db);
	struct pick loaded[2] = { REAL_BUG, NOT_REAL };
	struct progress_draft draft = { .hints_revealed = 9 };
	assert_int_equal(progress_load_draft(store, exercise, loaded, &draft), PROGRESS_NOT_FOUND);
	assert_pick(loaded[0], UNANSWERED);
	assert_pick(loaded[1], UNANSWERED);
	assert_int_equal(draft.hints_revealed, 0);
	progress_close(store);
	exercise_dispose(exercise);
}

static void progress_draft_hints_stay_charged_after_reopen(void **state)
{
	struct folder *folder = *state;
	struct exercise *exercise = exercise_plain("ex1", 2);
	struct pick picks[2] = { REAL_BUG, UNANSWERED };
	struct progress_store *store = open_ok(folder->db);
	assert_int_equal(progress_save_draft(store, exercise, picks, 2), PROGRESS_OK);
	progress_close(store);
	store = open_ok(folder->db);
	/* A session that forgot the hints (or a second terminal) saves fewer. */
	picks[1] = NOT_REAL;
	assert_int_equal(progress_save_draft(store, exercise, picks, 0), PROGRESS_OK);
	struct progress_draft draft;
	struct pick loaded[2];
	assert_int_equal(progress_load_draft(store, exercise, loaded, &draft), PROGRESS_OK);
	assert_int_equal(draft.hints_revealed, 2);
	assert_pick(loaded[1], NOT_REAL);
	/* More hints than the exercise has (the file lost one) are clamped on load. */
	assert_int_equal(progress_save_draft(store, exercise, picks, 7), PROGRESS_OK);
	assert_int_equal(progress_load_draft(store, exercise, loaded, &draft), PROGRESS_OK);
	assert_int_equal(draft.hints_revealed, 3);
	progress_close(store);
	exercise_dispose(exercise);
}

static void progress_draft_keeps_started_at_across_saves(void **state)
{
	struct folder *folder = *state;
	struct exercise *exercise = exercise_plain("ex1", 1);
	struct pick picks[1] = { REAL_BUG };
	struct progress_store *store = open_ok(folder->db);
	assert_int_equal(progress_save_draft(store, exercise, picks, 0), PROGRESS_OK);
	raw_exec(folder->db, "UPDATE draft SET started_at = 1000, updated_at = 1000");
	picks[0] = NOT_REAL;
	assert_int_equal(progress_save_draft(store, exercise, picks, 0), PROGRESS_OK);
	struct progress_draft draft;
	assert_int_equal(progress_load_draft(store, exercise, picks, &draft), PROGRESS_OK);
	assert_int_equal(draft.started_at, 1000);
	assert_true(draft.updated_at > 1000);
	progress_close(store);
	exercise_dispose(exercise);
}

static void progress_draft_of_a_changed_file_keeps_picks_of_remaining_ids(void **state)
{
	struct folder *folder = *state;
	const char *const old_ids[] = { "a", "b", "c" };
	const char *const new_ids[] = { "c", "new", "a" };
	struct exercise *old = exercise_make("ex1", "1111111111111111", 2, 3, old_ids);
	struct exercise *now = exercise_make("ex1", "2222222222222222", 2, 3, new_ids);
	struct pick picks[3] = { REAL_BUG, NOT_REAL, REAL_MINOR };
	struct progress_store *store = open_ok(folder->db);
	assert_int_equal(progress_save_draft(store, old, picks, 1), PROGRESS_OK);
	struct pick loaded[3];
	struct progress_draft draft;
	assert_int_equal(progress_load_draft(store, now, loaded, &draft), PROGRESS_OK);
	assert_true(draft.changed);
	assert_int_equal(draft.dropped, 1);
	assert_int_equal(draft.hints_revealed, 1);
	assert_pick(loaded[0], REAL_MINOR); /* c */
	assert_pick(loaded[1], UNANSWERED); /* new */
	assert_pick(loaded[2], REAL_BUG);   /* a */
	struct progress_summary summary;
	assert_int_equal(progress_summary(store, "ex1", now->content_hash, &summary), PROGRESS_OK);
	assert_int_equal(summary.state, PROGRESS_STATE_CHANGED);
	assert_true(summary.has_draft);
	/* Saving under the new version makes it current again. */
	assert_int_equal(progress_save_draft(store, now, loaded, 1), PROGRESS_OK);
	assert_int_equal(progress_summary(store, "ex1", now->content_hash, &summary), PROGRESS_OK);
	assert_int_equal(summary.state, PROGRESS_STATE_IN_PROGRESS);
	progress_close(store);
	exercise_dispose(old);
	exercise_dispose(now);
}

static void progress_draft_ids_with_separators_round_trip(void **state)
{
	struct folder *folder = *state;
	const char *const ids[] = { "a;b", "x=y", "50%", "line\nbreak", "caf\xc3\xa9" };
	struct exercise *exercise = exercise_make("ex1", "00112233aabbccdd", 0, 5, ids);
	struct pick picks[5] = { REAL_BUG, NOT_REAL, REAL_MINOR, REAL_ANY, NOT_REAL };
	struct progress_store *store = open_ok(folder->db);
	assert_int_equal(progress_save_draft(store, exercise, picks, 0), PROGRESS_OK);
	struct pick loaded[5];
	struct progress_draft draft;
	assert_int_equal(progress_load_draft(store, exercise, loaded, &draft), PROGRESS_OK);
	assert_int_equal(draft.dropped, 0);
	for (size_t i = 0; i < 5; i++)
		assert_pick(loaded[i], picks[i]);
	progress_close(store);
	sqlite3 *db = NULL;
	sqlite3_stmt *stmt = NULL;
	assert_int_equal(sqlite3_open(folder->db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT answers FROM draft", -1, &stmt, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(stmt, 0),
			    "a%3Bb=bug;x%3Dy=not-real;50%25=minor;line%0Abreak=real;caf\xc3\xa9=not-real");
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	exercise_dispose(exercise);
}

static void progress_load_draft_drops_unreadable_answers(void **state)
{
	struct folder *folder = *state;
	struct exercise *exercise = exercise_plain("ex1", 2);
	struct progress_store *store = open_ok(folder->db);
	raw_exec(folder->db, "INSERT INTO draft(exercise_id, content_hash, answers, hints_revealed,"
			     " started_at, updated_at) VALUES('ex1', '00112233aabbccdd',"
			     " 'c1=bogus;noequals;c%zz=bug;;c2=warning', -4, 1, 1)");
	struct pick loaded[2];
	struct progress_draft draft;
	assert_int_equal(progress_load_draft(store, exercise, loaded, &draft), PROGRESS_OK);
	assert_int_equal(draft.dropped, 3);
	assert_int_equal(draft.hints_revealed, 0);
	assert_pick(loaded[0], UNANSWERED);
	assert_pick(loaded[1], ((struct pick){ VERDICT_REAL, SEVERITY_WARNING }));
	progress_close(store);
	exercise_dispose(exercise);
}

static void progress_delete_draft_removes_only_that_draft(void **state)
{
	struct folder *folder = *state;
	struct exercise *one = exercise_plain("one", 1), *two = exercise_plain("two", 1);
	struct pick picks[1] = { REAL_BUG };
	struct progress_store *store = open_ok(folder->db);
	assert_int_equal(progress_save_draft(store, one, picks, 0), PROGRESS_OK);
	assert_int_equal(progress_save_draft(store, two, picks, 0), PROGRESS_OK);
	assert_int_equal(progress_delete_draft(store, "one"), PROGRESS_OK);
	assert_int_equal(progress_delete_draft(store, "missing"), PROGRESS_OK);
	struct progress_draft draft;
	assert_int_equal(progress_load_draft(store, one, picks, &draft), PROGRESS_NOT_FOUND);
	assert_int_equal(progress_load_draft(store, two, picks, &draft), PROGRESS_OK);
	assert_int_equal(progress_delete_draft(store, NULL), PROGRESS_ERROR);
	assert_string_not_equal(progress_last_error(store), "");
	progress_close(store);
	exercise_dispose(one);
	exercise_dispose(two);
}

/* ---- Attempts and summaries ---- */

static void progress_record_attempt_keeps_attempts_and_clears_the_draft(void **state)
{
	struct folder *folder = *state;
	struct exercise *exercise = exercise_plain("ex1", 2);
	struct pick picks[2] = { REAL_BUG, NOT_REAL };
	struct progress_store *store = open_ok(folder->db);
	assert_int_equal(progress_save_draft(store, exercise, picks, 1), PROGRESS_OK);
	struct score_result failed = result_of(45, 10, 1), best = result_of(85, 10, 0),
			    weaker = result_of(75, 10, 0);
	assert_int_equal(progress_record_attempt(store, exercise, picks, &failed, 100, 200), PROGRESS_OK);
	struct progress_draft draft;
	assert_int_equal(progress_load_draft(store, exercise, picks, &draft), PROGRESS_NOT_FOUND);
	picks[0] = REAL_BUG;
	picks[1] = NOT_REAL;
	struct progress_summary summary;
	assert_int_equal(progress_summary(store, "ex1", exercise->content_hash, &summary), PROGRESS_OK);
	assert_int_equal(summary.state, PROGRESS_STATE_FAILED);
	assert_int_equal(summary.attempts, 1);
	assert_false(summary.passed);
	assert_false(summary.first_passed);
	assert_int_equal(summary.best_score_tenths, 45);
	assert_true(summary.best_percent > 44.99 && summary.best_percent < 45.01);
	assert_int_equal(summary.best_percent_tenths, 450);
	assert_int_equal(summary.last_attempt, 200);

	assert_int_equal(progress_record_attempt(store, exercise, picks, &best, 300, 400), PROGRESS_OK);
	assert_int_equal(progress_record_attempt(store, exercise, picks, &weaker, 500, 600), PROGRESS_OK);
	assert_int_equal(progress_summary(store, "ex1", exercise->content_hash, &summary), PROGRESS_OK);
	assert_int_equal(summary.state, PROGRESS_STATE_PASSED);
	assert_int_equal(summary.attempts, 3);
	assert_true(summary.passed);
	assert_false(summary.first_passed); /* passed after seeing the first attempt's results */
	assert_int_equal(summary.best_score_tenths, 85);
	assert_int_equal(summary.best_max, 10);
	assert_true(summary.best_percent > 84.99 && summary.best_percent < 85.01);
	assert_int_equal(summary.best_percent_tenths, 850);
	assert_int_equal(summary.last_attempt, 600);
	assert_false(summary.has_draft);
	progress_close(store);
	assert_int_equal(raw_int(folder->db, "SELECT count(*) FROM attempt WHERE started_at = 300"
					     " AND hints_revealed = 0 AND answers = 'c1=bug;c2=not-real'"),
			 1);
	exercise_dispose(exercise);
}

/* Percents are shown rounded down (never a "70%" that failed); a max of 0 is 100%. */
static void progress_summary_percent_rounds_down_and_zero_max_is_full(void **state)
{
	struct folder *folder = *state;
	struct exercise *exercise = exercise_plain("ex1", 1);
	struct pick picks[1] = { REAL_BUG };
	struct progress_store *store = open_ok(folder->db);
	struct score_result thirds = result_of(2, 3, 0); /* 0.2 of 3: 6.666..% */
	assert_int_equal(progress_record_attempt(store, exercise, picks, &thirds, 1, 2), PROGRESS_OK);
	struct progress_summary summary;
	assert_int_equal(progress_summary(store, "ex1", exercise->content_hash, &summary), PROGRESS_OK);
	assert_int_equal(summary.best_percent_tenths, 66);
	struct score_result nothing = result_of(0, 0, 0);
	assert_int_equal(progress_record_attempt(store, exercise, picks, &nothing, 3, 4), PROGRESS_OK);
	assert_int_equal(progress_summary(store, "ex1", exercise->content_hash, &summary), PROGRESS_OK);
	assert_int_equal(summary.best_percent_tenths, 1000);
	assert_true(summary.best_percent > 99.9);
	progress_close(store);
	exercise_dispose(exercise);
}

static void progress_summary_states_from_new_to_changed(void **state)
{
	struct folder *folder = *state;
	struct exercise *exercise = exercise_plain("ex1", 1);
	struct pick picks[1] = { REAL_BUG };
	struct progress_store *store = open_ok(folder->db);
	struct progress_summary summary;
	assert_int_equal(progress_summary(store, "ex1", exercise->content_hash, &summary), PROGRESS_OK);
	assert_int_equal(summary.state, PROGRESS_STATE_NEW);
	assert_int_equal(summary.attempts, 0);
	assert_true(summary.best_percent < 0);
	assert_int_equal(summary.best_percent_tenths, -1);
	assert_int_equal(progress_save_draft(store, exercise, picks, 0), PROGRESS_OK);
	assert_int_equal(progress_summary(store, "ex1", exercise->content_hash, &summary), PROGRESS_OK);
	assert_int_equal(summary.state, PROGRESS_STATE_IN_PROGRESS);
	struct score_result passed = result_of(10, 1, 0);
	assert_int_equal(progress_record_attempt(store, exercise, picks, &passed, 1, 2), PROGRESS_OK);
	assert_int_equal(progress_summary(store, "ex1", exercise->content_hash, &summary), PROGRESS_OK);
	assert_int_equal(summary.state, PROGRESS_STATE_PASSED);
	assert_true(summary.first_passed);
	/* The file changes: the last attempt was for another version. */
	assert_int_equal(progress_summary(store, "ex1", "ffffffffffffffff", &summary), PROGRESS_OK);
	assert_int_equal(summary.state, PROGRESS_STATE_CHANGED);
	assert_true(summary.passed);
	assert_int_equal(summary.attempts, 1);
	/* Another exercise is untouched by all of this. */
	assert_int_equal(progress_summary(store, "ex2", "ffffffffffffffff", &summary), PROGRESS_OK);
	assert_int_equal(summary.state, PROGRESS_STATE_NEW);
	progress_close(store);
	assert_string_equal(progress_state_name(PROGRESS_STATE_IN_PROGRESS), "in-progress");
	assert_string_equal(progress_state_label(PROGRESS_STATE_IN_PROGRESS), "in progress");
	assert_string_equal(progress_state_label(PROGRESS_STATE_CHANGED), "changed");
	assert_string_equal(progress_state_name((enum progress_state)42), "?");
	exercise_dispose(exercise);
}

static void progress_reset_clears_one_exercise_or_all(void **state)
{
	struct folder *folder = *state;
	struct exercise *one = exercise_plain("one", 1), *two = exercise_plain("two", 1);
	struct pick picks[1] = { REAL_BUG };
	struct score_result result = result_of(10, 1, 0);
	struct progress_store *store = open_ok(folder->db);
	assert_int_equal(progress_record_attempt(store, one, picks, &result, 1, 2), PROGRESS_OK);
	assert_int_equal(progress_record_attempt(store, one, picks, &result, 3, 4), PROGRESS_OK);
	assert_int_equal(progress_save_draft(store, one, picks, 0), PROGRESS_OK);
	assert_int_equal(progress_record_attempt(store, two, picks, &result, 1, 2), PROGRESS_OK);
	assert_int_equal(progress_save_draft(store, two, picks, 0), PROGRESS_OK);
	size_t removed = 99;
	assert_int_equal(progress_reset(store, "one", &removed), PROGRESS_OK);
	assert_int_equal(removed, 3);
	struct progress_summary summary;
	assert_int_equal(progress_summary(store, "one", one->content_hash, &summary), PROGRESS_OK);
	assert_int_equal(summary.state, PROGRESS_STATE_NEW);
	assert_int_equal(progress_summary(store, "two", two->content_hash, &summary), PROGRESS_OK);
	assert_int_equal(summary.attempts, 1);
	assert_int_equal(progress_reset(store, "one", &removed), PROGRESS_OK);
	assert_int_equal(removed, 0);
	assert_int_equal(progress_reset(store, NULL, &removed), PROGRESS_OK);
	assert_int_equal(removed, 2);
	assert_int_equal(progress_summary(store, "two", two->content_hash, &summary), PROGRESS_OK);
	assert_int_equal(summary.state, PROGRESS_STATE_NEW);
	assert_int_equal(progress_reset(store, NULL, NULL), PROGRESS_OK);
	progress_close(store);
	exercise_dispose(one);
	exercise_dispose(two);
}

static void progress_null_store_saves_nothing(void **state)
{
	(void)state;
	struct exercise *exercise = exercise_plain("ex1", 1);
	struct pick picks[1] = { REAL_BUG };
	struct score_result result = result_of(10, 1, 0);
	struct progress_draft draft = { .hints_revealed = 3 };
	struct progress_summary summary = { .attempts = 4 };
	size_t removed = 5;
	assert_int_equal(progress_save_draft(NULL, exercise, picks, 1), PROGRESS_DISABLED);
	assert_int_equal(progress_load_draft(NULL, exercise, picks, &draft), PROGRESS_DISABLED);
	assert_pick(picks[0], UNANSWERED);
	assert_int_equal(draft.hints_revealed, 0);
	assert_int_equal(progress_delete_draft(NULL, "ex1"), PROGRESS_DISABLED);
	assert_int_equal(progress_record_attempt(NULL, exercise, picks, &result, 1, 2), PROGRESS_DISABLED);
	assert_int_equal(progress_summary(NULL, "ex1", "x", &summary), PROGRESS_DISABLED);
	assert_int_equal(summary.state, PROGRESS_STATE_NEW);
	assert_int_equal(summary.attempts, 0);
	assert_int_equal(progress_reset(NULL, NULL, &removed), PROGRESS_DISABLED);
	assert_int_equal(removed, 0);
	assert_null(progress_path(NULL));
	assert_false(progress_uses_wal(NULL));
	assert_string_equal(progress_last_error(NULL), "");
	progress_close(NULL);
	assert_string_equal(progress_status_name(PROGRESS_NEWER_SCHEMA), "newer schema");
	exercise_dispose(exercise);
}

static void progress_rejects_missing_arguments(void **state)
{
	struct folder *folder = *state;
	struct exercise *exercise = exercise_plain("ex1", 1);
	struct progress_store *store = open_ok(folder->db);
	struct progress_draft draft;
	struct progress_summary summary;
	struct pick picks[1] = { REAL_BUG };
	assert_int_equal(progress_save_draft(store, NULL, picks, 0), PROGRESS_ERROR);
	assert_int_equal(progress_save_draft(store, exercise, NULL, 0), PROGRESS_ERROR);
	assert_int_equal(progress_load_draft(store, exercise, NULL, &draft), PROGRESS_ERROR);
	assert_int_equal(progress_record_attempt(store, exercise, picks, NULL, 1, 2), PROGRESS_ERROR);
	assert_int_equal(progress_summary(store, NULL, "x", &summary), PROGRESS_ERROR);
	assert_string_not_equal(progress_last_error(store), "");
	progress_close(store);
	exercise_dispose(exercise);
}

/* ---- Unwritable places ---- */

static void assert_open_disabled(const char *path, const char *expected)
{
	struct progress_store *store = (struct progress_store *)1;
	char *message = NULL;
	assert_int_equal(progress_open(path, &store, &message), PROGRESS_DISABLED);
	assert_null(store);
	assert_non_null(message);
	if (!strstr(message, expected))
		fail_msg("message \"%s\" lacks \"%s\"", message, expected);
	assert_non_null(strstr(message, "will not be saved"));
	assert_null(strchr(message, '\n'));
	free(message);
}

/* Works as root too: nobody can create a folder under a regular file. */
static void progress_open_under_a_regular_file_is_disabled(void **state)
{
	struct folder *folder = *state;
	char file[400], path[500];
	snprintf(file, sizeof file, "%s/plain", folder->path);
	write_bytes(file, "x", 1);
	snprintf(path, sizeof path, "%s/review/state.db", file);
	assert_open_disabled(path, "Not a directory");
	snprintf(path, sizeof path, "%s/state.db", file);
	assert_open_disabled(path, "Not a directory");
}

/* /proc refuses new folders and files even to root. */
static void progress_open_under_proc_is_disabled(void **state)
{
	(void)state;
	assert_open_disabled("/proc/review-no-such/state.db", "cannot create");
	assert_open_disabled("/proc/state.db", "state.db");
}

static void progress_open_on_a_directory_is_refused(void **state)
{
	struct folder *folder = *state;
	struct progress_store *store = (struct progress_store *)1;
	char *message = NULL;
	assert_int_equal(progress_open(folder->path, &store, &message), PROGRESS_ERROR);
	assert_null(store);
	assert_non_null(strstr(message, "a folder"));
	free(message);
}

/* "" would be a private temporary database to SQLite: nothing would persist. */
static void progress_open_empty_path_is_disabled(void **state)
{
	(void)state;
	assert_open_disabled("", "empty");
}

static void progress_open_relative_path_creates_folders(void **state)
{
	struct folder *folder = *state;
	char cwd[512];
	assert_non_null(getcwd(cwd, sizeof cwd));
	assert_int_equal(chdir(folder->path), 0);
	struct progress_store *store = open_ok("rel/sub/state.db");
	progress_close(store);
	struct stat info;
	assert_int_equal(stat("rel/sub/state.db", &info), 0);
	store = open_ok("plain.db");
	progress_close(store);
	assert_int_equal(stat("plain.db", &info), 0);
	assert_int_equal(chdir(cwd), 0);
}

/* Runs the check in a child without root's powers, so permission bits bind:
 * as root it drops to nobody (65534); otherwise it runs as is. The child's exit
 * status is the number of failed expectations. */
static void as_ordinary_user(struct folder *folder, int (*check)(const char *path), const char *path)
{
	assert_int_equal(chmod(folder->path, 0755), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
			_exit(100);
		_exit(check(path));
	}
	int status = 0;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

/* 0 when opening is refused with a one-line "will not be saved" warning. */
static int expect_disabled(const char *path)
{
	struct progress_store *store = NULL;
	char *message = NULL;
	int failures = progress_open(path, &store, &message) != PROGRESS_DISABLED;
	failures += store != NULL;
	failures += !message || !strstr(message, "will not be saved") || strchr(message, '\n');
	if (message)
		fprintf(stderr, "  (%s)\n", message);
	free(message);
	progress_close(store);
	return failures;
}

static int count_failure(bool failed, const char *what)
{
	if (failed)
		fprintf(stderr, "  failed: %s\n", what);
	return failed;
}

/* 0 when the store filled by fill_readable_store() reads back in full from an
 * open store: the draft of ex1, the passed attempt of ex2. */
static int expect_saved_progress(struct progress_store *store)
{
	struct exercise *one = exercise_plain("ex1", 1);
	struct pick picks[1];
	struct progress_draft draft;
	struct progress_summary summary;
	int failures = count_failure(progress_load_draft(store, one, picks, &draft) != PROGRESS_OK ||
				     picks[0].verdict != VERDICT_REAL || draft.hints_revealed != 1,
				     "the draft of ex1 reads back");
	failures += count_failure(progress_summary(store, "ex2", one->content_hash, &summary) != PROGRESS_OK ||
				  summary.state != PROGRESS_STATE_PASSED || summary.attempts != 1,
				  "ex2 reads as passed, not new");
	exercise_dispose(one);
	return failures;
}

/* 0 when a reader opens the store read-only and sees everything saved. */
static int expect_reader_sees_progress(const char *path)
{
	struct progress_store *store = NULL;
	char *message = NULL;
	enum progress_status status = progress_open_reader(path, &store, &message);
	if (message)
		fprintf(stderr, "  (reader: %s)\n", message);
	int failures = count_failure(status != PROGRESS_OK || !store || message, "the reader opens");
	failures += count_failure(!progress_read_only(store), "the reader is read-only");
	if (store)
		failures += expect_saved_progress(store);
	free(message);
	progress_close(store);
	return failures;
}

/* 0 when a writer that cannot write still shows what was saved, says once and
 * on every save that saving is off, and saves nothing. */
static int expect_writer_reads_instead(const char *path)
{
	struct progress_store *store = NULL;
	char *message = NULL;
	enum progress_status status = progress_open(path, &store, &message);
	if (message)
		fprintf(stderr, "  (writer: %s)\n", message);
	int failures = count_failure(status != PROGRESS_DISABLED || !store, "the writer reads instead");
	failures += count_failure(!message || !strstr(message, "saving is off") || strchr(message, '\n'),
				  "one line says saving is off");
	free(message);
	if (!store)
		return failures;
	failures += count_failure(!progress_read_only(store), "the store is read-only");
	failures += expect_saved_progress(store);
	struct exercise *one = exercise_plain("ex1", 1);
	struct pick picks[1] = { NOT_REAL };
	failures += count_failure(progress_save_draft(store, one, picks, 0) != PROGRESS_DISABLED ||
				  !strstr(progress_last_error(store), "saving is off"),
				  "a save says saving is off");
	exercise_dispose(one);
	progress_close(store);
	return failures;
}

/* A draft of ex1 (one hint) and a passed attempt of ex2. */
static void fill_readable_store(const char *path)
{
	struct progress_store *store = open_ok(path);
	struct exercise *one = exercise_plain("ex1", 1), *two = exercise_plain("ex2", 1);
	struct pick picks[1] = { REAL_BUG };
	struct score_result result = result_of(10, 1, 0);
	assert_int_equal(progress_save_draft(store, one, picks, 1), PROGRESS_OK);
	assert_int_equal(progress_record_attempt(store, two, picks, &result, 1, 2), PROGRESS_OK);
	progress_close(store);
	exercise_dispose(one);
	exercise_dispose(two);
}

static void assert_same_bytes(const char *path, const char *before, size_t size)
{
	char *after = NULL;
	assert_int_equal(read_file(path, &after), size);
	assert_memory_equal(before, after, size);
	free(after);
}

static void progress_open_in_a_read_only_folder_is_disabled(void **state)
{
	struct folder *folder = *state;
	char sub[400], path[500];
	snprintf(sub, sizeof sub, "%s/ro", folder->path);
	assert_int_equal(mkdir(sub, 0555), 0);
	assert_int_equal(chmod(sub, 0555), 0);
	snprintf(path, sizeof path, "%s/state.db", sub);
	as_ordinary_user(folder, expect_disabled, path);
	assert_int_equal(access(path, F_OK), -1);
	/* A folder to create under it fails the same way. */
	snprintf(path, sizeof path, "%s/review/state.db", sub);
	as_ordinary_user(folder, expect_disabled, path);
}

/* Issue 16: a store in a folder nobody may write (no -wal or -shm can be made),
 * WAL or rollback journal, file writable or not: readers see everything saved,
 * and a writer shows it too, saying saving is off. The file is not changed. */
static void progress_store_in_a_read_only_folder_is_still_read(void **state)
{
	struct folder *folder = *state;
	char sub[400], path[500];
	snprintf(sub, sizeof sub, "%s/ro", folder->path);
	assert_int_equal(mkdir(sub, 0755), 0);
	snprintf(path, sizeof path, "%s/state.db", sub);
	fill_readable_store(path);
	for (int round = 0; round < 4; round++) {
		if (round == 2) {
			assert_int_equal(chmod(sub, 0755), 0);
			raw_exec(path, "PRAGMA journal_mode = DELETE");
		}
		assert_int_equal(chmod(path, round % 2 ? 0444 : 0666), 0);
		assert_int_equal(chmod(sub, 0555), 0);
		char *before = NULL;
		size_t size = read_file(path, &before);
		as_ordinary_user(folder, expect_reader_sees_progress, path);
		as_ordinary_user(folder, expect_writer_reads_instead, path);
		assert_same_bytes(path, before, size);
		free(before);
		assert_int_equal(count_entries(sub, "state.db"), 1);
	}
}

/* A store (WAL, or rollback journal) the user may read but not write, in a
 * folder the user may write: the same, and no journal is left behind. */
static void progress_read_only_store_is_still_read(void **state)
{
	struct folder *folder = *state;
	fill_readable_store(folder->db);
	assert_int_equal(chmod(folder->db, 0644), 0);
	for (int round = 0; round < 2; round++) {
		if (round == 1)
			raw_exec(folder->db, "PRAGMA journal_mode = DELETE");
		char *before = NULL;
		size_t size = read_file(folder->db, &before);
		as_ordinary_user(folder, expect_reader_sees_progress, folder->db);
		as_ordinary_user(folder, expect_writer_reads_instead, folder->db);
		assert_same_bytes(folder->db, before, size);
		free(before);
	}
}

/* A reader creates nothing: no store, no folder. */
static void progress_reader_of_a_missing_store_creates_nothing(void **state)
{
	struct folder *folder = *state;
	char path[400];
	snprintf(path, sizeof path, "%s/sub/state.db", folder->path);
	struct progress_store *store = (struct progress_store *)1;
	char *message = NULL;
	assert_int_equal(progress_open_reader(path, &store, &message), PROGRESS_NOT_FOUND);
	assert_null(store);
	assert_null(message);
	assert_int_equal(count_entries(folder->path, ""), 2); /* . and .. */
}


/* ---- Damaged files ---- */

static char *open_with_warning(const char *path, struct progress_store **store)
{
	char *message = NULL;
	enum progress_status status = progress_open(path, store, &message);
	if (status != PROGRESS_OK)
		fail_msg("open: %s: %s", progress_status_name(status), message ? message : "");
	assert_non_null(message);
	assert_null(strchr(message, '\n'));
	return message;
}

/* The damaged bytes end up, unchanged, in exactly one state.db.corrupt-* file. */
static void assert_moved_aside(struct folder *folder, const char *bytes, size_t size)
{
	assert_int_equal(count_entries(folder->path, "state.db.corrupt-"), 1);
	char command[600];
	snprintf(command, sizeof command, "ls '%s'/state.db.corrupt-* | head -n 1", folder->path);
	FILE *pipe = popen(command, "r");
	char aside[500] = "";
	assert_non_null(fgets(aside, sizeof aside, pipe));
	pclose(pipe);
	aside[strcspn(aside, "\n")] = '\0';
	char *kept = NULL;
	assert_int_equal(read_file(aside, &kept), size);
	assert_memory_equal(kept, bytes, size);
	free(kept);
}

static void assert_fresh_store_works(struct progress_store *store)
{
	struct exercise *exercise = exercise_plain("ex1", 1);
	struct pick picks[1] = { REAL_BUG };
	struct progress_draft draft;
	assert_int_equal(progress_load_draft(store, exercise, picks, &draft), PROGRESS_NOT_FOUND);
	assert_int_equal(progress_save_draft(store, exercise, picks, 0), PROGRESS_OK);
	assert_int_equal(progress_load_draft(store, exercise, picks, &draft), PROGRESS_OK);
	exercise_dispose(exercise);
}

/* The first page of a real store (our header and application id) followed by
 * tail: the pages the schema points to are missing, so SQLite calls it damaged. */
static size_t damaged_store_bytes(const char *scratch, const char *tail, char **out)
{
	struct progress_store *store = open_ok(scratch);
	progress_close(store);
	char *bytes = NULL;
	assert_true(read_file(scratch, &bytes) > 4096);
	size_t size = 4096 + strlen(tail);
	*out = malloc(size);
	assert_non_null(*out);
	memcpy(*out, bytes, 4096);
	memcpy(*out + 4096, tail, strlen(tail));
	free(bytes);
	assert_int_equal(unlink(scratch), 0);
	return size;
}

static void write_damaged_store(struct folder *folder, const char *tail, char **bytes, size_t *size)
{
	char scratch[400];
	snprintf(scratch, sizeof scratch, "%s/scratch.db", folder->path);
	*size = damaged_store_bytes(scratch, tail, bytes);
	write_bytes(folder->db, *bytes, *size);
}

static void progress_open_moves_a_damaged_store_aside(void **state)
{
	struct folder *folder = *state;
	char *bytes = NULL;
	size_t size = 0;
	write_damaged_store(folder, "garbage", &bytes, &size);
	/* A reader only says so: moving is writing. */
	struct progress_store *store = (struct progress_store *)1;
	char *message = NULL;
	assert_int_equal(progress_open_reader(folder->db, &store, &message), PROGRESS_DISABLED);
	assert_null(store);
	assert_non_null(strstr(message, "damaged"));
	free(message);
	assert_int_equal(count_entries(folder->path, "state.db.corrupt-"), 0);
	message = open_with_warning(folder->db, &store);
	assert_non_null(strstr(message, "damaged"));
	assert_non_null(strstr(message, "state.db.corrupt-"));
	free(message);
	assert_moved_aside(folder, bytes, size);
	assert_fresh_store_works(store);
	progress_close(store);
	assert_integrity_ok(folder->db);
	free(bytes);
}

/* Issue 16: a mistyped --state naming a text file, random bytes, an empty file, an
 * SQLite file of another program (application_id 0 with a user_version, or
 * another id): refused with one line naming the path and what it is, the file
 * byte for byte the same, nothing created next to it, by writers and readers. */
static void assert_not_ours_untouched_with(struct folder *folder, const char *what, int entries)
{
	for (int reader = 0; reader < 2; reader++) {
		char *before = NULL;
		size_t size = read_file(folder->db, &before);
		struct progress_store *store = (struct progress_store *)1;
		char *message = NULL;
		enum progress_status status = reader ? progress_open_reader(folder->db, &store, &message)
						     : progress_open(folder->db, &store, &message);
		assert_int_equal(status, PROGRESS_ERROR);
		assert_null(store);
		assert_non_null(message);
		print_message("  %s\n", message);
		assert_non_null(strstr(message, folder->db));
		assert_non_null(strstr(message, "not a review state store"));
		assert_non_null(strstr(message, what));
		assert_null(strchr(message, '\n'));
		free(message);
		assert_same_bytes(folder->db, before, size);
		free(before);
		assert_int_equal(count_entries(folder->path, ""), entries);
	}
}

static void assert_not_ours_untouched(struct folder *folder, const char *what)
{
	assert_not_ours_untouched_with(folder, what, 3); /* ., .., state.db */
}

static void progress_open_never_touches_a_file_that_is_not_ours(void **state)
{
	struct folder *folder = *state;
	const char text[] = "not a database\n";
	write_bytes(folder->db, text, sizeof text - 1);
	assert_not_ours_untouched(folder, "not an SQLite database");
	char bytes[4096];
	unsigned seed = 12345;
	for (size_t i = 0; i < sizeof bytes; i++)
		bytes[i] = (char)(rand_r(&seed) & 0xff);
	write_bytes(folder->db, bytes, sizeof bytes);
	assert_not_ours_untouched(folder, "not an SQLite database");
	write_bytes(folder->db, "", 0);
	assert_not_ours_untouched(folder, "an empty file");
	assert_int_equal(unlink(folder->db), 0);
	raw_exec(folder->db, "PRAGMA user_version = 7; CREATE TABLE notes(body TEXT)");
	assert_not_ours_untouched(folder, "another program");
	assert_int_equal(unlink(folder->db), 0);
	raw_exec(folder->db, "PRAGMA user_version = 1; PRAGMA journal_mode = WAL");
	assert_not_ours_untouched(folder, "another program");
	assert_int_equal(unlink(folder->db), 0);
	raw_exec(folder->db, "PRAGMA application_id = 1234");
	assert_not_ours_untouched(folder, "another program");
	/* A store of ours whose header was zeroed is no longer recognizable. */
	char *store = NULL;
	size_t size = 0;
	write_damaged_store(folder, "tail", &store, &size);
	memset(store, 0, 100);
	write_bytes(folder->db, store, size);
	assert_not_ours_untouched(folder, "not an SQLite database");
	free(store);
}

static void copy_file(const char *from, const char *to)
{
	char *bytes = NULL;
	size_t size = read_file(from, &bytes);
	write_bytes(to, bytes, size);
	free(bytes);
}

/* Runs sql in WAL mode without a checkpoint, then copies the file and its -wal
 * while the connection is open: as a session killed before its first checkpoint
 * leaves them, page 1 in the file still says application id 0 and version 0. */
static void make_uncheckpointed(struct folder *folder, const char *sql)
{
	char scratch[400], wal_from[420], wal_to[420];
	snprintf(scratch, sizeof scratch, "%s/scratch.db", folder->path);
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(scratch, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0",
				      NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	copy_file(scratch, folder->db);
	snprintf(wal_from, sizeof wal_from, "%s-wal", scratch);
	snprintf(wal_to, sizeof wal_to, "%s-wal", folder->db);
	copy_file(wal_from, wal_to);
	sqlite3_close(db);
	assert_int_equal(unlink(scratch), 0);
	char header[100];
	FILE *file = fopen(folder->db, "rb");
	assert_int_equal(fread(header, 1, sizeof header, file), sizeof header);
	fclose(file);
	assert_int_equal(header[68] | header[69] | header[70] | header[71], 0);
}

/* A store an older review made and whose first sessions were all killed before a
 * checkpoint: our application id is only in the -wal. It is ours: opened and
 * migrated. Another program's file in the same state is still refused. */
static void progress_open_finds_our_application_id_in_the_wal(void **state)
{
	struct folder *folder = *state;
	make_uncheckpointed(folder, "BEGIN;" "PRAGMA application_id = 1382381175;"
				    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
				    "CREATE TABLE draft(exercise_id TEXT PRIMARY KEY, answers TEXT NOT NULL,"
				    " hints_revealed INTEGER NOT NULL, updated_at INTEGER NOT NULL);"
				    "CREATE TABLE attempt(id INTEGER PRIMARY KEY, exercise_id TEXT NOT NULL,"
				    " submitted_at INTEGER NOT NULL, answers TEXT NOT NULL,"
				    " hints_revealed INTEGER NOT NULL, score_tenths INTEGER NOT NULL,"
				    " max_points INTEGER NOT NULL, passed INTEGER NOT NULL);"
				    "PRAGMA user_version = 1;"
				    "INSERT INTO attempt(exercise_id, submitted_at, answers, hints_revealed,"
				    " score_tenths, max_points, passed) VALUES('ex2', 7000, '', 0, 90, 10, 1);"
				    "COMMIT");
	struct progress_store *store = open_ok(folder->db);
	struct progress_summary summary;
	assert_int_equal(progress_summary(store, "ex2", NULL, &summary), PROGRESS_OK);
	assert_int_equal(summary.state, PROGRESS_STATE_PASSED);
	progress_close(store);
	assert_int_equal(unlink(folder->db), 0);
	char wal[420];
	snprintf(wal, sizeof wal, "%s-wal", folder->db);
	assert_int_equal(access(wal, F_OK), -1); /* checkpointed on close */
	make_uncheckpointed(folder, "CREATE TABLE notes(body TEXT); INSERT INTO notes VALUES('x')");
	char *before_wal = NULL;
	size_t wal_size = read_file(wal, &before_wal);
	assert_not_ours_untouched_with(folder, "another program", 4); /* ., .., db, -wal: no -shm */
	assert_same_bytes(wal, before_wal, wal_size);
	free(before_wal);
}

/* Issue 16: devices (directly or through a symbolic link), a FIFO, a folder, a
 * link to nothing: refused at once (a FIFO must not block), nothing created next
 * to them, in /dev either. */
static void progress_open_refuses_what_is_not_a_regular_file(void **state)
{
	struct folder *folder = *state;
	static const char *const devices[] = { "/dev/null", "/dev/zero", "/dev/full" };
	char path[400];
	for (size_t i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s/link%zu", folder->path, i);
		assert_int_equal(symlink(devices[i], path), 0);
	}
	snprintf(path, sizeof path, "%s/fifo", folder->path);
	assert_int_equal(mkfifo(path, 0600), 0);
	snprintf(path, sizeof path, "%s/folder", folder->path);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(path, sizeof path, "%s/dangling", folder->path);
	assert_int_equal(symlink("nowhere/state.db", path), 0);
	static const char *const names[] = { "link0", "link1", "link2", "fifo", "folder", "dangling" };
	static const char *const whats[] = { "a device", "a device", "a device", "a FIFO", "a folder",
					     "a symbolic link to nothing" };
	for (size_t i = 0; i < 6; i++) {
		for (int reader = 0; reader < 2; reader++) {
			snprintf(path, sizeof path, "%s/%s", folder->path, names[i]);
			struct progress_store *store = (struct progress_store *)1;
			char *message = NULL;
			enum progress_status status = reader ? progress_open_reader(path, &store, &message)
							     : progress_open(path, &store, &message);
			assert_int_equal(status, PROGRESS_ERROR);
			assert_null(store);
			if (!strstr(message, whats[i]) || !strstr(message, "not a review state store"))
				fail_msg("%s: %s", names[i], message);
			free(message);
		}
	}
	for (size_t i = 0; i < 6; i++)
		assert_int_equal(count_entries(folder->path, names[i]), 1);
	assert_int_equal(count_entries(folder->path, ""), 8);
	assert_int_equal(count_entries(folder->path, "nowhere"), 0);
	for (size_t i = 0; i < 3; i++) {
		static const char *const suffixes[] = { "-journal", "-wal", "-shm" };
		for (size_t s = 0; s < 3; s++) {
			snprintf(path, sizeof path, "%s%s", devices[i], suffixes[s]);
			assert_int_equal(access(path, F_OK), -1);
		}
	}
}

/* Issue 16: many reviews creating the store at the same moment make one whole
 * store; every one of them opens it, and no temporary file is left. */
static void progress_concurrent_creators_make_one_store(void **state)
{
	struct folder *folder = *state;
	enum { CREATORS = 12 };
	int gate[2];
	assert_int_equal(pipe(gate), 0);
	pid_t pids[CREATORS];
	for (int c = 0; c < CREATORS; c++) {
		pids[c] = fork();
		assert_true(pids[c] >= 0);
		if (pids[c] != 0)
			continue;
		close(gate[1]);
		char go;
		if (read(gate[0], &go, 1) != 0) /* every creator wakes when the gate closes */
			_exit(5);
		struct progress_store *store = NULL;
		char *message = NULL;
		enum progress_status status = progress_open(folder->db, &store, &message);
		if (status != PROGRESS_OK || message) {
			fprintf(stderr, "creator %d: %s: %s\n", c, progress_status_name(status),
				message ? message : "");
			_exit(3);
		}
		char id[16];
		snprintf(id, sizeof id, "ex%d", c);
		struct exercise *exercise = exercise_plain(id, 1);
		struct pick picks[1] = { REAL_BUG };
		_exit(progress_save_draft(store, exercise, picks, 0) == PROGRESS_OK ? 0 : 4);
	}
	close(gate[0]);
	close(gate[1]);
	for (int c = 0; c < CREATORS; c++) {
		int status = 0;
		assert_int_equal(waitpid(pids[c], &status, 0), pids[c]);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	assert_int_equal(raw_int(folder->db, "SELECT count(*) FROM draft"), CREATORS);
	assert_int_equal(count_entries(folder->path, "state.db.new-"), 0);
	assert_int_equal(count_entries(folder->path, "state.db.corrupt-"), 0);
	assert_integrity_ok(folder->db);
}

/* Builds a store with enough rows to span many pages, then cuts it short. */
static void progress_open_moves_a_truncated_database_aside(void **state)
{
	struct folder *folder = *state;
	struct progress_store *store = open_ok(folder->db);
	struct exercise *exercise = exercise_plain("ex1", 40);
	struct pick picks[40];
	for (size_t i = 0; i < 40; i++)
		picks[i] = REAL_BUG;
	struct score_result result = result_of(10, 1, 0);
	for (int i = 0; i < 300; i++)
		assert_int_equal(progress_record_attempt(store, exercise, picks, &result, i, i), PROGRESS_OK);
	progress_close(store); /* checkpoints the WAL into the file */
	char *bytes = NULL;
	size_t size = read_file(folder->db, &bytes);
	assert_true(size > 8 * 4096);
	size_t cut = size / 2 + 100; /* mid-page, past the schema page */
	write_bytes(folder->db, bytes, cut);
	char *message = open_with_warning(folder->db, &store);
	free(message);
	assert_moved_aside(folder, bytes, cut);
	assert_fresh_store_works(store);
	progress_close(store);
	free(bytes);
	exercise_dispose(exercise);
}

/* A database whose first page survives but whose pages are zeroed further on. */
static void progress_open_moves_a_zeroed_database_aside(void **state)
{
	struct folder *folder = *state;
	struct progress_store *store = open_ok(folder->db);
	struct exercise *exercise = exercise_plain("ex1", 40);
	struct pick picks[40];
	for (size_t i = 0; i < 40; i++)
		picks[i] = NOT_REAL;
	struct score_result result = result_of(10, 1, 0);
	for (int i = 0; i < 300; i++)
		assert_int_equal(progress_record_attempt(store, exercise, picks, &result, i, i), PROGRESS_OK);
	progress_close(store);
	char *bytes = NULL;
	size_t size = read_file(folder->db, &bytes);
	memset(bytes + 4096, 0, size - 4096);
	write_bytes(folder->db, bytes, size);
	char *message = open_with_warning(folder->db, &store);
	free(message);
	assert_moved_aside(folder, bytes, size);
	progress_close(store);
	free(bytes);
	exercise_dispose(exercise);
}

/* Two damaged files in the same second never overwrite each other's copy. */
static void progress_open_never_overwrites_an_earlier_corrupt_copy(void **state)
{
	struct folder *folder = *state;
	for (int round = 0; round < 3; round++) {
		char tail[32], *bytes = NULL;
		size_t size = 0;
		snprintf(tail, sizeof tail, "garbage %d\n", round);
		write_damaged_store(folder, tail, &bytes, &size);
		free(bytes);
		struct progress_store *store = NULL;
		char *message = open_with_warning(folder->db, &store);
		free(message);
		progress_close(store);
	}
	assert_int_equal(count_entries(folder->path, "state.db.corrupt-"), 3);
	char command[600];
	snprintf(command, sizeof command, "for f in '%s'/state.db.corrupt-*; do tail -c 10 \"$f\"; done"
		 " | sort | tr -d '\\n'", folder->path);
	FILE *pipe = popen(command, "r");
	char all[128] = "";
	assert_non_null(fgets(all, sizeof all, pipe));
	pclose(pipe);
	assert_string_equal(all, "garbage 0garbage 1garbage 2");
}

static void take_corrupt_name(struct folder *folder, time_t t, int n)
{
	struct tm utc;
	char stamp[32], name[400];
	gmtime_r(&t, &utc);
	strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &utc);
	if (n == 1)
		snprintf(name, sizeof name, "%s.corrupt-%s", folder->db, stamp);
	else
		snprintf(name, sizeof name, "%s.corrupt-%s-%d", folder->db, stamp, n);
	write_bytes(name, "", 0);
}

/* A damaged file in a folder where it cannot be moved: no save, no overwrite. */
static void progress_open_damaged_file_that_cannot_move_is_disabled(void **state)
{
	struct folder *folder = *state;
	char *damaged = NULL;
	size_t size = 0;
	write_damaged_store(folder, "garbage", &damaged, &size);
	if (geteuid() == 0) {
		/* Root can rename in any folder; the same refusal comes from a damaged
		 * file whose corrupt-copy names (for the next seconds) are all taken. */
		time_t now = time(NULL);
		for (time_t t = now; t < now + 10; t++)
			for (int n = 1; n < 100; n++)
				take_corrupt_name(folder, t, n);
	} else {
		assert_int_equal(chmod(folder->path, 0500), 0);
	}
	assert_open_disabled(folder->db, "cannot be moved aside");
	chmod(folder->path, 0700);
	assert_same_bytes(folder->db, damaged, size);
	free(damaged);
}

/* ---- Schemas ---- */

static void assert_open_refused_untouched(const char *path, enum progress_status expected,
					  const char *words)
{
	char *before = NULL, *after = NULL;
	size_t size = read_file(path, &before);
	struct progress_store *store = (struct progress_store *)1;
	char *message = NULL;
	assert_int_equal(progress_open(path, &store, &message), expected);
	assert_null(store);
	assert_non_null(message);
	if (!strstr(message, words))
		fail_msg("message \"%s\" lacks \"%s\"", message, words);
	free(message);
	assert_int_equal(read_file(path, &after), size);
	assert_memory_equal(before, after, size);
	free(before);
	free(after);
}

static void progress_open_refuses_a_newer_schema_and_leaves_it_untouched(void **state)
{
	struct folder *folder = *state;
	struct progress_store *store = open_ok(folder->db);
	progress_close(store);
	raw_exec(folder->db, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 99");
	assert_open_refused_untouched(folder->db, PROGRESS_NEWER_SCHEMA, "newer review (schema 99");
	assert_int_equal(count_entries(folder->path, "state.db"), 1);
	/* Also when the newer file is in WAL mode. */
	raw_exec(folder->db, "PRAGMA journal_mode = WAL");
	assert_open_refused_untouched(folder->db, PROGRESS_NEWER_SCHEMA, "left untouched");
	assert_int_equal(raw_int(folder->db, "PRAGMA user_version"), 99);
}

static void progress_open_refuses_another_programs_database(void **state)
{
	struct folder *folder = *state;
	raw_exec(folder->db, "CREATE TABLE photos(id INTEGER PRIMARY KEY, name TEXT);"
			     "INSERT INTO photos(name) VALUES('cat.jpg')");
	assert_open_refused_untouched(folder->db, PROGRESS_ERROR, "another program");
	raw_exec(folder->db, "DROP TABLE photos; PRAGMA application_id = 1234");
	assert_open_refused_untouched(folder->db, PROGRESS_ERROR, "another program");
}

/* Version 1, as the first release wrote it: no content hashes, no start times. */
static const char schema_v1[] =
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	"CREATE TABLE draft(exercise_id TEXT PRIMARY KEY, answers TEXT NOT NULL,"
	" hints_revealed INTEGER NOT NULL, updated_at INTEGER NOT NULL);"
	"CREATE TABLE attempt(id INTEGER PRIMARY KEY, exercise_id TEXT NOT NULL,"
	" submitted_at INTEGER NOT NULL, answers TEXT NOT NULL,"
	" hints_revealed INTEGER NOT NULL, score_tenths INTEGER NOT NULL,"
	" max_points INTEGER NOT NULL, passed INTEGER NOT NULL);"
	"CREATE INDEX attempt_by_exercise ON attempt(exercise_id, submitted_at);"
	"PRAGMA application_id = 1382381175;"
	"PRAGMA user_version = 1;"
	"INSERT INTO draft VALUES('ex1', 'c1=bug;c2=not-real', 2, 5000);"
	"INSERT INTO attempt(exercise_id, submitted_at, answers, hints_revealed, score_tenths,"
	" max_points, passed) VALUES('ex2', 7000, 'c1=bug', 0, 90, 10, 1),"
	" ('ex2', 8000, 'c1=minor', 1, 40, 10, 0);";

static void progress_open_migrates_a_version_1_store(void **state)
{
	struct folder *folder = *state;
	raw_exec(folder->db, schema_v1);
	struct progress_store *store = open_ok(folder->db);
	assert_int_equal(raw_int(folder->db, "PRAGMA user_version"), PROGRESS_SCHEMA_VERSION);
	struct exercise *one = exercise_plain("ex1", 2), *two = exercise_plain("ex2", 1);
	struct pick picks[2];
	struct progress_draft draft;
	assert_int_equal(progress_load_draft(store, one, picks, &draft), PROGRESS_OK);
	assert_pick(picks[0], REAL_BUG);
	assert_pick(picks[1], NOT_REAL);
	assert_int_equal(draft.hints_revealed, 2);
	assert_int_equal(draft.started_at, 5000); /* unknown before: the last save stands in */
	assert_false(draft.changed);              /* no hash was kept: not "changed" */
	struct progress_summary summary;
	assert_int_equal(progress_summary(store, "ex2", two->content_hash, &summary), PROGRESS_OK);
	assert_int_equal(summary.state, PROGRESS_STATE_PASSED);
	assert_int_equal(summary.attempts, 2);
	assert_int_equal(summary.best_score_tenths, 90);
	assert_int_equal(summary.last_attempt, 8000);
	/* New attempts carry the hash and the start time. */
	struct score_result result = result_of(50, 10, 0);
	assert_int_equal(progress_record_attempt(store, two, picks, &result, 8500, 9000), PROGRESS_OK);
	assert_int_equal(progress_summary(store, "ex2", "ffffffffffffffff", &summary), PROGRESS_OK);
	assert_int_equal(summary.state, PROGRESS_STATE_CHANGED);
	progress_close(store);
	assert_int_equal(raw_int(folder->db, "SELECT count(*) FROM attempt WHERE started_at IS NULL"
					     " AND content_hash = ''"), 2);
	assert_int_equal(raw_int(folder->db, "SELECT started_at FROM attempt WHERE submitted_at = 9000"), 8500);
	assert_integrity_ok(folder->db);
	/* Opening again migrates nothing more. */
	store = open_ok(folder->db);
	progress_close(store);
	assert_int_equal(raw_int(folder->db, "SELECT count(*) FROM attempt"), 3);
	exercise_dispose(one);
	exercise_dispose(two);
}

/* A reader of a schema-1 store has a writer migrate it first, then reads it; a
 * reader that cannot have it migrated (read-only) reads a copy migrated in memory,
 * and the file stays as it was. */
static int expect_old_store_read_as_is(const char *path)
{
	struct progress_store *store = NULL;
	char *message = NULL;
	enum progress_status status = progress_open_reader(path, &store, &message);
	int failures = count_failure(status != PROGRESS_OK || !store || message, "the reader opens");
	if (message)
		fprintf(stderr, "  (%s)\n", message);
	free(message);
	struct progress_summary summary;
	failures += count_failure(progress_summary(store, "ex2", NULL, &summary) != PROGRESS_OK ||
				  summary.state != PROGRESS_STATE_PASSED || summary.attempts != 2,
				  "ex2 reads as passed");
	progress_close(store);
	return failures;
}

static void progress_reader_of_an_old_store_has_it_migrated(void **state)
{
	struct folder *folder = *state;
	raw_exec(folder->db, schema_v1);
	assert_int_equal(chmod(folder->db, 0444), 0);
	char *before = NULL;
	size_t size = read_file(folder->db, &before);
	as_ordinary_user(folder, expect_old_store_read_as_is, folder->db);
	assert_same_bytes(folder->db, before, size);
	free(before);
	assert_int_equal(chmod(folder->db, 0644), 0);
	struct progress_store *store = NULL;
	char *message = NULL;
	assert_int_equal(progress_open_reader(folder->db, &store, &message), PROGRESS_OK);
	assert_null(message);
	assert_true(progress_read_only(store));
	struct progress_summary summary;
	assert_int_equal(progress_summary(store, "ex2", NULL, &summary), PROGRESS_OK);
	assert_int_equal(summary.state, PROGRESS_STATE_PASSED);
	progress_close(store);
	assert_int_equal(raw_int(folder->db, "PRAGMA user_version"), PROGRESS_SCHEMA_VERSION);
}

/* ---- Journals ---- */

/* "unix-nowal": a shim over the default unix VFS (POSIX locks) whose files offer
 * no shared memory, which makes SQLite refuse WAL as on file systems without it,
 * so the rollback-journal fallback runs with real locking. Each method forwards
 * to the unix file kept right after the shim's header. Test-only state. */
struct nowal_file {
	sqlite3_file base;
	sqlite3_file *real;
};

static sqlite3_file *real_file(sqlite3_file *file)
{
	return ((struct nowal_file *)(void *)file)->real;
}

#define FORWARD(call) (real_file(f)->pMethods->call)

static int nowal_close(sqlite3_file *f) { return FORWARD(xClose(real_file(f))); }
static int nowal_read(sqlite3_file *f, void *b, int n, sqlite3_int64 o)
{
	return FORWARD(xRead(real_file(f), b, n, o));
}
static int nowal_write(sqlite3_file *f, const void *b, int n, sqlite3_int64 o)
{
	return FORWARD(xWrite(real_file(f), b, n, o));
}
static int nowal_truncate(sqlite3_file *f, sqlite3_int64 s) { return FORWARD(xTruncate(real_file(f), s)); }
static int nowal_sync(sqlite3_file *f, int flags) { return FORWARD(xSync(real_file(f), flags)); }
static int nowal_size(sqlite3_file *f, sqlite3_int64 *s) { return FORWARD(xFileSize(real_file(f), s)); }
static int nowal_lock(sqlite3_file *f, int l) { return FORWARD(xLock(real_file(f), l)); }
static int nowal_unlock(sqlite3_file *f, int l) { return FORWARD(xUnlock(real_file(f), l)); }
static int nowal_reserved(sqlite3_file *f, int *r) { return FORWARD(xCheckReservedLock(real_file(f), r)); }
static int nowal_control(sqlite3_file *f, int op, void *a) { return FORWARD(xFileControl(real_file(f), op, a)); }
static int nowal_sector(sqlite3_file *f) { return FORWARD(xSectorSize(real_file(f))); }
static int nowal_device(sqlite3_file *f) { return FORWARD(xDeviceCharacteristics(real_file(f))); }

/* Version 1: no xShmMap, so no WAL. */
static const sqlite3_io_methods nowal_methods = {
	1, nowal_close, nowal_read, nowal_write, nowal_truncate, nowal_sync, nowal_size,
	nowal_lock, nowal_unlock, nowal_reserved, nowal_control, nowal_sector, nowal_device,
	NULL, NULL, NULL, NULL, NULL, NULL,
};

static sqlite3_vfs nowal_vfs;
static sqlite3_vfs *unix_vfs;

static int nowal_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags,
		      int *out_flags)
{
	(void)vfs;
	struct nowal_file *shim = (struct nowal_file *)(void *)file;
	shim->real = (sqlite3_file *)(void *)(shim + 1);
	shim->base.pMethods = NULL;
	int rc = unix_vfs->xOpen(unix_vfs, name, shim->real, flags, out_flags);
	if (shim->real->pMethods)
		shim->base.pMethods = &nowal_methods;
	return rc;
}

static const char *nowal_vfs_name(void)
{
	if (!unix_vfs) {
		unix_vfs = sqlite3_vfs_find("unix");
		assert_non_null(unix_vfs);
		nowal_vfs = *unix_vfs;
		nowal_vfs.zName = "unix-nowal";
		nowal_vfs.szOsFile = (int)sizeof(struct nowal_file) + unix_vfs->szOsFile;
		nowal_vfs.xOpen = nowal_open;
		assert_int_equal(sqlite3_vfs_register(&nowal_vfs, 0), SQLITE_OK);
	}
	return nowal_vfs.zName;
}

static void progress_store_falls_back_to_a_rollback_journal_without_wal(void **state)
{
	struct folder *folder = *state;
	struct progress_store *store = NULL;
	char *message = NULL;
	assert_int_equal(progress_open_vfs(folder->db, nowal_vfs_name(), PROGRESS_READ_WRITE, &store, &message), PROGRESS_OK);
	assert_null(message);
	assert_false(progress_uses_wal(store));
	assert_fresh_store_works(store);
	progress_close(store);
	assert_int_equal(raw_int(folder->db, "SELECT count(*) FROM draft"), 1);
	assert_int_equal(count_entries(folder->path, "state.db-wal"), 0);
}

static void progress_store_uses_a_wal_journal(void **state)
{
	struct folder *folder = *state;
	struct progress_store *store = open_ok(folder->db);
	assert_true(progress_uses_wal(store));
	progress_close(store);
	sqlite3 *db = NULL;
	sqlite3_stmt *stmt = NULL;
	assert_int_equal(sqlite3_open(folder->db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &stmt, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(stmt, 0), "wal");
	sqlite3_finalize(stmt);
	sqlite3_close(db);
}

/* ---- Crashes and concurrency ---- */

#define CRASH_CANDIDATES 12
#define CRASH_KILLS 150

/* The draft a writer saves at step n: picks spell n in binary, hints = n. */
static void picks_for_step(long n, struct pick *picks)
{
	for (int i = 0; i < CRASH_CANDIDATES; i++)
		picks[i] = (n >> i) & 1 ? REAL_BUG : NOT_REAL;
}

static long step_of_picks(const struct pick *picks)
{
	long n = 0;
	for (int i = 0; i < CRASH_CANDIDATES; i++)
		if (picks[i].verdict == VERDICT_REAL)
			n |= 1L << i;
		else if (picks[i].verdict != VERDICT_NOT_REAL)
			return -1;
	return n;
}

/* The child: opens the store and saves drafts forever, writing each committed
 * step number to fd. Exit code 3 means a call failed. */
static void writer_child(const char *path, const char *exercise_id, long first, int fd)
{
	struct progress_store *store = NULL;
	if (progress_open(path, &store, NULL) != PROGRESS_OK)
		_exit(3);
	struct exercise *exercise = exercise_plain(exercise_id, CRASH_CANDIDATES);
	exercise->hint_count = MANY_HINTS;
	struct pick picks[CRASH_CANDIDATES];
	for (long n = first;; n++) {
		picks_for_step(n, picks);
		if (progress_save_draft(store, exercise, picks, (int)n) != PROGRESS_OK)
			_exit(3);
		if (write(fd, &n, sizeof n) != (ssize_t)sizeof n)
			_exit(4);
	}
}

static long last_acknowledged(int fd, long none)
{
	long n, last = none;
	while (read(fd, &n, sizeof n) == (ssize_t)sizeof n)
		last = n;
	return last;
}

static void progress_survives_sigkill_at_random_points(void **state)
{
	struct folder *folder = *state;
	unsigned seed = (unsigned)time(NULL);
	print_message("crash test seed %u\n", seed);
	struct exercise *exercise = exercise_plain("crash", CRASH_CANDIDATES);
	exercise->hint_count = MANY_HINTS;
	long committed = 0;
	for (int round = 0; round < CRASH_KILLS; round++) {
		int fds[2];
		assert_int_equal(pipe(fds), 0);
		pid_t pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			close(fds[0]);
			writer_child(folder->db, "crash", committed + 1, fds[1]);
		}
		close(fds[1]);
		/* Mostly mid-stream (after a first commit, so a loaded machine still
		 * tests something), every fifth round anywhere from before the open. */
		long first = committed;
		if (round % 5 != 0 && read(fds[0], &first, sizeof first) != (ssize_t)sizeof first)
			first = committed;
		struct timespec delay = { 0, (long)(rand_r(&seed) % 20000) * 1000 };
		nanosleep(&delay, NULL);
		kill(pid, SIGKILL);
		int status = 0;
		assert_int_equal(waitpid(pid, &status, 0), pid);
		assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
		long acknowledged = last_acknowledged(fds[0], first);
		close(fds[0]);

		if (access(folder->db, F_OK) == 0) /* not when killed before making it */
			assert_integrity_ok(folder->db);
		struct progress_store *store = open_ok(folder->db);
		struct pick picks[CRASH_CANDIDATES];
		struct progress_draft draft;
		enum progress_status found = progress_load_draft(store, exercise, picks, &draft);
		progress_close(store);
		if (acknowledged == 0 && found == PROGRESS_NOT_FOUND)
			continue;
		assert_int_equal(found, PROGRESS_OK);
		/* Everything acknowledged is there; one more may have committed before
		 * its acknowledgement was written. Picks and hints come from one commit. */
		assert_true(draft.hints_revealed == acknowledged || draft.hints_revealed == acknowledged + 1);
		assert_int_equal(step_of_picks(picks) , draft.hints_revealed % (1L << CRASH_CANDIDATES));
		committed = draft.hints_revealed;
	}
	print_message("crash test: %d kills, %ld drafts committed in all, %d unfinished new stores"
		      " left by creators killed before linking theirs\n", CRASH_KILLS, committed,
		      count_entries(folder->path, "state.db.new-"));
	assert_true(committed >= CRASH_KILLS * 4 / 5);
	exercise_dispose(exercise);
}

static void check_call(struct progress_store *store, enum progress_status status, int writer, long step)
{
	if (status == PROGRESS_OK)
		return;
	fprintf(stderr, "writer %d step %ld: %s: %s\n", writer, step, progress_status_name(status),
		progress_last_error(store));
	_exit(3);
}

/* Two writers on one store: every attempt of both is kept, each one's draft
 * holds its last step, and no call reports busy. */
static void run_two_writers(const char *path, const char *vfs)
{
	enum { ATTEMPTS = 150 };
	pid_t pids[2];
	for (int w = 0; w < 2; w++) {
		pids[w] = fork();
		assert_true(pids[w] >= 0);
		if (pids[w] != 0)
			continue;
		struct progress_store *store = NULL;
		char *message = NULL;
		enum progress_status opened = progress_open_vfs(path, vfs, PROGRESS_READ_WRITE, &store, &message);
		if (opened != PROGRESS_OK) {
			fprintf(stderr, "writer %d: open: %s: %s\n", w, progress_status_name(opened),
				message ? message : "");
			_exit(3);
		}
		if (progress_uses_wal(store) != (vfs == NULL)) /* the journal this run is about */
			_exit(4);
		struct exercise *exercise = exercise_plain(w ? "writer-b" : "writer-a", CRASH_CANDIDATES);
		exercise->hint_count = MANY_HINTS;
		struct exercise *shared = exercise_plain("shared", CRASH_CANDIDATES);
		struct pick picks[CRASH_CANDIDATES];
		struct score_result result = result_of(10, 1, 0);
		struct progress_summary summary;
		for (long n = 1; n <= ATTEMPTS; n++) {
			picks_for_step(n, picks);
			enum progress_status status[3];
			status[0] = progress_save_draft(store, exercise, picks, (int)n);
			check_call(store, status[0], w, n);
			status[1] = progress_record_attempt(store, shared, picks, &result, n, n);
			check_call(store, status[1], w, n);
			status[2] = progress_summary(store, "shared", shared->content_hash, &summary);
			check_call(store, status[2], w, n);
		}
		progress_close(store);
		exercise_dispose(exercise);
		exercise_dispose(shared);
		_exit(0);
	}
	for (int w = 0; w < 2; w++) {
		int status = 0;
		assert_int_equal(waitpid(pids[w], &status, 0), pids[w]);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	assert_integrity_ok(path);
	assert_int_equal(raw_int(path, "SELECT count(*) FROM attempt WHERE exercise_id = 'shared'"),
			 2 * ATTEMPTS);
	assert_int_equal(raw_int(path, "SELECT count(*) FROM draft WHERE hints_revealed = 150"), 2);
}

static void progress_two_writer_processes_lose_nothing(void **state)
{
	struct folder *folder = *state;
	run_two_writers(folder->db, NULL);
}

static void progress_two_writer_processes_lose_nothing_with_rollback_journal(void **state)
{
	struct folder *folder = *state;
	struct progress_store *store = NULL;
	assert_int_equal(progress_open_vfs(folder->db, nowal_vfs_name(), PROGRESS_READ_WRITE, &store, NULL), PROGRESS_OK);
	assert_false(progress_uses_wal(store));
	progress_close(store);
	run_two_writers(folder->db, nowal_vfs_name());
}

struct thread_job {
	const char *path;
	const char *exercise_id;
	int failures;
};

static void *thread_writer(void *argument)
{
	struct thread_job *job = argument;
	struct progress_store *store = NULL;
	char *message = NULL;
	if (progress_open(job->path, &store, &message) != PROGRESS_OK) {
		fprintf(stderr, "thread %s: open: %s\n", job->exercise_id, message ? message : "");
		free(message);
		job->failures++;
		return NULL;
	}
	struct exercise *exercise = exercise_plain(job->exercise_id, 2);
	struct pick picks[2] = { REAL_BUG, NOT_REAL };
	struct score_result result = result_of(10, 1, 0);
	for (int n = 0; n < 100; n++) {
		enum progress_status saved = progress_save_draft(store, exercise, picks, n);
		enum progress_status recorded = progress_record_attempt(store, exercise, picks, &result, n, n);
		if (saved != PROGRESS_OK || recorded != PROGRESS_OK) {
			fprintf(stderr, "thread %s step %d: %s, %s: %s\n", job->exercise_id, n,
				progress_status_name(saved), progress_status_name(recorded),
				progress_last_error(store));
			job->failures++;
		}
	}
	progress_close(store);
	exercise_dispose(exercise);
	return NULL;
}

static void progress_separate_handles_work_in_separate_threads(void **state)
{
	struct folder *folder = *state;
	struct thread_job jobs[2] = { { folder->db, "t1", 0 }, { folder->db, "t2", 0 } };
	pthread_t threads[2];
	for (int i = 0; i < 2; i++)
		assert_int_equal(pthread_create(&threads[i], NULL, thread_writer, &jobs[i]), 0);
	for (int i = 0; i < 2; i++)
		assert_int_equal(pthread_join(threads[i], NULL), 0);
	assert_int_equal(jobs[0].failures + jobs[1].failures, 0);
	assert_int_equal(raw_int(folder->db, "SELECT count(*) FROM attempt"), 200);
}

static double seconds_now(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

/* A writer that holds the lock longer than the wait makes the call report BUSY
 * with a plain message, never SQLite's "database is locked"; the wait is bounded. */
static void progress_long_lock_reports_busy_in_plain_words(void **state)
{
	struct folder *folder = *state;
	struct progress_store *store = open_ok(folder->db);
	progress_set_lock_wait(store, 1500);
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(folder->db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	struct exercise *exercise = exercise_plain("ex1", 1);
	struct pick picks[1] = { REAL_BUG };
	double start = seconds_now();
	assert_int_equal(progress_save_draft(store, exercise, picks, 0), PROGRESS_BUSY);
	print_message("a save gave up after %.2f s (wait set to 1.5 s)\n", seconds_now() - start);
	assert_non_null(strstr(progress_last_error(store), "busy"));
	assert_null(strstr(progress_last_error(store), "locked"));
	/* Reads go on while another writer holds the lock (WAL). */
	struct progress_summary summary;
	assert_int_equal(progress_summary(store, "ex1", exercise->content_hash, &summary), PROGRESS_OK);
	assert_int_equal(sqlite3_exec(db, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(progress_save_draft(store, exercise, picks, 0), PROGRESS_OK);
	progress_close(store);
	exercise_dispose(exercise);
}

/* Issue 16: `review progress` and a TUI's first load open a reader, which never
 * needs the write lock: while another process holds it for longer than any
 * wait, the reader opens and reads at once (WAL and rollback journal). */
static void progress_reader_never_waits_for_the_write_lock(void **state)
{
	struct folder *folder = *state;
	for (int journal = 0; journal < 2; journal++) {
		if (journal == 1)
			raw_exec(folder->db, "PRAGMA journal_mode = DELETE");
		else
			fill_readable_store(folder->db);
		sqlite3 *db = NULL;
		assert_int_equal(sqlite3_open(folder->db, &db), SQLITE_OK);
		assert_int_equal(sqlite3_exec(db, "BEGIN IMMEDIATE; REPLACE INTO meta VALUES('held', 'x')",
					      NULL, NULL, NULL), SQLITE_OK);
		double start = seconds_now();
		struct progress_store *store = NULL;
		char *message = NULL;
		assert_int_equal(progress_open_reader(folder->db, &store, &message), PROGRESS_OK);
		assert_null(message);
		progress_set_lock_wait(store, 1); /* any wait at all would fail the reads */
		assert_int_equal(expect_saved_progress(store), 0);
		print_message("%s: a reader opened and read in %.1f ms while the write lock was held\n",
			      journal ? "rollback journal" : "WAL", (seconds_now() - start) * 1e3);
		progress_close(store);
		assert_int_equal(sqlite3_exec(db, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
		sqlite3_close(db);
	}
}

/* Issue 16: many writers saving continuously. Each takes its turn at the write
 * lock through the jittered retries: no save is lost, none reports busy. The
 * longest a call waited is printed, never asserted. */
enum { MANY_WRITERS = 16, MANY_ROUNDS = 250 };

static void many_writers_child(const char *path, int writer, int fd)
{
	struct progress_store *store = NULL;
	char *message = NULL;
	enum progress_status opened = progress_open(path, &store, &message);
	if (opened != PROGRESS_OK) {
		fprintf(stderr, "writer %d: open: %s: %s\n", writer, progress_status_name(opened),
			message ? message : "");
		_exit(3);
	}
	char id[32];
	snprintf(id, sizeof id, "writer-%d", writer);
	struct exercise *own = exercise_plain(id, CRASH_CANDIDATES);
	own->hint_count = MANY_HINTS;
	struct exercise *shared = exercise_plain("shared", CRASH_CANDIDATES);
	struct pick picks[CRASH_CANDIDATES];
	struct score_result result = result_of(10, 1, 0);
	double longest = 0;
	for (long n = 1; n <= MANY_ROUNDS; n++) {
		picks_for_step(n, picks);
		double before = seconds_now();
		check_call(store, progress_save_draft(store, own, picks, (int)n), writer, n);
		double middle = seconds_now();
		check_call(store, progress_record_attempt(store, shared, picks, &result, n, n), writer, n);
		double after = seconds_now();
		longest = middle - before > longest ? middle - before : longest;
		longest = after - middle > longest ? after - middle : longest;
	}
	if (write(fd, &longest, sizeof longest) != (ssize_t)sizeof longest)
		_exit(4);
	_exit(0);
}

static void progress_many_writer_processes_lose_nothing_and_never_report_busy(void **state)
{
	struct folder *folder = *state;
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	pid_t pids[MANY_WRITERS];
	double start = seconds_now();
	for (int w = 0; w < MANY_WRITERS; w++) {
		pids[w] = fork();
		assert_true(pids[w] >= 0);
		if (pids[w] == 0) {
			close(fds[0]);
			many_writers_child(folder->db, w, fds[1]);
		}
	}
	close(fds[1]);
	int failed = 0;
	for (int w = 0; w < MANY_WRITERS; w++) {
		int status = 0;
		assert_int_equal(waitpid(pids[w], &status, 0), pids[w]);
		failed += !WIFEXITED(status) || WEXITSTATUS(status) != 0;
	}
	double longest = 0, one;
	while (read(fds[0], &one, sizeof one) == (ssize_t)sizeof one)
		longest = one > longest ? one : longest;
	close(fds[0]);
	long long attempts = raw_int(folder->db, "SELECT count(*) FROM attempt WHERE exercise_id = 'shared'");
	char sql[128];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM draft WHERE hints_revealed = %d", MANY_ROUNDS);
	long long drafts = raw_int(folder->db, sql);
	long long lost = (long long)MANY_WRITERS * MANY_ROUNDS - attempts + MANY_WRITERS - drafts;
	print_message("%d writer processes x %d rounds (%d commits) in %.1f s: %lld lost, %d failed"
		      " (busy or other), longest wait for one call %.0f ms\n",
		      MANY_WRITERS, MANY_ROUNDS, MANY_WRITERS * MANY_ROUNDS * 2, seconds_now() - start,
		      lost, failed, longest * 1e3);
	assert_int_equal(failed, 0);
	assert_int_equal(lost, 0);
	assert_integrity_ok(folder->db);
}

/* Measures what a keystroke costs: one committed, fsynced draft save. */
static void progress_prints_draft_save_and_summary_timings(void **state)
{
	struct folder *folder = *state;
	struct progress_store *store = open_ok(folder->db);
	struct exercise *exercise = exercise_plain("ex1", CRASH_CANDIDATES);
	exercise->hint_count = MANY_HINTS;
	struct pick picks[CRASH_CANDIDATES];
	enum { SAVES = 200 };
	double worst = 0, start = seconds_now();
	for (long n = 0; n < SAVES; n++) {
		picks_for_step(n, picks);
		double before = seconds_now();
		assert_int_equal(progress_save_draft(store, exercise, picks, (int)n), PROGRESS_OK);
		double took = seconds_now() - before;
		worst = took > worst ? took : worst;
	}
	double mean = (seconds_now() - start) / SAVES;
	struct progress_draft draft;
	start = seconds_now();
	for (int n = 0; n < SAVES; n++)
		assert_int_equal(progress_load_draft(store, exercise, picks, &draft), PROGRESS_OK);
	double load = (seconds_now() - start) / SAVES;
	print_message("draft save: mean %.3f ms, worst %.3f ms; load %.3f ms (WAL, synchronous=FULL)\n",
		      mean * 1e3, worst * 1e3, load * 1e3);
	/* The catalog asks for a summary of every exercise when it opens. */
	struct score_result result = result_of(10, 1, 0);
	for (int n = 0; n < SAVES; n++)
		assert_int_equal(progress_record_attempt(store, exercise, picks, &result, n, n), PROGRESS_OK);
	progress_close(store);
	start = seconds_now();
	store = open_ok(folder->db);
	double opened = seconds_now() - start;
	struct progress_summary summary;
	start = seconds_now();
	for (int n = 0; n < 1000; n++)
		assert_int_equal(progress_summary(store, n % 2 ? "ex1" : "other", "00112233aabbccdd", &summary),
				 PROGRESS_OK);
	double summaries = seconds_now() - start;
	print_message("open %.3f ms; 1000 summaries %.3f ms\n", opened * 1e3, summaries * 1e3);
	progress_close(store);
	exercise_dispose(exercise);
}

/* The catalog screen reads every exercise's summary at once: the bulk call must
 * say exactly what one call per exercise says. */
static void progress_catalog_summaries_match_one_by_one(void **state)
{
	struct folder *folder = *state;
	const char *folders[] = { FIXTURES_DIR "/catalog" };
	struct diag_list diags = DIAG_LIST_INIT;
	struct catalog *catalog = catalog_load(folders, 1, &diags);
	struct progress_store *store = open_ok(folder->db);
	struct exercise *first = NULL, *second = NULL;
	struct pick picks[2] = { { VERDICT_REAL, SEVERITY_MINOR }, { VERDICT_NOT_REAL, SEVERITY_NONE } };
	assert_true(catalog->count >= 3);
	assert_int_equal(loader_load_file(catalog->entries[1].path, &first, &diags), LOADER_OK);
	assert_int_equal(loader_load_file(catalog->entries[2].path, &second, &diags), LOADER_OK);
	struct score_result passed = result_of(30, 3, 0);
	assert_int_equal(progress_record_attempt(store, first, picks, &passed, 1, 2), PROGRESS_OK);
	assert_int_equal(progress_save_draft(store, second, picks, 1), PROGRESS_OK);

	struct progress_summary *bulk = calloc(catalog->count, sizeof(*bulk));
	assert_int_equal(progress_summarize_catalog(store, catalog, bulk), PROGRESS_OK);
	for (size_t i = 0; i < catalog->count; i++) {
		struct progress_summary one;
		const struct catalog_entry *entry = &catalog->entries[i];
		assert_int_equal(progress_summary(store, entry->id, entry->content_hash, &one), PROGRESS_OK);
		assert_memory_equal(&one, &bulk[i], sizeof(one));
	}
	assert_int_equal(bulk[1].state, PROGRESS_STATE_PASSED);
	assert_int_equal(bulk[2].state, PROGRESS_STATE_IN_PROGRESS);
	assert_int_equal(bulk[0].state, PROGRESS_STATE_NEW);
	assert_int_equal(progress_summarize_catalog(NULL, catalog, bulk), PROGRESS_DISABLED);
	assert_int_equal(bulk[1].state, PROGRESS_STATE_NEW);
	free(bulk);
	exercise_free(first);
	exercise_free(second);
	progress_close(store);
	catalog_free(catalog);
	diag_list_free(&diags);
}

/* ---- Hand-edited values ---- */

/* Issue 16: values written with sqlite3 by hand (negative or huge scores, maxima
 * and times, text and reals where integers belong) are clamped into their
 * documented ranges and flagged, never computed on as they are (no signed
 * overflow, no negative score that prints as "-2.-5", no year 292 billion). */
static void progress_summary_clamps_hand_edited_values(void **state)
{
	struct folder *folder = *state;
	struct progress_store *store = open_ok(folder->db);
	progress_close(store);
	raw_exec(folder->db,
		 "INSERT INTO attempt(exercise_id, content_hash, submitted_at, answers, hints_revealed,"
		 " score_tenths, max_points, passed) VALUES"
		 " ('neg', '', -5, '', 0, -25, 10, 0),"
		 " ('huge', '', 9223372036854775807, '', 0, 9223372036854775807, 9223372036854775807, 1),"
		 " ('over', '', 100, '', 0, 500, 10, 1),"
		 " ('text', '', 'yesterday', '', 'x', 'lots', 2.5, 'yes'),"
		 " ('fine', '', 100, '', 0, 85, 10, 1);"
		 "INSERT INTO draft(exercise_id, content_hash, answers, hints_revealed, started_at,"
		 " updated_at) VALUES ('draft', '', 'c1=bug', -3, -9223372036854775808, 'soon')");
	store = open_ok(folder->db);
	static const char *const ids[] = { "neg", "huge", "over", "text" };
	struct progress_summary summary;
	for (size_t i = 0; i < 4; i++) {
		assert_int_equal(progress_summary(store, ids[i], NULL, &summary), PROGRESS_OK);
		print_message("  %s: %ld.%ld/%ld, %ld tenths of a percent, last %lld\n", ids[i],
			      summary.best_score_tenths / 10, summary.best_score_tenths % 10, summary.best_max,
			      summary.best_percent_tenths, (long long)summary.last_attempt);
		assert_true(summary.invalid);
		assert_true(summary.best_max >= 0 && summary.best_max <= PROGRESS_MAX_POINTS);
		assert_true(summary.best_score_tenths >= 0 && summary.best_score_tenths <= summary.best_max * 10);
		assert_true(summary.best_percent_tenths >= 0 && summary.best_percent_tenths <= 1000);
		assert_true(summary.best_percent >= 0 && summary.best_percent <= 100);
		assert_true(summary.last_attempt >= 0 && summary.last_attempt <= PROGRESS_LATEST_TIME);
		struct tm utc;
		assert_non_null(gmtime_r(&summary.last_attempt, &utc));
	}
	assert_int_equal(progress_summary(store, "neg", NULL, &summary), PROGRESS_OK);
	assert_int_equal(summary.best_score_tenths, 0);
	assert_int_equal(summary.last_attempt, 0);
	assert_int_equal(progress_summary(store, "huge", NULL, &summary), PROGRESS_OK);
	assert_int_equal(summary.best_max, PROGRESS_MAX_POINTS);
	assert_int_equal(summary.best_percent_tenths, 1000);
	assert_int_equal(summary.last_attempt, PROGRESS_LATEST_TIME);
	assert_int_equal(progress_summary(store, "over", NULL, &summary), PROGRESS_OK);
	assert_int_equal(summary.best_score_tenths, 100);
	assert_int_equal(progress_summary(store, "fine", NULL, &summary), PROGRESS_OK);
	assert_false(summary.invalid);
	assert_int_equal(summary.best_percent_tenths, 850);

	struct exercise *exercise = exercise_plain("draft", 1);
	struct pick picks[1];
	struct progress_draft draft;
	assert_int_equal(progress_load_draft(store, exercise, picks, &draft), PROGRESS_OK);
	assert_true(draft.invalid);
	assert_int_equal(draft.hints_revealed, 0);
	assert_int_equal(draft.started_at, 0);
	assert_int_equal(draft.updated_at, 0);
	assert_pick(picks[0], REAL_BUG);
	exercise_dispose(exercise);
	progress_close(store);
}

#define FOLDER_TEST(name) cmocka_unit_test_setup_teardown(name, setup_folder, teardown_folder)

int main(void)
{
	const struct CMUnitTest tests[] = {
		FOLDER_TEST(progress_open_creates_private_folders_and_file),
		cmocka_unit_test(progress_default_path_follows_xdg_then_home),
		FOLDER_TEST(progress_open_default_path_is_created_under_xdg_state_home),
		FOLDER_TEST(progress_draft_round_trips_picks_and_hints),
		FOLDER_TEST(progress_load_draft_without_draft_is_not_found_and_clears_picks),
		FOLDER_TEST(progress_draft_hints_stay_charged_after_reopen),
		FOLDER_TEST(progress_draft_keeps_started_at_across_saves),
		FOLDER_TEST(progress_draft_of_a_changed_file_keeps_picks_of_remaining_ids),
		FOLDER_TEST(progress_draft_ids_with_separators_round_trip),
		FOLDER_TEST(progress_load_draft_drops_unreadable_answers),
		FOLDER_TEST(progress_delete_draft_removes_only_that_draft),
		FOLDER_TEST(progress_record_attempt_keeps_attempts_and_clears_the_draft),
		FOLDER_TEST(progress_summary_states_from_new_to_changed),
		FOLDER_TEST(progress_summary_percent_rounds_down_and_zero_max_is_full),
		FOLDER_TEST(progress_reset_clears_one_exercise_or_all),
		cmocka_unit_test(progress_null_store_saves_nothing),
		FOLDER_TEST(progress_rejects_missing_arguments),
		FOLDER_TEST(progress_open_under_a_regular_file_is_disabled),
		cmocka_unit_test(progress_open_under_proc_is_disabled),
		FOLDER_TEST(progress_open_on_a_directory_is_refused),
		cmocka_unit_test(progress_open_empty_path_is_disabled),
		FOLDER_TEST(progress_open_relative_path_creates_folders),
		FOLDER_TEST(progress_open_in_a_read_only_folder_is_disabled),
		FOLDER_TEST(progress_store_in_a_read_only_folder_is_still_read),
		FOLDER_TEST(progress_read_only_store_is_still_read),
		FOLDER_TEST(progress_reader_of_a_missing_store_creates_nothing),
		FOLDER_TEST(progress_open_moves_a_damaged_store_aside),
		FOLDER_TEST(progress_open_never_touches_a_file_that_is_not_ours),
		FOLDER_TEST(progress_open_finds_our_application_id_in_the_wal),
		FOLDER_TEST(progress_open_refuses_what_is_not_a_regular_file),
		FOLDER_TEST(progress_concurrent_creators_make_one_store),
		FOLDER_TEST(progress_open_moves_a_truncated_database_aside),
		FOLDER_TEST(progress_open_moves_a_zeroed_database_aside),
		FOLDER_TEST(progress_open_never_overwrites_an_earlier_corrupt_copy),
		FOLDER_TEST(progress_open_damaged_file_that_cannot_move_is_disabled),
		FOLDER_TEST(progress_open_refuses_a_newer_schema_and_leaves_it_untouched),
		FOLDER_TEST(progress_open_refuses_another_programs_database),
		FOLDER_TEST(progress_open_migrates_a_version_1_store),
		FOLDER_TEST(progress_reader_of_an_old_store_has_it_migrated),
		FOLDER_TEST(progress_store_falls_back_to_a_rollback_journal_without_wal),
		FOLDER_TEST(progress_store_uses_a_wal_journal),
		FOLDER_TEST(progress_survives_sigkill_at_random_points),
		FOLDER_TEST(progress_two_writer_processes_lose_nothing),
		FOLDER_TEST(progress_two_writer_processes_lose_nothing_with_rollback_journal),
		FOLDER_TEST(progress_separate_handles_work_in_separate_threads),
		FOLDER_TEST(progress_long_lock_reports_busy_in_plain_words),
		FOLDER_TEST(progress_reader_never_waits_for_the_write_lock),
		FOLDER_TEST(progress_many_writer_processes_lose_nothing_and_never_report_busy),
		FOLDER_TEST(progress_summary_clamps_hand_edited_values),
		FOLDER_TEST(progress_prints_draft_save_and_summary_timings),
		FOLDER_TEST(progress_catalog_summaries_match_one_by_one),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
