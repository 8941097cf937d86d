/* escape.c - values written into the page, escaped for their context.
 *
 * HTML text and quoted attribute values share one escape (the five
 * characters that can end either); URLs are built only from fixed text
 * and percent-encoded values, so no value can become a scheme such as
 * javascript:.
 */
#include "../util/kb_escape.h"
#include "cgi.h"

/* The one HTML escape lives in util/ (the FAQ page uses it too). */
void
cgi_html(kb_buf_t *b, const char *s, size_t len)
{
	kb_escape_html(b, s, len);
}

void
cgi_url(kb_buf_t *b, const char *s, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' ||
		    c == '_' || c == '~')
			kb_buf_putc(b, c);
		else if (c == ' ')
			kb_buf_putc(b, '+');
		else {
			kb_buf_putc(b, '%');
			kb_buf_putc(b, hex[c >> 4]);
			kb_buf_putc(b, hex[c & 15]);
		}
	}
}
