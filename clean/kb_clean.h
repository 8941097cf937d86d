/* kb_clean.h - the cleaner: a scraped page to its title and its article's
 * own lines.
 *
 * Scraped pages arrive wrapped in site furniture: site headers,
 * breadcrumbs, previous/next links, teaser lists of other articles, share
 * widgets, footers.  The cleaner turns a page into a title and the
 * article's own content lines, in order, and says for every input line
 * why it was kept or dropped.
 *
 *	kb_cleaner_t *cl;
 *	kb_cleaner_new(stopwords, strlen(stopwords), &cl, &err);
 *	for each article of a corpus: kb_cleaner_learn(cl, text, len);
 *	kb_cleaned_t *c;
 *	kb_cleaner_clean(cl, text, len, &c);
 *	... c->title, c->text, c->lines[i].keep / .rule ...
 *	kb_cleaned_free(c);
 *	kb_cleaner_free(cl);
 *
 * Learning is optional: it lets a short line that repeats across many
 * articles of one corpus be recognised as boilerplate.  A cleaner holds
 * compiled patterns and scratch space: one per thread.
 *
 * May use: text/ (kb_text.h), util/, PCRE2 and libxml2.  It never reads
 * files (the indexer's read stage does, indexer/kb_indexer.h) and knows
 * nothing of snippets, the store or the indexer.
 */
#ifndef KB_CLEAN_H
#define KB_CLEAN_H

#include <stddef.h>

#include "../util/kb_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Version of the cleaning rules: part of the analysis fingerprint, so a
 * change to them re-indexes every article. */
#define KB_CLEANER_VERSION "2"

typedef struct kb_cleaner kb_cleaner_t;

/* One line of the input and the decision about it. */
typedef struct kb_clean_line {
	char *raw;		/* the input line (no newline); owned by
				   the result (one allocation with lines) */
	size_t raw_len;
	char *text;		/* what is kept after inline clean-up
				   (trailing " |", glued "Read more",
				   filler sentences); NULL when dropped */
	size_t text_len;
	int keep;		/* part of the cleaned article */
	int is_title;		/* the line the title came from */
	const char *rule;	/* static name of what decided: a noise
				   class ("prev_next", "teaser", ...), "score",
				   "tail", "boilerplate", "content", "title",
				   "blank" */
	double score;		/* the line's content score (0..1), or -1
				   when a rule decided before scoring */
} kb_clean_line_t;

typedef struct kb_cleaned {
	char *title;		/* one title, never the site name; may be
				   "" (owned) */
	char *text;		/* the cleaned article: kept lines, in
				   order, one per line, a blank line where
				   the input had one between kept lines;
				   owned, NUL-terminated.  It never repeats
				   the title line; when the title is the
				   first sentence of a paragraph (no title
				   line), that paragraph stays in text */
	size_t len;
	kb_clean_line_t *lines;	/* every input line, in order */
	size_t nlines;
	unsigned dropped_attrs;	/* HTML attributes cut from tags that had
				   more than KB_LIMIT_HTML_ATTRS (each
				   costs libxml2 time in proportion to
				   those before it) */
	size_t cut_html_bytes;	/* HTML cut from the page's end, after its
				   KB_LIMIT_HTML_TAGS-th tag (libxml2 needs
				   memory per element); 0: read whole.  The
				   limits are in util/kb_limits.h */
} kb_cleaned_t;

/* Creates a cleaner.  stopwords is a stopword list in the stopword-file
 * format (len bytes; may be empty), used for the stopword density of a
 * line.  On failure *out is NULL and *errmsg (if not NULL) a malloc'd
 * message.  Returns KB_OK, KB_ERR_NOMEM, KB_ERR_INTERNAL (a pattern did
 * not compile). */
kb_status_t kb_cleaner_new(const char *stopwords, size_t len,
			   kb_cleaner_t **out, char **errmsg);

/* Frees a cleaner.  Accepts NULL. */
void kb_cleaner_free(kb_cleaner_t *cl);

/* Counts the short lines of one article of the corpus about to be
 * cleaned, for cross-document boilerplate detection.  Returns KB_OK or
 * KB_ERR_NOMEM. */
kb_status_t kb_cleaner_learn(kb_cleaner_t *cl, const char *s, size_t len);

/* Makes cl judge lines by what from has learned (and will learn) rather
 * than by its own counts, so that cleaners on several threads clean as
 * one would.  Cleaning only reads the counts: the cleaners may clean at
 * the same time, but from must not learn meanwhile, and must outlive cl.
 * cl can then no longer learn itself (kb_cleaner_learn: KB_ERR_ARG).
 * Returns KB_OK or KB_ERR_ARG. */
kb_status_t kb_cleaner_share_learning(kb_cleaner_t *cl,
                                      const kb_cleaner_t *from);

/* Cleans a plain-text page (len bytes of UTF-8; CR LF accepted).  On KB_OK
 * *out is a new result the caller frees with kb_cleaned_free().  Returns
 * KB_OK, KB_ERR_ARG (NULL cl, or NULL s with len > 0), KB_ERR_NOMEM. */
kb_status_t kb_cleaner_clean(kb_cleaner_t *cl, const char *s, size_t len,
			     kb_cleaned_t **out);

/* Cleans an HTML page: parsed with libxml2's HTML parser (never regular
 * expressions); script, style, nav, header, footer, aside and form
 * content dropped; block elements become lines whose link density weighs
 * in their score; then the text cleaner runs on the lines.  The raw lines
 * in the result are the extracted text lines.  Returns KB_OK, KB_ERR_NOMEM,
 * KB_ERR_CORRUPT (nothing could be parsed). */
kb_status_t kb_cleaner_clean_html(kb_cleaner_t *cl, const char *s, size_t len,
				  kb_cleaned_t **out);

/* Frees a result.  Accepts NULL. */
void kb_cleaned_free(kb_cleaned_t *c);

/* Counts the short lines of an HTML page for kb_cleaner_learn(): the page
 * is learned from the lines kb_cleaner_clean_html() extracts from it, the
 * lines the cleaner will later judge.  Returns KB_OK, KB_ERR_NOMEM,
 * KB_ERR_CORRUPT (nothing could be parsed). */
kb_status_t kb_cleaner_learn_html(kb_cleaner_t *cl, const char *s,
				  size_t len);

#ifdef __cplusplus
}
#endif

#endif /* KB_CLEAN_H */
