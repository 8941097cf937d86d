/* html.c - the FAQ as one self-contained HTML page (stub). */
#include "faq_internal.h"

kb_status_t
kb_faq_export_html(kb_faq_t *f, kb_buf_t *out)
{
	(void)f;
	(void)out;
	return KB_ERR_INTERNAL;
}
