/* Bookmarks and their store: round trip, editing, re-anchoring, merging
 * between instances, and every failure of SPEC §8 (corrupt file, two
 * writers at once, SIGKILL mid-save, full disk, read-only folder, planted
 * symbolic links). Children forked by a test report through their exit
 * status, never through cmocka. */
#define _GNU_SOURCE /* unshare */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "test_util.h"
#include "yuedu/anchor.h"
#include "yuedu/atomic_file.h"
#include "yuedu/bookmarks.h"

static const char TEXT_V1[] = "第一章 总则\n"
                              "为了规范图书的阅读与收藏，制定本办法。\n"
                              "第二章 书签\n"
                              "书签记录文档中的位置，并在文档修改之后重新定位。\n"
                              "第三章 附则\n"
                              "本办法自发布之日起施行。\n";

static void doc_from(yd_document *doc, const char *path, const char *text)
{
    yd_error err = {0};
    assert_int_equal(yd_document_from_bytes(doc, path, (const unsigned char *)text, strlen(text), NULL, &err), YD_OK);
}

/* UTF-16 offset of the first occurrence of utf8 needle in doc. */
static int32_t offset_of(const yd_document *doc, const char *needle)
{
    int32_t at = find_utf8(doc->text, doc->length, needle);
    assert_true(at >= 0);
    return at;
}

static char *path_in(const char *dir, const char *name)
{
    static char buf[8][4400];
    static int k;
    k = (k + 1) % 8;
    char tmp[4400];
    snprintf(tmp, sizeof tmp, "%s/%s", dir, name); /* dir may be an earlier result */
    memcpy(buf[k], tmp, sizeof tmp);
    return buf[k];
}

static void test_round_trip(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    char *store = path_in(dir, "data/yuedu");
    yd_document doc;
    doc_from(&doc, path_in(dir, "book.txt"), TEXT_V1);
    write_file(dir, "book.txt", TEXT_V1, strlen(TEXT_V1));

    yd_bookmarks bm;
    yd_error err = {0};
    assert_int_equal(yd_bookmarks_open(&bm, store, 0, &err), YD_OK);
    assert_int_equal(bm.count, 0);
    struct stat st;
    assert_int_equal(stat(store, &st), -1); /* opening creates nothing */
    char id1[YD_BOOKMARK_ID_SIZE], id2[YD_BOOKMARK_ID_SIZE];
    int32_t at = offset_of(&doc, "书签记录");
    assert_int_equal(yd_bookmarks_add(&bm, &doc, 0, at, dir, "书签: \"quoted\" #1", "a note\nwith two lines: yes", id1),
                     YD_OK);
    assert_int_equal(yd_bookmarks_add(&bm, &doc, 0, 0, dir, NULL, NULL, id2), YD_OK);
    assert_string_not_equal(id1, id2);
    assert_int_equal(yd_bookmarks_save(&bm, &err), YD_OK);
    assert_int_equal(stat(store, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
    assert_int_equal(stat(path_in(store, "bookmarks.yaml"), &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    size_t len;
    char *yaml = (char *)slurp(path_in(store, "bookmarks.yaml"), &len);
    assert_non_null(strstr(yaml, "version: 1\n"));
    assert_non_null(strstr(yaml, "书签记录")); /* UTF-8, not escaped */
    free(yaml);

    yd_bookmarks again;
    assert_int_equal(yd_bookmarks_open(&again, store, 1, &err), YD_OK);
    assert_int_equal(again.count, 2);
    yd_bookmark *a = yd_bookmarks_find(&again, id1), *orig = yd_bookmarks_find(&bm, id1);
    assert_non_null(a);
    assert_string_equal(a->name, "书签: \"quoted\" #1");
    assert_string_equal(a->note, "a note\nwith two lines: yes");
    assert_string_equal(a->path, "book.txt");
    assert_string_equal(a->abs_path, orig->abs_path);
    assert_string_equal(a->anchor.fingerprint, orig->anchor.fingerprint);
    assert_int_equal(a->anchor.offset, at);
    assert_int_equal(a->anchor.line, 4);
    assert_string_equal(a->anchor.before, orig->anchor.before);
    assert_string_equal(a->anchor.after, orig->anchor.after);
    assert_true(strncmp(a->anchor.after, "书签记录", strlen("书签记录")) == 0);
    assert_true(a->created == orig->created && a->updated == orig->updated);
    yd_bookmark *b = yd_bookmarks_find(&again, id2);
    assert_string_equal(b->name, "第一章 总则"); /* default name: the text at the place */
    assert_string_equal(b->note, "");

    const yd_document *docs[] = {&doc};
    assert_int_equal(yd_bookmarks_resolve(&again, docs, 1, dir, 1), 0);
    a = yd_bookmarks_find(&again, id1);
    assert_int_equal(a->state, YD_BM_EXACT);
    assert_int_equal(a->offset, at);
    assert_int_equal(a->doc, 0);

    yd_bookmarks_free(&again);
    yd_bookmarks_free(&bm);
    yd_document_free(&doc);
    rm_rf(dir);
    free(dir);
}

static void test_edit_delete_undo_and_list(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    yd_document doc;
    doc_from(&doc, path_in(dir, "book.txt"), TEXT_V1);
    yd_bookmarks bm, other;
    yd_error err = {0};
    assert_int_equal(yd_bookmarks_open(&bm, dir, 0, &err), YD_OK);
    char a[YD_BOOKMARK_ID_SIZE], b[YD_BOOKMARK_ID_SIZE], c[YD_BOOKMARK_ID_SIZE];
    assert_int_equal(yd_bookmarks_add(&bm, &doc, 0, offset_of(&doc, "本办法自"), NULL, "Third", NULL, c), YD_OK);
    assert_int_equal(yd_bookmarks_add(&bm, &doc, 0, offset_of(&doc, "为了规范"), NULL, "First", NULL, a), YD_OK);
    assert_int_equal(yd_bookmarks_add(&bm, &doc, 0, offset_of(&doc, "书签记录"), NULL, "Second", "find ME", b), YD_OK);
    assert_int_equal(yd_bookmarks_save(&bm, &err), YD_OK);

    yd_bookmark **list;
    size_t n;
    assert_int_equal(yd_bookmarks_list(&bm, YD_ORDER_DOCUMENT, NULL, &list, &n), YD_OK);
    assert_int_equal(n, 3);
    assert_string_equal(list[0]->name, "First");
    assert_string_equal(list[1]->name, "Second");
    assert_string_equal(list[2]->name, "Third");
    free(list);
    assert_int_equal(yd_bookmarks_list(&bm, YD_ORDER_RECENT, NULL, &list, &n), YD_OK);
    assert_string_equal(list[0]->name, "Second");
    free(list);
    assert_int_equal(yd_bookmarks_list(&bm, YD_ORDER_DOCUMENT, "find me", &list, &n), YD_OK);
    assert_int_equal(n, 1);
    assert_string_equal(list[0]->id, b);
    free(list);
    int32_t *offs;
    assert_int_equal(yd_bookmarks_offsets(&bm, 0, &offs, &n), YD_OK);
    assert_int_equal(n, 3);
    assert_true(offs[0] < offs[1] && offs[1] < offs[2]);
    free(offs);

    /* A second instance opened now, before the deletion. */
    assert_int_equal(yd_bookmarks_open(&other, dir, 0, &err), YD_OK);
    assert_int_equal(yd_bookmarks_live_count(&other), 3);

    assert_int_equal(yd_bookmarks_rename(&bm, a, "Premier"), YD_OK);
    assert_int_equal(yd_bookmarks_set_note(&bm, a, "note"), YD_OK);
    assert_int_equal(yd_bookmarks_delete(&bm, c), YD_OK);
    assert_null(yd_bookmarks_find(&bm, c));
    assert_int_equal(yd_bookmarks_rename(&bm, c, "x"), YD_EINVAL);
    assert_int_equal(yd_bookmarks_save(&bm, &err), YD_OK);

    /* The other instance adds one and saves: the deletion and the rename
     * reach it, and it does not bring the deleted one back. */
    char d[YD_BOOKMARK_ID_SIZE];
    assert_int_equal(yd_bookmarks_add(&other, &doc, 0, 5, NULL, "Other's", NULL, d), YD_OK);
    assert_int_equal(yd_bookmarks_save(&other, &err), YD_OK);
    assert_int_equal(yd_bookmarks_live_count(&other), 3);
    assert_null(yd_bookmarks_find(&other, c));
    assert_string_equal(yd_bookmarks_find(&other, a)->name, "Premier");
    assert_string_equal(yd_bookmarks_find(&other, a)->note, "note");

    /* Undo the deletion, even after a save. */
    assert_int_equal(yd_bookmarks_undelete(&bm, c), YD_OK);
    assert_int_equal(yd_bookmarks_save(&bm, &err), YD_OK);
    assert_int_equal(yd_bookmarks_live_count(&bm), 4);
    assert_non_null(yd_bookmarks_find(&bm, d));
    assert_string_equal(yd_bookmarks_find(&bm, c)->name, "Third");

    /* The other's stale copy of the tombstone does not win either. */
    assert_int_equal(yd_bookmarks_save(&other, &err), YD_OK);
    assert_non_null(yd_bookmarks_find(&other, c));

    yd_bookmarks_free(&other);
    yd_bookmarks_free(&bm);
    yd_document_free(&doc);
    rm_rf(dir);
    free(dir);
}

/* An edit before the bookmark moves its text; re-anchoring finds it. */
static void test_reanchor_after_edit(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    write_file(dir, "book.txt", TEXT_V1, strlen(TEXT_V1));
    yd_document v1, v2, v3;
    yd_error err = {0};
    assert_int_equal(yd_document_load(&v1, path_in(dir, "book.txt"), NULL, &err), YD_OK);
    yd_bookmarks bm;
    assert_int_equal(yd_bookmarks_open(&bm, path_in(dir, "store"), 0, &err), YD_OK);
    char id[YD_BOOKMARK_ID_SIZE], gone[YD_BOOKMARK_ID_SIZE];
    assert_int_equal(yd_bookmarks_add(&bm, &v1, 0, offset_of(&v1, "书签记录"), dir, "mark", NULL, id), YD_OK);
    assert_int_equal(yd_bookmarks_add(&bm, &v1, 0, offset_of(&v1, "本办法自"), dir, "gone", NULL, gone), YD_OK);
    assert_int_equal(yd_bookmarks_save(&bm, &err), YD_OK);
    yd_bookmarks_free(&bm);

    /* A paragraph inserted before it, and the last paragraph rewritten. */
    const char *edited = "第一章 总则\n"
                         "新增的一段：说明修订的理由，以及适用的范围和对象。\n"
                         "为了规范图书的阅读与收藏，制定本办法。\n"
                         "第二章 书签\n"
                         "书签记录文档中的位置，并在文档修改之后重新定位。\n"
                         "完全不同的结尾。\n";
    write_file(dir, "book.txt", edited, strlen(edited));
    assert_int_equal(yd_document_load(&v2, path_in(dir, "book.txt"), NULL, &err), YD_OK);
    assert_int_equal(yd_bookmarks_open(&bm, path_in(dir, "store"), 0, &err), YD_OK);
    const yd_document *docs[] = {&v2};
    assert_int_equal(yd_bookmarks_resolve(&bm, docs, 1, dir, 1), 1); /* one stale */
    yd_bookmark *b = yd_bookmarks_find(&bm, id);
    assert_int_equal(b->state, YD_BM_REANCHORED);
    assert_int_equal(b->offset, offset_of(&v2, "书签记录"));
    assert_true(b->dirty); /* its new anchor is written by the next save */
    yd_bookmark *g = yd_bookmarks_find(&bm, gone);
    assert_non_null(g); /* stale, never dropped */
    assert_int_equal(g->state, YD_BM_STALE);
    assert_int_equal(g->doc, 0);
    assert_int_equal(yd_bookmarks_save(&bm, &err), YD_OK);
    yd_bookmarks_free(&bm);

    /* After the save the anchor is exact again; the stale one is still there. */
    assert_int_equal(yd_bookmarks_open(&bm, path_in(dir, "store"), 0, &err), YD_OK);
    assert_int_equal(yd_bookmarks_resolve(&bm, docs, 1, dir, 1), 1);
    assert_int_equal(yd_bookmarks_find(&bm, id)->state, YD_BM_EXACT);
    assert_int_equal(yd_bookmarks_find(&bm, id)->anchor.line, 5);
    assert_int_equal(yd_bookmarks_find(&bm, gone)->state, YD_BM_STALE);

    /* The nearest of several occurrences wins. */
    const char *twice = "书签记录文档中的位置，并在文档修改之后重新定位。\n"
                        "第一章 总则\n"
                        "新增的一段：说明修订的理由，以及适用的范围和对象。\n"
                        "为了规范图书的阅读与收藏，制定本办法。\n"
                        "第二章 书签\n"
                        "书签记录文档中的位置，并在文档修改之后重新定位。\n";
    doc_from(&v3, path_in(dir, "book.txt"), twice);
    const yd_document *docs3[] = {&v3};
    yd_bookmarks_resolve(&bm, docs3, 1, dir, 0);
    b = yd_bookmarks_find(&bm, id);
    assert_int_equal(b->state, YD_BM_REANCHORED);
    assert_true(b->offset > 0);
    assert_int_equal(b->offset, offset_of(&v3, "第二章 书签\n书") + 7);

    yd_bookmarks_free(&bm);
    yd_document_free(&v1);
    yd_document_free(&v2);
    yd_document_free(&v3);
    rm_rf(dir);
    free(dir);
}

/* The document renamed within the corpus: found by fingerprint; renamed
 * and edited: found by its snippet; gone: stale. */
static void test_reanchor_after_move(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    assert_int_equal(mkdir(path_in(dir, "corpus"), 0755), 0);
    assert_int_equal(mkdir(path_in(dir, "corpus/sub"), 0755), 0);
    write_file(dir, "corpus/a.txt", TEXT_V1, strlen(TEXT_V1));
    write_file(dir, "corpus/other.txt", "另一篇文档。\n", strlen("另一篇文档。\n"));
    char root[4096];
    const char *args[] = {path_in(dir, "corpus")};
    assert_int_equal(yd_corpus_root(args, 1, root, sizeof root), 0);
    yd_document a, other;
    yd_error err = {0};
    assert_int_equal(yd_document_load(&a, path_in(dir, "corpus/a.txt"), NULL, &err), YD_OK);
    assert_int_equal(yd_document_load(&other, path_in(dir, "corpus/other.txt"), NULL, &err), YD_OK);
    yd_bookmarks bm;
    assert_int_equal(yd_bookmarks_open(&bm, path_in(dir, "store"), 0, &err), YD_OK);
    char id[YD_BOOKMARK_ID_SIZE];
    int32_t at = offset_of(&a, "书签记录");
    assert_int_equal(yd_bookmarks_add(&bm, &a, 0, at, root, "m", NULL, id), YD_OK);
    assert_string_equal(yd_bookmarks_find(&bm, id)->path, "a.txt");
    assert_int_equal(yd_bookmarks_save(&bm, &err), YD_OK);
    yd_bookmarks_free(&bm);
    yd_document_free(&a);

    assert_int_equal(rename(path_in(dir, "corpus/a.txt"), path_in(dir, "corpus/sub/b.txt")), 0);
    assert_int_equal(yd_document_load(&a, path_in(dir, "corpus/sub/b.txt"), NULL, &err), YD_OK);
    assert_int_equal(yd_bookmarks_open(&bm, path_in(dir, "store"), 0, &err), YD_OK);
    const yd_document *docs[] = {&other, &a};
    assert_int_equal(yd_bookmarks_resolve(&bm, docs, 2, root, 1), 0);
    yd_bookmark *b = yd_bookmarks_find(&bm, id);
    assert_int_equal(b->state, YD_BM_MOVED);
    assert_int_equal(b->doc, 1);
    assert_int_equal(b->offset, at);
    assert_string_equal(b->path, "sub/b.txt");
    assert_int_equal(yd_bookmarks_save(&bm, &err), YD_OK);
    yd_bookmarks_free(&bm);
    yd_document_free(&a);

    /* Moved back and edited at the same time. */
    const char *edited = "前言一段，新加的。\n" "书签记录文档中的位置，并在文档修改之后重新定位。\n";
    write_file(dir, "corpus/c.txt", edited, strlen(edited));
    unlink(path_in(dir, "corpus/sub/b.txt"));
    assert_int_equal(yd_document_load(&a, path_in(dir, "corpus/c.txt"), NULL, &err), YD_OK);
    assert_int_equal(yd_bookmarks_open(&bm, path_in(dir, "store"), 0, &err), YD_OK);
    assert_int_equal(yd_bookmarks_resolve(&bm, docs, 2, root, 0), 0);
    b = yd_bookmarks_find(&bm, id);
    assert_int_equal(b->state, YD_BM_MOVED);
    assert_int_equal(b->doc, 1);
    assert_int_equal(b->offset, offset_of(&a, "书签记录"));

    /* Nowhere: stale, kept, no document. */
    const yd_document *only_other[] = {&other};
    assert_int_equal(yd_bookmarks_resolve(&bm, only_other, 1, root, 1), 1);
    b = yd_bookmarks_find(&bm, id);
    assert_int_equal(b->state, YD_BM_STALE);
    assert_int_equal(b->doc, YD_NO_DOC);
    assert_int_equal(yd_bookmarks_save(&bm, &err), YD_OK);
    assert_int_equal(yd_bookmarks_live_count(&bm), 1);

    yd_bookmarks_free(&bm);
    yd_document_free(&a);
    yd_document_free(&other);
    rm_rf(dir);
    free(dir);
}

static size_t count_matching(const char *dir, const char *prefix)
{
    char cmd[4400];
    snprintf(cmd, sizeof cmd, "ls -a '%s' | grep -c '^%s'", dir, prefix);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t n = 0;
    if (fscanf(p, "%zu", &n) != 1)
        n = 0;
    pclose(p);
    return n;
}

static void test_corrupt_file_moved_aside(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    const char *garbage = "version: 1\nbookmarks: [ {id: x, name: \"unterminated\n";
    write_file(dir, "bookmarks.yaml", garbage, strlen(garbage));
    yd_bookmarks bm;
    yd_error err = {0};

    /* Read only (yuedu --bookmarks): an error, the file untouched. */
    assert_int_equal(yd_bookmarks_open(&bm, dir, 1, &err), YD_EIO);
    assert_non_null(strstr(err.message, "bookmarks.yaml: line "));
    yd_bookmarks_free(&bm);
    assert_int_equal(count_matching(dir, "bookmarks.yaml.corrupt-"), 0);

    assert_int_equal(yd_bookmarks_open(&bm, dir, 0, &err), YD_OK);
    const char *notice = yd_bookmarks_take_notice(&bm);
    assert_non_null(notice);
    assert_non_null(strstr(notice, "moved aside to"));
    assert_non_null(strstr(notice, "bookmarks.yaml.corrupt-"));
    assert_null(yd_bookmarks_take_notice(&bm));
    assert_int_equal(count_matching(dir, "bookmarks.yaml.corrupt-"), 1);
    /* the copy aside holds the original bytes */
    char cmd[4400];
    snprintf(cmd, sizeof cmd, "cat '%s'/bookmarks.yaml.corrupt-* | cmp -s - /dev/stdin <<'EOF'\n%sEOF", dir, garbage);
    assert_int_equal(system(cmd), 0);

    yd_document doc;
    doc_from(&doc, "/nowhere/book.txt", TEXT_V1);
    assert_int_equal(yd_bookmarks_add(&bm, &doc, 0, 3, NULL, "new", NULL, NULL), YD_OK);
    assert_int_equal(yd_bookmarks_save(&bm, &err), YD_OK);
    yd_bookmarks_free(&bm);
    assert_int_equal(yd_bookmarks_open(&bm, dir, 1, &err), YD_OK);
    assert_int_equal(bm.count, 1);
    yd_bookmarks_free(&bm);

    /* A file that parses with one bad entry: moved aside, the rest kept. */
    const char *partly = "version: 1\nbookmarks:\n- just a string\n- id: abc\n  name: kept\n  path: x.txt\n";
    write_file(dir, "bookmarks.yaml", partly, strlen(partly));
    assert_int_equal(yd_bookmarks_open(&bm, dir, 0, &err), YD_OK);
    notice = yd_bookmarks_take_notice(&bm);
    assert_non_null(notice);
    assert_non_null(strstr(notice, "1 entry could not be read"));
    assert_int_equal(bm.count, 1);
    assert_string_equal(bm.items[0].name, "kept");
    assert_int_equal(count_matching(dir, "bookmarks.yaml.corrupt-"), 2);
    yd_bookmarks_free(&bm);

    /* A newer schema: left alone, saving refused with a message. */
    const char *newer = "version: 99\nbookmarks: []\n";
    write_file(dir, "bookmarks.yaml", newer, strlen(newer));
    assert_int_equal(yd_bookmarks_open(&bm, dir, 0, &err), YD_EIO);
    assert_non_null(strstr(err.message, "newer yuedu"));
    assert_int_equal(yd_bookmarks_add(&bm, &doc, 0, 3, NULL, "new", NULL, NULL), YD_OK);
    assert_int_equal(yd_bookmarks_save(&bm, &err), YD_EIO);
    assert_non_null(strstr(err.message, "kept in memory"));
    size_t len;
    char *now = (char *)slurp(path_in(dir, "bookmarks.yaml"), &len);
    assert_string_equal(now, newer);
    free(now);

    yd_bookmarks_free(&bm);
    yd_document_free(&doc);
    rm_rf(dir);
    free(dir);
}

/* A child adds n bookmarks, saving after each one; 0 when all went well. */
static int add_many(const char *dir, int n, const char *tag, int ready_fd, int go_fd)
{
    yd_document doc;
    yd_error err = {0};
    if (yd_document_from_bytes(&doc, "/corpus/book.txt", (const unsigned char *)TEXT_V1, strlen(TEXT_V1), NULL,
                               &err) != YD_OK)
        return 2;
    yd_bookmarks bm;
    if (yd_bookmarks_open(&bm, dir, 0, &err) != YD_OK)
        return 3;
    if (ready_fd >= 0) {
        char c = 'r';
        if (write(ready_fd, &c, 1) != 1 || read(go_fd, &c, 1) != 1)
            return 4;
    }
    int rc = 0;
    for (int k = 0; k < n && rc == 0; k++) {
        char name[64];
        snprintf(name, sizeof name, "%s-%d", tag, k);
        if (yd_bookmarks_add(&bm, &doc, 0, k, NULL, name, NULL, NULL) != YD_OK)
            rc = 5;
        else if (yd_bookmarks_save(&bm, &err) != YD_OK) {
            fprintf(stderr, "%s: %s\n", tag, err.message);
            rc = 6;
        }
    }
    yd_bookmarks_free(&bm);
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
            _exit(add_many(dir, 100, k ? "B" : "A", ready[1], go[0]));
    }
    char c;
    for (int k = 0; k < 2; k++)
        assert_int_equal(read(ready[0], &c, 1), 1);
    assert_int_equal(write(go[1], "gg", 2), 2); /* both start at the same moment */
    for (int k = 0; k < 2; k++) {
        int status;
        assert_int_equal(waitpid(pids[k], &status, 0), pids[k]);
        assert_true(WIFEXITED(status));
        assert_int_equal(WEXITSTATUS(status), 0);
    }
    close(ready[0]), close(ready[1]), close(go[0]), close(go[1]);
    yd_bookmarks bm;
    yd_error err = {0};
    assert_int_equal(yd_bookmarks_open(&bm, dir, 1, &err), YD_OK);
    assert_int_equal(yd_bookmarks_live_count(&bm), 200);
    int seen[2][100] = {{0}};
    for (size_t k = 0; k < bm.count; k++) {
        char who;
        int i;
        assert_int_equal(sscanf(bm.items[k].name, "%c-%d", &who, &i), 2);
        seen[who == 'B'][i]++;
    }
    for (int w = 0; w < 2; w++)
        for (int i = 0; i < 100; i++)
            assert_int_equal(seen[w][i], 1);
    yd_bookmarks_free(&bm);
    rm_rf(dir);
    free(dir);
}

/* A save waits for the lock another instance holds, then goes ahead. */
static void test_save_waits_for_lock(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    assert_int_equal(add_many(dir, 1, "first", -1, -1), 0);
    int fd = open(path_in(dir, "bookmarks.yaml.lock"), O_RDWR);
    assert_true(fd >= 0);
    assert_int_equal(flock(fd, LOCK_EX), 0);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0)
        _exit(add_many(dir, 1, "second", -1, -1));
    struct timespec hold = {0, 300 * 1000000L};
    nanosleep(&hold, NULL);
    int status;
    assert_int_equal(waitpid(pid, &status, WNOHANG), 0); /* still waiting */
    assert_int_equal(flock(fd, LOCK_UN), 0);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    close(fd);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_true((t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000 >= 300);
    yd_bookmarks bm;
    yd_error err = {0};
    assert_int_equal(yd_bookmarks_open(&bm, dir, 1, &err), YD_OK);
    assert_int_equal(yd_bookmarks_live_count(&bm), 2);
    yd_bookmarks_free(&bm);
    rm_rf(dir);
    free(dir);
}

/* The saving child of the crash test: opens the store on its first call. */
typedef struct saver {
    const char *dir;
    yd_document doc;
    yd_bookmarks bm;
} saver;

static int save_a_bookmark(void *context, int k)
{
    saver *s = context;
    yd_error err = {0};
    if (k == 0 && yd_document_from_bytes(&s->doc, "/corpus/book.txt", (const unsigned char *)TEXT_V1,
                                         strlen(TEXT_V1), NULL, &err) != YD_OK)
        return 2;
    if (k == 0 && yd_bookmarks_open(&s->bm, s->dir, 0, &err) != YD_OK)
        return 3;
    if (yd_bookmarks_add(&s->bm, &s->doc, 0, k % 50, NULL, "killed", "note", NULL) != YD_OK ||
        yd_bookmarks_save(&s->bm, &err) != YD_OK)
        return 4;
    return 0;
}

/* SIGKILL at random points of a save loop: the file always parses and
 * holds every save the child reported complete. */
static void test_sigkill_during_saves(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    srand(test_seed()); /* the kill delays; the kill's effect still depends on timing */
    size_t total = 0;
    for (int round = 0; round < 8; round++) {
        saver s = {.dir = dir};
        total += test_killed_saver(save_a_bookmark, &s);

        yd_bookmarks bm;
        yd_error err = {0};
        assert_int_equal(yd_bookmarks_open(&bm, dir, 1, &err), YD_OK); /* parses */
        size_t live = yd_bookmarks_live_count(&bm);
        /* every reported save is there; at most one more (killed between
         * the rename and the report) */
        assert_true(live >= total);
        assert_true(live <= total + (size_t)round + 1);
        total = live;
        yd_bookmarks_free(&bm);
    }
    assert_true(total > 0);
    rm_rf(dir);
    free(dir);
}

/* A full disk, simulated with RLIMIT_FSIZE in a child: a message, the old
 * file intact, the change kept and written by a later save. */
static void test_full_disk(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    assert_int_equal(add_many(dir, 5, "old", -1, -1), 0);
    size_t before_len;
    char *before = (char *)slurp(path_in(dir, "bookmarks.yaml"), &before_len);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        signal(SIGXFSZ, SIG_IGN); /* write fails with EFBIG instead of killing */
        yd_document doc;
        yd_error err = {0};
        if (yd_document_from_bytes(&doc, "/corpus/book.txt", (const unsigned char *)TEXT_V1, strlen(TEXT_V1), NULL,
                                   &err) != YD_OK)
            _exit(2);
        yd_bookmarks bm;
        if (yd_bookmarks_open(&bm, dir, 0, &err) != YD_OK)
            _exit(3);
        struct rlimit old, small;
        getrlimit(RLIMIT_FSIZE, &old);
        small = old;
        small.rlim_cur = 512; /* smaller than the file */
        if (setrlimit(RLIMIT_FSIZE, &small) != 0)
            _exit(4);
        char id[YD_BOOKMARK_ID_SIZE];
        if (yd_bookmarks_add(&bm, &doc, 0, 7, NULL, "new", NULL, id) != YD_OK)
            _exit(5);
        if (yd_bookmarks_save(&bm, &err) != YD_EIO)
            _exit(6);
        if (!strstr(err.message, "File too large") || !strstr(err.message, "kept in memory")) {
            fprintf(stderr, "message: %s\n", err.message);
            _exit(7);
        }
        if (!yd_bookmarks_find(&bm, id) || !yd_bookmarks_find(&bm, id)->dirty)
            _exit(8);
        if (setrlimit(RLIMIT_FSIZE, &old) != 0)
            _exit(9);
        if (yd_bookmarks_save(&bm, &err) != YD_OK) /* the retry */
            _exit(10);
        yd_bookmarks_free(&bm);
        yd_document_free(&doc);
        _exit(0);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    (void)before;
    free(before);
    yd_bookmarks bm;
    yd_error err = {0};
    assert_int_equal(yd_bookmarks_open(&bm, dir, 1, &err), YD_OK);
    assert_int_equal(yd_bookmarks_live_count(&bm), 6);
    yd_bookmarks_free(&bm);
    assert_int_equal(count_matching(dir, "bookmarks.yaml.tmp"), 0);
    rm_rf(dir);
    free(dir);
}

/* The old file is byte for byte intact after the failed save: checked in
 * a child that stops after the failure. */
static void test_full_disk_keeps_old_file(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    assert_int_equal(add_many(dir, 5, "old", -1, -1), 0);
    size_t before_len, after_len;
    char *before = (char *)slurp(path_in(dir, "bookmarks.yaml"), &before_len);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        signal(SIGXFSZ, SIG_IGN);
        int rc = 0;
        struct rlimit small;
        getrlimit(RLIMIT_FSIZE, &small);
        small.rlim_cur = 100;
        if (setrlimit(RLIMIT_FSIZE, &small) != 0)
            _exit(4);
        rc = add_many(dir, 1, "new", -1, -1);
        _exit(rc == 6 ? 0 : 1); /* 6: the save failed, as it should */
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    char *after = (char *)slurp(path_in(dir, "bookmarks.yaml"), &after_len);
    assert_int_equal(before_len, after_len);
    assert_memory_equal(before, after, before_len);
    free(before);
    free(after);
    assert_int_equal(count_matching(dir, "bookmarks.yaml.tmp"), 0);
    rm_rf(dir);
    free(dir);
}

/* A really full disk: a 64 KiB tmpfs, filled up, in a private mount
 * namespace of a child (root only; skipped elsewhere). */
static int full_tmpfs_child(const char *dir)
{
    if (geteuid() != 0 || unshare(CLONE_NEWNS) != 0 || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
        mount("tmpfs", dir, "tmpfs", 0, "size=64k,mode=0700") != 0)
        return 77;
    char store[4400], file[4500], filler[4500];
    snprintf(store, sizeof store, "%s/yuedu", dir);
    snprintf(file, sizeof file, "%s/bookmarks.yaml", store);
    snprintf(filler, sizeof filler, "%s/filler", dir);
    if (add_many(store, 5, "old", -1, -1) != 0)
        return 2;
    FILE *f = fopen(file, "rb");
    char before[16384], after[16384];
    size_t blen = f ? fread(before, 1, sizeof before, f) : 0;
    if (f)
        fclose(f);
    if (blen == 0)
        return 3;
    int fd = open(filler, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    char block[1024];
    memset(block, 'x', sizeof block);
    while (fd >= 0 && write(fd, block, sizeof block) > 0)
        ;
    while (fd >= 0 && write(fd, block, 1) > 0) /* the last few bytes too */
        ;
    if (fd < 0 || errno != ENOSPC)
        return 4;
    close(fd);
    yd_document doc;
    yd_error err = {0};
    if (yd_document_from_bytes(&doc, "/corpus/book.txt", (const unsigned char *)TEXT_V1, strlen(TEXT_V1), NULL,
                               &err) != YD_OK)
        return 5;
    yd_bookmarks bm;
    if (yd_bookmarks_open(&bm, store, 0, &err) != YD_OK)
        return 6;
    yd_bookmarks_add(&bm, &doc, 0, 9, NULL, "new", NULL, NULL);
    if (yd_bookmarks_save(&bm, &err) != YD_EIO || !strstr(err.message, "No space left on device") ||
        !strstr(err.message, "kept in memory")) {
        fprintf(stderr, "message: %s\n", err.message);
        return 7;
    }
    f = fopen(file, "rb");
    size_t alen = f ? fread(after, 1, sizeof after, f) : 0;
    if (f)
        fclose(f);
    if (alen != blen || memcmp(before, after, blen) != 0)
        return 8;
    char tmp[4600];
    snprintf(tmp, sizeof tmp, "%s.tmp", file);
    if (access(tmp, F_OK) == 0)
        return 9;
    unlink(filler);
    if (yd_bookmarks_save(&bm, &err) != YD_OK || yd_bookmarks_live_count(&bm) != 6)
        return 10;
    yd_bookmarks_free(&bm);
    yd_document_free(&doc);
    umount(dir);
    return 0;
}

static void test_full_disk_tmpfs(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0)
        _exit(full_tmpfs_child(dir));
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    rm_rf(dir);
    free(dir);
    if (WEXITSTATUS(status) == 77)
        skip_missing("a private tmpfs (root and unshare) for the full-disk case");
    assert_int_equal(WEXITSTATUS(status), 0);
}

/* A read-only folder: a message, nothing changed, a retry once writable.
 * Root ignores permissions, so the child drops to nobody. */
static void test_read_only_folder(void **state)
{
    (void)state;
    char *top = make_temp_dir();
    assert_int_equal(chmod(top, 0755), 0);
    char *dir = path_in(top, "store");
    assert_int_equal(mkdir(dir, 0700), 0);
    if (geteuid() == 0)
        assert_int_equal(chown(dir, 65534, 65534), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
            _exit(3);
        if (add_many(dir, 2, "old", -1, -1) != 0)
            _exit(4);
        yd_document doc;
        yd_error err = {0};
        if (yd_document_from_bytes(&doc, "/corpus/book.txt", (const unsigned char *)TEXT_V1, strlen(TEXT_V1), NULL,
                                   &err) != YD_OK)
            _exit(5);
        yd_bookmarks bm;
        if (yd_bookmarks_open(&bm, dir, 0, &err) != YD_OK)
            _exit(6);
        if (chmod(dir, 0500) != 0)
            _exit(7);
        yd_bookmarks_add(&bm, &doc, 0, 1, NULL, "new", NULL, NULL);
        if (yd_bookmarks_save(&bm, &err) != YD_EIO || !strstr(err.message, "Permission denied") ||
            !strstr(err.message, "kept in memory")) {
            fprintf(stderr, "message: %s\n", err.message);
            _exit(8);
        }
        yd_bookmarks other;
        if (yd_bookmarks_open(&other, dir, 1, &err) != YD_OK || yd_bookmarks_live_count(&other) != 2)
            _exit(9);
        yd_bookmarks_free(&other);
        if (chmod(dir, 0700) != 0)
            _exit(10);
        if (yd_bookmarks_save(&bm, &err) != YD_OK || yd_bookmarks_live_count(&bm) != 3)
            _exit(11);
        /* Opening a read-only folder whose lock file does not exist yet. */
        char lock[4400];
        snprintf(lock, sizeof lock, "%s/bookmarks.yaml.lock", dir);
        unlink(lock);
        chmod(dir, 0500);
        yd_bookmarks_free(&bm);
        if (yd_bookmarks_open(&bm, dir, 0, &err) != YD_OK || yd_bookmarks_live_count(&bm) != 3)
            _exit(12);
        yd_bookmarks_add(&bm, &doc, 0, 1, NULL, "newer", NULL, NULL);
        if (yd_bookmarks_save(&bm, &err) != YD_EIO || !strstr(err.message, "cannot lock")) {
            fprintf(stderr, "message: %s\n", err.message);
            _exit(13);
        }
        chmod(dir, 0700);
        yd_bookmarks_free(&bm);
        yd_document_free(&doc);
        _exit(0);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    rm_rf(top);
    free(top);
}

/* Links planted at the file, the temporary file and the folder are never
 * followed: their targets stay as they were. */
static void test_symlinks_not_followed(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    char *store = path_in(dir, "store");
    assert_int_equal(mkdir(store, 0700), 0);
    write_file(dir, "target", "secret\n", 7);
    assert_int_equal(symlink(path_in(dir, "target"), path_in(store, "bookmarks.yaml")), 0);
    write_file(dir, "target2", "other\n", 6);
    assert_int_equal(symlink(path_in(dir, "target2"), path_in(store, "bookmarks.yaml.tmp")), 0);

    yd_bookmarks bm;
    yd_error err = {0};
    assert_int_equal(yd_bookmarks_open(&bm, store, 1, &err), YD_EIO);
    assert_non_null(strstr(err.message, "symbolic link"));
    yd_bookmarks_free(&bm);

    assert_int_equal(yd_bookmarks_open(&bm, store, 0, &err), YD_OK);
    const char *notice = yd_bookmarks_take_notice(&bm);
    assert_non_null(notice);
    assert_non_null(strstr(notice, "symbolic link"));
    yd_document doc;
    doc_from(&doc, "/corpus/book.txt", TEXT_V1);
    assert_int_equal(yd_bookmarks_add(&bm, &doc, 0, 1, NULL, "x", NULL, NULL), YD_OK);
    assert_int_equal(yd_bookmarks_save(&bm, &err), YD_OK);
    yd_bookmarks_free(&bm);

    size_t len;
    char *t = (char *)slurp(path_in(dir, "target"), &len);
    assert_string_equal(t, "secret\n");
    free(t);
    t = (char *)slurp(path_in(dir, "target2"), &len);
    assert_string_equal(t, "other\n");
    free(t);
    struct stat st;
    assert_int_equal(lstat(path_in(store, "bookmarks.yaml"), &st), 0);
    assert_true(S_ISREG(st.st_mode));

    /* The folder itself a link: refused. */
    assert_int_equal(symlink(store, path_in(dir, "linked")), 0);
    assert_int_equal(yd_bookmarks_open(&bm, path_in(dir, "linked"), 0, &err), YD_EIO);
    assert_non_null(strstr(err.message, "symbolic link"));
    yd_bookmarks_add(&bm, &doc, 0, 1, NULL, "y", NULL, NULL);
    assert_int_equal(yd_bookmarks_save(&bm, &err), YD_EIO);
    assert_non_null(strstr(err.message, "symbolic link"));
    yd_bookmarks_free(&bm);

    yd_document_free(&doc);
    rm_rf(dir);
    free(dir);
}

static void test_default_dir_and_root(void **state)
{
    (void)state;
    char buf[4096];
    yd_error err = {0};
    setenv("XDG_DATA_HOME", "/x/data", 1);
    assert_int_equal(yd_store_default_dir("data", buf, sizeof buf, &err), YD_OK);
    assert_string_equal(buf, "/x/data/yuedu");
    setenv("XDG_DATA_HOME", "relative", 1); /* ignored, per the XDG spec */
    setenv("HOME", "/home/u", 1);
    assert_int_equal(yd_store_default_dir("data", buf, sizeof buf, &err), YD_OK);
    assert_string_equal(buf, "/home/u/.local/share/yuedu");
    unsetenv("XDG_STATE_HOME");
    assert_int_equal(yd_store_default_dir("state", buf, sizeof buf, &err), YD_OK);
    assert_string_equal(buf, "/home/u/.local/state/yuedu");

    char *dir = make_temp_dir();
    assert_int_equal(mkdir(path_in(dir, "a"), 0755), 0);
    assert_int_equal(mkdir(path_in(dir, "a/b"), 0755), 0);
    assert_int_equal(mkdir(path_in(dir, "a/bc"), 0755), 0);
    write_file(dir, "a/b/x.txt", "x", 1);
    char real[4096];
    assert_non_null(realpath(dir, real));
    const char *two[] = {path_in(dir, "a/b/x.txt"), path_in(dir, "a/bc")};
    char root[4096], want[4200];
    assert_int_equal(yd_corpus_root(two, 2, root, sizeof root), 0);
    snprintf(want, sizeof want, "%s/a", real);
    assert_string_equal(root, want);
    const char *one[] = {path_in(dir, "a/b/x.txt")};
    assert_int_equal(yd_corpus_root(one, 1, root, sizeof root), 0);
    snprintf(want, sizeof want, "%s/a/b", real);
    assert_string_equal(root, want);
    /* files of one folder share its realpath; a link to a file stands for
     * its target's folder */
    assert_int_equal(mkdir(path_in(dir, "out"), 0755), 0);
    write_file(dir, "out/y.txt", "y", 1);
    write_file(dir, "a/b/z.txt", "z", 1);
    assert_int_equal(symlink("../../out/y.txt", path_in(dir, "a/b/link.txt")), 0);
    char x[4200], z[4200], link[4200];
    snprintf(x, sizeof x, "%s", path_in(dir, "a/b/x.txt"));
    snprintf(z, sizeof z, "%s", path_in(dir, "a/b/z.txt"));
    snprintf(link, sizeof link, "%s", path_in(dir, "a/b/link.txt"));
    const char *same[] = {x, z, x};
    assert_int_equal(yd_corpus_root(same, 3, root, sizeof root), 0);
    snprintf(want, sizeof want, "%s/a/b", real);
    assert_string_equal(root, want);
    const char *linked[] = {x, z, link};
    assert_int_equal(yd_corpus_root(linked, 3, root, sizeof root), 0);
    assert_string_equal(root, real);
    const char *none[] = {"/does/not/exist"};
    assert_int_equal(yd_corpus_root(none, 1, root, sizeof root), -1);
    rm_rf(dir);
    free(dir);

    long long ms;
    char t[40];
    yd_time_format(1763792100123LL, t, sizeof t);
    assert_int_equal(yd_time_parse(t, &ms), 0);
    assert_true(ms == 1763792100123LL);
    assert_int_equal(yd_time_parse("2026-13-01T00:00:00Z", &ms), -1);
    assert_int_equal(yd_time_parse("2026-01-02T03:04:05.678Zjunk", &ms), -1); /* nothing after Z */
}

static void test_anchor_edges(void **state)
{
    (void)state;
    yd_document doc, empty;
    /* A surrogate pair at the cut, and a NUL near the place. */
    doc_from(&doc, "/x.txt", "甲乙丙😀丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥一二三四五六七八九十");
    yd_anchor a;
    assert_int_equal(yd_anchor_capture(&a, &doc, 4, NULL), YD_OK); /* inside 😀: moved to its start */
    assert_int_equal(a.offset, 3);
    assert_string_equal(a.before, "甲乙丙");
    int32_t at;
    assert_int_equal(yd_anchor_locate(&a, &doc, NULL, &at), YD_ANCHOR_EXACT);
    assert_int_equal(at, 3);
    yd_anchor_free(&a);
    assert_int_equal(yd_anchor_capture(&a, &doc, 1000, NULL), YD_OK);
    assert_int_equal(a.offset, doc.length);
    assert_string_equal(a.after, "");
    yd_anchor_free(&a);
    doc_from(&empty, "/e.txt", "");
    assert_int_equal(yd_anchor_capture(&a, &empty, 0, NULL), YD_OK);
    assert_int_equal(a.line, 1);
    assert_int_equal(yd_anchor_locate(&a, &doc, NULL, &at), YD_ANCHOR_STALE);
    yd_anchor_free(&a);
    char *name = yd_bookmark_default_name("第一章", &doc, 0);
    assert_string_equal(name, "第一章 · 甲乙丙😀丁戊己庚辛壬癸子丑寅卯…");
    free(name);
    /* Runs of blanks (an ideographic space too) become one space; control
     * characters (U+001F, DEL) are left out. */
    yd_document spaced;
    doc_from(&spaced, "/s.txt", "甲\u3000\u3000乙\x1f丙\x7f丁 \t戊");
    name = yd_bookmark_default_name("章", &spaced, 0);
    assert_string_equal(name, "章 · 甲 乙丙丁 戊");
    free(name);
    yd_document_free(&spaced);
    yd_document_free(&doc);
    yd_document_free(&empty);
}

/* A bookmark belongs to its file: a copy elsewhere never takes it while
 * the file exists (the bookmark is NOT_OPEN, not stale, not rewritten),
 * nor does the file at the same relative path in another corpus. */
static void test_copies_never_take_a_bookmark(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    assert_int_equal(mkdir(path_in(dir, "A"), 0755), 0);
    assert_int_equal(mkdir(path_in(dir, "B"), 0755), 0);
    write_file(dir, "A/a.txt", TEXT_V1, strlen(TEXT_V1));
    write_file(dir, "B/copy.txt", TEXT_V1, strlen(TEXT_V1));
    write_file(dir, "B/a.txt", TEXT_V1, strlen(TEXT_V1)); /* same name, same text, other corpus */
    char root_a[4096], root_b[4096];
    const char *in_a[] = {path_in(dir, "A")}, *in_b[] = {path_in(dir, "B")};
    assert_int_equal(yd_corpus_root(in_a, 1, root_a, sizeof root_a), 0);
    assert_int_equal(yd_corpus_root(in_b, 1, root_b, sizeof root_b), 0);
    yd_document a, copy, same_name;
    yd_error err = {0};
    assert_int_equal(yd_document_load(&a, path_in(dir, "A/a.txt"), NULL, &err), YD_OK);
    assert_int_equal(yd_document_load(&copy, path_in(dir, "B/copy.txt"), NULL, &err), YD_OK);
    assert_int_equal(yd_document_load(&same_name, path_in(dir, "B/a.txt"), NULL, &err), YD_OK);
    yd_bookmarks bm;
    assert_int_equal(yd_bookmarks_open(&bm, path_in(dir, "store"), 0, &err), YD_OK);
    char id[YD_BOOKMARK_ID_SIZE];
    int32_t at = offset_of(&a, "书签记录");
    assert_int_equal(yd_bookmarks_add(&bm, &a, 0, at, root_a, "m", NULL, id), YD_OK);
    assert_int_equal(yd_bookmarks_save(&bm, &err), YD_OK);
    char *abs = strdup(yd_bookmarks_find(&bm, id)->abs_path);
    assert_non_null(abs);

    const yd_document *docs[] = {&copy, &same_name};
    assert_int_equal(yd_bookmarks_resolve(&bm, docs, 2, root_b, 1), 0); /* none stale */
    yd_bookmark *b = yd_bookmarks_find(&bm, id);
    assert_int_equal(b->state, YD_BM_NOT_OPEN);
    assert_int_equal(b->doc, YD_NO_DOC);
    assert_string_equal(b->abs_path, abs);
    assert_string_equal(b->path, "a.txt");
    assert_int_equal(yd_bookmarks_unsaved(&bm), 0); /* nothing to rewrite */
    assert_string_equal(yd_bookmark_state_name(b->state), "not-open");

    /* The file's path gone: now it follows the same text. */
    assert_int_equal(unlink(path_in(dir, "A/a.txt")), 0);
    assert_int_equal(yd_bookmarks_resolve(&bm, docs, 2, root_b, 0), 0);
    b = yd_bookmarks_find(&bm, id);
    assert_true(b->state == YD_BM_EXACT || b->state == YD_BM_MOVED);
    assert_true(b->doc != YD_NO_DOC);

    free(abs);
    yd_bookmarks_free(&bm);
    yd_document_free(&a);
    yd_document_free(&copy);
    yd_document_free(&same_name);
    rm_rf(dir);
    free(dir);
}

/* A file whose name is not UTF-8 (GBK names from an archive) has its path
 * stored repaired (U+FFFD), which stat cannot find: when that file is not
 * among the documents, the bookmark is not open, not stale; when it is,
 * its text still finds it. */
static void test_name_not_utf8_not_stale(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    const char *name = "\xb1\xa8\xb8\xe6.txt"; /* 报告.txt in GBK */
    write_file(dir, name, TEXT_V1, strlen(TEXT_V1));
    write_file(dir, "other.txt", "另一篇。\n", strlen("另一篇。\n"));
    yd_document doc, other;
    yd_error err = {0};
    assert_int_equal(yd_document_load(&doc, path_in(dir, name), NULL, &err), YD_OK);
    assert_int_equal(yd_document_load(&other, path_in(dir, "other.txt"), NULL, &err), YD_OK);
    yd_bookmarks bm;
    assert_int_equal(yd_bookmarks_open(&bm, path_in(dir, "store"), 0, &err), YD_OK);
    char id[YD_BOOKMARK_ID_SIZE];
    assert_int_equal(yd_bookmarks_add(&bm, &doc, 0, offset_of(&doc, "书签记录"), dir, "m", NULL, id), YD_OK);
    assert_int_equal(yd_bookmarks_save(&bm, &err), YD_OK);
    yd_bookmarks_free(&bm);
    assert_int_equal(yd_bookmarks_open(&bm, path_in(dir, "store"), 0, &err), YD_OK);
    assert_non_null(strstr(yd_bookmarks_find(&bm, id)->abs_path, "\xef\xbf\xbd"));

    const yd_document *others[] = {&other};
    assert_int_equal(yd_bookmarks_resolve(&bm, others, 1, dir, 0), 0); /* none stale */
    assert_int_equal(yd_bookmarks_find(&bm, id)->state, YD_BM_NOT_OPEN);
    assert_int_equal(yd_bookmarks_resolve(&bm, NULL, 0, dir, 0), 0);
    assert_int_equal(yd_bookmarks_find(&bm, id)->state, YD_BM_NOT_OPEN);

    const yd_document *both[] = {&other, &doc};
    assert_int_equal(yd_bookmarks_resolve(&bm, both, 2, dir, 0), 0);
    yd_bookmark *b = yd_bookmarks_find(&bm, id);
    assert_int_equal(b->doc, 1);
    assert_int_equal(b->offset, offset_of(&doc, "书签记录"));

    /* Gone for good: stale, as any other. */
    assert_int_equal(unlink(path_in(dir, name)), 0);
    assert_int_equal(yd_bookmarks_resolve(&bm, others, 1, dir, 0), 1);
    assert_int_equal(yd_bookmarks_find(&bm, id)->state, YD_BM_STALE);

    yd_bookmarks_free(&bm);
    yd_document_free(&doc);
    yd_document_free(&other);
    rm_rf(dir);
    free(dir);
}

/* Names and notes are stored as valid UTF-8 whatever was given, so the file
 * can always be written; a default name is cut only between characters. */
static void test_names_always_writable(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    const char *text = "\n第一行之前是空行。\n";
    write_file(dir, "读书笔记第一册.txt", text, strlen(text));
    yd_document doc;
    yd_error err = {0};
    assert_int_equal(yd_document_load(&doc, path_in(dir, "读书笔记第一册.txt"), NULL, &err), YD_OK);
    char *name = yd_bookmark_default_name(NULL, &doc, 0);
    assert_string_equal(name, "读书笔记第一册.txt");
    free(name);
    name = yd_bookmark_default_name("", &doc, 0);
    assert_string_equal(name, "读书笔记第一册.txt");
    free(name);

    yd_bookmarks bm;
    assert_int_equal(yd_bookmarks_open(&bm, path_in(dir, "store"), 0, &err), YD_OK);
    char id[YD_BOOKMARK_ID_SIZE], id2[YD_BOOKMARK_ID_SIZE];
    assert_int_equal(yd_bookmarks_add(&bm, &doc, 0, 0, dir, "", NULL, id), YD_OK);
    assert_string_equal(yd_bookmarks_find(&bm, id)->name, "读书笔记第一册.txt");
    /* Half a character, a lone continuation byte, an overlong form. */
    assert_int_equal(yd_bookmarks_add(&bm, &doc, 0, 1, dir, "书\xe7\xac", "a\x80" "b\xc0\xaf", id2), YD_OK);
    assert_string_equal(yd_bookmarks_find(&bm, id2)->name, "书\xef\xbf\xbd");
    assert_string_equal(yd_bookmarks_find(&bm, id2)->note, "a\xef\xbf\xbd" "b\xef\xbf\xbd\xef\xbf\xbd");
    assert_int_equal(yd_bookmarks_rename(&bm, id, "名\xff"), YD_OK);
    assert_string_equal(yd_bookmarks_find(&bm, id)->name, "名\xef\xbf\xbd");
    assert_int_equal(yd_bookmarks_save(&bm, &err), YD_OK);
    assert_int_equal(yd_bookmarks_unsaved(&bm), 0);
    yd_bookmarks_free(&bm);
    assert_int_equal(yd_bookmarks_open(&bm, path_in(dir, "store"), 0, &err), YD_OK);
    assert_int_equal(yd_bookmarks_live_count(&bm), 2);

    /* A copy written elsewhere, never over an existing file. */
    assert_int_equal(yd_bookmarks_write_copy(&bm, path_in(dir, "copy.yaml"), &err), YD_OK);
    size_t len;
    char *copy = (char *)slurp(path_in(dir, "copy.yaml"), &len);
    assert_non_null(strstr(copy, "name: \"名\xef\xbf\xbd\""));
    free(copy);
    assert_int_equal(yd_bookmarks_write_copy(&bm, path_in(dir, "copy.yaml"), &err), YD_EIO);
    assert_non_null(strstr(err.message, "exists"));
    yd_bookmarks_free(&bm);
    yd_document_free(&doc);
    rm_rf(dir);
    free(dir);
}

/* A bookmark without an id (written by hand) is given one when the store
 * is opened, and the file is rewritten with it at once, so that the id the
 * reader shows is the one on disk. */
static void test_missing_id_written_back(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    const char *yaml = "version: 1\nbookmarks:\n- name: \"by hand\"\n  path: \"/nowhere/a.txt\"\n  offset: 3\n";
    write_file(dir, "bookmarks.yaml", yaml, strlen(yaml));
    yd_bookmarks bm;
    yd_error err = {0};
    assert_int_equal(yd_bookmarks_open(&bm, dir, 0, &err), YD_OK);
    assert_int_equal(bm.count, 1);
    char path[4200];
    snprintf(path, sizeof path, "%s/bookmarks.yaml", dir);
    size_t length;
    char *text = (char *)slurp(path, &length);
    assert_non_null(text);
    char want[64];
    snprintf(want, sizeof want, "id: %s", bm.items[0].id);
    if (!strstr(text, want) || !strstr(text, "by hand"))
        fail_msg("not written back with its new id %s:\n%s", bm.items[0].id, text);
    free(text);
    yd_bookmarks_free(&bm);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_missing_id_written_back),
        cmocka_unit_test(test_edit_delete_undo_and_list),
        cmocka_unit_test(test_reanchor_after_edit),
        cmocka_unit_test(test_reanchor_after_move),
        cmocka_unit_test(test_copies_never_take_a_bookmark),
        cmocka_unit_test(test_names_always_writable),
        cmocka_unit_test(test_name_not_utf8_not_stale),
        cmocka_unit_test(test_corrupt_file_moved_aside),
        cmocka_unit_test(test_two_writers_at_once),
        cmocka_unit_test(test_save_waits_for_lock),
        cmocka_unit_test(test_sigkill_during_saves),
        cmocka_unit_test(test_full_disk),
        cmocka_unit_test(test_full_disk_keeps_old_file),
        cmocka_unit_test(test_full_disk_tmpfs),
        cmocka_unit_test(test_read_only_folder),
        cmocka_unit_test(test_symlinks_not_followed),
        cmocka_unit_test(test_default_dir_and_root),
        cmocka_unit_test(test_anchor_edges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
