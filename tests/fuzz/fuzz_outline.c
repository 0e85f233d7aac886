/* libFuzzer target: bytes -> document -> outline; checks the tree's
 * invariants and formats every title. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "yuedu/document.h"
#include "yuedu/outline.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    yd_document doc;
    yd_error err = {0};
    memset(&doc, 0, sizeof doc);
    if (yd_document_from_bytes(&doc, "fuzz.txt", data, size, NULL, &err) != YD_OK) {
        yd_document_free(&doc);
        return 0;
    }
    yd_outline outline;
    memset(&outline, 0, sizeof outline);
    if (yd_outline_build(&outline, &doc, &err) == YD_OK) {
        UChar buf[512];
        for (int32_t k = 0; k < outline.count; k++) {
            const yd_outline_node *n = &outline.nodes[k];
            if (n->parent >= k || n->parent < -1 || n->end <= k || n->end > outline.count)
                abort();
            if (n->depth < 1 || (n->parent >= 0 && n->depth != outline.nodes[n->parent].depth + 1))
                abort();
            if (n->title_start < 0 || n->title_length < 0 || n->title_start + n->title_length > doc.length)
                abort();
            if (n->sub_length < 0 || (n->sub_length > 0 && n->sub_start + n->sub_length > doc.length))
                abort();
            if (n->line < 0 || n->line >= doc.line_count || n->kind > YD_NODE_ITEM)
                abort();
            if (k > 0 && n->offset < outline.nodes[k - 1].offset)
                abort();
            int32_t len = yd_outline_node_title(&doc, n, buf, (int32_t)(sizeof buf / sizeof buf[0]));
            if (len < 0)
                abort();
            (void)yd_node_kind_name((yd_node_kind)n->kind);
            if (yd_outline_node_at(&outline, n->offset) < k)
                abort();
        }
        if (outline.title_start >= 0)
            (void)yd_outline_clean_title(doc.text, outline.title_start, outline.title_length, buf, 4);
        (void)yd_outline_node_at(&outline, 0);
        (void)yd_outline_node_at(&outline, doc.length);
    }
    yd_outline_free(&outline);
    yd_document_free(&doc);
    return 0;
}
