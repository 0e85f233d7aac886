/* Titles matched by pinyin (see pinyin.h). */
#include "yuedu/pinyin.h"

#include <stdlib.h>
#include <string.h>
#include <uchar.h>
#include <unicode/utrans.h>
#include <unicode/ustring.h>

enum { NOT_MADE = 0, NO_READING = 1 };

struct yd_pinyin {
    UTransliterator *trans;
    uint32_t *offset; /* [0x10000]: NOT_MADE, NO_READING or where its readings start in pool */
    char *pool;       /* readings "xing\0hang\0\0", one after the other; pool[0..1] unused */
    size_t pool_len, pool_cap;
};

/* Other readings of common polyphonic characters, which ICU's Han-Latin
 * (one reading a character) leaves out. Readings from the Table of General
 * Standard Chinese Characters' usual pronunciations, toneless. */
static const struct {
    char16_t c;
    const char *readings;
} POLYPHONES[] = {
    {u'行', "xing hang"},  {u'长', "chang zhang"}, {u'長', "chang zhang"}, {u'重', "zhong chong"},
    {u'乐', "le yue"},     {u'樂', "le yue"},      {u'还', "hai huan"},    {u'還', "hai huan"},
    {u'藏', "cang zang"},  {u'朝', "chao zhao"},   {u'传', "chuan zhuan"}, {u'傳', "chuan zhuan"},
    {u'调', "diao tiao"},  {u'調', "diao tiao"},   {u'都', "du dou"},      {u'和', "he huo hu"},
    {u'会', "hui kuai"},   {u'會', "hui kuai"},    {u'降', "jiang xiang"}, {u'解', "jie xie"},
    {u'了', "le liao"},    {u'率', "lv shuai lu"}, {u'便', "bian pian"},   {u'参', "can shen cen"},
    {u'參', "can shen cen"}, {u'差', "cha chai ci"}, {u'单', "dan shan chan"}, {u'單', "dan shan chan"},
    {u'弹', "dan tan"},    {u'彈', "dan tan"},     {u'得', "de dei"},      {u'地', "di de"},
    {u'度', "du duo"},     {u'给', "gei ji"},      {u'給', "gei ji"},      {u'省', "sheng xing"},
    {u'数', "shu shuo"},   {u'數', "shu shuo"},    {u'说', "shuo shui"},   {u'說', "shuo shui"},
    {u'属', "shu zhu"},    {u'屬', "shu zhu"},     {u'似', "si shi"},      {u'宿', "su xiu"},
    {u'校', "xiao jiao"},  {u'曾', "ceng zeng"},   {u'着', "zhe zhao zhuo"}, {u'著', "zhu zhuo zhe"},
    {u'种', "zhong chong"}, {u'種', "zhong"},      {u'只', "zhi"},         {u'处', "chu"},
    {u'處', "chu"},        {u'没', "mei mo"},      {u'區', "qu ou"},       {u'区', "qu ou"},
    {u'仇', "chou qiu"},   {u'沈', "shen chen"},   {u'盛', "sheng cheng"}, {u'识', "shi zhi"},
    {u'識', "shi zhi"},    {u'系', "xi ji"},       {u'係', "xi"},          {u'兴', "xing"},
    {u'血', "xue xie"},    {u'应', "ying"},        {u'應', "ying"},        {u'薄', "bo bao"},
    {u'觉', "jue jiao"},   {u'覺', "jue jiao"},    {u'卡', "ka qia"},      {u'落', "luo la lao"},
    {u'模', "mo mu"},      {u'强', "qiang jiang"}, {u'強', "qiang jiang"}, {u'期', "qi ji"},
    {u'奇', "qi ji"},      {u'恶', "e wu"},        {u'惡', "e wu"},        {u'朴', "pu piao"},
    {u'背', "bei"},        {u'量', "liang"},       {u'难', "nan"},         {u'難', "nan"},
    {u'分', "fen"},        {u'干', "gan"},         {u'更', "geng"},        {u'相', "xiang"},
    {u'称', "cheng chen"}, {u'稱', "cheng chen"},  {u'结', "jie"},         {u'結', "jie"},
    {u'露', "lu lou"},     {u'剥', "bo bao"},      {u'削', "xiao xue"},    {u'厦', "xia sha"},
    {u'廈', "xia sha"},    {u'折', "zhe she"},     {u'中', "zhong"},       {u'教', "jiao"},
    {u'为', "wei"},        {u'為', "wei"},         {u'提', "ti di"},       {u'塞', "sai se"},
    {u'尽', "jin"},        {u'盖', "gai ge"},      {u'蓋', "gai ge"},
};

yd_status yd_pinyin_new(yd_pinyin **out, yd_error *err)
{
    *out = NULL;
    yd_pinyin *p = calloc(1, sizeof *p);
    if (!p)
        return yd_error_set(err, YD_ENOMEM, "out of memory");
    p->offset = calloc(0x10000, sizeof *p->offset);
    p->pool = malloc(4096);
    if (!p->offset || !p->pool) {
        yd_pinyin_free(p);
        return yd_error_set(err, YD_ENOMEM, "out of memory");
    }
    p->pool_cap = 4096;
    p->pool_len = 2;
    UErrorCode st = U_ZERO_ERROR;
    static const UChar id[] = u"Han-Latin; Latin-ASCII; Lower";
    p->trans = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
    if (U_FAILURE(st)) {
        yd_pinyin_free(p);
        return yd_error_set(err, YD_EINVAL, "pinyin: ICU's Han-Latin transliterator is missing (%s)", u_errorName(st));
    }
    *out = p;
    return YD_OK;
}

void yd_pinyin_free(yd_pinyin *p)
{
    if (!p)
        return;
    if (p->trans)
        utrans_close(p->trans);
    free(p->offset);
    free(p->pool);
    free(p);
}

static int is_han(UChar c) { return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF); }

static int pool_put(yd_pinyin *p, const char *s, size_t n)
{
    if (p->pool_len + n + 2 > p->pool_cap) {
        size_t cap = p->pool_cap * 2;
        while (cap < p->pool_len + n + 2)
            cap *= 2;
        char *t = realloc(p->pool, cap);
        if (!t)
            return -1;
        p->pool = t;
        p->pool_cap = cap;
    }
    memcpy(p->pool + p->pool_len, s, n);
    p->pool_len += n;
    p->pool[p->pool_len++] = 0;
    return 0;
}

/* Has the entry starting at start (readings so far) the reading s[0..n)? */
static int has_reading(const yd_pinyin *p, size_t start, const char *s, size_t n)
{
    for (size_t k = start; k < p->pool_len;) {
        size_t len = strlen(p->pool + k);
        if (len == n && memcmp(p->pool + k, s, n) == 0)
            return 1;
        k += len + 1;
    }
    return 0;
}

/* Add a reading to the entry being made at start, lower-case letters only. */
static int add_reading(yd_pinyin *p, size_t start, const char *s, size_t n)
{
    char clean[16];
    size_t m = 0;
    for (size_t k = 0; k < n && m < sizeof clean; k++)
        if (s[k] >= 'a' && s[k] <= 'z')
            clean[m++] = s[k];
    if (m == 0 || has_reading(p, start, clean, m))
        return 0;
    return pool_put(p, clean, m);
}

/* Make c's readings: ICU's, then the table's. Returns its entry, 0 when out of memory. */
static uint32_t make_readings(yd_pinyin *p, UChar c)
{
    UChar buf[32] = {c};
    int32_t len = 1, limit = 1;
    UErrorCode st = U_ZERO_ERROR;
    utrans_transUChars(p->trans, buf, &len, 32, 0, &limit, &st);
    size_t start = p->pool_len;
    if (U_SUCCESS(st) && len > 0 && len < 32 && !(len == 1 && buf[0] == c)) {
        char ascii[32];
        size_t n = 0;
        for (int32_t k = 0; k < len; k++)
            if (buf[k] < 0x80)
                ascii[n++] = (char)buf[k];
        if (add_reading(p, start, ascii, n) != 0)
            return 0;
    }
    for (size_t k = 0; k < sizeof POLYPHONES / sizeof POLYPHONES[0]; k++) {
        if (POLYPHONES[k].c != c)
            continue;
        for (const char *r = POLYPHONES[k].readings; *r;) {
            size_t n = strcspn(r, " ");
            if (add_reading(p, start, r, n) != 0)
                return 0;
            r += n;
            while (*r == ' ')
                r++;
        }
    }
    if (p->pool_len == start)
        return NO_READING;
    if (pool_put(p, "", 0) != 0) /* the entry's end */
        return 0;
    return (uint32_t)start;
}

yd_status yd_pinyin_prepare(yd_pinyin *p, const UChar *title, int32_t n, yd_pinyin_title *out, yd_error *err)
{
    memset(out, 0, sizeof *out);
    if (n > 512)
        n = 512; /* titles are far shorter; a bound for the matcher */
    out->chars = malloc((size_t)(n > 0 ? n : 1) * sizeof *out->chars);
    out->readings = malloc((size_t)(n > 0 ? n : 1) * sizeof *out->readings);
    if (!out->chars || !out->readings) {
        yd_pinyin_title_free(out);
        return yd_error_set(err, YD_ENOMEM, "out of memory");
    }
    for (int32_t k = 0; k < n; k++) {
        UChar c = title[k];
        out->chars[k] = c;
        out->readings[k] = 0;
        if (!is_han(c))
            continue;
        if (p->offset[c] == NOT_MADE) {
            uint32_t e = make_readings(p, c);
            if (e == 0) {
                yd_pinyin_title_free(out);
                return yd_error_set(err, YD_ENOMEM, "out of memory");
            }
            p->offset[c] = e;
        }
        out->readings[k] = p->offset[c] == NO_READING ? 0 : p->offset[c];
    }
    out->length = n;
    return YD_OK;
}

void yd_pinyin_title_free(yd_pinyin_title *t)
{
    free(t->chars);
    free(t->readings);
    memset(t, 0, sizeof *t);
}

static int is_letter(UChar c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static UChar lower(UChar c) { return c >= 'A' && c <= 'Z' ? (UChar)(c + 32) : c; }

int yd_pinyin_wanted(const UChar *typed, int32_t n)
{
    for (int32_t k = 0; k < n; k++)
        if (is_letter(typed[k]))
            return 1;
    return 0;
}

typedef struct matcher {
    const yd_pinyin *p;
    const yd_pinyin_title *t;
    const UChar *q;
    int32_t n;
    const UChar *fold;
    long budget; /* steps left: a bound however the readings branch */
} matcher;

static UChar folded(const matcher *m, UChar c)
{
    c = lower(c);
    return m->fold && !U_IS_SURROGATE(c) ? m->fold[c] : c;
}

/* Does typed[j..] match the title from character i on? */
static int match_from(matcher *m, int32_t i, int32_t j)
{
    if (j == m->n)
        return 1;
    if (i == m->t->length || --m->budget < 0)
        return 0;
    UChar q = m->q[j];
    uint32_t r = m->t->readings[i];
    if (is_letter(q) && r) {
        /* each reading, or its beginning (zh for zhong, x for xian) */
        for (const char *s = m->p->pool + r; *s; s += strlen(s) + 1) {
            int32_t k = 0;
            while (s[k] && j + k < m->n && lower(m->q[j + k]) == (UChar)s[k])
                k++;
            for (int32_t used = k; used >= 1; used--)
                if (match_from(m, i + 1, j + used))
                    return 1;
        }
        return 0;
    }
    if (folded(m, m->t->chars[i]) != folded(m, q))
        return 0;
    return match_from(m, i + 1, j + 1);
}

int yd_pinyin_match(const yd_pinyin *p, const yd_pinyin_title *t, const UChar *typed, int32_t n, const UChar *fold)
{
    if (n <= 0)
        return 1;
    matcher m = {p, t, typed, n, fold, 20000};
    for (int32_t i = 0; i < t->length; i++)
        if (match_from(&m, i, 0))
            return 1;
    return 0;
}

const char *yd_pinyin_readings(yd_pinyin *p, UChar c, char *buf, size_t size)
{
    if (size == 0)
        return buf;
    buf[0] = 0;
    yd_pinyin_title t;
    yd_error err = {0};
    if (yd_pinyin_prepare(p, &c, 1, &t, &err) != YD_OK)
        return buf;
    size_t used = 0;
    for (const char *s = t.readings[0] ? p->pool + t.readings[0] : ""; *s; s += strlen(s) + 1) {
        size_t len = strlen(s);
        if (used + len + 2 > size)
            break;
        if (used)
            buf[used++] = ' ';
        memcpy(buf + used, s, len);
        used += len;
        buf[used] = 0;
    }
    yd_pinyin_title_free(&t);
    return buf;
}
