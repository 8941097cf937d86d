/* kb_query.h - answering questions from the knowledge base.
 *
 * The engine analyses a question with the same text pipeline (and the same
 * stopwords and stemmer, read from the database) that analysed the
 * documents, ranks passages with BM25, and returns each result with the
 * byte spans of the words that matched, for the front end to emphasise.
 *
 *	kb_engine_t *en;
 *	char *err;
 *	if (kb_engine_open("relief.db", &en, &err) != KB_OK) { ...; free(err); }
 *	kb_answer_t *ans;
 *	if (kb_engine_query(en, q, strlen(q), 10, &ans) == KB_OK) {
 *		for (size_t i = 0; i < ans->nresults; i++)
 *			puts(ans->results[i].source);
 *		kb_answer_free(ans);
 *	}
 *	kb_engine_close(en);
 */
#ifndef KB_QUERY_H
#define KB_QUERY_H

#include <stddef.h>
#include <stdint.h>

#include "../util/kb_status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kb_engine kb_engine_t;

/* A matched word in a snippet: bytes [start, start + len). */
typedef struct kb_highlight {
	size_t start;
	size_t len;
} kb_highlight_t;

typedef struct kb_result {
	unsigned rank;		/* 1-based */
	double score;		/* BM25 weight */
	char *source;		/* article id: path relative to its root */
	char *title;		/* article title */
	char *snippet;		/* the passage text */
	size_t snippet_len;
	kb_highlight_t *highlights;	/* in snippet, in order */
	size_t nhighlights;
} kb_result_t;

typedef struct kb_answer {
	char *query;		/* the question as asked */
	uint64_t total;		/* estimated number of matching passages */
	kb_result_t *results;	/* best first */
	size_t nresults;
} kb_answer_t;

/* Opens the database at path read-only (a stub file of shards works too)
 * and loads the analysis it was built with.  On failure *out is NULL and
 * *errmsg (if not NULL) a malloc'd one-line message naming the database.
 * Returns KB_OK, KB_ERR_NOT_FOUND (no database there), KB_ERR_IO,
 * KB_ERR_CORRUPT, KB_ERR_NOMEM, KB_ERR_XAPIAN. */
kb_status_t kb_engine_open(const char *path, kb_engine_t **out,
			   char **errmsg);

/* Closes the engine.  Answers already returned stay valid.  Accepts NULL. */
void kb_engine_close(kb_engine_t *en);

/* The message for the last failed call on this handle, or NULL.  Valid
 * until the next call on the handle. */
const char *kb_engine_errmsg(const kb_engine_t *en);

/* Answers question q (len bytes of UTF-8; invalid bytes are ignored) with
 * at most limit results (1..1000).  On KB_OK *out is a new answer the
 * caller frees with kb_answer_free().  Returns KB_OK, KB_ERR_ARG (limit out
 * of range), KB_ERR_QUERY_SYNTAX (no searchable word in q), KB_ERR_IO,
 * KB_ERR_NOMEM, KB_ERR_XAPIAN, KB_ERR_INTERNAL. */
kb_status_t kb_engine_query(kb_engine_t *en, const char *q, size_t len,
			    unsigned limit, kb_answer_t **out);

/* Frees an answer.  Accepts NULL. */
void kb_answer_free(kb_answer_t *ans);

#ifdef __cplusplus
}
#endif

#endif /* KB_QUERY_H */
