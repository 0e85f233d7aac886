/* libFuzzer target: a Word document (docx.c: the zip with its caps, the
 * body, styles and numbering, tables, tracked changes), checked by
 * markup_check.h. An input starting with a zip's signature is the archive
 * itself; any other is word/document.xml, word/styles.xml and
 * word/numbering.xml separated by NUL bytes, zipped here. */
#include "markup_check.h"
#include "../zip_build.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const names[] = {"word/document.xml", "word/styles.xml", "word/numbering.xml"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size >= 4 && memcmp(data, "PK\3\4", 4) == 0)
        return fuzz_rendered("fuzz.docx", data, size);
    size_t n = 0;
    unsigned char *zip = zb_build_split(data, size, 3, names, &n);
    if (!zip)
        return 0;
    fuzz_rendered("fuzz.docx", zip, n);
    free(zip);
    return 0;
}
