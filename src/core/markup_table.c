/* Tables of rendered documents, drawn the same for every format
 * (markup_builder.h): ASCII borders, because box-drawing characters are
 * East Asian Ambiguous and break on terminals that draw them two cells
 * wide; columns sized by the cells of their text; a cell wider than its
 * column wraps inside it, so that a row stays one block of lines that the
 * layout cuts at the pane's edge but never tears. */
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include "markup_builder.h"

#define CELL_CAP 24 /* cells: a table column never wider than this */

int yd_mb_cells_of(UChar32 c)
{
    int ea = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    if (ea == U_EA_WIDE || ea == U_EA_FULLWIDTH)
        return 2;
    int gc = u_charType(c);
    if (gc == U_NON_SPACING_MARK || gc == U_ENCLOSING_MARK || gc == U_FORMAT_CHAR)
        return 0;
    return 1;
}

int yd_mb_utf8_cells(const char *s)
{
    int32_t i = 0, n = (int32_t)strlen(s), cells = 0;
    while (i < n) {
        UChar32 c;
        U8_NEXT(s, i, n, c);
        cells += c < 0 ? 1 : yd_mb_cells_of(c);
    }
    return cells;
}

int yd_mb_table_init(yd_mb_table *t, int rows, int cols)
{
    memset(t, 0, sizeof *t);
    if (rows <= 0 || cols <= 0)
        return 0;
    size_t n = (size_t)rows * (size_t)cols;
    t->text = calloc(n, sizeof *t->text);
    t->length = calloc(n, sizeof *t->length);
    t->row_lines = calloc((size_t)rows, sizeof *t->row_lines);
    t->align = calloc((size_t)cols, 1);
    if (!t->text || !t->length || !t->row_lines || !t->align) {
        yd_mb_table_free(t);
        return -1;
    }
    t->rows = rows;
    t->cols = cols;
    return 0;
}

void yd_mb_table_free(yd_mb_table *t)
{
    for (int k = 0; t->text && k < t->rows * t->cols; k++)
        free(t->text[k]);
    free(t->text);
    free(t->length);
    free(t->row_lines);
    free(t->align);
    memset(t, 0, sizeof *t);
}

int yd_mb_table_cell(yd_mb_table *t, int row, int col, const char *utf8, size_t n)
{
    if (row < 0 || row >= t->rows || col < 0 || col >= t->cols || n > INT32_MAX / 2)
        return 0;
    UChar *u = malloc((n + 1) * sizeof *u);
    if (!u)
        return -1;
    int32_t len = 0;
    UErrorCode st = U_ZERO_ERROR;
    u_strFromUTF8WithSub(u, (int32_t)n + 1, &len, utf8, (int32_t)n, 0xFFFD, NULL, &st);
    if (U_FAILURE(st))
        len = 0;
    for (int32_t i = 0; i < len; i++)
        if (u[i] < 0x20)
            u[i] = ' ';
    int k = row * t->cols + col;
    free(t->text[k]);
    t->text[k] = u;
    t->length[k] = len;
    return 0;
}

static int text_cells(const UChar *s, int32_t n)
{
    int cells = 0;
    for (int32_t i = 0; i < n;) {
        UChar32 c;
        U16_NEXT(s, i, n, c);
        cells += yd_mb_cells_of(c);
    }
    return cells;
}

/* Write the part of cell text[*pos, n) that fits `width` cells, padded to
 * width by alignment; *pos moves past what was written. */
static void put_cell_part(yd_markup_builder *b, const UChar *text, int32_t n, int32_t *pos, int width, int align)
{
    int32_t s = *pos, e = s;
    int used = 0;
    while (e < n) {
        int32_t j = e;
        UChar32 ch;
        U16_NEXT(text, j, n, ch);
        int w = yd_mb_cells_of(ch);
        if (used + w > width && e > s)
            break;
        used += w;
        e = j;
    }
    int pad = width - used, left = align == 'r' ? pad : align == 'c' ? pad / 2 : 0;
    for (int k = 0; k < left; k++)
        yd_mb_put8(b, " ", 1);
    if (text)
        yd_mb_put16(b, text + s, e - s);
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

void yd_mb_draw_table(yd_markup_builder *b, const yd_mb_table *t, int header_rows)
{
    if (t->rows == 0 || t->cols == 0)
        return;
    int *widths = calloc((size_t)t->cols, sizeof *widths);
    int32_t *pos = calloc((size_t)t->cols, sizeof *pos);
    if (!widths || !pos) {
        free(widths);
        free(pos);
        b->oom = true;
        return;
    }
    for (int k = 0; k < t->rows * t->cols; k++) {
        int c = text_cells(t->text[k], t->length[k]), col = k % t->cols;
        if (c > widths[col])
            widths[col] = c < CELL_CAP ? c : CELL_CAP;
    }
    for (int k = 0; k < t->cols; k++)
        if (widths[k] == 0)
            widths[k] = 1;
    yd_line_info info = b->current;
    border(b, widths, t->cols, '-');
    for (int row = 0; row < t->rows; row++) {
        if (t->row_lines[row] > 0)
            info.source_line = t->row_lines[row];
        yd_mb_set_line(b, info);
        memset(pos, 0, (size_t)t->cols * sizeof *pos);
        for (;;) { /* one line per part of the row's tallest cell */
            for (int k = 0; k < t->cols; k++) {
                int i = row * t->cols + k;
                yd_mb_put8(b, "| ", 2);
                put_cell_part(b, t->text[i], t->length[i], &pos[k], widths[k], t->align[k]);
                yd_mb_put8(b, " ", 1);
            }
            yd_mb_put8(b, "|", 1);
            yd_mb_end_line(b);
            int more = 0;
            for (int k = 0; k < t->cols; k++)
                more |= pos[k] < t->length[row * t->cols + k];
            if (!more)
                break;
        }
        if (row + 1 == header_rows)
            border(b, widths, t->cols, '=');
    }
    border(b, widths, t->cols, '-');
    free(widths);
    free(pos);
}
