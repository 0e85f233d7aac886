/* The fold tables' copy on disk: written by the first build, read by the
 * next, equal to tables built from ICU; a damaged, truncated or foreign
 * copy ignored and replaced; no folder to write in is no error. */
#include "test_util.h"
#include "yuedu/fold_cache.h"

#include <sys/stat.h>

static yd_fold *built;

static int setup(void **state)
{
    (void)state;
    yd_error err = {0};
    return yd_fold_new(&built, NULL, &err) == YD_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    yd_fold_free(built);
    return 0;
}

static void assert_same_tables(const yd_fold *f)
{
    for (unsigned t = 0; t < YD_FOLD_TABLES; t++)
        assert_memory_equal(yd_fold_table(f, t), yd_fold_table(built, t), 65536 * sizeof(UChar));
}

/* yd_fold_new_cached in dir: the tables (checked) and whether the copy was used. */
static int load(const char *dir)
{
    yd_fold *f;
    int used = -1;
    yd_error err = {0};
    assert_int_equal(yd_fold_new_cached(&f, dir, &used, &err), YD_OK);
    assert_same_tables(f);
    yd_fold_free(f);
    return used;
}

static char *temp_dir(void)
{
    static char dir[64];
    snprintf(dir, sizeof dir, "/tmp/yuedu-fold-cache.XXXXXX");
    assert_non_null(mkdtemp(dir));
    return dir;
}

static void rewrite(const char *path, long at, int byte, long truncate_to)
{
    FILE *f = fopen(path, "r+b");
    assert_non_null(f);
    if (at >= 0) {
        fseek(f, at, SEEK_SET);
        int c = fgetc(f);
        fseek(f, at, SEEK_SET);
        fputc(byte >= 0 ? byte : c ^ 0x01, f);
    }
    fclose(f);
    if (truncate_to >= 0)
        assert_int_equal(truncate(path, truncate_to), 0);
}

static void test_written_then_read(void **state)
{
    (void)state;
    char *dir = temp_dir();
    char sub[128], path[160];
    /* A folder that does not exist yet is made. */
    snprintf(sub, sizeof sub, "%s/yuedu", dir);
    snprintf(path, sizeof path, "%s/fold-tables", sub);
    assert_int_equal(load(sub), 0);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    assert_int_equal(load(sub), 1);
    assert_int_equal(load(sub), 1);

    /* One bit changed in the middle of the entries: ignored, rebuilt. */
    rewrite(path, (long)st.st_size / 2, -1, -1);
    assert_int_equal(load(sub), 0);
    assert_int_equal(load(sub), 1);
    /* Torn. */
    rewrite(path, -1, -1, (long)st.st_size - 100);
    assert_int_equal(load(sub), 0);
    assert_int_equal(load(sub), 1);
    /* Another program's copy: the key (in the header) differs. */
    rewrite(path, 14, 'x', -1);
    assert_int_equal(load(sub), 0);
    assert_int_equal(load(sub), 1);
    /* Not a file at all. */
    assert_int_equal(unlink(path), 0);
    assert_int_equal(mkdir(path, 0700), 0);
    assert_int_equal(load(sub), 0);
    assert_int_equal(rmdir(path), 0);
    assert_int_equal(load(sub), 0);
    assert_int_equal(load(sub), 1);
    assert_int_equal(unlink(path), 0);
    assert_int_equal(rmdir(sub), 0);
    assert_int_equal(rmdir(dir), 0);
}

static void test_no_folder_to_write(void **state)
{
    (void)state;
    assert_int_equal(load("/proc/yuedu-no-such/cache"), 0);
    assert_int_equal(load("/proc/yuedu-no-such/cache"), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_written_then_read),
        cmocka_unit_test(test_no_folder_to_write),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
