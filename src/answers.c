/* Answers files and ID=VERDICT strings. The file is read through libyaml's
 * event API with a depth limit, like exercise files: an answers document is two
 * levels deep, so anything deeper is rejected before libyaml's quadratic
 * behaviour on deep nesting can matter. Aliases are refused outright: nothing in
 * an answers file needs them, and refusing them means there is nothing to expand. */
#include "review/answers.h"
#include "review/yamlerror.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#define VERDICT_CHOICES "not-real, real, bug, warning or minor"

/* State of one pass over an answers document. */
struct reader {
	yaml_parser_t parser;
	yaml_event_t event;       /* the current event, valid while have_event */
	bool have_event;
	bool fatal;               /* syntax error or limit: no further events */
	int depth;
	const char *path;
	const char *data;
	size_t length;
	const struct exercise *exercise;
	struct answers *answers;
	struct diag_list *diags;
	size_t errors;
};

/* Which part of an entry a problem is about, so the error points at it. */
enum entry_part { ENTRY_OK, ENTRY_ID, ENTRY_VERDICT };

bool answers_init(struct answers *answers, const struct exercise *exercise)
{
	size_t count = exercise->candidate_count;
	answers->picks = calloc(count ? count : 1, sizeof(*answers->picks));
	answers->positions = calloc(count ? count : 1, sizeof(*answers->positions));
	if (!answers->picks || !answers->positions) {
		free(answers->picks);
		free(answers->positions);
		answers->picks = NULL;
		answers->positions = NULL;
	}
	answers->pick_count = answers->picks ? count : 0;
	answers->hints = 0;
	answers->flags = NULL;
	answers->flag_count = 0;
	answers->has_flags = false;
	for (size_t i = 0; i < answers->pick_count; i++) {
		answers->picks[i] = (struct pick){ VERDICT_UNANSWERED, SEVERITY_NONE };
		answers->positions[i] = i;
	}
	return answers->picks != NULL;
}

void answers_free(struct answers *answers)
{
	free(answers->picks);
	free(answers->positions);
	free(answers->flags);
	answers->picks = NULL;
	answers->positions = NULL;
	answers->flags = NULL;
	answers->pick_count = 0;
	answers->flag_count = 0;
}

/* Parses and appends one flag; NULL on success, else the problem in message. */
static const char *add_flag(const struct exercise *exercise, struct answers *answers,
			    const char *text, char *message, size_t size)
{
	struct flag flag;
	answers->has_flags = true;
	if (!find_parse_flag(text, exercise->code_line_count, &flag, message, size))
		return message;
	if (answers->flag_count >= FIND_MAX_FLAGS) {
		snprintf(message, size, "more than %d flags", FIND_MAX_FLAGS);
		return message;
	}
	if (!answers->flags) {
		answers->flags = calloc(FIND_MAX_FLAGS, sizeof(*answers->flags));
		if (!answers->flags) {
			snprintf(message, size, "out of memory");
			return message;
		}
	}
	answers->flags[answers->flag_count++] = flag;
	return NULL;
}

/* The candidate a key names: a number is a position in the order shown, else
 * an id; -1 when it names none. */
static int named_candidate(const struct exercise *exercise, const struct answers *answers,
			   const char *key, size_t key_length)
{
	if (memchr(key, '\0', key_length))
		return -1;
	size_t digits = strspn(key, "0123456789");
	if (digits == 0 || digits != key_length)
		return exercise_find_candidate(exercise, key);
	if (digits > 6)
		return -1;
	long number = strtol(key, NULL, 10);
	if (number < 1 || (size_t)number > answers->pick_count)
		return -1;
	return (int)answers->positions[number - 1];
}

/* Checks one entry and records it; on a problem fills message and says which part. */
static enum entry_part apply_entry(const struct exercise *exercise, struct answers *answers,
				   const char *id, size_t id_length, const char *verdict,
				   char *message, size_t size)
{
	int index = named_candidate(exercise, answers, id, id_length);
	struct pick pick;

	/* The ids are not listed: they would tell the learner the author's order. */
	if (index < 0 && exercise->candidate_count == 0) {
		snprintf(message, size, "unknown candidate '%.64s': the exercise has no candidates", id);
		return ENTRY_ID;
	}
	if (index < 0) {
		snprintf(message, size,
			 "unknown candidate '%.64s' (name one by its number as shown, 1 to %zu, or by its id)",
			 id, exercise->candidate_count);
		return ENTRY_ID;
	}
	if (!score_parse_verdict(verdict, &pick)) {
		snprintf(message, size, "unknown verdict '%.64s' for '%s' (expected " VERDICT_CHOICES ")",
			 verdict, id);
		return ENTRY_VERDICT;
	}
	if (answers->picks[index].verdict != VERDICT_UNANSWERED) {
		snprintf(message, size, "candidate '%s' is answered twice", id);
		return ENTRY_ID;
	}
	answers->picks[index] = pick;
	return ENTRY_OK;
}

/* NULL when text is a whole number from 0 to the hint count; else the problem. */
static const char *parse_hints(const struct exercise *exercise, const char *text, int *out,
			       char *message, size_t size)
{
	const char *digits = text[0] == '-' || text[0] == '+' ? text + 1 : text;
	size_t count = strspn(digits, "0123456789");

	if (count == 0 || digits[count] != '\0') {
		snprintf(message, size, "hints must be a whole number, not '%.32s'", text);
		return message;
	}
	errno = 0;
	long value = strtol(text, NULL, 10);
	if (value < 0) {
		snprintf(message, size, "hints must not be negative, got %.32s", text);
		return message;
	}
	if (errno == ERANGE || (unsigned long)value > exercise->hint_count) {
		snprintf(message, size, "hints is %.32s but the exercise has only %zu hint%s", text,
			 exercise->hint_count, exercise->hint_count == 1 ? "" : "s");
		return message;
	}
	*out = (int)value;
	return NULL;
}

static void add_error(struct reader *reader, size_t line, size_t column, const char *format, ...)
	__attribute__((format(printf, 4, 5)));

static void add_error(struct reader *reader, size_t line, size_t column, const char *format, ...)
{
	char message[1024];
	va_list args;

	va_start(args, format);
	vsnprintf(message, sizeof(message), format, args);
	va_end(args);
	int line_number = line < INT_MAX ? (int)line + 1 : INT_MAX;
	int column_number = column < INT_MAX ? (int)column + 1 : INT_MAX;
	diag_add(reader->diags, reader->path, line_number, column_number, DIAG_ERROR, "%s", message);
	reader->errors++;
}

#define ERROR_AT(reader, mark, ...) add_error((reader), (mark).line, (mark).column, __VA_ARGS__)

/* libyaml gives reader errors (bad UTF-8, control characters) as a byte offset only. */
static void offset_position(const struct reader *reader, size_t offset, size_t *line,
			    size_t *column)
{
	*line = 0;
	*column = 0;
	for (size_t i = 0; i < offset && i < reader->length; i++) {
		unsigned char byte = (unsigned char)reader->data[i];
		if (byte == '\n') {
			(*line)++;
			*column = 0;
		} else if ((byte & 0xC0) != 0x80) {
			(*column)++;
		}
	}
}

static void syntax_error(struct reader *reader)
{
	const yaml_parser_t *parser = &reader->parser;
	const char *problem = parser->problem ? parser->problem : "cannot parse";
	size_t line = parser->problem_mark.line, column = parser->problem_mark.column;

	if (parser->error == YAML_MEMORY_ERROR)
		problem = "out of memory";
	if (parser->error == YAML_READER_ERROR)
		offset_position(reader, parser->problem_offset, &line, &column);
	/* At the end of a file without a final newline libyaml points past it. */
	size_t end_line, end_column;
	offset_position(reader, reader->length, &end_line, &end_column);
	if (line > end_line)
		line = end_line, column = end_column;
	const char *language = yamlerror_language(reader->data, reader->length);
	const char *end = yamlerror_end_note(reader->data, reader->length, parser->problem_mark.index);
	if (parser->context)
		add_error(reader, line, column, "%s syntax error: %s (%s)%s", language, problem, parser->context,
			  end);
	else
		add_error(reader, line, column, "%s syntax error: %s%s", language, problem, end);
	reader->fatal = true;
}

/* Moves to the next event, counting depth; false once the stream cannot go on. */
static bool next_event(struct reader *reader)
{
	if (reader->have_event)
		yaml_event_delete(&reader->event);
	reader->have_event = false;
	if (reader->fatal)
		return false;
	if (!yaml_parser_parse(&reader->parser, &reader->event)) {
		syntax_error(reader);
		return false;
	}
	reader->have_event = true;
	yaml_event_type_t type = reader->event.type;
	if (type == YAML_SEQUENCE_START_EVENT || type == YAML_MAPPING_START_EVENT) {
		if (++reader->depth > ANSWERS_MAX_DEPTH) {
			ERROR_AT(reader, reader->event.start_mark, "nested deeper than %d levels",
				 ANSWERS_MAX_DEPTH);
			reader->fatal = true;
		}
	} else if (type == YAML_SEQUENCE_END_EVENT || type == YAML_MAPPING_END_EVENT) {
		reader->depth--;
	} else if (type == YAML_ALIAS_EVENT) {
		ERROR_AT(reader, reader->event.start_mark,
			 "aliases (*%.32s) are not supported in answers files",
			 (const char *)reader->event.data.alias.anchor);
		reader->fatal = true;
	}
	return !reader->fatal;
}

/* Consumes the rest of the node whose first event is current. */
static bool skip_node(struct reader *reader)
{
	yaml_event_type_t type = reader->event.type;
	if (type != YAML_SEQUENCE_START_EVENT && type != YAML_MAPPING_START_EVENT)
		return true;
	int outside = reader->depth - 1;
	while (reader->depth > outside)
		if (!next_event(reader))
			return false;
	return true;
}

static bool is_scalar(const struct reader *reader)
{
	return reader->event.type == YAML_SCALAR_EVENT;
}

static const char *scalar_text(const struct reader *reader)
{
	return (const char *)reader->event.data.scalar.value;
}

/* One `ID: VERDICT` of the answers mapping; the key is current. */
static bool read_entry(struct reader *reader)
{
	if (!is_scalar(reader)) {
		ERROR_AT(reader, reader->event.start_mark, "a candidate id must be a plain word");
		return skip_node(reader) && next_event(reader) && skip_node(reader);
	}
	yaml_mark_t id_mark = reader->event.start_mark;
	size_t id_length = reader->event.data.scalar.length;
	char *id = malloc(id_length + 1);
	if (!id) {
		ERROR_AT(reader, id_mark, "out of memory");
		return false;
	}
	memcpy(id, scalar_text(reader), id_length + 1);
	bool ok = next_event(reader);
	if (ok && !is_scalar(reader)) {
		ERROR_AT(reader, reader->event.start_mark,
			 "the verdict for '%.64s' must be one of " VERDICT_CHOICES, id);
		ok = skip_node(reader);
	} else if (ok) {
		char message[512];
		enum entry_part part = apply_entry(reader->exercise, reader->answers, id, id_length,
						   scalar_text(reader), message, sizeof(message));
		if (part != ENTRY_OK)
			ERROR_AT(reader, part == ENTRY_ID ? id_mark : reader->event.start_mark, "%s",
				 message);
	}
	free(id);
	return ok;
}

/* The value of `answers:` is current. */
static bool read_answers(struct reader *reader)
{
	if (reader->event.type != YAML_MAPPING_START_EVENT) {
		ERROR_AT(reader, reader->event.start_mark,
			 "'answers' must be a mapping of candidate ids to verdicts");
		return skip_node(reader);
	}
	for (;;) {
		if (!next_event(reader))
			return false;
		if (reader->event.type == YAML_MAPPING_END_EVENT)
			return true;
		if (!read_entry(reader))
			return false;
	}
}

/* The value of `hints:` is current. */
static bool read_hints(struct reader *reader)
{
	yaml_mark_t mark = reader->event.start_mark;
	char message[256];

	if (!is_scalar(reader)) {
		ERROR_AT(reader, mark, "hints must be a whole number");
		return skip_node(reader);
	}
	if (reader->event.data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		ERROR_AT(reader, mark, "hints must be a whole number, not a quoted string");
	else if (parse_hints(reader->exercise, scalar_text(reader), &reader->answers->hints,
			     message, sizeof(message)))
		ERROR_AT(reader, mark, "%s", message);
	return true;
}

/* The value of `flags:` is current: a sequence of lines and ranges. */
static bool read_flags(struct reader *reader)
{
	char message[256];

	reader->answers->has_flags = true;
	if (reader->event.type != YAML_SEQUENCE_START_EVENT) {
		ERROR_AT(reader, reader->event.start_mark,
			 "'flags' must be a list of lines or ranges, such as [12, \"14-16:bug\"]");
		return skip_node(reader);
	}
	for (;;) {
		if (!next_event(reader))
			return false;
		if (reader->event.type == YAML_SEQUENCE_END_EVENT)
			return true;
		if (!is_scalar(reader)) {
			ERROR_AT(reader, reader->event.start_mark, "a flag is a line or a range, such as 12 or 14-16");
			if (!skip_node(reader))
				return false;
			continue;
		}
		if (add_flag(reader->exercise, reader->answers, scalar_text(reader), message,
			     sizeof(message)))
			ERROR_AT(reader, reader->event.start_mark, "%s", message);
	}
}

static const struct {
	const char *name;
	bool (*read)(struct reader *reader);
} root_keys[] = {
	{ "answers", read_answers },
	{ "hints", read_hints },
	{ "flags", read_flags },
};
#define ROOT_KEY_COUNT (sizeof(root_keys) / sizeof(root_keys[0]))

static int find_root_key(const char *name)
{
	for (size_t i = 0; i < ROOT_KEY_COUNT; i++)
		if (strcmp(name, root_keys[i].name) == 0)
			return (int)i;
	return -1;
}

/* One key of the top-level mapping and its value; the key is current. */
static bool read_root_entry(struct reader *reader, size_t *seen_line)
{
	yaml_mark_t mark = reader->event.start_mark;
	int key = is_scalar(reader) ? find_root_key(scalar_text(reader)) : -1;

	if (key < 0) {
		if (is_scalar(reader))
			ERROR_AT(reader, mark,
				 "unknown key '%.64s' (expected 'answers', 'hints' or 'flags')",
				 scalar_text(reader));
		else
			ERROR_AT(reader, mark, "a key must be 'answers', 'hints' or 'flags'");
		return skip_node(reader) && next_event(reader) && skip_node(reader);
	}
	if (seen_line[key]) {
		ERROR_AT(reader, mark, "'%s' appears twice (first at line %zu)", root_keys[key].name,
			 seen_line[key]);
		return next_event(reader) && skip_node(reader);
	}
	seen_line[key] = mark.line + 1;
	return next_event(reader) && root_keys[key].read(reader);
}

/* The document's root node is current. */
static void read_root(struct reader *reader)
{
	size_t seen_line[ROOT_KEY_COUNT] = { 0 }; /* 1-based line of each key; 0 when absent */
	yaml_mark_t start = reader->event.start_mark;

	if (reader->event.type != YAML_MAPPING_START_EVENT) {
		ERROR_AT(reader, start, "an answers file is a mapping with the keys 'answers' and 'hints'");
		skip_node(reader);
		return;
	}
	for (;;) {
		if (!next_event(reader))
			return;
		if (reader->event.type == YAML_MAPPING_END_EVENT)
			break;
		if (!read_root_entry(reader, seen_line))
			return;
	}
	if (!seen_line[0])
		ERROR_AT(reader, start, "missing key 'answers'");
}

static void read_stream(struct reader *reader)
{
	if (!next_event(reader) || !next_event(reader))
		return;
	if (reader->event.type == YAML_STREAM_END_EVENT) {
		add_error(reader, 0, 0, "the answers file is empty (expected 'answers:')");
		return;
	}
	if (!next_event(reader))
		return;
	read_root(reader);
	if (!next_event(reader) || !next_event(reader))
		return;
	if (reader->event.type == YAML_DOCUMENT_START_EVENT)
		ERROR_AT(reader, reader->event.start_mark,
			 "an answers file holds one document, found a second one");
}

enum answers_status answers_parse_buffer(const struct exercise *exercise, const char *path,
					 const char *data, size_t length,
					 struct answers *answers, struct diag_list *diags)
{
	struct reader reader = { .path = path, .data = data, .length = length,
				 .exercise = exercise, .answers = answers, .diags = diags };

	if (!yaml_parser_initialize(&reader.parser)) {
		diag_add(diags, path, 0, 0, DIAG_ERROR, "out of memory");
		return ANSWERS_INVALID;
	}
	yaml_parser_set_input_string(&reader.parser, (const unsigned char *)data, length);
	read_stream(&reader);
	if (reader.have_event)
		yaml_event_delete(&reader.event);
	yaml_parser_delete(&reader.parser);
	return reader.errors ? ANSWERS_INVALID : ANSWERS_OK;
}

enum answers_status answers_load_stream(const struct exercise *exercise, const char *path,
					FILE *stream, struct answers *answers,
					struct diag_list *diags)
{
	char *data = malloc(ANSWERS_MAX_FILE_BYTES + 1);
	if (!data) {
		diag_add(diags, path, 0, 0, DIAG_ERROR, "out of memory");
		return ANSWERS_IO_ERROR;
	}
	size_t length = fread(data, 1, ANSWERS_MAX_FILE_BYTES + 1, stream);
	enum answers_status status = ANSWERS_INVALID;
	if (ferror(stream)) {
		diag_add(diags, path, 0, 0, DIAG_ERROR, "cannot read: %s", strerror(errno));
		status = ANSWERS_IO_ERROR;
	} else if (length > ANSWERS_MAX_FILE_BYTES) {
		diag_add(diags, path, 0, 0, DIAG_ERROR, "answers file larger than %d bytes",
			 ANSWERS_MAX_FILE_BYTES);
	} else {
		status = answers_parse_buffer(exercise, path, data, length, answers, diags);
	}
	free(data);
	return status;
}

enum answers_status answers_load_file(const struct exercise *exercise, const char *path,
				      struct answers *answers, struct diag_list *diags)
{
	FILE *stream = fopen(path, "rb");
	if (!stream) {
		diag_add(diags, path, 0, 0, DIAG_ERROR, "cannot open: %s", strerror(errno));
		return ANSWERS_IO_ERROR;
	}
	enum answers_status status = answers_load_stream(exercise, path, stream, answers, diags);
	fclose(stream);
	return status;
}

bool answers_apply_assignment(const struct exercise *exercise, const char *text,
			      const char *source, struct answers *answers,
			      struct diag_list *diags)
{
	const char *equals = strchr(text, '=');
	char message[512];

	if (!equals || equals == text) {
		diag_add(diags, source, 0, 0, DIAG_ERROR, "'%.64s' is not ID=VERDICT", text);
		return false;
	}
	size_t id_length = (size_t)(equals - text);
	char *id = strndup(text, id_length);
	if (!id) {
		diag_add(diags, source, 0, 0, DIAG_ERROR, "out of memory");
		return false;
	}
	enum entry_part part = apply_entry(exercise, answers, id, id_length, equals + 1, message,
					   sizeof(message));
	free(id);
	if (part != ENTRY_OK)
		diag_add(diags, source, 0, 0, DIAG_ERROR, "%s", message);
	return part == ENTRY_OK;
}

bool answers_apply_flag(const struct exercise *exercise, const char *text, const char *source,
			struct answers *answers, struct diag_list *diags)
{
	char message[256];
	if (add_flag(exercise, answers, text, message, sizeof(message))) {
		diag_add(diags, source, 0, 0, DIAG_ERROR, "'%.40s': %s", text, message);
		return false;
	}
	return true;
}

bool answers_apply_hints(const struct exercise *exercise, const char *text, const char *source,
			 struct answers *answers, struct diag_list *diags)
{
	char message[256];
	if (parse_hints(exercise, text, &answers->hints, message, sizeof(message))) {
		diag_add(diags, source, 0, 0, DIAG_ERROR, "%s", message);
		return false;
	}
	return true;
}
