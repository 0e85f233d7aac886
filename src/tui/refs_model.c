/* Cross-references of the documents read (yuedu/crossref.h): found per
 * document on first need and kept, resolved against every document ready
 * at that time; made again when more documents are ready or one was read
 * again. Following one is a jump, so Ctrl-O comes back. */
#include <stdlib.h>
#include <unicode/ustring.h>

#include "app.h"
#include "yuedu/markup.h"

/* The corpus view the core resolves against: pointers to the documents
 * and outlines ready, NULL for the others. Made once while loading (a
 * document that comes later joins it when its references are asked for)
 * and once more when loading ends, so that citations of documents that
 * came later resolve; each time every document's references are found
 * again on need. Never once a frame: 100 000 documents load. */
static int corpus_view(app *a)
{
    int finished = yd_loader_finished(a->loader);
    if (a->refs_corpus_made && (a->refs_corpus_final || !finished))
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
    a->refs_corpus_final = finished;
    a->refs_generation++;
    return 0;
}

const yd_refs *refs_of(app *a, size_t doc)
{
    if (doc >= a->capacity || !app_doc(a, doc))
        return NULL;
    if (!a->refs) {
        a->refs = calloc(a->capacity, sizeof *a->refs);
        a->refs_made = calloc(a->capacity, sizeof *a->refs_made);
        a->refs_docs = calloc(a->capacity, sizeof *a->refs_docs);
        a->refs_outlines = calloc(a->capacity, sizeof *a->refs_outlines);
        if (!a->refs || !a->refs_made || !a->refs_docs || !a->refs_outlines) {
            app_out_of_memory(a);
            return NULL;
        }
    }
    if (corpus_view(a) != 0)
        return NULL;
    if (!a->refs_docs[doc]) { /* ready since the view was made */
        a->refs_docs[doc] = app_doc(a, doc);
        a->refs_outlines[doc] = &a->outlines[doc];
    }
    if (a->refs_made[doc] != a->refs_generation) {
        yd_refs_free(&a->refs[doc]);
        yd_error err = {0};
        if (app_failed(a, yd_refs_find(&a->refs_corpus, doc, &a->refs[doc], &err), "cross-references") != YD_OK)
            return NULL;
        a->refs_made[doc] = a->refs_generation;
    }
    return &a->refs[doc];
}

void refs_forget(app *a)
{
    a->refs_corpus_made = 0; /* the next need makes everything again */
    a->refs_corpus_final = 0;
}

void refs_free(app *a)
{
    yd_ref_corpus_free(&a->refs_corpus);
    for (size_t k = 0; a->refs && k < a->capacity; k++)
        yd_refs_free(&a->refs[k]);
    free(a->refs);
    free(a->refs_made);
    free(a->refs_docs);
    free(a->refs_outlines);
    a->refs = NULL;
    a->refs_made = NULL;
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
                r->external ? _(" (another document)") : "");
        return;
    }
    app_jump(a, (size_t)r->target_doc, r->target_offset);
    const yd_document *t = app_doc(a, (size_t)r->target_doc);
    app_say(a, MSG_TRANSIENT, "%s: %s line %ld (Ctrl-O comes back)", words, app_base_name(t->path),
            (long)yd_source_line(t, yd_document_line_at(t, r->target_offset)));
}
