/* kb_errmsg.c - the error message a handle keeps for its last call. */
#include "kb_errmsg.h"

#include <stdarg.h>

void
kb_errmsg_init(kb_errmsg_t *e)
{
	kb_buf_init(&e->text);
	e->is_set = 0;
}

void
kb_errmsg_free(kb_errmsg_t *e)
{
	kb_buf_free(&e->text);
	e->is_set = 0;
}

void
kb_errmsg_clear(kb_errmsg_t *e)
{
	e->is_set = 0;
}

void
kb_errmsg_set(kb_errmsg_t *e, const char *fmt, ...)
{
	va_list ap;

	kb_buf_reset(&e->text);
	va_start(ap, fmt);
	kb_buf_vprintf(&e->text, fmt, ap);
	va_end(ap);
	e->is_set = e->text.err == KB_OK;
}

const char *
kb_errmsg_get(const kb_errmsg_t *e)
{
	return e->is_set ? e->text.data : NULL;
}
