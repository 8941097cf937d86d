/* fold.c - Unicode normalisation and case folding with utf8proc.
 *
 * A word typed as "Café", "CAFE" or "ｃａｆｅ" must become the same term,
 * so text is folded with NFKC (compatibility forms such as full-width
 * letters and the "ﬁ" ligature become plain letters), full case folding,
 * and mark stripping (accents go).  Curly apostrophes and quotes become
 * straight ones, which NFKC leaves alone.
 *
 * Most of our text is ASCII, for which all of this is just lowercasing, so
 * ASCII bytes take a fast path and only the non-ASCII stretches between
 * them go through utf8proc.  Cutting at ASCII bytes gives the same result
 * as folding the whole string: no ASCII character composes with its
 * neighbours under NFKC, and the combining marks that would compose with
 * an ASCII letter are stripped anyway.
 */
#include "text_internal.h"

#include <stdint.h>
#include <stdlib.h>

/* What utf8proc_NFKC_Casefold does, plus STRIPMARK for the accents. */
#define FOLD_OPTIONS                                                   \
	((utf8proc_option_t)(UTF8PROC_STABLE | UTF8PROC_COMPAT |       \
			     UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |    \
			     UTF8PROC_STRIPMARK))

void
text_fold_scratch_init(kb_fold_scratch_t *sc)
{
	kb_buf_init(&sc->pre);
	sc->cp = NULL;
	sc->cap = 0;
}

void
text_fold_scratch_free(kb_fold_scratch_t *sc)
{
	kb_buf_free(&sc->pre);
	free(sc->cp);
	sc->cp = NULL;
	sc->cap = 0;
}

/* Grows sc->cp to hold at least need code points.  On failure sc is
 * unchanged and KB_ERR_NOMEM is returned. */
static kb_status_t
grow_cp(kb_fold_scratch_t *sc, size_t need)
{
	utf8proc_int32_t *p;
	size_t cap = sc->cap < 256 ? 256 : sc->cap;

	while (cap < need) {
		if (cap > SIZE_MAX / 2 / sizeof(*p))
			return KB_ERR_NOMEM;
		cap *= 2;
	}
	p = realloc(sc->cp, cap * sizeof(*p));
	if (p == NULL)
		return KB_ERR_NOMEM;
	sc->cp = p;
	sc->cap = cap;
	return KB_OK;
}

/* Copies s[0..len) into sc->pre, dropping invalid bytes and turning curly
 * apostrophes and quotes into straight ones.  Returns sc->pre.err. */
static kb_status_t
prepare(kb_fold_scratch_t *sc, const unsigned char *s, size_t len)
{
	utf8proc_int32_t cp;
	size_t i = 0, n;

	kb_buf_reset(&sc->pre);
	while (i < len) {
		n = utf8_decode(s, len, i, &cp);
		switch (cp) {
		case -1:
			break;
		case 0x2018: /* left single quotation mark */
		case 0x2019: /* right single quotation mark */
		case 0x02BC: /* modifier letter apostrophe */
			kb_buf_putc(&sc->pre, '\'');
			break;
		case 0x201C: /* left double quotation mark */
		case 0x201D: /* right double quotation mark */
			kb_buf_putc(&sc->pre, '"');
			break;
		default:
			kb_buf_append(&sc->pre, s + i, n);
			break;
		}
		i += n;
	}
	return sc->pre.err;
}

/* Folds one stretch of non-ASCII bytes (possibly invalid) and appends it
 * to out.  Returns out->err. */
static kb_status_t
fold_run(kb_fold_scratch_t *sc, const unsigned char *s, size_t len,
	 kb_buf_t *out)
{
	const utf8proc_uint8_t *in;
	utf8proc_ssize_t need, bytes;

	if (prepare(sc, s, len) != KB_OK) {
		out->err = KB_ERR_NOMEM;
		return out->err;
	}
	if (sc->pre.len == 0)
		return out->err;
	if (sc->cp == NULL && grow_cp(sc, 1) != KB_OK) {
		out->err = KB_ERR_NOMEM;
		return out->err;
	}
	/* utf8proc_decompose says how many code points it needs when the
	 * buffer is too small; the second try then always fits.  The extra
	 * slot is for the NUL that utf8proc_reencode writes after the UTF-8
	 * it packs into the same buffer. */
	in = (const utf8proc_uint8_t *)sc->pre.data;
	for (;;) {
		need = utf8proc_decompose(in, (utf8proc_ssize_t)sc->pre.len,
					  sc->cp, (utf8proc_ssize_t)sc->cap,
					  FOLD_OPTIONS);
		if (need < 0) {
			/* Only UTF8PROC_ERROR_OVERFLOW can happen on valid
			 * input: the text is too large to fold. */
			out->err = KB_ERR_NOMEM;
			return out->err;
		}
		if ((size_t)need < sc->cap)
			break;
		if (grow_cp(sc, (size_t)need + 1) != KB_OK) {
			out->err = KB_ERR_NOMEM;
			return out->err;
		}
	}
	bytes = utf8proc_reencode(sc->cp, need, FOLD_OPTIONS);
	if (bytes < 0) {
		out->err = KB_ERR_INTERNAL;
		return out->err;
	}
	return kb_buf_append(out, sc->cp, (size_t)bytes);
}

kb_status_t
text_fold_with(kb_fold_scratch_t *sc, const char *str, size_t len,
               kb_buf_t *out)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, j, k;
	char *d;

	if (len == 0)
		return kb_buf_append(out, "", 0);
	while (i < len && out->err == KB_OK) {
		for (j = i; j < len && s[j] < 0x80; j++)
			;
		if (j > i && kb_buf_reserve(out, j - i) == KB_OK) {
			d = out->data + out->len;
			for (k = i; k < j; k++)
				*d++ = (char)(s[k] >= 'A' && s[k] <= 'Z'
						      ? s[k] | 0x20
						      : s[k]);
			out->len += j - i;
			out->data[out->len] = '\0';
		}
		i = j;
		for (; j < len && s[j] >= 0x80; j++)
			;
		if (j > i)
			fold_run(sc, s + i, j - i, out);
		i = j;
	}
	return out->err;
}

kb_status_t
kb_text_fold(const char *s, size_t len, kb_buf_t *out)
{
	kb_fold_scratch_t sc;

	text_fold_scratch_init(&sc);
	text_fold_with(&sc, s, len, out);
	text_fold_scratch_free(&sc);
	return out->err;
}
