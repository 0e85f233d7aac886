/* Outline detection: every rule and every guard of docs/OUTLINE.md on small
 * documents written for these tests, then the fixtures under
 * tests/fixtures/outline (a regulation, a novel, Markdown notes, Traditional
 * Chinese, a saved web page) and the bundled guide's format showcase.
 *
 * An outline is compared as text, one node a line:
 *   LINE DEPTH KIND TITLE      (KIND: A article, H heading, I item)
 * which keeps each expectation readable next to its document. */
#include "test_util.h"
#include "yuedu/document.h"
#include "yuedu/markup.h"
#include "yuedu/outline.h"
#include "yuedu/outline_rules.h"

static void load(yd_document *doc, const char *text)
{
    yd_error err = {0};
    if (yd_document_from_bytes(doc, "mem.txt", (const unsigned char *)text, strlen(text), NULL, &err) != YD_OK)
        fail_msg("load failed: %s", err.message);
}

/* The outline of doc in the compact form above; malloc'ed. */
static char *dump(const yd_document *doc, const yd_outline *o)
{
    size_t cap = 256 + (size_t)o->count * 512, len = 0;
    char *out = malloc(cap);
    assert_non_null(out);
    out[0] = 0;
    for (int32_t i = 0; i < o->count; i++) {
        const yd_outline_node *n = &o->nodes[i];
        UChar buf[300];
        int32_t tl = yd_outline_node_title(doc, n, buf, 300);
        assert_true(tl <= 300);
        char *title = utf8_of(buf, tl);
        len += (size_t)snprintf(out + len, cap - len, "%d %d %c %s\n", (int)yd_source_line(doc, n->line), n->depth,
                                n->kind == YD_NODE_ARTICLE ? 'A' : n->kind == YD_NODE_ITEM ? 'I' : 'H', title);
        free(title);
        assert_true(len < cap);
    }
    return out;
}

/* Check the structure's own invariants: parents precede children, depth is
 * the parent's plus one, subtrees nest, the heading count is right. */
static void check_invariants(const yd_outline *o)
{
    int32_t headings = 0;
    for (int32_t i = 0; i < o->count; i++) {
        const yd_outline_node *n = &o->nodes[i];
        if (n->parent < 0) {
            assert_int_equal(n->depth, 1);
        } else {
            assert_true(n->parent < i);
            const yd_outline_node *p = &o->nodes[n->parent];
            assert_int_equal(n->depth, p->depth + 1);
            assert_true(p->end >= n->end);
            assert_int_not_equal(p->kind, YD_NODE_ITEM);
        }
        assert_true(n->end > i && n->end <= o->count);
        if (i > 0)
            assert_true(n->offset > o->nodes[i - 1].offset);
        headings += n->kind != YD_NODE_ITEM;
    }
    assert_int_equal(headings, o->headings);
}

static void expect_outline_doc(const yd_document *doc, const char *want)
{
    yd_outline o;
    yd_error err = {0};
    assert_int_equal(yd_outline_build(&o, doc, &err), YD_OK);
    check_invariants(&o);
    char *got = dump(doc, &o);
    if (strcmp(got, want) != 0)
        print_error("outline differs\n--- want\n%s--- got\n%s", want, got);
    assert_string_equal(got, want);
    free(got);
    yd_outline_free(&o);
}

/* The outline of text, as a document of the given file name (a .md name
 * makes it Markdown), must be want. */
static void expect_outline_named(const char *name, const char *text, const char *want)
{
    yd_document d;
    yd_error err = {0};
    if (yd_document_from_bytes(&d, name, (const unsigned char *)text, strlen(text), NULL, &err) != YD_OK)
        fail_msg("load failed: %s", err.message);
    expect_outline_doc(&d, want);
    yd_document_free(&d);
}

static void expect_outline(const char *text, const char *want) { expect_outline_named("mem.txt", text, want); }

/* The document title found in text, as UTF-8 ("" when none). */
static void expect_doc_title(const char *text, const char *want)
{
    yd_document d;
    yd_outline o;
    load(&d, text);
    assert_int_equal(yd_outline_build(&o, &d, NULL), YD_OK);
    UChar buf[200];
    int32_t n = yd_outline_clean_title(d.text, o.title_start, o.title_length, buf, 200);
    char *got = utf8_of(buf, n);
    assert_string_equal(got, want);
    free(got);
    yd_outline_free(&o);
    yd_document_free(&d);
}

/* ---- article markers ---------------------------------------------------- */

static void test_article_markers(void **state)
{
    (void)state;
    expect_outline("第一篇 春\n春天来了，河边的柳树发了芽。\n"
                   "第 2 篇：夏\n夏天的雨说来就来。\n"
                   "篇三　秋\n秋天适合读长书。\n"
                   "第四篇\n冬天很长。\n",
                   "1 1 A 第一篇 春\n3 1 A 第 2 篇：夏\n5 1 A 篇三 秋\n7 1 A 第四篇\n");
    /* 编 部分 卷 讲, Arabic numerals, no space before the title */
    expect_outline("第一编 总论\n这一编讲总的原则。\n第一部分 背景\n背景写在这里。\n"
                   "第二部分 做法\n做法写在这里。\n第二编 分论\n这一编讲具体问题。\n",
                   "1 1 A 第一编 总论\n3 2 A 第一部分 背景\n5 2 A 第二部分 做法\n7 1 A 第二编 分论\n");
    expect_outline("第1讲总论\n第一讲的正文写在这里。\n第2讲分论\n第二讲的正文写在这里。\n",
                   "1 1 A 第1讲总论\n3 1 A 第2讲分论\n");
}

static void test_article_colon_alone(void **state)
{
    (void)state;
    /* 一: or 一：alone on a line is a marker; with text after it is not. */
    expect_outline("开场白写在这里，说明一共有两篇。\n\n一:\n第一篇讲话的正文。\n一、开头\n正文。\n"
                   "二：\n第二篇讲话的正文。\n一、再开头\n正文。\n三：后面还有字的不算。\n",
                   "3 1 A 一:\n5 2 H 一、开头\n7 1 A 二：\n9 2 H 一、再开头\n");
}

static void test_article_suffix(void **state)
{
    (void)state;
    /* "…篇一" closing a short title: a part of a compilation. 上一篇 is a link. */
    expect_outline("# 读书心得汇编（三篇）\n\n## 读书心得篇一\n\n正文一。\n\n## 读书心得篇二\n\n正文二。\n\n"
                   "上一篇\n下一篇\n",
                   "3 1 A 读书心得篇一\n7 1 A 读书心得篇二\n");
}

static void test_article_levels_and_reset(void **state)
{
    (void)state;
    /* Headings nest in the innermost article; their levels are inferred
     * afresh in each article. */
    expect_outline("第一章 甲\n（一）先出现的是带括号的\n正文。\n一、后出现的\n正文。\n"
                   "第二章 乙\n一、这一章先用顿号\n正文。\n（一）再用括号\n正文。\n",
                   "1 1 A 第一章 甲\n2 2 H （一）先出现的是带括号的\n4 3 H 一、后出现的\n"
                   "6 1 A 第二章 乙\n7 2 H 一、这一章先用顿号\n9 3 H （一）再用括号\n");
}

static void test_bare_marker_takes_next_title(void **state)
{
    (void)state;
    expect_outline("第一章\n风起\n　　那天的风很大。\n第二章\n\n雨落\n　　雨一直下到天亮。\n",
                   "1 1 A 第一章 风起\n4 1 A 第二章 雨落\n");
}

static void test_article_restated_title(void **state)
{
    (void)state;
    /* A line repeating the article's title is its title, not a section;
     * a different short line after the marker is a section. */
    expect_outline("第一篇：在实践中学习\n在实践中学习\n学习要联系实际。这是第一篇的正文。\n"
                   "第二篇：读书方法\n精读\n精读要慢，要做笔记。\n泛读\n泛读要快，抓住大意。\n",
                   "1 1 A 第一篇：在实践中学习\n4 1 A 第二篇：读书方法\n5 2 H 精读\n7 2 H 泛读\n");
}

static void test_group_title(void **state)
{
    (void)state;
    /* A short line above an article marker names a group of articles. */
    expect_outline("这个文件收了两份材料。\n\n读书会章程\n第一章 总则\n第一条 本会以读书为乐。\n"
                   "第二章 会员\n第二条 会员自愿参加。\n\n夜读记\n第一回　灯下\n　　夜里读书，灯很暗。\n",
                   "3 1 A 读书会章程\n4 2 A 第一章 总则\n5 3 I 第一条 本会以读书为乐\n"
                   "6 2 A 第二章 会员\n7 3 I 第二条 会员自愿参加\n9 1 A 夜读记\n10 2 A 第一回 灯下\n");
}

/* ---- numbered headings -------------------------------------------------- */

static void test_levels_by_first_appearance(void **state)
{
    (void)state;
    expect_outline("一、总体要求\n正文。\n（一）指导思想\n正文。\n1.基本原则\n正文。\n（1）坚持实事求是\n正文。\n"
                   "（2）坚持循序渐进\n正文。\n2.工作目标\n正文。\n（二）主要任务\n正文。\n二、保障措施\n正文。\n",
                   "1 1 H 一、总体要求\n3 2 H （一）指导思想\n5 3 H 1.基本原则\n7 4 H （1）坚持实事求是\n"
                   "9 4 H （2）坚持循序渐进\n11 3 H 2.工作目标\n13 2 H （二）主要任务\n15 1 H 二、保障措施\n");
}

static void test_skipped_and_reversed_levels(void **state)
{
    (void)state;
    /* 一、 straight to 1.: 1. is the second level, no empty level. */
    expect_outline("一、甲\n正文。\n1.子项\n正文。\n（1）孙项\n正文。\n二、乙\n正文。\n（一）新出现\n正文。\n",
                   "1 1 H 一、甲\n3 2 H 1.子项\n5 3 H （1）孙项\n7 1 H 二、乙\n9 2 H （一）新出现\n");
    /* （一） before 一、: in this document （一） is the outer level. */
    expect_outline("（一）外层\n正文。\n一、内层\n正文。\n（二）外层再来\n正文。\n",
                   "1 1 H （一）外层\n3 2 H 一、内层\n5 1 H （二）外层再来\n");
}

static void test_style_variants(void **state)
{
    (void)state;
    /* 1、 1. 1． are one style; (一) and （一） are one style; 1) is its own. */
    expect_outline("（一）全角括号\n正文。\n1、顿号\n正文。\n2.半角点\n正文。\n3．全角点\n正文。\n"
                   "1) 半括号\n正文。\n(二)半角括号\n正文。\n(1)半角数字括号\n正文。\n（2）全角数字括号\n正文。\n",
                   "1 1 H （一）全角括号\n3 2 H 1、顿号\n5 2 H 2.半角点\n7 2 H 3．全角点\n9 3 H 1) 半括号\n"
                   "11 1 H (二)半角括号\n13 2 H (1)半角数字括号\n15 2 H （2）全角数字括号\n");
    /* decimal outline numbering 1.1 with a space; 一） half bracket */
    expect_outline("1. 引言\n正文。\n1.1 背景\n正文。\n1.2 目标\n正文。\n2. 方法\n正文。\n一）另一种\n正文。\n",
                   "1 1 H 1. 引言\n3 2 H 1.1 背景\n5 2 H 1.2 目标\n7 1 H 2. 方法\n9 2 H 一）另一种\n");
}

static void test_repeated_number_both_headings(void **state)
{
    (void)state;
    expect_outline("三、第一个三\n正文。\n三、第二个三\n正文。\n四、四个方面\n正文。\n一、一般规定\n正文。\n",
                   "1 1 H 三、第一个三\n3 1 H 三、第二个三\n5 1 H 四、四个方面\n7 1 H 一、一般规定\n");
}

static void test_run_in_titles(void **state)
{
    (void)state;
    expect_outline("一、提高认识。要认真学习有关文件，把握精神实质。\n"
                   "二、以读促写 每周完成一篇读书笔记，字数不限，贵在坚持下去。\n"
                   "三、书签　按 m 就能在当前位置加书签，名称可以随时修改，备注也可以。\n"
                   "四、主要做法：先读目录，再读正文，最后写摘要，一步也不要省略。\n"
                   "五、加强领导，明确责任。\n"
                   "六、认识 yuedu 的大纲\n正文。\n"
                   "七、创先争优 加速发展\n正文。\n"
                   "（一）读得懂！后面是正文。\n",
                   "1 1 H 一、提高认识\n2 1 H 二、以读促写\n3 1 H 三、书签\n4 1 H 四、主要做法\n"
                   "5 1 H 五、加强领导，明确责任\n6 1 H 六、认识 yuedu 的大纲\n8 1 H 七、创先争优 加速发展\n"
                   "10 2 H （一）读得懂\n");
}

static void test_long_title_truncated(void **state)
{
    (void)state;
    expect_outline("一、这是一个非常非常长的标题它没有任何标点符号所以一直写下去一直写下去一直写下去一直写下去"
                   "一直写下去一直写下去直到超过限制为止\n正文。\n",
                   "1 1 H 一、这是一个非常非常长的标题它没有任何标点符号所以一直写下去一直写下去一直写下去一直写下去"
                   "一直写下去一直写下去直到超过限…\n");
}

/* ---- Markdown ----------------------------------------------------------- */

static void test_markdown_levels(void **state)
{
    (void)state;
    /* Unnumbered: levels from the # count. Numbered: from the numbering,
     * whatever the # count (## and ### for the same level). */
    expect_outline("# 笔记\n\n## 缘起\n\n正文。\n\n### 细节\n\n正文。\n\n## 一、编号\n\n### （一）常见\n\n正文。\n\n"
                   "## （二）少见\n\n正文。\n\n### 二、小结 ##\n\n正文。\n\n## 附录\n\n正文。\n",
                   "3 1 H 缘起\n7 2 H 细节\n11 1 H 一、编号\n13 2 H （一）常见\n17 2 H （二）少见\n21 1 H 二、小结\n"
                   "25 1 H 附录\n");
}

static void test_markdown_lists(void **state)
{
    (void)state;
    /* In a Markdown file "1. " and "1) " start list entries; Chinese
     * numbering and "1、" stay headings. In a plain text file "1. " is a
     * heading. */
    const char *text = "正文开头。\n\n1. 第一点\n2. 第二点\n\n一、标题\n\n正文。\n\n1、小标题\n\n正文。\n\n3) 列表\n";
    yd_document d;
    yd_error err = {0};
    assert_int_equal(yd_document_from_bytes(&d, "notes.MD", (const unsigned char *)text, strlen(text), NULL, &err),
                     YD_OK);
    expect_outline_doc(&d, "6 1 H 一、标题\n10 2 H 1、小标题\n");
    yd_document_free(&d);
    expect_outline(text, "3 1 H 1. 第一点\n4 1 H 2. 第二点\n6 2 H 一、标题\n10 1 H 1、小标题\n14 2 H 3) 列表\n");
}

static void test_markdown_not_headings(void **state)
{
    (void)state;
    /* #tag without a space, ####### (seven), lines inside a code fence. */
    expect_outline("正文开头。\n\n#标签\n\n####### 七个井号\n\n```\n# 代码里的注释\n一、代码里的编号\n```\n\n"
                   "~~~\n## 另一种围栏\n~~~\n\n## 真的标题\n\n正文。\n",
                   "16 1 H 真的标题\n");
}

/* ---- unnumbered title lines -------------------------------------------- */

static void test_plain_titles(void **state)
{
    (void)state;
    expect_outline("开头是一段正文，说明这份材料的来历。\n放慢的时候\n遇到关键的论证，不妨停下来。\n"
                   "加快的时候，也别太快\n背景介绍可以略读。\n",
                   "2 1 H 放慢的时候\n4 1 H 加快的时候，也别太快\n");
    /* indented with full-width spaces like the paragraphs around it: prose */
    expect_outline("第一回　雨夜\n　　那一夜雨很大。\n　　三天以后\n　　雨停了。\n", "1 1 A 第一回 雨夜\n");
}

static void test_plain_title_guards(void **state)
{
    (void)state;
    /* ends in 。 however short; longer than 30 characters; a salutation; a
     * lead-in ending in a colon; nothing after it; a date line. */
    expect_outline("开头是一段正文。\n本文分为三篇。\n"
                   "这一行没有句末标点但是它实在太长了所以不能算作标题只能算作正文\n正文。\n"
                   "同志们：\n正文。\n下面我讲三点意见：\n正文。\n2024年5月8日\n正文。\n"
                   "作者：李明\n正文。\n最后一行",
                   "");
}

static void test_plain_title_not_below_numbers(void **state)
{
    (void)state;
    /* Once numbered headings have begun, a short line does not slip in
     * below them; where unnumbered titles opened the level, they go on. */
    expect_outline("一、甲\n正文。\n小标题\n正文。\n", "1 1 H 一、甲\n");
    expect_outline("前言写在这里。\n读书的方法\n正文。\n（一）精读\n正文。\n写作的方法\n正文。\n（一）多写\n正文。\n",
                   "2 1 H 读书的方法\n4 2 H （一）精读\n6 1 H 写作的方法\n8 2 H （一）多写\n");
}

static void test_runs_of_short_lines(void **state)
{
    (void)state;
    /* Related links at the end of a page, a banner: no node in a run. */
    expect_outline("开头是正文。\n标题甲\n正文。\n相关阅读\n如何读长文\n简繁转换的陷阱\n给文档编目录\n",
                   "2 1 H 标题甲\n");
    expect_outline("仅供学习\n会员专享\n欢迎订阅\n\n正文开始了，没有标题。\n", "");
    expect_doc_title("仅供学习\n会员专享\n欢迎订阅\n\n正文开始了，没有标题。\n", "");
}

static void test_paragraph_tail(void **state)
{
    (void)state;
    /* The short second half of a paragraph broken across lines. */
    expect_outline("开头是正文。\n这一段被编辑器折成了两行，第二行很短，也没有句末标点，可它只是上一行的\n后半句\n"
                   "正文继续。\n",
                   "");
}

static void test_signature_is_not_a_heading(void **state)
{
    (void)state;
    /* A short line followed only by a date closes the document. */
    expect_outline("正文写在这里。\n小标题\n正文。\n\n灯下读书会\n2024年3月25日\n", "2 1 H 小标题\n");
}

static void test_document_title(void **state)
{
    (void)state;
    expect_outline("阅读指南\n各位读者：\n欢迎使用。\n", "");
    expect_doc_title("阅读指南\n各位读者：\n欢迎使用。\n", "阅读指南");
    expect_doc_title("# 读书笔记 第三册\n\n正文。\n", "读书笔记 第三册");
    /* after a breadcrumb and a date line */
    expect_doc_title("首页 > 文章\n发布时间：2023-04-01\n阅读的节奏\n\n正文。\n", "阅读的节奏");
    expect_doc_title("一、开门见山\n正文。\n", "");
    /* the title with a byline under it; a heading after a blank line */
    expect_outline("机关读书会讲话\n2024年11月24日\n\n开场\n今天我们谈读书。\n", "4 1 H 开场\n");
}

static void test_front_and_back_matter(void **state)
{
    (void)state;
    /* 前言 and 后记 are top nodes wherever they stand; back matter adopts
     * what follows it, front matter nothing. Spaced out is the same word. */
    expect_outline("书名\n\n前　言\n这本小书写给在终端里读书的人。\n一、缘起\n正文。\n二、做法\n正文。\n（一）细节\n正文。\n"
                   "附录\n一、术语表\n正文。\n后记\n写完这本书，已是深秋。\n",
                   "3 1 H 前 言\n5 1 H 一、缘起\n7 1 H 二、做法\n9 2 H （一）细节\n11 1 H 附录\n12 2 H 一、术语表\n"
                   "14 1 H 后记\n");
    expect_outline("楔子\n　　很多年以后，他还记得那个雨夜。\n第一回　雨夜\n　　正文。\n尾声\n　　故事讲完了。\n",
                   "1 1 H 楔子\n3 1 A 第一回 雨夜\n5 1 H 尾声\n");
}

static void test_table_of_contents(void **state)
{
    (void)state;
    /* Entries with a leader and a page number are the contents, not the
     * chapters. */
    expect_outline("目录\n第一章 总则……1\n第二章 借阅…………3\n一、借书......5\n\n第一章 总则\n正文。\n",
                   "1 1 H 目录\n6 1 A 第一章 总则\n");
}

/* ---- items ---------------------------------------------------------------- */

static void test_items(void **state)
{
    (void)state;
    expect_outline("一、甲\n一是多读。读得多了，自然会写。\n二是多写。\n一要勤快。\n二要坚持。\n"
                   "第一，先读目录。\n第二、再读正文。\n首先，打开文件。\n其次，看大纲。\n再次，做笔记。\n"
                   "最后，写摘要。\n其一，不求快。\n（一）乙\n正文。\n一方面，这不是条目。\n",
                   "1 1 H 一、甲\n2 2 I 一是多读\n3 2 I 二是多写\n4 2 I 一要勤快\n5 2 I 二要坚持\n"
                   "6 2 I 第一，先读目录\n7 2 I 第二、再读正文\n8 2 I 首先，打开文件\n9 2 I 其次，看大纲\n"
                   "10 2 I 再次，做笔记\n11 2 I 最后，写摘要\n12 2 I 其一，不求快\n13 2 H （一）乙\n");
}

static void test_items_do_not_change_levels(void **state)
{
    (void)state;
    /* Items before any heading sit at the top; they never open a level. */
    expect_outline("一是先说。\n一、甲\n第一，条目。\n（一）乙\n二是后说。\n（二）丙\n",
                   "1 1 I 一是先说\n2 1 H 一、甲\n3 2 I 第一，条目\n4 2 H （一）乙\n5 3 I 二是后说\n"
                   "6 2 H （二）丙\n");
}

/* ---- guards -------------------------------------------------------------- */

static void test_digit_continuations(void **state)
{
    (void)state;
    /* A wrapped paragraph whose next line starts with a digit, a decimal,
     * numbers listed in a sentence. */
    expect_outline("今年以来，我们坚持每周开展一次活动，到年底全年共举办读书会\n12场，参加的人越来越多。\n"
                   "和去年相比，参加读书会的人数有了明显的增加，同比增长了\n2.5个百分点，其中\n3、4月份最多。\n"
                   "参加活动的会员按照入会的时间先后被分成了新老两组，按照会员的年龄又分为\n一、二两组。\n"
                   "会员的借阅量比去年同期又有所提高，从全年的统计数字来看，总体上增长\n5%以上，读书的风气越来越浓。\n"
                   "2023年是开局之年。\n",
                   "");
}

static void test_clauses_are_body(void **state)
{
    (void)state;
    /* （一）…；（二）…；（三）…。 is one enumeration, not three headings. */
    expect_outline("第一章 借阅\n第四条 借书时应当登记下列信息：\n（一）借书人姓名；\n（二）书名和册数；\n（三）借出日期。\n"
                   "第五条 还书时当面点清。\n",
                   "1 1 A 第一章 借阅\n2 2 I 第四条 借书时应当登记下列信息\n6 2 I 第五条 还书时当面点清\n");
}

static void test_chapter_mentions(void **state)
{
    (void)state;
    /* A chapter named inside a sentence, indented in body text, followed by
     * prose words, or by a comma. */
    expect_outline("第一章 开端\n　　故事从这里开始。\n　　第二章里说到的那套书，其实缺了两卷\n"
                   "第三章的内容更短\n第二章，我们换一个话题\n　　故事接着讲。\n第二章 发展\n　　故事继续。\n",
                   "1 1 A 第一章 开端\n7 1 A 第二章 发展\n");
}

static void test_novel_titles_with_wide_spaces(void **state)
{
    (void)state;
    /* 第一回　A　B: the whole line is the title, wide spaces collapsed. */
    expect_outline("第一回　旧书摊前得长卷　终端窗里识大纲\n　　话说城东有一位读者。\n"
                   "第二回　一字之差寻不见　简繁折叠显神通\n　　过了几天。\n",
                   "1 1 A 第一回 旧书摊前得长卷 终端窗里识大纲\n3 1 A 第二回 一字之差寻不见 简繁折叠显神通\n");
}

static void test_traditional(void **state)
{
    (void)state;
    expect_outline("第一編 總則\n第一節 目的\n第一條 本會以讀書為樂。\n第二節 會員\n第二條 會員自願參加。\n"
                   "第二編 附則\n一、生效\n本規則公布後施行。\n",
                   "1 1 A 第一編 總則\n2 2 A 第一節 目的\n3 3 I 第一條 本會以讀書為樂\n4 2 A 第二節 會員\n"
                   "5 3 I 第二條 會員自願參加\n6 1 A 第二編 附則\n7 2 H 一、生效\n");
}

/* ---- text and structure ---------------------------------------------------- */

static void test_line_numbers_with_crlf_and_blank_lines(void **state)
{
    (void)state;
    expect_outline("\r\n\r\n正文。\r\n一、甲\r\n正文。\r\r二、乙\r\n", "4 1 H 一、甲\n7 1 H 二、乙\n");
}

static void test_empty_documents(void **state)
{
    (void)state;
    expect_outline("", "");
    expect_outline("\n\n\n", "");
    expect_outline("　　\n\t\n", "");
    expect_outline("一、", "1 1 H 一、\n");
}

static void test_title_cleaning(void **state)
{
    (void)state;
    /* Tabs and runs of spaces collapse to one space; controls are kept for
     * the caller to show safely. */
    expect_outline("第一章\t总\u3000\u3000则  \n正文。\n", "1 1 A 第一章 总 则\n");
    yd_document d;
    yd_outline o;
    load(&d, "一、红\x1b[31m色\n正文。\n");
    assert_int_equal(yd_outline_build(&o, &d, NULL), YD_OK);
    assert_int_equal(o.count, 1);
    UChar buf[32];
    int32_t n = yd_outline_node_title(&d, &o.nodes[0], buf, 32);
    assert_int_equal(n, 9);
    assert_int_equal(buf[3], 0x1B);
    /* preflighting: a short buffer still reports the full length */
    assert_int_equal(yd_outline_node_title(&d, &o.nodes[0], buf, 2), 9);
    yd_outline_free(&o);
    yd_document_free(&d);
}

static void test_node_at_and_ends(void **state)
{
    (void)state;
    yd_document d;
    yd_outline o;
    load(&d, "前言。\n一、甲\n正文。\n（一）乙\n正文。\n二、丙\n正文。\n");
    assert_int_equal(yd_outline_build(&o, &d, NULL), YD_OK);
    assert_int_equal(o.count, 3);
    assert_int_equal(yd_outline_node_at(&o, 0), -1);
    assert_int_equal(yd_outline_node_at(&o, d.line_starts[1]), 0);
    assert_int_equal(yd_outline_node_at(&o, d.line_starts[2] + 1), 0);
    assert_int_equal(yd_outline_node_at(&o, d.line_starts[4]), 1);
    assert_int_equal(yd_outline_node_at(&o, d.length), 2);
    assert_int_equal(o.nodes[0].end, 2);
    assert_int_equal(o.nodes[1].end, 2);
    assert_int_equal(o.nodes[2].end, 3);
    assert_int_equal(o.nodes[1].parent, 0);
    assert_int_equal(o.headings, 3);
    assert_string_equal(yd_node_kind_name(YD_NODE_ARTICLE), "article");
    assert_string_equal(yd_node_kind_name(YD_NODE_ITEM), "item");
    yd_outline_free(&o);
    yd_outline_free(&o); /* freeing twice is harmless */
    yd_document_free(&d);
}

static void test_deep_nesting_is_bounded(void **state)
{
    (void)state;
    /* More distinct styles than any document uses, and many articles:
     * depth stays bounded and the structure consistent. */
    char *text = malloc(1 << 20);
    assert_non_null(text);
    size_t len = 0;
    for (int r = 0; r < 200; r++)
        len += (size_t)sprintf(text + len, "第%d章 章\n第%d节 节\n一、甲\n（一）乙\n1.丙\n（1）丁\n1) 戊\n一）己\n①庚\n"
                                           "1.1 辛\n1.1.1 壬\n## 癸\n### 子\n#### 丑\n正文。\n",
                               r + 1, r + 1);
    yd_document d;
    load(&d, text);
    yd_outline o;
    assert_int_equal(yd_outline_build(&o, &d, NULL), YD_OK);
    check_invariants(&o);
    assert_int_equal(o.count, 200 * 14);
    for (int32_t i = 0; i < o.count; i++)
        assert_true(o.nodes[i].depth <= 14);
    yd_outline_free(&o);
    yd_document_free(&d);
    free(text);
}

/* ---- statutes, rules, novels, Japanese and Korean (OUTLINE-KEY) ---------- */

static void test_statute_articles_in_every_number_form(void **state)
{
    (void)state;
    /* Every article is a provision, whatever the form of its number; its
     * enumerations, a sentence that starts with an article number and a
     * deleted article's text are not nodes. */
    expect_outline("第一章 总则\n"
                   "第一条 为了管好湖边的读书亭，制定本条例。\n"
                   "第十一条 读书亭开放的时间如下：\n"
                   "（一）春季和夏季，早八时至晚九时；\n"
                   "（二）秋季和冬季，早九时至晚六时。\n"
                   "第一百一十一条 借阅人有下列情形之一的，暂停借阅：\n"
                   "一、逾期不还\n"
                   "二、损坏图书\n"
                   "第一百一十一条之一 （删去）\n"
                   "第二章 附属规定\n"
                   "第二百零三条 本条例自公布之日起施行。\n"
                   "第十条之规定，对租借的图书同样适用。\n",
                   "1 1 A 第一章 总则\n2 2 I 第一条 为了管好湖边的读书亭，制定本条例\n"
                   "3 2 I 第十一条 读书亭开放的时间如下\n6 2 I 第一百一十一条 借阅人有下列情形之一的，暂停借阅\n"
                   "9 2 I 第一百一十一条之一 （删去）\n10 1 A 第二章 附属规定\n"
                   "11 2 I 第二百零三条 本条例自公布之日起施行\n");
}

static void test_taiwan_statute(void **state)
{
    (void)state;
    /* Indented, spaced divisions down to 目, inserted divisions and
     * articles, a deleted division that keeps its articles. */
    expect_outline("第 一 編 總則\n"
                   "   第 一 章 通則\n"
                   "第 1 條\n租書店應懸掛營業時間。\n"
                   "第 10 條\n租書店得拒絕下列之人：\n一、未繳押金者\n二、曾損毀書籍者\n"
                   "第 10-1 條\n第十條之規定，於分店準用之。\n"
                   "   第 一 章之一 分店\n"
                   "      第 一 節 （刪除）\n"
                   "第 11 條\n（刪除）\n"
                   "         第 一 款 押金\n"
                   "            第 一 目  退還\n"
                   "第 12 條\n押金於還書時退還。\n",
                   "1 1 A 第 一 編 總則\n2 2 A 第 一 章 通則\n3 3 I 第 1 條\n5 3 I 第 10 條\n"
                   "9 3 I 第 10-1 條\n11 2 A 第 一 章之一 分店\n12 3 A 第 一 節 （刪除）\n13 4 I 第 11 條\n"
                   "15 4 A 第 一 款 押金\n16 5 A 第 一 目 退還\n17 6 I 第 12 條\n");
}

static void test_divisions_nest_by_rank(void **state)
{
    (void)state;
    /* A 节 before any 章 does not make 章 its child; a 编 closes both. */
    expect_outline("第一节 通则\n第一条 本规则适用于馆内。\n第二条 馆员负责执行。\n"
                   "第二章 借阅\n第三条 借阅凭证件。\n第一节 借书\n第四条 每次三册。\n"
                   "第二编 附属\n第五条 本规则自发布之日起施行。\n",
                   "1 1 A 第一节 通则\n2 2 I 第一条 本规则适用于馆内\n3 2 I 第二条 馆员负责执行\n"
                   "4 1 A 第二章 借阅\n5 2 I 第三条 借阅凭证件\n6 2 A 第一节 借书\n7 3 I 第四条 每次三册\n"
                   "8 1 A 第二编 附属\n9 2 I 第五条 本规则自发布之日起施行\n");
}

static void test_annexes_at_their_markup_level(void **state)
{
    (void)state;
    /* ## 附则 in a statute whose top division is ## 编 is a top node; an
     * annex that lists names is a list, not headings. */
    expect_outline_named("statute.md",
                         "# 湖畔读书亭条例\n\n## 第一编 总则\n\n### 第一章 一般规定\n\n第一条 本条例适用于读书亭。\n\n"
                         "第二条 读书亭免费开放。\n\n第三条 读书亭由街道管理。\n\n## 附则\n\n第四条 本条例自公布之日起施行。\n\n"
                         "## 附件一 读书亭名录\n\n1．东湖亭\n\n2．西湖亭\n",
                         "3 1 A 第一编 总则\n5 2 A 第一章 一般规定\n7 3 I 第一条 本条例适用于读书亭\n"
                         "9 3 I 第二条 读书亭免费开放\n11 3 I 第三条 读书亭由街道管理\n13 1 H 附则\n"
                         "15 2 I 第四条 本条例自公布之日起施行\n17 1 H 附件一 读书亭名录\n");
}

static void test_unnumbered_parts_of_a_statute(void **state)
{
    (void)state;
    /* 总则, 分则, 附则 alone on a line (spaced out or not) end the article
     * before them and hold the articles after them. */
    expect_outline("总　则\n第一条 本规则适用于读书亭。\n第二条 读书亭免费开放。\n分则\n第三条 借阅人应当：\n一、按时归还\n"
                   "附　则\n第四条 本规则自发布之日起施行。\n",
                   "1 1 H 总 则\n2 2 I 第一条 本规则适用于读书亭\n3 2 I 第二条 读书亭免费开放\n4 1 H 分则\n"
                   "5 2 I 第三条 借阅人应当\n7 1 H 附 则\n8 2 I 第四条 本规则自发布之日起施行\n");
}

static void test_korean_statute(void **state)
{
    (void)state;
    /* 장 > 절, 조 and 조의2 are provisions, paragraph marks and numbered
     * items are not nodes, nor is an amending sentence; the dated 부칙
     * blocks sit under # 부칙. */
    expect_outline_named("law.md",
                         "# 도서정자 법\n\n## 제1장 총칙\n\n##### 제1조 (목적)\n\n이 법은 도서정자를 정한다.\n\n"
                         "##### 제2조(정의)\n\n**①** 도서정자란 다음과 같다.\n\n  1\\. 책을 두는 곳\n\n"
                         "### 제1절 운영\n\n##### 제2조의2 (운영자)\n\n운영자는 구청장이다.\n\n"
                         "## 부칙\n\n부칙 <제1호,2001.3.2>\n\n제1조 (시행일) 이 법은 공포한 날부터 시행한다.\n\n"
                         "제5조제2항을 다음과 같이 한다.\n\n부칙(다른법) <제7호,2005.1.4>\n\n①(시행일) 이 법은 즉시 시행한다.\n",
                         "3 1 A 제1장 총칙\n5 2 I 제1조 (목적)\n9 2 I 제2조(정의)\n15 2 A 제1절 운영\n"
                         "17 3 I 제2조의2 (운영자)\n21 1 H 부칙\n23 2 H 부칙 <제1호,2001.3.2>\n"
                         "25 3 I 제1조 (시행일) 이 법은 공포한 날부터 시행한다\n29 2 H 부칙(다른법) <제7호,2005.1.4>\n");
}

static void test_rule_provisions(void **state)
{
    (void)state;
    /* A document titled as a rule: 一、 headings (one of them without
     * its ##), 1. provisions in every form, their (1) sub-items not nodes. */
    expect_outline_named("rule.md",
                         "# 关于湖畔读书亭借阅问题的规定\n\n为了方便借阅，规定如下：\n\n## 一、关于借阅\n\n"
                         "1.借阅人应当出示证件；\n\n（1）本地居民出示身份证；\n\n（2）外地游客出示护照；\n\n"
                         "2．借阅期限为两周。\n\n三、关于归还\n\n3、归还时应当当面清点。\n\n34. 逾期的，按日收费。\n",
                         "5 1 H 一、关于借阅\n7 2 I 1.借阅人应当出示证件\n13 2 I 2．借阅期限为两周\n"
                         "15 1 H 三、关于归还\n17 2 I 3、归还时应当当面清点\n19 2 I 34. 逾期的，按日收费\n");
    /* A court's guidance (…的意见) is a rule by its issuer; a report titled
     * …的意见 keeps its 1. and （1） headings. */
    expect_outline("湖畔区人民法院关于借阅纠纷的意见\n\n一、总体要求\n\n1.依法审理借阅纠纷。\n\n（1）先行调解。\n",
                   "3 1 H 一、总体要求\n5 2 I 1.依法审理借阅纠纷\n");
    expect_outline("关于办好读书会的意见\n\n一、总体要求\n\n1.多读好书\n\n（1）每周一本\n\n正文。\n",
                   "3 1 H 一、总体要求\n5 2 H 1.多读好书\n7 3 H （1）每周一本\n");
}

static void test_run_on_articles(void **state)
{
    (void)state;
    /* Older texts run the article on; only a document that writes its
     * articles so takes such lines as provisions. */
    expect_outline("第一章 总则\n第一条为了管好读书亭，制定本办法。\n第二条本办法适用于湖畔。\n第三条读书亭免费开放。\n",
                   "1 1 A 第一章 总则\n2 2 I 第一条为了管好读书亭，制定本办法\n3 2 I 第二条本办法适用于湖畔\n"
                   "4 2 I 第三条读书亭免费开放\n");
    expect_outline("一、借阅\n第十条规定的证件，借阅时出示。\n二、归还\n正文。\n", "1 1 H 一、借阅\n3 1 H 二、归还\n");
}

static void test_sections_between_articles(void **state)
{
    (void)state;
    /* 二、关于… after an article opens a section; the article's own
     * enumeration starts at 一、 and stays text. */
    expect_outline("一、关于借阅\n第一条 借阅人应当遵守下列规定：\n一、按时归还\n二、爱护图书\n"
                   "第二条 借阅免费。\n二、关于归还\n第三条 归还时当面清点。\n",
                   "1 1 H 一、关于借阅\n2 2 I 第一条 借阅人应当遵守下列规定\n5 2 I 第二条 借阅免费\n"
                   "6 1 H 二、关于归还\n7 2 I 第三条 归还时当面清点\n");
}

static void test_novel_conventions(void **state)
{
    (void)state;
    /* Numbers digit by digit, titles that ask, a download site's 正文
     * label, an author tag, dialogue, prologue and extra chapters with
     * titles. */
    expect_outline("湖畔夜话\n\n[明]无名氏\n\n楔子 雨夜\n　　那一夜雨下得很大。\n\n"
                   "正文 第一零一回 谁在敲门?\n　　门外没有人。\n“是谁”\n「誰だ」\n\n"
                   "第一零二回　灯下读书　湖边寻人\n　　他又读了一夜。\n\n番外 多年以后\n　　湖边的亭子还在。\n",
                   "5 1 H 楔子 雨夜\n8 1 A 第一零一回 谁在敲门?\n13 1 A 第一零二回 灯下读书 湖边寻人\n"
                   "16 1 H 番外 多年以后\n");
}

static void test_novel_contents(void **state)
{
    (void)state;
    /* A table of contents at the start, chapter lines without page numbers:
     * each chapter is a node once, on its own line with its text, even
     * where a misprint makes the two lines differ after the marker. */
    expect_outline("湖畔夜话\n\n第一回　雨夜\n第二回　灯下\n\n第三回　湖边\n\n\n"
                   "第一回 雨夜\n　　那一夜雨下得很大。\n\n第二回 灯前\n　　他又读了一夜。\n\n"
                   "第三回 湖边\n　　湖边的亭子还在。\n",
                   "9 1 A 第一回 雨夜\n12 1 A 第二回 灯前\n15 1 A 第三回 湖边\n");
    /* Two lines are too few to be a contents; a line that never comes back
     * means the run is the chapters themselves. */
    expect_outline("第一回　雨夜\n第二回　灯下\n\n第一回 雨夜\n　　雨很大。\n\n第二回 灯下\n　　灯很暗。\n",
                   "1 1 A 第一回 雨夜\n2 1 A 第二回 灯下\n4 1 A 第一回 雨夜\n7 1 A 第二回 灯下\n");
    expect_outline("第一回　雨夜\n第二回　灯下\n第三回　湖边\n\n第一回 雨夜\n　　雨很大。\n\n第二回 灯下\n　　灯很暗。\n",
                   "1 1 A 第一回 雨夜\n2 1 A 第二回 灯下\n3 1 A 第三回 湖边\n5 1 A 第一回 雨夜\n"
                   "8 1 A 第二回 灯下\n");
}

static void test_poems_and_letters_in_chapters(void **state)
{
    (void)state;
    /* Inside a chapter of a classic novel, a poem's title, the verse and a
     * letter's opening are text; a work named in 《》 alone on a line is
     * text anywhere (but may name the document). */
    expect_outline("《湖亭记》\n\n第一回　湖边读书\n　　那人读罢，提笔写道：\n\n湖上吟\n\n　　一夜湖风起，满亭书页翻。\n\n"
                   "　　写罢又取出一封信来。\n\n林兄台鉴\n\n　　见字如面。\n\n第二回　灯下回信\n　　正文。\n",
                   "3 1 A 第一回 湖边读书\n16 1 A 第二回 灯下回信\n");
    expect_doc_title("《湖亭记》\n\n第一回　湖边读书\n　　正文。\n", "《湖亭记》");
    expect_outline("读书札记\n\n一、缘起\n正文。\n\n《湖亭记》\n\n　　这是一本好书。\n", "3 1 H 一、缘起\n");
}

static void test_volume_of_tales(void **state)
{
    (void)state;
    /* 卷一 then one title per tale: the tales are its children; a bare
     * volume marker followed by its name and a chapter keeps the name. */
    expect_outline("卷一\n\n湖亭\n    湖边有一座亭子，夜里常有人读书。\n\n石桥\n    桥下的水很清。\n\n"
                   "卷二\n\n古井\n    井边有一棵老树。\n",
                   "1 1 A 卷一\n3 2 H 湖亭\n6 2 H 石桥\n9 1 A 卷二\n11 2 H 古井\n");
    expect_outline("第一卷\n风起\n第一章 雨夜\n　　雨下了一夜。\n", "1 1 A 第一卷 风起\n3 2 A 第一章 雨夜\n");
}

static void test_japanese_novel(void **state)
{
    (void)state;
    /* Aozora headings (the annotation is not title text), the legend
     * block between rules, dialogue, "two or three" written 二、三. */
    expect_outline("湖の本\n作者\n\n-------------------------------------------------------\n"
                   "【記号について】\n\n《》：ルビ\n（例）湖《みずうみ》\n"
                   "-------------------------------------------------------\n\n"
                   "［＃３字下げ］上［＃「上」は大見出し］\n\n［＃７字下げ］一［＃「一」は中見出し］\n\n"
                   "　湖のほとりに小さな亭があった。\n「ええ」\n二、三日まえに雨が降った。\n\n"
                   "［＃７字下げ］二［＃「二」は中見出し］\n\n　十二、三の子供が本を読んでいた。\n",
                   "11 1 A 上\n13 2 A 一\n19 2 A 二\n");
}

static void test_glued_articles(void **state)
{
    (void)state;
    /* A second article in the same file: its title, followed by a date and
     * a numbering that starts again at 一、, is a top heading over its own
     * sections; a short line amid the first article's sections is not. */
    expect_outline("读书的方法\n\n一、慢读\n正文。\n二、精读\n正文。\n慢慢读\n正文。\n\n写作的方法\n\n2024年5月1日\n\n"
                   "一、多写\n正文。\n（一）日记\n正文。\n",
                   "3 1 H 一、慢读\n5 1 H 二、精读\n10 1 H 写作的方法\n14 2 H 一、多写\n16 3 H （一）日记\n");
}

static void test_speaker_is_not_a_heading(void **state)
{
    (void)state;
    expect_outline("在读书会年会上的讲话\n\n（2024年3月5日）\n\n林某某\n\n同志们：\n\n今天开会。\n\n一、回顾\n\n正文。\n",
                   "11 1 H 一、回顾\n");
    expect_outline("读书会工作报告\n\n——2024年3月5日在年会上\n\n读书会会长　林某某\n\n各位会员：\n\n今天开会。\n\n"
                   "一、回顾\n\n正文。\n",
                   "11 1 H 一、回顾\n");
    /* Not a speaker: a title with a Latin word above a salutation. */
    expect_outline("第1篇\n\nyuedu 读书指南\n\n各位读者：\n\n欢迎。\n\n一、开始\n\n正文。\n",
                   "1 1 A 第1篇\n3 2 H yuedu 读书指南\n9 3 H 一、开始\n");
}

/* ---- the user's rules and the reasons (explain) --------------------------- */

static void add_rule(yd_outline_rules *rules, const char *pattern, yd_rule_kind kind, int level, const char *files)
{
    yd_outline_rule r = {.pattern = (char *)pattern, .files = (char *)files, .level = level, .kind = kind};
    assert_int_equal(yd_outline_rules_add(rules, &r, NULL), YD_OK);
}

/* The outline of text (named name) with rules, in the compact form;
 * *timeouts (when not NULL) gets the rules dropped for taking too long. */
static char *outline_with(const char *name, const char *text, const yd_outline_rules *rules, yd_outline_why *why,
                          int32_t *timeouts)
{
    yd_document d;
    yd_error err = {0};
    if (yd_document_from_bytes(&d, name, (const unsigned char *)text, strlen(text), NULL, &err) != YD_OK)
        fail_msg("load failed: %s", err.message);
    yd_outline o;
    yd_outline_options options = {.rules = rules, .why = why};
    assert_int_equal(yd_outline_build_with(&o, &d, &options, &err), YD_OK);
    check_invariants(&o);
    char *got = dump(&d, &o);
    if (timeouts)
        *timeouts = o.rule_timeouts;
    yd_outline_free(&o);
    yd_document_free(&d);
    return got;
}

static void test_user_rules(void **state)
{
    (void)state;
    yd_outline_rules rules;
    yd_outline_rules_init(&rules);
    /* Parts in Latin letters as divisions above 章, their title the
     * capture group; Q: lines as items; a line the built-in conventions
     * would take (一、) silenced. */
    add_rule(&rules, "^PART ([IVX]+ .*)$", YD_RULE_ARTICLE, 1, NULL);
    add_rule(&rules, "^Q:", YD_RULE_ITEM, 1, NULL);
    add_rule(&rules, "^一、备注", YD_RULE_TEXT, 1, NULL);
    add_rule(&rules, "^==", YD_RULE_HEADING, 2, "*.md");
    const char *text = "PART I Reading\n第一章 开始\n正文。\n一、备注\n正文。\nQ: 为什么？\n正文。\n"
                       "二、方法\n正文。\n== 小节\n正文。\nPART II Notes\n第一章 又一章\n正文。\n";
    char *got = outline_with("notes.txt", text, &rules, NULL, NULL);
    assert_string_equal(got, "1 1 A I Reading\n2 2 A 第一章 开始\n6 3 I Q: 为什么？\n8 3 H 二、方法\n"
                             "12 1 A II Notes\n13 2 A 第一章 又一章\n");
    free(got);
    /* The glob: == lines are headings at level 2 in Markdown files only. */
    got = outline_with("notes.md", "一、总则\n\n正文。\n\n== 小节\n\n正文。\n", &rules, NULL, NULL);
    assert_string_equal(got, "1 1 H 一、总则\n5 2 H == 小节\n");
    free(got);
    /* builtin false: only the rules make nodes. */
    rules.builtin = false;
    got = outline_with("notes.txt", text, &rules, NULL, NULL);
    assert_string_equal(got, "1 1 A I Reading\n6 2 I Q: 为什么？\n12 1 A II Notes\n");
    free(got);
    yd_outline_rules_free(&rules);
    /* Through the API, a level or kind out of range is a heading at level 1
     * or 9, never a stack cut below the divisions. */
    yd_outline_rules_init(&rules);
    add_rule(&rules, "^=", (yd_rule_kind)99, 0, NULL);
    add_rule(&rules, "^~", YD_RULE_HEADING, 42, NULL);
    got = outline_with("x.txt", "第一章 总则\n正文。\n= 甲\n正文。\n~ 乙\n正文。\n", &rules, NULL, NULL);
    assert_string_equal(got, "1 1 A 第一章 总则\n3 2 H = 甲\n5 3 H ~ 乙\n");
    free(got);
    yd_outline_rules_free(&rules);
}

static void test_user_rule_that_backtracks(void **state)
{
    (void)state;
    /* A pattern that backtracks without end on some lines: each line is
     * given up after the time limit, the rule dropped after a few, the
     * outline still built with the built-in conventions. */
    yd_outline_rules rules;
    yd_outline_rules_init(&rules);
    add_rule(&rules, "^(a|aa)+$", YD_RULE_HEADING, 1, NULL);
    size_t lines = 20, len = 64;
    char *text = malloc(lines * (len + 2) + 64);
    assert_non_null(text);
    strcpy(text, "一、开始\n正文。\n");
    for (size_t i = 0; i < lines; i++) {
        size_t at = strlen(text);
        memset(text + at, 'a', len);
        strcpy(text + at + len, "b\n");
    }
    int32_t timeouts = 0;
    char *got = outline_with("x.txt", text, &rules, NULL, &timeouts);
    assert_int_equal(timeouts, 1);
    assert_string_equal(got, "1 1 H 一、开始\n");
    free(got);
    free(text);
    yd_outline_rules_free(&rules);
}

static void test_reasons(void **state)
{
    (void)state;
    yd_outline_rules rules;
    yd_outline_rules_init(&rules);
    add_rule(&rules, "^附言", YD_RULE_TEXT, 1, NULL);
    const char *text = "读书亭条例\n\n第一条 读书亭开放。\n第二条 借阅免费。\n第三条 遵守下列规定：\n一、按时归还\n"
                       "「好吧」\n第三章的内容很多\n附言一则\n正文。\n";
    yd_outline_why why[11];
    char *got = outline_with("x.txt", text, &rules, why, NULL);
    free(got);
    assert_int_equal(why[0].reason, YD_WHY_DOC_TITLE);
    assert_false(why[1].candidate); /* blank */
    assert_int_equal(why[2].reason, YD_WHY_NODE);
    assert_true(why[2].node >= 0);
    assert_int_equal(why[5].reason, YD_WHY_IN_ARTICLE);
    assert_true(why[5].candidate);
    assert_int_equal(why[5].node, -1);
    assert_int_equal(why[6].reason, YD_WHY_DIALOGUE);
    assert_int_equal(why[7].reason, YD_WHY_MENTION);
    assert_int_equal(why[8].reason, YD_WHY_RULE);
    assert_int_equal(why[8].rule, 0);
    assert_false(why[9].candidate); /* prose */
    for (int r = 0; r < YD_WHY_COUNT; r++)
        assert_string_not_equal(yd_outline_reason_text((yd_outline_reason)r), "?");
    for (int st = 0; st < YD_NUM_COUNT; st++)
        assert_string_not_equal(yd_outline_style_text((yd_heading_style)st), "?");
    yd_outline_rules_free(&rules);
}

/* ---- fixture files ---------------------------------------------------------- */

static void expect_file(const char *name, const char *want)
{
    yd_document d;
    yd_error err = {0};
    if (yd_document_load(&d, fixture(name), NULL, &err) != YD_OK)
        fail_msg("cannot load %s: %s", name, err.message);
    expect_outline_doc(&d, want);
    yd_document_free(&d);
}

static void test_fixture_regulation(void **state)
{
    (void)state;
    expect_file("outline/regulation.txt",
                "3 1 A 第一章 总则\n"
                "4 2 I 第一条 为了管好社区图书角，方便居民借阅，制定本办法\n"
                "5 2 I 第二条 图书角向本社区全体居民开放，借阅不收费用\n"
                "6 1 A 第二章 借阅\n"
                "7 2 A 第一节 借书\n"
                "8 3 I 第三条 居民凭门禁卡借书，每次不超过三册\n"
                "9 3 I 第四条 借书时应当登记下列信息\n"
                "13 2 A 第二节 还书\n"
                "14 3 I 第五条 借期为三十天，到期可以续借一次\n"
                "16 1 A 第三章 附则\n"
                "17 2 I 第六条 本办法自公布之日起施行\n");
}

static void test_fixture_novel(void **state)
{
    (void)state;
    expect_file("outline/novel.txt", "3 1 A 第一回 雨夜借书遇故人 灯前论字识新知\n"
                                     "6 1 A 第二回 翻检旧志寻地名 比对异文见真章\n"
                                     "12 1 A 第三回 月下归途\n");
}

static void test_fixture_markdown_notes(void **state)
{
    (void)state;
    expect_file("outline/notes.md", "5 1 H 缘起\n9 1 H 一、标题的编号\n11 2 H （一）常见的编号\n15 3 H 1. 一个例子\n"
                                    "19 2 H （二）井号个数不可靠\n30 1 H 二、小结\n");
}

static void test_fixture_traditional(void **state)
{
    (void)state;
    expect_file("outline/traditional.txt", "3 1 A 第一講 為什麼要讀長文\n4 2 H 一、長文的難處\n6 2 H 二、幾個辦法\n"
                                           "7 3 H （一）先看大綱\n9 3 H （二）邊讀邊記\n"
                                           "10 4 I 首先，把每一節的要點寫在旁邊\n11 4 I 其次，讀完一篇再回頭對照大綱\n"
                                           "12 1 A 第二講 工具的選擇\n13 2 H 一、終端裡的閱讀器\n");
}

static void test_fixture_webpage(void **state)
{
    (void)state;
    expect_file("outline/webpage.txt", "7 1 H 放慢的时候\n10 1 H 加快的时候\n");
}

static void test_fixture_hard_wrapped(void **state)
{
    (void)state;
    /* Every paragraph broken at 48 columns: a first line that happens to
     * look like a title is not one; the list of attachments (附件：1.… 2.…)
     * and the signature are not headings either. */
    expect_file("outline/wrapped.txt", "7 1 H 一、活动时间\n10 1 H 二、活动内容\n11 2 H （一）共读一本书\n"
                                       "14 2 H （二）撰写读书笔记\n17 1 H 三、有关要求\n");
    /* the same guard where no numbered heading would have refused the line */
    expect_outline("前言。\n\n书名号里的书要读完\n读书的时候要做笔记，做笔记的时候要写下自己的\n想法，不要只抄原文。\n"
                   "读完一本书要写一段总结，总结的时候要回头看一\n遍笔记，看看当时的想法。\n"
                   "每个月要和朋友交流一次，交流的时候要带着书，\n把画线的句子读给对方听。\n",
                   "3 1 H 书名号里的书要读完\n");
}

static void test_bundled_guide_showcase(void **state)
{
    (void)state;
    /* docs/guide/04: the traps the guide itself describes. */
    yd_document d;
    yd_error err = {0};
    char path[4096];
    snprintf(path, sizeof path, "%s/docs/guide/04-格式示例.txt", YD_SOURCE_DIR);
    if (yd_document_load(&d, path, NULL, &err) != YD_OK)
        skip_missing("%s", path);
    yd_outline o;
    assert_int_equal(yd_outline_build(&o, &d, NULL), YD_OK);
    check_invariants(&o);
    char *got = dump(&d, &o);
    /* chapters under the group title, sections under chapters, articles (条) as items */
    assert_non_null(strstr(got, "4 1 A 灯下读书会章程\n5 2 A 第一章 总则\n6 3 I "));
    assert_non_null(strstr(got, "10 3 A 第一节 会员\n"));
    /* the whole 第一回 line is the title */
    assert_non_null(strstr(got, "24 2 A 第一回 旧书摊前得长卷 终端窗里识大纲\n"));
    assert_non_null(strstr(got, "37 2 A 篇一 标题为什么要编号\n"));
    assert_non_null(strstr(got, "47 2 A 一:\n"));
    assert_non_null(strstr(got, "63 3 H (1) 打开文件夹\n"));
    assert_non_null(strstr(got, "70 3 H 段落与缩进\n"));
    free(got);
    yd_outline_free(&o);
    yd_document_free(&d);
}

static void test_bundled_guide_traps(void **state)
{
    (void)state;
    /* docs/guide/02: salutation, a short line ending in 。, continuation
     * lines that start with a digit, run-in headings after 。 and after a
     * full-width space. */
    yd_document d;
    yd_error err = {0};
    char path[4096];
    snprintf(path, sizeof path, "%s/docs/guide/02-閱讀指南.txt", YD_SOURCE_DIR);
    if (yd_document_load(&d, path, NULL, &err) != YD_OK)
        skip_missing("%s", path);
    yd_outline o;
    assert_int_equal(yd_outline_build(&o, &d, NULL), YD_OK);
    check_invariants(&o);
    char *got = dump(&d, &o);
    assert_int_equal(o.title_line, 0); /* yuedu 閱讀指南 names the document */
    assert_true(strncmp(got, "5 1 A 第一篇 認識大綱\n6 2 H 一、大綱是怎麼來的\n", 40) == 0);
    assert_non_null(strstr(got, "\n16 3 H （三）標題與正文連寫\n"));
    assert_non_null(strstr(got, "\n19 3 H 1、稱呼語\n"));
    assert_non_null(strstr(got, "\n25 3 I 一是條列項目"));
    assert_non_null(strstr(got, "\n68 3 H （一）畫面上出現奇怪的符號\n73 3 H （二）終端機太窄\n"));
    for (int32_t i = 0; i < o.count; i++) {
        int32_t line = o.nodes[i].line + 1;
        assert_true(line != 2 && line != 4 && line != 29 && line != 70 && line != 71 && line != 85);
    }
    free(got);
    yd_outline_free(&o);
    yd_document_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_article_markers),
        cmocka_unit_test(test_statute_articles_in_every_number_form),
        cmocka_unit_test(test_taiwan_statute),
        cmocka_unit_test(test_divisions_nest_by_rank),
        cmocka_unit_test(test_annexes_at_their_markup_level),
        cmocka_unit_test(test_unnumbered_parts_of_a_statute),
        cmocka_unit_test(test_korean_statute),
        cmocka_unit_test(test_rule_provisions),
        cmocka_unit_test(test_run_on_articles),
        cmocka_unit_test(test_sections_between_articles),
        cmocka_unit_test(test_novel_conventions),
        cmocka_unit_test(test_novel_contents),
        cmocka_unit_test(test_volume_of_tales),
        cmocka_unit_test(test_poems_and_letters_in_chapters),
        cmocka_unit_test(test_japanese_novel),
        cmocka_unit_test(test_speaker_is_not_a_heading),
        cmocka_unit_test(test_glued_articles),
        cmocka_unit_test(test_user_rules),
        cmocka_unit_test(test_user_rule_that_backtracks),
        cmocka_unit_test(test_reasons),
        cmocka_unit_test(test_article_colon_alone),
        cmocka_unit_test(test_article_suffix),
        cmocka_unit_test(test_article_levels_and_reset),
        cmocka_unit_test(test_bare_marker_takes_next_title),
        cmocka_unit_test(test_article_restated_title),
        cmocka_unit_test(test_group_title),
        cmocka_unit_test(test_levels_by_first_appearance),
        cmocka_unit_test(test_skipped_and_reversed_levels),
        cmocka_unit_test(test_style_variants),
        cmocka_unit_test(test_repeated_number_both_headings),
        cmocka_unit_test(test_run_in_titles),
        cmocka_unit_test(test_long_title_truncated),
        cmocka_unit_test(test_markdown_levels),
        cmocka_unit_test(test_markdown_lists),
        cmocka_unit_test(test_markdown_not_headings),
        cmocka_unit_test(test_plain_titles),
        cmocka_unit_test(test_plain_title_guards),
        cmocka_unit_test(test_plain_title_not_below_numbers),
        cmocka_unit_test(test_runs_of_short_lines),
        cmocka_unit_test(test_paragraph_tail),
        cmocka_unit_test(test_signature_is_not_a_heading),
        cmocka_unit_test(test_document_title),
        cmocka_unit_test(test_front_and_back_matter),
        cmocka_unit_test(test_table_of_contents),
        cmocka_unit_test(test_items),
        cmocka_unit_test(test_items_do_not_change_levels),
        cmocka_unit_test(test_digit_continuations),
        cmocka_unit_test(test_clauses_are_body),
        cmocka_unit_test(test_chapter_mentions),
        cmocka_unit_test(test_novel_titles_with_wide_spaces),
        cmocka_unit_test(test_traditional),
        cmocka_unit_test(test_line_numbers_with_crlf_and_blank_lines),
        cmocka_unit_test(test_empty_documents),
        cmocka_unit_test(test_title_cleaning),
        cmocka_unit_test(test_node_at_and_ends),
        cmocka_unit_test(test_deep_nesting_is_bounded),
        cmocka_unit_test(test_fixture_regulation),
        cmocka_unit_test(test_fixture_novel),
        cmocka_unit_test(test_fixture_markdown_notes),
        cmocka_unit_test(test_fixture_traditional),
        cmocka_unit_test(test_fixture_webpage),
        cmocka_unit_test(test_fixture_hard_wrapped),
        cmocka_unit_test(test_bundled_guide_showcase),
        cmocka_unit_test(test_bundled_guide_traps),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
