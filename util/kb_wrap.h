/* kb_wrap.h - word wrapping for text meant for people on a terminal.
 *
 * Text is broken at whitespace into lines of at most width columns (a
 * word longer than a line gets a line of its own, uncut); every word of
 * the text comes out, in order, separated by one space or a line break,
 * never glued to its neighbour.  Optional byte spans of the text are
 * wrapped in on/off markers (ANSI bold, say) that take no columns.
 *
 *	kb_wrap_t w = { .width = 80, .first = "See a doctor: ",
 *			.indent = "  " };
 *	kb_buf_t b;
 *	kb_buf_init(&b);
 *	kb_wrap(&b, notice, strlen(notice), &w);
 *	fputs(b.data, stdout);
 *	kb_buf_free(&b);
 *
 * Columns count code points, which is right for the Latin text relief
 * holds.  Pure C: it knows nothing of terminals (see kb_wrap_width).
 */
#ifndef KB_WRAP_H
#define KB_WRAP_H

#include <stddef.h>

#include "kb_buf.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Bytes [start, start + len) of a text. */
typedef struct kb_span {
	size_t start;
	size_t len;
} kb_span_t;

typedef struct kb_wrap {
	size_t width;		/* columns per line, prefixes included */
	const char *first;	/* before the first line; NULL: indent */
	size_t first_cols;	/* columns first takes; 0: its code points
				 * (give it when first holds escapes) */
	const char *indent;	/* before every later line; NULL: "" */
	const kb_span_t *spans;	/* spans to mark, in order; may be NULL */
	size_t nspans;
	const char *on, *off;	/* markers around each span; NULL: none */
} kb_wrap_t;

/* Appends text[0..len), wrapped as w says and ending with a newline, to
 * out.  Returns out->err (KB_OK, or KB_ERR_NOMEM). */
kb_status_t kb_wrap(kb_buf_t *out, const char *text, size_t len,
		    const kb_wrap_t *w);

/* The number of code points in s[0..len). */
size_t kb_wrap_cols(const char *s, size_t len);

/* The width to wrap to for output on file descriptor fd: $COLUMNS when it
 * is a number, else the terminal's width when fd is a terminal, else 80;
 * never below 20. */
size_t kb_wrap_width(int fd);

#ifdef __cplusplus
}
#endif

#endif /* KB_WRAP_H */
