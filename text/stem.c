/* stem.c - Snowball stemming through libstemmer, and the stemming stage.
 *
 * One sb_stemmer per analyser: libstemmer objects keep the last result in
 * their own buffer, so they can be neither shared between threads nor
 * used by two callers that both hold on to a result.  The stage copies the
 * stem into tx->term and kb_text_stem() into tx->stem_out, so a callback
 * may call kb_text_stem() without spoiling the token it was handed.
 */
#include "text_internal.h"

#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>

/* Slots of the stem cache, a power of two.  Snowball costs several times
 * the rest of the pipeline per word, while word frequencies are so skewed
 * that a few thousand recent words answer most lookups.  On MedQuAD
 * (20 MB) a direct-mapped cache of 4096 slots, about 550 kB per analyser,
 * made tokenizing with stemming about three times faster; 16384 slots
 * gained only a further fifth for four times the memory. */
#define STEM_CACHE_SLOTS 4096

void
text_stemmer_free(kb_text_t *tx)
{
	sb_stemmer_delete(tx->stemmer);
	tx->stemmer = NULL;
	/* The stems belong to this stemmer's language. */
	free(tx->stem_cache);
	tx->stem_cache = NULL;
}

kb_status_t
kb_text_set_stemmer(kb_text_t *tx, const char *lang)
{
	struct sb_stemmer *st;
	const char **names;

	text_clear_error(tx);
	if (lang == NULL) {
		text_stemmer_free(tx);
		return KB_OK;
	}
	st = sb_stemmer_new(lang, "UTF_8");
	if (st == NULL) {
		/* libstemmer returns NULL both for a language it does not
		 * know and when out of memory; its list of canonical names
		 * tells the two apart (an alias such as "en" that fails is
		 * reported as unknown, which is the likelier cause). */
		for (names = sb_stemmer_list(); *names != NULL; names++)
			if (strcmp(*names, lang) == 0)
				return text_error(tx, KB_ERR_NOMEM,
				                  "stemmer \"%s\": out of "
				                  "memory",
				                  lang);
		return text_error(tx, KB_ERR_NOT_FOUND,
		                  "stemmer \"%s\": no such Snowball "
		                  "language",
		                  lang);
	}
	/* The old stemmer (and its cache) goes only now, so a failure
	 * keeps it. */
	text_stemmer_free(tx);
	tx->stemmer = st;
	return KB_OK;
}

/* Stems w[0..len) with tx's stemmer and sets *n to the stem's length.
 * Returns w itself when stemming is off, when w is empty or longer than
 * KB_TEXT_MAX_STEM, or when the stem would be empty (a term is never
 * empty).  Otherwise returns the stem, which is valid until the next call
 * on tx, or NULL when libstemmer runs out of memory. */
static const char *
stem_word(kb_text_t *tx, const char *w, size_t len, size_t *n)
{
	kb_stem_slot_t *slot = NULL;
	const char *stem;
	const sb_symbol *r;
	uint32_t h;
	int rlen;

	*n = len;
	if (tx->stemmer == NULL || len == 0 || len > KB_TEXT_MAX_STEM)
		return w;
	/* Without memory for the cache we only lose speed. */
	if (tx->stem_cache == NULL)
		tx->stem_cache = calloc(STEM_CACHE_SLOTS, sizeof(*slot));
	h = hash_word(w, len);
	if (tx->stem_cache != NULL) {
		slot = &tx->stem_cache[h & (STEM_CACHE_SLOTS - 1)];
		if (slot->wlen == len && slot->hash == h
		    && memcmp(slot->w, w, len) == 0) {
			*n = slot->slen;
			return slot->s;
		}
	}
	r = sb_stemmer_stem(tx->stemmer, (const sb_symbol *)w, (int)len);
	if (r == NULL)
		return NULL;
	rlen = sb_stemmer_length(tx->stemmer);
	stem = rlen > 0 ? (const char *)r : w;
	*n = rlen > 0 ? (size_t)rlen : len;
	if (slot != NULL && *n <= KB_TEXT_MAX_STEM) {
		slot->hash = h;
		slot->wlen = (unsigned char)len;
		slot->slen = (unsigned char)*n;
		memcpy(slot->w, w, len);
		memcpy(slot->s, stem, *n);
	}
	return stem;
}

kb_status_t
text_stem_stage(kb_text_t *tx, kb_token_t *tok)
{
	const char *stem;
	size_t n;

	if (tx->stemmer == NULL
	    || (tok->flags & (KB_TOKEN_NUMBER | KB_TOKEN_STOP)) != 0)
		return KB_OK;
	stem = stem_word(tx, tok->folded, tok->folded_len, &n);
	if (stem == NULL)
		return text_error(tx, KB_ERR_NOMEM,
		                  "out of memory stemming \"%.*s\"",
		                  (int)tok->folded_len, tok->folded);
	if (n == tok->folded_len && memcmp(stem, tok->folded, n) == 0)
		return KB_OK;
	kb_buf_reset(&tx->term);
	if (kb_buf_append(&tx->term, stem, n) != KB_OK)
		return text_error(tx, KB_ERR_NOMEM,
		                  "out of memory stemming \"%.*s\"",
		                  (int)tok->folded_len, tok->folded);
	tok->term = tx->term.data;
	tok->len = n;
	tok->flags |= KB_TOKEN_STEMMED;
	return KB_OK;
}

kb_status_t
kb_text_stem(kb_text_t *tx, const char *w, size_t len, const char **out,
	     size_t *out_len)
{
	const char *stem;
	size_t n;

	*out = NULL;
	*out_len = 0;
	text_clear_error(tx);
	if (w == NULL && len > 0)
		return text_error(tx, KB_ERR_ARG, "stem: no word given");
	stem = stem_word(tx, w, len, &n);
	/* Only words of at most KB_TEXT_MAX_STEM bytes reach libstemmer,
	 * so len fits the message. */
	if (stem == NULL && len > 0)
		return text_error(tx, KB_ERR_NOMEM,
		                  "out of memory stemming \"%.*s\"", (int)len,
		                  w);
	kb_buf_reset(&tx->stem_out);
	if (kb_buf_append(&tx->stem_out, stem, n) != KB_OK)
		return text_error(tx, KB_ERR_NOMEM,
		                  "out of memory copying a stem");
	*out = tx->stem_out.data;
	*out_len = n;
	return KB_OK;
}
