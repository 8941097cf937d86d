/* kb_schema.h - how relief lays out its Xapian database.
 *
 * The indexer writes and the query engine reads the same terms, values and
 * metadata keys, so they are named once, here.  Changing any of them
 * changes the on-disk format: bump KB_SCHEMA_VERSION.
 *
 * Documents come in two kinds:
 *   article   one per indexed file: its identity, change-detection data
 *             (size, mtime, content hash) and title; no text terms.
 *   passage   one per passage of an article: the searchable text.
 * Both carry the article's KB_PREFIX_ARTICLE term, so deleting that term
 * removes an article with all its passages.
 */
#ifndef KB_SCHEMA_H
#define KB_SCHEMA_H

#include <stddef.h>

#include "kb_buf.h"

#ifdef __cplusplus
extern "C" {
#endif

#define KB_SCHEMA_VERSION "1"

/* Term prefixes (Xapian convention: upper-case letters). */
#define KB_PREFIX_ID_ARTICLE "Qa:"	/* unique id of an article doc */
#define KB_PREFIX_ID_PASSAGE "Qp:"	/* unique id: article id#ordinal */
#define KB_PREFIX_ARTICLE "XA"		/* on an article and its passages */
#define KB_PREFIX_KIND "K"		/* "Karticle" or "Kpassage" */
#define KB_PREFIX_TITLE "S"		/* title words, stemmed */

#define KB_KIND_ARTICLE "article"
#define KB_KIND_PASSAGE "passage"

/* Value slots. */
#define KB_SLOT_SOURCE 0	/* article id (path relative to its root) */
#define KB_SLOT_KIND 1		/* document kind */

/* Metadata keys. */
#define KB_META_VERSION "relief.schema"
#define KB_META_STOPWORDS "relief.stopwords"	/* the stopword list used */
#define KB_META_STEMMER "relief.stemmer"	/* Snowball language */

/* Xapian refuses terms longer than 245 bytes.  Ids that would make a
 * longer term are cut and suffixed with a hash of the whole id, so they
 * stay unique. */
#define KB_MAX_ID_TERM 200

/* Appends prefix followed by id (len bytes) to out, shortened as described
 * above when needed.  Returns out->err. */
kb_status_t kb_schema_term(kb_buf_t *out, const char *prefix, const char *id,
			   size_t len);

/* 64-bit FNV-1a hash of len bytes: cheap, and good enough to detect a
 * changed file or to shorten an id. */
unsigned long long kb_hash64(const void *data, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* KB_SCHEMA_H */
