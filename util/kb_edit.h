/* kb_edit.h - how far apart two words are, for "did you mean". */
#ifndef KB_EDIT_H
#define KB_EDIT_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Words longer than this are compared as "far apart" (their length). */
#define KB_EDIT_MAX 32

/* The optimal-string-alignment distance of a and b: insertions, deletions,
 * substitutions and swaps of neighbours ("qeury") each cost 1.  Bytes are
 * compared, which is right for the ASCII words it is used on. */
size_t kb_edit_distance(const char *a, size_t la, const char *b, size_t lb);

#ifdef __cplusplus
}
#endif

#endif /* KB_EDIT_H */
