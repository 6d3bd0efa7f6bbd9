/* The scoring engine. Everything is integer arithmetic in tenths of a point:
 * 40% of a whole point is 4 tenths and 10% of a whole maximum is `max`
 * tenths, so no rounding ever decides a pass. */
#include "review/score.h"

#include <stdio.h>
#include <string.h>

/* Names as written in answers files; the index is the pick they stand for. */
static const struct {
	const char *name;
	enum verdict verdict;
	enum severity severity;
} verdict_words[] = {
	{ "not-real", VERDICT_NOT_REAL, SEVERITY_NONE },
	{ "real", VERDICT_REAL, SEVERITY_NONE },
	{ "bug", VERDICT_REAL, SEVERITY_BUG },
	{ "warning", VERDICT_REAL, SEVERITY_WARNING },
	{ "minor", VERDICT_REAL, SEVERITY_MINOR },
};

static const char *const verdict_names[] = { "unanswered", "not-real", "real" };
static const char *const judgement_names[] = { "right", "partly", "wrong" };

/* Tenths per point a real candidate earns, by how far the severity said is
 * from the key's: the same, one step (bug/warning, warning/minor), two steps. */
static const int tenths_by_distance[] = { 10, 4, 0 };

static int severity_rank(enum severity severity)
{
	return severity == SEVERITY_BUG ? 0 : severity == SEVERITY_WARNING ? 1 : 2;
}

static int real_tenths_per_point(const struct candidate *candidate, enum severity said)
{
	if (candidate->severity == SEVERITY_NONE)
		return 10; /* a key without a severity accepts any, or none */
	if (said == SEVERITY_NONE)
		return SCORE_PERCENT_WITHOUT_SEVERITY / 10;
	int distance = severity_rank(said) - severity_rank(candidate->severity);
	return tenths_by_distance[distance < 0 ? -distance : distance];
}

long long score_candidate(const struct candidate *candidate, struct pick pick)
{
	long long points = candidate->points > 0 ? candidate->points : 0;

	if (!candidate->is_real)
		return pick.verdict == VERDICT_NOT_REAL ? 10 * points : 0;
	if (pick.verdict != VERDICT_REAL)
		return 0;
	return points * real_tenths_per_point(candidate, pick.severity);
}

enum judgement score_judge(const struct candidate *candidate, struct pick pick)
{
	if (!candidate->is_real)
		return pick.verdict == VERDICT_NOT_REAL ? JUDGED_RIGHT : JUDGED_WRONG;
	if (pick.verdict != VERDICT_REAL)
		return JUDGED_WRONG;
	return real_tenths_per_point(candidate, pick.severity) == 10 ? JUDGED_RIGHT : JUDGED_PARTLY;
}

const char *score_judgement_name(enum judgement judgement)
{
	return judgement_names[judgement];
}

static long long max_points(const struct exercise *exercise)
{
	long long total = 0;
	for (size_t i = 0; i < exercise->candidate_count; i++)
		if (exercise->candidates[i].points > 0)
			total += exercise->candidates[i].points;
	return total;
}

long long score_hint_cost(const struct score_result *result)
{
	/* One hint costs 10% of max points, which is exactly `max` tenths. */
	return (long long)result->hints_used * result->max * SCORE_HINT_COST_PERCENT / 10;
}

struct score_result score_grade(const struct exercise *exercise, const struct pick *picks,
				int hints_revealed)
{
	struct score_result result = { .max = max_points(exercise) };

	for (size_t i = 0; i < exercise->candidate_count; i++)
		result.earned_tenths += score_candidate(&exercise->candidates[i], picks[i]);
	result.hints_used = hints_revealed > 0 ? hints_revealed : 0;
	long long cost = score_hint_cost(&result);
	result.score_tenths = result.earned_tenths > cost ? result.earned_tenths - cost : 0;
	/* score/max >= 70%, cross-multiplied; with max 0 nothing can be lost, so it passes. */
	result.passed = result.score_tenths * 100 >= (long long)SCORE_PASS_PERCENT * result.max * 10;
	return result;
}

double score_value(const struct score_result *result)
{
	return (double)result->score_tenths / 10.0;
}

double score_percent(const struct score_result *result)
{
	if (result->max <= 0)
		return 100.0;
	return (double)result->score_tenths * 10.0 / (double)result->max;
}

long long score_percent_tenths(const struct score_result *result)
{
	return result->max > 0 ? result->score_tenths * 100 / result->max : 1000;
}

bool score_parse_verdict(const char *text, struct pick *out)
{
	for (size_t i = 0; i < sizeof(verdict_words) / sizeof(verdict_words[0]); i++) {
		if (strcmp(text, verdict_words[i].name) == 0) {
			*out = (struct pick){ verdict_words[i].verdict, verdict_words[i].severity };
			return true;
		}
	}
	return false;
}

const char *score_verdict_name(enum verdict verdict)
{
	return verdict_names[verdict];
}

const char *score_pick_name(struct pick pick)
{
	switch (pick.verdict) {
	case VERDICT_NOT_REAL:
		return "not-real";
	case VERDICT_REAL:
		return pick.severity == SEVERITY_NONE ? "real" : severity_name(pick.severity);
	case VERDICT_UNANSWERED:
		break;
	}
	return "";
}

void score_key_picks(const struct exercise *exercise, struct pick *picks)
{
	for (size_t i = 0; i < exercise->candidate_count; i++) {
		const struct candidate *candidate = &exercise->candidates[i];
		picks[i] = candidate->is_real ? (struct pick){ VERDICT_REAL, candidate->severity }
					      : (struct pick){ VERDICT_NOT_REAL, SEVERITY_NONE };
	}
}

struct score_tally score_tally(const struct exercise *exercise, const struct pick *picks)
{
	struct score_tally tally = { 0, 0, 0 };
	for (size_t i = 0; i < exercise->candidate_count; i++) {
		switch (score_judge(&exercise->candidates[i], picks[i])) {
		case JUDGED_RIGHT: tally.right++; break;
		case JUDGED_PARTLY: tally.partly++; break;
		case JUDGED_WRONG: tally.wrong++; break;
		}
	}
	return tally;
}

void score_summary(const struct exercise *exercise, const struct pick *picks,
		   const struct score_result *result, bool ascii, char *buffer, size_t size)
{
	const char *dot = ascii ? " - " : " \u00b7 ";
	const char *minus = ascii ? "-" : "\u2212";
	struct score_tally tally = score_tally(exercise, picks);
	long long percent = score_percent_tenths(result) / 10;
	long long cost = score_hint_cost(result);
	int used = snprintf(buffer, size, "%zu right%s%zu partly%s%zu wrong%s", tally.right, dot,
			    tally.partly, dot, tally.wrong, dot);

	if (used < 0 || (size_t)used >= size)
		return;
	if (result->hints_used > 0)
		used += snprintf(buffer + used, size - (size_t)used,
				 "%lld.%lld earned %s %lld.%lld for hints = ", result->earned_tenths / 10,
				 result->earned_tenths % 10, minus, cost / 10, cost % 10);
	if (used < 0 || (size_t)used >= size)
		return;
	snprintf(buffer + used, size - (size_t)used, "%lld.%lld of %lld (%lld%%), pass at %d%%",
		 result->score_tenths / 10, result->score_tenths % 10, result->max, percent,
		 SCORE_PASS_PERCENT);
}
