/* eval.c - the questions of an evaluation: the question file, the
 * answer texts of their gold locations, and the handle that holds them.
 * Judging is in eval_score.c, reading other systems' answers in
 * eval_answers.c.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "../util/kb_array.h"
#include "../util/kb_buf.h"
#include "eval_internal.h"
#include "kb_eval.h"

kb_status_t
eval_err(char **slot, kb_status_t st, const char *fmt, ...)
{
	kb_buf_t b;
	va_list ap;

	free(*slot);
	kb_buf_init(&b);
	va_start(ap, fmt);
	kb_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	*slot = kb_buf_detach(&b);
	return st;
}

void
eval_hand_err(char *err, char **errmsg)
{
	if (errmsg != NULL)
		*errmsg = err;
	else
		free(err);
}

/* The status for the errno of a failed fopen(). */
static kb_status_t
errno_status(void)
{
	return errno == ENOENT ? KB_ERR_NOT_FOUND : KB_ERR_IO;
}

/* Reads the whole file at path into a malloc'd NUL-terminated *out of
 * *len bytes.  On failure *out is NULL and *errmsg names the file. */
static kb_status_t
read_all(const char *path, char **out, size_t *len, char **errmsg)
{
	kb_buf_t b;
	kb_status_t rc;

	*out = NULL;
	kb_buf_init(&b);
	rc = kb_buf_read_file(&b, path, 0);
	if (rc == KB_ERR_IO)
		return eval_err(errmsg, errno_status(), "%s: %s", path,
		                strerror(errno));
	if (rc == KB_OK)
		rc = kb_buf_puts(&b, "");
	if (rc != KB_OK) {
		kb_buf_free(&b);
		return eval_err(errmsg, KB_ERR_NOMEM, "%s: out of memory",
		                path);
	}
	*len = b.len;
	*out = kb_buf_detach(&b);
	return *out != NULL ? KB_OK : KB_ERR_NOMEM;
}

/* ---- TSV -------------------------------------------------------------- */

/* Cuts the next line off *p (up to end), NUL-terminating it in place and
 * dropping a trailing CR.  Returns NULL at the end of the text. */
static char *
next_line(char **p, char *end)
{
	char *line = *p, *nl;

	if (line >= end)
		return NULL;
	nl = memchr(line, '\n', (size_t)(end - line));
	if (nl == NULL)
		nl = end;
	*nl = '\0';
	*p = nl + 1;
	if (nl > line && nl[-1] == '\r')
		nl[-1] = '\0';
	return line;
}

/* Splits line at tabs, in place, into at most max fields; fields past
 * the header's are cut off.  Returns the number of fields. */
static size_t
split_tabs(char *line, char **fields, size_t max)
{
	size_t n = 0;

	while (n < max) {
		char *tab = strchr(line, '\t');

		fields[n++] = line;
		if (tab == NULL)
			break;
		*tab = '\0';
		line = tab + 1;
	}
	return n;
}

/* The index of column name among the n header fields, or -1. */
static int
column(char **hdr, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(hdr[i], name) == 0)
			return (int)i;
	return -1;
}

/* Parses a whole decimal number of at most max; returns 0 on success. */
static int
parse_num(const char *s, unsigned long long max, unsigned long long *out)
{
	char *end;
	unsigned long long v;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || *end != '\0' || v > max)
		return -1;
	*out = v;
	return 0;
}

/* The header of a TSV file: its fields, split in place. */
typedef struct header {
	char **f;
	size_t n;
} header_t;

/* Reads the header line off *p.  A UTF-8 byte order mark is skipped. */
static kb_status_t
read_header(char **p, char *end, header_t *h)
{
	char *line = next_line(p, end), *s;
	size_t n = 1;

	h->f = NULL;
	h->n = 0;
	if (line == NULL)
		return KB_ERR_CORRUPT;
	if (strncmp(line, "\xef\xbb\xbf", 3) == 0)
		line += 3;
	for (s = line; *s != '\0'; s++)
		n += *s == '\t';
	h->f = malloc(n * sizeof(*h->f));
	if (h->f == NULL)
		return KB_ERR_NOMEM;
	h->n = split_tabs(line, h->f, n);
	return KB_OK;
}

/* Fills loc from "path#section" (modified in place); no "#" means no
 * section.  Returns 0, or -1 for a bad section number. */
static int
parse_loc(char *s, kb_eval_loc_t *loc)
{
	char *hash = strrchr(s, '#');
	unsigned long long v;

	loc->path = s;
	loc->section = -1;
	loc->answer = NULL;
	loc->answer_len = 0;
	if (hash == NULL)
		return 0;
	if (parse_num(hash + 1, INT32_MAX, &v) != 0)
		return -1;
	*hash = '\0';
	loc->section = (int)v;
	return 0;
}

/* Strips spaces around s, in place. */
static char *
trim(char *s)
{
	char *e;

	while (*s == ' ')
		s++;
	e = s + strlen(s);
	while (e > s && e[-1] == ' ')
		*--e = '\0';
	return s;
}

/* The columns of a question file, by index into col[]. */
enum { QID, QUESTION, PATH, SECTION, ANSWER, ALT, SET, PHRASE, NCOL };

/* Parses one question row into q.  f holds the row's nf fields; col the
 * column indices (-1 when absent).  Returns KB_OK, KB_ERR_CORRUPT with a
 * message in *err, or KB_ERR_NOMEM. */
static kb_status_t
parse_question(char **f, size_t nf, const int *col, kb_eval_q_t *q,
	       const char *path, size_t lineno, char **err)
{
	size_t nalt = 0, k = 1, i;
	unsigned long long v;
	char *alt, *s;

	for (i = 0; i <= PHRASE; i++)
		if (col[i] >= 0 && (size_t)col[i] >= nf)
			return eval_err(err, KB_ERR_CORRUPT,
			                "%s:%zu: %zu fields, fewer than the "
			                "header's",
			                path, lineno, nf);
	if (f[col[QID]][0] == '\0' || f[col[PATH]][0] == '\0')
		return eval_err(err, KB_ERR_CORRUPT,
		                "%s:%zu: empty qid or gold_path", path, lineno);
	alt = col[ALT] >= 0 ? f[col[ALT]] : "";
	for (s = alt; *s != '\0'; s++)
		nalt += *s == ';';
	q->locs = calloc(nalt + 2, sizeof(*q->locs));
	if (q->locs == NULL)
		return KB_ERR_NOMEM;
	q->pub.qid = f[col[QID]];
	q->pub.question = f[col[QUESTION]];
	q->pub.gold = q->locs;
	q->pub.set = col[SET] >= 0 ? f[col[SET]] : "";
	q->pub.phrase = col[PHRASE] >= 0 ? f[col[PHRASE]] : NULL;
	if (q->pub.phrase != NULL &&
	    q->pub.phrase[strspn(q->pub.phrase, " \t\r\n\f\v")] == '\0')
		return eval_err(err, KB_ERR_CORRUPT,
		                "%s:%zu: empty gold_phrase", path, lineno);
	q->locs[0].path = f[col[PATH]];
	q->locs[0].section = -1;
	if (col[SECTION] >= 0 && f[col[SECTION]][0] != '\0') {
		if (parse_num(f[col[SECTION]], INT32_MAX, &v) != 0)
			return eval_err(err, KB_ERR_CORRUPT,
			                "%s:%zu: bad gold_section '%s'", path,
			                lineno, f[col[SECTION]]);
		q->locs[0].section = (int)v;
	}
	if (col[ANSWER] >= 0) {
		q->locs[0].answer = f[col[ANSWER]];
		q->locs[0].answer_len = strlen(f[col[ANSWER]]);
	}
	/* alt_gold is "path#section;path#section"; empty entries are
	 * skipped. */
	for (s = alt; s != NULL;) {
		char *semi = strchr(s, ';'), *e;

		if (semi != NULL)
			*semi = '\0';
		e = trim(s);
		if (*e != '\0' && parse_loc(e, &q->locs[k++]) != 0)
			return eval_err(err, KB_ERR_CORRUPT,
			                "%s:%zu: bad alt_gold location '%s'",
			                path, lineno, e);
		s = semi ? semi + 1 : NULL;
	}
	q->pub.ngold = k;
	return KB_OK;
}

static void
free_questions(kb_eval_q_t *q, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(q[i].locs);
	free(q);
}

kb_status_t
kb_eval_open(const char *path, kb_eval_t **out, char **errmsg)
{
	/* In the order of the column enum; the first three are required,
	 * and each may go by its other name (the symptom file's "query" and
	 * "gold_source"). */
	static const char *const names[NCOL] = {
		"qid",	       "question",    "gold_path", "gold_section",
		"gold_answer", "alt_gold",    "set",	   "gold_phrase",
	};
	static const char *const other[] = { NULL, "query", "gold_source" };
	kb_eval_t *ev = NULL;
	header_t h = { NULL, 0 };
	char **f = NULL, *p, *end, *line, *err = NULL;
	size_t len, cap = 0, lineno = 1, i;
	int col[NCOL];
	kb_status_t rc;

	*out = NULL;
	if (errmsg != NULL)
		*errmsg = NULL;
	ev = calloc(1, sizeof(*ev));
	if (ev == NULL) {
		rc = KB_ERR_NOMEM;
		goto done;
	}
	rc = read_all(path, &ev->text, &len, &err);
	if (rc != KB_OK)
		goto done;
	p = ev->text;
	end = p + len;
	rc = read_header(&p, end, &h);
	if (rc == KB_ERR_CORRUPT) {
		rc = eval_err(&err, rc, "%s: empty file, no header", path);
		goto done;
	}
	if (rc != KB_OK)
		goto done;
	for (i = 0; i < NCOL; i++) {
		col[i] = column(h.f, h.n, names[i]);
		if (col[i] < 0 && i <= PATH && other[i] != NULL)
			col[i] = column(h.f, h.n, other[i]);
	}
	if (col[PHRASE] >= 0)
		ev->kind = KB_EVAL_PHRASE;
	else if (col[SECTION] < 0 && col[ANSWER] < 0)
		ev->kind = KB_EVAL_DOCUMENT;
	else
		ev->kind = KB_EVAL_TEMPLATED;
	for (i = 0; i <= PATH; i++)
		if (col[i] < 0) {
			rc = eval_err(&err, KB_ERR_CORRUPT,
			              "%s: bad header: no '%s' column", path,
			              names[i]);
			goto done;
		}
	f = malloc(h.n * sizeof(*f));
	if (f == NULL) {
		rc = KB_ERR_NOMEM;
		goto done;
	}
	while ((line = next_line(&p, end)) != NULL) {
		size_t nf;

		lineno++;
		if (line[0] == '\0')
			continue;
		if (kb_array_grow((void **)&ev->q, &cap, ev->n,
				  sizeof(*ev->q), 256) != KB_OK) {
			rc = KB_ERR_NOMEM;
			goto done;
		}
		nf = split_tabs(line, f, h.n);
		memset(&ev->q[ev->n], 0, sizeof(ev->q[ev->n]));
		rc = parse_question(f, nf, col, &ev->q[ev->n], path, lineno,
				    &err);
		ev->n++;	/* so that a partial question is freed */
		if (rc != KB_OK)
			goto done;
	}
	ev->out = calloc(ev->n ? ev->n : 1, sizeof(*ev->out));
	ev->judged = calloc(ev->n ? ev->n : 1, 1);
	if (ev->out == NULL || ev->judged == NULL)
		rc = KB_ERR_NOMEM;
done:
	free(f);
	free(h.f);
	if (rc == KB_ERR_NOMEM && err == NULL)
		eval_err(&err, rc, "%s: out of memory", path);
	if (rc != KB_OK) {
		kb_eval_close(ev);
		ev = NULL;
	}
	eval_hand_err(err, errmsg);
	*out = ev;
	return rc;
}

void
kb_eval_close(kb_eval_t *ev)
{
	if (ev == NULL)
		return;
	kb_strv_free(ev->texts, ev->ntexts);
	free_questions(ev->q, ev->n);
	free(ev->out);
	free(ev->judged);
	free(ev->text);
	free(ev->errmsg);
	free(ev);
}

const char *
kb_eval_errmsg(const kb_eval_t *ev)
{
	return ev ? ev->errmsg : NULL;
}

size_t
kb_eval_count(const kb_eval_t *ev)
{
	return ev->n;
}

kb_eval_kind_t
kb_eval_get_kind(const kb_eval_t *ev)
{
	return ev->kind;
}

const kb_eval_question_t *
kb_eval_get_question(const kb_eval_t *ev, size_t i)
{
	return i < ev->n ? &ev->q[i].pub : NULL;
}

kb_status_t
kb_eval_find(const kb_eval_t *ev, const char *qid, size_t *out)
{
	size_t i;

	for (i = 0; i < ev->n; i++)
		if (strcmp(ev->q[i].pub.qid, qid) == 0) {
			*out = i;
			return KB_OK;
		}
	return KB_ERR_NOT_FOUND;
}

/* ---- sections --------------------------------------------------------- */

typedef struct section {
	const char *path;
	unsigned long long section, start, end;
} section_t;

static int
cmp_section(const void *a, const void *b)
{
	const section_t *x = a, *y = b;
	int c = strcmp(x->path, y->path);

	if (c != 0)
		return c;
	return (x->section > y->section) - (x->section < y->section);
}

/* Reads bytes [s->start, s->end) of the article, drops the heading line
 * and keeps the rest in ev->texts, pointed at by loc. */
static kb_status_t
read_section(kb_eval_t *ev, const char *corpus, const section_t *s,
	     kb_eval_loc_t *loc)
{
	kb_buf_t file;
	FILE *f = NULL;
	char *text = NULL, *nl;
	size_t len = (size_t)(s->end - s->start);
	kb_status_t rc = KB_OK;

	kb_buf_init(&file);
	kb_buf_printf(&file, "%s/%s", corpus, s->path);
	if (file.err != KB_OK)
		return KB_ERR_NOMEM;
	if (kb_array_grow((void **)&ev->texts, &ev->texts_cap, ev->ntexts,
			  sizeof(*ev->texts), 64) != KB_OK) {
		rc = KB_ERR_NOMEM;
		goto done;
	}
	text = malloc(len + 1);
	if (text == NULL) {
		rc = KB_ERR_NOMEM;
		goto done;
	}
	f = fopen(file.data, "rb");
	if (f == NULL) {
		rc = eval_err(&ev->errmsg, errno_status(), "%s: %s", file.data,
		              strerror(errno));
		goto done;
	}
	if (fseeko(f, (off_t)s->start, SEEK_SET) != 0 ||
	    fread(text, 1, len, f) != len) {
		rc = eval_err(&ev->errmsg, KB_ERR_CORRUPT,
		              "%s: section %llu, bytes %llu-%llu: "
		              "beyond the end of the file",
		              file.data, s->section, s->start, s->end);
		goto done;
	}
	text[len] = '\0';
	/* The range starts with the heading, which gold_answer leaves out
	 * too. */
	nl = memchr(text, '\n', len);
	loc->answer = nl ? nl + 1 : text + len;
	loc->answer_len = len - (size_t)(loc->answer - text);
	ev->texts[ev->ntexts++] = text;
	text = NULL;
done:
	if (f != NULL)
		fclose(f);
	free(text);
	kb_buf_free(&file);
	return rc;
}

kb_status_t
kb_eval_load_sections(kb_eval_t *ev, const char *sections,
		      const char *corpus_dir)
{
	static const char *const names[] = { "path", "section", "start_byte",
					     "end_byte" };
	header_t h = { NULL, 0 };
	section_t *rows = NULL;
	char **f = NULL, *data = NULL, *p, *end, *line;
	size_t len, n = 0, cap = 0, lineno = 1, i, k;
	int col[4], maxcol = 0;
	kb_status_t rc;

	rc = read_all(sections, &data, &len, &ev->errmsg);
	if (rc != KB_OK)
		return rc;
	p = data;
	end = p + len;
	rc = read_header(&p, end, &h);
	if (rc == KB_ERR_CORRUPT)
		eval_err(&ev->errmsg, rc, "%s: empty file, no header",
		         sections);
	if (rc != KB_OK)
		goto done;
	for (i = 0; i < 4; i++) {
		col[i] = column(h.f, h.n, names[i]);
		if (col[i] < 0) {
			rc = eval_err(&ev->errmsg, KB_ERR_CORRUPT,
			              "%s: bad header: no '%s' column",
			              sections, names[i]);
			goto done;
		}
		if (col[i] > maxcol)
			maxcol = col[i];
	}
	f = malloc(h.n * sizeof(*f));
	if (f == NULL) {
		rc = KB_ERR_NOMEM;
		goto done;
	}
	while ((line = next_line(&p, end)) != NULL) {
		section_t *s;

		lineno++;
		if (line[0] == '\0')
			continue;
		if (kb_array_grow((void **)&rows, &cap, n,
				  sizeof(*rows), 1024) != KB_OK) {
			rc = KB_ERR_NOMEM;
			goto done;
		}
		s = &rows[n];
		if (split_tabs(line, f, h.n) <= (size_t)maxcol ||
		    parse_num(f[col[1]], INT32_MAX, &s->section) != 0 ||
		    parse_num(f[col[2]], UINT32_MAX, &s->start) != 0 ||
		    parse_num(f[col[3]], UINT32_MAX, &s->end) != 0 ||
		    s->end < s->start) {
			rc = eval_err(&ev->errmsg, KB_ERR_CORRUPT,
			              "%s:%zu: bad row", sections, lineno);
			goto done;
		}
		s->path = f[col[0]];
		n++;
	}
	qsort(rows, n, sizeof(*rows), cmp_section);
	for (i = 0; i < ev->n; i++) {
		for (k = 0; k < ev->q[i].pub.ngold; k++) {
			kb_eval_loc_t *loc = &ev->q[i].locs[k];
			section_t key, *s;

			if (loc->answer != NULL || loc->section < 0)
				continue;
			key.path = loc->path;
			key.section = (unsigned long long)loc->section;
			s = n ? bsearch(&key, rows, n, sizeof(*rows),
					cmp_section)
			      : NULL;
			if (s == NULL) {
				rc =
				    eval_err(&ev->errmsg, KB_ERR_NOT_FOUND,
				             "%s: no section %d of %s",
				             sections, loc->section, loc->path);
				goto done;
			}
			rc = read_section(ev, corpus_dir, s, loc);
			if (rc != KB_OK)
				goto done;
		}
	}
done:
	if (rc == KB_ERR_NOMEM)
		eval_err(&ev->errmsg, rc, "%s: out of memory", sections);
	free(rows);
	free(f);
	free(h.f);
	free(data);
	return rc;
}

