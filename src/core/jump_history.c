/* The list holds places; `cursor` is the index of the place the reader is
 * at while moving through the history, or `count` when the reader is at a
 * live place that is not in the list (after a jump or at the start). */
#include "yuedu/jump_history.h"

#include <string.h>

void yd_jump_history_init(yd_jump_history *h) { memset(h, 0, sizeof *h); }

static int same(yd_position a, yd_position b) { return a.doc == b.doc && a.offset == b.offset; }

static void append(yd_jump_history *h, yd_position p)
{
    if (h->count == YD_JUMP_HISTORY_MAX) { /* forget the oldest */
        memmove(h->entries, h->entries + 1, (YD_JUMP_HISTORY_MAX - 1) * sizeof *h->entries);
        h->count--;
        if (h->cursor > 0)
            h->cursor--;
    }
    h->entries[h->count++] = p;
}

void yd_jump_history_push(yd_jump_history *h, yd_position from)
{
    if (h->cursor < h->count)
        h->count = h->cursor; /* a jump after going back forgets the way forward */
    if (h->count == 0 || !same(h->entries[h->count - 1], from))
        append(h, from);
    h->cursor = h->count;
}

int yd_jump_history_back(yd_jump_history *h, yd_position current, yd_position *to)
{
    if (h->cursor == h->count) {
        if (h->count == 0)
            return 0;
        /* Leaving a live place: keep it so that forward can return. */
        if (!same(h->entries[h->count - 1], current))
            append(h, current);
        h->cursor = h->count - 1;
    } else {
        h->entries[h->cursor] = current; /* the reader may have scrolled */
    }
    if (h->cursor == 0)
        return 0;
    *to = h->entries[--h->cursor];
    return 1;
}

int yd_jump_history_forward(yd_jump_history *h, yd_position *to)
{
    if (h->cursor + 1 >= h->count)
        return 0;
    *to = h->entries[++h->cursor];
    return 1;
}
