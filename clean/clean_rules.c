/* clean_rules.c - named PCRE2 rules for classes of site furniture.
 *
 * Each rule names a class of noise ("prev_next", "cookie", ...) and is a
 * pattern matched against one whole trimmed line.  The rules describe
 * classes, not sites: "a line that is only share buttons", "a line that
 * starts with a previous/next marker and names another article", in the
 * styles and languages scraped pages use.  The first rule that matches a
 * line decides it, so specific rules come before general ones.
 *
 * Input is untrusted: patterns are compiled with PCRE2_MATCH_INVALID_UTF
 * (invalid bytes never match, and never stop matching), JIT-compiled
 * where the platform allows, and run under a match limit.  They are
 * compiled without PCRE2_UCP: \b, \d, \s and \w are ASCII (the cleaner
 * turns Unicode spaces into ASCII ones before matching), which makes the
 * JIT code several times faster; letters of other scripts are matched
 * with explicit properties (\p{L}).
 *
 * Speed: the table only ever sees lines of at most KB_CLEAN_RULE_MAX
 * bytes.  An anchored rule is tried only on lines whose first byte can
 * start it (PCRE2 reports the possible first bytes of each pattern); a
 * searched rule only on lines within its word limit that contain one of
 * its hint words.  Most lines of an article run a handful of patterns.
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/kb_regex.h"
#include "clean_internal.h"

/* The patterns are written to run in linear time (possessive and atomic
 * groups around every repetition of alternatives), so the match limits
 * of kb_regex.h only guard against a mistake: a line that exhausts them
 * simply does not match. */

/* Inline clean-ups look for a "Read more" tail only in the last bytes of
 * a line; the tail is never longer than this. */
#define TAIL_WINDOW 80

/* ---- shared pieces ---- */

/* Separators between the items of a widget or menu line: spaces,
 * punctuation, symbols (|, ·, ✉, ★, emoji) and counts ("Like (12)"). */
#define SEPS "[\\s\\p{P}\\p{S}\\p{N}]"

/* A line made only of words from VOCAB (at least MIN of them), with
 * separators around them.  The atomic group lets the alternation try its
 * branches but never re-enter a finished word, and the possessive
 * repetitions keep the match linear. */
#define VOCAB_LINE(vocab, min)                                                 \
	"^" SEPS "*+(?:(?>(?:" vocab ")(?![\\p{L}\\p{N}]))" SEPS "*+){" min    \
	",}+$"

/* A date in the forms bylines use: 2023-04-02, 2019/12/12, 12.03.2021,
 * 2 Jun 2012, June 2, 2012, 2012年3月2日. */
#define MONTH                                                                  \
	"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?"
#define DATE                                                                   \
	"(?:\\d{4}\\s*[-/.年]\\s*\\d{1,2}\\s*[-/.月]\\s*\\d{1,2}日?"        \
	"|\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{2,4}"                                  \
	"|\\d{1,2}(?:st|nd|rd|th)?\\s+" MONTH ",?\\s+\\d{4}"                   \
	"|" MONTH "\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4})"

/* Filler sentences: page chrome written as prose, inviting the reader to
 * read on, hoping the text helped, or announcing what comes next.  They
 * are the stock phrases of content farms (often machine-translated), not
 * statements about health.  Each branch starts a sentence. */
#define FILLER                                                                 \
	"(?:(?:now\\s+|so\\s+|then\\s+|next,?\\s+)?(?:let'?s|let\\s+us)\\s+"   \
	"(?:(?:take|have)\\s+a\\s+(?:closer\\s+|quick\\s+)?look(?!\\s+at\\b)"  \
	"|find\\s+out\\s+(?:together|below|more)|get\\s+to\\s+know\\s+"        \
	"(?:it|them|more)|check\\s+it\\s+out|(?:look|see|learn|explore|find"   \
	"\\s+out)\\s+(?:together|below|with\\s+(?:the|our)\\s+editor|at\\s+"   \
	"(?:it|them|this)\\s+together|the\\s+(?:detailed\\s+)?(?:introduction" \
	"|answers?|analysis)))\\b"                                             \
	"|(?:now\\s+|next,?\\s+)?let\\s+(?:me|the\\s+editor|our\\s+editor"     \
	"|the\\s+author|the\\s+doctor|the\\s+experts?)\\s+(?:introduce"        \
	"|tell|give|show|explain|share|take|answer|analy[sz]e|talk)\\b"        \
	"|(?:you|we|everyone|readers)\\s+can\\s+refer\\s+to\\s+(?:the\\s+)?"   \
	"(?:following|below|content\\s+below)\\b"                              \
	"|(?:please\\s+)?refer\\s+to\\s+the\\s+following\\b"                   \
	"|i\\s+(?:sincerely\\s+|really\\s+)?hope\\s+(?:that\\s+)?"             \
	"(?:everyone|everybody|you\\s+(?:can|will|all)|the\\s+above|this\\s+"  \
	"(?:article|content|information|answer|introduction)|it\\s+(?:is|"     \
	"can|will)\\s+(?:helpful|help|useful)|my\\s+(?:answer|introduction)"   \
	"|the\\s+(?:content|article|information|answer|introduction))\\b"      \
	"|the\\s+above\\s+(?:is|are|content|introduction|information)\\b"      \
	"|that'?s\\s+all\\s+for\\s+(?:today|this|now)\\b"                      \
	"|(?:friends|those|people|anyone|readers)\\s+who\\s+(?:want|wants"     \
	"|would\\s+like|are\\s+interested|need)\\s+to\\s+(?:know|learn"        \
	"|understand)\\b[^.!?]{0,40}?\\bcome\\b"                               \
	"|come\\s+and\\s+(?:have|take)\\s+a\\s+look\\b"                        \
	"|(?:take|have)\\s+a\\s+look\\s+with\\s+(?:the|our)\\s+editor\\b"      \
	"|(?:follow|with)\\s+(?:the|our)\\s+editor\\s+to\\b"                   \
	"|(?:see|look\\s+at|read)\\s+the\\s+(?:detailed\\s+)?(?:introduction"  \
	"|analysis|answer|explanation)\\s+below\\b"                            \
	"|click\\s+here\\s+(?:to|for)\\b"                                      \
	"|(?:remember|don'?t\\s+forget)\\s+to\\s+(?:like|share|follow"         \
	"|subscribe|bookmark|collect)\\b"                                      \
	"|(?:you\\s+are\\s+)?welcome\\s+to\\s+(?:follow|consult|leave\\s+a"    \
	"|share|pay\\s+attention)\\b)"

/* The rest of a filler sentence: up to its end. */
#define SENTENCE_REST "[^.!?。！？\\n]{0,100}+(?:[.!?。！？]++|$)"

/* ---- vocabularies of widget lines ---- */

#define SHARE_VOCAB                                                            \
	"share(?:\\s+(?:this|on|to|via|with|it|article|page|post|story"        \
	"|now))*+|shares|tweet(?:\\s+(?:this|it))?|retweet|pin(?:\\s+it)?"     \
	"|e-?mail(?:\\s+(?:this(?:\\s+(?:article|page))?|to\\s+a\\s+friend"    \
	"|a\\s+friend|article|page))?|print(?:\\s+(?:this|article|page"        \
	"|friendly|version))*+|printer[\\s-]friendly(?:\\s+version)?"          \
	"|copy(?:\\s+(?:the\\s+)?(?:link|url))?|link\\s+copied|facebook"       \
	"|twitter|x|linkedin|whatsapp|pinterest|reddit|telegram|tumblr"        \
	"|flipboard|pocket|wechat|weibo|qzone|qq(?:\\s+space)?|douban|line"    \
	"|pdf|friendly|listen(?:\\s+to\\s+this\\s+(?:article|page))?"          \
	"|viber|messenger|sms|vk|f|t|in|g\\+|google\\+|save(?:\\s+(?:article"  \
	"|for\\s+later))?|saved|collect(?:ion)?|bookmark|favou?rites?"         \
	"|add\\s+to\\s+favou?rites|like|likes|font(?:\\s+size)?|text\\s+size"  \
	"|size|aa?a?|a\\+|a-|larger|smaller|reset|send(?:\\s+to\\s+a\\s+"      \
	"friend)?|forward|分享到?|收藏|打印|点赞|转发|字号|大|中|小"

#define LOGIN_VOCAB                                                            \
	"log\\s*in|log\\s*out|sign\\s*in|sign\\s*out|sign\\s*up|register"      \
	"|registration|join\\s+(?:now|free|us)|create\\s+(?:an\\s+)?account"   \
	"|my\\s+(?:account|profile|favou?rites|library)|account|profile"       \
	"|search(?:\\s+(?:for|this\\s+site|the\\s+site|articles))?"            \
	"|enter\\s+(?:your\\s+)?(?:keywords?|search\\s+terms?)|keywords?"      \
	"|menu|main\\s+menu|open\\s+menu|close\\s+menu|toggle\\s+(?:"          \
	"navigation|menu|search)|navigation|skip\\s+to\\s+(?:the\\s+)?"        \
	"(?:main\\s+)?(?:content|navigation|search|footer)|skip\\s+"           \
	"(?:navigation|links)|mobile\\s+(?:version|site)|desktop\\s+"          \
	"(?:version|site)|full\\s+site|welcome|please|hello|hi|guest"          \
	"|forgot\\s+(?:your\\s+)?password|password|username|remember\\s+me"    \
	"|back\\s+to\\s+top|close|go|submit|登录|注册|搜索|退出"

#define COOKIE_VOCAB                                                           \
	"accept(?:\\s+all)?(?:\\s+cookies)?|reject(?:\\s+all)?|decline"        \
	"|deny|allow(?:\\s+all)?(?:\\s+cookies)?|i\\s+(?:agree|accept)"        \
	"|agree|got\\s+it|ok(?:ay)?|cookie\\s+(?:settings|policy"              \
	"|preferences)|manage\\s+(?:cookies|preferences|settings|options"      \
	"|consent)|customi[sz]e|settings|preferences|learn\\s+more"            \
	"|read\\s+more|more\\s+info(?:rmation)?|privacy\\s+policy|dismiss"     \
	"|continue|necessary\\s+only|only\\s+necessary|save\\s+(?:settings"    \
	"|preferences|choices)"

#define FOOTER_VOCAB                                                           \
	"about(?:\\s+us)?|contact(?:\\s+us)?|privacy(?:\\s+(?:policy|notice"   \
	"|statement|settings))?|terms(?:\\s+(?:of\\s+(?:use|service)|and\\s+"  \
	"conditions|&\\s+conditions))?|conditions\\s+of\\s+use|cookie\\s+"     \
	"(?:policy|settings)|cookies|sitemap|site\\s+map|careers|jobs"         \
	"|advertise(?:\\s+with\\s+us)?|advertising|accessibility|help|faqs?"   \
	"|disclaimer|friendly\\s+links|links|feedback|press|media\\s+kit"      \
	"|editorial\\s+(?:policy|standards|team)|our\\s+team|team|newsroom"    \
	"|partners|legal|imprint|impressum|copyright|rss|support|home"         \
	"|subscribe|newsletter|blog|corrections|do\\s+not\\s+sell\\s+my\\s+"   \
	"(?:personal\\s+)?info(?:rmation)?|forum\\s+rules|rules|contact\\s+"   \
	"the\\s+(?:moderators|editors|team)|关于我们|联系我们"         \
	"|隐私政策|网站地图"

/* The labels of advertisements: "ADVERTISEMENT - CONTINUE READING BELOW",
 * "Sponsored Links", "Ads by Google". */
#define AD_VOCAB                                                               \
	"advertisements?|advertising|advertorial|ad\\s*choices|adchoices"      \
	"|ads\\s+by\\s+\\w+|ads?|sponsored(?:\\s+(?:content|links?|posts?"     \
	"|stories|results|by))?|promoted(?:\\s+(?:content|stories|links?))?"   \
	"|paid\\s+(?:content|post|partnership)|partner\\s+content"             \
	"|recommended\\s+by|(?:story|article|content)\\s+continues(?:\\s+"     \
	"(?:below|after))?|continue\\s+reading(?:\\s+(?:below|the\\s+main\\s+" \
	"story))?|scroll\\s+(?:down\\s+)?to\\s+continue(?:\\s+reading)?"       \
	"|anzeige|werbung|publicit[ée]|publicidad|pubblicit[àa]|广告|推广"

/* Navigation menu items of health and general sites. */
#define NAV_VOCAB                                                              \
	"home(?:page)?|news|latest|videos?|tools|community|forums?|blog"       \
	"|diseases?(?:\\s*(?:&|and)\\s*conditions)?|conditions|drugs"          \
	"(?:\\s*(?:&|and)\\s*supplements)?|supplements|medications"            \
	"|symptoms?(?:\\s+checker)?|women(?:'s\\s+health)?|men(?:'s\\s+"       \
	"health)?|children|kids|teens|parenting|pregnancy|babies|seniors"      \
	"|elderly|ageing|aging|fitness|exercise|diet|nutrition|food|recipes"   \
	"|healthy\\s+(?:living|eating|lifestyle|aging|ageing)|wellness"        \
	"|well-being|lifestyle|beauty|sex(?:ual\\s+health)?|relationships"     \
	"|sleep|mental\\s+health|ask\\s+(?:a|the|our)\\s+(?:doctor|expert"     \
	"|experts|pharmacist)|find\\s+a\\s+doctor|doctors|hospitals|experts"   \
	"|chinese\\s+medicine|tcm|health(?:\\s+(?:a\\s*-\\s*z|news|topics"     \
	"|tools|centers?|knowledge|care|living|library|encyclopedia))?"        \
	"|a\\s*-\\s*z|topics|categories|more|shop|store|q\\s*&\\s*a"           \
	"|podcasts?|covid-19|coronavirus|heart\\s+health|medical\\s+"          \
	"encyclopedia|encyclopedia|library|resources|tests|treatments"         \
	"|procedures|vaccines|about(?:\\s+us)?|contact(?:\\s+us)?|login"       \
	"|register|search|menu|video|首页|资讯|健康"

/* Words that end a site's name: "Spinal Post", "Kind Clinic Online". */
#define SITE_NOUNS                                                             \
	"online|network|net|website|web|site|times|journal|magazine"           \
	"|encyclopedia|hub|corner|today|daily|weekly|monthly|tips|guide"       \
	"|portal|news|post|digest|gazette|herald|tribune|blog|forum"           \
	"|community|channel|tv|radio|press|reporter|zone|central|club|wiki"    \
	"|answers|insider|notes|bulletin|express|net\\s+inc|inc|ltd|llc"

/* ---- the rule table ---- */

/* Cheap tests a line must pass before a rule that scans it runs (flags
 * private to this file, above the KB_CR_* ones). */
#define NEED_ARROW 0x1000u /* ends in a forward arrow */
#define NEED_CRUMB 0x2000u /* has a breadcrumb separator */
#define NEED_MENU 0x4000u  /* has a menu separator */
#define NEED_MASK 0x7000u

typedef struct rule_def {
	const char *name;    /* the noise class it reports */
	unsigned flags;      /* KB_CR_* */
	const char *pattern; /* anchored ("^...") or searched for */
	unsigned max_words;  /* applies to lines of at most this many
	                        words; 0: any */
	const char *also;    /* a second pattern that must be found
	                        too, or NULL */
	const char *hint;    /* for a searched rule: words, one of
	                        which a line must contain (ASCII case
	                        folded, '|' between them) for the
	                        pattern to run at all; NULL: none */
} rule_def_t;

static const rule_def_t rule_defs[] = {
    /* Lines with no letter or digit at all: "----------", "* * *". */
    {"separator", KB_CR_MID, "^[\\p{P}\\p{S}\\s]++$", 0, NULL, NULL},

    /* Whole-line filler, possibly after a short rhetorical question
     * ("What should we do? Let's see the introduction below."). */
    {"filler", KB_CR_MID,
     "^(?:[^.!?。！？]{0,80}+[?？]\\s*+)?" FILLER SENTENCE_REST "$", 0, NULL,
     NULL},

    /* Pagination before previous/next: "1 2 3 Next »", "Page 1 of 3". */
    {"pagination", KB_CR_TAIL,
     "^(?:page\\s+\\d+\\s*(?:of|/)\\s*\\d+|第\\s*\\d+\\s*页)", 0, NULL, NULL},
    {"pagination", KB_CR_TAIL,
     "^(?:[\\[(«‹<]*\\s*(?:first|prev(?:ious)?|上一页|首页)\\s*"
     "[\\])»›>]*\\s+)?\\[?\\d{1,3}\\]?(?:\\s+\\[?\\d{1,3}\\]?|\\s+"
     "(?:\\.{3}|…))++\\s+(?:\\[?\\s*(?:next|last|下一页|尾页)\\s*\\]?"
     "\\s*[»›>→]*|[»›>→]+)$",
     0, NULL, NULL},
    {"pagination", KB_CR_TAIL, "^\\[\\d{1,3}\\](?:\\s*\\[\\d{1,3}\\])++$", 0,
     NULL, NULL},
    {"pagination", 0,
     "^(?:load|show|view|see)\\s+more(?:\\s+(?:articles|posts|stories"
     "|results|news))?$",
     0, NULL, NULL},

    /* A whole line that only says "read more", possibly with the title
     * of what it links to. */
    {"read_more", KB_CR_MID,
     "^[\\[(（【]?\\s*(?:read\\s+(?:more|full\\s+(?:article|story|text"
     "|post)|the\\s+full\\s+(?:article|story)|next)|continue\\s+reading"
     "|keep\\s+reading|view\\s+(?:full\\s+(?:text|article|story)|more"
     "|original(?:\\s+(?:text|article))?)|full\\s+(?:text|article"
     "|story)|see\\s+more|show\\s+more|learn\\s+more|find\\s+out\\s+more"
     "|more\\s+details|click\\s+(?:here\\s+)?(?:to\\s+)?(?:expand"
     "|read\\s+more|continue|see\\s+more|view|enlarge)|expand|collapse"
     "|more|leer\\s+m[áa]s|lire\\s+la\\s+suite|weiterlesen|mehr\\s+lesen"
     "|continua\\s+a\\s+leggere|阅读全文|查看全文|阅读更多|展开全文)\\s*[\\])"
     "）】]?\\s*"
     "(?:[»›>→…]+|\\.{2,})?\\s*(?:[:：]\\s*.{1,150})?$",
     0, NULL, NULL},
    {"read_more", KB_CR_MID, "^click\\s+here\\b.{0,120}$", 0, NULL, NULL},

    /* Previous/next links, in arrow, label and translated styles. */
    {"prev_next", KB_CR_TAIL,
     "^(?:<<|«|‹|←|⟵|⇐|◀|◄|<(?![\\d=]))\\s*[:：]?\\s*\\S", 0, NULL, NULL},
    {"prev_next", KB_CR_TAIL, "^(?:>>|»|›|→|⟶|⇒|▶|►)\\s*[:：]?\\s*\\S", 0, NULL,
     NULL},
    {"prev_next", KB_CR_TAIL,
     "^(?:previous|prev|next|last|upper|lower|older|newer|earlier"
     "|later|following|preceding)(?:\\s+(?:article|post|page|one|entry"
     "|story|chapter|item|topic|thread|question|part|section|lesson"
     "|episode|video|news|read))?\\s*[:：](?!.*\\.\\s*$)",
     0, NULL, NULL},
    {"prev_next", KB_CR_TAIL,
     "^(?:previous|prev|next|older|newer)(?:\\s+(?:article|post|page"
     "|entries|entry|posts|story|thread|topic|chapter))?\\s*"
     "(?:[|/·»>›→]|$)",
     0, NULL, NULL},
    {"prev_next", KB_CR_TAIL,
     "^(?:上一篇|下一篇|上一页|下一页|上一章|下一章|上一条|下一条"
     "|上篇|下篇|前一篇|后一篇|前の記事|次の記事)",
     0, NULL, NULL},
    {"prev_next", KB_CR_TAIL,
     "^(?:article\\s+(?:précédent|suivant)|précédente?|suivante?"
     "|art[ií]culo\\s+(?:anterior|siguiente)|entrada\\s+(?:anterior"
     "|siguiente)|anterior|siguiente|pr[óo]ximo|zurück|weiter"
     "|vorherige[rs]?(?:\\s+(?:artikel|beitrag))?|n[äa]chste[rs]?"
     "(?:\\s+(?:artikel|beitrag))?|articolo\\s+(?:precedente"
     "|successivo)|precedente|successivo|vorige|volgende|poprzedni"
     "|następny|предыдущая|следующая|предыдущий|следующий|назад|далее"
     "|sebelumnya|selanjutnya|önceki|sonraki|前へ|次へ|이전\\s*글"
     "|다음\\s*글|이전|다음)\\s*(?:[:：»«›‹>→←|]|$)",
     0, NULL, NULL},
    /* A title followed by a forward arrow: "Newer post »". */
    {"prev_next", KB_CR_TAIL | NEED_ARROW,
     "^(?=[^»›→<>]*\\p{L})(?![^»›→<>]*\\b(?:read\\s+(?:more|full\\s+\\w+)"
     "|continue\\s+reading|more)\\s*(?:>>|»|›|→|⟶|⇒)$)[^»›→<>]{1,200}+"
     "(?:>>|»|›|→|⟶|⇒)$",
     0, NULL, NULL},

    /* Tables of contents: the heading, or the heading with its items. */
    {"toc", KB_CR_TOCHEAD,
     "^(?:table\\s+of\\s+contents?|contents|in\\s+this\\s+(?:article"
     "|page|post|guide|section)|on\\s+this\\s+page|jump\\s+to(?:\\s+"
     "section)?|skip\\s+to\\s+section|quick\\s+links|article\\s+"
     "(?:directory|contents|outline|navigation|index)|page\\s+contents"
     "|what'?s\\s+in\\s+this\\s+(?:article|guide)|navigate\\s+this\\s+"
     "(?:article|page)|目录|本文目录|文章目录)\\s*[:：]?\\s*"
     "(?:\\[\\s*(?:hide|show)\\s*\\])?$",
     0, NULL, NULL},
    {"toc", 0,
     "^(?:table\\s+of\\s+contents?|contents|in\\s+this\\s+article"
     "|on\\s+this\\s+page|jump\\s+to)\\s*[:：]\\s*\\S.{0,300}$",
     0, NULL, NULL},

    /* Lists of other articles: their headings. */
    {"related", KB_CR_TAIL,
     "^(?:related(?:\\s+(?:articles?|posts?|stories|reading|content"
     "|topics|links|recommendations|questions|threads|news|videos))?"
     "|similar\\s+(?:articles?|posts?|threads|questions|topics"
     "|stories)|recommended(?:\\s+(?:for\\s+you|reading|articles?"
     "|posts?|stories|videos))?|(?:most\\s+)?popular(?:\\s+(?:articles?"
     "|posts?|stories|topics|now|today|this\\s+week))?|trending(?:\\s+"
     "(?:now|articles?|topics|stories|this\\s+week))?|latest(?:\\s+"
     "(?:articles?|posts?|news|stories|updates))|hot\\s+(?:articles?"
     "|topics|posts?|news|reads?|stories)|more\\s+(?:from|in|on|about)"
     "(?:\\s+\\S+){1,4}|more\\s+(?:articles?|stories|like\\s+this|to\\s+"
     "(?:read|explore))|further\\s+reading|you\\s+(?:may|might)\\s+also"
     "\\s+(?:like|enjoy|be\\s+interested\\s+in)|(?:people|readers|others"
     "|visitors)\\s+also\\s+(?:read|ask|asked|viewed|liked)|explore\\s+"
     "more|guess\\s+you\\s+(?:like|will\\s+like)"
     "|read\\s+(?:next|also)|see\\s+also|also\\s+read|most\\s+(?:read"
     "|viewed|shared|commented|emailed)(?:\\s+(?:articles?|stories"
     "|this\\s+(?:week|month)|today))?|editor'?s\\s+(?:picks?|choice)"
     "|top\\s+(?:stories|articles|posts)|don'?t\\s+miss|in\\s+case\\s+"
     "you\\s+missed\\s+it|what\\s+to\\s+read\\s+next|相关文章|相关阅读"
     "|热门文章|推荐阅读|猜你喜欢|延伸阅读)\\s*[:：]?$",
     0, NULL, NULL},

    /* Hot searches: a label and a list of search terms. */
    {"hot_search", 0,
     "^(?:trending(?:\\s+(?:now|searches|topics))?|hot\\s+(?:searches"
     "|search|words|keywords|topics)|popular\\s+(?:searches|tags"
     "|topics)|people\\s+(?:also\\s+)?search(?:ed)?\\s+for|top\\s+"
     "searches|热搜|热门搜索|热门标签|大家都在搜)\\s*[:：]\\s*\\S",
     0, NULL, NULL},

    /* Tag lists. */
    {"tags", KB_CR_TAIL,
     "^(?:tags?|tagged(?:\\s+(?:with|as|in))?|labels?|keywords?|key\\s+"
     "words|topics?|related\\s+(?:tags|topics|keywords)|filed\\s+under"
     "|categories|category|posted\\s+in|subjects?|标签|关键词|关键字)"
     "\\s*[:：]\\s*\\S",
     0, NULL, NULL},

    /* Links to one other article: "Related: X", "See also: X". */
    {"related", KB_CR_MID,
     "^(?:related|see\\s+also|also\\s+read|read\\s+also|recommended"
     "|you\\s+(?:may|might)\\s+also\\s+like|more\\s+on\\s+this)\\s*"
     "[:：]\\s*\\S.{0,150}$",
     0, NULL, NULL},

    /* Breadcrumbs. */
    {"breadcrumb", KB_CR_BREAD,
     "^(?:you\\s+are\\s+here|current\\s+(?:location|position|page)"
     "|your\\s+location|location|position|当前位置|您的位置|你的位置"
     "|所在位置)\\s*[:：]",
     0, NULL, NULL},
    {"breadcrumb", KB_CR_BREAD,
     "^(?:home|homepage|首页|主页)\\s*(?:>{1,2}|»|›|→|/|\\\\|::)\\s*\\S", 0,
     NULL, NULL},
    {"breadcrumb", KB_CR_BREAD | NEED_CRUMB,
     "^[^>»›→]{1,60}+(?:\\s*+(?:>{1,2}|»|›|→)\\s*+[^>»›→]{1,150}+){2,}+"
     "$",
     0, NULL, NULL},

    /* Bare domain names standing for the site. */
    {"site_header", 0,
     "^(?:https?://)?(?:www\\.)[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+"
     "/?$",
     0, NULL, NULL},
    {"site_header", 0,
     "^[\\p{L}\\p{N}-]+\\.(?:com|net|org|cn|co|info|io|health|care)"
     "(?:\\.[a-z]{2})?/?$",
     0, NULL, NULL},

    /* Comment sections (their headings and counts end an article) and
     * the per-post actions of forums (which do not). */
    {"comments", KB_CR_TAIL,
     "^\\d[\\d,.]*+\\s*(?:comments?|replies|responses|reviews|people\\s+"
     "(?:commented|replied)|条评论|评论)$",
     0, NULL, NULL},
    {"comments", KB_CR_TAIL,
     "^(?:comments?|replies|responses|reviews|评论)\\s*[\\(（\\[]\\s*"
     "\\d[\\d,.]*\\s*[\\)）\\]]$",
     0, NULL, NULL},
    {"comments", KB_CR_TAIL,
     "^(?:view|show|see|read|load|display)\\s+(?:all\\s+)?(?:\\d[\\d,.]*"
     "\\s+)?(?:more\\s+)?(?:comments?|replies|responses|reviews)"
     "(?:\\s*[\\(（]\\s*\\d[\\d,.]*\\s*[\\)）])?$",
     0, NULL, NULL},
    {"comments", KB_CR_TAIL,
     "^(?:leave|post|add|write|submit|make)\\s+(?:a\\s+|your\\s+)?"
     "(?:comment|reply|review|response)s?[.!]?$",
     0, NULL, NULL},
    {"comments", KB_CR_TAIL,
     "^(?:(?:user|reader|readers'?|netizen|visitor|latest|recent|all"
     "|top)\\s+)?(?:comments?|discussion|replies)\\s*[:：]?$",
     0, NULL, NULL},
    {"comments", KB_CR_TAIL,
     "^(?:be\\s+the\\s+first\\s+to\\s+(?:comment|review|reply)|no\\s+"
     "comments(?:\\s+yet)?|(?:log\\s*in|login|sign\\s+in|register)\\s+"
     "to\\s+(?:comment|reply|post)|join\\s+the\\s+(?:discussion"
     "|conversation)|your\\s+(?:comment|reply|review)|what\\s+do\\s+you"
     "\\s+think|have\\s+your\\s+say|comment\\s+policy)\\s*[.!?:]?$",
     0, NULL, NULL},
    {"comments", KB_CR_MID,
     VOCAB_LINE("reply(?:\\s+all)?|quote|report(?:\\s+abuse)?|edit"
                "|delete|flag|permalink|cancel\\s+reply",
                "1"),
     0, NULL, NULL},

    /* Author, date and view-count lines. */
    {"byline", 0,
     "^(?:posted|published|written|updated|reviewed|edited|created"
     "|submitted|started|compiled|contributed)\\s+(?:by|on|at|in)\\b",
     0, NULL, NULL},
    {"byline", 0,
     "^(?:(?:last|first|date)\\s+)?(?:updated|modified|reviewed|edited"
     "|revised|published|posted|created|released?|release\\s+time"
     "|publish(?:ed)?\\s+(?:time|date)|posted\\s+date|发布时间|更新时间)"
     "(?:\\s+(?:on|at))?\\s*[:：]?\\s*" DATE,
     0, NULL, NULL},
    {"byline", 0,
     "^(?:author|authors|writer|editor|editors|reporter|source|sources"
     "|date|time|release\\s+time|作者|来源|责任编辑|编辑|时间|日期)\\s*"
     "[:：].{0,80}?(?:\\s{2,}|\\s[|·•]\\s)(?:author|editor|source|date|time"
     "|views?|reading|reads|作者|来源|编辑|时间)\\s*[:：]",
     0, NULL, NULL},
    {"byline", 0,
     "^(?:date|time|posted|published|updated|release\\s+time"
     "|发布时间|时间|日期)\\s*[:：]\\s*" DATE,
     0, NULL, NULL},
    {"byline", 0, "^(?:author|written\\s+by|by|作者)\\s*[:：]\\s*\\S.{0,60}$",
     0, NULL, NULL},
    {"byline", 0,
     "\\b\\d[\\d,.]*+[kK]?\\s*(?:views|reads|visits|hits|pageviews"
     "|次浏览|次阅读|阅读|浏览)\\b",
     15, NULL, "view|read|visit|hits|\xe6\xb5\x8f|\xe9\x98\x85"},
    {"byline", 0, "\\b(?:views|reading|reads|阅读|浏览)\\s*[:：(]\\s*\\d", 15,
     NULL, "view|read|\xe6\xb5\x8f|\xe9\x98\x85"},
    {"byline", 0, "^" DATE "(?:\\s+\\d{1,2}:\\d{2}(?::\\d{2})?)?$", 0, NULL,
     NULL},
    {"byline", 0,
     "^(?:medically\\s+|expert\\s+)?(?:reviewed|fact[\\s-]checked)\\s+"
     "by\\b",
     0, NULL, NULL},
    {"byline", 0,
     "^this\\s+(?:article|page|content)\\s+(?:was|has\\s+been|is)\\s+"
     "(?:medically\\s+)?(?:reviewed|fact[\\s-]checked|written"
     "|updated)\\s+by\\b",
     0, NULL, NULL},
    {"byline", 0, "\\b\\d{1,3}\\s*min(?:ute)?s?\\s+read\\b", 20, NULL, "read"},
    {"byline", 0, "^reading\\s+time\\s*[:：]", 0, NULL, NULL},
    {"byline", KB_CR_CASE,
     "^By\\s+(?:Dr\\.?\\s+)?\\p{Lu}[\\p{L}'’-]+(?:\\s+\\p{Lu}[\\p{L}.'’-]*)"
     "{0,3}(?:\\s*(?:[,|·•—–]|\\s-\\s).{0,100})?$",
     0, NULL, NULL},
    {"byline", KB_CR_CASE,
     "^(?:Dr\\.?\\s+)?\\p{Lu}[\\p{L}'’-]+(?:\\s+\\p{Lu}[\\p{L}.'’-]*)"
     "{0,3},\\s*(?:MD|M\\.D\\.|DO|RN|RD|RDN|LD|PhD|Ph\\.D\\.|MPH|MS|MSc"
     "|MA|PT|DPT|NP|FNP|PA-C|PA|PharmD|DDS|DMD|DC|OD|LPN|CNM|IBCLC|CPT"
     "|ATC|CSCS|LCSW|PsyD|FACP|FAAP|MBBS|MRCP|BSN|MSN|DNP|APRN|CDE"
     "|CDCES|OT|SLP|CCC-SLP|MBA|MEd|EdD)(?:\\s*,\\s*[A-Z][A-Za-z./-]"
     "{1,10}){0,4}\\.?$",
     0, NULL, NULL},

    /* Ratings and helpfulness votes. */
    {"rating", KB_CR_TAIL,
     "^(?:was\\s+this|did\\s+you\\s+find\\s+this|is\\s+this|was\\s+the"
     "|did\\s+this)\\s+(?:(?:article|page|answer|post|information"
     "|content|story)\\s+)?(?:helpful|useful)\\?{0,1}(?:\\s*[|/·]?\\s*"
     "(?:yes|no)(?:\\s*[\\(（]\\d[\\d,]*[\\)）])?)*+\\s*$",
     0, NULL, NULL},
    {"rating", KB_CR_TAIL,
     "^(?:not\\s+)?(?:helpful|useful|unhelpful)\\s*[\\(（:：]\\s*\\d", 0, NULL,
     NULL},
    {"rating", KB_CR_TAIL,
     "^(?:average\\s+)?(?:user\\s+|reader\\s+)?rating\\s*[:：]?\\s*\\d", 0,
     NULL, NULL},
    {"rating", KB_CR_TAIL,
     "^(?:rate|rating)\\s+(?:this|the)\\s+(?:article|post|page|answer"
     "|story)",
     0, NULL, NULL},
    {"rating", KB_CR_TAIL, "[★☆✩✪✭⭐]{3}", 12, NULL, NULL},
    {"rating", KB_CR_TAIL,
     "\\b\\d(?:\\.\\d)?\\s*/\\s*(?:5|10)\\s*[\\(（]\\s*\\d[\\d,]*\\s*"
     "votes?",
     20, NULL, "vote"},
    {"rating", KB_CR_TAIL,
     "^(?:like|likes|dislike|upvotes?|downvotes?|thumbs\\s+up|votes?"
     "|👍|👎|❤️?|♥|赞|点赞)\\s*[\\(（:：]?\\s*\\d[\\d,.]*[kK]?"
     "\\s*"
     "[\\)）]?$",
     0, NULL, NULL},

    /* Widgets made of button labels. */
    {"share", KB_CR_MID, VOCAB_LINE(SHARE_VOCAB, "1"), 0, NULL, NULL},
    {"share", KB_CR_MID,
     "^(?:share|share\\s+(?:this|it|on|via|to|with)(?:\\s+(?:article|page"
     "|post|story))?|分享到?)\\s*[:：]\\s*.{0,150}$",
     0, NULL, NULL},
    {"login", 0, VOCAB_LINE(LOGIN_VOCAB, "1"), 0, NULL, NULL},
    {"cookie", 0, VOCAB_LINE(COOKIE_VOCAB, "1"), 0, NULL, NULL},
    {"footer_links", KB_CR_TAIL, VOCAB_LINE(FOOTER_VOCAB, "2"), 0, NULL, NULL},
    {"nav_menu", 0, VOCAB_LINE(NAV_VOCAB, "3"), 0, NULL, NULL},

    /* Cookie and consent banners. */
    {"cookie", 0, "\\bcookies?\\b", 45,
     "\\b(?:use[sd]?|using|accept|consent|polic(?:y|ies)|settings"
     "|experience|brows|continu|agree|personali[sz]|site|website"
     "|partners)",
     "cookie"},
    {"cookie", 0,
     "^by\\s+(?:using|continuing\\s+to\\s+(?:use|browse)|browsing"
     "|visiting|accessing)\\b.{0,200}\\b(?:agree|accept|consent)",
     0, NULL, NULL},
    {"cookie", 0, "^we\\s+(?:value|respect|care\\s+about)\\s+your\\s+privacy",
     0, NULL, NULL},

    /* Newsletter prompts. */
    {"newsletter", KB_CR_MID,
     "\\b(?:newsletters?|subscribe[ds]?"
     "|subscribing|subscriptions?|unsubscribe|mailing\\s+list|inbox"
     "|sign\\s+me\\s+up|e-?mail\\s+updates|订阅)\\b",
     25, NULL,
     "newsletter|subscri|mailing|inbox|sign me|mail update|\xe8\xae\xa2"},
    {"newsletter", KB_CR_MID,
     "^(?:enter\\s+)?(?:your\\s+)?e-?mail(?:\\s+address)?\\s*[:：]?$", 0, NULL,
     NULL},
    {"newsletter", KB_CR_MID,
     "^(?:sign\\s+up|join|subscribe)(?:\\s+(?:now|today|free|for\\s+"
     "free|here))?\\s*[.!]?$",
     0, NULL, NULL},
    {"newsletter", KB_CR_MID,
     "^stay\\s+(?:informed|updated|up\\s+to\\s+date|connected|in\\s+"
     "touch|in\\s+the\\s+loop)\\s*[.!]?$",
     0, NULL, NULL},
    {"newsletter", KB_CR_MID,
     "^join\\s+(?:over\\s+|more\\s+than\\s+)?\\d[\\d,.]*[kK+]*\\s+"
     "(?:readers|subscribers|people|members)",
     0, NULL, NULL},
    {"newsletter", KB_CR_MID,
     "^(?:get|receive)\\s+(?:our|the)\\s+(?:latest|free|best|weekly"
     "|daily|monthly)\\b.{0,80}(?:delivered|straight|every|in\\s+your"
     "|by\\s+e-?mail|newsletter)",
     0, NULL, NULL},

    /* Advertisements. */
    {"advertisement", KB_CR_MID, VOCAB_LINE(AD_VOCAB, "1"), 0, NULL, NULL},
    {"advertisement", KB_CR_MID,
     "^[\\[(（【]\\s*(?:ad|ads|advertisement|sponsored|广告)\\s*"
     "[\\])）】]",
     0, NULL, NULL},
    {"advertisement", KB_CR_MID,
     "^(?:ad|ads|advertisement|sponsored|promoted)\\s*[:：|]\\s*\\S", 0, NULL,
     NULL},

    /* Copyright and licence (ICP) notices. */
    {"copyright", KB_CR_TAIL,
     "(?:©|\\(c\\)\\s*(?:\\d{4}"
     "|copyright)|\\bcopyright\\b|\\ball\\s+rights\\s+reserved\\b"
     "|版权所有|著作权)",
     40, NULL,
     "\xc2\xa9|(c)|copyright|rights reserved|\xe7\x89\x88|\xe8\x91\x97"},
    {"licence", KB_CR_TAIL,
     "(?:\\bICP\\b|ICP备|ICP证"
     "|公网安备|网安备|备案号|public\\s+security\\s+(?:filing|record"
     "|registration)|licen[cs]e\\s+(?:no\\.?|number)\\s*[:：]?\\s*\\S*"
     "\\d|互联网药品信息服务|经营许可证|增值电信)",
     30, NULL, "icp|security|licen|\xe5|\xe7|\xe4\xba\x92|\xe7\xbb\x8f"},

    /* Disclaimers and reprint statements. */
    {"disclaimer", KB_CR_TAIL,
     "^(?:medical\\s+|legal\\s+|health\\s+)?disclaimer\\b", 0, NULL, NULL},
    {"disclaimer", KB_CR_TAIL,
     "^(?:special\\s+|legal\\s+|copyright\\s+)?(?:statement|declaration"
     "|notice|声明|免责声明|特别声明)\\s*[:：]",
     0, NULL, NULL},
    {"disclaimer", KB_CR_TAIL,
     "\\b(?:for\\s+(?:general\\s+)?"
     "(?:educational|informational|information|reference)\\s+"
     "(?:purposes\\s+)?only|does\\s+not\\s+(?:constitute|replace"
     "|substitute)\\s+(?:for\\s+)?(?:professional\\s+|medical\\s+|a\\s+)*"
     "(?:advice|diagnosis|consultation|care)|not\\s+(?:intended|meant)"
     "\\s+(?:to|as)\\s+(?:replace|be\\s+a\\s+substitute|a\\s+substitute"
     "|substitute|be\\s+used\\s+as\\s+medical|medical\\s+advice)|not\\s+"
     "a\\s+substitute\\s+for\\s+(?:professional\\s+)?(?:medical\\s+)?"
     "(?:advice|care|diagnosis|consultation|treatment)|any\\s+"
     "infringement|contact\\s+us\\s+(?:to|for)\\s+(?:delete|deletion"
     "|removal|remove)|reproduced\\s+from|reprinted\\s+(?:from|with)"
     "|views\\s+expressed\\s+(?:in|here|by)|do(?:es)?\\s+not\\s+"
     "(?:necessarily\\s+)?(?:represent|reflect)\\s+the\\s+(?:views"
     "|position|opinions?)|uploaded\\s+and\\s+published\\s+by"
     "|self-media|should\\s+not\\s+be\\s+used\\s+(?:to|for)\\s+"
     "(?:diagnos|self-diagnos|treat))",
     45, NULL,
     "purpos|constitut|replace|substitut|intended|meant|infring|contact "
     "us|reproduc|reprint|expressed|represent|reflect|uploaded|self-media|"
     "should not be used"},

    /* An author box starts the end of the article. */
    {"byline", KB_CR_TAIL,
     "^(?:about\\s+the\\s+(?:authors?|writers?|experts?|reviewers?)"
     "|author\\s+bio(?:graphy)?|meet\\s+the\\s+(?:author|experts?))\\s*"
     "[:：]?$",
     0, NULL, NULL},

    /* A link back to a section: "Back to Health A-Z". */
    {"nav_menu", 0,
     "^(?:back\\s+to|return\\s+to)\\s+(?![^\\n]*[.!?]$)\\S.{0,50}$", 0, NULL,
     NULL},

    /* Image captions and credits. */
    {"caption", KB_CR_MID,
     "^[\\[(（]?\\s*(?:photo|image|picture|illustration)\\s+(?:by|courtesy"
     "\\s+of|credit)\\b[^.!?]{0,80}[\\])）]?$",
     0, NULL, NULL},
    {"caption", KB_CR_MID,
     "^[\\[(（【]?\\s*(?:image|images|photo|photos|picture|pictures|pic"
     "|figure|fig\\.?|video|illustration|graphic|infographic|图片|图"
     "|视频)\\s*(?:source|credit|credits|courtesy|from|by)?\\s*[:：]"
     "\\s*[^.!?]{0,80}+[\\])）】]?$",
     0, NULL, NULL},
    {"caption", KB_CR_MID,
     "^[\\[(（【]\\s*(?:image|photo|picture|img|video|图片|视频|gallery"
     "|slideshow)s?\\s*[\\])）】]$",
     0, NULL, NULL},
    {"caption", KB_CR_MID,
     "^(?:(?:image|photo|picture)\\s+)?(?:source|credit|courtesy)\\s*"
     "[:：]\\s*(?:internet|network|the\\s+internet|web|getty|istock"
     "|shutterstock|adobe|pexels|unsplash|pixabay|网络)",
     0, NULL, NULL},
    {"caption", KB_CR_MID,
     "^(?:click|tap)\\s+(?:to\\s+)?(?:enlarge|zoom|expand|view\\s+"
     "(?:larger|full))",
     0, NULL, NULL},

    /* App and social promotions. */
    {"app_promo", KB_CR_MID,
     "^(?:get|download|install|try|open)\\s+(?:it\\s+on\\s+|in\\s+|the"
     "\\s+|our\\s+)?(?:free\\s+)?(?:mobile\\s+)?(?:app|application"
     "|apps)\\b",
     0, NULL, NULL},
    {"app_promo", KB_CR_MID,
     "\\b(?:app\\s+store|google\\s+"
     "play|play\\s+store)\\b",
     15, NULL, "app store|google play|play store"},
    {"app_promo", KB_CR_MID, "^(?:follow|like|find)\\s+(?:us|me)\\b", 0, NULL,
     NULL},
    {"app_promo", KB_CR_MID,
     "^(?:scan\\s+(?:the\\s+)?(?:qr\\s+)?code|扫码|扫一扫|关注(?:我们"
     "|公众号)|微信公众号)",
     0, NULL, NULL},

    /* Menus of short items separated by bars, dots or wide gaps. */
    {"nav_menu", NEED_MENU,
     "^(?![-*+•]\\s)(?:[^|·•/\\t.!?:;]{1,30}?(?:\\s*+[|·•]\\s*+|\\s{2,}+|\\t++"
     "|\\s/\\s)){2,}+[^|·•/\\t.!?:;\\s][^|·•/\\t.!?:;]{0,29}$",
     0, NULL, NULL},
};

#define NRULES (sizeof(rule_defs) / sizeof(rule_defs[0]))

/* Patterns used outside the table. */
static const char *const navword_pattern = VOCAB_LINE(NAV_VOCAB, "1");

static const char *const sitename_patterns[] = {
    /* "Spinal Post", "The Posture Hub", "Kind Clinic Online" */
    "^(?:the\\s+)?(?:[\\p{L}\\p{N}+&'’.-]+\\s+){0,4}(?:" SITE_NOUNS ")$",
    /* "SpineAnswers", "MoveWellDaily", "CareCompass" */
    "(?-i)^(?:\\p{Lu}\\p{Ll}++){2,}+$",
    /* a domain name: labels each with its dot, possessive, so that a
     * line of "a.a.a..." is not split every way before it fails */
    "^(?:https?://)?(?:www\\.)?(?:[\\p{L}\\p{N}-]++\\.)++"
    "(?:com|net|org|cn|co|info|io|health|care|uk|de|fr|es|it|au|ca"
    "|in|jp)/?$",
};

#define NSITE (sizeof(sitename_patterns) / sizeof(sitename_patterns[0]))

/* A glued "Read more" tail, matched in the last TAIL_WINDOW bytes. */
static const char *const readmore_pattern =
    "(?:\\s*+(?:\\.{2,}|…)\\s*(?i:read\\s+(?:more|full\\s+\\w+)|more"
    "|continue\\s+reading)|\\s*+[\\[(（【]\\s*(?i:read\\s+more|more"
    "|continue\\s+reading|full\\s+(?:text|article|story))\\s*[\\])）】]"
    "|\\s++(?:Read\\s+(?:[Mm]ore|[Ff]ull\\s+(?:[Aa]rticle|[Ss]tory"
    "|[Tt]ext)|the\\s+full\\s+(?:article|story))|READ\\s+MORE"
    "|Continue\\s+reading|Keep\\s+reading|View\\s+full\\s+(?:text"
    "|article)|See\\s+more)|\\s*+(?:阅读全文|查看全文|展开全文))"
    "\\s*(?:[»›>→]++|\\.{2,}|…)?\\s*$";

/* A filler sentence, matched anchored at a sentence start. */
static const char *const filler_pattern = FILLER SENTENCE_REST;

/* A source credit in parentheses: "(Source: Internet)", matched anchored
 * at its opening parenthesis. */
static const char *const source_pattern =
    "[(（]\\s*(?:image\\s+|photo\\s+|picture\\s+)?(?:source|来源)"
    "\\s*[:：][^)）]{0,100}[)）]";

typedef struct crule {
	pcre2_code *code;
	int anchored; /* matched at the start only; tried when
	                 the line's first byte can start it */
	pcre2_code *also;
	const char *name;
	unsigned flags;
	unsigned need; /* NEED_* */
	unsigned max_words;
	const char *hint;
} crule_t;

struct clean_rules {
	crule_t rules[NRULES];
	uint8_t first[256][(NRULES + 7) / 8]; /* for each first byte of a
	                           line, the anchored rules that can match:
	                           the others are not tried */
	pcre2_code *navword;
	pcre2_code *sitename[NSITE];
	pcre2_code *readmore;
	pcre2_code *filler;
	pcre2_code *source;
	int jit; /* every pattern is JIT-compiled: use the
	            fast path */
	kb_regex_matcher_t m;
	pcre2_jit_stack *jstack;
};

/* Compiles one pattern with the options every rule needs plus extra
 * (PCRE2_CASELESS unless the rule is case-sensitive), and JIT-compiles it
 * when JIT is available (a JIT failure is not an error: the interpreter
 * runs the pattern).  Returns NULL with a message in err on a compile
 * error. */
static pcre2_code *
compile(const char *pat, uint32_t extra, int *jit_ok, char *err, size_t errlen)
{
	kb_regex_error_t e;
	pcre2_code *re;

	if (kb_regex_compile(pat, strlen(pat), extra, KB_REGEX_JIT, &re,
			     &e) != KB_OK) {
		snprintf(err, errlen, "cleaner: pattern /%.60s/ at %zu: %s",
		         pat, e.offset, e.msg);
		return NULL;
	}
	if (!kb_regex_jitted(re))
		*jit_ok = 0;
	return re;
}

/* An anchored rule: one whole-line pattern and nothing else, tried only
 * on lines whose first byte can start it.  The others are searched for,
 * after cheap tests (word count, separators, hint words), so that most
 * lines never run them. */
static int
anchored(const rule_def_t *d)
{
	return d->pattern[0] == '^' && d->max_words == 0 && d->also == NULL &&
	       !(d->flags & NEED_MASK);
}

/* Notes in r->first which first bytes of a line can start a match of
 * anchored rule i, from what PCRE2 learned of its pattern: a first code
 * unit or a bitmap of them.  A rule with neither can start anywhere. */
static void
first_bytes(clean_rules_t *r, size_t i)
{
	const uint8_t *map = NULL;
	uint32_t type = 0, unit = 0;
	unsigned b;

	pcre2_pattern_info(r->rules[i].code, PCRE2_INFO_FIRSTCODETYPE, &type);
	pcre2_pattern_info(r->rules[i].code, PCRE2_INFO_FIRSTBITMAP, &map);
	for (b = 0; b < 256; b++) {
		int ok;

		if (type == 1) {
			pcre2_pattern_info(r->rules[i].code,
			                   PCRE2_INFO_FIRSTCODEUNIT, &unit);
			/* A caseless pattern matches the other case too. */
			ok = b == unit ||
			     ((b | 0x20) >= 'a' && (b | 0x20) <= 'z' &&
			      (b | 0x20) == (unit | 0x20));
		} else if (map != NULL) {
			ok = (map[b / 8] >> (b % 8)) & 1;
		} else {
			ok = 1;
		}
		if (ok)
			r->first[b][i / 8] |= (uint8_t)(1u << (i % 8));
	}
}

const char *
clean_rules_pattern(size_t i, uint32_t *opts)
{
	size_t k;

	for (k = 0; k < NRULES; k++) {
		const rule_def_t *d = &rule_defs[k];

		*opts = (d->flags & KB_CR_CASE) ? 0 : PCRE2_CASELESS;
		if (i == 0)
			return d->pattern;
		i--;
		if (d->also != NULL && i-- == 0)
			return d->also;
	}
	*opts = PCRE2_CASELESS;
	if (i < NSITE)
		return sitename_patterns[i];
	i -= NSITE;
	switch (i) {
	case 0:
		return navword_pattern;
	case 1:
		*opts = 0;
		return readmore_pattern;
	case 2:
		*opts = PCRE2_CASELESS | PCRE2_ANCHORED;
		return filler_pattern;
	case 3:
		*opts = PCRE2_CASELESS | PCRE2_ANCHORED;
		return source_pattern;
	default:
		return NULL;
	}
}

void
clean_rules_free(clean_rules_t *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < NRULES; i++) {
		pcre2_code_free(r->rules[i].code);
		pcre2_code_free(r->rules[i].also);
	}
	for (i = 0; i < NSITE; i++)
		pcre2_code_free(r->sitename[i]);
	pcre2_code_free(r->navword);
	pcre2_code_free(r->readmore);
	pcre2_code_free(r->filler);
	pcre2_code_free(r->source);
	kb_regex_matcher_free(&r->m);
	pcre2_jit_stack_free(r->jstack);
	free(r);
}

kb_status_t
clean_rules_new(clean_rules_t **out, char **errmsg)
{
	clean_rules_t *r;
	char err[256] = "";
	kb_status_t rc = KB_ERR_INTERNAL;
	size_t i;
	int jit = 1;

	*out = NULL;
	r = calloc(1, sizeof(*r));
	if (r == NULL)
		return KB_ERR_NOMEM;
	for (i = 0; i < NRULES; i++) {
		const rule_def_t *d = &rule_defs[i];

		uint32_t ci = (d->flags & KB_CR_CASE) ? 0 : PCRE2_CASELESS;

		r->rules[i].name = d->name;
		r->rules[i].flags = d->flags & ~NEED_MASK;
		r->rules[i].need = d->flags & NEED_MASK;
		r->rules[i].max_words = d->max_words;
		r->rules[i].hint = d->hint;
		r->rules[i].code =
		    compile(d->pattern, ci, &jit, err, sizeof(err));
		if (r->rules[i].code == NULL)
			goto fail;
		r->rules[i].anchored = anchored(d);
		if (r->rules[i].anchored)
			first_bytes(r, i);
		if (d->also != NULL) {
			r->rules[i].also =
			    compile(d->also, ci, &jit, err, sizeof(err));
			if (r->rules[i].also == NULL)
				goto fail;
		}
	}
	for (i = 0; i < NSITE; i++) {
		r->sitename[i] = compile(sitename_patterns[i], PCRE2_CASELESS,
		                         &jit, err, sizeof(err));
		if (r->sitename[i] == NULL)
			goto fail;
	}
	r->navword =
	    compile(navword_pattern, PCRE2_CASELESS, &jit, err, sizeof(err));
	r->readmore = compile(readmore_pattern, 0, &jit, err, sizeof(err));
	r->filler = compile(filler_pattern, PCRE2_CASELESS | PCRE2_ANCHORED,
	                    &jit, err, sizeof(err));
	r->source = compile(source_pattern, PCRE2_CASELESS | PCRE2_ANCHORED,
	                    &jit, err, sizeof(err));
	if (r->navword == NULL || r->readmore == NULL || r->filler == NULL ||
	    r->source == NULL)
		goto fail;
	if (kb_regex_matcher_init(&r->m, 4) != KB_OK) {
		rc = KB_ERR_NOMEM;
		goto fail;
	}
	/* 32 KiB is JIT's default stack; a larger one lets a pathological
	 * line fail on the match limit rather than on the stack. */
	r->jstack = pcre2_jit_stack_create(32 * 1024, 512 * 1024, NULL);
	if (r->jstack != NULL)
		pcre2_jit_stack_assign(r->m.mctx, NULL, r->jstack);
	/* pcre2_jit_match() skips pcre2_match()'s checks; it is safe here
	 * because every pattern has JIT code and accepts invalid UTF-8
	 * (PCRE2_MATCH_INVALID_UTF). */
	r->jit = jit;
	*out = r;
	return KB_OK;
fail:
	if (errmsg != NULL && err[0] != '\0')
		*errmsg = strdup(err);
	clean_rules_free(r);
	return rc;
}

/* Runs re on s[0..len) from start.  Returns 1 on a match (offsets in
 * r->m.md), 0 otherwise: no match, or any error such as the match limit,
 * which on untrusted input is a "no" too. */
static int
run(clean_rules_t *r, const pcre2_code *re, const char *s, size_t len,
    size_t start)
{
	int rc = r->jit ? pcre2_jit_match(re, (PCRE2_SPTR)s, len, start, 0,
	                                  r->m.md, r->m.mctx)
	                : pcre2_match(re, (PCRE2_SPTR)s, len, start, 0, r->m.md,
	                              r->m.mctx);

	return rc >= 0;
}

/* Words of s: runs of bytes other than ASCII white space. */
static unsigned
count_words(const char *s, size_t len)
{
	unsigned n = 0;
	int in = 0;
	size_t i;

	for (i = 0; i < len; i++) {
		int sp = s[i] == ' ' || s[i] == '\t';

		n += !sp && !in;
		in = !sp;
	}
	return n;
}

/* True when s ends with the UTF-8 bytes of a forward arrow or ">". */
static int
ends_arrow(const unsigned char *s, size_t len)
{
	if (len >= 1 && s[len - 1] == '>')
		return 1;
	if (len >= 2 && s[len - 2] == 0xC2 && s[len - 1] == 0xBB) /* » */
		return 1;
	/* › U+203A, → U+2192, ⟶ U+27F6, ⇒ U+21D2 */
	return len >= 3 && ((s[len - 3] == 0xE2 && s[len - 2] == 0x80 &&
	                     s[len - 1] == 0xBA) ||
	                    (s[len - 3] == 0xE2 && s[len - 2] == 0x86 &&
	                     s[len - 1] == 0x92) ||
	                    (s[len - 3] == 0xE2 && s[len - 2] == 0x9F &&
	                     s[len - 1] == 0xB6) ||
	                    (s[len - 3] == 0xE2 && s[len - 2] == 0x87 &&
	                     s[len - 1] == 0x92));
}

/* Which NEED_* tests the line s passes. */
static unsigned
needs(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned got = 0;
	size_t i;

	if (ends_arrow(u, len))
		got |= NEED_ARROW;
	for (i = 0; i < len; i++) {
		unsigned char c = u[i];

		if (c == '>')
			got |= NEED_CRUMB;
		else if (c == '|' || c == '/' || c == '\t' ||
		         (c == ' ' && i + 1 < len && u[i + 1] == ' '))
			got |= NEED_MENU;
		else if (c == 0xC2 && i + 1 < len && u[i + 1] == 0xBB)
			got |= NEED_CRUMB; /* » */
		else if (c == 0xC2 && i + 1 < len && u[i + 1] == 0xB7)
			got |= NEED_MENU; /* · */
		else if (c == 0xE2 && i + 2 < len && u[i + 1] == 0x80 &&
		         u[i + 2] == 0xBA)
			got |= NEED_CRUMB; /* › */
		else if (c == 0xE2 && i + 2 < len && u[i + 1] == 0x86 &&
		         u[i + 2] == 0x92)
			got |= NEED_CRUMB; /* → */
		else if (c == 0xE2 && i + 2 < len && u[i + 1] == 0x80 &&
		         u[i + 2] == 0xA2)
			got |= NEED_MENU; /* • */
	}
	return got;
}

/* True when needle (n bytes) occurs in hay (len bytes). */
static int
contains(const char *hay, size_t len, const char *needle, size_t n)
{
	const char *p = hay, *end = hay + len;

	if (n == 0)
		return 1;
	while ((size_t)(end - p) >= n &&
	       (p = memchr(p, needle[0], (size_t)(end - p) - n + 1)) != NULL) {
		if (memcmp(p, needle, n) == 0)
			return 1;
		p++;
	}
	return 0;
}

/* True when the ASCII-lowered line low contains one of the '|'
 * separated words of hint. */
static int
hinted(const char *low, size_t len, const char *hint)
{
	while (*hint != '\0') {
		const char *bar = strchr(hint, '|');
		size_t n = bar ? (size_t)(bar - hint) : strlen(hint);

		if (contains(low, len, hint, n))
			return 1;
		if (bar == NULL)
			break;
		hint = bar + 1;
	}
	return 0;
}

int
clean_rules_match(clean_rules_t *r, const char *s, size_t len, unsigned *flags)
{
	size_t best = NRULES, i, k;
	unsigned words, got = ~0u;
	int lowered = 0;
	char low[KB_CLEAN_RULE_MAX];
	const uint8_t *first;

	*flags = 0;
	if (len == 0 || len > KB_CLEAN_RULE_MAX)
		return -1;
	first = r->first[(unsigned char)s[0]];
	words = count_words(s, len);
	for (i = 0; i < NRULES; i++) {
		const crule_t *c = &r->rules[i];

		if (c->anchored) {
			if (!((first[i / 8] >> (i % 8)) & 1))
				continue;
		} else {
			if (c->max_words != 0 && words > c->max_words)
				continue;
			/* The line's separators and its lower-case copy
			 * are made the first time a rule needs them. */
			if (c->need != 0 && got == ~0u)
				got = needs(s, len);
			if ((c->need & ~got) != 0)
				continue;
			if (c->hint != NULL && !lowered) {
				for (k = 0; k < len; k++)
					low[k] =
					    (char)(s[k] >= 'A' && s[k] <= 'Z'
					               ? s[k] + 32
					               : s[k]);
				lowered = 1;
			}
			if (c->hint != NULL && !hinted(low, len, c->hint))
				continue;
		}
		if (run(r, c->code, s, len, 0) &&
		    (c->also == NULL || run(r, c->also, s, len, 0))) {
			best = i;
			break;
		}
	}
	if (best >= NRULES)
		return -1;
	*flags = r->rules[best].flags;
	return (int)best;
}

const char *
clean_rules_name(const clean_rules_t *r, int rule)
{
	if (rule < 0 || (size_t)rule >= NRULES)
		return NULL;
	return r->rules[rule].name;
}

int
clean_rules_navword(clean_rules_t *r, const char *s, size_t len)
{
	if (len == 0 || len > 60)
		return 0;
	return run(r, r->navword, s, len, 0);
}

int
clean_rules_sitename(clean_rules_t *r, const char *s, size_t len)
{
	size_t i;

	if (len == 0 || len > 80)
		return 0;
	for (i = 0; i < NSITE; i++)
		if (run(r, r->sitename[i], s, len, 0))
			return 1;
	return 0;
}

/* True when byte c ends a sentence: . ! ? and the closing quote or
 * bracket after one, or the last byte of 。！？ (U+3002 E3 80 82, U+FF01
 * EF BC 81, U+FF1F EF BC 9F; a false positive only costs a check). */
static int
ends_sentence_byte(unsigned char c)
{
	return c == '.' || c == '!' || c == '?' || c == '"' || c == ')' ||
	       c == 0x82 || c == 0x81 || c == 0x9F;
}

/* A byte that neither ends a sentence, nor is white space, nor may start
 * a "(Source: ...)" credit: inside a word. */
static int
plain_byte(unsigned char c)
{
	return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ||
	       (c >= '0' && c <= '9') || c == ',' || c == '-' || c == '\'';
}

/* Removes trailing white space from b (from byte floor on). */
static void
rtrim(kb_buf_t *b, size_t floor)
{
	while (b->len > floor &&
	       (b->data[b->len - 1] == ' ' || b->data[b->len - 1] == '\t'))
		b->data[--b->len] = '\0';
}

/* Filler sentences and "(Source: ...)" credits out of s, into out.  The
 * filler pattern is anchored and tried only where a sentence starts: at
 * the start of the line and after terminal punctuation and a space. */
static void
cut_fillers(clean_rules_t *r, const char *s, size_t len, kb_buf_t *out)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, copied = 0;
	int start = 1; /* 1: a sentence may start at i; 2: a
	                  terminator was just seen, a space must
	                  follow; 0: inside a sentence */

	while (i < len) {
		unsigned char c = u[i];

		if (start == 1 && ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') &&
		    run(r, r->filler, s, len, i)) {
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(r->m.md);
			size_t end = ov[1], from = i;

			if (end > i) {
				/* Take the space before the sentence with
				 * it, or after it at the line's start. */
				while (from > copied && (s[from - 1] == ' ' ||
				                         s[from - 1] == '\t'))
					from--;
				if (from == 0)
					while (end < len && (s[end] == ' ' ||
					                     s[end] == '\t'))
						end++;
				kb_buf_append(out, s + copied, from - copied);
				copied = end;
				i = end;
				start = 1;
				continue;
			}
		}
		if ((c == '(' || c == 0xEF) && run(r, r->source, s, len, i)) {
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(r->m.md);
			size_t from = i;

			while (from > copied &&
			       (s[from - 1] == ' ' || s[from - 1] == '\t'))
				from--;
			kb_buf_append(out, s + copied, from - copied);
			copied = ov[1];
			i = ov[1];
			continue;
		}
		if (c == ' ' || c == '\t') {
			if (start == 2)
				start = 1;
			i++;
			continue;
		}
		start = ends_sentence_byte(c) ? 2 : 0;
		i++;
		/* Skip the plain bytes of a word in one go. */
		while (i < len && plain_byte(u[i]))
			i++;
	}
	kb_buf_append(out, s + copied, len - copied);
}

kb_status_t
clean_rules_inline(clean_rules_t *r, const char *s, size_t len, kb_buf_t *out)
{
	size_t start = out->len, from;

	/* The trailing " |" of a table cell or a link bar. */
	while (len > 0) {
		size_t n = len;

		while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		if (n > 0 && s[n - 1] == '|')
			n--;
		else if (n >= 3 && (unsigned char)s[n - 3] == 0xEF &&
		         (unsigned char)s[n - 2] == 0xBD &&
		         (unsigned char)s[n - 1] == 0x9C) /* ｜ */
			n -= 3;
		else
			break;
		if (n > 0 && s[n - 1] != ' ' && s[n - 1] != '\t')
			break; /* "a|b": part of the text, not a marker */
		while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		len = n;
	}
	/* A glued "Read more" tail (most lines end in a full stop, which
	 * no such tail does unless it is an ellipsis). */
	from = len > TAIL_WINDOW ? len - TAIL_WINDOW : 0;
	while (from > 0 && ((unsigned char)s[from] & 0xC0) == 0x80)
		from--;
	if (len > 0 && !(s[len - 1] == '.' && (len < 2 || s[len - 2] != '.')) &&
	    run(r, r->readmore, s, len, from)) {
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(r->m.md);

		if (ov[0] > 0)
			len = ov[0];
	}
	cut_fillers(r, s, len, out);
	rtrim(out, start);
	return out->err;
}
