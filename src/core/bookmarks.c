/* Bookmarks in memory: adding, editing, deleting with undo, listing,
 * resolving against the loaded documents. Reading and writing the file is
 * in bookmarks_store.c. */
#include "yuedu/bookmarks.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bookmarks_internal.h"
#include "yuedu/atomic_file.h"
#include "yuedu/utf8_text.h"
#include <unicode/ustring.h>

void yd_bookmark_clear(yd_bookmark *b)
{
    free(b->name);
    free(b->note);
    free(b->path);
    free(b->abs_path);
    yd_anchor_free(&b->anchor);
    memset(b, 0, sizeof *b);
}

yd_status yd_bookmark_copy(yd_bookmark *dst, const yd_bookmark *src)
{
    *dst = *src;
    dst->name = strdup(src->name ? src->name : "");
    dst->note = strdup(src->note ? src->note : "");
    dst->path = strdup(src->path ? src->path : "");
    dst->abs_path = strdup(src->abs_path ? src->abs_path : "");
    dst->anchor.before = dst->anchor.after = NULL;
    yd_status st = yd_anchor_copy(&dst->anchor, &src->anchor);
    if (st != YD_OK || !dst->name || !dst->note || !dst->path || !dst->abs_path) {
        yd_bookmark_clear(dst);
        return YD_ENOMEM;
    }
    return YD_OK;
}

yd_status yd_bookmarks_push(yd_bookmarks *bm, yd_bookmark *b)
{
    if (bm->count == bm->capacity) {
        size_t cap = bm->capacity ? bm->capacity * 2 : 16;
        yd_bookmark *bigger = realloc(bm->items, cap * sizeof *bigger);
        if (!bigger)
            return YD_ENOMEM;
        bm->items = bigger;
        bm->capacity = cap;
    }
    bm->items[bm->count++] = *b;
    memset(b, 0, sizeof *b);
    return YD_OK;
}

void yd_bookmark_new_id(char id[YD_BOOKMARK_ID_SIZE])
{
    unsigned char r[8];
    if (getrandom(r, sizeof r, 0) != (ssize_t)sizeof r) {
        unsigned long long x = (unsigned long long)yd_now_ms() * 6364136223846793005ULL ^ (unsigned long long)getpid();
        for (size_t k = 0; k < sizeof r; k++, x >>= 8)
            r[k] = (unsigned char)x;
    }
    for (size_t k = 0; k < sizeof r; k++)
        snprintf(id + 2 * k, 3, "%02x", r[k]);
}

/* The latest time this process hands out: strictly increasing, so that two
 * changes made here within one millisecond still order. */
long long yd_bookmark_clock(void)
{
    static long long last;
    long long now = yd_now_ms();
    if (now <= last)
        now = last + 1;
    last = now;
    return now;
}

/* path relative to root when under it, else path itself; malloc'ed. */
static char *relative_to(const char *abs, const char *root)
{
    if (root && *root) {
        size_t n = strlen(root);
        if (strcmp(root, "/") == 0 && abs[0] == '/')
            return strdup(abs + 1);
        if (strncmp(abs, root, n) == 0 && abs[n] == '/')
            return strdup(abs + n + 1);
    }
    return strdup(abs);
}

char *yd_bookmark_default_name(const char *breadcrumb, const yd_document *doc, int32_t offset)
{
    enum { MAX_UNITS = 16 };
    UChar snip[MAX_UNITS * 2 + 2];
    int32_t n = 0, k = offset < 0 ? 0 : offset;
    while (k < doc->length && (doc->text[k] == ' ' || doc->text[k] == '\t' || doc->text[k] == 0x3000))
        k++;
    int space = 0, cut = 0;
    for (; k < doc->length && doc->text[k] != '\n'; k++) {
        UChar c = doc->text[k];
        if (c == ' ' || c == '\t' || c == 0x3000) {
            space = 1;
            continue;
        }
        if (c < 0x20 || c == 0x7f)
            continue;
        if (n >= MAX_UNITS && !U16_IS_TRAIL(c)) {
            cut = 1;
            break;
        }
        if (space && n > 0)
            snip[n++] = ' ';
        space = 0;
        snip[n++] = c;
    }
    if (cut)
        snip[n++] = 0x2026; /* … */
    char utf8[MAX_UNITS * 8 + 16];
    UErrorCode st = U_ZERO_ERROR;
    int32_t len = 0;
    u_strToUTF8WithSub(utf8, (int32_t)sizeof utf8 - 1, &len, snip, n, 0xFFFD, NULL, &st);
    if (U_FAILURE(st))
        len = 0;
    utf8[len] = 0;
    const char *crumb = breadcrumb ? breadcrumb : "";
    if (!*crumb && !*utf8) { /* a blank line with no heading above: the file's name */
        const char *base = strrchr(doc->path ? doc->path : "", '/');
        base = base ? base + 1 : doc->path ? doc->path : "";
        return *base ? yd_utf8_repair(base) : strdup("bookmark");
    }
    size_t size = strlen(crumb) + strlen(utf8) + 8;
    char *out = malloc(size);
    if (!out)
        return NULL;
    if (*crumb && *utf8)
        snprintf(out, size, "%s · %s", crumb, utf8);
    else
        snprintf(out, size, "%s", *crumb ? crumb : utf8);
    /* The breadcrumb holds titles and a file name, which need not be UTF-8. */
    if (!yd_utf8_valid(out)) {
        char *repaired = yd_utf8_repair(out);
        free(out);
        out = repaired;
    }
    return out;
}

yd_status yd_bookmarks_add(yd_bookmarks *bm, const yd_document *doc, size_t doc_index, int32_t offset,
                           const char *root, const char *name, const char *note,
                           char id_out[YD_BOOKMARK_ID_SIZE])
{
    yd_bookmark b;
    memset(&b, 0, sizeof b);
    yd_bookmark_new_id(b.id);
    b.abs_path = yd_absolute_path(doc->path);
    b.path = b.abs_path ? relative_to(b.abs_path, root) : NULL;
    /* Names and notes are stored as valid UTF-8 whatever was typed: one
     * ill-formed byte would make the whole file unwritable. */
    b.name = name && *name ? yd_utf8_repair(name) : yd_bookmark_default_name(NULL, doc, offset);
    b.note = yd_utf8_repair(note ? note : "");
    if (!b.abs_path || !b.path || !b.name || !b.note || yd_anchor_capture(&b.anchor, doc, offset, NULL) != YD_OK) {
        yd_bookmark_clear(&b);
        return YD_ENOMEM;
    }
    b.created = b.updated = yd_bookmark_clock();
    b.state = YD_BM_EXACT;
    b.doc = doc_index;
    b.offset = b.anchor.offset;
    b.dirty = 1;
    char id[YD_BOOKMARK_ID_SIZE];
    memcpy(id, b.id, sizeof id);
    if (yd_bookmarks_push(bm, &b) != YD_OK) {
        yd_bookmark_clear(&b);
        return YD_ENOMEM;
    }
    if (id_out)
        memcpy(id_out, id, YD_BOOKMARK_ID_SIZE);
    return YD_OK;
}

static yd_bookmark *find_any(yd_bookmarks *bm, const char *id)
{
    for (size_t k = 0; k < bm->count; k++)
        if (strcmp(bm->items[k].id, id) == 0)
            return &bm->items[k];
    return NULL;
}

yd_bookmark *yd_bookmarks_find(yd_bookmarks *bm, const char *id)
{
    yd_bookmark *b = find_any(bm, id);
    return b && !b->deleted ? b : NULL;
}

static yd_status set_text(yd_bookmarks *bm, const char *id, const char *value, int which)
{
    yd_bookmark *b = yd_bookmarks_find(bm, id);
    if (!b)
        return YD_EINVAL;
    char *copy = yd_utf8_repair(value ? value : "");
    if (!copy)
        return YD_ENOMEM;
    char **field = which ? &b->note : &b->name;
    free(*field);
    *field = copy;
    b->updated = yd_bookmark_clock();
    b->dirty = 1;
    return YD_OK;
}

yd_status yd_bookmarks_rename(yd_bookmarks *bm, const char *id, const char *name)
{
    if (!name || !*name)
        return YD_EINVAL;
    return set_text(bm, id, name, 0);
}

yd_status yd_bookmarks_set_note(yd_bookmarks *bm, const char *id, const char *note)
{
    return set_text(bm, id, note, 1);
}

yd_status yd_bookmarks_delete(yd_bookmarks *bm, const char *id)
{
    yd_bookmark *b = yd_bookmarks_find(bm, id);
    if (!b)
        return YD_EINVAL;
    b->updated = b->deleted = yd_bookmark_clock();
    b->dirty = 1;
    return YD_OK;
}

yd_status yd_bookmarks_undelete(yd_bookmarks *bm, const char *id)
{
    yd_bookmark *b = find_any(bm, id);
    if (!b || !b->deleted)
        return YD_EINVAL;
    b->deleted = 0;
    b->updated = yd_bookmark_clock();
    b->dirty = 1;
    return YD_OK;
}

size_t yd_bookmarks_live_count(const yd_bookmarks *bm)
{
    size_t n = 0;
    for (size_t k = 0; k < bm->count; k++)
        n += bm->items[k].deleted == 0;
    return n;
}

size_t yd_bookmarks_unsaved(const yd_bookmarks *bm)
{
    size_t n = 0;
    for (size_t k = 0; k < bm->count; k++)
        n += bm->items[k].dirty != 0;
    return n;
}

static int contains_nocase(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (const char *p = hay; *p; p++) {
        size_t i = 0;
        while (i < n && p[i]) {
            char a = p[i], b = needle[i];
            if (a >= 'A' && a <= 'Z')
                a = (char)(a - 'A' + 'a');
            if (b >= 'A' && b <= 'Z')
                b = (char)(b - 'A' + 'a');
            if (a != b)
                break;
            i++;
        }
        if (i == n)
            return 1;
    }
    return n == 0;
}

static int by_document(const void *pa, const void *pb)
{
    const yd_bookmark *a = *(yd_bookmark *const *)pa, *b = *(yd_bookmark *const *)pb;
    if (a->doc != b->doc)
        return a->doc < b->doc ? -1 : 1; /* YD_NO_DOC is largest: last */
    if (a->doc == YD_NO_DOC) {
        int c = strcmp(a->path, b->path);
        if (c)
            return c;
        if (a->anchor.offset != b->anchor.offset)
            return a->anchor.offset < b->anchor.offset ? -1 : 1;
    } else if (a->offset != b->offset) {
        return a->offset < b->offset ? -1 : 1;
    }
    if (a->created != b->created)
        return a->created < b->created ? -1 : 1;
    return strcmp(a->id, b->id);
}

static int by_recent(const void *pa, const void *pb)
{
    const yd_bookmark *a = *(yd_bookmark *const *)pa, *b = *(yd_bookmark *const *)pb;
    if (a->updated != b->updated)
        return a->updated > b->updated ? -1 : 1;
    return strcmp(a->id, b->id);
}

yd_status yd_bookmarks_list(yd_bookmarks *bm, yd_bookmark_order order, const char *filter, yd_bookmark ***out,
                            size_t *count)
{
    *out = NULL;
    *count = 0;
    size_t live = yd_bookmarks_live_count(bm);
    if (live == 0)
        return YD_OK;
    yd_bookmark **list = malloc(live * sizeof *list);
    if (!list)
        return YD_ENOMEM;
    size_t n = 0;
    for (size_t k = 0; k < bm->count; k++) {
        yd_bookmark *b = &bm->items[k];
        if (b->deleted)
            continue;
        if (filter && *filter && !contains_nocase(b->name, filter) && !contains_nocase(b->note, filter) &&
            !contains_nocase(b->path, filter))
            continue;
        list[n++] = b;
    }
    qsort(list, n, sizeof *list, order == YD_ORDER_RECENT ? by_recent : by_document);
    if (n == 0) {
        free(list);
        list = NULL;
    }
    *out = list;
    *count = n;
    return YD_OK;
}

yd_status yd_bookmarks_offsets(const yd_bookmarks *bm, size_t doc_index, int32_t **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    size_t n = 0;
    for (size_t k = 0; k < bm->count; k++)
        n += !bm->items[k].deleted && bm->items[k].doc == doc_index && bm->items[k].state != YD_BM_UNRESOLVED;
    if (n == 0 || doc_index == YD_NO_DOC)
        return YD_OK;
    int32_t *offs = malloc(n * sizeof *offs);
    if (!offs)
        return YD_ENOMEM;
    size_t i = 0;
    for (size_t k = 0; k < bm->count; k++) {
        const yd_bookmark *b = &bm->items[k];
        if (!b->deleted && b->doc == doc_index && b->state != YD_BM_UNRESOLVED)
            offs[i++] = b->offset;
    }
    /* insertion sort: a document holds few bookmarks */
    for (size_t a = 1; a < n; a++)
        for (size_t b = a; b > 0 && offs[b - 1] > offs[b]; b--) {
            int32_t t = offs[b];
            offs[b] = offs[b - 1];
            offs[b - 1] = t;
        }
    *out = offs;
    *count = n;
    return YD_OK;
}

/* Per-document facts computed at most once per resolve. */
typedef struct doc_info {
    char *abs;
    char fp[YD_FINGERPRINT_SIZE];
    int have_fp;
} doc_info;

static const char *doc_fp(doc_info *info, const yd_document *doc)
{
    if (!info->have_fp) {
        yd_fingerprint(doc, info->fp);
        info->have_fp = 1;
    }
    return info->fp;
}

/* Give b the place `offset` in docs[k] (new path and anchor). */
static void reanchor(yd_bookmark *b, const yd_document *doc, doc_info *info, int32_t offset, const char *root)
{
    yd_anchor a;
    if (yd_anchor_capture(&a, doc, offset, doc_fp(info, doc)) != YD_OK)
        return;
    char *abs = info->abs ? strdup(info->abs) : NULL;
    char *rel = info->abs ? relative_to(info->abs, root) : NULL;
    if (!abs || !rel) {
        free(abs);
        free(rel);
        yd_anchor_free(&a);
        return;
    }
    yd_anchor_free(&b->anchor);
    b->anchor = a;
    free(b->abs_path);
    free(b->path);
    b->abs_path = abs;
    b->path = rel;
    b->dirty = 1;
}

/* A path the store had to repair (a file name that is not UTF-8, written
 * with U+FFFD) names no file for stat; its file is taken to exist when an
 * entry of its folder repairs to the same name. Only the last name is
 * looked for (a folder's own name must be as stored). */
static int repaired_path_exists(const char *abs)
{
    static const char replacement[] = "\xEF\xBF\xBD";
    const char *slash = strrchr(abs, '/');
    if (!slash || !strstr(slash + 1, replacement))
        return 0;
    char *dir = slash == abs ? strdup("/") : strndup(abs, (size_t)(slash - abs));
    DIR *d = dir && !strstr(dir, replacement) ? opendir(dir) : NULL;
    int found = 0;
    for (struct dirent *e; d && !found && (e = readdir(d)) != NULL;) {
        char *repaired = yd_utf8_repair(e->d_name);
        found = repaired && strcmp(repaired, slash + 1) == 0;
        free(repaired);
    }
    if (d)
        closedir(d);
    free(dir);
    return found;
}

size_t yd_bookmarks_resolve(yd_bookmarks *bm, const yd_document *const *docs, size_t ndocs, const char *root,
                            int update)
{
    doc_info *info = calloc(ndocs ? ndocs : 1, sizeof *info);
    size_t stale = 0;
    for (size_t k = 0; info && k < ndocs; k++)
        info[k].abs = yd_absolute_path(docs[k]->path);
    for (size_t i = 0; i < bm->count; i++) {
        yd_bookmark *b = &bm->items[i];
        b->state = YD_BM_STALE;
        b->doc = YD_NO_DOC;
        b->offset = b->anchor.offset;
        if (!info) {
            stale++;
            continue;
        }
        if (b->deleted)
            continue;
        /* 1. by path: absolute first, then relative to the root */
        size_t found = YD_NO_DOC;
        for (size_t k = 0; k < ndocs && found == YD_NO_DOC; k++)
            if (info[k].abs && strcmp(info[k].abs, b->abs_path) == 0)
                found = k;
        /* A bookmark belongs to the file it was made in: while that file
         * is there, no other document takes it, not even a copy or one at
         * the same place in another corpus. It is simply not open. */
        struct stat st;
        if (found == YD_NO_DOC && stat(b->abs_path, &st) == 0) {
            b->state = YD_BM_NOT_OPEN;
            continue;
        }
        if (found == YD_NO_DOC && root && *root && b->path[0] != '/') {
            for (size_t k = 0; k < ndocs && found == YD_NO_DOC; k++) {
                char *rel = info[k].abs ? relative_to(info[k].abs, root) : NULL;
                if (rel && strcmp(rel, b->path) == 0)
                    found = k;
                free(rel);
            }
        }
        if (found != YD_NO_DOC) {
            int32_t at;
            yd_anchor_match m = yd_anchor_locate(&b->anchor, docs[found], doc_fp(&info[found], docs[found]), &at);
            b->doc = found;
            b->offset = at;
            b->state = m == YD_ANCHOR_EXACT ? YD_BM_EXACT : m == YD_ANCHOR_REANCHORED ? YD_BM_REANCHORED : YD_BM_STALE;
            int path_changed = info[found].abs && strcmp(info[found].abs, b->abs_path) != 0;
            if (update && (m == YD_ANCHOR_REANCHORED || (m == YD_ANCHOR_EXACT && path_changed)))
                reanchor(b, docs[found], &info[found], at, root);
            if (b->state == YD_BM_STALE)
                stale++;
            continue;
        }
        /* 2. moved: the same content under another path */
        for (size_t k = 0; k < ndocs && found == YD_NO_DOC; k++)
            if (strcmp(doc_fp(&info[k], docs[k]), b->anchor.fingerprint) == 0)
                found = k;
        yd_anchor_match m = YD_ANCHOR_EXACT;
        /* 3. moved and edited: the one document that holds the snippet */
        if (found == YD_NO_DOC) {
            size_t holders = 0;
            for (size_t k = 0; k < ndocs && holders < 2; k++)
                if (yd_anchor_snippet_occurs(&b->anchor, docs[k])) {
                    found = k;
                    holders++;
                }
            if (holders != 1)
                found = YD_NO_DOC;
            m = YD_ANCHOR_REANCHORED;
        }
        if (found == YD_NO_DOC) {
            /* Placed nowhere: stale, unless its file is there under a name
             * the store could only spell repaired. Looked for last, so
             * that an open document still takes it by its text first. */
            if (repaired_path_exists(b->abs_path))
                b->state = YD_BM_NOT_OPEN;
            else
                stale++;
            continue;
        }
        int32_t at = b->anchor.offset;
        if (m != YD_ANCHOR_EXACT)
            yd_anchor_locate(&b->anchor, docs[found], doc_fp(&info[found], docs[found]), &at);
        else if (at > docs[found]->length)
            at = docs[found]->length;
        b->doc = found;
        b->offset = at;
        b->state = YD_BM_MOVED;
        if (update)
            reanchor(b, docs[found], &info[found], at, root);
    }
    for (size_t k = 0; info && k < ndocs; k++)
        free(info[k].abs);
    free(info);
    bm->needs_resolve = 0;
    return stale;
}
