/* libFuzzer target: bytes -> encoding detection -> decoding -> document.
 * Also decodes the same bytes as each fixed encoding, so every decoder
 * path sees hostile input, and checks the document's invariants; the UTF-8
 * fast path must agree unit for unit with ICU's decoder (utf8_reference.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "yuedu/decode.h"
#include "yuedu/detect.h"
#include "yuedu/document.h"
#include "../utf8_reference.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_document(const yd_document *doc)
{
    if (doc->length < 0 || doc->line_count < 0)
        abort();
    if (doc->text && doc->text[doc->length] != 0)
        abort();
    for (int32_t k = 0; k < doc->line_count; k++) {
        if (doc->line_starts[k] < 0 || doc->line_starts[k] > doc->length)
            abort();
        if (k > 0 && doc->line_starts[k] <= doc->line_starts[k - 1])
            abort();
        int32_t start, end;
        yd_document_line_bounds(doc, k, &start, &end);
        if (start > end || end > doc->length)
            abort();
        if (yd_document_line_at(doc, start) != k)
            abort();
    }
    for (int32_t k = 0; k < doc->length; k++)
        if (doc->text[k] == 0x0D) /* every line end is LF in memory */
            abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    yd_encoding enc;
    yd_detect_encoding(data, size, &enc);
    (void)yd_encoding_kind_name(enc.kind);
    (void)yd_detect_cost_utf8(data, size);
    (void)yd_detect_cost_gb18030(data, size);
    (void)yd_detect_cost_big5(data, size);
    (void)yd_detect_utf16_plausibility(data, size, 0);
    (void)yd_detect_utf16_plausibility(data, size, 1);

    yd_document doc;
    yd_error err = {0};
    memset(&doc, 0, sizeof doc);
    if (yd_document_from_bytes(&doc, "fuzz.txt", data, size, NULL, &err) == YD_OK)
        check_document(&doc);
    yd_document_free(&doc);

    yd_load_options as_utf8 = {.encoding = "UTF-8"};
    memset(&doc, 0, sizeof doc);
    if (yd_document_from_bytes(&doc, "fuzz.txt", data, size, &as_utf8, &err) != YD_OK ||
        utf8_reference_mismatch(data, size, &doc))
        abort();
    yd_document_free(&doc);

    /* Every forced encoding, as --encoding does. */
    static const char *const names[] = {"UTF-8", "UTF-16LE", "UTF-16BE", "GB18030", "Big5", "Shift_JIS"};
    const char *name = names[size ? data[0] % (sizeof names / sizeof names[0]) : 0];
    yd_load_options opts = {.encoding = name};
    memset(&doc, 0, sizeof doc);
    if (yd_document_from_bytes(&doc, "fuzz.txt", data, size, &opts, &err) == YD_OK)
        check_document(&doc);
    yd_document_free(&doc);
    return 0;
}
