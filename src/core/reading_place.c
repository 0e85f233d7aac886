/* The reading place (yuedu/reading_place.h). */
#include "yuedu/reading_place.h"

static int same_row(yd_layout_pos a, yd_layout_pos b) { return a.para == b.para && a.row == b.row; }

yd_status yd_place_show(yd_reading_place *p, yd_layout *layout, int32_t offset, yd_error *err)
{
    yd_status st = yd_layout_pos_of_offset(layout, offset, &p->top, err);
    if (st != YD_OK)
        return st;
    p->offset = offset;
    p->anchored = p->top;
    return YD_OK;
}

yd_status yd_place_offset(const yd_reading_place *p, yd_layout *layout, const yd_document *doc, int32_t *offset,
                          yd_error *err)
{
    if (same_row(p->top, p->anchored)) {
        *offset = p->offset < 0 ? 0 : p->offset > doc->length ? doc->length : p->offset;
        return YD_OK;
    }
    const yd_row *rows;
    int32_t count;
    if (p->top.para < yd_layout_paragraph_count(layout)) {
        yd_status st = yd_layout_paragraph(layout, p->top.para, &rows, &count, err);
        if (st != YD_OK)
            return st;
        if (p->top.row < count) {
            *offset = rows[p->top.row].start;
            return YD_OK;
        }
    }
    /* A paragraph without rows (a blank line folded into the gap before
     * it), or an empty document. */
    *offset = p->top.para < doc->line_count ? doc->line_starts[p->top.para] : doc->length;
    return YD_OK;
}
