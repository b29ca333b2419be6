/* The integer formatter: whole numbers as text, plain or grouped. */
#ifndef KI_FMTINT_H
#define KI_FMTINT_H

/* Room for any long long: a sign, 19 digits, 6 commas and the NUL. */
#define KI_INT_LEN	32

/* ki_int_format's flags. */
#define KI_INT_GROUP	1	/* a comma between thousands: 1,234,567 */

/*
 * Write v in decimal into buf: "-1234", or with KI_INT_GROUP "-1,234". The
 * same in any locale. buf must hold the text and its NUL; KI_INT_LEN bytes
 * hold any. Returns buf.
 */
char *ki_int_format(char *buf, long long v, int flags);

#endif
