/* The scoring engine. Everything is integer arithmetic in tenths of a point:
 * a half of a whole point is 5 tenths and 10% of a whole maximum is `max`
 * tenths, so no rounding ever decides a pass. */
#include "review/score.h"

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

long score_candidate(const struct candidate *candidate, struct pick pick)
{
	long full = 10L * (candidate->points > 0 ? candidate->points : 0);

	if (!candidate->is_real)
		return pick.verdict == VERDICT_NOT_REAL ? full : 0;
	if (pick.verdict != VERDICT_REAL)
		return 0;
	return pick.severity == candidate->severity ? full : full / 2;
}

static long max_points(const struct exercise *exercise)
{
	long total = 0;
	for (size_t i = 0; i < exercise->candidate_count; i++)
		if (exercise->candidates[i].points > 0)
			total += exercise->candidates[i].points;
	return total;
}

struct score_result score_grade(const struct exercise *exercise, const struct pick *picks,
				int hints_revealed)
{
	struct score_result result = { 0, max_points(exercise), 0, false };
	long earned = 0;

	for (size_t i = 0; i < exercise->candidate_count; i++)
		earned += score_candidate(&exercise->candidates[i], picks[i]);
	result.hints_used = hints_revealed > 0 ? hints_revealed : 0;
	/* One hint costs 10% of max points, which is exactly `max` tenths. */
	long cost = (long)result.hints_used * result.max * SCORE_HINT_COST_PERCENT / 10;
	result.score_tenths = earned > cost ? earned - cost : 0;
	/* score/max >= 70%, cross-multiplied; with max 0 nothing can be lost, so it passes. */
	result.passed = result.score_tenths * 100 >= (long)SCORE_PASS_PERCENT * result.max * 10;
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
