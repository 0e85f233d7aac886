/* Words for yuedu --outline --explain: what each reason and each numbering
 * style means, so that a reader can see why a line is or is not in the
 * outline and write a rule of their own (docs/OUTLINE.md). */
#include "yuedu/outline.h"

const char *yd_outline_reason_text(yd_outline_reason reason)
{
    switch (reason) {
    case YD_WHY_PROSE: return "prose";
    case YD_WHY_NODE: return "built-in convention";
    case YD_WHY_RULE: return "your rule";
    case YD_WHY_DOC_TITLE: return "the document's own title";
    case YD_WHY_MARKER_TITLE: return "the title of the bare marker above";
    case YD_WHY_RESTATES: return "restates the title of the marker above";
    case YD_WHY_RUN: return "one of a run of short lines (links, banner, byline)";
    case YD_WHY_SIGNATURE: return "only dates and bylines follow (a signature)";
    case YD_WHY_PARAGRAPH_TAIL: return "the rest of a paragraph broken across lines";
    case YD_WHY_BELOW_NUMBERS: return "an unnumbered line may not sit below numbered headings";
    case YD_WHY_IN_ARTICLE: return "inside an article or annex of a statute";
    case YD_WHY_BELOW_PROVISION: return "below the numbered provisions of a rule";
    case YD_WHY_ATTACHMENTS: return "in the list of attachments (附件：)";
    case YD_WHY_SPEAKER: return "a speaker's name above the salutation";
    case YD_WHY_MATTER_PLACE: return "front or back matter at the end or inside a paragraph";
    case YD_WHY_CLAUSE: return "a clause of an enumeration (ends in ；)";
    case YD_WHY_OTHER: return "a date, byline, tag, label, bullet or contents entry";
    case YD_WHY_DIALOGUE: return "a line of dialogue";
    case YD_WHY_MENTION: return "mentions a chapter or article inside a sentence";
    case YD_WHY_LISTED_NUMBERS: return "numbers listed in a sentence";
    case YD_WHY_WRAPPED: return "the first line of a hard-wrapped paragraph";
    case YD_WHY_NOTICE: return "inside the notice fenced by rules at the top";
    case YD_WHY_INDENTED: return "indented like a paragraph";
    case YD_WHY_IN_CHAPTER: return "inside a chapter of a novel (a poem, a letter)";
    case YD_WHY_NAMED_WORK: return "a work named in 《》 alone on a line";
    case YD_WHY_SALUTATION: return "a salutation or lead-in ending in a colon";
    case YD_WHY_FURNITURE: return "a web site's furniture (a URL, a notice, an ad), dimmed by the reader";
    case YD_WHY_PURIFIED: return "hidden by a purify rule of the configuration";
    case YD_WHY_COUNT: break;
    }
    return "?";
}

const char *yd_outline_style_text(yd_heading_style style)
{
    switch (style) {
    case YD_NUM_NONE: return "line";
    case YD_NUM_GROUP: return "title of a group of divisions";
    case YD_NUM_PIAN: return "division 篇";
    case YD_NUM_BIAN: return "division 编/편";
    case YD_NUM_FENBIAN: return "division 分编";
    case YD_NUM_BU: return "division 部 (part)";
    case YD_NUM_JUAN: return "division 卷";
    case YD_NUM_ZHANG: return "division 章/장";
    case YD_NUM_KUAN: return "division 款";
    case YD_NUM_MU: return "division 目";
    case YD_NUM_JIE: return "division 节/절";
    case YD_NUM_HUI: return "division 回";
    case YD_NUM_JIANG: return "division 讲";
    case YD_NUM_COLON: return "division 一: alone";
    case YD_NUM_AOZORA_L: return "Aozora 大見出し";
    case YD_NUM_AOZORA_M: return "Aozora 中見出し";
    case YD_NUM_AOZORA_S: return "Aozora 小見出し";
    case YD_NUM_ANNEX: return "annex or 附则";
    case YD_NUM_USER_ARTICLE: return "division by your rule";
    case YD_NUM_CN: return "numbered heading 一、";
    case YD_NUM_PAREN_CN: return "numbered heading （一）";
    case YD_NUM_CN_HALF: return "numbered heading 一）";
    case YD_NUM_AR: return "numbered heading 1.";
    case YD_NUM_PAREN_AR: return "numbered heading （1）";
    case YD_NUM_AR_HALF: return "numbered heading 1）";
    case YD_NUM_DOTTED2: return "numbered heading 1.1";
    case YD_NUM_DOTTED3: return "numbered heading 1.1.1";
    case YD_NUM_CIRCLED: return "numbered heading ①";
    case YD_NUM_MARKDOWN: return "Markdown heading";
    case YD_NUM_PLAIN: return "short title line";
    case YD_NUM_FRONT: return "front matter";
    case YD_NUM_BACK: return "back matter";
    case YD_NUM_USER_HEADING: return "heading by your rule";
    case YD_NUM_USER_ITEM: return "item by your rule";
    case YD_NUM_USER_TEXT: return "text by your rule";
    case YD_NUM_ITEM: return "item or article of a statute";
    case YD_NUM_COUNT: break;
    }
    return "?";
}
