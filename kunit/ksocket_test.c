// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for the ksocket node type's hook names and ASCII forms
 * (socket addresses, socket options, the accept reply), through
 * ng_ctl_*() in init_net as netlink would deliver them.  The sockets
 * themselves are tested by selftests/ng_ksocket*.sh.  Every node a test
 * makes is shut down by the test's exit method.
 */
#include <kunit/test.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/string.h>
#include <linux/un.h>
#include <net/net_namespace.h>

#include "../kernel/ctl.h"
#include "../uapi/ng_hub.h"
#include "../uapi/ng_ksocket.h"

#define K_NET		(&init_net)
#define K_PATHLEN	64

struct k_ctx {
	u32 ids[16];
	int n;
};

static int k_init(struct kunit *test)
{
	test->priv = kunit_kzalloc(test, sizeof(struct k_ctx), GFP_KERNEL);
	return test->priv ? 0 : -ENOMEM;
}

static const char *k_path(char *buf, u32 id)
{
	snprintf(buf, K_PATHLEN, "[%x]:", id);
	return buf;
}

static void k_exit(struct kunit *test)
{
	struct k_ctx *c = test->priv;
	char path[K_PATHLEN];
	int i;

	for (i = c->n - 1; i >= 0; i--)
		ng_ctl_shutdown(K_NET, k_path(path, c->ids[i]), NULL);
}

static void k_track(struct kunit *test, u32 id)
{
	struct k_ctx *c = test->priv;

	KUNIT_ASSERT_LT(test, c->n, (int)ARRAY_SIZE(c->ids));
	c->ids[c->n++] = id;
}

/* A standalone node of @type (no hook, so a ksocket without a socket). */
static u32 k_node(struct kunit *test, const char *type)
{
	u32 id = 0;
	int err;

	err = ng_ctl_mkpeer(K_NET, NULL, type, NULL, NULL, &id, NULL);
	if (err == -ENXIO)
		kunit_skip(test, "node type %s is not available", type);
	KUNIT_ASSERT_EQ(test, err, 0);
	k_track(test, id);
	return id;
}

static struct ng_mesg *k_mkmsg(struct kunit *test, u32 cookie, u32 cmd,
			       const char *cmdstr, const void *arg, size_t len)
{
	struct ng_mesg *m = ng_mkmessage(cookie, cmd, cmdstr, len, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, m);
	if (len)
		memcpy(m->data, arg, len);
	return m;
}

/* Send generic @cmd wrapping @inner to node @id; the reply's inner message. */
static struct ng_mesg *k_conv(struct kunit *test, u32 id, u32 cmd,
			      const struct ng_mesg *inner, int *errp)
{
	struct netlink_ext_ack extack = {};
	struct ng_mesg *msg, *resp = NULL, *copy;
	char path[K_PATHLEN];
	size_t len;
	int err;

	msg = k_mkmsg(test, NGM_GENERIC_COOKIE, cmd,
		      cmd == NGM_ASCII2BINARY ? "ascii2binary" : "binary2ascii",
		      inner, sizeof(*inner) + inner->header.arglen);
	err = ng_ctl_msg(K_NET, k_path(path, id), msg, &resp, &extack);
	*errp = err;
	if (err) {
		KUNIT_EXPECT_NOT_NULL(test, extack._msg);
		kvfree(resp);
		return NULL;
	}
	KUNIT_ASSERT_NOT_NULL(test, resp);
	len = sizeof(*resp) + resp->header.arglen;
	copy = kunit_kmalloc(test, len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, copy);
	memcpy(copy, resp, len);
	kvfree(resp);
	return (struct ng_mesg *)copy->data;
}

/* ASCII @text for command @cmdstr -> binary message, or NULL (*errp). */
static struct ng_mesg *k_a2b(struct kunit *test, u32 id, const char *cmdstr,
			     const char *text, int *errp)
{
	struct ng_mesg *a = k_mkmsg(test, 0, 0, cmdstr, text, strlen(text) + 1);
	struct ng_mesg *bin;

	bin = k_conv(test, id, NGM_ASCII2BINARY, a, errp);
	kvfree(a);
	return bin;
}

/* Binary arguments of @cmd -> the ASCII text (test-managed), or NULL. */
static const char *k_b2a(struct kunit *test, u32 id, u32 cmd, bool resp,
			 const void *arg, size_t len)
{
	struct ng_mesg *b = k_mkmsg(test, NGM_KSOCKET_COOKIE, cmd, NULL, arg,
				    len);
	struct ng_mesg *ascii;
	int err;

	if (resp)
		b->header.flags |= NGF_RESP;
	ascii = k_conv(test, id, NGM_BINARY2ASCII, b, &err);
	kvfree(b);
	KUNIT_EXPECT_EQ(test, err, 0);
	return ascii ? ascii->data : "(conversion failed)";
}

/* @text parses for @cmdstr into exactly @want (@len bytes). */
static void k_expect_bin(struct kunit *test, u32 id, const char *cmdstr,
			 const char *text, const void *want, size_t len)
{
	struct ng_mesg *bin;
	int err;

	bin = k_a2b(test, id, cmdstr, text, &err);
	KUNIT_ASSERT_EQ_MSG(test, err, 0, "parsing \"%s\"", text);
	KUNIT_ASSERT_NOT_NULL(test, bin);
	KUNIT_EXPECT_EQ(test, bin->header.typecookie, (u32)NGM_KSOCKET_COOKIE);
	KUNIT_ASSERT_EQ_MSG(test, bin->header.arglen, (u32)len, "\"%s\"", text);
	KUNIT_EXPECT_TRUE_MSG(test, !memcmp(bin->data, want, len), "\"%s\"",
			      text);
}

static void k_expect_bad(struct kunit *test, u32 id, const char *cmdstr,
			 const char *text)
{
	int err;

	KUNIT_EXPECT_NULL(test, k_a2b(test, id, cmdstr, text, &err));
	KUNIT_EXPECT_LT_MSG(test, err, 0, "\"%s\" must not parse", text);
}

static void ng_ksocket_test_hooknames(struct kunit *test)
{
	static const char * const good[] = {
		"inet/dgram/udp", "2/2/17", "inet/stream/tcp", "inet/dgram/",
		"inet6/dgram/udp", "inet6/stream/tcp", "10/1/6",
		"local/dgram/", "unix/stream/0", "local/seqpacket/0",
	};
	static const char * const bad[] = {
		"inet/dgram", "inet/dgram/udp/1", "nosuch/dgram/udp",
		"inet/nosuch/udp", "inet/dgram/nosuch", "local/dgram/udp",
		"inet/dgram/-1", "inet/dgram/17x", "inet6/dgram/icmpx",
	};
	char path[K_PATHLEN];
	u32 h = k_node(test, NG_HUB_NODE_TYPE), id;
	struct ng_mesg *resp = NULL;
	size_t i;
	int err;

	/* the hub stays when its hooks go */
	KUNIT_ASSERT_EQ(test, ng_ctl_msg(K_NET, k_path(path, h),
					 k_mkmsg(test, NGM_HUB_COOKIE,
						 NGM_HUB_SET_PERSISTENT,
						 "setpersistent", NULL, 0),
					 &resp, NULL), 0);
	kvfree(resp);
	for (i = 0; i < ARRAY_SIZE(good); i++) {
		id = 0;
		err = ng_ctl_mkpeer(K_NET, k_path(path, h), "ksocket", "k",
				    good[i], &id, NULL);
		if (err == -ENXIO)
			kunit_skip(test, "ng_ksocket is not available");
		KUNIT_EXPECT_EQ_MSG(test, err, 0, "hook \"%s\"", good[i]);
		if (!err) {
			k_track(test, id);
			ng_ctl_rmhook(K_NET, k_path(path, h), "k", NULL);
		}
	}
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		err = ng_ctl_mkpeer(K_NET, k_path(path, h), "ksocket", "k",
				    bad[i], &id, NULL);
		KUNIT_EXPECT_EQ_MSG(test, err, -EINVAL, "hook \"%s\"", bad[i]);
	}
	/* one hook only */
	KUNIT_ASSERT_EQ(test, ng_ctl_mkpeer(K_NET, k_path(path, h), "ksocket",
					    "k", "inet/dgram/udp", &id, NULL), 0);
	k_track(test, id);
	KUNIT_EXPECT_EQ(test, ng_ctl_mkpeer(K_NET, k_path(path, id), "hub",
					    "second", "x", NULL, NULL),
			-EISCONN);
}

static void ng_ksocket_test_inet(struct kunit *test)
{
	u32 k = k_node(test, "ksocket");
	struct sockaddr_in sin = {
		.sin_family = AF_INET,
		.sin_port = htons(1234),
		.sin_addr.s_addr = htonl(0xc0a80101),
	};

	k_expect_bin(test, k, "bind", "inet/192.168.1.1:1234", &sin,
		     sizeof(sin));
	KUNIT_EXPECT_STREQ(test, k_b2a(test, k, NGM_KSOCKET_BIND, false, &sin,
				       sizeof(sin)),
			   "inet/192.168.1.1:1234");
	sin.sin_port = 0;
	k_expect_bin(test, k, "connect", "  inet/192.168.1.1", &sin,
		     sizeof(sin));
	KUNIT_EXPECT_STREQ(test, k_b2a(test, k, NGM_KSOCKET_GETNAME, true,
				       &sin, sizeof(sin)),
			   "inet/192.168.1.1");
	k_expect_bad(test, k, "bind", "inet/192.168.1:80");
	k_expect_bad(test, k, "bind", "inet/192.168.1.256");
	k_expect_bad(test, k, "bind", "inet/1.2.3.4:65536");
	k_expect_bad(test, k, "bind", "inet/1.2.3.4:");
	k_expect_bad(test, k, "bind", "inet/1.2.3.4:80x");
	k_expect_bad(test, k, "bind", "1.2.3.4:80");
	k_expect_bad(test, k, "bind", "inet/1.2.3.4 junk");
}

static void ng_ksocket_test_inet6(struct kunit *test)
{
	u32 k = k_node(test, "ksocket");
	struct sockaddr_in6 sin6 = {
		.sin6_family = AF_INET6,
		.sin6_port = htons(1234),
	};

	sin6.sin6_addr.s6_addr[0] = 0x20;
	sin6.sin6_addr.s6_addr[1] = 0x01;
	sin6.sin6_addr.s6_addr[2] = 0x0d;
	sin6.sin6_addr.s6_addr[3] = 0xb8;
	sin6.sin6_addr.s6_addr[15] = 1;
	k_expect_bin(test, k, "bind", "inet6/[2001:db8::1]:1234", &sin6,
		     sizeof(sin6));
	KUNIT_EXPECT_STREQ(test, k_b2a(test, k, NGM_KSOCKET_BIND, false,
				       &sin6, sizeof(sin6)),
			   "inet6/[2001:db8::1]:1234");
	sin6.sin6_port = 0;
	k_expect_bin(test, k, "bind", "inet6/2001:db8::1", &sin6,
		     sizeof(sin6));
	KUNIT_EXPECT_STREQ(test, k_b2a(test, k, NGM_KSOCKET_BIND, false,
				       &sin6, sizeof(sin6)),
			   "inet6/2001:db8::1");
	memset(&sin6.sin6_addr, 0, sizeof(sin6.sin6_addr));
	sin6.sin6_addr.s6_addr[0] = 0xfe;
	sin6.sin6_addr.s6_addr[1] = 0x80;
	sin6.sin6_addr.s6_addr[15] = 1;
	sin6.sin6_port = htons(80);
	sin6.sin6_scope_id = 2;
	k_expect_bin(test, k, "bind", "inet6/[fe80::1%2]:80", &sin6,
		     sizeof(sin6));
	KUNIT_EXPECT_STREQ(test, k_b2a(test, k, NGM_KSOCKET_BIND, false,
				       &sin6, sizeof(sin6)),
			   "inet6/[fe80::1%2]:80");
	k_expect_bad(test, k, "bind", "inet6/[2001:db8::1");
	k_expect_bad(test, k, "bind", "inet6/[2001:db8::g]:80");
	k_expect_bad(test, k, "bind", "inet6/[::1]:99999");
}

static void ng_ksocket_test_local(struct kunit *test)
{
	u32 k = k_node(test, "ksocket");
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	size_t len;

	strscpy(sun.sun_path, "/tmp/foo.socket", sizeof(sun.sun_path));
	len = offsetof(struct sockaddr_un, sun_path) + strlen(sun.sun_path);
	k_expect_bin(test, k, "bind", "local/\"/tmp/foo.socket\"", &sun, len);
	k_expect_bin(test, k, "bind", "unix/\"/tmp/foo.socket\"", &sun, len);
	KUNIT_EXPECT_STREQ(test, k_b2a(test, k, NGM_KSOCKET_BIND, false, &sun,
				       len),
			   "local/\"/tmp/foo.socket\"");
	/* a NUL-terminated path prints the same */
	KUNIT_EXPECT_STREQ(test, k_b2a(test, k, NGM_KSOCKET_BIND, false, &sun,
				       len + 1),
			   "local/\"/tmp/foo.socket\"");
	/* an abstract name */
	memset(sun.sun_path, 0, sizeof(sun.sun_path));
	memcpy(sun.sun_path, "\0ab\"c", 5);
	len = offsetof(struct sockaddr_un, sun_path) + 5;
	k_expect_bin(test, k, "bind", "local/\"\\x00ab\\\"c\"", &sun, len);
	KUNIT_EXPECT_STREQ(test, k_b2a(test, k, NGM_KSOCKET_BIND, false, &sun,
				       len),
			   "local/\"\\x00ab\\\"c\"");
	k_expect_bad(test, k, "bind", "local//tmp/x");
	k_expect_bad(test, k, "bind", "local/\"/tmp/x");
}

static void ng_ksocket_test_generic(struct kunit *test)
{
	u32 k = k_node(test, "ksocket");
	u8 want[16] = { 16, 0, 0x70, 0x00, 0x01, 0x23 };

	/* FreeBSD's example; len is the whole length, family included */
	k_expect_bin(test, k, "bind",
		     "{ family=16 len=16 data=[0x70 0x00 0x01 0x23] }", want,
		     sizeof(want));
	k_expect_bin(test, k, "bind",
		     "{ len=16 data=[0x70 0x00 0x01 0x23] family=16 }", want,
		     sizeof(want));
	KUNIT_EXPECT_STREQ(test, k_b2a(test, k, NGM_KSOCKET_BIND, false, want,
				       sizeof(want)),
			   "{ family=16 len=16 data=[ 0x70 2=0x1 0x23 ] }");
	k_expect_bad(test, k, "bind", "{ family=16 len=1 }");
	k_expect_bad(test, k, "bind", "{ family=16 len=200 }");
	k_expect_bad(test, k, "bind", "{ family=16 len=4 nosuch=1 }");
}

static void ng_ksocket_test_sockopt(struct kunit *test)
{
	u32 k = k_node(test, "ksocket");
	struct {
		s32 level, name;
		u8 value[8];
	} __packed want = { .level = 1, .name = 36, .value = { 2 } };
	s32 req[2] = { 1, 36 };

	k_expect_bin(test, k, "setopt", "{ level=1 name=36 value=[ 2 ] }",
		     &want, 12);
	k_expect_bin(test, k, "setopt",
		     "{ level=1 name=36 value=[ 2 0 0 0 ] }", &want, 12);
	want.value[5] = 9;
	k_expect_bin(test, k, "setopt", "{ level=1 name=36 value=[ 2 5=9 ] }",
		     &want, 16);
	KUNIT_EXPECT_STREQ(test, k_b2a(test, k, NGM_KSOCKET_SETOPT, false,
				       &want, 12),
			   "{ level=1 name=36 value=[ 0x02 0x00 0x00 0x00 ] }");
	/* FreeBSD's man page example names the field "data": ENOENT */
	k_expect_bad(test, k, "setopt",
		     "{ level=0xffff name=0x1014 data=[ 2 ] }");
	k_expect_bin(test, k, "getopt", "{ level=1 name=36 }", req,
		     sizeof(req));
	KUNIT_EXPECT_STREQ(test, k_b2a(test, k, NGM_KSOCKET_GETOPT, true,
				       &want, 12),
			   "{ level=1 name=36 value=[ 0x02 0x00 0x00 0x00 ] }");
}

static void ng_ksocket_test_accept_reply(struct kunit *test)
{
	u32 k = k_node(test, "ksocket");
	struct {
		u32 nodeid;
		struct sockaddr_in sin;
	} __packed acc = {
		.nodeid = 0x2a,
		.sin = {
			.sin_family = AF_INET,
			.sin_port = htons(5000),
			.sin_addr.s_addr = htonl(0x7f000001),
		},
	};

	KUNIT_EXPECT_STREQ(test, k_b2a(test, k, NGM_KSOCKET_ACCEPT, true,
				       &acc, sizeof(acc)),
			   "{ nodeid=0x2a addr=inet/127.0.0.1:5000 }");
	KUNIT_EXPECT_STREQ(test, k_b2a(test, k, NGM_KSOCKET_CONNECT, true,
				       "\x6f\x00\x00\x00", 4),
			   "111");
}

/* Messages that need the socket fail cleanly without one. */
static void ng_ksocket_test_nosocket(struct kunit *test)
{
	u32 k = k_node(test, "ksocket");
	struct netlink_ext_ack extack = {};
	struct ng_mesg *resp = NULL;
	char path[K_PATHLEN];

	KUNIT_EXPECT_EQ(test, ng_ctl_msg(K_NET, k_path(path, k),
					 k_mkmsg(test, NGM_KSOCKET_COOKIE,
						 NGM_KSOCKET_GETNAME,
						 "getname", NULL, 0),
					 &resp, &extack),
			-ENXIO);
	KUNIT_EXPECT_NOT_NULL(test, extack._msg);
	KUNIT_EXPECT_NULL(test, resp);
}

static struct kunit_case ng_ksocket_cases[] = {
	KUNIT_CASE(ng_ksocket_test_hooknames),
	KUNIT_CASE(ng_ksocket_test_inet),
	KUNIT_CASE(ng_ksocket_test_inet6),
	KUNIT_CASE(ng_ksocket_test_local),
	KUNIT_CASE(ng_ksocket_test_generic),
	KUNIT_CASE(ng_ksocket_test_sockopt),
	KUNIT_CASE(ng_ksocket_test_accept_reply),
	KUNIT_CASE(ng_ksocket_test_nosocket),
	{}
};

static struct kunit_suite ng_ksocket_suite = {
	.name = "ng_ksocket",
	.init = k_init,
	.exit = k_exit,
	.test_cases = ng_ksocket_cases,
};

kunit_test_suites(&ng_ksocket_suite);
