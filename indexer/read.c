/* read.c - the read and clean stages: bytes from disk to article text. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../util/kb_schema.h"
#include "indexer_internal.h"

void
indexer_article_clear(kb_article_t *a)
{
	if (a == NULL)
		return;
	free(a->text);
	free(a->title);
	kb_snippets_free(a->snippets, a->nsnippets);
	memset(a, 0, sizeof(*a));
}

/* Reads the whole of fd into a malloc'd buffer.  Returns KB_OK,
 * KB_ERR_IO (errno set) or KB_ERR_NOMEM. */
static kb_status_t
slurp(int fd, size_t hint, char **out, size_t *out_len)
{
	size_t cap = hint + 1, len = 0;
	char *buf = malloc(cap + 1);
	ssize_t n;

	*out = NULL;
	if (buf == NULL)
		return KB_ERR_NOMEM;
	for (;;) {
		if (len == cap) {
			char *p;

			if (cap >= KB_LIMIT_FILE_BYTES + 1u)
				break;	/* the caller reports "too large" */
			cap *= 2;
			p = realloc(buf, cap + 1);
			if (p == NULL) {
				free(buf);
				return KB_ERR_NOMEM;
			}
			buf = p;
		}
		n = read(fd, buf + len, cap - len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			free(buf);
			return KB_ERR_IO;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	buf[len] = '\0';
	*out = buf;
	*out_len = len;
	return KB_OK;
}

/* Counts occurrences of U+FFFD (EF BF BD) in s. */
static size_t
count_replacements(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i + 2 < len; i++)
		if ((unsigned char)s[i] == 0xEF &&
		    (unsigned char)s[i + 1] == 0xBF &&
		    (unsigned char)s[i + 2] == 0xBD)
			n++;
	return n;
}

/* Checks the shape of text: no NUL byte, few control characters, no
 * monster line (unless html: an HTML page's lines are markup, often one
 * line for the whole page, and its cost is bounded by its tags and
 * attributes instead).  Returns NULL when it looks like an article, else
 * the reason (written to why). */
static const char *
check_text(const char *s, size_t len, int html, kb_buf_t *why)
{
	size_t i, line_start = 0, line_no = 1, controls = 0;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\n' || c == '\r') {
			/* CR LF is one line end, a lone CR another. */
			if (!(c == '\n' && i > 0 && s[i - 1] == '\r'))
				line_no++;
			line_start = i + 1;
			continue;
		}
		if (c == 0) {
			kb_buf_puts(why, "binary file (contains NUL bytes)");
			return why->data;
		}
		if (c < 0x20 && c != '\t' && c != '\r' && c != '\f')
			controls++;
		if (!html && i - line_start >= KB_LIMIT_LINE_BYTES) {
			kb_buf_printf(why, "line %zu is longer than %u bytes; "
				      "not an article", line_no,
				      KB_LIMIT_LINE_BYTES);
			return why->data;
		}
	}
	/* Text has almost no control characters; binary formats are full of
	 * them.  1% tolerates a stray form feed or escape code. */
	if (controls * 100 > len) {
		kb_buf_printf(why, "not a text file (%zu control bytes)",
			      controls);
		return why->data;
	}
	return NULL;
}

void
indexer_normalise_stage(kb_article_t *a)
{
	size_t i, o = 0;
	char *s = a->text;

	if (a->len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	else
		i = 0;
	for (; i < a->len; i++) {
		if (s[i] == '\r') {
			s[o++] = '\n';
			if (i + 1 < a->len && s[i + 1] == '\n')
				i++;
		} else {
			s[o++] = s[i];
		}
	}
	s[o] = '\0';
	a->len = o;
}

kb_status_t
indexer_read_stage(const kb_file_t *file, kb_article_t *a, kb_buf_t *why)
{
	struct stat st;
	char *raw = NULL;
	size_t len = 0, bad;
	kb_buf_t fixed;
	kb_status_t rc;
	int fd;

	memset(a, 0, sizeof(*a));
	a->file = file;
	kb_buf_init(&fixed);
	fd = open(file->path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		kb_buf_printf(why, "cannot open: %s", strerror(errno));
		return KB_ERR_IO;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		kb_buf_puts(why, "not a regular file");
		close(fd);
		return KB_DONE;
	}
	if ((uint64_t)st.st_size > KB_LIMIT_FILE_BYTES) {
		kb_buf_printf(why, "larger than %u MiB; not an article",
			      KB_LIMIT_FILE_BYTES >> 20);
		close(fd);
		return KB_DONE;
	}
	rc = slurp(fd, (size_t)st.st_size, &raw, &len);
	if (rc == KB_ERR_IO)
		kb_buf_printf(why, "cannot read: %s", strerror(errno));
	close(fd);
	if (rc != KB_OK)
		return rc;
	if (len == 0) {
		free(raw);
		kb_buf_puts(why, "empty file");
		return KB_DONE;
	}
	if (len > KB_LIMIT_FILE_BYTES) {
		free(raw);
		kb_buf_printf(why, "larger than %u MiB; not an article",
			      KB_LIMIT_FILE_BYTES >> 20);
		return KB_DONE;
	}
	if (check_text(raw, len, indexer_is_html_name(file->path), why) !=
	    NULL) {
		free(raw);
		return KB_DONE;
	}
	a->hash = kb_hash64(raw, len);
	if (!kb_text_valid_utf8(raw, len)) {
		if (kb_text_repair_utf8(raw, len, &fixed) != KB_OK) {
			free(raw);
			kb_buf_free(&fixed);
			return KB_ERR_NOMEM;
		}
		bad = count_replacements(fixed.data, fixed.len) -
		      count_replacements(raw, len);
		free(raw);
		/* A few bad bytes are a scraping accident worth repairing;
		 * more than one byte in ten means the file is in another
		 * encoding or is not text at all. */
		if (bad * 10 > fixed.len) {
			kb_buf_printf(why, "not UTF-8 text (%zu invalid bytes)",
				      bad);
			kb_buf_free(&fixed);
			return KB_DONE;
		}
		kb_buf_printf(why, "invalid UTF-8 (%zu bytes) replaced", bad);
		a->repaired = 1;
		a->len = fixed.len;
		a->text = kb_buf_detach(&fixed);
		if (a->text == NULL)
			return KB_ERR_NOMEM;
		indexer_normalise_stage(a);
		return KB_OK;
	}
	a->text = raw;
	a->len = len;
	indexer_normalise_stage(a);
	return KB_OK;
}

int
indexer_is_html_name(const char *path)
{
	size_t n = strlen(path);

	return (n > 5 && strcasecmp(path + n - 5, ".html") == 0) ||
	       (n > 4 && strcasecmp(path + n - 4, ".htm") == 0);
}

kb_status_t
kb_clean_file(kb_cleaner_t *cl, const char *path, kb_cleaned_t **out,
	      char **errmsg)
{
	kb_file_t f;
	kb_article_t a;
	kb_buf_t why;
	kb_status_t rc;

	*out = NULL;
	if (errmsg != NULL)
		*errmsg = NULL;
	memset(&f, 0, sizeof(f));
	f.path = (char *)path;
	f.id = (char *)path;
	kb_buf_init(&why);
	rc = indexer_read_stage(&f, &a, &why);
	if (rc == KB_OK) {
		rc = indexer_is_html_name(path)
		         ? kb_cleaner_clean_html(cl, a.text, a.len, out)
		         : kb_cleaner_clean(cl, a.text, a.len, out);
		if (rc != KB_OK) {
			kb_buf_reset(&why);
			kb_buf_puts(&why, kb_status_str(rc));
		}
	}
	if (rc != KB_OK && errmsg != NULL) {
		kb_buf_t m;

		kb_buf_init(&m);
		kb_buf_printf(&m, "%s: %s", path,
			      why.data ? why.data : kb_status_str(rc));
		*errmsg = kb_buf_detach(&m);
	}
	indexer_article_clear(&a);
	kb_buf_free(&why);
	return rc;
}

kb_status_t
kb_cleaner_learn_file(kb_cleaner_t *cl, const char *path)
{
	kb_file_t f;
	kb_article_t a;
	kb_buf_t why;
	kb_status_t rc;

	memset(&f, 0, sizeof(f));
	f.path = (char *)path;
	f.id = (char *)path;
	kb_buf_init(&why);
	rc = indexer_read_stage(&f, &a, &why);
	if (rc == KB_OK && indexer_is_html_name(path))
		rc = kb_cleaner_learn_html(cl, a.text, a.len);
	else if (rc == KB_OK)
		rc = kb_cleaner_learn(cl, a.text, a.len);
	if (rc != KB_ERR_NOMEM)
		rc = KB_OK;
	indexer_article_clear(&a);
	kb_buf_free(&why);
	return rc;
}

kb_status_t
indexer_clean_stage(kb_cleaner_t *cl, kb_article_t *a, int html)
{
	kb_cleaned_t *c = NULL;
	kb_status_t rc;

	rc = html ? kb_cleaner_clean_html(cl, a->text, a->len, &c)
		  : kb_cleaner_clean(cl, a->text, a->len, &c);
	if (rc != KB_OK)
		return rc;
	free(a->text);
	free(a->title);
	/* Take the strings over rather than copy them. */
	a->text = c->text;
	a->len = c->len;
	a->title = c->title;
	a->dropped_attrs = c->dropped_attrs;
	a->cut_html_bytes = c->cut_html_bytes;
	c->text = NULL;
	c->title = NULL;
	c->len = 0;
	kb_cleaned_free(c);
	if (a->text == NULL) {
		a->text = strdup("");
		if (a->text == NULL)
			return KB_ERR_NOMEM;
	}
	if (a->title == NULL) {
		a->title = strdup("");
		if (a->title == NULL)
			return KB_ERR_NOMEM;
	}
	return KB_OK;
}

kb_status_t
indexer_segment_stage(kb_segmenter_t *sg, kb_article_t *a)
{
	kb_status_t rc = kb_segment(sg, a->title, strlen(a->title), a->text,
				    a->len, &a->snippets, &a->nsnippets);

	a->dropped_snippets = kb_segmenter_dropped(sg);
	a->stopped_matches = kb_segmenter_stopped(sg, &a->stopped_file,
						  &a->stopped_line);
	return rc;
}

int
indexer_cuts(const kb_article_t *a, kb_buf_t *why)
{
	size_t start = why->len;

	if (a->dropped_attrs > 0)
		kb_buf_printf(why, "%u HTML attributes cut from tags with "
			      "more than %u", a->dropped_attrs,
			      KB_LIMIT_HTML_ATTRS);
	if (a->cut_html_bytes > 0)
		kb_buf_printf(why, "%s%zu bytes of HTML cut after the "
			      "page's first %u tags", why->len > start ?
			      "; " : "", a->cut_html_bytes,
			      KB_LIMIT_HTML_TAGS);
	if (a->dropped_snippets > 0)
		kb_buf_printf(why, "%s%zu passages left out after the "
			      "article's first %u snippets", why->len > start ?
			      "; " : "", a->dropped_snippets,
			      KB_LIMIT_SNIPPETS);
	if (a->stopped_matches > 0)
		kb_buf_printf(why, "%s%zu pattern matches stopped at PCRE2's "
			      "limits, the first of lexicon rule %s:%u, which "
			      "then does not match",
			      why->len > start ? "; " : "", a->stopped_matches,
			      a->stopped_file, a->stopped_line);
	return why->len > start;
}
