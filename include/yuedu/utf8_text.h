/* UTF-8 strings that the stores can always write: what a user types (a
 * bookmark's name or note), a file name, a search pattern may hold bytes
 * that are not UTF-8, and libyaml refuses to emit them. */
#ifndef YUEDU_UTF8_TEXT_H
#define YUEDU_UTF8_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <unicode/utypes.h>

/* Is s (NUL-terminated) well-formed UTF-8? */
bool yd_utf8_valid(const char *s);

/* A malloc'ed copy of s with every ill-formed sequence replaced by U+FFFD
 * (one per maximal ill-formed subpart, as ICU does); NULL when out of
 * memory. */
char *yd_utf8_repair(const char *s);

/* UTF-16 text[0, n) as a malloc'ed NUL-terminated UTF-8 string (a lone
 * surrogate becomes U+FFFD); *bytes (may be NULL) gets its length. NULL
 * when out of memory. */
char *yd_utf8_of_utf16(const UChar *text, int32_t n, size_t *bytes);

#endif
