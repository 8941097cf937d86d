/* kb_schema.c - term construction shared by the indexer and the query
 * engine. */
#include "kb_schema.h"

#include <string.h>

unsigned long long
kb_hash64(const void *data, size_t len)
{
	const unsigned char *p = data;
	unsigned long long h = 14695981039346656037ULL;	/* FNV offset */
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= p[i];
		h *= 1099511628211ULL;	/* FNV prime */
	}
	return h;
}

kb_status_t
kb_schema_term(kb_buf_t *out, const char *prefix, const char *id, size_t len)
{
	size_t plen = strlen(prefix);
	size_t keep;

	kb_buf_puts(out, prefix);
	if (plen + len <= KB_MAX_ID_TERM)
		return kb_buf_append(out, id, len);
	/* Keep a readable head, cut at a UTF-8 character boundary, then the
	 * hash of the whole id: "~" and 16 hex digits. */
	keep = KB_MAX_ID_TERM - plen - 17;
	while (keep > 0 && ((unsigned char)id[keep] & 0xC0) == 0x80)
		keep--;
	kb_buf_append(out, id, keep);
	return kb_buf_printf(out, "~%016llx", kb_hash64(id, len));
}
