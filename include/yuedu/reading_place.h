/* The reading place: which row is on top of the text pane, and the source
 * offset the reader is at.
 *
 * The offset is the place's truth; the row follows it. A place set to an
 * offset keeps that offset until the reader moves: laid out again at
 * another width (a resize, the outline shown or hidden, the bookmark
 * column coming or going) it shows the row that holds that offset, and the
 * position saved at exit is that offset, not the start of whatever row
 * holds it at this width. Taking the row's start instead loses a row each
 * time the width grows: the start of a wider row lies in the row above at
 * the narrower width. Once the top row moves (scrolling), the place is the
 * start of the new top row. */
#ifndef YUEDU_READING_PLACE_H
#define YUEDU_READING_PLACE_H

#include <stdint.h>

#include "yuedu/document.h"
#include "yuedu/layout.h"
#include "yuedu/status.h"

typedef struct yd_reading_place {
    yd_layout_pos top;      /* the row on top; move it freely */
    int32_t offset;         /* the place, while top is still `anchored` */
    yd_layout_pos anchored; /* the row top was when offset was set */
} yd_reading_place;

/* Put the place at offset: top becomes the row of layout holding it. */
yd_status yd_place_show(yd_reading_place *p, yd_layout *layout, int32_t offset, yd_error *err);

/* The place as a source offset: the offset set, or the start of the top row
 * once the top row has moved since. doc is the layout's document. Before
 * the width changes, take the place here and yd_place_show it after. */
yd_status yd_place_offset(const yd_reading_place *p, yd_layout *layout, const yd_document *doc, int32_t *offset,
                          yd_error *err);

#endif
