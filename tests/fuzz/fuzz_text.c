/* fuzz_text.c - libFuzzer harness for the text pipeline: the tokenizer
 * (document and query mode, with and without stopwords and stemming),
 * folding and UTF-8 repair.  Built and run by make fuzz (tests/fuzz/fuzz.h).
 *
 * The first byte chooses the options, the rest is the text:
 *
 *	bit 0	query mode (else document mode)
 *	bit 1	stopword stage on
 *	bit 2	stemming stage on
 *	bit 3	the callback stops with KB_DONE after (byte >> 4) tokens
 *
 * Every input also goes through kb_text_fold, kb_text_repair_utf8 and
 * kb_text_valid_utf8.  A broken invariant calls abort(), which libFuzzer
 * reports as a crash with the input that caused it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../text/kb_text.h"
#include "fuzz.h"

struct run {
	size_t len;		/* input length, for the bounds check */
	unsigned last_pos;
	unsigned count;
	unsigned limit;		/* stop after this many, 0: never */
};

static kb_status_t
on_token(void *ctx, const kb_token_t *tok)
{
	struct run *r = ctx;

	CHECK(tok->len > 0 && tok->len <= KB_TEXT_MAX_TOKEN);
	CHECK(tok->folded_len > 0 && tok->folded_len <= KB_TEXT_MAX_TOKEN);
	CHECK(tok->term[tok->len] == '\0');
	CHECK(tok->folded[tok->folded_len] == '\0');
	CHECK(fuzz_valid_utf8(tok->term, tok->len));
	CHECK(fuzz_valid_utf8(tok->folded, tok->folded_len));
	CHECK(tok->start < tok->end && tok->end <= r->len);
	CHECK(tok->pos > r->last_pos);
	r->last_pos = tok->pos;
	r->count++;
	return r->limit != 0 && r->count >= r->limit ? KB_DONE : KB_OK;
}

/* One analyser per combination of stages, made once: creating a stemmer
 * per input would dominate the run. */
static kb_text_t *
analyser(unsigned stages)
{
	static kb_text_t *tx[4];
	static const char stop[] = "the\nof\na\ndon't\ncaf\xc3\xa9\n";

	if (tx[stages] == NULL) {
		CHECK(kb_text_new(&tx[stages]) == KB_OK);
		if (stages & 1)
			CHECK(kb_text_add_stopwords(tx[stages], stop,
						    sizeof(stop) - 1)
			      == KB_OK);
		if (stages & 2)
			CHECK(kb_text_set_stemmer(tx[stages], "english")
			      == KB_OK);
	}
	return tx[stages];
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct run r = {0, 0, 0, 0};
	const char *s;
	kb_buf_t b;
	unsigned opt;
	size_t len;

	if (!fuzz_input(data, size, &opt, &s, &len))
		return 0;
	r.len = len;
	if (opt & 8)
		r.limit = opt >> 4;
	CHECK(kb_text_tokenize(analyser((opt >> 1) & 3),
			       opt & 1 ? KB_TEXT_QUERY : KB_TEXT_DOCUMENT, s,
			       len, on_token, &r)
	      == KB_OK);

	kb_buf_init(&b);
	CHECK(kb_text_fold(s, len, &b) == KB_OK);
	CHECK(fuzz_valid_utf8(b.data, b.len));
	kb_buf_free(&b);

	kb_buf_init(&b);
	CHECK(kb_text_repair_utf8(s, len, &b) == KB_OK);
	CHECK(kb_text_valid_utf8(b.data, b.len));
	/* Valid input comes back unchanged. */
	if (kb_text_valid_utf8(s, len))
		CHECK(b.len == len && memcmp(b.data, s, len) == 0);
	kb_buf_free(&b);
	return 0;
}
