/* Site furniture in text saved from the web: the lines a site glued around
 * the document (a URL or the site's name in brackets, "仅供学习 禁止外传",
 * 【打击倒卖活动】, member and QQ groups, 本文来源于…, the site's blurb
 * before a 范文). The reader dims them, or hides them with :set purify on;
 * the outline never takes them for headings. Nothing here changes a file:
 * it only marks lines. docs/FORMATS.md, "Web boilerplate", says how they
 * are recognised. */
#ifndef YUEDU_FURNITURE_H
#define YUEDU_FURNITURE_H

#include <stdint.h>
#include <unicode/utypes.h>

#include "yuedu/document.h"
#include "yuedu/status.h"

/* Does the line text[start, end) carry a sign of furniture on its own (a
 * short line with a URL or a notice, a site's blurb)? near_edge: the line
 * is among the first or last lines of its document, where sites put their
 * blurbs. */
int yd_furniture_signal(const UChar *text, int32_t start, int32_t end, int near_edge);

enum {
    YD_FURNITURE_LINE = 1, /* a line of furniture */
    YD_FURNITURE_GAP = 2   /* a blank line after furniture: hidden with it */
};

/* Mark the furniture lines of doc: *marks gets one byte per line
 * (YD_FURNITURE_*, 0 for the document's own lines), or NULL when there is
 * none; *found the count of furniture lines. A line is furniture when it
 * carries a signal, or when it is in a short block of short lines (between
 * blank lines) that has one; a line with a sign is furniture whatever its
 * block. */
yd_status yd_furniture_find(const yd_document *doc, uint8_t **marks, int32_t *found, yd_error *err);

#endif
