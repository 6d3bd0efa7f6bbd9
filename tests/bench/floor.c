/* The floor of the catalog benchmark: what parsing the files costs with
 * nothing else, on one core. Each file's front matter (between the first two
 * `---` lines) goes through libyaml's event API and the events are counted and
 * dropped. A verb of review cannot be faster than this unless it skips files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

static char *read_all(const char *path, size_t *length)
{
	FILE *file = fopen(path, "rb");
	if (!file)
		return NULL;
	size_t capacity = 1 << 16, used = 0;
	char *data = malloc(capacity);
	size_t got;
	while (data && (got = fread(data + used, 1, capacity - used, file)) > 0) {
		used += got;
		if (used == capacity) {
			char *bigger = realloc(data, capacity *= 2);
			if (!bigger) {
				free(data);
				data = NULL;
			}
			data = bigger;
		}
	}
	fclose(file);
	*length = used;
	return data;
}

/* The front matter's bytes: from after the first "---\n" to the next "\n---". */
static const char *front_matter(const char *data, size_t length, size_t *size)
{
	if (length < 4 || strncmp(data, "---\n", 4) != 0)
		return NULL;
	const char *start = data + 4;
	const char *end = strstr(start, "\n---");
	*size = end ? (size_t)(end - start) + 1 : length - 4;
	return start;
}

static long parse(const char *yaml, size_t size)
{
	yaml_parser_t parser;
	yaml_event_t event;
	long events = 0;
	if (!yaml_parser_initialize(&parser))
		return -1;
	yaml_parser_set_input_string(&parser, (const unsigned char *)yaml, size);
	for (;;) {
		if (!yaml_parser_parse(&parser, &event)) {
			events = -1;
			break;
		}
		yaml_event_type_t type = event.type;
		yaml_event_delete(&event);
		events++;
		if (type == YAML_STREAM_END_EVENT)
			break;
	}
	yaml_parser_delete(&parser);
	return events;
}

/* Reads paths, one a line, from standard input. */
int main(void)
{
	char path[4096];
	long files = 0, events = 0;
	while (fgets(path, sizeof(path), stdin)) {
		path[strcspn(path, "\n")] = '\0';
		size_t length = 0, size = 0;
		char *data = read_all(path, &length);
		const char *yaml = data ? front_matter(data, length, &size) : NULL;
		long counted = yaml ? parse(yaml, size) : -1;
		free(data);
		if (counted < 0) {
			fprintf(stderr, "floor: cannot parse %s\n", path);
			return 1;
		}
		files++;
		events += counted;
	}
	printf("%ld files, %ld events\n", files, events);
	return 0;
}
