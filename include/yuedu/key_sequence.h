/* Matching keys as they are typed against bindings of one or more keys
 * ("j", "g g", "Ctrl-X Ctrl-S"), with no curses and no clock: the TUI
 * feeds keys one at a time, runs the actions that come out, shows the keys
 * still pending, and says when a timeout has passed (docs/READER.md,
 * "Key sequences").
 *
 * A yd_key_table holds the bindings of one pane, sorted, built once at
 * start-up; a yd_key_input holds the keys typed so far (at most
 * YD_KEY_SEQ_MAX, no allocation per keystroke). After each
 * yd_key_input_feed (or yd_key_input_expire), call yd_key_input_next until
 * it returns false; each call yields one event:
 *
 *   ACTION   the keys typed so far begin with a binding that is complete:
 *            run it. When the binding is a proper prefix of what was
 *            typed (g bound, g then x typed), the rest is matched again
 *            on the next call, so "g x" runs g's action, then x's.
 *   PENDING  what was typed starts a longer binding: wait for the next
 *            key. `timed` is true when a shorter binding is complete among
 *            the keys typed (g bound, and g g): the caller waits at most
 *            its timeout, then calls yd_key_input_expire, which runs the
 *            shorter binding. A sequence with no complete part waits for
 *            as long as it takes (Esc: yd_key_input_cancel).
 *   DROPPED  the keys typed are bound to nothing, and start nothing:
 *            they are dropped (`keys` has them, to tell the user when
 *            there were several).
 *
 * The table a call matches against may change between calls (an action
 * that opens the help changes the pane the next keys are for). */
#ifndef YUEDU_KEY_SEQUENCE_H
#define YUEDU_KEY_SEQUENCE_H

#include <stdbool.h>
#include <stddef.h>

#include "yuedu/keys.h"
#include "yuedu/status.h"

typedef struct yd_key_entry {
    yd_key_seq keys;
    yd_action action;
} yd_key_entry;

typedef struct yd_key_table {
    yd_key_entry *entries; /* sorted by keys (yd_key_seq_compare) once finished */
    size_t count, capacity;
    bool sorted;
} yd_key_table;

void yd_key_table_init(yd_key_table *table);
void yd_key_table_free(yd_key_table *table);

/* Add a binding. When keys are already bound in the table, nothing is
 * added and the action they have is returned (the first binding added
 * wins: add a pane's own bindings before those of every pane); else
 * YD_ACT_NONE. Sequences of 0 keys are ignored. YD_ENOMEM in *status
 * (which may be NULL) when the table cannot grow. */
yd_action yd_key_table_add(yd_key_table *table, const yd_key_seq *keys, yd_action action, yd_status *status);

/* Sort; call once after the last add and before matching. */
void yd_key_table_finish(yd_key_table *table);

/* The action bound to exactly keys, or YD_ACT_NONE; *longer (may be NULL)
 * is set when keys are a proper prefix of a binding. */
yd_action yd_key_table_lookup(const yd_key_table *table, const yd_key_seq *keys, bool *longer);

/* Order of sequences: key by key (characters before special keys, then by
 * code), a prefix before what it starts. */
int yd_key_seq_compare(const yd_key_seq *a, const yd_key_seq *b);

typedef enum yd_key_event_kind { YD_KEYS_ACTION = 1, YD_KEYS_PENDING, YD_KEYS_DROPPED } yd_key_event_kind;

typedef struct yd_key_event {
    yd_key_event_kind kind;
    yd_action action; /* ACTION */
    bool timed;       /* PENDING: a shorter binding runs when the timeout passes */
    yd_key_seq keys;  /* ACTION: the keys of the binding; PENDING: the keys
                         pending; DROPPED: the keys dropped */
} yd_key_event;

typedef struct yd_key_input {
    yd_key_seq typed; /* fed, not yet resolved (a pending prefix is at most
                         YD_KEY_SEQ_MAX - 1 keys, so one more fits) */
    bool expired;     /* the timeout passed: complete bindings run now */
    bool waiting;     /* PENDING was reported for typed */
    bool timed;       /* ... and it was timed */
} yd_key_input;

void yd_key_input_init(yd_key_input *input);

/* A key was typed. */
void yd_key_input_feed(yd_key_input *input, yd_key key);

/* The timeout of a timed PENDING event passed. */
void yd_key_input_expire(yd_key_input *input);

/* Forget the pending keys (Esc, a mouse click, the pane changed). */
void yd_key_input_cancel(yd_key_input *input);

/* Keys are pending (typed, not yet resolved). */
bool yd_key_input_pending(const yd_key_input *input);

/* The next event for the keys fed, matched against table; false when
 * there is nothing to do until the next key (or timeout). */
bool yd_key_input_next(yd_key_input *input, const yd_key_table *table, yd_key_event *event);

#endif
