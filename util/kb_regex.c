/* kb_regex.c - compiling PCRE2 patterns (see kb_regex.h). */
#include "kb_regex.h"

#include <string.h>

kb_status_t
kb_regex_compile(const char *pat, size_t len, uint32_t opts,
		 kb_regex_run_t run, pcre2_code **out, kb_regex_error_t *err)
{
	PCRE2_SIZE off = 0;
	int code = 0;
	pcre2_code *re;

	*out = NULL;
	if (err != NULL)
		memset(err, 0, sizeof(*err));
	re = pcre2_compile((PCRE2_SPTR)pat, len,
			   PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | opts, &code,
			   &off, NULL);
	if (re == NULL) {
		if (err != NULL) {
			err->code = code;
			err->offset = (size_t)off;
			pcre2_get_error_message(code, (PCRE2_UCHAR *)err->msg,
						sizeof(err->msg));
		}
		return code == PCRE2_ERROR_NOMEMORY ? KB_ERR_NOMEM
						    : KB_ERR_CORRUPT;
	}
	/* A JIT failure is not an error: the interpreter runs the
	 * pattern. */
	if (run == KB_REGEX_JIT)
		(void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	*out = re;
	return KB_OK;
}

int
kb_regex_match(pcre2_code *re, const char *s, size_t len, size_t start,
	       pcre2_match_data *md, pcre2_match_context *mctx)
{
	if (len >= KB_REGEX_JIT_FROM && !kb_regex_jitted(re))
		(void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	return pcre2_match(re, (PCRE2_SPTR)s, len, start, 0, md, mctx);
}

int
kb_regex_stopped(int rc)
{
	return rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
	       rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT;
}

int
kb_regex_jitted(const pcre2_code *re)
{
	size_t size = 0;

	return pcre2_pattern_info(re, PCRE2_INFO_JITSIZE, &size) == 0 &&
	       size > 0;
}

kb_status_t
kb_regex_context_new(pcre2_match_context **out)
{
	pcre2_match_context *mctx = pcre2_match_context_create(NULL);

	*out = NULL;
	if (mctx == NULL)
		return KB_ERR_NOMEM;
	pcre2_set_match_limit(mctx, KB_REGEX_MATCH_LIMIT);
	pcre2_set_depth_limit(mctx, KB_REGEX_DEPTH_LIMIT);
	pcre2_set_heap_limit(mctx, KB_REGEX_HEAP_LIMIT_KIB);
	*out = mctx;
	return KB_OK;
}

kb_status_t
kb_regex_matcher_init(kb_regex_matcher_t *m, uint32_t pairs)
{
	m->stopped = 0;
	m->md = pcre2_match_data_create(pairs, NULL);
	if (m->md == NULL || kb_regex_context_new(&m->mctx) != KB_OK) {
		pcre2_match_data_free(m->md);
		m->md = NULL;
		m->mctx = NULL;
		return KB_ERR_NOMEM;
	}
	return KB_OK;
}

void
kb_regex_matcher_free(kb_regex_matcher_t *m)
{
	pcre2_match_data_free(m->md);
	pcre2_match_context_free(m->mctx);
	m->md = NULL;
	m->mctx = NULL;
}

int
kb_regex_matcher_match(kb_regex_matcher_t *m, pcre2_code *re, const char *s,
		       size_t len, size_t start)
{
	int rc = kb_regex_match(re, s, len, start, m->md, m->mctx);

	if (kb_regex_stopped(rc))
		m->stopped++;
	return rc;
}

size_t
kb_regex_matcher_take_stopped(kb_regex_matcher_t *m)
{
	size_t n = m->stopped;

	m->stopped = 0;
	return n;
}
