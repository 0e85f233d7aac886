/* Safe storage of one small file: folder, lock, read, atomic write, move
 * aside. See include/yuedu/atomic_file.h for the design. */
#include "yuedu/atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

long long yd_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void yd_time_format(long long ms, char *buf, size_t size)
{
    time_t secs = (time_t)(ms / 1000);
    struct tm tm;
    gmtime_r(&secs, &tm);
    snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
             tm.tm_hour, tm.tm_min, tm.tm_sec, (int)(ms % 1000));
}

int yd_time_parse(const char *s, long long *ms)
{
    int y, mo, d, h, mi, sec, n = 0;
    if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec, &n) != 6 || n != 19)
        return -1;
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60 || y < 1970)
        return -1;
    const char *p = s + 19;
    int frac = 0;
    if (*p == '.') {
        int digits = 0;
        for (p++; *p >= '0' && *p <= '9'; p++, digits++)
            if (digits < 3)
                frac = frac * 10 + (*p - '0');
        if (digits == 0)
            return -1;
        for (; digits < 3; digits++)
            frac *= 10;
    }
    if (*p != 'Z' || p[1] != 0)
        return -1;
    struct tm tm = {.tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h, .tm_min = mi, .tm_sec = sec};
    time_t t = timegm(&tm);
    if (t == (time_t)-1)
        return -1;
    *ms = (long long)t * 1000 + frac;
    return 0;
}

const char *yd_home_dir(void)
{
    const char *home = getenv("HOME");
    if (!home || home[0] != '/') {
        const struct passwd *pw = getpwuid(getuid());
        home = pw ? pw->pw_dir : NULL;
    }
    return home && home[0] == '/' ? home : NULL;
}

yd_status yd_store_default_dir(const char *which, char *buf, size_t size, yd_error *err)
{
    int state = strcmp(which, "state") == 0;
    const char *xdg = getenv(state ? "XDG_STATE_HOME" : "XDG_DATA_HOME");
    int n;
    if (xdg && xdg[0] == '/') {
        n = snprintf(buf, size, "%s/yuedu", xdg);
    } else {
        const char *home = yd_home_dir();
        if (!home)
            return yd_error_set(err, YD_EINVAL, "no home folder: set HOME or XDG_%s_HOME",
                                state ? "STATE" : "DATA");
        n = snprintf(buf, size, "%s/.local/%s/yuedu", home, state ? "state" : "share");
    }
    if (n < 0 || (size_t)n >= size)
        return yd_error_set(err, YD_EINVAL, "folder name too long");
    return YD_OK;
}

/* mkdir -p with mode 0700 for every folder created. */
static int make_parents(const char *dir)
{
    char path[4096];
    size_t len = strlen(dir);
    if (len >= sizeof path)
        return ENAMETOOLONG;
    memcpy(path, dir, len + 1);
    for (size_t k = 1; k <= len; k++) {
        if (path[k] != '/' && path[k] != 0)
            continue;
        char saved = path[k];
        path[k] = 0;
        if (mkdir(path, 0700) != 0 && errno != EEXIST) {
            int e = errno;
            path[k] = saved;
            return e;
        }
        path[k] = saved;
    }
    return 0;
}

yd_status yd_store_begin(yd_store_txn *t, const char *dir, const char *name, yd_error *err)
{
    t->dirfd = -1;
    t->lockfd = -1;
    t->lock_error[0] = 0;
    snprintf(t->dir, sizeof t->dir, "%s", dir);
    snprintf(t->name, sizeof t->name, "%s", name);

    t->dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (t->dirfd < 0 && errno == ENOENT) {
        int e = make_parents(dir);
        if (e != 0)
            return yd_error_set(err, YD_EIO, "%s: cannot create folder: %s", dir, strerror(e));
        t->dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    }
    if (t->dirfd < 0) {
        int e = errno;
        struct stat st;
        if ((e == ELOOP || e == ENOTDIR) && lstat(dir, &st) == 0 && S_ISLNK(st.st_mode))
            return yd_error_set(err, YD_EIO, "%s: is a symbolic link; not followed", dir);
        return yd_error_set(err, YD_EIO, "%s: cannot open folder: %s", dir, strerror(e));
    }

    char lockname[300];
    snprintf(lockname, sizeof lockname, "%s.lock", name);
    t->lockfd = openat(t->dirfd, lockname, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, 0600);
    int e = errno;
    if (t->lockfd < 0 && (e == EACCES || e == EROFS || e == EPERM)) {
        t->lockfd = openat(t->dirfd, lockname, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK); /* flock works */
        if (t->lockfd < 0 && errno != ENOENT)
            e = errno;
    }
    if (t->lockfd < 0) {
        snprintf(t->lock_error, sizeof t->lock_error, "cannot lock %s: %s",
                 e == ELOOP ? "(a symbolic link is in the way)" : lockname, strerror(e));
        if (e == EACCES || e == EROFS || e == EPERM || e == ELOOP)
            return YD_OK; /* readable, not writable: yd_store_write refuses */
        yd_store_end(t);
        return yd_error_set(err, YD_EIO, "%s/%s: %s", dir, name, t->lock_error);
    }
    struct stat st;
    if (fstat(t->lockfd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(t->lockfd);
        t->lockfd = -1;
        snprintf(t->lock_error, sizeof t->lock_error, "cannot lock: %s is not a regular file", lockname);
        return YD_OK;
    }
    for (int waited = 0;; waited += 5) {
        if (flock(t->lockfd, LOCK_EX | LOCK_NB) == 0)
            break;
        if (errno != EWOULDBLOCK && errno != EINTR) {
            int fe = errno;
            yd_store_end(t);
            return yd_error_set(err, YD_EIO, "%s/%s: cannot lock: %s", dir, name, strerror(fe));
        }
        if (waited >= YD_STORE_LOCK_TIMEOUT_MS) {
            yd_store_end(t);
            return yd_error_set(err, YD_EIO, "%s/%s: another yuedu has held the lock for %d s; try again",
                                dir, name, YD_STORE_LOCK_TIMEOUT_MS / 1000);
        }
        struct timespec ts = {0, 5 * 1000000};
        nanosleep(&ts, NULL);
    }
    return YD_OK;
}

yd_status yd_store_begin_read(yd_store_txn *t, const char *dir, const char *name, int *missing, yd_error *err)
{
    t->dirfd = -1;
    t->lockfd = -1;
    snprintf(t->lock_error, sizeof t->lock_error, "opened for reading only");
    snprintf(t->dir, sizeof t->dir, "%s", dir);
    snprintf(t->name, sizeof t->name, "%s", name);
    if (missing)
        *missing = 0;
    t->dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (t->dirfd < 0) {
        int e = errno;
        struct stat st;
        if (e == ENOENT && missing)
            *missing = 1;
        if ((e == ELOOP || e == ENOTDIR) && lstat(dir, &st) == 0 && S_ISLNK(st.st_mode))
            return yd_error_set(err, YD_EIO, "%s: is a symbolic link; not followed", dir);
        return yd_error_set(err, YD_EIO, "%s: cannot open folder: %s", dir, strerror(e));
    }
    return YD_OK;
}

void yd_store_end(yd_store_txn *t)
{
    if (t->lockfd >= 0)
        close(t->lockfd); /* releases the flock */
    if (t->dirfd >= 0)
        close(t->dirfd);
    t->lockfd = t->dirfd = -1;
}

yd_status yd_store_read(yd_store_txn *t, char **data, size_t *length, yd_error *err)
{
    *data = NULL;
    *length = 0;
    int fd = openat(t->dirfd, t->name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        if (errno == ENOENT)
            return YD_OK;
        if (errno == ELOOP)
            return yd_error_set(err, YD_EIO, "%s/%s: is a symbolic link; not followed", t->dir, t->name);
        return yd_error_set(err, YD_EIO, "%s/%s: cannot open: %s", t->dir, t->name, strerror(errno));
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return yd_error_set(err, YD_EIO, "%s/%s: not a regular file", t->dir, t->name);
    }
    size_t cap = (size_t)st.st_size + 1, len = 0;
    char *buf = malloc(cap + 1);
    if (!buf) {
        close(fd);
        return yd_error_set(err, YD_ENOMEM, "%s/%s: out of memory", t->dir, t->name);
    }
    for (;;) {
        if (len == cap) {
            char *bigger = realloc(buf, cap * 2 + 1);
            if (!bigger) {
                free(buf);
                close(fd);
                return yd_error_set(err, YD_ENOMEM, "%s/%s: out of memory", t->dir, t->name);
            }
            buf = bigger;
            cap *= 2;
        }
        ssize_t n = read(fd, buf + len, cap - len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int e = errno;
            free(buf);
            close(fd);
            return yd_error_set(err, YD_EIO, "%s/%s: cannot read: %s", t->dir, t->name, strerror(e));
        }
        if (n == 0)
            break;
        len += (size_t)n;
    }
    close(fd);
    buf[len] = 0;
    *data = buf;
    *length = len;
    return YD_OK;
}

static yd_status need_lock(yd_store_txn *t, yd_error *err)
{
    if (t->lockfd >= 0)
        return YD_OK;
    return yd_error_set(err, YD_EIO, "%s/%s: %s", t->dir, t->name,
                        t->lock_error[0] ? t->lock_error : "not locked");
}

yd_status yd_store_move_aside(yd_store_txn *t, char *aside, size_t size, yd_error *err)
{
    if (need_lock(t, err) != YD_OK)
        return err ? err->code : YD_EIO;
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    char stamp[32], target[400];
    strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
    for (int k = 1; k < 1000; k++) {
        if (k == 1)
            snprintf(target, sizeof target, "%s.corrupt-%s", t->name, stamp);
        else
            snprintf(target, sizeof target, "%s.corrupt-%s-%d", t->name, stamp, k);
        struct stat st;
        if (fstatat(t->dirfd, target, &st, AT_SYMLINK_NOFOLLOW) == 0)
            continue;
        if (renameat(t->dirfd, t->name, t->dirfd, target) != 0)
            return yd_error_set(err, YD_EIO, "%s/%s: cannot move aside: %s", t->dir, t->name, strerror(errno));
        fsync(t->dirfd);
        if (aside)
            snprintf(aside, size, "%s/%s", t->dir, target);
        return YD_OK;
    }
    return yd_error_set(err, YD_EIO, "%s/%s: cannot move aside: too many copies", t->dir, t->name);
}

yd_status yd_store_write(yd_store_txn *t, const char *data, size_t length, yd_error *err)
{
    if (need_lock(t, err) != YD_OK)
        return err ? err->code : YD_EIO;
    char tmp[300];
    snprintf(tmp, sizeof tmp, "%s.tmp", t->name);
    /* Under the lock nobody else writes tmp: a leftover is from a crash, or
     * something planted; either way it goes. */
    if (unlinkat(t->dirfd, tmp, 0) != 0 && errno != ENOENT && errno != EISDIR)
        return yd_error_set(err, YD_EIO, "%s/%s: cannot save: %s", t->dir, t->name, strerror(errno));
    int fd = openat(t->dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0)
        return yd_error_set(err, YD_EIO, "%s/%s: cannot save: %s", t->dir, t->name, strerror(errno));
    int e = 0;
    if (fchmod(fd, 0600) != 0) {
        e = errno;
        goto fail;
    }
    for (size_t done = 0; done < length;) {
        ssize_t n = write(fd, data + done, length - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            e = errno;
            goto fail;
        }
        done += (size_t)n;
    }
    if (fsync(fd) != 0) {
        e = errno;
        goto fail;
    }
    if (close(fd) != 0) {
        fd = -1;
        e = errno;
        goto fail;
    }
    fd = -1;
    if (renameat(t->dirfd, tmp, t->dirfd, t->name) != 0) {
        e = errno;
        goto fail;
    }
    if (fsync(t->dirfd) != 0 && errno != EINVAL) {
        /* The rename happened; only its durability is in doubt. */
        return yd_error_set(err, YD_EIO, "%s/%s: saved, but the folder could not be synced: %s", t->dir,
                            t->name, strerror(errno));
    }
    return YD_OK;
fail:
    if (fd >= 0)
        close(fd);
    unlinkat(t->dirfd, tmp, 0);
    /* The same message as above: one msgid, translated (a word passed in
     * through %s stayed English on a full disk). */
    return yd_error_set(err, YD_EIO, "%s/%s: cannot save: %s", t->dir, t->name, strerror(e));
}
