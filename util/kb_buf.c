/* kb_buf.c - growable byte buffer with a sticky error. */
#include "kb_buf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

void
kb_buf_init(kb_buf_t *buf)
{
	buf->data = NULL;
	buf->len = 0;
	buf->cap = 0;
	buf->err = KB_OK;
}

void
kb_buf_free(kb_buf_t *buf)
{
	if (buf == NULL)
		return;
	free(buf->data);
	kb_buf_init(buf);
}

void
kb_buf_reset(kb_buf_t *buf)
{
	buf->len = 0;
	buf->err = KB_OK;
	if (buf->data != NULL)
		buf->data[0] = '\0';
}

kb_status_t
kb_buf_reserve(kb_buf_t *buf, size_t extra)
{
	size_t need, cap;
	char *p;

	if (buf->err != KB_OK)
		return buf->err;
	/* One byte more than asked for, for the terminating NUL. */
	if (extra > SIZE_MAX - buf->len - 1) {
		buf->err = KB_ERR_NOMEM;
		return buf->err;
	}
	need = buf->len + extra + 1;
	if (need <= buf->cap)
		return KB_OK;
	/* Grow by half again, starting at 64 bytes, so appends stay amortised
	 * O(1) without doubling very large buffers. */
	cap = buf->cap < 64 ? 64 : buf->cap;
	while (cap < need)
		cap = cap > SIZE_MAX / 3 * 2 ? need : cap + cap / 2;
	p = realloc(buf->data, cap);
	if (p == NULL) {
		buf->err = KB_ERR_NOMEM;
		return buf->err;
	}
	buf->data = p;
	buf->cap = cap;
	return KB_OK;
}

kb_status_t
kb_buf_append(kb_buf_t *buf, const void *s, size_t len)
{
	if (kb_buf_reserve(buf, len) != KB_OK)
		return buf->err;
	if (len > 0)
		memcpy(buf->data + buf->len, s, len);
	buf->len += len;
	buf->data[buf->len] = '\0';
	return KB_OK;
}

kb_status_t
kb_buf_puts(kb_buf_t *buf, const char *s)
{
	return kb_buf_append(buf, s, strlen(s));
}

kb_status_t
kb_buf_putc(kb_buf_t *buf, int c)
{
	char ch = (char)c;

	return kb_buf_append(buf, &ch, 1);
}

kb_status_t
kb_buf_vprintf(kb_buf_t *buf, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;

	if (buf->err != KB_OK)
		return buf->err;
	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0) {
		buf->err = KB_ERR_ARG;
		return buf->err;
	}
	if (kb_buf_reserve(buf, (size_t)n) != KB_OK)
		return buf->err;
	vsnprintf(buf->data + buf->len, (size_t)n + 1, fmt, ap);
	buf->len += (size_t)n;
	return KB_OK;
}

kb_status_t
kb_buf_printf(kb_buf_t *buf, const char *fmt, ...)
{
	va_list ap;
	kb_status_t st;

	va_start(ap, fmt);
	st = kb_buf_vprintf(buf, fmt, ap);
	va_end(ap);
	return st;
}

char *
kb_buf_detach(kb_buf_t *buf)
{
	char *p;

	if (buf->err != KB_OK)
		return NULL;
	if (buf->data == NULL && kb_buf_reserve(buf, 0) != KB_OK)
		return NULL;
	buf->data[buf->len] = '\0';
	p = buf->data;
	kb_buf_init(buf);
	return p;
}

kb_status_t
kb_buf_read_file(kb_buf_t *buf, const char *path, size_t max)
{
	size_t start = buf->len, n;
	kb_status_t rc = KB_OK;
	FILE *f;
	int err;

	if (buf->err != KB_OK)
		return buf->err;
	f = fopen(path, "rb");
	if (f == NULL)
		return KB_ERR_IO;
	for (;;) {
		if (kb_buf_reserve(buf, 65536) != KB_OK) {
			rc = KB_ERR_NOMEM;
			break;
		}
		/* reserve leaves room for the NUL after cap - len - 1. */
		n = fread(buf->data + buf->len, 1, buf->cap - buf->len - 1, f);
		buf->len += n;
		if (max > 0 && buf->len - start > max) {
			rc = KB_ERR_RANGE;
			break;
		}
		if (n == 0)
			break;
	}
	if (rc == KB_OK && ferror(f))
		rc = KB_ERR_IO;
	err = errno;
	fclose(f);
	if (rc != KB_OK) {
		/* Leave the buffer as it was; a sticky error is for
		 * memory, not for the file. */
		buf->len = start;
		buf->err = KB_OK;
		errno = err;
	}
	if (buf->data != NULL)
		buf->data[buf->len] = '\0';
	return rc;
}
