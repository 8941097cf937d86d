/* kb_buf.h - a growable byte buffer with a sticky error.
 *
 * Builders append without checking each call: once an append fails, the
 * buffer remembers the error in buf->err and every later append does
 * nothing, so the caller checks once at the end.
 *
 *	kb_buf_t b;
 *	kb_buf_init(&b);
 *	kb_buf_puts(&b, "hello, ");
 *	kb_buf_printf(&b, "%d words", n);
 *	if (b.err != KB_OK) { ... }
 *	use(b.data, b.len);
 *	kb_buf_free(&b);
 *
 * b.data is always NUL-terminated after a successful append (the NUL is not
 * counted in b.len), and is NULL for a buffer that never grew.
 */
#ifndef KB_BUF_H
#define KB_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "kb_status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kb_buf {
	char *data;		/* bytes, NUL-terminated; owned by the buffer */
	size_t len;		/* bytes used, without the NUL */
	size_t cap;		/* bytes allocated */
	kb_status_t err;	/* first error seen; appends are no-ops after */
} kb_buf_t;

/* Initialises an empty buffer; no allocation happens until the first
 * append. */
void kb_buf_init(kb_buf_t *buf);

/* Releases the buffer's memory and re-initialises it.  Accepts NULL. */
void kb_buf_free(kb_buf_t *buf);

/* Empties the buffer, keeping its memory and clearing a sticky error. */
void kb_buf_reset(kb_buf_t *buf);

/* Makes room for at least extra more bytes.  Returns KB_OK or
 * KB_ERR_NOMEM (also stored in buf->err). */
kb_status_t kb_buf_reserve(kb_buf_t *buf, size_t extra);

/* Appends len bytes of s.  Returns buf->err. */
kb_status_t kb_buf_append(kb_buf_t *buf, const void *s, size_t len);

/* Appends a NUL-terminated string.  Returns buf->err. */
kb_status_t kb_buf_puts(kb_buf_t *buf, const char *s);

/* Appends one byte.  Returns buf->err. */
kb_status_t kb_buf_putc(kb_buf_t *buf, int c);

/* Appends printf-style formatted text.  Returns buf->err. */
kb_status_t kb_buf_printf(kb_buf_t *buf, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/* Like kb_buf_printf with a va_list. */
kb_status_t kb_buf_vprintf(kb_buf_t *buf, const char *fmt, va_list ap);

/* Appends the whole file at path.  max (0 = no limit) caps the bytes
 * read: a larger file gives KB_ERR_RANGE.  Returns KB_OK, KB_ERR_IO (errno
 * tells why), KB_ERR_RANGE, KB_ERR_NOMEM; on failure the buffer keeps
 * what it held before. */
kb_status_t kb_buf_read_file(kb_buf_t *buf, const char *path, size_t max);

/* Hands the bytes to the caller, who frees them with free(), and leaves the
 * buffer empty.  Returns an empty string (still to be freed) for an empty
 * buffer, or NULL on allocation failure or if buf->err is set. */
char *kb_buf_detach(kb_buf_t *buf);

#ifdef __cplusplus
}
#endif

#endif /* KB_BUF_H */
