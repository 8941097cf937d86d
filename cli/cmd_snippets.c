/* cmd_snippets.c - "relief snippets": the advice snippets of articles. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void
usage(FILE *f)
{
	fprintf(f,
		"usage: %s snippets [--lexicon DIR] [--stopwords FILE] "
		"FILE...\n\n"
		"Cleans each article file and prints its advice snippets as "
		"JSON, one object\nper line: source, ordinal, kind, name, "
		"section, body_parts, dosage, text.\n\n"
		"  --lexicon DIR     rules for kinds, names and body parts "
		"(default: the\n"
		"                    installed lexicon)\n"
		"  --stopwords FILE  stopword list for the cleaner\n",
		PROG);
}

int
cmd_snippets(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "lexicon", required_argument, NULL, 'l' },
		{ "stopwords", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *lex_opt = NULL, *stop_opt = NULL, *lex, *sp;
	kb_cleaner_t *cl = NULL;
	kb_segmenter_t *sg = NULL;
	char *stop = NULL, *err = NULL;
	printer_t *p;
	kb_status_t rc;
	int c, i, status = EXIT_SUCCESS;

	optind = 1;
	while ((c = getopt_long(argc, argv, "l:s:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'l':
			lex_opt = optarg;
			break;
		case 's':
			stop_opt = optarg;
			break;
		case 'h':
			usage(stdout);
			return EXIT_SUCCESS;
		default:
			return cli_usage_error("snippets", "bad option");
		}
	}
	if (optind >= argc)
		return cli_usage_error("snippets", "no file given");
	p = printer_for("json", stdout);
	lex = cli_lexicon_path(lex_opt);
	if (lex == NULL)
		return cli_error("snippets", KB_ERR_NOT_FOUND,
				 "no lexicon folder found (set --lexicon)");
	sp = cli_stopwords_path(stop_opt);
	stop = cli_read_file(sp);
	if (stop == NULL)
		return cli_error("snippets", KB_ERR_IO, sp);
	rc = kb_cleaner_new(stop, strlen(stop), &cl, &err);
	if (rc == KB_OK)
		rc = kb_segmenter_new(lex, &sg, &err);
	if (rc != KB_OK) {
		status = cli_error("snippets", rc, err);
		goto done;
	}
	for (i = optind; i < argc; i++) {
		kb_cleaned_t *cd = NULL;
		kb_snippet_t *v = NULL;
		size_t n = 0;

		rc = kb_clean_file(cl, argv[i], &cd, &err);
		if (rc == KB_OK)
			rc = kb_segment(sg, cd->title, strlen(cd->title),
					cd->text, cd->len, &v, &n);
		if (rc != KB_OK) {
			cli_error("snippets", rc, err ? err : argv[i]);
			status = EXIT_FAILURE;
		} else {
			p->snippets(p, argv[i], cd->title, v, n);
		}
		free(err);
		err = NULL;
		kb_snippets_free(v, n);
		kb_cleaned_free(cd);
	}
done:
	free(err);
	free(stop);
	kb_segmenter_free(sg);
	kb_cleaner_free(cl);
	return status;
}
