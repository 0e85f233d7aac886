/* How long an outline node is: its characters (code points that are not
 * white space, from its line to the next node outside its subtree) and the
 * minutes they take to read at a rate of characters a minute. */
#ifndef YUEDU_OUTLINE_LENGTH_H
#define YUEDU_OUTLINE_LENGTH_H

#include <stddef.h>
#include <stdint.h>

#include "yuedu/document.h"
#include "yuedu/outline.h"
#include "yuedu/status.h"

/* Characters a minute an adult reads Chinese prose at, silently, for the
 * gist (docs/OUTLINE.md, "Length"). */
#define YD_READING_RATE 300

/* The characters of node's subtree (node -1: the whole document). */
size_t yd_outline_node_chars(const yd_document *doc, const yd_outline *outline, int32_t node);

/* The characters of every node's subtree in one pass over the text:
 * (*chars)[i] for node i, (*chars)[outline->count] for the whole document.
 * malloc'ed (outline->count + 1 entries); YD_ENOMEM. */
yd_status yd_outline_lengths(const yd_document *doc, const yd_outline *outline, size_t **chars);

/* Minutes for chars at rate characters a minute (rate <= 0: YD_READING_RATE). */
double yd_reading_minutes(size_t chars, int rate);

#endif
