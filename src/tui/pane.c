/* The one place that decides which pane gets a key, a click and the
 * screen (pane.h): the top overlay, then the focused tiled pane, then the
 * global actions. */
#include "pane.h"

#include <string.h>

#include "app.h"

/* Every pane, for what concerns all of them whether shown or not. Search
 * before the result list: a document read again is searched again before
 * the list makes its rows from the new hits; the list before search when
 * freeing, as it borrows the hits. */
static const pane_ops *const every_pane[] = {&text_pane,     &outline_pane,       &pager_pane,
                                             &search_pane,   &results_pane,       &bookmark_list_pane,
                                             &unsaved_pane,  &prompt_pane,        &selection_pane,
                                             &notes_pane,    &cited_by_pane,      &ref_hints_pane};
enum { PANE_COUNT = sizeof every_pane / sizeof every_pane[0] };

const pane_ops *pane_focused(const app *a) { return a->focus_outline ? &outline_pane : &text_pane; }

/* The area above the status line: the highest overlay that covers it and
 * what is above; the tiled panes when none covers it. Then the status
 * line, the message line, and the line editors over them. */
void panes_draw(app *a)
{
    int from = 0;
    for (int k = a->overlay_count - 1; k >= 0 && !from; k--)
        if (a->overlays[k]->covers)
            from = k + 1;
    if (!from) {
        if (!a->focus_outline)
            outline_follow(a); /* the outline shows where the text is */
        /* The outline and its divider first: a bookmark's mark may sit on
         * the divider (text_view.c). */
        if (a->divider_x >= 0)
            outline_pane.draw(a);
        text_pane.draw(a);
    }
    for (int k = from ? from - 1 : 0; k < a->overlay_count; k++)
        if (a->overlays[k]->draw && !a->overlays[k]->line_editor)
            a->overlays[k]->draw(a);
    status_draw(a);
    curs_set(0);
    message_line_draw(a);
    for (int k = 0; k < a->overlay_count; k++)
        if (a->overlays[k]->draw && a->overlays[k]->line_editor)
            a->overlays[k]->draw(a);
}

int panes_key(app *a, key k)
{
    const pane_ops *top = pane_overlay(a);
    return top && top->key && top->key(a, k);
}

int panes_take_alt(const app *a)
{
    const pane_ops *top = pane_overlay(a);
    return top && top->line_editor;
}

key_context panes_context(const app *a)
{
    const pane_ops *top = pane_overlay(a);
    return top ? top->context : pane_focused(a)->context;
}

void panes_act(app *a, action what)
{
    const pane_ops *top = pane_overlay(a), *focused = pane_focused(a);
    if (top && top->act && top->act(a, what))
        return;
    if (!top && focused->act && focused->act(a, what))
        return;
    global_actions.act(a, what);
}

/* The tiled panes: the divider is dragged, the wheel scrolls the pane
 * under the pointer, a click focuses it. */
static void tiled_mouse(app *a, const MEVENT *ev)
{
    int in_outline = a->divider_x >= 0 && (a->outline_right ? ev->x > a->divider_x : ev->x < a->divider_x);
    if ((ev->bstate & BUTTON1_PRESSED) && ev->x == a->divider_x && ev->y < a->rows) {
        a->dragging = 1;
    } else if (!a->dragging && ev->y < a->rows) {
        const pane_ops *under = in_outline ? &outline_pane : &text_pane;
        under->mouse(a, ev);
    }
    if (a->dragging && (ev->bstate & (REPORT_MOUSE_POSITION | BUTTON1_RELEASED))) {
        int w = a->outline_right ? COLS - ev->x - 1 : ev->x;
        if (w >= OUTLINE_MIN && COLS - w - 1 >= TEXT_MIN && w != a->outline_cols) {
            a->outline_pref = w;
            app_relayout(a);
        }
    }
    if (ev->bstate & BUTTON1_RELEASED)
        a->dragging = 0;
}

void panes_mouse(app *a, const MEVENT *ev)
{
    const pane_ops *top = pane_overlay(a);
    if (!top)
        tiled_mouse(a, ev);
    else if (top->mouse)
        top->mouse(a, ev);
}

void panes_document_changed(app *a, size_t doc)
{
    for (size_t k = 0; k < PANE_COUNT; k++)
        if (every_pane[k]->document_changed)
            every_pane[k]->document_changed(a, doc);
}

void panes_free(app *a)
{
    for (size_t k = PANE_COUNT; k-- > 0;)
        if (every_pane[k]->free)
            every_pane[k]->free(a);
    a->overlay_count = 0;
}
