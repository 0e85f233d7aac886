/* Shared between bookmarks.c (memory) and bookmarks_store.c (file). */
#ifndef YUEDU_BOOKMARKS_INTERNAL_H
#define YUEDU_BOOKMARKS_INTERNAL_H

#include <yaml.h>

#include "yuedu/bookmarks.h"

/* One entry of a store file into *b (zeroed first): 0; -1 when it is not
 * a bookmark (no path); -3 when out of memory. *rewrite is set when the
 * entry had no valid id (a new one was given). The notes JSON
 * (notes_import.c) uses the same keys, so it is read by the same code. */
int yd_bookmark_parse_entry(yaml_document_t *doc, yaml_node_t *node, yd_bookmark *b, int *rewrite);

void yd_bookmark_clear(yd_bookmark *b);
yd_status yd_bookmark_copy(yd_bookmark *dst, const yd_bookmark *src);
/* Append *b (taken over: *b is zeroed) to bm. */
yd_status yd_bookmarks_push(yd_bookmarks *bm, yd_bookmark *b);
void yd_bookmark_new_id(char id[YD_BOOKMARK_ID_SIZE]);
/* Strictly increasing milliseconds within this process. */
long long yd_bookmark_clock(void);

#endif
