/* utf8.c - checking and repairing UTF-8 before it reaches the index. */
#include "text_internal.h"

int
kb_text_valid_utf8(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	utf8proc_int32_t cp;
	size_t i = 0;

	if (s == NULL)
		return len == 0;
	while (i < len) {
		if (s[i] != 0 && s[i] < 0x80) {
			i++;
			continue;
		}
		if (s[i] == 0)
			return 0;
		i += utf8_decode(s, len, i, &cp);
		if (cp < 0)
			return 0;
	}
	return 1;
}

kb_status_t
kb_text_repair_utf8(const char *str, size_t len, kb_buf_t *out)
{
	static const char replacement[] = "\xef\xbf\xbd"; /* U+FFFD */
	const unsigned char *s = (const unsigned char *)str;
	utf8proc_int32_t cp;
	size_t i = 0, run = 0, n;

	if (len == 0)
		return kb_buf_append(out, "", 0);
	/* Valid stretches are copied whole rather than byte by byte: the
	 * input is usually a whole document with a stray bad byte. */
	while (i < len) {
		n = utf8_decode(s, len, i, &cp);
		if (cp > 0) {
			i += n;
			continue;
		}
		kb_buf_append(out, s + run, i - run);
		if (cp < 0)
			kb_buf_append(out, replacement, 3);
		i += n;
		run = i;
	}
	kb_buf_append(out, s + run, i - run);
	return out->err;
}
