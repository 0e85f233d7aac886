/* Natural order of names: runs of digits compare by value, so that
 * "2.txt" comes before "10.txt" and "第2章" before "第10章". */
#ifndef YUEDU_NATURAL_ORDER_H
#define YUEDU_NATURAL_ORDER_H

/* <0, 0, >0 like strcmp. Equal only for identical strings: when numbers tie
 * ("01" and "1") the byte order decides, so sorting is stable and total. */
int yd_natural_compare(const char *a, const char *b);

#endif
