/* Jump history: back, forward, truncation, bounds. */
#include "test_util.h"
#include "yuedu/jump_history.h"

static yd_position P(size_t doc, int32_t offset) { return (yd_position){doc, offset}; }

#define assert_pos(p, d, o) do { assert_int_equal((p).doc, d); assert_int_equal((p).offset, o); } while (0)

static void test_back_and_forward(void **state)
{
    (void)state;
    yd_jump_history h;
    yd_jump_history_init(&h);
    yd_position to;
    assert_false(yd_jump_history_back(&h, P(0, 0), &to));
    yd_jump_history_push(&h, P(0, 0));   /* jump from A ... */
    yd_jump_history_push(&h, P(0, 500)); /* ... to B, then from B to C */
    /* At C (doc 1, 40): back to B, back to A, no further. */
    assert_true(yd_jump_history_back(&h, P(1, 40), &to));
    assert_pos(to, 0, 500);
    assert_true(yd_jump_history_back(&h, to, &to));
    assert_pos(to, 0, 0);
    assert_false(yd_jump_history_back(&h, to, &to));
    /* Forward to B, then C, then no further. */
    assert_true(yd_jump_history_forward(&h, &to));
    assert_pos(to, 0, 500);
    assert_true(yd_jump_history_forward(&h, &to));
    assert_pos(to, 1, 40);
    assert_false(yd_jump_history_forward(&h, &to));
}

static void test_new_jump_drops_forward(void **state)
{
    (void)state;
    yd_jump_history h;
    yd_jump_history_init(&h);
    yd_position to;
    yd_jump_history_push(&h, P(0, 1));
    yd_jump_history_push(&h, P(0, 2));
    assert_true(yd_jump_history_back(&h, P(0, 3), &to)); /* at 2 */
    assert_true(yd_jump_history_back(&h, to, &to));      /* at 1 */
    yd_jump_history_push(&h, P(0, 1));                     /* jump from 1 to 9 */
    assert_false(yd_jump_history_forward(&h, &to));
    assert_true(yd_jump_history_back(&h, P(0, 9), &to));
    assert_pos(to, 0, 1);
    assert_false(yd_jump_history_back(&h, to, &to)); /* 2 and 3 are forgotten behind it too */
    assert_true(yd_jump_history_forward(&h, &to));
    assert_pos(to, 0, 9);
}

static void test_scrolled_place_remembered(void **state)
{
    (void)state;
    yd_jump_history h;
    yd_jump_history_init(&h);
    yd_position to;
    yd_jump_history_push(&h, P(0, 10));
    yd_jump_history_push(&h, P(0, 20));
    assert_true(yd_jump_history_back(&h, P(0, 30), &to)); /* at 20 */
    /* The reader scrolls to 25, goes back to 10 and forward again: 25. */
    assert_true(yd_jump_history_back(&h, P(0, 25), &to));
    assert_pos(to, 0, 10);
    assert_true(yd_jump_history_forward(&h, &to));
    assert_pos(to, 0, 25);
}

static void test_bounded(void **state)
{
    (void)state;
    yd_jump_history h;
    yd_jump_history_init(&h);
    for (int k = 0; k < YD_JUMP_HISTORY_MAX + 50; k++)
        yd_jump_history_push(&h, P(0, k));
    assert_int_equal(h.count, YD_JUMP_HISTORY_MAX);
    yd_position to, at = P(0, 100000);
    int steps = 0;
    while (yd_jump_history_back(&h, at, &to)) {
        at = to;
        steps++;
    }
    /* The live place took one slot, the oldest was forgotten. */
    assert_int_equal(steps, YD_JUMP_HISTORY_MAX - 1);
    assert_pos(at, 0, 51);
    /* Repeated pushes of the same place are one entry. */
    yd_jump_history_init(&h);
    yd_jump_history_push(&h, P(2, 7));
    yd_jump_history_push(&h, P(2, 7));
    assert_int_equal(h.count, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_back_and_forward),
        cmocka_unit_test(test_new_jump_drops_forward),
        cmocka_unit_test(test_scrolled_place_remembered),
        cmocka_unit_test(test_bounded),
    };
    return cmocka_run_group_tests_name("jump_history", tests, NULL, NULL);
}
