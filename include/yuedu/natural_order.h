/* Natural order of names: runs of digits compare by value, so that
 * "2.txt" comes before "10.txt" and "第2章" before "第10章". */
#ifndef YUEDU_NATURAL_ORDER_H
#define YUEDU_NATURAL_ORDER_H

#include <stddef.h>

/* <0, 0, >0 like strcmp. Equal only for identical strings: when numbers tie
 * ("01" and "1") the byte order decides, so sorting is stable and total. */
int yd_natural_compare(const char *a, const char *b);

/* The same order from a key made once per name, for sorting many names
 * without reading each number again at every comparison: keys compare
 * byte by byte (a key that is the start of another comes first) in the
 * order of yd_natural_compare, and names whose keys are equal ("01" and
 * "1") are left to strcmp. A run of digits becomes a byte that says how
 * many significant digits it has (with the length in full after it when
 * there are more than eight), then those digits; every other byte stays.
 * The key of a name of n bytes takes at most YD_NATURAL_KEY_MAX(n) bytes;
 * returns its length. */
#define YD_NATURAL_KEY_MAX(n) (2 * (n))
size_t yd_natural_key(const char *name, size_t length, unsigned char *key);

/* Two keys of yd_natural_key: <0, 0, >0. */
int yd_natural_key_compare(const unsigned char *a, size_t a_length, const unsigned char *b, size_t b_length);

#endif
