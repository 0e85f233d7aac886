/* The fold tables' layout, shared by fold.c, which builds them from ICU,
 * and fold_cache.c, which keeps a built copy on disk. */
#ifndef YUEDU_FOLD_INTERNAL_H
#define YUEDU_FOLD_INTERNAL_H

#include "yuedu/fold.h"

struct yd_fold {
    UChar tables[YD_FOLD_TABLES][65536];
};

#endif
