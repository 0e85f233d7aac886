/* The reader's model, apart from its panes: the documents and their
 * layouts at the text pane's width, the current document and its reading
 * place (the row on top and the offset put there), jumps, the geometry of
 * the screen, the width table and the script shown. Panes call it; it
 * calls only the reader's messages and reading state (reading_view.c). */
#include <curses.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/utf16.h>
#include <wchar.h>

#include "term_width.h"
#include "app.h"
#include "sgr_mouse.h"
#include "yuedu/furniture.h"
#include "yuedu/markup.h"

wchar_t app_safe_char(app *a, UChar32 c) { return (wchar_t)yd_width_safe_char(a->widths, c, NULL); }

size_t app_safe_utf16(app *a, wchar_t *out, size_t at, size_t cap, const UChar *text, int32_t n)
{
    for (int32_t i = 0; i < n && at + 1 < cap;) {
        UChar32 c;
        U16_NEXT(text, i, n, c);
        wchar_t w = app_safe_char(a, c);
        if (w)
            out[at++] = w;
    }
    out[at] = 0;
    return at;
}

size_t app_safe_mbs(app *a, wchar_t *out, size_t at, size_t cap, const char *s)
{
    mbstate_t st;
    memset(&st, 0, sizeof st);
    while (*s && at + 1 < cap) {
        wchar_t w;
        size_t n = mbrtowc(&w, s, strlen(s), &st);
        if (n == (size_t)-1 || n == (size_t)-2) { /* not UTF-8: one '?' per byte */
            memset(&st, 0, sizeof st);
            out[at++] = L'?';
            s++;
            continue;
        }
        s += n;
        if ((w = app_safe_char(a, (UChar32)w)) != 0)
            out[at++] = w;
    }
    out[at] = 0;
    return at;
}

const yd_document *app_doc(app *a, size_t doc) { return yd_loader_document(a->loader, doc); }

yd_layout *app_layout(app *a, size_t doc)
{
    if (a->layouts[doc])
        return a->layouts[doc];
    const yd_document *d = app_doc(a, doc);
    if (!d)
        return NULL;
    yd_layout_options opt;
    yd_layout_options_default(&opt);
    opt.width = a->text_cols > 2 ? a->text_cols : 2;
    opt.indent = a->text.indent;
    opt.blank_between = a->text.blank_line;
    opt.max_text_width = a->text.max_width;
    /* Headings: the outline knows which lines they are. */
    a->indents[doc] = (yd_outline_indent){&a->outlines[doc], d, (yd_heading_indent)a->text.heading_indent};
    opt.paragraph_indent = yd_outline_paragraph_indent;
    opt.context = &a->indents[doc];
    opt.hidden = a->purify ? a->furniture[doc] : NULL;
    if (app_failed(a, yd_layout_new(d, a->widths, &opt, &a->layouts[doc], NULL), "layout") != YD_OK)
        return NULL;
    a->layout_cols[doc] = opt.width;
    return a->layouts[doc];
}

/* Make doc's layout match the text pane's width. */
static void fit_layout(app *a, size_t doc)
{
    yd_layout *layout = app_layout(a, doc);
    int want = a->text_cols > 2 ? a->text_cols : 2;
    if (layout && a->layout_cols[doc] != want) {
        app_failed(a, yd_layout_set_width(layout, want, NULL), "layout");
        a->layout_cols[doc] = want;
    }
}

void app_geometry(app *a)
{
    a->rows = LINES - 2;
    int outline = a->outline_pref < COLS / 2 ? a->outline_pref : COLS / 2;
    a->outline_cols = outline;
    int fits = outline >= OUTLINE_MIN && COLS - outline - 1 >= TEXT_MIN;
    if (a->outline_shown && fits) {
        a->text_cols = COLS - outline - 1;
        a->divider_x = a->outline_right ? a->text_cols : outline;
        a->text_x = a->outline_right ? 0 : outline + 1;
    } else {
        a->text_cols = COLS;
        a->divider_x = -1;
        a->text_x = 0;
        a->focus_outline = 0;
    }
}

/* Geometry changed: same reading position at the new width. */
void app_relayout(app *a)
{
    int32_t offset = text_offset(a);
    app_geometry(a);
    fit_layout(a, a->doc);
    text_show(a, a->doc, offset);
}

yd_position app_here(app *a) { return (yd_position){a->doc, text_offset(a)}; }

void app_go(app *a, size_t doc, int32_t offset)
{
    if (!app_doc(a, doc))
        return;
    if (doc != a->doc && app_doc(a, a->doc))
        reading_left(a, a->doc, text_offset(a)); /* in this run, and across runs */
    a->doc = doc;
    fit_layout(a, doc);
    text_show(a, doc, offset);
}

/* Opening a document as a whole (J, K, :doc, its outline row): where it
 * was left in this run, else where an earlier run left it. */
void app_open(app *a, size_t doc)
{
    int saved = 0;
    int32_t offset = doc != a->doc ? reading_restore(a, doc, &saved) : 0;
    app_jump(a, doc, offset);
    if (saved)
        app_say(a, 0, "back where you stopped reading");
}

void app_jump(app *a, size_t doc, int32_t offset)
{

    yd_jump_history_push(&a->history, app_here(a));
    app_go(a, doc, offset);
}

void app_go_to_line(app *a, long line)
{
    const yd_document *d = app_doc(a, a->doc);
    /* N is the line the status line shows: the source file's, for a
     * rendered document. */
    int32_t k = yd_text_line_of_source(d, line < 1 ? 1 : line > INT32_MAX ? INT32_MAX : (int32_t)line);
    app_jump(a, a->doc, d->line_count ? d->line_starts[k] : 0);
}

/* Script display: every visible character is redrawn through it. */
int app_set_script(app *a, yd_script_display to)
{
    yd_error err = {0};
    if (yd_script_prepare(to, &err) != YD_OK) {
        app_say(a, 1, "script display: %s", err.message);
        return -1;
    }
    a->script = to;
    a->outline.dirty = 1; /* the filter matches the titles as shown */
    return 0;
}

void app_set_mouse(app *a, int on)
{
    a->mouse_on = on;
    mousemask(on ? ALL_MOUSE_EVENTS | REPORT_MOUSE_POSITION : 0, NULL);
    mouseinterval(0);
    sgr_mouse_enable(on); /* clicks past column 223 too */
}

void app_use_ambiwidth(app *a, int ambiwidth)
{
    if (yd_width_ambiwidth(a->widths) == ambiwidth)
        return;
    yd_width_table *w;
    if (yd_width_table_new(ambiwidth, &w, NULL) != YD_OK)
        return; /* out of memory: keep what works */
    int32_t offset = text_offset(a);
    for (size_t k = 0; k < a->capacity; k++) { /* they hold the old table */
        yd_layout_free(a->layouts[k]);
        a->layouts[k] = NULL;
    }
    term_width_use(w);
    yd_width_table_free(a->widths);
    a->widths = w;
    app_geometry(a);
    fit_layout(a, a->doc);
    text_show(a, a->doc, offset);
    clearok(curscr, TRUE);
}

void app_set_ambiwidth(app *a, int ambiwidth)
{
    a->ambiwidth_setting = ambiwidth;
    if (ambiwidth) {
        app_use_ambiwidth(a, ambiwidth);
    } else if (a->probe_state != PROBE_WAITING) { /* auto: the main loop asks the terminal again */
        a->probe_state = PROBE_OFF;
    }
}

void app_text_changed(app *a)
{
    int32_t offset = text_offset(a);
    app_free_layouts(a);
    app_geometry(a);
    fit_layout(a, a->doc);
    text_show(a, a->doc, offset);
    clearok(curscr, TRUE);
}

/* The lines the user's purify rules hide (purify.h) are furniture too,
 * with the blank lines after them, as the built-in ones are. */
static void add_hidden_lines(uint8_t **marks, const yd_document *d)
{
    int32_t n = d->line_count;
    if (!*marks && !(*marks = calloc((size_t)n, 1)))
        return; /* out of memory: shown, not hidden */
    uint8_t *m = *marks;
    for (int32_t k = 0; k < n; k++) {
        if (!d->hidden_lines[k])
            continue;
        m[k] = YD_FURNITURE_LINE;
        for (int32_t g = k + 1; g < n && !m[g] && !d->hidden_lines[g]; g++) {
            int32_t s, e;
            yd_document_line_bounds(d, g, &s, &e);
            while (s < e && (d->text[s] == ' ' || d->text[s] == '\t' || d->text[s] == 0x3000))
                s++;
            if (s < e)
                break;
            m[g] = YD_FURNITURE_GAP;
        }
    }
}

/* A web site's furniture in document doc (furniture.h): dimmed, or hidden
 * under :set purify on, with the lines the user's rules hide. Found
 * without failing: out of memory, none. */
void app_find_furniture(app *a, size_t doc, const yd_document *d)
{
    free(a->furniture[doc]);
    int32_t found;
    if (yd_furniture_find(d, &a->furniture[doc], &found, NULL) != YD_OK)
        a->furniture[doc] = NULL;
    if (d->hidden_lines)
        add_hidden_lines(&a->furniture[doc], d);
}

int app_hidden_line(app *a, size_t doc, int32_t line)
{
    return a->purify && a->furniture[doc] && line >= 0 && a->furniture[doc][line];
}

/* Layouts borrow the loader's documents: free them first. */
void app_free_layouts(app *a)
{
    for (size_t k = 0; a && a->layouts && k < a->capacity; k++) {
        yd_layout_free(a->layouts[k]);
        a->layouts[k] = NULL;
    }
}

/* Rows of paragraph pos.para, or NULL when it has none or on failure. */
const yd_row *app_row_at(app *a, yd_layout *layout, yd_layout_pos pos)
{
    const yd_row *rows;
    int32_t count;
    if (pos.para >= yd_layout_paragraph_count(layout))
        return NULL; /* an empty document has no paragraph at all */
    if (app_failed(a, yd_layout_paragraph(layout, pos.para, &rows, &count, NULL), "layout") != YD_OK)
        return NULL;
    return pos.row < count ? &rows[pos.row] : NULL;
}

int32_t text_offset(app *a)
{
    yd_layout *layout = app_layout(a, a->doc);
    const yd_document *d = app_doc(a, a->doc);
    int32_t offset = 0;
    if (layout && d)
        app_failed(a, yd_place_offset(&a->place, layout, d, &offset, NULL), "place");
    return offset;
}

void text_show(app *a, size_t doc, int32_t offset)
{
    yd_layout *layout = app_layout(a, doc);
    if (!layout)
        return;
    a->doc = doc;
    app_failed(a, yd_place_show(&a->place, layout, offset, NULL), "place");
}

/* Rows from pos to the end of the document, counting at most limit. */
static int32_t rows_below(app *a, yd_layout *layout, yd_layout_pos pos, int32_t limit)
{
    int32_t moved = 0;
    app_failed(a, yd_layout_pos_move(layout, &pos, limit, &moved, NULL), "layout");
    return moved;
}

void text_scroll(app *a, int32_t delta)
{
    yd_layout *layout = app_layout(a, a->doc);
    if (!layout || delta == 0)
        return;
    if (delta > 0) {
        /* Down only while rows remain below the last line of the pane. */
        int32_t room = rows_below(a, layout, a->place.top, delta + a->rows - 1) - (a->rows - 1);
        if (room <= 0)
            return;
        delta = delta < room ? delta : room;
    }
    app_failed(a, yd_layout_pos_move(layout, &a->place.top, delta, NULL, NULL), "layout");
}

void text_bottom(app *a)
{
    const yd_document *d = app_doc(a, a->doc);
    yd_layout *layout = app_layout(a, a->doc);
    if (!layout || !d)
        return;
    if (app_failed(a, yd_layout_pos_of_offset(layout, d->length, &a->place.top, NULL), "layout") == YD_OK)
        app_failed(a, yd_layout_pos_move(layout, &a->place.top, 1 - a->rows, NULL, NULL), "layout");
}

unsigned text_percent(app *a)
{
    const yd_document *d = app_doc(a, a->doc);
    yd_layout *layout = app_layout(a, a->doc);
    if (!layout || !d || d->length == 0)
        return 100;
    yd_layout_pos last = a->place.top, beyond;
    yd_layout_pos_move(layout, &last, a->rows - 1, NULL, NULL);
    beyond = last;
    int32_t moved = 0;
    yd_layout_pos_move(layout, &beyond, 1, &moved, NULL);
    if (moved == 0)
        return 100; /* the last row is on screen */
    int32_t end = d->length;
    const yd_row *row = app_row_at(a, layout, last);
    if (row)
        end = row->end;
    else if (last.para + 1 < d->line_count)
        end = d->line_starts[last.para + 1];
    return (unsigned)((int64_t)end * 100 / d->length);
}
