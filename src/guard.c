/* The guessing guard: constant answers, and "the first k real" over the file
 * order and over the order of the ids, each scored by the same engine as a
 * learner's answer. */
#include "review/guard.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const enum severity severities[] = { SEVERITY_BUG, SEVERITY_WARNING, SEVERITY_MINOR };
#define SEVERITY_COUNT (sizeof(severities) / sizeof(*severities))

/* What one run works on: the exercise, a picks buffer, and each candidate's
 * place when the candidates are sorted by id. */
struct guard_run {
	const struct exercise *exercise;
	struct pick *picks;
	size_t *id_rank;
	struct guard_report *report;
};

static void fill_picks(const struct guard_answer *answer, const struct guard_run *run)
{
	struct pick *picks = run->picks;
	for (size_t i = 0; i < run->exercise->candidate_count; i++) {
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
		case GUARD_FIRST_K_BY_ID: {
			size_t place = answer->family == GUARD_FIRST_K ? i : run->id_rank[i];
			picks[i] = place < answer->k ? (struct pick){ VERDICT_REAL, answer->severity }
						     : (struct pick){ VERDICT_NOT_REAL, SEVERITY_NONE };
			break;
		}
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
static bool try_answer(const struct guard_run *run, struct guard_answer answer)
{
	struct guard_report *report = run->report;
	fill_picks(&answer, run);
	answer.result = score_grade(run->exercise, run->picks, 0);
	if (report->tried++ == 0 || answer.result.score_tenths > report->best.result.score_tenths)
		report->best = answer;
	return !answer.result.passed || remember_passing(report, &answer);
}

static bool try_constants(const struct guard_run *run)
{
	bool ok = try_answer(run, (struct guard_answer){ .family = GUARD_ALL_NOT_REAL });
	ok = ok && try_answer(run, (struct guard_answer){ .family = GUARD_ALL_REAL });
	for (size_t s = 0; ok && s < SEVERITY_COUNT; s++)
		ok = try_answer(run, (struct guard_answer){ .family = GUARD_ALL_SEVERITY,
							    .severity = severities[s] });
	return ok;
}

/* k runs to count - 1: k = 0 is "all not real" and k = count is "all s", both
 * tried as constants already. */
static bool try_prefixes(const struct guard_run *run, enum guard_family family)
{
	for (size_t k = 1; k < run->exercise->candidate_count; k++)
		for (size_t s = 0; s < SEVERITY_COUNT; s++)
			if (!try_answer(run, (struct guard_answer){ .family = family,
								    .severity = severities[s], .k = k }))
				return false;
	return true;
}

/* Compares ids the way a person counts them: a run of digits by its value, so
 * "i2" comes before "i10". */
static int compare_ids(const char *a, const char *b)
{
	while (*a && *b) {
		if (*a >= '0' && *a <= '9' && *b >= '0' && *b <= '9') {
			while (*a == '0')
				a++;
			while (*b == '0')
				b++;
			size_t da = strspn(a, "0123456789"), db = strspn(b, "0123456789");
			if (da != db)
				return da < db ? -1 : 1;
			int digits = strncmp(a, b, da);
			if (digits != 0)
				return digits;
			a += da;
			b += db;
		} else if (*a != *b) {
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		} else {
			a++;
			b++;
		}
	}
	return *a ? 1 : *b ? -1 : 0;
}

/* Each candidate's place among the ids; true when that is the file order, which
 * the prefixes have tried already. */
static bool rank_ids(const struct exercise *exercise, size_t *rank)
{
	bool file_order = true;
	for (size_t i = 0; i < exercise->candidate_count; i++) {
		rank[i] = 0;
		for (size_t j = 0; j < exercise->candidate_count; j++) {
			int order = compare_ids(exercise->candidates[j].id, exercise->candidates[i].id);
			if (order < 0 || (order == 0 && j < i))
				rank[i]++;
		}
		file_order = file_order && rank[i] == i;
	}
	return file_order;
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
	struct guard_run run = { exercise, calloc(exercise->candidate_count + 1, sizeof(struct pick)),
				 calloc(exercise->candidate_count + 1, sizeof(size_t)), report };
	bool ok = run.picks && run.id_rank && try_constants(&run) &&
		  try_prefixes(&run, GUARD_FIRST_K) &&
		  (rank_ids(exercise, run.id_rank) || try_prefixes(&run, GUARD_FIRST_K_BY_ID));
	free(run.picks);
	free(run.id_rank);
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
	case GUARD_FIRST_K_BY_ID:
		snprintf(buffer, size, "the first %zu by candidate id '%s', the rest 'not-real'",
			 answer->k, severity);
		break;
	}
}
