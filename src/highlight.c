/* Syntax highlighting: one small table per language drives a single lexer.
 *
 * The lexer only decides which byte ranges get which role; the text itself goes
 * through text_line_append_styled, so tabs are expanded and every control or
 * invisible character (a Trojan Source bidi override in a comment, say) comes
 * out as a visible ROLE_ESCAPE marker. Token boundaries are always ASCII bytes,
 * so a UTF-8 sequence is never cut between two spans. */
#include "review/highlight.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text_private.h"

enum quote_flags {
	Q_MULTILINE = 1, /* may span lines without a backslash */
	Q_ESCAPES = 2,   /* backslash escapes the next character */
	Q_CHAR = 4,      /* one character only, else not a string (Rust lifetimes) */
};

struct quote {
	const char *delim; /* opening and closing */
	unsigned flags;
};

enum language_flags {
	L_PREPROCESSOR = 1,  /* '#' lines are C preprocessor directives */
	L_NESTED_COMMENTS = 2,
	L_CASELESS = 4,      /* keywords in any letter case (SQL) */
	L_YAML_KEYS = 8,     /* "key:" at the start of a line is a keyword */
	L_COMMENT_AT_WORD = 16, /* the line comment starts only after a blank (shell '#') */
	L_DECORATORS = 32,   /* @name annotates a declaration (Python, Java) */
};

struct language {
	const char *names; /* canonical name, then aliases, space-separated */
	const char *const *keywords;
	const char *const *types;
	const char *line_comment;
	const char *block_open, *block_close;
	struct quote quotes[4];
	unsigned flags;
};

/* ---- tables ---- */

static const char *const python_keywords[] = {
	"False", "None", "True", "and", "as", "assert", "async", "await", "break", "case",
	"class", "continue", "def", "del", "elif", "else", "except", "finally", "for",
	"from", "global", "if", "import", "in", "is", "lambda", "match", "nonlocal", "not",
	"or", "pass", "raise", "return", "try", "while", "with", "yield", NULL
};
static const char *const python_types[] = {
	"Exception", "IndexError", "KeyError", "RuntimeError", "TypeError", "ValueError",
	"bool", "bytes", "cls", "dict", "float", "frozenset", "int", "isinstance", "len",
	"list", "object", "open", "print", "range", "self", "set", "str", "super", "tuple",
	"type", NULL
};
static const char *const c_keywords[] = {
	"NULL", "_Alignas", "_Alignof", "_Atomic", "_Generic", "_Noreturn",
	"_Static_assert", "_Thread_local", "auto", "break", "case", "const", "continue",
	"default", "do", "else", "enum", "extern", "false", "for", "goto", "if", "inline",
	"register", "restrict", "return", "sizeof", "static", "struct", "switch", "true",
	"typedef", "union", "volatile", "while", NULL
};
static const char *const c_types[] = {
	"FILE", "_Bool", "bool", "char", "double", "float", "int", "int16_t", "int32_t",
	"int64_t", "int8_t", "intptr_t", "long", "off_t", "pid_t", "ptrdiff_t", "short",
	"signed", "size_t", "ssize_t", "uint16_t", "uint32_t", "uint64_t", "uint8_t",
	"uintptr_t", "unsigned", "void", "wchar_t", NULL
};
static const char *const cpp_keywords[] = {
	"NULL", "auto", "break", "case", "catch", "class", "const", "const_cast",
	"constexpr", "continue", "decltype", "default", "delete", "do", "dynamic_cast",
	"else", "enum", "explicit", "extern", "false", "final", "for", "friend", "goto",
	"if", "inline", "mutable", "namespace", "new", "noexcept", "nullptr", "operator",
	"override", "private", "protected", "public", "register", "reinterpret_cast",
	"return", "sizeof", "static", "static_assert", "static_cast", "struct", "switch",
	"template", "this", "throw", "true", "try", "typedef", "typename", "union",
	"using", "virtual", "volatile", "while", NULL
};
static const char *const cpp_types[] = {
	"bool", "char", "double", "float", "int", "int32_t", "int64_t", "long", "map",
	"shared_ptr", "short", "signed", "size_t", "std", "string", "uint32_t", "uint64_t",
	"uint8_t", "unique_ptr", "unordered_map", "unsigned", "vector", "void", NULL
};
static const char *const go_keywords[] = {
	"break", "case", "chan", "const", "continue", "default", "defer", "else",
	"fallthrough", "false", "for", "func", "go", "goto", "if", "import", "interface",
	"iota", "map", "nil", "package", "range", "return", "select", "struct", "switch",
	"true", "type", "var", NULL
};
static const char *const go_types[] = {
	"any", "append", "bool", "byte", "cap", "close", "complex128", "complex64", "copy",
	"delete", "error", "float32", "float64", "int", "int16", "int32", "int64", "int8",
	"len", "make", "new", "panic", "recover", "rune", "string", "uint", "uint16",
	"uint32", "uint64", "uint8", "uintptr", NULL
};
static const char *const java_keywords[] = {
	"abstract", "assert", "break", "case", "catch", "class", "const", "continue",
	"default", "do", "else", "enum", "extends", "false", "final", "finally", "for",
	"goto", "if", "implements", "import", "instanceof", "interface", "native", "new",
	"null", "package", "permits", "private", "protected", "public", "record", "return",
	"sealed", "static", "strictfp", "super", "switch", "synchronized", "this", "throw",
	"throws", "transient", "true", "try", "var", "volatile", "while", "yield", NULL
};
static const char *const java_types[] = {
	"ArrayList", "Boolean", "Double", "Exception", "HashMap", "Integer", "List",
	"Long", "Map", "Object", "Optional", "Set", "String", "boolean", "byte", "char",
	"double", "float", "int", "long", "short", "void", NULL
};
static const char *const js_keywords[] = {
	"as", "async", "await", "break", "case", "catch", "class", "const", "continue",
	"debugger", "default", "delete", "do", "else", "export", "extends", "false",
	"finally", "for", "from", "function", "if", "import", "in", "instanceof", "let",
	"new", "null", "of", "return", "static", "super", "switch", "this", "throw",
	"true", "try", "typeof", "undefined", "var", "void", "while", "with", "yield", NULL
};
static const char *const js_types[] = {
	"Array", "BigInt", "Boolean", "Date", "Error", "JSON", "Map", "Math", "Number",
	"Object", "Promise", "RegExp", "Set", "String", "Symbol", "console", "document",
	"window", NULL
};
static const char *const ts_keywords[] = {
	"abstract", "as", "async", "await", "break", "case", "catch", "class", "const",
	"continue", "declare", "default", "delete", "do", "else", "enum", "export",
	"extends", "false", "finally", "for", "from", "function", "if", "implements",
	"import", "in", "infer", "instanceof", "interface", "is", "keyof", "let",
	"namespace", "new", "null", "of", "private", "protected", "public", "readonly",
	"return", "satisfies", "static", "super", "switch", "this", "throw", "true", "try",
	"type", "typeof", "undefined", "var", "void", "while", "yield", NULL
};
static const char *const ts_types[] = {
	"Array", "Date", "Error", "Map", "Partial", "Promise", "Record", "Set", "any",
	"bigint", "boolean", "console", "never", "number", "object", "string", "symbol",
	"unknown", NULL
};
static const char *const sql_keywords[] = {
	"ADD", "ALL", "ALTER", "AND", "AS", "ASC", "BEGIN", "BETWEEN", "BY", "CASE",
	"CHECK", "COMMIT", "CONSTRAINT", "CREATE", "CROSS", "DEFAULT", "DELETE", "DESC",
	"DISTINCT", "DROP", "ELSE", "END", "EXISTS", "FALSE", "FOREIGN", "FROM", "FULL",
	"GROUP", "HAVING", "IF", "IN", "INDEX", "INNER", "INSERT", "INTO", "IS", "JOIN",
	"KEY", "LEFT", "LIKE", "LIMIT", "NOT", "NULL", "OFFSET", "ON", "OR", "ORDER",
	"OUTER", "OVER", "PARTITION", "PRIMARY", "REFERENCES", "RETURNING", "RIGHT",
	"ROLLBACK", "SELECT", "SET", "TABLE", "THEN", "TRANSACTION", "TRUE", "UNION",
	"UNIQUE", "UPDATE", "USING", "VALUES", "VIEW", "WHEN", "WHERE", "WITH", NULL
};
static const char *const sql_types[] = {
	"AVG", "BIGINT", "BOOLEAN", "CHAR", "COALESCE", "COUNT", "DATE", "DECIMAL",
	"DOUBLE", "FLOAT", "INT", "INTEGER", "MAX", "MIN", "NUMERIC", "REAL", "SERIAL",
	"SMALLINT", "SUM", "TEXT", "TIMESTAMP", "VARCHAR", NULL
};
static const char *const rust_keywords[] = {
	"Self", "as", "async", "await", "break", "const", "continue", "crate", "dyn",
	"else", "enum", "extern", "false", "fn", "for", "if", "impl", "in", "let", "loop",
	"match", "mod", "move", "mut", "pub", "ref", "return", "self", "static", "struct",
	"super", "trait", "true", "type", "unsafe", "use", "where", "while", NULL
};
static const char *const rust_types[] = {
	"Arc", "Box", "Err", "HashMap", "None", "Ok", "Option", "Rc", "Result", "Some",
	"String", "Vec", "bool", "char", "f32", "f64", "i128", "i16", "i32", "i64", "i8",
	"isize", "str", "u128", "u16", "u32", "u64", "u8", "usize", NULL
};
static const char *const shell_keywords[] = {
	"case", "do", "done", "elif", "else", "esac", "fi", "for", "function", "if", "in",
	"select", "then", "time", "until", "while", NULL
};
static const char *const shell_types[] = {
	"cd", "declare", "echo", "eval", "exec", "exit", "export", "local", "printf",
	"read", "readonly", "return", "set", "shift", "source", "test", "trap", "unset",
	NULL
};
static const char *const scala_keywords[] = {
	"abstract", "case", "catch", "class", "def", "do", "else", "enum", "export",
	"extends", "false", "final", "finally", "for", "given", "if", "implicit", "import",
	"lazy", "match", "new", "null", "object", "override", "package", "private",
	"protected", "return", "sealed", "super", "then", "this", "throw", "trait", "true",
	"try", "type", "using", "val", "var", "while", "with", "yield", NULL
};
static const char *const scala_types[] = {
	"Any", "AnyRef", "Array", "Boolean", "Double", "Float", "Future", "Int", "List",
	"Long", "Map", "None", "Nothing", "Option", "Seq", "Set", "Some", "String", "Unit",
	NULL
};
static const char *const yaml_types[] = {
	"FALSE", "False", "NULL", "Null", "TRUE", "True", "false", "no", "null", "off",
	"on", "true", "yes", NULL
};
static const char *const json_keywords[] = {
	"false", "null", "true", NULL
};
static const char *const dockerfile_keywords[] = {
	"ADD", "ARG", "AS", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM",
	"HEALTHCHECK", "LABEL", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME",
	"WORKDIR", NULL
};
static const char *const ini_keywords[] = {
	"false", "no", "off", "on", "true", "yes", NULL
};
static const char *const php_keywords[] = {
	"abstract", "and", "array", "as", "break", "case", "catch", "class", "clone",
	"const", "continue", "declare", "default", "do", "echo", "else", "elseif", "empty",
	"enum", "extends", "false", "final", "finally", "fn", "for", "foreach", "function",
	"global", "if", "implements", "include", "include_once", "instanceof", "interface",
	"isset", "list", "match", "namespace", "new", "null", "or", "print", "private",
	"protected", "public", "readonly", "require", "require_once", "return", "static",
	"switch", "throw", "trait", "true", "try", "unset", "use", "var", "while", "yield",
	NULL
};
static const char *const php_types[] = {
	"bool", "callable", "float", "int", "iterable", "mixed", "object", "self",
	"string", "void", NULL
};

#define C_QUOTES { { "\"", Q_ESCAPES }, { "'", Q_ESCAPES } }

static const struct language languages[] = {
	{ "python py python3 py3", python_keywords, python_types, "#", NULL, NULL,
	  { { "\"\"\"", Q_MULTILINE | Q_ESCAPES }, { "'''", Q_MULTILINE | Q_ESCAPES },
	    { "\"", Q_ESCAPES }, { "'", Q_ESCAPES } }, L_DECORATORS },
	{ "c h", c_keywords, c_types, "//", "/*", "*/", C_QUOTES, L_PREPROCESSOR },
	{ "cpp c++ cc cxx hpp", cpp_keywords, cpp_types, "//", "/*", "*/", C_QUOTES,
	  L_PREPROCESSOR },
	{ "go golang", go_keywords, go_types, "//", "/*", "*/",
	  { { "\"", Q_ESCAPES }, { "'", Q_ESCAPES }, { "`", Q_MULTILINE } }, 0 },
	{ "java", java_keywords, java_types, "//", "/*", "*/",
	  { { "\"\"\"", Q_MULTILINE | Q_ESCAPES }, { "\"", Q_ESCAPES }, { "'", Q_ESCAPES } },
	  L_DECORATORS },
	{ "javascript js jsx mjs node", js_keywords, js_types, "//", "/*", "*/",
	  { { "\"", Q_ESCAPES }, { "'", Q_ESCAPES }, { "`", Q_MULTILINE | Q_ESCAPES } },
	  L_DECORATORS },
	{ "typescript ts tsx", ts_keywords, ts_types, "//", "/*", "*/",
	  { { "\"", Q_ESCAPES }, { "'", Q_ESCAPES }, { "`", Q_MULTILINE | Q_ESCAPES } },
	  L_DECORATORS },
	{ "sql postgres postgresql mysql sqlite plsql", sql_keywords, sql_types, "--", "/*",
	  "*/", { { "'", Q_MULTILINE }, { "\"", 0 } }, L_CASELESS },
	{ "rust rs", rust_keywords, rust_types, "//", "/*", "*/",
	  { { "\"", Q_MULTILINE | Q_ESCAPES }, { "'", Q_ESCAPES | Q_CHAR } }, L_NESTED_COMMENTS },
	{ "bash sh shell zsh ksh", shell_keywords, shell_types, "#", NULL, NULL,
	  { { "\"", Q_MULTILINE | Q_ESCAPES }, { "'", Q_MULTILINE } }, L_COMMENT_AT_WORD },
	{ "scala sc", scala_keywords, scala_types, "//", "/*", "*/",
	  { { "\"\"\"", Q_MULTILINE }, { "\"", Q_ESCAPES }, { "'", Q_ESCAPES | Q_CHAR } },
	  L_NESTED_COMMENTS | L_DECORATORS },
	{ "yaml yml", NULL, yaml_types, "#", NULL, NULL,
	  { { "\"", Q_ESCAPES }, { "'", 0 } }, L_YAML_KEYS | L_COMMENT_AT_WORD },
	{ "json", json_keywords, NULL, NULL, NULL, NULL, { { "\"", Q_ESCAPES } }, 0 },
	{ "dockerfile docker containerfile", dockerfile_keywords, NULL, "#", NULL, NULL,
	  { { "\"", Q_ESCAPES }, { "'", 0 } }, L_CASELESS | L_COMMENT_AT_WORD },
	{ "ini systemd toml conf cfg properties", ini_keywords, NULL, "#", NULL, NULL,
	  { { "\"", Q_ESCAPES }, { "'", 0 } }, L_COMMENT_AT_WORD },
	{ "php", php_keywords, php_types, "//", "/*", "*/",
	  { { "\"", Q_ESCAPES }, { "'", Q_ESCAPES } }, L_DECORATORS },
};

static bool name_in_list(const char *names, const char *name)
{
	size_t len = strlen(name);
	for (const char *p = names; *p != '\0';) {
		size_t n = strcspn(p, " ");
		if (n == len && strncasecmp(p, name, n) == 0)
			return true;
		p += n;
		p += *p == ' ';
	}
	return false;
}

static const struct language *find_language(const char *name)
{
	if (name == NULL || *name == '\0')
		return NULL;
	for (size_t i = 0; i < sizeof languages / sizeof languages[0]; i++)
		if (name_in_list(languages[i].names, name))
			return &languages[i];
	return NULL;
}

size_t highlight_language_count(void)
{
	return sizeof languages / sizeof languages[0];
}

const char *highlight_language_names(size_t index)
{
	return index < highlight_language_count() ? languages[index].names : NULL;
}

bool highlight_supports(const char *language)
{
	return find_language(language) != NULL;
}

/* ---- output: runs of one role, appended through the sanitizer ---- */

struct emitter {
	struct text_line *line;
	const char *base;
	size_t start, end;
	enum text_role role;
	int column;
	const struct text_options *options;
	bool failed;
};

static void emit_flush(struct emitter *e)
{
	if (e->end > e->start &&
	    !text_line_append_styled(e->line, e->base + e->start, e->end - e->start, e->role, 0, 0,
				     e->options, &e->column))
		e->failed = true;
	e->start = e->end;
}

/* Adds bytes [start, end) of the line in role; tokens arrive in order. */
static void emit(struct emitter *e, size_t end, enum text_role role)
{
	if (end <= e->end)
		return;
	if (role != e->role) {
		emit_flush(e);
		e->role = role;
	}
	e->end = end;
}

/* ---- the lexer ---- */

enum lex_mode { LEX_CODE, LEX_COMMENT, LEX_STRING, LEX_PREPROCESSOR, LEX_BLOCK_SCALAR };

/* What carries from one line to the next. */
struct lex_state {
	enum lex_mode mode;
	int depth;     /* nested block comments */
	size_t indent; /* a YAML block scalar holds the lines indented past this */
	const struct quote *quote;
};

/* What highlight_code works out about its language once, for every line. */
struct lang_index {
	size_t keyword_count, type_count;
	bool opens[256]; /* bytes that begin a comment or a string delimiter */
	/* Per (folded) first byte, modulo 64, a bit per word length, modulo 64:
	 * an identifier whose bit is clear is in neither list, and most are. */
	uint64_t keyword_shapes[64], type_shapes[64];
};

struct lexer {
	const struct language *lang;
	const struct lang_index *index;
	const char *s; /* the line */
	size_t len;
	struct lex_state state;
	struct emitter *out;
};

static inline bool starts_with(const struct lexer *lx, size_t p, const char *token)
{
	/* Asked at every position for every delimiter: the first byte rules most out. */
	if (token == NULL || p >= lx->len || lx->s[p] != token[0])
		return false;
	size_t n = strlen(token);
	return n > 0 && lx->len - p >= n && memcmp(lx->s + p, token, n) == 0;
}

static bool is_ident_start(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$' ||
	       c >= 0x80;
}

static bool is_ident_char(unsigned char c)
{
	return is_ident_start(c) || (c >= '0' && c <= '9');
}

static bool is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static bool is_blank(unsigned char c)
{
	return c == ' ' || c == '\t';
}

static size_t scan_block_comment(struct lexer *lx, size_t p)
{
	const struct language *l = lx->lang;
	while (p < lx->len) {
		if (starts_with(lx, p, l->block_close)) {
			p += strlen(l->block_close);
			if (--lx->state.depth == 0) {
				lx->state.mode = LEX_CODE;
				break;
			}
		} else if ((l->flags & L_NESTED_COMMENTS) && starts_with(lx, p, l->block_open)) {
			p += strlen(l->block_open);
			lx->state.depth++;
		} else {
			p++;
		}
	}
	emit(lx->out, p, ROLE_COMMENT);
	return p;
}

static size_t scan_string(struct lexer *lx, size_t p)
{
	const struct quote *q = lx->state.quote;
	bool continued = false;
	while (p < lx->len) {
		if ((q->flags & Q_ESCAPES) && lx->s[p] == '\\') {
			continued = p + 1 == lx->len;
			p = p + 2 < lx->len ? p + 2 : lx->len;
		} else if (starts_with(lx, p, q->delim)) {
			p += strlen(q->delim);
			lx->state.mode = LEX_CODE;
			break;
		} else {
			p++;
		}
	}
	/* A one-line string left open ends with its line, unless a backslash
	 * continues it. */
	if (p == lx->len && lx->state.mode == LEX_STRING && !(q->flags & Q_MULTILINE) && !continued)
		lx->state.mode = LEX_CODE;
	emit(lx->out, p, ROLE_STRING);
	return p;
}

/* A Q_CHAR quote opens a string only around one character or one escape. */
static bool is_char_literal(const struct lexer *lx, size_t p)
{
	size_t q = p + 1;
	if (q < lx->len && lx->s[q] == '\\') {
		for (q += 2; q < lx->len && q < p + 14; q++)
			if (lx->s[q] == '\'')
				return true;
		return false;
	}
	if (q < lx->len && (unsigned char)lx->s[q] >= 0x80)
		while (q + 1 < lx->len && ((unsigned char)lx->s[q + 1] & 0xC0) == 0x80)
			q++;
	return q + 1 < lx->len && lx->s[q + 1] == '\'';
}

static const struct quote *quote_at(const struct lexer *lx, size_t p)
{
	for (size_t i = 0; i < 4 && lx->lang->quotes[i].delim; i++) {
		const struct quote *q = &lx->lang->quotes[i];
		if (starts_with(lx, p, q->delim) && (!(q->flags & Q_CHAR) || is_char_literal(lx, p)))
			return q;
	}
	return NULL;
}

static unsigned char fold(unsigned char c, bool caseless)
{
	return caseless && c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

/* Orders the n bytes of word against a list entry, ASCII letters folded to
 * lower case when caseless: the order the word lists are sorted in. */
static int word_compare(const char *word, size_t n, const char *entry, bool caseless)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char a = fold((unsigned char)word[i], caseless);
		unsigned char b = fold((unsigned char)entry[i], caseless);
		if (a != b) /* an entry's NUL sorts first: the word is longer */
			return a < b ? -1 : 1;
	}
	return entry[n] == '\0' ? 0 : -1;
}

static size_t list_length(const char *const *list)
{
	size_t n = 0;
	while (list != NULL && list[n] != NULL)
		n++;
	return n;
}

/* Binary search: every list is sorted (tests/unit/test_highlight_tables.c
 * checks it), so an identifier costs a handful of comparisons, not a scan. */
static bool word_in(const char *const *list, size_t count, const char *word, size_t n,
		    bool caseless)
{
	size_t lo = 0, hi = count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int order = word_compare(word, n, list[mid], caseless);
		if (order == 0)
			return true;
		if (order < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return false;
}

static bool may_be_listed(const uint64_t shapes[64], const char *word, size_t n, bool caseless)
{
	return (shapes[fold((unsigned char)word[0], caseless) & 63] >> (n & 63)) & 1;
}

static size_t scan_word(struct lexer *lx, size_t p)
{
	size_t start = p;
	while (p < lx->len && is_ident_char((unsigned char)lx->s[p]))
		p++;
	bool caseless = lx->lang->flags & L_CASELESS;
	const char *word = lx->s + start;
	size_t n = p - start;
	enum text_role role = ROLE_PLAIN;
	if (may_be_listed(lx->index->keyword_shapes, word, n, caseless) &&
	    word_in(lx->lang->keywords, lx->index->keyword_count, word, n, caseless))
		role = ROLE_KEYWORD;
	else if (may_be_listed(lx->index->type_shapes, word, n, caseless) &&
		 word_in(lx->lang->types, lx->index->type_count, word, n, caseless))
		role = ROLE_TYPE;
	emit(lx->out, p, role);
	return p;
}

static size_t scan_number(struct lexer *lx, size_t p)
{
	bool hex = lx->s[p] == '0' && p + 1 < lx->len && (lx->s[p + 1] | 0x20) == 'x';
	while (p < lx->len) {
		unsigned char c = (unsigned char)lx->s[p];
		bool sign = (c == '+' || c == '-') && !hex && ((lx->s[p - 1] | 0x20) == 'e');
		if (!(is_ident_char(c) && c < 0x80) && c != '.' && !sign)
			break;
		p++;
	}
	emit(lx->out, p, ROLE_NUMBER);
	return p;
}

static bool line_comment_at(const struct lexer *lx, size_t p)
{
	if (!starts_with(lx, p, lx->lang->line_comment))
		return false;
	return !(lx->lang->flags & L_COMMENT_AT_WORD) || p == 0 || is_blank((unsigned char)lx->s[p - 1]);
}

/* A byte that is a token of its own in ROLE_PLAIN unless it opens a comment
 * or a string: not a digit, '.', an identifier's or a decorator's start. */
static bool is_plain_byte(unsigned char c)
{
	return !is_digit(c) && c != '.' && !is_ident_start(c) && c != '@';
}

/* A run of such bytes in one step (they would each be emitted alone, and
 * emit merges them into one run anyway). */
static size_t scan_plain(struct lexer *lx, size_t p)
{
	while (p < lx->len && !lx->index->opens[(unsigned char)lx->s[p]] &&
	       is_plain_byte((unsigned char)lx->s[p]))
		p++;
	emit(lx->out, p, ROLE_PLAIN);
	return p;
}

/* One token of code from p; returns where the next one starts. */
static size_t scan_token(struct lexer *lx, size_t p)
{
	const struct language *l = lx->lang;
	unsigned char c = (unsigned char)lx->s[p];
	const struct quote *q;

	if (!lx->index->opens[c] && is_plain_byte(c))
		return scan_plain(lx, p);
	if (starts_with(lx, p, l->block_open)) {
		lx->state.mode = LEX_COMMENT;
		lx->state.depth = 1;
		return scan_block_comment(lx, p + strlen(l->block_open));
	}
	if (line_comment_at(lx, p)) {
		emit(lx->out, lx->len, ROLE_COMMENT);
		return lx->len;
	}
	if ((q = quote_at(lx, p)) != NULL) {
		lx->state.mode = LEX_STRING;
		lx->state.quote = q;
		return scan_string(lx, p + strlen(q->delim));
	}
	if (is_digit(c) || (c == '.' && p + 1 < lx->len && is_digit((unsigned char)lx->s[p + 1])))
		return scan_number(lx, p);
	if (is_ident_start(c))
		return scan_word(lx, p);
	if (c == '@' && (l->flags & L_DECORATORS) && p + 1 < lx->len &&
	    is_ident_start((unsigned char)lx->s[p + 1])) {
		for (p++; p < lx->len && (is_ident_char((unsigned char)lx->s[p]) || lx->s[p] == '.'); p++)
			;
		emit(lx->out, p, ROLE_PREPROCESSOR);
		return p;
	}
	emit(lx->out, p + 1, ROLE_PLAIN);
	return p + 1;
}

/* A preprocessor line runs to its end or to a comment; a final backslash
 * continues it on the next line. */
static size_t scan_preprocessor(struct lexer *lx, size_t p)
{
	while (p < lx->len && !starts_with(lx, p, "//") && !starts_with(lx, p, "/*"))
		p++;
	emit(lx->out, p, ROLE_PREPROCESSOR);
	lx->state.mode = p == lx->len && p > 0 && lx->s[p - 1] == '\\' ? LEX_PREPROCESSOR : LEX_CODE;
	return p;
}

/* True when the value after a YAML key is a block scalar header: | or >,
 * optional chomping and indentation indicators, then blanks or a comment. */
static bool is_block_scalar_header(const struct lexer *lx, size_t p)
{
	while (p < lx->len && is_blank((unsigned char)lx->s[p]))
		p++;
	if (p == lx->len || (lx->s[p] != '|' && lx->s[p] != '>'))
		return false;
	for (p++; p < lx->len && strchr("+-123456789", lx->s[p]) != NULL; p++)
		;
	while (p < lx->len && is_blank((unsigned char)lx->s[p]))
		p++;
	return p == lx->len || lx->s[p] == '#';
}

/* The lines of a YAML block scalar are one string while they are blank or
 * indented past the key that opened it. */
static size_t scan_block_scalar(struct lexer *lx)
{
	size_t p = 0;
	while (p < lx->len && lx->s[p] == ' ')
		p++;
	if (p < lx->len && p <= lx->state.indent) {
		lx->state.mode = LEX_CODE;
		return 0;
	}
	emit(lx->out, lx->len, ROLE_STRING);
	return lx->len;
}

/* "key:" at the start of a YAML line (after indentation and "- " items). */
static size_t scan_yaml_key(struct lexer *lx, size_t p)
{
	while (p < lx->len && (is_blank((unsigned char)lx->s[p]) ||
			       (lx->s[p] == '-' && (p + 1 == lx->len || lx->s[p + 1] == ' '))))
		p++;
	emit(lx->out, p, ROLE_PLAIN);
	if (p == lx->len || strchr("#'\"[{|>&*!%@`", lx->s[p]) != NULL)
		return p;
	for (size_t k = p; k < lx->len; k++) {
		if (lx->s[k] == '#' && is_blank((unsigned char)lx->s[k - 1]))
			break;
		if (lx->s[k] == ':' && (k + 1 == lx->len || is_blank((unsigned char)lx->s[k + 1]))) {
			emit(lx->out, k, ROLE_KEYWORD);
			if (is_block_scalar_header(lx, k + 1)) {
				lx->state.mode = LEX_BLOCK_SCALAR;
				lx->state.indent = p;
			}
			return k;
		}
	}
	return p;
}

static size_t scan_line_start(struct lexer *lx)
{
	size_t p = 0;
	if (lx->state.mode == LEX_PREPROCESSOR)
		return scan_preprocessor(lx, 0);
	if (lx->state.mode == LEX_BLOCK_SCALAR && (p = scan_block_scalar(lx)) > 0)
		return p;
	if (lx->state.mode != LEX_CODE)
		return 0;
	if (lx->lang->flags & L_YAML_KEYS)
		return scan_yaml_key(lx, 0);
	if (lx->lang->flags & L_PREPROCESSOR) {
		while (p < lx->len && is_blank((unsigned char)lx->s[p]))
			p++;
		if (p < lx->len && lx->s[p] == '#') {
			emit(lx->out, p, ROLE_PLAIN);
			return scan_preprocessor(lx, p);
		}
	}
	return 0;
}

static void lex_line(struct lexer *lx)
{
	size_t p = scan_line_start(lx);
	while (p < lx->len && !lx->out->failed) {
		if (lx->state.mode == LEX_COMMENT)
			p = scan_block_comment(lx, p);
		else if (lx->state.mode == LEX_STRING)
			p = scan_string(lx, p);
		else
			p = scan_token(lx, p);
	}
}

static bool highlight_line(struct text_doc *doc, const struct language *lang,
			   const struct lang_index *index, const char *s, size_t len,
			   struct lex_state *state, const struct text_options *options)
{
	struct text_line *line = text_doc_add_line(doc);
	/* The line's bytes in one block: its text, and a NUL for each of a few spans. */
	if (line == NULL || !text_line_reserve(line, len + 8, 0))
		return false;
	struct emitter out = { line, s, 0, 0, ROLE_PLAIN, 0, options, false };
	if (lang == NULL) {
		emit(&out, len, ROLE_PLAIN);
	} else {
		struct lexer lx = { lang, index, s, len, *state, &out };
		lex_line(&lx);
		*state = lx.state;
	}
	emit_flush(&out);
	return !out.failed;
}

static size_t count_lines(const char *code, size_t length)
{
	size_t lines = 0;
	for (const char *p = code; p != NULL && p < code + length; lines++) {
		p = memchr(p, '\n', (size_t)(code + length - p));
		p = p != NULL ? p + 1 : NULL;
	}
	return lines;
}

static void note_shape(uint64_t shapes[64], const char *word, bool caseless)
{
	shapes[fold((unsigned char)word[0], caseless) & 63] |= (uint64_t)1 << (strlen(word) & 63);
}

static void index_language(const struct language *lang, struct lang_index *index)
{
	memset(index, 0, sizeof *index);
	if (lang == NULL)
		return;
	index->keyword_count = list_length(lang->keywords);
	index->type_count = list_length(lang->types);
	bool caseless = lang->flags & L_CASELESS;
	for (size_t i = 0; i < index->keyword_count; i++)
		note_shape(index->keyword_shapes, lang->keywords[i], caseless);
	for (size_t i = 0; i < index->type_count; i++)
		note_shape(index->type_shapes, lang->types[i], caseless);
	const char *openers[] = { lang->block_open, lang->line_comment, lang->quotes[0].delim,
				  lang->quotes[1].delim, lang->quotes[2].delim, lang->quotes[3].delim };
	for (size_t i = 0; i < sizeof openers / sizeof openers[0]; i++)
		if (openers[i] != NULL)
			index->opens[(unsigned char)openers[i][0]] = true;
}

struct text_doc *highlight_code(const char *language, const char *code,
				const struct text_options *options)
{
	const struct language *lang = find_language(language);
	struct text_doc *doc = text_doc_new();
	struct lex_state state = { LEX_CODE, 0, 0, NULL };
	size_t length = code ? strlen(code) : 0;
	struct lang_index index;

	if (doc == NULL)
		return NULL;
	index_language(lang, &index);
	if (!text_doc_reserve_lines(doc, count_lines(code, length))) {
		text_doc_free(doc);
		return NULL;
	}
	for (size_t pos = 0; pos < length;) {
		const char *nl = memchr(code + pos, '\n', length - pos);
		size_t end = nl ? (size_t)(nl - code) : length;
		if (!highlight_line(doc, lang, &index, code + pos, end - pos, &state, options)) {
			text_doc_free(doc);
			return NULL;
		}
		pos = end + 1;
	}
	return doc;
}
