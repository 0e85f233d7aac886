/* Files that change while open: noticed by their stamp, read again, the
 * place followed by its anchor; deleted and unreadable files keep the copy. */
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_util.h"
#include "yuedu/reload.h"

#define PARAGRAPHS "第一段，开头的话。\n第二段，我们正在读的这一段文字很长。\n第三段，结尾。\n"

typedef struct fixture_dir {
    char *dir;
    char path[4200];
    yd_document doc;
} fixture_dir;

/* Write text as doc.txt in a fresh folder and load it. */
static void open_fixture(fixture_dir *f, const char *text)
{
    f->dir = make_temp_dir();
    assert_int_equal(chmod(f->dir, 0755), 0);
    write_file(f->dir, "doc.txt", text, strlen(text));
    snprintf(f->path, sizeof f->path, "%s/doc.txt", f->dir);
    yd_error err = {0};
    assert_int_equal(yd_document_load(&f->doc, f->path, NULL, &err), YD_OK);
}

static void close_fixture(fixture_dir *f)
{
    yd_document_free(&f->doc);
    rm_rf(f->dir);
    free(f->dir);
}

/* Give the file a modification time of its own: a rewrite within the
 * same clock tick must not depend on the file system's time granularity. */
static void set_mtime(const char *path, time_t sec)
{
    struct timespec t[2] = {{sec, 0}, {sec, 0}};
    assert_int_equal(utimensat(AT_FDCWD, path, t, 0), 0);
}

/* Offset of the first occurrence of utf8 in doc, or -1. */
static int32_t find(const yd_document *doc, const char *utf8) { return find_utf8(doc->text, doc->length, utf8); }

static yd_reload_result check(fixture_dir *f, int32_t offset, yd_document *fresh, int32_t *at,
                              yd_anchor_match *match, yd_error *err)
{
    return yd_reload_check(&f->doc, NULL, offset, fresh, at, match, err);
}

/* Adopt the fresh text as the reader does. */
static void adopt(fixture_dir *f, yd_document *fresh)
{
    yd_document_free(&f->doc);
    f->doc = *fresh;
}

static void test_unchanged_and_touched(void **state)
{
    (void)state;
    fixture_dir f;
    open_fixture(&f, PARAGRAPHS);
    assert_true(f.doc.stamp.ino != 0 && f.doc.stamp.size == (int64_t)strlen(PARAGRAPHS));
    yd_document fresh;
    int32_t at;
    yd_anchor_match m;
    yd_error err = {0};
    assert_int_equal(check(&f, 12, &fresh, &at, &m, &err), YD_RELOAD_NONE);
    assert_int_equal(at, 12);
    assert_null(fresh.text);
    /* touched: the same text, nothing to reload; the new stamp is kept */
    set_mtime(f.path, 1000000000);
    assert_int_equal(check(&f, 12, &fresh, &at, &m, &err), YD_RELOAD_NONE);
    assert_null(fresh.text);
    assert_true(f.doc.stamp.mtime_ns == 1000000000LL * 1000000000LL);
    assert_int_equal(check(&f, 12, &fresh, &at, &m, &err), YD_RELOAD_NONE);
    close_fixture(&f);
}

static void test_rewritten_keeps_the_place(void **state)
{
    (void)state;
    fixture_dir f;
    open_fixture(&f, PARAGRAPHS);
    int32_t place = find(&f.doc, "我们正在读");
    assert_true(place > 0);
    /* lines inserted before the place, the same size as nothing else */
    const char *longer = "新加的一行。\n又一行。\n" PARAGRAPHS;
    write_file(f.dir, "doc.txt", longer, strlen(longer));
    yd_document fresh;
    int32_t at;
    yd_anchor_match m;
    yd_error err = {0};
    assert_int_equal(check(&f, place, &fresh, &at, &m, &err), YD_RELOAD_NEW_TEXT);
    assert_int_equal(m, YD_ANCHOR_REANCHORED);
    assert_int_equal(at, find(&fresh, "我们正在读"));
    assert_int_equal(fresh.line_count, 5);
    assert_string_equal(fresh.path, f.path);
    adopt(&f, &fresh);
    /* read again: nothing new */
    assert_int_equal(check(&f, at, &fresh, &at, &m, &err), YD_RELOAD_NONE);

    /* shorter: the lines before the place removed, and the same size
     * rewrite with another time */
    const char *shorter = "第二段，我们正在读的这一段文字很长。\n第三段，结尾。\n";
    write_file(f.dir, "doc.txt", shorter, strlen(shorter));
    int32_t place2 = find(&f.doc, "我们正在读");
    assert_int_equal(check(&f, place2, &fresh, &at, &m, &err), YD_RELOAD_NEW_TEXT);
    assert_int_equal(at, find(&fresh, "我们正在读"));
    adopt(&f, &fresh);
    char same_size[256];
    snprintf(same_size, sizeof same_size, "%s", shorter);
    memcpy(same_size + strlen(same_size) - strlen("结尾。\n"), "完了。\n", strlen("完了。\n"));
    write_file(f.dir, "doc.txt", same_size, strlen(same_size));
    set_mtime(f.path, 1500000000);
    assert_int_equal(check(&f, 0, &fresh, &at, &m, &err), YD_RELOAD_NEW_TEXT);
    assert_true(find(&fresh, "完了") > 0);
    adopt(&f, &fresh);
    close_fixture(&f);
}

static void test_truncated_and_replaced(void **state)
{
    (void)state;
    fixture_dir f;
    open_fixture(&f, PARAGRAPHS);
    int32_t place = find(&f.doc, "第三段");
    yd_document fresh;
    int32_t at;
    yd_anchor_match m;
    yd_error err = {0};
    assert_int_equal(truncate(f.path, 0), 0);
    assert_int_equal(check(&f, place, &fresh, &at, &m, &err), YD_RELOAD_NEW_TEXT);
    assert_int_equal(m, YD_ANCHOR_STALE);
    assert_int_equal(fresh.length, 0);
    assert_int_equal(at, 0); /* clamped to the empty text */
    adopt(&f, &fresh);

    /* an editor's save: a new file renamed over the old one */
    write_file(f.dir, "doc.tmp", PARAGRAPHS, strlen(PARAGRAPHS));
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s/doc.tmp", f.dir);
    assert_int_equal(rename(tmp, f.path), 0);
    assert_int_equal(check(&f, 0, &fresh, &at, &m, &err), YD_RELOAD_NEW_TEXT);
    assert_true(find(&fresh, "第三段") > 0);
    adopt(&f, &fresh);
    /* the same text under another inode: nothing to reload */
    write_file(f.dir, "doc.tmp", PARAGRAPHS, strlen(PARAGRAPHS));
    assert_int_equal(rename(tmp, f.path), 0);
    assert_int_equal(check(&f, 0, &fresh, &at, &m, &err), YD_RELOAD_NONE);
    close_fixture(&f);
}

static void test_deleted_keeps_the_copy(void **state)
{
    (void)state;
    fixture_dir f;
    open_fixture(&f, PARAGRAPHS);
    yd_document fresh;
    int32_t at;
    yd_anchor_match m;
    yd_error err = {0};
    assert_int_equal(unlink(f.path), 0);
    assert_int_equal(check(&f, 5, &fresh, &at, &m, &err), YD_RELOAD_GONE);
    assert_int_equal(check(&f, 5, &fresh, &at, &m, &err), YD_RELOAD_GONE);
    assert_null(fresh.text);
    assert_true(find(&f.doc, "第二段") > 0); /* the copy in memory is intact */
    /* put back with other text: read again */
    write_file(f.dir, "doc.txt", "回来了。\n", strlen("回来了。\n"));
    assert_int_equal(check(&f, 5, &fresh, &at, &m, &err), YD_RELOAD_NEW_TEXT);
    adopt(&f, &fresh);
    /* its folder gone */
    char moved[4200];
    snprintf(moved, sizeof moved, "%s.moved", f.dir);
    assert_int_equal(rename(f.dir, moved), 0);
    assert_int_equal(check(&f, 0, &fresh, &at, &m, &err), YD_RELOAD_GONE);
    assert_int_equal(rename(moved, f.dir), 0);
    /* a folder in its place */
    assert_int_equal(unlink(f.path), 0);
    assert_int_equal(mkdir(f.path, 0755), 0);
    assert_int_equal(check(&f, 0, &fresh, &at, &m, &err), YD_RELOAD_FAILED);
    assert_non_null(strstr(err.message, "directory"));
    assert_int_equal(check(&f, 0, &fresh, &at, &m, &err), YD_RELOAD_NONE); /* said once */
    assert_int_equal(rmdir(f.path), 0);
    close_fixture(&f);
}

/* Root reads anything, so the unreadable case runs in a child that drops to
 * nobody when started as root; the file is given to nobody, who makes it
 * unreadable after reading it. */
static void test_unreadable_keeps_the_copy(void **state)
{
    (void)state;
    fixture_dir f;
    open_fixture(&f, PARAGRAPHS);
    if (geteuid() == 0)
        assert_int_equal(chown(f.path, 65534, 65534), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
            _exit(3);
        yd_document doc;
        yd_error err = {0};
        if (yd_document_load(&doc, f.path, NULL, &err) != YD_OK || chmod(f.path, 0) != 0)
            _exit(4);
        yd_document fresh;
        int32_t at;
        yd_anchor_match m;
        yd_reload_result r = yd_reload_check(&doc, NULL, 3, &fresh, &at, &m, &err);
        int ok = r == YD_RELOAD_FAILED && strstr(err.message, "Permission denied") != NULL &&
                 doc.length > 0 && fresh.text == NULL;
        /* told once: the next check finds the stamp it saw */
        ok = ok && yd_reload_check(&doc, NULL, 3, &fresh, &at, &m, &err) == YD_RELOAD_NONE;
        if (!ok)
            fprintf(stderr, "result %d: %s\n", (int)r, err.message);
        yd_document_free(&doc);
        _exit(ok ? 0 : 1);
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    close_fixture(&f);
}

static void test_follow(void **state)
{
    (void)state;
    yd_document old, fresh;
    yd_error err = {0};
    const char *a = PARAGRAPHS, *b = "插入。\n" PARAGRAPHS;
    assert_int_equal(yd_document_from_bytes(&old, "x", (const unsigned char *)a, strlen(a), NULL, &err), YD_OK);
    assert_int_equal(yd_document_from_bytes(&fresh, "x", (const unsigned char *)b, strlen(b), NULL, &err), YD_OK);
    int32_t at;
    int32_t place = find(&old, "第三段");
    assert_int_equal(yd_reload_follow(&old, place, &fresh, &at), YD_ANCHOR_REANCHORED);
    assert_int_equal(at, find(&fresh, "第三段"));
    assert_int_equal(yd_reload_follow(&old, place, &old, &at), YD_ANCHOR_EXACT);
    assert_int_equal(at, place);
    yd_document_free(&old);
    yd_document_free(&fresh);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unchanged_and_touched),
        cmocka_unit_test(test_rewritten_keeps_the_place),
        cmocka_unit_test(test_truncated_and_replaced),
        cmocka_unit_test(test_deleted_keeps_the_copy),
        cmocka_unit_test(test_unreadable_keeps_the_copy),
        cmocka_unit_test(test_follow),
    };
    return cmocka_run_group_tests_name("reload", tests, NULL, NULL);
}
