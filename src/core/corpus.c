/* Walking paths into a corpus of documents. */
#include "yuedu/corpus.h"

#include <dirent.h>
#include <fcntl.h>
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

#include "corpus_root.h"
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

/* Room for `count` keys at most half full, so that a folder's entries are
 * inserted without moving the set again at each doubling. -1 when out of
 * memory. */
static int seen_reserve(seen_set *s, size_t count)
{
    if (count * 2 <= s->capacity)
        return 0;
    size_t cap = s->capacity ? s->capacity : 64;
    while (count * 2 > cap)
        cap *= 2;
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
    return 0;
}

/* 1 if inserted, 0 if already present, -1 when out of memory. */
static int seen_insert(seen_set *s, dev_t dev, ino_t ino)
{
    if (seen_reserve(s, s->count + 1) != 0)
        return -1;
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
    yd_root_finder *root;    /* the corpus root, as files are taken */
    seen_set seen;
    yd_diag_fn diag;
    int (*stopped)(void *context);
    void *context;
} walker;

static yd_status go_on(walker *w) { return w->stopped && w->stopped(w->context) ? YD_ECANCELED : YD_OK; }

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

static void report_too_long(walker *w, const char *path)
{
    report_limit(w, path, "skipped: ", YD_N_("path longer than PATH_MAX (%ld bytes)"), (long)PATH_MAX);
}

/* Append path, which the list takes over (freed with it). */
static yd_status list_take(yd_path_list *list, char *path)
{
    if (list->count == list->capacity) {
        size_t cap = list->capacity ? list->capacity * 2 : 16;
        char **paths = realloc(list->paths, cap * sizeof *paths);
        if (!paths) {
            free(path);
            return YD_ENOMEM;
        }
        list->paths = paths;
        list->capacity = cap;
    }
    list->paths[list->count++] = path;
    return YD_OK;
}

void yd_path_list_free(yd_path_list *list)
{
    for (size_t k = 0; k < list->count; k++)
        free(list->paths[k]);
    free(list->paths);
    free(list->root);
    memset(list, 0, sizeof *list);
}

int yd_corpus_name_is_document(const char *name) { return yd_format_of_path(name) != YD_FORMAT_NONE; }

/* What a path is, as stat says (or, for a plain file, its folder's
 * listing): its kind and its identity for the set of places seen. */
typedef struct kind {
    mode_t mode;
    dev_t dev;
    ino_t ino;
} kind;

static yd_status walk_directory(walker *w, const char *path, dev_t dev, int depth);

/* Walk or take path, known to be `k`; name is its entry in a folder, or
 * NULL for a path named by the caller; listed: k comes from the folder's
 * listing (a plain file, no link). Takes path over (freed or kept in the
 * list). */
static yd_status walk_known(walker *w, char *path, const char *name, const kind *k, int listed, int depth)
{
    yd_status st = YD_OK;
    if (S_ISDIR(k->mode)) {
        int fresh = seen_insert(&w->seen, k->dev, k->ino);
        if (fresh < 0)
            st = YD_ENOMEM;
        else if (fresh == 0)
            report(w, path, "skipped: ", YD_N_("directory already read (symbolic link loop?)"));
        else
            st = walk_directory(w, path, k->dev, depth + 1);
    } else if (!S_ISREG(k->mode)) {
        if (!name)
            report(w, path, "skipped: ", YD_N_("not a regular file"));
    } else if (!name || yd_corpus_name_is_document(name)) {
        int fresh = seen_insert(&w->seen, k->dev, k->ino);
        if (fresh < 0) {
            st = YD_ENOMEM;
        } else if (fresh > 0) { /* else the same file through another link */
            yd_root_finder_add(w->root, path, listed);
            return list_take(w->out, path);
        }
    }
    free(path);
    return st;
}

/* One entry of a folder: its name and natural-order key, then what it is. */
typedef struct entry {
    size_t at;               /* the name's offset in the listing's text while it grows */
    const char *name;        /* then the name itself */
    const unsigned char *key;
    size_t key_length;
    unsigned char type;      /* d_type of the listing */
    int error;               /* errno of its stat; 0 when `kind` holds */
    int listed;              /* kind is the listing's (a plain file), not stat's */
    kind kind;
} entry;

/* A folder's entries, read at once, so that the folder is open only while
 * it is read (a deep tree holds no descriptor per level). */
typedef struct listing {
    char *text;              /* the names, each after the one before */
    size_t used, room;
    entry *entries;
    size_t count, capacity;
    unsigned char *keys;     /* every entry's key */
} listing;

static void listing_free(listing *l)
{
    free(l->text);
    free(l->entries);
    free(l->keys);
}

static yd_status listing_add(listing *l, const struct dirent *e)
{
    size_t n = strlen(e->d_name) + 1;
    if (l->used + n > l->room) {
        size_t room = l->room ? l->room * 2 : 4096;
        while (l->used + n > room)
            room *= 2;
        char *text = realloc(l->text, room);
        if (!text)
            return YD_ENOMEM;
        l->text = text;
        l->room = room;
    }
    if (l->count == l->capacity) {
        size_t cap = l->capacity ? l->capacity * 2 : 32;
        entry *bigger = realloc(l->entries, cap * sizeof *bigger);
        if (!bigger)
            return YD_ENOMEM;
        l->entries = bigger;
        l->capacity = cap;
    }
    memcpy(l->text + l->used, e->d_name, n);
    l->entries[l->count++] = (entry){.at = l->used, .type = e->d_type, .kind = {.ino = e->d_ino}};
    l->used += n;
    return YD_OK;
}

/* Entries the listing tells enough about not to stat them: a plain file
 * (the walk takes it by its name, with the inode the listing gives), a
 * device, pipe or socket (passed over). A link, a folder or an entry of
 * unknown type is stat'ed. */
static int listed_enough(unsigned char type) { return type != DT_DIR && type != DT_LNK && type != DT_UNKNOWN; }

/* What stat would say of an entry the listing tells enough about, when
 * the folder's listing can be trusted for it. */
static void kind_from_listing(entry *e, dev_t dev)
{
    e->kind.mode = DTTOIF(e->type);
    e->kind.dev = dev;
    e->listed = 1;
}

static void kind_from_stat(entry *e, int fd)
{
    struct stat st;
    if (fstatat(fd, e->name, &st, 0) != 0) {
        e->error = errno;
        return;
    }
    e->kind = (kind){st.st_mode, st.st_dev, st.st_ino};
}

/* Does the listing tell the truth about the folder's plain files? One of
 * them is stat'ed: the same type, the same inode, the folder's device. It
 * does not on a folder that can be listed but not searched (every stat
 * fails, and must be said for every entry as before), nor on file systems
 * whose listing gives other inodes than stat. */
static int listing_trusted(listing *l, int fd, dev_t dev)
{
    for (size_t k = 0; k < l->count; k++) {
        entry *e = &l->entries[k];
        if (!listed_enough(e->type))
            continue;
        struct stat st;
        return fstatat(fd, e->name, &st, 0) == 0 && IFTODT(st.st_mode) == e->type && st.st_ino == e->kind.ino &&
               st.st_dev == dev;
    }
    return 1;
}

/* An entry to sort, with the first eight bytes of its key as a number:
 * most names of a large folder differ there, so that most of the sort is
 * one of numbers, with no call and no reading of the entries. */
typedef struct sort_item {
    uint64_t head; /* big-endian, zero after the key's end */
    const entry *e;
} sort_item;

static uint64_t key_head(const unsigned char *key, size_t length)
{
    uint64_t head = 0;
    for (size_t k = 0; k < 8; k++)
        head = head << 8 | (k < length ? key[k] : 0);
    return head;
}

/* Heads that differ order as their keys would (a key that ends first has
 * zeros where the other has a byte, which is never less); equal heads
 * leave it to the keys, then to the names. */
static int by_natural_order(const void *a, const void *b)
{
    const sort_item *x = a, *y = b;
    if (x->head != y->head)
        return x->head < y->head ? -1 : 1;
    int c = yd_natural_key_compare(x->e->key, x->e->key_length, y->e->key, y->e->key_length);
    return c ? c : strcmp(x->e->name, y->e->name);
}

/* items in the order of their heads, by one pass of counting per byte of
 * the head (from the last byte to the first, each pass keeping the order
 * of the one before), skipping bytes every head shares: linear, where a
 * comparison sort of 100 000 names made 1.7 million calls. */
static void sort_by_head(sort_item *items, sort_item *spare, size_t n)
{
    for (int shift = 0; shift < 64; shift += 8) {
        size_t at[256] = {0};
        for (size_t k = 0; k < n; k++)
            at[items[k].head >> shift & 0xFF]++;
        if (at[items[0].head >> shift & 0xFF] == n)
            continue; /* the same byte in every head */
        for (size_t b = 0, sum = 0; b < 256; b++) {
            size_t c = at[b];
            at[b] = sum;
            sum += c;
        }
        for (size_t k = 0; k < n; k++)
            spare[at[items[k].head >> shift & 0xFF]++] = items[k];
        memcpy(items, spare, n * sizeof *items);
    }
}

static yd_status sort_entries(listing *l)
{
    if (l->count < 2)
        return YD_OK;
    sort_item *items = malloc(2 * l->count * sizeof *items);
    entry *sorted = malloc(l->count * sizeof *sorted);
    if (!items || !sorted) {
        free(items);
        free(sorted);
        return YD_ENOMEM;
    }
    for (size_t k = 0; k < l->count; k++)
        items[k] = (sort_item){key_head(l->entries[k].key, l->entries[k].key_length), &l->entries[k]};
    sort_by_head(items, items + l->count, l->count);
    for (size_t k = 0, end; k < l->count; k = end) { /* names whose heads tie: by their keys */
        for (end = k + 1; end < l->count && items[end].head == items[k].head; end++)
            ;
        if (end - k > 1)
            qsort(items + k, end - k, sizeof *items, by_natural_order);
    }
    for (size_t k = 0; k < l->count; k++)
        sorted[k] = *items[k].e;
    free(items);
    free(l->entries);
    l->entries = sorted;
    l->capacity = l->count;
    return YD_OK;
}

/* Read the folder open as dir into l: its entries that matter, what each
 * is, in natural order. Entries whose path (prefix bytes of the folder
 * and its slash, then the name) is too long stay, to be said in order. */
static yd_status list_folder(walker *w, DIR *dir, size_t prefix, dev_t dev, listing *l)
{
    struct dirent *d;
    enum { ASK_EVERY = 4096 }; /* entries listed between two questions to go on */
    for (size_t n = 1; (d = readdir(dir)) != NULL; n++) {
        yd_status st = n % ASK_EVERY ? YD_OK : go_on(w);
        if (st == YD_OK && d->d_name[0] != '.') /* ".", ".." and hidden entries are passed over */
            st = listing_add(l, d);
        if (st != YD_OK)
            return st;
    }
    for (size_t k = 0; k < l->count; k++)
        l->entries[k].name = l->text + l->entries[k].at;
    int fd = dirfd(dir);
    int trusted = listing_trusted(l, fd, dev);
    size_t kept = 0, key_room = 0;
    for (size_t k = 0; k < l->count; k++) {
        entry *e = &l->entries[k];
        size_t length = strlen(e->name);
        if (trusted && listed_enough(e->type) && prefix + length < PATH_MAX) {
            /* what stat would have found passed over is left out unsorted */
            if (e->type != DT_REG || !yd_corpus_name_is_document(e->name))
                continue;
            kind_from_listing(e, dev);
        } else {
            kind_from_stat(e, fd);
        }
        e->key_length = length; /* the name's, until its key is made */
        key_room += YD_NATURAL_KEY_MAX(length);
        l->entries[kept++] = *e;
    }
    l->count = kept;
    if (!(l->keys = malloc(key_room ? key_room : 1)))
        return YD_ENOMEM;
    size_t used = 0;
    for (size_t k = 0; k < l->count; k++) {
        entry *e = &l->entries[k];
        e->key = l->keys + used;
        e->key_length = yd_natural_key(e->name, e->key_length, l->keys + used);
        used += e->key_length;
    }
    return sort_entries(l);
}

static char *join_path(const char *dir, size_t prefix, const char *name)
{
    size_t ld = strlen(dir), ln = strlen(name);
    char *p = malloc(prefix + ln + 1);
    if (!p)
        return NULL;
    memcpy(p, dir, ld);
    if (prefix > ld)
        p[ld] = '/';
    memcpy(p + prefix, name, ln + 1);
    return p;
}

static yd_status walk_directory(walker *w, const char *path, dev_t dev, int depth)
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
    size_t ld = strlen(path);
    size_t prefix = ld + (ld > 0 && path[ld - 1] != '/');
    listing l = {0};
    yd_status st = list_folder(w, dir, prefix, dev, &l);
    closedir(dir);
    if (st == YD_OK && seen_reserve(&w->seen, w->seen.count + l.count) != 0)
        st = YD_ENOMEM;
    for (size_t k = 0; k < l.count && st == YD_OK; k++) {
        entry *e = &l.entries[k];
        char *child;
        if ((st = go_on(w)) != YD_OK)
            break;
        if (!(child = join_path(path, prefix, e->name))) {
            st = YD_ENOMEM;
        } else if (strlen(child) >= PATH_MAX) { /* every path under it would fail alike */
            report_too_long(w, child);
            free(child);
        } else if (e->error) {
            report(w, child, "cannot open: ", strerror(e->error));
            free(child);
        } else {
            st = walk_known(w, child, e->name, &e->kind, e->listed, depth);
        }
    }
    listing_free(&l);
    return st;
}

/* A path named by the caller: whatever its name, a file is read. */
static yd_status walk_named(walker *w, const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        if (errno == ENAMETOOLONG)
            report_too_long(w, path);
        else
            report(w, path, "cannot open: ", strerror(errno));
        return YD_OK;
    }
    char *copy = strdup(path);
    if (!copy)
        return YD_ENOMEM;
    kind k = {st.st_mode, st.st_dev, st.st_ino};
    return walk_known(w, copy, NULL, &k, 0, 0);
}

yd_status yd_corpus_collect_until(const char *const *args, size_t nargs, yd_path_list *out, yd_diag_fn diag,
                                  int (*stopped)(void *context), void *context)
{
    memset(out, 0, sizeof *out);
    walker w = {.out = out, .root = malloc(sizeof(yd_root_finder)), .diag = diag, .stopped = stopped, .context = context};
    if (!w.root)
        return YD_ENOMEM;
    yd_root_finder_init(w.root);
    yd_status st = YD_OK;
    for (size_t k = 0; k < nargs && st == YD_OK; k++)
        if ((st = go_on(&w)) == YD_OK)
            st = walk_named(&w, args[k]);
    if (st == YD_OK) {
        char root[PATH_MAX] = "";
        yd_root_finder_result(w.root, root, sizeof root);
        if (!(out->root = strdup(root)))
            st = YD_ENOMEM;
    }
    free(w.root);
    free(w.seen.slots);
    if (st != YD_OK)
        yd_path_list_free(out);
    return st;
}

yd_status yd_corpus_collect(const char *const *args, size_t nargs, yd_path_list *out, yd_diag_fn diag,
                            void *context)
{
    return yd_corpus_collect_until(args, nargs, out, diag, NULL, context);
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
