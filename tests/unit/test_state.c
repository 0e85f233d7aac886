/* Reading state: last position per document (re-anchored after edits and
 * moves), last corpus, search history, merging between instances, and the
 * failures shared with the bookmarks (corrupt file, full disk, links). */
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_util.h"
#include "yuedu/state.h"

static const char TEXT[] = "第一章 总则\n"
                           "为了规范图书的阅读与收藏，制定本办法。\n"
                           "第二章 位置\n"
                           "阅读位置在文档修改之后仍然可以恢复。\n";

static char *path_in(const char *dir, const char *name)
{
    static char buf[4][4400];
    static int k;
    k = (k + 1) % 4;
    char tmp[4400];
    snprintf(tmp, sizeof tmp, "%s/%s", dir, name);
    memcpy(buf[k], tmp, sizeof tmp);
    return buf[k];
}

static int32_t offset_of(const yd_document *doc, const char *needle)
{
    UChar pat[256];
    int32_t n = 0;
    UErrorCode st = U_ZERO_ERROR;
    u_strFromUTF8(pat, 256, &n, needle, -1, &st);
    UChar *hit = u_strFindFirst(doc->text, doc->length, pat, n);
    assert_non_null(hit);
    return (int32_t)(hit - doc->text);
}

static void test_positions(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    char *store = path_in(dir, "state/yuedu");
    write_file(dir, "a.txt", TEXT, strlen(TEXT));
    yd_document doc;
    yd_error err = {0};
    assert_int_equal(yd_document_load(&doc, path_in(dir, "a.txt"), NULL, &err), YD_OK);
    yd_state s;
    assert_int_equal(yd_state_open(&s, store, &err), YD_OK);
    int32_t at;
    assert_int_equal(yd_state_get_position(&s, &doc, &at), 0);
    int32_t want = offset_of(&doc, "阅读位置");
    assert_int_equal(yd_state_set_position(&s, &doc, 3), YD_OK);
    assert_int_equal(yd_state_set_position(&s, &doc, want), YD_OK); /* replaces */
    assert_int_equal(s.npositions, 1);
    assert_int_equal(yd_state_save(&s, &err), YD_OK);
    yd_state_free(&s);
    struct stat st;
    assert_int_equal(stat(path_in(store, "state.yaml"), &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    assert_int_equal(stat(store, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);

    assert_int_equal(yd_state_open(&s, store, &err), YD_OK);
    assert_int_equal(yd_state_get_position(&s, &doc, &at), 1);
    assert_int_equal(at, want);

    /* Edited before the place: restored at the same text. */
    const char *edited = "新的开头一段。\n第一章 总则\n为了规范图书的阅读与收藏，制定本办法。\n"
                         "第二章 位置\n阅读位置在文档修改之后仍然可以恢复。\n";
    write_file(dir, "a.txt", edited, strlen(edited));
    yd_document v2;
    assert_int_equal(yd_document_load(&v2, path_in(dir, "a.txt"), NULL, &err), YD_OK);
    assert_int_equal(yd_state_get_position(&s, &v2, &at), 1);
    assert_int_equal(at, offset_of(&v2, "阅读位置"));

    /* Moved, unchanged: found by fingerprint. */
    yd_document moved;
    write_file(dir, "b.txt", TEXT, strlen(TEXT));
    assert_int_equal(yd_document_load(&moved, path_in(dir, "b.txt"), NULL, &err), YD_OK);
    assert_int_equal(yd_state_get_position(&s, &moved, &at), 1);
    assert_int_equal(at, want);

    yd_state_free(&s);
    yd_document_free(&doc);
    yd_document_free(&v2);
    yd_document_free(&moved);
    rm_rf(dir);
    free(dir);
}

static void test_history_corpus_and_merge(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    yd_state a, b;
    yd_error err = {0};
    assert_int_equal(yd_state_open(&a, dir, &err), YD_OK);
    assert_int_equal(yd_state_open(&b, dir, &err), YD_OK);
    assert_int_equal(yd_state_add_search(&a, "党建"), YD_OK);
    assert_int_equal(yd_state_add_search(&a, "改革"), YD_OK);
    assert_int_equal(yd_state_add_search(&a, "党建"), YD_OK); /* moves to the end */
    assert_int_equal(yd_state_add_search(&a, ""), YD_EINVAL);
    assert_int_equal(yd_state_search_count(&a), 2);
    assert_string_equal(yd_state_search_get(&a, 0), "党建");
    assert_string_equal(yd_state_search_get(&a, 1), "改革");
    assert_null(yd_state_search_get(&a, 2));
    const char *paths[] = {"/corpus/one", "/corpus/two"};
    assert_int_equal(yd_state_set_last_corpus(&a, paths, 2), YD_OK);
    assert_int_equal(yd_state_save(&a, &err), YD_OK);

    /* b knew nothing of a's searches: both histories survive its save. */
    assert_int_equal(yd_state_add_search(&b, "reform"), YD_OK);
    assert_int_equal(yd_state_save(&b, &err), YD_OK);
    assert_int_equal(yd_state_search_count(&b), 3);
    assert_string_equal(yd_state_search_get(&b, 0), "reform");
    assert_string_equal(yd_state_search_get(&b, 1), "党建");
    const char *const *last;
    assert_int_equal(yd_state_last_corpus(&b, &last), 2);
    assert_string_equal(last[1], "/corpus/two");

    /* The history is capped, the newest kept. */
    char p[32];
    for (int k = 0; k < YD_STATE_MAX_SEARCHES + 20; k++) {
        snprintf(p, sizeof p, "q%d", k);
        assert_int_equal(yd_state_add_search(&a, p), YD_OK);
    }
    assert_int_equal(yd_state_save(&a, &err), YD_OK);
    assert_int_equal(yd_state_search_count(&a), YD_STATE_MAX_SEARCHES);
    snprintf(p, sizeof p, "q%d", YD_STATE_MAX_SEARCHES + 19);
    assert_string_equal(yd_state_search_get(&a, 0), p);

    yd_state_free(&a);
    yd_state_free(&b);
    rm_rf(dir);
    free(dir);
}

/* Two instances recording searches and positions at the same moment:
 * nothing is lost. */
static int record_many(const char *dir, const char *tag, int go_fd)
{
    yd_state s;
    yd_error err = {0};
    if (yd_state_open(&s, dir, &err) != YD_OK)
        return 2;
    char c;
    if (read(go_fd, &c, 1) != 1)
        return 3;
    yd_document doc;
    char path[64], text[64], pattern[64];
    for (int k = 0; k < 50; k++) {
        snprintf(pattern, sizeof pattern, "%s-%d", tag, k);
        snprintf(path, sizeof path, "/nowhere/%s-%d.txt", tag, k % 5);
        snprintf(text, sizeof text, "text of %s %d", tag, k);
        if (yd_document_from_bytes(&doc, path, (const unsigned char *)text, strlen(text), NULL, &err) != YD_OK)
            return 4;
        if (yd_state_add_search(&s, pattern) != YD_OK || yd_state_set_position(&s, &doc, k % 7) != YD_OK ||
            yd_state_save(&s, &err) != YD_OK)
            return 5;
        yd_document_free(&doc);
    }
    yd_state_free(&s);
    return 0;
}

static void test_two_instances_at_once(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    int go[2];
    assert_int_equal(pipe(go), 0);
    pid_t pids[2];
    for (int k = 0; k < 2; k++) {
        pids[k] = fork();
        assert_true(pids[k] >= 0);
        if (pids[k] == 0)
            _exit(record_many(dir, k ? "B" : "A", go[0]));
    }
    assert_int_equal(write(go[1], "gg", 2), 2);
    for (int k = 0; k < 2; k++) {
        int status;
        assert_int_equal(waitpid(pids[k], &status, 0), pids[k]);
        assert_true(WIFEXITED(status));
        assert_int_equal(WEXITSTATUS(status), 0);
    }
    close(go[0]);
    close(go[1]);
    yd_state s;
    yd_error err = {0};
    assert_int_equal(yd_state_open(&s, dir, &err), YD_OK);
    assert_int_equal(yd_state_search_count(&s), 100);
    assert_int_equal(s.npositions, 10);
    yd_state_free(&s);
    rm_rf(dir);
    free(dir);
}

/* A file from a newer schema (one past ours) is not taken for ours. */
static void test_newer_schema(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    char newer[64];
    snprintf(newer, sizeof newer, "version: %d\n", YD_STATE_SCHEMA + 1);
    write_file(dir, "state.yaml", newer, strlen(newer));
    yd_state s;
    yd_error err = {0};
    yd_status st = yd_state_open(&s, dir, &err);
    const char *notice = st == YD_OK ? yd_state_take_notice(&s) : err.message;
    printf("# %s\n", notice ? notice : "(no notice)");
    assert_non_null(notice);
    assert_non_null(strstr(notice, "newer yuedu"));
    if (st == YD_OK)
        yd_state_free(&s);
    rm_rf(dir);
    free(dir);
}

static void test_corrupt_link_and_full_disk(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    const char *garbage = "version: 1\npositions: [\n";
    write_file(dir, "state.yaml", garbage, strlen(garbage));
    yd_state s;
    yd_error err = {0};
    assert_int_equal(yd_state_open(&s, dir, &err), YD_OK);
    const char *notice = yd_state_take_notice(&s);
    assert_non_null(notice);
    assert_non_null(strstr(notice, "moved aside to"));
    assert_int_equal(yd_state_add_search(&s, "x"), YD_OK);
    assert_int_equal(yd_state_save(&s, &err), YD_OK);
    yd_state_free(&s);

    /* A link planted at state.yaml: its target is never written. */
    write_file(dir, "target", "keep\n", 5);
    assert_int_equal(unlink(path_in(dir, "state.yaml")), 0);
    assert_int_equal(symlink(path_in(dir, "target"), path_in(dir, "state.yaml")), 0);
    assert_int_equal(yd_state_open(&s, dir, &err), YD_OK);
    notice = yd_state_take_notice(&s);
    assert_non_null(notice);
    assert_non_null(strstr(notice, "symbolic link"));
    assert_int_equal(yd_state_add_search(&s, "y"), YD_OK);
    assert_int_equal(yd_state_save(&s, &err), YD_OK);
    yd_state_free(&s);
    size_t len;
    char *t = (char *)slurp(path_in(dir, "target"), &len);
    assert_string_equal(t, "keep\n");
    free(t);

    /* Full disk: a message, the old file intact, the retry succeeds. */
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        signal(SIGXFSZ, SIG_IGN);
        yd_state c;
        yd_error e = {0};
        if (yd_state_open(&c, dir, &e) != YD_OK)
            _exit(2);
        struct rlimit old, small;
        getrlimit(RLIMIT_FSIZE, &old);
        small = old;
        small.rlim_cur = 10;
        if (setrlimit(RLIMIT_FSIZE, &small) != 0)
            _exit(3);
        yd_state_add_search(&c, "full");
        if (yd_state_save(&c, &e) != YD_EIO || !strstr(e.message, "kept in memory"))
            _exit(4);
        if (setrlimit(RLIMIT_FSIZE, &old) != 0)
            _exit(5);
        if (yd_state_save(&c, &e) != YD_OK || yd_state_search_count(&c) != 2)
            _exit(6);
        yd_state_free(&c);
        _exit(0);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_int_equal(yd_state_open(&s, dir, &err), YD_OK);
    assert_string_equal(yd_state_search_get(&s, 0), "full");
    yd_state_free(&s);
    rm_rf(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_positions),
        cmocka_unit_test(test_history_corpus_and_merge),
        cmocka_unit_test(test_two_instances_at_once),
        cmocka_unit_test(test_corrupt_link_and_full_disk), cmocka_unit_test(test_newer_schema),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
