/* Recognising site furniture in web text (yuedu/furniture.h).
 *
 * Only short lines are looked at for notices and URLs (a sentence of the
 * document that mentions a 公众号 is not furniture), and only lines near the
 * start or the end for a site's blurb, so a long document costs one look at
 * each line's length. The signs are phrases that in a document's own text
 * do not stand alone on a short line; a block of short lines around one of
 * them (the site's name, its slogan) goes with it. */
#include "yuedu/furniture.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

enum {
    NOTICE_MAX = 40,   /* code points: a notice line is short */
    URL_LINE_MAX = 120, /* a line holding a URL, brackets and all */
    BLURB_MAX = 400,    /* a site's blurb before the text */
    EDGE_LINES = 24,    /* lines from either end where blurbs are */
    BLOCK_LINE_MAX = 40, /* a block goes with its sign when its lines are this short */
    BLOCK_MAX = 12      /* and it has at most this many */
};

/* Phrases of notices, ads and group invitations. */
static const char *const notices[] = {
    "仅供学习", "仅供参考", "仅供个人", "禁止外传", "请勿外传", "严禁外传", "严禁转载", "禁止转载", "未经允许",
    "转载请注明", "版权所有", "版权归", "本文来源", "本文来自", "来源于网络", "来自网络", "倒卖", "盗版",
    "免费下载", "下载地址", "QQ群", "qq群", "QQ：", "QQ:", "会员群", "微信群", "加群", "公众号", "扫码",
    "二维码", "立即订阅", "现在订阅", "订阅立享", "会员资料", "开通会员", "成为会员", "更多精彩", "点击进入",
    "点击查看", "返回目录", "上一篇", "下一篇", "本站", "举报成功", "会员专享", "欢迎订阅"};

static int has(const char *s, const char *const *list, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (strstr(s, list[k]))
            return 1;
    return 0;
}

static int is_space(UChar c) { return c == ' ' || c == '\t' || c == 0x3000 || c == 0xA0 || c == '\r'; }

int yd_furniture_signal(const UChar *t, int32_t s, int32_t e, int near_edge)
{
    while (s < e && is_space(t[s]))
        s++;
    while (e > s && is_space(t[e - 1]))
        e--;
    int32_t n = u_countChar32(t + s, e - s);
    if (n == 0 || n > BLURB_MAX)
        return 0;
    if (n > URL_LINE_MAX && !near_edge)
        return 0;
    char buf[BLURB_MAX * 4 + 1];
    int32_t len = 0;
    UErrorCode st = U_ZERO_ERROR;
    u_strToUTF8WithSub(buf, (int32_t)sizeof buf - 1, &len, t + s, e - s, 0xFFFD, NULL, &st);
    if (U_FAILURE(st))
        return 0;
    buf[len] = 0;
    if (n <= URL_LINE_MAX && (strstr(buf, "http://") || strstr(buf, "https://") || strstr(buf, "www.")))
        return 1;
    if (n <= NOTICE_MAX && has(buf, notices, sizeof notices / sizeof *notices))
        return 1;
    if (near_edge) {
        /* A 范文 site's blurb: what it gathered, for whom, hoping it helps. */
        static const char *const gathered[] = {"整理", "收集", "分享", "推荐", "精选"};
        static const char *const hoping[] = {"希望", "帮助", "参考", "欢迎"};
        if ((strstr(buf, "范文") || strstr(buf, "小编")) && has(buf, gathered, 5) && has(buf, hoping, 4))
            return 1;
    }
    return 0;
}

static int blank(const yd_document *doc, int32_t line)
{
    int32_t s, e;
    yd_document_line_bounds(doc, line, &s, &e);
    while (s < e && is_space(doc->text[s]))
        s++;
    return s == e;
}

yd_status yd_furniture_find(const yd_document *doc, uint8_t **marks, int32_t *found, yd_error *err)
{
    *marks = NULL;
    *found = 0;
    int32_t n = doc->line_count;
    if (n == 0)
        return YD_OK;
    uint8_t *m = calloc((size_t)n, 1);
    if (!m)
        return yd_error_set(err, YD_ENOMEM, "out of memory");
    int32_t count = 0;
    for (int32_t k = 0; k < n;) {
        /* A block: lines up to the next blank one. */
        int32_t b = k, first = -1, last = -1;
        for (; b < n && !blank(doc, b); b++) {
            int32_t s, e;
            yd_document_line_bounds(doc, b, &s, &e);
            int edge = b < EDGE_LINES || b >= n - EDGE_LINES;
            if (e - s <= BLURB_MAX * 2 && yd_furniture_signal(doc->text, s, e, edge)) {
                m[b] = YD_FURNITURE_LINE;
                if (first < 0)
                    first = b;
                last = b;
            }
        }
        /* The short lines between two signs of one block go with them (the
         * site's name and slogan between its notices); a line before the
         * first or after the last may be the text's title. */
        if (first >= 0 && b - k <= BLOCK_MAX) {
            int32_t longest = 0;
            for (int32_t j = first; j <= last; j++) {
                int32_t s, e;
                yd_document_line_bounds(doc, j, &s, &e);
                if (!m[j] && u_countChar32(doc->text + s, e - s) > longest)
                    longest = u_countChar32(doc->text + s, e - s);
            }
            if (longest <= BLOCK_LINE_MAX)
                memset(m + first, YD_FURNITURE_LINE, (size_t)(last - first + 1));
        }
        for (int32_t j = k; j < b; j++)
            count += m[j];
        /* The blank lines after furniture go when it goes. */
        int32_t g = b;
        while (b > k && m[b - 1] && g < n && blank(doc, g))
            m[g++] = YD_FURNITURE_GAP;
        k = b < g ? g : b + 1;
    }
    if (count == 0) {
        free(m);
        return YD_OK;
    }
    *marks = m;
    *found = count;
    return YD_OK;
}
