/* JSON string output: every control and invisible character escaped. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

/* Length of the UTF-8 sequence at s when it is well-formed, else 0. */
static size_t utf8_sequence(const unsigned char *s, unsigned *code_point)
{
	size_t length = s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc0 ? 2 : 0;
	if (length == 0 || s[0] > 0xf4)
		return 0;
	unsigned value = s[0] & (0x7f >> length);
	for (size_t i = 1; i < length; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		value = (value << 6) | (s[i] & 0x3f);
	}
	static const unsigned minimum[] = { 0, 0, 0x80, 0x800, 0x10000 };
	if (value < minimum[length] || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff))
		return 0;
	*code_point = value;
	return length;
}

static bool is_invisible(unsigned c)
{
	return (c >= 0x80 && c <= 0x9f) || (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) ||
	       (c >= 0x2060 && c <= 0x2069) || c == 0x061c || c == 0xfeff || c == 0x2028 || c == 0x2029;
}

static void write_code_point(FILE *out, unsigned c)
{
	if (c >= 0x10000) {
		c -= 0x10000;
		fprintf(out, "\\u%04x\\u%04x", 0xd800 + (c >> 10), 0xdc00 + (c & 0x3ff));
	} else {
		fprintf(out, "\\u%04x", c);
	}
}

void json_write_string(FILE *out, const char *text)
{
	if (!text) {
		fputs("null", out);
		return;
	}
	const unsigned char *s = (const unsigned char *)text;
	fputc('"', out);
	while (*s) {
		unsigned c = *s;
		size_t length = 1;
		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", out);
		else if (c == '\t')
			fputs("\\t", out);
		else if (c < 0x20 || c == 0x7f)
			write_code_point(out, c);
		else if (c < 0x80)
			fputc((int)c, out);
		else if ((length = utf8_sequence(s, &c)) == 0)
			length = 1, fputs("\\ufffd", out); /* invalid byte: replacement character */
		else if (is_invisible(c))
			write_code_point(out, c);
		else
			fwrite(s, 1, length, out);
		s += length;
	}
	fputc('"', out);
}

void json_write_key(FILE *out, const char *key)
{
	json_write_string(out, key);
	fputc(':', out);
}
