/* Document formats by file name (yuedu/format.h). */
#include "yuedu/format.h"

#include <string.h>
#include <strings.h>

yd_format yd_format_of_path(const char *path)
{
    const char *name = strrchr(path, '/');
    name = name ? name + 1 : path;
    const char *dot = strrchr(name, '.');
    if (!dot || dot == name)
        return YD_FORMAT_TEXT;
    if (strcasecmp(dot, ".txt") == 0)
        return YD_FORMAT_TEXT;
    if (strcasecmp(dot, ".md") == 0 || strcasecmp(dot, ".markdown") == 0)
        return YD_FORMAT_MARKDOWN;
    if (strcasecmp(dot, ".html") == 0 || strcasecmp(dot, ".htm") == 0 || strcasecmp(dot, ".xhtml") == 0)
        return YD_FORMAT_HTML;
    if (strcasecmp(dot, ".epub") == 0)
        return YD_FORMAT_EPUB;
    if (strcasecmp(dot, ".docx") == 0)
        return YD_FORMAT_DOCX;
    if (strcasecmp(dot, ".odt") == 0)
        return YD_FORMAT_ODT;
    return YD_FORMAT_NONE;
}

const char *yd_format_name(yd_format format)
{
    switch (format) {
    case YD_FORMAT_TEXT:
        return "text";
    case YD_FORMAT_MARKDOWN:
        return "markdown";
    case YD_FORMAT_HTML:
        return "html";
    case YD_FORMAT_EPUB:
        return "epub";
    case YD_FORMAT_DOCX:
        return "docx";
    case YD_FORMAT_ODT:
        return "odt";
    default:
        return "none";
    }
}

int yd_format_is_archive(yd_format format)
{
    return format == YD_FORMAT_EPUB || format == YD_FORMAT_DOCX || format == YD_FORMAT_ODT;
}
