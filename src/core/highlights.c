/* Highlights: passages kept in the highlight store (a bookmark store on
 * highlights.yaml, see bookmarks.h) with their text, so that a highlight
 * whose words moved is found again and one whose words are gone is marked
 * stale rather than pointing at other words. */
#include <stdlib.h>
#include <string.h>
#include <unicode/ustring.h>

#include "bookmarks_internal.h"
#include "yuedu/bookmarks.h"
#include "yuedu/utf8_text.h"

/* UTF-8 as new UTF-16 (*n units); NULL when out of memory or empty. */
static UChar *utf16_of(const char *s, int32_t *n)
{
    UErrorCode st = U_ZERO_ERROR;
    *n = 0;
    u_strFromUTF8WithSub(NULL, 0, n, s, -1, 0xFFFD, NULL, &st);
    if (*n <= 0)
        return NULL;
    st = U_ZERO_ERROR;
    UChar *out = malloc(((size_t)*n + 1) * sizeof *out);
    if (!out)
        return NULL;
    u_strFromUTF8WithSub(out, *n + 1, NULL, s, -1, 0xFFFD, NULL, &st);
    if (U_FAILURE(st)) {
        free(out);
        return NULL;
    }
    return out;
}

yd_status yd_highlights_add(yd_bookmarks *store, const yd_document *doc, size_t doc_index, int32_t start,
                            int32_t end, const char *root, int style, const char *note,
                            char id_out[YD_BOOKMARK_ID_SIZE])
{
    if (start < 0 || end <= start || end > doc->length || style < 0 || style >= YD_HIGHLIGHT_STYLES)
        return YD_EINVAL;
    char *quote = yd_utf8_of_utf16(doc->text + start, end - start, NULL);
    if (!quote)
        return YD_ENOMEM;
    char id[YD_BOOKMARK_ID_SIZE];
    yd_status st = yd_bookmarks_add(store, doc, doc_index, start, root, quote, note, id);
    free(quote);
    if (st != YD_OK)
        return st;
    yd_bookmark *h = yd_bookmarks_find(store, id);
    if (!h)
        return YD_ENOMEM; /* cannot happen: it was just added */
    h->length = end - start;
    h->style = style;
    if (id_out)
        memcpy(id_out, id, YD_BOOKMARK_ID_SIZE);
    return YD_OK;
}

/* Does doc read quote (n units) at offset? */
static int reads_at(const yd_document *doc, int32_t offset, const UChar *quote, int32_t n)
{
    return offset >= 0 && n <= doc->length - offset && memcmp(doc->text + offset, quote, (size_t)n * sizeof *quote) == 0;
}

size_t yd_highlights_resolve(yd_bookmarks *store, const yd_document *const *docs, size_t ndocs, const char *root,
                             int update)
{
    yd_bookmarks_resolve(store, docs, ndocs, root, update);
    size_t stale = 0;
    for (size_t k = 0; k < store->count; k++) {
        yd_bookmark *h = &store->items[k];
        if (h->deleted)
            continue;
        if (h->length > 0 && h->doc != YD_NO_DOC && h->doc < ndocs &&
            (h->state == YD_BM_EXACT || h->state == YD_BM_REANCHORED || h->state == YD_BM_MOVED)) {
            const yd_document *doc = docs[h->doc];
            int32_t n;
            UChar *quote = utf16_of(h->name, &n);
            if (quote && !reads_at(doc, h->offset, quote, n)) {
                /* The anchor found the place but not the words: the words
                 * themselves, anywhere in the document (the first). */
                UChar *found = u_strFindFirst(doc->text, doc->length, quote, n);
                if (found) {
                    h->offset = (int32_t)(found - doc->text);
                    h->state = YD_BM_REANCHORED;
                    yd_anchor moved;
                    memset(&moved, 0, sizeof moved);
                    if (update && yd_anchor_capture(&moved, doc, h->offset, NULL) == YD_OK) {
                        /* written by the next save, as a re-anchored bookmark is */
                        yd_anchor_free(&h->anchor);
                        h->anchor = moved;
                        h->dirty = 1;
                    }
                } else {
                    h->state = YD_BM_STALE;
                }
            }
            free(quote);
        }
        if (h->state == YD_BM_STALE)
            stale++;
    }
    return stale;
}
