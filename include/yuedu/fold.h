/* Search folding: which characters count as the same when searching.
 *
 * Three folds, each switchable:
 *   case    A ⇄ a, Σ ⇄ σ ⇄ ς           (ICU simple case folding, and
 *                                        NFKC_Casefold when width is on too)
 *   width   Ａ ⇄ A, ， ⇄ ,, ０ ⇄ 0,      (NFKC: full/half width, compatibility
 *           ⼀ ⇄ 一, U+3000 ⇄ space       forms, CJK compatibility ideographs)
 *   script  黨 ⇄ 党, 裡 ⇄ 裏 ⇄ 里         (ICU's Traditional-Simplified and
 *                                        Simplified-Traditional transliterators)
 *
 * Everything is one table per combination of folds that maps a UTF-16 code
 * unit to a code unit, built once at start-up (yd_fold_new) from ICU's data.
 * Only mappings from one BMP character to one BMP character are kept, so a
 * folded copy of a text (its "shadow") has exactly the length of the text
 * and a hit found in the shadow is at the same offset in the original.
 * Mappings are closed: characters linked by any enabled fold form a class
 * and every member of a class folds to the same representative (the member
 * the folds lead to: the lower-case, half-width, Simplified one), so 里, 裡
 * and 裏 all fold alike whichever one the text or the pattern has.
 *
 * Left out by design (see docs/SEARCH.md): mappings to or from more than
 * one character (ﬁ → fi, ß → ss, ㈠ → (一)), characters outside the BMP,
 * and canonical equivalence of combining sequences.
 *
 * A yd_fold is immutable once built and may be shared between threads. */
#ifndef YUEDU_FOLD_H
#define YUEDU_FOLD_H

#include <stddef.h>
#include <stdint.h>
#include <unicode/utypes.h>

#include "yuedu/status.h"

enum {
    YD_FOLD_NONE = 0,
    YD_FOLD_CASE = 1,       /* always fold case */
    YD_FOLD_WIDTH = 2,
    YD_FOLD_SCRIPT = 4,
    YD_FOLD_SMART_CASE = 8, /* fold case unless the pattern has an upper-case letter */
    YD_FOLD_TABLES = 8,     /* tables: every combination of CASE, WIDTH, SCRIPT */
    YD_FOLD_NUMBERS = 16    /* a literal's numbers in numbering contexts in any form (number_fold.h) */
};

/* What a search folds when nothing is configured. */
#define YD_FOLD_DEFAULT (YD_FOLD_SMART_CASE | YD_FOLD_WIDTH | YD_FOLD_SCRIPT | YD_FOLD_NUMBERS)

typedef struct yd_fold yd_fold;

/* Build every table (about 50 ms, most of it opening ICU's transliterator).
 * build_ms (may be NULL) receives the time it took. */
yd_status yd_fold_new(yd_fold **out, double *build_ms, yd_error *err);
void yd_fold_free(yd_fold *fold);

/* The 65536-entry table for folds (SMART_CASE is ignored here: resolve it
 * first with yd_fold_resolve). Surrogates map to themselves. */
const UChar *yd_fold_table(const yd_fold *fold, unsigned folds);

/* Fold n units of src into dst (which may be src). */
void yd_fold_apply(const UChar *table, const UChar *src, UChar *dst, int32_t n);

/* Folds for a pattern whose literal characters are chars[0..n): SMART_CASE
 * becomes CASE unless one of them is an upper- or title-case letter. The
 * result has only CASE, WIDTH and SCRIPT bits. */
unsigned yd_fold_resolve(unsigned folds, const UChar *chars, int32_t n);

/* Parse a --fold list: comma-separated "case", "smart-case" (or
 * "smartcase"), "width", "script", or "none" alone, or "default". */
yd_status yd_fold_parse(const char *list, unsigned *folds, yd_error *err);

/* The folds as a list yd_fold_parse reads back, e.g. "smart-case,width,script". */
const char *yd_fold_describe(unsigned folds, char *buf, size_t size);

#endif
