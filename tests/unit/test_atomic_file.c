/* The atomic store's durability (yuedu/atomic_file.h): the new bytes are
 * fsync'ed before the rename and the folder after it, and a failure of
 * either is reported with the old or the new file intact.
 *
 * Reading the file back cannot tell a synced file from one still in the
 * page cache, so this binary replaces fsync and renameat: the core library
 * is linked in statically, so its calls come to the wrappers below, which
 * record each call in order (what, and the file or folder it was on) and
 * can fail one on demand, then do the real work by system call. */
#include "test_util.h"
#include "yuedu/atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

enum { MAX_CALLS = 16 };

typedef struct call {
    char what[8];        /* "fsync" or "rename" */
    char path[PATH_MAX]; /* the file or folder synced; the rename's new path */
    int is_dir;
} call;

static call calls[MAX_CALLS];
static int ncalls;
/* The next fsync of a regular file ("file") or of a folder ("dir") fails
 * with EIO; "" fails nothing. */
static const char *fail_next = "";

static void record(const char *what, const char *path, int is_dir)
{
    if (ncalls == MAX_CALLS)
        return;
    snprintf(calls[ncalls].what, sizeof calls[ncalls].what, "%s", what);
    snprintf(calls[ncalls].path, sizeof calls[ncalls].path, "%s", path);
    calls[ncalls].is_dir = is_dir;
    ncalls++;
}

static void fd_path(int fd, char *buf, size_t size)
{
    char link[64];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, buf, size - 1);
    buf[n < 0 ? 0 : n] = 0;
}

int fsync(int fd)
{
    struct stat st;
    char path[PATH_MAX];
    fd_path(fd, path, sizeof path);
    int is_dir = fstat(fd, &st) == 0 && S_ISDIR(st.st_mode);
    record("fsync", path, is_dir);
    if (strcmp(fail_next, is_dir ? "dir" : "file") == 0) {
        fail_next = "";
        errno = EIO;
        return -1;
    }
    return (int)syscall(SYS_fsync, fd);
}

int renameat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath)
{
    char dir[PATH_MAX], path[PATH_MAX + 256];
    fd_path(newdirfd, dir, sizeof dir);
    snprintf(path, sizeof path, "%s/%s", dir, newpath);
    record("rename", path, 0);
    return (int)syscall(SYS_renameat2, olddirfd, oldpath, newdirfd, newpath, 0);
}

/* A store folder holding store.yaml with old, its real path in real. */
static char *store_with(const char *old, char *real)
{
    char *dir = make_temp_dir();
    assert_non_null(realpath(dir, real));
    write_file(dir, "store.yaml", old, strlen(old));
    return dir;
}

static yd_status save(const char *dir, const char *data, yd_error *err)
{
    yd_store_txn t;
    assert_int_equal(yd_store_begin(&t, dir, "store.yaml", err), YD_OK);
    ncalls = 0;
    yd_status s = yd_store_write(&t, data, strlen(data), err);
    yd_store_end(&t);
    return s;
}

static void assert_contents(const char *dir, const char *name, const char *want)
{
    char path[PATH_MAX + 256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    size_t n;
    unsigned char *got = slurp(path, &n);
    assert_string_equal((char *)got, want);
    free(got);
}

static int exists(const char *dir, const char *name)
{
    char path[PATH_MAX + 256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return access(path, F_OK) == 0;
}

/* The file's bytes reach the disk before the rename makes them the file;
 * the folder's entry after it. */
static void test_fsync_file_then_rename_then_folder(void **state)
{
    (void)state;
    char real[PATH_MAX], file[PATH_MAX + 32], tmp[PATH_MAX + 32];
    char *dir = store_with("old\n", real);
    snprintf(file, sizeof file, "%s/store.yaml", real);
    snprintf(tmp, sizeof tmp, "%s/store.yaml.tmp", real);
    yd_error err = {0};
    assert_int_equal(save(dir, "new\n", &err), YD_OK);
    for (int k = 0; k < ncalls; k++)
        printf("# %s %s%s\n", calls[k].what, calls[k].path, calls[k].is_dir ? " (folder)" : "");
    assert_int_equal(ncalls, 3);
    assert_string_equal(calls[0].what, "fsync");
    assert_string_equal(calls[0].path, tmp);
    assert_false(calls[0].is_dir);
    assert_string_equal(calls[1].what, "rename");
    assert_string_equal(calls[1].path, file);
    assert_string_equal(calls[2].what, "fsync");
    assert_string_equal(calls[2].path, real);
    assert_true(calls[2].is_dir);
    assert_contents(dir, "store.yaml", "new\n");
    assert_false(exists(dir, "store.yaml.tmp"));
    rm_rf(dir);
    free(dir);
}

/* The fsync of which ("file" or "dir") fails: yd_store_write says so
 * (message), store.yaml holds contents, and no .tmp is left. */
static void save_with_failing_fsync(const char *which, const char *message, const char *contents)
{
    char real[PATH_MAX];
    char *dir = store_with("old\n", real);
    yd_error err = {0};
    fail_next = which;
    assert_int_equal(save(dir, "new\n", &err), YD_EIO);
    assert_non_null(strstr(err.message, message));
    assert_contents(dir, "store.yaml", contents);
    assert_false(exists(dir, "store.yaml.tmp"));
    rm_rf(dir);
    free(dir);
}

/* The file's fsync fails: no rename, the old file stays. */
static void test_file_fsync_fails(void **state)
{
    (void)state;
    save_with_failing_fsync("file", "Input/output error", "old\n");
    for (int k = 0; k < ncalls; k++)
        assert_string_not_equal(calls[k].what, "rename");
}

/* The folder's fsync fails after the rename: the new file is in place,
 * and the caller is told that only its durability is in doubt. */
static void test_folder_fsync_fails(void **state)
{
    (void)state;
    save_with_failing_fsync("dir", "saved, but the folder could not be synced", "new\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fsync_file_then_rename_then_folder),
        cmocka_unit_test(test_file_fsync_fails),
        cmocka_unit_test(test_folder_fsync_fails),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
