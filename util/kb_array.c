/* kb_array.c - growing an array by doubling and freeing an array of
 * strings (see kb_array.h). */
#include "kb_array.h"

#include <stdint.h>
#include <stdlib.h>

kb_status_t
kb_array_grow(void **v, size_t *cap, size_t n, size_t size, size_t first)
{
	size_t nc;
	void *p;

	if (n < *cap)
		return KB_OK;
	nc = *cap ? *cap * 2 : first;
	if (nc < *cap || nc > SIZE_MAX / size)
		return KB_ERR_NOMEM;
	p = realloc(*v, nc * size);
	if (p == NULL)
		return KB_ERR_NOMEM;
	*v = p;
	*cap = nc;
	return KB_OK;
}

void
kb_strv_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}
