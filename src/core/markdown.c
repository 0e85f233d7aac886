/* Markdown rendered into the plain-text model (yuedu/markup.h), with
 * cmark-gfm (CommonMark plus GitHub's tables and strikethrough;
 * docs/DEPENDENCIES.md says why this parser). The source is the decoded
 * text, so a GBK .md file reads as well as a UTF-8 one; cmark's tree gives
 * each block's source line, which becomes the line's place for people.
 *
 * The tree is walked with cmark's iterator, never recursively: a file of
 * ten thousand nested quotes costs no stack. Raw HTML is dropped (the
 * source is a :set markup raw away); tables are drawn here, in ASCII, with
 * columns as wide as their widest cell up to a cap and cells wrapped within
 * their column, so that a row is never torn apart by the layout. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include "document_internal.h"
#include "markup_builder.h"

#define NEST_INDENT_CAP 40 /* cells: nested indents stop growing here */
#define TAB_STOP 4

static pthread_once_t registered = PTHREAD_ONCE_INIT;
static void register_extensions(void) { cmark_gfm_core_extensions_ensure_registered(); }

typedef struct walker {
    yd_markup_builder *b;
    yd_mb_nest nest;
    char marker[32];       /* an item's marker, written by its first block */
    int marker_pending;
    int link_start;        /* where the open link's text began, -1: none */
    int image_text;        /* in an image: 0 none, 1 before its text, 2 after */
    const char *link_url;
    int32_t source_line;   /* of the line being written in a paragraph */
    int in_heading;
} walker;

static yd_mb_level *top(walker *w) { return yd_mb_top(&w->nest); }

static int in_tight_item(walker *w)
{
    const yd_mb_level *c = top(w);
    return c && c->kind == CMARK_NODE_ITEM && c->tight;
}

static int clamp_indent(int cells) { return cells < NEST_INDENT_CAP ? cells : NEST_INDENT_CAP; }

/* Start a block's first line: its kind, level, indent and source line; an
 * item's marker goes before the first block of the item. */
static void start_block(walker *w, cmark_node *node, yd_block_kind kind, int level)
{
    const yd_mb_level *c = top(w);
    int base = c ? c->base : 0, quote = c ? c->quote : 0;
    yd_line_info info = {.source_line = cmark_node_get_start_line(node), .kind = (uint8_t)kind};
    if (info.source_line < 1)
        info.source_line = 1;
    if (kind == YD_BLOCK_HEADING) {
        info.level = (uint8_t)level;
        info.indent = (int16_t)clamp_indent(base); /* a heading seventy quotes deep too */
    } else if (w->marker_pending) {
        /* The item's first line starts at the item's own indent, its marker
         * hangs out to the left of the text under it. */
        int mcells = yd_mb_utf8_cells(w->marker);
        info.indent = (int16_t)clamp_indent(base - mcells > 0 ? base - mcells : 0);
        if (kind == YD_BLOCK_TEXT || kind == YD_BLOCK_QUOTE)
            info.kind = YD_BLOCK_ITEM;
        info.level = (uint8_t)quote;
    } else if (base == 0 && kind == YD_BLOCK_TEXT) {
        info.indent = YD_INDENT_DEFAULT; /* a paragraph: the reader's indent */
    } else {
        info.indent = (int16_t)clamp_indent(base);
        info.level = (uint8_t)quote;
        if (quote && kind == YD_BLOCK_TEXT)
            info.kind = YD_BLOCK_QUOTE;
    }
    info.hang = (int16_t)(info.indent == YD_INDENT_DEFAULT ? 0 : clamp_indent(base));
    w->source_line = info.source_line;
    yd_mb_set_line(w->b, info);
    if (w->marker_pending) {
        yd_mb_put_cstr(w->b, w->marker);
        w->marker_pending = 0;
        if (yd_block_is_verbatim(kind)) { /* a code block right after the marker: on lines of its own */
            yd_line_info item = info;
            item.kind = YD_BLOCK_ITEM;
            yd_mb_set_line(w->b, item);
            yd_mb_end_line(w->b);
            info.indent = info.hang;
            yd_mb_set_line(w->b, info);
        }
    }
}

/* A line break inside a paragraph, soft or hard: the paragraph goes on on
 * a line of its own, from the next source line. Each source line stays a
 * line, as in plain text: a Chinese document's lines are its paragraphs
 * (an editor does not wrap them), and the same text as .txt and as .md
 * then has the same paragraphs and outline (docs/FORMATS.md). */
static void continue_block(walker *w)
{
    yd_mb_end_line(w->b);
    yd_line_info info = w->b->current;
    if (info.kind == YD_BLOCK_ITEM)
        info.kind = info.level ? YD_BLOCK_QUOTE : YD_BLOCK_TEXT;
    if (info.indent != YD_INDENT_DEFAULT || info.hang)
        info.indent = info.hang;
    info.source_line = ++w->source_line;
    yd_mb_set_line(w->b, info);
}

static void enter_item(walker *w, cmark_node *item)
{
    const yd_mb_level *list = top(w);
    yd_mb_level c = yd_mb_inside(&w->nest, (int)CMARK_NODE_ITEM);
    if (list && list->kind == CMARK_NODE_LIST) {
        if (cmark_node_get_list_type(cmark_node_parent(item)) == CMARK_ORDERED_LIST) {
            int delim = cmark_node_get_list_delim(cmark_node_parent(item));
            snprintf(w->marker, sizeof w->marker, "%d%c ", list->number, delim == CMARK_PAREN_DELIM ? ')' : '.');
            top(w)->number++;
        } else {
            static const char *const bullets[] = {"• ", "◦ ", "▪ "};
            snprintf(w->marker, sizeof w->marker, "%s", bullets[(list->lists - 1) % 3]);
        }
    } else {
        snprintf(w->marker, sizeof w->marker, "• ");
    }
    c.base += yd_mb_utf8_cells(w->marker);
    w->marker_pending = 1;
    /* The first item was separated by the list's enter. */
    if (!c.tight && cmark_node_previous(item))
        yd_mb_separate(w->b, cmark_node_get_start_line(item));
    else
        yd_mb_flush_line(w->b);
    yd_mb_push(&w->nest, c);
}

static void enter_list(walker *w, cmark_node *list)
{
    const yd_mb_level *p = top(w);
    yd_mb_level c = yd_mb_inside(&w->nest, (int)CMARK_NODE_LIST);
    c.tight = cmark_node_get_list_tight(list);
    c.number = cmark_node_get_list_start(list);
    c.lists = (p ? p->lists : 0) + 1;
    /* A list right inside a tight item follows its text without a gap. */
    if (in_tight_item(w))
        yd_mb_flush_line(w->b);
    else
        yd_mb_separate(w->b, cmark_node_get_start_line(list));
    yd_mb_push(&w->nest, c);
}

static void enter_quote(walker *w, cmark_node *quote)
{
    yd_mb_level c = yd_mb_inside(&w->nest, (int)CMARK_NODE_BLOCK_QUOTE);
    c.base += 2;
    c.quote++;
    if (!w->marker_pending)
        yd_mb_separate(w->b, cmark_node_get_start_line(quote));
    yd_mb_push(&w->nest, c);
}

/* A blank line before a block, except in a tight item (its blocks follow
 * one another) and right after an item's marker. */
static void separate_block(walker *w, cmark_node *node)
{
    if (w->marker_pending || in_tight_item(w))
        yd_mb_flush_line(w->b);
    else
        yd_mb_separate(w->b, cmark_node_get_start_line(node));
}

/* A fenced code block, line by line, tabs expanded, nothing reflowed.
 * An indented one (four spaces) is not taken for code: in a Chinese
 * document indentation is layout (an indented heading, a quotation, a
 * signature), so its lines are text lines with their indent, read and
 * outlined as in plain text (docs/FORMATS.md). */
static void code_block(walker *w, cmark_node *node)
{
    int fence_length = 0, fence_offset = 0;
    char fence_char = 0;
    int fenced = cmark_node_get_fenced(node, &fence_length, &fence_offset, &fence_char);
    separate_block(w, node);
    start_block(w, node, fenced ? YD_BLOCK_CODE : YD_BLOCK_TEXT, 0);
    const char *s = cmark_node_get_literal(node);
    if (!s)
        s = "";
    yd_line_info info = w->b->current;
    info.source_line += fenced ? 1 : 0;
    size_t n = strlen(s);
    if (n > 0 && s[n - 1] == '\n')
        n--;
    int col = 0;
    for (size_t i = 0; i <= n; i++) {
        if (col == 0) { /* a line starts: what it is */
            yd_line_info li = info;
            if (!fenced && (i == n || s[i] == '\n'))
                li.kind = YD_BLOCK_BLANK;
            yd_mb_set_line(w->b, li);
            if (!fenced && li.kind != YD_BLOCK_BLANK)
                yd_mb_put8(w->b, "    ", 4); /* the indent that made it a block */
        }
        if (i == n || s[i] == '\n') {
            yd_mb_end_line(w->b);
            info.source_line++;
            col = 0;
            if (i == n)
                break;
            continue;
        }
        if (s[i] == '\t') {
            do {
                yd_mb_put8(w->b, " ", 1);
            } while (++col % TAB_STOP);
            continue;
        }
        size_t j = i;
        while (j < n && s[j] != '\n' && s[j] != '\t')
            j++;
        yd_mb_put8(w->b, s + i, j - i);
        col += (int)(j - i);
        i = j - 1;
    }
}

/* ---- tables ---- */

/* The plain text of a table cell (its inlines' text, breaks as spaces),
 * as UTF-8 to *out (to free). */
static int cell_text(cmark_node *cellnode, char **out)
{
    size_t cap = 64, len = 0;
    char *buf = malloc(cap);
    if (!buf)
        return -1;
    cmark_iter *it = cmark_iter_new(cellnode);
    if (!it) {
        free(buf);
        return -1;
    }
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        if (ev != CMARK_EVENT_ENTER)
            continue;
        cmark_node_type t = cmark_node_get_type(n);
        const char *lit = t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE ? cmark_node_get_literal(n)
                          : t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK ? " "
                                                                                     : NULL;
        if (!lit)
            continue;
        size_t k = strlen(lit);
        if (len + k + 1 > cap) {
            while (len + k + 1 > cap)
                cap *= 2;
            char *p = realloc(buf, cap);
            if (!p) {
                free(buf);
                cmark_iter_free(it);
                return -1;
            }
            buf = p;
        }
        memcpy(buf + len, lit, k);
        len += k;
    }
    cmark_iter_free(it);
    buf[len] = 0;
    *out = buf;
    return 0;
}

/* A table: its cells' text and rows' source lines to the drawing all
 * converters share (markup_table.c). */
static int table(walker *w, cmark_node *node)
{
    separate_block(w, node);
    int cols = cmark_gfm_extensions_get_table_columns(node);
    if (cols <= 0)
        return 0;
    const uint8_t *align = cmark_gfm_extensions_get_table_alignments(node);
    int rows = 0;
    for (cmark_node *r = cmark_node_first_child(node); r; r = cmark_node_next(r))
        rows++;
    yd_mb_table t;
    if (yd_mb_table_init(&t, rows, cols) != 0)
        return -1;
    int status = 0, row = 0;
    for (cmark_node *r = cmark_node_first_child(node); r && status == 0; r = cmark_node_next(r), row++) {
        t.row_lines[row] = cmark_node_get_start_line(r);
        int col = 0;
        for (cmark_node *c = cmark_node_first_child(r); c && col < cols && status == 0; c = cmark_node_next(c), col++) {
            char *text;
            status = cell_text(c, &text);
            if (status == 0) {
                status = yd_mb_table_cell(&t, row, col, text, strlen(text));
                free(text);
            }
        }
    }
    for (int k = 0; align && k < cols; k++)
        t.align[k] = align[k];
    if (status == 0) {
        start_block(w, node, YD_BLOCK_TABLE, 0);
        yd_mb_draw_table(w->b, &t, 1);
    }
    yd_mb_table_free(&t);
    return status;
}

/* ---- the walk ---- */

static int is_ext(cmark_node *n, const char *name) { return strcmp(cmark_node_get_type_string(n), name) == 0; }

static void inline_event(walker *w, cmark_node *n, cmark_event_type ev)
{
    yd_markup_builder *b = w->b;
    int enter = ev == CMARK_EVENT_ENTER;
    switch (cmark_node_get_type(n)) {
    case CMARK_NODE_TEXT:
        if (w->image_text == 1) {
            yd_mb_put_cstr(b, "：");
            w->image_text = 2;
        }
        yd_mb_put_cstr(b, cmark_node_get_literal(n));
        return;
    case CMARK_NODE_CODE:
        yd_mb_open(b, YD_SPAN_CODE);
        yd_mb_put_cstr(b, cmark_node_get_literal(n));
        yd_mb_close(b);
        return;
    case CMARK_NODE_SOFTBREAK:
    case CMARK_NODE_LINEBREAK:
        if (!w->in_heading) {
            continue_block(w);
        } else { /* a setext heading over two lines: one title */
            UChar last = yd_mb_last(b);
            if (last && last < 0x2E80 && last != ' ')
                yd_mb_put8(b, " ", 1);
        }
        return;
    case CMARK_NODE_EMPH:
    case CMARK_NODE_STRONG:
        if (enter)
            yd_mb_open(b, cmark_node_get_type(n) == CMARK_NODE_EMPH ? YD_SPAN_EMPHASIS : YD_SPAN_STRONG);
        else
            yd_mb_close(b);
        return;
    case CMARK_NODE_LINK:
        if (enter) {
            yd_mb_open(b, YD_SPAN_LINK);
            w->link_start = yd_mb_offset(b);
        } else {
            yd_mb_close(b);
            const char *url = cmark_node_get_url(n);
            if (url && *url)
                yd_mb_link(b, w->link_start, yd_mb_offset(b), url, strlen(url));
        }
        return;
    case CMARK_NODE_IMAGE:
        if (enter) {
            yd_mb_open(b, YD_SPAN_IMAGE);
            w->link_start = yd_mb_offset(b);
            yd_mb_put_cstr(b, "[图");
            w->image_text = 1;
        } else {
            yd_mb_put_cstr(b, "]");
            yd_mb_close(b);
            w->image_text = 0;
            const char *url = cmark_node_get_url(n);
            if (url && *url)
                yd_mb_link(b, w->link_start, yd_mb_offset(b), url, strlen(url));
        }
        return;
    default:
        if (is_ext(n, "strikethrough")) {
            if (enter)
                yd_mb_open(b, YD_SPAN_STRIKE);
            else
                yd_mb_close(b);
        }
        return; /* raw HTML and the rest: left out */
    }
}

static yd_status walk(walker *w, cmark_node *root, yd_error *err)
{
    cmark_iter *it = cmark_iter_new(root);
    if (!it)
        return yd_error_set(err, YD_ENOMEM, "out of memory rendering Markdown");
    cmark_event_type ev;
    yd_status st = YD_OK;
    while (st == YD_OK && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        int enter = ev == CMARK_EVENT_ENTER;
        switch (cmark_node_get_type(n)) {
        case CMARK_NODE_DOCUMENT:
            break;
        case CMARK_NODE_BLOCK_QUOTE:
            if (enter)
                enter_quote(w, n);
            else
                yd_mb_pop(&w->nest);
            break;
        case CMARK_NODE_LIST:
            if (enter)
                enter_list(w, n);
            else
                yd_mb_pop(&w->nest);
            break;
        case CMARK_NODE_ITEM:
            if (enter) {
                enter_item(w, n);
            } else {
                if (w->marker_pending) { /* an empty item: its marker alone */
                    start_block(w, n, YD_BLOCK_TEXT, 0);
                }
                yd_mb_flush_line(w->b);
                yd_mb_pop(&w->nest);
            }
            break;
        case CMARK_NODE_PARAGRAPH:
            if (enter) {
                separate_block(w, n);
                start_block(w, n, YD_BLOCK_TEXT, 0);
            } else {
                yd_mb_flush_line(w->b);
            }
            break;
        case CMARK_NODE_HEADING:
            if (enter) {
                separate_block(w, n);
                start_block(w, n, YD_BLOCK_HEADING, cmark_node_get_heading_level(n));
                w->in_heading = 1;
            } else {
                w->in_heading = 0;
                yd_mb_end_line(w->b);
            }
            break;
        case CMARK_NODE_CODE_BLOCK:
            code_block(w, n);
            break;
        case CMARK_NODE_THEMATIC_BREAK:
            separate_block(w, n);
            start_block(w, n, YD_BLOCK_RULE, 0);
            yd_mb_put_cstr(w->b, "＊　＊　＊");
            yd_mb_end_line(w->b);
            break;
        case CMARK_NODE_HTML_BLOCK:
            break;
        default:
            if (is_ext(n, "table")) {
                if (table(w, n) != 0)
                    st = yd_error_set(err, YD_ENOMEM, "out of memory rendering a table");
                cmark_iter_reset(it, n, CMARK_EVENT_EXIT); /* its rows are drawn */
            } else if (cmark_node_get_type(n) & CMARK_NODE_TYPE_INLINE & ~CMARK_NODE_TYPE_PRESENT) {
                inline_event(w, n, ev);
            }
            break;
        }
    }
    cmark_iter_free(it);
    return st;
}

/* Whether the line of s at at is three c and blanks: a marker of front
 * matter. */
static int marker_line(const char *s, size_t n, size_t at, char c)
{
    if (n - at < 3 || s[at] != c || s[at + 1] != c || s[at + 2] != c)
        return 0;
    for (size_t i = at + 3; i < n && s[i] != '\n'; i++)
        if (s[i] != ' ' && s[i] != '\t')
            return 0;
    return 1;
}

/* Whether the line at at can be YAML of front matter: blank, indented, a
 * list item or comment, or a key and its value. Prose has none of these
 * (a Chinese sentence's colon is full-width). */
static int yaml_like_line(const char *s, size_t n, size_t at)
{
    if (at == n || s[at] == '\n' || s[at] == ' ' || s[at] == '\t' || s[at] == '-' || s[at] == '#')
        return 1;
    for (size_t i = at; i < n && s[i] != '\n'; i++)
        if (s[i] == ':')
            return 1;
    return 0;
}

static size_t next_line(const char *s, size_t n, size_t at)
{
    const char *nl = memchr(s + at, '\n', n - at);
    return nl ? (size_t)(nl - s) + 1 : n;
}

/* YAML front matter (Hugo, Jekyll, Obsidian notes): "---" on the first
 * line, then keys and values, then "---" or "...". CommonMark reads it as
 * a thematic break and a setext heading, which put the file's data at the
 * top of the outline; its two marker lines become code fences instead, of
 * the same length so that no line moves: it shows as written, as code. */
static void front_matter_as_code(char *s, size_t n)
{
    if (!marker_line(s, n, 0, '-'))
        return;
    size_t at = next_line(s, n, 0);
    if (at == n || s[at] == '\n' || !yaml_like_line(s, n, at))
        return; /* a thematic break, then a blank line or text */
    for (; at < n; at = next_line(s, n, at)) {
        if (marker_line(s, n, at, '-') || marker_line(s, n, at, '.')) {
            memcpy(s, "```", 3);
            memcpy(s + at, "```", 3);
            return;
        }
        if (!yaml_like_line(s, n, at))
            return;
    }
}

yd_status yd_markdown_render(yd_document *doc, yd_error *err)
{
    pthread_once(&registered, register_extensions);
    /* cmark reads UTF-8: the decoded text goes back to it (a GBK file was
     * decoded like any other, line ends are LF already). */
    int32_t need = 0;
    char *src;
    yd_status sst = yd_mb_source_utf8(doc, &src, &need, err);
    if (sst != YD_OK)
        return sst;
    front_matter_as_code(src, (size_t)need);
    cmark_parser *p = cmark_parser_new(CMARK_OPT_DEFAULT);
    if (!p) {
        free(src);
        return yd_error_set(err, YD_ENOMEM, "out of memory rendering Markdown");
    }
    static const char *const extensions[] = {"table", "strikethrough", "autolink"};
    for (size_t k = 0; k < sizeof extensions / sizeof *extensions; k++) {
        cmark_syntax_extension *e = cmark_find_syntax_extension(extensions[k]);
        if (e)
            cmark_parser_attach_syntax_extension(p, e);
    }
    cmark_parser_feed(p, src, (size_t)need);
    cmark_node *root = cmark_parser_finish(p);
    free(src);
    if (!root) {
        cmark_parser_free(p);
        return yd_error_set(err, YD_ENOMEM, "out of memory rendering Markdown");
    }
    yd_markup_builder b;
    yd_mb_init(&b);
    walker w = {.b = &b, .link_start = -1};
    yd_status st = walk(&w, root, err);
    cmark_node_free(root);
    cmark_parser_free(p);
    if (st == YD_OK)
        yd_mb_link_list(&b);
    if (st == YD_OK)
        st = yd_mb_finish(&b, doc, err);
    yd_mb_free(&b);
    return st;
}
