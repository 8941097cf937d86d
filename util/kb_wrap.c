/* kb_wrap.c - word wrapping; see kb_wrap.h. */
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "kb_wrap.h"

/* The narrowest width wrapped to: below it every word is a line. */
#define MIN_WIDTH 20

size_t
kb_wrap_cols(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

/* Appends the word text[ws..we), opening and closing markers at span
 * edges; *h is the first span that may still matter. */
static void
put_word(kb_buf_t *out, const char *text, size_t ws, size_t we,
	 const kb_wrap_t *w, size_t *h)
{
	size_t k;

	if (w->spans == NULL || w->on == NULL || w->off == NULL) {
		kb_buf_append(out, text + ws, we - ws);
		return;
	}
	for (k = ws; k < we; k++) {
		while (*h < w->nspans &&
		       w->spans[*h].start + w->spans[*h].len <= k)
			(*h)++;
		if (*h < w->nspans && w->spans[*h].start == k)
			kb_buf_puts(out, w->on);
		kb_buf_putc(out, text[k]);
		if (*h < w->nspans &&
		    w->spans[*h].start + w->spans[*h].len == k + 1)
			kb_buf_puts(out, w->off);
	}
}

kb_status_t
kb_wrap(kb_buf_t *out, const char *text, size_t len, const kb_wrap_t *w)
{
	const char *indent = w->indent ? w->indent : "";
	const char *first = w->first ? w->first : indent;
	size_t indent_cols = kb_wrap_cols(indent, strlen(indent));
	size_t col = w->first_cols ? w->first_cols
				   : kb_wrap_cols(first, strlen(first));
	size_t i = 0, h = 0;
	int line_empty = 1;	/* no word on the current line yet */

	kb_buf_puts(out, first);
	while (i < len) {
		size_t ws = i, we, cols;

		while (ws < len && is_space(text[ws]))
			ws++;
		if (ws >= len)
			break;
		we = ws;
		while (we < len && !is_space(text[we]))
			we++;
		cols = kb_wrap_cols(text + ws, we - ws);
		if (!line_empty && col + 1 + cols > w->width) {
			kb_buf_putc(out, '\n');
			kb_buf_puts(out, indent);
			col = indent_cols;
			line_empty = 1;
		}
		if (!line_empty) {
			kb_buf_putc(out, ' ');
			col++;
		}
		put_word(out, text, ws, we, w, &h);
		col += cols;
		line_empty = 0;
		i = we;
	}
	kb_buf_putc(out, '\n');
	return out->err;
}

size_t
kb_wrap_width(int fd)
{
	const char *env = getenv("COLUMNS");
	struct winsize ws;

	if (env != NULL && env[0] >= '1' && env[0] <= '9') {
		char *end;
		long v = strtol(env, &end, 10);

		if (*end == '\0' && v > 0 && v < 10000)
			return v < MIN_WIDTH ? MIN_WIDTH : (size_t)v;
	}
	if (isatty(fd) && ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col < MIN_WIDTH ? MIN_WIDTH : ws.ws_col;
	return 80;
}
