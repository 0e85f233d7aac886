/* The corpus root: the deepest real folder holding every path of a corpus
 * (corpus.h, yd_corpus_root; corpus_root.h). */
#include "corpus_root.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "yuedu/corpus.h"

/* The real folder standing for path: a folder itself, a file's folder
 * (after resolving the file when it is a link). A plain file in the same
 * folder, as written, as the one before adds nothing, so a corpus of
 * 100 000 files in a few folders costs a realpath per folder rather than
 * a realpath (a getcwd and a readlink per component) per file, and an
 * lstat per file unless the caller knows it plain. Returns 0 when path
 * adds nothing or does not exist. */
static int real_folder(const char *path, int plain, char *last_parent, size_t last_size, char *dir, size_t size)
{
    struct stat st;
    if (!plain && lstat(path, &st) != 0)
        return 0;
    char *real = NULL;
    if (plain || S_ISREG(st.st_mode)) {
        const char *slash = strrchr(path, '/');
        size_t n = slash ? (size_t)(slash - path) + (slash == path) : 1;
        if (n >= last_size)
            return 0;
        if (strlen(last_parent) == n && strncmp(last_parent, slash ? path : ".", n) == 0)
            return 0;
        memcpy(last_parent, slash ? path : ".", n);
        last_parent[n] = 0;
        real = realpath(last_parent, NULL);
        if (!real)
            return 0;
        snprintf(dir, size, "%s", real);
        free(real);
        return 1;
    }
    if (!(real = realpath(path, NULL)))
        return 0;
    snprintf(dir, size, "%s", real);
    free(real);
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) { /* a link to a file */
        char *cut = strrchr(dir, '/');
        if (cut == dir)
            dir[1] = 0;
        else if (cut)
            *cut = 0;
    }
    return 1;
}

void yd_root_finder_init(yd_root_finder *r)
{
    r->common[0] = 0;
    r->have = 0;
    r->last_parent[0] = 0;
}

void yd_root_finder_add(yd_root_finder *r, const char *path, int plain)
{
    char dir[PATH_MAX];
    if (!real_folder(path, plain, r->last_parent, sizeof r->last_parent, dir, sizeof dir))
        return;
    if (!r->have) {
        snprintf(r->common, sizeof r->common, "%s", dir);
        r->have = 1;
        return;
    }
    /* Shorten common to the longest prefix that ends at a component. */
    size_t i = 0;
    while (r->common[i] && r->common[i] == dir[i])
        i++;
    if (!(r->common[i] == 0 && (dir[i] == '/' || dir[i] == 0))) {
        while (i > 0 && r->common[i] != '/')
            i--;
        r->common[i == 0 ? 1 : i] = 0;
    }
}

int yd_root_finder_result(const yd_root_finder *r, char *buf, size_t size)
{
    if (!r->have)
        return -1;
    snprintf(buf, size, "%s", r->common);
    return 0;
}

int yd_corpus_root(const char *const *paths, size_t npaths, char *buf, size_t size)
{
    yd_root_finder r;
    yd_root_finder_init(&r);
    for (size_t k = 0; k < npaths; k++)
        yd_root_finder_add(&r, paths[k], 0);
    return yd_root_finder_result(&r, buf, size);
}
