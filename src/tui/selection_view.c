/* The selection, in the way of vim's visual mode: an overlay over the
 * text pane that covers nothing, takes the moving keys and moves a cursor
 * instead of the text. Both ends are source offsets of the current
 * document, always at the start of a cell of the layout, so a selection
 * never splits a grapheme cluster (a cell is a whole cluster). It spans
 * rows, paragraphs and headings; the text pane draws it (text_view.c).
 *
 * Its own keys, as typed and not configurable (like Esc in the lists):
 * h l Left Right by character, w b by word (ICU word breaks), Esc cancels.
 * Copy (y) and the moving actions come through the key table. */
#include <curses.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>

#include "app.h"

/* The row showing offset: its position, and its cells in a->cells (*n of
 * them). Returns the index of the cell holding offset, the first after it
 * when none holds it, or -1 when the row has no cell. */
static int cell_of(app *a, yd_layout *layout, int32_t offset, yd_layout_pos *pos, int *n)
{
    *n = 0;
    if (app_failed(a, yd_layout_pos_of_offset(layout, offset, pos, NULL), "layout") != YD_OK)
        return -1;
    const yd_row *row = app_row_at(a, layout, *pos);
    if (!row || (row->flags & (YD_ROW_GAP | YD_ROW_BLANK)))
        return -1;
    *n = yd_layout_row_cells(layout, row, a->cells, MAX_CELLS);
    if (*n <= 0)
        return -1;
    for (int k = 0; k < *n; k++)
        if (offset < a->cells[k].start + a->cells[k].length)
            return k;
    return *n - 1;
}

/* The next row from pos (step 1 or -1) that has cells, its cells in
 * a->cells; 0 at either end of the document. */
static int next_row_with_cells(app *a, yd_layout *layout, yd_layout_pos *pos, int step, int *n)
{
    for (;;) {
        int32_t moved = 0;
        if (app_failed(a, yd_layout_pos_move(layout, pos, step, &moved, NULL), "layout") != YD_OK || moved == 0)
            return 0;
        const yd_row *row = app_row_at(a, layout, *pos);
        if (!row || (row->flags & (YD_ROW_GAP | YD_ROW_BLANK)))
            continue;
        *n = yd_layout_row_cells(layout, row, a->cells, MAX_CELLS);
        if (*n > 0)
            return 1;
    }
}

/* offset moved onto the start of a cell: the cell holding it, else the
 * first cell after it, else the last before it. */
static int32_t snap(app *a, yd_layout *layout, int32_t offset)
{
    yd_layout_pos pos;
    int n, k = cell_of(a, layout, offset, &pos, &n);
    if (k >= 0)
        return a->cells[k].start;
    if (next_row_with_cells(a, layout, &pos, 1, &n))
        return a->cells[0].start;
    if (cell_of(a, layout, offset, &pos, &n) < 0 && next_row_with_cells(a, layout, &pos, -1, &n))
        return a->cells[n - 1].start;
    return offset;
}

int32_t selection_cluster_end(app *a, int32_t offset)
{
    yd_layout *layout = app_layout(a, a->sel_doc);
    yd_layout_pos pos;
    int n, k = layout ? cell_of(a, layout, offset, &pos, &n) : -1;
    return k >= 0 && a->cells[k].start == offset ? offset + a->cells[k].length : offset + 1;
}

void selection_range(app *a, int32_t *lo, int32_t *hi)
{
    int32_t first = a->sel_anchor < a->sel_cursor ? a->sel_anchor : a->sel_cursor;
    int32_t last = a->sel_anchor < a->sel_cursor ? a->sel_cursor : a->sel_anchor;
    *lo = first;
    *hi = selection_cluster_end(a, last);
    const yd_document *d = app_doc(a, a->sel_doc);
    if (d && *hi > d->length)
        *hi = d->length;
}

int selection_shown(const app *a) { return pane_is_open(a, &selection_pane) && a->sel_doc == a->doc; }

/* By character: the next or previous cell, across rows. */
static void by_character(app *a, yd_layout *layout, int step)
{
    yd_layout_pos pos;
    int n, k = cell_of(a, layout, a->sel_cursor, &pos, &n);
    if (k >= 0 && k + step >= 0 && k + step < n)
        a->sel_cursor = a->cells[k + step].start;
    else if (next_row_with_cells(a, layout, &pos, step, &n))
        a->sel_cursor = a->cells[step > 0 ? 0 : n - 1].start;
}

/* By rows: the cell under the same column delta rows away (rows without
 * text, such as blank lines, are passed over). */
static void by_rows(app *a, yd_layout *layout, int32_t delta)
{
    yd_layout_pos pos;
    int n, k = cell_of(a, layout, a->sel_cursor, &pos, &n);
    if (k < 0)
        return;
    int column = app_row_at(a, layout, pos)->indent;
    for (int j = 0; j < k; j++)
        column += a->cells[j].width;
    int step = delta > 0 ? 1 : -1, moved = 0;
    yd_layout_pos to = pos;
    for (int32_t i = 0; i != delta; i += step) {
        if (!next_row_with_cells(a, layout, &to, step, &n))
            break;
        pos = to;
        moved = 1;
    }
    const yd_row *row = app_row_at(a, layout, pos);
    if (!moved || !row)
        return;
    n = yd_layout_row_cells(layout, row, a->cells, MAX_CELLS);
    if (n <= 0)
        return;
    int x = row->indent, j = 0;
    while (j + 1 < n && x + a->cells[j].width <= column)
        x += a->cells[j++].width;
    a->sel_cursor = a->cells[j].start;
}

/* By word, with ICU's word breaks (dictionary-based for Chinese) in the
 * cursor's line: w goes to the start of the next word, b to the start of
 * this or the previous one; white space is passed over, and the ends of a
 * line go on into the next or previous line. */
static void by_word(app *a, yd_layout *layout, int forward)
{
    const yd_document *d = app_doc(a, a->doc);
    int32_t line = yd_document_line_at(d, a->sel_cursor), start, end;
    yd_document_line_bounds(d, line, &start, &end);
    UErrorCode st = U_ZERO_ERROR;
    UBreakIterator *bi = ubrk_open(UBRK_WORD, "zh", d->text + start, end - start, &st);
    if (U_FAILURE(st)) {
        app_failed(a, st == U_MEMORY_ALLOCATION_ERROR ? YD_ENOMEM : YD_EINVAL, "word breaks");
        return;
    }
    int32_t at = a->sel_cursor - start, b = at;
    for (;;) {
        b = forward ? ubrk_following(bi, b) : ubrk_preceding(bi, b);
        if (b == UBRK_DONE || (forward && b >= end - start))
            break;
        if (!u_isUWhiteSpace(d->text[start + b]))
            break;
        if (!forward && b == 0)
            break;
    }
    ubrk_close(bi);
    if (b != UBRK_DONE && (forward ? b < end - start : b < at)) {
        a->sel_cursor = snap(a, layout, start + b);
        return;
    }
    /* Past this line: the first character of the next, the last of the one before. */
    yd_layout_pos pos;
    int n;
    cell_of(a, layout, forward ? end : start, &pos, &n);
    if (next_row_with_cells(a, layout, &pos, forward ? 1 : -1, &n))
        a->sel_cursor = a->cells[forward ? 0 : n - 1].start;
}

/* The text scrolls so that the cursor's row is on the screen. */
static void reveal(app *a, yd_layout *layout)
{
    yd_layout_pos pos, bottom = a->place.top;
    int n;
    cell_of(a, layout, a->sel_cursor, &pos, &n);
    if (pos.para < a->place.top.para || (pos.para == a->place.top.para && pos.row < a->place.top.row)) {
        a->place.top = pos;
        return;
    }
    app_failed(a, yd_layout_pos_move(layout, &bottom, a->rows - 1, NULL, NULL), "layout");
    if (pos.para > bottom.para || (pos.para == bottom.para && pos.row > bottom.row)) {
        app_failed(a, yd_layout_pos_move(layout, &pos, 1 - a->rows, NULL, NULL), "layout");
        a->place.top = pos;
    }
}

void selection_begin(app *a)
{
    yd_layout *layout = app_layout(a, a->doc);
    if (!layout)
        return;
    int32_t at = text_offset(a);
    /* On the current search hit when it is on the screen, else the first
     * character of the top row. */
    const yd_hits *hits = search_hits(a, a->doc);
    if (hits && a->hit_doc == a->doc && a->hit_index >= 0 && (size_t)a->hit_index < hits->count) {
        int32_t hit = hits->items[a->hit_index].offset;
        yd_layout_pos pos, bottom = a->place.top;
        app_failed(a, yd_layout_pos_of_offset(layout, hit, &pos, NULL), "layout");
        app_failed(a, yd_layout_pos_move(layout, &bottom, a->rows - 1, NULL, NULL), "layout");
        int after_top = pos.para > a->place.top.para || (pos.para == a->place.top.para && pos.row >= a->place.top.row);
        int before_bottom = pos.para < bottom.para || (pos.para == bottom.para && pos.row <= bottom.row);
        if (after_top && before_bottom)
            at = hit;
    } else {
        const yd_row *row = app_row_at(a, layout, a->place.top);
        if (row)
            at = row->draw_start;
    }
    a->sel_doc = a->doc;
    a->sel_anchor = a->sel_cursor = snap(a, layout, at);
    pane_open(a, &selection_pane);
    app_say(a, MSG_TRANSIENT, "selecting: move to extend, y copies, Esc cancels");
}

void selection_cancel(app *a)
{
    pane_close(a, &selection_pane);
}

/* Its own keys, as typed. */
static int selection_key(app *a, key k)
{
    if (yd_key_input_pending(&a->key_input))
        return 0;
    yd_layout *layout = app_layout(a, a->doc);
    if (!layout || a->sel_doc != a->doc) {
        selection_cancel(a);
        return 0;
    }
    if (!k.is_key && k.code == 0x1B && !k.alt) {
        selection_cancel(a);
        app_say(a, MSG_TRANSIENT, "selection cancelled");
        return 1;
    }
    if ((k.is_key && k.code == KEY_LEFT) || (!k.is_key && k.code == 'h'))
        by_character(a, layout, -1);
    else if ((k.is_key && k.code == KEY_RIGHT) || (!k.is_key && k.code == 'l'))
        by_character(a, layout, 1);
    else if (!k.is_key && (k.code == 'w' || k.code == 'b'))
        by_word(a, layout, k.code == 'w');
    else
        return 0;
    reveal(a, layout);
    return 1;
}

static int selection_act(app *a, action what)
{
    yd_layout *layout = app_layout(a, a->doc);
    const yd_document *d = app_doc(a, a->doc);
    if (!layout || !d || a->sel_doc != a->doc) {
        selection_cancel(a);
        return 0;
    }
    int h = a->rows, page = h > 2 ? h - 1 : 1;
    switch (what) {
    case YD_ACT_LINE_DOWN: by_rows(a, layout, 1); break;
    case YD_ACT_LINE_UP: by_rows(a, layout, -1); break;
    case YD_ACT_PAGE_DOWN: by_rows(a, layout, page); break;
    case YD_ACT_PAGE_UP: by_rows(a, layout, -page); break;
    case YD_ACT_HALF_DOWN: by_rows(a, layout, h / 2); break;
    case YD_ACT_HALF_UP: by_rows(a, layout, -(h / 2)); break;
    case YD_ACT_TOP: a->sel_cursor = snap(a, layout, 0); break;
    case YD_ACT_BOTTOM: {
        yd_layout_pos pos;
        int n;
        cell_of(a, layout, d->length, &pos, &n);
        if (n > 0 || next_row_with_cells(a, layout, &pos, -1, &n))
            a->sel_cursor = a->cells[n - 1].start;
        break;
    }
    case YD_ACT_NEXT_HEADING: case YD_ACT_PREV_HEADING: case YD_ACT_NEXT_SECTION: case YD_ACT_PREV_SECTION:
        /* As usual; the cursor goes where the text went, in this document. */
        global_actions.act(a, what);
        if (a->doc != a->sel_doc) {
            selection_cancel(a);
            return 1;
        }
        a->sel_cursor = snap(a, layout, text_offset(a));
        return 1;
    case YD_ACT_SELECT: selection_cancel(a); return 1;
    case YD_ACT_COPY: {
        int32_t lo, hi;
        selection_range(a, &lo, &hi);
        if (hi > lo)
            copy_selection(a, lo, hi);
        selection_cancel(a);
        if (hi <= lo) /* an empty document: no passage, nothing to cite */
            app_say(a, MSG_ERROR, "nothing selected: v selects a passage, then y copies it");
        return 1;
    }
    case YD_ACT_HIGHLIGHT: {
        int32_t lo, hi;
        selection_range(a, &lo, &hi);
        selection_cancel(a);
        highlight_begin(a, a->sel_doc, lo, hi);
        return 1;
    }
    case YD_ACT_HELP: case YD_ACT_QUIT: case YD_ACT_REDRAW: case YD_ACT_SUSPEND: case YD_ACT_COMMAND:
        return 0;
    default:
        /* Anything else (another document, a search, a list) ends it. */
        selection_cancel(a);
        return 0;
    }
    reveal(a, layout);
    return 1;
}

/* The cell of the text pane at screen column x, row y: its offset, or -1
 * off the text (the nearest cell of the row when x is past its end). */
int32_t text_offset_at(app *a, yd_layout *layout, int x, int y)
{
    if (y < 0 || y >= a->rows || x < a->text_x || x >= a->text_x + a->text_cols)
        return -1;
    yd_layout_pos pos = a->place.top;
    int32_t moved = 0;
    if (y > 0 && (app_failed(a, yd_layout_pos_move(layout, &pos, y, &moved, NULL), "layout") != YD_OK || moved < y))
        return -1;
    const yd_row *row = app_row_at(a, layout, pos);
    if (!row || (row->flags & (YD_ROW_GAP | YD_ROW_BLANK)))
        return -1;
    int n = yd_layout_row_cells(layout, row, a->cells, MAX_CELLS);
    if (n <= 0)
        return -1;
    int cx = a->text_x + yd_layout_margin(layout) + row->indent, k = 0;
    while (k + 1 < n && cx + a->cells[k].width <= x)
        cx += a->cells[k++].width;
    return a->cells[k].start;
}

/* Mouse mode on: button 1 down on the text remembers the cell; moving with
 * it down opens the selection from there, and the selection pane follows
 * the pointer until the button is let go (then y copies, Esc cancels). */
void selection_mouse_text(app *a, const MEVENT *ev)
{
    yd_layout *layout = app_layout(a, a->doc);
    if (!layout)
        return;
    if (ev->bstate & BUTTON1_PRESSED) {
        int32_t at = text_offset_at(a, layout, ev->x, ev->y);
        a->sel_pressed = at >= 0;
        a->sel_press = at;
    } else if (ev->bstate & BUTTON1_RELEASED) {
        a->sel_pressed = 0;
    } else if ((ev->bstate & REPORT_MOUSE_POSITION) && a->sel_pressed) {
        int32_t at = text_offset_at(a, layout, ev->x, ev->y);
        if (at < 0 || at == a->sel_press)
            return;
        a->sel_doc = a->doc;
        a->sel_anchor = a->sel_press;
        a->sel_cursor = at;
        pane_open(a, &selection_pane);
        app_say(a, MSG_TRANSIENT, "selecting: move to extend, y copies, Esc cancels");
    }
}

static void selection_mouse(app *a, const MEVENT *ev)
{
    yd_layout *layout = app_layout(a, a->doc);
    if (!layout || a->sel_doc != a->doc)
        return;
    if (ev->bstate & BUTTON1_RELEASED) {
        a->sel_pressed = 0;
    } else if (ev->bstate & BUTTON1_PRESSED) {
        /* A new press starts again from there. */
        selection_cancel(a);
        selection_mouse_text(a, ev);
    } else if ((ev->bstate & REPORT_MOUSE_POSITION) && a->sel_pressed) {
        int32_t at = text_offset_at(a, layout, ev->x, ev->y);
        if (at >= 0)
            a->sel_cursor = at;
    }
}

/* The document was read again: its offsets mean something else now. */
static void selection_document_changed(app *a, size_t doc)
{
    if (pane_is_open(a, &selection_pane) && doc == a->sel_doc)
        selection_cancel(a);
}

const pane_ops selection_pane = {
    .name = "selection", .context = CTX_TEXT, .key = selection_key, .act = selection_act, .mouse = selection_mouse,
    .document_changed = selection_document_changed,
};
