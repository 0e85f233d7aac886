/* libFuzzer target: an EPUB book (epub.c: the zip with its caps,
 * container.xml, the package document, the nav and NCX, the encryption
 * list, the chapters through the HTML walk), checked by markup_check.h.
 * An input starting with a zip's signature is the archive itself; any
 * other is its parts separated by NUL bytes, zipped here under the names
 * the seed books use, so that mutations reach the XML. */
#include "markup_check.h"
#include "../zip_build.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const names[] = {"META-INF/container.xml", "OEBPS/content.opf", "OEBPS/nav.xhtml",
                                    "OEBPS/toc.ncx",          "OEBPS/c1.xhtml",    "OEBPS/c2.xhtml",
                                    "META-INF/encryption.xml"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size >= 4 && memcmp(data, "PK\3\4", 4) == 0)
        return fuzz_rendered("fuzz.epub", data, size);
    size_t n = 0;
    unsigned char *zip = zb_build_split(data, size, 7, names, &n);
    if (!zip)
        return 0;
    fuzz_rendered("fuzz.epub", zip, n);
    free(zip);
    return 0;
}
