/* kb_edit.c - edit distance; see kb_edit.h. */
#include "kb_edit.h"

size_t
kb_edit_distance(const char *a, size_t la, const char *b, size_t lb)
{
	size_t d[KB_EDIT_MAX + 1][KB_EDIT_MAX + 1], i, j;

	if (la > KB_EDIT_MAX || lb > KB_EDIT_MAX)
		return la > lb ? la : lb;
	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++)
		for (j = 1; j <= lb; j++) {
			size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);

			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	return d[la][lb];
}
