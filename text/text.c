/* text.c - the analyser handle: lifecycle and error messages. */
#include "text_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

kb_status_t
kb_text_new(kb_text_t **out)
{
	kb_text_t *tx;

	*out = NULL;
	tx = calloc(1, sizeof(*tx));
	if (tx == NULL)
		return KB_ERR_NOMEM;
	text_stopset_init(&tx->stop);
	tx->stemmer = NULL;
	tx->stem_cache = NULL;
	text_fold_scratch_init(&tx->scratch);
	kb_buf_init(&tx->folded);
	kb_buf_init(&tx->term);
	kb_buf_init(&tx->stem_out);
	*out = tx;
	return KB_OK;
}

void
kb_text_free(kb_text_t *tx)
{
	if (tx == NULL)
		return;
	text_stopset_free(&tx->stop);
	text_stemmer_free(tx);
	text_fold_scratch_free(&tx->scratch);
	kb_buf_free(&tx->folded);
	kb_buf_free(&tx->term);
	kb_buf_free(&tx->stem_out);
	free(tx);
}

const char *
kb_text_errmsg(const kb_text_t *tx)
{
	if (tx == NULL || !tx->has_err)
		return NULL;
	return tx->errmsg;
}

void
text_clear_error(kb_text_t *tx)
{
	tx->has_err = 0;
	tx->errmsg[0] = '\0';
}

kb_status_t
text_error(kb_text_t *tx, kb_status_t status, const char *fmt, ...)
{
	va_list ap;

	/* The message is fixed-size so that recording an out-of-memory
	 * error never needs memory; a long path is simply cut. */
	va_start(ap, fmt);
	vsnprintf(tx->errmsg, sizeof(tx->errmsg), fmt, ap);
	va_end(ap);
	tx->has_err = 1;
	return status;
}
