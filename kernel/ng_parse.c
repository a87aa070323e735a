// SPDX-License-Identifier: GPL-2.0
/*
 * netgraph for Linux: binary <-> ASCII conversion of control message
 * arguments (the grammar of FreeBSD's ng_parse, written anew).
 *
 * Every read of the ASCII input stops at its NUL; every read of binary
 * data is checked against datalen; every write against the caller's
 * buffer length.  Recursion follows the type description only, never the
 * input: skipping a value is iterative.
 */
#include "ng_parse.h"
#include "../uapi/netgraph.h"

#define NG_PARSE_MAXELEMS	65536

enum ng_tok {
	T_LBRACE, T_RBRACE, T_LBRACKET, T_RBRACKET, T_EQUAL,
	T_STRING, T_WORD, T_EOF, T_BADSTRING,
};

/* ------------------------------------------------------------ helpers */

static __printf(4, 5) int ng_perr(struct ng_parse_err *err, int error,
				  int offset, const char *fmt, ...)
{
	va_list ap;

	if (err && !err->error) {
		err->error = error;
		err->offset = offset;
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
		va_end(ap);
	}
	return -error;
}

static __printf(4, 5) int ng_out(char *cbuf, int *pos, int cbuflen,
				 const char *fmt, ...)
{
	va_list ap;
	int room = cbuflen - *pos, n;

	if (room <= 0)
		return -ERANGE;
	va_start(ap, fmt);
	n = vsnprintf(cbuf + *pos, room, fmt, ap);
	va_end(ap);
	if (n < 0 || n >= room) {
		cbuf[*pos] = '\0';
		return -ERANGE;
	}
	*pos += n;
	return 0;
}

static int ng_outerr(struct ng_parse_err *err, int r)
{
	if (r == -ERANGE)
		ng_perr(err, ERANGE, 0, "ASCII output buffer too small");
	return r;
}

static int ng_isspace(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	       c == '\v' || c == '\f';
}

static int ng_isdelim(char c)
{
	return c == '\0' || ng_isspace(c) || c == '{' || c == '}' ||
	       c == '[' || c == ']' || c == '=' || c == '"';
}

static void ng_skipws(const char *s, int *off)
{
	while (ng_isspace(s[*off]))
		(*off)++;
}

static int ng_hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * The next token: white space is skipped, *off moves to the token's first
 * byte and *len is its length (quotes included for a string).
 */
static enum ng_tok ng_token(const char *s, int *off, int *len)
{
	int i = *off;

	while (ng_isspace(s[i]))
		i++;
	*off = i;
	*len = 1;
	switch (s[i]) {
	case '\0':
		*len = 0;
		return T_EOF;
	case '{':
		return T_LBRACE;
	case '}':
		return T_RBRACE;
	case '[':
		return T_LBRACKET;
	case ']':
		return T_RBRACKET;
	case '=':
		return T_EQUAL;
	case '"':
		for (i++; s[i] != '"'; i++) {
			if (s[i] == '\0')
				return T_BADSTRING;
			if (s[i] == '\\' && s[++i] == '\0')
				return T_BADSTRING;
		}
		*len = i + 1 - *off;
		return T_STRING;
	}
	while (!ng_isdelim(s[i]))
		i++;
	*len = i - *off;
	return T_WORD;
}

/*
 * Decode the quoted string token at s + off (len bytes, quotes included)
 * into out (at least len bytes).  Returns the decoded length.
 */
static int ng_decode_string(const char *s, int off, int len, u8 *out,
			    struct ng_parse_err *err)
{
	int i = off + 1, end = off + len - 1, n = 0, v, k;

	while (i < end) {
		char c = s[i];

		if (c != '\\') {
			out[n++] = (u8)c;
			i++;
			continue;
		}
		c = s[i + 1];
		switch (c) {
		case 't': v = '\t'; i += 2; break;
		case 'n': v = '\n'; i += 2; break;
		case 'r': v = '\r'; i += 2; break;
		case 'v': v = '\v'; i += 2; break;
		case 'f': v = '\f'; i += 2; break;
		case '"': v = '"'; i += 2; break;
		case '\\': v = '\\'; i += 2; break;
		case 'x':
			v = 0;
			for (k = 0; k < 2 && i + 2 + k < end &&
			     ng_hexval(s[i + 2 + k]) >= 0; k++)
				v = v * 16 + ng_hexval(s[i + 2 + k]);
			if (k == 0)
				return ng_perr(err, EINVAL, i,
					       "expected hex digits after \\x");
			i += 2 + k;
			break;
		case '0': case '1': case '2': case '3':
		case '4': case '5': case '6': case '7':
			v = 0;
			for (k = 0; k < 3 && i + 1 + k < end &&
			     s[i + 1 + k] >= '0' && s[i + 1 + k] <= '7'; k++)
				v = v * 8 + (s[i + 1 + k] - '0');
			if (v > 0xff)
				return ng_perr(err, EINVAL, i,
					       "octal escape above \\377");
			i += 1 + k;
			break;
		default:
			return ng_perr(err, EINVAL, i,
				       "expected one of \\t \\n \\r \\v \\f \\\" \\\\ \\ooo \\xHH");
		}
		out[n++] = (u8)v;
	}
	return n;
}

/* Read a quoted string at *off into a new buffer (NUL added). */
static int ng_get_string(const char *s, int *off, u8 **out, int *outlen,
			 struct ng_parse_err *err)
{
	int len, n;
	enum ng_tok t = ng_token(s, off, &len);

	if (t == T_BADSTRING)
		return ng_perr(err, EINVAL, *off, "unterminated string");
	if (t != T_STRING)
		return ng_perr(err, EINVAL, *off, "expected a quoted string");
	*out = kmalloc(len + 1, GFP_KERNEL);
	if (!*out)
		return -ENOMEM;
	n = ng_decode_string(s, *off, len, *out, err);
	if (n < 0) {
		kfree(*out);
		return n;
	}
	(*out)[n] = '\0';
	*outlen = n;
	*off += len;
	return 0;
}

/* Print len bytes as a quoted, C-escaped string. */
static int ng_encode_string(const u8 *p, int len, char *cbuf, int *pos,
			    int cbuflen)
{
	int i, r = ng_out(cbuf, pos, cbuflen, "\"");

	for (i = 0; !r && i < len; i++) {
		u8 c = p[i];

		switch (c) {
		case '\t': r = ng_out(cbuf, pos, cbuflen, "\\t"); break;
		case '\n': r = ng_out(cbuf, pos, cbuflen, "\\n"); break;
		case '\r': r = ng_out(cbuf, pos, cbuflen, "\\r"); break;
		case '\v': r = ng_out(cbuf, pos, cbuflen, "\\v"); break;
		case '\f': r = ng_out(cbuf, pos, cbuflen, "\\f"); break;
		case '"': r = ng_out(cbuf, pos, cbuflen, "\\\""); break;
		case '\\': r = ng_out(cbuf, pos, cbuflen, "\\\\"); break;
		default:
			if (c >= 0x20 && c < 0x7f)
				r = ng_out(cbuf, pos, cbuflen, "%c", c);
			else
				r = ng_out(cbuf, pos, cbuflen, "\\x%02x", c);
		}
	}
	return r ? r : ng_out(cbuf, pos, cbuflen, "\"");
}

/*
 * An integer word (strtol base 0: decimal, 0x hex, leading 0 octal, an
 * optional sign) at s + off, len bytes, within [min, max] where max is
 * unsigned.  The value is returned in two's complement.
 */
static int ng_word_to_int(const char *s, int off, int len, s64 min, u64 max,
			  u64 *val, struct ng_parse_err *err)
{
	int i = off, end = off + len, neg = 0, base = 10, d, any = 0;
	u64 v = 0, limit;

	if (i < end && (s[i] == '-' || s[i] == '+'))
		neg = s[i++] == '-';
	if (i + 1 < end && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X')) {
		base = 16;
		i += 2;
	} else if (i < end && s[i] == '0') {
		base = 8;
	}
	limit = neg ? (u64)0 - (u64)min : max;
	for (; i < end; i++, any = 1) {
		d = ng_hexval(s[i]);
		if (d < 0 || d >= base)
			return ng_perr(err, EINVAL, off, "expected an integer");
		if ((u64)d > limit || v > (limit - d) / base)
			goto range;
		v = v * base + d;
	}
	if (!any)
		return ng_perr(err, EINVAL, off, "expected an integer");
	*val = neg ? (u64)0 - v : v;
	return 0;
range:
	return ng_perr(err, ERANGE, off, "integer out of range %lld..%llu",
		       (long long)min, (unsigned long long)max);
}

static int ng_need(int have, int need, struct ng_parse_err *err, int off)
{
	if (have < need)
		return ng_perr(err, ERANGE, off,
			       "binary output buffer too small");
	return 0;
}

static int ng_have(int off, int datalen, int need, struct ng_parse_err *err)
{
	if (off < 0 || need < 0 || datalen - off < need)
		return ng_perr(err, EINVAL, 0,
			       "binary data too short (%d bytes at %d, %d left)",
			       need, off, datalen - off);
	return 0;
}

/* ---------------------------------------------------- method lookup */

static ng_parse_t *ng_m_parse(const struct ng_parse_type *t)
{
	for (; t && !t->parse; t = t->supertype)
		;
	return t ? t->parse : NULL;
}

static ng_unparse_t *ng_m_unparse(const struct ng_parse_type *t)
{
	for (; t && !t->unparse; t = t->supertype)
		;
	return t ? t->unparse : NULL;
}

static ng_getDefault_t *ng_m_default(const struct ng_parse_type *t)
{
	for (; t && !t->getDefault; t = t->supertype)
		;
	return t ? t->getDefault : NULL;
}

static const void *ng_info(const struct ng_parse_type *t)
{
	for (; t && !t->info; t = t->supertype)
		;
	return t ? t->info : NULL;
}

int ng_parse_getAlign(const struct ng_parse_type *type)
{
	const struct ng_parse_type *t = type;

	for (; t && !t->getAlign; t = t->supertype)
		;
	return t ? t->getAlign(type) : 1;
}
EXPORT_SYMBOL_GPL(ng_parse_getAlign);

static int ng_do_parse(const struct ng_parse_type *type, const char *s,
		       int *off, const u8 *start, u8 *buf, int *buflen,
		       struct ng_parse_err *err)
{
	ng_parse_t *fn = ng_m_parse(type);

	if (!fn)
		return ng_perr(err, EOPNOTSUPP, *off, "type cannot be parsed");
	return fn(type, s, off, start, buf, buflen, err);
}

static int ng_do_unparse(const struct ng_parse_type *type, const u8 *data,
			 int *off, int datalen, char *cbuf, int *pos,
			 int cbuflen, struct ng_parse_err *err)
{
	ng_unparse_t *fn = ng_m_unparse(type);

	if (!fn)
		return ng_perr(err, EOPNOTSUPP, 0, "type cannot be printed");
	return fn(type, data, off, datalen, cbuf, pos, cbuflen, err);
}

static int ng_do_default(const struct ng_parse_type *type, const u8 *start,
			 const u8 *ctx, u8 *buf, int *buflen,
			 struct ng_parse_err *err)
{
	ng_getDefault_t *fn = ng_m_default(type);

	if (!fn)
		return ng_perr(err, EOPNOTSUPP, 0, "type has no default");
	return fn(type, start, ctx, buf, buflen, err);
}

/* --------------------------------------------------------- integers */

struct ng_int_info {
	int	size;
	int	align;
	char	fmt;		/* 'd' signed, 'u' unsigned, 'x' hex */
};

static int ng_int_parse(const struct ng_parse_type *type, const char *s,
			int *off, const u8 *start, u8 *buf, int *buflen,
			struct ng_parse_err *err)
{
	const struct ng_int_info *ii = ng_info(type);
	s64 min = ii->size == 8 ? (s64)((u64)1 << 63) :
			-((s64)1 << (ii->size * 8 - 1));
	u64 max = ii->size == 8 ? ~(u64)0 : ((u64)1 << (ii->size * 8)) - 1;
	u64 v;
	int len, r;
	u8 b1; u16 b2; u32 b4;

	if (ng_token(s, off, &len) != T_WORD)
		return ng_perr(err, EINVAL, *off, "expected an integer");
	r = ng_word_to_int(s, *off, len, min, max, &v, err);
	if (r)
		return r;
	r = ng_need(*buflen, ii->size, err, *off);
	if (r)
		return r;
	switch (ii->size) {
	case 1: b1 = (u8)v; memcpy(buf, &b1, 1); break;
	case 2: b2 = (u16)v; memcpy(buf, &b2, 2); break;
	case 4: b4 = (u32)v; memcpy(buf, &b4, 4); break;
	default: memcpy(buf, &v, 8); break;
	}
	*buflen = ii->size;
	*off += len;
	return 0;
}

static int ng_int_unparse(const struct ng_parse_type *type, const u8 *data,
			  int *off, int datalen, char *cbuf, int *pos,
			  int cbuflen, struct ng_parse_err *err)
{
	const struct ng_int_info *ii = ng_info(type);
	u64 u; s64 v;
	u8 b1; u16 b2; u32 b4;
	int r = ng_have(*off, datalen, ii->size, err);

	if (r)
		return r;
	switch (ii->size) {
	case 1: memcpy(&b1, data + *off, 1); u = b1; v = (s8)b1; break;
	case 2: memcpy(&b2, data + *off, 2); u = b2; v = (s16)b2; break;
	case 4: memcpy(&b4, data + *off, 4); u = b4; v = (s32)b4; break;
	default: memcpy(&u, data + *off, 8); v = (s64)u; break;
	}
	if (ii->fmt == 'd')
		r = ng_out(cbuf, pos, cbuflen, "%lld", (long long)v);
	else if (ii->fmt == 'u')
		r = ng_out(cbuf, pos, cbuflen, "%llu", (unsigned long long)u);
	else
		r = ng_out(cbuf, pos, cbuflen, "0x%llx", (unsigned long long)u);
	if (r)
		return ng_outerr(err, r);
	*off += ii->size;
	return 0;
}

static int ng_zero_default(int size, u8 *buf, int *buflen,
			   struct ng_parse_err *err)
{
	int r = ng_need(*buflen, size, err, 0);

	if (r)
		return r;
	memset(buf, 0, size);
	*buflen = size;
	return 0;
}

static int ng_int_default(const struct ng_parse_type *type, const u8 *start,
			  const u8 *ctx, u8 *buf, int *buflen,
			  struct ng_parse_err *err)
{
	const struct ng_int_info *ii = ng_info(type);

	return ng_zero_default(ii->size, buf, buflen, err);
}

static int ng_int_align(const struct ng_parse_type *type)
{
	const struct ng_int_info *ii = ng_info(type);

	return ii->align;
}

/* The alignment of a type inside a structure (u64 is 4 on i386). */
struct ng_al_s8 { char c; s8 x; };
struct ng_al_u8 { char c; u8 x; };
struct ng_al_s16 { char c; s16 x; };
struct ng_al_u16 { char c; u16 x; };
struct ng_al_s32 { char c; s32 x; };
struct ng_al_u32 { char c; u32 x; };
struct ng_al_s64 { char c; s64 x; };
struct ng_al_u64 { char c; u64 x; };
#define NG_ALIGNOF(t)	((int)offsetof(struct ng_al_##t, x))

#define NG_INT_TYPE(name, ctype, f)					\
	static const struct ng_int_info ng_##name##_info = {		\
		sizeof(ctype), NG_ALIGNOF(ctype), f };			\
	const struct ng_parse_type ng_parse_##name##_type = {		\
		.info = &ng_##name##_info,				\
		.parse = ng_int_parse,					\
		.unparse = ng_int_unparse,				\
		.getDefault = ng_int_default,				\
		.getAlign = ng_int_align,				\
	};								\
	EXPORT_SYMBOL_GPL(ng_parse_##name##_type)

NG_INT_TYPE(int8, s8, 'd');
NG_INT_TYPE(uint8, u8, 'u');
NG_INT_TYPE(hint8, u8, 'x');
NG_INT_TYPE(int16, s16, 'd');
NG_INT_TYPE(uint16, u16, 'u');
NG_INT_TYPE(hint16, u16, 'x');
NG_INT_TYPE(int32, s32, 'd');
NG_INT_TYPE(uint32, u32, 'u');
NG_INT_TYPE(hint32, u32, 'x');
NG_INT_TYPE(int64, s64, 'd');
NG_INT_TYPE(uint64, u64, 'u');
NG_INT_TYPE(hint64, u64, 'x');

static int ng_align1(const struct ng_parse_type *type)
{
	return 1;
}

/* ---------------------------------------------------------- strings */

static int ng_string_parse(const struct ng_parse_type *type, const char *s,
			   int *off, const u8 *start, u8 *buf, int *buflen,
			   struct ng_parse_err *err)
{
	const struct ng_parse_fixedstring_info *fi = ng_info(type);
	int at, n, r, size;
	u8 *str;

	ng_skipws(s, off);
	at = *off;
	r = ng_get_string(s, &at, &str, &n, err);
	if (r)
		return r;
	if (memchr(str, '\0', n)) {
		r = ng_perr(err, EINVAL, *off, "a string without \\0 inside");
		goto out;
	}
	size = n + 1;
	if (fi) {
		if (n + 1 > fi->bufSize) {
			r = ng_perr(err, E2BIG, *off,
				    "a string of at most %d bytes",
				    fi->bufSize - 1);
			goto out;
		}
		size = fi->bufSize;
	}
	r = ng_need(*buflen, size, err, *off);
	if (r)
		goto out;
	memset(buf, 0, size);
	memcpy(buf, str, n);
	*buflen = size;
	*off = at;
out:
	kfree(str);
	return r;
}

static int ng_string_unparse(const struct ng_parse_type *type,
			     const u8 *data, int *off, int datalen,
			     char *cbuf, int *pos, int cbuflen,
			     struct ng_parse_err *err)
{
	const struct ng_parse_fixedstring_info *fi = ng_info(type);
	int room = datalen - *off, n, r;
	const u8 *nul;

	if (fi) {
		r = ng_have(*off, datalen, fi->bufSize, err);
		if (r)
			return r;
		room = fi->bufSize;
	}
	if (room <= 0 || !(nul = memchr(data + *off, '\0', room)))
		return ng_perr(err, EINVAL, 0,
			       "binary string without its NUL at %d", *off);
	n = nul - (data + *off);
	r = ng_encode_string(data + *off, n, cbuf, pos, cbuflen);
	if (r)
		return ng_outerr(err, r);
	*off += fi ? fi->bufSize : n + 1;
	return 0;
}

static int ng_string_default(const struct ng_parse_type *type,
			     const u8 *start, const u8 *ctx, u8 *buf,
			     int *buflen, struct ng_parse_err *err)
{
	const struct ng_parse_fixedstring_info *fi = ng_info(type);

	return ng_zero_default(fi ? fi->bufSize : 1, buf, buflen, err);
}

const struct ng_parse_type ng_parse_string_type = {
	.parse = ng_string_parse,
	.unparse = ng_string_unparse,
	.getDefault = ng_string_default,
	.getAlign = ng_align1,
};
EXPORT_SYMBOL_GPL(ng_parse_string_type);

/* A fixedstring type needs an info; the bare type only names the methods. */
const struct ng_parse_type ng_parse_fixedstring_type = {
	.parse = ng_string_parse,
	.unparse = ng_string_unparse,
	.getDefault = ng_string_default,
	.getAlign = ng_align1,
};
EXPORT_SYMBOL_GPL(ng_parse_fixedstring_type);

#define NG_STRBUF_TYPE(name, size)					\
	static const struct ng_parse_fixedstring_info ng_##name##_info = { \
		.bufSize = (size) };					\
	const struct ng_parse_type ng_parse_##name##_type = {		\
		.supertype = &ng_parse_fixedstring_type,		\
		.info = &ng_##name##_info,				\
	};								\
	EXPORT_SYMBOL_GPL(ng_parse_##name##_type)

NG_STRBUF_TYPE(nodebuf, 32);
NG_STRBUF_TYPE(hookbuf, 32);
NG_STRBUF_TYPE(pathbuf, 512);
NG_STRBUF_TYPE(typebuf, 32);
NG_STRBUF_TYPE(cmdbuf, 32);

/* Sized strings: a u16 length, then that many bytes (any value). */
static int ng_sizedstring_parse(const struct ng_parse_type *type,
				const char *s, int *off, const u8 *start,
				u8 *buf, int *buflen,
				struct ng_parse_err *err)
{
	int at, n, r;
	u16 len;
	u8 *str;

	ng_skipws(s, off);
	at = *off;
	r = ng_get_string(s, &at, &str, &n, err);
	if (r)
		return r;
	if (n > 0xffff) {
		r = ng_perr(err, E2BIG, *off, "a string of at most 65535 bytes");
		goto out;
	}
	r = ng_need(*buflen, 2 + n, err, *off);
	if (r)
		goto out;
	len = (u16)n;
	memcpy(buf, &len, 2);
	memcpy(buf + 2, str, n);
	*buflen = 2 + n;
	*off = at;
out:
	kfree(str);
	return r;
}

static int ng_sizedstring_unparse(const struct ng_parse_type *type,
				  const u8 *data, int *off, int datalen,
				  char *cbuf, int *pos, int cbuflen,
				  struct ng_parse_err *err)
{
	u16 len;
	int r = ng_have(*off, datalen, 2, err);

	if (r)
		return r;
	memcpy(&len, data + *off, 2);
	r = ng_have(*off + 2, datalen, len, err);
	if (r)
		return r;
	r = ng_encode_string(data + *off + 2, len, cbuf, pos, cbuflen);
	if (r)
		return ng_outerr(err, r);
	*off += 2 + len;
	return 0;
}

static int ng_sizedstring_default(const struct ng_parse_type *type,
				  const u8 *start, const u8 *ctx, u8 *buf,
				  int *buflen, struct ng_parse_err *err)
{
	return ng_zero_default(2, buf, buflen, err);
}

static int ng_align2(const struct ng_parse_type *type)
{
	return NG_ALIGNOF(u16);
}

const struct ng_parse_type ng_parse_sizedstring_type = {
	.parse = ng_sizedstring_parse,
	.unparse = ng_sizedstring_unparse,
	.getDefault = ng_sizedstring_default,
	.getAlign = ng_align2,
};
EXPORT_SYMBOL_GPL(ng_parse_sizedstring_type);

/* -------------------------------------------------------- addresses */

static int ng_ipaddr_parse(const struct ng_parse_type *type, const char *s,
			   int *off, const u8 *start, u8 *buf, int *buflen,
			   struct ng_parse_err *err)
{
	int len, i, p, e, r;
	u8 a[4];
	u64 v;

	if (ng_token(s, off, &len) != T_WORD)
		return ng_perr(err, EINVAL, *off, "expected an IPv4 address");
	for (i = 0, p = *off; i < 4; i++, p = e + 1) {
		for (e = p; e < *off + len && s[e] != '.'; e++)
			;
		if ((i < 3) != (e < *off + len))
			return ng_perr(err, EINVAL, *off,
				       "expected an IPv4 address a.b.c.d");
		r = ng_word_to_int(s, p, e - p, 0, 255, &v, err);
		if (r)
			return r;
		a[i] = (u8)v;
	}
	r = ng_need(*buflen, 4, err, *off);
	if (r)
		return r;
	memcpy(buf, a, 4);
	*buflen = 4;
	*off += len;
	return 0;
}

static int ng_ipaddr_unparse(const struct ng_parse_type *type,
			     const u8 *data, int *off, int datalen,
			     char *cbuf, int *pos, int cbuflen,
			     struct ng_parse_err *err)
{
	const u8 *a = data + *off;
	int r = ng_have(*off, datalen, 4, err);

	if (r)
		return r;
	r = ng_out(cbuf, pos, cbuflen, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
	if (r)
		return ng_outerr(err, r);
	*off += 4;
	return 0;
}

static int ng_ipaddr_default(const struct ng_parse_type *type,
			     const u8 *start, const u8 *ctx, u8 *buf,
			     int *buflen, struct ng_parse_err *err)
{
	return ng_zero_default(4, buf, buflen, err);
}

static int ng_align4(const struct ng_parse_type *type)
{
	return NG_ALIGNOF(u32);
}

const struct ng_parse_type ng_parse_ipaddr_type = {
	.parse = ng_ipaddr_parse,
	.unparse = ng_ipaddr_unparse,
	.getDefault = ng_ipaddr_default,
	.getAlign = ng_align4,
};
EXPORT_SYMBOL_GPL(ng_parse_ipaddr_type);

static int ng_enaddr_parse(const struct ng_parse_type *type, const char *s,
			   int *off, const u8 *start, u8 *buf, int *buflen,
			   struct ng_parse_err *err)
{
	int len, i, p, k, r, end;
	u8 a[6];

	if (ng_token(s, off, &len) != T_WORD)
		return ng_perr(err, EINVAL, *off,
			       "expected an Ethernet address");
	end = *off + len;
	for (i = 0, p = *off; i < 6; i++) {
		int v = 0;

		for (k = 0; k < 2 && p < end && ng_hexval(s[p]) >= 0; k++, p++)
			v = v * 16 + ng_hexval(s[p]);
		if (k == 0 || (i < 5 && (p >= end || s[p] != ':')))
			return ng_perr(err, EINVAL, *off,
				       "expected an Ethernet address xx:xx:xx:xx:xx:xx");
		a[i] = (u8)v;
		if (i < 5)
			p++;
	}
	if (p != end)
		return ng_perr(err, EINVAL, *off,
			       "expected an Ethernet address xx:xx:xx:xx:xx:xx");
	r = ng_need(*buflen, 6, err, *off);
	if (r)
		return r;
	memcpy(buf, a, 6);
	*buflen = 6;
	*off += len;
	return 0;
}

static int ng_enaddr_unparse(const struct ng_parse_type *type,
			     const u8 *data, int *off, int datalen,
			     char *cbuf, int *pos, int cbuflen,
			     struct ng_parse_err *err)
{
	const u8 *a = data + *off;
	int r = ng_have(*off, datalen, 6, err);

	if (r)
		return r;
	r = ng_out(cbuf, pos, cbuflen, "%02x:%02x:%02x:%02x:%02x:%02x",
		   a[0], a[1], a[2], a[3], a[4], a[5]);
	if (r)
		return ng_outerr(err, r);
	*off += 6;
	return 0;
}

static int ng_enaddr_default(const struct ng_parse_type *type,
			     const u8 *start, const u8 *ctx, u8 *buf,
			     int *buflen, struct ng_parse_err *err)
{
	return ng_zero_default(6, buf, buflen, err);
}

const struct ng_parse_type ng_parse_enaddr_type = {
	.parse = ng_enaddr_parse,
	.unparse = ng_enaddr_unparse,
	.getDefault = ng_enaddr_default,
	.getAlign = ng_align1,
};
EXPORT_SYMBOL_GPL(ng_parse_enaddr_type);

/* IPv6: RFC 4291 text forms in, RFC 5952 canonical form out. */
static int ng_ip6_word(const char *s, int off, int len, u8 *a,
		       struct ng_parse_err *err)
{
	u16 g[8];
	int n = 0, dc = -1, i = off, end = off + len, k, v, j;

	if (len >= 2 && s[i] == ':' && s[i + 1] == ':') {
		dc = 0;
		i += 2;
	}
	while (i < end) {
		int gs = i;

		for (v = 0, k = 0; k < 4 && i < end && ng_hexval(s[i]) >= 0;
		     k++, i++)
			v = v * 16 + ng_hexval(s[i]);
		if (k == 0)
			goto bad;
		if (i < end && s[i] == '.') {
			u64 b;
			int p = gs, e, q;

			if (n > 6)
				goto bad;
			for (q = 0; q < 4; q++, p = e + 1) {
				for (e = p; e < end && s[e] != '.'; e++)
					;
				if ((q < 3) != (e < end) || e == p)
					goto bad;
				for (j = p; j < e; j++)
					if (s[j] < '0' || s[j] > '9')
						goto bad;
				if (ng_word_to_int(s, p, e - p, 0, 255, &b,
						   NULL))
					goto bad;
				if (q % 2 == 0)
					g[n] = (u16)(b << 8);
				else
					g[n++] |= (u16)b;
			}
			i = end;
			break;
		}
		if (n >= 8)
			goto bad;
		g[n++] = (u16)v;
		if (i == end)
			break;
		if (s[i] != ':')
			goto bad;
		if (i + 1 < end && s[i + 1] == ':') {
			if (dc >= 0)
				goto bad;
			dc = n;
			i += 2;
			continue;
		}
		i++;
		if (i == end)
			goto bad;
	}
	if (dc < 0 ? n != 8 : n > 7)
		goto bad;
	memset(a, 0, 16);
	for (j = 0; j < n; j++) {
		int at = (dc >= 0 && j >= dc) ? j + 8 - n : j;

		a[2 * at] = g[j] >> 8;
		a[2 * at + 1] = g[j] & 0xff;
	}
	return 0;
bad:
	return ng_perr(err, EINVAL, off, "expected an IPv6 address");
}

static int ng_ip6addr_parse(const struct ng_parse_type *type, const char *s,
			    int *off, const u8 *start, u8 *buf, int *buflen,
			    struct ng_parse_err *err)
{
	int len, r;
	u8 a[16];

	if (ng_token(s, off, &len) != T_WORD)
		return ng_perr(err, EINVAL, *off, "expected an IPv6 address");
	r = ng_ip6_word(s, *off, len, a, err);
	if (r)
		return r;
	r = ng_need(*buflen, 16, err, *off);
	if (r)
		return r;
	memcpy(buf, a, 16);
	*buflen = 16;
	*off += len;
	return 0;
}

static int ng_ip6addr_unparse(const struct ng_parse_type *type,
			      const u8 *data, int *off, int datalen,
			      char *cbuf, int *pos, int cbuflen,
			      struct ng_parse_err *err)
{
	const u8 *a = data + *off;
	int best = -1, bestlen = 1, i, j, r = ng_have(*off, datalen, 16, err);
	u16 g[8];

	if (r)
		return r;
	for (i = 0; i < 8; i++)
		g[i] = (u16)(a[2 * i] << 8 | a[2 * i + 1]);
	for (i = 0; i < 8; i = j + 1) {
		for (j = i; j < 8 && g[j] == 0; j++)
			;
		if (j - i > bestlen) {
			best = i;
			bestlen = j - i;
		}
	}
	for (i = 0; !r && i < 8; i++) {
		if (i == best) {
			r = ng_out(cbuf, pos, cbuflen, "::");
			i += bestlen - 1;
			continue;
		}
		if (i > 0 && i != best + bestlen)
			r = ng_out(cbuf, pos, cbuflen, ":");
		if (!r)
			r = ng_out(cbuf, pos, cbuflen, "%x", g[i]);
	}
	if (r)
		return ng_outerr(err, r);
	*off += 16;
	return 0;
}

static int ng_ip6addr_default(const struct ng_parse_type *type,
			      const u8 *start, const u8 *ctx, u8 *buf,
			      int *buflen, struct ng_parse_err *err)
{
	return ng_zero_default(16, buf, buflen, err);
}

const struct ng_parse_type ng_parse_ip6addr_type = {
	.parse = ng_ip6addr_parse,
	.unparse = ng_ip6addr_unparse,
	.getDefault = ng_ip6addr_default,
	.getAlign = ng_align4,
};
EXPORT_SYMBOL_GPL(ng_parse_ip6addr_type);

/* ------------------------------------------------- structs and arrays */

enum ng_ctype { CT_STRUCT, CT_FIXEDARRAY, CT_ARRAY };

static int ng_comp_count(const struct ng_parse_type *type, enum ng_ctype ct,
			 const u8 *start, const u8 *ctx, int off,
			 struct ng_parse_err *err)
{
	const struct ng_parse_struct_field *f;
	const struct ng_parse_fixedarray_info *fi;
	const struct ng_parse_array_info *ai;
	int n;

	switch (ct) {
	case CT_STRUCT:
		f = ng_info(type);
		for (n = 0; f && f[n].name; n++)
			;
		return n;
	case CT_FIXEDARRAY:
		fi = ng_info(type);
		n = fi ? fi->length : -1;
		break;
	default:
		ai = ng_info(type);
		n = ai && ai->getLength ? ai->getLength(type, start, ctx) : -1;
		break;
	}
	if (n < 0 || n > NG_PARSE_MAXELEMS)
		return ng_perr(err, EINVAL, off,
			       "array length %d out of range 0..%d", n,
			       NG_PARSE_MAXELEMS);
	return n;
}

static const struct ng_parse_type *ng_comp_etype(
	const struct ng_parse_type *type, enum ng_ctype ct, int i)
{
	const struct ng_parse_struct_field *f;
	const struct ng_parse_fixedarray_info *fi;
	const struct ng_parse_array_info *ai;

	switch (ct) {
	case CT_STRUCT:
		f = ng_info(type);
		return f[i].type;
	case CT_FIXEDARRAY:
		fi = ng_info(type);
		return fi->elementType;
	default:
		ai = ng_info(type);
		return ai->elementType ? ai->elementType : &ng_parse_hint8_type;
	}
}

static int ng_comp_ealign(const struct ng_parse_type *type, enum ng_ctype ct,
			  int i)
{
	const struct ng_parse_struct_field *f;
	int a;

	if (ct == CT_STRUCT) {
		f = ng_info(type);
		if (f[i].alignment > 0)
			return f[i].alignment;
	}
	a = ng_parse_getAlign(ng_comp_etype(type, ct, i));
	return a > 0 ? a : 1;
}

static int ng_comp_align(const struct ng_parse_type *type, enum ng_ctype ct)
{
	int n, i, a, max = 1;

	if (ct != CT_STRUCT)
		return ng_comp_ealign(type, ct, 0);
	n = ng_comp_count(type, ct, NULL, NULL, 0, NULL);
	for (i = 0; i < n; i++) {
		a = ng_comp_ealign(type, ct, i);
		if (a > max)
			max = a;
	}
	return max;
}

static int ng_comp_edefault(const struct ng_parse_type *type,
			    enum ng_ctype ct, int i, const u8 *start,
			    const u8 *ctx, u8 *buf, int *buflen,
			    struct ng_parse_err *err)
{
	ng_parse_array_getDefault_t *gd = NULL;

	if (ct == CT_FIXEDARRAY)
		gd = ((const struct ng_parse_fixedarray_info *)
		      ng_info(type))->getDefault;
	else if (ct == CT_ARRAY)
		gd = ((const struct ng_parse_array_info *)
		      ng_info(type))->getDefault;
	if (gd)
		return gd(type, i, start, buf, buflen);
	return ng_do_default(ng_comp_etype(type, ct, i), start, ctx, buf,
			     buflen, err);
}

static int ng_roundup(int v, int a)
{
	return (v + a - 1) / a * a;
}

/*
 * Lay out the num elements: those with an input offset in foff (offset
 * + 1, 0 for none) are parsed from s, the others get their default.
 */
static int ng_comp_fill(const struct ng_parse_type *type, enum ng_ctype ct,
			const char *s, const int *foff, const u8 *start,
			const u8 *ctx, u8 *buf, int *buflen, int num, int off,
			struct ng_parse_err *err)
{
	int blen = 0, i, r, nb, vlen, o;

	for (i = 0; i < num; i++) {
		nb = ng_roundup(blen, ng_comp_ealign(type, ct, i));
		r = ng_need(*buflen, nb, err, off);
		if (r)
			return r;
		memset(buf + blen, 0, nb - blen);
		blen = nb;
		vlen = *buflen - blen;
		if (foff && foff[i]) {
			o = foff[i] - 1;
			r = ng_do_parse(ng_comp_etype(type, ct, i), s, &o,
					start, buf + blen, &vlen, err);
		} else {
			r = ng_comp_edefault(type, ct, i, start, ctx + blen,
					     buf + blen, &vlen, err);
		}
		if (r)
			return r;
		blen += vlen;
	}
	if (ct == CT_STRUCT) {
		nb = ng_roundup(blen, ng_comp_align(type, ct));
		r = ng_need(*buflen, nb, err, off);
		if (r)
			return r;
		memset(buf + blen, 0, nb - blen);
		blen = nb;
	}
	*buflen = blen;
	return 0;
}

/* Skip one value (a word, a string, or a balanced {...} / [...]). */
static int ng_skip_value(const char *s, int *off, int *vstart,
			 struct ng_parse_err *err)
{
	int depth = 0, len, first = 1;
	enum ng_tok t;

	do {
		t = ng_token(s, off, &len);
		if (first)
			*vstart = *off;
		first = 0;
		switch (t) {
		case T_LBRACE:
		case T_LBRACKET:
			depth++;
			break;
		case T_RBRACE:
		case T_RBRACKET:
			if (depth == 0)
				return ng_perr(err, EINVAL, *off,
					       "expected a value");
			depth--;
			break;
		case T_EQUAL:
			if (depth == 0)
				return ng_perr(err, EINVAL, *off,
					       "expected a value");
			break;
		case T_EOF:
			return ng_perr(err, EINVAL, *off, depth ?
				       "unterminated '{' or '['" :
				       "expected a value");
		case T_BADSTRING:
			return ng_perr(err, EINVAL, *off,
				       "unterminated string");
		default:
			break;
		}
		*off += len;
	} while (depth > 0);
	return 0;
}

static int ng_comp_parse(const struct ng_parse_type *type, enum ng_ctype ct,
			 const char *s, int *off, const u8 *start, u8 *buf,
			 int *buflen, struct ng_parse_err *err)
{
	const struct ng_parse_struct_field *f = NULL;
	char open = ct == CT_STRUCT ? '{' : '[';
	char close = ct == CT_STRUCT ? '}' : ']';
	int num, *foff, len, len2, at, o2, i, next = 0, openat, vstart, r;
	enum ng_tok t;
	u64 v;

	t = ng_token(s, off, &len);
	if (t != (ct == CT_STRUCT ? T_LBRACE : T_LBRACKET))
		return ng_perr(err, EINVAL, *off, "expected '%c'", open);
	openat = *off;
	num = ng_comp_count(type, ct, start, buf, *off, err);
	if (num < 0)
		return num;
	if (ct == CT_STRUCT)
		f = ng_info(type);
	foff = kcalloc(num ? num : 1, sizeof(*foff), GFP_KERNEL);
	if (!foff)
		return -ENOMEM;
	*off += 1;
	for (;;) {
		t = ng_token(s, off, &len);
		at = *off;
		if (t == (ct == CT_STRUCT ? T_RBRACE : T_RBRACKET)) {
			*off += 1;
			break;
		}
		if (t == T_EOF) {
			r = ng_perr(err, EINVAL, at,
				    "expected '%c' to close the '%c' at %d",
				    close, open, openat);
			goto out;
		}
		if (t == T_BADSTRING) {
			r = ng_perr(err, EINVAL, at, "unterminated string");
			goto out;
		}
		if (ct == CT_STRUCT) {
			if (t != T_WORD) {
				r = ng_perr(err, EINVAL, at,
					    "expected a field name or '}'");
				goto out;
			}
			for (i = 0; i < num; i++)
				if ((int)strlen(f[i].name) == len &&
				    !memcmp(f[i].name, s + at, len))
					break;
			if (i == num) {
				r = ng_perr(err, ENOENT, at,
					    "a field name, not \"%.*s\"",
					    len > 32 ? 32 : len, s + at);
				goto out;
			}
			*off += len;
			if (ng_token(s, off, &len2) != T_EQUAL) {
				r = ng_perr(err, EINVAL, *off,
					    "expected '=' after \"%s\"",
					    f[i].name);
				goto out;
			}
			*off += 1;
		} else {
			o2 = at + len;
			if (t == T_WORD && ng_token(s, &o2, &len2) == T_EQUAL) {
				r = ng_word_to_int(s, at, len,
						   (s64)((u64)1 << 63),
						   ~(u64)0 >> 1, &v, err);
				if (r)
					goto out;
				if ((s64)v < 0 || v >= (u64)num) {
					r = ng_perr(err, E2BIG, at,
						    "an index below %d", num);
					goto out;
				}
				i = (int)v;
				*off = o2 + 1;
			} else {
				i = next;
				if (i >= num) {
					r = ng_perr(err, E2BIG, at,
						    "at most %d elements", num);
					goto out;
				}
			}
		}
		if (foff[i]) {
			if (ct == CT_STRUCT)
				r = ng_perr(err, EALREADY, at,
					    "field \"%s\" only once",
					    f[i].name);
			else
				r = ng_perr(err, EALREADY, at,
					    "element %d only once", i);
			goto out;
		}
		r = ng_skip_value(s, off, &vstart, err);
		if (r)
			goto out;
		foff[i] = vstart + 1;
		next = i + 1;
	}
	r = ng_comp_fill(type, ct, s, foff, start, buf, buf, buflen, num,
			 openat, err);
out:
	kfree(foff);
	return r;
}

static int ng_struct_unparse(const struct ng_parse_type *type,
			     const u8 *data, int *off, int datalen,
			     char *cbuf, int *pos, int cbuflen,
			     struct ng_parse_err *err);
static int ng_fixedarray_unparse(const struct ng_parse_type *type,
				 const u8 *data, int *off, int datalen,
				 char *cbuf, int *pos, int cbuflen,
				 struct ng_parse_err *err);
static int ng_array_unparse(const struct ng_parse_type *type,
			    const u8 *data, int *off, int datalen,
			    char *cbuf, int *pos, int cbuflen,
			    struct ng_parse_err *err);

/*
 * Is element @i (@esize bytes at data + @o, printed as @txt, @tlen bytes)
 * its default?  Decided on what is printed, so
 * that bytes the text cannot show (after a fixed string's NUL, padding
 * inside a nested structure) never make a value print that parses back to
 * its default: the output stays canonical.  A composite is its default
 * when nothing inside it printed; any other value when its text is the
 * default's.  Returns 1, 0, or -ENOMEM.
 */
static int ng_comp_eisdef(const struct ng_parse_type *type, enum ng_ctype ct,
			  int i, const u8 *data, int o, int esize,
			  const char *txt, int tlen)
{
	const struct ng_parse_type *etype = ng_comp_etype(type, ct, i);
	ng_unparse_t *fn = ng_m_unparse(etype);
	int dlen = esize, dpos = 0, doff = 0, isdef;
	char *dtxt;
	u8 *tmp;

	if (fn == ng_struct_unparse || fn == ng_fixedarray_unparse ||
	    fn == ng_array_unparse)
		return tlen == 2 && (!memcmp(txt, "{}", 2) ||
				     !memcmp(txt, "[]", 2));
	tmp = kmalloc(esize ? esize : 1, GFP_KERNEL);
	if (!tmp)
		return -ENOMEM;
	if (ng_comp_edefault(type, ct, i, data, data + o, tmp, &dlen, NULL)) {
		kfree(tmp);
		return 0;
	}
	isdef = dlen == esize && !memcmp(tmp, data + o, esize);
	if (!isdef) {
		dtxt = kmalloc(tlen + 1, GFP_KERNEL);
		if (!dtxt) {
			kfree(tmp);
			return -ENOMEM;
		}
		isdef = !ng_do_unparse(etype, tmp, &doff, dlen, dtxt, &dpos,
				       tlen + 1, NULL) &&
			dpos == tlen && !memcmp(dtxt, txt, tlen);
		kfree(dtxt);
	}
	kfree(tmp);
	return isdef;
}

static int ng_comp_unparse(const struct ng_parse_type *type,
			   enum ng_ctype ct, const u8 *data, int *off,
			   int datalen, char *cbuf, int *pos, int cbuflen,
			   struct ng_parse_err *err)
{
	const struct ng_parse_struct_field *f = ng_info(type);
	int base = *off, o = *off, eo, num, i, r, next = 0, printed = 0;
	int save, vstart, esize, isdef;

	r = ng_have(*off, datalen, 0, err);
	if (r)
		return r;
	num = ng_comp_count(type, ct, data, data + *off, 0, err);
	if (num < 0)
		return num;
	r = ng_out(cbuf, pos, cbuflen, ct == CT_STRUCT ? "{" : "[");
	if (r)
		return ng_outerr(err, r);
	for (i = 0; i < num; i++) {
		o = base + ng_roundup(o - base, ng_comp_ealign(type, ct, i));
		r = ng_have(o, datalen, 0, err);
		if (r)
			return r;
		save = *pos;
		if (ct == CT_STRUCT)
			r = ng_out(cbuf, pos, cbuflen, " %s=", f[i].name);
		else if (i != next)
			r = ng_out(cbuf, pos, cbuflen, " %d=", i);
		else
			r = ng_out(cbuf, pos, cbuflen, " ");
		if (r)
			return ng_outerr(err, r);
		eo = o;
		vstart = *pos;
		r = ng_do_unparse(ng_comp_etype(type, ct, i), data, &eo,
				  datalen, cbuf, pos, cbuflen, err);
		if (r)
			return r;
		esize = eo - o;
		isdef = ng_comp_eisdef(type, ct, i, data, o, esize,
				       cbuf + vstart, *pos - vstart);
		if (isdef < 0)
			return isdef;
		if (isdef) {
			*pos = save;
			cbuf[save] = '\0';
		} else {
			printed = 1;
			next = i + 1;
		}
		o = eo;
	}
	/*
	 * Trailing padding is used when present: a structure ending in a
	 * variable array may come without it (C's flexible array member).
	 */
	if (ct == CT_STRUCT) {
		o = base + ng_roundup(o - base, ng_comp_align(type, ct));
		if (o > datalen)
			o = datalen;
	}
	r = ng_out(cbuf, pos, cbuflen, ct == CT_STRUCT ?
		   (printed ? " }" : "}") : (printed ? " ]" : "]"));
	if (r)
		return ng_outerr(err, r);
	*off = o;
	return 0;
}

static int ng_comp_default(const struct ng_parse_type *type,
			   enum ng_ctype ct, const u8 *start, const u8 *ctx,
			   u8 *buf, int *buflen, struct ng_parse_err *err)
{
	int num = ng_comp_count(type, ct, start, ctx, 0, err);

	if (num < 0)
		return num;
	return ng_comp_fill(type, ct, NULL, NULL, start, ctx, buf, buflen,
			    num, 0, err);
}

#define NG_COMP_TYPE(name, ct)						\
static int ng_##name##_parse(const struct ng_parse_type *type,		\
			     const char *s, int *off, const u8 *start,	\
			     u8 *buf, int *buflen,			\
			     struct ng_parse_err *err)			\
{									\
	return ng_comp_parse(type, ct, s, off, start, buf, buflen, err); \
}									\
static int ng_##name##_unparse(const struct ng_parse_type *type,	\
			       const u8 *data, int *off, int datalen,	\
			       char *cbuf, int *pos, int cbuflen,	\
			       struct ng_parse_err *err)		\
{									\
	return ng_comp_unparse(type, ct, data, off, datalen, cbuf, pos,	\
			       cbuflen, err);				\
}									\
static int ng_##name##_default(const struct ng_parse_type *type,	\
			       const u8 *start, const u8 *ctx, u8 *buf,	\
			       int *buflen, struct ng_parse_err *err)	\
{									\
	return ng_comp_default(type, ct, start, ctx, buf, buflen, err);	\
}									\
static int ng_##name##_align(const struct ng_parse_type *type)		\
{									\
	return ng_comp_align(type, ct);					\
}

NG_COMP_TYPE(struct, CT_STRUCT)
NG_COMP_TYPE(fixedarray, CT_FIXEDARRAY)
NG_COMP_TYPE(array, CT_ARRAY)

const struct ng_parse_type ng_parse_struct_type = {
	.parse = ng_struct_parse,
	.unparse = ng_struct_unparse,
	.getDefault = ng_struct_default,
	.getAlign = ng_struct_align,
};
EXPORT_SYMBOL_GPL(ng_parse_struct_type);

const struct ng_parse_type ng_parse_fixedarray_type = {
	.parse = ng_fixedarray_parse,
	.unparse = ng_fixedarray_unparse,
	.getDefault = ng_fixedarray_default,
	.getAlign = ng_fixedarray_align,
};
EXPORT_SYMBOL_GPL(ng_parse_fixedarray_type);

const struct ng_parse_type ng_parse_array_type = {
	.parse = ng_array_parse,
	.unparse = ng_array_unparse,
	.getDefault = ng_array_default,
	.getAlign = ng_array_align,
};
EXPORT_SYMBOL_GPL(ng_parse_array_type);

/* Byte arrays: an array of hex bytes, or a string zero-filled. */
static int ng_bytearray_parse(const struct ng_parse_type *type,
			      const char *s, int *off, const u8 *start,
			      u8 *buf, int *buflen, struct ng_parse_err *err)
{
	int at, len, n, num, r;
	u8 *str;

	ng_skipws(s, off);
	at = *off;
	if (ng_token(s, &at, &len) != T_STRING)
		return ng_comp_parse(type, CT_ARRAY, s, off, start, buf,
				     buflen, err);
	num = ng_comp_count(type, CT_ARRAY, start, buf, at, err);
	if (num < 0)
		return num;
	at = *off;
	r = ng_get_string(s, &at, &str, &n, err);
	if (r)
		return r;
	if (n > num) {
		r = ng_perr(err, E2BIG, *off, "at most %d bytes", num);
		goto out;
	}
	r = ng_need(*buflen, num, err, *off);
	if (r)
		goto out;
	memset(buf, 0, num);
	memcpy(buf, str, n);
	*buflen = num;
	*off = at;
out:
	kfree(str);
	return r;
}

const struct ng_parse_type ng_parse_bytearray_type = {
	.parse = ng_bytearray_parse,
	.unparse = ng_array_unparse,
	.getDefault = ng_array_default,
	.getAlign = ng_array_align,
};
EXPORT_SYMBOL_GPL(ng_parse_bytearray_type);

/* ------------------------------------------------------------ ng_mesg */

/*
 * A whole struct ng_mesg: its header's fields, then header.arglen bytes of
 * data (the generic ascii2binary and binary2ascii messages carry one).  The
 * data's length comes from arglen (fields are filled in declaration order,
 * so arglen may be written after data); an arglen beyond
 * NG_PARSE_MAXELEMS is refused like any array length.
 */
static int ng_mesg_getLength(const struct ng_parse_type *type,
			     const u8 *start, const u8 *buf)
{
	const u8 *hdr = buf - offsetof(struct ng_mesg, data);
	u32 arglen;

	/* binary data to print need not be aligned */
	memcpy(&arglen, hdr + offsetof(struct ng_mesg, header.arglen),
	       sizeof(arglen));
	return arglen > NG_PARSE_MAXELEMS ? -1 : (int)arglen;
}

static const struct ng_parse_array_info ng_mesg_data_info = {
	.getLength = ng_mesg_getLength,
};

static const struct ng_parse_type ng_mesg_data_type = {
	.supertype = &ng_parse_bytearray_type,
	.info = &ng_mesg_data_info,
};

static const struct ng_parse_struct_field ng_mesg_fields[] = {
	{ "version",	&ng_parse_uint8_type, 0 },
	{ "spare",	&ng_parse_uint8_type, 0 },
	{ "spare2",	&ng_parse_uint16_type, 0 },
	{ "arglen",	&ng_parse_uint32_type, 0 },
	{ "cmd",	&ng_parse_uint32_type, 0 },
	{ "flags",	&ng_parse_hint32_type, 0 },
	{ "token",	&ng_parse_uint32_type, 0 },
	{ "typecookie",	&ng_parse_uint32_type, 0 },
	{ "cmdstr",	&ng_parse_cmdbuf_type, 0 },
	{ "data",	&ng_mesg_data_type, 0 },
	{ NULL, NULL, 0 }
};

const struct ng_parse_type ng_parse_ng_mesg_type = {
	.supertype = &ng_parse_struct_type,
	.info = ng_mesg_fields,
};
EXPORT_SYMBOL_GPL(ng_parse_ng_mesg_type);

/* ------------------------------------------------------ entry points */

int ng_parse(const struct ng_parse_type *type, const char *string,
	     u8 *buf, int *buflen, struct ng_parse_err *err)
{
	int off = 0, len, r;

	if (err)
		memset(err, 0, sizeof(*err));
	if (!type || !string || !buf || !buflen || *buflen < 0)
		return ng_perr(err, EINVAL, 0, "bad arguments");
	memset(buf, 0, *buflen);
	r = ng_do_parse(type, string, &off, buf, buf, buflen, err);
	if (r)
		return r;
	if (ng_token(string, &off, &len) != T_EOF)
		return ng_perr(err, EINVAL, off, "the end of the input");
	return 0;
}
EXPORT_SYMBOL_GPL(ng_parse);

int ng_unparse(const struct ng_parse_type *type, const u8 *data, int datalen,
	       char *cbuf, int cbuflen, struct ng_parse_err *err)
{
	int off = 0, pos = 0, r;

	if (err)
		memset(err, 0, sizeof(*err));
	if (!type || !cbuf || cbuflen <= 0 || datalen < 0 ||
	    (!data && datalen))
		return ng_perr(err, cbuflen <= 0 ? ERANGE : EINVAL, 0,
			       "bad arguments");
	cbuf[0] = '\0';
	r = ng_do_unparse(type, data, &off, datalen, cbuf, &pos, cbuflen, err);
	return r ? r : off;
}
EXPORT_SYMBOL_GPL(ng_unparse);

int ng_parse_getDefault(const struct ng_parse_type *type, u8 *buf,
			int *buflen)
{
	if (!type || !buf || !buflen || *buflen < 0)
		return -EINVAL;
	memset(buf, 0, *buflen);
	return ng_do_default(type, buf, buf, buf, buflen, NULL);
}
EXPORT_SYMBOL_GPL(ng_parse_getDefault);
