// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for the socket node type (kernel/ng_socket.c), driven through
 * its entry points with port IDs no socket has: what the node sends to its
 * channels is dropped, the rest is the real code path.
 */
#include <kunit/test.h>
#include <linux/skbuff.h>
#include <linux/string.h>

#include "core.h"
#include "ctl.h"
#include "../uapi/ng_socket.h"

MODULE_INFO(import_ns, "EXPORTED_FOR_KUNIT_TESTING");

#define KS_OWNER	0x7ffe0001	/* no such sockets */
#define KS_CTL		0x7ffe0002
#define KS_DATA		0x7ffe0003

static struct sk_buff *ks_pkt(void)
{
	struct sk_buff *skb = alloc_skb(8, GFP_KERNEL);

	if (skb)
		skb_put_data(skb, "ksock", 5);
	return skb;
}

static struct ng_mesg *ks_msg(u32 cookie, u32 cmd, const void *arg,
			      size_t len)
{
	struct ng_mesg *m = ng_mkmessage(cookie, cmd, NULL, len, GFP_KERNEL);

	if (m && len)
		memcpy(m->data, arg, len);
	return m;
}

static void ng_sock_test_basic(struct kunit *test)
{
	static const struct ngm_connect c = {
		.path = ".", .ourhook = "a", .peerhook = "b",
	};
	struct nodeinfo ni, ni2;
	u32 newid;

	KUNIT_ASSERT_EQ(test, 0, ng_sock_new(&init_net, KS_OWNER, "ks-sock",
					      &ni, NULL));
	KUNIT_EXPECT_STREQ(test, ni.type, NG_SOCKET_NODE_TYPE);
	KUNIT_EXPECT_STREQ(test, ni.name, "ks-sock");
	KUNIT_EXPECT_EQ(test, -EISCONN,
			ng_sock_new(&init_net, KS_OWNER, NULL, &ni2, NULL));
	KUNIT_EXPECT_EQ(test, -EINVAL,
			ng_ctl_mkpeer(&init_net, NULL, NG_SOCKET_NODE_TYPE,
				      NULL, NULL, &newid, NULL));

	/* channels: once each */
	KUNIT_EXPECT_EQ(test, 0, ng_sock_attach(&init_net, KS_CTL, "ks-sock:",
						 NETGRAPH_SOCK_CHAN_CTL, NULL));
	KUNIT_EXPECT_EQ(test, -EADDRINUSE,
			ng_sock_attach(&init_net, KS_CTL + 1, "ks-sock:",
				       NETGRAPH_SOCK_CHAN_CTL, NULL));

	/* data addressing */
	KUNIT_EXPECT_EQ(test, -EDESTADDRREQ,
			ng_sock_send(&init_net, KS_OWNER, NULL, ks_pkt(), NULL));
	KUNIT_EXPECT_EQ(test, 0, ng_sock_msg(&init_net, KS_OWNER, ".",
		ks_msg(NGM_GENERIC_COOKIE, NGM_CONNECT, &c, sizeof(c)), NULL));
	KUNIT_EXPECT_EQ(test, -EHOSTUNREACH,
			ng_sock_send(&init_net, KS_OWNER, "nope", ks_pkt(), NULL));
	KUNIT_EXPECT_EQ(test, -EDESTADDRREQ,
			ng_sock_send(&init_net, KS_OWNER, NULL, ks_pkt(), NULL));
	/* no data socket: b's copy is dropped, and said so */
	KUNIT_EXPECT_EQ(test, -ENOTCONN,
			ng_sock_send(&init_net, KS_OWNER, "a", ks_pkt(), NULL));

	/* the node's own commands */
	KUNIT_EXPECT_EQ(test, -EINVAL, ng_sock_msg(&init_net, KS_OWNER, ".",
		ks_msg(NGM_SOCKET_COOKIE, 99, NULL, 0), NULL));
	KUNIT_EXPECT_EQ(test, 0, ng_sock_msg(&init_net, KS_OWNER, ".",
		ks_msg(NGM_SOCKET_COOKIE, NGM_SOCK_CMD_NOLINGER, NULL, 0), NULL));

	/* NOLINGER: the node goes with its last hook */
	KUNIT_EXPECT_EQ(test, 0, ng_ctl_rmhook(&init_net, "ks-sock:", "a", NULL));
	KUNIT_EXPECT_EQ(test, -ENOENT,
			ng_ctl_nodeinfo(&init_net, "ks-sock:", &ni2, NULL));
	KUNIT_EXPECT_EQ(test, -ENOTCONN, ng_sock_msg(&init_net, KS_OWNER, ".",
		ks_msg(NGM_GENERIC_COOKIE, NGM_NODEINFO, NULL, 0), NULL));
}

static void ng_sock_test_shutdown(struct kunit *test)
{
	struct nodeinfo ni;

	KUNIT_ASSERT_EQ(test, 0, ng_sock_new(&init_net, KS_OWNER, NULL, &ni,
					      NULL));
	KUNIT_EXPECT_STREQ(test, ni.name, "");
	/* shut down from elsewhere: the owner's next request fails */
	{
		char path[16];

		snprintf(path, sizeof(path), "[%x]:", ni.id);
		KUNIT_EXPECT_EQ(test, 0, ng_ctl_shutdown(&init_net, path, NULL));
	}
	KUNIT_EXPECT_EQ(test, -ENOTCONN,
			ng_sock_send(&init_net, KS_OWNER, NULL, ks_pkt(), NULL));
	/* and the socket may make a new node */
	KUNIT_ASSERT_EQ(test, 0, ng_sock_new(&init_net, KS_OWNER, "ks-again",
					      &ni, NULL));
	KUNIT_EXPECT_EQ(test, 0, ng_ctl_shutdown(&init_net, "ks-again:", NULL));
}

/* A packet or message that cannot fit one netlink attribute is refused. */
static void ng_sock_test_sizes(struct kunit *test)
{
	static const struct ngm_connect c = {
		.path = ".", .ourhook = "a", .peerhook = "b",
	};
	const size_t big = NG_NLA_MAX_PAYLOAD + 1;
	struct sk_buff *skb;
	struct nodeinfo ni;
	struct ng_mesg *m;

	KUNIT_ASSERT_EQ(test, 0, ng_sock_new(&init_net, KS_OWNER, "ks-size",
					      &ni, NULL));
	KUNIT_ASSERT_EQ(test, 0, ng_sock_attach(&init_net, KS_CTL, "ks-size:",
						 NETGRAPH_SOCK_CHAN_CTL, NULL));
	KUNIT_ASSERT_EQ(test, 0, ng_sock_attach(&init_net, KS_DATA, "ks-size:",
						 NETGRAPH_SOCK_CHAN_DATA, NULL));
	KUNIT_ASSERT_EQ(test, 0, ng_sock_msg(&init_net, KS_OWNER, ".",
		ks_msg(NGM_GENERIC_COOKIE, NGM_CONNECT, &c, sizeof(c)), NULL));

	/* b's copy: too large before any attempt to deliver it */
	skb = alloc_skb(big, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	skb_put_zero(skb, big);
	KUNIT_EXPECT_EQ(test, -EMSGSIZE,
			ng_sock_send(&init_net, KS_OWNER, "a", skb, NULL));
	/* a fitting one gets as far as the (absent) data socket */
	KUNIT_EXPECT_EQ(test, -ENOBUFS,
			ng_sock_send(&init_net, KS_OWNER, "a", ks_pkt(), NULL));

	/* a message to the node itself, for the control socket */
	m = ng_mkmessage(4242, 1, NULL, big, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, m);
	KUNIT_EXPECT_EQ(test, -EMSGSIZE, ng_sock_msg(&init_net, KS_OWNER, ".",
						      m, NULL));
	/* a fitting one reaches netlink, which has no such socket */
	KUNIT_EXPECT_EQ(test, -ECONNREFUSED, ng_sock_msg(&init_net, KS_OWNER, ".",
		ks_msg(4242, 1, NULL, 0), NULL));
	KUNIT_EXPECT_EQ(test, 0, ng_ctl_shutdown(&init_net, "ks-size:", NULL));
}

static struct kunit_case ng_sock_cases[] = {
	KUNIT_CASE(ng_sock_test_basic),
	KUNIT_CASE(ng_sock_test_shutdown),
	KUNIT_CASE(ng_sock_test_sizes),
	{}
};

static struct kunit_suite ng_sock_suite = {
	.name = "netgraph_socket",
	.test_cases = ng_sock_cases,
};

kunit_test_suites(&ng_sock_suite);
