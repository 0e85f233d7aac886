/* Shared between bookmarks.c (memory) and bookmarks_store.c (file). */
#ifndef YUEDU_BOOKMARKS_INTERNAL_H
#define YUEDU_BOOKMARKS_INTERNAL_H

#include "yuedu/bookmarks.h"

void yd_bookmark_clear(yd_bookmark *b);
yd_status yd_bookmark_copy(yd_bookmark *dst, const yd_bookmark *src);
/* Append *b (taken over: *b is zeroed) to bm. */
yd_status yd_bookmarks_push(yd_bookmarks *bm, yd_bookmark *b);
void yd_bookmark_new_id(char id[YD_BOOKMARK_ID_SIZE]);
/* Strictly increasing milliseconds within this process. */
long long yd_bookmark_clock(void);

#endif
