/* clean_internal.h - the parts of the cleaner, shared by clean/clean*.c.
 *
 * Private to the cleaner.  A page goes through these steps, each over an
 * array of clean_line_t, one per input line:
 *
 *   clean.c        split into lines, inline clean-up, features, then the
 *                  steps below in order, then the result
 *   clean_rules.c  named PCRE2 rules for classes of noise (one line at a
 *                  time) and the inline clean-ups
 *   clean_zones.c  what needs the whole page: the title and the furniture
 *                  above it, navigation runs, tables of contents,
 *                  meta descriptions, the tail
 *   clean_score.c  jusText-style classification and context smoothing
 *   clean_learn.c  counts of short lines across the documents of a corpus
 *   clean_html.c   an HTML page to lines (libxml2), then the steps above
 *
 * Nothing outside clean/ includes this header (tests/ aside); the rest
 * of the tree uses kb_clean.h.
 */
#ifndef KB_CLEAN_INTERNAL_H
#define KB_CLEAN_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "../text/kb_text.h"
#include "../util/kb_hash.h"
#include "../util/kb_buf.h"
#include "kb_clean.h"

/* Everything below is internal: hidden from the shared library, so that
 * only the public headers' kb_ API is exported (tests/check-symbols.sh). */
#pragma GCC visibility push(hidden)

/* Lines longer than this (bytes, after trimming) are never furniture:
 * widgets, banners and links are short.  Only the inline clean-ups look
 * at longer lines, which keeps the rule table off the bulk of the text. */
#define KB_CLEAN_RULE_MAX 400

/* The longest title kept, in bytes. */
#define KB_MAX_TITLE 200

/* A line of at most this many words and bytes is "short" for
 * cross-document counting: headings, menu items, widget labels. */
#define KB_CLEAN_LEARN_WORDS 10
#define KB_CLEAN_LEARN_BYTES 100

/* Bits of the stopword Bloom filter (a power of two). */
#define KB_CLEAN_BLOOM 4096

/* The Bloom filter's hash of an ASCII word, already lower case. */
static inline uint32_t
clean_bloom_hash(const char *w, size_t len)
{
	return kb_hash32(w, len) & (KB_CLEAN_BLOOM - 1);
}

/* jusText classes. */
typedef enum kb_ccls {
	KB_CC_NONE = 0, /* blank line: not a block */
	KB_CC_BAD,
	KB_CC_SHORT,
	KB_CC_NEARGOOD,
	KB_CC_GOOD
} kb_ccls_t;

/* Flags of a rule (clean_line_t.rflags). */
/* It marks the end of an article: the tail starts there. */
#define KB_CR_TAIL 0x1u
/* It is compiled case-sensitively. */
#define KB_CR_CASE 0x4u
/* It heads a table of contents. */
#define KB_CR_TOCHEAD 0x10u
/* A breadcrumb: its last part may be the title. */
#define KB_CR_BREAD 0x40u
/* Furniture inserted into articles (ads, share buttons, "Read more"): it
 * says nothing about its neighbours. */
#define KB_CR_MID 0x80u

/* One input line while it is being cleaned. */
typedef struct clean_line {
	size_t raw_off; /* the raw line in the input */
	size_t raw_len;
	size_t off; /* the line after trimming and inline
	               clean-up, in kb_cleaner.work */
	size_t len;
	unsigned words;        /* word tokens */
	unsigned stops;        /* of which stopwords */
	unsigned chars;        /* characters (not bytes) */
	float ld;              /* link density, 0 for plain text */
	unsigned blank : 1;    /* nothing left after trimming */
	unsigned term : 1;     /* ends in terminal punctuation */
	unsigned list : 1;     /* starts with a list marker */
	unsigned heading : 1;  /* could be a heading: short, no
	                          terminal punctuation, not a list item */
	unsigned ellipsis : 1; /* ends in "..." or "…" */
	unsigned learned : 2;  /* repeats across many documents: 1, or on
	                          most of them (site-wide): 2 */
	unsigned navword : 1;  /* is only navigation-menu words */
	unsigned tail : 1;     /* inside the tail zone */
	int rule;              /* index of the rule that matched, or -1 */
	unsigned rflags;       /* that rule's KB_CR_* flags */
	const char *why;       /* the decision's name, when decided
	                          before scoring; NULL otherwise */
	kb_ccls_t cf;          /* context-free class */
	kb_ccls_t cls;         /* class after smoothing */
	kb_ccls_t tmp;         /* smoothing: the class being computed */
	unsigned pn : 2;       /* smoothing: nearest good/bad line before */
	unsigned nn : 2;       /* ... and after (NB_* in clean_score.c) */
	unsigned pbl : 1;      /* a blank line lies between it and pn */
	unsigned nbl : 1;      /* ... and nn */
	unsigned png : 1;      /* the nearest line before that is not
	                          short is near-good */
	unsigned nng : 1;      /* ... after */
	double score;          /* content score, -1 when unscored */
	int keep;
} clean_line_t;

typedef struct clean_rules clean_rules_t;
typedef struct clean_learn clean_learn_t;

struct kb_cleaner {
	kb_text_t *tx;  /* stopwords */
	int have_stops; /* the stopword list is not empty */
	int use_bloom;  /* stop_bloom can rule words out */
	/* Bits of the hashes of the stopwords: a word whose bit is clear is
	 * not one (most words of a text), with no look-up in tx. */
	uint64_t stop_bloom[KB_CLEAN_BLOOM / 64];
	clean_rules_t *rules; /* compiled patterns and match state */
	clean_learn_t *learn; /* short-line counts across documents */
	int learn_borrowed;   /* learn is another cleaner's (read only) */
	clean_line_t *lines;  /* scratch: the lines of the page */
	size_t cap;
	kb_buf_t work;  /* scratch: cleaned line texts */
	kb_buf_t tmp;   /* scratch for one line */
	uint32_t *wset; /* scratch: the page's words and counts */
	size_t wset_cap;
};

/* One page while it is being cleaned: what the steps share. */
typedef struct clean_page {
	kb_cleaner_t *cl;
	clean_line_t *lines;
	size_t n;
	const char *work;  /* cl->work.data, fixed once lines are made */
	int stop_ok;       /* stopword density is meaningful here */
	size_t title;      /* index of the title line, or n */
	int title_in_text; /* the title is the start of a content
	                      line, which stays in the text */
	size_t title_off;  /* the title in work (or in the title
	                      line's text) */
	size_t title_len;
	size_t body; /* first good content line, or n */
} clean_page_t;

static inline const char *
cline_text(const clean_page_t *pg, const clean_line_t *l)
{
	return pg->work + l->off;
}

/* ---- clean_rules.c ---- */

/* Compiles the rule table.  On failure *errmsg (if not NULL) is a
 * malloc'd message naming the pattern.  Returns KB_OK, KB_ERR_NOMEM,
 * KB_ERR_INTERNAL. */
kb_status_t clean_rules_new(clean_rules_t **out, char **errmsg);

/* Frees the rules.  Accepts NULL. */
void clean_rules_free(clean_rules_t *r);

/* The i-th pattern (from 0) clean_rules_new compiles, with the options
 * it adds to PCRE2_UTF | PCRE2_MATCH_INVALID_UTF in *opts; NULL past the
 * last.  For tests/test_patterns.c, which feeds every rule input that
 * makes backtracking explode. */
const char *clean_rules_pattern(size_t i, uint32_t *opts);

/* The first rule that matches the line s (trimmed, len bytes), or -1.
 * *flags gets its KB_CR_* flags. */
int clean_rules_match(clean_rules_t *r, const char *s, size_t len,
                      unsigned *flags);

/* The noise class a rule index names (static string). */
const char *clean_rules_name(const clean_rules_t *r, int rule);

/* True when the line is only words of navigation menus ("Home",
 * "Mental Health", "Ask a Doctor"): a menu item when it stands in a run. */
int clean_rules_navword(clean_rules_t *r, const char *s, size_t len);

/* True when the line looks like a site's name ("Spinal Post",
 * "www.example.com", "SpineAnswers") rather than an article's title. */
int clean_rules_sitename(clean_rules_t *r, const char *s, size_t len);

/* Inline clean-up of one trimmed line s: trailing " |" markers, a glued
 * "Read more" tail, filler sentences.  Appends the result to out (which
 * may be empty when the whole line was one of them).  Returns out->err. */
kb_status_t clean_rules_inline(clean_rules_t *r, const char *s, size_t len,
                               kb_buf_t *out);

/* ---- clean_learn.c ---- */

kb_status_t clean_learn_new(clean_learn_t **out);
void clean_learn_free(clean_learn_t *lr);

/* Counts each distinct short line of one document.  Returns KB_OK or
 * KB_ERR_NOMEM (the counts stay as they were before the call's failed
 * line). */
kb_status_t clean_learn_add(clean_learn_t *lr, const char *s, size_t len);

/* 1 when the short line s repeats in enough learned documents to be
 * boilerplate, 2 when it is on a large share of them (site-wide), else 0.
 * Only reads lr: cleaners on several threads may share one. */
int clean_learn_is_boiler(const clean_learn_t *lr, const char *s, size_t len);

/* ---- clean_score.c ---- */

/* Fills words, stops, chars, term, list, heading, ellipsis of l from its
 * text. */
void clean_score_features(clean_page_t *pg, clean_line_t *l);

/* The context-free jusText class and the content score of every line
 * that no rule decided. */
void clean_score_classify(clean_page_t *pg);

/* Context smoothing: short and near-good lines take the class of their
 * neighbours; headings followed by content are kept.  Sets cls. */
void clean_score_smooth(clean_page_t *pg);

/* ---- clean_zones.c ---- */

/* Finds the title and drops the furniture above it (site headers, menus,
 * duplicate titles).  Returns KB_OK or KB_ERR_NOMEM. */
kb_status_t clean_zones_head(clean_page_t *pg);

/* Tables of contents, navigation runs and meta descriptions. */
void clean_zones_lists(clean_page_t *pg);

/* The tail: from the first end-of-article marker after content, lines
 * are dropped unless content clearly resumes. */
void clean_zones_tail(clean_page_t *pg);

/* True when the normalised texts of a and b are equal (whitespace runs
 * and case ignored). */
int clean_text_eq(const char *a, size_t alen, const char *b, size_t blen);

/* The cleaner core.  Cleans the text s (len bytes, lines separated by
 * '\n'; a trailing '\r' on a line is ignored).  link_density, when not
 * NULL, holds one value in [0, 1] per line of s (nld values): the share of
 * the line's characters that sat inside links in the HTML it came from.
 * kb_cleaner_clean() is this with link_density NULL.  Returns KB_OK or
 * KB_ERR_NOMEM. */
kb_status_t clean_core(kb_cleaner_t *cl, const char *s, size_t len,
                       const float *link_density, size_t nld,
                       kb_cleaned_t **out);

/* What clean_html_extract cut from a page. */
typedef struct clean_html_cuts {
	unsigned attrs;	/* attributes past KB_LIMIT_HTML_ATTRS of a tag */
	size_t bytes;	/* bytes from the page's (KB_LIMIT_HTML_TAGS + 1)-th
			   tag to its end */
} clean_html_cuts_t;

/* HTML to lines: parses html with libxml2's HTML parser, drops script,
 * style, nav, header, footer, aside, form (and noscript, iframe, svg,
 * template) subtrees, and writes the text of each block element (p, h1-h6,
 * li, div, td, blockquote, pre, dt, dd, br-separated runs ...) as one line
 * of *text, whitespace collapsed, with a blank line between blocks that
 * are separated by block-level structure.  *density gets one value per
 * line of *text: characters inside <a> over all characters.  The page
 * <title> (when present) is put in *title.  All three are malloc'd.  A
 * tag keeps its first KB_LIMIT_HTML_ATTRS attributes and the page its
 * first KB_LIMIT_HTML_TAGS tags (util/kb_limits.h); *cuts says what was
 * cut.  Returns KB_OK, KB_ERR_NOMEM, KB_ERR_CORRUPT (unparsable). */
kb_status_t clean_html_extract(const char *html, size_t len, char **text,
                               size_t *text_len, float **density,
                               size_t *nlines, char **title,
                               clean_html_cuts_t *cuts);

#pragma GCC visibility pop

#endif /* KB_CLEAN_INTERNAL_H */
