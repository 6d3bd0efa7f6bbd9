/* Candidate order: a permutation, the same for the same seed, different
 * across seeds, the file's with ORDER_FILE, and stable for candidates that stay
 * when another is added. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "review/order.h"

#define CANDIDATE(id_) { .id = (char *)(id_), .text = (char *)(id_) }

static struct candidate seven[] = { CANDIDATE("i1"), CANDIDATE("i2"), CANDIDATE("i3"),
				    CANDIDATE("i4"), CANDIDATE("i5"), CANDIDATE("i6"),
				    CANDIDATE("i7") };
static const struct exercise exercise = { .id = (char *)"q7x2", .candidates = seven,
					  .candidate_count = 7 };

static void assert_permutation(const size_t *positions, size_t count)
{
	bool seen[16] = { false };
	for (size_t n = 0; n < count; n++) {
		assert_true(positions[n] < count);
		assert_false(seen[positions[n]]);
		seen[positions[n]] = true;
	}
}

static void order_file_is_identity(void **state)
{
	(void)state;
	size_t positions[7];
	order_arrange(&exercise, (struct order){ ORDER_FILE, 42 }, positions);
	for (size_t n = 0; n < 7; n++)
		assert_int_equal(positions[n], n);
}

static void order_same_seed_same_permutation(void **state)
{
	(void)state;
	size_t a[7], b[7];
	order_arrange(&exercise, (struct order){ ORDER_SHUFFLED, 12345 }, a);
	order_arrange(&exercise, (struct order){ ORDER_SHUFFLED, 12345 }, b);
	assert_permutation(a, 7);
	assert_memory_equal(a, b, sizeof(a));
}

static void order_seeds_spread_over_permutations(void **state)
{
	(void)state;
	size_t positions[7], firsts[7] = { 0 }, identities = 0;
	for (uint64_t seed = 1; seed <= 700; seed++) {
		order_arrange(&exercise, (struct order){ ORDER_SHUFFLED, seed }, positions);
		assert_permutation(positions, 7);
		firsts[positions[0]]++;
		bool identity = true;
		for (size_t n = 0; n < 7; n++)
			identity = identity && positions[n] == n;
		identities += identity;
	}
	/* Each candidate leads about 100 times in 700; a broken mix would favour some. */
	for (size_t i = 0; i < 7; i++)
		assert_true(firsts[i] > 50 && firsts[i] < 150);
	assert_true(identities < 5);
}

static void order_keeps_candidates_in_place_when_one_is_added(void **state)
{
	(void)state;
	struct candidate eight[8];
	memcpy(eight, seven, sizeof(seven));
	eight[7] = (struct candidate)CANDIDATE("i8");
	const struct exercise grown = { .id = (char *)"q7x2", .candidates = eight, .candidate_count = 8 };
	size_t before[7], after[8], kept = 0;
	order_arrange(&exercise, (struct order){ ORDER_SHUFFLED, 99 }, before);
	order_arrange(&grown, (struct order){ ORDER_SHUFFLED, 99 }, after);
	for (size_t n = 0; n < 8; n++)
		if (after[n] != 7)
			assert_int_equal(after[n], before[kept++]);
	assert_int_equal(kept, 7);
}

static void order_position_of_inverts(void **state)
{
	(void)state;
	size_t positions[7];
	order_arrange(&exercise, (struct order){ ORDER_SHUFFLED, 7 }, positions);
	for (size_t n = 0; n < 7; n++)
		assert_int_equal(order_position_of(positions, 7, positions[n]), n);
}

static void order_names_and_parses_kinds(void **state)
{
	(void)state;
	enum order_kind kind;
	assert_true(order_kind_parse("file", &kind));
	assert_int_equal(kind, ORDER_FILE);
	assert_true(order_kind_parse("shuffled", &kind));
	assert_int_equal(kind, ORDER_SHUFFLED);
	assert_false(order_kind_parse("random", &kind));
	assert_string_equal(order_kind_name(ORDER_SHUFFLED), "shuffled");
	uint64_t a = 0, b = 0;
	assert_true(order_random_seed(&a) && order_random_seed(&b));
	assert_true(a != b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(order_file_is_identity),
		cmocka_unit_test(order_same_seed_same_permutation),
		cmocka_unit_test(order_seeds_spread_over_permutations),
		cmocka_unit_test(order_keeps_candidates_in_place_when_one_is_added),
		cmocka_unit_test(order_position_of_inverts),
		cmocka_unit_test(order_names_and_parses_kinds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
