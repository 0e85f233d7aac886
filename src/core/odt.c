/* An OpenDocument text (.odt) rendered into the plain-text model
 * (yuedu/markup.h): content.xml read from the zip with caps
 * (zip_entries.c), its paragraphs as lines, text:h as headings of their
 * outline level, lists as items, tables drawn as every format's are,
 * images as [图] with their description; bold, italic and struck spans from
 * the automatic styles. Tracked changes: the list of deletions
 * (text:tracked-changes) is left out and insertions are in the text, so
 * the document reads with every change accepted, as DOCX does; notes,
 * annotations and the generated table of contents are left out.
 * docs/FORMATS.md. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "document_internal.h"
#include "markup_builder.h"
#include "office_blocks.h"
#include "xml_read.h"
#include "zip_entries.h"

#define MAX_STYLES 20000

typedef struct text_style {
    char *name;
    unsigned char strong, emphasis, struck;
} text_style;

typedef struct odt {
    yd_zip zip;
    text_style *styles;
    size_t style_count;
    yd_markup_builder b;
    int in_list;
} odt;

/* Bold, italic and struck text styles of the document's automatic styles. */
static void read_styles(odt *o, const xmlNode *root)
{
    size_t cap = 0;
    const xmlNode *auto_styles = yd_xml_find(root, "automatic-styles");
    for (const xmlNode *n = auto_styles ? auto_styles->children : NULL; n; n = n->next) {
        if (!yd_xml_is(n, "style") || o->style_count >= MAX_STYLES)
            continue;
        text_style s = {0};
        for (const xmlNode *c = n->children; c; c = c->next) {
            if (!yd_xml_is(c, "text-properties"))
                continue;
            char *weight = yd_xml_attr(c, "font-weight"), *style = yd_xml_attr(c, "font-style");
            char *through = yd_xml_attr(c, "text-line-through-style");
            s.strong = weight && strcmp(weight, "bold") == 0;
            s.emphasis = style && strcmp(style, "italic") == 0;
            s.struck = through && strcmp(through, "none") != 0;
            free(weight);
            free(style);
            free(through);
        }
        if (!(s.strong || s.emphasis || s.struck))
            continue;
        s.name = yd_xml_attr(n, "name");
        if (!s.name)
            continue;
        if (o->style_count == cap) {
            size_t c = cap ? cap * 2 : 32;
            text_style *bigger = realloc(o->styles, c * sizeof *bigger);
            if (!bigger) {
                free(s.name);
                return;
            }
            o->styles = bigger;
            cap = c;
        }
        o->styles[o->style_count++] = s;
    }
}

static const text_style *find_style(const odt *o, const char *name)
{
    for (size_t i = 0; name && i < o->style_count; i++)
        if (strcmp(o->styles[i].name, name) == 0)
            return &o->styles[i];
    return NULL;
}

/* Parts that are not the text: notes, annotations, the list of tracked
 * deletions, the generated table of contents and index, frames that hold
 * no image. */
static int left_out(const xmlNode *n)
{
    static const char *const names[] = {"note", "annotation", "tracked-changes", "table-of-content",
                                        "alphabetical-index", "illustration-index", "sequence-decls",
                                        "variable-decls", "user-field-decls", "forms", NULL};
    for (int i = 0; names[i]; i++)
        if (yd_xml_is(n, names[i]))
            return 1;
    return 0;
}

static void image(yd_markup_builder *b, const xmlNode *frame)
{
    char *alt = NULL;
    for (const xmlNode *c = frame->children; c && !alt; c = c->next)
        if (yd_xml_is(c, "desc") || yd_xml_is(c, "title"))
            alt = yd_xml_text(c);
    yd_mb_image(b, alt);
    free(alt);
}

/* The inline content of a paragraph or heading, in order. */
static void inline_content(odt *o, const xmlNode *top)
{
    yd_markup_builder *b = &o->b;
    for (const xmlNode *n = top->children; n; n = n->next) {
        if (n->type == XML_TEXT_NODE && n->content) {
            yd_mb_put_cstr(b, (const char *)n->content);
            continue;
        }
        if (n->type != XML_ELEMENT_NODE || left_out(n))
            continue;
        if (yd_xml_is(n, "s")) {
            char *c = yd_xml_attr(n, "c");
            int count = c ? atoi(c) : 1;
            free(c);
            for (int k = 0; k < (count < 1 ? 1 : count > 64 ? 64 : count); k++)
                yd_mb_put_cstr(b, " ");
        } else if (yd_xml_is(n, "tab")) {
            yd_mb_put_cstr(b, " ");
        } else if (yd_xml_is(n, "line-break")) {
            yd_mb_line_break(b);
        } else if (yd_xml_is(n, "frame")) {
            for (const xmlNode *c = n->children; c; c = c->next)
                if (yd_xml_is(c, "image")) {
                    image(b, n);
                    break;
                }
        } else if (yd_xml_is(n, "span")) {
            char *name = yd_xml_attr(n, "style-name");
            const text_style *s = find_style(o, name);
            free(name);
            int open = 0;
            if (s && s->strong)
                yd_mb_open(b, YD_SPAN_STRONG), open++;
            if (s && s->emphasis)
                yd_mb_open(b, YD_SPAN_EMPHASIS), open++;
            if (s && s->struck)
                yd_mb_open(b, YD_SPAN_STRIKE), open++;
            inline_content(o, n); /* spans nest as deep as the XML parser allows (256) */
            while (open-- > 0)
                yd_mb_close(b);
        } else {
            inline_content(o, n); /* a, ruby, bookmark-ref, field results: their text */
        }
    }
}

/* A paragraph, heading or list item's paragraph: one line. */
static void paragraph(odt *o, const xmlNode *p, int heading, const char *marker, int depth)
{
    yd_markup_builder *b = &o->b;
    int item = marker != NULL;
    int32_t before = yd_mb_offset(b);
    if (!(item && o->in_list))
        yd_mb_separate(b, 1);
    if (heading)
        yd_mb_set_line(b, (yd_line_info){.source_line = 1, .kind = YD_BLOCK_HEADING, .level = (uint8_t)heading});
    else if (item)
        yd_mb_set_line(b, yd_office_item_line(depth, marker));
    else
        yd_mb_set_line(b, (yd_line_info){.source_line = 1, .indent = YD_INDENT_DEFAULT, .kind = YD_BLOCK_TEXT});
    if (item)
        yd_mb_put_cstr(b, marker);
    int32_t text_at = yd_mb_offset(b);
    inline_content(o, p);
    if (yd_mb_offset(b) == text_at) { /* an empty paragraph: no line, no blank */
        yd_mb_take_back(b, before);
        return;
    }
    yd_mb_flush_line(b);
    o->in_list = item;
}

/* The text of a cell: its paragraphs joined by a space (to free); NULL
 * when out of memory. */
static char *cell_text(const xmlNode *cell)
{
    char *s = NULL;
    size_t n = 0, cap = 0;
    int ok = yd_office_append(&s, &n, &cap, "") == 0, skip = 0;
    for (const xmlNode *c = cell->children; c && ok; c = yd_xml_next(c, cell, skip)) {
        skip = c->type == XML_ELEMENT_NODE && left_out(c);
        if (c->type == XML_TEXT_NODE && c->content)
            ok = yd_office_append(&s, &n, &cap, (const char *)c->content) == 0;
        else if ((yd_xml_is(c, "p") || yd_xml_is(c, "h")) && n > 0)
            ok = yd_office_append(&s, &n, &cap, " ") == 0;
    }
    if (!ok) {
        free(s);
        return NULL;
    }
    return s;
}

/* A table: its rows (in row groups too, not those of a table inside a
 * cell), the header rows first. 0, or -1 when out of memory. */
static int table(odt *o, const xmlNode *tab)
{
    const xmlNode *rows[4096];
    int count = 0, header = 0;
    for (const xmlNode *r = tab; r && count < 4096; r = yd_xml_next(r, tab, yd_xml_is(r, "table-row"))) {
        if (!yd_xml_is(r, "table-row"))
            continue;
        if (r->parent && yd_xml_is(r->parent, "table-header-rows") && header == count)
            header++;
        rows[count++] = r;
    }
    int drawn = yd_office_table(&o->b, rows, count, "table-cell", header, cell_text);
    if (drawn > 0)
        o->in_list = 0;
    return drawn < 0 ? -1 : 0;
}

/* The body, without recursion over its blocks: a list item's depth is the
 * number of lists around it. */
static yd_status body(odt *o, const xmlNode *text)
{
    int skip = 0;
    for (const xmlNode *n = text->children; n; n = yd_xml_next(n, text, skip)) {
        skip = 0;
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (left_out(n)) {
            skip = 1;
        } else if (yd_xml_is(n, "h") || yd_xml_is(n, "p")) {
            int heading = 0;
            if (yd_xml_is(n, "h")) {
                char *lvl = yd_xml_attr(n, "outline-level");
                heading = lvl ? atoi(lvl) : 1;
                free(lvl);
                heading = heading < 1 ? 1 : heading > 6 ? 6 : heading;
            }
            /* The first paragraph of a list item carries its marker. */
            const xmlNode *item = n->parent;
            int depth = 0;
            for (const xmlNode *p = item; p && p != text; p = p->parent)
                depth += yd_xml_is(p, "list");
            int first = yd_xml_is(item, "list-item") && item->children;
            for (const xmlNode *c = first ? item->children : NULL; c && c != n; c = c->next)
                if (c->type == XML_ELEMENT_NODE)
                    first = 0;
            static const char *const bullets[] = {"• ", "◦ ", "▪ "};
            const char *marker = depth > 0 && !heading ? (first ? bullets[(depth - 1) % 3] : "") : NULL;
            paragraph(o, n, heading, marker, depth > 0 ? depth - 1 : 0);
            skip = 1;
        } else if (yd_xml_is(n, "table")) {
            if (table(o, n) != 0)
                return YD_ENOMEM;
            skip = 1;
        }
        if (o->b.oom)
            return YD_ENOMEM;
    }
    return YD_OK;
}

yd_status yd_odt_render(yd_document *doc, const unsigned char *bytes, size_t length, yd_error *err)
{
    odt o;
    memset(&o, 0, sizeof o);
    yd_mb_init(&o.b);
    yd_status st = yd_zip_open(&o.zip, bytes, length, err);
    if (st == YD_OK && !yd_zip_has(&o.zip, "content.xml"))
        st = yd_error_set(err, YD_EFORMAT, "not an OpenDocument text: it has no content.xml");
    xmlDocPtr x = NULL;
    yd_xml_faults faults = {0};
    if (st == YD_OK)
        st = yd_xml_read_entry(&o.zip, "content.xml", &x, err, &faults);
    if (st == YD_OK) {
        const xmlNode *root = xmlDocGetRootElement(x);
        read_styles(&o, root);
        const xmlNode *office_body = yd_xml_find(root, "body"), *text = yd_xml_find(office_body, "text");
        if (text && body(&o, text) != YD_OK)
            st = yd_error_set(err, YD_ENOMEM, "out of memory rendering the document");
    }
    xmlFreeDoc(x);
    if (st == YD_OK)
        st = yd_mb_finish(&o.b, doc, err);
    if (st == YD_OK)
        st = yd_xml_faults_tell(&faults, doc, err);
    for (size_t i = 0; i < o.style_count; i++)
        free(o.styles[i].name);
    free(o.styles);
    yd_mb_free(&o.b);
    yd_zip_close(&o.zip);
    return st;
}
