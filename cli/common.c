/* common.c - helpers shared by the subcommands. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../util/kb_array.h"
#include "../util/kb_buf.h"
#include "../util/kb_limits.h"
#include "../util/kb_paths.h"
#include "../util/kb_time.h"
#include "cli.h"

int
cli_error(const char *context, kb_status_t st, const char *detail)
{
	if (detail != NULL && detail[0] != '\0')
		fprintf(stderr, "%s: %s: %s\n", PROG, context, detail);
	else
		fprintf(stderr, "%s: %s: %s\n", PROG, context,
			kb_status_str(st));
	return EXIT_FAILURE;
}

int
cli_error_free(const char *context, kb_status_t st, char *detail)
{
	cli_error(context, st, detail);
	free(detail);
	return EXIT_FAILURE;
}

int
cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s %s: ", PROG, cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (try '%s %s --help')\n", PROG, cmd);
	return EXIT_USAGE;
}

const char *
cli_db_path(const char *opt)
{
	const char *env;

	if (opt != NULL)
		return opt;
	env = getenv("RELIEF_DB");
	if (env != NULL && env[0] != '\0')
		return env;
	return "relief.db";
}

/* The path named by opt, else by the environment variable env, or NULL. */
static const char *
named(const char *opt, const char *env)
{
	const char *v;

	if (opt != NULL)
		return opt;
	v = getenv(env);
	return v != NULL && v[0] != '\0' ? v : NULL;
}

int
cli_find_stopwords(const char *cmd, const char *opt, const char **out)
{
	static char found[4096];
	const char *n = named(opt, "RELIEF_STOPWORDS");

	*out = NULL;
	if (n != NULL) {
		if (access(n, R_OK) != 0) {
			fprintf(stderr, "%s: %s: stopword list '%s': %s\n", PROG,
				cmd, n, strerror(errno));
			return EXIT_FAILURE;
		}
		*out = n;
		return EXIT_SUCCESS;
	}
	if (kb_path_find("english.txt", "stopwords/english.txt",
			 KB_PATH_FILE, found, sizeof(found)) == 0)
		*out = found;
	return EXIT_SUCCESS;
}

int
cli_find_lexicon(const char *cmd, const char *opt, int required,
		 const char **out)
{
	static char found[4096];
	const char *n = named(opt, "RELIEF_LEXICON");
	struct stat sb;

	*out = NULL;
	if (n != NULL) {
		if (stat(n, &sb) == 0 && !S_ISDIR(sb.st_mode)) {
			fprintf(stderr, "%s: %s: lexicon folder '%s': not a "
					"folder\n",
				PROG, cmd, n);
			return EXIT_FAILURE;
		}
		if (stat(n, &sb) != 0 || access(n, R_OK | X_OK) != 0) {
			fprintf(stderr, "%s: %s: lexicon folder '%s': %s\n",
				PROG, cmd, n, strerror(errno));
			return EXIT_FAILURE;
		}
		*out = n;
		return EXIT_SUCCESS;
	}
	if (kb_path_find("lexicon", "lexicon", KB_PATH_DIR, found,
			 sizeof(found)) == 0) {
		*out = found;
		return EXIT_SUCCESS;
	}
	if (required) {
		fprintf(stderr, "%s: %s: no lexicon folder found (install "
				"relief, or set --lexicon)\n",
			PROG, cmd);
		return EXIT_FAILURE;
	}
	return EXIT_SUCCESS;
}

char *
cli_read_file(const char *path)
{
	kb_buf_t b;

	if (path == NULL)
		return strdup("");
	kb_buf_init(&b);
	if (kb_buf_read_file(&b, path, 0) != KB_OK ||
	    kb_buf_puts(&b, "") != KB_OK) {
		kb_buf_free(&b);
		return NULL;
	}
	return kb_buf_detach(&b);
}

int
cli_batch(const char *cmd, const cli_batch_fns_t *fns, void *ctx,
	  double **lat, size_t *n)
{
	char *line = NULL;
	size_t cap = 0, vcap = 0;
	ssize_t len;
	kb_status_t rc;
	double t;
	int status = EXIT_SUCCESS;

	*lat = NULL;
	*n = 0;
	while ((len = getline(&line, &cap, stdin)) >= 0) {
		while (len > 0 && (line[len - 1] == '\n' ||
				   line[len - 1] == '\r'))
			line[--len] = '\0';
		t = kb_now();
		rc = fns->answer(ctx, line, (size_t)len);
		t = kb_now() - t;
		status = fns->show(ctx, line, rc);
		if (status != EXIT_SUCCESS)
			break;
		/* Each answer leaves as soon as it is made: a program that
		 * writes a question and waits for its answer gets it. */
		fflush(stdout);
		if (kb_array_grow((void **)lat, &vcap, *n, sizeof(**lat),
				  1024) != KB_OK) {
			status = cli_error(cmd, KB_ERR_NOMEM, NULL);
			break;
		}
		(*lat)[(*n)++] = t * 1e3;
	}
	free(line);
	return status;
}

int
cli_parse_uint(const char *s, unsigned min, unsigned max, unsigned *out)
{
	char *end;
	unsigned long v;

	if (s == NULL || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return -1;
	*out = (unsigned)v;
	return 0;
}

int
cli_open_engine(const char *cmd, const char *db, const engine_opts_t *eo,
		kb_engine_t **out)
{
	kb_engine_t *en = NULL;
	const char *lex;
	char *err = NULL;
	kb_status_t rc;
	size_t i;

	*out = NULL;
	if (cli_find_lexicon(cmd, eo->lexicon, 0, &lex) != EXIT_SUCCESS)
		return EXIT_FAILURE;
	rc = kb_engine_open(db, &en, &err);
	if (rc != KB_OK) {
		if (rc == KB_ERR_NOT_FOUND)
			fprintf(stderr, "%s: %s: %s (create it with '%s index "
					"--db %s DIR')\n",
				PROG, cmd, err ? err : db, PROG, db);
		else
			cli_error(cmd, rc, err ? err : db);
		free(err);
		return EXIT_FAILURE;
	}
	/* Without a lexicon the engine still answers, word for word; a
	 * lexicon asked for by name must load. */
	if (lex != NULL) {
		rc = kb_engine_load_lexicon(en, lex, &err);
		if (rc != KB_OK) {
			cli_error(cmd, rc, err ? err : lex);
			free(err);
			kb_engine_close(en);
			return EXIT_FAILURE;
		}
	}
	for (i = 0; i < eo->params.n; i++) {
		const char *pa = eo->params.v[i], *eq = strchr(pa, '=');
		char name[64], *end = NULL;
		double v = 0;

		if (eq != NULL) {
			snprintf(name, sizeof(name), "%.*s", (int)(eq - pa), pa);
			v = strtod(eq + 1, &end);
		}
		if (eq == NULL || end == eq + 1 || *end != '\0' ||
		    kb_engine_set_param(en, name, v) != KB_OK) {
			fprintf(stderr, "%s: %s: bad --param '%s' (NAME=VALUE, "
					"with a known NAME)\n",
				PROG, cmd, pa);
			kb_engine_close(en);
			return EXIT_FAILURE;
		}
	}
	*out = en;
	return EXIT_SUCCESS;
}

void
cli_warn_cuts(const char *path, const kb_cleaned_t *c,
	      const kb_segmenter_t *sg)
{
	size_t n = kb_segmenter_dropped(sg);
	const char *file;
	unsigned line;

	if (c->dropped_attrs > 0)
		fprintf(stderr, "%s: warning: %s: %u HTML attributes cut from "
				"tags with more than %u\n",
			PROG, path, c->dropped_attrs, KB_LIMIT_HTML_ATTRS);
	if (c->cut_html_bytes > 0)
		fprintf(stderr, "%s: warning: %s: %zu bytes of HTML cut after "
				"the page's first %u tags\n",
			PROG, path, c->cut_html_bytes, KB_LIMIT_HTML_TAGS);
	if (n > 0)
		fprintf(stderr, "%s: warning: %s: %zu passages left out after "
				"the article's first %u snippets\n",
			PROG, path, n, KB_LIMIT_SNIPPETS);
	n = kb_segmenter_stopped(sg, &file, &line);
	if (n > 0)
		fprintf(stderr, "%s: warning: %s: %zu pattern matches stopped "
				"at PCRE2's limits, the first of lexicon rule "
				"%s:%u, which then does not match\n",
			PROG, path, n, file, line);
}
