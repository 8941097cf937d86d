/* query_internal.h - private pieces of the query engine. */
#ifndef KB_QUERY_INTERNAL_H
#define KB_QUERY_INTERNAL_H

#include "../text/kb_text.h"
#include "../util/kb_strset.h"
#include "kb_query.h"

/* Finds the words of text (len bytes) whose analysed term is in terms, and
 * stores their byte spans, in order, in a malloc'd array *out of *n
 * elements (NULL when none).  Pure: it never produces markup.  Returns
 * KB_OK or KB_ERR_NOMEM. */
kb_status_t kb_highlight_spans(kb_text_t *tx, const kb_strset_t *terms,
			       const char *text, size_t len,
			       kb_highlight_t **out, size_t *n);

#endif /* KB_QUERY_INTERNAL_H */
