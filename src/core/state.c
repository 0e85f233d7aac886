/* Reading state: positions, last corpus, search history (yuedu/state.h). */
#include "yuedu/state.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bookmarks_internal.h" /* yd_bookmark_clock */
#include "store_sync.h"
#include "yaml_io.h"
#include "yuedu/atomic_file.h"
#include "yuedu/corpus.h"    /* yd_absolute_path */

enum { PARSE_OK = 0, PARSE_CORRUPT = -1, PARSE_NEWER = -2, PARSE_NOMEM = -3 };

static void clear_position(yd_state_position *p)
{
    free(p->path);
    yd_anchor_free(&p->anchor);
    memset(p, 0, sizeof *p);
}

static void clear_corpus(yd_state_corpus *c)
{
    free(c->root);
    free(c->document);
    memset(c, 0, sizeof *c);
}

static void clear_lists(yd_state *s)
{
    for (size_t k = 0; k < s->npositions; k++)
        clear_position(&s->positions[k]);
    free(s->positions);
    for (size_t k = 0; k < s->nsearches; k++)
        free(s->searches[k].pattern);
    free(s->searches);
    for (size_t k = 0; k < s->ncorpora; k++)
        clear_corpus(&s->corpora[k]);
    free(s->corpora);
    s->corpora = NULL;
    s->positions = NULL;
    s->searches = NULL;
    s->npositions = s->cap_positions = s->nsearches = s->cap_searches = s->ncorpora = s->cap_corpora = 0;
}

void yd_state_free(yd_state *s)
{
    clear_lists(s);
}

const char *yd_state_take_notice(yd_state *s)
{
    static _Thread_local char taken[sizeof s->notice];
    if (!s->notice[0])
        return NULL;
    memcpy(taken, s->notice, sizeof taken);
    s->notice[0] = 0;
    return taken;
}

static yd_status push_position(yd_state *s, yd_state_position *p)
{
    if (s->npositions == s->cap_positions) {
        size_t cap = s->cap_positions ? s->cap_positions * 2 : 16;
        yd_state_position *bigger = realloc(s->positions, cap * sizeof *bigger);
        if (!bigger)
            return YD_ENOMEM;
        s->positions = bigger;
        s->cap_positions = cap;
    }
    s->positions[s->npositions++] = *p;
    memset(p, 0, sizeof *p);
    return YD_OK;
}

static yd_status push_search(yd_state *s, const char *pattern, long long time, int dirty)
{
    if (s->nsearches == s->cap_searches) {
        size_t cap = s->cap_searches ? s->cap_searches * 2 : 16;
        yd_state_search *bigger = realloc(s->searches, cap * sizeof *bigger);
        if (!bigger)
            return YD_ENOMEM;
        s->searches = bigger;
        s->cap_searches = cap;
    }
    char *copy = strdup(pattern);
    if (!copy)
        return YD_ENOMEM;
    s->searches[s->nsearches++] = (yd_state_search){copy, time, dirty};
    return YD_OK;
}

/* Append a copy of c. */
static yd_status push_corpus(yd_state *s, const yd_state_corpus *c)
{
    if (s->ncorpora == s->cap_corpora) {
        size_t cap = s->cap_corpora ? s->cap_corpora * 2 : 8;
        yd_state_corpus *bigger = realloc(s->corpora, cap * sizeof *bigger);
        if (!bigger)
            return YD_ENOMEM;
        s->corpora = bigger;
        s->cap_corpora = cap;
    }
    yd_state_corpus copy = *c;
    copy.root = strdup(c->root);
    copy.document = strdup(c->document);
    if (!copy.root || !copy.document) {
        clear_corpus(&copy);
        return YD_ENOMEM;
    }
    s->corpora[s->ncorpora++] = copy;
    return YD_OK;
}

static yd_state_corpus *find_corpus(const yd_state *s, const char *root)
{
    for (size_t k = 0; k < s->ncorpora; k++)
        if (strcmp(s->corpora[k].root, root) == 0)
            return &s->corpora[k];
    return NULL;
}

static yd_state_position *find_position(const yd_state *s, const char *path)
{
    for (size_t k = 0; k < s->npositions; k++)
        if (strcmp(s->positions[k].path, path) == 0)
            return &s->positions[k];
    return NULL;
}

yd_status yd_state_set_position(yd_state *s, const yd_document *doc, int32_t offset)
{
    char *abs = yd_absolute_path(doc->path);
    if (!abs)
        return YD_ENOMEM;
    yd_state_position fresh = {0};
    if (yd_anchor_capture(&fresh.anchor, doc, offset, NULL) != YD_OK) {
        free(abs);
        return YD_ENOMEM;
    }
    fresh.path = abs;
    fresh.updated = yd_bookmark_clock();
    fresh.dirty = 1;
    yd_state_position *old = find_position(s, abs);
    if (old) {
        clear_position(old);
        *old = fresh;
        return YD_OK;
    }
    if (push_position(s, &fresh) != YD_OK) {
        clear_position(&fresh);
        return YD_ENOMEM;
    }
    return YD_OK;
}

int yd_state_get_position(const yd_state *s, const yd_document *doc, int32_t *offset)
{
    char *abs = yd_absolute_path(doc->path);
    if (!abs)
        return 0;
    const yd_state_position *p = find_position(s, abs);
    free(abs);
    char fp[YD_FINGERPRINT_SIZE];
    yd_fingerprint(doc, fp);
    /* Moved: the same content under another path, whose file is gone. A
     * copy never takes the place of a file that is still there. */
    struct stat st;
    for (size_t k = 0; k < s->npositions && !p; k++)
        if (strcmp(s->positions[k].anchor.fingerprint, fp) == 0 && stat(s->positions[k].path, &st) != 0)
            p = &s->positions[k];
    if (!p)
        return 0;
    yd_anchor_locate(&p->anchor, doc, fp, offset);
    return 1;
}

yd_status yd_state_set_corpus_document(yd_state *s, const char *root, const char *document, size_t index)
{
    char *abs = yd_absolute_path(document);
    if (!abs)
        return YD_ENOMEM;
    yd_state_corpus fresh = {(char *)root, abs, index, yd_bookmark_clock(), 1};
    yd_state_corpus *old = find_corpus(s, root);
    if (old) {
        free(old->document);
        old->document = abs;
        old->index = index;
        old->updated = fresh.updated;
        old->dirty = 1;
        return YD_OK;
    }
    yd_status st = push_corpus(s, &fresh);
    free(abs);
    return st;
}

int yd_state_corpus_document(const yd_state *s, const char *root, const char **document, size_t *index)
{
    const yd_state_corpus *c = find_corpus(s, root);
    if (!c)
        return 0;
    *document = c->document;
    *index = c->index;
    return 1;
}

void yd_state_set_search_limit(yd_state *s, size_t limit)
{
    s->search_limit = limit < YD_STATE_MAX_SEARCHES ? limit : YD_STATE_MAX_SEARCHES;
}

yd_status yd_state_add_search(yd_state *s, const char *pattern)
{
    if (!pattern || !*pattern)
        return YD_EINVAL;
    return push_search(s, pattern, yd_bookmark_clock(), 1);
}

/* Latest occurrence of each pattern, oldest first, at most limit. */
static void tidy_searches(yd_state *s, size_t limit)
{
    for (size_t a = 1; a < s->nsearches; a++) /* stable insertion sort by time */
        for (size_t b = a; b > 0 && s->searches[b - 1].time > s->searches[b].time; b--) {
            yd_state_search t = s->searches[b];
            s->searches[b] = s->searches[b - 1];
            s->searches[b - 1] = t;
        }
    /* Keep the last occurrence of each pattern: walk from the newest end,
     * moving kept entries towards it. */
    size_t w = s->nsearches;
    for (size_t k = s->nsearches; k-- > 0;) {
        int seen = 0;
        for (size_t j = w; j < s->nsearches && !seen; j++)
            seen = strcmp(s->searches[j].pattern, s->searches[k].pattern) == 0;
        if (seen || s->nsearches - w >= limit) {
            free(s->searches[k].pattern);
            continue;
        }
        s->searches[--w] = s->searches[k];
    }
    if (w > 0 && s->nsearches > w)
        memmove(s->searches, s->searches + w, (s->nsearches - w) * sizeof *s->searches);
    s->nsearches -= w;
}

size_t yd_state_search_count(const yd_state *s)
{
    size_t n = 0;
    for (size_t k = 0; k < s->nsearches; k++) {
        int later = 0;
        for (size_t j = k + 1; j < s->nsearches && !later; j++)
            later = strcmp(s->searches[j].pattern, s->searches[k].pattern) == 0;
        n += !later;
    }
    return n;
}

const char *yd_state_search_get(const yd_state *s, size_t k)
{
    /* Newest first, each pattern once (memory may hold repeats until the
     * next save tidies them). */
    for (size_t i = s->nsearches; i-- > 0;) {
        int later = 0;
        for (size_t j = i + 1; j < s->nsearches && !later; j++)
            later = strcmp(s->searches[j].pattern, s->searches[i].pattern) == 0;
        if (later)
            continue;
        if (k == 0)
            return s->searches[i].pattern;
        k--;
    }
    return NULL;
}

static long long get_time(yaml_document_t *doc, yaml_node_t *map, const char *key)
{
    const char *t = yd_yaml_get_str(doc, map, key);
    long long ms;
    return t && yd_time_parse(t, &ms) == 0 ? ms : 0;
}

static int parse_file(const char *data, size_t length, yd_state *out, char *problem, size_t psize)
{
    yaml_document_t doc;
    if (yd_yaml_load(&doc, data, length, problem, psize) != 0)
        return PARSE_CORRUPT;
    int result = PARSE_OK;
    long long version = 0;
    yaml_node_t *root = yaml_document_get_root_node(&doc);
    if (!root)
        goto done;
    if (root->type != YAML_MAPPING_NODE || !yd_yaml_get_long(&doc, root, "version", &version) || version < 1) {
        snprintf(problem, psize, "not a yuedu state file (no valid 'version')");
        result = PARSE_CORRUPT;
        goto done;
    }
    if (version > YD_STATE_SCHEMA) {
        snprintf(problem, psize, "written by a newer yuedu (schema version %lld; this one knows %d)", version,
                 YD_STATE_SCHEMA);
        result = PARSE_NEWER;
        goto done;
    }
    yaml_node_t *corpora = yd_yaml_get(&doc, root, "corpora");
    if (corpora && corpora->type == YAML_SEQUENCE_NODE) {
        for (yaml_node_item_t *it = corpora->data.sequence.items.start; it < corpora->data.sequence.items.top; it++) {
            yaml_node_t *n = yaml_document_get_node(&doc, *it);
            const char *folder = yd_yaml_get_str(&doc, n, "root");
            const char *document = yd_yaml_get_str(&doc, n, "document");
            long long index = 0;
            if (!n || n->type != YAML_MAPPING_NODE || !folder || !document || find_corpus(out, folder))
                continue;
            if (!yd_yaml_get_long(&doc, n, "index", &index) || index < 0)
                index = 0;
            yd_state_corpus c = {(char *)folder, (char *)document, (size_t)index, get_time(&doc, n, "updated"), 0};
            if (push_corpus(out, &c) != YD_OK) {
                result = PARSE_NOMEM;
                goto done;
            }
        }
    }
    yaml_node_t *positions = yd_yaml_get(&doc, root, "positions");
    if (positions && positions->type == YAML_SEQUENCE_NODE) {
        for (yaml_node_item_t *it = positions->data.sequence.items.start; it < positions->data.sequence.items.top;
             it++) {
            yaml_node_t *n = yaml_document_get_node(&doc, *it);
            const char *path = yd_yaml_get_str(&doc, n, "path");
            if (!n || n->type != YAML_MAPPING_NODE || !path || find_position(out, path))
                continue;
            yd_state_position p = {0};
            const char *fp = yd_yaml_get_str(&doc, n, "fingerprint");
            const char *before = yd_yaml_get_str(&doc, n, "before");
            const char *after = yd_yaml_get_str(&doc, n, "after");
            snprintf(p.anchor.fingerprint, sizeof p.anchor.fingerprint, "%s", fp ? fp : "");
            long long v;
            if (yd_yaml_get_long(&doc, n, "offset", &v) && v >= 0 && v <= INT32_MAX)
                p.anchor.offset = (int32_t)v;
            p.anchor.line = yd_yaml_get_long(&doc, n, "line", &v) && v >= 1 && v <= INT32_MAX ? (int32_t)v : 1;
            p.updated = get_time(&doc, n, "updated");
            p.path = strdup(path);
            p.anchor.before = strdup(before ? before : "");
            p.anchor.after = strdup(after ? after : "");
            if (!p.path || !p.anchor.before || !p.anchor.after || push_position(out, &p) != YD_OK) {
                clear_position(&p);
                result = PARSE_NOMEM;
                goto done;
            }
        }
    }
    yaml_node_t *searches = yd_yaml_get(&doc, root, "search_history");
    if (searches && searches->type == YAML_SEQUENCE_NODE) {
        for (yaml_node_item_t *it = searches->data.sequence.items.start; it < searches->data.sequence.items.top;
             it++) {
            yaml_node_t *n = yaml_document_get_node(&doc, *it);
            const char *pattern = yd_yaml_get_str(&doc, n, "pattern");
            if (!pattern || !*pattern)
                continue;
            if (push_search(out, pattern, get_time(&doc, n, "time"), 0) != YD_OK) {
                result = PARSE_NOMEM;
                goto done;
            }
        }
    }
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

static int emit(const yd_state *s, char **out, size_t *length, char *problem, size_t psize)
{
    yd_yaml_out y;
    yd_yaml_out_init(&y);
    int root = yd_yaml_map(&y);
    yd_yaml_put_long(&y, root, "version", YD_STATE_SCHEMA);
    int corpora = yd_yaml_seq(&y);
    yd_yaml_put_node(&y, root, "corpora", corpora);
    for (size_t k = 0; k < s->ncorpora; k++) {
        const yd_state_corpus *c = &s->corpora[k];
        int m = yd_yaml_map(&y);
        yd_yaml_append(&y, corpora, m);
        yd_yaml_put_text(&y, m, "root", c->root);
        yd_yaml_put_text(&y, m, "document", c->document);
        yd_yaml_put_long(&y, m, "index", (long long)c->index);
        put_time(&y, m, "updated", c->updated);
    }
    int positions = yd_yaml_seq(&y);
    yd_yaml_put_node(&y, root, "positions", positions);
    for (size_t k = 0; k < s->npositions; k++) {
        const yd_state_position *p = &s->positions[k];
        int m = yd_yaml_map(&y);
        yd_yaml_append(&y, positions, m);
        yd_yaml_put_text(&y, m, "path", p->path);
        yd_yaml_put_plain(&y, m, "fingerprint", p->anchor.fingerprint[0] ? p->anchor.fingerprint : "none");
        yd_yaml_put_long(&y, m, "offset", p->anchor.offset);
        yd_yaml_put_long(&y, m, "line", p->anchor.line);
        yd_yaml_put_text(&y, m, "before", p->anchor.before);
        yd_yaml_put_text(&y, m, "after", p->anchor.after);
        put_time(&y, m, "updated", p->updated);
    }
    int searches = yd_yaml_seq(&y);
    yd_yaml_put_node(&y, root, "search_history", searches);
    for (size_t k = s->nsearches; k-- > 0;) { /* most recent first */
        int m = yd_yaml_map(&y);
        yd_yaml_append(&y, searches, m);
        yd_yaml_put_text(&y, m, "pattern", s->searches[k].pattern);
        put_time(&y, m, "time", s->searches[k].time);
    }
    return yd_yaml_dump(&y, out, length, problem, psize);
}

static int by_recent(const void *pa, const void *pb)
{
    const yd_state_position *a = pa, *b = pb;
    return a->updated > b->updated ? -1 : a->updated < b->updated;
}

static int corpus_by_recent(const void *pa, const void *pb)
{
    const yd_state_corpus *a = pa, *b = pb;
    return a->updated > b->updated ? -1 : a->updated < b->updated;
}

/* Merge memory into disk (taken as the result). */
static yd_status merge(yd_state *mem, yd_state *disk, int disk_valid)
{
    for (size_t k = 0; k < mem->npositions; k++) {
        yd_state_position *m = &mem->positions[k];
        yd_state_position *d = find_position(disk, m->path);
        if (d && !(m->dirty && m->updated >= d->updated))
            continue;
        if (!d && !m->dirty && disk_valid)
            continue; /* forgotten by another instance */
        yd_state_position copy = {0};
        copy.path = strdup(m->path);
        copy.updated = m->updated;
        if (!copy.path || yd_anchor_copy(&copy.anchor, &m->anchor) != YD_OK) {
            free(copy.path);
            return YD_ENOMEM;
        }
        if (d) {
            clear_position(d);
            *d = copy;
        } else if (push_position(disk, &copy) != YD_OK) {
            clear_position(&copy);
            return YD_ENOMEM;
        }
    }
    if (disk->npositions > YD_STATE_MAX_POSITIONS) {
        qsort(disk->positions, disk->npositions, sizeof *disk->positions, by_recent);
        for (size_t k = YD_STATE_MAX_POSITIONS; k < disk->npositions; k++)
            clear_position(&disk->positions[k]);
        disk->npositions = YD_STATE_MAX_POSITIONS;
    }
    for (size_t k = 0; k < mem->nsearches; k++)
        if (mem->searches[k].dirty || !disk_valid)
            if (push_search(disk, mem->searches[k].pattern, mem->searches[k].time, 0) != YD_OK)
                return YD_ENOMEM;
    tidy_searches(disk, mem->search_limit);
    for (size_t k = 0; k < mem->ncorpora; k++) {
        const yd_state_corpus *m = &mem->corpora[k];
        yd_state_corpus *d = find_corpus(disk, m->root);
        if (d && !(m->dirty && m->updated >= d->updated))
            continue;
        if (!d && !m->dirty && disk_valid)
            continue; /* forgotten by another instance */
        if (d) {
            char *document = strdup(m->document);
            if (!document)
                return YD_ENOMEM;
            free(d->document);
            d->document = document;
            d->index = m->index;
            d->updated = m->updated;
        } else if (push_corpus(disk, m) != YD_OK) {
            return YD_ENOMEM;
        } else {
            disk->corpora[disk->ncorpora - 1].dirty = 0;
        }
    }
    if (disk->ncorpora > YD_STATE_MAX_CORPORA) {
        qsort(disk->corpora, disk->ncorpora, sizeof *disk->corpora, corpus_by_recent);
        for (size_t k = YD_STATE_MAX_CORPORA; k < disk->ncorpora; k++)
            clear_corpus(&disk->corpora[k]);
        disk->ncorpora = YD_STATE_MAX_CORPORA;
    }
    return YD_OK;
}

static int dirty_anything(const yd_state *s)
{
    if (s->rewrite)
        return 1;
    for (size_t k = 0; k < s->ncorpora; k++)
        if (s->corpora[k].dirty)
            return 1;
    for (size_t k = 0; k < s->npositions; k++)
        if (s->positions[k].dirty)
            return 1;
    for (size_t k = 0; k < s->nsearches; k++)
        if (s->searches[k].dirty)
            return 1;
    return 0;
}

/* state.yaml as a store kind (store_sync.h). */
static yd_parse_outcome kind_parse(const char *data, size_t length, void *disk, int *rewrite, char *problem,
                                   size_t psize)
{
    *rewrite = 0;
    int r = parse_file(data, length, disk, problem, psize);
    return r == PARSE_NOMEM ? YD_PARSE_NOMEM : r == PARSE_NEWER ? YD_PARSE_NEWER : r == PARSE_CORRUPT ? YD_PARSE_CORRUPT
                                                                                                   : YD_PARSE_OK;
}

static void kind_discard(void *disk) { clear_lists(disk); }

static yd_status kind_merge(void *self, void *disk, int disk_valid, int *changed)
{
    *changed = 0; /* the state is written when this process changed it */
    return merge(self, disk, disk_valid);
}

static int kind_emit(const void *disk, char **out, size_t *length, char *why, size_t wsize)
{
    return emit(disk, out, length, why, wsize);
}

static void kind_aside(void *self, const char *path, const char *problem, const char *aside, yd_parse_outcome outcome)
{
    (void)outcome;
    yd_state *s = self;
    size_t used = strlen(s->notice);
    snprintf(s->notice + used, sizeof s->notice - used, "%s%s: %s; moved aside to %s and a new file started",
             used ? "; " : "", path, problem, aside);
}

/* disk becomes the state; what is this process's own (the notice, the
 * folder, the limit) stays. */
static void kind_adopt(void *self, void *disk)
{
    yd_state *s = self;
    char notice[sizeof s->notice];
    memcpy(notice, s->notice, sizeof notice);
    char dir[sizeof s->dir];
    memcpy(dir, s->dir, sizeof dir);
    size_t limit = s->search_limit;
    clear_lists(s);
    *s = *(yd_state *)disk;
    s->search_limit = limit;
    memcpy(s->notice, notice, sizeof notice);
    memcpy(s->dir, dir, sizeof dir);
    s->rewrite = 0;
}

/* The file is gone aside and the new one could not be written: what was
 * read from it is dropped, this process's own state stays to be saved. */
static void kind_drop_read(void *self, void *disk)
{
    (void)self;
    clear_lists(disk);
}

static const yd_store_kind state_kind = {
    .file = YD_STATE_FILE,
    .kept = YD_N_("; the reading state is kept in memory and saving will be retried"),
    .size = sizeof(yd_state),
    .parse = kind_parse,
    .discard = kind_discard,
    .merge = kind_merge,
    .emit = kind_emit,
    .aside = kind_aside,
    .keep_unsaved = kind_drop_read,
    .adopt = kind_adopt,
};

static yd_status sync_state(yd_state *s, yd_error *err)
{
    return yd_store_sync(&state_kind, s, s->dir, dirty_anything(s), s->rewrite, 0, err);
}

const char *yd_state_kept_note(void) { return yd_translate(state_kind.kept); }

yd_status yd_state_open(yd_state *s, const char *dir, yd_error *err)
{
    memset(s, 0, sizeof *s);
    s->search_limit = YD_STATE_SEARCHES;
    if (dir) {
        snprintf(s->dir, sizeof s->dir, "%s", dir);
    } else {
        yd_status st = yd_store_default_dir("state", s->dir, sizeof s->dir, err);
        if (st != YD_OK)
            return st;
    }
    return sync_state(s, err);
}

yd_status yd_state_save(yd_state *s, yd_error *err)
{
    return sync_state(s, err);
}
