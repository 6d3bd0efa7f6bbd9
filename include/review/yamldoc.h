/* A bounded YAML document tree built from libyaml's event stream.
 * libyaml's own document API neither expands aliases nor limits nesting, and
 * Debian's 0.2.5 is quadratic in nesting depth; this module counts depth on
 * events, shares aliased nodes instead of copying them, rejects self-references,
 * and stops when aliases would expand the document past a budget. */
#ifndef REVIEW_YAMLDOC_H
#define REVIEW_YAMLDOC_H

#include <stdbool.h>
#include <stddef.h>

#include "review/diag.h"

enum yamldoc_kind { YAMLDOC_SCALAR, YAMLDOC_SEQUENCE, YAMLDOC_MAPPING };

struct yamldoc_node {
	enum yamldoc_kind kind;
	int line;                  /* 1-based position in the file */
	int column;
	char *value;               /* scalars: the text (NUL-terminated; length below) */
	size_t length;
	bool plain;                /* scalars: unquoted plain style, subject to type resolution */
	bool folded;               /* scalars: folded block style `>`, which joins lines */
	char *tag;                 /* explicit tag such as "tag:yaml.org,2002:str", or NULL */
	struct yamldoc_node **items; /* sequences: items; mappings: key, value, key, value... */
	size_t count;              /* items in the array (pairs * 2 for mappings) */
	size_t capacity;
	bool open;                 /* still being built: an alias to it is a cycle */
	size_t weight;             /* expanded size in units (nodes plus 64-byte blocks) */
};

struct yamldoc_limits {
	int max_depth;
	size_t max_alias_expansion; /* units that aliases may add, per document */
};

struct yamldoc;

/* Parses the single document in data. Positions are shifted so that the first
 * byte of data is at (first_line, 1) of the file. On success returns a new doc
 * (free with yamldoc_free) whose root may be NULL for an empty stream; on failure
 * returns NULL and adds the error to diags (file names the file), and when the
 * failure is libyaml's syntax error (not a limit), sets *syntax_error_line (if
 * not NULL) to its file line; it is 0 otherwise. */
struct yamldoc *yamldoc_parse(const char *file, const char *data, size_t length, int first_line,
			      const struct yamldoc_limits *limits, struct diag_list *diags,
			      int *syntax_error_line);
void yamldoc_free(struct yamldoc *doc);

const struct yamldoc_node *yamldoc_root(const struct yamldoc *doc);

/* Mapping lookup by key text (merge keys `<<` already applied). */
const struct yamldoc_node *yamldoc_get(const struct yamldoc_node *mapping, const char *key);

/* Scalar type resolution (YAML core schema, plain scalars only; quoted is a string). */
bool yamldoc_is_null(const struct yamldoc_node *node);
/* Plain decimal (optional leading '+' or '-'); false for quoted scalars and words. */
bool yamldoc_as_long(const struct yamldoc_node *node, long *out);
/* true/false in any letter case, plain only. */
bool yamldoc_as_bool(const struct yamldoc_node *node, bool *out);

/* "a string", "a number", "a sequence"... for messages. */
const char *yamldoc_describe(const struct yamldoc_node *node);

#endif
