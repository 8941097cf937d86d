/* kb_store.h - the knowledge base's storage: a small C API over Xapian.
 *
 * The store takes terms that are already analysed (see kb_text.h); it knows
 * nothing about tokenizing.  No Xapian type appears here and no C++
 * exception ever crosses this interface: every failure becomes a
 * kb_status_t, with details in kb_store_errmsg().
 *
 * Typical use (writing):
 *
 *	kb_store_t *st;
 *	char *err;
 *	if (kb_store_open("relief.db", KB_STORE_CREATE, &st, &err) != KB_OK) {
 *		fprintf(stderr, "%s\n", err);
 *		free(err);
 *	}
 *	kb_doc_t *doc;
 *	kb_doc_new(&doc);
 *	kb_doc_add_posting(doc, "back", 4, 1, 1);
 *	kb_doc_set_data(doc, json, json_len);
 *	kb_store_replace(st, "Qa/b.txt#3", 10, doc, NULL);
 *	kb_doc_free(doc);
 *	kb_store_commit(st);
 *	kb_store_close(st);
 *
 * Ownership: whoever calls _new/_open calls _free/_close, and each accepts
 * NULL.  A result set (kb_hits_t) belongs to the store that produced it and
 * is invalid once that store is closed; queries and documents are
 * independent objects.  Strings the store keeps are copied.
 *
 * May use: util/ and Xapian; kb_store.cc is the only C++ in the tree.
 */
#ifndef KB_STORE_H
#define KB_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "../util/kb_status.h"

/* Marks the calls that cannot throw, so that C++ callers see it in the
 * type (noexcept); it expands to nothing in C.  Every other call catches
 * all exceptions itself, so none ever reaches the caller either way. */
#if defined(__cplusplus) && __cplusplus >= 201103L
#define KB_STORE_NOEXCEPT noexcept
#else
#define KB_STORE_NOEXCEPT
#endif

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kb_store kb_store_t;	/* an open database */
typedef struct kb_doc kb_doc_t;		/* a document being built */
typedef struct kb_query kb_query_t;	/* a query tree node */
typedef struct kb_hits kb_hits_t;	/* the results of one search */

typedef enum kb_store_mode {
	KB_STORE_READ = 0,	/* read-only; a stub file of shards works */
	KB_STORE_WRITE,		/* writable; the database must exist */
	KB_STORE_CREATE		/* writable; created when missing */
} kb_store_mode_t;

/* Opens the database at path.  In KB_STORE_READ mode path may also be a
 * Xapian stub file listing several shards (local or remote), which are then
 * searched as one database.  A writer takes Xapian's lock: a second writer
 * gets KB_ERR_LOCKED.
 *
 * On success *out is the new handle and *errmsg (when errmsg is not NULL)
 * is NULL.  On failure *out is NULL and *errmsg is a malloc'd one-line
 * message naming the path, which the caller frees.
 *
 * Returns KB_OK, KB_ERR_ARG (NULL path), KB_ERR_NOT_FOUND (no database
 * there), KB_ERR_LOCKED, KB_ERR_CORRUPT, KB_ERR_IO, KB_ERR_NOMEM,
 * KB_ERR_XAPIAN or KB_ERR_INTERNAL. */
kb_status_t kb_store_open(const char *path, kb_store_mode_t mode,
			  kb_store_t **out, char **errmsg);

/* Closes the handle, committing pending changes of a writable database
 * (errors during that final commit are lost; call kb_store_commit first to
 * see them).  Everything derived from the handle becomes invalid.  Accepts
 * NULL. */
void kb_store_close(kb_store_t *store);

/* The message for the last failed call on this handle, or NULL if there is
 * none.  It names the input that caused the failure and stays valid until
 * the next call on this handle. */
const char *kb_store_errmsg(const kb_store_t *store) KB_STORE_NOEXCEPT;

/* Commits pending changes to disk (outside a transaction).
 * Returns KB_OK, KB_ERR_ARG (read-only handle), KB_ERR_IO, KB_ERR_XAPIAN,
 * ... */
kb_status_t kb_store_commit(kb_store_t *store);

/* Starts a transaction: changes made until kb_store_txn_commit() are
 * applied all together or not at all.  Transactions do not nest.
 * Returns KB_OK, KB_ERR_ARG (read-only handle, or already in one), ... */
kb_status_t kb_store_txn_begin(kb_store_t *store);

/* Commits the open transaction.  Returns KB_OK, KB_ERR_ARG (no
 * transaction), KB_ERR_IO, KB_ERR_XAPIAN, ... */
kb_status_t kb_store_txn_commit(kb_store_t *store);

/* Throws away the open transaction's changes.  Returns KB_OK, KB_ERR_ARG
 * (no transaction), ... */
kb_status_t kb_store_txn_cancel(kb_store_t *store);

/* Re-opens a read-only handle at the latest revision (after
 * KB_ERR_RETRY).  Returns KB_OK, ... */
kb_status_t kb_store_reopen(kb_store_t *store);

/* Number of documents in the database. */
kb_status_t kb_store_doc_count(kb_store_t *store, uint64_t *out);

/* Number of documents indexed by term (0 when the term is absent). */
kb_status_t kb_store_term_freq(kb_store_t *store, const char *term,
			       size_t len, uint64_t *out);

/* Calls fn(ctx, term, len, termfreq) for every term starting with prefix
 * (all terms for an empty prefix), in byte order.  fn returning KB_DONE
 * stops the walk with KB_OK; any other non-OK status stops it and is
 * returned.  The term pointer is valid only during the call.
 *
 *	static kb_status_t count(void *ctx, const char *t, size_t n,
 *				 uint64_t tf) { ++*(size_t *)ctx; return KB_OK; }
 *	size_t n = 0;
 *	kb_store_terms(store, "Q", 1, count, &n);
 */
typedef kb_status_t (*kb_term_fn)(void *ctx, const char *term, size_t len,
				  uint64_t termfreq);
kb_status_t kb_store_terms(kb_store_t *store, const char *prefix,
			   size_t prefix_len, kb_term_fn fn, void *ctx);

/* Looks up user metadata by key.  On KB_OK *out is a malloc'd,
 * NUL-terminated copy (the caller frees it) and *out_len its length; a
 * missing key gives KB_ERR_NOT_FOUND and *out = NULL. */
kb_status_t kb_store_get_metadata(kb_store_t *store, const char *key,
				  char **out, size_t *out_len);

/* Sets user metadata (an empty value deletes the key).  Writable only. */
kb_status_t kb_store_set_metadata(kb_store_t *store, const char *key,
				  const char *value, size_t len);

/* Adds word to the spelling dictionary that kb_store_spelling() draws its
 * suggestions from, raising its frequency by freqinc (at least 1).  Words
 * are bytes, compared exactly (case included), so add them analysed the
 * way lookups will be.  The change is written, or thrown away, with the
 * others: by kb_store_commit() or with the open transaction.  The word is
 * copied.  Writable only.
 * Returns KB_OK, KB_ERR_ARG (NULL handle, read-only handle, NULL or empty
 * word, word longer than 240 bytes, freqinc 0), KB_ERR_IO, KB_ERR_NOMEM,
 * KB_ERR_XAPIAN or KB_ERR_INTERNAL. */
kb_status_t kb_store_add_spelling(kb_store_t *store, const char *word,
				  size_t len, unsigned freqinc);

/* Suggests a correction for word ("did you mean"): the dictionary word
 * fewest edits away (an edit inserts, deletes or replaces a character, or
 * swaps two adjacent ones), at most max_edit edits (0 means Xapian's
 * default, 2), and of equally near words the most frequent, then the
 * first in byte order.  Candidates are found through shared three-letter
 * groups, so a word with none in common with its correction ("lmbr") gets
 * nothing.  The word itself is never suggested: a word in the dictionary
 * gets KB_ERR_NOT_FOUND, unless a more frequent word lies within max_edit
 * edits, which is then suggested ("lumber" gives "lumbar" if "lumbar" is
 * more frequent).  A one-byte word never gets a suggestion.
 *
 * Works on every handle: a writer sees its uncommitted additions, and a
 * stub database merges its shards' dictionaries, adding up a word's
 * frequencies across them.
 *
 * On KB_OK *out is a malloc'd, NUL-terminated suggestion, which the caller
 * frees with free(); on any other return *out is NULL.
 * Returns KB_OK, KB_ERR_NOT_FOUND (no suggestion), KB_ERR_ARG (NULL handle
 * or out, NULL or empty word, word longer than 240 bytes), KB_ERR_RETRY
 * (the database changed underneath; kb_store_reopen and ask again),
 * KB_ERR_IO, KB_ERR_CORRUPT, KB_ERR_NOMEM, KB_ERR_XAPIAN or
 * KB_ERR_INTERNAL. */
kb_status_t kb_store_spelling(kb_store_t *store, const char *word, size_t len,
			      unsigned max_edit, char **out);

/* ---- compaction --------------------------------------------------- */

/* Flags of kb_store_compact(). */
#define KB_COMPACT_SINGLE_FILE 0x1 /* one file instead of a folder */
#define KB_COMPACT_STABLE_UUID                                                 \
	0x2 /* with SINGLE_FILE: the database's                                \
	       UUID is made from its contents,                                 \
	       so that the same contents give                                  \
	       the same bytes */

/* Writes a compacted copy of the database open on store to dst, keeping
 * the document ids (Xapian::DBCOMPACT_NO_RENUMBER).  With
 * KB_COMPACT_SINGLE_FILE dst is one read-only glass file, which
 * kb_store_open(dst, KB_STORE_READ, ...) opens as any database.
 *
 * Xapian gives every new database a random UUID (16 bytes of the version
 * header, at offset 16 of a single-file glass database), the only thing
 * that differs between two compactions of the same contents.  With
 * KB_COMPACT_STABLE_UUID those bytes are replaced by a name-based UUID
 * (version 8, RFC 9562) made from a hash of every other byte of the file,
 * and the file is opened again to check that Xapian reads it.  Xapian
 * never checks a UUID against anything but replicas and remote servers,
 * which a read-only bundle has none of.
 *
 * An existing dst is replaced.  Returns KB_OK, KB_ERR_ARG (NULL handle or
 * dst, STABLE_UUID without SINGLE_FILE, unknown flags), KB_ERR_IO (dst
 * cannot be written), KB_ERR_CORRUPT (the output is not a glass file as
 * expected), KB_ERR_NOMEM, KB_ERR_XAPIAN or KB_ERR_INTERNAL, with the
 * details in kb_store_errmsg(store). */
kb_status_t kb_store_compact(kb_store_t *store, const char *dst,
                             unsigned flags);

/* ---- documents ---------------------------------------------------- */

/* Creates an empty document.  Returns KB_OK or KB_ERR_NOMEM (*out NULL). */
kb_status_t kb_doc_new(kb_doc_t **out);

/* Frees a document.  Accepts NULL. */
void kb_doc_free(kb_doc_t *doc) KB_STORE_NOEXCEPT;

/* Adds a term at a position (positions start at 1), raising its
 * within-document frequency by wdf_inc.  Returns KB_OK, KB_ERR_ARG (empty
 * term or longer than 240 bytes, Xapian's limit), KB_ERR_NOMEM. */
kb_status_t kb_doc_add_posting(kb_doc_t *doc, const char *term, size_t len,
			       unsigned pos, unsigned wdf_inc);

/* Adds a term without a position. Same returns as kb_doc_add_posting. */
kb_status_t kb_doc_add_term(kb_doc_t *doc, const char *term, size_t len,
			    unsigned wdf_inc);

/* Adds a boolean (filter) term: no position, wdf 0, so it never changes
 * the weight.  Same returns as kb_doc_add_posting. */
kb_status_t kb_doc_add_boolean(kb_doc_t *doc, const char *term, size_t len);

/* Sets value slot to the bytes v.  Returns KB_OK, KB_ERR_NOMEM. */
kb_status_t kb_doc_set_value(kb_doc_t *doc, unsigned slot, const char *v,
			     size_t len);

/* Sets the document data (an opaque blob; relief stores JSON). */
kb_status_t kb_doc_set_data(kb_doc_t *doc, const char *data, size_t len);

/* Adds doc, or replaces every document carrying idterm, after adding
 * idterm to it as a boolean term.  *docid (if not NULL) receives the
 * document's id.  Writable only.  Returns KB_OK, KB_ERR_ARG, KB_ERR_IO,
 * KB_ERR_NOMEM, KB_ERR_XAPIAN, ... */
kb_status_t kb_store_replace(kb_store_t *store, const char *idterm,
			     size_t len, const kb_doc_t *doc,
			     unsigned *docid);

/* Adds doc as it is, without the copy kb_store_replace makes: the way
 * to write many documents fast, when the caller knows no document carries
 * their id terms (it deleted them first) and has put those terms in
 * itself.  doc may be built on another thread, but not used by two at
 * once.  *docid (if not NULL) receives the new document's id.  Writable
 * only.  Returns KB_OK, KB_ERR_ARG, KB_ERR_IO, KB_ERR_NOMEM,
 * KB_ERR_XAPIAN, ... */
kb_status_t kb_store_add(kb_store_t *store, const kb_doc_t *doc,
			 unsigned *docid);

/* Deletes every document carrying term (0 or more).  Writable only. */
kb_status_t kb_store_delete(kb_store_t *store, const char *term, size_t len);

/* Finds the first document carrying idterm.  Returns KB_OK with *docid,
 * or KB_ERR_NOT_FOUND. */
kb_status_t kb_store_find(kb_store_t *store, const char *idterm, size_t len,
			  unsigned *docid);

/* Copies a document's data: *out is malloc'd and NUL-terminated (the
 * caller frees it).  Returns KB_OK or KB_ERR_NOT_FOUND, ... */
kb_status_t kb_store_get_data(kb_store_t *store, unsigned docid, char **out,
			      size_t *out_len);

/* Copies a document's value slot (empty when unset), as get_data. */
kb_status_t kb_store_get_value(kb_store_t *store, unsigned docid,
			       unsigned slot, char **out, size_t *out_len);

/* ---- queries ------------------------------------------------------ */

typedef enum kb_query_op {
	KB_QUERY_OR,
	KB_QUERY_AND,
	KB_QUERY_AND_NOT,	/* first sub-query, minus the others */
	KB_QUERY_AND_MAYBE,	/* first sub-query; the others only weight */
	KB_QUERY_SYNONYM,	/* sub-queries weighted as one term */
	KB_QUERY_PHRASE,	/* terms in order within window positions */
	KB_QUERY_NEAR,		/* terms in any order within window */
	KB_QUERY_FILTER		/* first sub-query, filtered by the others
				   without their weight */
} kb_query_op_t;

/* A query for one term.  wqf is its within-query frequency (1 if 0) and
 * pos its position in the query (for phrases; 0 if unknown).  Returns
 * KB_OK, KB_ERR_ARG (empty term), KB_ERR_NOMEM. */
kb_status_t kb_query_term(const char *term, size_t len, unsigned wqf,
			  unsigned pos, kb_query_t **out);

/* Combines n sub-queries with op.  window is the PHRASE/NEAR window (0
 * means the number of sub-queries) and is ignored for other ops.  The
 * sub-queries are not consumed: the caller still frees them.  n == 0 gives
 * the empty query (matches nothing).  Returns KB_OK, KB_ERR_ARG,
 * KB_ERR_NOMEM. */
kb_status_t kb_query_combine(kb_query_op_t op, kb_query_t *const *subs,
			     size_t n, unsigned window, kb_query_t **out);

/* q with every weight multiplied by factor (>= 0).  q is not consumed.
 * Returns KB_OK, KB_ERR_ARG (negative factor), KB_ERR_NOMEM. */
kb_status_t kb_query_scale(const kb_query_t *q, double factor,
			   kb_query_t **out);

/* Frees a query.  Accepts NULL. */
void kb_query_free(kb_query_t *q) KB_STORE_NOEXCEPT;

/* A malloc'd text description of the query, for debugging. */
kb_status_t kb_query_describe(const kb_query_t *q, char **out);

/* ---- searching ---------------------------------------------------- */

/* Okapi BM25 parameters (see Xapian::BM25Weight).  k1 controls term
 * frequency saturation, b document length normalisation. */
typedef struct kb_bm25 {
	double k1;		/* default 1.2 */
	double k2;		/* default 0 */
	double k3;		/* default 1 */
	double b;		/* default 0.5 */
	double min_normlen;	/* default 0.5 */
} kb_bm25_t;

/* Fills p with Xapian's BM25 defaults. */
void kb_bm25_defaults(kb_bm25_t *p) KB_STORE_NOEXCEPT;

typedef struct kb_search_opts {
	unsigned offset;	/* skip this many hits */
	unsigned limit;		/* at most this many hits (0 = 10) */
	const kb_bm25_t *bm25;	/* NULL = defaults */
	int collapse_slot;	/* keep the best hit per value of this slot;
				   -1 = no collapsing */
	unsigned check_at_least; /* make the total estimate exact up to here */
	int skip_data;		/* do not read the hits' document data
				   (hit->data is NULL): for ranking on
				   values, then kb_store_get_data() */
	int facet_slot;		/* count the values of this slot over all
				   the matches (kb_hits_facet); -1 = none.
				   The match then runs to its end. */
} kb_search_opts_t;

/* Fills o with: offset 0, limit 10, default BM25, no collapsing, 0, the
 * data read, and no facet counts. */
void kb_search_opts_init(kb_search_opts_t *o) KB_STORE_NOEXCEPT;

/* Runs q against the store.  On KB_OK *out holds the ranked hits, owned by
 * the caller (kb_hits_free) and valid while the store is open.  opts may
 * be NULL.  Returns KB_OK, KB_ERR_ARG, KB_ERR_RETRY (the database changed
 * underneath; kb_store_reopen and search again), KB_ERR_IO, KB_ERR_NOMEM,
 * KB_ERR_XAPIAN, KB_ERR_INTERNAL. */
kb_status_t kb_store_search(kb_store_t *store, const kb_query_t *q,
			    const kb_search_opts_t *opts, kb_hits_t **out);

/* One hit.  data points into the result set and stays valid until the next
 * kb_hits_next() or kb_hits_free(); it is NULL when the search skipped the
 * data. */
typedef struct kb_hit {
	unsigned docid;		/* Xapian document id */
	unsigned rank;		/* 0-based rank in the whole result list */
	double weight;		/* BM25 weight */
	const char *data;	/* document data, NUL-terminated */
	size_t data_len;	/* its length */
	unsigned collapse_count; /* hits collapsed into this one */
} kb_hit_t;

/* Estimated number of matching documents (exact when the result list is
 * short or check_at_least covers it). */
uint64_t kb_hits_estimate(const kb_hits_t *hits);

/* Steps to the next hit:
 *
 *	const kb_hit_t *h;
 *	kb_status_t st;
 *	while ((st = kb_hits_next(hits, &h)) == KB_OK)
 *		printf("%u %.3f %s\n", h->docid, h->weight, h->data);
 *	if (st != KB_DONE) ... a real failure, see kb_store_errmsg ...
 *
 * Returns KB_OK with *hit set, KB_DONE at the end (*hit NULL), or an
 * error. */
kb_status_t kb_hits_next(kb_hits_t *hits, const kb_hit_t **hit);

/* The current hit's value in slot: *v points into the result set and is
 * valid until the next kb_hits_next(); empty when unset.  Returns KB_OK,
 * KB_ERR_ARG (no current hit), ... */
kb_status_t kb_hits_value(kb_hits_t *hits, unsigned slot, const char **v,
			  size_t *len);

/* The i-th value (from 0) of the search's facet_slot among all the
 * matches, and how many matches hold it: *value (*len bytes) points into
 * the result set.  Returns KB_OK, KB_DONE past the last one (always, when
 * the search counted no slot), KB_ERR_ARG. */
kb_status_t kb_hits_facet(const kb_hits_t *hits, size_t i, const char **value,
			  size_t *len, uint64_t *count) KB_STORE_NOEXCEPT;

/* Frees the result set.  Accepts NULL. */
void kb_hits_free(kb_hits_t *hits) KB_STORE_NOEXCEPT;

#ifdef __cplusplus
}
#endif

#endif /* KB_STORE_H */
