/* faq_internal.h - what the files of the offline FAQ share: the bundle's
 * layout and the open bundle. */
#ifndef KB_FAQ_INTERNAL_H
#define KB_FAQ_INTERNAL_H

#include "../query/kb_query.h"
#include "../store/kb_store.h"
#include "../util/kb_errmsg.h"
#include "kb_faq.h"

#pragma GCC visibility push(hidden)

/* The bundle is a Xapian database with one document per entry:
 *
 *   Qf:NNNNNNNN  unique id: the entry's number, from 1, in build order
 *   XQterm       the question's words, with positions
 *   XFterm       its focus: the words that are not type words
 *   XCname       the synonym groups it names (kb_analysis_t.concepts)
 *   XTtype       boolean: its type
 *   term         the words of the question and of its answer (the plain
 *                BM25 baseline searches these)
 *
 * and the entry itself as JSON in the document data (faq_entry_json).
 * Its metadata holds the main database's stopwords and stemmer under the
 * same keys (KB_META_*), so kb_engine_open() on the bundle analyses as
 * the articles were, and FAQ_META_FORMAT. */
#define FAQ_PREFIX_ID "Qf:"
#define FAQ_PREFIX_QUESTION "XQ"
#define FAQ_PREFIX_FOCUS "XF"
#define FAQ_PREFIX_CONCEPT "XC"
#define FAQ_PREFIX_TYPE "XT"
#define FAQ_META_FORMAT "relief.faq"
#define FAQ_FORMAT "1"

/* An entry's JSON, as stored: "q", "type", "topic", "kinds", "focus",
 * "concepts", "sources", "advice" [{name, kind, how, dosage, source}],
 * "cautions" [text].  The lookup reads "type", "kinds", "focus" and
 * "concepts" to re-rank, and the rest to show. */

struct kb_faq {
	kb_store_t *store; /* the bundle */
	kb_engine_t *en;   /* the same file, for analysing questions */
	char *path;
	kb_errmsg_t err; /* the last call's error */
};

/* Fills e from the stored JSON data (len bytes).  Returns KB_OK,
 * KB_ERR_CORRUPT or KB_ERR_NOMEM; on failure e is partly filled, clear it
 * anyway. */
kb_status_t faq_entry_parse(const char *data, size_t len, kb_faq_entry_t *e);

/* Frees what e holds. */
void faq_entry_clear(kb_faq_entry_t *e);

/* Calls fn(ctx, docid, data, len) for every entry of the bundle, in entry
 * order.  fn returning non-OK stops the walk (KB_DONE: with KB_OK). */
typedef kb_status_t (*kb_faq_each_fn)(void *ctx, unsigned docid,
                                      const char *data, size_t len);
kb_status_t faq_each(kb_faq_t *f, kb_faq_each_fn fn, void *ctx);

#pragma GCC visibility pop

#endif /* KB_FAQ_INTERNAL_H */
