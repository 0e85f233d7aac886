/* Numbers as documents write them in headings and articles.
 *
 * One parser for every numbering form the outline meets: Chinese numerals
 * with 十/百/千/万 and their elisions (十一, 一十一, 一百一十一, 二百零三,
 * 一百二 = 120), 〇/零 as zero, 两 for two, 廿/卅/卌 for twenty, thirty and
 * forty, the financial forms (壹贰叁…拾佰仟), digit-by-digit numbers
 * (一零二, 一〇三), Arabic digits (ASCII or full-width), and the marks of an
 * inserted division or article after the number's unit (之一, -1, 의2). */
#ifndef YUEDU_NUMERAL_H
#define YUEDU_NUMERAL_H

#include <stdint.h>
#include <unicode/utypes.h>

enum {
    YD_NUMERAL_CHINESE = 1, /* accept Chinese numerals */
    YD_NUMERAL_ARABIC = 2,  /* accept ASCII and full-width digits */
    YD_NUMERAL_SPACES = 4,  /* allow single blanks between the characters (第 一百 二十 條) */
    YD_NUMERAL_ANY = YD_NUMERAL_CHINESE | YD_NUMERAL_ARABIC
};

/* Largest value the parser returns; longer numbers are amounts, not numbering. */
#define YD_NUMERAL_MAX 99999999

/* Is c a character of a Chinese numeral (digit, unit, 〇, 两, 廿...)? */
int yd_numeral_is_chinese(UChar c);

/* Is c an ASCII or full-width digit? */
int yd_numeral_is_arabic(UChar c);

/* Parse the number that starts at text[i] (before end). Returns the index
 * just past it and sets *value; returns i (and leaves *value alone) when
 * there is no number there, or when the characters do not make a well-formed
 * number (十百, 一二十). A Chinese and an Arabic number are never mixed. */
int32_t yd_numeral_parse(const UChar *text, int32_t i, int32_t end, unsigned flags, int32_t *value);

/* The mark of an inserted division or article right after its unit at
 * text[i]: 之一 (Chinese), -1 or －1 (Taiwan), 의2 (Korean). Returns the index
 * just past it and sets *sub, or returns i when there is none. */
int32_t yd_numeral_insert(const UChar *text, int32_t i, int32_t end, int32_t *sub);

#endif
