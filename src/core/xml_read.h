/* Private to the converters of XML parts (epub.c, docx.c): XML read from
 * an archive with libxml2, never touching the network and expanding no
 * entity, and read back without recursion and without going through an
 * entity reference, so that neither an XXE attempt nor a billion-laughs
 * bomb gets anything (docs/FORMATS.md). */
#ifndef YUEDU_XML_READ_H
#define YUEDU_XML_READ_H

#include <stddef.h>

#include <libxml/tree.h>

#include "zip_entries.h"

struct yd_document;

/* The parts of one document that were not well-formed XML but could be
 * read in part, gathered for the document's one notice (a book of a
 * hundred broken chapters says so once, not a hundred times). */
typedef struct yd_xml_faults {
    char first[96]; /* the first such part's name, made safe to show */
    long line;      /* the line of its first error */
    size_t count;   /* parts not well-formed */
} yd_xml_faults;

/* The part in bytes[0..n) parsed (recovering from malformed markup, errors
 * not printed); NULL when nothing could be read. xmlFreeDoc it. When the
 * part is not well-formed, *bad_line (if not NULL) is the line of its first
 * error (1 or more), else 0. */
xmlDocPtr yd_xml_read(const char *bytes, size_t n, long *bad_line);

/* The line of the first error that makes an XHTML chapter in bytes[0..n)
 * not well-formed XML, 0 when none: its tree is thrown away, since the
 * chapter is shown as the HTML parser reads it. An entity XML does not
 * declare (&nbsp;) is no such error here: the HTML parser knows HTML's
 * named entities, so nothing is lost. */
long yd_xml_check_xhtml(const char *bytes, size_t n);

/* The entry name of z read (with its caps) and parsed into *out; the
 * zip's error when it cannot be read, YD_EFORMAT when it holds no XML. A
 * part read in spite of errors is noted in faults (which may be NULL). */
yd_status yd_xml_read_entry(yd_zip *z, const char *name, xmlDocPtr *out, yd_error *err, yd_xml_faults *faults);

/* Note part (an entry name) as not well-formed, its first error on line. */
void yd_xml_fault_note(yd_xml_faults *faults, const char *part, long line);

/* The notice of faults as doc->notice (translated; none when no part was
 * malformed). YD_ENOMEM when it cannot be kept. */
yd_status yd_xml_faults_tell(const yd_xml_faults *faults, struct yd_document *doc, yd_error *err);

/* Is n an element of this local name (any namespace)? */
int yd_xml_is(const xmlNode *n, const char *local);

/* The value of the attribute of this local name (any namespace): its text,
 * entity references left out (to free); NULL when there is none. */
char *yd_xml_attr(const xmlNode *n, const char *local);

/* The text under n (text and CDATA nodes only), white space runs as one
 * space, trimmed (to free; "" when none); NULL when out of memory. */
char *yd_xml_text(const xmlNode *n);

/* The node after n in document order inside root (its first child, else
 * its next sibling, else the next sibling of an ancestor below root);
 * skip: do not go into n's children. NULL at the end. */
xmlNode *yd_xml_next(const xmlNode *n, const xmlNode *root, int skip);

/* The first element of this local name at or under root, in document
 * order; NULL when none. */
xmlNode *yd_xml_find(const xmlNode *root, const char *local);

#endif
