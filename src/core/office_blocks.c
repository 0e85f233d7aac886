/* Blocks a Word document and an OpenDocument text draw alike
 * (office_blocks.h). */
#include "office_blocks.h"

#include <stdlib.h>
#include <string.h>

#include "xml_read.h"

#define MAX_INDENT 40 /* cells: deeper lists indent no further */
#define MAX_COLS 64   /* columns drawn; cells past them are left out */

yd_line_info yd_office_item_line(int depth, const char *marker)
{
    int indent = depth * 2 < MAX_INDENT ? depth * 2 : MAX_INDENT, cells = yd_mb_utf8_cells(marker);
    return (yd_line_info){.source_line = 1, .kind = YD_BLOCK_ITEM, .indent = (int16_t)indent,
                          .hang = (int16_t)(indent + cells < MAX_INDENT ? indent + cells : MAX_INDENT)};
}

int yd_office_table(yd_markup_builder *b, const xmlNode *const *rows, int row_count, const char *cell,
                    int header_rows, yd_office_cell_text *text)
{
    int cols = 0;
    for (int r = 0; r < row_count; r++) {
        int c = 0;
        for (const xmlNode *d = rows[r]->children; d; d = d->next)
            c += yd_xml_is(d, cell);
        if (c > cols)
            cols = c < MAX_COLS ? c : MAX_COLS;
    }
    if (row_count == 0 || cols == 0)
        return 0;
    yd_mb_table t;
    if (yd_mb_table_init(&t, row_count, cols) != 0)
        return -1;
    int status = 0;
    for (int r = 0; r < row_count && status == 0; r++) {
        t.row_lines[r] = 1;
        int c = 0;
        for (const xmlNode *d = rows[r]->children; d && c < cols && status == 0; d = d->next) {
            if (!yd_xml_is(d, cell))
                continue;
            char *s = text(d);
            status = s ? yd_mb_table_cell(&t, r, c, s, strlen(s)) : -1;
            free(s);
            c++;
        }
    }
    if (status == 0) {
        yd_mb_separate(b, 1);
        yd_mb_set_line(b, (yd_line_info){.source_line = 1, .kind = YD_BLOCK_TABLE});
        yd_mb_draw_table(b, &t, header_rows < row_count ? header_rows : 0);
    }
    yd_mb_table_free(&t);
    return status == 0 ? 1 : -1;
}

int yd_office_append(char **s, size_t *n, size_t *cap, const char *add)
{
    size_t k = strlen(add), want = *cap ? *cap : 64;
    while (*n + k + 1 > want)
        want *= 2;
    if (want != *cap || !*s) {
        char *bigger = realloc(*s, want);
        if (!bigger)
            return -1;
        *s = bigger;
        *cap = want;
    }
    memcpy(*s + *n, add, k);
    *n += k;
    (*s)[*n] = 0;
    return 0;
}
