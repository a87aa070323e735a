/* SPDX-License-Identifier: GPL-2.0 */
/*
 * netgraph for Linux: typed descriptions of control message arguments,
 * and their conversion between binary (the C structure) and ASCII.
 *
 * The ASCII grammar is FreeBSD's (see Documentation/ng_parse.rst):
 * structures `{ name=value ... }`, arrays `[ value index=value ... ]`,
 * quoted strings with C escapes, integers in decimal, 0x hex or 0 octal.
 * The binary form has the native alignment and padding of the matching
 * C structure.
 *
 * This header and ng_parse.c build both in the kernel and in userland
 * (host tests and a fuzzer); ng_parse_compat.h maps the difference.
 *
 * All functions return 0 (or a length) on success and a negative errno
 * on failure; the optional struct ng_parse_err then says where.
 */
#ifndef _NG_PARSE_H
#define _NG_PARSE_H

#include "ng_parse_compat.h"

struct ng_parse_type;

/* Where and why a conversion failed: the first (innermost) error wins. */
#define NG_PARSE_ERRMSG	96
struct ng_parse_err {
	int	error;			/* positive errno, 0 = none */
	int	offset;			/* byte offset in the ASCII input */
	char	msg[NG_PARSE_ERRMSG];	/* what was expected */
};

/*
 * Methods of a type; a NULL method is taken from the supertype.
 *
 * parse:      read one value from s at *off (advanced past it), write it
 *             at buf (*buflen bytes available; set to the bytes written).
 *             start is the first byte of this run's output.
 * unparse:    print the value at data + *off (advanced past it); the data
 *             ends at data + datalen.  Output goes to cbuf at *pos, never
 *             beyond cbuflen bytes (NUL included).
 * getDefault: write the default value at buf; ctx is where the value
 *             lives (for array lengths taken from earlier fields).
 * getAlign:   the alignment of the binary form.
 */
typedef int ng_parse_t(const struct ng_parse_type *type, const char *s,
		       int *off, const u8 *start, u8 *buf, int *buflen,
		       struct ng_parse_err *err);
typedef int ng_unparse_t(const struct ng_parse_type *type, const u8 *data,
			 int *off, int datalen, char *cbuf, int *pos,
			 int cbuflen, struct ng_parse_err *err);
typedef int ng_getDefault_t(const struct ng_parse_type *type,
			    const u8 *start, const u8 *ctx, u8 *buf,
			    int *buflen, struct ng_parse_err *err);
typedef int ng_getAlign_t(const struct ng_parse_type *type);

struct ng_parse_type {
	const struct ng_parse_type	*supertype;
	const void			*info;
	void				*private;
	ng_parse_t			*parse;
	ng_unparse_t			*unparse;
	ng_getDefault_t			*getDefault;
	ng_getAlign_t			*getAlign;
};

/*
 * Structures.  info: an array of struct ng_parse_struct_field ended by
 * one with a NULL name.  alignment 0 means the field type's own.
 */
struct ng_parse_struct_field {
	const char			*name;
	const struct ng_parse_type	*type;
	int				alignment;
};
extern const struct ng_parse_type ng_parse_struct_type;

/*
 * Arrays.  getLength returns the number of elements of a variable array;
 * start is the first byte of this run's binary, buf where the array
 * begins (earlier fields of the enclosing structure are filled in).
 * getDefault, when not NULL, gives the default of element index.
 */
typedef int ng_parse_array_getLength_t(const struct ng_parse_type *type,
				       const u8 *start, const u8 *buf);
typedef int ng_parse_array_getDefault_t(const struct ng_parse_type *type,
					int index, const u8 *start, u8 *buf,
					int *buflen);

struct ng_parse_fixedarray_info {
	const struct ng_parse_type	*elementType;
	int				length;
	ng_parse_array_getDefault_t	*getDefault;
};
extern const struct ng_parse_type ng_parse_fixedarray_type;

struct ng_parse_array_info {
	const struct ng_parse_type	*elementType;
	ng_parse_array_getLength_t	*getLength;
	ng_parse_array_getDefault_t	*getDefault;
};
extern const struct ng_parse_type ng_parse_array_type;

/* Strings: NUL-terminated of any length, in a fixed buffer, u16-sized. */
extern const struct ng_parse_type ng_parse_string_type;

struct ng_parse_fixedstring_info {
	int	bufSize;		/* NUL included */
};
extern const struct ng_parse_type ng_parse_fixedstring_type;
extern const struct ng_parse_type ng_parse_sizedstring_type;
extern const struct ng_parse_type ng_parse_nodebuf_type;
extern const struct ng_parse_type ng_parse_hookbuf_type;
extern const struct ng_parse_type ng_parse_pathbuf_type;
extern const struct ng_parse_type ng_parse_typebuf_type;
extern const struct ng_parse_type ng_parse_cmdbuf_type;

/* Integers: signed decimal (int*), unsigned decimal (uint*), hex (hint*). */
extern const struct ng_parse_type ng_parse_int8_type;
extern const struct ng_parse_type ng_parse_uint8_type;
extern const struct ng_parse_type ng_parse_hint8_type;
extern const struct ng_parse_type ng_parse_int16_type;
extern const struct ng_parse_type ng_parse_uint16_type;
extern const struct ng_parse_type ng_parse_hint16_type;
extern const struct ng_parse_type ng_parse_int32_type;
extern const struct ng_parse_type ng_parse_uint32_type;
extern const struct ng_parse_type ng_parse_hint32_type;
extern const struct ng_parse_type ng_parse_int64_type;
extern const struct ng_parse_type ng_parse_uint64_type;
extern const struct ng_parse_type ng_parse_hint64_type;

/* Addresses: IPv4 (4 bytes), Ethernet (6 bytes), IPv6 (16 bytes). */
extern const struct ng_parse_type ng_parse_ipaddr_type;
extern const struct ng_parse_type ng_parse_enaddr_type;
extern const struct ng_parse_type ng_parse_ip6addr_type;

/*
 * Byte arrays: a variable array of hex bytes whose input may also be a
 * quoted string (zero-filled up to the length).  info: struct
 * ng_parse_array_info with elementType NULL (bytes).
 */
extern const struct ng_parse_type ng_parse_bytearray_type;

/*
 * A whole struct ng_mesg (header fields, then header.arglen bytes of data
 * as a byte array), as the generic ascii2binary/binary2ascii messages
 * carry it.  The data's length is arglen's value.
 */
extern const struct ng_parse_type ng_parse_ng_mesg_type;

/*
 * Entry points.  ng_parse reads the whole NUL-terminated string (only
 * white space may follow the value) into buf (*buflen bytes available,
 * set to the bytes written).  ng_unparse prints the binary value at data
 * (datalen bytes) into cbuf (cbuflen bytes, NUL included) and returns the
 * number of data bytes it used.  Output that does not fit gives -ERANGE.
 */
int ng_parse(const struct ng_parse_type *type, const char *string,
	     u8 *buf, int *buflen, struct ng_parse_err *err);
int ng_unparse(const struct ng_parse_type *type, const u8 *data, int datalen,
	       char *cbuf, int cbuflen, struct ng_parse_err *err);
int ng_parse_getDefault(const struct ng_parse_type *type, u8 *buf,
			int *buflen);
int ng_parse_getAlign(const struct ng_parse_type *type);

#endif /* _NG_PARSE_H */
