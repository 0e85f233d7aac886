/* Natural order of file names. */
#include "test_util.h"
#include "yuedu/natural_order.h"

static int sign(int v) { return (v > 0) - (v < 0); }

static void test_numbers_by_value(void **state)
{
    (void)state;
    assert_int_equal(sign(yd_natural_compare("2.txt", "10.txt")), -1);
    assert_int_equal(sign(yd_natural_compare("10.txt", "2.txt")), 1);
    assert_int_equal(sign(yd_natural_compare("第2章.txt", "第10章.txt")), -1);
    assert_int_equal(sign(yd_natural_compare("a9b", "a10a")), -1);
    assert_int_equal(sign(yd_natural_compare("v1.2.10", "v1.2.9")), 1);
}

static void test_leading_zeros_and_ties(void **state)
{
    (void)state;
    assert_int_equal(sign(yd_natural_compare("007", "7")), sign(strcmp("007", "7")));
    assert_int_equal(sign(yd_natural_compare("007", "8")), -1);
    assert_int_equal(yd_natural_compare("same", "same"), 0);
    assert_int_equal(sign(yd_natural_compare("abc", "abcd")), -1);
    assert_int_equal(sign(yd_natural_compare("", "a")), -1);
    /* Huge numbers compare by length, never overflow. */
    assert_int_equal(sign(yd_natural_compare("x99999999999999999999999", "x100000000000000000000000")), -1);
}

static void test_sorting_a_directory(void **state)
{
    (void)state;
    const char *names[] = {"10.txt", "1.txt", "2.txt", "b.txt", "a.txt", "20.md", "3.txt"};
    const char *want[] = {"1.txt", "2.txt", "3.txt", "10.txt", "20.md", "a.txt", "b.txt"};
    size_t n = sizeof names / sizeof names[0];
    for (size_t i = 1; i < n; i++) /* insertion sort with the comparator */
        for (size_t j = i; j > 0 && yd_natural_compare(names[j - 1], names[j]) > 0; j--) {
            const char *t = names[j];
            names[j] = names[j - 1];
            names[j - 1] = t;
        }
    for (size_t i = 0; i < n; i++)
        assert_string_equal(names[i], want[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numbers_by_value),
        cmocka_unit_test(test_leading_zeros_and_ties),
        cmocka_unit_test(test_sorting_a_directory),
    };
    return cmocka_run_group_tests_name("natural_order", tests, NULL, NULL);
}
