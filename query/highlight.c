/* highlight.c - which words of a snippet matched the question.
 *
 * The snippet is analysed with the same pipeline as the question, so a
 * word is highlighted exactly when its term was searched for: "running"
 * lights up for a question that said "run".  The spans are byte offsets
 * into the snippet; turning them into bold text or <mark> is the front
 * end's job.
 */
#include <stdlib.h>

#include "../util/kb_array.h"
#include "query_internal.h"

typedef struct spans_ctx {
	const kb_strset_t *terms;
	kb_highlight_t *v;
	size_t n, cap;
} spans_ctx_t;

/* kb_token_fn: records the token's span when its term was searched. */
static kb_status_t
on_token(void *ctx, const kb_token_t *tok)
{
	spans_ctx_t *c = ctx;

	if (tok->flags & KB_TOKEN_STOP)
		return KB_OK;
	if (!kb_strset_has(c->terms, tok->term, tok->len))
		return KB_OK;
	if (kb_array_grow((void **)&c->v, &c->cap, c->n, sizeof(*c->v), 16) !=
	    KB_OK)
		return KB_ERR_NOMEM;
	c->v[c->n].start = tok->start;
	c->v[c->n].len = tok->end - tok->start;
	c->n++;
	return KB_OK;
}

kb_status_t
query_highlight_spans(kb_text_t *tx, const kb_strset_t *terms, const char *text,
                      size_t len, kb_highlight_t **out, size_t *n)
{
	spans_ctx_t c = { terms, NULL, 0, 0 };
	kb_status_t rc;

	*out = NULL;
	*n = 0;
	rc = kb_text_tokenize(tx, KB_TEXT_DOCUMENT, text, len, on_token, &c);
	if (rc != KB_OK) {
		free(c.v);
		return rc;
	}
	*out = c.v;
	*n = c.n;
	return KB_OK;
}
