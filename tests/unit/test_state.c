/* Reading state: last position per document (re-anchored after edits and
 * moves), last corpus, search history, merging between instances, and the
 * failures shared with the bookmarks (corrupt file, full disk, links). */
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_util.h"
#include "yuedu/bookmarks.h" /* yd_absolute_path */
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

    /* A copy while the file is still there: the place is not the copy's. */
    yd_document moved;
    write_file(dir, "b.txt", TEXT, strlen(TEXT));
    assert_int_equal(yd_document_load(&moved, path_in(dir, "b.txt"), NULL, &err), YD_OK);
    assert_int_equal(yd_state_get_position(&s, &moved, &at), 0);

    /* Moved (its path is gone), unchanged: found by fingerprint. */
    assert_int_equal(unlink(path_in(dir, "a.txt")), 0);
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
    assert_int_equal(yd_state_set_corpus_document(&a, "/corpus/one", "/corpus/one/1.txt", 0), YD_OK);
    assert_int_equal(yd_state_save(&a, &err), YD_OK);

    /* b knew nothing of a's searches: both histories survive its save. */
    assert_int_equal(yd_state_add_search(&b, "reform"), YD_OK);
    assert_int_equal(yd_state_save(&b, &err), YD_OK);
    assert_int_equal(yd_state_search_count(&b), 3);
    assert_string_equal(yd_state_search_get(&b, 0), "reform");
    assert_string_equal(yd_state_search_get(&b, 1), "党建");
    const char *document;
    size_t index;
    assert_int_equal(yd_state_corpus_document(&b, "/corpus/one", &document, &index), 1);
    assert_string_equal(document, "/corpus/one/1.txt");

    /* The history is capped, the newest kept. */
    char p[32];
    for (int k = 0; k < YD_STATE_SEARCHES + 20; k++) {
        snprintf(p, sizeof p, "q%d", k);
        assert_int_equal(yd_state_add_search(&a, p), YD_OK);
    }
    assert_int_equal(yd_state_save(&a, &err), YD_OK);
    assert_int_equal(yd_state_search_count(&a), YD_STATE_SEARCHES);
    snprintf(p, sizeof p, "q%d", YD_STATE_SEARCHES + 19);
    assert_string_equal(yd_state_search_get(&a, 0), p);

    /* A smaller limit keeps fewer, the newest; the file lists them most
     * recent first. */
    yd_state_set_search_limit(&a, 3);
    assert_int_equal(yd_state_add_search(&a, "最后"), YD_OK);
    assert_int_equal(yd_state_save(&a, &err), YD_OK);
    assert_int_equal(yd_state_search_count(&a), 3);
    assert_string_equal(yd_state_search_get(&a, 0), "最后");
    snprintf(p, sizeof p, "q%d", YD_STATE_SEARCHES + 19);
    assert_string_equal(yd_state_search_get(&a, 1), p);
    size_t flen;
    char *file = (char *)slurp(path_in(dir, "state.yaml"), &flen);
    assert_non_null(file);
    char *newest = strstr(file, "最后"), *older = strstr(file, p);
    assert_non_null(newest);
    assert_non_null(older);
    assert_true(newest < older);
    free(file);

    /* Each corpus keeps its own last document. */
    assert_int_equal(yd_state_corpus_document(&a, "/corpus/two", &document, &index), 0);
    assert_int_equal(yd_state_set_corpus_document(&a, "/corpus/one", "/corpus/one/3.txt", 2), YD_OK);
    assert_int_equal(yd_state_set_corpus_document(&a, "/corpus/two", "/corpus/two/9.txt", 8), YD_OK);
    assert_int_equal(yd_state_save(&a, &err), YD_OK);
    yd_state c;
    assert_int_equal(yd_state_open(&c, dir, &err), YD_OK);
    assert_int_equal(yd_state_corpus_document(&c, "/corpus/one", &document, &index), 1);
    assert_string_equal(document, "/corpus/one/3.txt");
    assert_int_equal(index, 2);
    assert_int_equal(yd_state_corpus_document(&c, "/corpus/two", &document, &index), 1);
    assert_string_equal(document, "/corpus/two/9.txt");
    assert_int_equal(index, 8);
    yd_state_free(&c);

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

/* Two readers of the same corpus, each in its own document, quit one after
 * the other (in either order): both places are kept, and the last corpus
 * names the document of the one that quit last. */
static void quit_in_order(int b_first)
{
    char *dir = make_temp_dir();
    char *store = path_in(dir, "state");
    write_file(dir, "one.txt", TEXT, strlen(TEXT));
    const char other[] = "另一份文档\n第一行写着开头。\n第二行写着结尾。\n";
    write_file(dir, "two.txt", other, strlen(other));
    yd_document one, two;
    yd_error err = {0};
    assert_int_equal(yd_document_load(&one, path_in(dir, "one.txt"), NULL, &err), YD_OK);
    assert_int_equal(yd_document_load(&two, path_in(dir, "two.txt"), NULL, &err), YD_OK);
    yd_state a, b;
    assert_int_equal(yd_state_open(&a, store, &err), YD_OK);
    assert_int_equal(yd_state_open(&b, store, &err), YD_OK);
    int32_t in_one = offset_of(&one, "阅读位置"), in_two = offset_of(&two, "第二行");
    const char *root = dir;
    assert_int_equal(yd_state_set_position(&a, &one, in_one), YD_OK);
    assert_int_equal(yd_state_set_position(&b, &two, in_two), YD_OK);
    /* Quitting, as the reader does: the place, the corpus, then save. */
    for (int k = 0; k < 2; k++) {
        int is_b = k == 0 ? b_first : !b_first;
        yd_state *s = is_b ? &b : &a;
        yd_document *d = is_b ? &two : &one;
        assert_int_equal(yd_state_set_position(s, d, is_b ? in_two : in_one), YD_OK);
        assert_int_equal(yd_state_set_corpus_document(s, root, d->path, (size_t)is_b), YD_OK);
        assert_int_equal(yd_state_save(s, &err), YD_OK);
    }
    yd_state_free(&a);
    yd_state_free(&b);

    yd_state c;
    assert_int_equal(yd_state_open(&c, store, &err), YD_OK);
    int32_t at;
    assert_int_equal(yd_state_get_position(&c, &one, &at), 1);
    assert_int_equal(at, in_one);
    assert_int_equal(yd_state_get_position(&c, &two, &at), 1);
    assert_int_equal(at, in_two);
    const char *document;
    size_t index;
    assert_int_equal(yd_state_corpus_document(&c, root, &document, &index), 1);
    char *want = yd_absolute_path(b_first ? one.path : two.path);
    assert_string_equal(document, want);
    free(want);
    yd_state_free(&c);
    yd_document_free(&one);
    yd_document_free(&two);
    rm_rf(dir);
    free(dir);
}

static void test_two_readers_quit_in_either_order(void **state)
{
    (void)state;
    quit_in_order(0);
    quit_in_order(1);
}

/* More than YD_STATE_MAX_POSITIONS places: the least recently read are
 * forgotten, whatever their order in the file. The file lists 1,000 places
 * read a second apart, newest first, except that the oldest is in the
 * middle; one more place read now makes 1,001: the oldest goes. */
static void test_oldest_places_forgotten(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    size_t cap = 200 * (YD_STATE_MAX_POSITIONS + 1), used = 0;
    char *yaml = malloc(cap);
    assert_non_null(yaml);
    used += (size_t)snprintf(yaml + used, cap - used, "version: 1\npositions:\n");
    for (int k = YD_STATE_MAX_POSITIONS - 1; k >= 0; k--) {
        int n = k == YD_STATE_MAX_POSITIONS / 2 ? 0 : k == 0 ? YD_STATE_MAX_POSITIONS / 2 : k;
        used += (size_t)snprintf(yaml + used, cap - used,
                                 "- path: \"/nowhere/%d.txt\"\n  offset: 0\n  updated: 2020-01-01T%02d:%02d:%02d.000Z\n", n,
                                 n / 3600, n / 60 % 60, n % 60);
    }
    write_file(dir, "state.yaml", yaml, used);
    free(yaml);

    yd_state s;
    yd_error err = {0};
    assert_int_equal(yd_state_open(&s, dir, &err), YD_OK);
    assert_int_equal(s.npositions, YD_STATE_MAX_POSITIONS);
    yd_document doc;
    assert_int_equal(yd_document_from_bytes(&doc, "/nowhere/new.txt", (const unsigned char *)"new", 3, NULL, &err), YD_OK);
    assert_int_equal(yd_state_set_position(&s, &doc, 1), YD_OK);
    assert_int_equal(yd_state_save(&s, &err), YD_OK);
    yd_state_free(&s);
    yd_document_free(&doc);

    assert_int_equal(yd_state_open(&s, dir, &err), YD_OK);
    assert_int_equal(s.npositions, YD_STATE_MAX_POSITIONS);
    int oldest = 0, newest = 0, read_now = 0;
    for (size_t k = 0; k < s.npositions; k++) {
        oldest += strcmp(s.positions[k].path, "/nowhere/0.txt") == 0;
        newest += strcmp(s.positions[k].path, "/nowhere/999.txt") == 0;
        read_now += strcmp(s.positions[k].path, "/nowhere/new.txt") == 0;
    }
    assert_int_equal(oldest, 0);
    assert_int_equal(newest, 1);
    assert_int_equal(read_now, 1);
    yd_state_free(&s);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_positions),
        cmocka_unit_test(test_history_corpus_and_merge),
        cmocka_unit_test(test_two_instances_at_once),
        cmocka_unit_test(test_two_readers_quit_in_either_order),
        cmocka_unit_test(test_corrupt_link_and_full_disk),
        cmocka_unit_test(test_newer_schema),
        cmocka_unit_test(test_oldest_places_forgotten),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
