/* bookmarks.yaml: parsing, emitting, and the read-merge-write of
 * yd_bookmarks_open and yd_bookmarks_save (see yuedu/bookmarks.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bookmarks_internal.h"
#include "store_sync.h"
#include "yaml_io.h"
#include "yuedu/atomic_file.h"
#include "yuedu/status.h"

enum parse_result { PARSE_OK = 0, PARSE_CORRUPT = -1, PARSE_NEWER = -2, PARSE_NOMEM = -3 };

static void add_notice(yd_bookmarks *bm, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add_notice(yd_bookmarks *bm, const char *fmt, ...)
{
    size_t used = strlen(bm->notice);
    if (used > 0 && used + 2 < sizeof bm->notice) {
        memcpy(bm->notice + used, "; ", 3);
        used += 2;
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(bm->notice + used, sizeof bm->notice - used, yd_translate(fmt), ap);
    va_end(ap);
}

const char *yd_bookmarks_take_notice(yd_bookmarks *bm)
{
    static _Thread_local char taken[sizeof bm->notice];
    if (!bm->notice[0])
        return NULL;
    memcpy(taken, bm->notice, sizeof taken);
    bm->notice[0] = 0;
    return taken;
}

static void free_items(yd_bookmarks *bm)
{
    for (size_t k = 0; k < bm->count; k++)
        yd_bookmark_clear(&bm->items[k]);
    free(bm->items);
    bm->items = NULL;
    bm->count = bm->capacity = 0;
}

void yd_bookmarks_free(yd_bookmarks *bm)
{
    free_items(bm);
}

static int valid_id(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n >= YD_BOOKMARK_ID_SIZE)
        return 0;
    for (; *s; s++)
        if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || *s == '-' ||
              *s == '_'))
            return 0;
    return 1;
}

static long long get_time(yaml_document_t *doc, yaml_node_t *map, const char *key)
{
    const char *s = yd_yaml_get_str(doc, map, key);
    long long ms;
    return s && yd_time_parse(s, &ms) == 0 ? ms : 0;
}

static char *dup_or(const char *s, const char *fallback)
{
    return strdup(s ? s : fallback);
}

int yd_bookmark_parse_entry(yaml_document_t *doc, yaml_node_t *node, yd_bookmark *b, int *rewrite)
{
    memset(b, 0, sizeof *b);
    if (node->type != YAML_MAPPING_NODE)
        return -1;
    const char *id = yd_yaml_get_str(doc, node, "id");
    const char *path = yd_yaml_get_str(doc, node, "path");
    const char *abs = yd_yaml_get_str(doc, node, "absolute");
    if (!path && !abs)
        return -1; /* a place with no document is no bookmark */
    if (id && valid_id(id)) {
        snprintf(b->id, sizeof b->id, "%s", id);
    } else {
        yd_bookmark_new_id(b->id);
        *rewrite = 1;
    }
    b->name = dup_or(yd_yaml_get_str(doc, node, "name"), "");
    b->note = dup_or(yd_yaml_get_str(doc, node, "note"), "");
    b->path = dup_or(path, abs);
    b->abs_path = dup_or(abs, path);
    b->anchor.before = dup_or(yd_yaml_get_str(doc, node, "before"), "");
    b->anchor.after = dup_or(yd_yaml_get_str(doc, node, "after"), "");
    if (!b->name || !b->note || !b->path || !b->abs_path || !b->anchor.before || !b->anchor.after) {
        yd_bookmark_clear(b);
        return PARSE_NOMEM;
    }
    const char *fp = yd_yaml_get_str(doc, node, "fingerprint");
    snprintf(b->anchor.fingerprint, sizeof b->anchor.fingerprint, "%s", fp ? fp : "");
    long long v = 0;
    if (yd_yaml_get_long(doc, node, "offset", &v) && v >= 0 && v <= INT32_MAX)
        b->anchor.offset = (int32_t)v;
    v = 1;
    if (yd_yaml_get_long(doc, node, "line", &v) && v >= 1 && v <= INT32_MAX)
        b->anchor.line = (int32_t)v;
    else
        b->anchor.line = 1;
    b->created = get_time(doc, node, "created");
    b->updated = get_time(doc, node, "updated");
    if (b->updated < b->created)
        b->updated = b->created;
    b->deleted = get_time(doc, node, "deleted");
    if (b->deleted && b->updated < b->deleted)
        b->updated = b->deleted;
    v = 0;
    if (yd_yaml_get_long(doc, node, "length", &v) && v > 0 && v <= INT32_MAX)
        b->length = (int32_t)v;
    v = 0;
    if (yd_yaml_get_long(doc, node, "style", &v) && v >= 0 && v < YD_HIGHLIGHT_STYLES)
        b->style = (int)v;
    b->state = YD_BM_UNRESOLVED;
    b->doc = YD_NO_DOC;
    b->offset = b->anchor.offset;
    return 0;
}

static yd_bookmark *find_in(yd_bookmarks *bm, const char *id)
{
    for (size_t k = 0; k < bm->count; k++)
        if (strcmp(bm->items[k].id, id) == 0)
            return &bm->items[k];
    return NULL;
}

/* Parse data into out (empty on entry). *bad counts entries that could not
 * be read (left out); *rewrite is set when the file must be written back
 * (ids were missing). */
static int parse_file(const char *data, size_t length, yd_bookmarks *out, int *bad, int *rewrite, long long *version,
                      char *problem, size_t psize)
{
    *bad = 0;
    *version = 0;
    yaml_document_t doc;
    if (yd_yaml_load(&doc, data, length, problem, psize) != 0)
        return PARSE_CORRUPT;
    int result = PARSE_OK;
    yaml_node_t *root = yaml_document_get_root_node(&doc);
    if (!root)
        goto done; /* empty file: an empty store */
    if (root->type != YAML_MAPPING_NODE) {
        snprintf(problem, psize, "not a mapping with 'version' and 'bookmarks'");
        result = PARSE_CORRUPT;
        goto done;
    }
    if (!yd_yaml_get_long(&doc, root, "version", version) || *version < 1) {
        snprintf(problem, psize, "no valid 'version'");
        result = PARSE_CORRUPT;
        goto done;
    }
    if (*version > YD_BOOKMARKS_SCHEMA) {
        snprintf(problem, psize, "written by a newer yuedu (schema version %lld; this one knows %d)", *version,
                 YD_BOOKMARKS_SCHEMA);
        result = PARSE_NEWER;
        goto done;
    }
    yaml_node_t *list = yd_yaml_get(&doc, root, "bookmarks");
    if (!list)
        goto done;
    if (list->type == YAML_SCALAR_NODE && list->data.scalar.length == 0)
        goto done; /* "bookmarks:" with nothing */
    if (list->type != YAML_SEQUENCE_NODE) {
        snprintf(problem, psize, "'bookmarks' is not a list");
        result = PARSE_CORRUPT;
        goto done;
    }
    for (yaml_node_item_t *it = list->data.sequence.items.start; it < list->data.sequence.items.top; it++) {
        yaml_node_t *node = yaml_document_get_node(&doc, *it);
        yd_bookmark b;
        int r = node ? yd_bookmark_parse_entry(&doc, node, &b, rewrite) : -1;
        if (r == PARSE_NOMEM) {
            result = PARSE_NOMEM;
            goto done;
        }
        if (r < 0) {
            (*bad)++;
            continue;
        }
        yd_bookmark *same = find_in(out, b.id);
        if (same) { /* a duplicate id (edited by hand): the later one */
            *rewrite = 1;
            if (same->updated >= b.updated) {
                yd_bookmark_clear(&b);
                continue;
            }
            yd_bookmark_clear(same);
            *same = b;
            continue;
        }
        if (yd_bookmarks_push(out, &b) != YD_OK) {
            yd_bookmark_clear(&b);
            result = PARSE_NOMEM;
            goto done;
        }
    }
    if (*bad)
        snprintf(problem, psize, "%d entr%s could not be read", *bad, *bad == 1 ? "y" : "ies");
done:
    yaml_document_delete(&doc);
    return result;
}

static void put_time(yd_yaml_out *y, int map, const char *key, long long ms)
{
    char buf[40];
    yd_time_format(ms, buf, sizeof buf);
    yd_yaml_put_plain(y, map, key, buf);
}

static int by_creation(const void *pa, const void *pb)
{
    const yd_bookmark *a = pa, *b = pb;
    if (a->created != b->created)
        return a->created < b->created ? -1 : 1;
    return strcmp(a->id, b->id);
}

static const char *state_name(yd_bookmark_state st)
{
    switch (st) {
    case YD_BM_EXACT: return "exact";
    case YD_BM_REANCHORED: return "reanchored";
    case YD_BM_MOVED: return "moved";
    case YD_BM_STALE: return "stale";
    case YD_BM_NOT_OPEN: return "not-open";
    default: return "unresolved";
    }
}

const char *yd_bookmark_state_name(yd_bookmark_state state)
{
    return state_name(state);
}

/* Bookmarks as YAML: the file (with_state 0, tombstones included) or an
 * export (with_state 1: a `state` key when resolved). */
static int emit_list(const yd_bookmark *const *items, size_t n, int with_state, char **out, size_t *length,
                     char *problem, size_t psize)
{
    yd_yaml_out y;
    yd_yaml_out_init(&y);
    int root = yd_yaml_map(&y);
    yd_yaml_put_long(&y, root, "version", YD_BOOKMARKS_SCHEMA);
    int list = yd_yaml_seq(&y);
    yd_yaml_put_node(&y, root, "bookmarks", list);
    for (size_t k = 0; k < n && y.ok; k++) {
        const yd_bookmark *b = items[k];
        int m = yd_yaml_map(&y);
        yd_yaml_append(&y, list, m);
        yd_yaml_put_plain(&y, m, "id", b->id);
        yd_yaml_put_text(&y, m, "name", b->name);
        yd_yaml_put_text(&y, m, "note", b->note);
        yd_yaml_put_text(&y, m, "path", b->path);
        yd_yaml_put_text(&y, m, "absolute", b->abs_path);
        yd_yaml_put_plain(&y, m, "fingerprint", b->anchor.fingerprint[0] ? b->anchor.fingerprint : "none");
        yd_yaml_put_long(&y, m, "offset", b->anchor.offset);
        yd_yaml_put_long(&y, m, "line", b->anchor.line);
        if (b->length > 0) { /* a highlight */
            yd_yaml_put_long(&y, m, "length", b->length);
            yd_yaml_put_long(&y, m, "style", b->style);
        }
        yd_yaml_put_text(&y, m, "before", b->anchor.before);
        yd_yaml_put_text(&y, m, "after", b->anchor.after);
        put_time(&y, m, "created", b->created);
        put_time(&y, m, "updated", b->updated);
        if (b->deleted)
            put_time(&y, m, "deleted", b->deleted);
        if (with_state && b->state != YD_BM_UNRESOLVED)
            yd_yaml_put_plain(&y, m, "state", state_name(b->state));
    }
    return yd_yaml_dump(&y, out, length, problem, psize);
}

static int emit(const yd_bookmarks *bm, char **out, size_t *length, char *problem, size_t psize)
{
    const yd_bookmark **items = malloc((bm->count ? bm->count : 1) * sizeof *items);
    if (!items) {
        snprintf(problem, psize, "out of memory");
        return -1;
    }
    for (size_t k = 0; k < bm->count; k++)
        items[k] = &bm->items[k];
    int r = emit_list(items, bm->count, 0, out, length, problem, psize);
    free(items);
    return r;
}

yd_status yd_bookmarks_export_yaml(yd_bookmark *const *list, size_t count, char **out, size_t *length)
{
    char problem[200];
    return emit_list((const yd_bookmark *const *)list, count, 1, out, length, problem, sizeof problem) == 0 ? YD_OK
                                                                                                            : YD_ENOMEM;
}

yd_status yd_bookmarks_write_copy(yd_bookmarks *bm, const char *path, yd_error *err)
{
    yd_bookmark **list;
    size_t count;
    char *data = NULL;
    size_t length = 0;
    if (yd_bookmarks_list(bm, YD_ORDER_DOCUMENT, NULL, &list, &count) != YD_OK ||
        yd_bookmarks_export_yaml(list, count, &data, &length) != YD_OK) {
        free(list);
        return yd_error_set(err, YD_ENOMEM, "%s: out of memory", path);
    }
    free(list);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
        int e = errno;
        free(data);
        return yd_error_set(err, YD_EIO, "%s: %s", path, strerror(e));
    }
    size_t done = 0;
    errno = 0;
    while (done < length) {
        ssize_t n = write(fd, data + done, length - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        done += (size_t)n;
    }
    int e = done < length ? (errno ? errno : EIO) : 0;
    if (!e && fsync(fd) != 0)
        e = errno;
    if (close(fd) != 0 && !e)
        e = errno;
    free(data);
    if (e) {
        unlink(path); /* a partial copy would look like a whole one */
        return yd_error_set(err, YD_EIO, "%s: %s", path, strerror(e));
    }
    return YD_OK;
}

static int same_anchor(const yd_bookmark *a, const yd_bookmark *b)
{
    return a->anchor.offset == b->anchor.offset && strcmp(a->anchor.fingerprint, b->anchor.fingerprint) == 0 &&
           strcmp(a->abs_path, b->abs_path) == 0;
}

static void keep_resolution(yd_bookmark *to, const yd_bookmark *from)
{
    to->state = from->state;
    to->doc = from->doc;
    to->offset = from->offset;
}

/* Merge memory (bm) into the disk set (result). */
static yd_status merge(yd_bookmarks *bm, yd_bookmarks *result, int disk_valid, int *changed)
{
    for (size_t k = 0; k < bm->count; k++) {
        const yd_bookmark *m = &bm->items[k];
        yd_bookmark *r = find_in(result, m->id);
        if (r && m->dirty && m->updated >= r->updated) {
            yd_bookmark copy;
            if (yd_bookmark_copy(&copy, m) != YD_OK)
                return YD_ENOMEM;
            copy.dirty = 0;
            yd_bookmark_clear(r);
            *r = copy;
            *changed = 1;
        } else if (r) {
            if (same_anchor(r, m))
                keep_resolution(r, m);
        } else if (m->dirty || !disk_valid) {
            yd_bookmark copy;
            if (yd_bookmark_copy(&copy, m) != YD_OK)
                return YD_ENOMEM;
            copy.dirty = 0;
            if (yd_bookmarks_push(result, &copy) != YD_OK) {
                yd_bookmark_clear(&copy);
                return YD_ENOMEM;
            }
            *changed = 1;
        }
        /* else: deleted elsewhere and its tombstone expired: let it go */
    }
    /* Tombstones past their time are dropped. */
    long long horizon = yd_now_ms() - (long long)YD_TOMBSTONE_DAYS * 24 * 3600 * 1000;
    size_t w = 0;
    for (size_t k = 0; k < result->count; k++) {
        yd_bookmark *b = &result->items[k];
        if (b->deleted && b->deleted < horizon) {
            yd_bookmark_clear(b);
            *changed = 1;
            continue;
        }
        if (!b->deleted && b->state == YD_BM_UNRESOLVED)
            result->needs_resolve = 1;
        result->items[w++] = *b;
    }
    result->count = w;
    if (result->count > 1)
        qsort(result->items, result->count, sizeof *result->items, by_creation);
    return YD_OK;
}

/* bookmarks.yaml as a store kind (store_sync.h). */
static yd_parse_outcome kind_parse(const char *data, size_t length, void *disk, int *rewrite, char *problem,
                                   size_t psize)
{
    int bad = 0;
    long long version = 0;
    int r = parse_file(data, length, disk, &bad, rewrite, &version, problem, psize);
    return r == PARSE_NOMEM     ? YD_PARSE_NOMEM
           : r == PARSE_NEWER   ? YD_PARSE_NEWER
           : r == PARSE_CORRUPT ? YD_PARSE_CORRUPT
           : bad > 0            ? YD_PARSE_PARTIAL
                                : YD_PARSE_OK;
}

static void kind_discard(void *disk) { free_items(disk); }

static yd_status kind_merge(void *self, void *disk, int disk_valid, int *changed)
{
    ((yd_bookmarks *)disk)->needs_resolve = 0;
    return merge(self, disk, disk_valid, changed);
}

static int kind_emit(const void *disk, char **out, size_t *length, char *why, size_t wsize)
{
    return emit(disk, out, length, why, wsize);
}

static void kind_aside(void *self, const char *path, const char *problem, const char *aside, yd_parse_outcome outcome)
{
    if (outcome == YD_PARSE_CORRUPT)
        add_notice(self, "%s: %s; moved aside to %s and a new file started", path, problem, aside);
    else
        add_notice(self, "%s: %s; the file was moved aside to %s and the readable bookmarks kept", path, problem,
                   aside);
}

static void kind_adopt(void *self, void *disk)
{
    yd_bookmarks *bm = self, *d = disk;
    free_items(bm);
    bm->items = d->items;
    bm->count = d->count;
    bm->capacity = d->capacity;
    bm->needs_resolve = d->needs_resolve;
    bm->rewrite = 0;
}

/* The file is gone aside and the new one could not be written: what was
 * read from it lives only here now, so all of it becomes a change to retry. */
static void kind_keep_unsaved(void *self, void *disk)
{
    yd_bookmarks *d = disk;
    for (size_t k = 0; k < d->count; k++)
        d->items[k].dirty = 1;
    kind_adopt(self, disk);
}

/* The steps of both files. */
#define BOOKMARK_STORE_STEPS                                                     \
    .kept = YD_N_("; your changes are kept in memory and saving will be retried"), \
    .size = sizeof(yd_bookmarks), .parse = kind_parse, .discard = kind_discard,   \
    .merge = kind_merge, .emit = kind_emit, .aside = kind_aside,                  \
    .keep_unsaved = kind_keep_unsaved, .adopt = kind_adopt

static const yd_store_kind bookmarks_kind = {
    .file = YD_BOOKMARKS_FILE,
    BOOKMARK_STORE_STEPS,
};

/* highlights.yaml: the same steps on another file. */
static const yd_store_kind highlights_kind = {
    .file = YD_HIGHLIGHTS_FILE,
    BOOKMARK_STORE_STEPS,
};

/* The transaction behind open and save. */
static yd_status sync_store(yd_bookmarks *bm, int read_only, yd_error *err)
{
    int dirty = bm->rewrite;
    for (size_t k = 0; k < bm->count; k++)
        dirty |= bm->items[k].dirty;
    return yd_store_sync(bm->highlights ? &highlights_kind : &bookmarks_kind, bm, bm->dir, dirty, bm->rewrite,
                         read_only, err);
}

static yd_status open_store(yd_bookmarks *bm, const char *dir, int read_only, int highlights, yd_error *err)
{
    memset(bm, 0, sizeof *bm);
    bm->highlights = highlights;
    if (dir) {
        snprintf(bm->dir, sizeof bm->dir, "%s", dir);
    } else {
        yd_status st = yd_store_default_dir("data", bm->dir, sizeof bm->dir, err);
        if (st != YD_OK)
            return st;
    }
    return sync_store(bm, read_only, err);
}

yd_status yd_bookmarks_open(yd_bookmarks *bm, const char *dir, int read_only, yd_error *err)
{
    return open_store(bm, dir, read_only, 0, err);
}

yd_status yd_highlights_open(yd_bookmarks *store, const char *dir, int read_only, yd_error *err)
{
    return open_store(store, dir, read_only, 1, err);
}

yd_status yd_bookmarks_save(yd_bookmarks *bm, yd_error *err)
{
    return sync_store(bm, 0, err);
}
