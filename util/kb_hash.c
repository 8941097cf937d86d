/* kb_hash.c - FNV-1a (see kb_hash.h). */
#include "kb_hash.h"

unsigned long long
kb_hash64(const void *data, size_t len)
{
	return kb_hash64_add(KB_HASH64_INIT, data, len);
}
