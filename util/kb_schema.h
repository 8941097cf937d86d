/* kb_schema.h - how relief lays out its Xapian database.
 *
 * The indexer writes and the query engine reads the same terms, values and
 * metadata keys, so they are named once, here.  Changing any of them
 * changes the on-disk format: bump KB_SCHEMA_VERSION.
 *
 * Documents come in two kinds:
 *   article   one per indexed file: its identity, change-detection data
 *             (size, mtime, content hash) and title; no text terms.
 *   snippet   one per advice snippet of an article: the searchable text,
 *             with its name, title and section heading as fields, kind
 *             and body parts as filters, the rank value (below), and as
 *             JSON the rest of the record (ordinal, body parts, dosage,
 *             text; kb_record_complete adds the rank value's fields).
 * Both carry the article's KB_PREFIX_ARTICLE term, so deleting that term
 * removes an article with all its snippets.
 */
#ifndef KB_SCHEMA_H
#define KB_SCHEMA_H

#include <stddef.h>
#include <stdint.h>

#include "kb_buf.h"
#include "kb_hash.h"

#ifdef __cplusplus
extern "C" {
#endif

#define KB_SCHEMA_VERSION "5"

/* Term prefixes (Xapian convention: upper-case letters). */
#define KB_PREFIX_ID_ARTICLE "Qa:"	/* unique id of an article doc */
#define KB_PREFIX_ID_SNIPPET "Qs:"	/* unique id: article id#ordinal */
#define KB_PREFIX_ARTICLE "XA"		/* on an article and its snippets */
#define KB_PREFIX_KIND "K"		/* "Karticle" or "Ksnippet" */
#define KB_PREFIX_TITLE "S"		/* article title words, stemmed */
#define KB_PREFIX_NAME "N"		/* snippet name words ("arch bridge") */
#define KB_PREFIX_SECTION "H"		/* section heading words */
#define KB_PREFIX_ADVICE "XK"		/* boolean: snippet kind ("exercise") */
#define KB_PREFIX_BODY "XB"		/* boolean: body part ("lower back") */

#define KB_KIND_ARTICLE "article"
#define KB_KIND_SNIPPET "snippet"

/* Value slots. */
/* Slots 0 and 1 (article id and document kind) are no longer written:
 * nothing read them, the rank value holds the id. */
#define KB_SLOT_ADVICE 2	/* snippet kind ("exercise"), for facets */
#define KB_SLOT_RANK 3		/* what the ranking reads, see below */

/* The ranking reads one value per candidate instead of decompressing every
 * candidate's record (one slot rather than several, because each slot read
 * is a seek of its own).  kb_rank_encode and kb_rank_decode are the only
 * code that knows its layout:
 *
 *   KB_SIG_BYTES  MinHash signature: finds near-identical snippets without
 *                 analysing their text
 *   1 byte        flags (KB_RANK_DOSAGE: the snippet states a dosage)
 *   4 bytes       dosage key: a hash of the stated dosage (0: none), so
 *                 that advice with different dosages is never collapsed
 *   2 bytes       the snippet's number of words
 *   2 bytes       n, then n 2-byte hashes of the distinct terms of the
 *                 snippet's text and name, ascending: what the question's
 *                 words are checked against without reading the text
 *   source, title, kind, section heading and name, each ended by a NUL
 *
 * Numbers are little-endian. */
#define KB_RANK_DOSAGE 0x01

/* A rank value, decoded.  Strings and terms point into the value. */
typedef struct kb_rank_value {
	const char *sig;		/* KB_SIG_BYTES */
	unsigned flags;
	uint32_t dosage_key;
	unsigned nwords;
	const unsigned char *terms;	/* nterms 2-byte hashes */
	size_t nterms;
	const char *source, *title, *kind, *section, *name;
} kb_rank_value_t;

/* The 2-byte hash of an analysed term, as the rank value stores it. */
unsigned kb_rank_term_hash(const char *term, size_t len);

/* Appends the rank value of a snippet to out: sig is KB_SIG_BYTES,
 * hashes[0..n) the kb_rank_term_hash of its terms in any order, repeats
 * allowed (they are sorted and deduplicated here, in place).  Returns
 * out->err. */
kb_status_t kb_rank_encode(kb_buf_t *out, const unsigned char *sig,
			   unsigned flags, uint32_t dosage_key,
			   unsigned nwords, unsigned *hashes, size_t n,
			   const char *source, const char *title,
			   const char *kind, const char *section,
			   const char *name);

/* Decodes v (len bytes).  Returns KB_OK, or KB_ERR_CORRUPT when it is not
 * a rank value of this layout. */
kb_status_t kb_rank_decode(const char *v, size_t len, kb_rank_value_t *out);

/* Completes a snippet record read from a document's data (a json_t *):
 * the record does not repeat what the rank value v (len bytes) holds, so
 * its source, title, kind, section and name are set from v.  Returns
 * KB_OK, KB_ERR_CORRUPT (v is not a rank value) or KB_ERR_NOMEM. */
kb_status_t kb_record_complete(void *record, const char *v, size_t len);

/* True when the decoded value holds the term hash h. */
int kb_rank_has_term(const kb_rank_value_t *r, unsigned h);

/* Metadata keys. */
#define KB_META_VERSION "relief.schema"
#define KB_META_STOPWORDS "relief.stopwords"	/* the stopword list used */
#define KB_META_STEMMER "relief.stemmer"	/* Snowball language */
#define KB_META_SHARD "relief.shard"	/* "i/N": shard i of N (only in a
					   sharded knowledge base) */

/* Xapian refuses terms longer than 245 bytes.  Ids that would make a
 * longer term are cut and suffixed with a hash of the whole id, so they
 * stay unique. */
#define KB_MAX_ID_TERM 200

/* Appends prefix followed by id (len bytes) to out, shortened as described
 * above when needed.  Returns out->err. */
kb_status_t kb_schema_term(kb_buf_t *out, const char *prefix, const char *id,
			   size_t len);

/* A dosage as stated in the text: a field is 0 when the text does not
 * state it; a range "2 to 3" gives min 2 and max 3, a single value gives
 * min == max. */
typedef struct kb_dosage {
	unsigned hold_min, hold_max;	/* seconds to hold a position */
	unsigned reps_min, reps_max;	/* repetitions */
	unsigned sets_min, sets_max;	/* sets (groups) */
	unsigned per_day_min, per_day_max; /* times a day */
	unsigned per_week_min, per_week_max; /* times a week */
	int per_side;			/* reps or holds are per side */
} kb_dosage_t;

/* The dosage as it appears in stored records and in JSON output: an
 * object with only the stated fields of "hold_seconds", "reps", "sets",
 * "per_side" (true), "per_day" and "per_week", each a number, or [min, max] for a
 * range.  Returns a new jansson object (a json_t *, as void * so that
 * this header does not need jansson's), or NULL when out of memory. */
void *kb_dosage_to_json(const kb_dosage_t *d);

/* The n strings of v as a JSON array of strings, as stored records and
 * JSON output hold lists.  Returns a new jansson array (a json_t *, as
 * void *), or NULL when out of memory. */
void *kb_strings_to_json(char *const *v, size_t n);

/* Appends the dosage for people to b: "hold 10 s × 10 per side, 3 sets,
 * 2–3×/day" (nothing when none is stated), as the command line and the
 * search page show it. */
void kb_dosage_format(kb_buf_t *b, const kb_dosage_t *d);

/* Reads a dosage object as written by kb_dosage_to_json (a json_t *);
 * missing or malformed fields read as 0. */
void kb_dosage_from_json(const void *json, kb_dosage_t *d);

/* A MinHash signature: KB_SIG_N minima of the word hashes under different
 * mixes.  The share of equal minima estimates the Jaccard similarity of
 * two snippets' word sets (within about 1/sqrt(KB_SIG_N)). */
#define KB_SIG_N 16
#define KB_SIG_BYTES (KB_SIG_N * 4)

typedef struct kb_sig {
	unsigned v[KB_SIG_N];
} kb_sig_t;

/* An empty signature. */
void kb_sig_init(kb_sig_t *s);

/* Adds one word (an analysed term) to the signature. */
void kb_sig_add(kb_sig_t *s, const char *term, size_t len);

/* Serialises to KB_SIG_BYTES bytes (little-endian). */
void kb_sig_encode(const kb_sig_t *s, unsigned char out[KB_SIG_BYTES]);

/* Estimated Jaccard similarity of two encoded signatures (0 when either
 * is not KB_SIG_BYTES long). */
double kb_sig_similarity(const char *a, size_t alen, const char *b,
			 size_t blen);

/* Number of values common to the ascending arrays a[0..na) and b[0..nb),
 * counted as multisets (a value twice in both counts twice).  For word
 * hashes: the ranking's title match and relief eval's word-pair match. */
size_t kb_hash_overlap(const uint64_t *a, size_t na, const uint64_t *b,
		       size_t nb);

#ifdef __cplusplus
}
#endif

#endif /* KB_SCHEMA_H */
