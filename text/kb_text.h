/* kb_text.h - the one text analysis pipeline of relief.
 *
 * Documents and queries go through the same stages, so that a word typed
 * in a question becomes exactly the term the indexer stored:
 *
 *   base tokenizer   UTF-8 -> words and numbers, with byte offsets into the
 *                    ORIGINAL text; Unicode normalisation (NFKC) and case
 *                    folding with utf8proc: curly quotes become straight,
 *                    accents are stripped, full-width forms become ASCII;
 *                    invalid UTF-8 bytes are skipped as separators.
 *   stopword stage   marks (document mode) or drops (query mode) the words
 *                    listed in a stopword file.
 *   stemming stage   Snowball stemming through libstemmer; numbers and
 *                    tokens longer than KB_TEXT_MAX_STEM bytes pass through
 *                    unstemmed.
 *
 * A fresh analyser runs only the base tokenizer; kb_text_load_stopwords()
 * and kb_text_set_stemmer() switch the other stages on, so each stage can
 * be tested alone.  An analyser holds scratch buffers and a stemmer: create
 * one per thread and never share it.
 *
 *	kb_text_t *tx;
 *	kb_text_new(&tx);
 *	kb_text_load_stopwords(tx, "stopwords/english.txt");
 *	kb_text_set_stemmer(tx, "english");
 *	kb_text_tokenize(tx, KB_TEXT_DOCUMENT, s, len, on_token, ctx);
 *	kb_text_free(tx);
 *
 * May use: util/, utf8proc and libstemmer.  It knows nothing of Xapian.
 */
#ifndef KB_TEXT_H
#define KB_TEXT_H

#include <stddef.h>

#include "../util/kb_buf.h"
#include "../util/kb_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Tokens longer than this many bytes (after folding) are not stemmed:
 * they are codes, URLs or junk, and stemming them only costs time. */
#define KB_TEXT_MAX_STEM 64

/* Tokens are cut to this many bytes (at a character boundary), so that a
 * term always fits Xapian's 245-byte term limit with a prefix. */
#define KB_TEXT_MAX_TOKEN 200

typedef struct kb_text kb_text_t;

typedef enum kb_text_mode {
	KB_TEXT_DOCUMENT,	/* stopwords are emitted, flagged */
	KB_TEXT_QUERY		/* stopwords are dropped */
} kb_text_mode_t;

/* Token flags. */
#define KB_TOKEN_NUMBER 0x1u	/* digits ("10", "3.5", "1,000") */
#define KB_TOKEN_STOP 0x2u	/* a stopword (document mode only) */
#define KB_TOKEN_STEMMED 0x4u	/* term differs from folded */
#define KB_TOKEN_SENTENCE 0x8u	/* first token of a sentence */

typedef struct kb_token {
	const char *term;	/* final term: folded, then stemmed;
				   NUL-terminated */
	size_t len;		/* its length in bytes */
	const char *folded;	/* folded but unstemmed form */
	size_t folded_len;
	size_t start;		/* byte offset of the token in the input */
	size_t end;		/* byte offset just past it */
	unsigned pos;		/* 1-based ordinal of the token among all
				   tokens of the input, stopwords included */
	unsigned flags;		/* KB_TOKEN_* */
} kb_token_t;

/* Called once per token.  The pointers in tok are valid only during the
 * call.  Returning KB_DONE stops tokenizing with KB_OK; any other non-OK
 * status stops it and is returned by kb_text_tokenize(). */
typedef kb_status_t (*kb_token_fn)(void *ctx, const kb_token_t *tok);

/* Creates an analyser with only the base tokenizer on.  Returns KB_OK or
 * KB_ERR_NOMEM (*out NULL). */
kb_status_t kb_text_new(kb_text_t **out);

/* Frees an analyser.  Accepts NULL. */
void kb_text_free(kb_text_t *tx);

/* The message for the last failed call on this handle, or NULL.  Valid
 * until the next call on the handle. */
const char *kb_text_errmsg(const kb_text_t *tx);

/* Reads a stopword list: one word per line, '#' starts a comment, blank
 * lines ignored, words folded like tokens.  Replaces any earlier list.
 * Returns KB_OK, KB_ERR_IO (unreadable; the message names the path),
 * KB_ERR_NOMEM.  On failure the earlier list stays in force. */
kb_status_t kb_text_load_stopwords(kb_text_t *tx, const char *path);

/* Adds stopwords from memory, in the same format as the file. */
kb_status_t kb_text_add_stopwords(kb_text_t *tx, const char *s, size_t len);

/* Turns stemming on for a Snowball language ("english"), or off for NULL.
 * Returns KB_OK, KB_ERR_NOT_FOUND (unknown language), KB_ERR_NOMEM. */
kb_status_t kb_text_set_stemmer(kb_text_t *tx, const char *lang);

/* Tokenizes len bytes of s (need not be NUL-terminated, need not be valid
 * UTF-8) through every stage that is on, calling fn for each token in
 * order.  Never reads outside s[0..len).  Returns KB_OK, KB_ERR_ARG (NULL
 * arguments, an unknown mode, or a call from inside its own callback),
 * KB_ERR_NOMEM, or the callback's error. */
kb_status_t kb_text_tokenize(kb_text_t *tx, kb_text_mode_t mode,
			     const char *s, size_t len, kb_token_fn fn,
			     void *ctx);

/* True when the folded word w is in the stopword list. */
int kb_text_is_stopword(const kb_text_t *tx, const char *w, size_t len);

/* Stems one folded word with the analyser's stemmer (a copy of the word
 * when stemming is off, or when it is longer than KB_TEXT_MAX_STEM).  *out is valid until the next call on tx.
 * Returns KB_OK, KB_ERR_NOMEM. */
kb_status_t kb_text_stem(kb_text_t *tx, const char *w, size_t len,
			 const char **out, size_t *out_len);

/* Appends the NFKC case-folded, accent-stripped form of s to out, with
 * curly quotes made straight (invalid UTF-8 bytes are dropped).  Returns
 * out->err. */
kb_status_t kb_text_fold(const char *s, size_t len, kb_buf_t *out);

/* Repairs s into valid UTF-8 in out: each invalid byte becomes U+FFFD, NUL
 * bytes are dropped.  Returns out->err. */
kb_status_t kb_text_repair_utf8(const char *s, size_t len, kb_buf_t *out);

/* True when s[0..len) is valid UTF-8 without NUL bytes. */
int kb_text_valid_utf8(const char *s, size_t len);

/* The one byte-level definition of a word, for the scanners that walk raw
 * bytes (the cleaner, the segmenter, relief eval) rather than tokenize: a
 * word is a run of ASCII letters and digits and of the bytes of non-ASCII
 * characters, so a word of any script, with its accents, stays whole.
 * (kb_text_tokenize goes further and uses Unicode classes.)  c is an
 * unsigned char, evaluated more than once. */
#define KB_TEXT_LETTER_BYTE(c) \
	((((c) | 0x20) >= 'a' && ((c) | 0x20) <= 'z') || (c) >= 0x80)
#define KB_TEXT_WORD_BYTE(c) \
	(KB_TEXT_LETTER_BYTE(c) || ((c) >= '0' && (c) <= '9'))

#ifdef __cplusplus
}
#endif

#endif /* KB_TEXT_H */
