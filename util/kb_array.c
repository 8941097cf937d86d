/* kb_array.c - growing an array by doubling, and arrays of strings (see
 * kb_array.h). */
#include "kb_array.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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

kb_status_t
kb_strv_push(kb_strv_t *sv, const char *s, size_t len)
{
	char *copy;

	if (kb_array_grow((void **)&sv->v, &sv->cap, sv->n, sizeof(*sv->v),
			  64) != KB_OK)
		return KB_ERR_NOMEM;
	copy = malloc(len + 1);
	if (copy == NULL)
		return KB_ERR_NOMEM;
	memcpy(copy, s, len);
	copy[len] = '\0';
	sv->v[sv->n++] = copy;
	return KB_OK;
}

kb_status_t
kb_strv_push_term(void *ctx, const char *term, size_t len, uint64_t tf)
{
	(void)tf;
	return kb_strv_push(ctx, term, len);
}
