/* The first document a walk would take, found without the walk: for the
 * reader's first screen, which should not wait for the listing, the stat
 * and the natural sort of every file of a folder of 100 000. */
#include "yuedu/corpus.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "yuedu/natural_order.h"

/* Entries looked at (stat) in all: a folder of folders with no document,
 * or a link back to an ancestor, ends the search instead of walking. */
enum { FIRST_BUDGET = 64 };

/* The search: its budget, and the folders it is inside (as the walk's
 * set of folders read, so that a link back to one of them is passed over
 * as the walk passes it over). */
typedef struct search {
    int budget;
    struct { dev_t dev; ino_t ino; } inside[YD_CORPUS_MAX_DEPTH + 2];
} search;

static int first_of(search *s, const char *path, int named, int depth, char *out, size_t size);

/* The least name of dir in natural order that is greater than floor (or
 * any, floor empty) and may lead to a document; 0 when there is none. */
static int least_name(DIR *dir, const char *floor, char *name, size_t size)
{
    int have = 0;
    struct dirent *e;
    rewinddir(dir);
    while ((e = readdir(dir)) != NULL) {
        if (e->d_name[0] == '.')
            continue; /* as the walk: hidden entries */
        if (e->d_type == DT_REG && !yd_corpus_name_is_document(e->d_name))
            continue;
        if (e->d_type != DT_REG && e->d_type != DT_DIR && e->d_type != DT_LNK && e->d_type != DT_UNKNOWN)
            continue;
        if ((floor[0] && yd_natural_compare(e->d_name, floor) <= 0) || (have && yd_natural_compare(e->d_name, name) >= 0))
            continue;
        if (strlen(e->d_name) >= size)
            continue;
        strcpy(name, e->d_name);
        have = 1;
    }
    return have;
}

static int first_in_folder(search *s, const char *path, const struct stat *st, int depth, char *out, size_t size)
{
    if (depth > YD_CORPUS_MAX_DEPTH)
        return 0;
    for (int k = 1; k < depth; k++)
        if (s->inside[k].dev == st->st_dev && s->inside[k].ino == st->st_ino)
            return 0;
    s->inside[depth].dev = st->st_dev;
    s->inside[depth].ino = st->st_ino;
    DIR *dir = opendir(path);
    if (!dir)
        return 0;
    char floor[NAME_MAX + 1] = "", name[NAME_MAX + 1];
    int found = 0;
    while (!found && s->budget > 0 && least_name(dir, floor, name, sizeof name)) {
        char child[PATH_MAX];
        size_t n = strlen(path);
        if (snprintf(child, sizeof child, "%s%s%s", path, n && path[n - 1] == '/' ? "" : "/", name) <
            (int)sizeof child)
            found = first_of(s, child, 0, depth, out, size);
        memcpy(floor, name, sizeof floor);
    }
    closedir(dir);
    return found;
}

static int first_of(search *s, const char *path, int named, int depth, char *out, size_t size)
{
    struct stat st;
    if (s->budget-- <= 0 || stat(path, &st) != 0)
        return 0;
    if (S_ISDIR(st.st_mode))
        return first_in_folder(s, path, &st, depth + 1, out, size);
    const char *base = strrchr(path, '/');
    if (!S_ISREG(st.st_mode) || (!named && !yd_corpus_name_is_document(base ? base + 1 : path)) ||
        strlen(path) >= size)
        return 0;
    strcpy(out, path);
    return 1;
}

int yd_corpus_first(const char *const *args, size_t nargs, char *out, size_t size)
{
    search s = {.budget = FIRST_BUDGET};
    for (size_t k = 0; k < nargs && s.budget > 0; k++)
        if (first_of(&s, args[k], 1, 0, out, size))
            return 0;
    return -1;
}
