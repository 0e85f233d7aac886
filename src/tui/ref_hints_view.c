/* r: a short label on every cross-reference on screen, as the hint modes
 * of browsers and tmux plugins do; typing a label follows its reference
 * (a jump: Ctrl-O comes back). With one reference on screen r follows it
 * at once. A click on a reference follows it too. An overlay that covers
 * nothing: the text stays, the labels are drawn over the references'
 * first cells. */
#include <string.h>

#include "app.h"

/* Labels: one letter while they suffice, else two, home row first. */
static const char LETTERS[] = "asdfghjklqwertyuiopzxcvbnm";
enum { LETTER_COUNT = sizeof LETTERS - 1 };

static void label_of(size_t k, size_t count, char out[3])
{
    if (count <= LETTER_COUNT) {
        out[0] = LETTERS[k];
        out[1] = 0;
    } else {
        out[0] = LETTERS[k / LETTER_COUNT % LETTER_COUNT];
        out[1] = LETTERS[k % LETTER_COUNT];
    }
    out[2] = 0;
}

/* Calls see(a, ref, y, x, width) for each reference whose first cell is on
 * screen, in text order; see returns 0 to stop. */
static void each_visible(app *a, int (*see)(app *a, size_t ref, int y, int x, int width, void *ctx), void *ctx)
{
    yd_layout *layout = app_layout(a, a->doc);
    const yd_refs *refs = refs_of(a, a->doc);
    if (!layout || !refs || refs->count == 0)
        return;
    yd_layout_pos pos = a->place.top;
    for (int y = 0; y < a->rows; y++) {
        const yd_row *row = app_row_at(a, layout, pos);
        if (row && !(row->flags & (YD_ROW_GAP | YD_ROW_BLANK))) {
            size_t r = yd_refs_after(refs, row->start);
            int n = yd_layout_row_cells(layout, row, a->cells, MAX_CELLS);
            int x = a->text_x + yd_layout_margin(layout) + row->indent;
            for (int k = 0; k < n && r < refs->count; k++) {
                const yd_cell *c = &a->cells[k];
                while (r < refs->count && refs->items[r].start < c->start)
                    r++;
                if (r < refs->count && refs->items[r].start == c->start && x < a->text_x + a->text_cols)
                    if (!see(a, r, y, x, c->width, ctx))
                        return;
                x += c->width;
            }
        }
        int32_t moved = 0;
        if (yd_layout_pos_move(layout, &pos, 1, &moved, NULL) != YD_OK || moved == 0)
            break;
    }
}

static int collect(app *a, size_t ref, int y, int x, int width, void *ctx)
{
    (void)y, (void)x, (void)width, (void)ctx;
    if (a->hint_count == HINT_MAX)
        return 0;
    a->hint_refs[a->hint_count++] = ref;
    return 1;
}

static int draw_label(app *a, size_t ref, int y, int x, int width, void *ctx)
{
    size_t *k = ctx;
    while (*k < a->hint_count && a->hint_refs[*k] < ref)
        (*k)++;
    if (*k >= a->hint_count || a->hint_refs[*k] != ref)
        return 1;
    char label[3];
    label_of(*k, a->hint_count, label);
    size_t typed = strlen(a->hint_typed);
    if (strncmp(label, a->hint_typed, typed) != 0)
        return 1; /* ruled out by what was typed */
    char shown[4] = "   ";
    size_t len = strlen(label + typed);
    memcpy(shown, label + typed, len);
    int cols = (int)len > width ? (int)len : width; /* cover the whole first cell */
    if (x + cols > a->text_x + a->text_cols)
        cols = a->text_x + a->text_cols - x;
    attr_t at = app_style(a, YD_STYLE_HINT);
    attron(at);
    mvaddnstr(y, x, shown, cols);
    attroff(at);
    return 1;
}

static void hints_draw(app *a)
{
    size_t k = 0;
    each_visible(a, draw_label, &k);
}

static void hints_close(app *a)
{
    a->hint_count = 0;
    a->hint_typed[0] = 0;
    pane_close(a, &ref_hints_pane);
}

/* Every key is the pane's: a letter narrows the labels, Esc and any other
 * key give up (the other key is not passed on, as in tmux's copy hints). */
static int hints_key(app *a, key k)
{
    if (k.is_key || k.code >= 0x80 || !strchr(LETTERS, (int)k.code) || k.code == 0) {
        hints_close(a);
        app_say(a, MSG_TRANSIENT, "no reference followed");
        return 1;
    }
    size_t typed = strlen(a->hint_typed);
    a->hint_typed[typed] = (char)k.code;
    a->hint_typed[typed + 1] = 0;
    size_t match = 0, which = 0;
    for (size_t i = 0; i < a->hint_count; i++) {
        char label[3];
        label_of(i, a->hint_count, label);
        if (strncmp(label, a->hint_typed, typed + 1) == 0) {
            match++;
            which = i;
            if (strcmp(label, a->hint_typed) == 0) {
                match = 1;
                break;
            }
        }
    }
    if (match == 0) {
        hints_close(a);
        app_say(a, MSG_ERROR, "no reference is labelled %s", a->hint_typed);
        return 1;
    }
    char label[3];
    label_of(which, a->hint_count, label);
    if (match == 1 && strcmp(label, a->hint_typed) == 0) {
        size_t doc = a->doc, ref = a->hint_refs[which];
        hints_close(a);
        const yd_refs *refs = refs_of(a, doc);
        if (refs && ref < refs->count)
            refs_follow(a, doc, &refs->items[ref]);
    }
    return 1;
}

void ref_hints_open(app *a)
{
    a->hint_count = 0;
    a->hint_typed[0] = 0;
    each_visible(a, collect, NULL);
    if (a->hint_count == 0) {
        app_say(a, MSG_ERROR, "no cross-reference on the screen");
        return;
    }
    if (a->hint_count == 1) {
        const yd_refs *refs = refs_of(a, a->doc);
        size_t ref = a->hint_refs[0];
        a->hint_count = 0;
        refs_follow(a, a->doc, &refs->items[ref]);
        return;
    }
    pane_open(a, &ref_hints_pane);
    app_say(a, MSG_TRANSIENT, "%zu references: type a label to follow one, Esc gives up", a->hint_count);
}

int ref_follow_at(app *a, int32_t offset)
{
    const yd_refs *refs = refs_of(a, a->doc);
    if (!refs || offset < 0)
        return 0;
    size_t r = yd_refs_after(refs, offset);
    if (r >= refs->count || refs->items[r].start > offset)
        return 0;
    refs_follow(a, a->doc, &refs->items[r]);
    return 1;
}

static void hints_document_changed(app *a, size_t doc)
{
    refs_forget(a);
    if (pane_is_open(a, &ref_hints_pane) && doc == a->doc)
        hints_close(a);
}

const pane_ops ref_hints_pane = {
    .name = "hints", .context = CTX_TEXT, .draw = hints_draw, .key = hints_key,
    .document_changed = hints_document_changed, .free = refs_free,
};
