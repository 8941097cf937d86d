/* kb_lexfile.c - reading the line-based rule files (see kb_lexfile.h). */
#include "kb_lexfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "kb_buf.h"

void
kb_lexfile_init(kb_lexfile_t *lf)
{
	memset(lf, 0, sizeof(*lf));
}

kb_status_t
kb_lexfile_open(kb_lexfile_t *lf, const char *path, size_t max_bytes,
		unsigned flags)
{
	kb_status_t rc;
	kb_buf_t b;

	free(lf->path);
	free(lf->data);
	lf->data = NULL;
	lf->len = lf->pos = 0;
	lf->line = 0;
	lf->path = strdup(path);
	if (lf->path == NULL)
		return KB_ERR_NOMEM;
	kb_buf_init(&b);
	rc = kb_buf_read_file(&b, path, max_bytes);
	if (rc == KB_ERR_IO && errno == ENOENT &&
	    (flags & KB_LEXFILE_OPTIONAL))
		rc = KB_OK;
	else if (rc == KB_ERR_IO)
		rc = kb_lexfile_fail(lf, KB_ERR_IO, "%s", strerror(errno));
	else if (rc == KB_ERR_RANGE)
		rc = kb_lexfile_fail(lf, KB_ERR_CORRUPT,
				     "larger than %zu bytes: not a rule file",
				     max_bytes);
	if (rc == KB_OK)
		rc = kb_buf_puts(&b, "");
	if (rc != KB_OK) {
		kb_buf_free(&b);
		return rc;
	}
	lf->len = b.len;
	lf->data = kb_buf_detach(&b);
	return lf->data != NULL ? KB_OK : KB_ERR_NOMEM;
}

kb_status_t
kb_lexfile_next(kb_lexfile_t *lf, char **line, size_t *len)
{
	char *d = lf->data;

	*line = NULL;
	*len = 0;
	while (lf->pos < lf->len) {
		size_t st = lf->pos, e, i = lf->pos;

		while (i < lf->len && d[i] != '\n')
			i++;
		e = i;
		if (i < lf->len)
			i++;
		lf->pos = i;
		lf->line++;
		/* Trailing blanks are editor noise; a pattern that needs a
		 * final space writes [ ] or \x20. */
		while (e > st &&
		       (d[e - 1] == '\r' || d[e - 1] == ' ' || d[e - 1] == '\t'))
			e--;
		while (st < e && d[st] == ' ')
			st++;
		if (st == e || d[st] == '#')
			continue;
		if (memchr(d + st, '\0', e - st) != NULL)
			return kb_lexfile_fail(lf, KB_ERR_CORRUPT,
					       "NUL byte in rule");
		d[e] = '\0';
		*line = d + st;
		*len = e - st;
		return KB_OK;
	}
	return KB_DONE;
}

kb_status_t
kb_lexfile_each(kb_lexfile_t *lf, kb_lexfile_rule_fn fn, void *ctx)
{
	kb_status_t rc;
	char *line;
	size_t len;

	while ((rc = kb_lexfile_next(lf, &line, &len)) == KB_OK) {
		rc = fn(ctx, line, len);
		if (rc != KB_OK)
			break;
	}
	return rc == KB_DONE ? KB_OK : rc;
}

kb_status_t
kb_lexfile_vfail(kb_lexfile_t *lf, kb_status_t rc, const char *fmt,
		 va_list ap)
{
	kb_buf_t b;

	if (lf->errmsg != NULL)
		return rc;
	kb_buf_init(&b);
	if (lf->line > 0)
		kb_buf_printf(&b, "%s:%u: ", lf->path, lf->line);
	else
		kb_buf_printf(&b, "%s: ", lf->path);
	kb_buf_vprintf(&b, fmt, ap);
	lf->errmsg = kb_buf_detach(&b);
	kb_buf_free(&b);
	return rc;
}

kb_status_t
kb_lexfile_fail(kb_lexfile_t *lf, kb_status_t rc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	rc = kb_lexfile_vfail(lf, rc, fmt, ap);
	va_end(ap);
	return rc;
}

char *
kb_lexfile_take_error(kb_lexfile_t *lf)
{
	char *msg = lf->errmsg;

	lf->errmsg = NULL;
	return msg;
}

kb_status_t
kb_lexfile_finish(kb_lexfile_t *lf, kb_status_t rc, char **errmsg)
{
	if (rc != KB_OK && errmsg != NULL)
		*errmsg = kb_lexfile_take_error(lf);
	kb_lexfile_close(lf);
	return rc;
}

void
kb_lexfile_close(kb_lexfile_t *lf)
{
	free(lf->path);
	free(lf->data);
	free(lf->errmsg);
	kb_lexfile_init(lf);
}
