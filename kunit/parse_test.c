// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite for NGM_ASCII2BINARY and NGM_BINARY2ASCII: the generic
 * command list and the base types' lists, through ng_ctl_msg() in init_net
 * as netlink would deliver them.  Every node a test makes is shut down by
 * the test's exit method.
 */
#include <kunit/test.h>
#include <linux/skbuff.h>
#include <linux/string.h>
#include <net/net_namespace.h>

#include "../kernel/ctl.h"
#include "../uapi/ng_hole.h"
#include "../uapi/ng_hub.h"
#include "../uapi/ng_one2many.h"
#include "../uapi/ng_tee.h"

#define P_NET		(&init_net)
#define P_PATHLEN	64

struct p_ctx {
	u32 ids[8];
	int n;
};

static int p_init(struct kunit *test)
{
	test->priv = kunit_kzalloc(test, sizeof(struct p_ctx), GFP_KERNEL);
	return test->priv ? 0 : -ENOMEM;
}

static const char *p_path(char *buf, u32 id)
{
	snprintf(buf, P_PATHLEN, "[%x]:", id);
	return buf;
}

/* Shut down every node the test made; those already gone give -ENOENT. */
static void p_exit(struct kunit *test)
{
	struct p_ctx *c = test->priv;
	char path[P_PATHLEN];
	int i;

	for (i = c->n - 1; i >= 0; i--)
		ng_ctl_shutdown(P_NET, p_path(path, c->ids[i]), NULL);
}

static void p_track(struct kunit *test, u32 id)
{
	struct p_ctx *c = test->priv;

	KUNIT_ASSERT_LT(test, c->n, (int)ARRAY_SIZE(c->ids));
	c->ids[c->n++] = id;
}

/* A standalone node of @type; skips the test if the type cannot load. */
static u32 p_node(struct kunit *test, const char *type)
{
	u32 id = 0;
	int err;

	err = ng_ctl_mkpeer(P_NET, NULL, type, NULL, NULL, &id, NULL);
	if (err == -ENXIO)
		kunit_skip(test, "node type %s is not available", type);
	KUNIT_ASSERT_EQ(test, err, 0);
	KUNIT_ASSERT_NE(test, id, 0U);
	p_track(test, id);
	return id;
}

/*
 * Send @msg (consumed) to node @id.  Returns the error; *@out gets a
 * test-managed copy of the synchronous reply (NULL if none), *@ext whether
 * an extack message was left (its text in @why, if not NULL).
 */
static int p_send(struct kunit *test, u32 id, struct ng_mesg *msg,
		  struct ng_mesg **out, bool *ext, char *why, size_t whylen)
{
	struct netlink_ext_ack extack = {};
	struct ng_mesg *resp = NULL;
	char path[P_PATHLEN];
	int err;

	err = ng_ctl_msg(P_NET, p_path(path, id), msg, &resp, &extack);
	if (out) {
		*out = NULL;
		if (resp) {
			size_t len = sizeof(*resp) + resp->header.arglen;

			*out = kunit_kmalloc(test, len, GFP_KERNEL);
			KUNIT_ASSERT_NOT_NULL(test, *out);
			memcpy(*out, resp, len);
		}
	}
	kvfree(resp);
	if (ext)
		*ext = !!extack._msg;
	if (why && extack._msg)
		strscpy(why, extack._msg, whylen);
	return err;
}

static struct ng_mesg *p_mkmsg(struct kunit *test, u32 cookie, u32 cmd,
			       const char *cmdstr, const void *arg, size_t len)
{
	struct ng_mesg *m = ng_mkmessage(cookie, cmd, cmdstr, len, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, m);
	if (len)
		memcpy(m->data, arg, len);
	return m;
}

/* Wrap @inner (not consumed) as the argument of generic command @cmd. */
static struct ng_mesg *p_wrap(struct kunit *test, u32 cmd,
			      const struct ng_mesg *inner, size_t innerlen)
{
	return p_mkmsg(test, NGM_GENERIC_COOKIE, cmd,
		       cmd == NGM_ASCII2BINARY ? "ascii2binary" :
						 "binary2ascii",
		       inner, innerlen);
}

/* An ASCII message: @cmdstr with the text @ascii (its NUL included). */
static struct ng_mesg *p_ascii(struct kunit *test, const char *cmdstr,
			       const char *ascii)
{
	return p_mkmsg(test, 0, 0, cmdstr, ascii, strlen(ascii) + 1);
}

/* ascii2binary at node @id; returns the binary message or NULL on error. */
static struct ng_mesg *p_a2b(struct kunit *test, u32 id, const char *cmdstr,
			     const char *text, int *errp)
{
	struct ng_mesg *a = p_ascii(test, cmdstr, text);
	struct ng_mesg *resp;
	bool ext = false;
	int err;

	err = p_send(test, id, p_wrap(test, NGM_ASCII2BINARY, a,
				      sizeof(*a) + a->header.arglen),
		     &resp, &ext, NULL, 0);
	kvfree(a);
	if (errp)
		*errp = err;
	else
		KUNIT_EXPECT_EQ(test, err, 0);
	if (err) {
		KUNIT_EXPECT_TRUE(test, ext);
		KUNIT_EXPECT_NULL(test, resp);
		return NULL;
	}
	KUNIT_ASSERT_NOT_NULL(test, resp);
	KUNIT_EXPECT_EQ(test, resp->header.cmd, (u32)NGM_ASCII2BINARY);
	KUNIT_EXPECT_EQ(test, resp->header.typecookie, (u32)NGM_GENERIC_COOKIE);
	KUNIT_EXPECT_TRUE(test, resp->header.flags & NGF_RESP);
	KUNIT_ASSERT_GE(test, resp->header.arglen, (u32)sizeof(struct ng_mesg));
	KUNIT_ASSERT_EQ(test, resp->header.arglen,
			(u32)sizeof(struct ng_mesg) +
			((struct ng_mesg *)resp->data)->header.arglen);
	return (struct ng_mesg *)resp->data;
}

/* binary2ascii of @bin at node @id; returns the ASCII message. */
static struct ng_mesg *p_b2a(struct kunit *test, u32 id,
			     const struct ng_mesg *bin, int *errp)
{
	struct ng_mesg *resp, *ascii;
	bool ext = false;
	int err;

	err = p_send(test, id, p_wrap(test, NGM_BINARY2ASCII, bin,
				      sizeof(*bin) + bin->header.arglen),
		     &resp, &ext, NULL, 0);
	if (errp)
		*errp = err;
	else
		KUNIT_EXPECT_EQ(test, err, 0);
	if (err) {
		KUNIT_EXPECT_TRUE(test, ext);
		KUNIT_EXPECT_NULL(test, resp);
		return NULL;
	}
	KUNIT_ASSERT_NOT_NULL(test, resp);
	KUNIT_EXPECT_EQ(test, resp->header.cmd, (u32)NGM_BINARY2ASCII);
	KUNIT_ASSERT_GE(test, resp->header.arglen, (u32)sizeof(struct ng_mesg));
	ascii = (struct ng_mesg *)resp->data;
	KUNIT_ASSERT_EQ(test, resp->header.arglen,
			(u32)sizeof(*ascii) + ascii->header.arglen);
	KUNIT_ASSERT_GE(test, ascii->header.arglen, 1U);
	KUNIT_ASSERT_EQ(test, ascii->data[ascii->header.arglen - 1], '\0');
	KUNIT_EXPECT_EQ(test, strlen(ascii->data) + 1,
			(size_t)ascii->header.arglen);
	return ascii;
}

/* ---- the generic messages ---- */

static void ng_parse_test_mkpeer(struct kunit *test)
{
	u32 h = p_node(test, NG_HUB_NODE_TYPE);
	const struct ngm_mkpeer *mp;
	struct ng_mesg *bin, *ascii, *copy, *resp;
	char want[256];
	u32 peer;
	int err;

	/* "mkpeer" before the brace is not part of the grammar */
	bin = p_a2b(test, h, "mkpeer",
		    "mkpeer { type=\"hub\" ourhook=\"a\" peerhook=\"b\" }",
		    &err);
	KUNIT_EXPECT_NULL(test, bin);
	KUNIT_EXPECT_EQ(test, err, -EINVAL);

	bin = p_a2b(test, h, "mkpeer",
		    "{ type=\"hub\" ourhook=\"a\" peerhook=\"b\" }", NULL);
	KUNIT_ASSERT_NOT_NULL(test, bin);
	KUNIT_EXPECT_EQ(test, bin->header.typecookie, (u32)NGM_GENERIC_COOKIE);
	KUNIT_EXPECT_EQ(test, bin->header.cmd, (u32)NGM_MKPEER);
	KUNIT_EXPECT_EQ(test, bin->header.version, (u8)NG_VERSION);
	KUNIT_EXPECT_FALSE(test, bin->header.flags & NGF_RESP);
	KUNIT_EXPECT_STREQ(test, bin->header.cmdstr, "mkpeer");
	KUNIT_ASSERT_EQ(test, bin->header.arglen, (u32)sizeof(*mp));
	mp = (const struct ngm_mkpeer *)bin->data;
	KUNIT_EXPECT_STREQ(test, mp->type, "hub");
	KUNIT_EXPECT_STREQ(test, mp->ourhook, "a");
	KUNIT_EXPECT_STREQ(test, mp->peerhook, "b");
	KUNIT_EXPECT_TRUE(test, !memchr_inv(mp->type + 4, 0, NG_TYPESIZ - 4));

	/* and back, in canonical form */
	ascii = p_b2a(test, h, bin, NULL);
	KUNIT_ASSERT_NOT_NULL(test, ascii);
	KUNIT_EXPECT_STREQ(test, ascii->header.cmdstr, "mkpeer");
	KUNIT_EXPECT_STREQ(test, ascii->data,
			   "{ type=\"hub\" ourhook=\"a\" peerhook=\"b\" }");

	/* the binary does what it says */
	copy = p_mkmsg(test, bin->header.typecookie, bin->header.cmd,
		       bin->header.cmdstr, bin->data, bin->header.arglen);
	KUNIT_ASSERT_EQ(test, p_send(test, h, copy, &resp, NULL, NULL, 0), 0);
	KUNIT_EXPECT_NULL(test, resp);

	/* listhooks: a variable array sized by nodeinfo.hooks */
	KUNIT_ASSERT_EQ(test, p_send(test, h,
				     p_mkmsg(test, NGM_GENERIC_COOKIE,
					     NGM_LISTHOOKS, "listhooks",
					     NULL, 0),
				     &resp, NULL, NULL, 0), 0);
	KUNIT_ASSERT_NOT_NULL(test, resp);
	KUNIT_ASSERT_EQ(test, resp->header.arglen,
			(u32)struct_size((struct hooklist *)NULL, link, 1));
	peer = ((struct hooklist *)resp->data)->link[0].nodeinfo.id;
	p_track(test, peer);
	ascii = p_b2a(test, h, resp, NULL);
	KUNIT_ASSERT_NOT_NULL(test, ascii);
	KUNIT_EXPECT_STREQ(test, ascii->header.cmdstr, "listhooks");
	snprintf(want, sizeof(want),
		 "{ nodeinfo={ type=\"hub\" id=0x%x hooks=1 } linkinfo=[ { ourhook=\"a\" peerhook=\"b\" nodeinfo={ type=\"hub\" id=0x%x hooks=1 } } ] }",
		 h, peer);
	KUNIT_EXPECT_STREQ(test, ascii->data, want);
}

static void ng_parse_test_nodeinfo(struct kunit *test)
{
	u32 h = p_node(test, NG_HUB_NODE_TYPE);
	struct ng_mesg *resp, *ascii, *bin;
	char path[P_PATHLEN], want[128];

	KUNIT_ASSERT_EQ(test, ng_ctl_name(P_NET, p_path(path, h),
					  "kunit_parse_ni", NULL), 0);
	KUNIT_ASSERT_EQ(test, p_send(test, h,
				     p_mkmsg(test, NGM_GENERIC_COOKIE,
					     NGM_NODEINFO, "nodeinfo",
					     NULL, 0),
				     &resp, NULL, NULL, 0), 0);
	KUNIT_ASSERT_NOT_NULL(test, resp);
	KUNIT_EXPECT_TRUE(test, resp->header.flags & NGF_RESP);

	/* a reply is printed with respType */
	ascii = p_b2a(test, h, resp, NULL);
	KUNIT_ASSERT_NOT_NULL(test, ascii);
	KUNIT_EXPECT_STREQ(test, ascii->header.cmdstr, "nodeinfo");
	KUNIT_EXPECT_EQ(test, ascii->header.cmd, (u32)NGM_NODEINFO);
	KUNIT_EXPECT_TRUE(test, ascii->header.flags & NGF_RESP);
	snprintf(want, sizeof(want),
		 "{ name=\"kunit_parse_ni\" type=\"hub\" id=0x%x }", h);
	KUNIT_EXPECT_STREQ(test, ascii->data, want);

	/* the request has no arguments */
	bin = p_mkmsg(test, NGM_GENERIC_COOKIE, NGM_NODEINFO, NULL, NULL, 0);
	ascii = p_b2a(test, h, bin, NULL);
	kvfree(bin);
	KUNIT_ASSERT_NOT_NULL(test, ascii);
	KUNIT_EXPECT_STREQ(test, ascii->header.cmdstr, "nodeinfo");
	KUNIT_EXPECT_EQ(test, ascii->header.arglen, 1U);

	/* a named generic command with no arguments: the text is ignored */
	bin = p_a2b(test, h, "nodeinfo", "", NULL);
	KUNIT_ASSERT_NOT_NULL(test, bin);
	KUNIT_EXPECT_EQ(test, bin->header.cmd, (u32)NGM_NODEINFO);
	KUNIT_EXPECT_EQ(test, bin->header.arglen, 0U);

	/* name { name="..." } */
	bin = p_a2b(test, h, "name", "{ name=\"kunit_parse_n2\" }", NULL);
	KUNIT_ASSERT_NOT_NULL(test, bin);
	KUNIT_EXPECT_EQ(test, bin->header.cmd, (u32)NGM_NAME);
	KUNIT_ASSERT_EQ(test, bin->header.arglen, (u32)sizeof(struct ngm_name));
	KUNIT_EXPECT_STREQ(test, bin->data, "kunit_parse_n2");

	/* rmhook's ASCII field is "hook" */
	bin = p_a2b(test, h, "rmhook", "{ hook=\"x\" }", NULL);
	KUNIT_ASSERT_NOT_NULL(test, bin);
	KUNIT_EXPECT_EQ(test, bin->header.cmd, (u32)NGM_RMHOOK);
	KUNIT_EXPECT_STREQ(test, bin->data, "x");

	bin = p_a2b(test, h, "connect",
		    "{ path=\"foo:\" ourhook=\"x\" peerhook=\"y\" }", NULL);
	KUNIT_ASSERT_NOT_NULL(test, bin);
	KUNIT_EXPECT_EQ(test, bin->header.cmd, (u32)NGM_CONNECT);
	KUNIT_ASSERT_EQ(test, bin->header.arglen,
			(u32)sizeof(struct ngm_connect));
	KUNIT_EXPECT_STREQ(test, ((struct ngm_connect *)bin->data)->path,
			   "foo:");
	KUNIT_EXPECT_STREQ(test, ((struct ngm_connect *)bin->data)->peerhook,
			   "y");
}

/* ---- the types' lists ---- */

static void ng_parse_test_hole(struct kunit *test)
{
	u32 h = p_node(test, NG_HOLE_NODE_TYPE);
	struct ng_mesg *bin, *copy, *resp, *ascii;
	char path[P_PATHLEN];
	struct sk_buff *skb;
	u32 peer = 0;
	int i;

	KUNIT_ASSERT_EQ(test, ng_ctl_mkpeer(P_NET, p_path(path, h), "hole",
					    "a", "b", &peer, NULL), 0);
	p_track(test, peer);
	for (i = 1; i <= 2; i++) {
		skb = alloc_skb(64, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, skb);
		skb_put_zero(skb, 10 * i);
		KUNIT_ASSERT_EQ(test, ng_ctl_inject(P_NET, path, "a", skb,
						    NULL), 0);
	}

	bin = p_a2b(test, h, "getstats", "\"a\"", NULL);
	KUNIT_ASSERT_NOT_NULL(test, bin);
	KUNIT_EXPECT_EQ(test, bin->header.typecookie, (u32)NGM_HOLE_COOKIE);
	KUNIT_EXPECT_EQ(test, bin->header.cmd, (u32)NGM_HOLE_GET_STATS);
	KUNIT_ASSERT_EQ(test, bin->header.arglen, (u32)NG_HOOKSIZ);
	KUNIT_EXPECT_STREQ(test, bin->data, "a");

	ascii = p_b2a(test, h, bin, NULL);
	KUNIT_ASSERT_NOT_NULL(test, ascii);
	KUNIT_EXPECT_STREQ(test, ascii->header.cmdstr, "getstats");
	KUNIT_EXPECT_STREQ(test, ascii->data, "\"a\"");

	copy = p_mkmsg(test, bin->header.typecookie, bin->header.cmd,
		       bin->header.cmdstr, bin->data, bin->header.arglen);
	KUNIT_ASSERT_EQ(test, p_send(test, h, copy, &resp, NULL, NULL, 0), 0);
	KUNIT_ASSERT_NOT_NULL(test, resp);
	ascii = p_b2a(test, h, resp, NULL);
	KUNIT_ASSERT_NOT_NULL(test, ascii);
	KUNIT_EXPECT_STREQ(test, ascii->header.cmdstr, "getstats");
	KUNIT_EXPECT_STREQ(test, ascii->data, "{ frames=2 octets=30 }");

	/* the type's list is only the target's: a hub does not know it */
	ascii = p_b2a(test, p_node(test, NG_HUB_NODE_TYPE), resp, &i);
	KUNIT_EXPECT_EQ(test, i, -ENOSYS);
	KUNIT_EXPECT_NULL(test, ascii);
}

static void ng_parse_test_one2many(struct kunit *test)
{
	u32 o = p_node(test, NG_ONE2MANY_NODE_TYPE);
	const struct ng_one2many_config *conf;
	struct ng_mesg *bin, *copy, *resp, *ascii;
	bool ext = false;
	int i;

	/* failAlg left out is 0, which one2many rejects, as FreeBSD's does */
	bin = p_a2b(test, o, "setconfig",
		    "{ xmitAlg=2 enabledLinks=[ 1 1 ] }", NULL);
	KUNIT_ASSERT_NOT_NULL(test, bin);
	KUNIT_ASSERT_EQ(test, bin->header.arglen, (u32)sizeof(*conf));
	conf = (const struct ng_one2many_config *)bin->data;
	KUNIT_EXPECT_EQ(test, conf->xmitAlg, 2U);
	KUNIT_EXPECT_EQ(test, conf->failAlg, 0U);
	copy = p_mkmsg(test, bin->header.typecookie, bin->header.cmd,
		       bin->header.cmdstr, bin->data, bin->header.arglen);
	KUNIT_EXPECT_EQ(test, p_send(test, o, copy, NULL, &ext, NULL, 0),
			-EINVAL);
	KUNIT_EXPECT_TRUE(test, ext);

	bin = p_a2b(test, o, "setconfig",
		    "{ xmitAlg=2 failAlg=1 enabledLinks=[ 1 1 ] }", NULL);
	KUNIT_ASSERT_NOT_NULL(test, bin);
	KUNIT_EXPECT_EQ(test, bin->header.typecookie, (u32)NGM_ONE2MANY_COOKIE);
	KUNIT_EXPECT_EQ(test, bin->header.cmd, (u32)NGM_ONE2MANY_SET_CONFIG);
	KUNIT_ASSERT_EQ(test, bin->header.arglen, (u32)sizeof(*conf));
	conf = (const struct ng_one2many_config *)bin->data;
	KUNIT_EXPECT_EQ(test, conf->xmitAlg, 2U);
	KUNIT_EXPECT_EQ(test, conf->failAlg, 1U);
	for (i = 0; i < NG_ONE2MANY_MAX_LINKS; i++)
		KUNIT_EXPECT_EQ(test, conf->enabledLinks[i], (u8)(i < 2));
	copy = p_mkmsg(test, bin->header.typecookie, bin->header.cmd,
		       bin->header.cmdstr, bin->data, bin->header.arglen);
	KUNIT_ASSERT_EQ(test, p_send(test, o, copy, &resp, NULL, NULL, 0), 0);
	KUNIT_EXPECT_NULL(test, resp);

	KUNIT_ASSERT_EQ(test, p_send(test, o,
				     p_mkmsg(test, NGM_ONE2MANY_COOKIE,
					     NGM_ONE2MANY_GET_CONFIG,
					     "getconfig", NULL, 0),
				     &resp, NULL, NULL, 0), 0);
	KUNIT_ASSERT_NOT_NULL(test, resp);
	ascii = p_b2a(test, o, resp, NULL);
	KUNIT_ASSERT_NOT_NULL(test, ascii);
	KUNIT_EXPECT_STREQ(test, ascii->header.cmdstr, "getconfig");
	KUNIT_EXPECT_STREQ(test, ascii->data,
			   "{ xmitAlg=2 failAlg=1 enabledLinks=[ 1 1 ] }");

	/* getstats takes an int32 link number */
	bin = p_a2b(test, o, "getstats", "-1", NULL);
	KUNIT_ASSERT_NOT_NULL(test, bin);
	KUNIT_EXPECT_EQ(test, bin->header.cmd, (u32)NGM_ONE2MANY_GET_STATS);
	KUNIT_ASSERT_EQ(test, bin->header.arglen, 4U);
	KUNIT_EXPECT_EQ(test, *(s32 *)bin->data, -1);
}

static void ng_parse_test_tee_hub(struct kunit *test)
{
	u32 t = p_node(test, NG_TEE_NODE_TYPE);
	u32 h = p_node(test, NG_HUB_NODE_TYPE);
	struct ng_mesg *bin;

	bin = p_a2b(test, t, "getclrstats", "", NULL);
	KUNIT_ASSERT_NOT_NULL(test, bin);
	KUNIT_EXPECT_EQ(test, bin->header.typecookie, (u32)NGM_TEE_COOKIE);
	KUNIT_EXPECT_EQ(test, bin->header.cmd, (u32)NGM_TEE_GETCLR_STATS);
	KUNIT_EXPECT_EQ(test, bin->header.arglen, 0U);

	bin = p_a2b(test, h, "setpersistent", "", NULL);
	KUNIT_ASSERT_NOT_NULL(test, bin);
	KUNIT_EXPECT_EQ(test, bin->header.typecookie, (u32)NGM_HUB_COOKIE);
	KUNIT_EXPECT_EQ(test, bin->header.cmd, (u32)NGM_HUB_SET_PERSISTENT);
}

/* ---- errors ---- */

static void p_a2b_fails(struct kunit *test, u32 id, const char *cmdstr,
			const char *text, int want)
{
	int err = 0;

	KUNIT_EXPECT_NULL(test, p_a2b(test, id, cmdstr, text, &err));
	KUNIT_EXPECT_EQ_MSG(test, err, want, "%s %s", cmdstr, text);
}

static void ng_parse_test_errors(struct kunit *test)
{
	u32 h = p_node(test, NG_HUB_NODE_TYPE);
	u32 o = p_node(test, NG_ONE2MANY_NODE_TYPE);
	struct ng_mesg *a, *resp;
	bool ext = false;
	char why[128] = "";
	int err;

	p_a2b_fails(test, h, "nosuchcmd", "", -ENOSYS);
	p_a2b_fails(test, h, "getconfig", "", -ENOSYS);	/* one2many's */
	p_a2b_fails(test, h, "mkpeer", "{ tipe=\"hub\" }", -ENOENT);
	p_a2b_fails(test, o, "setconfig", "{ xmitAlg=4294967296 }", -ERANGE);
	p_a2b_fails(test, h, "mkpeer", "{ type=\"hub\"", -EINVAL);
	p_a2b_fails(test, h, "name",
		    "{ name=\"0123456789012345678901234567890123\" }", -E2BIG);

	/* the error says where */
	a = p_ascii(test, "mkpeer", "{ tipe=\"hub\" }");
	err = p_send(test, h, p_wrap(test, NGM_ASCII2BINARY, a,
				     sizeof(*a) + a->header.arglen),
		     &resp, &ext, why, sizeof(why));
	kvfree(a);
	KUNIT_EXPECT_EQ(test, err, -ENOENT);
	KUNIT_EXPECT_TRUE(test, ext);
#ifdef NL_SET_ERR_MSG_FMT
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(why, "at byte 2"), "%s", why);
#endif

	/* the text must end within arglen */
	a = p_ascii(test, "mkpeer", "{}");
	a->header.arglen--;
	err = p_send(test, h, p_wrap(test, NGM_ASCII2BINARY, a,
				     sizeof(*a) + a->header.arglen),
		     &resp, &ext, NULL, 0);
	kvfree(a);
	KUNIT_EXPECT_EQ(test, err, -EINVAL);
	KUNIT_EXPECT_TRUE(test, ext);
	KUNIT_EXPECT_NULL(test, resp);

	/* an argument shorter than its header says */
	a = p_mkmsg(test, NGM_GENERIC_COOKIE, NGM_NAME, NULL, "x", 2);
	a->header.arglen = 100;
	err = p_send(test, h, p_wrap(test, NGM_BINARY2ASCII, a, sizeof(*a) + 2),
		     &resp, &ext, NULL, 0);
	kvfree(a);
	KUNIT_EXPECT_EQ(test, err, -EINVAL);

	/* binary2ascii of an unknown command, and of short arguments */
	a = p_mkmsg(test, 0x12345678, 7, NULL, NULL, 0);
	KUNIT_EXPECT_NULL(test, p_b2a(test, h, a, &err));
	KUNIT_EXPECT_EQ(test, err, -ENOSYS);
	kvfree(a);
	a = p_mkmsg(test, NGM_GENERIC_COOKIE, NGM_MKPEER, NULL, "hub", 4);
	KUNIT_EXPECT_NULL(test, p_b2a(test, h, a, &err));
	KUNIT_EXPECT_EQ(test, err, -EINVAL);
	kvfree(a);
}

static struct kunit_case ng_parse_msg_cases[] = {
	KUNIT_CASE(ng_parse_test_mkpeer),
	KUNIT_CASE(ng_parse_test_nodeinfo),
	KUNIT_CASE(ng_parse_test_hole),
	KUNIT_CASE(ng_parse_test_one2many),
	KUNIT_CASE(ng_parse_test_tee_hub),
	KUNIT_CASE(ng_parse_test_errors),
	{}
};

static struct kunit_suite ng_parse_msg_suite = {
	.name = "ng_parse_msg",
	.init = p_init,
	.exit = p_exit,
	.test_cases = ng_parse_msg_cases,
};

kunit_test_suites(&ng_parse_msg_suite);
