/* Numbers folded in search: a number written in a numbering context of a
 * literal query (after 第, or before a unit such as 条 章 款: 第12条, 111条,
 * 第 12 條, 第三章) finds the same number in every form the outline's
 * numeral parser reads: 第十二条, 第一十二条, 第１２条, 第 12 條, 第拾贰条,
 * 第一二条. docs/SEARCH.md, "Numbers".
 *
 * It works by rewriting the literal query into an ICU regular expression
 * whose number is an alternation of its written forms, bounded so that 12
 * never matches inside 112; search.c compiles that instead of the literal
 * when YD_FOLD_NUMBERS is on. */
#ifndef YUEDU_NUMBER_FOLD_H
#define YUEDU_NUMBER_FOLD_H

#include <stdint.h>
#include <unicode/utypes.h>

/* The regular expression for a literal pattern with numbers in numbering
 * contexts: returns 1 and sets *out (malloc'ed, NUL-terminated) and
 * *out_length; 0 when the pattern has no such number (search it as it
 * is); -1 when out of memory. */
int yd_number_fold_pattern(const UChar *pattern, int32_t length, UChar **out, int32_t *out_length);

#endif
