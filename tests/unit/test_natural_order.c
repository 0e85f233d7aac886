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

/* The sign of comparing a and b through their keys, ties left to strcmp as
 * the walk leaves them. */
static int key_order(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    unsigned char ka[YD_NATURAL_KEY_MAX(64) + 1], kb[YD_NATURAL_KEY_MAX(64) + 1];
    assert_true(la <= 64 && lb <= 64);
    size_t na = yd_natural_key(a, la, ka), nb = yd_natural_key(b, lb, kb);
    assert_true(na <= YD_NATURAL_KEY_MAX(la) && nb <= YD_NATURAL_KEY_MAX(lb));
    int c = yd_natural_key_compare(ka, na, kb, nb);
    return sign(c ? c : strcmp(a, b));
}

static void test_keys_by_hand(void **state)
{
    (void)state;
    unsigned char key[YD_NATURAL_KEY_MAX(32)];
    /* "007" and "7": one significant digit, then the digit */
    assert_int_equal(yd_natural_key("a007b", 5, key), 4);
    assert_memory_equal(key, "a17b", 4);
    assert_int_equal(yd_natural_key("a7b", 3, key), 4);
    assert_memory_equal(key, "a17b", 4);
    /* zeros only: no significant digit */
    assert_int_equal(yd_natural_key("000", 3, key), 1);
    assert_memory_equal(key, "0", 1);
    /* more than eight digits: the count in full after '9' */
    assert_int_equal(yd_natural_key("1234567890", 10, key), 19);
    assert_memory_equal(key, "9\0\0\0\0\0\0\0\x0a" "1234567890", 19);
    assert_int_equal(yd_natural_key("", 0, key), 0);
    assert_int_equal(key_order("2.txt", "10.txt"), -1);
    assert_int_equal(key_order("007", "7"), sign(strcmp("007", "7")));
    assert_int_equal(key_order("x99999999999999999999999", "x100000000000000000000000"), -1);
    assert_int_equal(key_order("same", "same"), 0);
}

/* The keys against the comparison itself, on random names made of the
 * pieces where the two could part: runs of digits short and long, with
 * and without leading zeros, the bytes just below '0' and just above '9',
 * letters, UTF-8 of Han characters, and names that end inside a run. */
static void test_keys_order_as_the_comparison(void **state)
{
    (void)state;
    static const char *pieces[] = {"0", "00", "1", "7", "9", "10", "007", "12345678", "123456789",
                                   "000000000123456789", "99999999999999999999", "100000000000000000000",
                                   "a", "b", "Z", ".", "-", "/", ":", " ", "~", "\xe7\xac\xac", "\xe7\xab\xa0",
                                   "\xff", "\x01"};
    size_t npieces = sizeof pieces / sizeof pieces[0];
    enum { NAMES = 400 };
    static char names[NAMES][65];
    unsigned seed = test_seed();
    for (size_t n = 0; n < NAMES; n++) {
        size_t used = 0, parts = 1 + (seed = seed * 1103515245u + 12345u) / 65536 % 5;
        names[n][0] = 0;
        for (size_t p = 0; p < parts; p++) {
            const char *piece = pieces[(seed = seed * 1103515245u + 12345u) / 65536 % npieces];
            size_t len = strlen(piece);
            if (used + len > 64)
                break;
            memcpy(names[n] + used, piece, len + 1);
            used += len;
        }
    }
    for (size_t i = 0; i < NAMES; i++)
        for (size_t j = 0; j < NAMES; j++)
            assert_int_equal(key_order(names[i], names[j]), sign(yd_natural_compare(names[i], names[j])));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numbers_by_value),
        cmocka_unit_test(test_leading_zeros_and_ties),
        cmocka_unit_test(test_sorting_a_directory),
        cmocka_unit_test(test_keys_by_hand),
        cmocka_unit_test(test_keys_order_as_the_comparison),
    };
    return cmocka_run_group_tests_name("natural_order", tests, NULL, NULL);
}
