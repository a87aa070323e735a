// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests of kernel/ng_parse.c built for userland: round trips for
 * every type, FreeBSD's forms, and every error with its errno and offset.
 * TAP on stdout, then "N passed, N failed"; exit 1 on any failure.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "types.h"

static int npass, nfail;

static __attribute__((format(printf, 2, 3))) void result(int ok,
							   const char *fmt, ...)
{
	va_list ap;

	printf("%s %d - ", ok ? "ok" : "not ok", npass + nfail + 1);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (ok)
		npass++;
	else
		nfail++;
}

#define BUFSZ 4096

/* ASCII in -> binary -> ASCII (must be canon) -> binary (must be equal). */
static void t_ascii(const struct ng_parse_type *type, const char *in,
		    const char *canon, int wantlen)
{
	static u8 b1[BUFSZ], b2[BUFSZ];
	static char a1[BUFSZ], a2[BUFSZ];
	struct ng_parse_err err;
	int l1 = BUFSZ, l2 = BUFSZ, r, u;

	r = ng_parse(type, in, b1, &l1, &err);
	if (r) {
		result(0, "parse '%s'", in);
		printf("# error %d at %d: %s\n", -r, err.offset, err.msg);
		return;
	}
	u = ng_unparse(type, b1, l1, a1, sizeof(a1), &err);
	if (u != l1 || strcmp(a1, canon)) {
		result(0, "parse '%s'", in);
		printf("# unparse %d (len %d): got '%s' want '%s'\n", u, l1,
		       a1, canon);
		return;
	}
	if (wantlen >= 0 && l1 != wantlen) {
		result(0, "parse '%s'", in);
		printf("# binary length %d, want %d\n", l1, wantlen);
		return;
	}
	r = ng_parse(type, a1, b2, &l2, &err);
	u = r ? r : ng_unparse(type, b2, l2, a2, sizeof(a2), &err);
	result(!r && l2 == l1 && !memcmp(b1, b2, l1) && u == l2 &&
	       !strcmp(a1, a2), "round trip '%s' -> '%s'", in, canon);
}

/* binary -> ASCII (must be want) -> binary (must be identical). */
static void t_binary(const struct ng_parse_type *type, const void *bin,
		     int len, const char *want)
{
	static u8 b[BUFSZ];
	static char a[BUFSZ];
	struct ng_parse_err err;
	int l = BUFSZ, u, r;

	u = ng_unparse(type, bin, len, a, sizeof(a), &err);
	if (u != len || strcmp(a, want)) {
		result(0, "unparse to '%s'", want);
		printf("# ret %d (len %d) got '%s' err '%s'\n", u, len, a,
		       err.msg);
		return;
	}
	r = ng_parse(type, a, b, &l, &err);
	result(!r && l == len && !memcmp(b, bin, len),
	       "binary -> '%s' -> binary", want);
	if (r)
		printf("# error %d at %d: %s\n", -r, err.offset, err.msg);
}

static void t_err(const struct ng_parse_type *type, const char *in,
		  int buflen, int want, int wantoff)
{
	static u8 b[BUFSZ];
	struct ng_parse_err err;
	int l = buflen, r;

	r = ng_parse(type, in, b, &l, &err);
	result(r == -want && err.error == want && err.offset == wantoff &&
	       err.msg[0], "'%s' -> %s at %d", in, strerror(want), wantoff);
	if (r != -want || err.offset != wantoff)
		printf("# got %d (%s) at %d: %s\n", r, strerror(-r),
		       err.offset, err.msg);
	else
		printf("# message: %s\n", err.msg);
}

static void t_unerr(const struct ng_parse_type *type, const void *bin,
		    int len, int cbuflen, int want)
{
	char a[BUFSZ];
	struct ng_parse_err err;
	int r;

	memset(a, 'X', sizeof(a));
	r = ng_unparse(type, bin, len, a, cbuflen, &err);
	result(r == -want && memchr(a, '\0', cbuflen) &&
	       a[cbuflen] == 'X', "unparse %d bytes into %d -> %s", len,
	       cbuflen, strerror(want));
	if (r != -want)
		printf("# got %d '%s'\n", r, err.msg);
}

static void test_ints(void)
{
	t_ascii(&ng_parse_int8_type, "-128", "-128", 1);
	t_ascii(&ng_parse_int8_type, "255", "-1", 1);
	t_ascii(&ng_parse_uint8_type, "-1", "255", 1);
	t_ascii(&ng_parse_uint8_type, "0377", "255", 1);
	t_ascii(&ng_parse_hint8_type, "171", "0xab", 1);
	t_ascii(&ng_parse_int16_type, "-32768", "-32768", 2);
	t_ascii(&ng_parse_uint16_type, "0xffff", "65535", 2);
	t_ascii(&ng_parse_hint16_type, "0XBEEF", "0xbeef", 2);
	t_ascii(&ng_parse_int32_type, "-2147483648", "-2147483648", 4);
	t_ascii(&ng_parse_uint32_type, "4294967295", "4294967295", 4);
	t_ascii(&ng_parse_hint32_type, "010", "0x8", 4);
	t_ascii(&ng_parse_int64_type, "-9223372036854775808",
		"-9223372036854775808", 8);
	t_ascii(&ng_parse_uint64_type, "18446744073709551615",
		"18446744073709551615", 8);
	t_ascii(&ng_parse_hint64_type, "  +0x0123456789abcdef ",
		"0x123456789abcdef", 8);
	t_ascii(&ng_parse_int32_type, "0", "0", 4);

	t_err(&ng_parse_int8_type, "256", BUFSZ, ERANGE, 0);
	t_err(&ng_parse_int8_type, " -129", BUFSZ, ERANGE, 1);
	t_err(&ng_parse_uint16_type, "65536", BUFSZ, ERANGE, 0);
	t_err(&ng_parse_int32_type, "4294967296", BUFSZ, ERANGE, 0);
	t_err(&ng_parse_int32_type, "-2147483649", BUFSZ, ERANGE, 0);
	t_err(&ng_parse_uint64_type, "18446744073709551616", BUFSZ, ERANGE, 0);
	t_err(&ng_parse_int64_type, "-9223372036854775809", BUFSZ, ERANGE, 0);
	t_err(&ng_parse_hint64_type, "0x10000000000000000", BUFSZ, ERANGE, 0);
	t_err(&ng_parse_int32_type, "12abc", BUFSZ, EINVAL, 0);
	t_err(&ng_parse_int32_type, "09", BUFSZ, EINVAL, 0);
	t_err(&ng_parse_int32_type, "0x", BUFSZ, EINVAL, 0);
	t_err(&ng_parse_int32_type, "-", BUFSZ, EINVAL, 0);
	t_err(&ng_parse_int32_type, "\"1\"", BUFSZ, EINVAL, 0);
	t_err(&ng_parse_int32_type, "", BUFSZ, EINVAL, 0);
	t_err(&ng_parse_int32_type, "1 2", BUFSZ, EINVAL, 2);
	t_err(&ng_parse_int32_type, "7", 3, ERANGE, 0);
}

static void test_strings(void)
{
	static const struct ng_parse_fixedstring_info fi4 = { 4 };
	static const struct ng_parse_type fs4 = {
		.supertype = &ng_parse_fixedstring_type, .info = &fi4,
	};
	u8 sized[] = { 3, 0, 'a', 0, 0xff };
	u8 hook[32] = "link0";

	t_ascii(&ng_parse_string_type, "\"hello world\"", "\"hello world\"", 12);
	t_ascii(&ng_parse_string_type, "\"\"", "\"\"", 1);
	t_ascii(&ng_parse_string_type,
		"\"\\t\\n\\r\\v\\f\\\"\\\\\\101\\x42\\x7f\\1\"",
		"\"\\t\\n\\r\\v\\f\\\"\\\\AB\\x7f\\x01\"", 12);
	t_ascii(&ng_parse_string_type, "\"\\xe9t\\xC3\\xa9\"",
		"\"\\xe9t\\xc3\\xa9\"", 5);
	t_ascii(&fs4, "\"abc\"", "\"abc\"", 4);
	t_ascii(&fs4, "\"\"", "\"\"", 4);
	t_ascii(&ng_parse_sizedstring_type, "\"a\\0\\xff\"", "\"a\\x00\\xff\"", 5);
	t_binary(&ng_parse_sizedstring_type, sized, 5, "\"a\\x00\\xff\"");
	t_ascii(&ng_parse_hookbuf_type, "\"link0\"", "\"link0\"", 32);
	t_binary(&ng_parse_hookbuf_type, hook, 32, "\"link0\"");
	t_ascii(&ng_parse_nodebuf_type, "\"foo\"", "\"foo\"", 32);
	t_ascii(&ng_parse_typebuf_type, "\"one2many\"", "\"one2many\"", 32);
	t_ascii(&ng_parse_cmdbuf_type, "\"getstats\"", "\"getstats\"", 32);
	t_ascii(&ng_parse_pathbuf_type, "\"[12]:a.b\"", "\"[12]:a.b\"", 512);

	t_err(&fs4, "\"abcd\"", BUFSZ, E2BIG, 0);
	t_err(&ng_parse_hookbuf_type,
	      " \"0123456789012345678901234567890123\"", BUFSZ, E2BIG, 1);
	t_err(&ng_parse_string_type, "\"abc", BUFSZ, EINVAL, 0);
	t_err(&ng_parse_string_type, "\"abc\\\"", BUFSZ, EINVAL, 0);
	t_err(&ng_parse_string_type, "\"a\\q\"", BUFSZ, EINVAL, 2);
	t_err(&ng_parse_string_type, "\"a\\xg\"", BUFSZ, EINVAL, 2);
	t_err(&ng_parse_string_type, "\"\\400\"", BUFSZ, EINVAL, 1);
	t_err(&ng_parse_string_type, "\"a\\0b\"", BUFSZ, EINVAL, 0);
	t_err(&ng_parse_string_type, "abc", BUFSZ, EINVAL, 0);
	t_err(&ng_parse_string_type, "\"abc\"", 3, ERANGE, 0);
	t_err(&ng_parse_hookbuf_type, "\"abc\"", 31, ERANGE, 0);
	/* binary without a NUL in the buffer, sized string too long */
	memset(hook, 'a', sizeof(hook));
	t_unerr(&ng_parse_hookbuf_type, hook, 32, 100, EINVAL);
	t_unerr(&ng_parse_string_type, hook, 32, 100, EINVAL);
	t_unerr(&ng_parse_sizedstring_type, sized, 4, 100, EINVAL);
	t_unerr(&ng_parse_hookbuf_type, hook, 31, 100, EINVAL);
}

static void test_addrs(void)
{
	u8 ip[4] = { 127, 0, 0, 1 };
	u8 en[6] = { 0, 0x1b, 0x21, 0xab, 0xcd, 0xef };
	u8 v6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1 };

	t_ascii(&ng_parse_ipaddr_type, "0x7f.0.0.1", "127.0.0.1", 4);
	t_ascii(&ng_parse_ipaddr_type, "255.255.255.255", "255.255.255.255", 4);
	t_binary(&ng_parse_ipaddr_type, ip, 4, "127.0.0.1");
	t_ascii(&ng_parse_enaddr_type, "0:1B:21:ab:cd:ef", "00:1b:21:ab:cd:ef", 6);
	t_binary(&ng_parse_enaddr_type, en, 6, "00:1b:21:ab:cd:ef");
	t_ascii(&ng_parse_ip6addr_type, "::", "::", 16);
	t_ascii(&ng_parse_ip6addr_type, "::1", "::1", 16);
	t_ascii(&ng_parse_ip6addr_type, "1::", "1::", 16);
	t_ascii(&ng_parse_ip6addr_type, "2001:DB8:0:0:1:0:0:1", "2001:db8::1:0:0:1", 16);
	t_ascii(&ng_parse_ip6addr_type, "2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1", 16);
	t_ascii(&ng_parse_ip6addr_type, "::ffff:192.0.2.1", "::ffff:c000:201", 16);
	t_ascii(&ng_parse_ip6addr_type, "fe80::1:2", "fe80::1:2", 16);
	t_binary(&ng_parse_ip6addr_type, v6, 16, "2001:db8::1:0:0:1");

	t_err(&ng_parse_ipaddr_type, "1.2.3", BUFSZ, EINVAL, 0);
	t_err(&ng_parse_ipaddr_type, "1.2.3.4.5", BUFSZ, EINVAL, 0);
	t_err(&ng_parse_ipaddr_type, "1.2.256.4", BUFSZ, ERANGE, 4);
	t_err(&ng_parse_ipaddr_type, "1..3.4", BUFSZ, EINVAL, 2);
	t_err(&ng_parse_enaddr_type, "00:11:22:33:44", BUFSZ, EINVAL, 0);
	t_err(&ng_parse_enaddr_type, "00:11:22:33:44:556", BUFSZ, EINVAL, 0);
	t_err(&ng_parse_ip6addr_type, "1:2:3:4:5:6:7", BUFSZ, EINVAL, 0);
	t_err(&ng_parse_ip6addr_type, "1::2::3", BUFSZ, EINVAL, 0);
	t_err(&ng_parse_ip6addr_type, " 12345::", BUFSZ, EINVAL, 1);
	t_err(&ng_parse_ip6addr_type, "1:2:3:4:5:6:7:8:9", BUFSZ, EINVAL, 0);
	t_err(&ng_parse_ip6addr_type, "::1.2.3", BUFSZ, EINVAL, 0);
	t_err(&ng_parse_ip6addr_type, "1:", BUFSZ, EINVAL, 0);
	t_unerr(&ng_parse_ip6addr_type, v6, 15, 100, EINVAL);
	t_unerr(&ng_parse_ip6addr_type, v6, 16, 10, ERANGE);
}

static void test_composites(void)
{
	struct ng_one2many_config c;
	struct ng_hole_hookstat hs = { 7, 1500 };
	union { struct t_mixed m; u8 raw[64]; } mx;
	struct t_sa sa;
	u8 big[BUFSZ];
	int l;

	/* FreeBSD's examples */
	t_ascii(&t_o2m_type, "{ xmitAlg=2 enabledLinks=[ 1 1 ] }",
		"{ xmitAlg=2 enabledLinks=[ 1 1 ] }", sizeof(c));
	t_ascii(&t_o2m_type, "{enabledLinks=[1 1] xmitAlg=2}",
		"{ xmitAlg=2 enabledLinks=[ 1 1 ] }", sizeof(c));
	t_ascii(&t_o2m_type, "{}", "{}", sizeof(c));
	t_ascii(&t_o2m_type, "{ enabledLinks=[ 63=1 0=0 5=2 3 ] }",
		"{ enabledLinks=[ 5=2 3 63=1 ] }", sizeof(c));
	memset(&c, 0, sizeof(c));
	c.xmitAlg = 1;
	c.failAlg = 1;
	c.enabledLinks[0] = 1;
	c.enabledLinks[2] = 1;
	c.enabledLinks[7] = 3;
	t_binary(&t_o2m_type, &c, sizeof(c),
		 "{ xmitAlg=1 failAlg=1 enabledLinks=[ 1 2=1 7=3 ] }");
	t_binary(&t_hole_type, &hs, sizeof(hs), "{ frames=7 octets=1500 }");

	/* alignment and padding match the C structure */
	memset(&mx, 0, sizeof(mx));
	mx.m.a = -1;
	mx.m.b = -5;
	mx.m.c = 9;
	mx.m.n = 3;
	mx.m.v[0] = 0x10;
	mx.m.v[2] = 0xffffffff;
	/* the parsed form is padded to the struct's alignment (8) */
	t_binary(&t_mixed_type, &mx, sizeof(struct t_mixed) + 4 * 4,
		 "{ a=-1 b=-5 c=9 n=3 v=[ 0x10 2=0xffffffff ] }");
	{
		char a[200];
		int u = ng_unparse(&t_mixed_type, mx.raw,
				   sizeof(struct t_mixed) + 3 * 4, a,
				   sizeof(a), NULL);

		result(u == sizeof(struct t_mixed) + 3 * 4 &&
		       !strcmp(a, "{ a=-1 b=-5 c=9 n=3 v=[ 0x10 2=0xffffffff ] }"),
		       "a flexible array member without trailing padding");
	}
	t_ascii(&t_mixed_type, "{ n=2 }", "{ n=2 }", sizeof(struct t_mixed) + 8);
	t_ascii(&t_mixed_type, "{ v=[ 1 ] n=1 b=0x7fffffffffffffff }",
		"{ b=9223372036854775807 n=1 v=[ 0x1 ] }",
		sizeof(struct t_mixed) + 8);

	/* sockaddr-like: a byte array whose length comes from a field */
	memset(&sa, 0, sizeof(sa));
	sa.len = 8;
	sa.family = 2;
	memcpy(sa.data, "\x13\x88\x7f\x00\x00\x01", 6);
	t_binary(&t_sa_type, &sa, 8,
		 "{ len=8 family=2 data=[ 0x13 0x88 0x7f 5=0x1 ] }");
	t_ascii(&t_sa_type, "{ len=6 family=1 data=\"ab\" }",
		"{ len=6 family=1 data=[ 0x61 0x62 ] }", 6);
	t_ascii(&t_sa_type, "{ len=2 }", "{ len=2 }", 2);

	/* the kitchen sink */
	t_ascii(&t_all_type,
		"{ str=\"x\" node=\"n\" hook=\"h\" type=\"t\" cmd=\"c\" "
		"short=\"1234567\" s=\"sz\" en=1:2:3:4:5:6 ip=10.0.0.1 "
		"ip6=fe80::1 h8=255 h16=1 i16=-2 u64=3 h64=4 "
		"in=[ { port=80 } 2={ addr=1.2.3.4 } ] path=\".:x\" }",
		"{ node=\"n\" hook=\"h\" type=\"t\" cmd=\"c\" short=\"1234567\" "
		"s=\"sz\" en=01:02:03:04:05:06 ip=10.0.0.1 ip6=fe80::1 h8=0xff "
		"h16=0x1 i16=-2 u64=3 h64=0x4 "
		"in=[ { port=80 } 2={ addr=1.2.3.4 } ] path=\".:x\" str=\"x\" }", -1);
	t_ascii(&t_all_type, "{ str=\"\" }", "{}", -1);

	/* errors, with the offset of the culprit */
	t_err(&t_o2m_type, "{ xmitAlg=1 bogus=2 }", BUFSZ, ENOENT, 12);
	t_err(&t_o2m_type, "{ xmitAlg=1 xmitAlg=2 }", BUFSZ, EALREADY, 12);
	t_err(&t_o2m_type, "{ enabledLinks=[ 64=1 ] }", BUFSZ, E2BIG, 17);
	t_err(&t_o2m_type, "{ enabledLinks=[ 63=1 1 ] }", BUFSZ, E2BIG, 22);
	t_err(&t_o2m_type, "{ enabledLinks=[ 1 0=1 ] }", BUFSZ, EALREADY, 19);
	t_err(&t_o2m_type, "{ xmitAlg=4294967296 }", BUFSZ, ERANGE, 10);
	t_err(&t_o2m_type, "{ enabledLinks=[ 256 ] }", BUFSZ, ERANGE, 17);
	t_err(&t_o2m_type, "{ xmitAlg=1", BUFSZ, EINVAL, 11);
	t_err(&t_o2m_type, "{ enabledLinks=[ 1 }", BUFSZ, EINVAL, 20);
	t_err(&t_o2m_type, "{ enabledLinks=[ 1 ", BUFSZ, EINVAL, 19);
	t_err(&t_o2m_type, "{ xmitAlg }", BUFSZ, EINVAL, 10);
	t_err(&t_o2m_type, "{ xmitAlg= }", BUFSZ, EINVAL, 11);
	t_err(&t_o2m_type, "{ =1 }", BUFSZ, EINVAL, 2);
	t_err(&t_o2m_type, "[ 1 ]", BUFSZ, EINVAL, 0);
	t_err(&t_o2m_type, "{ xmitAlg=\"x }", BUFSZ, EINVAL, 10);
	t_err(&t_o2m_type, "{ xmitAlg={ } }", BUFSZ, EINVAL, 10);
	t_err(&t_o2m_type, "{ xmitAlg=1 } }", BUFSZ, EINVAL, 14);
	t_err(&t_o2m_type, "{ enabledLinks=[ -1=1 ] }", BUFSZ, E2BIG, 17);
	t_err(&t_o2m_type, "{ enabledLinks=[ 0x8000000000000000=1 ] }", BUFSZ,
	      ERANGE, 17);
	t_err(&t_o2m_type, "{}", 71, ERANGE, 0);
	t_err(&t_sa_type, "{ len=4 data=\"abc\" }", BUFSZ, E2BIG, 13);
	t_err(&t_sa_type, "{ len=4 data=[ 1 2 3 ] }", BUFSZ, E2BIG, 19);
	t_err(&t_mixed_type, "{ n=17 }", BUFSZ, EINVAL, 0);
	t_err(&t_all_type, "{ in=[ { port=1 bad=1 } ] }", BUFSZ, ENOENT, 16);
	t_err(&t_all_type, "{ ip6=1::2::3 }", BUFSZ, EINVAL, 6);

	/* binary too short, output buffer too small */
	t_unerr(&t_o2m_type, &c, sizeof(c) - 1, 1000, EINVAL);
	t_unerr(&t_o2m_type, &c, sizeof(c), 20, ERANGE);
	t_unerr(&t_o2m_type, &c, sizeof(c), 1, ERANGE);
	t_unerr(&t_mixed_type, &mx, sizeof(struct t_mixed) + 8, 1000, EINVAL);
	mx.m.n = 1000;
	t_unerr(&t_mixed_type, &mx, sizeof(mx), 1000, EINVAL);
	{
		/* retry with a bigger buffer after ERANGE */
		char small[10], large[200];
		int r1 = ng_unparse(&t_hole_type, (u8 *)&hs, sizeof(hs), small,
				    sizeof(small), NULL);
		int r2 = ng_unparse(&t_hole_type, (u8 *)&hs, sizeof(hs), large,
				    sizeof(large), NULL);
		result(r1 == -ERANGE && r2 == (int)sizeof(hs),
		       "ERANGE, then a retry with a bigger buffer works");
	}
	/* defaults */
	l = sizeof(big);
	memset(big, 0xaa, sizeof(big));
	result(!ng_parse_getDefault(&t_o2m_type, big, &l) && l == sizeof(c) &&
	       !big[0] && !big[sizeof(c) - 1], "default of a struct");
	result(ng_parse_getAlign(&t_mixed_type) == 8 &&
	       ng_parse_getAlign(&t_o2m_type) == 4 &&
	       ng_parse_getAlign(&t_sa_type) == 1, "alignment of structs");
}

/* A whole struct ng_mesg, as ascii2binary/binary2ascii carry it. */
static void test_ng_mesg(void)
{
	static u8 buf[sizeof(struct ng_mesg) + 8];
	struct ng_mesg *m = (struct ng_mesg *)buf;
	static u8 out[BUFSZ];
	int l;

	memset(buf, 0, sizeof(buf));
	m->header.version = NG_VERSION;
	m->header.arglen = 3;
	m->header.cmd = 1;
	m->header.flags = NGF_RESP;
	m->header.token = 7;
	m->header.typecookie = 915433206;
	strcpy(m->header.cmdstr, "getstats");
	memcpy(m->data, "abc", 3);
	/* the binary form ends padded to the structure's alignment (4) */
	t_binary(&ng_parse_ng_mesg_type, buf, sizeof(*m) + 4,
		 "{ version=8 arglen=3 cmd=1 flags=0x1 token=7 "
		 "typecookie=915433206 cmdstr=\"getstats\" "
		 "data=[ 0x61 0x62 0x63 ] }");
	/* trailing zero bytes of data are defaults, as in any byte array */
	m->header.arglen = 5;
	memset(m->data, 0, 8);
	m->data[0] = 1;
	t_binary(&ng_parse_ng_mesg_type, buf, sizeof(*m) + 8,
		 "{ version=8 arglen=5 cmd=1 flags=0x1 token=7 "
		 "typecookie=915433206 cmdstr=\"getstats\" data=[ 0x1 ] }");
	t_ascii(&ng_parse_ng_mesg_type, "{}", "{}", (int)sizeof(*m));
	t_ascii(&ng_parse_ng_mesg_type, "{ arglen=3 data=\"hi\" }",
		"{ arglen=3 data=[ 0x68 0x69 ] }", -1);
	t_ascii(&ng_parse_ng_mesg_type, "{ arglen=2 data=[ 1=7 ] }",
		"{ arglen=2 data=[ 1=0x7 ] }", -1);
	/* data's length comes from arglen, wherever arglen is written */
	t_ascii(&ng_parse_ng_mesg_type, "{ data=[ 1 ] arglen=1 }",
		"{ arglen=1 data=[ 0x1 ] }", -1);
	t_err(&ng_parse_ng_mesg_type, "{ cmdstr=\"x\" data=\"hi\" }", BUFSZ,
	      E2BIG, 18);
	t_err(&ng_parse_ng_mesg_type, "{ arglen=1 data=[ 1 2 ] }", BUFSZ,
	      E2BIG, 20);
	t_err(&ng_parse_ng_mesg_type, "{ arglen=70000 }", BUFSZ, EINVAL, 0);
	t_err(&ng_parse_ng_mesg_type,
	      "{ cmdstr=\"0123456789abcdef0123456789abcdef\" }", BUFSZ,
	      E2BIG, 9);
	t_err(&ng_parse_ng_mesg_type, "{ arglen=100 }", (int)sizeof(*m) + 10,
	      ERANGE, 0);
	/* binary: arglen beyond the data, or beyond any array length */
	m->header.arglen = 9;
	t_unerr(&ng_parse_ng_mesg_type, buf, sizeof(*m) + 8, 1000, EINVAL);
	m->header.arglen = 0xffffffff;
	t_unerr(&ng_parse_ng_mesg_type, buf, sizeof(buf), 1000, EINVAL);
	m->header.arglen = 0;
	t_unerr(&ng_parse_ng_mesg_type, buf, sizeof(*m) - 1, 1000, EINVAL);
	l = BUFSZ;
	result(!ng_parse_getDefault(&ng_parse_ng_mesg_type, out, &l) &&
	       l == (int)sizeof(*m), "default ng_mesg: a bare header");
}

/* Bytes the text cannot show never make a default value print. */
static void test_canonical(void)
{
	static u8 b[96];
	char a[BUFSZ];
	int u;

	memset(b, 0, sizeof(b));
	strcpy((char *)b, "hub");
	b[32 + 5] = 'q';		/* after ourhook's NUL */
	b[64 + 31] = 0x7f;		/* after peerhook's NUL */
	u = ng_unparse(&t_bufs_type, b, sizeof(b), a, sizeof(a), NULL);
	result(u == (int)sizeof(b) && !strcmp(a, "{ type=\"hub\" }"),
	       "string buffers empty up to their NUL print as defaults");
	if (u != (int)sizeof(b) || strcmp(a, "{ type=\"hub\" }"))
		printf("# got %d '%s'\n", u, a);
}

int main(void)
{
	test_ints();
	test_strings();
	test_addrs();
	test_composites();
	test_ng_mesg();
	test_canonical();
	printf("1..%d\n", npass + nfail);
	printf("%d passed, %d failed\n", npass, nfail);
	return nfail ? 1 : 0;
}
