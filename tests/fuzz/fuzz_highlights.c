/* libFuzzer target: highlights.yaml reading. The input is written as the
 * highlight store's file in a private folder, opened read-only, resolved
 * against a small document (each highlight's words checked where it is
 * placed, looked for when they moved), listed and exported; then opened
 * read-write (a corrupt file is moved aside, a valid one rewritten). */
#include <stdint.h>

#include "yuedu/bookmarks.h"
#include "yuedu/document.h"
#include "store_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char sample[] = "第一章 总则\n一、目的\n为了测试标注。\n第二章 附则\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    store_prepare(YD_HIGHLIGHTS_FILE, data, size);
    yd_error err = {0};
    yd_document doc;
    memset(&doc, 0, sizeof doc);
    if (yd_document_from_bytes(&doc, "a.txt", (const unsigned char *)sample, sizeof sample - 1, NULL, &err) != YD_OK)
        abort();
    const yd_document *docs[1] = {&doc};

    yd_bookmarks *hl = calloc(1, sizeof *hl);
    if (!hl)
        abort();
    (void)yd_highlights_open(hl, store_dir, 1, &err);
    (void)yd_bookmarks_take_notice(hl);
    (void)yd_highlights_resolve(hl, docs, 1, "/nonexistent-yuedu-root", 1);
    yd_bookmark **list = NULL;
    size_t count = 0;
    if (yd_bookmarks_list(hl, YD_ORDER_DOCUMENT, NULL, &list, &count) == YD_OK) {
        char *out = NULL;
        size_t length = 0;
        if (yd_bookmarks_export_yaml(list, count, &out, &length) == YD_OK)
            free(out);
        for (size_t k = 0; k < count; k++)
            if (list[k]->length < 0 || list[k]->style < 0 || list[k]->style >= YD_HIGHLIGHT_STYLES)
                abort(); /* the parser keeps only what the reader can draw */
    }
    free(list);
    yd_bookmarks_free(hl);

    memset(hl, 0, sizeof *hl);
    (void)yd_highlights_open(hl, store_dir, 0, &err);
    (void)yd_bookmarks_take_notice(hl);
    yd_bookmarks_free(hl);
    free(hl);
    yd_document_free(&doc);
    return 0;
}
