/* Script display: Simplified or Traditional whatever the source (SPEC §5,
 * text.script and `:set script`), one character for one character, so
 * that every offset (search hits, bookmarks, the layout's cells) stays
 * where it was. Only what is shown changes, never the document.
 *
 * The maps are ICU's Traditional-Simplified and Simplified-Traditional
 * transliterators restricted to their one-to-one rules on BMP Han
 * characters (the same maps search folding starts from, fold.h): 書→书,
 * 裡→里, 这→這. Characters they do not map, and multi-character rules,
 * stay as written. Each map is built on first need (tens of
 * milliseconds) and kept until the process ends; building is
 * thread-safe. */
#ifndef YUEDU_SCRIPT_H
#define YUEDU_SCRIPT_H

#include <stdint.h>

#include "yuedu/config.h"
#include "yuedu/status.h"

/* Build the map for to (nothing for YD_SCRIPT_ORIGINAL). Returns YD_OK,
 * or YD_EINVAL when ICU's transliterator data is missing (characters are
 * then shown as written). Cheap after the first call. */
yd_status yd_script_prepare(yd_script_display to, yd_error *err);

/* The character to show for c under to: c itself for ORIGINAL, for
 * characters outside the map, and before yd_script_prepare(to) succeeded.
 * Never allocates. */
uint32_t yd_script_char(uint32_t c, yd_script_display to);

/* "original", "simplified", "traditional"; NULL out of range. */
const char *yd_script_name(yd_script_display to);
/* The display named name, or -1. */
int yd_script_from_name(const char *name);

#endif
