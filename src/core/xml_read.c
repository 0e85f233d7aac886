/* XML parts read safely (xml_read.h). */
#include "xml_read.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <unicode/utf8.h>

#include "document_internal.h"

static pthread_once_t initialised = PTHREAD_ONCE_INIT;
static void init_parser(void) { xmlInitParser(); }

/* Malformed parts are read as well as they can be: nothing is printed. */
static void quiet(void *context, xmlErrorPtr error)
{
    (void)context;
    (void)error;
}

/* The first error that breaks well-formedness (a fatal one: an undeclared
 * entity in a part with a DTD it does not read is only an error of
 * validity) is kept; the rest are not printed. The handler is the calling
 * thread's own in libxml2, so the loader's thread and the reader's do not
 * see each other's. */
typedef struct fault_watch {
    long line;
    int html_entities; /* an undeclared entity is no loss (see yd_xml_check_xhtml) */
} fault_watch;

static void first_fatal(void *context, xmlErrorPtr error)
{
    fault_watch *w = context;
    if (!error || error->level != XML_ERR_FATAL || w->line != 0)
        return;
    if (w->html_entities && error->code == XML_ERR_UNDECLARED_ENTITY)
        return;
    w->line = error->line > 0 ? error->line : 1;
}

static xmlDocPtr read_watched(const char *bytes, size_t n, fault_watch *w)
{
    pthread_once(&initialised, init_parser);
    if (n > INT32_MAX)
        return NULL;
    xmlSetStructuredErrorFunc(w, first_fatal);
    /* No XML_PARSE_NOENT (entities stay references), no XML_PARSE_DTDLOAD
     * (no external DTD), XML_PARSE_NONET (nothing fetched). */
    xmlDocPtr x = xmlReadMemory(bytes, (int)n, NULL, NULL,
                                XML_PARSE_NONET | XML_PARSE_RECOVER | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                    XML_PARSE_NOCDATA | XML_PARSE_COMPACT);
    xmlSetStructuredErrorFunc(NULL, quiet);
    return x;
}

xmlDocPtr yd_xml_read(const char *bytes, size_t n, long *bad_line)
{
    fault_watch w = {0, 0};
    xmlDocPtr x = read_watched(bytes, n, &w);
    if (bad_line)
        *bad_line = w.line;
    return x;
}

long yd_xml_check_xhtml(const char *bytes, size_t n)
{
    fault_watch w = {0, 1};
    xmlFreeDoc(read_watched(bytes, n, &w));
    return w.line;
}

yd_status yd_xml_read_entry(yd_zip *z, const char *name, xmlDocPtr *out, yd_error *err, yd_xml_faults *faults)
{
    *out = NULL;
    char *bytes;
    size_t n;
    yd_status st = yd_zip_read(z, name, &bytes, &n, err);
    if (st != YD_OK)
        return st;
    long bad = 0;
    *out = yd_xml_read(bytes, n, &bad);
    free(bytes);
    if (*out && bad)
        yd_xml_fault_note(faults, name, bad);
    return *out ? YD_OK : yd_error_set(err, YD_EFORMAT, "damaged document: a part of it is not XML");
}

/* Is c kept out of a message: controls (C0, DEL, C1), the line and
 * paragraph separators and the marks that reorder text, so that a part's
 * name cannot move the cursor, change the colours or turn the line. */
static int unsafe(UChar32 c)
{
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x061C || c == 0x200E || c == 0x200F ||
           (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x2028 || c == 0x2029;
}

void yd_xml_fault_note(yd_xml_faults *f, const char *part, long line)
{
    if (!f)
        return;
    if (f->count++ > 0)
        return;
    f->line = line;
    /* The entry's file name, each unsafe character or byte that is not
     * UTF-8 shown as ?, cut (with …) to what a message line holds. */
    const char *slash = strrchr(part, '/'); /* the file's name says enough beside the line */
    if (slash && slash[1])
        part = slash + 1;
    const uint8_t *p = (const uint8_t *)part;
    int32_t n = (int32_t)strnlen(part, 4096), o = 0;
    const int32_t room = (int32_t)sizeof f->first - 4; /* … and the NUL */
    for (int32_t i = 0; i < n;) {
        int32_t start = i;
        UChar32 c;
        U8_NEXT(p, i, n, c);
        int32_t len = c < 0 || unsafe(c) ? 1 : i - start;
        if (o + len > room) {
            memcpy(f->first + o, "\u2026", 3);
            o += 3;
            break;
        }
        if (c < 0 || unsafe(c))
            f->first[o] = '?';
        else
            memcpy(f->first + o, p + start, (size_t)len);
        o += len;
    }
    f->first[o] = 0;
}

yd_status yd_xml_faults_tell(const yd_xml_faults *f, yd_document *doc, yd_error *err)
{
    if (!f || f->count == 0)
        return YD_OK;
    if (f->count == 1)
        return yd_document_set_notice(
            doc, err, YD_N_("%s is not well-formed XML (line %ld): shown as far as it could be read"), f->first,
            f->line);
    return yd_document_set_notice(doc, err,
                                  YD_N_("%s and other parts are not well-formed XML (line %ld of the first): "
                                        "shown as far as they could be read"),
                                  f->first, f->line);
}

int yd_xml_is(const xmlNode *n, const char *local)
{
    return n && n->type == XML_ELEMENT_NODE && n->name && strcmp((const char *)n->name, local) == 0;
}

/* Append the text nodes of a list (an attribute's value) to a string. */
static char *join_text(const xmlNode *first)
{
    size_t len = 0;
    for (const xmlNode *c = first; c; c = c->next)
        if (c->type == XML_TEXT_NODE && c->content)
            len += strlen((const char *)c->content);
    char *s = malloc(len + 1);
    if (!s)
        return NULL;
    size_t o = 0;
    for (const xmlNode *c = first; c; c = c->next)
        if (c->type == XML_TEXT_NODE && c->content) {
            size_t k = strlen((const char *)c->content);
            memcpy(s + o, c->content, k);
            o += k;
        }
    s[o] = 0;
    return s;
}

char *yd_xml_attr(const xmlNode *n, const char *local)
{
    if (!n || n->type != XML_ELEMENT_NODE)
        return NULL;
    for (const xmlAttr *a = n->properties; a; a = a->next)
        if (a->name && strcmp((const char *)a->name, local) == 0)
            return join_text(a->children);
    return NULL;
}

xmlNode *yd_xml_next(const xmlNode *n, const xmlNode *root, int skip)
{
    /* Entity references are never entered: their children are the
     * entity's own content, shared by every reference. */
    if (!skip && n->children && n->type != XML_ENTITY_REF_NODE && n->type != XML_ATTRIBUTE_NODE)
        return n->children;
    while (n && n != root) {
        if (n->next)
            return n->next;
        n = n->parent;
    }
    return NULL;
}

xmlNode *yd_xml_find(const xmlNode *root, const char *local)
{
    for (const xmlNode *n = root; n; n = yd_xml_next(n, root, 0))
        if (yd_xml_is(n, local))
            return (xmlNode *)n;
    return NULL;
}

char *yd_xml_text(const xmlNode *root)
{
    size_t cap = 64, o = 0;
    char *s = malloc(cap);
    if (!s)
        return NULL;
    int space = 0;
    for (const xmlNode *n = root->children ? root->children : NULL; n; n = yd_xml_next(n, root, 0)) {
        if ((n->type != XML_TEXT_NODE && n->type != XML_CDATA_SECTION_NODE) || !n->content)
            continue;
        for (const unsigned char *p = n->content; *p; p++) {
            if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
                space = o > 0;
                continue;
            }
            if (o + 3 > cap) {
                char *bigger = realloc(s, cap * 2);
                if (!bigger) {
                    free(s);
                    return NULL;
                }
                s = bigger;
                cap *= 2;
            }
            if (space)
                s[o++] = ' ';
            space = 0;
            s[o++] = (char)*p;
        }
    }
    s[o] = 0;
    return s;
}
