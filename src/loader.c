/* The exercise loader: file -> front matter split -> bounded YAML tree -> typed
 * exercise, with every problem reported at its position in the file. */
#include "review/loader.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "review/highlight.h"
#include "review/text.h"
#include "review/yamldoc.h"

typedef const struct yamldoc_node node_t;

/* read_file's own error for a path that is neither a folder nor a regular file. */
enum { ENOT_REGULAR = -1 };

/* The state of one load: the exercise being filled and where problems go. */
struct load {
	const char *path;
	struct diag_list *diags;
	struct exercise *exercise;
	size_t errors;
	/* Re-checking the front matter before a YAML syntax error: the text after
	 * the cut was not read, so a key written there is not missing. */
	const char *unread;
	size_t unread_length;
	bool unhashed;           /* leave content_hash empty */
};

static void report(struct load *load, int line, int column, enum diag_level level,
		   const char *format, ...) __attribute__((format(printf, 5, 6)));

static void report(struct load *load, int line, int column, enum diag_level level,
		   const char *format, ...)
{
	char message[700];
	va_list args;

	va_start(args, format);
	vsnprintf(message, sizeof(message), format, args);
	va_end(args);
	diag_add(load->diags, load->path, line, column, level, "%s", message);
	load->errors += level == DIAG_ERROR;
}

#define ERROR_AT(load, node, ...) report(load, (node)->line, (node)->column, DIAG_ERROR, __VA_ARGS__)

/* ---- Bytes: encoding checks and the front-matter split ---- */

/* Where the first NUL byte or invalid UTF-8 sequence starts, or length. Runs
 * of ASCII are skipped eight bytes at a time: this reads every byte of every
 * file, so it must cost little more than the read. */
static size_t first_bad_byte(const char *data, size_t length)
{
	const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
	size_t i = 0;
	while (i < length) {
		uint64_t word;
		if (length - i >= 8) {
			memcpy(&word, data + i, 8);
			/* No high bit set and no zero byte: eight plain ASCII characters. */
			if (((word | ((word - ones) & ~word)) & highs) == 0) {
				i += 8;
				continue;
			}
		}
		uint32_t code_point;
		size_t step = data[i] == '\0' ? 0 : text_utf8_decode(data + i, length - i, &code_point);
		if (step == 0)
			return i;
		i += step;
	}
	return length;
}

/* NUL bytes and invalid UTF-8 stop the load: libyaml and the terminal need text. */
static bool check_encoding(struct load *load, const char *data, size_t length)
{
	const unsigned char *bytes = (const unsigned char *)data;
	size_t bad = first_bad_byte(data, length);
	int line = 1, column = 1;

	if (bad == length)
		return true;
	for (size_t i = 0; i < bad; i++) {
		if (bytes[i] == '\n')
			line++, column = 1;
		else if ((bytes[i] & 0xC0) != 0x80)
			column++;
	}
	if (bytes[bad] == '\0')
		report(load, line, column, DIAG_ERROR, "NUL byte in the file (is it binary?)");
	else
		report(load, line, column, DIAG_ERROR, "invalid UTF-8 byte 0x%02x", bytes[bad]);
	return false;
}

struct split {
	size_t yaml_start, yaml_length; /* byte range of the front matter */
	size_t body_start;
	int yaml_first_line;            /* 1-based file line of yaml_start */
	int body_first_line;
};

/* Length of the line at data[start] without its terminator; *next is the next line's start. */
static size_t line_at(const char *data, size_t length, size_t start, size_t *next)
{
	const char *newline = memchr(data + start, '\n', length - start);
	size_t end = newline ? (size_t)(newline - data) : length;
	*next = newline ? end + 1 : length;
	if (end > start && data[end - 1] == '\r')
		end--;
	return end - start;
}

/* A delimiter line: the marker followed only by spaces or tabs. */
static bool is_delimiter(const char *line, size_t length, const char *marker)
{
	if (length < 3 || memcmp(line, marker, 3) != 0)
		return false;
	for (size_t i = 3; i < length; i++)
		if (line[i] != ' ' && line[i] != '\t')
			return false;
	return true;
}

static bool split_front_matter(struct load *load, const char *data, size_t length, size_t start,
			       struct split *out)
{
	size_t next;
	size_t first = line_at(data, length, start, &next);

	if (start >= length || !is_delimiter(data + start, first, "---")) {
		report(load, 1, 1, DIAG_ERROR, "missing front matter: the file must start with a line '---'");
		return false;
	}
	out->yaml_start = next;
	out->yaml_first_line = 2;
	int line = 2;
	for (size_t at = next; at < length; line++) {
		size_t size = line_at(data, length, at, &next);
		if (is_delimiter(data + at, size, "---") || is_delimiter(data + at, size, "...")) {
			out->yaml_length = at - out->yaml_start;
			out->body_start = next;
			out->body_first_line = line + 1;
			return true;
		}
		at = next;
	}
	report(load, 1, 1, DIAG_ERROR, "front matter opened here is never closed by a line '---'");
	return false;
}

/* ---- Typed values ---- */

static char *copy_text(const char *text, size_t length)
{
	char *copy = malloc(length + 1);
	if (copy) {
		memcpy(copy, text, length);
		copy[length] = '\0';
	}
	return copy;
}

/* A field as messages name it: 'title', or each item of 'hints'. Spelled out
 * only when a message needs it: every string of every file passes here. */
struct field_name {
	const char *key;
	bool item;
};

static const char *field_name_text(struct field_name name, char out[64])
{
	snprintf(out, 64, name.item ? "each item of '%.40s'" : "'%.40s'", name.key);
	return out;
}

/* A control character (a "\e" in a double-quoted title) is shown made
 * visible everywhere, never acted on; but it is never what the author meant
 * a reader to see. */
static void warn_control(struct load *load, node_t *value, struct field_name name)
{
	char what[64];
	size_t at = text_find_control(value->value, value->length, true);
	unsigned char c = at < value->length ? (unsigned char)value->value[at] : 0;
	if (c)
		report(load, value->line, value->column, DIAG_WARNING,
		       "%s contains the control character U+%04X, which every screen shows as ^%c: "
		       "remove it", field_name_text(name, what), c, c == 0x7f ? '?' : c + '@');
}

/* A string field: any non-null scalar (a plain `2048` title is meant as text). */
static char *take_string(struct load *load, node_t *value, struct field_name name)
{
	char what[64];
	if (value->kind != YAMLDOC_SCALAR || yamldoc_is_null(value)) {
		ERROR_AT(load, value, "%s must be a string, not %s", field_name_text(name, what),
			 yamldoc_describe(value));
		return NULL;
	}
	warn_control(load, value, name);
	char *text = copy_text(value->value, value->length);
	if (!text)
		ERROR_AT(load, value, "out of memory");
	return text;
}

static char *take_markdown(struct load *load, node_t *value, struct field_name name)
{
	char what[64];
	if (value->kind == YAMLDOC_SCALAR && value->length > LOADER_MAX_MARKDOWN_BYTES) {
		ERROR_AT(load, value, "%s is %zu bytes of Markdown; the limit is %d",
			 field_name_text(name, what), value->length, LOADER_MAX_MARKDOWN_BYTES);
		return NULL;
	}
	return take_string(load, value, name);
}

/* A single field named by its key. */
static char *take_field_string(struct load *load, node_t *value, const char *key, bool markdown)
{
	struct field_name name = { key, false };
	return markdown ? take_markdown(load, value, name) : take_string(load, value, name);
}

/* A key that only takes a number reads "2" as 2, as it reads the range "2-3"
 * (a string in YAML, quoted or not) as a range: JSON-style front matter quotes
 * every value, and the quotes leave no doubt about what was meant. */
static bool read_number(node_t *value, long *out)
{
	if (value->kind != YAMLDOC_SCALAR)
		return false;
	struct yamldoc_node unquoted = *value;
	unquoted.plain = true;
	unquoted.tag = NULL;
	return yamldoc_as_long(&unquoted, out);
}

static bool take_count(struct load *load, node_t *value, const char *key, long limit, int *out)
{
	long number;
	if (!read_number(value, &number)) {
		ERROR_AT(load, value, "'%s' must be a whole number, not %s", key, yamldoc_describe(value));
		return false;
	}
	if (number < 0 || number > limit) {
		ERROR_AT(load, value, "'%s' must be between 0 and %ld, not %ld", key, limit, number);
		return false;
	}
	*out = (int)number;
	return true;
}

/* Sequences of strings: tags, hints. */
static char **take_strings(struct load *load, node_t *value, const char *key, bool markdown,
			   size_t *count)
{
	*count = 0;
	if (value->kind != YAMLDOC_SEQUENCE) {
		ERROR_AT(load, value, "'%s' must be a sequence of strings, not %s", key, yamldoc_describe(value));
		return NULL;
	}
	char **items = calloc(value->count ? value->count : 1, sizeof(*items));
	if (!items) {
		ERROR_AT(load, value, "out of memory");
		return NULL;
	}
	struct field_name label = { key, true };
	for (size_t i = 0; i < value->count; i++) {
		char *item = markdown ? take_markdown(load, value->items[i], label)
				      : take_string(load, value->items[i], label);
		if (item)
			items[(*count)++] = item;
	}
	return items;
}

/* ---- Keys: known names and the nearest one for a typo ---- */

typedef void (*field_fn)(struct load *load, void *target, node_t *value, const char *key);

enum field_flags {
	FIELD_OPTIONAL = 0,
	FIELD_REQUIRED = 1,
	FIELD_CONTENT = 2, /* holds text the learner sees: a typo of it silently loses that text */
};

struct field {
	const char *key;
	field_fn take;
	unsigned flags;
};

/* The word of a NULL-terminated list nearest to `word` in any letter case, or
 * NULL when none is close: a transposition ("bgu") counts 2, so up to 2 edits
 * and at most half the word. */
static const char *nearest_word(const char *const *words, const char *word)
{
	const char *best = NULL;
	size_t best_distance = 3;
	char lower[32], candidate[32];

	if (strlen(word) >= sizeof(lower))
		return NULL;
	for (size_t i = 0; (lower[i] = (char)tolower((unsigned char)word[i])) != '\0'; i++)
		;
	for (const char *const *w = words; *w; w++) {
		if (strlen(*w) >= sizeof(candidate))
			continue;
		for (size_t i = 0; (candidate[i] = (char)tolower((unsigned char)(*w)[i])) != '\0'; i++)
			;
		size_t distance = text_edit_distance(lower, candidate);
		if (distance < best_distance && distance <= (strlen(*w) + 1) / 2) {
			best = *w;
			best_distance = distance;
		}
	}
	return best;
}

static const struct field *nearest_field(const struct field *fields, const char *key)
{
	const struct field *best = NULL;
	size_t best_distance = 3;
	for (const struct field *f = fields; f->key; f++) {
		size_t distance = text_edit_distance(key, f->key);
		if (distance < best_distance && distance <= strlen(f->key) / 2) {
			best = f;
			best_distance = distance;
		}
	}
	return best;
}

/* A stray key is a warning, but a typo of a key that holds content is an error:
 * `hint:` or `explaination:` would ship an exercise without its hints or explanation. */
static void report_unknown_key(struct load *load, const struct field *fields, node_t *key)
{
	const struct field *nearest = nearest_field(fields, key->value);
	if (nearest && (nearest->flags & FIELD_CONTENT))
		report(load, key->line, key->column, DIAG_ERROR,
		       "unknown key '%s' (did you mean '%s'?): its content would be ignored", key->value,
		       nearest->key);
	else if (nearest)
		report(load, key->line, key->column, DIAG_WARNING, "unknown key '%s' (did you mean '%s'?)",
		       key->value, nearest->key);
	else
		report(load, key->line, key->column, DIAG_WARNING, "unknown key '%s'", key->value);
}

struct key_ref {
	const char *text;
	size_t pair;
};

static int compare_key_refs(const void *a, const void *b)
{
	const struct key_ref *x = a, *y = b;
	int order = strcmp(x->text, y->text);
	return order ? order : (x->pair > y->pair) - (x->pair < y->pair);
}

/* Marks each pair whose key repeats an earlier one. Sorted, not compared pair by
 * pair: a 1 MiB front matter of 90,000 keys took 40 s that way. NULL when out of memory. */
static bool *find_repeated_keys(node_t *mapping)
{
	size_t pairs = mapping->count / 2, count = 0;
	bool *repeated = calloc(pairs ? pairs : 1, sizeof(*repeated));
	struct key_ref *refs = malloc((pairs ? pairs : 1) * sizeof(*refs));
	if (!repeated || !refs) {
		free(repeated);
		free(refs);
		return NULL;
	}
	for (size_t pair = 0; pair < pairs; pair++)
		if (mapping->items[2 * pair]->kind == YAMLDOC_SCALAR)
			refs[count++] = (struct key_ref){ mapping->items[2 * pair]->value, pair };
	qsort(refs, count, sizeof(*refs), compare_key_refs);
	for (size_t i = 1; i < count; i++)
		if (strcmp(refs[i].text, refs[i - 1].text) == 0)
			repeated[refs[i].pair] = true;
	free(refs);
	return repeated;
}

/* Dispatches every pair of the mapping to its field's handler. */
static void take_fields(struct load *load, const struct field *fields, void *target, node_t *mapping)
{
	bool *repeated = find_repeated_keys(mapping);
	if (!repeated) {
		ERROR_AT(load, mapping, "out of memory");
		return;
	}
	for (size_t i = 0; i + 1 < mapping->count; i += 2) {
		node_t *key = mapping->items[i];
		if (key->kind != YAMLDOC_SCALAR) {
			ERROR_AT(load, key, "a key must be a string, not %s", yamldoc_describe(key));
			continue;
		}
		if (repeated[i / 2]) {
			ERROR_AT(load, key, "duplicate key '%s'", key->value);
			continue;
		}
		const struct field *field = fields;
		while (field->key && strcmp(field->key, key->value) != 0)
			field++;
		node_t *value = mapping->items[i + 1];
		if (!field->key)
			report_unknown_key(load, fields, key);
		else if (!(field->flags & FIELD_REQUIRED) && yamldoc_is_null(value))
			continue; /* `tags:` left empty means no tags, as in Jekyll and Hugo */
		else
			field->take(load, target, value, key->value);
	}
	free(repeated);
}

/* A key written with an empty value, when optional, counts as absent. */
static node_t *present(node_t *mapping, const char *key)
{
	node_t *value = yamldoc_get(mapping, key);
	return value && !yamldoc_is_null(value) ? value : NULL;
}

/* A top-level `key:` line in the text that was not parsed. */
static bool written_unread(const struct load *load, const char *key)
{
	size_t key_length = strlen(key);
	for (size_t at = 0; at < load->unread_length;) {
		size_t next;
		size_t length = line_at(load->unread, load->unread_length, at, &next);
		if (length > key_length && memcmp(load->unread + at, key, key_length) == 0 &&
		    load->unread[at + key_length] == ':')
			return true;
		at = next;
	}
	return false;
}

/* A required key of the front matter may also be written in the unread text;
 * the candidates before a syntax error are whole. */
static void require_keys(struct load *load, node_t *mapping, const struct field *fields, const char *what,
			 bool top_level)
{
	for (const struct field *f = fields; f->key; f++)
		if ((f->flags & FIELD_REQUIRED) && !yamldoc_get(mapping, f->key) &&
		    !(top_level && load->unread && written_unread(load, f->key)))
			ERROR_AT(load, mapping, "%s is missing the required key '%s'", what, f->key);
}

/* ---- Candidates ---- */

enum range_problem { RANGE_OK, RANGE_NOT_A_RANGE, RANGE_FROM_ZERO, RANGE_BACKWARDS };

/* One `lines` item: a number, or a "12-14" range. */
static enum range_problem parse_range(node_t *item, struct line_range *out)
{
	long number;
	if (read_number(item, &number)) {
		if (number < 1)
			return RANGE_FROM_ZERO;
		if (number >= 10000000)
			return RANGE_NOT_A_RANGE;
		out->first = out->last = (int)number;
		return RANGE_OK;
	}
	if (item->kind != YAMLDOC_SCALAR)
		return RANGE_NOT_A_RANGE;
	int first, last, consumed = 0;
	if (sscanf(item->value, "%d - %d%n", &first, &last, &consumed) != 2 ||
	    (size_t)consumed != item->length)
		return RANGE_NOT_A_RANGE;
	if (first < 1)
		return RANGE_FROM_ZERO;
	if (last < first)
		return RANGE_BACKWARDS;
	out->first = first;
	out->last = last;
	return RANGE_OK;
}

static void report_range(struct load *load, node_t *item, const char *key, enum range_problem problem)
{
	struct line_range range = { 0, 0 };
	const char *text = item->kind == YAMLDOC_SCALAR ? item->value : "a collection";

	if (problem == RANGE_FROM_ZERO)
		ERROR_AT(load, item, "'%s' has '%s', but line numbers start at 1", key, text);
	else if (problem == RANGE_BACKWARDS && sscanf(text, "%d - %d", &range.first, &range.last) == 2)
		ERROR_AT(load, item, "'%s' has '%s', which runs backwards; write %d-%d", key, text, range.last,
			 range.first);
	else
		ERROR_AT(load, item, "'%s' has '%s', which is not a line number or a range like 12-14", key, text);
}

static void take_lines(struct load *load, void *target, node_t *value, const char *key)
{
	struct candidate *candidate = target;
	node_t *const *items = value->kind == YAMLDOC_SEQUENCE ? (node_t *const *)value->items : &value;
	size_t count = value->kind == YAMLDOC_SEQUENCE ? value->count : 1;

	if (value->kind == YAMLDOC_MAPPING || count == 0) {
		ERROR_AT(load, value, "'%s' must be a line number, a range like 12-14, or a sequence of them",
			 key);
		return;
	}
	candidate->lines = calloc(count, sizeof(*candidate->lines));
	if (!candidate->lines)
		return;
	for (size_t i = 0; i < count; i++) {
		enum range_problem problem = parse_range(items[i], &candidate->lines[candidate->line_range_count]);
		if (problem == RANGE_OK)
			candidate->line_range_count++;
		else
			report_range(load, items[i], key, problem);
	}
}

/* Candidate ids are typed on the command line as `--answer ID=VERDICT`. */
static const char candidate_id_characters[] =
	"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.";

static void check_candidate_id(struct load *load, node_t *value, const char *id)
{
	size_t length = strlen(id), good = strspn(id, candidate_id_characters);
	if (length == 0) {
		ERROR_AT(load, value, "a candidate id must not be empty: `--answer ID=VERDICT` names it");
		return;
	}
	if (strspn(id, "0123456789") == length) {
		report(load, value->line, value->column, DIAG_WARNING,
		       "candidate id '%s' is only digits: `--answer %s=VERDICT` names the candidate shown "
		       "at number %s instead; add a letter (i%s)",
		       id, id, id, id);
		return;
	}
	if (good == length)
		return;
	char shown[24];
	uint32_t code_point;
	size_t step = text_utf8_decode(id + good, length - good, &code_point);
	if (id[good] == ' ')
		snprintf(shown, sizeof(shown), "a space");
	else if ((unsigned char)id[good] < 0x20 || step == 0 || step > 4)
		snprintf(shown, sizeof(shown), "a control character");
	else
		snprintf(shown, sizeof(shown), "'%.*s'", (int)step, id + good);
	ERROR_AT(load, value,
		 "candidate id '%s' contains %s, which `--answer ID=VERDICT` cannot take; use only letters, "
		 "digits, '-', '_' and '.'",
		 id, shown);
}

static void take_candidate_id(struct load *load, void *target, node_t *value, const char *key)
{
	char *id = take_field_string(load, value, key, false);
	if (id)
		check_candidate_id(load, value, id);
	((struct candidate *)target)->id = id;
}

static void take_text(struct load *load, void *target, node_t *value, const char *key)
{
	((struct candidate *)target)->text = take_field_string(load, value, key, false);
}

static void take_is_real(struct load *load, void *target, node_t *value, const char *key)
{
	if (!yamldoc_as_bool(value, &((struct candidate *)target)->is_real))
		ERROR_AT(load, value, "'%s' must be true or false, not %s", key, yamldoc_describe(value));
}

/* Keyword values (severity, difficulty, is_real) are read in any letter case,
 * as YAML reads true, True and TRUE alike. */
static bool lower_word(node_t *value, char *out, size_t size)
{
	if (value->kind != YAMLDOC_SCALAR || value->length >= size)
		return false;
	for (size_t i = 0; i <= value->length; i++)
		out[i] = (char)tolower((unsigned char)value->value[i]);
	return true;
}

static void report_keyword(struct load *load, node_t *value, const char *key, const char *const *words,
			   const char *allowed)
{
	const char *nearest = value->kind == YAMLDOC_SCALAR ? nearest_word(words, value->value) : NULL;
	if (value->kind != YAMLDOC_SCALAR)
		ERROR_AT(load, value, "'%s' must be %s, not %s", key, allowed, yamldoc_describe(value));
	else if (nearest)
		ERROR_AT(load, value, "'%s' must be %s, not '%s' (did you mean '%s'?)", key, allowed,
			 value->value, nearest);
	else
		ERROR_AT(load, value, "'%s' must be %s, not '%s'", key, allowed, value->value);
}

static void take_severity(struct load *load, void *target, node_t *value, const char *key)
{
	static const char *const words[] = { "bug", "warning", "minor", NULL };
	char lower[32];
	if (!lower_word(value, lower, sizeof(lower)) ||
	    !severity_parse(lower, &((struct candidate *)target)->severity))
		report_keyword(load, value, key, words, "bug, warning or minor");
}

static void take_explanation(struct load *load, void *target, node_t *value, const char *key)
{
	((struct candidate *)target)->explanation = take_field_string(load, value, key, true);
}

static void take_points(struct load *load, void *target, node_t *value, const char *key)
{
	long number;
	if (read_number(value, &number) && number < 0)
		ERROR_AT(load, value, "'%s' must not be negative (got %ld)", key, number);
	else
		take_count(load, value, key, LOADER_MAX_POINTS, &((struct candidate *)target)->points);
}

static const struct field candidate_fields[] = {
	{ "id", take_candidate_id, FIELD_REQUIRED },
	{ "text", take_text, FIELD_REQUIRED | FIELD_CONTENT },
	{ "is_real", take_is_real, FIELD_REQUIRED },
	{ "severity", take_severity, FIELD_OPTIONAL },
	{ "explanation", take_explanation, FIELD_CONTENT },
	{ "points", take_points, FIELD_OPTIONAL },
	{ "lines", take_lines, FIELD_CONTENT },
	{ NULL, NULL, 0 },
};

/* A severity on a candidate that is not real is a contradiction `show --key`
 * would print as "not real, bug"; is_real is trusted only when it was read. */
static void check_severity_matches(struct load *load, const struct candidate *candidate, node_t *node)
{
	node_t *severity = present(node, "severity");
	node_t *is_real = yamldoc_get(node, "is_real");
	bool real;
	if (!is_real || !yamldoc_as_bool(is_real, &real))
		return;
	if (real && !severity)
		ERROR_AT(load, node, "candidate '%s' is real but has no severity (bug, warning or minor)",
			 candidate->id ? candidate->id : "?");
	else if (!real && severity)
		ERROR_AT(load, severity,
			 "candidate '%s' is not real, so it takes no severity: remove 'severity' or set is_real: true",
			 candidate->id ? candidate->id : "?");
}

static void take_candidate(struct load *load, struct candidate *candidate, node_t *node, size_t index)
{
	candidate->points = 1;
	candidate->line = node->line;
	candidate->column = node->column;
	if (node->kind != YAMLDOC_MAPPING) {
		ERROR_AT(load, node, "candidate %zu must be a mapping with id, text and is_real, not %s",
			 index + 1, yamldoc_describe(node));
		return;
	}
	require_keys(load, node, candidate_fields, "this candidate", false);
	take_fields(load, candidate_fields, candidate, node);
	check_severity_matches(load, candidate, node);
}

static void check_duplicate_ids(struct load *load, node_t *issues)
{
	struct exercise *exercise = load->exercise;
	for (size_t i = 0; i < exercise->candidate_count; i++) {
		for (size_t j = 0; j < i && exercise->candidates[i].id; j++) {
			if (!exercise->candidates[j].id ||
			    strcmp(exercise->candidates[i].id, exercise->candidates[j].id) != 0)
				continue;
			node_t *id = yamldoc_get(issues->items[i], "id");
			ERROR_AT(load, id ? id : issues->items[i], "duplicate candidate id '%s' (first used by candidate %zu)",
				 exercise->candidates[i].id, j + 1);
			break;
		}
	}
}

static void take_issues(struct load *load, void *target, node_t *value, const char *key)
{
	struct exercise *exercise = target;
	if (load->unread && (yamldoc_is_null(value) || (value->kind == YAMLDOC_SEQUENCE && value->count == 0)))
		return; /* its candidates come after the syntax error */
	if (value->kind != YAMLDOC_SEQUENCE) {
		ERROR_AT(load, value, "'%s' must be a sequence of candidates, not %s", key, yamldoc_describe(value));
		return;
	}
	if (value->count == 0) {
		ERROR_AT(load, value, "'%s' must not be empty: an exercise needs candidates", key);
		return;
	}
	if (value->count > LOADER_MAX_CANDIDATES) {
		ERROR_AT(load, value, "'%s' has %zu candidates; the limit is %d", key, value->count,
			 LOADER_MAX_CANDIDATES);
		return;
	}
	exercise->candidates = calloc(value->count, sizeof(*exercise->candidates));
	if (!exercise->candidates)
		return;
	exercise->candidate_count = value->count;
	for (size_t i = 0; i < value->count; i++)
		take_candidate(load, &exercise->candidates[i], value->items[i], i);
	check_duplicate_ids(load, value);
}

/* ---- The exercise ---- */

#define EXERCISE_STRING_FIELD(name, member, markdown)                                             \
	static void take_##name(struct load *load, void *target, node_t *value, const char *key) \
	{                                                                                        \
		struct exercise *exercise = target;                                              \
		free(exercise->member);                                                          \
		exercise->member = take_field_string(load, value, key, markdown);                                      \
	}

EXERCISE_STRING_FIELD(title, title, false)
EXERCISE_STRING_FIELD(context, context, true)
EXERCISE_STRING_FIELD(track, track, false)

/* Names and aliases of the highlighted languages, for "did you mean". */
static size_t language_words(const char **words, char *storage, size_t size, size_t max_words)
{
	size_t count = 0, used = 0;
	for (size_t i = 0; i < highlight_language_count(); i++) {
		const char *names = highlight_language_names(i);
		size_t length = strlen(names);
		if (used + length + 1 > size)
			break;
		memcpy(storage + used, names, length + 1);
		char *rest = NULL;
		for (char *word = strtok_r(storage + used, " ", &rest); word && count + 1 < max_words;
		     word = strtok_r(NULL, " ", &rest))
			words[count++] = word;
		used += length + 1;
	}
	words[count] = NULL;
	return count;
}

/* An unknown language silently turns highlighting off: name the nearest one. */
static void check_language(struct load *load, node_t *value, const char *language)
{
	char storage[1024], list[512];
	const char *words[128];
	size_t used = 0;

	if (strcasecmp(language, "text") == 0 || highlight_supports(language))
		return;
	language_words(words, storage, sizeof(storage), sizeof(words) / sizeof(*words));
	const char *nearest = nearest_word(words, language);
	if (nearest) {
		ERROR_AT(load, value, "unknown language '%s' (did you mean '%s'?)", language, nearest);
		return;
	}
	list[0] = '\0';
	for (size_t i = 0; i < highlight_language_count() && used < sizeof(list); i++) {
		const char *names = highlight_language_names(i);
		used += (size_t)snprintf(list + used, sizeof(list) - used, "%.*s, ", (int)strcspn(names, " "), names);
	}
	ERROR_AT(load, value, "unknown language '%s': write one of %stext (no highlighting)", language, list);
}

static void take_language(struct load *load, void *target, node_t *value, const char *key)
{
	struct exercise *exercise = target;
	char *language = take_field_string(load, value, key, false);
	if (language)
		check_language(load, value, language);
	free(exercise->language);
	exercise->language = language;
}

/* Counts the code's lines in one pass, warning about the first longer than
 * LOADER_LONG_CODE_LINE bytes: it is read by scrolling far sideways on every
 * screen, and production code rarely has one where a pasted blob does. */
static int count_code_lines(struct load *load, node_t *value, const char *code, size_t length)
{
	int count = 0;
	bool warned = false;
	for (const char *line = code, *end; line <= code + length; line = end + 1) {
		end = memchr(line, '\n', length - (size_t)(line - code));
		if (!end)
			end = code + length;
		count++;
		if (!warned && (size_t)(end - line) > LOADER_LONG_CODE_LINE) {
			report(load, value->line, value->column, DIAG_WARNING,
			       "code line %d is %zu bytes long: a reader scrolls far sideways to see it "
			       "(keep code lines under 120 columns)", count, (size_t)(end - line));
			warned = true;
		}
	}
	return count;
}

static void take_code(struct load *load, void *target, node_t *value, const char *key)
{
	struct exercise *exercise = target;
	if (value->folded) {
		ERROR_AT(load, value, "'%s: >' folds the snippet into one line; write '%s: |' to keep its lines",
			 key, key);
		return;
	}
	char *code = take_field_string(load, value, key, false);
	if (!code)
		return;
	size_t length = strlen(code);
	while (length > 0 && (code[length - 1] == '\n' || code[length - 1] == '\r'))
		code[--length] = '\0';
	if (length == 0) {
		ERROR_AT(load, value, "'%s' must not be empty", key);
		free(code);
		return;
	}
	exercise->code = code;
	exercise->code_line_count = count_code_lines(load, value, code, length);
}

static void take_difficulty(struct load *load, void *target, node_t *value, const char *key)
{
	static const char *const words[] = { "Easy", "Medium", "Hard", NULL };
	if (value->kind != YAMLDOC_SCALAR ||
	    !difficulty_parse(value->value, &((struct exercise *)target)->difficulty))
		report_keyword(load, value, key, words, "Easy, Medium or Hard");
}

static void take_tags(struct load *load, void *target, node_t *value, const char *key)
{
	struct exercise *exercise = target;
	exercise->tags = take_strings(load, value, key, false, &exercise->tag_count);
}

static void take_hints(struct load *load, void *target, node_t *value, const char *key)
{
	struct exercise *exercise = target;
	exercise->hints = take_strings(load, value, key, true, &exercise->hint_count);
}

static void take_track_level(struct load *load, void *target, node_t *value, const char *key)
{
	take_count(load, value, key, LOADER_MAX_TRACK_NUMBER, &((struct exercise *)target)->track_level);
}

static void take_track_order(struct load *load, void *target, node_t *value, const char *key)
{
	take_count(load, value, key, LOADER_MAX_TRACK_NUMBER, &((struct exercise *)target)->track_order);
}

static bool is_valid_id(const char *id)
{
	size_t length = strlen(id);
	if (length < 2 || length > 16)
		return false;
	return strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789") == length;
}

static void take_id(struct load *load, void *target, node_t *value, const char *key)
{
	struct exercise *exercise = target;
	char *id = take_field_string(load, value, key, false);
	if (id && !is_valid_id(id)) {
		ERROR_AT(load, value, "'%s' must be 2 to 16 characters of a-z and 0-9, not '%s'", key, id);
		free(id);
		return;
	}
	if (id) {
		free(exercise->id);
		exercise->id = id;
		exercise->id_explicit = true;
		exercise->id_line = value->line;
		exercise->id_column = value->column;
	}
}

static void take_find(struct load *load, void *target, node_t *value, const char *key)
{
	if (!yamldoc_as_bool(value, &((struct exercise *)target)->find))
		ERROR_AT(load, value, "'%s' must be true or false, not %s", key, yamldoc_describe(value));
}

static const struct field exercise_fields[] = {
	{ "find", take_find, FIELD_OPTIONAL },
	{ "title", take_title, FIELD_REQUIRED | FIELD_CONTENT },
	{ "code", take_code, FIELD_REQUIRED | FIELD_CONTENT },
	{ "issues", take_issues, FIELD_REQUIRED | FIELD_CONTENT },
	{ "language", take_language, FIELD_OPTIONAL },
	{ "context", take_context, FIELD_CONTENT },
	{ "difficulty", take_difficulty, FIELD_OPTIONAL },
	{ "tags", take_tags, FIELD_OPTIONAL },
	{ "track", take_track, FIELD_OPTIONAL },
	{ "track_level", take_track_level, FIELD_OPTIONAL },
	{ "track_order", take_track_order, FIELD_OPTIONAL },
	{ "hints", take_hints, FIELD_CONTENT },
	{ "id", take_id, FIELD_OPTIONAL },
	{ NULL, NULL, 0 },
};

/* `lines` can only be checked once the code is known, wherever the keys appear. */
static void check_line_bounds(struct load *load, node_t *root)
{
	const struct exercise *exercise = load->exercise;
	node_t *issues = yamldoc_get(root, "issues");
	if (!exercise->code || !issues || issues->kind != YAMLDOC_SEQUENCE)
		return;
	for (size_t i = 0; i < exercise->candidate_count && i < issues->count; i++) {
		node_t *lines = yamldoc_get(issues->items[i], "lines");
		if (!lines)
			continue;
		node_t *const *items = lines->kind == YAMLDOC_SEQUENCE ? (node_t *const *)lines->items : &lines;
		size_t count = lines->kind == YAMLDOC_SEQUENCE ? lines->count : 1;
		for (size_t j = 0; j < count; j++) {
			struct line_range range;
			if (parse_range(items[j], &range) == RANGE_OK && range.last > exercise->code_line_count)
				ERROR_AT(load, items[j], "line %d is outside the code, which has %d lines",
					 range.last, exercise->code_line_count);
		}
	}
}

static void take_exercise(struct load *load, node_t *root, int front_matter_line)
{
	if (!root) {
		report(load, front_matter_line, 1, DIAG_ERROR,
		       "the front matter is empty: it must be a mapping with title, code and issues");
		return;
	}
	if (root->kind != YAMLDOC_MAPPING) {
		ERROR_AT(load, root, "the front matter must be a mapping of keys, not %s", yamldoc_describe(root));
		return;
	}
	require_keys(load, root, exercise_fields, "the front matter", true);
	load->exercise->find = true;
	take_fields(load, exercise_fields, load->exercise, root);
	check_line_bounds(load, root);
}

/* ---- The body and the entry points ---- */

/* The prompt is the body as written, CRLF line ends made LF: its leading
 * indentation is Markdown (an indented code block) and its trailing newline is
 * part of the text `show --format json` gives back. A body of only blank lines
 * is no prompt. */
static char *take_prompt(const char *body, size_t length)
{
	char *prompt = malloc(length + 1);
	size_t out = 0;

	if (!prompt)
		return NULL;
	for (size_t i = 0; i < length; i++)
		if (!(body[i] == '\r' && i + 1 < length && body[i + 1] == '\n'))
			prompt[out++] = body[i];
	prompt[out] = '\0';
	if (strspn(prompt, "\n \t") == out)
		prompt[0] = '\0';
	return prompt;
}

static bool fill_defaults(struct load *load, const char *data, size_t length)
{
	struct exercise *exercise = load->exercise;
	char derived[14];

	if (!load->unhashed)
		exercise_hash_bytes(data, length, exercise->content_hash);
	if (!exercise->id) {
		exercise_derive_id(load->path, derived);
		exercise->id = strdup(derived);
	}
	if (!exercise->language)
		exercise->language = strdup("text");
	exercise->path = strdup(load->path);
	return exercise->id && exercise->language && exercise->path;
}

static void parse_body(struct load *load, const char *data, size_t length, const struct split *split)
{
	size_t body_length = length - split->body_start;

	if (body_length > LOADER_MAX_MARKDOWN_BYTES) {
		report(load, split->body_first_line, 1, DIAG_ERROR,
		       "the prompt (the body after the front matter) is %zu bytes; the limit is %d",
		       body_length, LOADER_MAX_MARKDOWN_BYTES);
		return;
	}
	load->exercise->prompt = take_prompt(data + split->body_start, body_length);
}

/* Lines where the front matter may be cut and still parse into whole values:
 * a top-level key, or an item of `issues`. A cut inside a block scalar would
 * truncate the code and report its lines as outside it. */
static bool is_cut_point(const char *line, size_t length, bool in_issues)
{
	if (length == 0 || line[0] == '#' || line[0] == ' ' || line[0] == '\t') {
		size_t indent = strspn(line, " ");
		return in_issues && indent < length && length - indent > 2 && memcmp(line + indent, "- ", 2) == 0;
	}
	return true;
}

/* The byte offsets of the cut points before the error line, nearest first. */
static size_t find_cut_points(const char *yaml, size_t length, int lines_before_error, size_t *cuts,
			      size_t max_cuts)
{
	size_t count = 0, next;
	bool in_issues = false;
	int line = 0;
	for (size_t at = 0; at < length && line < lines_before_error; at = next, line++) {
		size_t size = line_at(yaml, length, at, &next);
		if (size > 0 && yaml[at] != ' ' && yaml[at] != '\t' && yaml[at] != '#')
			in_issues = size >= 7 && memcmp(yaml + at, "issues:", 7) == 0;
		if (line > 0 && is_cut_point(yaml + at, size, in_issues)) {
			if (count == max_cuts)
				memmove(cuts, cuts + 1, --count * sizeof(*cuts));
			cuts[count++] = at;
		}
	}
	for (size_t i = 0; i < count / 2; i++) {
		size_t swap = cuts[i];
		cuts[i] = cuts[count - 1 - i];
		cuts[count - 1 - i] = swap;
	}
	return count;
}

/* After a YAML syntax error, what comes before it is still checked: the front
 * matter is cut at the nearest point before the error that parses, and its
 * keys and candidates are checked as usual. */
static void check_before_syntax_error(struct load *load, const char *yaml, size_t length, int first_line,
				      int error_line)
{
	static const struct yamldoc_limits limits = { LOADER_MAX_DEPTH, LOADER_MAX_ALIAS_EXPANSION };
	size_t cuts[8];
	size_t count = find_cut_points(yaml, length, error_line - first_line, cuts, 8);

	for (size_t i = 0; i < count; i++) {
		struct diag_list ignored = DIAG_LIST_INIT;
		struct yamldoc *doc = yamldoc_parse(load->path, yaml, cuts[i], first_line, &limits, &ignored, NULL);
		diag_list_free(&ignored);
		if (!doc)
			continue;
		if (yamldoc_root(doc)) {
			load->unread = yaml + cuts[i];
			load->unread_length = length - cuts[i];
			take_exercise(load, yamldoc_root(doc), first_line);
			load->unread = NULL;
		}
		yamldoc_free(doc);
		return;
	}
}

static void parse_exercise(struct load *load, const char *data, size_t length)
{
	static const struct yamldoc_limits limits = { LOADER_MAX_DEPTH, LOADER_MAX_ALIAS_EXPANSION };
	struct split split;
	size_t start = length >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;

	if (!check_encoding(load, data, length) || !split_front_matter(load, data, length, start, &split))
		return;
	int syntax_error_line = 0;
	struct diag_list yaml_error = DIAG_LIST_INIT; /* after what is found before it, in file order */
	struct yamldoc *doc = yamldoc_parse(load->path, data + split.yaml_start, split.yaml_length,
					    split.yaml_first_line, &limits, &yaml_error, &syntax_error_line);
	if (doc) {
		take_exercise(load, yamldoc_root(doc), split.yaml_first_line);
		yamldoc_free(doc);
	} else {
		load->errors++;
		if (syntax_error_line > 0)
			check_before_syntax_error(load, data + split.yaml_start, split.yaml_length,
						  split.yaml_first_line, syntax_error_line);
	}
	diag_list_move(load->diags, &yaml_error);
	diag_list_free(&yaml_error);
	parse_body(load, data, length, &split);
}

static enum loader_status load_buffer(const char *path, const char *data, size_t length,
				      struct exercise **out, struct diag_list *diags, bool unhashed)
{
	struct load load = { .path = path, .diags = diags, .unhashed = unhashed };

	*out = NULL;
	if (length > LOADER_MAX_FILE_BYTES) {
		report(&load, 0, 0, DIAG_ERROR, "the file is %zu bytes; the limit is %d", length,
		       LOADER_MAX_FILE_BYTES);
		return LOADER_INVALID;
	}
	load.exercise = calloc(1, sizeof(*load.exercise));
	if (!load.exercise) {
		report(&load, 0, 0, DIAG_ERROR, "out of memory");
		return LOADER_IO_ERROR;
	}
	load.exercise->track_level = load.exercise->track_order = -1;
	parse_exercise(&load, data, length);
	if (load.errors == 0 && !fill_defaults(&load, data, length))
		report(&load, 0, 0, DIAG_ERROR, "out of memory");
	if (load.errors > 0) {
		exercise_free(load.exercise);
		return LOADER_INVALID;
	}
	*out = load.exercise;
	return LOADER_OK;
}

enum loader_status loader_load_buffer(const char *path, const char *data, size_t length,
				      struct exercise **out, struct diag_list *diags)
{
	return load_buffer(path, data, length, out, diags, false);
}

/* Opened without blocking and checked with fstat before any read: a FIFO or a
 * device named as an exercise would otherwise block or never end. */
static FILE *open_regular(const char *path, struct stat *info, int *error)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0) {
		*error = errno;
		return NULL;
	}
	*error = fstat(fd, info) != 0 ? errno
		 : S_ISDIR(info->st_mode) ? EISDIR
		 : !S_ISREG(info->st_mode) ? ENOT_REGULAR : 0;
	if (*error) {
		close(fd);
		return NULL;
	}
	FILE *file = fdopen(fd, "rb");
	if (!file) {
		*error = errno;
		close(fd);
	}
	return file;
}

/* Reads at most the limit plus one byte, so an oversized file is never read
 * whole; the buffer is sized from fstat (growing if the file grows meanwhile). */
static char *read_file(const char *path, size_t *length, int *error)
{
	struct stat info;
	FILE *file = open_regular(path, &info, error);
	if (!file)
		return NULL;
	size_t limit = LOADER_MAX_FILE_BYTES + 1;
	size_t capacity = (size_t)info.st_size < limit ? (size_t)info.st_size + 1 : limit;
	char *data = malloc(capacity + 1);
	size_t total = 0, got;
	while (data && (got = fread(data + total, 1, capacity - total, file)) > 0) {
		total += got;
		if (total == capacity && capacity < limit) {
			char *bigger = realloc(data, limit + 1);
			if (!bigger)
				break;
			data = bigger;
			capacity = limit;
		}
	}
	*error = !data ? ENOMEM : ferror(file) ? EIO : 0;
	fclose(file);
	if (*error) {
		free(data);
		return NULL;
	}
	data[total] = '\0';
	*length = total;
	return data;
}

static void report_unreadable(const char *path, int error, struct diag_list *diags)
{
	char reason[128];
	if (error == EISDIR) {
		diag_add(diags, path, 0, 0, DIAG_ERROR, "is a folder, not an exercise file");
		return;
	}
	if (error == ENOT_REGULAR) {
		diag_add(diags, path, 0, 0, DIAG_ERROR, "not a regular file (a FIFO, socket or device), so not read");
		return;
	}
	/* strerror_r, not strerror: catalogs load on every core at once. */
	if (strerror_r(error, reason, sizeof(reason)) != 0)
		snprintf(reason, sizeof(reason), "error %d", error);
	diag_add(diags, path, 0, 0, DIAG_ERROR, "cannot read: %s", reason);
}

static enum loader_status load_file(const char *path, struct exercise **out, struct diag_list *diags,
				    bool unhashed)
{
	size_t length = 0;
	int error = 0;

	*out = NULL;
	char *data = read_file(path, &length, &error);
	if (!data) {
		report_unreadable(path, error, diags);
		return LOADER_IO_ERROR;
	}
	if (length > LOADER_MAX_FILE_BYTES) {
		diag_add(diags, path, 0, 0, DIAG_ERROR, "the file is larger than the limit of %d bytes",
			 LOADER_MAX_FILE_BYTES);
		free(data);
		return LOADER_INVALID;
	}
	enum loader_status status = load_buffer(path, data, length, out, diags, unhashed);
	free(data);
	return status;
}

enum loader_status loader_load_file(const char *path, struct exercise **out, struct diag_list *diags)
{
	return load_file(path, out, diags, false);
}

enum loader_status loader_load_file_unhashed(const char *path, struct exercise **out,
					     struct diag_list *diags)
{
	return load_file(path, out, diags, true);
}
