/* The reader's lists: moving, revealing and painting (list_view.h). */
#include "list_view.h"

#include <stdio.h>

#include "../cli/i18n.h"

/* Where a moving action takes row at of rows [0, last], page rows a page. */
static size_t moved(action what, size_t at, size_t last, size_t page)
{
    size_t half = page / 2 ? page / 2 : 1;
    switch (what) {
    case YD_ACT_LINE_DOWN: return at < last ? at + 1 : last;
    case YD_ACT_LINE_UP: return at ? at - 1 : 0;
    case YD_ACT_PAGE_DOWN: return at + page < last ? at + page : last;
    case YD_ACT_PAGE_UP: return at > page ? at - page : 0;
    case YD_ACT_HALF_DOWN: return at + half < last ? at + half : last;
    case YD_ACT_HALF_UP: return at > half ? at - half : 0;
    case YD_ACT_TOP: return 0;
    default: return last; /* YD_ACT_BOTTOM */
    }
}

static int moving(action what) { return what >= YD_ACT_LINE_DOWN && what <= YD_ACT_BOTTOM; }

int list_view_move(list_view *v, action what, size_t page)
{
    if (!moving(what))
        return 0;
    v->selected = moved(what, v->selected, v->count ? v->count - 1 : 0, page ? page : 1);
    return 1;
}

int list_view_scroll(list_view *v, action what, size_t page)
{
    if (!moving(what))
        return 0;
    size_t last = v->count > page ? v->count - page : 0;
    v->top = moved(what, v->top > last ? last : v->top, last, page ? page : 1);
    return 1;
}

void list_view_reveal(list_view *v, size_t shown)
{
    if (shown == 0)
        shown = 1;
    if (v->selected < v->top)
        v->top = v->selected;
    else if (v->selected >= v->top + shown)
        v->top = v->selected - shown + 1;
}

void list_view_clamp(list_view *v)
{
    if (v->selected >= v->count)
        v->selected = v->count ? v->count - 1 : 0;
}

int list_put(int y, int x, int limit, const wchar_t *w, size_t n, attr_t attr)
{
    for (size_t k = 0; k < n; k++) {
        int cw = wcwidth(w[k]);
        if (cw <= 0)
            continue;
        if (x + cw > limit)
            break;
        cchar_t cc;
        wchar_t one[2] = {w[k], 0};
        if (setcchar(&cc, one, attr, PAIR_NUMBER(attr), NULL) == OK)
            mvadd_wch(y, x, &cc);
        x += cw;
    }
    return x;
}

void list_hints_append(const keymap *m, char *buf, size_t at, size_t size, const list_hint *hints, size_t n)
{
    const char *sep = " ";
    /* The tables say them in English (NC_, context "list key"). */
    for (size_t k = 0; k < n && at < size; k++) {
        char name[64];
        if (!keymap_key_name(m, CTX_LIST, hints[k].what, name, sizeof name)[0])
            continue; /* unbound: nothing to say */
        int w = snprintf(buf + at, size - at, "%s%s %s", sep, name, i18n_pgettext_context("list key", hints[k].says));
        if (w < 0)
            break;
        at += (size_t)w;
        sep = C_("list separator", ", ");
    }
}
