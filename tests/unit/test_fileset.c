/* The walk's set of files by (device, inode): exact, whatever the inode's width. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "review/fileset.h"

static void fileset_tells_new_from_seen_over_many_files(void **state)
{
	struct file_set *set = file_set_new();
	(void)state;
	assert_non_null(set);
	for (uint64_t inode = 1; inode <= 100000; inode++)
		assert_int_equal(file_set_add(set, 2049, inode), FILE_SET_NEW);
	for (uint64_t inode = 1; inode <= 100000; inode++)
		assert_int_equal(file_set_add(set, 2049, inode), FILE_SET_SEEN);
	/* The same inode on another device is another file. */
	assert_int_equal(file_set_add(set, 2050, 7), FILE_SET_NEW);
	assert_int_equal(file_set_add(set, 2050, 7), FILE_SET_SEEN);
	assert_int_equal(file_set_wide_count(set), 0);
	file_set_free(set);
}

/* An inode too wide to pack beside the device's number (overlayfs sets high
 * bits) goes to the wide table, and is still told apart from a narrow one
 * whose low bits are equal. */
static void fileset_keeps_wide_inodes_exact(void **state)
{
	struct file_set *set = file_set_new();
	const uint64_t big = (uint64_t)1 << 60 | 5;
	(void)state;
	assert_int_equal(file_set_add(set, 1, 5), FILE_SET_NEW);
	assert_int_equal(file_set_add(set, 1, big), FILE_SET_NEW);
	assert_int_equal(file_set_add(set, 1, big), FILE_SET_SEEN);
	assert_int_equal(file_set_add(set, 2, big), FILE_SET_NEW);
	assert_int_equal(file_set_add(set, UINT64_MAX, UINT64_MAX), FILE_SET_NEW);
	assert_int_equal(file_set_add(set, UINT64_MAX, UINT64_MAX), FILE_SET_SEEN);
	assert_int_equal(file_set_add(set, 0, 0), FILE_SET_NEW);
	assert_int_equal(file_set_add(set, 0, 0), FILE_SET_SEEN);
	assert_int_equal(file_set_add(set, 1, 5), FILE_SET_SEEN);
	assert_int_equal(file_set_wide_count(set), 3);
	for (uint64_t inode = 0; inode < 5000; inode++)
		assert_int_equal(file_set_add(set, 3, big + inode), FILE_SET_NEW);
	assert_int_equal(file_set_add(set, 3, big + 4999), FILE_SET_SEEN);
	file_set_free(set);
}

/* More devices than the narrow key numbers: the rest go wide, still exact. */
static void fileset_keeps_many_devices_exact(void **state)
{
	struct file_set *set = file_set_new();
	(void)state;
	for (uint64_t device = 0; device < 70000; device++)
		assert_int_equal(file_set_add(set, device, 1), FILE_SET_NEW);
	for (uint64_t device = 0; device < 70000; device++)
		assert_int_equal(file_set_add(set, device, 1), FILE_SET_SEEN);
	assert_true(file_set_wide_count(set) > 0);
	file_set_free(set);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fileset_tells_new_from_seen_over_many_files),
		cmocka_unit_test(fileset_keeps_wide_inodes_exact),
		cmocka_unit_test(fileset_keeps_many_devices_exact),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
