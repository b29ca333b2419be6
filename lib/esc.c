/*
 * The escapers, one a format: terminal text, Markdown, CSV, JSON strings and
 * HTML. Whatever writes a format calls its escaper here.
 */
#include <ctype.h>
#include <string.h>

#include "ki/buf.h"
#include "ki/esc.h"

/*
 * The length of the UTF-8 sequence at p (1 to 4) with its code point in
 * *cp, or 0 when p does not start one (a stray, overlong or cut byte).
 */
static size_t
seq(const unsigned char *p, unsigned long *cp)
{
	size_t n, i;
	unsigned long c;

	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (p[0] >= 0xC2 && p[0] <= 0xDF) {
		n = 2;
		c = p[0] & 0x1F;
	} else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
		n = 3;
		c = p[0] & 0x0F;
	} else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
		n = 4;
		c = p[0] & 0x07;
	} else
		return 0;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		c = c << 6 | (p[i] & 0x3F);
	}
	if ((n == 3 && (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF))) ||
	    (n == 4 && (c < 0x10000 || c > 0x10FFFF)))
		return 0;
	*cp = c;
	return n;
}

/* Is code point c one that ki_esc_text shows as \uNNNN? */
static int
hidden(unsigned long c)
{
	return (c >= 0x80 && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) ||
	    (c >= 0x2066 && c <= 0x2069);
}

/*
 * The escape for the character at p in buf (at least 8 bytes), or ""
 * when it shows as itself; *n gets the bytes it takes.
 */
static const char *
visible(const char *p, char buf[8], size_t *n)
{
	unsigned char b = (unsigned char)*p;
	unsigned long c;

	if ((*n = seq((const unsigned char *)p, &c)) == 0) {
		*n = 1;
		snprintf(buf, 8, "\\x%02x", b);
	} else if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F)
		snprintf(buf, 8, "\\x%02lx", c);
	else if (hidden(c))
		snprintf(buf, 8, "\\u%04lx", c);
	else
		buf[0] = '\0';
	return buf;
}

void
ki_esc_text(FILE *fp, const char *s)
{
	char buf[8];
	size_t n;

	while (*s != '\0') {
		if (*visible(s, buf, &n) != '\0')
			fputs(buf, fp);
		else
			fwrite(s, 1, n, fp);
		s += n;
	}
}

size_t
ki_esc_text_width(const char *s)
{
	char buf[8];
	size_t n, w = 0;

	while (*s != '\0') {
		w += *visible(s, buf, &n) != '\0' ? strlen(buf) : 1;
		s += n;
	}
	return w;
}

void
ki_esc_md(FILE *fp, const char *s, int bol)
{
	const char *start = s;
	char buf[8];
	size_t n;

	if (bol) {
		/* A list item, an ordered one, a rule, a code block. */
		if (*s == '-' || *s == '+' || *s == '=')
			putc('\\', fp);
		else if (*s == ' ' || *s == '\t') {
			fputs("&#32;", fp);
			s++;
		}
	}
	while (*s != '\0') {
		unsigned char c = (unsigned char)*s;

		n = 1;
		if (c == '\n' || c == '\r')
			putc(' ', fp);
		else if (c == '<')
			fputs("&lt;", fp);
		else if (c == '>')
			fputs("&gt;", fp);
		else if (c == '&')
			fputs("&amp;", fp);
		else if (strchr("\\`*[]|#~$", c) != NULL ||
		    /* Within a word, as in ofsted_grade, _ is no emphasis. */
		    (c == '_' && !(s > start &&
		    isalnum((unsigned char)s[-1]) &&
		    isalnum((unsigned char)s[1]))) ||
		    /* Autolinks: "https://", "www." (GitHub's extension). */
		    (c == ':' && strncmp(s + 1, "//", 2) == 0) ||
		    (c == '.' && s - start >= 3 &&
		    strncmp(s - 3, "www", 3) == 0) ||
		    (c == '.' && s - start >= 3 &&
		    strncmp(s - 3, "WWW", 3) == 0) ||
		    /* "1." or "1)" beginning a line is an ordered list. */
		    (bol && (c == '.' || c == ')') && s > start &&
		    strspn(start, "0123456789") == (size_t)(s - start))) {
			putc('\\', fp);
			putc(c, fp);
		} else if (*visible(s, buf, &n) != '\0')
			fputs(buf, fp);
		else
			fwrite(s, 1, n, fp);
		s += n;
	}
}

/* A plain decimal number: sign, digits, a point, an exponent. */
static int
number(const char *s)
{
	int digits = 0;

	if (*s == '+' || *s == '-')
		s++;
	for (; isdigit((unsigned char)*s); s++)
		digits = 1;
	if (*s == '.')
		for (s++; isdigit((unsigned char)*s); s++)
			digits = 1;
	if (!digits)
		return 0;
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		if (!isdigit((unsigned char)*s))
			return 0;
		while (isdigit((unsigned char)*s))
			s++;
	}
	return *s == '\0';
}

int
ki_esc_csv_formula(const char *s)
{
	return s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL && !number(s);
}

/*
 * Where an escaper writes: a buffer, or a stream when b is NULL. One
 * escaper a format serves both.
 */
struct sink {
	struct ki_buf *b;
	FILE *fp;
};

/* To the buffer, inline while the room lasts (a row is many pieces). */
static inline void
put(const struct sink *k, const char *s, size_t n)
{
	if (k->b == NULL)
		fwrite(s, 1, n, k->fp);
	else
		ki_buf_put(k->b, s, n);
}

static void
csv(const struct sink *k, const char *s, int flags)
{
	int formula = (flags & KI_ESC_FORMULA) && ki_esc_csv_formula(s);
	size_t n, q;

	n = strcspn(s, ",\"\r\n");
	if (s[n] == '\0') {
		if (formula)
			put(k, "'", 1);
		put(k, s, n);
		return;
	}
	put(k, formula ? "\"'" : "\"", formula ? 2 : 1);
	/* Runs up to each quote, the quote doubled. */
	while ((q = strcspn(s, "\"")), s[q] != '\0') {
		put(k, s, q + 1);
		put(k, "\"", 1);
		s += q + 1;
	}
	put(k, s, q);
	put(k, "\"", 1);
}

void
ki_esc_csv(struct ki_buf *b, const char *s, int flags)
{
	struct sink k = { b, NULL };

	if (s != NULL)
		csv(&k, s, flags);
}

void
ki_esc_csv_file(FILE *fp, const char *s, int flags)
{
	struct sink k = { NULL, fp };

	if (s != NULL)
		csv(&k, s, flags);
}

static void
json(const struct sink *k, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s, *run = p;

	put(k, "\"", 1);
	/* Runs of plain characters at once; escape the rest. */
	for (; *p; p++) {
		char u[6] = { '\\', 'u', '0', '0', 0, 0 };

		if (*p >= 0x20 && *p != '"' && *p != '\\')
			continue;
		put(k, (const char *)run, (size_t)(p - run));
		run = p + 1;
		switch (*p) {
		case '"':
			put(k, "\\\"", 2);
			break;
		case '\\':
			put(k, "\\\\", 2);
			break;
		case '\n':
			put(k, "\\n", 2);
			break;
		case '\r':
			put(k, "\\r", 2);
			break;
		case '\t':
			put(k, "\\t", 2);
			break;
		default:
			u[4] = hex[*p >> 4];
			u[5] = hex[*p & 15];
			put(k, u, 6);
		}
	}
	put(k, (const char *)run, (size_t)(p - run));
	put(k, "\"", 1);
}

void
ki_esc_json(struct ki_buf *b, const char *s)
{
	struct sink k = { b, NULL };

	json(&k, s != NULL ? s : "");
}

void
ki_esc_json_file(FILE *fp, const char *s)
{
	struct sink k = { NULL, fp };

	json(&k, s != NULL ? s : "");
}

void
ki_esc_html(FILE *fp, const char *s)
{
	const char *e;
	size_t n;

	for (; s != NULL && *s != '\0'; s += n + (s[n] != '\0')) {
		n = strcspn(s, "&<>\"'");
		fwrite(s, 1, n, fp);
		switch (s[n]) {
		case '&':
			e = "&amp;";
			break;
		case '<':
			e = "&lt;";
			break;
		case '>':
			e = "&gt;";
			break;
		case '"':
			e = "&quot;";
			break;
		case '\'':
			e = "&#39;";
			break;
		default:
			e = "";
		}
		fputs(e, fp);
	}
}
