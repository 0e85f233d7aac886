/* Walking folders into a corpus: order, filters, loops, bad files. */
#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_util.h"
#include "yuedu/corpus.h"
#include "yuedu/natural_order.h"

typedef struct diags {
    char text[8192];
    int count;
} diags;

static void collect_diag(void *context, const char *path, const char *message)
{
    diags *d = context;
    const char *base = strrchr(path, '/');
    size_t used = strlen(d->text);
    snprintf(d->text + used, sizeof d->text - used, "%s: %s\n", base ? base + 1 : path, message);
    d->count++;
}

static void make_dir(const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    assert_int_equal(mkdir(path, 0755), 0);
}

static void make_link(const char *dir, const char *name, const char *target)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    assert_int_equal(symlink(target, path), 0);
}

static const char *base_of(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

static void test_walk_order_and_filters(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    write_file(dir, "10.txt", "十", 3);
    write_file(dir, "2.txt", "二", 3);
    write_file(dir, "1.md", "# 一", 5);
    write_file(dir, "notes", "无扩展名", 12);
    write_file(dir, "photo.jpg", "x", 1);
    write_file(dir, "UPPER.TXT", "upper", 5);
    write_file(dir, "page.markdown", "m", 1);
    write_file(dir, ".hidden.txt", "h", 1);
    make_dir(dir, ".git");
    write_file(dir, ".git/HEAD.txt", "h", 1);
    make_dir(dir, "sub");
    write_file(dir, "sub/3.txt", "三", 3);
    make_dir(dir, "sub9");
    write_file(dir, "sub9/a.txt", "a", 1);

    yd_path_list list;
    diags d = {{0}, 0};
    const char *args[] = {dir};
    assert_int_equal(yd_corpus_collect(args, 1, &list, collect_diag, &d), YD_OK);
    /* Natural order compares bytes: upper-case letters sort before lower. */
    const char *want_sorted[] = {"1.md", "2.txt", "10.txt", "UPPER.TXT", "notes", "page.markdown", "3.txt", "a.txt"};
    assert_int_equal(list.count, 8);
    for (size_t k = 0; k < list.count; k++)
        assert_string_equal(base_of(list.paths[k]), want_sorted[k]);
    assert_int_equal(d.count, 0);
    yd_path_list_free(&list);
    rm_rf(dir);
    free(dir);
}

static void test_symlink_loops_and_duplicates(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    make_dir(dir, "a");
    write_file(dir, "a/doc.txt", "文", 3);
    make_link(dir, "a/loop", "..");     /* back to the root: a loop */
    make_link(dir, "a/self", ".");      /* to itself */
    make_link(dir, "b", "a");           /* a second way into a */
    make_link(dir, "same.txt", "a/doc.txt");
    make_link(dir, "dangling.txt", "nowhere.txt");

    yd_path_list list;
    diags d = {{0}, 0};
    const char *args[] = {dir};
    assert_int_equal(yd_corpus_collect(args, 1, &list, collect_diag, &d), YD_OK);
    assert_int_equal(list.count, 1); /* doc.txt once, whatever the links */
    assert_string_equal(base_of(list.paths[0]), "doc.txt");
    assert_non_null(strstr(d.text, "loop: skipped: directory already read"));
    assert_non_null(strstr(d.text, "dangling.txt: cannot open: No such file or directory"));
    yd_path_list_free(&list);
    rm_rf(dir);
    free(dir);
}

/* Hard links to one file in a folder, one listed only by name: the file is
 * taken once, by its first name in order. A pipe is passed over in
 * silence, as any entry that is not a file or a folder. */
static void test_hard_links_and_pipes(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    write_file(dir, "b.txt", "乙", 3);
    write_file(dir, "c.txt", "丙", 3);
    char from[4200], to[4200];
    snprintf(from, sizeof from, "%s/b.txt", dir);
    snprintf(to, sizeof to, "%s/a.txt", dir);
    assert_int_equal(link(from, to), 0);
    snprintf(to, sizeof to, "%s/d.txt", dir);
    assert_int_equal(link(from, to), 0);
    snprintf(to, sizeof to, "%s/pipe.txt", dir);
    assert_int_equal(mkfifo(to, 0644), 0);
    yd_path_list list;
    diags d = {{0}, 0};
    const char *args[] = {dir};
    assert_int_equal(yd_corpus_collect(args, 1, &list, collect_diag, &d), YD_OK);
    assert_int_equal(list.count, 2);
    assert_string_equal(base_of(list.paths[0]), "a.txt");
    assert_string_equal(base_of(list.paths[1]), "c.txt");
    assert_int_equal(d.count, 0);
    yd_path_list_free(&list);
    rm_rf(dir);
    free(dir);
}

/* Many names in one folder, random pieces where the natural order could
 * go wrong (numbers long and short, leading zeros, the same first eight
 * bytes, equal numbers written differently): the walk lists them in the
 * order of yd_natural_compare. */
static int by_natural_compare(const void *a, const void *b)
{
    return yd_natural_compare(*(char *const *)a, *(char *const *)b);
}

static void test_walk_order_of_many_names(void **state)
{
    (void)state;
    static const char *pieces[] = {"0", "00", "1", "9", "10", "007", "12345678", "123456789", "0000000001",
                                   "99999999999999999999", "a", "b", "Z", "-", " ", ":", "_", "chapter",
                                   "\xe7\xac\xac", "\xe7\xab\xa0", "."};
    size_t npieces = sizeof pieces / sizeof pieces[0];
    enum { NAMES = 600 };
    char *dir = make_temp_dir();
    char *names[NAMES];
    size_t count = 0;
    unsigned seed = test_seed();
    for (size_t n = 0; n < NAMES; n++) {
        char name[128] = "";
        size_t parts = 1 + (seed = seed * 1103515245u + 12345u) / 65536 % 6;
        for (size_t p = 0; p < parts; p++)
            strcat(name, pieces[(seed = seed * 1103515245u + 12345u) / 65536 % npieces]);
        strcat(name, ".txt");
        char path[4200];
        snprintf(path, sizeof path, "%s/%s", dir, name);
        if (name[0] == '.' || access(path, F_OK) == 0)
            continue; /* hidden, or drawn twice */
        write_file(dir, name, "文", 3);
        names[count++] = strdup(name);
        assert_non_null(names[count - 1]);
    }
    qsort(names, count, sizeof *names, by_natural_compare);
    yd_path_list list;
    const char *args[] = {dir};
    assert_int_equal(yd_corpus_collect(args, 1, &list, NULL, NULL), YD_OK);
    assert_int_equal(list.count, count);
    for (size_t k = 0; k < count; k++) {
        assert_string_equal(base_of(list.paths[k]), names[k]);
        free(names[k]);
    }
    yd_path_list_free(&list);
    rm_rf(dir);
    free(dir);
}

/* Stops once something was said. */
static int stop_after_a_message(void *context) { return ((diags *)context)->count > 0; }

/* A walk asked to stop ends at once, with nothing in its list; asked
 * never, it is the whole walk. */
static void test_walk_stopped(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    make_dir(dir, "a");
    make_link(dir, "a/dangling.txt", "nowhere.txt");
    make_dir(dir, "b");
    write_file(dir, "b/1.txt", "一", 3);
    write_file(dir, "b/2.txt", "二", 3);
    yd_path_list list;
    diags d = {{0}, 0};
    const char *args[] = {dir};
    assert_int_equal(yd_corpus_collect_until(args, 1, &list, collect_diag, stop_after_a_message, &d), YD_ECANCELED);
    assert_int_equal(list.count, 0);
    assert_null(list.paths);
    assert_int_equal(d.count, 1); /* the walk went no further than the message */
    assert_string_equal(d.text, "dangling.txt: cannot open: No such file or directory\n");
    d = (diags){{0}, 0};
    assert_int_equal(yd_corpus_collect_until(args, 1, &list, NULL, stop_after_a_message, &d), YD_OK);
    assert_int_equal(list.count, 2);
    yd_path_list_free(&list);
    rm_rf(dir);
    free(dir);
}

/* The root the walk finds as it takes files is yd_corpus_root of its
 * list: every folder of plain files, a link's target's folder, a file
 * named by itself. */
static void expect_walk_root(const char *const *args, size_t nargs, const char *want)
{
    yd_path_list list;
    assert_int_equal(yd_corpus_collect(args, nargs, &list, NULL, NULL), YD_OK);
    char root[PATH_MAX];
    assert_int_equal(yd_corpus_root((const char *const *)list.paths, list.count, root, sizeof root), 0);
    assert_non_null(list.root);
    assert_string_equal(list.root, root);
    assert_string_equal(list.root, want);
    yd_path_list_free(&list);
}

static void test_walk_finds_the_root(void **state)
{
    (void)state;
    char *top = make_temp_dir();
    make_dir(top, "corpus");
    make_dir(top, "corpus/a");
    make_dir(top, "corpus/a/deep");
    make_dir(top, "elsewhere");
    make_dir(top, "elsewhere/x");
    write_file(top, "corpus/a/deep/1.txt", "一", 3);
    write_file(top, "corpus/a/deep/2.txt", "二", 3);
    write_file(top, "elsewhere/x/far.txt", "远", 3);
    char real_top[PATH_MAX], path[PATH_MAX + 64], want[PATH_MAX + 64];
    assert_non_null(realpath(top, real_top));

    /* plain files in one folder, reached through the folders above it */
    snprintf(path, sizeof path, "%s/corpus", top);
    const char *corpus[] = {path};
    snprintf(want, sizeof want, "%s/corpus/a/deep", real_top);
    expect_walk_root(corpus, 1, want);

    /* a link to a file elsewhere: the root holds its target too */
    make_link(top, "corpus/a/far.txt", "../../elsewhere/x/far.txt");
    expect_walk_root(corpus, 1, real_top);

    /* a file named by itself, beside a folder */
    char named[PATH_MAX + 64], folder[PATH_MAX + 64];
    snprintf(named, sizeof named, "%s/elsewhere/x/far.txt", top);
    snprintf(folder, sizeof folder, "%s/corpus/a/deep", top);
    const char *both[] = {folder, named};
    expect_walk_root(both, 2, real_top);

    /* none found: an empty root */
    snprintf(path, sizeof path, "%s/no-such-folder", top);
    const char *none[] = {path};
    yd_path_list list;
    assert_int_equal(yd_corpus_collect(none, 1, &list, NULL, NULL), YD_OK);
    assert_int_equal(list.count, 0);
    assert_string_equal(list.root, "");
    yd_path_list_free(&list);
    rm_rf(top);
    free(top);
}

static void test_load_skips_bad_files_keeps_the_rest(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    write_file(dir, "1-good.txt", "第一章 总则\n正文。\n", 26);
    write_file(dir, "2-binary", "\x89PNG\r\n\x1a\n\0\0\0\0IHDR\0\0", 16);
    write_file(dir, "3-empty.txt", "", 0);
    write_file(dir, "4-good.txt", "好", 3);

    yd_corpus c;
    diags d = {{0}, 0};
    const char *args[] = {dir, "/no/such/path"};
    assert_int_equal(yd_corpus_load(&c, args, 2, NULL, collect_diag, &d), YD_OK);
    assert_int_equal(c.count, 3);
    assert_string_equal(base_of(c.docs[0].path), "1-good.txt");
    assert_int_equal(c.docs[0].line_count, 2);
    assert_string_equal(base_of(c.docs[1].path), "3-empty.txt");
    assert_int_equal(c.docs[1].length, 0);
    assert_string_equal(base_of(c.docs[2].path), "4-good.txt");
    assert_non_null(strstr(d.text, "2-binary: skipped: binary file\n"));
    assert_non_null(strstr(d.text, "path: cannot open: No such file or directory\n"));
    assert_int_equal(d.count, 2);
    yd_corpus_free(&c);
    rm_rf(dir);
    free(dir);
}

/* Run check(dir) in a child that drops to nobody when started as root
 * (root reads anything); its exit status is 0 when the check held. */
static void as_nobody(int (*check)(const char *dir), const char *dir)
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
            _exit(3);
        _exit(check(dir));
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
}

static int unreadable_file_said(const char *dir)
{
    yd_corpus c;
    diags d = {{0}, 0};
    const char *args[] = {dir};
    if (yd_corpus_load(&c, args, 1, NULL, collect_diag, &d) != YD_OK)
        return 4;
    int ok = c.count == 1 && strstr(d.text, "locked.txt: cannot open: Permission denied\n") != NULL;
    if (!ok)
        fprintf(stderr, "count=%zu diags=%s", c.count, d.text);
    yd_corpus_free(&c);
    return ok ? 0 : 1;
}

/* An unreadable file is reported and the rest loads. */
static void test_unreadable_file(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    assert_int_equal(chmod(dir, 0755), 0);
    write_file(dir, "locked.txt", "秘密", 6);
    write_file(dir, "open.txt", "公开", 6);
    char locked[4200];
    snprintf(locked, sizeof locked, "%s/locked.txt", dir);
    assert_int_equal(chmod(locked, 0), 0);
    as_nobody(unreadable_file_said, dir);
    rm_rf(dir);
    free(dir);
}

static int every_entry_said(const char *dir)
{
    yd_path_list list;
    diags d = {{0}, 0};
    const char *args[] = {dir};
    if (yd_corpus_collect(args, 1, &list, collect_diag, &d) != YD_OK)
        return 4;
    int ok = list.count == 0 && d.count == 2 &&
             strcmp(d.text, "a.txt: cannot open: Permission denied\nphoto.jpg: cannot open: Permission denied\n") == 0;
    if (!ok)
        fprintf(stderr, "count=%zu diags=%s", list.count, d.text);
    yd_path_list_free(&list);
    return ok ? 0 : 1;
}

/* A folder that can be listed but not searched (read, no execute): no
 * entry can be looked at, each is said, whatever its name, and nothing is
 * taken on the listing's word. */
static void test_folder_listed_not_searched(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    assert_int_equal(chmod(dir, 0755), 0);
    make_dir(dir, "shut");
    write_file(dir, "shut/a.txt", "甲", 3);
    write_file(dir, "shut/photo.jpg", "x", 1);
    char shut[4200];
    snprintf(shut, sizeof shut, "%s/shut", dir);
    assert_int_equal(chmod(shut, 0444), 0);
    as_nobody(every_entry_said, dir);
    assert_int_equal(chmod(shut, 0755), 0);
    rm_rf(dir);
    free(dir);
}

/* levels folders, each inside the one before, named name, with doc.txt in
 * the top one and each of them. Made with *at calls, so that the paths may
 * grow past PATH_MAX. */
static void make_nested(const char *top, const char *name, int levels)
{
    int fd = open(top, O_RDONLY | O_DIRECTORY);
    assert_true(fd >= 0);
    for (int k = 0; k <= levels; k++) {
        int f = openat(fd, "doc.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
        assert_true(f >= 0);
        assert_int_equal(write(f, "深\n", 4), 4);
        close(f);
        if (k == levels)
            break;
        assert_int_equal(mkdirat(fd, name, 0755), 0);
        int sub = openat(fd, name, O_RDONLY | O_DIRECTORY);
        assert_true(sub >= 0);
        close(fd);
        fd = sub;
    }
    close(fd);
}

/* A tree deeper than YD_CORPUS_MAX_DEPTH: every level down to the limit is
 * read, the rest left out with one message; no stack runs out. */
static void test_deep_tree(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    make_nested(dir, "d", YD_CORPUS_MAX_DEPTH + 50);
    yd_path_list list;
    diags d = {{0}, 0};
    const char *args[] = {dir};
    assert_int_equal(yd_corpus_collect(args, 1, &list, collect_diag, &d), YD_OK);
    assert_int_equal(list.count, YD_CORPUS_MAX_DEPTH);
    assert_int_equal(d.count, 1);
    assert_string_equal(d.text, "d: skipped: folders nested more than 256 deep\n");
    yd_path_list_free(&list);
    rm_rf(dir);
    free(dir);
}

/* Paths longer than PATH_MAX: whatever is shorter is read, the first path
 * too long is named once, nothing is cut short. */
static void test_path_longer_than_path_max(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    char name[201];
    memset(name, 'n', 200);
    name[200] = 0;
    make_nested(dir, name, 30); /* 30 x 201 bytes */
    yd_path_list list;
    diags d = {{0}, 0};
    const char *args[] = {dir};
    assert_int_equal(yd_corpus_collect(args, 1, &list, collect_diag, &d), YD_OK);
    assert_true(list.count > 10);
    for (size_t k = 0; k < list.count; k++) {
        assert_true(strlen(list.paths[k]) < PATH_MAX);
        assert_string_equal(base_of(list.paths[k]), "doc.txt");
    }
    assert_int_equal(d.count, 1);
    assert_non_null(strstr(d.text, ": skipped: path longer than PATH_MAX (4096 bytes)\n"));
    /* the files found all load */
    yd_corpus c;
    assert_int_equal(yd_corpus_load(&c, args, 1, NULL, collect_diag, &d), YD_OK);
    assert_int_equal(c.count, list.count);
    yd_corpus_free(&c);
    yd_path_list_free(&list);
    rm_rf(dir);
    free(dir);
}

static void test_explicit_file_any_extension(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    write_file(dir, "speech.log", "讲话", 6);
    char path[4200];
    snprintf(path, sizeof path, "%s/speech.log", dir);
    yd_path_list list;
    const char *args[] = {path, path};
    assert_int_equal(yd_corpus_collect(args, 2, &list, NULL, NULL), YD_OK);
    assert_int_equal(list.count, 1); /* named twice, read once */
    assert_string_equal(list.paths[0], path);
    yd_path_list_free(&list);
    assert_true(yd_corpus_name_is_document("a.txt"));
    assert_true(yd_corpus_name_is_document("README"));
    assert_true(yd_corpus_name_is_document("b.Markdown"));
    assert_false(yd_corpus_name_is_document("c.pdf"));
    assert_false(yd_corpus_name_is_document("archive.tar.gz"));
    rm_rf(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_walk_order_and_filters),
        cmocka_unit_test(test_symlink_loops_and_duplicates),
        cmocka_unit_test(test_hard_links_and_pipes),
        cmocka_unit_test(test_walk_stopped),
        cmocka_unit_test(test_walk_finds_the_root),
        cmocka_unit_test(test_walk_order_of_many_names),
        cmocka_unit_test(test_folder_listed_not_searched),
        cmocka_unit_test(test_load_skips_bad_files_keeps_the_rest),
        cmocka_unit_test(test_unreadable_file),
        cmocka_unit_test(test_explicit_file_any_extension),
        cmocka_unit_test(test_deep_tree),
        cmocka_unit_test(test_path_longer_than_path_max),
    };
    return cmocka_run_group_tests_name("corpus", tests, NULL, NULL);
}
