/* What kind of document a file is, decided in one place: by its name.
 * The walk takes the names that are documents, the loader records the
 * format in the document, and the outline and the layout ask the document,
 * never the name again. Formats that are not plain text (Markdown rendered,
 * HTML) join here. */
#ifndef YUEDU_FORMAT_H
#define YUEDU_FORMAT_H

typedef enum yd_format {
    YD_FORMAT_NONE = 0, /* not a document: the walk leaves it out */
    YD_FORMAT_TEXT,     /* .txt, or no extension (README, 讲话稿) */
    YD_FORMAT_MARKDOWN, /* .md, .markdown: # headings, ``` fences */
    YD_FORMAT_HTML,     /* .html, .htm, .xhtml: rendered (html.c) */
    YD_FORMAT_EPUB,     /* .epub: a zipped book, its spine as one document (epub.c) */
    YD_FORMAT_DOCX,     /* .docx: a zipped Word document (docx.c) */
    YD_FORMAT_ODT       /* .odt: a zipped OpenDocument text (odt.c) */
} yd_format;

/* The format of a file named path (only the last component counts; case is
 * ignored in the extension). A name that starts with its only dot has no
 * extension. */
yd_format yd_format_of_path(const char *path);

/* "text", "markdown", "html", "epub", "docx", "odt": the FORMAT column of
 * --list. */
const char *yd_format_name(yd_format format);

/* Is the format a zip archive of parts rather than text (EPUB, DOCX, ODT)? Its
 * file is never decoded as text, never scanned as bytes, and has no raw
 * view: its text is what its converter makes of its parts. */
int yd_format_is_archive(yd_format format);

#endif
