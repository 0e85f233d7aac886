/* The stack of overlays over the tiled panes (pane.h). It knows no pane,
 * so that any pane may open or close another through it. */
#include <string.h>

#include "app.h"

static int index_of(const app *a, const pane_ops *p)
{
    for (int k = a->overlay_count - 1; k >= 0; k--)
        if (a->overlays[k] == p)
            return k;
    return -1;
}

void pane_close(app *a, const pane_ops *p)
{
    int k = index_of(a, p);
    if (k < 0)
        return;
    memmove(&a->overlays[k], &a->overlays[k + 1], (size_t)(a->overlay_count - k - 1) * sizeof a->overlays[0]);
    a->overlay_count--;
}

void pane_open(app *a, const pane_ops *p)
{
    pane_close(a, p);
    if (a->overlay_count == OVERLAY_MAX) /* never: each overlay is open once */
        pane_close(a, a->overlays[0]);
    a->overlays[a->overlay_count++] = p;
}

int pane_key_is_lone_esc(const app *a, key k)
{
    return !k.is_key && k.code == 0x1B && !yd_key_input_pending(&a->key_input);
}

int pane_close_on_lone_esc(app *a, key k, const pane_ops *p)
{
    if (!pane_key_is_lone_esc(a, k))
        return 0;
    a->message[0] = 0;
    pane_close(a, p);
    return 1;
}

int pane_is_open(const app *a, const pane_ops *p) { return index_of(a, p) >= 0; }

const pane_ops *pane_overlay(const app *a) { return a->overlay_count ? a->overlays[a->overlay_count - 1] : NULL; }
