/* kb_hash.c - FNV-1a (see kb_hash.h). */
#include "kb_hash.h"

uint64_t
kb_hash64_add(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;
	size_t i;

	for (i = 0; i < len; i++)
		h = KB_HASH64_BYTE(h, p[i]);
	return h;
}

uint32_t
kb_hash32_add(uint32_t h, const void *data, size_t len)
{
	const unsigned char *p = data, *end = p + len;

	while (p < end)
		h = KB_HASH32_BYTE(h, *p++);
	return h;
}

unsigned long long
kb_hash64(const void *data, size_t len)
{
	return kb_hash64_add(KB_HASH64_INIT, data, len);
}

uint32_t
kb_hash32(const void *data, size_t len)
{
	return kb_hash32_add(KB_HASH32_INIT, data, len);
}
