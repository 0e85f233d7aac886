/* libFuzzer target: bytes -> document -> layout. The first byte picks the
 * pane width (2..129) and options; both ambiwidths are laid out and every
 * row's cells are taken. Checks that rows tile each line and that cells
 * fit the text width. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "yuedu/document.h"
#include "yuedu/layout.h"
#include "yuedu/width.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static yd_width_table *tables[2];

static void lay_out(const yd_document *doc, yd_width_table *widths, int width, unsigned flags)
{
    yd_layout_options o;
    yd_layout_options_default(&o);
    o.width = width;
    o.blank_between = flags & 1;
    o.indent = (flags & 2) ? 0 : 4;
    o.max_text_width = (flags & 4) ? width / 2 + 1 : 0;
    yd_layout *layout = NULL;
    yd_error err = {0};
    if (yd_layout_new(doc, widths, &o, &layout, &err) != YD_OK)
        return;
    int text_width = yd_layout_text_width(layout);
    int cap = text_width + 8;
    yd_cell *cells = malloc(sizeof *cells * (size_t)cap);
    if (!cells)
        abort();
    int32_t paras = yd_layout_paragraph_count(layout);
    for (int32_t p = 0; p < paras; p++) {
        const yd_row *rows;
        int32_t count;
        if (yd_layout_paragraph(layout, p, &rows, &count, &err) != YD_OK)
            break;
        for (int32_t r = 0; r < count; r++) {
            const yd_row *row = &rows[r];
            if (row->start > row->end || row->draw_start < row->start || row->draw_end > row->end ||
                row->draw_start > row->draw_end)
                abort();
            if (r > 0 && !(row->flags & YD_ROW_GAP) && !(rows[r - 1].flags & YD_ROW_GAP) &&
                row->start != rows[r - 1].end)
                abort();
            int n = yd_layout_row_cells(layout, row, cells, cap);
            int cols = 0;
            for (int c = 0; c < n; c++) {
                if (cells[c].width < 1 || cells[c].width > 2)
                    abort();
                cols += cells[c].width;
            }
            if (row->indent + cols > text_width)
                abort();
        }
    }
    /* Moving through the whole document and back. */
    yd_layout_pos pos;
    if (yd_layout_pos_of_offset(layout, doc->length / 2, &pos, &err) == YD_OK) {
        int32_t moved;
        (void)yd_layout_pos_move(layout, &pos, 1000, &moved, &err);
        (void)yd_layout_pos_move(layout, &pos, -2000, &moved, &err);
    }
    (void)yd_layout_set_width(layout, width + 7, &err);
    const yd_row *rows;
    int32_t count;
    if (paras > 0)
        (void)yd_layout_paragraph(layout, paras - 1, &rows, &count, &err);
    free(cells);
    yd_layout_free(layout);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    yd_error err = {0};
    if (!tables[0]) {
        if (yd_width_table_new(1, &tables[0], &err) != YD_OK || yd_width_table_new(2, &tables[1], &err) != YD_OK)
            abort();
    }
    if (size < 1)
        return 0;
    int width = 2 + (data[0] & 0x7f);
    unsigned flags = data[0] >> 5;
    yd_document doc;
    memset(&doc, 0, sizeof doc);
    if (yd_document_from_bytes(&doc, "fuzz.txt", data + 1, size - 1, NULL, &err) == YD_OK) {
        lay_out(&doc, tables[0], width, flags);
        lay_out(&doc, tables[1], width, flags);
        (void)yd_width_of_text(tables[1], doc.text, doc.length);
    }
    yd_document_free(&doc);
    return 0;
}
