/* Anchors: fingerprint, snippet capture and re-anchoring. */
#include "yuedu/anchor.h"
#include "yuedu/utf8_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ustring.h>

void yd_fingerprint(const yd_document *doc, char out[YD_FINGERPRINT_SIZE])
{
    uint64_t h = 0xcbf29ce484222325ULL;
    const UChar *s = doc->text;
    for (int32_t k = 0; s && k < doc->length; k++) {
        h ^= (uint64_t)(s[k] & 0xff);
        h *= 0x100000001b3ULL;
        h ^= (uint64_t)(s[k] >> 8);
        h *= 0x100000001b3ULL;
    }
    h ^= (uint64_t)doc->length;
    h *= 0x100000001b3ULL;
    snprintf(out, YD_FINGERPRINT_SIZE, "fnv1a64:%016llx", (unsigned long long)h);
}

/* UTF-8 as malloc'ed UTF-16; *length set. NULL on failure. */
static UChar *to_utf16(const char *s, int32_t *length)
{
    UErrorCode st = U_ZERO_ERROR;
    int32_t need = 0;
    u_strFromUTF8WithSub(NULL, 0, &need, s, -1, 0xFFFD, NULL, &st);
    if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
        return NULL;
    UChar *out = malloc(((size_t)need + 1) * sizeof *out);
    if (!out)
        return NULL;
    st = U_ZERO_ERROR;
    u_strFromUTF8WithSub(out, need + 1, NULL, s, -1, 0xFFFD, NULL, &st);
    if (U_FAILURE(st)) {
        free(out);
        return NULL;
    }
    *length = need;
    return out;
}

static int32_t clamp_offset(const yd_document *doc, int32_t offset)
{
    if (offset < 0)
        offset = 0;
    if (offset > doc->length)
        offset = doc->length;
    if (offset > 0 && offset < doc->length && U16_IS_TRAIL(doc->text[offset]) && U16_IS_LEAD(doc->text[offset - 1]))
        offset--;
    return offset;
}

yd_status yd_anchor_capture(yd_anchor *a, const yd_document *doc, int32_t offset, const char *fingerprint)
{
    memset(a, 0, sizeof *a);
    if (fingerprint)
        snprintf(a->fingerprint, sizeof a->fingerprint, "%s", fingerprint);
    else
        yd_fingerprint(doc, a->fingerprint);
    offset = clamp_offset(doc, offset);
    a->offset = offset;
    a->line = doc->line_count > 0 ? yd_document_line_at(doc, offset) + 1 : 1;

    int32_t start = offset > YD_ANCHOR_SNIPPET ? offset - YD_ANCHOR_SNIPPET : 0;
    if (start > 0 && U16_IS_TRAIL(doc->text[start]))
        start++;
    for (int32_t k = offset - 1; k >= start; k--) /* a NUL cannot travel in a C string */
        if (doc->text[k] == 0) {
            start = k + 1;
            break;
        }
    int32_t end = offset + YD_ANCHOR_SNIPPET < doc->length ? offset + YD_ANCHOR_SNIPPET : doc->length;
    if (end > offset && end < doc->length && U16_IS_LEAD(doc->text[end - 1]))
        end--;
    for (int32_t k = offset; k < end; k++)
        if (doc->text[k] == 0) {
            end = k;
            break;
        }
    a->before = yd_utf8_of_utf16(doc->text + start, offset - start, NULL);
    a->after = yd_utf8_of_utf16(doc->text + offset, end - offset, NULL);
    if (!a->before || !a->after) {
        yd_anchor_free(a);
        return YD_ENOMEM;
    }
    return YD_OK;
}

/* The occurrence of pat in doc whose start + delta is nearest to want, or -1. */
static int32_t nearest(const yd_document *doc, const UChar *pat, int32_t plen, int32_t delta, int32_t want)
{
    if (plen <= 0 || plen > doc->length)
        return -1;
    int32_t best = -1;
    long best_dist = 0;
    const UChar *text = doc->text;
    int32_t pos = 0;
    while (pos + plen <= doc->length) {
        UChar *hit = u_strFindFirst(text + pos, doc->length - pos, pat, plen);
        if (!hit)
            break;
        int32_t at = (int32_t)(hit - text) + delta;
        long dist = labs((long)at - (long)want);
        if (best < 0 || dist < best_dist) {
            best = at;
            best_dist = dist;
        } else if (at > want) {
            break; /* later hits only get further away */
        }
        pos = (int32_t)(hit - text) + 1;
    }
    return best;
}

yd_anchor_match yd_anchor_locate(const yd_anchor *a, const yd_document *doc, const char *doc_fingerprint,
                                 int32_t *offset)
{
    char fp[YD_FINGERPRINT_SIZE];
    if (!doc_fingerprint) {
        yd_fingerprint(doc, fp);
        doc_fingerprint = fp;
    }
    *offset = clamp_offset(doc, a->offset);
    if (strcmp(doc_fingerprint, a->fingerprint) == 0)
        return YD_ANCHOR_EXACT;

    int32_t blen = 0, alen = 0;
    UChar *before = to_utf16(a->before ? a->before : "", &blen);
    UChar *after = to_utf16(a->after ? a->after : "", &alen);
    UChar *both = before && after ? malloc(((size_t)blen + (size_t)alen + 1) * sizeof *both) : NULL;
    yd_anchor_match result = YD_ANCHOR_STALE;
    if (both) {
        memcpy(both, before, (size_t)blen * sizeof *both);
        memcpy(both + blen, after, (size_t)alen * sizeof *both);
        int32_t at = -1;
        if (blen + alen >= YD_ANCHOR_MIN_MATCH)
            at = nearest(doc, both, blen + alen, blen, a->offset);
        /* Then the text on either side alone, and then the half of it
         * nearest the place: an edit that touched one side, or reached
         * into both snippets, still leaves the place findable. */
        if (at < 0 && alen >= YD_ANCHOR_MIN_MATCH)
            at = nearest(doc, after, alen, 0, a->offset);
        if (at < 0 && blen >= YD_ANCHOR_MIN_MATCH)
            at = nearest(doc, before, blen, blen, a->offset);
        int32_t ahalf = alen / 2, bhalf = blen / 2;
        if (ahalf > 0 && ahalf < alen && U16_IS_TRAIL(after[ahalf]))
            ahalf++;
        if (bhalf > 0 && U16_IS_TRAIL(before[blen - bhalf]))
            bhalf--;
        if (at < 0 && ahalf >= YD_ANCHOR_MIN_MATCH)
            at = nearest(doc, after, ahalf, 0, a->offset);
        if (at < 0 && bhalf >= YD_ANCHOR_MIN_MATCH)
            at = nearest(doc, before + blen - bhalf, bhalf, bhalf, a->offset);
        if (at >= 0) {
            *offset = at;
            result = YD_ANCHOR_REANCHORED;
        }
    }
    free(before);
    free(after);
    free(both);
    return result;
}

int yd_anchor_snippet_occurs(const yd_anchor *a, const yd_document *doc)
{
    /* This runs over every document of the corpus for each bookmark whose
     * document is gone, so it is bounded to three scans: the whole context,
     * then the half of each side next to the place. */
    int32_t blen = 0, alen = 0;
    UChar *before = to_utf16(a->before ? a->before : "", &blen);
    UChar *after = to_utf16(a->after ? a->after : "", &alen);
    UChar *both = before && after ? malloc(((size_t)blen + (size_t)alen + 1) * sizeof *both) : NULL;
    int found = 0;
    if (both) {
        memcpy(both, before, (size_t)blen * sizeof *both);
        memcpy(both + blen, after, (size_t)alen * sizeof *both);
        int32_t ahalf = alen / 2, bhalf = blen / 2;
        if (ahalf > 0 && ahalf < alen && U16_IS_TRAIL(after[ahalf]))
            ahalf++;
        if (bhalf > 0 && U16_IS_TRAIL(before[blen - bhalf]))
            bhalf--;
        const UChar *pats[3] = {both, after, before + blen - bhalf};
        int32_t lens[3] = {blen + alen, ahalf, bhalf};
        for (int k = 0; k < 3 && !found; k++)
            if (lens[k] >= YD_ANCHOR_MIN_MATCH && lens[k] <= doc->length)
                found = u_strFindFirst(doc->text, doc->length, pats[k], lens[k]) != NULL;
    }
    free(before);
    free(after);
    free(both);
    return found;
}

yd_status yd_anchor_copy(yd_anchor *dst, const yd_anchor *src)
{
    *dst = *src;
    dst->before = strdup(src->before ? src->before : "");
    dst->after = strdup(src->after ? src->after : "");
    if (!dst->before || !dst->after) {
        yd_anchor_free(dst);
        return YD_ENOMEM;
    }
    return YD_OK;
}

void yd_anchor_free(yd_anchor *a)
{
    free(a->before);
    free(a->after);
    a->before = a->after = NULL;
}
