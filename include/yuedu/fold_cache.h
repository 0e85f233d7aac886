/* The fold tables from a copy on disk: building them costs about 25 ms of
 * ICU work (normalisation and case data for every BMP character, parsing
 * the two Han transliterators), more than a whole search of a 100 MB
 * corpus on its bytes. The first yd_fold_new_cached builds them and leaves
 * a copy in $XDG_CACHE_HOME/yuedu (or ~/.cache/yuedu); later ones read it
 * (about 1 ms).
 *
 * The copy is used only by the very program that wrote it with the same
 * ICU: its name holds nothing, its header the program's build ID and ICU's
 * version, so a rebuilt yuedu (whose folds may differ) or another ICU
 * builds afresh. A copy that is torn, damaged or from elsewhere is ignored
 * (its checksum or its header does not match) and replaced. Nothing about
 * the cache is ever an error: without a home, a build ID or a writable
 * folder, the tables are built every time, as yd_fold_new does. */
#ifndef YUEDU_FOLD_CACHE_H
#define YUEDU_FOLD_CACHE_H

#include "yuedu/fold.h"

/* dir: the cache folder, or NULL for the default. *from_cache (may be
 * NULL) is set to 1 when the copy was used. */
yd_status yd_fold_new_cached(yd_fold **out, const char *dir, int *from_cache, yd_error *err);

#endif
