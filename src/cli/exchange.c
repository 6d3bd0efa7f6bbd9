/* Export files: written with the JSON helpers, read back through the bounded
 * YAML tree (JSON is YAML), so a bad file is reported at its line and column. */
#include "cli/exchange.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "review/yamldoc.h"

/* ---- Times: ISO 8601 UTC, without the locale or TZ ---- */

/* Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm). */
static long long days_from_civil(long long year, int month, int day)
{
	year -= month <= 2;
	long long era = (year >= 0 ? year : year - 399) / 400;
	long long year_of_era = year - era * 400;
	long long day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
	long long day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
	return era * 146097 + day_of_era - 719468;
}

void exchange_format_time(long long seconds, char *buffer, size_t size)
{
	long long days = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
	long long rest = seconds - days * 86400;
	/* civil_from_days, the inverse of the above */
	long long z = days + 719468;
	long long era = (z >= 0 ? z : z - 146096) / 146097;
	long long day_of_era = z - era * 146097;
	long long year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
	long long day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
	long long mp = (5 * day_of_year + 2) / 153;
	int day = (int)(day_of_year - (153 * mp + 2) / 5 + 1);
	int month = (int)(mp < 10 ? mp + 3 : mp - 9);
	long long year = year_of_era + era * 400 + (month <= 2);
	snprintf(buffer, size, "%04lld-%02d-%02dT%02lld:%02lld:%02lldZ", year, month, day, rest / 3600,
		 rest / 60 % 60, rest % 60);
}

static bool parse_time(const char *text, long long *out)
{
	long long year;
	int month, day, hour, minute, second, used = 0;
	if (sscanf(text, "%4lld-%2d-%2dT%2d:%2d:%2dZ%n", &year, &month, &day, &hour, &minute, &second,
		   &used) != 6 || used != (int)strlen(text) || used != 20)
		return false;
	if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
		return false;
	*out = days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
	return true;
}

/* ---- Writing ---- */

static void write_time(FILE *out, const char *key, bool known, long long seconds)
{
	char text[32];
	fprintf(out, ",\"%s\":", key);
	if (!known) {
		fputs("null", out);
		return;
	}
	exchange_format_time(seconds, text, sizeof(text));
	fprintf(out, "\"%s\"", text);
}

static void write_attempt(FILE *out, const struct progress_attempt *attempt)
{
	fputc('{', out);
	json_write_key(out, "exercise_id"), json_write_string(out, attempt->exercise_id);
	fputc(',', out), json_write_key(out, "content_hash"), json_write_string(out, attempt->content_hash);
	fprintf(out, ",\"rule_version\":%d", attempt->rule_version);
	write_time(out, "started_at", attempt->has_started, attempt->started_at);
	write_time(out, "submitted_at", true, attempt->submitted_at);
	fprintf(out, ",\"hints\":%d,\"score_tenths\":%lld,\"max\":%lld,\"passed\":%s,\"picks\":{",
		attempt->hints, attempt->score_tenths, attempt->max, attempt->passed ? "true" : "false");
	for (size_t i = 0; i < attempt->answer_count; i++) {
		fputs(i ? "," : "", out);
		json_write_key(out, attempt->answers[i].candidate_id);
		json_write_string(out, score_pick_name(attempt->answers[i].pick));
	}
	fputs("},\"flags\":", out);
	if (!attempt->has_find) {
		fputs("null,\"find\":null}", out);
		return;
	}
	fputc('[', out);
	for (size_t i = 0; i < attempt->flag_count; i++)
		fputs(i ? "," : "", out), json_write_string(out, attempt->flags[i]);
	const struct find_result *find = &attempt->find;
	fprintf(out, "],\"find\":{\"found\":%zu,\"findable\":%zu,\"found_points\":%lld,"
		     "\"findable_points\":%lld,\"false_alarms\":%zu,\"fell_for\":%zu}}",
		find->found_count, find->real_count, find->found_points, find->real_points,
		find->false_alarms, find->fell_for);
}

void exchange_write(FILE *out, const char *learner, long long exported_at,
		    const struct progress_attempt *attempts, size_t count)
{
	char when[32];
	exchange_format_time(exported_at, when, sizeof(when));
	fprintf(out, "{\"format\":\"%s\",\"version\":%d,\"learner\":", EXCHANGE_FORMAT, EXCHANGE_VERSION);
	json_write_string(out, learner);
	fprintf(out, ",\"exported_at\":\"%s\",\"attempts\":[", when);
	for (size_t i = 0; i < count; i++) {
		fputs(i ? ",\n  " : "\n  ", out);
		write_attempt(out, &attempts[i]);
	}
	fputs(count ? "\n]}\n" : "]}\n", out);
}

/* ---- Reading ---- */

struct reader {
	const char *path;
	struct diag_list *diags;
	size_t errors;
};

static void error_at(struct reader *reader, const struct yamldoc_node *node, const char *format, ...)
	__attribute__((format(printf, 3, 4)));
static void error_at(struct reader *reader, const struct yamldoc_node *node, const char *format, ...)
{
	char message[512];
	va_list args;
	va_start(args, format);
	vsnprintf(message, sizeof(message), format, args);
	va_end(args);
	diag_add(reader->diags, reader->path, node ? node->line : 0, node ? node->column : 0,
		 DIAG_ERROR, "%s", message);
	reader->errors++;
}

static const struct yamldoc_node *need(struct reader *reader, const struct yamldoc_node *mapping,
				       const char *key, enum yamldoc_kind kind, bool nullable)
{
	const struct yamldoc_node *node = yamldoc_get(mapping, key);
	if (!node) {
		error_at(reader, mapping, "missing key '%s'", key);
		return NULL;
	}
	if (nullable && yamldoc_is_null(node))
		return NULL;
	if (node->kind != kind || (kind == YAMLDOC_SCALAR && yamldoc_is_null(node))) {
		error_at(reader, node, "'%s' must be %s, not %s", key,
			 kind == YAMLDOC_SCALAR ? "a value" : kind == YAMLDOC_SEQUENCE ? "a list" : "an object",
			 yamldoc_describe(node));
		return NULL;
	}
	return node;
}

static char *need_string(struct reader *reader, const struct yamldoc_node *mapping, const char *key)
{
	const struct yamldoc_node *node = need(reader, mapping, key, YAMLDOC_SCALAR, false);
	if (!node)
		return NULL;
	if (node->plain || memchr(node->value, '\0', node->length)) {
		error_at(reader, node, "'%s' must be a string", key);
		return NULL;
	}
	return strdup(node->value);
}

static bool need_number(struct reader *reader, const struct yamldoc_node *mapping, const char *key,
			long long low, long long *out)
{
	const struct yamldoc_node *node = need(reader, mapping, key, YAMLDOC_SCALAR, false);
	long value = 0;
	if (!node)
		return false;
	if (!yamldoc_as_long(node, &value) || value < low) {
		error_at(reader, node, "'%s' must be a whole number of at least %lld", key, low);
		return false;
	}
	*out = value;
	return true;
}

static bool need_bool(struct reader *reader, const struct yamldoc_node *mapping, const char *key,
		      bool *out)
{
	const struct yamldoc_node *node = need(reader, mapping, key, YAMLDOC_SCALAR, false);
	if (node && !yamldoc_as_bool(node, out)) {
		error_at(reader, node, "'%s' must be true or false", key);
		return false;
	}
	return node != NULL;
}

/* A time: an ISO 8601 UTC string; null when nullable. */
static bool need_time(struct reader *reader, const struct yamldoc_node *mapping, const char *key,
		      bool nullable, bool *known, long long *out)
{
	const struct yamldoc_node *node = need(reader, mapping, key, YAMLDOC_SCALAR, nullable);
	*known = node != NULL;
	if (!node)
		return nullable && yamldoc_get(mapping, key) && yamldoc_is_null(yamldoc_get(mapping, key));
	if (node->plain || !parse_time(node->value, out)) {
		error_at(reader, node, "'%s' must be a time like \"2026-11-29T15:04:05Z\"", key);
		return false;
	}
	return true;
}

static bool parse_pick(const char *text, struct pick *out)
{
	*out = (struct pick){ VERDICT_REAL, SEVERITY_NONE };
	if (strcmp(text, "not-real") == 0) {
		out->verdict = VERDICT_NOT_REAL;
		return true;
	}
	return strcmp(text, "real") == 0 || (severity_parse(text, &out->severity) &&
					     strcmp(severity_name(out->severity), text) == 0);
}

static void read_picks(struct reader *reader, const struct yamldoc_node *picks,
		       struct progress_attempt *attempt)
{
	attempt->answers = calloc(picks->count / 2 + 1, sizeof(*attempt->answers));
	if (!attempt->answers) {
		error_at(reader, picks, "out of memory");
		return;
	}
	for (size_t i = 0; i + 1 < picks->count; i += 2) {
		const struct yamldoc_node *id = picks->items[i], *verdict = picks->items[i + 1];
		struct pick pick;
		if (id->kind != YAMLDOC_SCALAR || !*id->value || memchr(id->value, '\0', id->length)) {
			error_at(reader, id, "a candidate id must be a non-empty string");
			continue;
		}
		for (size_t j = 0; j < attempt->answer_count; j++)
			if (strcmp(attempt->answers[j].candidate_id, id->value) == 0)
				error_at(reader, id, "candidate '%s' is picked twice", id->value);
		if (verdict->kind != YAMLDOC_SCALAR || !parse_pick(verdict->value, &pick)) {
			error_at(reader, verdict,
				 "a pick must be not-real, real, bug, warning or minor, not %s",
				 verdict->kind == YAMLDOC_SCALAR ? verdict->value : yamldoc_describe(verdict));
			continue;
		}
		struct progress_answer *answer = &attempt->answers[attempt->answer_count];
		answer->pick = pick;
		if ((answer->candidate_id = strdup(id->value)) != NULL)
			attempt->answer_count++;
	}
}

static void read_flags(struct reader *reader, const struct yamldoc_node *flags,
		       struct progress_attempt *attempt)
{
	char message[128];
	struct flag flag;
	attempt->flags = calloc(flags->count + 1, sizeof(*attempt->flags));
	if (!attempt->flags || flags->count > FIND_MAX_FLAGS) {
		error_at(reader, flags, "at most %d flags", FIND_MAX_FLAGS);
		return;
	}
	for (size_t i = 0; i < flags->count; i++) {
		const struct yamldoc_node *item = flags->items[i];
		if (item->kind != YAMLDOC_SCALAR || item->plain ||
		    !find_parse_flag(item->value, 1 << 30, &flag, message, sizeof(message))) {
			error_at(reader, item, "a flag is a string \"L\", \"L-M\" or either with "
					       ":SEVERITY%s%s", item->kind == YAMLDOC_SCALAR ? ": " : "",
				 item->kind == YAMLDOC_SCALAR && !item->plain ? message : "");
			continue;
		}
		if ((attempt->flags[attempt->flag_count] = strdup(item->value)) != NULL)
			attempt->flag_count++;
	}
}

static void read_find(struct reader *reader, const struct yamldoc_node *find,
		      struct progress_attempt *attempt)
{
	long long found = 0, findable = 0, false_alarms = 0, fell_for = 0;
	struct find_result *result = &attempt->find;
	if (need_number(reader, find, "found", 0, &found) &&
	    need_number(reader, find, "findable", 0, &findable) &&
	    need_number(reader, find, "found_points", 0, &result->found_points) &&
	    need_number(reader, find, "findable_points", 0, &result->real_points) &&
	    need_number(reader, find, "false_alarms", 0, &false_alarms) &&
	    need_number(reader, find, "fell_for", 0, &fell_for)) {
		result->found_count = (size_t)found;
		result->real_count = (size_t)findable;
		result->false_alarms = (size_t)false_alarms;
		result->fell_for = (size_t)fell_for;
	}
}

static void read_attempt(struct reader *reader, const struct yamldoc_node *node,
			 struct progress_attempt *attempt)
{
	long long value = 0;
	if (node->kind != YAMLDOC_MAPPING) {
		error_at(reader, node, "an attempt must be an object, not %s", yamldoc_describe(node));
		return;
	}
	attempt->exercise_id = need_string(reader, node, "exercise_id");
	attempt->content_hash = need_string(reader, node, "content_hash");
	if (need_number(reader, node, "rule_version", 1, &value))
		attempt->rule_version = (int)(value > 1000 ? 1000 : value);
	need_time(reader, node, "started_at", true, &attempt->has_started, &attempt->started_at);
	bool known;
	need_time(reader, node, "submitted_at", false, &known, &attempt->submitted_at);
	if (need_number(reader, node, "hints", 0, &value))
		attempt->hints = (int)(value > 1000 ? 1000 : value);
	need_number(reader, node, "score_tenths", 0, &attempt->score_tenths);
	need_number(reader, node, "max", 0, &attempt->max);
	need_bool(reader, node, "passed", &attempt->passed);
	const struct yamldoc_node *picks = need(reader, node, "picks", YAMLDOC_MAPPING, false);
	if (picks)
		read_picks(reader, picks, attempt);
	const struct yamldoc_node *flags = need(reader, node, "flags", YAMLDOC_SEQUENCE, true);
	const struct yamldoc_node *find = need(reader, node, "find", YAMLDOC_MAPPING, true);
	if ((flags == NULL) != (find == NULL)) {
		error_at(reader, node, "'flags' and 'find' are both null (no find phase) or both given");
		return;
	}
	attempt->has_find = flags != NULL;
	if (flags)
		read_flags(reader, flags, attempt), read_find(reader, find, attempt);
}

static void read_export(struct reader *reader, const struct yamldoc_node *root,
			struct exchange_file *out)
{
	long long version = 0;
	const struct yamldoc_node *format = need(reader, root, "format", YAMLDOC_SCALAR, false);
	if (format && strcmp(format->value, EXCHANGE_FORMAT) != 0) {
		error_at(reader, format, "'format' must be \"%s\"", EXCHANGE_FORMAT);
		return;
	}
	if (need_number(reader, root, "version", 1, &version) && version > EXCHANGE_VERSION) {
		error_at(reader, yamldoc_get(root, "version"),
			 "version %lld is newer than this review reads (%d): update review", version,
			 EXCHANGE_VERSION);
		return;
	}
	const struct yamldoc_node *learner = need(reader, root, "learner", YAMLDOC_SCALAR, true);
	if (learner)
		out->learner = strdup(learner->value);
	const struct yamldoc_node *attempts = need(reader, root, "attempts", YAMLDOC_SEQUENCE, false);
	if (!attempts)
		return;
	out->attempts = calloc(attempts->count + 1, sizeof(*out->attempts));
	if (!out->attempts) {
		error_at(reader, attempts, "out of memory");
		return;
	}
	for (size_t i = 0; i < attempts->count; i++, out->count++)
		read_attempt(reader, attempts->items[i], &out->attempts[i]);
}

/* One `review grade --format json` output: one attempt, no time, no learner. */
static void read_grade(struct reader *reader, const struct yamldoc_node *root,
		       struct exchange_file *out)
{
	struct progress_attempt *attempt = out->attempts = calloc(1, sizeof(*out->attempts));
	const struct yamldoc_node *issues = need(reader, root, "issues", YAMLDOC_SEQUENCE, false);
	long long value = 0;
	if (!attempt || !issues)
		return;
	out->from_grade = true;
	out->count = 1;
	attempt->exercise_id = need_string(reader, root, "exercise");
	attempt->content_hash = strdup("");
	if (need_number(reader, root, "hints_used", 0, &value))
		attempt->hints = (int)(value > 1000 ? 1000 : value);
	if (need_number(reader, root, "max", 0, &value))
		attempt->max = value;
	need_bool(reader, root, "passed", &attempt->passed);
	attempt->answers = calloc(issues->count + 1, sizeof(*attempt->answers));
	for (size_t i = 0; attempt->answers && i < issues->count; i++) {
		const struct yamldoc_node *issue = issues->items[i];
		char *id = issue->kind == YAMLDOC_MAPPING ? need_string(reader, issue, "id") : NULL;
		char *verdict = id ? need_string(reader, issue, "verdict") : NULL;
		const struct yamldoc_node *severity = id ? yamldoc_get(issue, "severity") : NULL;
		struct pick pick = { VERDICT_UNANSWERED, SEVERITY_NONE };
		if (issue->kind != YAMLDOC_MAPPING)
			error_at(reader, issue, "an issue must be an object");
		else if (verdict && strcmp(verdict, "unanswered") != 0 && !parse_pick(verdict, &pick))
			error_at(reader, yamldoc_get(issue, "verdict"), "unknown verdict '%s'", verdict);
		else if (severity && !yamldoc_is_null(severity) &&
			 !severity_parse(severity->value, &pick.severity))
			error_at(reader, severity, "unknown severity '%s'", severity->value);
		free(verdict);
		if (id && pick.verdict != VERDICT_UNANSWERED)
			attempt->answers[attempt->answer_count++] = (struct progress_answer){ id, pick };
		else
			free(id);
	}
	const struct yamldoc_node *find = need(reader, root, "find", YAMLDOC_MAPPING, true);
	const struct yamldoc_node *flags = find ? need(reader, find, "flags", YAMLDOC_SEQUENCE, false) : NULL;
	attempt->has_find = flags != NULL;
	attempt->flags = calloc(flags ? flags->count + 1 : 1, sizeof(char *));
	for (size_t i = 0; flags && attempt->flags && i < flags->count; i++) {
		const struct yamldoc_node *flag = flags->items[i];
		char *text = flag->kind == YAMLDOC_MAPPING ? need_string(reader, flag, "flag") : NULL;
		if (text)
			attempt->flags[attempt->flag_count++] = text;
		else if (flag->kind != YAMLDOC_MAPPING)
			error_at(reader, flag, "a flag must be an object with 'flag'");
	}
}

static char *read_whole(const char *path, size_t *length, struct diag_list *diags)
{
	FILE *stream = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!stream) {
		diag_add(diags, path, 0, 0, DIAG_ERROR, "cannot open: %s", strerror(errno));
		return NULL;
	}
	char *data = malloc(EXCHANGE_MAX_FILE_BYTES + 1);
	*length = data ? fread(data, 1, EXCHANGE_MAX_FILE_BYTES + 1, stream) : 0;
	if (!data || ferror(stream) || *length > EXCHANGE_MAX_FILE_BYTES) {
		diag_add(diags, path, 0, 0, DIAG_ERROR, !data ? "out of memory"
				     : ferror(stream) ? "cannot read the file"
						      : "larger than 64 MiB");
		free(data);
		data = NULL;
	}
	if (stream != stdin)
		fclose(stream);
	return data;
}

bool exchange_read(const char *path, struct exchange_file *out, struct diag_list *diags)
{
	static const struct yamldoc_limits limits = { 16, 0 };
	struct reader reader = { path, diags, 0 };
	size_t length = 0;

	memset(out, 0, sizeof(*out));
	char *data = read_whole(path, &length, diags);
	if (!data)
		return false;
	struct yamldoc *doc = yamldoc_parse(path, data, length, 1, &limits, diags, NULL);
	const struct yamldoc_node *root = doc ? yamldoc_root(doc) : NULL;
	if (!doc)
		reader.errors++;
	else if (!root || root->kind != YAMLDOC_MAPPING)
		error_at(&reader, root, "expected an export of review (an object with \"format\": \"%s\")",
			 EXCHANGE_FORMAT);
	else if (!yamldoc_get(root, "format") && yamldoc_get(root, "exercise"))
		read_grade(&reader, root, out);
	else
		read_export(&reader, root, out);
	yamldoc_free(doc);
	free(data);
	if (reader.errors == 0)
		return true;
	exchange_file_free(out);
	return false;
}

void exchange_file_free(struct exchange_file *file)
{
	free(file->learner);
	progress_attempts_free(file->attempts, file->count);
	memset(file, 0, sizeof(*file));
}
