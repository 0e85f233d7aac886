/* An EPUB book (2 or 3) rendered into the plain-text model
 * (yuedu/markup.h): the zip opened in memory with caps (zip_entries.c),
 * META-INF/container.xml to the package document, its spine in reading
 * order as one document, each chapter walked as an HTML page is (html.c,
 * book mode), the nav document (EPUB 3) or the NCX (EPUB 2) turned into
 * heading levels. docs/FORMATS.md says what is kept and why one document
 * per book. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ustring.h>

#include "document_internal.h"
#include "html_walk.h"
#include "markup_builder.h"
#include "xml_read.h"
#include "zip_entries.h"

#define MAX_ITEMS 100000  /* manifest items and spine entries */
#define MAX_TOC 20000     /* table of contents entries */

typedef struct item {
    char *id, *href, *media, *properties;
} item;

typedef struct toc_entry {
    char *file, *fragment, *label;
    int depth;
    int32_t target, end; /* the text line it points at and its chapter's end; -1: not met */
} toc_entry;

typedef struct book {
    yd_zip zip;
    char *package; /* the package document's entry name */
    item *items;
    size_t item_count;
    size_t *spine;  /* indices into items */
    size_t spine_count;
    char *toc_id;   /* the spine's toc attribute (EPUB 2) */
    toc_entry *toc;
    size_t toc_count, toc_cap;
    toc_entry **by_place;  /* the toc ordered by file and fragment, to find an anchor's entries */
    toc_entry **set_now;   /* the entries pointed at in the chapter being walked */
    size_t set_count;
    yd_markup_builder b;
    const char *chapter; /* the entry being walked */
    yd_xml_faults faults; /* parts read in spite of malformed XML */
    int oom;
} book;

static void book_free(book *k)
{
    for (size_t i = 0; i < k->item_count; i++) {
        free(k->items[i].id);
        free(k->items[i].href);
        free(k->items[i].media);
        free(k->items[i].properties);
    }
    free(k->items);
    free(k->spine);
    free(k->toc_id);
    for (size_t i = 0; i < k->toc_count; i++) {
        free(k->toc[i].file);
        free(k->toc[i].fragment);
        free(k->toc[i].label);
    }
    free(k->toc);
    free(k->by_place);
    free(k->set_now);
    free(k->package);
    yd_mb_free(&k->b);
    yd_zip_close(&k->zip);
}

/* An XML part of the book, parsed; NULL with err set when it cannot be
 * read (missing, over a cap) or holds no XML. */
static xmlDocPtr read_part(book *k, const char *name, yd_error *err, yd_status *st)
{
    xmlDocPtr x;
    *st = yd_xml_read_entry(&k->zip, name, &x, err, &k->faults);
    return x;
}

/* container.xml names the package document. */
static yd_status find_package(book *k, yd_error *err)
{
    if (!yd_zip_has(&k->zip, "META-INF/container.xml"))
        return yd_error_set(err, YD_EFORMAT, "not an EPUB book: it has no META-INF/container.xml");
    yd_status st;
    xmlDocPtr x = read_part(k, "META-INF/container.xml", err, &st);
    if (!x)
        return st;
    char *first = NULL;
    for (xmlNode *n = xmlDocGetRootElement(x); n && !k->package; n = yd_xml_next(n, xmlDocGetRootElement(x), 0)) {
        if (!yd_xml_is(n, "rootfile"))
            continue;
        char *path = yd_xml_attr(n, "full-path"), *media = yd_xml_attr(n, "media-type");
        if (path && *path) {
            if (media && strcmp(media, "application/oebps-package+xml") == 0) {
                k->package = path;
                path = NULL;
            } else if (!first) {
                first = path;
                path = NULL;
            }
        }
        free(path);
        free(media);
    }
    xmlFreeDoc(x);
    if (!k->package)
        k->package = first;
    else
        free(first);
    if (!k->package)
        return yd_error_set(err, YD_EFORMAT, "damaged book: its container names no package document");
    return YD_OK;
}

static int has_word(const char *list, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = list; p && (p = strstr(p, word)) != NULL; p += n)
        if ((p == list || p[-1] == ' ') && (p[n] == 0 || p[n] == ' '))
            return 1;
    return 0;
}

/* An itemref of the spine and how many manifest items came before it: it
 * names the first of those with its id. */
typedef struct itemref {
    const xmlNode *node;
    size_t items_before;
} itemref;

/* A manifest item's id and its place in the manifest. */
typedef struct id_place {
    const char *id;
    size_t index;
} id_place;

/* By id (items without one last), then by place. */
static int by_id(const void *x, const void *y)
{
    const id_place *a = x, *b = y;
    if (a->id && b->id) {
        int c = strcmp(a->id, b->id);
        if (c)
            return c;
    } else if (a->id || b->id) {
        return a->id ? -1 : 1;
    }
    return (a->index > b->index) - (a->index < b->index);
}

/* The spine's itemrefs looked up in the manifest sorted by id, so that a
 * package of many items costs no time per item and itemref. */
static yd_status read_spine_refs(book *k, const itemref *refs, size_t ref_count)
{
    if (ref_count == 0 || k->item_count == 0)
        return YD_OK;
    id_place *order = malloc(k->item_count * sizeof *order);
    if (!order)
        return YD_ENOMEM;
    for (size_t i = 0; i < k->item_count; i++)
        order[i] = (id_place){k->items[i].id, i};
    qsort(order, k->item_count, sizeof *order, by_id);
    size_t spine_cap = 0;
    yd_status st = YD_OK;
    for (size_t r = 0; r < ref_count && st == YD_OK; r++) {
        if (k->spine_count >= MAX_ITEMS)
            break;
        char *idref = yd_xml_attr(refs[r].node, "idref");
        size_t lo = 0, hi = k->item_count; /* the first item of this id in order */
        while (idref && lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (order[mid].id && strcmp(order[mid].id, idref) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        size_t i = idref && lo < k->item_count && order[lo].id && strcmp(order[lo].id, idref) == 0 ? order[lo].index
                                                                                                   : SIZE_MAX;
        if (i < refs[r].items_before) {
            if (k->spine_count == spine_cap) {
                size_t c = spine_cap ? spine_cap * 2 : 64;
                size_t *bigger = realloc(k->spine, c * sizeof *bigger);
                if (bigger) {
                    k->spine = bigger;
                    spine_cap = c;
                } else {
                    st = YD_ENOMEM;
                }
            }
            if (st == YD_OK)
                k->spine[k->spine_count++] = i;
        }
        free(idref);
    }
    free(order);
    return st;
}

/* The package document: manifest and spine. */
static yd_status read_package(book *k, yd_error *err)
{
    yd_status st;
    xmlDocPtr x = read_part(k, k->package, err, &st);
    if (!x)
        return st;
    xmlNode *root = xmlDocGetRootElement(x);
    size_t cap = 0, ref_count = 0, ref_cap = 0;
    itemref *refs = NULL;
    for (xmlNode *n = root; n && st == YD_OK; n = yd_xml_next(n, root, 0)) {
        if (yd_xml_is(n, "item") && k->item_count < MAX_ITEMS) {
            if (k->item_count == cap) {
                size_t c = cap ? cap * 2 : 64;
                item *bigger = realloc(k->items, c * sizeof *bigger);
                if (!bigger) {
                    st = YD_ENOMEM;
                    break;
                }
                k->items = bigger;
                cap = c;
            }
            char *href = yd_xml_attr(n, "href");
            item it = {yd_xml_attr(n, "id"), href ? yd_zip_resolve(k->package, href, NULL) : NULL,
                       yd_xml_attr(n, "media-type"), yd_xml_attr(n, "properties")};
            free(href);
            k->items[k->item_count++] = it;
        } else if (yd_xml_is(n, "spine")) {
            free(k->toc_id);
            k->toc_id = yd_xml_attr(n, "toc");
        } else if (yd_xml_is(n, "itemref")) {
            if (ref_count == ref_cap) {
                size_t c = ref_cap ? ref_cap * 2 : 64;
                itemref *bigger = realloc(refs, c * sizeof *bigger);
                if (!bigger) {
                    st = YD_ENOMEM;
                    break;
                }
                refs = bigger;
                ref_cap = c;
            }
            refs[ref_count++] = (itemref){n, k->item_count};
        }
    }
    if (st == YD_OK)
        st = read_spine_refs(k, refs, ref_count);
    free(refs);
    xmlFreeDoc(x);
    if (st == YD_ENOMEM)
        return yd_error_set(err, st, "out of memory reading the book");
    if (k->spine_count == 0)
        return yd_error_set(err, YD_EFORMAT, "damaged book: its spine names no chapter");
    return YD_OK;
}

static int in_spine(const book *k, const char *name)
{
    for (size_t s = 0; s < k->spine_count; s++) {
        const char *h = k->items[k->spine[s]].href;
        if (h && strcmp(h, name) == 0)
            return 1;
    }
    return 0;
}

/* META-INF/encryption.xml lists what is encrypted: fonts obfuscated by the
 * publisher are fine, an encrypted chapter is DRM. */
static yd_status check_encryption(book *k, yd_error *err)
{
    if (!yd_zip_has(&k->zip, "META-INF/encryption.xml"))
        return YD_OK;
    yd_status st;
    yd_error ignored;
    xmlDocPtr x = read_part(k, "META-INF/encryption.xml", &ignored, &st);
    if (!x && st == YD_EFORMAT) /* an unreadable list says nothing: an encrypted chapter reads as noise */
        return YD_OK;
    if (!x) {
        if (err)
            *err = ignored;
        return st;
    }
    int drm = 0;
    xmlNode *root = xmlDocGetRootElement(x);
    for (xmlNode *n = root; n && !drm; n = yd_xml_next(n, root, 0)) {
        if (!yd_xml_is(n, "CipherReference"))
            continue;
        char *uri = yd_xml_attr(n, "URI");
        char *name = uri ? yd_zip_resolve("", uri, NULL) : NULL;
        drm = name && in_spine(k, name);
        free(name);
        free(uri);
    }
    xmlFreeDoc(x);
    if (drm)
        return yd_error_set(err, YD_EFORMAT, "DRM-protected book: its chapters are encrypted");
    return YD_OK;
}

static void add_toc(book *k, const char *base, const char *href, char *label, int depth)
{
    if (k->toc_count >= MAX_TOC || !href || !label || !*label) {
        free(label);
        return;
    }
    if (k->toc_count == k->toc_cap) {
        size_t c = k->toc_cap ? k->toc_cap * 2 : 32;
        toc_entry *bigger = realloc(k->toc, c * sizeof *bigger);
        if (!bigger) {
            free(label);
            k->oom = 1;
            return;
        }
        k->toc = bigger;
        k->toc_cap = c;
    }
    char *fragment;
    char *file = yd_zip_resolve(base, href, &fragment);
    if (!file) {
        free(label);
        return;
    }
    k->toc[k->toc_count++] = (toc_entry){file, fragment, label, depth, -1, -1};
}

/* How many ancestors of n below root are named local. */
static int depth_in(const xmlNode *n, const xmlNode *root, const char *local)
{
    int d = 0;
    for (const xmlNode *p = n; p && p != root; p = p->parent)
        d += yd_xml_is(p, local);
    return d;
}

/* EPUB 3: the nav document's toc: nested ol > li > a (or span). */
static void read_nav(book *k, const char *name)
{
    yd_error ignored;
    yd_status st;
    xmlDocPtr x = read_part(k, name, &ignored, &st);
    if (!x)
        return;
    xmlNode *root = xmlDocGetRootElement(x), *nav = NULL;
    for (xmlNode *n = root; n; n = yd_xml_next(n, root, 0)) {
        if (!yd_xml_is(n, "nav"))
            continue;
        char *type = yd_xml_attr(n, "type");
        int toc = type && has_word(type, "toc");
        free(type);
        if (toc || !nav)
            nav = n;
        if (toc)
            break;
    }
    for (xmlNode *n = nav; n; n = yd_xml_next(n, nav, 0)) {
        if (!yd_xml_is(n, "a"))
            continue;
        char *href = yd_xml_attr(n, "href");
        add_toc(k, name, href, yd_xml_text(n), depth_in(n, nav, "ol"));
        free(href);
    }
    xmlFreeDoc(x);
}

/* EPUB 2: the NCX's navMap: nested navPoint > navLabel > text, content src. */
static void read_ncx(book *k, const char *name)
{
    yd_error ignored;
    yd_status st;
    xmlDocPtr x = read_part(k, name, &ignored, &st);
    if (!x)
        return;
    xmlNode *root = xmlDocGetRootElement(x), *map = yd_xml_find(root, "navMap");
    for (xmlNode *n = map; n; n = yd_xml_next(n, map, 0)) {
        if (!yd_xml_is(n, "navPoint"))
            continue;
        char *label = NULL, *src = NULL;
        for (xmlNode *c = n->children; c; c = c->next) {
            if (yd_xml_is(c, "navLabel") && !label)
                label = yd_xml_text(c);
            else if (yd_xml_is(c, "content") && !src)
                src = yd_xml_attr(c, "src");
        }
        add_toc(k, name, src, label, depth_in(n, map, "navPoint"));
        free(src);
    }
    xmlFreeDoc(x);
}

static void read_toc(book *k)
{
    for (size_t i = 0; i < k->item_count; i++)
        if (k->items[i].href && k->items[i].properties && has_word(k->items[i].properties, "nav")) {
            read_nav(k, k->items[i].href);
            if (k->toc_count > 0)
                return;
        }
    for (size_t i = 0; i < k->item_count; i++) {
        const item *it = &k->items[i];
        if (it->href && ((k->toc_id && it->id && strcmp(it->id, k->toc_id) == 0) ||
                         (it->media && strcmp(it->media, "application/x-dtbncx+xml") == 0))) {
            read_ncx(k, it->href);
            return;
        }
    }
}

/* The toc by file, then fragment (none first), then place. */
static int by_place(const void *x, const void *y)
{
    const toc_entry *a = *(toc_entry *const *)x, *b = *(toc_entry *const *)y;
    int c = strcmp(a->file, b->file);
    if (c == 0)
        c = strcmp(a->fragment ? a->fragment : "", b->fragment ? b->fragment : "");
    return c ? c : (a > b) - (a < b);
}

/* The toc ordered by place, so that an anchor finds its entries without
 * going through them all (a chapter may hold a million ids, a toc twenty
 * thousand entries). */
static int index_toc(book *k)
{
    if (k->toc_count == 0)
        return 0;
    k->by_place = malloc(k->toc_count * sizeof *k->by_place);
    k->set_now = malloc(k->toc_count * sizeof *k->set_now);
    if (!k->by_place || !k->set_now)
        return -1;
    for (size_t i = 0; i < k->toc_count; i++)
        k->by_place[i] = &k->toc[i];
    qsort(k->by_place, k->toc_count, sizeof *k->by_place, by_place);
    return 0;
}

/* The toc entries of file and fragment ("": none) point at line, unless
 * they point somewhere already; those of one place are all set at once,
 * here, so the first says for them all. */
static void point_here(book *k, const char *file, const char *fragment, int32_t line)
{
    size_t lo = 0, hi = k->toc_count;
    while (lo < hi) { /* the first entry of this place */
        size_t mid = lo + (hi - lo) / 2;
        const toc_entry *e = k->by_place[mid];
        int c = strcmp(e->file, file);
        if (c == 0)
            c = strcmp(e->fragment ? e->fragment : "", fragment);
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t p = lo; p < k->toc_count; p++) {
        toc_entry *e = k->by_place[p];
        if (e->target >= 0 || strcmp(e->file, file) != 0 || strcmp(e->fragment ? e->fragment : "", fragment) != 0)
            break;
        e->target = line;
        k->set_now[k->set_count++] = e;
    }
}

/* An element with an id in the chapter being walked: the toc entries that
 * point at it point at the line about to be written. */
static void anchor(void *ctx, const char *id)
{
    book *k = ctx;
    if (id[0])
        point_here(k, k->chapter, id, k->b.lines);
}

static int is_chapter(const item *it)
{
    if (it->media)
        return strcmp(it->media, "application/xhtml+xml") == 0 || strcmp(it->media, "text/html") == 0;
    const char *dot = it->href ? strrchr(it->href, '.') : NULL;
    return dot && (strcmp(dot, ".xhtml") == 0 || strcmp(dot, ".html") == 0 || strcmp(dot, ".htm") == 0);
}

/* A chapter of XHTML (not one the manifest calls text/html) must be
 * well-formed XML; one that is not is still shown, as the HTML parser
 * reads it (which recovers from more than the XML parser does, and knows
 * HTML's named entities), and the book says so. */
static void check_chapter(book *k, const item *it, const char *bytes, size_t n)
{
    if (it->media && strcmp(it->media, "text/html") == 0)
        return;
    long bad = yd_xml_check_xhtml(bytes, n);
    if (bad)
        yd_xml_fault_note(&k->faults, it->href, bad);
}

/* The spine, chapter after chapter, a blank line between them. */
static yd_status read_spine(book *k, yd_error *err)
{
    size_t read = 0;
    yd_html_walk_options o = {.book = 1, .anchor = anchor, .ctx = k};
    for (size_t s = 0; s < k->spine_count; s++) {
        const item *it = &k->items[k->spine[s]];
        if (!it->href || !is_chapter(it))
            continue;
        char *bytes;
        size_t n;
        yd_status st = yd_zip_read(&k->zip, it->href, &bytes, &n, err);
        if (st == YD_EFORMAT && !yd_zip_has(&k->zip, it->href))
            continue; /* a chapter the book lost: the others are still read */
        if (st != YD_OK)
            return st;
        check_chapter(k, it, bytes, n);
        yd_mb_separate(&k->b, 1);
        int32_t start = k->b.lines;
        k->chapter = it->href;
        k->set_count = 0;
        point_here(k, it->href, "", start);
        st = n > INT32_MAX ? YD_OK : yd_html_walk_page(&k->b, bytes, (int32_t)n, &o);
        free(bytes);
        yd_mb_flush_line(&k->b);
        for (size_t i = 0; i < k->set_count; i++) /* the entries pointing into it end with it */
            k->set_now[i]->end = k->b.lines;
        if (st != YD_OK || k->b.oom)
            return yd_error_set(err, YD_ENOMEM, "out of memory rendering the book");
        read++;
    }
    if (read == 0)
        return yd_error_set(err, YD_EFORMAT, "damaged book: none of its chapters could be read");
    return YD_OK;
}

/* Line k of the builder's text, [*s, *e), white space trimmed. */
static void line_text(const yd_markup_builder *b, int32_t k, int32_t *s, int32_t *e)
{
    *s = b->starts[k];
    *e = (k + 1 < b->lines ? b->starts[k + 1] : b->line_start) - 1;
    while (*s < *e && (b->text[*s] == ' ' || b->text[*s] == 0x3000))
        (*s)++;
    while (*e > *s && (b->text[*e - 1] == ' ' || b->text[*e - 1] == 0x3000))
        (*e)--;
}

/* Does the line read as the title the toc gives it: the same text, one
 * inside the other, or a short line that ends no sentence? */
static int titles(const yd_markup_builder *b, int32_t k, const char *label)
{
    int32_t s, e;
    line_text(b, k, &s, &e);
    if (e <= s)
        return 0;
    UChar want[256];
    int32_t wn = 0;
    UErrorCode u = U_ZERO_ERROR;
    u_strFromUTF8WithSub(want, 256, &wn, label, -1, 0xFFFD, NULL, &u);
    if (U_SUCCESS(u) && wn > 0 && wn < 256) {
        want[wn] = 0;
        UChar line[256];
        int32_t ln = e - s < 255 ? e - s : 255;
        memcpy(line, b->text + s, (size_t)ln * sizeof *line);
        line[ln] = 0;
        if (e - s < 256 && (u_strstr(line, want) || u_strstr(want, line)))
            return 1;
    }
    UChar last = b->text[e - 1];
    return e - s <= 40 && last != 0x3002 && last != 0xFF01 && last != 0xFF1F && last != 0xFF1B && last != 0x2026 &&
           last != 0xFF0C && last != 0xFF1A && last != '.';
}

/* The toc as heading levels: the line an entry points at (its first line
 * with text) is a heading of the entry's depth; a heading of the chapter
 * the toc does not name sits below the entry before it. */
static void apply_toc(book *k)
{
    yd_markup_builder *b = &k->b;
    if (b->lines == 0)
        return;
    unsigned char *from_toc = calloc((size_t)b->lines, 1);
    if (!from_toc) {
        k->oom = 1;
        return;
    }
    for (size_t i = 0; i < k->toc_count; i++) {
        const toc_entry *e = &k->toc[i];
        if (e->target < 0)
            continue;
        int32_t end = e->end >= 0 && e->end <= b->lines ? e->end : b->lines;
        int32_t line = e->target;
        while (line < end && (b->info[line].kind == YD_BLOCK_BLANK || b->starts[line] + 1 >=
                              (line + 1 < b->lines ? b->starts[line + 1] : b->line_start)))
            line++;
        if (line >= end || from_toc[line])
            continue;
        yd_line_info *li = &b->info[line];
        if (li->kind != YD_BLOCK_HEADING && !(li->kind == YD_BLOCK_TEXT && titles(b, line, e->label)))
            continue;
        li->kind = YD_BLOCK_HEADING;
        li->level = (uint8_t)(e->depth < 1 ? 1 : e->depth > 6 ? 6 : e->depth);
        li->indent = 0;
        li->hang = 0;
        from_toc[line] = 1;
    }
    int above = 0;
    for (int32_t line = 0; line < b->lines; line++) {
        yd_line_info *li = &b->info[line];
        if (from_toc[line])
            above = li->level;
        else if (li->kind == YD_BLOCK_HEADING && above > 0 && li->level <= above)
            li->level = (uint8_t)(above < 6 ? above + 1 : 6);
    }
    free(from_toc);
}

yd_status yd_epub_render(yd_document *doc, const unsigned char *bytes, size_t length, yd_error *err)
{
    book k;
    memset(&k, 0, sizeof k);
    yd_mb_init(&k.b);
    yd_status st = yd_zip_open(&k.zip, bytes, length, err);
    if (st == YD_OK)
        st = find_package(&k, err);
    if (st == YD_OK)
        st = read_package(&k, err);
    if (st == YD_OK)
        st = check_encryption(&k, err);
    if (st == YD_OK) {
        read_toc(&k);
        st = index_toc(&k) == 0 ? read_spine(&k, err) : yd_error_set(err, YD_ENOMEM, "out of memory reading the book");
    }
    if (st == YD_OK) {
        apply_toc(&k);
        if (k.oom)
            st = yd_error_set(err, YD_ENOMEM, "out of memory rendering the book");
    }
    if (st == YD_OK) {
        yd_mb_link_list(&k.b);
        st = yd_mb_finish(&k.b, doc, err);
    }
    if (st == YD_OK)
        st = yd_xml_faults_tell(&k.faults, doc, err);
    book_free(&k);
    return st;
}
