/* The reader before its first document is ready: the preview of the
 * document the walk will take first, and the keys typed while the walk of
 * a large folder and the document's reading go on (app.h). */
#include <curses.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

#include "../cli/i18n.h"
#include "app.h"
#include "key_input.h"
#include "test_sync.h"

/* A terminal smaller than any pane can use says so, in short lines, so
 * that the message fits even a tiny terminal. */
void app_draw_too_small(void)
{
    static const char *const message[] = {N_("Terminal"), N_("too small:"), N_("need 20x6")};
    erase();
    for (int y = 0; y < 3 && y < LINES; y++)
        mvaddnstr(y, 0, _(message[y]), COLS);
    refresh();
}

/* Before the first document is ready: decode the first 64 KiB of it (cut
 * at a line end) and draw that, so the first screen does not wait for the
 * whole document to be decoded, indexed and outlined. Any failure simply
 * skips the preview; the real frame follows a few milliseconds later. */
void first_screen_preview(app *a, const char *path, const yd_load_options *load)
{
    if (COLS < MIN_COLS || LINES < MIN_LINES) {
        app_draw_too_small(); /* a terminal made smaller while the walk goes on */
        return;
    }
    FILE *f = fopen(path, "rb");
    if (!f)
        return;
    enum { PREVIEW = 65536 };
    unsigned char *bytes = malloc(PREVIEW);
    size_t got = bytes ? fread(bytes, 1, PREVIEW, f) : 0;
    fclose(f);
    while (got == PREVIEW && got > 0 && bytes[got - 1] != '\n')
        got--; /* whole lines only: no character cut in half */
    yd_document doc;
    yd_layout *layout = NULL;
    yd_layout_options opt;
    yd_layout_options_default(&opt);
    app_geometry(a);
    opt.width = a->text_cols > 2 ? a->text_cols : 2;
    opt.indent = a->text.indent;
    opt.blank_between = a->text.blank_line;
    opt.max_text_width = a->text.max_width;
    if (got > 0 && yd_document_from_bytes(&doc, path, bytes, got, load, NULL) == YD_OK) {
        if (yd_layout_new(&doc, a->widths, &opt, &layout, NULL) == YD_OK) {
            erase();
            text_draw_preview(a, layout);
            outline_divider_draw(a);
            attron(app_style(a, YD_STYLE_STATUS));
            mvhline(a->rows, 0, ' ', COLS);
            mvaddstr(a->rows, 1, _("loading"));
            attroff(app_style(a, YD_STYLE_STATUS));
            refresh();
            test_sync_trace("preview %s", app_base_name(path));
            yd_layout_free(layout);
        }
        yd_document_free(&doc);
    }
    free(bytes);
}

/* Until the first document is ready (the walk of a large folder, then its
 * reading): keys typed meanwhile are kept, in order, for once it shows;
 * the quit key typed before any other ends the reader at once, as a
 * signal to end does; a resize draws the preview again at the new size.
 * A click has nothing to land on yet. Returns 1 to quit, else 0 once a
 * document is ready or loading ended. */
int first_screen_wait(app *a, const char *first, const yd_load_options *load, const volatile sig_atomic_t *quit)
{
    enum { SLICE_MS = 10 }; /* how soon a key typed meanwhile is seen */
    const int room = (int)(sizeof a->early_keys / sizeof a->early_keys[0]);
    while (yd_loader_wait(a->loader, 1, SLICE_MS) == 0 && !yd_loader_finished(a->loader)) {
        if (*quit)
            return 1;
        /* Beyond the room, keys wait in the terminal, in order all the same. */
        while (a->early_count < room) {
            timeout(0);
            key k = read_key();
            if (k.code == WEOF && !k.is_key)
                break;
            if (k.is_key && k.code == KEY_RESIZE) {
                if (first[0])
                    first_screen_preview(a, first, load);
            } else if (k.is_key && k.code == KEY_MOUSE) {
                MEVENT ev;
                getmouse(&ev);
                test_sync_key();
            } else if (a->early_count == 0 && keymap_lookup(&a->keys, CTX_TEXT, k) == YD_ACT_QUIT) {
                return 1; /* after another key, q may be typed into a prompt: kept */
            } else {
                a->early_keys[a->early_count++] = k;
                test_sync_trace("key kept");
            }
        }
    }
    return 0;
}
