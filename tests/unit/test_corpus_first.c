/* The first document without the walk: for every tree here it is the
 * first path yd_corpus_collect lists (or none when it lists none). */
#include <sys/stat.h>
#include <unistd.h>

#include "test_util.h"
#include "yuedu/corpus.h"

static void make_dir(const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    assert_int_equal(mkdir(path, 0755), 0);
}

/* yd_corpus_first agrees with the walk on args. */
static void same_as_walk(const char *const *args, size_t nargs)
{
    yd_path_list list;
    assert_int_equal(yd_corpus_collect(args, nargs, &list, NULL, NULL), YD_OK);
    char first[4096];
    int got = yd_corpus_first(args, nargs, first, sizeof first);
    if (list.count == 0) {
        assert_int_equal(got, -1);
    } else {
        assert_int_equal(got, 0);
        assert_string_equal(first, list.paths[0]);
    }
    yd_path_list_free(&list);
}

static void test_natural_order_and_filters(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    const char *args[] = {dir};
    same_as_walk(args, 1); /* empty: none */
    write_file(dir, "photo.jpg", "x", 1);
    write_file(dir, ".hidden.txt", "h", 1);
    same_as_walk(args, 1); /* still none: not documents */
    write_file(dir, "10.txt", "十", 3);
    same_as_walk(args, 1);
    write_file(dir, "2.txt", "二", 3);
    same_as_walk(args, 1); /* 2 before 10 */
    write_file(dir, "1-notes", "无扩展名", 12);
    same_as_walk(args, 1); /* no extension is a document */
    write_file(dir, "0.jpg", "x", 1);
    same_as_walk(args, 1); /* the least name is no document: the next */
    char link[4096];
    snprintf(link, sizeof link, "%s/0-link.jpg", dir);
    assert_int_equal(symlink("2.txt", link), 0);
    same_as_walk(args, 1); /* a link is taken by its own name, as the walk takes it */
    rm_rf(dir);
    free(dir);
}

static void test_folders_on_the_way(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    const char *args[] = {dir};
    write_file(dir, "b.txt", "b", 1);
    make_dir(dir, "a-empty");
    make_dir(dir, "a-empty/inner");
    same_as_walk(args, 1); /* folders with no document are passed over */
    make_dir(dir, "a0");
    write_file(dir, "a0/x.md", "# x", 3);
    same_as_walk(args, 1); /* a folder before the file: its document */
    char link[4096];
    snprintf(link, sizeof link, "%s/0-loop", dir);
    assert_int_equal(symlink(".", link), 0);
    same_as_walk(args, 1); /* the walk reads the loop once, first */
    rm_rf(dir);
    free(dir);
}

static void test_named_files(void **state)
{
    (void)state;
    char *dir = make_temp_dir();
    write_file(dir, "a.txt", "a", 1);
    write_file(dir, "data.bin", "z", 1);
    char named[4096], missing[4096];
    snprintf(named, sizeof named, "%s/data.bin", dir);
    snprintf(missing, sizeof missing, "%s/nothing.txt", dir);
    const char *args[] = {missing, named, dir};
    same_as_walk(args, 3); /* a missing path is passed over; a file named is read whatever its name */
    same_as_walk(args + 2, 1);
    rm_rf(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_natural_order_and_filters),
        cmocka_unit_test(test_folders_on_the_way),
        cmocka_unit_test(test_named_files),
    };
    return cmocka_run_group_tests_name("corpus_first", tests, NULL, NULL);
}
