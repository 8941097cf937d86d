/* kb_escape.h - text escaped for the context it is written into.
 *
 * One copy of each escape, for every front end that writes HTML: the
 * search page (cgi/) and the exported FAQ page (faq/).
 *
 * May use: nothing of ours but util/.
 */
#ifndef KB_ESCAPE_H
#define KB_ESCAPE_H

#include <stddef.h>

#include "kb_buf.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Appends s (len bytes) escaped for HTML text and quoted attribute
 * values: & < > " ' become entities.  Errors are b's sticky error. */
void kb_escape_html(kb_buf_t *b, const char *s, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* KB_ESCAPE_H */
