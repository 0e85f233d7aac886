/* One-to-one Han maps from ICU's transliterators, shared by search folding
 * (fold.c) and script display (script.c). Internal to the core. */
#ifndef YUEDU_HAN_MAP_H
#define YUEDU_HAN_MAP_H

#include <unicode/utypes.h>

#include "yuedu/status.h"

/* map[0..0xFFFF], already the identity: every BMP Han character that the
 * transliterator id ("Traditional-Simplified", "Simplified-Traditional")
 * turns into exactly one other BMP Han character maps to it. */
yd_status yd_han_translit_map(const UChar *id, UChar *map, yd_error *err);

#endif
