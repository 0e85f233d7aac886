/* libFuzzer target: search. Input: one option byte, the pattern (UTF-8) up
 * to the first NUL, then the text (bytes of a document). The option byte
 * picks literal or regex and the folds; regexes run with a time limit. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "yuedu/document.h"
#include "yuedu/fold.h"
#include "yuedu/search.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static yd_fold *fold;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    yd_error err = {0};
    if (!fold && yd_fold_new(&fold, NULL, &err) != YD_OK)
        abort();
    if (size < 2)
        return 0;
    unsigned opt = data[0];
    data++, size--;
    const uint8_t *nul = memchr(data, 0, size);
    size_t plen = nul ? (size_t)(nul - data) : size;
    if (plen > 256)
        plen = 256;
    char pattern[257];
    memcpy(pattern, data, plen);
    pattern[plen] = 0;
    const uint8_t *text = nul ? nul + 1 : data + plen;
    size_t tlen = (size_t)(data + size - text);

    yd_query_options qo = {
        .folds = (opt & 0x0f) ? (opt & 0x0f) : YD_FOLD_DEFAULT,
        .regex = (opt >> 4) & 1,
        .time_limit = 2, /* ICU steps of ~1 ms; keeps (a*)*b quick */
    };
    yd_query *q = NULL;
    if (yd_query_compile_utf8(&q, fold, pattern, &qo, &err) != YD_OK)
        return 0;
    (void)yd_query_folds(q);
    yd_document doc;
    memset(&doc, 0, sizeof doc);
    if (yd_document_from_bytes(&doc, "fuzz.txt", text, tlen, NULL, &err) == YD_OK) {
        yd_shadow shadow = {0};
        yd_hits hits = {0};
        if (yd_search_document(q, &doc, &shadow, &hits, &err) == YD_OK) {
            for (size_t k = 0; k < hits.count; k++) {
                const yd_hit *h = &hits.items[k];
                if (h->offset < 0 || h->length <= 0 || h->offset + h->length > doc.length)
                    abort();
                if (k > 0 && h->offset < hits.items[k - 1].offset + hits.items[k - 1].length)
                    abort();
                int32_t line, column;
                yd_text_position(&doc, h->offset, &line, &column);
                if (line < 1 || column < 1)
                    abort();
            }
            size_t doc_index = 0, index = 0;
            int wrapped = 0;
            (void)yd_hits_step(&hits, 1, opt & 0x20, &doc_index, doc.length / 2, &index, &wrapped);
            (void)yd_hits_next(&hits, doc.length / 2);
            (void)yd_hits_prev(&hits, doc.length / 2);
        }
        yd_hit hit;
        int found = 0;
        (void)yd_search_from(q, &doc, &shadow, doc.length / 3, &hit, &found, &err);
        yd_query *clone = NULL;
        if ((opt & 0x40) && yd_query_clone(&clone, q, &err) == YD_OK) {
            (void)yd_search_document(clone, &doc, &shadow, &hits, &err);
            yd_query_free(clone);
        }
        yd_shadow_trim(&shadow, ~0u);
        yd_hits_free(&hits);
        yd_shadow_free(&shadow);
    }
    yd_document_free(&doc);
    yd_query_free(q);
    return 0;
}
