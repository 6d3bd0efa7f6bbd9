/* The guessing guard: constant answers, and "the first k real" over the file
 * order, each scored by the same engine as a learner's answer. */
#include "review/guard.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const enum severity severities[] = { SEVERITY_BUG, SEVERITY_WARNING, SEVERITY_MINOR };
#define SEVERITY_COUNT (sizeof(severities) / sizeof(*severities))

static void fill_picks(const struct guard_answer *answer, size_t count, struct pick *picks)
{
	for (size_t i = 0; i < count; i++) {
		switch (answer->family) {
		case GUARD_ALL_NOT_REAL:
			picks[i] = (struct pick){ VERDICT_NOT_REAL, SEVERITY_NONE };
			break;
		case GUARD_ALL_REAL:
			picks[i] = (struct pick){ VERDICT_REAL, SEVERITY_NONE };
			break;
		case GUARD_ALL_SEVERITY:
			picks[i] = (struct pick){ VERDICT_REAL, answer->severity };
			break;
		case GUARD_FIRST_K:
			picks[i] = i < answer->k ? (struct pick){ VERDICT_REAL, answer->severity }
						 : (struct pick){ VERDICT_NOT_REAL, SEVERITY_NONE };
			break;
		}
	}
}

static bool remember_passing(struct guard_report *report, const struct guard_answer *answer)
{
	struct guard_answer *grown =
		realloc(report->passing, (report->passing_count + 1) * sizeof(*grown));
	if (!grown)
		return false;
	report->passing = grown;
	report->passing[report->passing_count++] = *answer;
	return true;
}

/* Scores one blind answer into the report. */
static bool try_answer(const struct exercise *exercise, struct pick *picks,
		       struct guard_answer answer, struct guard_report *report)
{
	fill_picks(&answer, exercise->candidate_count, picks);
	answer.result = score_grade(exercise, picks, 0);
	if (report->tried++ == 0 || answer.result.score_tenths > report->best.result.score_tenths)
		report->best = answer;
	return !answer.result.passed || remember_passing(report, &answer);
}

static bool try_constants(const struct exercise *exercise, struct pick *picks,
			  struct guard_report *report)
{
	bool ok = try_answer(exercise, picks, (struct guard_answer){ .family = GUARD_ALL_NOT_REAL },
			     report);
	ok = ok && try_answer(exercise, picks, (struct guard_answer){ .family = GUARD_ALL_REAL },
			      report);
	for (size_t s = 0; ok && s < SEVERITY_COUNT; s++)
		ok = try_answer(exercise, picks,
				(struct guard_answer){ .family = GUARD_ALL_SEVERITY,
						       .severity = severities[s] },
				report);
	return ok;
}

/* k runs to count - 1: k = 0 is "all not real" and k = count is "all s", both
 * tried as constants already. */
static bool try_prefixes(const struct exercise *exercise, struct pick *picks,
			 struct guard_report *report)
{
	for (size_t k = 1; k < exercise->candidate_count; k++)
		for (size_t s = 0; s < SEVERITY_COUNT; s++)
			if (!try_answer(exercise, picks,
					(struct guard_answer){ .family = GUARD_FIRST_K,
							       .severity = severities[s], .k = k },
					report))
				return false;
	return true;
}

/* Each of the four answers is drawn with probability 1/4. */
static double random_percent(const struct exercise *exercise, long long max)
{
	static const struct pick draws[] = {
		{ VERDICT_NOT_REAL, SEVERITY_NONE }, { VERDICT_REAL, SEVERITY_BUG },
		{ VERDICT_REAL, SEVERITY_WARNING }, { VERDICT_REAL, SEVERITY_MINOR },
	};
	long long tenths_over_draws = 0;

	if (max <= 0)
		return 100.0;
	for (size_t i = 0; i < exercise->candidate_count; i++)
		for (size_t d = 0; d < sizeof(draws) / sizeof(*draws); d++)
			tenths_over_draws += score_candidate(&exercise->candidates[i], draws[d]);
	return (double)tenths_over_draws / 4.0 / (double)max * 10.0;
}

bool guard_run(const struct exercise *exercise, struct guard_report *report)
{
	memset(report, 0, sizeof(*report));
	struct pick *picks = calloc(exercise->candidate_count + 1, sizeof(*picks));
	if (!picks)
		return false;
	bool ok = try_constants(exercise, picks, report) && try_prefixes(exercise, picks, report);
	free(picks);
	if (!ok) {
		guard_report_free(report);
		return false;
	}
	report->max = report->best.result.max;
	report->random_percent = random_percent(exercise, report->max);
	return true;
}

void guard_report_free(struct guard_report *report)
{
	free(report->passing);
	memset(report, 0, sizeof(*report));
}

void guard_describe(const struct guard_answer *answer, char *buffer, size_t size)
{
	const char *severity = severity_name(answer->severity);

	switch (answer->family) {
	case GUARD_ALL_NOT_REAL:
		snprintf(buffer, size, "every candidate 'not-real'");
		break;
	case GUARD_ALL_REAL:
		snprintf(buffer, size, "every candidate 'real' (no severity)");
		break;
	case GUARD_ALL_SEVERITY:
		snprintf(buffer, size, "every candidate '%s'", severity);
		break;
	case GUARD_FIRST_K:
		snprintf(buffer, size, "the first %zu in file order '%s', the rest 'not-real'",
			 answer->k, severity);
		break;
	}
}
