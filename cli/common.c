/* common.c - helpers shared by the subcommands. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../util/kb_buf.h"
#include "cli.h"

#ifndef KB_DATADIR
#define KB_DATADIR "/usr/local/share/relief"
#endif
#ifndef KB_SRCDIR
#define KB_SRCDIR "."
#endif

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

const char *
cli_stopwords_path(const char *opt)
{
	static const char *const candidates[] = {
		KB_DATADIR "/english.txt",
		KB_SRCDIR "/stopwords/english.txt",
	};
	const char *env;
	size_t i;

	if (opt != NULL)
		return opt;
	env = getenv("RELIEF_STOPWORDS");
	if (env != NULL && env[0] != '\0')
		return env;
	for (i = 0; i < sizeof(candidates) / sizeof(candidates[0]); i++)
		if (access(candidates[i], R_OK) == 0)
			return candidates[i];
	return NULL;
}

const char *
cli_lexicon_path(const char *opt)
{
	static const char *const candidates[] = {
		KB_DATADIR "/lexicon",
		KB_SRCDIR "/lexicon",
	};
	const char *env;
	size_t i;

	if (opt != NULL)
		return opt;
	env = getenv("RELIEF_LEXICON");
	if (env != NULL && env[0] != '\0')
		return env;
	for (i = 0; i < sizeof(candidates) / sizeof(candidates[0]); i++)
		if (access(candidates[i], R_OK | X_OK) == 0)
			return candidates[i];
	return NULL;
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
cli_engine_option(engine_opts_t *eo, int c, const char *arg, const char *cmd)
{
	if (c == 'L') {
		eo->lexicon = arg;
		return 1;
	}
	if (c != 'P')
		return 0;
	if (strchr(arg, '=') == NULL) {
		cli_usage_error(cmd, "--param takes NAME=VALUE, not '%s'", arg);
		return -1;
	}
	if (eo->nparams == sizeof(eo->params) / sizeof(eo->params[0])) {
		cli_usage_error(cmd, "too many --param options");
		return -1;
	}
	eo->params[eo->nparams++] = arg;
	return 1;
}

int
cli_open_engine(const char *cmd, const char *db, const engine_opts_t *eo,
		kb_engine_t **out)
{
	kb_engine_t *en = NULL;
	const char *lex = cli_lexicon_path(eo->lexicon);
	char *err = NULL;
	kb_status_t rc;
	size_t i;

	*out = NULL;
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
	for (i = 0; i < eo->nparams; i++) {
		const char *eq = strchr(eo->params[i], '=');
		char name[64], *end;
		double v;

		snprintf(name, sizeof(name), "%.*s",
			 (int)(eq - eo->params[i]), eo->params[i]);
		v = strtod(eq + 1, &end);
		if (end == eq + 1 || *end != '\0' ||
		    kb_engine_set_param(en, name, v) != KB_OK) {
			fprintf(stderr, "%s: %s: bad --param '%s'\n", PROG, cmd,
				eo->params[i]);
			kb_engine_close(en);
			return EXIT_FAILURE;
		}
	}
	*out = en;
	return EXIT_SUCCESS;
}
