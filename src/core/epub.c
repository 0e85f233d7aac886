/* An EPUB book (2 or 3) rendered into the plain-text model
 * (yuedu/markup.h): the zip opened in memory with caps (zip_entries.c),
 * META-INF/container.xml to the package document, its spine in reading
 * order as one document, each chapter walked as an HTML page is (html.c,
 * book mode), the nav document (EPUB 3) or the NCX (EPUB 2) turned into
 * heading levels. docs/FORMATS.md says what is kept and why one document
 * per book. */
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

/* The package document: manifest and spine. */
static yd_status read_package(book *k, yd_error *err)
{
    yd_status st;
    xmlDocPtr x = read_part(k, k->package, err, &st);
    if (!x)
        return st;
    xmlNode *root = xmlDocGetRootElement(x);
    size_t cap = 0, spine_cap = 0;
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
        } else if (yd_xml_is(n, "itemref") && k->spine_count < MAX_ITEMS) {
            char *idref = yd_xml_attr(n, "idref");
            for (size_t i = 0; idref && i < k->item_count; i++) {
                if (!k->items[i].id || strcmp(k->items[i].id, idref) != 0)
                    continue;
                if (k->spine_count == spine_cap) {
                    size_t c = spine_cap ? spine_cap * 2 : 64;
                    size_t *bigger = realloc(k->spine, c * sizeof *bigger);
                    if (!bigger) {
                        st = YD_ENOMEM;
                        break;
                    }
                    k->spine = bigger;
                    spine_cap = c;
                }
                k->spine[k->spine_count++] = i;
                break;
            }
            free(idref);
        }
    }
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

/* An element with an id in the chapter being walked: the toc entries that
 * point at it point at the line about to be written. */
static void anchor(void *ctx, const char *id)
{
    book *k = ctx;
    for (size_t i = 0; i < k->toc_count; i++) {
        toc_entry *e = &k->toc[i];
        if (e->target < 0 && e->fragment && strcmp(e->fragment, id) == 0 && strcmp(e->file, k->chapter) == 0)
            e->target = k->b.lines;
    }
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
        for (size_t i = 0; i < k->toc_count; i++)
            if (!k->toc[i].fragment && k->toc[i].target < 0 && strcmp(k->toc[i].file, it->href) == 0)
                k->toc[i].target = start;
        st = n > INT32_MAX ? YD_OK : yd_html_walk_page(&k->b, bytes, (int32_t)n, &o);
        free(bytes);
        yd_mb_flush_line(&k->b);
        for (size_t i = 0; i < k->toc_count; i++)
            if (k->toc[i].target >= start && k->toc[i].end < 0)
                k->toc[i].end = k->b.lines;
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
        st = read_spine(&k, err);
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
