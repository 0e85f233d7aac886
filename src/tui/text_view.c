/* Text pane rows. Wrapping here is the minimal one (cells by wcwidth,
 * control characters as placeholders) until the core layout of issue 4
 * provides Chinese line breaking. */
#include "text_view.h"

#include <curses.h>
#include <stdlib.h>
#include <unicode/utf16.h>
#include <wchar.h>

enum { TAB_STOP = 4 };

/* What one code point shows as: up to 7 wide characters in out; returns
 * the cells they take. */
static int cell_token(UChar32 c, int col, wchar_t *out, int *n)
{
    if (c == '\t') {
        int w = TAB_STOP - col % TAB_STOP;
        for (int k = 0; k < w; k++)
            out[k] = L' ';
        *n = w;
        return w;
    }
    if (c < 0x20 || c == 0x7F) {
        out[0] = L'^';
        out[1] = c == 0x7F ? L'?' : (wchar_t)(c + 0x40);
        *n = 2;
        return 2;
    }
    if ((c >= 0x80 && c < 0xA0) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||
        c == 0x200E || c == 0x200F || c == 0x061C) {
        swprintf(out, 7, L"<%X>", (unsigned)c);
        *n = (int)wcslen(out);
        return *n;
    }
    int w = wcwidth((wchar_t)c);
    if (w < 0) {
        out[0] = 0xFFFD;
        *n = 1;
        return 1;
    }
    out[0] = (wchar_t)c;
    *n = 1;
    return w;
}

static int push(text_view *v, int32_t start, int32_t end)
{
    if (v->count == v->capacity) {
        size_t cap = v->capacity ? v->capacity * 2 : 256;
        text_row *rows = realloc(v->rows, cap * sizeof *rows);
        if (!rows)
            return -1;
        v->rows = rows;
        v->capacity = cap;
    }
    v->rows[v->count++] = (text_row){start, end};
    return 0;
}

static int lay_out(text_view *v, int width)
{
    const yd_document *d = v->doc;
    v->count = 0;
    v->width = width;
    for (int32_t line = 0; line < d->line_count; line++) {
        int32_t s, e;
        yd_document_line_bounds(d, line, &s, &e);
        int32_t row_start = s, i = s;
        int col = 0;
        while (i < e) {
            int32_t at = i;
            UChar32 c;
            U16_NEXT(d->text, i, e, c);
            wchar_t tok[8];
            int n, w = cell_token(c, col, tok, &n);
            if (col + w > width && col > 0) {
                if (push(v, row_start, at) != 0)
                    return -1;
                row_start = at;
                col = 0;
                w = cell_token(c, col, tok, &n);
            }
            col += w;
        }
        if (push(v, row_start, e) != 0)
            return -1;
    }
    return 0;
}

static size_t row_at(const text_view *v, int32_t offset)
{
    size_t lo = 0, hi = v->count ? v->count - 1 : 0;
    while (lo < hi) { /* last row starting at or before offset */
        size_t mid = lo + (hi - lo + 1) / 2;
        if (v->rows[mid].start <= offset)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

int text_view_show(text_view *v, const yd_document *doc, int width, int32_t offset)
{
    if (v->doc != doc || v->width != width) {
        v->doc = doc;
        if (lay_out(v, width) != 0) {
            v->width = 0;
            v->count = 0;
            return -1;
        }
    }
    v->top = row_at(v, offset);
    return 0;
}

int32_t text_view_offset(const text_view *v) { return v->count ? v->rows[v->top].start : 0; }

void text_view_scroll(text_view *v, long delta, int height)
{
    long top = (long)v->top + delta;
    long max = (long)v->count - height;
    if (top > max)
        top = max;
    if (top < 0)
        top = 0;
    v->top = (size_t)top;
}

void text_view_go_to_offset(text_view *v, int32_t offset, int height)
{
    v->top = row_at(v, offset);
    text_view_scroll(v, 0, height);
}

unsigned text_view_percent(const text_view *v, int height)
{
    if (v->count == 0)
        return 100;
    size_t last = v->top + (size_t)height;
    if (last > v->count)
        last = v->count;
    return (unsigned)(last * 100 / v->count);
}

void text_view_draw(const text_view *v, int y, int x, int height, int width)
{
    for (int r = 0; r < height && v->top + (size_t)r < v->count; r++) {
        const text_row *row = &v->rows[v->top + (size_t)r];
        move(y + r, x);
        int col = 0;
        int32_t i = row->start;
        while (i < row->end) {
            UChar32 c;
            U16_NEXT(v->doc->text, i, row->end, c);
            wchar_t tok[8];
            int n, w = cell_token(c, col, tok, &n);
            if (col + w > width)
                break;
            int placeholder = n > 1 && c != '\t';
            if (placeholder)
                attron(A_REVERSE);
            addnwstr(tok, n);
            if (placeholder)
                attroff(A_REVERSE);
            col += w;
        }
    }
}

void text_view_free(text_view *v)
{
    free(v->rows);
    v->rows = NULL;
    v->count = v->capacity = 0;
}
