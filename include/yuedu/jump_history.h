/* The reader's jump history: where the reader was before each jump, across
 * documents, so that Ctrl-O goes back and the forward key returns — the
 * browser model: a new jump after going back drops the forward entries. */
#ifndef YUEDU_JUMP_HISTORY_H
#define YUEDU_JUMP_HISTORY_H

#include <stddef.h>
#include <stdint.h>

typedef struct yd_position {
    size_t doc;      /* index of the document in the corpus */
    int32_t offset;  /* UTF-16 offset of the top of the text pane */
} yd_position;

/* Oldest entries are forgotten past this many. */
#define YD_JUMP_HISTORY_MAX 100

typedef struct yd_jump_history {
    yd_position entries[YD_JUMP_HISTORY_MAX];
    size_t count;  /* entries in use */
    size_t cursor; /* the entry the reader is at, or count when at a live place */
} yd_jump_history;

void yd_jump_history_init(yd_jump_history *h);

/* Record that the reader jumps away from `from`. Forward entries are
 * dropped; an entry equal to the last one is not repeated. */
void yd_jump_history_push(yd_jump_history *h, yd_position from);

/* Going back from `current`: returns 1 and sets *to, or 0 at the oldest
 * entry. `current` is remembered so that forward returns to it. */
int yd_jump_history_back(yd_jump_history *h, yd_position current, yd_position *to);

/* Going forward again after back: returns 1 and sets *to, or 0. */
int yd_jump_history_forward(yd_jump_history *h, yd_position *to);

#endif
