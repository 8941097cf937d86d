/* cmd_snippets.c - "relief snippets": the advice snippets of articles. */
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
		"section, context, body_parts, dosage,\ntext.\n\n"
		"  --lexicon DIR     rules for kinds, names and body parts "
		"(default: the\n"
		"                    installed lexicon)\n"
		"  --stopwords FILE  stopword list for the cleaner\n",
		PROG);
}

int
cmd_snippets(int argc, char **argv)
{
	const char *lex_opt = NULL, *stop_opt = NULL, *lex, *sp;
	const cli_option_t opts[] = {
		CLI_OPT_STRING("lexicon", &lex_opt),
		CLI_OPT_STRING("stopwords", &stop_opt),
		CLI_OPT_END,
	};
	kb_cleaner_t *cl = NULL;
	kb_segmenter_t *sg = NULL;
	char *stop = NULL, *err = NULL;
	printer_t *p;
	kb_status_t rc;
	int nf, i, status;

	status = cli_parse("snippets", opts, usage, argc, argv, &nf);
	if (status != 0)
		return status == CLI_HELP ? EXIT_SUCCESS : status;
	if (nf == 0)
		return cli_usage_error("snippets", "no file given");
	p = printer_for("json", stdout);
	if (cli_find_lexicon("snippets", lex_opt, 1, &lex) != EXIT_SUCCESS ||
	    cli_find_stopwords("snippets", stop_opt, &sp) != EXIT_SUCCESS)
		return EXIT_FAILURE;
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
	/* Several files are one corpus, as for `relief index`: the lines
	 * they repeat are learned as boilerplate first, so that the snippets
	 * shown are the ones indexing stores. */
	for (i = 1; nf > 1 && i <= nf; i++) {
		rc = kb_cleaner_learn_file(cl, argv[i]);
		if (rc != KB_OK) {
			status = cli_error("snippets", rc, argv[i]);
			goto done;
		}
	}
	for (i = 1; i <= nf; i++) {
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
			cli_warn_cuts(argv[i], cd, sg);
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
