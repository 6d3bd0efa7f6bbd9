/* Bounded YAML trees from libyaml events: depth counted per event, aliases shared
 * (never copied) under an expansion budget, merge keys applied. */
#include "review/yamldoc.h"
#include "review/yamlerror.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

#define WEIGHT_BYTES_PER_UNIT 64
#define ARENA_BLOCK_BYTES (16 * 1024)

/* Every node, scalar text, tag and item array of a document comes from one
 * arena, freed whole: a file's tree costs a few block allocations instead of
 * three or four malloc calls per node. */
struct arena_block {
	struct arena_block *next;
	size_t used, size;
	max_align_t data[];
};

struct anchor {
	char *name;
	struct yamldoc_node *node;
};

struct yamldoc {
	struct yamldoc_node *root;
	struct arena_block *blocks;    /* newest first */
};

/* Parse-time state; lives on the stack of yamldoc_parse. */
struct builder {
	struct yamldoc *doc;
	const char *file;
	int first_line;
	const struct yamldoc_limits *limits;
	struct diag_list *diags;
	struct yamldoc_node *stack[256];
	int depth;
	struct anchor *anchors;
	size_t anchor_count, anchor_capacity;
	size_t alias_expansion;
	bool failed;
	int syntax_error_line; /* file line of libyaml's error, 0 when none */
};

static size_t saturating_add(size_t a, size_t b)
{
	return a > SIZE_MAX - b ? SIZE_MAX : a + b;
}

static void *arena_alloc(struct yamldoc *doc, size_t size)
{
	const size_t align = sizeof(max_align_t);
	size = (size + align - 1) / align * align;
	struct arena_block *block = doc->blocks;
	if (!block || block->size - block->used < size) {
		size_t room = size > ARENA_BLOCK_BYTES ? size : ARENA_BLOCK_BYTES;
		block = malloc(sizeof(*block) + room);
		if (!block)
			return NULL;
		block->used = 0;
		block->size = room;
		block->next = doc->blocks;
		doc->blocks = block;
	}
	void *memory = (char *)block->data + block->used;
	block->used += size;
	return memory;
}

static char *arena_copy(struct yamldoc *doc, const void *text, size_t length)
{
	char *copy = arena_alloc(doc, length + 1);
	if (copy) {
		memcpy(copy, text, length);
		copy[length] = '\0';
	}
	return copy;
}

static bool grow(void **array, size_t *capacity, size_t needed, size_t item_size)
{
	if (needed <= *capacity)
		return true;
	size_t next = *capacity ? *capacity * 2 : 4;
	while (next < needed)
		next *= 2;
	void *bigger = realloc(*array, next * item_size);
	if (!bigger)
		return false;
	*array = bigger;
	*capacity = next;
	return true;
}

static void fail(struct builder *b, yaml_mark_t mark, const char *format, ...)
	__attribute__((format(printf, 3, 4)));

static void fail(struct builder *b, yaml_mark_t mark, const char *format, ...)
{
	char message[600];
	va_list args;

	if (b->failed)
		return;
	b->failed = true;
	va_start(args, format);
	vsnprintf(message, sizeof(message), format, args);
	va_end(args);
	diag_add(b->diags, b->file, (int)mark.line + b->first_line, (int)mark.column + 1, DIAG_ERROR,
		 "%s", message);
}

static struct yamldoc_node *new_node(struct builder *b, enum yamldoc_kind kind, yaml_mark_t mark)
{
	struct yamldoc_node *node = arena_alloc(b->doc, sizeof(*node));
	if (!node)
		return NULL;
	memset(node, 0, sizeof(*node));
	node->kind = kind;
	node->line = (int)mark.line + b->first_line;
	node->column = (int)mark.column + 1;
	node->weight = 1;
	return node;
}

/* An item array grows by doubling into a new arena piece; the old one stays
 * until the document is freed (at most as much again). */
static bool append_item(struct yamldoc *doc, struct yamldoc_node *parent, struct yamldoc_node *child)
{
	if (parent->count == parent->capacity) {
		size_t capacity = parent->capacity ? parent->capacity * 2 : 8;
		struct yamldoc_node **items = capacity <= SIZE_MAX / sizeof(*items)
						      ? arena_alloc(doc, capacity * sizeof(*items)) : NULL;
		if (!items)
			return false;
		if (parent->count)
			memcpy(items, parent->items, parent->count * sizeof(*items));
		parent->items = items;
		parent->capacity = capacity;
	}
	parent->items[parent->count++] = child;
	parent->weight = saturating_add(parent->weight, child->weight);
	return true;
}

/* Attaches a finished node (or an alias target) to the open collection, or makes it the root. */
static void attach(struct builder *b, struct yamldoc_node *node, yaml_mark_t mark)
{
	if (b->depth == 0) {
		b->doc->root = node;
		return;
	}
	if (!append_item(b->doc, b->stack[b->depth - 1], node))
		fail(b, mark, "out of memory");
}

static void add_anchor(struct builder *b, const yaml_char_t *name, struct yamldoc_node *node,
		       yaml_mark_t mark)
{
	if (!name)
		return;
	if (!grow((void **)&b->anchors, &b->anchor_capacity, b->anchor_count + 1, sizeof(*b->anchors))) {
		fail(b, mark, "out of memory");
		return;
	}
	char *copy = strdup((const char *)name);
	if (!copy) {
		fail(b, mark, "out of memory");
		return;
	}
	b->anchors[b->anchor_count++] = (struct anchor){ copy, node };
}

/* The latest definition wins, as YAML says an anchor may be redefined. */
static struct yamldoc_node *find_anchor(const struct builder *b, const char *name)
{
	for (size_t i = b->anchor_count; i-- > 0;)
		if (strcmp(b->anchors[i].name, name) == 0)
			return b->anchors[i].node;
	return NULL;
}

static char *copy_tag(struct yamldoc *doc, const yaml_char_t *tag)
{
	return tag ? arena_copy(doc, tag, strlen((const char *)tag)) : NULL;
}

static void on_scalar(struct builder *b, const yaml_event_t *event)
{
	struct yamldoc_node *node = new_node(b, YAMLDOC_SCALAR, event->start_mark);
	if (!node || !(node->value = arena_copy(b->doc, event->data.scalar.value, event->data.scalar.length))) {
		fail(b, event->start_mark, "out of memory");
		return;
	}
	node->length = event->data.scalar.length;
	node->tag = copy_tag(b->doc, event->data.scalar.tag);
	node->plain = event->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && !node->tag;
	node->folded = event->data.scalar.style == YAML_FOLDED_SCALAR_STYLE;
	node->weight = 1 + node->length / WEIGHT_BYTES_PER_UNIT;
	add_anchor(b, event->data.scalar.anchor, node, event->start_mark);
	attach(b, node, event->start_mark);
}

static void on_collection_start(struct builder *b, const yaml_event_t *event, enum yamldoc_kind kind)
{
	const yaml_char_t *anchor = kind == YAMLDOC_MAPPING ? event->data.mapping_start.anchor
							     : event->data.sequence_start.anchor;
	const yaml_char_t *tag = kind == YAMLDOC_MAPPING ? event->data.mapping_start.tag
							  : event->data.sequence_start.tag;
	int max_depth = b->limits->max_depth;

	if (b->depth >= max_depth || b->depth >= (int)(sizeof(b->stack) / sizeof(*b->stack))) {
		fail(b, event->start_mark, "nesting deeper than %d levels", max_depth);
		return;
	}
	struct yamldoc_node *node = new_node(b, kind, event->start_mark);
	if (!node) {
		fail(b, event->start_mark, "out of memory");
		return;
	}
	node->tag = copy_tag(b->doc, tag);
	node->open = true;
	add_anchor(b, anchor, node, event->start_mark);
	b->stack[b->depth++] = node;
}

static bool is_merge_key(const struct yamldoc_node *key)
{
	return key->kind == YAMLDOC_SCALAR && key->plain && strcmp(key->value, "<<") == 0;
}

static bool has_key(const struct yamldoc_node *mapping, const struct yamldoc_node *key, size_t pairs_end)
{
	if (key->kind != YAMLDOC_SCALAR)
		return false;
	for (size_t i = 0; i < pairs_end; i += 2) {
		const struct yamldoc_node *other = mapping->items[i];
		if (other->kind == YAMLDOC_SCALAR && strcmp(other->value, key->value) == 0)
			return true;
	}
	return false;
}

/* Appends the pairs of source that mapping does not define yet (YAML merge key). */
static bool merge_from(struct yamldoc *doc, struct yamldoc_node *mapping, const struct yamldoc_node *source)
{
	size_t own_end = mapping->count;
	for (size_t i = 0; i + 1 < source->count; i += 2) {
		if (has_key(mapping, source->items[i], own_end))
			continue;
		if (!append_item(doc, mapping, source->items[i]) || !append_item(doc, mapping, source->items[i + 1]))
			return false;
	}
	return true;
}

/* Replaces `<<: *base` (or `<<: [*a, *b]`) by the merged pairs, own keys first. */
static void apply_merges(struct builder *b, struct yamldoc_node *mapping, yaml_mark_t mark)
{
	size_t kept = 0;
	struct yamldoc_node *merges[64];
	size_t merge_count = 0;

	for (size_t i = 0; i + 1 < mapping->count; i += 2) {
		if (is_merge_key(mapping->items[i])) {
			struct yamldoc_node *value = mapping->items[i + 1];
			if (value->kind == YAMLDOC_SEQUENCE) {
				for (size_t j = 0; j < value->count && merge_count < 64; j++)
					merges[merge_count++] = value->items[j];
			} else if (merge_count < 64) {
				merges[merge_count++] = value;
			}
			continue;
		}
		mapping->items[kept++] = mapping->items[i];
		mapping->items[kept++] = mapping->items[i + 1];
	}
	if (merge_count == 0)
		return;
	mapping->count = kept;
	for (size_t i = 0; i < merge_count; i++) {
		if (merges[i]->kind != YAMLDOC_MAPPING) {
			fail(b, mark, "a merge key '<<' takes a mapping or a sequence of mappings");
			return;
		}
		if (!merge_from(b->doc, mapping, merges[i])) {
			fail(b, mark, "out of memory");
			return;
		}
	}
}

static void on_collection_end(struct builder *b, const yaml_event_t *event)
{
	if (b->depth == 0)
		return;
	struct yamldoc_node *node = b->stack[--b->depth];
	node->open = false;
	if (node->kind == YAMLDOC_MAPPING && node->count % 2 == 0)
		apply_merges(b, node, event->start_mark);
	attach(b, node, event->start_mark);
}

static void on_alias(struct builder *b, const yaml_event_t *event)
{
	const char *name = (const char *)event->data.alias.anchor;
	struct yamldoc_node *target = find_anchor(b, name);

	if (!target) {
		fail(b, event->start_mark, "alias '*%s' names no anchor defined before it", name);
		return;
	}
	if (target->open) {
		fail(b, event->start_mark, "alias '*%s' refers to the node that contains it (a cycle)", name);
		return;
	}
	b->alias_expansion = saturating_add(b->alias_expansion, target->weight);
	if (b->alias_expansion > b->limits->max_alias_expansion) {
		fail(b, event->start_mark,
		     "aliases expand this document past the loader's budget (at alias '*%s')", name);
		return;
	}
	attach(b, target, event->start_mark);
}

static void on_event(struct builder *b, const yaml_event_t *event)
{
	switch (event->type) {
	case YAML_SCALAR_EVENT: on_scalar(b, event); break;
	case YAML_SEQUENCE_START_EVENT: on_collection_start(b, event, YAMLDOC_SEQUENCE); break;
	case YAML_MAPPING_START_EVENT: on_collection_start(b, event, YAMLDOC_MAPPING); break;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT: on_collection_end(b, event); break;
	case YAML_ALIAS_EVENT: on_alias(b, event); break;
	default: break;
	}
}

/* The reader (a raw control character, say) reports only a byte offset: turn
 * it into the line and the column in characters, as every other mark. */
static yaml_mark_t mark_at_offset(const char *data, size_t length, size_t offset)
{
	yaml_mark_t mark = { offset, 0, 0 };
	for (size_t i = 0; i < offset && i < length; i++) {
		if (data[i] == '\n') {
			mark.line++;
			mark.column = 0;
		} else if (((unsigned char)data[i] & 0xC0) != 0x80) {
			mark.column++;
		}
	}
	return mark;
}

/* libyaml's own problem and position stay in the message; an explanation in
 * the author's terms, when there is one, leads and may move the position to
 * where the fix goes. */
static void report_syntax_error(struct builder *b, const yaml_parser_t *parser, const char *data,
				size_t length)
{
	char libyaml[512], explained[512];
	const char *problem = parser->problem ? parser->problem : "unknown problem";

	if (parser->context)
		snprintf(libyaml, sizeof(libyaml), "%s %s", problem, parser->context);
	else
		snprintf(libyaml, sizeof(libyaml), "%s", problem);
	yaml_mark_t mark = parser->problem_mark;
	if (parser->error == YAML_READER_ERROR)
		mark = mark_at_offset(data, length, parser->problem_offset);
	if (!b->failed)
		b->syntax_error_line = (int)mark.line + b->first_line;
	const char *language = yamlerror_language(data, length);
	const char *end = yamlerror_end_note(data, length, parser->problem_mark.index);
	if (parser->error == YAML_READER_ERROR) {
		fail(b, mark, "%s syntax error: %s", language, libyaml);
		return;
	}
	const struct yamlerror_report report = {
		.problem = problem,
		.context = parser->context,
		.problem_at = { mark.line, mark.column },
		.context_at = { parser->context_mark.line, parser->context_mark.column },
		.has_context_at = parser->context != NULL,
	};
	struct yamlerror_position at;
	if (!yamlerror_explain(data, length, &report, explained, sizeof(explained), &at)) {
		fail(b, mark, "%s syntax error: %s%s", language, libyaml, end);
		return;
	}
	if ((int)at.line + b->first_line < b->syntax_error_line)
		b->syntax_error_line = (int)at.line + b->first_line;
	/* An author's unclosed quote is explained; a JSON file (an export, written by
	 * a program) that ends inside one was cut short. */
	fail(b, (yaml_mark_t){ 0, at.line, at.column }, "%s syntax error: %s (libyaml: %s, at %d:%d)%s",
	     language, explained, libyaml, (int)mark.line + b->first_line, (int)mark.column + 1,
	     strcmp(language, "JSON") == 0 ? end : "");
}

static void run_parser(struct builder *b, const char *data, size_t length)
{
	yaml_parser_t parser;
	yaml_event_t event;
	int documents = 0;

	if (!yaml_parser_initialize(&parser)) {
		fail(b, (yaml_mark_t){ 0, 0, 0 }, "out of memory");
		return;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)data, length);
	while (!b->failed) {
		if (!yaml_parser_parse(&parser, &event)) {
			report_syntax_error(b, &parser, data, length);
			break;
		}
		bool done = event.type == YAML_STREAM_END_EVENT;
		if (event.type == YAML_DOCUMENT_START_EVENT && ++documents > 1)
			fail(b, event.start_mark, "more than one YAML document in the front matter");
		on_event(b, &event);
		yaml_event_delete(&event);
		if (done)
			break;
	}
	yaml_parser_delete(&parser);
}

struct yamldoc *yamldoc_parse(const char *file, const char *data, size_t length, int first_line,
			      const struct yamldoc_limits *limits, struct diag_list *diags,
			      int *syntax_error_line)
{
	struct builder b = { .file = file, .first_line = first_line, .limits = limits, .diags = diags };

	b.doc = calloc(1, sizeof(*b.doc));
	if (!b.doc) {
		diag_add(diags, file, first_line, 1, DIAG_ERROR, "out of memory");
		return NULL;
	}
	run_parser(&b, data, length);
	for (size_t i = 0; i < b.anchor_count; i++)
		free(b.anchors[i].name);
	free(b.anchors);
	if (syntax_error_line)
		*syntax_error_line = b.syntax_error_line;
	if (b.failed) {
		yamldoc_free(b.doc);
		return NULL;
	}
	return b.doc;
}

void yamldoc_free(struct yamldoc *doc)
{
	if (!doc)
		return;
	for (struct arena_block *block = doc->blocks, *next; block; block = next) {
		next = block->next;
		free(block);
	}
	free(doc);
}

const struct yamldoc_node *yamldoc_root(const struct yamldoc *doc)
{
	return doc->root;
}

const struct yamldoc_node *yamldoc_get(const struct yamldoc_node *mapping, const char *key)
{
	if (!mapping || mapping->kind != YAMLDOC_MAPPING)
		return NULL;
	for (size_t i = 0; i + 1 < mapping->count; i += 2) {
		const struct yamldoc_node *k = mapping->items[i];
		if (k->kind == YAMLDOC_SCALAR && strcmp(k->value, key) == 0)
			return mapping->items[i + 1];
	}
	return NULL;
}

static bool has_tag(const struct yamldoc_node *node, const char *suffix)
{
	static const char prefix[] = "tag:yaml.org,2002:";
	return node->tag && strncmp(node->tag, prefix, sizeof(prefix) - 1) == 0 &&
	       strcmp(node->tag + sizeof(prefix) - 1, suffix) == 0;
}

bool yamldoc_is_null(const struct yamldoc_node *node)
{
	if (node->kind != YAMLDOC_SCALAR)
		return false;
	if (has_tag(node, "null"))
		return true;
	if (!node->plain)
		return false;
	return node->length == 0 || strcmp(node->value, "~") == 0 || strcmp(node->value, "null") == 0 ||
	       strcmp(node->value, "Null") == 0 || strcmp(node->value, "NULL") == 0;
}

bool yamldoc_as_long(const struct yamldoc_node *node, long *out)
{
	if (node->kind != YAMLDOC_SCALAR || !(node->plain || has_tag(node, "int")))
		return false;
	const char *digits = node->value;
	if (*digits == '+' || *digits == '-')
		digits++;
	if (!*digits)
		return false;
	for (const char *p = digits; *p; p++)
		if (!isdigit((unsigned char)*p))
			return false;
	errno = 0;
	long value = strtol(node->value, NULL, 10);
	if (errno == ERANGE)
		return false;
	*out = value;
	return true;
}

bool yamldoc_as_bool(const struct yamldoc_node *node, bool *out)
{
	if (node->kind != YAMLDOC_SCALAR || !(node->plain || has_tag(node, "bool")))
		return false;
	if (strcasecmp(node->value, "true") == 0)
		*out = true;
	else if (strcasecmp(node->value, "false") == 0)
		*out = false;
	else
		return false;
	return true;
}

const char *yamldoc_describe(const struct yamldoc_node *node)
{
	long number;
	bool flag;

	if (node->kind == YAMLDOC_SEQUENCE)
		return "a sequence";
	if (node->kind == YAMLDOC_MAPPING)
		return "a mapping";
	if (yamldoc_is_null(node))
		return "null";
	if (yamldoc_as_long(node, &number))
		return "a number";
	if (yamldoc_as_bool(node, &flag))
		return "a boolean";
	if (node->plain && node->length > 0 && strspn(node->value, "0123456789") == node->length)
		return "a number out of range";
	return node->plain ? "a word" : "a quoted string";
}
