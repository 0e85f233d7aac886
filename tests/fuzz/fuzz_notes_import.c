/* libFuzzer target: --import-notes, the notes JSON read back. The input
 * is imported into two empty stores (bookmarks, highlights), every note
 * that came in is written out again in each format, and the same input is
 * imported a second time, which must add and change nothing: a note is
 * never doubled. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "yuedu/notes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void write_all(yd_bookmarks *store, int highlight)
{
    yd_note *notes = calloc(store->count ? store->count : 1, sizeof *notes);
    if (!notes)
        abort();
    for (size_t k = 0; k < store->count; k++) {
        const yd_bookmark *b = &store->items[k];
        if (highlight && (b->length <= 0 || b->style < 0 || b->style >= YD_HIGHLIGHT_STYLES))
            abort(); /* only what the reader can draw comes in */
        notes[k] = (yd_note){b, highlight, b->path, b->path, "", b->name, "", b->anchor.line, b->offset};
    }
    for (int f = YD_NOTES_MARKDOWN; f <= YD_NOTES_TSV; f++) {
        char *out = NULL;
        size_t length = 0;
        if (yd_notes_write(notes, store->count, (yd_notes_format)f, &out, &length) == YD_OK) {
            for (size_t k = 0; k < length; k++)
                if ((unsigned char)out[k] < 0x20 && out[k] != '\n' && out[k] != '\t')
                    abort(); /* no control character leaves raw */
            free(out);
        }
    }
    free(notes);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    yd_bookmarks *bm = calloc(1, sizeof *bm), *hl = calloc(1, sizeof *hl);
    if (!bm || !hl)
        abort();
    hl->highlights = 1;
    yd_notes_imported r;
    yd_error err = {0};
    if (yd_notes_import((const char *)data, size, bm, hl, &r, &err) == YD_OK) {
        if (r.added != bm->count + hl->count)
            abort();
        write_all(bm, 0);
        write_all(hl, 1);
        size_t before = bm->count + hl->count;
        if (yd_notes_import((const char *)data, size, bm, hl, &r, &err) != YD_OK || r.added != 0 ||
            bm->count + hl->count != before)
            abort();
    } else if (bm->count || hl->count) {
        abort(); /* input that cannot be read changes nothing */
    }
    yd_bookmarks_free(bm);
    yd_bookmarks_free(hl);
    free(bm);
    free(hl);
    return 0;
}
