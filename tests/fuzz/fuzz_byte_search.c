/* libFuzzer target: literal search on UTF-8 bytes against search on the
 * loaded document. Input: one option byte (the folds), the pattern (UTF-8)
 * up to the first NUL, then the text. Any difference in the number of hits
 * or in where a hit starts and ends is a crash. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "yuedu/byte_search.h"
#include "yuedu/document.h"
#include "yuedu/fold.h"
#include "yuedu/search.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static yd_fold *fold;

/* UTF-16 length of the document made from bytes[0..n). */
static int32_t units_of(const uint8_t *bytes, size_t n)
{
    static const yd_load_options utf8 = {.encoding = "utf-8"};
    yd_document d;
    yd_error err = {0};
    if (n == 0)
        return 0;
    if (yd_document_from_bytes(&d, "fuzz.txt", bytes, n, &utf8, &err) != YD_OK)
        abort();
    int32_t len = d.length;
    yd_document_free(&d);
    return len;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    yd_error err = {0};
    if (!fold && yd_fold_new(&fold, NULL, &err) != YD_OK)
        abort();
    if (size < 2)
        return 0;
    unsigned folds = data[0] & 0x0f;
    data++, size--;
    const uint8_t *nul = memchr(data, 0, size);
    size_t plen = nul ? (size_t)(nul - data) : size;
    if (plen > 64)
        plen = 64;
    char pattern[65];
    memcpy(pattern, data, plen);
    pattern[plen] = 0;
    const uint8_t *text = nul ? nul + 1 : data + plen;
    size_t tlen = (size_t)(data + size - text);
    yd_query_options qo = {.folds = folds};
    yd_query *q = NULL;
    if (yd_query_compile_utf8(&q, fold, pattern, &qo, &err) != YD_OK)
        return 0;
    yd_byte_query *b = NULL;
    if (yd_byte_query_new(&b, q, &err) != YD_OK)
        abort();
    static const yd_load_options utf8 = {.encoding = "utf-8"};
    yd_document doc;
    if (b && tlen > 0 && yd_document_from_bytes(&doc, "fuzz.txt", text, tlen, &utf8, &err) == YD_OK) {
        yd_shadow shadow = {0};
        yd_hits hits = {0};
        if (yd_search_document(q, &doc, &shadow, &hits, &err) != YD_OK)
            abort();
        size_t start = yd_utf8_text_start(text, tlen, 0), at = 0, s, e, k = 0;
        while (yd_byte_find(b, text + start, tlen - start, at, &s, &e)) {
            if (k >= hits.count)
                abort();
            int32_t us = units_of(text, start + s), ue = units_of(text, start + e);
            if (us != hits.items[k].offset || ue - us != hits.items[k].length)
                abort();
            k++;
            at = e;
        }
        if (k != hits.count || yd_byte_count(b, text + start, tlen - start, 0, tlen - start) != k)
            abort();
        yd_hits_free(&hits);
        yd_shadow_free(&shadow);
        yd_document_free(&doc);
    }
    yd_byte_query_free(b);
    yd_query_free(q);
    return 0;
}
