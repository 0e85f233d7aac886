/* libFuzzer target: bookmarks.yaml reading. The input is written as the
 * store's file in a private folder, opened read-only (as --bookmarks does),
 * listed, resolved against a small document and exported again; then opened
 * read-write (a corrupt file is moved aside, a valid one rewritten). */
#include <stdint.h>

#include "yuedu/bookmarks.h"
#include "yuedu/document.h"
#include "store_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char sample[] = "第一章 总则\n一、目的\n为了测试书签。\n第二章 附则\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    store_prepare(YD_BOOKMARKS_FILE, data, size);
    yd_error err = {0};
    yd_document doc;
    memset(&doc, 0, sizeof doc);
    if (yd_document_from_bytes(&doc, "a.txt", (const unsigned char *)sample, sizeof sample - 1, NULL, &err) != YD_OK)
        abort();
    const yd_document *docs[1] = {&doc};

    yd_bookmarks *bm = calloc(1, sizeof *bm);
    if (!bm)
        abort();
    (void)yd_bookmarks_open(bm, store_dir, 1, &err);
    (void)yd_bookmarks_take_notice(bm);
    (void)yd_bookmarks_resolve(bm, docs, 1, "/nonexistent-yuedu-root", 1);
    (void)yd_bookmarks_live_count(bm);
    for (int order = YD_ORDER_DOCUMENT; order <= YD_ORDER_RECENT; order++) {
        yd_bookmark **list = NULL;
        size_t count = 0;
        if (yd_bookmarks_list(bm, (yd_bookmark_order)order, order ? "a" : NULL, &list, &count) == YD_OK) {
            char *out = NULL;
            size_t length = 0;
            if (yd_bookmarks_export_yaml(list, count, &out, &length) == YD_OK)
                free(out);
            for (size_t k = 0; k < count; k++)
                (void)yd_bookmark_state_name(list[k]->state);
        }
        free(list);
    }
    int32_t *offsets = NULL;
    size_t noff = 0;
    if (yd_bookmarks_offsets(bm, 0, &offsets, &noff) == YD_OK)
        free(offsets);
    yd_bookmarks_free(bm);

    memset(bm, 0, sizeof *bm);
    (void)yd_bookmarks_open(bm, store_dir, 0, &err);
    (void)yd_bookmarks_take_notice(bm);
    yd_bookmarks_free(bm);
    free(bm);
    yd_document_free(&doc);
    return 0;
}
