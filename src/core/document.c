/* Loading a file into a yd_document: read, detect, decode, index lines. */
#include "yuedu/document.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unicode/ustring.h>
#include <unistd.h>

#include "yuedu/decode.h"
#include "yuedu/detect.h"
#include "yuedu/markup.h"
#include "yuedu/purify.h"

#include "document_internal.h"

yd_status yd_document_set_notice(yd_document *doc, yd_error *err, const char *fmt, ...)
{
    char text[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, yd_translate(fmt), ap);
    va_end(ap);
    free(doc->notice);
    doc->notice = strdup(text);
    return doc->notice ? YD_OK : yd_error_set(err, YD_ENOMEM, "out of memory");
}

void yd_document_free(yd_document *doc)
{
    free(doc->path);
    free(doc->text);
    free(doc->line_starts);
    yd_markup_free(doc->markup);
    free(doc->hidden_lines);
    free(doc->notice);
    memset(doc, 0, sizeof *doc);
}

/* Turn CRLF and CR into LF in place, drop a leading U+FEFF, count code
 * points and record where each line starts: one pass over the text. */
static yd_status index_lines(yd_document *doc, yd_error *err)
{
    UChar *t = doc->text;
    int32_t n = doc->length, r = 0, w = 0;
    if (n > 0 && t[0] == 0xFEFF)
        r = 1;
    size_t trails = 0;
    yd_line_index ix;
    if (!yd_line_index_init(&ix, (size_t)n) || (r < n && !yd_line_index_add(&ix, 0)))
        return yd_error_set(err, YD_ENOMEM, "out of memory indexing lines");
    unsigned eols = 0;
    while (r < n) {
        UChar c = t[r++];
        if (c > '\r') {
            trails += U16_IS_TRAIL(c);
            t[w++] = c;
            continue;
        }
        if (c == '\n') {
            eols |= YD_EOL_LF;
        } else if (c == '\r') {
            if (r < n && t[r] == '\n') {
                r++;
                eols |= YD_EOL_CRLF;
            } else {
                eols |= YD_EOL_CR;
            }
            c = '\n';
        }
        t[w++] = c;
        if (c == '\n' && r < n && !yd_line_index_add(&ix, w))
            return yd_error_set(err, YD_ENOMEM, "out of memory indexing lines");
    }
    t[w] = 0;
    doc->length = w;
    doc->line_starts = ix.starts;
    doc->line_count = (int32_t)ix.count;
    doc->chars = (size_t)w - trails;
    doc->line_ends = eols;
    return YD_OK;
}

/* UTF-8 (most corpora) is decoded and indexed in one pass; every other
 * encoding is decoded with ICU first, then indexed. */
static yd_status decode_and_index(yd_document *doc, const unsigned char *bytes, size_t length, yd_error *err)
{
    yd_encoding_kind kind = doc->encoding.kind;
    if (kind == YD_ENC_UTF8 || kind == YD_ENC_UTF8_BOM) {
        if (length > YD_DECODE_MAX_BYTES)
            return yd_error_set(err, YD_ETOOBIG, "file too large (%zu bytes; the limit is %zu)", length,
                                (size_t)YD_DECODE_MAX_BYTES);
        size_t skip = doc->encoding.bom_length <= length ? doc->encoding.bom_length : length;
        return yd_document_decode_utf8(doc, bytes + skip, length - skip, err);
    }
    yd_utf16 text;
    yd_status st = yd_decode(bytes, length, &doc->encoding, &text, err);
    if (st != YD_OK)
        return st;
    doc->text = text.units;
    doc->length = text.length;
    doc->replacements = text.replacements;
    return index_lines(doc, err);
}

/* A zip archive of parts (EPUB, DOCX, ODT): no encoding to detect, no text to
 * decode; its converter makes the text from its parts. */
static yd_status from_archive(yd_document *doc, const char *path, const unsigned char *bytes, size_t length,
                              yd_error *err)
{
    doc->path = strdup(path);
    if (!doc->path)
        return yd_error_set(err, YD_ENOMEM, "out of memory");
    doc->format = yd_format_of_path(path);
    doc->bytes = length;
    yd_encoding_from_name("UTF-8", &doc->encoding, NULL);
    yd_status st = doc->format == YD_FORMAT_EPUB   ? yd_epub_render(doc, bytes, length, err)
                   : doc->format == YD_FORMAT_DOCX ? yd_docx_render(doc, bytes, length, err)
                                                   : yd_odt_render(doc, bytes, length, err);
    if (st == YD_OK)
        yd_markup_lines_are_places(doc);
    else
        yd_document_free(doc);
    return st;
}

/* Is any byte beyond ASCII (a UTF-8 text that is not ASCII alone)? */
static int has_non_ascii(const unsigned char *bytes, size_t length)
{
    for (size_t k = 0; k < length; k++)
        if (bytes[k] >= 0x80)
            return 1;
    return 0;
}

yd_status yd_document_from_bytes(yd_document *doc, const char *path, const unsigned char *bytes, size_t length,
                                 const yd_load_options *options, yd_error *err)
{
    memset(doc, 0, sizeof *doc);
    yd_status st;
    char declared[40]; /* letters, digits, - _ : only (yd_html_charset) */
    int unknown_charset = 0, utf8_over_declared = 0;
    if (yd_format_is_archive(yd_format_of_path(path)))
        return from_archive(doc, path, bytes, length, err);
    if (options && options->encoding) {
        st = yd_encoding_from_name(options->encoding, &doc->encoding, err);
        if (st != YD_OK)
            return st;
    } else {
        yd_detect_encoding(bytes, length, &doc->encoding);
        /* A page without a BOM says its charset in a <meta>: that first,
         * unless its bytes are UTF-8 with characters beyond ASCII and it
         * declares another: a page converted to UTF-8 (iconv, an editor)
         * keeps its old <meta>, and read as declared it is noise. Text in
         * GBK or Big5 is next to never well-formed UTF-8. */
        yd_encoding detected = doc->encoding;
        if (yd_format_of_path(path) == YD_FORMAT_HTML && doc->encoding.bom_length == 0 &&
            yd_html_charset(bytes, length, declared, sizeof declared)) {
            /* As browsers do: GB2312 and GBK pages use all of GBK. */
            int gbk = strcasecmp(declared, "gb2312") == 0 || strcasecmp(declared, "gbk") == 0 ||
                      strcasecmp(declared, "x-gbk") == 0;
            if (yd_encoding_from_name(gbk ? "gb18030" : declared, &doc->encoding, NULL) != YD_OK) {
                doc->encoding = detected; /* a name ICU does not know */
                unknown_charset = 1;
            } else if (detected.kind == YD_ENC_UTF8 && doc->encoding.kind != YD_ENC_UTF8 &&
                       has_non_ascii(bytes, length)) {
                doc->encoding = detected;
                utf8_over_declared = 1;
            }
        }
        if (doc->encoding.kind == YD_ENC_BINARY)
            return yd_error_set(err, YD_EBINARY, "skipped: binary file");
    }
    doc->path = strdup(path);
    if (!doc->path)
        return yd_error_set(err, YD_ENOMEM, "out of memory");
    doc->format = yd_format_of_path(path);
    doc->bytes = length;
    st = decode_and_index(doc, bytes, length, err);
    /* Markup is rendered from the decoded text, so that its encoding is
     * found as for plain text. */
    if (st == YD_OK && doc->format == YD_FORMAT_MARKDOWN && !(options && options->markup_raw))
        st = yd_markdown_render(doc, err);
    else if (st == YD_OK && doc->format == YD_FORMAT_HTML && !(options && options->markup_raw))
        st = yd_html_render(doc, err);
    /* A charset the page declares and ICU does not know is not honoured:
     * said, since a wrong guess shows the page as noise. */
    if (st == YD_OK && unknown_charset)
        st = yd_document_set_notice(doc, err, YD_N_("its charset %s is not known: read as %s, as detected"),
                                    declared, doc->encoding.name);
    if (st == YD_OK && utf8_over_declared)
        st = yd_document_set_notice(doc, err, YD_N_("it declares the charset %s, but its bytes are UTF-8: read as UTF-8"),
                                    declared);
    /* The user's rules see the text as it is shown: rendered or raw. */
    if (st == YD_OK && options && options->purify)
        st = yd_purify_document(doc, options->purify, err);
    if (st != YD_OK)
        yd_document_free(doc);
    return st;
}

int yd_file_stamp_same(const yd_file_stamp *a, const yd_file_stamp *b)
{
    return a->dev == b->dev && a->ino == b->ino && a->size == b->size && a->mtime_ns == b->mtime_ns &&
           a->ctime_ns == b->ctime_ns;
}

void yd_file_stamp_of(const struct stat *st, yd_file_stamp *stamp)
{
    stamp->dev = (uint64_t)st->st_dev;
    stamp->ino = (uint64_t)st->st_ino;
    stamp->size = (int64_t)st->st_size;
    stamp->mtime_ns = (int64_t)st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec;
    stamp->ctime_ns = (int64_t)st->st_ctim.tv_sec * 1000000000 + st->st_ctim.tv_nsec;
}

/* Open path for reading: a regular file, with what fstat says of it. */
static yd_status open_regular(const char *path, int *fdp, struct stat *st, yd_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return yd_error_set(err, YD_EIO, "cannot open: %s", strerror(errno));
    if (fstat(fd, st) != 0) {
        int e = errno;
        close(fd);
        return yd_error_set(err, YD_EIO, "cannot stat: %s", strerror(e));
    }
    if (S_ISDIR(st->st_mode)) {
        close(fd);
        return yd_error_set(err, YD_EIO, "is a directory");
    }
    if (!S_ISREG(st->st_mode)) {
        close(fd);
        return yd_error_set(err, YD_EIO, "not a regular file");
    }
    *fdp = fd;
    return YD_OK;
}

/* Read the whole of fd (closed here); *stamp is what fstat said before
 * reading. */
static yd_status read_file(int fd, const struct stat *statp, unsigned char **out, size_t *out_len,
                           yd_file_stamp *stamp, yd_error *err)
{
    struct stat st = *statp;
    yd_file_stamp_of(&st, stamp);
    if ((size_t)st.st_size > YD_DECODE_MAX_BYTES) {
        close(fd);
        return yd_error_set(err, YD_ETOOBIG, "file too large (%lld bytes; the limit is %zu)",
                            (long long)st.st_size, (size_t)YD_DECODE_MAX_BYTES);
    }
    /* The size may change under us: read until EOF, growing as needed. */
    size_t cap = (size_t)st.st_size + 1, len = 0;
    unsigned char *buf = malloc(cap);
    if (!buf) {
        close(fd);
        return yd_error_set(err, YD_ENOMEM, "out of memory reading %zu bytes", cap);
    }
    for (;;) {
        if (len == cap) {
            if (cap > YD_DECODE_MAX_BYTES) {
                free(buf);
                close(fd);
                return yd_error_set(err, YD_ETOOBIG, "file too large (the limit is %zu bytes)",
                                    (size_t)YD_DECODE_MAX_BYTES);
            }
            unsigned char *bigger = realloc(buf, cap * 2);
            if (!bigger) {
                free(buf);
                close(fd);
                return yd_error_set(err, YD_ENOMEM, "out of memory reading file");
            }
            buf = bigger;
            cap *= 2;
        }
        ssize_t got = read(fd, buf + len, cap - len);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            int e = errno;
            free(buf);
            close(fd);
            return yd_error_set(err, YD_EIO, "read error: %s", strerror(e));
        }
        if (got == 0)
            break;
        len += (size_t)got;
    }
    close(fd);
    *out = buf;
    *out_len = len;
    return YD_OK;
}

/* Files larger than two pieces are read a piece at a time; a UTF-8 one is
 * decoded piece by piece, so that the bytes are never held whole beside
 * their text (a 100 MB file peaked at 2.2 times its size; now at its text,
 * two thirds of it for Chinese, and one piece). */
#define PIECE ((size_t)1 << 20)

/* Read until want bytes or the end of the file. */
static yd_status read_some(int fd, unsigned char *buf, size_t want, size_t *got, yd_error *err)
{
    *got = 0;
    while (*got < want) {
        ssize_t r = read(fd, buf + *got, want - *got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return yd_error_set(err, YD_EIO, "read error: %s", strerror(errno));
        if (r == 0)
            break;
        *got += (size_t)r;
    }
    return YD_OK;
}

/* The rest of a large UTF-8 file, decoded as it is read: buf holds the
 * first `have` bytes (of cap). Each piece handed to the decoder ends just
 * after a line feed (a line longer than a piece grows the buffer). */
static yd_status decode_stream(yd_document *doc, int fd, unsigned char **bufp, size_t cap, size_t have,
                               yd_error *err)
{
    unsigned char *buf = *bufp;
    yd_utf8_decoder dec;
    yd_status st = yd_utf8_decoder_init(&dec, (size_t)doc->stamp.size, err);
    if (st != YD_OK)
        return st;
    size_t skip = doc->encoding.bom_length <= have ? doc->encoding.bom_length : have, total = have;
    int eof = 0;
    while (st == YD_OK) {
        size_t cut = have;
        if (!eof) {
            while (cut > skip && buf[cut - 1] != '\n')
                cut--;
            if (cut == skip) /* no line end yet: read on */
                cut = 0;
        }
        if (cut > skip)
            st = yd_utf8_decoder_feed(&dec, buf + skip, cut - skip, err);
        if (st != YD_OK || eof)
            break;
        if (cut > 0) {
            memmove(buf, buf + cut, have - cut);
            have -= cut;
            skip = 0;
        }
        if (have == cap) {
            unsigned char *bigger = realloc(buf, cap * 2);
            if (!bigger) {
                st = yd_error_set(err, YD_ENOMEM, "out of memory reading file");
                break;
            }
            *bufp = buf = bigger;
            cap *= 2;
        }
        size_t got;
        st = read_some(fd, buf + have, cap - have, &got, err);
        have += got;
        total += got;
        eof = got < cap - (have - got);
        if (total > YD_DECODE_MAX_BYTES)
            st = yd_error_set(err, YD_ETOOBIG, "file too large (the limit is %zu bytes)", (size_t)YD_DECODE_MAX_BYTES);
    }
    if (st != YD_OK) {
        yd_utf8_decoder_free(&dec);
        return st;
    }
    yd_utf8_decoder_finish(&dec, doc);
    doc->bytes = total;
    return YD_OK;
}

/* A file larger than two pieces: the first piece is read and the encoding
 * decided from it (detection looks at 64 KiB and at whether the length is
 * even, so the piece has the file's parity); UTF-8 is decoded as it is
 * read, anything else read whole and decoded as before. */
static yd_status load_large(yd_document *doc, int fd, const char *path, const yd_load_options *options,
                            yd_error *err)
{
    size_t first = PIECE + ((size_t)doc->stamp.size & 1), cap = first, have;
    unsigned char *buf = malloc(cap);
    if (!buf)
        return yd_error_set(err, YD_ENOMEM, "out of memory reading %zu bytes", cap);
    yd_status st = read_some(fd, buf, first, &have, err);
    if (st == YD_OK && have == first) {
        if (options && options->encoding)
            st = yd_encoding_from_name(options->encoding, &doc->encoding, err);
        else
            yd_detect_encoding(buf, have, &doc->encoding);
    }
    yd_encoding_kind kind = doc->encoding.kind;
    if (st == YD_OK && have == first && (kind == YD_ENC_UTF8 || kind == YD_ENC_UTF8_BOM)) {
        doc->path = strdup(path);
        if (!doc->path)
            st = yd_error_set(err, YD_ENOMEM, "out of memory");
        else
            doc->format = yd_format_of_path(path);
        if (st == YD_OK)
            st = decode_stream(doc, fd, &buf, cap, have, err);
        if (st == YD_OK && options && options->purify)
            st = yd_purify_document(doc, options->purify, err);
        free(buf);
        return st;
    }
    /* Not UTF-8 (or the file shrank under us): whole, as for small files. */
    yd_file_stamp stamp = doc->stamp;
    while (st == YD_OK) {
        if (have == cap) {
            unsigned char *bigger = cap > YD_DECODE_MAX_BYTES ? NULL : realloc(buf, cap * 2);
            if (!bigger) {
                st = cap > YD_DECODE_MAX_BYTES
                         ? yd_error_set(err, YD_ETOOBIG, "file too large (the limit is %zu bytes)",
                                        (size_t)YD_DECODE_MAX_BYTES)
                         : yd_error_set(err, YD_ENOMEM, "out of memory reading file");
                break;
            }
            buf = bigger;
            cap *= 2;
        }
        size_t got;
        st = read_some(fd, buf + have, cap - have, &got, err);
        have += got;
        if (st == YD_OK && got == 0)
            break;
    }
    if (st == YD_OK)
        st = yd_document_from_bytes(doc, path, buf, have, options, err);
    free(buf);
    if (st == YD_OK)
        doc->stamp = stamp;
    return st;
}

yd_status yd_document_load(yd_document *doc, const char *path, const yd_load_options *options, yd_error *err)
{
    memset(doc, 0, sizeof *doc);
    int fd = -1;
    struct stat st;
    yd_status s = open_regular(path, &fd, &st, err);
    if (s != YD_OK)
        return s;
    /* Only plain text is decoded as it is read: Markdown and HTML are
     * rendered from their whole text (an HTML page's <meta> charset comes
     * first), archives are unpacked whole. */
    if ((size_t)st.st_size > 2 * PIECE && (size_t)st.st_size <= YD_DECODE_MAX_BYTES &&
        yd_format_of_path(path) == YD_FORMAT_TEXT) {
        yd_file_stamp_of(&st, &doc->stamp);
        s = load_large(doc, fd, path, options, err);
        close(fd);
        if (s != YD_OK)
            yd_document_free(doc);
        return s;
    }
    unsigned char *bytes = NULL;
    size_t length = 0;
    yd_file_stamp stamp;
    s = read_file(fd, &st, &bytes, &length, &stamp, err);
    if (s != YD_OK)
        return s;
    s = yd_document_from_bytes(doc, path, bytes, length, options, err);
    free(bytes);
    if (s == YD_OK)
        doc->stamp = stamp;
    return s;
}

int32_t yd_document_line_at(const yd_document *doc, int32_t offset)
{
    if (doc->line_count == 0)
        return 0;
    int32_t lo = 0, hi = doc->line_count - 1;
    while (lo < hi) { /* last line whose start <= offset */
        int32_t mid = lo + (hi - lo + 1) / 2;
        if (doc->line_starts[mid] <= offset)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

void yd_document_line_bounds(const yd_document *doc, int32_t line, int32_t *start, int32_t *end)
{
    if (line < 0 || line >= doc->line_count) {
        *start = *end = doc->length;
        return;
    }
    *start = doc->line_starts[line];
    int32_t e = line + 1 < doc->line_count ? doc->line_starts[line + 1] : doc->length;
    if (e > *start && doc->text[e - 1] == '\n')
        e--;
    *end = e;
}

void yd_text_position(const yd_document *doc, int32_t offset, int32_t *line, int32_t *column)
{
    if (offset < 0)
        offset = 0;
    if (offset > doc->length)
        offset = doc->length;
    int32_t k = yd_document_line_at(doc, offset);
    int32_t start = doc->line_count > 0 ? doc->line_starts[k] : 0;
    *line = k + 1;
    *column = u_countChar32(doc->text + start, offset - start) + 1;
}
