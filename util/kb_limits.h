/* kb_limits.h - every limit relief puts on what it reads, in one place.
 *
 * relief reads pages scraped from anywhere and questions typed by anyone,
 * so each input has a bound past which it is not what it claims to be
 * (an article, a question) and reading all of it would cost time or
 * memory out of proportion.  Each limit below says what happens past
 * it; none cuts silently: the indexer, `relief clean`, `relief snippets`,
 * `relief query` and the search page each say what was cut, naming the
 * file (or the question).  README.md, "Limits", is the table for people;
 * change it with these.
 *
 * May use: nothing.  Included by any module that enforces a limit.
 */
#ifndef KB_LIMITS_H
#define KB_LIMITS_H

/* ---- files (indexer/read.c) ---- */

/* A file larger than this is not an article (a scraped page is a few
 * KB; the largest of MedQuAD's 5,400 is 55 KB): it is skipped, with a
 * warning. */
#define KB_LIMIT_FILE_BYTES (64u << 20)

/* A line of a text file longer than this is not prose but a minified
 * dump or junk: the file is skipped, with a warning naming the line.  An
 * HTML page's lines are markup (a whole page is often one line), so they
 * have no such limit; its tags and attributes bound it instead. */
#define KB_LIMIT_LINE_BYTES (1u << 20)

/* Folders nested deeper than this below a folder given to `relief index`
 * are not walked, with a warning naming the folder (a loop of bind
 * mounts, or a generated tree). */
#define KB_LIMIT_DIR_DEPTH 64

/* ---- HTML (clean/clean_html.c) ---- */

/* A tag keeps this many attributes; the rest are cut, with a warning.
 * libxml2 compares each new attribute with those before it, so a tag of
 * n attributes costs n^2: 32k of them took seconds. */
#define KB_LIMIT_HTML_ATTRS 256u

/* A page is read up to its this-many-th tag; the rest is cut, with a
 * warning.  libxml2 keeps a node of about 500 bytes per element, so
 * without it a 64 MiB page of empty elements needs gigabytes.  The
 * largest real pages have some tens of thousands.  Nesting has no limit
 * of its own: the walk over the tree keeps its own stack, so a page
 * nested as deep as it has tags costs what a flat one does. */
#define KB_LIMIT_HTML_TAGS 200000u

/* ---- snippets (snippet/snippet.c) ---- */

/* An article gives at most this many snippets; the rest are dropped,
 * with a warning.  Articles give tens, MedQuAD's longest (53 KB) 270; a
 * list of 100,000 numbered items is a dump, and each snippet is a
 * document of the index. */
#define KB_LIMIT_SNIPPETS 2000u

/* ---- questions (query/question.c, cgi/request.c) ---- */

/* The engine searches a question's first this-many words (stopwords not
 * counted); the answer says how many more there were (dropped_words)
 * and `relief query` warns.  A question longer than this is a pasted
 * page, and its first words carry it. */
#define KB_LIMIT_QUESTION_WORDS 128

/* The search page refuses a question longer than this (400 Bad
 * Request, saying so), and a query string longer than
 * KB_LIMIT_QUERY_STRING_BYTES. */
#define KB_LIMIT_QUESTION_BYTES 512
#define KB_LIMIT_QUERY_STRING_BYTES 4096

/* ---- patterns (util/kb_regex.c) ---- */

/* The limits of every PCRE2 match.  Patterns run on untrusted text and
 * are written to need a few hundred or thousand steps on a line or a
 * snippet; tests/test_patterns.c checks that every shipped rule stays
 * under them on input made to make it backtrack.  A rule that still hits
 * one does not match there, and the article or answer says so.  JIT code
 * honours the match limit only; the depth and heap limits guard the
 * interpreter. */
#define KB_LIMIT_REGEX_MATCH 200000u
#define KB_LIMIT_REGEX_DEPTH 5000u
#define KB_LIMIT_REGEX_HEAP_KIB 4096u

#endif /* KB_LIMITS_H */
