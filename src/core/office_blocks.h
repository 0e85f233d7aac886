/* Private to the converters of office documents (docx.c, odt.c): what a
 * Word document and an OpenDocument text are drawn with alike, so that the
 * two read the same way: a list item's line and a table of XML rows. */
#ifndef YUEDU_OFFICE_BLOCKS_H
#define YUEDU_OFFICE_BLOCKS_H

#include <stddef.h>

#include <libxml/tree.h>

#include "markup_builder.h"

/* The line of a list item depth lists deep (0: the outermost) that starts
 * with marker: two cells of indent a level, its next lines under the text
 * after the marker. */
yd_line_info yd_office_item_line(int depth, const char *marker);

/* The text of a cell (to free); NULL when out of memory. */
typedef char *yd_office_cell_text(const xmlNode *cell);

/* rows[0..row_count) drawn as a table (yd_mb_draw_table): a row's cells are
 * its children named cell, their text from text; the first header_rows rows
 * are its header unless every row is. 1 when drawn, 0 when there was no
 * cell to draw, -1 when out of memory. */
int yd_office_table(yd_markup_builder *b, const xmlNode *const *rows, int row_count, const char *cell,
                    int header_rows, yd_office_cell_text *text);

/* Append add to the string *s of *n bytes in *cap (growing it, kept
 * NUL-terminated). 0, or -1 when out of memory (*s is kept). */
int yd_office_append(char **s, size_t *n, size_t *cap, const char *add);

#endif
