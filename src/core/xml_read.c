/* XML parts read safely (xml_read.h). */
#include "xml_read.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

static pthread_once_t initialised = PTHREAD_ONCE_INIT;
static void init_parser(void) { xmlInitParser(); }

/* Malformed parts are read as well as they can be: nothing is printed. */
static void quiet(void *context, xmlErrorPtr error)
{
    (void)context;
    (void)error;
}

xmlDocPtr yd_xml_read(const char *bytes, size_t n)
{
    pthread_once(&initialised, init_parser);
    xmlSetStructuredErrorFunc(NULL, quiet);
    if (n > INT32_MAX)
        return NULL;
    /* No XML_PARSE_NOENT (entities stay references), no XML_PARSE_DTDLOAD
     * (no external DTD), XML_PARSE_NONET (nothing fetched). */
    return xmlReadMemory(bytes, (int)n, NULL, NULL,
                         XML_PARSE_NONET | XML_PARSE_RECOVER | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                             XML_PARSE_NOCDATA | XML_PARSE_COMPACT);
}

yd_status yd_xml_read_entry(yd_zip *z, const char *name, xmlDocPtr *out, yd_error *err)
{
    *out = NULL;
    char *bytes;
    size_t n;
    yd_status st = yd_zip_read(z, name, &bytes, &n, err);
    if (st != YD_OK)
        return st;
    *out = yd_xml_read(bytes, n);
    free(bytes);
    return *out ? YD_OK : yd_error_set(err, YD_EFORMAT, "damaged document: a part of it is not XML");
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
