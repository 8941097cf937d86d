/* tokenize.c - the base tokenizer, and the pipeline that wraps it with the
 * stopword and stemming stages.
 *
 * The base tokenizer walks the input once, left to right, never going
 * back and looking at most one character ahead, so it is linear in the
 * input whatever the input is.  Its rules:
 *
 * - Words are runs of letters, marks, digits and other numbers (Unicode
 *   L*, M*, Nd, Nl, No).  An apostrophe (U+0027, U+2019 or U+02BC) stays
 *   inside a word when a letter follows it ("don't", "back’s" becomes
 *   "back's"); elsewhere it separates.
 * - Numbers are runs of decimal digits that start a token.  A single '.'
 *   or ',' (or its full-width form) between two digits stays inside
 *   ("3.5", "1,000", "1.2.3"); anything else ends the number, so "5-10" is
 *   "5" and "10", and letters after digits start a new word: "10s" is "10"
 *   and "s", "10mg" is "10" and "mg", so that "10mg" in a document matches
 *   "10 mg" in a question.  A word that starts with a letter keeps its
 *   digits: "covid19", "b12".
 * - Han ideographs, kana and Hangul have no spaces between words, so each
 *   such character (with any marks that follow it, or for Hangul the jamo
 *   that complete its syllable) is a token of its own.
 * - Everything else separates tokens, and so does each byte of an invalid
 *   UTF-8 sequence.
 * - A run longer than KB_TEXT_MAX_TOKEN bytes once folded is still ONE
 *   token: its term is cut at the last character boundary within the
 *   limit, and its start/end cover the whole run.  The rest of the run is
 *   neither emitted as more tokens (they would be junk terms such as the
 *   middle of a base64 blob) nor folded: at most 4 * KB_TEXT_MAX_TOKEN
 *   input bytes are folded, enough for any real word, so the cost of a
 *   huge run is the single scan over it.  Documents and questions are cut
 *   the same way, so a long word still matches itself.
 * - KB_TOKEN_SENTENCE marks the first token, and the first token after a
 *   blank line (only white space between two line breaks), a paragraph
 *   separator, an ideographic or full-width full stop, '!' or '?', or
 *   after an ASCII '.', '!' or '?' followed by white space.  Requiring the
 *   white space keeps "www.nih.gov" and "file.txt" from starting
 *   sentences.
 * - A token that folds to nothing (a run of lone combining marks) is not a
 *   token: it is not emitted and takes no position.
 *
 * The stages then see each token in turn.  A stopword dropped in query
 * mode takes its flags with it: if it started a sentence, the next token
 * is not flagged instead.
 */
#include "text_internal.h"

#include <assert.h>

/* At most this many bytes of a token are folded.  Every character but a
 * mark takes at most four bytes and folds to at least one, so this prefix
 * yields all of the first KB_TEXT_MAX_TOKEN folded bytes; only a run
 * padded with marks (which folding strips) comes out shorter, and it does
 * so the same way every time. */
#define FOLD_IN_MAX (4 * KB_TEXT_MAX_TOKEN)

/* Character classes of the tokenizer. */
enum {
	C_SEP,		/* separates tokens */
	C_LETTER,	/* L* except CJK, Nl, No */
	C_DIGIT,	/* Nd */
	C_MARK,		/* M*: belongs to the character before it */
	C_CJK,		/* a token of its own */
	C_APOS		/* an apostrophe: inside a word, or a separator */
};

static inline int
ascii_class(unsigned c)
{
	if ((unsigned)((c | 0x20) - 'a') < 26)
		return C_LETTER;
	if ((unsigned)(c - '0') < 10)
		return C_DIGIT;
	if (c == '\'')
		return C_APOS;
	return C_SEP;
}

/* True for the scripts written without spaces between words: Han
 * ideographs (with the iteration marks 々〆〇), Hiragana, Katakana and
 * Hangul.  Only called for letters and numbers, so the punctuation that
 * shares these blocks (the Katakana middle dot) is not affected. */
static int
is_cjk(utf8proc_int32_t cp)
{
	return (cp >= 0x1100 && cp <= 0x11FF)		/* Hangul Jamo */
	       || (cp >= 0x3005 && cp <= 0x3007)	/* 々 〆 〇 */
	       || (cp >= 0x3040 && cp <= 0x30FF)	/* kana */
	       || (cp >= 0x3130 && cp <= 0x318F)	/* Hangul compat. */
	       || (cp >= 0x31F0 && cp <= 0x31FF)	/* kana ext. */
	       || (cp >= 0x3400 && cp <= 0x4DBF)	/* Han ext. A */
	       || (cp >= 0x4E00 && cp <= 0x9FFF)	/* Han */
	       || (cp >= 0xA960 && cp <= 0xA97F)	/* Hangul Jamo ext. */
	       || (cp >= 0xAC00 && cp <= 0xD7FF)	/* Hangul syllables */
	       || (cp >= 0xF900 && cp <= 0xFAFF)	/* Han compat. */
	       || (cp >= 0xFF66 && cp <= 0xFFDC)	/* half-width forms */
	       || (cp >= 0x20000 && cp <= 0x3FFFF);	/* Han ext. B- */
}

static int
classify(utf8proc_int32_t cp)
{
	if (cp < 0)
		return C_SEP;
	if (cp < 0x80)
		return ascii_class((unsigned)cp);
	/* U+02BC is a letter (Lm) to Unicode; we treat it as the apostrophe
	 * it is used as. */
	if (cp == 0x2019 || cp == 0x02BC)
		return C_APOS;
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return is_cjk(cp) ? C_CJK : C_LETTER;
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
		return C_MARK;
	case UTF8PROC_CATEGORY_ND:
		return C_DIGIT;
	default:
		return C_SEP;
	}
}

/* The class of the character at s[i], or C_SEP past the end. */
static int
class_at(const unsigned char *s, size_t len, size_t i)
{
	utf8proc_int32_t cp;

	if (i >= len)
		return C_SEP;
	utf8_decode(s, len, i, &cp);
	return classify(cp);
}

/* Whether the character cp, of class c, belongs to the run being scanned;
 * next is where the character after it starts in s[0..len). */
typedef int (*belongs_fn)(const unsigned char *s, size_t len, size_t next,
			  utf8proc_int32_t cp, int c);

/* A word: letters, digits and marks, and an apostrophe a letter follows. */
static inline int
in_word(const unsigned char *s, size_t len, size_t next, utf8proc_int32_t cp,
	int c)
{
	(void)cp;
	return c == C_LETTER || c == C_DIGIT || c == C_MARK
	       || (c == C_APOS && class_at(s, len, next) == C_LETTER);
}

/* A number: digits and marks, and a '.' or ',' a digit follows.  U+FF0C
 * and U+FF0E are the full-width comma and full stop, which fold to ','
 * and '.' along with full-width digits. */
static inline int
in_number(const unsigned char *s, size_t len, size_t next,
	  utf8proc_int32_t cp, int c)
{
	return c == C_DIGIT || c == C_MARK
	       || ((cp == '.' || cp == ',' || cp == 0xFF0C || cp == 0xFF0E)
		   && class_at(s, len, next) == C_DIGIT);
}

/* Returns the end of the run of characters that belong (by in) from s[i]
 * on; clears *ascii when the run has a non-ASCII byte.  ASCII bytes are
 * classified without decoding. */
static inline size_t
scan_run(const unsigned char *s, size_t len, size_t i, int *ascii,
	 belongs_fn in)
{
	utf8proc_int32_t cp;
	size_t n;

	*ascii = 1;
	while (i < len) {
		if (s[i] < 0x80) {
			if (!in(s, len, i + 1, s[i], ascii_class(s[i])))
				break;
			i++;
			continue;
		}
		n = utf8_decode(s, len, i, &cp);
		if (!in(s, len, i + n, cp, classify(cp)))
			break;
		*ascii = 0;
		i += n;
	}
	return i;
}

/* Returns the end of what belongs to a CJK character ending at s[i]: its
 * marks, and for Hangul written as separate jamo, the vowel and final
 * jamo (U+1160-U+11FF, U+D7B0-U+D7FF) that folding composes with the
 * initial into one syllable, so that decomposed Korean tokenizes like the
 * precomposed text it stands for. */
static size_t
scan_cjk_tail(const unsigned char *s, size_t len, size_t i)
{
	utf8proc_int32_t cp;
	size_t n;

	while (i < len && s[i] >= 0x80) {
		n = utf8_decode(s, len, i, &cp);
		if (classify(cp) != C_MARK
		    && !(cp >= 0x1160 && cp <= 0x11FF)
		    && !(cp >= 0xD7B0 && cp <= 0xD7FF))
			break;
		i += n;
	}
	return i;
}

/* Where the tokenizer stands between two tokens, for sentence starts. */
struct gap {
	int sent;	/* the next token starts a sentence */
	int stop;	/* an ASCII '.', '!' or '?' waits for white space */
	int line;	/* a line break, then only white space, was seen */
};

static void
gap_char(struct gap *g, utf8proc_int32_t cp)
{
	switch (cp) {
	case '\n':
	case 0x0085: /* next line */
	case 0x2028: /* line separator */
		if (g->line || g->stop)
			g->sent = 1;
		g->line = 1;
		return;
	case ' ':
	case '\t':
	case '\r':
	case '\f':
	case '\v':
		if (g->stop)
			g->sent = 1;
		return;
	case '.':
	case '!':
	case '?':
		g->stop = 1;
		g->line = 0;
		return;
	case 0x2029: /* paragraph separator */
	case 0x3002: /* ideographic full stop */
	case 0xFF01: /* full-width exclamation mark */
	case 0xFF0E: /* full-width full stop */
	case 0xFF1F: /* full-width question mark */
	case 0xFF61: /* half-width ideographic full stop */
		g->sent = 1;
		g->line = 0;
		return;
	default:
		if (cp > 0x7F
		    && utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS) {
			if (g->stop)
				g->sent = 1;
			return;
		}
		g->line = 0;
		return;
	}
}

/* Folds the n bytes of a token at p into tx->folded, cut to
 * KB_TEXT_MAX_TOKEN bytes.  An ASCII token is only lowercased, without a
 * call into utf8proc.  Returns KB_OK, or KB_ERR_NOMEM (KB_ERR_INTERNAL if
 * utf8proc fails on valid input). */
static kb_status_t
fold_token(kb_text_t *tx, const unsigned char *p, size_t n, int ascii)
{
	kb_buf_t *out = &tx->folded;
	size_t k;

	kb_buf_reset(out);
	if (ascii) {
		if (n > KB_TEXT_MAX_TOKEN)
			n = KB_TEXT_MAX_TOKEN;
		if (kb_buf_reserve(out, n) != KB_OK)
			return out->err;
		for (k = 0; k < n; k++)
			out->data[k] = (char)(p[k] >= 'A' && p[k] <= 'Z'
						      ? p[k] | 0x20
						      : p[k]);
		out->len = n;
		out->data[n] = '\0';
		return KB_OK;
	}
	if (n > FOLD_IN_MAX) {
		n = FOLD_IN_MAX;
		while (n > 0 && (p[n] & 0xC0) == 0x80)
			n--;
	}
	if (text_fold_with(&tx->scratch, (const char *)p, n, out) != KB_OK)
		return out->err;
	if (out->len > KB_TEXT_MAX_TOKEN) {
		k = KB_TEXT_MAX_TOKEN;
		while (k > 0 && ((unsigned char)out->data[k] & 0xC0) == 0x80)
			k--;
		out->len = k;
		out->data[k] = '\0';
	}
	return KB_OK;
}

kb_status_t
text_scan(kb_text_t *tx, const char *str, size_t len, kb_token_fn fn, void *ctx)
{
	const unsigned char *s = (const unsigned char *)str;
	struct gap g = {1, 0, 0};
	kb_token_t tok;
	utf8proc_int32_t cp;
	size_t i = 0, n, start;
	unsigned pos = 0, flags;
	int c, ascii;
	kb_status_t rc;

	while (i < len) {
		n = utf8_decode(s, len, i, &cp);
		c = classify(cp);
		if (c == C_SEP || c == C_APOS) {
			gap_char(&g, cp);
			i += n;
			continue;
		}
		start = i;
		flags = 0;
		if (c == C_DIGIT) {
			i = scan_run(s, len, i, &ascii, in_number);
			flags = KB_TOKEN_NUMBER;
		} else if (c == C_CJK) {
			i = scan_cjk_tail(s, len, i + n);
			ascii = 0;
		} else {
			i = scan_run(s, len, i, &ascii, in_word);
		}
		assert(i > start && i <= len);
		rc = fold_token(tx, s + start, i - start, ascii);
		if (rc != KB_OK)
			return text_error(tx, rc,
			                  "folding the token at byte %zu: "
			                  "%s",
			                  start, kb_status_str(rc));
		if (tx->folded.len == 0) {
			g.line = 0;
			continue;
		}
		if (g.sent)
			flags |= KB_TOKEN_SENTENCE;
		g.sent = g.stop = g.line = 0;
		tok.term = tok.folded = tx->folded.data;
		tok.len = tok.folded_len = tx->folded.len;
		tok.start = start;
		tok.end = i;
		tok.pos = ++pos;
		tok.flags = flags;
		rc = fn(ctx, &tok);
		if (rc != KB_OK)
			return rc;
	}
	return KB_OK;
}

/* The stages after the base tokenizer, and the caller's callback. */
struct pipeline {
	kb_text_t *tx;
	kb_text_mode_t mode;
	kb_token_fn fn;
	void *ctx;
};

static kb_status_t
run_stages(void *arg, const kb_token_t *base)
{
	struct pipeline *p = arg;
	kb_token_t tok = *base;
	kb_status_t rc;

	if (!text_stop_stage(p->tx, p->mode, &tok))
		return KB_OK;
	rc = text_stem_stage(p->tx, &tok);
	if (rc != KB_OK)
		return rc;
	rc = p->fn(p->ctx, &tok);
	/* Keep a message the callback left through a call on this handle;
	 * otherwise say where it gave up. */
	if (rc != KB_OK && rc != KB_DONE && !p->tx->has_err)
		text_error(p->tx, rc,
		           "token callback failed on \"%.*s\" at byte %zu: "
		           "%s",
		           (int)tok.len, tok.term, tok.start,
		           kb_status_str(rc));
	return rc;
}

kb_status_t
kb_text_tokenize(kb_text_t *tx, kb_text_mode_t mode, const char *s,
		 size_t len, kb_token_fn fn, void *ctx)
{
	struct pipeline p;
	kb_status_t rc;

	assert(tx != NULL);
	text_clear_error(tx);
	if (fn == NULL || (s == NULL && len > 0))
		return text_error(tx, KB_ERR_ARG, "tokenize: no %s given",
		                  fn == NULL ? "callback" : "text");
	if (mode != KB_TEXT_DOCUMENT && mode != KB_TEXT_QUERY)
		return text_error(tx, KB_ERR_ARG, "tokenize: unknown mode %d",
		                  (int)mode);
	/* The stages keep the current token in buffers of the handle, so a
	 * callback that tokenized again with it would pull them from under
	 * the outer call. */
	if (tx->busy)
		return text_error(tx, KB_ERR_ARG,
		                  "tokenize: called again from its own "
		                  "token callback");
	p.tx = tx;
	p.mode = mode;
	p.fn = fn;
	p.ctx = ctx;
	tx->busy = 1;
	rc = text_scan(tx, s, len, run_stages, &p);
	tx->busy = 0;
	return rc == KB_DONE ? KB_OK : rc;
}
