/* Error records and the one place that prints them. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ki/err.h"
#include "ki/esc.h"

int
ki_err_set(struct ki_err *err, const char *file, long line, const char *field,
    const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return -1;
	snprintf(err->file, sizeof(err->file), "%s", file ? file : "");
	err->line = line;
	snprintf(err->field, sizeof(err->field), "%s", field ? field : "");
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return -1;
}

void
ki_err_clear(struct ki_err *err)
{
	if (err != NULL)
		memset(err, 0, sizeof(*err));
}

/*
 * The file name, field and message come from the data or the command line:
 * control characters in them are shown, not sent to the terminal
 * (ki_esc_text).
 */
void
ki_diag_to(FILE *fp, const char *prog, const struct ki_err *err)
{
	fprintf(fp, "%s: ", prog);
	if (err->file[0] != '\0') {
		ki_esc_text(fp, err->file);
		if (err->line > 0)
			fprintf(fp, ":%ld", err->line);
		fputs(": ", fp);
	}
	if (err->field[0] != '\0') {
		ki_esc_text(fp, err->field);
		fputs(": ", fp);
	}
	ki_esc_text(fp, err->msg);
	fputc('\n', fp);
}

void
ki_diag(const char *prog, const struct ki_err *err)
{
	ki_diag_to(stderr, prog, err);
}
