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

#define MAX_NEST 64       /* containers tracked; deeper ones indent no further */
#define NEST_INDENT_CAP 40 /* cells: nested indents stop growing here */
#define CELL_CAP 24        /* cells: a table column never wider than this */
#define TAB_STOP 4

static pthread_once_t registered = PTHREAD_ONCE_INIT;
static void register_extensions(void) { cmark_gfm_core_extensions_ensure_registered(); }

/* What a container (quote, list, item) gives the blocks inside it. */
typedef struct container {
    cmark_node_type type;
    int base;        /* indent of the blocks inside, cells */
    int quote;       /* quote depth */
    int tight;       /* a tight list: no blank lines between its items */
    int number;      /* an ordered list's next number */
    int list_depth;  /* lists around it, itself included */
} container;

typedef struct walker {
    yd_markup_builder *b;
    container stack[MAX_NEST];
    int depth, ignored;    /* ignored: containers past MAX_NEST */
    char marker[32];       /* an item's marker, written by its first block */
    int marker_pending;
    int link_start;        /* where the open link's text began, -1: none */
    int image_text;        /* in an image: 0 none, 1 before its text, 2 after */
    const char *link_url;
    int32_t source_line;   /* of the line being written in a paragraph */
    int in_heading;
} walker;

static const container *top(const walker *w) { return w->depth > 0 ? &w->stack[w->depth - 1] : NULL; }

static int in_tight_item(const walker *w)
{
    const container *c = top(w);
    return c && c->type == CMARK_NODE_ITEM && c->tight;
}

/* Cells of a code point, without the reader's width table (which may count
 * ambiguous ones as two): wide and full-width two, marks none, else one. */
static int cells_of(UChar32 c)
{
    int ea = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    if (ea == U_EA_WIDE || ea == U_EA_FULLWIDTH)
        return 2;
    int gc = u_charType(c);
    if (gc == U_NON_SPACING_MARK || gc == U_ENCLOSING_MARK || gc == U_FORMAT_CHAR)
        return 0;
    return 1;
}

static int utf8_cells(const char *s)
{
    int32_t i = 0, n = (int32_t)strlen(s), cells = 0;
    while (i < n) {
        UChar32 c;
        U8_NEXT(s, i, n, c);
        cells += c < 0 ? 1 : cells_of(c);
    }
    return cells;
}

static int clamp_indent(int cells) { return cells < NEST_INDENT_CAP ? cells : NEST_INDENT_CAP; }

/* Start a block's first line: its kind, level, indent and source line; an
 * item's marker goes before the first block of the item. */
static void start_block(walker *w, cmark_node *node, yd_block_kind kind, int level)
{
    const container *c = top(w);
    int base = c ? c->base : 0, quote = c ? c->quote : 0;
    yd_line_info info = {.source_line = cmark_node_get_start_line(node), .kind = (uint8_t)kind};
    if (info.source_line < 1)
        info.source_line = 1;
    if (kind == YD_BLOCK_HEADING) {
        info.level = (uint8_t)level;
        info.indent = (int16_t)base;
    } else if (w->marker_pending) {
        /* The item's first line starts at the item's own indent, its marker
         * hangs out to the left of the text under it. */
        int mcells = utf8_cells(w->marker);
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

static void push(walker *w, container c)
{
    if (w->depth == MAX_NEST) {
        w->ignored++;
        return;
    }
    w->stack[w->depth++] = c;
}

static void pop(walker *w)
{
    if (w->ignored > 0)
        w->ignored--;
    else if (w->depth > 0)
        w->depth--;
}

/* A container of this type inside the current one: what it gives its
 * blocks starts as what the one around it gives. */
static container inside(const walker *w, cmark_node_type type)
{
    const container *p = top(w);
    container c = {0};
    if (p)
        c = *p;
    c.type = type;
    return c;
}

static void enter_item(walker *w, cmark_node *item)
{
    const container *list = top(w);
    container c = inside(w, CMARK_NODE_ITEM);
    if (list && list->type == CMARK_NODE_LIST) {
        if (cmark_node_get_list_type(cmark_node_parent(item)) == CMARK_ORDERED_LIST) {
            int delim = cmark_node_get_list_delim(cmark_node_parent(item));
            snprintf(w->marker, sizeof w->marker, "%d%c ", list->number, delim == CMARK_PAREN_DELIM ? ')' : '.');
            w->stack[w->depth - 1].number++;
        } else {
            static const char *const bullets[] = {"• ", "◦ ", "▪ "};
            snprintf(w->marker, sizeof w->marker, "%s", bullets[(list->list_depth - 1) % 3]);
        }
    } else {
        snprintf(w->marker, sizeof w->marker, "• ");
    }
    c.base += utf8_cells(w->marker);
    w->marker_pending = 1;
    /* The first item was separated by the list's enter. */
    if (!c.tight && cmark_node_previous(item))
        yd_mb_separate(w->b, cmark_node_get_start_line(item));
    else
        yd_mb_flush_line(w->b);
    push(w, c);
}

static void enter_list(walker *w, cmark_node *list)
{
    const container *p = top(w);
    container c = inside(w, CMARK_NODE_LIST);
    c.tight = cmark_node_get_list_tight(list);
    c.number = cmark_node_get_list_start(list);
    c.list_depth = (p ? p->list_depth : 0) + 1;
    /* A list right inside a tight item follows its text without a gap. */
    if (in_tight_item(w))
        yd_mb_flush_line(w->b);
    else
        yd_mb_separate(w->b, cmark_node_get_start_line(list));
    push(w, c);
}

static void enter_quote(walker *w, cmark_node *quote)
{
    container c = inside(w, CMARK_NODE_BLOCK_QUOTE);
    c.base += 2;
    c.quote++;
    if (!w->marker_pending)
        yd_mb_separate(w->b, cmark_node_get_start_line(quote));
    push(w, c);
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

typedef struct cell {
    UChar *text;
    int32_t length;
    int cells;
} cell;

/* The plain text of a table cell (its inlines' text, breaks as spaces). */
static int cell_text(cmark_node *cellnode, cell *out, yd_markup_builder *b)
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
    out->text = malloc((len + 1) * sizeof *out->text);
    if (!out->text) {
        free(buf);
        return -1;
    }
    UErrorCode st = U_ZERO_ERROR;
    u_strFromUTF8WithSub(out->text, (int32_t)len + 1, &out->length, buf, (int32_t)len, 0xFFFD, NULL, &st);
    free(buf);
    if (U_FAILURE(st))
        out->length = 0;
    out->cells = 0;
    for (int32_t i = 0; i < out->length;) {
        UChar32 c;
        U16_NEXT(out->text, i, out->length, c);
        if (c < 0x20)
            out->text[i - 1] = ' ';
        out->cells += cells_of(c);
    }
    (void)b;
    return 0;
}

/* Write the part of c that fits `width` cells starting at *pos, padded to
 * width by alignment; *pos moves past what was written. */
static void put_cell_part(yd_markup_builder *b, const cell *c, int32_t *pos, int width, int align)
{
    int32_t s = *pos, e = s;
    int used = 0;
    while (e < c->length) {
        int32_t j = e;
        UChar32 ch;
        U16_NEXT(c->text, j, c->length, ch);
        int w = cells_of(ch);
        if (used + w > width && e > s)
            break;
        used += w;
        e = j;
    }
    int pad = width - used, left = align == 'r' ? pad : align == 'c' ? pad / 2 : 0;
    for (int k = 0; k < left; k++)
        yd_mb_put8(b, " ", 1);
    yd_mb_put16(b, c->text + s, e - s);
    for (int k = 0; k < pad - left; k++)
        yd_mb_put8(b, " ", 1);
    *pos = e;
}

static void border(yd_markup_builder *b, const int *widths, int cols, char fill)
{
    for (int k = 0; k < cols; k++) {
        yd_mb_put8(b, "+", 1);
        for (int i = 0; i < widths[k] + 2; i++)
            yd_mb_put8(b, &fill, 1);
    }
    yd_mb_put8(b, "+", 1);
    yd_mb_end_line(b);
}

/* A table drawn in ASCII: a border, the header, a rule, the rows, a
 * border; a cell wider than its column goes on in the lines under it. */
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
    cell *cells = calloc((size_t)rows * (size_t)cols, sizeof *cells);
    int *widths = calloc((size_t)cols, sizeof *widths);
    int32_t *pos = calloc((size_t)cols, sizeof *pos);
    int status = cells && widths && pos ? 0 : -1;
    int row = 0;
    for (cmark_node *r = cmark_node_first_child(node); r && status == 0; r = cmark_node_next(r), row++) {
        int col = 0;
        for (cmark_node *c = cmark_node_first_child(r); c && col < cols && status == 0; c = cmark_node_next(c), col++) {
            cell *x = &cells[row * cols + col];
            status = cell_text(c, x, w->b);
            if (status == 0 && x->cells > widths[col])
                widths[col] = x->cells < CELL_CAP ? x->cells : CELL_CAP;
        }
    }
    if (status == 0) {
        for (int k = 0; k < cols; k++)
            if (widths[k] == 0)
                widths[k] = 1;
        start_block(w, node, YD_BLOCK_TABLE, 0);
        yd_line_info info = w->b->current;
        border(w->b, widths, cols, '-');
        row = 0;
        for (cmark_node *r = cmark_node_first_child(node); r; r = cmark_node_next(r), row++) {
            info.source_line = cmark_node_get_start_line(r);
            yd_mb_set_line(w->b, info);
            memset(pos, 0, (size_t)cols * sizeof *pos);
            for (;;) { /* one line per part of the row's tallest cell */
                for (int k = 0; k < cols; k++) {
                    yd_mb_put8(w->b, "| ", 2);
                    const cell *x = &cells[row * cols + k];
                    if (x->text)
                        put_cell_part(w->b, x, &pos[k], widths[k], align ? align[k] : 0);
                    else
                        for (int i = 0; i < widths[k]; i++)
                            yd_mb_put8(w->b, " ", 1);
                    yd_mb_put8(w->b, " ", 1);
                }
                yd_mb_put8(w->b, "|", 1);
                yd_mb_end_line(w->b);
                int more = 0;
                for (int k = 0; k < cols; k++)
                    more |= cells[row * cols + k].text && pos[k] < cells[row * cols + k].length;
                if (!more)
                    break;
            }
            if (row == 0)
                border(w->b, widths, cols, '=');
        }
        border(w->b, widths, cols, '-');
    }
    if (cells)
        for (int k = 0; k < rows * cols; k++)
            free(cells[k].text);
    free(cells);
    free(widths);
    free(pos);
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
                pop(w);
            break;
        case CMARK_NODE_LIST:
            if (enter)
                enter_list(w, n);
            else
                pop(w);
            break;
        case CMARK_NODE_ITEM:
            if (enter) {
                enter_item(w, n);
            } else {
                if (w->marker_pending) { /* an empty item: its marker alone */
                    start_block(w, n, YD_BLOCK_TEXT, 0);
                }
                yd_mb_flush_line(w->b);
                pop(w);
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

/* Links show as their text; where they point is listed at the end, one
 * line each, numbered in order, as footnotes are (docs/FORMATS.md). */
static void link_list(yd_markup_builder *b)
{
    size_t n = b->link_count;
    if (n == 0)
        return;
    int32_t last = b->lines > 0 ? b->info[b->lines - 1].source_line : 1;
    yd_mb_separate(b, last);
    yd_mb_set_line(b, (yd_line_info){.source_line = last, .indent = 0, .kind = YD_BLOCK_RULE});
    yd_mb_put_cstr(b, "链接");
    yd_mb_end_line(b);
    for (size_t k = 0; k < n && !b->oom; k++) {
        yd_link *l = &b->links[k];
        int32_t line = 0; /* the source line of the line holding the link */
        for (int32_t lo = 0, hi = b->lines - 1; lo <= hi;) {
            int32_t mid = lo + (hi - lo) / 2;
            if (b->starts[mid] <= l->start) {
                line = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        yd_line_info info = {.source_line = b->lines > 0 ? b->info[line].source_line : 1, .indent = 0,
                             .hang = 4, .kind = YD_BLOCK_RULE};
        yd_mb_set_line(b, info);
        char num[24];
        snprintf(num, sizeof num, "[%zu] ", k + 1);
        yd_mb_put_cstr(b, num);
        /* The link's text, copied first: writing may move the buffer. */
        int32_t len = l->end - l->start;
        UChar *copy = malloc(((size_t)len + 1) * sizeof *copy);
        if (!copy) {
            b->oom = true;
            return;
        }
        memcpy(copy, b->text + l->start, (size_t)len * sizeof *copy);
        yd_mb_put16(b, copy, len);
        free(copy);
        yd_mb_put_cstr(b, "：");
        yd_mb_open(b, YD_SPAN_LINK);
        yd_mb_put_cstr(b, l->target);
        yd_mb_close(b);
        yd_mb_end_line(b);
    }
}

yd_status yd_markdown_render(yd_document *doc, yd_error *err)
{
    pthread_once(&registered, register_extensions);
    /* cmark reads UTF-8: the decoded text goes back to it (a GBK file was
     * decoded like any other, line ends are LF already). */
    int32_t need = 0;
    UErrorCode ust = U_ZERO_ERROR;
    u_strToUTF8WithSub(NULL, 0, &need, doc->text, doc->length, 0xFFFD, NULL, &ust);
    if (ust != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(ust))
        return yd_error_set(err, YD_EINVAL, "cannot re-encode the Markdown source: %s", u_errorName(ust));
    char *src = malloc((size_t)need + 1);
    if (!src)
        return yd_error_set(err, YD_ENOMEM, "out of memory rendering Markdown");
    ust = U_ZERO_ERROR;
    u_strToUTF8WithSub(src, need + 1, &need, doc->text, doc->length, 0xFFFD, NULL, &ust);
    if (U_FAILURE(ust)) {
        free(src);
        return yd_error_set(err, YD_EINVAL, "cannot re-encode the Markdown source: %s", u_errorName(ust));
    }
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
        link_list(&b);
    if (st == YD_OK)
        st = yd_mb_finish(&b, doc, err);
    yd_mb_free(&b);
    return st;
}
