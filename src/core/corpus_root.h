/* The corpus root (yd_corpus_root) found one path at a time: by
 * yd_corpus_root over a list, and by the walk as it takes each file, where
 * it knows without an lstat which files are plain (core-internal). */
#ifndef YUEDU_CORPUS_ROOT_H
#define YUEDU_CORPUS_ROOT_H

#include <limits.h>
#include <stddef.h>

typedef struct yd_root_finder {
    char common[PATH_MAX]; /* the deepest folder holding every path so far */
    int have;
    char last_parent[PATH_MAX]; /* the parent of the last plain file, as written */
} yd_root_finder;

void yd_root_finder_init(yd_root_finder *r);

/* Take path into the root. plain: the caller knows path to be a plain
 * file and no symbolic link (as a folder's listing says), so that it is
 * not looked at again; else it is (lstat). */
void yd_root_finder_add(yd_root_finder *r, const char *path, int plain);

/* The root into buf: 0, or -1 when no path taken exists. */
int yd_root_finder_result(const yd_root_finder *r, char *buf, size_t size);

#endif
