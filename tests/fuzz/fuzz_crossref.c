/* libFuzzer target: bytes -> two documents -> outlines -> cross-references.
 * The input is split at its first NUL into a citing document and a cited
 * one (named 样本法 so that citations by name resolve); every reference must
 * lie inside its text, come in order without overlapping, and lead to a
 * line start of a document of the corpus, or nowhere. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "yuedu/crossref.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nul = memchr(data, 0, size);
    size_t first = nul ? (size_t)(nul - data) : size;
    yd_document docs[2];
    yd_outline outlines[2];
    memset(docs, 0, sizeof docs);
    memset(outlines, 0, sizeof outlines);
    yd_error err = {0};
    int ok = yd_document_from_bytes(&docs[0], "fuzz.txt", data, first, NULL, &err) == YD_OK &&
             yd_document_from_bytes(&docs[1], "样本法.md", nul ? nul + 1 : data, nul ? size - first - 1 : 0, NULL,
                                    &err) == YD_OK &&
             yd_outline_build(&outlines[0], &docs[0], &err) == YD_OK &&
             yd_outline_build(&outlines[1], &docs[1], &err) == YD_OK;
    if (ok) {
        const yd_document *dptr[2] = {&docs[0], &docs[1]};
        const yd_outline *optr[2] = {&outlines[0], &outlines[1]};
        yd_ref_corpus rc;
        if (yd_ref_corpus_init(&rc, 2, dptr, optr, &err) == YD_OK) {
            for (size_t d = 0; d < 2; d++) {
                yd_refs refs;
                if (yd_refs_find(&rc, d, &refs, &err) != YD_OK)
                    continue;
                int32_t past = 0;
                for (size_t i = 0; i < refs.count; i++) {
                    const yd_ref *r = &refs.items[i];
                    if (r->start < past || r->length <= 0 || r->start + r->length > docs[d].length)
                        abort();
                    past = r->start + r->length;
                    if (r->target_doc < -1 || r->target_doc > 1)
                        abort();
                    if (r->target_doc >= 0) {
                        const yd_document *t = &docs[r->target_doc];
                        int32_t line = yd_document_line_at(t, r->target_offset);
                        if (r->target_offset < 0 || r->target_offset > t->length ||
                            t->line_starts[line] != r->target_offset)
                            abort();
                    }
                }
                yd_refs_free(&refs);
            }
            yd_ref_corpus_free(&rc);
        }
    }
    for (int k = 0; k < 2; k++) {
        yd_outline_free(&outlines[k]);
        yd_document_free(&docs[k]);
    }
    return 0;
}
