/* The text pane: rows of the core layout, drawn cell by cell. The reading
 * position is a reading place (yuedu/reading_place.h): the row on top and
 * the source offset it was put at; everything that must survive a resize or
 * a change of document goes through that offset. Only the rows that
 * become visible are laid out. */
#include <curses.h>
#include <string.h>

#include "app.h"
#include "yuedu/markup.h"

/* Paragraph para is a heading line when an outline node (not an item)
 * starts on it; nodes are in document order, so search by line. */
int text_heading_depth(app *a, size_t doc, int32_t para) { return yd_outline_heading_depth(&a->outlines[doc], para); }

static attr_t heading_attr(app *a, int depth)
{
    if (depth == 0)
        return app_style(a, YD_STYLE_TEXT);
    return app_style(a, (yd_style)(YD_STYLE_HEADING1 + (depth < 6 ? depth : 6) - 1));
}

/* The selection in the text pane: [lo, hi), and where the cursor is;
 * lo == hi when there is none. */
typedef struct shown_selection {
    int32_t lo, hi, cursor;
} shown_selection;

/* Where the heading style of paragraph para ends: a run-in heading
 * (1.加强组织领导。各单位要…) is styled only as far as its title, the body
 * after it as body text. INT32_MAX: the whole row. */
static int32_t heading_end(app *a, int32_t para)
{
    const yd_outline_node *n = yd_outline_heading_node(&a->outlines[a->doc], para);
    if (!n || n->title_length <= 0 || n->truncated || n->sub_length > 0)
        return INT32_MAX;
    return n->title_start + n->title_length;
}

/* The style rendered markup gives the text at offset at of a line of kind
 * li: a span's (emphasis, code, a link), else the block's (code, tables,
 * quotes); YD_STYLE_TEXT when neither says anything. */
static yd_style markup_style(const yd_markup *m, const yd_line_info *li, int32_t line_start, int32_t at)
{
    static const yd_style of_span[] = {[YD_SPAN_EMPHASIS] = YD_STYLE_EMPHASIS, [YD_SPAN_STRONG] = YD_STYLE_STRONG,
                                       [YD_SPAN_CODE] = YD_STYLE_CODE,         [YD_SPAN_LINK] = YD_STYLE_LINK,
                                       [YD_SPAN_STRIKE] = YD_STYLE_QUOTE,      [YD_SPAN_IMAGE] = YD_STYLE_LINK};
    int span = yd_markup_style_at(m, at, line_start);
    if (span > 0 && span < (int)(sizeof of_span / sizeof *of_span))
        return of_span[span];
    if (yd_block_is_verbatim(li->kind))
        return YD_STYLE_CODE;
    if (li->kind == YD_BLOCK_QUOTE || (li->kind == YD_BLOCK_ITEM && li->level > 0))
        return YD_STYLE_QUOTE;
    return YD_STYLE_TEXT;
}

static void draw_row(app *a, yd_layout *layout, const yd_row *row, int y, attr_t attr, const shown_selection *sel,
                     int32_t styled_to)
{
    const yd_document *d = yd_layout_document(layout); /* the preview's too */
    const yd_markup *m = d->markup;
    const yd_line_info *li = NULL;
    int32_t line_start = 0, line = yd_document_line_at(d, row->start);
    if (m) {
        li = line < m->line_count ? &m->lines[line] : NULL;
        line_start = d->line_starts[line];
    }
    /* A web site's furniture is dimmed unless purify.dim is off (hidden
     * under :set purify on). The
     * preview is a prefix of the same file: its lines are the same. */
    const uint8_t *furniture =
        a->furniture && a->doc < yd_loader_ready(a->loader) ? a->furniture[a->doc] : NULL; /* found once ready */
    attr_t dim = furniture && a->settings->config->purify.dim && line < d->line_count && furniture[line] ? A_DIM : 0;
    attr_t text = app_style(a, YD_STYLE_TEXT);
    int x = a->text_x + yd_layout_margin(layout) + row->indent;
    int n = yd_layout_row_cells(layout, row, a->cells, MAX_CELLS);
    /* The first hit that may cover this row (hits are sorted, disjoint). */
    const yd_hits *hits = search_hits(a, a->doc);
    size_t h = 0;
    if (hits && hits->count) {
        ssize_t k = yd_hits_next(hits, row->start);
        h = k < 0 ? hits->count : (size_t)k;
        if (h > 0 && hits->items[h - 1].offset + hits->items[h - 1].length > row->start)
            h--;
    }
    /* The first reference that may cover this row (sorted, disjoint). */
    const yd_refs *refs = refs_of(a, a->doc);
    size_t r = refs ? yd_refs_after(refs, row->start) : 0;
    move(y, x);
    for (int k = 0; k < n; k++) {
        const yd_cell *c = &a->cells[k];
        if (x + c->width > a->text_x + a->text_cols)
            break; /* a wide cell never straddles the pane edge */
        attr_t at = c->start < styled_to ? attr : text;
        if (li && at == text)
            at = app_style(a, markup_style(m, li, line_start, c->start));
        at |= dim;
        if (c->flags & YD_CELL_PLACEHOLDER)
            at = app_style(a, YD_STYLE_PLACEHOLDER);
        if (refs) {
            while (r < refs->count && refs->items[r].start + refs->items[r].length <= c->start)
                r++;
            if (r < refs->count && refs->items[r].start <= c->start)
                at = app_style(a, YD_STYLE_REFERENCE);
        }
        if (hits) {
            while (h < hits->count && hits->items[h].offset + hits->items[h].length <= c->start)
                h++;
            if (h < hits->count && hits->items[h].offset <= c->start)
                at = app_style(a, a->hit_index == (long)h && a->hit_doc == a->doc ? YD_STYLE_SEARCH_CURRENT : YD_STYLE_SEARCH_HIT);
        }
        /* Highlights under the search hits: a hit stays visible in a highlight. */
        int style = a->prompt_owner == &highlight_note_owner && pane_is_open(a, &prompt_pane) && a->hl_doc == a->doc &&
                            c->start >= a->hl_lo && c->start < a->hl_hi
                        ? a->hl_style /* the passage being highlighted, in the style Tab chose */
                        : highlights_style_at(a, a->doc, c->start);
        if (style >= 0 && !(hits && h < hits->count && hits->items[h].offset <= c->start))
            at = app_style(a, (yd_style)(YD_STYLE_HIGHLIGHT1 + style));
        if (sel && c->start == sel->cursor)
            at = app_style(a, YD_STYLE_CURSOR);
        else if (sel && c->start >= sel->lo && c->start < sel->hi)
            at = app_style(a, YD_STYLE_SELECTION);
        cchar_t cc;
        wchar_t ch[YD_CELL_CHARS + 1];
        const wchar_t *shown = c->ch;
        if (a->script != YD_SCRIPT_ORIGINAL && !(c->flags & YD_CELL_PLACEHOLDER)) {
            /* Script display: one character for one, same width, same offsets. */
            memcpy(ch, c->ch, sizeof ch);
            ch[0] = app_display_char(a, ch[0]);
            shown = ch;
        }
        if (setcchar(&cc, shown, at, PAIR_NUMBER(at), NULL) == OK)
            add_wch(&cc);
        x += c->width;
    }
}

/* A bookmark's mark, where it takes no column from the text, so that
 * adding the first bookmark moves no line: on the divider when it is left
 * of the text, else in the margin of a centred column, else in the row's
 * indent; failing all three, the row's first character in reverse. */
static void mark_row(app *a, yd_layout *layout, const yd_row *row, int y)
{
    attr_t mark = app_style(a, YD_STYLE_BOOKMARK) | A_BOLD;
    int margin = yd_layout_margin(layout);
    if (a->divider_x >= 0 && a->divider_x == a->text_x - 1)
        mvaddch(y, a->divider_x, '*' | mark);
    else if (margin > 0)
        mvaddch(y, a->text_x + margin - 1, '*' | mark);
    else if (row->indent > 0)
        mvaddch(y, a->text_x, '*' | mark);
    else
        mvchgat(y, a->text_x, 1, (mark | A_REVERSE) & ~A_COLOR, PAIR_NUMBER(mark), NULL);
}

static void text_draw(app *a)
{
    yd_layout *layout = app_layout(a, a->doc);
    if (!layout)
        return;
    const yd_document *d = app_doc(a, a->doc);
    if (d && d->length == 0) { /* a blank pane would look like a fault */
        attr_t dim = app_style(a, YD_STYLE_TEXT) | A_DIM;
        attron(dim);
        mvaddnstr(0, a->text_x + yd_layout_margin(layout), _("(empty document)"), a->text_cols);
        attroff(dim);
        return;
    }
    shown_selection sel = {0, 0, -1};
    if (selection_shown(a)) {
        selection_range(a, &sel.lo, &sel.hi);
        sel.cursor = a->sel_cursor;
    }
    yd_layout_pos pos = a->place.top;
    for (int y = 0; y < a->rows; y++) {
        const yd_row *row = app_row_at(a, layout, pos);
        if (row && !(row->flags & (YD_ROW_GAP | YD_ROW_BLANK)))
            draw_row(a, layout, row, y, heading_attr(a, text_heading_depth(a, a->doc, pos.para)),
                     sel.cursor >= 0 ? &sel : NULL, heading_end(a, pos.para));
        if (row && bookmarks_row_marked(a, a->doc, row->start, row->end))
            mark_row(a, layout, row, y);
        int32_t moved = 0;
        if (yd_layout_pos_move(layout, &pos, 1, &moved, NULL) != YD_OK || moved == 0)
            break;
    }
}

/* The first frame, drawn from a preview of the first document (a prefix
 * decoded while the whole document loads): plain text, no outline yet. */
void text_draw_preview(app *a, yd_layout *layout)
{
    yd_layout_pos pos = {0, 0};
    for (int y = 0; y < a->rows; y++) {
        const yd_row *row = app_row_at(a, layout, pos);
        if (row && !(row->flags & (YD_ROW_GAP | YD_ROW_BLANK)))
            draw_row(a, layout, row, y, app_style(a, YD_STYLE_TEXT), NULL, INT32_MAX);
        int32_t moved = 0;
        if (yd_layout_pos_move(layout, &pos, 1, &moved, NULL) != YD_OK || moved == 0)
            break;
    }
}

/* The moving keys scroll the text; the rest are global. */
static int text_act(app *a, action what)
{
    int h = a->rows, page = h > 2 ? h - 1 : 1; /* a page keeps one line of context */
    switch (what) {
    case YD_ACT_LINE_DOWN: text_scroll(a, 1); break;
    case YD_ACT_LINE_UP: text_scroll(a, -1); break;
    case YD_ACT_PAGE_DOWN: text_scroll(a, page); break;
    case YD_ACT_PAGE_UP: text_scroll(a, -page); break;
    case YD_ACT_HALF_DOWN: text_scroll(a, h / 2); break;
    case YD_ACT_HALF_UP: text_scroll(a, -(h / 2)); break;
    case YD_ACT_TOP: app_jump(a, a->doc, 0); break;
    case YD_ACT_BOTTOM:
        yd_jump_history_push(&a->history, app_here(a));
        text_bottom(a);
        break;
    case YD_ACT_SELECT: selection_begin(a); break;
    case YD_ACT_COPY: app_say(a, MSG_ERROR, "nothing selected: v selects a passage, then y copies it"); break;
    case YD_ACT_HIGHLIGHT: app_say(a, MSG_ERROR, "nothing selected: v selects a passage, then a highlights it"); break;
    default: return 0;
    }
    return 1;
}


/* The wheel scrolls the text, a click gives it the focus (and follows a
 * cross-reference when let go where it was pressed), a drag selects. */
static void text_mouse(app *a, const MEVENT *ev)
{
    if (ev->bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED))
        text_scroll(a, ev->bstate & BUTTON4_PRESSED ? -3 : 3);
    else if (ev->bstate & BUTTON1_PRESSED)
        a->focus_outline = 0;
    if ((ev->bstate & (BUTTON1_RELEASED | BUTTON1_CLICKED)) && !pane_is_open(a, &selection_pane)) {
        yd_layout *layout = app_layout(a, a->doc);
        int32_t at = layout ? text_offset_at(a, layout, ev->x, ev->y) : -1;
        if (at >= 0 && (!(ev->bstate & BUTTON1_RELEASED) || at == a->sel_press) && ref_follow_at(a, at)) {
            a->sel_pressed = 0;
            return;
        }
    }
    selection_mouse_text(a, ev); /* a drag selects */
}

const pane_ops text_pane = {
    .name = "text", .context = CTX_TEXT, .draw = text_draw, .act = text_act, .mouse = text_mouse,
};
