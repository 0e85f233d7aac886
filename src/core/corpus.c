/* Walking paths into a corpus of documents. */
#include "yuedu/corpus.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "yuedu/format.h"
#include "yuedu/natural_order.h"


/* The files and directories already taken, by (device, inode), so that a
 * symlink loop or a second link to the same place is walked only once. An
 * open-addressing hash set: corpora of 100 000 files stay linear. */
typedef struct seen_set {
    struct seen_key { dev_t dev; ino_t ino; int used; } *slots;
    size_t capacity, count;
} seen_set;

static size_t seen_hash(dev_t dev, ino_t ino)
{
    uint64_t h = (uint64_t)ino * 0x9E3779B97F4A7C15ull ^ (uint64_t)dev * 0xC2B2AE3D27D4EB4Full;
    return (size_t)(h ^ (h >> 29));
}

/* 1 if inserted, 0 if already present, -1 when out of memory. */
static int seen_insert(seen_set *s, dev_t dev, ino_t ino)
{
    if ((s->count + 1) * 2 > s->capacity) {
        size_t cap = s->capacity ? s->capacity * 2 : 64;
        struct seen_key *slots = calloc(cap, sizeof *slots);
        if (!slots)
            return -1;
        for (size_t k = 0; k < s->capacity; k++) {
            if (!s->slots[k].used)
                continue;
            size_t h = seen_hash(s->slots[k].dev, s->slots[k].ino) & (cap - 1);
            while (slots[h].used)
                h = (h + 1) & (cap - 1);
            slots[h] = s->slots[k];
        }
        free(s->slots);
        s->slots = slots;
        s->capacity = cap;
    }
    size_t h = seen_hash(dev, ino) & (s->capacity - 1);
    while (s->slots[h].used) {
        if (s->slots[h].dev == dev && s->slots[h].ino == ino)
            return 0;
        h = (h + 1) & (s->capacity - 1);
    }
    s->slots[h] = (struct seen_key){dev, ino, 1};
    s->count++;
    return 1;
}

typedef struct walker {
    yd_path_list *out;
    seen_set seen;
    yd_diag_fn diag;
    void *context;
} walker;

/* Tell the caller about a left-out path: "what" followed by "detail". */
static void report(walker *w, const char *path, const char *what, const char *detail)
{
    if (!w->diag)
        return;
    char message[256];
    snprintf(message, sizeof message, "%s%s", yd_translate(what), yd_translate(detail));
    w->diag(w->context, path, message);
}

/* A reason with a limit in it, translated whole (the number's place in the
 * sentence differs between languages), then the number put in. */
__attribute__((format(printf, 4, 5))) static void report_limit(walker *w, const char *path, const char *what,
                                                                const char *detail, ...)
{
    char text[160];
    va_list ap;
    va_start(ap, detail);
    vsnprintf(text, sizeof text, yd_translate(detail), ap);
    va_end(ap);
    report(w, path, what, text);
}

static yd_status list_push(yd_path_list *list, const char *path)
{
    if (list->count == list->capacity) {
        size_t cap = list->capacity ? list->capacity * 2 : 16;
        char **paths = realloc(list->paths, cap * sizeof *paths);
        if (!paths)
            return YD_ENOMEM;
        list->paths = paths;
        list->capacity = cap;
    }
    char *copy = strdup(path);
    if (!copy)
        return YD_ENOMEM;
    list->paths[list->count++] = copy;
    return YD_OK;
}

void yd_path_list_free(yd_path_list *list)
{
    for (size_t k = 0; k < list->count; k++)
        free(list->paths[k]);
    free(list->paths);
    memset(list, 0, sizeof *list);
}

int yd_corpus_name_is_document(const char *name) { return yd_format_of_path(name) != YD_FORMAT_NONE; }

static char *join_path(const char *dir, const char *name)
{
    size_t ld = strlen(dir), ln = strlen(name);
    int slash = ld > 0 && dir[ld - 1] != '/';
    char *p = malloc(ld + slash + ln + 1);
    if (!p)
        return NULL;
    memcpy(p, dir, ld);
    if (slash)
        p[ld] = '/';
    memcpy(p + ld + slash, name, ln + 1);
    return p;
}

static int compare_names(const void *a, const void *b)
{
    return yd_natural_compare(*(char *const *)a, *(char *const *)b);
}

static yd_status take_file(walker *w, const char *path, const struct stat *st)
{
    int fresh = seen_insert(&w->seen, st->st_dev, st->st_ino);
    if (fresh < 0)
        return YD_ENOMEM;
    if (fresh == 0)
        return YD_OK; /* the same file through another link */
    return list_push(w->out, path);
}

static yd_status walk_directory(walker *w, const char *path, int depth);

static yd_status walk_entry(walker *w, const char *path, const char *name, int depth)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        if (errno == ENAMETOOLONG) /* every path under it would fail alike */
            report_limit(w, path, "skipped: ", YD_N_("path longer than PATH_MAX (%ld bytes)"), (long)PATH_MAX);
        else
            report(w, path, "cannot open: ", strerror(errno));
        return YD_OK;
    }
    if (S_ISDIR(st.st_mode)) {
        int fresh = seen_insert(&w->seen, st.st_dev, st.st_ino);
        if (fresh < 0)
            return YD_ENOMEM;
        if (fresh == 0) {
            report(w, path, "skipped: ", YD_N_("directory already read (symbolic link loop?)"));
            return YD_OK;
        }
        return walk_directory(w, path, depth + 1);
    }
    if (!S_ISREG(st.st_mode)) {
        if (!name)
            report(w, path, "skipped: ", YD_N_("not a regular file"));
        return YD_OK;
    }
    if (name && !yd_corpus_name_is_document(name))
        return YD_OK;
    return take_file(w, path, &st);
}

static yd_status walk_directory(walker *w, const char *path, int depth)
{
    if (depth > YD_CORPUS_MAX_DEPTH) {
        report_limit(w, path, "skipped: ", YD_N_("folders nested more than %ld deep"), (long)YD_CORPUS_MAX_DEPTH);
        return YD_OK;
    }
    DIR *dir = opendir(path);
    if (!dir) {
        report(w, path, "cannot open: ", strerror(errno));
        return YD_OK;
    }
    char **names = NULL;
    size_t count = 0, cap = 0;
    yd_status st = YD_OK;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        if (e->d_name[0] == '.')
            continue; /* ".", ".." and hidden entries */
        if (count == cap) {
            size_t ncap = cap ? cap * 2 : 32;
            char **bigger = realloc(names, ncap * sizeof *bigger);
            if (!bigger) {
                st = YD_ENOMEM;
                break;
            }
            names = bigger;
            cap = ncap;
        }
        if (!(names[count] = strdup(e->d_name))) {
            st = YD_ENOMEM;
            break;
        }
        count++;
    }
    closedir(dir);
    if (st == YD_OK && count > 1) /* names is NULL for an empty folder */
        qsort(names, count, sizeof *names, compare_names);
    for (size_t k = 0; k < count && st == YD_OK; k++) {
        char *child = join_path(path, names[k]);
        if (!child) {
            st = YD_ENOMEM;
            break;
        }
        st = walk_entry(w, child, names[k], depth);
        free(child);
    }
    for (size_t k = 0; k < count; k++)
        free(names[k]);
    free(names);
    return st;
}

yd_status yd_corpus_collect(const char *const *args, size_t nargs, yd_path_list *out, yd_diag_fn diag,
                            void *context)
{
    memset(out, 0, sizeof *out);
    walker w = {.out = out, .diag = diag, .context = context};
    yd_status st = YD_OK;
    for (size_t k = 0; k < nargs && st == YD_OK; k++)
        st = walk_entry(&w, args[k], NULL, 0);
    free(w.seen.slots);
    if (st != YD_OK)
        yd_path_list_free(out);
    return st;
}

static yd_status corpus_push(yd_corpus *c, yd_document *doc)
{
    if (c->count == c->capacity) {
        size_t cap = c->capacity ? c->capacity * 2 : 16;
        yd_document *docs = realloc(c->docs, cap * sizeof *docs);
        if (!docs)
            return YD_ENOMEM;
        c->docs = docs;
        c->capacity = cap;
    }
    c->docs[c->count++] = *doc;
    return YD_OK;
}

yd_status yd_corpus_load(yd_corpus *corpus, const char *const *args, size_t nargs, const yd_load_options *options,
                         yd_diag_fn diag, void *context)
{
    memset(corpus, 0, sizeof *corpus);
    yd_path_list paths;
    yd_status st = yd_corpus_collect(args, nargs, &paths, diag, context);
    if (st != YD_OK)
        return st;
    for (size_t k = 0; k < paths.count && st == YD_OK; k++) {
        yd_document doc;
        yd_error err = {0};
        yd_status ls = yd_document_load(&doc, paths.paths[k], options, &err);
        if (ls == YD_ENOMEM) {
            st = ls;
        } else if (ls != YD_OK) {
            if (diag)
                diag(context, paths.paths[k], err.message);
        } else {
            if (doc.notice && diag) /* read only in part: said, and kept */
                diag(context, paths.paths[k], doc.notice);
            if ((st = corpus_push(corpus, &doc)) != YD_OK)
                yd_document_free(&doc);
        }
    }
    yd_path_list_free(&paths);
    if (st != YD_OK)
        yd_corpus_free(corpus);
    return st;
}

void yd_corpus_free(yd_corpus *corpus)
{
    for (size_t k = 0; k < corpus->count; k++)
        yd_document_free(&corpus->docs[k]);
    free(corpus->docs);
    memset(corpus, 0, sizeof *corpus);
}

char *yd_absolute_path(const char *path)
{
    char *real = realpath(path, NULL);
    if (real)
        return real;
    if (path[0] == '/')
        return strdup(path);
    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof cwd))
        return strdup(path);
    size_t n = strlen(cwd) + strlen(path) + 2;
    char *out = malloc(n);
    if (out)
        snprintf(out, n, "%s/%s", cwd, path);
    return out;
}

/* The real folder standing for path in yd_corpus_root: a folder itself, a
 * file's folder (after resolving the file when it is a link). A plain file
 * in the same folder, as written, as the one before adds nothing, so a
 * corpus of 100 000 files in a few folders costs an lstat per file and a
 * realpath per folder rather than a realpath (a getcwd and a readlink per
 * component) per file. Returns 0 when path adds nothing or does not exist. */
static int real_folder(const char *path, char *last_parent, size_t last_size, char *dir, size_t size)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return 0;
    char *real = NULL;
    if (S_ISREG(st.st_mode)) {
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

int yd_corpus_root(const char *const *paths, size_t npaths, char *buf, size_t size)
{
    char common[PATH_MAX] = "";
    int have = 0;
    char last_parent[PATH_MAX] = ""; /* the parent of the last plain file, as written */
    for (size_t k = 0; k < npaths; k++) {
        char dir[PATH_MAX];
        if (!real_folder(paths[k], last_parent, sizeof last_parent, dir, sizeof dir))
            continue;
        if (!have) {
            snprintf(common, sizeof common, "%s", dir);
            have = 1;
            continue;
        }
        /* Shorten common to the longest prefix that ends at a component. */
        size_t i = 0;
        while (common[i] && common[i] == dir[i])
            i++;
        if (!(common[i] == 0 && (dir[i] == '/' || dir[i] == 0))) {
            while (i > 0 && common[i] != '/')
                i--;
            common[i == 0 ? 1 : i] = 0;
        }
    }
    if (!have)
        return -1;
    snprintf(buf, size, "%s", common);
    return 0;
}
