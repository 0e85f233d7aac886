/* Cross-references of the documents read (yuedu/crossref.h): found per
 * document on first need and kept, resolved against every document ready
 * at that time; made again when more documents are ready or one was read
 * again. Following one is a jump, so Ctrl-O comes back. */
#include <stdlib.h>
#include <unicode/ustring.h>

#include "app.h"

/* The corpus view the core resolves against: pointers to the documents
 * and outlines ready now, NULL for the others. */
static int corpus_view(app *a, size_t ready)
{
    if (a->refs_corpus_ready == ready && a->refs_corpus_made)
        return 0;
    yd_ref_corpus_free(&a->refs_corpus);
    a->refs_corpus_made = 0;
    for (size_t k = 0; k < a->capacity; k++) {
        a->refs_docs[k] = app_doc(a, k);
        a->refs_outlines[k] = a->refs_docs[k] ? &a->outlines[k] : NULL;
    }
    yd_error err = {0};
    if (app_failed(a, yd_ref_corpus_init(&a->refs_corpus, a->capacity, a->refs_docs, a->refs_outlines, &err),
                   "cross-references") != YD_OK)
        return -1;
    a->refs_corpus_made = 1;
    a->refs_corpus_ready = ready;
    for (size_t k = 0; k < a->capacity; k++)
        a->refs_ready[k] = 0; /* resolved against fewer documents: found again on need */
    return 0;
}

const yd_refs *refs_of(app *a, size_t doc)
{
    if (doc >= a->capacity || !app_doc(a, doc))
        return NULL;
    if (!a->refs) {
        a->refs = calloc(a->capacity, sizeof *a->refs);
        a->refs_ready = calloc(a->capacity, sizeof *a->refs_ready);
        a->refs_docs = calloc(a->capacity, sizeof *a->refs_docs);
        a->refs_outlines = calloc(a->capacity, sizeof *a->refs_outlines);
        if (!a->refs || !a->refs_ready || !a->refs_docs || !a->refs_outlines) {
            app_out_of_memory(a);
            return NULL;
        }
    }
    size_t ready = yd_loader_ready(a->loader);
    if (corpus_view(a, ready) != 0)
        return NULL;
    if (a->refs_ready[doc] != ready) {
        yd_refs_free(&a->refs[doc]);
        yd_error err = {0};
        if (app_failed(a, yd_refs_find(&a->refs_corpus, doc, &a->refs[doc], &err), "cross-references") != YD_OK)
            return NULL;
        a->refs_ready[doc] = ready;
    }
    return &a->refs[doc];
}

void refs_forget(app *a)
{
    a->refs_corpus_made = 0; /* the next need makes everything again */
}

void refs_free(app *a)
{
    yd_ref_corpus_free(&a->refs_corpus);
    for (size_t k = 0; a->refs && k < a->capacity; k++)
        yd_refs_free(&a->refs[k]);
    free(a->refs);
    free(a->refs_ready);
    free(a->refs_docs);
    free(a->refs_outlines);
    a->refs = NULL;
    a->refs_ready = NULL;
    a->refs_docs = NULL;
    a->refs_outlines = NULL;
}

int refs_jump_command(app *a, const char *cmd)
{
    UChar text[64];
    int32_t n = 0;
    UErrorCode st = U_ZERO_ERROR;
    u_strFromUTF8(text, 64, &n, cmd, -1, &st);
    if (U_FAILURE(st) || n >= 64 || !refs_of(a, a->doc))
        return 0;
    int32_t offset;
    yd_error err = {0};
    if (app_failed(a, yd_ref_locate(&a->refs_corpus, a->doc, text, n, text_offset(a), &offset, &err),
                   "cross-references") != YD_OK)
        return 1;
    if (offset < 0) {
        /* a numbered place the document lacks, or no reference at all */
        int numbered = 0;
        for (int32_t k = 0; k < n; k++)
            numbered |= text[k] == 0x7B2C || text[k] == 0x6761 || text[k] == 0x689D || text[k] == 0x7AE0;
        if (numbered)
            app_say(a, MSG_ERROR, "%s: not in this document", cmd);
        return numbered;
    }
    app_jump(a, a->doc, offset);
    return 1;
}

void refs_follow(app *a, size_t doc, const yd_ref *r)
{
    const yd_document *d = app_doc(a, doc);
    if (!d)
        return;
    char words[200];
    size_t n = 0;
    for (int32_t i = 0; i < r->length && n + 5 < sizeof words; i++) {
        wchar_t w = app_safe_char(a, d->text[r->start + i]);
        int k = w ? wctomb(words + n, w) : 0;
        n += k > 0 ? (size_t)k : 0;
    }
    words[n] = 0;
    if (r->target_doc < 0 || !app_doc(a, (size_t)r->target_doc)) {
        app_say(a, MSG_ERROR, "%s: not found in the documents read%s", words,
                r->external ? " (another document)" : "");
        return;
    }
    app_jump(a, (size_t)r->target_doc, r->target_offset);
    const yd_document *t = app_doc(a, (size_t)r->target_doc);
    app_say(a, MSG_TRANSIENT, "%s: %s line %ld (Ctrl-O comes back)", words, app_base_name(t->path),
            (long)yd_document_line_at(t, r->target_offset) + 1);
}
