/* Duplicate-id candidates by hash: runs of equal hashes are found in file
 * order, files without an id (hash 0) and ids alone are never a collision. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "review/idhash.h"

static void id_hash_is_never_zero_and_tells_ids_apart(void **state)
{
	(void)state;
	assert_int_not_equal(id_hash(""), 0);
	assert_int_equal(id_hash("q7x2"), id_hash("q7x2"));
	assert_int_not_equal(id_hash("q7x2"), id_hash("q7x3"));
}

static void collisions_are_the_runs_of_two_or_more(void **state)
{
	(void)state;
	struct id_hash_key keys[] = { { 7, 4 }, { 0, 0 }, { 5, 3 }, { 7, 1 }, { 0, 2 },
				      { 9, 5 }, { 7, 6 }, { 5, 8 } };
	size_t count = sizeof(keys) / sizeof(*keys), first = 0, end = 0;
	id_hash_sort(keys, count);

	assert_true(id_hash_next_collision(keys, count, &first, &end));
	assert_int_equal(end - first, 2); /* hash 5: files 3 and 8, in file order */
	assert_int_equal(keys[first].index, 3);
	assert_int_equal(keys[first + 1].index, 8);
	assert_true(id_hash_next_collision(keys, count, &first, &end));
	assert_int_equal(end - first, 3); /* hash 7: files 1, 4 and 6 */
	assert_int_equal(keys[first].index, 1);
	assert_int_equal(keys[end - 1].index, 6);
	/* the two files without an id and the lone 9 are not collisions */
	assert_false(id_hash_next_collision(keys, count, &first, &end));
	assert_int_equal(first, count);
	assert_int_equal(end, count);
}

static void no_keys_no_collision(void **state)
{
	(void)state;
	size_t first = 0, end = 0;
	id_hash_sort(NULL, 0);
	assert_false(id_hash_next_collision(NULL, 0, &first, &end));
}

/* Hashes by file number across blocks; collisions far apart (the first and
 * the 20,000th file), none for hash 0 or files never set. */
static void list_finds_shared_hashes_far_apart(void **state)
{
	struct id_hash_list *list = id_hash_list_new();
	(void)state;
	assert_non_null(list);
	for (size_t i = 0; i < 20000; i++)
		assert_true(id_hash_list_set(list, i, i % 3 == 0 ? 0 : 1000 + i));
	assert_true(id_hash_list_set(list, 1, 7));
	assert_true(id_hash_list_set(list, 19999, 7));
	assert_true(id_hash_list_set(list, 10000, 9));
	assert_true(id_hash_list_set(list, 10001, 9));
	assert_true(id_hash_list_set(list, 10002, 9));
	assert_int_equal(id_hash_list_get(list, 19999), 7);
	assert_int_equal(id_hash_list_get(list, 50000), 0);
	size_t found = 0;
	struct id_hash_key *keys = id_hash_list_collisions(list, 30000, &found);
	assert_non_null(keys);
	assert_int_equal(found, 5);
	static const size_t expected[] = { 1, 19999, 10000, 10001, 10002 };
	for (size_t i = 0; i < found; i++) {
		assert_int_equal(keys[i].index, expected[i]);
		assert_int_equal(keys[i].hash, i < 2 ? 7 : 9);
	}
	free(keys);
	/* Only the first count files count. */
	keys = id_hash_list_collisions(list, 10002, &found);
	assert_int_equal(found, 2);
	free(keys);
	keys = id_hash_list_collisions(list, 0, &found);
	assert_non_null(keys);
	assert_int_equal(found, 0);
	free(keys);
	id_hash_list_free(list);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(id_hash_is_never_zero_and_tells_ids_apart),
		cmocka_unit_test(collisions_are_the_runs_of_two_or_more),
		cmocka_unit_test(no_keys_no_collision),
		cmocka_unit_test(list_finds_shared_hashes_far_apart),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
