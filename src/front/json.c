/* JSON string output: every control and invisible character escaped. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

#include "front/front.h"

static void write_code_point(FILE *out, uint32_t c)
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
		uint32_t code_point = 0;
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
		else if ((length = text_utf8_decode((const char *)s, strlen((const char *)s), &code_point)) == 0)
			length = 1, fputs("\\ufffd", out); /* invalid byte: replacement character */
		else if (code_point <= 0x9f || text_is_invisible(code_point))
			write_code_point(out, code_point);
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
