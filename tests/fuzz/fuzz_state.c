/* libFuzzer target: state.yaml reading. The input is written as the
 * store's file in a private folder and opened (a corrupt file is moved
 * aside, a valid one read and merged); positions, corpus and search
 * history are read back, and a change is saved. */
#include <stdint.h>

#include "yuedu/document.h"
#include "yuedu/state.h"
#include "store_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char sample[] = "一、目的\n读到这里。\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    store_prepare(YD_STATE_FILE, data, size);
    yd_error err = {0};
    yd_document doc;
    memset(&doc, 0, sizeof doc);
    if (yd_document_from_bytes(&doc, "/tmp/a.txt", (const unsigned char *)sample, sizeof sample - 1, NULL, &err) !=
        YD_OK)
        abort();
    yd_state *s = calloc(1, sizeof *s);
    if (!s)
        abort();
    (void)yd_state_open(s, store_dir, &err);
    (void)yd_state_take_notice(s);
    int32_t offset;
    (void)yd_state_get_position(s, &doc, &offset);
    const char *document;
    size_t index;
    (void)yd_state_corpus_document(s, "/tmp", &document, &index);
    size_t n = yd_state_search_count(s);
    for (size_t k = 0; k < n; k++)
        (void)yd_state_search_get(s, k);
    if (size && (data[0] & 1)) {
        (void)yd_state_add_search(s, "目的");
        (void)yd_state_set_position(s, &doc, 3);
        (void)yd_state_set_corpus_document(s, "/tmp", "/tmp/a.txt", 0);
        (void)yd_state_save(s, &err);
    }
    yd_state_free(s);
    free(s);
    yd_document_free(&doc);
    return 0;
}
