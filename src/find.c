/* Finding: flags against the key's lines. */
#include "review/find.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool find_flag_overlaps(const struct flag *flag, const struct candidate *candidate)
{
	for (size_t i = 0; i < candidate->line_range_count; i++) {
		const struct line_range *range = &candidate->lines[i];
		if (flag->first <= range->last && range->first <= flag->last)
			return true;
	}
	return false;
}

/* Overlaps the range and is at most FIND_SLACK_LINES longer than it. */
static bool points_at_range(const struct flag *flag, const struct line_range *range)
{
	long flag_length = (long)flag->last - flag->first + 1;
	long range_length = (long)range->last - range->first + 1;
	return flag->first <= range->last && range->first <= flag->last &&
	       flag_length <= range_length + FIND_SLACK_LINES;
}

bool find_flag_points_at(const struct flag *flag, const struct candidate *candidate)
{
	for (size_t i = 0; i < candidate->line_range_count; i++)
		if (points_at_range(flag, &candidate->lines[i]))
			return true;
	return false;
}

bool find_candidate_found(const struct candidate *candidate, const struct flag *flags,
			  size_t flag_count)
{
	for (size_t f = 0; f < flag_count; f++)
		if (find_flag_points_at(&flags[f], candidate))
			return true;
	return false;
}

bool find_candidate_flagged(const struct candidate *candidate, const struct flag *flags,
			    size_t flag_count)
{
	for (size_t f = 0; f < flag_count; f++)
		if (find_flag_overlaps(&flags[f], candidate))
			return true;
	return false;
}

enum find_flag_kind find_flag_kind(const struct exercise *exercise, const struct flag *flag)
{
	bool tempts = false, overlaps = false;
	for (size_t i = 0; i < exercise->candidate_count; i++) {
		const struct candidate *candidate = &exercise->candidates[i];
		if (find_flag_points_at(flag, candidate)) {
			if (candidate->is_real)
				return FIND_FLAG_HIT;
			tempts = true;
		}
		overlaps = overlaps || find_flag_overlaps(flag, candidate);
	}
	return tempts ? FIND_FLAG_FELL_FOR : overlaps ? FIND_FLAG_TOO_BROAD : FIND_FLAG_FALSE_ALARM;
}

const char *find_flag_kind_name(enum find_flag_kind kind)
{
	static const char *const names[] = { "hit", "fell-for-it", "too-broad", "false-alarm" };
	return names[kind];
}

struct find_result find_score(const struct exercise *exercise, const struct flag *flags,
			      size_t flag_count)
{
	struct find_result result = { 0 };

	for (size_t i = 0; i < exercise->candidate_count; i++) {
		const struct candidate *candidate = &exercise->candidates[i];
		if (!candidate->is_real)
			continue;
		if (candidate->line_range_count == 0) {
			result.unfindable++;
			continue;
		}
		long long points = candidate->points > 0 ? candidate->points : 0;
		result.real_count++;
		result.real_points += points;
		if (find_candidate_found(candidate, flags, flag_count)) {
			result.found_count++;
			result.found_points += points;
		}
	}
	result.flag_count = flag_count;
	for (size_t f = 0; f < flag_count; f++) {
		enum find_flag_kind kind = find_flag_kind(exercise, &flags[f]);
		result.false_alarms += kind != FIND_FLAG_HIT;
		result.fell_for += kind == FIND_FLAG_FELL_FOR;
		result.too_broad += kind == FIND_FLAG_TOO_BROAD;
	}
	return result;
}

/* A line number: digits only, 1 or more. */
static bool parse_line(const char *start, const char *end, int *out)
{
	if (start == end || end - start > 9)
		return false;
	int value = 0;
	for (const char *c = start; c < end; c++) {
		if (*c < '0' || *c > '9')
			return false;
		value = value * 10 + (*c - '0');
	}
	*out = value;
	return true;
}

static bool parse_range(const char *text, const char *end, struct flag *out, char *message,
			size_t size)
{
	const char *dash = memchr(text, '-', (size_t)(end - text));
	bool ok = dash ? parse_line(text, dash, &out->first) && parse_line(dash + 1, end, &out->last)
		       : parse_line(text, end, &out->first);
	if (!ok) {
		snprintf(message, size, "'%.*s' is not a line or a range such as 12 or 14-16",
			 (int)(end - text > 40 ? 40 : end - text), text);
		return false;
	}
	if (!dash)
		out->last = out->first;
	return true;
}

bool find_parse_flag(const char *text, int code_lines, struct flag *out, char *message,
		     size_t size)
{
	const char *colon = strchr(text, ':');
	const char *end = colon ? colon : text + strlen(text);

	*out = (struct flag){ 0, 0, SEVERITY_NONE };
	if (!parse_range(text, end, out, message, size))
		return false;
	if (out->first < 1 || out->last < 1) {
		snprintf(message, size, "code lines are numbered from 1, not 0");
		return false;
	}
	if (out->first > out->last) {
		snprintf(message, size, "the range %d-%d runs backwards; write %d-%d", out->first,
			 out->last, out->last, out->first);
		return false;
	}
	if (out->last > code_lines) {
		snprintf(message, size, "line %d is past the code's %d line%s", out->last, code_lines,
			 code_lines == 1 ? "" : "s");
		return false;
	}
	if (colon && !severity_parse(colon + 1, &out->severity)) {
		snprintf(message, size, "unknown severity '%.32s' (bug, warning or minor)", colon + 1);
		return false;
	}
	return true;
}

void find_format_flag(const struct flag *flag, char *buffer, size_t size)
{
	int used = flag->first == flag->last ? snprintf(buffer, size, "%d", flag->first)
					     : snprintf(buffer, size, "%d-%d", flag->first, flag->last);
	if (flag->severity != SEVERITY_NONE && used > 0 && (size_t)used < size)
		snprintf(buffer + used, size - (size_t)used, ":%s", severity_name(flag->severity));
}

void find_summary(const struct find_result *result, char *buffer, size_t size)
{
	int used = snprintf(buffer, size,
			    "found %zu of %zu real problem%s (%lld of %lld points' worth) on your own, "
			    "%zu false alarm%s",
			    result->found_count, result->real_count, result->real_count == 1 ? "" : "s",
			    result->found_points, result->real_points, result->false_alarms,
			    result->false_alarms == 1 ? "" : "s");
	if (used < 0 || (size_t)used >= size || (result->fell_for == 0 && result->too_broad == 0))
		return;
	char tempting[48] = "", broad[32] = "";
	if (result->fell_for > 0)
		snprintf(tempting, sizeof(tempting), "%zu on a tempting line", result->fell_for);
	if (result->too_broad > 0)
		snprintf(broad, sizeof(broad), "%zu too broad", result->too_broad);
	snprintf(buffer + used, size - (size_t)used, " (%s%s%s)", tempting,
		 *tempting && *broad ? ", " : "", broad);
}

bool find_line_flagged(const struct flag *flags, size_t flag_count, int line)
{
	for (size_t f = 0; f < flag_count; f++)
		if (flags[f].first <= line && line <= flags[f].last)
			return true;
	return false;
}

size_t find_check(const struct exercise *exercise, enum diag_level level, struct diag_list *diags)
{
	size_t found = 0;
	if (!exercise->find)
		return 0;
	for (size_t i = 0; i < exercise->candidate_count; i++) {
		const struct candidate *candidate = &exercise->candidates[i];
		if (!candidate->is_real || candidate->line_range_count > 0)
			continue;
		diag_add(diags, exercise->path ? exercise->path : "", candidate->line, candidate->column,
			 level,
			 "candidate '%s' is real but has no lines, so the find phase cannot find it "
			 "(add lines, or set 'find: false' for the exercise)",
			 candidate->id ? candidate->id : "?");
		found++;
	}
	return found;
}
