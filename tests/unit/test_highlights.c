/* Highlights and their store (highlights.yaml, the bookmark store's format
 * and safety): round trip, a sibling of bookmarks.yaml, re-anchoring after
 * an edit, a passage whose words are gone kept as stale, and the store's
 * failures run on highlights too (two writers at once, SIGKILL mid-save).
 * Children forked by a test report through their exit status. */
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "test_util.h"
#include "yuedu/bookmarks.h"

static const char TEXT_V1[] = "第一章 总则\n"
                              "为了规范图书的阅读与收藏，制定本办法。\n"
                              "第二章 标注\n"
                              "读者可以标出段落并写下批注，以便日后引用。\n";

static void doc_from(yd_document *doc, const char *path, const char *text)
{
    yd_error err = {0};
    assert_int_equal(yd_document_from_bytes(doc, path, (const unsigned char *)text, strlen(text), NULL, &err), YD_OK);
}

static int32_t offset_of(const yd_document *doc, const char *needle)
{
    int32_t at = find_utf8(doc->text, doc->length, needle);
    assert_true(at >= 0);
    return at;
}

/* The passage 标出段落 of TEXT_V1-like text, highlighted in style 2. */
static void add_passage(yd_bookmarks *hl, const yd_document *doc, char id[YD_BOOKMARK_ID_SIZE])
{
    int32_t at = offset_of(doc, "标出段落");
    assert_int_equal(yd_highlights_add(hl, doc, 0, at, at + 4, NULL, 2, "引用时注明出处", id), YD_OK);
}

static void test_round_trip_beside_bookmarks(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    yd_document doc;
    doc_from(&doc, "/corpus/rules.txt", TEXT_V1);
    yd_bookmarks hl;
    yd_error err = {0};
    assert_int_equal(yd_highlights_open(&hl, dir, 0, &err), YD_OK);
    char id[YD_BOOKMARK_ID_SIZE];
    add_passage(&hl, &doc, id);
    assert_int_equal(yd_bookmarks_save(&hl, &err), YD_OK);
    yd_bookmarks_free(&hl);

    struct stat st;
    char path[4400];
    snprintf(path, sizeof path, "%s/highlights.yaml", dir);
    assert_int_equal(stat(path, &st), 0);
    snprintf(path, sizeof path, "%s/bookmarks.yaml", dir);
    assert_int_not_equal(stat(path, &st), 0); /* the bookmarks are not touched */

    assert_int_equal(yd_highlights_open(&hl, dir, 1, &err), YD_OK);
    assert_int_equal(yd_bookmarks_live_count(&hl), 1);
    yd_bookmark *h = yd_bookmarks_find(&hl, id);
    assert_non_null(h);
    assert_string_equal(h->name, "标出段落");
    assert_string_equal(h->note, "引用时注明出处");
    assert_int_equal(h->length, 4);
    assert_int_equal(h->style, 2);
    assert_int_equal(h->anchor.offset, offset_of(&doc, "标出段落"));
    yd_bookmarks_free(&hl);

    /* A bookmark store in the same folder does not see the highlight. */
    yd_bookmarks bm;
    assert_int_equal(yd_bookmarks_open(&bm, dir, 1, &err), YD_OK);
    assert_int_equal(yd_bookmarks_live_count(&bm), 0);
    yd_bookmarks_free(&bm);
    yd_document_free(&doc);
    rm_rf(dir);
    free(dir);
}

static void test_bad_passages(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    yd_document doc;
    doc_from(&doc, "/corpus/rules.txt", TEXT_V1);
    yd_bookmarks hl;
    yd_error err = {0};
    assert_int_equal(yd_highlights_open(&hl, dir, 0, &err), YD_OK);
    assert_int_equal(yd_highlights_add(&hl, &doc, 0, 5, 5, NULL, 0, NULL, NULL), YD_EINVAL);
    assert_int_equal(yd_highlights_add(&hl, &doc, 0, 5, doc.length + 1, NULL, 0, NULL, NULL), YD_EINVAL);
    assert_int_equal(yd_highlights_add(&hl, &doc, 0, 0, 2, NULL, YD_HIGHLIGHT_STYLES, NULL, NULL), YD_EINVAL);
    assert_int_equal(yd_highlights_add(&hl, &doc, 0, 0, 2, NULL, -1, NULL, NULL), YD_EINVAL);
    assert_int_equal(yd_bookmarks_live_count(&hl), 0);
    yd_bookmarks_free(&hl);
    yd_document_free(&doc);
    rm_rf(dir);
    free(dir);
}

/* An edit above the passage: found again where its words are now; an edit
 * that removes its words: kept, stale. */
static void test_reanchor_and_stale(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    yd_document v1, v2, v3;
    doc_from(&v1, "/corpus/rules.txt", TEXT_V1);
    yd_bookmarks hl;
    yd_error err = {0};
    assert_int_equal(yd_highlights_open(&hl, dir, 0, &err), YD_OK);
    char id[YD_BOOKMARK_ID_SIZE];
    add_passage(&hl, &v1, id);
    assert_int_equal(yd_bookmarks_save(&hl, &err), YD_OK);

    doc_from(&v2, "/corpus/rules.txt", "第一章 总则\n新加的一段话放在最前面。\n"
                                       "为了规范图书的阅读与收藏，制定本办法。\n第二章 标注\n"
                                       "读者可以标出段落并写下批注，以便日后引用。\n");
    const yd_document *docs2[1] = {&v2};
    assert_int_equal(yd_highlights_resolve(&hl, docs2, 1, NULL, 1), 0);
    yd_bookmark *h = yd_bookmarks_find(&hl, id);
    assert_int_equal(h->state, YD_BM_REANCHORED);
    assert_int_equal(h->offset, offset_of(&v2, "标出段落"));
    assert_int_equal(h->length, 4);

    doc_from(&v3, "/corpus/rules.txt", "第一章 总则\n新加的一段话放在最前面。\n"
                                       "为了规范图书的阅读与收藏，制定本办法。\n第二章 标注\n"
                                       "读者可以写下批注，以便日后引用。\n");
    const yd_document *docs3[1] = {&v3};
    assert_int_equal(yd_highlights_resolve(&hl, docs3, 1, NULL, 1), 1);
    h = yd_bookmarks_find(&hl, id);
    assert_non_null(h); /* never dropped */
    assert_int_equal(h->state, YD_BM_STALE);
    assert_string_equal(h->name, "标出段落");
    assert_int_equal(yd_bookmarks_save(&hl, &err), YD_OK);
    yd_bookmarks_free(&hl);
    assert_int_equal(yd_highlights_open(&hl, dir, 1, &err), YD_OK);
    assert_int_equal(yd_bookmarks_live_count(&hl), 1);
    yd_bookmarks_free(&hl);
    yd_document_free(&v1);
    yd_document_free(&v2);
    yd_document_free(&v3);
    rm_rf(dir);
    free(dir);
}

/* A child: open the store, wait for go, add n highlights saving each. */
static int add_many(const char *dir, int n, int ready, int go)
{
    yd_document doc;
    yd_error err = {0};
    if (yd_document_from_bytes(&doc, "/corpus/rules.txt", (const unsigned char *)TEXT_V1, strlen(TEXT_V1), NULL,
                               &err) != YD_OK)
        return 2;
    yd_bookmarks hl;
    if (yd_highlights_open(&hl, dir, 0, &err) != YD_OK)
        return 3;
    char c = 'r';
    if (ready >= 0 && (write(ready, &c, 1) != 1 || read(go, &c, 1) != 1))
        return 4;
    int rc = 0;
    for (int k = 0; k < n && !rc; k++)
        if (yd_highlights_add(&hl, &doc, 0, k % 20, k % 20 + 2, NULL, k % YD_HIGHLIGHT_STYLES, "n", NULL) != YD_OK ||
            yd_bookmarks_save(&hl, &err) != YD_OK)
            rc = 5;
    yd_bookmarks_free(&hl);
    yd_document_free(&doc);
    return rc;
}

static void test_two_writers_at_once(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    int ready[2], go[2];
    assert_int_equal(pipe(ready), 0);
    assert_int_equal(pipe(go), 0);
    pid_t pids[2];
    for (int k = 0; k < 2; k++) {
        pids[k] = fork();
        assert_true(pids[k] >= 0);
        if (pids[k] == 0)
            _exit(add_many(dir, 60, ready[1], go[0]));
    }
    char c;
    for (int k = 0; k < 2; k++)
        assert_int_equal(read(ready[0], &c, 1), 1);
    assert_int_equal(write(go[1], "gg", 2), 2);
    for (int k = 0; k < 2; k++) {
        int status;
        assert_int_equal(waitpid(pids[k], &status, 0), pids[k]);
        assert_true(WIFEXITED(status));
        assert_int_equal(WEXITSTATUS(status), 0);
    }
    close(ready[0]), close(ready[1]), close(go[0]), close(go[1]);
    yd_bookmarks hl;
    yd_error err = {0};
    assert_int_equal(yd_highlights_open(&hl, dir, 1, &err), YD_OK);
    assert_int_equal(yd_bookmarks_live_count(&hl), 120);
    for (size_t k = 0; k < hl.count; k++)
        assert_int_equal(hl.items[k].length, 2);
    yd_bookmarks_free(&hl);
    rm_rf(dir);
    free(dir);
}

/* The saving child of the crash test: opens the store on its first call. */
typedef struct saver {
    const char *dir;
    yd_document doc;
    yd_bookmarks hl;
} saver;

static int save_a_highlight(void *context, int k)
{
    saver *s = context;
    yd_error err = {0};
    if (k == 0 && yd_document_from_bytes(&s->doc, "/corpus/rules.txt", (const unsigned char *)TEXT_V1,
                                         strlen(TEXT_V1), NULL, &err) != YD_OK)
        return 2;
    if (k == 0 && yd_highlights_open(&s->hl, s->dir, 0, &err) != YD_OK)
        return 3;
    if (yd_highlights_add(&s->hl, &s->doc, 0, k % 20, k % 20 + 1, NULL, 1, "killed", NULL) != YD_OK ||
        yd_bookmarks_save(&s->hl, &err) != YD_OK)
        return 4;
    return 0;
}

/* SIGKILL at random points of a save loop: the file always parses and
 * holds every save the child reported complete. */
static void test_sigkill_during_saves(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    srand(test_seed());
    size_t total = 0;
    for (int round = 0; round < 6; round++) {
        saver sv = {.dir = dir};
        total += test_killed_saver(save_a_highlight, &sv);
        yd_bookmarks hl;
        yd_error err = {0};
        assert_int_equal(yd_highlights_open(&hl, dir, 1, &err), YD_OK);
        size_t live = yd_bookmarks_live_count(&hl);
        assert_true(live >= total);
        assert_true(live <= total + (size_t)round + 1);
        total = live;
        yd_bookmarks_free(&hl);
    }
    assert_true(total > 0);
    rm_rf(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip_beside_bookmarks),
        cmocka_unit_test(test_bad_passages),
        cmocka_unit_test(test_reanchor_and_stale),
        cmocka_unit_test(test_two_writers_at_once),
        cmocka_unit_test(test_sigkill_during_saves),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
