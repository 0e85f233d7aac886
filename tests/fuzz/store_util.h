/* Shared by the bookmarks and state targets: a private folder (on tmpfs
 * when there is one) emptied before each input, so runs are independent. */
#ifndef YUEDU_FUZZ_STORE_UTIL_H
#define YUEDU_FUZZ_STORE_UTIL_H
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char store_dir[256];

static void store_empty(void)
{
    DIR *d = opendir(store_dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char path[600];
        snprintf(path, sizeof path, "%s/%s", store_dir, e->d_name);
        if (unlink(path) != 0)
            rmdir(path);
    }
    closedir(d);
}

static void store_cleanup(void)
{
    store_empty();
    rmdir(store_dir);
}

/* Make the folder once, empty it, and write data as file inside it. */
static void store_prepare(const char *file, const unsigned char *data, size_t size)
{
    if (!store_dir[0]) {
        const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : (getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
        snprintf(store_dir, sizeof store_dir, "%s/yuedu-fuzz-XXXXXX", base);
        if (!mkdtemp(store_dir))
            abort();
        atexit(store_cleanup);
    }
    store_empty();
    char path[600];
    snprintf(path, sizeof path, "%s/%s", store_dir, file);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0)
        abort();
    size_t done = 0;
    while (done < size) {
        ssize_t n = write(fd, data + done, size - done);
        if (n <= 0)
            abort();
        done += (size_t)n;
    }
    close(fd);
}
#endif
