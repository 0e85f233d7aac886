/* Fold tables kept on disk (yuedu/fold_cache.h).
 *
 * File: "YDFOLD1\n", the key (NUL-terminated), the number of changed
 * entries of each of the YD_FOLD_TABLES tables (uint32), then those
 * entries as (unit, folded unit) pairs of uint16, then a FNV-1a checksum
 * (uint32) of everything before it. Host byte order: the key names this
 * program, so no other machine's copy is ever read. */
#define _GNU_SOURCE /* dl_iterate_phdr */
#include "yuedu/fold_cache.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unicode/uversion.h>
#include <unistd.h>

#include "fold_internal.h"

#define MAGIC "YDFOLD1\n"
#define FILE_NAME "fold-tables"
#define KEY_MAX 160
#define UNITS 65536
/* No real file comes near: every entry of every table changed. */
#define FILE_MAX (sizeof MAGIC + KEY_MAX + 4 * YD_FOLD_TABLES + 4 * (size_t)UNITS * YD_FOLD_TABLES + 4)

/* ---- the key: this program's build ID and ICU's version ---- */

typedef struct build_id {
    char hex[2 * 64 + 1];
    int found;
} build_id;

static int find_build_id(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    build_id *id = data;
    /* The first object is the program itself. */
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_NOTE)
            continue;
        const unsigned char *p = (const unsigned char *)(info->dlpi_addr + ph->p_vaddr);
        const unsigned char *end = p + ph->p_memsz;
        while (p + sizeof(ElfW(Nhdr)) <= end) {
            ElfW(Nhdr) note;
            memcpy(&note, p, sizeof note);
            const unsigned char *name = p + sizeof note;
            const unsigned char *desc = name + ((note.n_namesz + 3) & ~3u);
            const unsigned char *next = desc + ((note.n_descsz + 3) & ~3u);
            if (next > end)
                break;
            if (note.n_type == NT_GNU_BUILD_ID && note.n_namesz == 4 && memcmp(name, "GNU", 4) == 0 &&
                note.n_descsz > 0 && note.n_descsz <= 64) {
                for (unsigned k = 0; k < note.n_descsz; k++)
                    snprintf(id->hex + 2 * k, 3, "%02x", desc[k]);
                id->found = 1;
                return 1;
            }
            p = next;
        }
    }
    return 1; /* only the program: stop after it */
}

static int make_key(char *key, size_t size)
{
    build_id id = {.found = 0};
    dl_iterate_phdr(find_build_id, &id);
    if (!id.found)
        return 0;
    UVersionInfo v;
    char icu[U_MAX_VERSION_STRING_LENGTH];
    u_getVersion(v);
    u_versionToString(v, icu);
    int n = snprintf(key, size, "build %s icu %s", id.hex, icu);
    return n > 0 && (size_t)n < size;
}

/* ---- the folder ---- */

static int default_dir(char *buf, size_t size)
{
    const char *xdg = getenv("XDG_CACHE_HOME");
    const char *home = getenv("HOME");
    int n;
    if (xdg && xdg[0] == '/')
        n = snprintf(buf, size, "%s/yuedu", xdg);
    else if (home && home[0] == '/')
        n = snprintf(buf, size, "%s/.cache/yuedu", home);
    else
        return 0;
    return n > 0 && (size_t)n < size;
}

static uint32_t fnv1a(const unsigned char *p, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t k = 0; k < n; k++)
        h = (h ^ p[k]) * 16777619u;
    return h;
}

/* ---- reading ---- */

static unsigned char *read_small(const char *path, size_t *length)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return NULL;
    struct stat st;
    unsigned char *buf = NULL;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 && (size_t)st.st_size <= FILE_MAX &&
        (buf = malloc((size_t)st.st_size)) != NULL) {
        size_t got = 0;
        while (got < (size_t)st.st_size) {
            ssize_t r = read(fd, buf + got, (size_t)st.st_size - got);
            if (r < 0 && errno == EINTR)
                continue;
            if (r <= 0)
                break;
            got += (size_t)r;
        }
        if (got != (size_t)st.st_size) {
            free(buf);
            buf = NULL;
        }
        *length = got;
    }
    close(fd);
    return buf;
}

/* Fill f from the file's bytes; 0 when they are not a good copy for key. */
static int parse(const unsigned char *p, size_t n, const char *key, yd_fold *f)
{
    size_t klen = strlen(key) + 1, at = sizeof MAGIC - 1;
    if (n < at + klen + 4 * YD_FOLD_TABLES + 4 || memcmp(p, MAGIC, at) != 0 || memcmp(p + at, key, klen) != 0)
        return 0;
    uint32_t sum;
    memcpy(&sum, p + n - 4, 4);
    if (sum != fnv1a(p, n - 4))
        return 0;
    at += klen;
    uint32_t counts[YD_FOLD_TABLES];
    memcpy(counts, p + at, sizeof counts);
    at += sizeof counts;
    size_t pairs = 0;
    for (int t = 0; t < YD_FOLD_TABLES; t++) {
        if (counts[t] > UNITS)
            return 0;
        pairs += counts[t];
    }
    if (at + 4 * pairs + 4 != n)
        return 0;
    for (int t = 0; t < YD_FOLD_TABLES; t++) {
        for (uint32_t c = 0; c < UNITS; c++)
            f->tables[t][c] = (UChar)c;
        for (uint32_t k = 0; k < counts[t]; k++, at += 4) {
            uint16_t from, to;
            memcpy(&from, p + at, 2);
            memcpy(&to, p + at + 2, 2);
            if (U_IS_SURROGATE(from) || U_IS_SURROGATE(to))
                return 0; /* surrogates fold to themselves */
            f->tables[t][from] = to;
        }
    }
    return 1;
}

/* ---- writing ---- */

static void save(const char *dir, const char *key, const yd_fold *f)
{
    size_t klen = strlen(key) + 1, pairs = 0;
    uint32_t counts[YD_FOLD_TABLES];
    for (int t = 0; t < YD_FOLD_TABLES; t++) {
        counts[t] = 0;
        for (uint32_t c = 0; c < UNITS; c++)
            counts[t] += f->tables[t][c] != c;
        pairs += counts[t];
    }
    size_t n = sizeof MAGIC - 1 + klen + sizeof counts + 4 * pairs + 4, at = 0;
    unsigned char *buf = malloc(n);
    if (!buf)
        return;
    memcpy(buf, MAGIC, sizeof MAGIC - 1);
    at = sizeof MAGIC - 1;
    memcpy(buf + at, key, klen);
    at += klen;
    memcpy(buf + at, counts, sizeof counts);
    at += sizeof counts;
    for (int t = 0; t < YD_FOLD_TABLES; t++)
        for (uint32_t c = 0; c < UNITS; c++)
            if (f->tables[t][c] != c) {
                uint16_t pair[2] = {(uint16_t)c, f->tables[t][c]};
                memcpy(buf + at, pair, 4);
                at += 4;
            }
    uint32_t sum = fnv1a(buf, at);
    memcpy(buf + at, &sum, 4);
    /* The parent of the folder (~/.cache) may be missing too. */
    char parent[4096];
    snprintf(parent, sizeof parent, "%s", dir);
    char *slash = strrchr(parent, '/');
    if (slash && slash != parent) {
        *slash = 0;
        mkdir(parent, 0700);
    }
    mkdir(dir, 0700);
    char tmp[4200], path[4200];
    snprintf(tmp, sizeof tmp, "%s/" FILE_NAME ".%ld.tmp", dir, (long)getpid());
    snprintf(path, sizeof path, "%s/" FILE_NAME, dir);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd >= 0) {
        size_t put = 0;
        while (put < n) {
            ssize_t w = write(fd, buf + put, n - put);
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0)
                break;
            put += (size_t)w;
        }
        /* Rename over the old copy: a reader sees a whole file or the old
         * one, and a torn one fails its checksum anyway. */
        if (close(fd) != 0 || put != n || rename(tmp, path) != 0)
            unlink(tmp);
    }
    free(buf);
}

yd_status yd_fold_new_cached(yd_fold **out, const char *dir, int *from_cache, yd_error *err)
{
    char key[KEY_MAX], folder[4096], path[4200];
    if (from_cache)
        *from_cache = 0;
    int usable = make_key(key, sizeof key) && (dir ? snprintf(folder, sizeof folder, "%s", dir) < (int)sizeof folder
                                                   : default_dir(folder, sizeof folder));
    if (usable) {
        snprintf(path, sizeof path, "%s/" FILE_NAME, folder);
        size_t n = 0;
        unsigned char *bytes = read_small(path, &n);
        yd_fold *f = bytes ? malloc(sizeof *f) : NULL;
        int ok = f && parse(bytes, n, key, f);
        free(bytes);
        if (ok) {
            *out = f;
            if (from_cache)
                *from_cache = 1;
            return YD_OK;
        }
        free(f);
    }
    yd_status st = yd_fold_new(out, NULL, err);
    if (st == YD_OK && usable)
        save(folder, key, *out);
    return st;
}
