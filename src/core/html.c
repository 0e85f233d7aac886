/* HTML rendered into the plain-text model (yuedu/markup.h) with libxml2's
 * HTML parser (docs/DEPENDENCIES.md). The page is decoded first like any
 * text (its BOM, else its <meta> charset, else detection: html_charset
 * below and document.c), then handed to libxml2 as UTF-8, so the encoding
 * the page declares cannot make the parser decode it a second time.
 *
 * The parser never touches the network (HTML_PARSE_NONET) and substitutes
 * no entities of a DOCTYPE's internal subset: a page is only read. The tree
 * is walked without recursion (a page nested ten thousand deep costs no
 * stack). What is dropped: scripts, styles, the head, navigation chrome
 * (nav, header, footer, aside, forms, menus), frames, embedded objects and
 * comments. docs/FORMATS.md says what is kept. */
#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "document_internal.h"
#include "html_walk.h"
#include "markup_builder.h"

#define NEST_INDENT_CAP 40

static pthread_once_t initialised = PTHREAD_ONCE_INIT;
static void init_parser(void) { xmlInitParser(); }

/* libxml2 reports malformed markup; a page is read as well as it can be,
 * so nothing is printed. */
static void quiet(void *context, xmlErrorPtr error)
{
    (void)context;
    (void)error;
}

enum { C_LIST = 1, C_ITEM, C_QUOTE }; /* kinds of yd_mb_level */

typedef struct walker {
    yd_markup_builder *b;
    yd_mb_nest nest;
    int pre;               /* inside <pre> */
    int space;             /* white space seen and not yet written: 1, 2
                              when it broke a source line */
    int heading;           /* level of the heading being written, 0: none */
    char marker[32];
    int marker_pending;
    int32_t link_start;
    const yd_html_walk_options *options;
} walker;

static yd_mb_level *top(walker *w) { return yd_mb_top(&w->nest); }

static int clamp(int cells) { return cells < NEST_INDENT_CAP ? cells : NEST_INDENT_CAP; }

static int is_tag(const xmlNode *n, const char *name) { return n->name && strcasecmp((const char *)n->name, name) == 0; }

static int is_any(const xmlNode *n, const char *const *names)
{
    for (; *names; names++)
        if (is_tag(n, *names))
            return 1;
    return 0;
}

static int32_t line_of(const xmlNode *n)
{
    long l = xmlGetLineNo((xmlNode *)n);
    return l > 0 && l < INT32_MAX ? (int32_t)l : 0;
}

/* Start a line of the block being written, as its container says. */
static void start_line(walker *w, const xmlNode *n, yd_block_kind kind)
{
    const yd_mb_level *c = top(w);
    int base = c ? c->base : 0, quote = c ? c->quote : 0;
    yd_line_info info = {.source_line = line_of(n), .kind = (uint8_t)kind, .level = (uint8_t)quote};
    if (kind == YD_BLOCK_HEADING) {
        info.level = (uint8_t)w->heading;
        info.indent = (int16_t)clamp(base);
    } else if (w->marker_pending) {
        int m = yd_mb_utf8_cells(w->marker);
        info.indent = (int16_t)clamp(base - m > 0 ? base - m : 0);
        if (kind == YD_BLOCK_TEXT)
            info.kind = YD_BLOCK_ITEM;
    } else if (base == 0 && kind == YD_BLOCK_TEXT) {
        info.indent = YD_INDENT_DEFAULT;
    } else {
        info.indent = (int16_t)clamp(base);
        if (quote && kind == YD_BLOCK_TEXT)
            info.kind = YD_BLOCK_QUOTE;
    }
    info.hang = (int16_t)(info.indent == YD_INDENT_DEFAULT ? 0 : clamp(base));
    yd_mb_set_line(w->b, info);
    if (w->marker_pending) {
        yd_mb_put_cstr(w->b, w->marker);
        w->marker_pending = 0;
    }
}

/* End the line being written, if anything is on it. */
static void flush(walker *w)
{
    yd_mb_flush_line(w->b);
    w->space = 0;
}

/* A block starts: a blank line before it unless inside a list item. */
static void separate(walker *w, const xmlNode *n)
{
    flush(w);
    const yd_mb_level *c = top(w);
    if (!w->marker_pending && !(c && c->kind == C_ITEM))
        yd_mb_separate(w->b, line_of(n));
}

/* Text: white space collapsed as a browser does, but a line break of the
 * source between two Chinese characters is no space (an editor's wrap). */
static void text(walker *w, const xmlNode *n)
{
    const char *s = (const char *)n->content;
    if (!s)
        return;
    int32_t len = (int32_t)strlen(s);
    if (w->pre) {
        for (int32_t i = 0; i < len;) {
            int32_t j = i;
            while (j < len && s[j] != '\n')
                j++;
            if (yd_mb_column(w->b) == 0)
                start_line(w, n, YD_BLOCK_CODE);
            yd_mb_put8(w->b, s + i, (size_t)(j - i));
            if (j < len)
                yd_mb_end_line(w->b);
            i = j + 1;
        }
        return;
    }
    for (int32_t i = 0; i < len;) {
        if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == '\f') {
            if (w->space < 2)
                w->space = s[i] == '\n' || s[i] == '\r' ? 2 : 1;
            i++;
            continue;
        }
        int32_t j = i;
        UChar32 c;
        U8_NEXT(s, j, len, c);
        if (yd_mb_column(w->b) == 0) {
            start_line(w, n, w->heading ? YD_BLOCK_HEADING : YD_BLOCK_TEXT);
        } else if (w->space) {
            UChar last = yd_mb_last(w->b);
            if (last != ' ' && !(w->space == 2 && last >= 0x2E80 && c >= 0x2E80))
                yd_mb_put8(w->b, " ", 1);
        }
        w->space = 0;
        /* the run up to the next white space at once */
        int32_t k = j;
        while (k < len && s[k] != ' ' && s[k] != '\t' && s[k] != '\n' && s[k] != '\r' && s[k] != '\f')
            k++;
        yd_mb_put8(w->b, s + i, (size_t)(k - i));
        i = k;
    }
}

/* The text of an element, white space collapsed (UTF-8, to free). */
static char *flat_text(xmlNode *n)
{
    xmlChar *t = xmlNodeGetContent(n);
    if (!t)
        return NULL;
    char *s = (char *)t, *o = s;
    int space = 0;
    for (const char *p = s; *p; p++) {
        if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f') {
            space = o > s;
            continue;
        }
        if (space)
            *o++ = ' ';
        space = 0;
        *o++ = *p;
    }
    *o = 0;
    char *copy = strdup(s);
    xmlFree(t);
    return copy;
}

/* Rows of a table (in thead, tbody, tfoot or directly), cells th and td,
 * into the shared drawing; a header row is one of th cells only. */
static int table(walker *w, xmlNode *tab)
{
    int rows = 0, cols = 0;
    xmlNode *found[4096];
    for (xmlNode *g = tab->children; g; g = g->next) {
        xmlNode *first = is_tag(g, "tr") ? g : g->children;
        for (xmlNode *r = first; r && rows < 4096; r = r == g ? NULL : r->next) {
            if (r->type != XML_ELEMENT_NODE || !is_tag(r, "tr"))
                continue;
            found[rows++] = r;
            int c = 0;
            for (xmlNode *d = r->children; d; d = d->next)
                c += d->type == XML_ELEMENT_NODE && (is_tag(d, "td") || is_tag(d, "th"));
            if (c > cols)
                cols = c < 64 ? c : 64;
        }
    }
    if (rows == 0 || cols == 0)
        return 0;
    yd_mb_table t;
    if (yd_mb_table_init(&t, rows, cols) != 0)
        return -1;
    int status = 0, header = 0;
    for (int r = 0; r < rows && status == 0; r++) {
        t.row_lines[r] = line_of(found[r]);
        int c = 0, all_th = 1;
        for (xmlNode *d = found[r]->children; d && c < cols && status == 0; d = d->next) {
            if (d->type != XML_ELEMENT_NODE || !(is_tag(d, "td") || is_tag(d, "th")))
                continue;
            all_th &= is_tag(d, "th");
            char *s = flat_text(d);
            status = s ? yd_mb_table_cell(&t, r, c, s, strlen(s)) : -1;
            free(s);
            c++;
        }
        if (r == header && all_th && c > 0)
            header++;
    }
    if (status == 0) {
        separate(w, tab);
        start_line(w, tab, YD_BLOCK_TABLE);
        yd_mb_draw_table(w->b, &t, header);
    }
    yd_mb_table_free(&t);
    return status;
}

static const char *const dropped[] = {"script", "style", "noscript", "head", "nav", "header", "footer", "aside",
                                      "form", "button", "select", "textarea", "iframe", "frameset", "template",
                                      "svg", "object", "embed", "canvas", "menu", "audio", "video", NULL};
/* What a book keeps of the above: its chapters' own parts. */
static const char *const book_parts[] = {"header", "footer", "aside", "nav", "menu", NULL};
static const char *const blocks[] = {"p", "div", "section", "article", "main", "address", "figure", "figcaption",
                                     "dl", "dt", "dd", "center", "details", "summary", NULL};

/* An article's own header (its title, its date) is the text's, not the
 * site's chrome. */
static int article_header(const xmlNode *n)
{
    if (!is_tag(n, "header"))
        return 0;
    for (const xmlNode *p = n->parent; p && p->type == XML_ELEMENT_NODE; p = p->parent)
        if (is_tag(p, "article") || is_tag(p, "main"))
            return 1;
    return 0;
}

/* An element opens: what it starts; 0 when its content is not walked. */
static int enter(walker *w, xmlNode *n, yd_status *st)
{
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        text(w, n);
        return 0;
    }
    if (n->type != XML_ELEMENT_NODE)
        return 0;
    int book = w->options && w->options->book;
    if (is_any(n, dropped) && !article_header(n) && !(book && is_any(n, book_parts)))
        return 0;
    if (w->options && w->options->anchor) {
        xmlChar *id = xmlGetProp(n, (const xmlChar *)"id");
        if (!id && is_tag(n, "a"))
            id = xmlGetProp(n, (const xmlChar *)"name");
        if (id)
            w->options->anchor(w->options->ctx, (const char *)id);
        xmlFree(id);
    }
    const char *name = (const char *)n->name;
    if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && name[2] == 0) {
        separate(w, n);
        w->heading = name[1] - '0';
        start_line(w, n, YD_BLOCK_HEADING);
        return 1;
    }
    if (is_any(n, blocks) || (book && is_any(n, book_parts))) {
        if (is_tag(n, "p"))
            separate(w, n);
        else
            flush(w);
        return 1;
    }
    if (is_tag(n, "br")) {
        if (yd_mb_column(w->b) > 0)
            yd_mb_line_break(w->b);
        w->space = 0;
        return 0;
    }
    if (is_tag(n, "hr")) {
        separate(w, n);
        start_line(w, n, YD_BLOCK_RULE);
        yd_mb_put_cstr(w->b, "＊　＊　＊");
        flush(w);
        return 0;
    }
    if (is_tag(n, "blockquote")) {
        separate(w, n);
        yd_mb_level c = yd_mb_inside(&w->nest, C_QUOTE);
        c.base += 2;
        c.quote++;
        yd_mb_push(&w->nest, c);
        return 1;
    }
    if (is_tag(n, "ul") || is_tag(n, "ol")) {
        const yd_mb_level *p = top(w);
        if (p && p->kind == C_ITEM)
            flush(w);
        else
            separate(w, n);
        yd_mb_level c = yd_mb_inside(&w->nest, C_LIST);
        c.ordered = is_tag(n, "ol");
        xmlChar *start = xmlGetProp(n, (const xmlChar *)"start");
        c.number = start ? atoi((const char *)start) : 1;
        xmlFree(start);
        c.lists = (p ? p->lists : 0) + 1;
        yd_mb_push(&w->nest, c);
        return 1;
    }
    if (is_tag(n, "li")) {
        flush(w);
        const yd_mb_level *list = top(w);
        yd_mb_level c = yd_mb_inside(&w->nest, C_ITEM);
        if (list && list->kind == C_LIST && list->ordered) {
            snprintf(w->marker, sizeof w->marker, "%d. ", list->number);
            top(w)->number++;
        } else {
            static const char *const bullets[] = {"• ", "◦ ", "▪ "};
            snprintf(w->marker, sizeof w->marker, "%s", bullets[((list ? list->lists : 1) + 2) % 3]);
        }
        c.base += yd_mb_utf8_cells(w->marker);
        w->marker_pending = 1;
        yd_mb_push(&w->nest, c);
        return 1;
    }
    if (is_tag(n, "pre")) {
        separate(w, n);
        w->pre++;
        return 1;
    }
    if (is_tag(n, "table")) {
        if (table(w, n) != 0)
            *st = YD_ENOMEM;
        return 0;
    }
    if (is_tag(n, "img")) {
        xmlChar *alt = xmlGetProp(n, (const xmlChar *)"alt");
        xmlChar *src = xmlGetProp(n, (const xmlChar *)"src");
        if (yd_mb_column(w->b) == 0)
            start_line(w, n, YD_BLOCK_TEXT);
        else if (w->space)
            yd_mb_put8(w->b, " ", 1);
        w->space = 0;
        int32_t at = yd_mb_offset(w->b);
        yd_mb_image(w->b, (const char *)alt);
        if (src && *src)
            yd_mb_link(w->b, at, yd_mb_offset(w->b), (const char *)src, strlen((const char *)src));
        xmlFree(alt);
        xmlFree(src);
        return 0;
    }
    static const char *const em[] = {"em", "i", "cite", "var", "dfn", NULL};
    static const char *const strong[] = {"strong", "b", NULL};
    static const char *const code[] = {"code", "kbd", "samp", "tt", NULL};
    static const char *const strike[] = {"del", "s", "strike", NULL};
    if (is_any(n, em) || is_any(n, strong) || (is_any(n, code) && !w->pre) || is_any(n, strike) || is_tag(n, "a")) {
        if (w->space && yd_mb_column(w->b) > 0) { /* the space before it, outside it */
            UChar last = yd_mb_last(w->b);
            if (last != ' ' && last < 0x2E80)
                yd_mb_put8(w->b, " ", 1);
            w->space = 0;
        }
        yd_mb_open(w->b, is_any(n, em)       ? YD_SPAN_EMPHASIS
                         : is_any(n, strong) ? YD_SPAN_STRONG
                         : is_any(n, code)   ? YD_SPAN_CODE
                         : is_any(n, strike) ? YD_SPAN_STRIKE
                                             : YD_SPAN_LINK);
        if (is_tag(n, "a"))
            w->link_start = yd_mb_offset(w->b);
        return 1;
    }
    return 1; /* span, font, body, html, unknown: their content */
}

/* An element closes. */
static void leave(walker *w, xmlNode *n)
{
    if (n->type != XML_ELEMENT_NODE)
        return;
    const char *name = (const char *)n->name;
    if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && name[2] == 0) {
        if (yd_mb_column(w->b) > 0)
            flush(w);
        else if (w->heading)
            yd_mb_set_line(w->b, (yd_line_info){.source_line = line_of(n), .indent = YD_INDENT_DEFAULT});
        w->heading = 0;
    } else if (is_any(n, blocks) || (w->options && w->options->book && is_any(n, book_parts))) {
        flush(w);
    } else if (is_tag(n, "blockquote") || is_tag(n, "ul") || is_tag(n, "ol")) {
        flush(w);
        yd_mb_pop(&w->nest);
    } else if (is_tag(n, "li")) {
        if (w->marker_pending)
            start_line(w, n, YD_BLOCK_TEXT); /* an empty item: its marker alone */
        flush(w);
        yd_mb_pop(&w->nest);
    } else if (is_tag(n, "pre")) {
        flush(w);
        if (w->pre > 0)
            w->pre--;
    } else if (is_tag(n, "em") || is_tag(n, "i") || is_tag(n, "cite") || is_tag(n, "var") || is_tag(n, "dfn") ||
               is_tag(n, "strong") || is_tag(n, "b") || ((is_tag(n, "code") || is_tag(n, "kbd") ||
               is_tag(n, "samp") || is_tag(n, "tt")) && !w->pre) || is_tag(n, "del") || is_tag(n, "s") ||
               is_tag(n, "strike")) {
        yd_mb_close(w->b);
    } else if (is_tag(n, "a")) {
        yd_mb_close(w->b);
        xmlChar *href = xmlGetProp(n, (const xmlChar *)"href");
        if (href && *href && w->link_start >= 0 && yd_mb_offset(w->b) > w->link_start)
            yd_mb_link(w->b, w->link_start, yd_mb_offset(w->b), (const char *)href, strlen((const char *)href));
        xmlFree(href);
        w->link_start = -1;
    }
}

/* Depth first, without recursion: down to the first child, across to the
 * next sibling, up through the parents left. */
static yd_status walk(walker *w, xmlNode *first)
{
    yd_status st = YD_OK;
    xmlNode *n = first;
    while (n && st == YD_OK) {
        int descend = enter(w, n, &st);
        if (descend && n->children) {
            n = n->children;
            continue;
        }
        if (descend)
            leave(w, n);
        while (n && !n->next) {
            n = n->parent;
            if (!n || n->type == XML_HTML_DOCUMENT_NODE || n->type == XML_DOCUMENT_NODE) {
                n = NULL;
                break;
            }
            leave(w, n);
        }
        if (n)
            n = n->next;
    }
    return st;
}

int yd_html_charset(const unsigned char *bytes, size_t length, char *name, size_t size)
{
    size_t n = length < 4096 ? length : 4096;
    for (size_t i = 0; i + 5 < n; i++) {
        if (bytes[i] != '<' || strncasecmp((const char *)bytes + i + 1, "meta", 4) != 0)
            continue;
        size_t end = i;
        while (end < n && bytes[end] != '>')
            end++;
        for (size_t j = i; j + 7 < end; j++) {
            if (strncasecmp((const char *)bytes + j, "charset", 7) != 0)
                continue;
            size_t k = j + 7;
            while (k < end && (bytes[k] == ' ' || bytes[k] == '\t'))
                k++;
            if (k >= end || bytes[k] != '=')
                continue;
            k++;
            while (k < end && (bytes[k] == ' ' || bytes[k] == '"' || bytes[k] == '\''))
                k++;
            size_t len = 0;
            while (k + len < end && len + 1 < size && (isalnum(bytes[k + len]) || bytes[k + len] == '-' ||
                                                       bytes[k + len] == '_' || bytes[k + len] == ':'))
                len++;
            if (len == 0)
                continue;
            memcpy(name, bytes + k, len);
            name[len] = 0;
            return 1;
        }
    }
    return 0;
}

yd_status yd_html_walk_page(yd_markup_builder *b, const char *utf8, int32_t n, const yd_html_walk_options *options)
{
    pthread_once(&initialised, init_parser);
    xmlSetStructuredErrorFunc(NULL, quiet);
    htmlDocPtr page = htmlReadMemory(utf8, n, NULL, "UTF-8",
                                     HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                                         HTML_PARSE_NOWARNING | HTML_PARSE_COMPACT);
    if (!page) /* an empty or unreadable page is an empty document */
        return YD_OK;
    walker w = {.b = b, .link_start = -1, .options = options};
    yd_status st = walk(&w, page->children);
    xmlFreeDoc(page);
    return st;
}

/* Has the page characters outside its tags: text, or a script's code? */
static int has_content(const char *s, int32_t n)
{
    int in_tag = 0;
    for (int32_t i = 0; i < n; i++) {
        if (s[i] == '<')
            in_tag = 1;
        else if (s[i] == '>')
            in_tag = 0;
        else if (!in_tag && !isspace((unsigned char)s[i]))
            return 1;
    }
    return 0;
}

/* Does the rendered document show any character but white space? */
static int shows_text(const yd_document *doc)
{
    for (int32_t i = 0; i < doc->length; i++) {
        UChar c = doc->text[i];
        if (c != ' ' && c != '\n' && c != '\t' && c != 0xA0 && c != 0x3000)
            return 1;
    }
    return 0;
}

yd_status yd_html_render(yd_document *doc, yd_error *err)
{
    int32_t need = 0;
    char *src;
    yd_status sst = yd_mb_source_utf8(doc, &src, &need, err);
    if (sst != YD_OK)
        return sst;
    yd_markup_builder b;
    yd_mb_init(&b);
    yd_status st = yd_html_walk_page(&b, src, need, NULL);
    int content = has_content(src, need);
    free(src);
    if (st != YD_OK)
        yd_error_set(err, st, "out of memory rendering HTML");
    if (st == YD_OK)
        yd_mb_link_list(&b);
    if (st == YD_OK)
        st = yd_mb_finish(&b, doc, err);
    /* The parser recovers from a web page's usual errors without a word
     * (docs/FORMATS.md says why); a page with content that shows nothing
     * at all is said, so that an empty screen is not taken for a fault of
     * the reader. */
    if (st == YD_OK && content && !shows_text(doc))
        st = yd_document_set_notice(doc, err,
                                    YD_N_("the page shows no text: what it holds is in scripts, styles or "
                                          "navigation, or its markup could not be read"));
    yd_mb_free(&b);
    return st;
}
