/* A UTF-8 text file mapped into memory, for scanning its bytes without
 * loading it as a document (byte_search.h): no copy, no decoding, and
 * pages the kernel can drop again once read.
 *
 * Only files whose document text is exactly their decoded bytes qualify:
 * detected (or named with --encoding) as UTF-8, of a plain format (text,
 * Markdown), not empty and under the loader's size limit. Anything else,
 * and any error, is refused so that the caller loads the file as usual and
 * says what the loader says about it. */
#ifndef YUEDU_UTF8_MAP_H
#define YUEDU_UTF8_MAP_H

#include <stddef.h>

#include "yuedu/document.h"

typedef struct yd_utf8_map {
    const unsigned char *text; /* where the loader's text starts (byte order mark skipped) */
    size_t length;             /* bytes from text to the end of the file */
    void *base;                /* the mapping */
    size_t size;
} yd_utf8_map;

/* 1 and *map filled when path qualifies; 0 (nothing to close) when not. */
int yd_utf8_map_open(yd_utf8_map *map, const char *path, const yd_load_options *options);
void yd_utf8_map_close(yd_utf8_map *map);

/* Done with text[from, to): its pages leave this process's memory (they
 * stay in the page cache, and are read again if touched), so a scan holds
 * a few megabytes of the file at a time, not all of it. */
void yd_utf8_map_release(const yd_utf8_map *map, size_t from, size_t to);

#endif
