/* libxml2 and libzip, loaded the first time a document needs them.
 *
 * Only HTML, EPUB, DOCX and ODT documents use them, yet linked into the
 * reader they cost every start about 1.1 ms: libxml2 brings a second
 * copy of ICU's dynamic linking and liblzma, libzip brings libcrypto
 * (docs/PERFORMANCE.md, "First screen"). So the reader is linked against
 * neither: this file defines the few functions of theirs that the core
 * calls, each of which loads its library on first use (dlopen, once, on
 * whichever thread comes first) and goes on to the real function. The
 * prototypes come from the libraries' own headers, so the compiler checks
 * that each one matches. The unit tests, fuzzers and benchmarks link the
 * libraries as usual and never see this file.
 *
 * When a library cannot be loaded (a broken installation), each function
 * fails the way the library itself reports failure (no document, no
 * archive), the reader says the document could not be read, and `yuedu
 * doctor` says why (yd_late_libraries_load). */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <zip.h>

#include "yuedu/late_libraries.h"

#ifndef YD_LIBXML2_SONAME
#define YD_LIBXML2_SONAME "libxml2.so.2"
#endif
#ifndef YD_LIBZIP_SONAME
#define YD_LIBZIP_SONAME "libzip.so.4"
#endif

/* Every function used, as X(result, name, parameters, arguments, on failure)
 * or, returning nothing, V(name, parameters, arguments). */
#define XML_FUNCTIONS(X, V)                                                                                     \
    X(htmlDocPtr, htmlReadMemory, (const char *b, int n, const char *u, const char *e, int o), (b, n, u, e, o),   \
      NULL)                                                                                                     \
    X(xmlDocPtr, xmlReadMemory, (const char *b, int n, const char *u, const char *e, int o), (b, n, u, e, o),     \
      NULL)                                                                                                     \
    X(xmlNodePtr, xmlDocGetRootElement, (const xmlDoc *d), (d), NULL)                                            \
    X(long, xmlGetLineNo, (const xmlNode *node), (node), -1)                                                     \
    X(xmlChar *, xmlGetProp, (const xmlNode *node, const xmlChar *name), (node, name), NULL)                      \
    X(xmlChar *, xmlNodeGetContent, (const xmlNode *node), (node), NULL)                                          \
    V(xmlFreeDoc, (xmlDocPtr d), (d))                                                                            \
    V(xmlInitParser, (void), ())                                                                                 \
    V(xmlSetStructuredErrorFunc, (void *c, xmlStructuredErrorFunc h), (c, h))

#define ZIP_FUNCTIONS(X, V)                                                                                     \
    X(zip_source_t *, zip_source_buffer_create, (const void *b, zip_uint64_t n, int f, zip_error_t *e),         \
      (b, n, f, e), NULL)                                                                                       \
    X(zip_t *, zip_open_from_source, (zip_source_t *s, int f, zip_error_t *e), (s, f, e), NULL)                   \
    X(zip_int64_t, zip_get_num_entries, (zip_t *z, zip_flags_t f), (z, f), -1)                                   \
    X(zip_int64_t, zip_name_locate, (zip_t *z, const char *name, zip_flags_t f), (z, name, f), -1)              \
    X(int, zip_stat_index, (zip_t *z, zip_uint64_t i, zip_flags_t f, zip_stat_t *s), (z, i, f, s), -1)           \
    X(zip_file_t *, zip_fopen_index, (zip_t *z, zip_uint64_t i, zip_flags_t f), (z, i, f), NULL)                 \
    X(zip_int64_t, zip_fread, (zip_file_t *file, void *b, zip_uint64_t n), (file, b, n), -1)                     \
    X(int, zip_fclose, (zip_file_t *file), (file), -1)                                                           \
    V(zip_discard, (zip_t *z), (z))                                                                              \
    V(zip_source_free, (zip_source_t *s), (s))                                                                   \
    V(zip_error_init, (zip_error_t *e), (e))                                                                     \
    V(zip_error_fini, (zip_error_t *e), (e))                                                                     \
    V(zip_stat_init, (zip_stat_t *s), (s))

#define NAME_OF(r, name, p, a, f) #name,
#define NAME_OF_V(name, p, a) #name,
#define INDEX_OF(r, name, p, a, f) AT_##name,
#define INDEX_OF_V(name, p, a) AT_##name,

enum { XML_FUNCTIONS(INDEX_OF, INDEX_OF_V) XML_COUNT };
enum { ZIP_FUNCTIONS(INDEX_OF, INDEX_OF_V) ZIP_COUNT };
static const char *const xml_names[] = {XML_FUNCTIONS(NAME_OF, NAME_OF_V) "xmlFree"};
static const char *const zip_names[] = {ZIP_FUNCTIONS(NAME_OF, NAME_OF_V)};

typedef struct late_library {
    const char *soname;
    const char *const *names;
    size_t count;
    void *symbols[16];
    pthread_once_t once;
    int loaded;
    char problem[256];
} late_library;

static late_library xml = {YD_LIBXML2_SONAME, xml_names, XML_COUNT + 1, {0}, PTHREAD_ONCE_INIT, 0, ""};
static late_library zip = {YD_LIBZIP_SONAME, zip_names, ZIP_COUNT, {0}, PTHREAD_ONCE_INIT, 0, ""};

_Static_assert(XML_COUNT + 1 <= 16 && ZIP_COUNT <= 16, "room for every symbol");

static void load(late_library *l)
{
    void *handle = dlopen(l->soname, RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        const char *why = dlerror();
        snprintf(l->problem, sizeof l->problem, "%s", why ? why : l->soname);
        return;
    }
    for (size_t k = 0; k < l->count; k++) {
        l->symbols[k] = dlsym(handle, l->names[k]);
        if (!l->symbols[k]) {
            snprintf(l->problem, sizeof l->problem, "%s: no %s", l->soname, l->names[k]);
            dlclose(handle);
            return;
        }
    }
    l->loaded = 1; /* the handle stays open for the life of the process */
}

static void load_xml(void) { load(&xml); }
static void load_zip(void) { load(&zip); }

/* The library's function at index, or NULL when it cannot be loaded. */
static void *symbol(late_library *l, void (*loader)(void), size_t index)
{
    pthread_once(&l->once, loader);
    return l->loaded ? l->symbols[index] : NULL;
}

#define WRAP(lib, r, name, params, args, fail)                                                                  \
    r name params                                                                                               \
    {                                                                                                           \
        r(*fn) params = (r(*) params)symbol(&lib, load_##lib, AT_##name);                                       \
        return fn ? fn args : (fail);                                                                           \
    }
#define WRAP_V(lib, name, params, args)                                                                          \
    void name params                                                                                            \
    {                                                                                                           \
        void(*fn) params = (void(*) params)symbol(&lib, load_##lib, AT_##name);                                 \
        if (fn)                                                                                                 \
            fn args;                                                                                            \
    }
#define WRAP_XML(r, name, p, a, f) WRAP(xml, r, name, p, a, f)
#define WRAP_XML_V(name, p, a) WRAP_V(xml, name, p, a)
#define WRAP_ZIP(r, name, p, a, f) WRAP(zip, r, name, p, a, f)
#define WRAP_ZIP_V(name, p, a) WRAP_V(zip, name, p, a)

XML_FUNCTIONS(WRAP_XML, WRAP_XML_V)
ZIP_FUNCTIONS(WRAP_ZIP, WRAP_ZIP_V)

/* libxml2's xmlFree is a variable (a pointer to its free function): what
 * it gave out, it frees. Nothing came from it before it was loaded. */
static void free_through_libxml2(void *p)
{
    xmlFreeFunc *real = symbol(&xml, load_xml, XML_COUNT);
    if (real && *real)
        (*real)(p);
}
xmlFreeFunc xmlFree = free_through_libxml2;

const char *yd_late_libraries_load(void)
{
    pthread_once(&xml.once, load_xml);
    pthread_once(&zip.once, load_zip);
    if (!xml.loaded)
        return xml.problem;
    return zip.loaded ? NULL : zip.problem;
}
