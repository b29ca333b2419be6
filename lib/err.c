/* Error records and the one place that prints them. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ki/err.h"

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

int
ki_err_oom(const struct ki_err *err)
{
	return err != NULL && strcmp(err->msg, "out of memory") == 0;
}

void
ki_err_clear(struct ki_err *err)
{
	if (err != NULL)
		memset(err, 0, sizeof(*err));
}

void
ki_diag_to(FILE *fp, const char *prog, const struct ki_err *err)
{
	fprintf(fp, "%s: ", prog);
	if (err->file[0] != '\0') {
		if (err->line > 0)
			fprintf(fp, "%s:%ld: ", err->file, err->line);
		else
			fprintf(fp, "%s: ", err->file);
	}
	if (err->field[0] != '\0')
		fprintf(fp, "%s: ", err->field);
	fprintf(fp, "%s\n", err->msg);
}

void
ki_diag(const char *prog, const struct ki_err *err)
{
	ki_diag_to(stderr, prog, err);
}
