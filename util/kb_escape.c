/* kb_escape.c - HTML escaping (see kb_escape.h).  HTML text and quoted
 * attribute values share one escape: the five characters that can end
 * either. */
#include "kb_escape.h"

void
kb_escape_html(kb_buf_t *b, const char *s, size_t len)
{
	size_t i, from = 0;

	for (i = 0; i < len; i++) {
		const char *e;

		switch (s[i]) {
		case '&':
			e = "&amp;";
			break;
		case '<':
			e = "&lt;";
			break;
		case '>':
			e = "&gt;";
			break;
		case '"':
			e = "&quot;";
			break;
		case '\'':
			e = "&#39;";
			break;
		default:
			continue;
		}
		kb_buf_append(b, s + from, i - from);
		kb_buf_puts(b, e);
		from = i + 1;
	}
	kb_buf_append(b, s + from, len - from);
}
