/* Key sequences typed one key at a time: exact matches, prefixes that wait,
 * keys bound to nothing, the timeout between a binding and a longer one,
 * conflicts in a table. */
#include "test_util.h"
#include "yuedu/key_sequence.h"

static yd_key_seq K(const char *text)
{
    yd_key_seq s;
    char why[160];
    if (yd_key_seq_parse(text, &s, why, sizeof why) != 0)
        fail_msg("%s: %s", text, why);
    return s;
}

/* A table of "keys=action-name" pairs. */
static void build(yd_key_table *t, const char *const *pairs)
{
    yd_key_table_init(t);
    for (; *pairs; pairs++) {
        char keys[64];
        const char *eq = strchr(*pairs, '=');
        assert_non_null(eq);
        snprintf(keys, sizeof keys, "%.*s", (int)(eq - *pairs), *pairs);
        yd_key_seq s = K(keys);
        yd_status st;
        assert_int_equal(yd_key_table_add(t, &s, yd_action_from_name(eq + 1), &st), YD_ACT_NONE);
        assert_int_equal(st, YD_OK);
    }
    yd_key_table_finish(t);
}

/* Feed each key of text (a sequence "g x") and describe the events:
 * "top", "pending g", "pending g (timed)", "dropped z x", space-separated
 * by " | ". expire: then the timeout passes. */
static void type_keys(yd_key_input *in, const yd_key_table *t, const char *text, bool expire, char *out,
                      size_t size)
{
    out[0] = 0;
    yd_key_seq s = K(text);
    for (uint8_t i = 0; i <= s.length; i++) {
        if (i < s.length)
            yd_key_input_feed(in, s.keys[i]);
        else if (expire)
            yd_key_input_expire(in);
        else
            break;
        yd_key_event ev;
        while (yd_key_input_next(in, t, &ev)) {
            char keys[64];
            yd_key_seq_format(&ev.keys, keys, sizeof keys);
            size_t used = strlen(out);
            if (ev.kind == YD_KEYS_ACTION)
                snprintf(out + used, size - used, "%s%s", used ? " | " : "", yd_action_name(ev.action));
            else
                snprintf(out + used, size - used, "%s%s %s%s", used ? " | " : "",
                         ev.kind == YD_KEYS_PENDING ? "pending" : "dropped", keys,
                         ev.kind == YD_KEYS_PENDING && ev.timed ? " (timed)" : "");
        }
    }
}

static const char *const TABLE[] = {
    "j=line-down", "k=line-up", "g=top", "g g=bottom", "z a=toggle-outline", "z b=toggle-mouse",
    "Ctrl-X Ctrl-S=bookmark-add", "Space n=next-hit", "a b c=help", "a=quit", NULL,
};

static void expect_typing(const yd_key_table *t, const char *keys, bool expire, const char *want)
{
    yd_key_input in;
    yd_key_input_init(&in);
    char got[512];
    type_keys(&in, t, keys, expire, got, sizeof got);
    if (strcmp(got, want) != 0)
        fail_msg("typing '%s'%s: got '%s', want '%s'", keys, expire ? " then waiting" : "", got, want);
}

static void test_exact(void **state)
{
    (void)state;
    yd_key_table t;
    build(&t, TABLE);
    expect_typing(&t, "j", false, "line-down");
    expect_typing(&t, "j k j", false, "line-down | line-up | line-down");
    expect_typing(&t, "z a", false, "pending z | toggle-outline");
    expect_typing(&t, "Ctrl-X Ctrl-S", false, "pending Ctrl-X | bookmark-add");
    expect_typing(&t, "Space n", false, "pending Space | next-hit");
    yd_key_table_free(&t);
}

static void test_prefix_waits(void **state)
{
    (void)state;
    yd_key_table t;
    build(&t, TABLE);
    /* A prefix with no complete part waits, even past a timeout. */
    expect_typing(&t, "z", false, "pending z");
    expect_typing(&t, "z", true, "pending z");
    /* One input carries the pending keys to the next key. */
    yd_key_input in;
    yd_key_input_init(&in);
    char got[256];
    type_keys(&in, &t, "z", false, got, sizeof got);
    assert_true(yd_key_input_pending(&in));
    type_keys(&in, &t, "b", false, got, sizeof got);
    assert_string_equal(got, "toggle-mouse");
    assert_false(yd_key_input_pending(&in));
    /* Cancelled (Esc): nothing runs. */
    type_keys(&in, &t, "Ctrl-X", false, got, sizeof got);
    yd_key_input_cancel(&in);
    assert_false(yd_key_input_pending(&in));
    type_keys(&in, &t, "Ctrl-S", false, got, sizeof got);
    assert_string_equal(got, "dropped Ctrl-S");
    yd_key_table_free(&t);
}

static void test_no_match(void **state)
{
    (void)state;
    yd_key_table t;
    build(&t, TABLE);
    expect_typing(&t, "x", false, "dropped x");
    /* A wrong second key: both are dropped, the second does not run. */
    expect_typing(&t, "z j", false, "pending z | dropped z j");
    expect_typing(&t, "Ctrl-X x j", false, "pending Ctrl-X | dropped Ctrl-X x | line-down");
    /* A complete binding followed by a key that does not continue it:
     * the binding runs, then the key is matched on its own. */
    expect_typing(&t, "g j", false, "pending g (timed) | top | line-down");
    expect_typing(&t, "g x", false, "pending g (timed) | top | dropped x");
    expect_typing(&t, "g z a", false, "pending g (timed) | top | pending z | toggle-outline");
    /* Three keys, the first complete: a b x runs a, then b x is dropped
     * as bound to nothing. */
    expect_typing(&t, "a b x", false, "pending a (timed) | pending a b (timed) | quit | dropped b x");
    yd_key_table_free(&t);
}

static void test_timeout(void **state)
{
    (void)state;
    yd_key_table t;
    build(&t, TABLE);
    /* g is bound and so is g g: g waits, then runs when the time is up;
     * g g in time is the longer one. */
    expect_typing(&t, "g", false, "pending g (timed)");
    expect_typing(&t, "g", true, "pending g (timed) | top");
    expect_typing(&t, "g g", false, "pending g (timed) | bottom");
    expect_typing(&t, "g g", true, "pending g (timed) | bottom");
    /* a b c: after a b the shorter complete one, a, runs at the timeout,
     * and b (bound to nothing) is dropped. */
    expect_typing(&t, "a b", true, "pending a (timed) | pending a b (timed) | quit | dropped b");
    expect_typing(&t, "a b c", false, "pending a (timed) | pending a b (timed) | help");
    /* After the timeout a new g waits again. */
    yd_key_input in;
    yd_key_input_init(&in);
    char got[256];
    type_keys(&in, &t, "g", true, got, sizeof got);
    type_keys(&in, &t, "g", false, got, sizeof got);
    assert_string_equal(got, "pending g (timed)");
    /* Expiring with nothing pending does nothing. */
    yd_key_input_init(&in);
    yd_key_input_expire(&in);
    yd_key_event ev;
    assert_false(yd_key_input_next(&in, &t, &ev));
    /* Expired before it was looked at, a key bound only as the start of
     * longer ones (z) still waits, untimed: nothing shorter could run. */
    yd_key_input_feed(&in, K("z").keys[0]);
    yd_key_input_expire(&in);
    assert_true(yd_key_input_next(&in, &t, &ev));
    assert_int_equal(ev.kind, YD_KEYS_PENDING);
    assert_false(ev.timed);
    yd_key_table_free(&t);
}

static void test_conflicts(void **state)
{
    (void)state;
    yd_key_table t;
    yd_key_table_init(&t);
    yd_key_seq gg = K("g g"), g = K("g"), empty = {0};
    assert_int_equal(yd_key_table_add(&t, &gg, YD_ACT_TOP, NULL), YD_ACT_NONE);
    /* The same sequence again: the first stays and says what it is. */
    assert_int_equal(yd_key_table_add(&t, &gg, YD_ACT_BOTTOM, NULL), YD_ACT_TOP);
    /* A prefix of it is no conflict. */
    assert_int_equal(yd_key_table_add(&t, &g, YD_ACT_BOTTOM, NULL), YD_ACT_NONE);
    assert_int_equal(yd_key_table_add(&t, &empty, YD_ACT_HELP, NULL), YD_ACT_NONE);
    assert_int_equal(t.count, 2);
    yd_key_table_finish(&t);
    bool longer;
    assert_int_equal(yd_key_table_lookup(&t, &gg, &longer), YD_ACT_TOP);
    assert_false(longer);
    assert_int_equal(yd_key_table_lookup(&t, &g, &longer), YD_ACT_BOTTOM);
    assert_true(longer);
    yd_key_seq x = K("x");
    assert_int_equal(yd_key_table_lookup(&t, &x, &longer), YD_ACT_NONE);
    assert_false(longer);
    yd_key_table_free(&t);
}

/* Many bindings: lookups agree with a linear scan (the sort and the binary
 * search), for every prefix. */
static void test_many(void **state)
{
    (void)state;
    yd_key_table t;
    yd_key_table_init(&t);
    yd_key_seq all[300];
    yd_action actions[300];
    size_t n = 0;
    unsigned seed = 7;
    for (int attempt = 0; attempt < 5000 && n < 300; attempt++) {
        yd_key_seq s = {0};
        seed = seed * 1103515245u + 12345u;
        s.length = (uint8_t)(1 + (seed >> 16) % YD_KEY_SEQ_MAX);
        for (uint8_t i = 0; i < s.length; i++) {
            seed = seed * 1103515245u + 12345u;
            unsigned r = (seed >> 16) % 6;
            s.keys[i] = r < 4 ? (yd_key){0, 'a' + r} : (yd_key){1, YD_KEY_UP + r - 4};
        }
        yd_action a = (yd_action)(1 + attempt % (YD_ACT_COUNT - 1));
        if (yd_key_table_add(&t, &s, a, NULL) == YD_ACT_NONE) {
            all[n] = s;
            actions[n++] = a;
        }
        assert_int_equal(t.count, n);
    }
    assert_true(n > 100);
    yd_key_table_finish(&t);
    for (size_t i = 0; i < n; i++)
        for (uint8_t len = 1; len <= all[i].length; len++) {
            yd_key_seq p = all[i];
            p.length = len;
            yd_action want = YD_ACT_NONE;
            bool want_longer = false;
            for (size_t k = 0; k < n; k++) {
                if (yd_key_seq_equal(&all[k], &p))
                    want = actions[k];
                want_longer |= yd_key_seq_is_prefix(&p, &all[k]);
            }
            bool longer;
            assert_int_equal(yd_key_table_lookup(&t, &p, &longer), want);
            assert_int_equal(longer, want_longer);
        }
    yd_key_table_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exact),   cmocka_unit_test(test_prefix_waits), cmocka_unit_test(test_no_match),
        cmocka_unit_test(test_timeout), cmocka_unit_test(test_conflicts),    cmocka_unit_test(test_many),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
