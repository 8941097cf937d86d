/* text_internal.h - what the files of the text module share.
 *
 * The pipeline is split by concern:
 *
 *   text.c       the analyser handle and its error message
 *   utf8.c       validation and repair of UTF-8
 *   fold.c       NFKC case folding with utf8proc (ASCII fast path)
 *   tokenize.c   the base tokenizer and the pipeline that wraps it
 *   stopwords.c  the stopword set and the stopword stage
 *   stem.c       the libstemmer wrapper and the stemming stage
 *
 * Nothing here is part of the public API; other modules include kb_text.h
 * only.
 */
#ifndef KB_TEXT_INTERNAL_H
#define KB_TEXT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <utf8proc.h>

#include "../util/kb_hash.h"
#include "../util/kb_strset.h"
#include "kb_text.h"

/* Everything below is internal: hidden from the shared library, so that
 * only the public headers' kb_ API is exported (tests/check-symbols.sh). */
#pragma GCC visibility push(hidden)

struct sb_stemmer;

/* Decodes the character at s[i] (i < len) into *cp and returns its length
 * in bytes.  An invalid or truncated sequence gives *cp = -1 and length 1,
 * so that callers skip bad input one byte at a time and always advance.
 * utf8proc_iterate rejects overlong forms, surrogates and code points past
 * U+10FFFF; it is given at most 4 bytes so it never looks past len. */
static inline size_t
utf8_decode(const unsigned char *s, size_t len, size_t i,
	    utf8proc_int32_t *cp)
{
	utf8proc_ssize_t n;
	size_t avail = len - i;

	if (s[i] < 0x80) {
		*cp = s[i];
		return 1;
	}
	n = utf8proc_iterate(s + i, (utf8proc_ssize_t)(avail < 4 ? avail : 4),
			     cp);
	if (n <= 0) {
		*cp = -1;
		return 1;
	}
	return (size_t)n;
}

/* FNV-1a over a short word: for the stem cache.  The
 * keys are words of natural text, not chosen by an adversary who could
 * aim for collisions, and a simple byte hash is fast on them. */
static inline uint32_t
hash_word(const char *w, size_t len)
{
	return kb_hash32(w, len);
}

/* Scratch memory for folding non-ASCII text, kept between calls so that
 * folding a token does not allocate once the buffers have grown. */
typedef struct kb_fold_scratch {
	kb_buf_t pre;			/* input with invalid bytes dropped
					   and apostrophes made straight */
	utf8proc_int32_t *cp;		/* decomposed code points; reused
					   by utf8proc_reencode for UTF-8 */
	size_t cap;			/* code points allocated in cp */
} kb_fold_scratch_t;

/* The set of folded stopwords. */
typedef struct kb_stopset {
	kb_strset_t *words;		/* NULL while the list is empty */
	size_t max_len;			/* longest word, for a quick reject */
} kb_stopset_t;

/* One entry of the stem cache: a folded word and its stem.  wlen 0 marks
 * a free slot. */
typedef struct kb_stem_slot {
	uint32_t hash;			/* hash_word() of w */
	unsigned char wlen;		/* bytes in w */
	unsigned char slen;		/* bytes in s */
	char w[KB_TEXT_MAX_STEM];	/* the word, not NUL-terminated */
	char s[KB_TEXT_MAX_STEM];	/* its stem, not NUL-terminated */
} kb_stem_slot_t;

struct kb_text {
	kb_stopset_t stop;		/* empty: stopword stage off */
	struct sb_stemmer *stemmer;	/* NULL: stemming stage off */
	kb_stem_slot_t *stem_cache;	/* recent stems, made on first use;
					   NULL when none */
	kb_fold_scratch_t scratch;	/* for folding non-ASCII tokens */
	kb_buf_t folded;		/* folded form of the current token */
	kb_buf_t term;			/* stemmed form of the current token */
	kb_buf_t stem_out;		/* the result of kb_text_stem() */
	int busy;			/* inside kb_text_tokenize() */
	int has_err;			/* errmsg holds a message */
	char errmsg[512];		/* message of the last failed call */
};

/* text.c */

/* Forgets the message of an earlier call; every fallible public call
 * starts with this. */
void text_clear_error(kb_text_t *tx);

/* Records the message for the failing call (truncated to fit) and returns
 * status, so that error paths read "return text_error(tx, rc, ...)". */
kb_status_t text_error(kb_text_t *tx, kb_status_t status, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* fold.c */

void text_fold_scratch_init(kb_fold_scratch_t *sc);
void text_fold_scratch_free(kb_fold_scratch_t *sc);

/* Appends the folded form of s[0..len) to out, as kb_text_fold() does,
 * using and growing the buffers in sc.  Returns out->err. */
kb_status_t text_fold_with(kb_fold_scratch_t *sc, const char *s, size_t len,
                           kb_buf_t *out);

/* tokenize.c */

/* The base tokenizer alone: calls fn for each token of s[0..len) with
 * term == folded and only KB_TOKEN_NUMBER and KB_TOKEN_SENTENCE set.
 * Stops at the first non-OK status of fn and returns it (KB_DONE
 * included; the caller decides what it means).  Returns KB_ERR_NOMEM,
 * with the message set, when folding fails. */
kb_status_t text_scan(kb_text_t *tx, const char *s, size_t len, kb_token_fn fn,
                      void *ctx);

/* stopwords.c */

void text_stopset_init(kb_stopset_t *set);
void text_stopset_free(kb_stopset_t *set);

/* True when the word is in the set. */
int text_stopset_has(const kb_stopset_t *set, const char *w, size_t len);

/* The stopword stage: returns 0 when tok must be dropped (a stopword in
 * query mode); otherwise returns 1, with KB_TOKEN_STOP added to a
 * stopword's flags in document mode. */
int text_stop_stage(const kb_text_t *tx, kb_text_mode_t mode, kb_token_t *tok);

/* stem.c */

/* The stemming stage: replaces tok->term by its stem, held in tx->term,
 * unless stemming is off or tok is a number, a stopword or longer than
 * KB_TEXT_MAX_STEM bytes.  Returns KB_OK or KB_ERR_NOMEM (message set;
 * tok unchanged). */
kb_status_t text_stem_stage(kb_text_t *tx, kb_token_t *tok);

void text_stemmer_free(kb_text_t *tx);

#pragma GCC visibility pop

#endif /* KB_TEXT_INTERNAL_H */
