/* Key sequences typed one key at a time; see key_sequence.h. */
#include "yuedu/key_sequence.h"

#include <stdlib.h>
#include <string.h>

void yd_key_table_init(yd_key_table *t) { memset(t, 0, sizeof *t); }

void yd_key_table_free(yd_key_table *t)
{
    free(t->entries);
    memset(t, 0, sizeof *t);
}

static int key_compare(const yd_key *a, const yd_key *b)
{
    if (a->special != b->special)
        return a->special < b->special ? -1 : 1;
    return a->code < b->code ? -1 : a->code > b->code;
}

int yd_key_seq_compare(const yd_key_seq *a, const yd_key_seq *b)
{
    uint8_t n = a->length < b->length ? a->length : b->length;
    for (uint8_t i = 0; i < n; i++) {
        int c = key_compare(&a->keys[i], &b->keys[i]);
        if (c)
            return c;
    }
    return a->length < b->length ? -1 : a->length > b->length;
}

/* Linear while building (a few hundred bindings at most, once). */
yd_action yd_key_table_add(yd_key_table *t, const yd_key_seq *keys, yd_action action, yd_status *status)
{
    if (status)
        *status = YD_OK;
    if (keys->length == 0 || keys->length > YD_KEY_SEQ_MAX)
        return YD_ACT_NONE;
    for (size_t i = 0; i < t->count; i++)
        if (yd_key_seq_equal(&t->entries[i].keys, keys))
            return t->entries[i].action;
    if (t->count == t->capacity) {
        size_t cap = t->capacity ? 2 * t->capacity : 64;
        yd_key_entry *bigger = realloc(t->entries, cap * sizeof *bigger);
        if (!bigger) {
            if (status)
                *status = YD_ENOMEM;
            return YD_ACT_NONE;
        }
        t->entries = bigger;
        t->capacity = cap;
    }
    t->entries[t->count++] = (yd_key_entry){*keys, action};
    t->sorted = false;
    return YD_ACT_NONE;
}

static int entry_compare(const void *a, const void *b)
{
    return yd_key_seq_compare(&((const yd_key_entry *)a)->keys, &((const yd_key_entry *)b)->keys);
}

void yd_key_table_finish(yd_key_table *t)
{
    if (t->count > 1)
        qsort(t->entries, t->count, sizeof *t->entries, entry_compare);
    t->sorted = true;
}

/* The first entry not before keys: an equal one, else the first that keys
 * start (a prefix sorts before what it starts). */
static size_t lower_bound(const yd_key_table *t, const yd_key_seq *keys)
{
    size_t lo = 0, hi = t->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (yd_key_seq_compare(&t->entries[mid].keys, keys) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

yd_action yd_key_table_lookup(const yd_key_table *t, const yd_key_seq *keys, bool *longer)
{
    if (longer)
        *longer = false;
    if (!t->sorted || keys->length == 0)
        return YD_ACT_NONE;
    size_t i = lower_bound(t, keys);
    yd_action found = YD_ACT_NONE;
    if (i < t->count && yd_key_seq_equal(&t->entries[i].keys, keys))
        found = t->entries[i++].action;
    if (longer)
        *longer = i < t->count && yd_key_seq_is_prefix(keys, &t->entries[i].keys);
    return found;
}

void yd_key_input_init(yd_key_input *in) { memset(in, 0, sizeof *in); }

void yd_key_input_feed(yd_key_input *in, yd_key key)
{
    if (in->typed.length == YD_KEY_SEQ_MAX) /* only when events were not taken: start afresh */
        in->typed.length = 0;
    in->typed.keys[in->typed.length++] = key;
    in->waiting = false;
}

void yd_key_input_expire(yd_key_input *in)
{
    if (in->typed.length > 0 && (!in->waiting || in->timed)) { /* an untimed wait goes on */
        in->expired = true;
        in->waiting = false;
    }
}

void yd_key_input_cancel(yd_key_input *in) { yd_key_input_init(in); }

bool yd_key_input_pending(const yd_key_input *in) { return in->typed.length > 0; }

static yd_key_seq first_keys(const yd_key_seq *s, uint8_t n)
{
    yd_key_seq out = {0};
    out.length = n;
    memcpy(out.keys, s->keys, n * sizeof s->keys[0]);
    return out;
}

bool yd_key_input_next(yd_key_input *in, const yd_key_table *t, yd_key_event *ev)
{
    memset(ev, 0, sizeof *ev);
    if (in->typed.length == 0) {
        in->expired = in->waiting = false;
        return false;
    }
    if (in->waiting)
        return false;
    /* The longest complete binding the typed keys begin with, and whether
     * they all start a longer one. */
    uint8_t best = 0;
    yd_action best_action = YD_ACT_NONE;
    bool longer = false;
    for (uint8_t n = 1; n <= in->typed.length; n++) {
        yd_key_seq part = first_keys(&in->typed, n);
        bool more;
        yd_action a = yd_key_table_lookup(t, &part, &more);
        if (a != YD_ACT_NONE) {
            best = n;
            best_action = a;
        }
        if (n == in->typed.length)
            longer = more;
    }
    if (longer && !(in->expired && best > 0)) {
        ev->kind = YD_KEYS_PENDING;
        ev->timed = best > 0;
        ev->keys = in->typed;
        in->waiting = true;
        in->timed = ev->timed;
        in->expired = false;
        return true;
    }
    if (best > 0) {
        ev->kind = YD_KEYS_ACTION;
        ev->action = best_action;
        ev->keys = first_keys(&in->typed, best);
        uint8_t rest = (uint8_t)(in->typed.length - best);
        memmove(in->typed.keys, in->typed.keys + best, rest * sizeof in->typed.keys[0]);
        in->typed.length = rest;
        return true;
    }
    ev->kind = YD_KEYS_DROPPED;
    ev->keys = in->typed;
    yd_key_input_init(in);
    return true;
}
