/* A Word document (.docx, Office Open XML) rendered into the plain-text
 * model (yuedu/markup.h): word/document.xml read from the zip with caps
 * (zip_entries.c), paragraphs as lines, heading styles and outline levels
 * (word/styles.xml) as headings, numbered and bulleted paragraphs
 * (word/numbering.xml) as list items, tables drawn as every format's are.
 * Tracked changes: deletions dropped, insertions kept (the document as it
 * would be if they were accepted); comments, field codes, headers,
 * footers and footnotes left out. docs/FORMATS.md. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "document_internal.h"
#include "markup_builder.h"
#include "office_blocks.h"
#include "xml_read.h"
#include "zip_entries.h"

#define MAX_STYLES 20000
#define MAX_NUMS 20000
#define LEVELS 9

typedef struct style {
    char *id, *based;
    int outline; /* 0-8: a heading of that outline level; 9: body text; -1: not said */
} style;

typedef struct level_format {
    char fmt[24];  /* numFmt: decimal, bullet, chineseCounting, ... */
    char text[32]; /* lvlText: "%1.", "第%1章", a bullet */
    int start;
} level_format;

typedef struct abstract_num {
    char *id;
    level_format lvl[LEVELS];
} abstract_num;

typedef struct num {
    char *id;
    size_t abstract; /* index into abstracts, or SIZE_MAX */
    int count[LEVELS];
} num;

typedef struct word {
    yd_zip zip;
    yd_xml_faults faults; /* parts read in spite of malformed XML */
    style *styles;
    size_t style_count;
    abstract_num *abstracts;
    size_t abstract_count;
    num *nums;
    size_t num_count;
    yd_markup_builder b;
    int in_list; /* the last paragraph written was a list item */
} word;

static void word_free(word *w)
{
    for (size_t i = 0; i < w->style_count; i++) {
        free(w->styles[i].id);
        free(w->styles[i].based);
    }
    free(w->styles);
    for (size_t i = 0; i < w->abstract_count; i++)
        free(w->abstracts[i].id);
    free(w->abstracts);
    for (size_t i = 0; i < w->num_count; i++)
        free(w->nums[i].id);
    free(w->nums);
    yd_mb_free(&w->b);
    yd_zip_close(&w->zip);
}

/* An optional part (styles, numbering): NULL when absent or unreadable. */
static xmlDocPtr optional_part(word *w, const char *name)
{
    xmlDocPtr x = NULL;
    yd_error ignored;
    if (yd_zip_has(&w->zip, name))
        yd_xml_read_entry(&w->zip, name, &x, &ignored, &w->faults);
    return x;
}

/* The w:val of the child of n named local; NULL when none. */
static char *child_val(const xmlNode *n, const char *local)
{
    for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (yd_xml_is(c, local))
            return yd_xml_attr(c, "val");
    return NULL;
}

static const xmlNode *child(const xmlNode *n, const char *local)
{
    for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (yd_xml_is(c, local))
            return c;
    return NULL;
}

/* A heading's level from a style's name: "heading 2", "Heading 2", "标题 2". */
static int level_of_name(const char *name)
{
    const char *p = NULL;
    if (strncasecmp(name, "heading", 7) == 0)
        p = name + 7;
    else if (strncmp(name, "标题", 6) == 0)
        p = name + 6;
    if (!p)
        return -1;
    while (*p == ' ')
        p++;
    return *p >= '1' && *p <= '9' && p[1] == 0 ? *p - '1' : -1;
}

static void read_styles(word *w)
{
    xmlDocPtr x = optional_part(w, "word/styles.xml");
    if (!x)
        return;
    xmlNode *root = xmlDocGetRootElement(x);
    size_t cap = 0;
    for (xmlNode *n = root; n; n = yd_xml_next(n, root, yd_xml_is(n, "style"))) {
        if (!yd_xml_is(n, "style") || w->style_count >= MAX_STYLES)
            continue;
        if (w->style_count == cap) {
            size_t c = cap ? cap * 2 : 64;
            style *bigger = realloc(w->styles, c * sizeof *bigger);
            if (!bigger)
                break;
            w->styles = bigger;
            cap = c;
        }
        style s = {yd_xml_attr(n, "styleId"), child_val(n, "basedOn"), -1};
        char *outline = child_val(child(n, "pPr"), "outlineLvl");
        if (outline) {
            s.outline = atoi(outline);
            free(outline);
        } else {
            char *name = child_val(n, "name");
            if (name)
                s.outline = level_of_name(name);
            free(name);
        }
        if (!s.id) {
            free(s.based);
            continue;
        }
        w->styles[w->style_count++] = s;
    }
    xmlFreeDoc(x);
}

static const style *find_style(const word *w, const char *id)
{
    for (size_t i = 0; id && i < w->style_count; i++)
        if (strcmp(w->styles[i].id, id) == 0)
            return &w->styles[i];
    return NULL;
}

/* The outline level a style gives (through what it is based on), -1 none. */
static int style_outline(const word *w, const char *id)
{
    const style *s = find_style(w, id);
    for (int hops = 0; s && hops < 16; hops++) {
        if (s->outline >= 0)
            return s->outline;
        s = find_style(w, s->based);
    }
    return -1;
}

static void copy_val(char *to, size_t size, const xmlNode *n, const char *local)
{
    char *v = child_val(n, local);
    snprintf(to, size, "%s", v ? v : "");
    free(v);
}

static void read_numbering(word *w)
{
    xmlDocPtr x = optional_part(w, "word/numbering.xml");
    if (!x)
        return;
    xmlNode *root = xmlDocGetRootElement(x);
    size_t acap = 0, ncap = 0;
    for (xmlNode *n = root; n; n = yd_xml_next(n, root, yd_xml_is(n, "abstractNum") || yd_xml_is(n, "num"))) {
        if (yd_xml_is(n, "abstractNum") && w->abstract_count < MAX_NUMS) {
            if (w->abstract_count == acap) {
                size_t c = acap ? acap * 2 : 16;
                abstract_num *bigger = realloc(w->abstracts, c * sizeof *bigger);
                if (!bigger)
                    break;
                w->abstracts = bigger;
                acap = c;
            }
            abstract_num a = {.id = yd_xml_attr(n, "abstractNumId")};
            for (const xmlNode *l = n->children; l; l = l->next) {
                if (!yd_xml_is(l, "lvl"))
                    continue;
                char *ilvl = yd_xml_attr(l, "ilvl");
                int k = ilvl ? atoi(ilvl) : -1;
                free(ilvl);
                if (k < 0 || k >= LEVELS)
                    continue;
                copy_val(a.lvl[k].fmt, sizeof a.lvl[k].fmt, l, "numFmt");
                copy_val(a.lvl[k].text, sizeof a.lvl[k].text, l, "lvlText");
                char *start = child_val(l, "start");
                a.lvl[k].start = start ? atoi(start) : 1;
                free(start);
            }
            if (a.id)
                w->abstracts[w->abstract_count++] = a;
        } else if (yd_xml_is(n, "num") && w->num_count < MAX_NUMS) {
            if (w->num_count == ncap) {
                size_t c = ncap ? ncap * 2 : 16;
                num *bigger = realloc(w->nums, c * sizeof *bigger);
                if (!bigger)
                    break;
                w->nums = bigger;
                ncap = c;
            }
            num m = {.id = yd_xml_attr(n, "numId"), .abstract = SIZE_MAX};
            char *abs = child_val(n, "abstractNumId");
            for (size_t i = 0; abs && i < w->abstract_count; i++)
                if (strcmp(w->abstracts[i].id, abs) == 0)
                    m.abstract = i;
            free(abs);
            if (m.id)
                w->nums[w->num_count++] = m;
        }
    }
    xmlFreeDoc(x);
}

/* n (1-based) in a list's number format. */
static void format_number(char *out, size_t size, const char *fmt, int n)
{
    static const char *const digits[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    if (strncmp(fmt, "chinese", 7) == 0 || strncmp(fmt, "ideograph", 9) == 0 || strncmp(fmt, "taiwanese", 9) == 0) {
        if (n >= 1 && n < 100) {
            int tens = n / 10, ones = n % 10;
            snprintf(out, size, "%s%s%s", tens > 1 ? digits[tens] : "", tens > 0 ? "十" : "",
                     ones > 0 || tens == 0 ? digits[ones] : "");
            return;
        }
    } else if ((strcmp(fmt, "lowerLetter") == 0 || strcmp(fmt, "upperLetter") == 0) && n >= 1) {
        snprintf(out, size, "%c", (fmt[0] == 'l' ? 'a' : 'A') + (n - 1) % 26);
        return;
    }
    snprintf(out, size, "%d", n);
}

/* The marker of a list item at level ilvl of list numId, its counters
 * moved on; 0 when the paragraph is no list item. */
static int list_marker(word *w, const char *num_id, int ilvl, char *out, size_t size)
{
    if (!num_id || strcmp(num_id, "0") == 0 || ilvl < 0 || ilvl >= LEVELS)
        return 0;
    num *m = NULL;
    for (size_t i = 0; i < w->num_count && !m; i++)
        if (strcmp(w->nums[i].id, num_id) == 0)
            m = &w->nums[i];
    const level_format *lf = m && m->abstract != SIZE_MAX ? &w->abstracts[m->abstract].lvl[ilvl] : NULL;
    if (!lf || strcmp(lf->fmt, "bullet") == 0 || strcmp(lf->fmt, "none") == 0 || !lf->text[0]) {
        static const char *const bullets[] = {"• ", "◦ ", "▪ "};
        snprintf(out, size, "%s", lf && strcmp(lf->fmt, "none") == 0 ? "" : bullets[ilvl % 3]);
        return 1;
    }
    m->count[ilvl] = m->count[ilvl] ? m->count[ilvl] + 1 : lf->start;
    for (int k = ilvl + 1; k < LEVELS; k++)
        m->count[k] = 0;
    size_t o = 0;
    for (const char *p = lf->text; *p && o + 1 < size; p++) {
        if (p[0] == '%' && p[1] >= '1' && p[1] <= '9') {
            int k = p[1] - '1';
            const level_format *at = &w->abstracts[m->abstract].lvl[k];
            char part[32];
            format_number(part, sizeof part, at->fmt, m->count[k] ? m->count[k] : at->start);
            o += (size_t)snprintf(out + o, size - o, "%s", part);
            if (o >= size)
                o = size - 1;
            p++;
        } else {
            out[o++] = *p;
        }
    }
    out[o] = 0;
    if (o > 0 && (unsigned char)out[o - 1] < 0x80 && o + 1 < size) /* "1." then a space; "一、" none */
        out[o++] = ' ', out[o] = 0;
    return 1;
}

/* Parts of a paragraph that are not its text: deletions, field codes,
 * comment and note marks, properties, the second rendering of an
 * alternate content. */
static int left_out(const xmlNode *n)
{
    static const char *const names[] = {"del", "moveFrom", "delText", "instrText", "delInstrText", "pPr", "rPr",
                                        "commentReference", "footnoteReference", "endnoteReference", "Fallback",
                                        "fldData", "sectPr", "tblPr", "trPr", "tcPr", "sdtPr", NULL};
    for (int i = 0; names[i]; i++)
        if (yd_xml_is(n, names[i]))
            return 1;
    return 0;
}

static int on(const xmlNode *prop)
{
    if (!prop)
        return 0;
    char *v = yd_xml_attr(prop, "val");
    int yes = !v || !(strcmp(v, "0") == 0 || strcmp(v, "false") == 0 || strcmp(v, "off") == 0);
    free(v);
    return yes;
}

/* The text of a w:t: its text nodes as they are (spaces kept). */
static void put_text(yd_markup_builder *b, const xmlNode *t)
{
    for (const xmlNode *c = t->children; c; c = c->next)
        if (c->type == XML_TEXT_NODE && c->content)
            yd_mb_put_cstr(b, (const char *)c->content);
}

/* An image: [图] with its description. */
static void image(yd_markup_builder *b, const xmlNode *n)
{
    char *alt = NULL;
    for (const xmlNode *d = n; d && !alt; d = yd_xml_next(d, n, 0))
        if (yd_xml_is(d, "docPr") || yd_xml_is(d, "shape"))
            alt = yd_xml_attr(d, yd_xml_is(d, "docPr") ? "descr" : "alt");
    yd_mb_image(b, alt);
    free(alt);
}

/* The content of a run (or of anything inside a paragraph), in order. */
static void run_content(word *w, const xmlNode *top)
{
    yd_markup_builder *b = &w->b;
    int skip = 0;
    for (const xmlNode *n = top->children; n; n = yd_xml_next(n, top, skip)) {
        skip = 0;
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (left_out(n)) {
            skip = 1;
        } else if (yd_xml_is(n, "t")) {
            put_text(b, n);
            skip = 1;
        } else if (yd_xml_is(n, "tab") || yd_xml_is(n, "ptab")) {
            yd_mb_put_cstr(b, " ");
        } else if (yd_xml_is(n, "br") || yd_xml_is(n, "cr")) {
            char *type = yd_xml_attr(n, "type");
            if (!type || strcmp(type, "textWrapping") == 0)
                yd_mb_line_break(b);
            free(type);
        } else if (yd_xml_is(n, "noBreakHyphen")) {
            yd_mb_put_cstr(b, "-");
        } else if (yd_xml_is(n, "drawing") || yd_xml_is(n, "pict")) {
            image(b, n);
            skip = 1;
        } else if (yd_xml_is(n, "r")) {
            const xmlNode *pr = child(n, "rPr");
            int styles = 0;
            if (on(child(pr, "b")))
                yd_mb_open(b, YD_SPAN_STRONG), styles++;
            if (on(child(pr, "i")))
                yd_mb_open(b, YD_SPAN_EMPHASIS), styles++;
            if (on(child(pr, "strike")) || on(child(pr, "dstrike")))
                yd_mb_open(b, YD_SPAN_STRIKE), styles++;
            run_content(w, n);
            while (styles-- > 0)
                yd_mb_close(b);
            skip = 1;
        }
    }
}

/* A paragraph: a heading, a list item or a paragraph, one line (more
 * where it breaks lines). */
static void paragraph(word *w, const xmlNode *p)
{
    yd_markup_builder *b = &w->b;
    const xmlNode *pr = child(p, "pPr");
    char *style_id = child_val(pr, "pStyle"), *lvl = child_val(pr, "outlineLvl");
    int outline = lvl ? atoi(lvl) : style_outline(w, style_id);
    free(lvl);
    free(style_id);
    const xmlNode *numpr = child(pr, "numPr");
    char *num_id = child_val(numpr, "numId"), *ilvl_s = child_val(numpr, "ilvl");
    int ilvl = ilvl_s ? atoi(ilvl_s) : 0;
    free(ilvl_s);
    char marker[64] = "";
    int heading = outline >= 0 && outline < 9;
    int item = !heading && list_marker(w, num_id, ilvl, marker, sizeof marker);
    free(num_id);
    /* Nothing to show (an empty paragraph makes no line; spacing is not
     * the text's). */
    int32_t before = yd_mb_offset(b);
    if (!(item && w->in_list))
        yd_mb_separate(b, 1);
    if (heading)
        yd_mb_set_line(b, (yd_line_info){.source_line = 1, .kind = YD_BLOCK_HEADING,
                                         .level = (uint8_t)(outline < 6 ? outline + 1 : 6)});
    else if (item)
        yd_mb_set_line(b, yd_office_item_line(ilvl, marker));
    else
        yd_mb_set_line(b, (yd_line_info){.source_line = 1, .indent = YD_INDENT_DEFAULT, .kind = YD_BLOCK_TEXT});
    if (item)
        yd_mb_put_cstr(b, marker);
    int32_t text_at = yd_mb_offset(b);
    run_content(w, p);
    if (yd_mb_offset(b) == text_at) { /* nothing in it: take back the marker and the blank */
        yd_mb_take_back(b, before);
        return;
    }
    yd_mb_flush_line(b);
    w->in_list = item;
}

/* The text of a cell's paragraphs, a space between them (to free); NULL
 * when out of memory. */
static char *cell_text(const xmlNode *tc)
{
    char *s = NULL;
    size_t n = 0, cap = 0;
    int ok = yd_office_append(&s, &n, &cap, "") == 0, skip = 0;
    for (const xmlNode *c = tc->children; c && ok; c = yd_xml_next(c, tc, skip)) {
        skip = left_out(c);
        if ((yd_xml_is(c, "p") && n > 0) || yd_xml_is(c, "tab"))
            ok = yd_office_append(&s, &n, &cap, " ") == 0;
        else if (yd_xml_is(c, "t"))
            for (const xmlNode *t = c->children; t && ok; t = t->next)
                if (t->type == XML_TEXT_NODE && t->content)
                    ok = yd_office_append(&s, &n, &cap, (const char *)t->content) == 0;
    }
    if (!ok) {
        free(s);
        return NULL;
    }
    return s;
}

/* A table: its rows, the first ones marked as repeated on every page its
 * header. 0, or -1 when out of memory. */
static int table(word *w, const xmlNode *tbl)
{
    const xmlNode *rows[4096];
    int count = 0, header = 0, counting_header = 1;
    for (const xmlNode *r = tbl->children; r && count < 4096; r = r->next) {
        if (!yd_xml_is(r, "tr"))
            continue;
        if (counting_header && child(child(r, "trPr"), "tblHeader"))
            header++;
        else
            counting_header = 0;
        rows[count++] = r;
    }
    int drawn = yd_office_table(&w->b, rows, count, "tc", header, cell_text);
    if (drawn > 0)
        w->in_list = 0;
    return drawn < 0 ? -1 : 0;
}

/* A content control holding Word's generated table of contents: it
 * repeats the headings with page numbers. */
static int generated_toc(const xmlNode *sdt)
{
    const xmlNode *gallery = child(child(child(sdt, "sdtPr"), "docPartObj"), "docPartGallery");
    char *v = gallery ? yd_xml_attr(gallery, "val") : NULL;
    int toc = v && strcmp(v, "Table of Contents") == 0;
    free(v);
    return toc;
}

static yd_status body(word *w, const xmlNode *body_node)
{
    int skip = 0;
    for (const xmlNode *n = body_node->children; n; n = yd_xml_next(n, body_node, skip)) {
        skip = 0;
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (yd_xml_is(n, "p")) {
            paragraph(w, n);
            skip = 1;
        } else if (yd_xml_is(n, "tbl")) {
            if (table(w, n) != 0)
                return YD_ENOMEM;
            skip = 1;
        } else if (left_out(n) || (yd_xml_is(n, "sdt") && generated_toc(n))) {
            skip = 1;
        }
        if (w->b.oom)
            return YD_ENOMEM;
    }
    return YD_OK;
}

yd_status yd_docx_render(yd_document *doc, const unsigned char *bytes, size_t length, yd_error *err)
{
    word w;
    memset(&w, 0, sizeof w);
    yd_mb_init(&w.b);
    yd_status st = yd_zip_open(&w.zip, bytes, length, err);
    if (st == YD_OK && !yd_zip_has(&w.zip, "word/document.xml"))
        st = yd_error_set(err, YD_EFORMAT, "not a Word document: it has no word/document.xml");
    xmlDocPtr x = NULL;
    if (st == YD_OK)
        st = yd_xml_read_entry(&w.zip, "word/document.xml", &x, err, &w.faults);
    if (st == YD_OK) {
        read_styles(&w);
        read_numbering(&w);
        const xmlNode *root = xmlDocGetRootElement(x), *body_node = yd_xml_find(root, "body");
        if (body_node && body(&w, body_node) != YD_OK)
            st = yd_error_set(err, YD_ENOMEM, "out of memory rendering the document");
    }
    xmlFreeDoc(x);
    if (st == YD_OK)
        st = yd_mb_finish(&w.b, doc, err);
    if (st == YD_OK)
        st = yd_xml_faults_tell(&w.faults, doc, err);
    word_free(&w);
    return st;
}
