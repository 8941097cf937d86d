/* kb_faq.h - the offline FAQ: a knowledge base compiled into one file of
 * questions with their answers, looked up with no articles, no main
 * database and no network.
 *
 * kb_faq_build() derives the questions from an indexed database: titles
 * and headings the articles phrase as questions ("What are the exercise
 * methods to relieve back pain"), and questions made of an article's topic
 * and a section whose heading answers a question type ("Back Pain" +
 * "Treatment" gives "How is Back Pain treated?").  Each gets its answer,
 * the best advice snippets for it (name, how, dosage) with the cautions
 * and sources, and near-duplicate questions merge.  The bundle is a
 * compacted single-file Xapian database; built twice from the same
 * database it is byte-identical (kb_store_compact, KB_COMPACT_STABLE_UUID).
 *
 * kb_faq_lookup() matches a question to the bundle's questions, as in
 * question-entailment QA: the asked question's focus (its words that are
 * not type words, and the synonym groups they name) must be covered by the
 * FAQ question's, and its type must fit (the same type, or types answered
 * by the same kinds of snippet), not just share words.
 *
 *	kb_faq_t *f;
 *	char *err;
 *	if (kb_faq_open("relief.faq", lexdir, &f, &err) != KB_OK) {
 *		fprintf(stderr, "%s\n", err);
 *		free(err);
 *	}
 *	kb_faq_match_t *m;
 *	if (kb_faq_lookup(f, q, strlen(q), KB_FAQ_MATCH, &m) == KB_OK) {
 *		if (m->nentries > 0)
 *			puts(m->entries[0].question);
 *		kb_faq_match_free(m);
 *	}
 *	kb_faq_close(f);
 *
 * May use: query/, store/, text/, util/.
 */
#ifndef KB_FAQ_H
#define KB_FAQ_H

#include <stddef.h>
#include <stdint.h>

#include "../util/kb_buf.h"
#include "../util/kb_schema.h"
#include "../util/kb_status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kb_faq kb_faq_t; /* an open bundle */

/* One piece of advice of an answer. */
typedef struct kb_faq_advice {
	char *name;         /* "arch bridge", or "" */
	char *kind;         /* "exercise", "posture", ... */
	char *how;          /* its first sentences */
	kb_dosage_t dosage; /* as stated */
	char *source;       /* the article it comes from */
} kb_faq_advice_t;

/* One FAQ entry: a question and its answer. */
typedef struct kb_faq_entry {
	char *question; /* as shown */
	char *type;     /* its question type, or "" */
	char *topic;    /* what it is about: its article's title */
	char **sources; /* the articles it was made from, first
	                   the one its answer comes from */
	size_t nsources;
	kb_faq_advice_t *advice; /* the answer, best first */
	size_t nadvice;
	char **cautions; /* cautions of its article */
	size_t ncautions;
	double score; /* how well it matched (lookups only) */
} kb_faq_entry_t;

/* A lookup's result: entries[0] is the matched entry, the rest (up to
 * KB_FAQ_RELATED) related questions; nentries is 0 when nothing
 * matched. */
typedef struct kb_faq_match {
	char *query; /* the question as asked */
	char *type;  /* its type, or NULL */
	kb_faq_entry_t *entries;
	size_t nentries;
} kb_faq_match_t;

#define KB_FAQ_RELATED 3

/* How kb_faq_lookup matches. */
typedef enum kb_faq_mode {
	KB_FAQ_MATCH = 0, /* question to question: focus and type */
	KB_FAQ_BM25       /* a plain BM25 lookup of the question's words
	                     over each entry's question and answer
	                     text: the baseline make bench compares
	                     with */
} kb_faq_mode_t;

/* What kb_faq_build() did. */
typedef struct kb_faq_stats {
	size_t articles;  /* articles read */
	size_t questions; /* questions derived */
	size_t entries;   /* entries written, after merging */
	uint64_t bytes;   /* size of the bundle file */
} kb_faq_stats_t;

/* Builds the bundle out (a file, replaced if it exists) from the database
 * at db, deriving questions with the question lexicon in lexdir (required:
 * question types come from it).  The bundle keeps the database's
 * stopwords and stemmer, so that lookups analyse questions as the
 * articles were.  stats may be NULL.  On failure *errmsg (if not NULL)
 * is a malloc'd one-line message, which the caller frees, and out is not
 * left behind.
 * Returns KB_OK, KB_ERR_NOT_FOUND (no database at db), KB_ERR_RANGE (the
 * database holds no articles, or no article gives a question),
 * KB_ERR_ARG, KB_ERR_IO, KB_ERR_CORRUPT, KB_ERR_NOMEM, KB_ERR_XAPIAN. */
kb_status_t kb_faq_build(const char *db, const char *lexdir, const char *out,
                         kb_faq_stats_t *stats, char **errmsg);

/* Opens the bundle at path read-only, with the question lexicon in
 * lexdir (NULL: words only, no types).  On failure *out is NULL and
 * *errmsg (if not NULL) a malloc'd one-line message naming the file.
 * Returns KB_OK, KB_ERR_NOT_FOUND (no file there), KB_ERR_CORRUPT (not a
 * bundle), KB_ERR_IO, KB_ERR_NOMEM, KB_ERR_XAPIAN. */
kb_status_t kb_faq_open(const char *path, const char *lexdir, kb_faq_t **out,
                        char **errmsg);

/* Closes the bundle; matches already returned stay valid.  Accepts NULL. */
void kb_faq_close(kb_faq_t *f);

/* The message for the last failed call on f, or NULL; valid until the
 * next call on f. */
const char *kb_faq_errmsg(const kb_faq_t *f);

/* Number of entries in the bundle. */
kb_status_t kb_faq_count(kb_faq_t *f, uint64_t *out);

/* Looks question q (len bytes of UTF-8) up.  On KB_OK *out is a new match
 * the caller frees with kb_faq_match_free(), with no entry when nothing
 * fits.  Returns KB_OK, KB_ERR_QUERY_SYNTAX (no searchable word in q),
 * KB_ERR_IO, KB_ERR_CORRUPT, KB_ERR_NOMEM, KB_ERR_XAPIAN. */
kb_status_t kb_faq_lookup(kb_faq_t *f, const char *q, size_t len,
                          kb_faq_mode_t mode, kb_faq_match_t **out);

/* Frees a match.  Accepts NULL. */
void kb_faq_match_free(kb_faq_match_t *m);

/* The match as one line of compact JSON (no newline), malloc'd; NULL when
 * out of memory.  The shape is README.md's "Offline FAQ". */
char *kb_faq_match_json(const kb_faq_match_t *m);

/* Appends the whole bundle to out as one self-contained HTML page: every
 * entry, grouped by topic, with a search box that filters and ranks the
 * entries as one types (an inline script; with scripts off everything is
 * listed), inline CSS that prints cleanly, and nothing fetched.
 * Returns KB_OK, KB_ERR_NOMEM, KB_ERR_IO, KB_ERR_CORRUPT, KB_ERR_XAPIAN. */
kb_status_t kb_faq_export_html(kb_faq_t *f, kb_buf_t *out);

#ifdef __cplusplus
}
#endif

#endif /* KB_FAQ_H */
