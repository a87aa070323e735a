// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suites for the node types that live in the graph alone: echo,
 * hole, tee, hub, one2many, bridge, vlan.
 *
 * Each test builds a real graph in init_net through the control entry
 * points of ctl.h, sends messages and injects packets, and checks what
 * arrived at "types_sink" nodes: a capture type this file registers, which
 * queues every packet it receives and counts flow-control messages.  Every
 * node a test creates is shut down by the test's exit method.
 *
 * The node types are loaded on demand by the core (module ng_<type>); a
 * test whose type cannot be loaded is skipped.
 */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <linux/kthread.h>
#include <linux/mutex.h>
#include <linux/skbuff.h>
#include <linux/string.h>
#include <net/net_namespace.h>

#include "../kernel/ctl.h"
#include "../uapi/ng_bridge.h"
#include "../uapi/ng_echo.h"
#include "../uapi/ng_hole.h"
#include "../uapi/ng_hub.h"
#include "../uapi/ng_one2many.h"
#include "../uapi/ng_tee.h"
#include "../uapi/ng_vlan.h"

#define T_NET		(&init_net)
#define T_PATHLEN	64
#define T_TOKEN		0x5eed1234

/* ---- the capture node type ---- */

struct t_sink {
	struct list_head list;
	u32 id;
	struct ng_hook *hook;		/* the first hook, while it lives */
	struct sk_buff_head q;		/* packets received */
	atomic_t linkup;		/* NGM_LINK_IS_UP received */
	atomic_t linkdown;		/* NGM_LINK_IS_DOWN received */
};

static LIST_HEAD(t_sinks);
static DEFINE_MUTEX(t_sinks_lock);

static int t_sink_constructor(struct ng_node *node)
{
	struct t_sink *s = ng_node_priv(node);

	s->id = ng_node_id(node);
	skb_queue_head_init(&s->q);
	mutex_lock(&t_sinks_lock);
	list_add_tail(&s->list, &t_sinks);
	mutex_unlock(&t_sinks_lock);
	return 0;
}

static void t_sink_shutdown(struct ng_node *node)
{
	struct t_sink *s = ng_node_priv(node);

	mutex_lock(&t_sinks_lock);
	list_del(&s->list);
	mutex_unlock(&t_sinks_lock);
	skb_queue_purge(&s->q);
}

static int t_sink_newhook(struct ng_node *node, struct ng_hook *hook,
			  const char *name)
{
	struct t_sink *s = ng_node_priv(node);

	if (!s->hook)
		WRITE_ONCE(s->hook, hook);
	return 0;
}

static void t_sink_disconnect(struct ng_hook *hook)
{
	struct t_sink *s = ng_node_priv(ng_hook_node(hook));

	if (s->hook == hook)
		WRITE_ONCE(s->hook, NULL);
}

static int t_sink_rcvmsg(struct ng_node *node, struct ng_msgitem *item)
{
	struct t_sink *s = ng_node_priv(node);

	if (item->msg->header.typecookie != NGM_FLOW_COOKIE)
		return 0;
	if (item->msg->header.cmd == NGM_LINK_IS_UP)
		atomic_inc(&s->linkup);
	else if (item->msg->header.cmd == NGM_LINK_IS_DOWN)
		atomic_inc(&s->linkdown);
	return 0;
}

static int t_sink_rcvdata(struct ng_hook *hook, struct sk_buff *skb)
{
	struct t_sink *s = ng_node_priv(ng_hook_node(hook));

	skb_queue_tail(&s->q, skb);
	return 0;
}

static struct ng_type t_sink_type = {
	.name		= "types_sink",
	.owner		= THIS_MODULE,
	.node_priv_size	= sizeof(struct t_sink),
	.constructor	= t_sink_constructor,
	.shutdown	= t_sink_shutdown,
	.newhook	= t_sink_newhook,
	.rcvmsg		= t_sink_rcvmsg,
	.rcvdata	= t_sink_rcvdata,
	.disconnect	= t_sink_disconnect,
};

static int t_suite_init(struct kunit_suite *suite)
{
	return ng_type_register(&t_sink_type);
}

static void t_suite_exit(struct kunit_suite *suite)
{
	int i;

	/*
	 * A sink is freed only when its last reference goes, which a queued
	 * message may still hold for a moment.  numnodes is the core's, but
	 * it is the only way to know when the type may go.
	 */
	for (i = 0; i < 250 && atomic_read(&t_sink_type.numnodes); i++)
		msleep(20);
	WARN_ON(!list_empty(&t_sinks));
	ng_type_unregister(&t_sink_type);
}

/* ---- per-test bookkeeping and helpers ---- */

struct t_ctx {
	u32 ids[40];
	int n;
};

static int t_init(struct kunit *test)
{
	test->priv = kunit_kzalloc(test, sizeof(struct t_ctx), GFP_KERNEL);
	return test->priv ? 0 : -ENOMEM;
}

/* Shut down every node the test made; those already gone give -ENOENT. */
static void t_exit(struct kunit *test)
{
	struct t_ctx *c = test->priv;
	char path[T_PATHLEN];
	bool found;
	int i;

	for (i = c->n - 1; i >= 0; i--) {
		snprintf(path, sizeof(path), "[%x]:", c->ids[i]);
		ng_ctl_shutdown(T_NET, path, NULL);
	}
	mutex_lock(&t_sinks_lock);
	found = false;
	for (i = 0; i < c->n; i++) {
		struct t_sink *s;

		list_for_each_entry(s, &t_sinks, list)
			if (s->id == c->ids[i])
				found = true;
	}
	mutex_unlock(&t_sinks_lock);
	KUNIT_EXPECT_FALSE_MSG(test, found, "a sink survived its shutdown");
}

static const char *t_path(char *buf, u32 id, const char *hook)
{
	if (hook)
		snprintf(buf, T_PATHLEN, "[%x]:%s", id, hook);
	else
		snprintf(buf, T_PATHLEN, "[%x]:", id);
	return buf;
}

/* A standalone node of @type; skips the test if the type cannot load. */
static u32 t_node(struct kunit *test, const char *type)
{
	struct t_ctx *c = test->priv;
	u32 id = 0;
	int err;

	KUNIT_ASSERT_LT(test, c->n, (int)ARRAY_SIZE(c->ids));
	err = ng_ctl_mkpeer(T_NET, NULL, type, NULL, NULL, &id, NULL);
	if (err == -ENXIO)
		kunit_skip(test, "node type %s is not available", type);
	KUNIT_ASSERT_EQ(test, err, 0);
	KUNIT_ASSERT_NE(test, id, 0U);
	c->ids[c->n++] = id;
	return id;
}

static struct t_sink *t_sink_find(u32 id)
{
	struct t_sink *s, *found = NULL;

	mutex_lock(&t_sinks_lock);
	list_for_each_entry(s, &t_sinks, list)
		if (s->id == id)
			found = s;
	mutex_unlock(&t_sinks_lock);
	return found;
}

/* A sink connected by its hook "in" to hook @hook of node @id. */
static struct t_sink *t_sink_on(struct kunit *test, u32 id, const char *hook)
{
	char a[T_PATHLEN], b[T_PATHLEN];
	struct t_sink *s;
	u32 sid;

	sid = t_node(test, "types_sink");
	s = t_sink_find(sid);
	KUNIT_ASSERT_NOT_NULL(test, s);
	KUNIT_ASSERT_EQ(test, ng_ctl_connect(T_NET, t_path(a, id, NULL),
					     t_path(b, sid, NULL), hook, "in",
					     NULL), 0);
	return s;
}

static int t_connect(u32 id, const char *hook, u32 peer, const char *peerhook)
{
	char a[T_PATHLEN], b[T_PATHLEN];

	return ng_ctl_connect(T_NET, t_path(a, id, NULL), t_path(b, peer, NULL),
			      hook, peerhook, NULL);
}

static int t_rmhook(u32 id, const char *hook)
{
	char a[T_PATHLEN];

	return ng_ctl_rmhook(T_NET, t_path(a, id, NULL), hook, NULL);
}

static bool t_alive(u32 id, struct nodeinfo *ni)
{
	char a[T_PATHLEN];
	struct nodeinfo tmp;

	return ng_ctl_nodeinfo(T_NET, t_path(a, id, NULL), ni ?: &tmp,
			       NULL) == 0;
}

/* Packet @i of a test: @len bytes of a pattern that depends on @i. */
static struct sk_buff *t_skb(struct kunit *test, unsigned int len, u8 i)
{
	struct sk_buff *skb = alloc_skb(len, GFP_KERNEL);
	unsigned int k;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	for (k = 0; k < len; k++)
		skb_put_u8(skb, (u8)(i + k));
	return skb;
}

static int t_inject(struct kunit *test, u32 id, const char *hook,
		    unsigned int len, u8 i)
{
	char a[T_PATHLEN];

	return ng_ctl_inject(T_NET, t_path(a, id, NULL), hook,
			     t_skb(test, len, i), NULL);
}

/* Dequeue a packet from @s and check it is packet @i of @len bytes. */
static void t_expect_pkt(struct kunit *test, struct t_sink *s,
			 unsigned int len, u8 i)
{
	struct sk_buff *skb = skb_dequeue(&s->q);
	unsigned int k;
	bool same = true;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_EQ(test, skb->len, len);
	if (skb->len == len)
		for (k = 0; k < len; k++)
			if (skb->data[k] != (u8)(i + k))
				same = false;
	KUNIT_EXPECT_TRUE_MSG(test, same, "packet content differs");
	kfree_skb(skb);
}

static void t_purge(struct t_sink *s)
{
	skb_queue_purge(&s->q);
}

struct t_reply {
	bool got;
	struct ng_msghdr hdr;
	u8 data[256];
};

/*
 * Send a message to @path and keep a copy of any synchronous reply in @rep.
 * Returns the error; if @extack_set is given, it says whether the node left
 * an extack message.
 */
static int t_msg_path(struct kunit *test, const char *path, u32 cookie,
		      u32 cmd, const void *arg, size_t len,
		      struct t_reply *rep, bool *extack_set)
{
	struct netlink_ext_ack extack = {};
	struct ng_mesg *m, *resp = NULL;
	int err;

	m = ng_mkmessage(cookie, cmd, "kunit", len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, m);
	if (len)
		memcpy(m->data, arg, len);
	m->header.token = T_TOKEN;
	err = ng_ctl_msg(T_NET, path, m, &resp, &extack);
	if (rep) {
		memset(rep, 0, sizeof(*rep));
		if (resp) {
			rep->got = true;
			rep->hdr = resp->header;
			memcpy(rep->data, resp->data,
			       min_t(size_t, resp->header.arglen,
				     sizeof(rep->data)));
		}
	}
	kvfree(resp);
	if (extack_set)
		*extack_set = !!extack._msg;
	return err;
}

static int t_msg(struct kunit *test, u32 id, u32 cookie, u32 cmd,
		 const void *arg, size_t len, struct t_reply *rep)
{
	char a[T_PATHLEN];

	return t_msg_path(test, t_path(a, id, NULL), cookie, cmd, arg, len,
			  rep, NULL);
}

/* A message that must fail with @err and leave an extack message. */
static void t_msg_fails(struct kunit *test, u32 id, u32 cookie, u32 cmd,
			const void *arg, size_t len, int want)
{
	char a[T_PATHLEN];
	struct t_reply rep;
	bool ext = false;

	KUNIT_EXPECT_EQ(test, t_msg_path(test, t_path(a, id, NULL), cookie, cmd,
					 arg, len, &rep, &ext), want);
	KUNIT_EXPECT_TRUE_MSG(test, ext, "no extack message for cookie %u cmd %u",
			      cookie, cmd);
	KUNIT_EXPECT_FALSE(test, rep.got);
}

/* Wait (up to 2 s) for a queued message to have been counted. */
static bool t_wait_count(atomic_t *v, int want)
{
	int i;

	for (i = 0; i < 100; i++) {
		if (atomic_read(v) >= want)
			return true;
		msleep(20);
	}
	return false;
}

/* Send packets out of @hook from several kernel threads at once. */
#define T_MAX_THREADS	8

struct t_blast {
	struct ng_hook *hook;
	unsigned int count;
	unsigned int len;
	atomic_t running;
	atomic_t failed;
	struct completion done;
};

static int t_blast_fn(void *arg)
{
	struct t_blast *b = arg;
	unsigned int i;

	for (i = 0; i < b->count; i++) {
		struct sk_buff *skb = alloc_skb(b->len, GFP_KERNEL);

		if (!skb) {
			atomic_inc(&b->failed);
			continue;
		}
		skb_put_zero(skb, b->len);
		if (ng_send_data(b->hook, skb))
			atomic_inc(&b->failed);
		if (!(i % 64))
			cond_resched();
	}
	if (atomic_dec_and_test(&b->running))
		complete(&b->done);
	return 0;
}

static void t_blast(struct kunit *test, struct ng_hook *hook,
		    unsigned int threads, unsigned int count, unsigned int len)
{
	struct task_struct *t[T_MAX_THREADS];
	struct t_blast *b;
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, hook);
	KUNIT_ASSERT_LE(test, threads, (unsigned int)T_MAX_THREADS);
	b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, b);
	b->hook = hook;
	b->count = count;
	b->len = len;
	init_completion(&b->done);
	atomic_set(&b->running, threads);
	for (i = 0; i < threads; i++) {
		t[i] = kthread_create(t_blast_fn, b, "ngt_blast/%u", i);
		if (IS_ERR(t[i])) {
			atomic_add(count, &b->failed);
			if (atomic_dec_and_test(&b->running))
				complete(&b->done);
			continue;
		}
		get_task_struct(t[i]);
		wake_up_process(t[i]);
	}
	/* every thread has sent all it had, then make sure each has exited */
	wait_for_completion(&b->done);
	for (i = 0; i < threads; i++) {
		if (IS_ERR(t[i]))
			continue;
		kthread_stop(t[i]);
		put_task_struct(t[i]);
	}
	KUNIT_EXPECT_EQ(test, atomic_read(&b->failed), 0);
}

/* Tests that take seconds under emulation (KUNIT_CASE_SLOW is 6.6+). */
#ifdef KUNIT_CASE_SLOW
#define T_CASE_SLOW(fn)	KUNIT_CASE_SLOW(fn)
#else
#define T_CASE_SLOW(fn)	KUNIT_CASE(fn)
#endif

/* ---- echo ---- */

static void ng_echo_test_data(struct kunit *test)
{
	u32 e = t_node(test, NG_ECHO_NODE_TYPE);
	struct t_sink *x = t_sink_on(test, e, "x");
	struct t_sink *y = t_sink_on(test, e, "anything-goes");

	KUNIT_EXPECT_EQ(test, t_inject(test, e, "x", 60, 1), 0);
	KUNIT_EXPECT_EQ(test, skb_queue_len(&x->q), 1U);
	KUNIT_EXPECT_EQ(test, skb_queue_len(&y->q), 0U);
	t_expect_pkt(test, x, 60, 1);

	KUNIT_EXPECT_EQ(test, t_inject(test, e, "anything-goes", 7, 2), 0);
	KUNIT_EXPECT_EQ(test, skb_queue_len(&x->q), 0U);
	t_expect_pkt(test, y, 7, 2);
}

static void ng_echo_test_msg(struct kunit *test)
{
	static const char arg[] = "reflect me";
	u32 e = t_node(test, NG_ECHO_NODE_TYPE);
	struct t_reply rep;

	KUNIT_EXPECT_EQ(test, t_msg(test, e, 4242, 17, arg, sizeof(arg), &rep),
			0);
	KUNIT_ASSERT_TRUE(test, rep.got);
	KUNIT_EXPECT_EQ(test, rep.hdr.flags, (u32)NGF_RESP);
	KUNIT_EXPECT_EQ(test, rep.hdr.typecookie, 4242U);
	KUNIT_EXPECT_EQ(test, rep.hdr.cmd, 17U);
	KUNIT_EXPECT_EQ(test, rep.hdr.token, (u32)T_TOKEN);
	KUNIT_EXPECT_EQ(test, rep.hdr.arglen, (u32)sizeof(arg));
	KUNIT_EXPECT_STREQ(test, rep.hdr.cmdstr, "kunit");
	KUNIT_EXPECT_EQ(test, memcmp(rep.data, arg, sizeof(arg)), 0);

	/* its own cookie, and no argument at all */
	KUNIT_EXPECT_EQ(test, t_msg(test, e, NGM_ECHO_COOKIE, 1, NULL, 0, &rep),
			0);
	KUNIT_ASSERT_TRUE(test, rep.got);
	KUNIT_EXPECT_EQ(test, rep.hdr.arglen, 0U);
	KUNIT_EXPECT_EQ(test, rep.hdr.typecookie, (u32)NGM_ECHO_COOKIE);
}

static void ng_echo_test_lifetime(struct kunit *test)
{
	u32 e = t_node(test, NG_ECHO_NODE_TYPE);
	struct nodeinfo ni;

	t_sink_on(test, e, "a");
	t_sink_on(test, e, "b");
	KUNIT_EXPECT_EQ(test, t_rmhook(e, "a"), 0);
	KUNIT_ASSERT_TRUE(test, t_alive(e, &ni));
	KUNIT_EXPECT_EQ(test, ni.hooks, 1U);
	KUNIT_EXPECT_STREQ(test, ni.type, NG_ECHO_NODE_TYPE);
	KUNIT_EXPECT_EQ(test, t_rmhook(e, "b"), 0);
	KUNIT_EXPECT_FALSE(test, t_alive(e, NULL));
}

static struct kunit_case ng_echo_cases[] = {
	KUNIT_CASE(ng_echo_test_data),
	KUNIT_CASE(ng_echo_test_msg),
	KUNIT_CASE(ng_echo_test_lifetime),
	{}
};

static struct kunit_suite ng_echo_suite = {
	.name = "ng_echo",
	.suite_init = t_suite_init,
	.suite_exit = t_suite_exit,
	.init = t_init,
	.exit = t_exit,
	.test_cases = ng_echo_cases,
};

/* ---- hole ---- */

static int t_hole_stats(struct kunit *test, u32 h, u32 cmd, const char *hook,
			struct ng_hole_hookstat *st, bool *got)
{
	char name[NG_HOOKSIZ] = {};
	struct t_reply rep;
	int err;

	strscpy(name, hook, sizeof(name));
	err = t_msg(test, h, NGM_HOLE_COOKIE, cmd, name, sizeof(name), &rep);
	*got = rep.got;
	if (rep.got) {
		KUNIT_EXPECT_EQ(test, rep.hdr.arglen, (u32)sizeof(*st));
		memcpy(st, rep.data, sizeof(*st));
	}
	return err;
}

static void t_hole_expect(struct kunit *test, u32 h, u32 cmd, const char *hook,
			  u64 frames, u64 octets)
{
	struct ng_hole_hookstat st = {};
	bool got;

	KUNIT_ASSERT_EQ(test, t_hole_stats(test, h, cmd, hook, &st, &got), 0);
	KUNIT_ASSERT_TRUE(test, got);
	KUNIT_EXPECT_EQ(test, st.frames, frames);
	KUNIT_EXPECT_EQ(test, st.octets, octets);
}

static void ng_hole_test_counts(struct kunit *test)
{
	u32 h = t_node(test, NG_HOLE_NODE_TYPE);
	struct t_sink *a = t_sink_on(test, h, "a");
	struct t_sink *b = t_sink_on(test, h, "b");
	struct ng_hole_hookstat st;
	bool got;

	KUNIT_EXPECT_EQ(test, t_inject(test, h, "a", 10, 0), 0);
	KUNIT_EXPECT_EQ(test, t_inject(test, h, "a", 20, 0), 0);
	KUNIT_EXPECT_EQ(test, t_inject(test, h, "a", 30, 0), 0);
	KUNIT_EXPECT_EQ(test, t_inject(test, h, "b", 7, 0), 0);
	KUNIT_EXPECT_EQ(test, skb_queue_len(&a->q) + skb_queue_len(&b->q), 0U);

	t_hole_expect(test, h, NGM_HOLE_GET_STATS, "a", 3, 60);
	t_hole_expect(test, h, NGM_HOLE_GET_STATS, "b", 1, 7);
	/* get-and-clear returns the old values, then they are zero */
	t_hole_expect(test, h, NGM_HOLE_GETCLR_STATS, "a", 3, 60);
	t_hole_expect(test, h, NGM_HOLE_GET_STATS, "a", 0, 0);
	t_hole_expect(test, h, NGM_HOLE_GET_STATS, "b", 1, 7);
	/* clear has no reply */
	KUNIT_EXPECT_EQ(test, t_hole_stats(test, h, NGM_HOLE_CLR_STATS, "b",
					   &st, &got), 0);
	KUNIT_EXPECT_FALSE(test, got);
	t_hole_expect(test, h, NGM_HOLE_GET_STATS, "b", 0, 0);
}

static void ng_hole_test_concurrent(struct kunit *test)
{
	u32 h = t_node(test, NG_HOLE_NODE_TYPE);
	struct t_sink *a = t_sink_on(test, h, "a");

	/* rcvdata on several CPUs at once: no update may be lost */
	t_blast(test, READ_ONCE(a->hook), 4, 5000, 3);
	t_hole_expect(test, h, NGM_HOLE_GET_STATS, "a", 20000, 60000);
}

static void ng_hole_test_errors(struct kunit *test)
{
	u32 h = t_node(test, NG_HOLE_NODE_TYPE);
	char name[NG_HOOKSIZ] = "a";
	char full[NG_HOOKSIZ];

	t_sink_on(test, h, "a");
	memset(full, 'a', sizeof(full));
	/* arglen must be exactly NG_HOOKSIZ */
	t_msg_fails(test, h, NGM_HOLE_COOKIE, NGM_HOLE_GET_STATS, "a", 2,
		    -EINVAL);
	t_msg_fails(test, h, NGM_HOLE_COOKIE, NGM_HOLE_CLR_STATS, name,
		    sizeof(name) - 1, -EINVAL);
	t_msg_fails(test, h, NGM_HOLE_COOKIE, NGM_HOLE_GET_STATS, NULL, 0,
		    -EINVAL);
	/* unknown hook, and a name without its NUL */
	strscpy(name, "zz", sizeof(name));
	t_msg_fails(test, h, NGM_HOLE_COOKIE, NGM_HOLE_GET_STATS, name,
		    sizeof(name), -ENOENT);
	t_msg_fails(test, h, NGM_HOLE_COOKIE, NGM_HOLE_GETCLR_STATS, full,
		    sizeof(full), -ENOENT);
	/* unknown command and cookie */
	strscpy(name, "a", sizeof(name));
	t_msg_fails(test, h, NGM_HOLE_COOKIE, 4, name, sizeof(name), -EINVAL);
	t_msg_fails(test, h, NGM_HOLE_COOKIE, 0, name, sizeof(name), -EINVAL);
	t_msg_fails(test, h, NGM_TEE_COOKIE, NGM_HOLE_GET_STATS, name,
		    sizeof(name), -EINVAL);
}

static void ng_hole_test_lifetime(struct kunit *test)
{
	u32 h = t_node(test, NG_HOLE_NODE_TYPE);

	t_sink_on(test, h, "a");
	t_sink_on(test, h, "b");
	KUNIT_EXPECT_EQ(test, t_rmhook(h, "b"), 0);
	KUNIT_EXPECT_TRUE(test, t_alive(h, NULL));
	KUNIT_EXPECT_EQ(test, t_rmhook(h, "a"), 0);
	KUNIT_EXPECT_FALSE(test, t_alive(h, NULL));
}

static struct kunit_case ng_hole_cases[] = {
	KUNIT_CASE(ng_hole_test_counts),
	T_CASE_SLOW(ng_hole_test_concurrent),
	KUNIT_CASE(ng_hole_test_errors),
	KUNIT_CASE(ng_hole_test_lifetime),
	{}
};

static struct kunit_suite ng_hole_suite = {
	.name = "ng_hole",
	.suite_init = t_suite_init,
	.suite_exit = t_suite_exit,
	.init = t_init,
	.exit = t_exit,
	.test_cases = ng_hole_cases,
};

/* ---- tee ---- */

struct t_tee {
	u32 id;
	struct t_sink *left, *right, *l2r, *r2l;
};

static void t_tee_make(struct kunit *test, struct t_tee *t)
{
	t->id = t_node(test, NG_TEE_NODE_TYPE);
	t->left = t_sink_on(test, t->id, NG_TEE_HOOK_LEFT);
	t->right = t_sink_on(test, t->id, NG_TEE_HOOK_RIGHT);
	t->l2r = t_sink_on(test, t->id, NG_TEE_HOOK_LEFT2RIGHT);
	t->r2l = t_sink_on(test, t->id, NG_TEE_HOOK_RIGHT2LEFT);
}

static void t_tee_counts(struct kunit *test, struct t_tee *t, unsigned int l,
			 unsigned int r, unsigned int l2r, unsigned int r2l)
{
	KUNIT_EXPECT_EQ(test, skb_queue_len(&t->left->q), l);
	KUNIT_EXPECT_EQ(test, skb_queue_len(&t->right->q), r);
	KUNIT_EXPECT_EQ(test, skb_queue_len(&t->l2r->q), l2r);
	KUNIT_EXPECT_EQ(test, skb_queue_len(&t->r2l->q), r2l);
}

static void ng_tee_test_directions(struct kunit *test)
{
	struct t_tee t;

	t_tee_make(test, &t);

	/* left: out right, copy out left2right */
	KUNIT_EXPECT_EQ(test, t_inject(test, t.id, NG_TEE_HOOK_LEFT, 50, 1), 0);
	t_tee_counts(test, &t, 0, 1, 1, 0);
	t_expect_pkt(test, t.right, 50, 1);
	t_expect_pkt(test, t.l2r, 50, 1);

	/* right: out left, copy out right2left */
	KUNIT_EXPECT_EQ(test, t_inject(test, t.id, NG_TEE_HOOK_RIGHT, 40, 2), 0);
	t_tee_counts(test, &t, 1, 0, 0, 1);
	t_expect_pkt(test, t.left, 40, 2);
	t_expect_pkt(test, t.r2l, 40, 2);

	/* FreeBSD's code (not its man page): left2right goes out left ... */
	KUNIT_EXPECT_EQ(test, t_inject(test, t.id, NG_TEE_HOOK_LEFT2RIGHT, 30, 3),
			0);
	t_tee_counts(test, &t, 1, 0, 0, 0);
	t_expect_pkt(test, t.left, 30, 3);

	/* ... and right2left out right, without copies */
	KUNIT_EXPECT_EQ(test, t_inject(test, t.id, NG_TEE_HOOK_RIGHT2LEFT, 20, 4),
			0);
	t_tee_counts(test, &t, 0, 1, 0, 0);
	t_expect_pkt(test, t.right, 20, 4);
}

static void ng_tee_test_partial(struct kunit *test)
{
	u32 id = t_node(test, NG_TEE_NODE_TYPE);
	struct t_sink *left = t_sink_on(test, id, NG_TEE_HOOK_LEFT);
	struct t_sink *l2r;

	/* nowhere to go: dropped, not an error */
	KUNIT_EXPECT_EQ(test, t_inject(test, id, NG_TEE_HOOK_LEFT, 10, 0), 0);
	KUNIT_EXPECT_EQ(test, skb_queue_len(&left->q), 0U);

	/* no right: the tap gets the packet itself */
	l2r = t_sink_on(test, id, NG_TEE_HOOK_LEFT2RIGHT);
	KUNIT_EXPECT_EQ(test, t_inject(test, id, NG_TEE_HOOK_LEFT, 10, 5), 0);
	KUNIT_EXPECT_EQ(test, skb_queue_len(&l2r->q), 1U);
	t_expect_pkt(test, l2r, 10, 5);
	KUNIT_EXPECT_EQ(test, t_inject(test, id, NG_TEE_HOOK_LEFT2RIGHT, 10, 6),
			0);
	t_expect_pkt(test, left, 10, 6);
}

static void t_tee_hs(struct kunit *test, const struct ng_tee_hookstat *hs,
		     u64 inf, u64 ino, u64 outf, u64 outo)
{
	KUNIT_EXPECT_EQ(test, hs->inFrames, inf);
	KUNIT_EXPECT_EQ(test, hs->inOctets, ino);
	KUNIT_EXPECT_EQ(test, hs->outFrames, outf);
	KUNIT_EXPECT_EQ(test, hs->outOctets, outo);
}

static void ng_tee_test_stats(struct kunit *test)
{
	struct ng_tee_stats st;
	struct t_reply rep;
	struct t_tee t;

	t_tee_make(test, &t);
	KUNIT_EXPECT_EQ(test, t_inject(test, t.id, NG_TEE_HOOK_LEFT, 10, 0), 0);
	KUNIT_EXPECT_EQ(test, t_inject(test, t.id, NG_TEE_HOOK_RIGHT, 20, 0), 0);
	KUNIT_EXPECT_EQ(test, t_inject(test, t.id, NG_TEE_HOOK_RIGHT, 20, 0), 0);
	KUNIT_EXPECT_EQ(test, t_inject(test, t.id, NG_TEE_HOOK_LEFT2RIGHT, 5, 0),
			0);

	KUNIT_ASSERT_EQ(test, t_msg(test, t.id, NGM_TEE_COOKIE,
				    NGM_TEE_GET_STATS, NULL, 0, &rep), 0);
	KUNIT_ASSERT_TRUE(test, rep.got);
	KUNIT_ASSERT_EQ(test, rep.hdr.arglen, (u32)sizeof(st));
	memcpy(&st, rep.data, sizeof(st));
	t_tee_hs(test, &st.left, 1, 10, 3, 45);
	t_tee_hs(test, &st.right, 2, 40, 1, 10);
	t_tee_hs(test, &st.left2right, 1, 5, 1, 10);
	t_tee_hs(test, &st.right2left, 0, 0, 2, 40);

	KUNIT_ASSERT_EQ(test, t_msg(test, t.id, NGM_TEE_COOKIE,
				    NGM_TEE_GETCLR_STATS, NULL, 0, &rep), 0);
	KUNIT_ASSERT_TRUE(test, rep.got);
	memcpy(&st, rep.data, sizeof(st));
	t_tee_hs(test, &st.right, 2, 40, 1, 10);

	KUNIT_ASSERT_EQ(test, t_msg(test, t.id, NGM_TEE_COOKIE,
				    NGM_TEE_GET_STATS, NULL, 0, &rep), 0);
	memcpy(&st, rep.data, sizeof(st));
	t_tee_hs(test, &st.left, 0, 0, 0, 0);
	t_tee_hs(test, &st.right, 0, 0, 0, 0);
	t_tee_hs(test, &st.left2right, 0, 0, 0, 0);
	t_tee_hs(test, &st.right2left, 0, 0, 0, 0);

	KUNIT_EXPECT_EQ(test, t_inject(test, t.id, NG_TEE_HOOK_LEFT, 10, 0), 0);
	KUNIT_ASSERT_EQ(test, t_msg(test, t.id, NGM_TEE_COOKIE,
				    NGM_TEE_CLR_STATS, NULL, 0, &rep), 0);
	KUNIT_EXPECT_FALSE(test, rep.got);
	KUNIT_ASSERT_EQ(test, t_msg(test, t.id, NGM_TEE_COOKIE,
				    NGM_TEE_GET_STATS, NULL, 0, &rep), 0);
	memcpy(&st, rep.data, sizeof(st));
	t_tee_hs(test, &st.left, 0, 0, 0, 0);

	t_msg_fails(test, t.id, NGM_TEE_COOKIE, 4, NULL, 0, -EINVAL);
	t_msg_fails(test, t.id, NGM_HUB_COOKIE, NGM_TEE_GET_STATS, NULL, 0,
		    -EINVAL);
}

static void ng_tee_test_flow(struct kunit *test)
{
	char path[T_PATHLEN];
	struct t_tee t;

	t_tee_make(test, &t);
	/* a flow message coming in through left goes on out of right */
	snprintf(path, sizeof(path), "[%x]:in", t.left->id);
	KUNIT_EXPECT_EQ(test, t_msg_path(test, path, NGM_FLOW_COOKIE,
					 NGM_LINK_IS_UP, NULL, 0, NULL, NULL),
			0);
	KUNIT_EXPECT_TRUE(test, t_wait_count(&t.right->linkup, 1));
	/* and through right, out of left */
	snprintf(path, sizeof(path), "[%x]:in", t.right->id);
	KUNIT_EXPECT_EQ(test, t_msg_path(test, path, NGM_FLOW_COOKIE,
					 NGM_LINK_IS_DOWN, NULL, 0, NULL, NULL),
			0);
	KUNIT_EXPECT_TRUE(test, t_wait_count(&t.left->linkdown, 1));
	/* through a tap it is dropped */
	snprintf(path, sizeof(path), "[%x]:in", t.l2r->id);
	KUNIT_EXPECT_EQ(test, t_msg_path(test, path, NGM_FLOW_COOKIE,
					 NGM_LINK_IS_UP, NULL, 0, NULL, NULL),
			0);
	msleep(50);
	KUNIT_EXPECT_EQ(test, atomic_read(&t.left->linkup), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&t.right->linkup), 1);
}

static void ng_tee_test_hooks(struct kunit *test)
{
	u32 id = t_node(test, NG_TEE_NODE_TYPE);
	u32 s = t_node(test, "types_sink");
	struct nodeinfo ni;

	KUNIT_EXPECT_EQ(test, t_connect(id, "middle", s, "a"), -EINVAL);
	KUNIT_EXPECT_EQ(test, t_connect(id, "Left", s, "a"), -EINVAL);
	KUNIT_EXPECT_EQ(test, t_connect(id, NG_TEE_HOOK_LEFT, s, "a"), 0);
	KUNIT_EXPECT_EQ(test, t_connect(id, NG_TEE_HOOK_LEFT, s, "b"), -EEXIST);
	KUNIT_EXPECT_EQ(test, t_connect(id, NG_TEE_HOOK_RIGHT, s, "b"), 0);
	KUNIT_EXPECT_EQ(test, t_rmhook(id, NG_TEE_HOOK_LEFT), 0);
	KUNIT_ASSERT_TRUE(test, t_alive(id, &ni));
	KUNIT_EXPECT_EQ(test, ni.hooks, 1U);
	KUNIT_EXPECT_EQ(test, t_rmhook(id, NG_TEE_HOOK_RIGHT), 0);
	KUNIT_EXPECT_FALSE(test, t_alive(id, NULL));
}

static void ng_tee_test_shutdown(struct kunit *test)
{
	struct ng_hook *hook;
	struct nodeinfo ni;
	char path[T_PATHLEN];
	struct t_tee t;

	t_tee_make(test, &t);
	KUNIT_ASSERT_EQ(test, ng_ctl_shutdown(T_NET, t_path(path, t.id, NULL),
					      NULL), 0);
	KUNIT_EXPECT_FALSE(test, t_alive(t.id, NULL));
	KUNIT_ASSERT_TRUE(test, t_alive(t.l2r->id, &ni));
	KUNIT_EXPECT_EQ(test, ni.hooks, 0U);
	KUNIT_ASSERT_TRUE(test, t_alive(t.left->id, &ni));
	/* the neighbours of left and right are now connected to each other */
	KUNIT_EXPECT_EQ(test, ni.hooks, 1U);
	KUNIT_EXPECT_TRUE(test, t_alive(t.right->id, &ni));
	KUNIT_EXPECT_EQ(test, ni.hooks, 1U);
	hook = READ_ONCE(t.left->hook);
	KUNIT_ASSERT_NOT_NULL(test, hook);
	KUNIT_EXPECT_EQ(test, ng_send_data(hook, t_skb(test, 5, 9)), 0);
	t_expect_pkt(test, t.right, 5, 9);
}

static struct kunit_case ng_tee_cases[] = {
	KUNIT_CASE(ng_tee_test_directions),
	KUNIT_CASE(ng_tee_test_partial),
	KUNIT_CASE(ng_tee_test_stats),
	KUNIT_CASE(ng_tee_test_flow),
	KUNIT_CASE(ng_tee_test_hooks),
	KUNIT_CASE(ng_tee_test_shutdown),
	{}
};

static struct kunit_suite ng_tee_suite = {
	.name = "ng_tee",
	.suite_init = t_suite_init,
	.suite_exit = t_suite_exit,
	.init = t_init,
	.exit = t_exit,
	.test_cases = ng_tee_cases,
};

/* ---- hub ---- */

static void ng_hub_test_copies(struct kunit *test)
{
	u32 h = t_node(test, NG_HUB_NODE_TYPE);
	struct t_sink *s[4];
	char name[8];
	int i;

	for (i = 0; i < 4; i++) {
		snprintf(name, sizeof(name), "p%d", i);
		s[i] = t_sink_on(test, h, name);
	}
	KUNIT_EXPECT_EQ(test, t_inject(test, h, "p0", 64, 7), 0);
	KUNIT_EXPECT_EQ(test, skb_queue_len(&s[0]->q), 0U);
	for (i = 1; i < 4; i++) {
		KUNIT_EXPECT_EQ(test, skb_queue_len(&s[i]->q), 1U);
		t_expect_pkt(test, s[i], 64, 7);
	}

	KUNIT_EXPECT_EQ(test, t_inject(test, h, "p2", 3, 8), 0);
	KUNIT_EXPECT_EQ(test, skb_queue_len(&s[2]->q), 0U);
	t_expect_pkt(test, s[0], 3, 8);
	t_expect_pkt(test, s[1], 3, 8);
	t_expect_pkt(test, s[3], 3, 8);
}

static void ng_hub_test_alone(struct kunit *test)
{
	u32 h = t_node(test, NG_HUB_NODE_TYPE);
	struct t_sink *s = t_sink_on(test, h, "only");

	/* no other hook: dropped quietly, never sent back */
	KUNIT_EXPECT_EQ(test, t_inject(test, h, "only", 10, 0), 0);
	KUNIT_EXPECT_EQ(test, skb_queue_len(&s->q), 0U);
}

static void ng_hub_test_persistent(struct kunit *test)
{
	u32 p = t_node(test, NG_HUB_NODE_TYPE);
	u32 n = t_node(test, NG_HUB_NODE_TYPE);
	struct nodeinfo ni;

	t_sink_on(test, p, "a");
	t_sink_on(test, n, "a");
	KUNIT_EXPECT_EQ(test, t_msg(test, p, NGM_HUB_COOKIE,
				    NGM_HUB_SET_PERSISTENT, NULL, 0, NULL), 0);

	KUNIT_EXPECT_EQ(test, t_rmhook(p, "a"), 0);
	KUNIT_ASSERT_TRUE(test, t_alive(p, &ni));
	KUNIT_EXPECT_EQ(test, ni.hooks, 0U);
	KUNIT_EXPECT_STREQ(test, ni.type, NG_HUB_NODE_TYPE);

	KUNIT_EXPECT_EQ(test, t_rmhook(n, "a"), 0);
	KUNIT_EXPECT_FALSE(test, t_alive(n, NULL));

	/* a persistent hub still goes on an explicit shutdown (t_exit) */
}

static void ng_hub_test_errors(struct kunit *test)
{
	u32 h = t_node(test, NG_HUB_NODE_TYPE);

	t_msg_fails(test, h, NGM_HUB_COOKIE, 2, NULL, 0, -EINVAL);
	t_msg_fails(test, h, NGM_HUB_COOKIE, 0, NULL, 0, -EINVAL);
	t_msg_fails(test, h, NGM_HOLE_COOKIE, NGM_HUB_SET_PERSISTENT, NULL, 0,
		    -EINVAL);
}

static struct kunit_case ng_hub_cases[] = {
	KUNIT_CASE(ng_hub_test_copies),
	KUNIT_CASE(ng_hub_test_alone),
	KUNIT_CASE(ng_hub_test_persistent),
	KUNIT_CASE(ng_hub_test_errors),
	{}
};

static struct kunit_suite ng_hub_suite = {
	.name = "ng_hub",
	.suite_init = t_suite_init,
	.suite_exit = t_suite_exit,
	.init = t_init,
	.exit = t_exit,
	.test_cases = ng_hub_cases,
};

/* ---- one2many ---- */

#define T_MANY	3

struct t_o2m {
	u32 id;
	struct t_sink *one;
	struct t_sink *many[T_MANY];
};

static void t_o2m_make(struct kunit *test, struct t_o2m *o)
{
	char name[16];
	int i;

	o->id = t_node(test, NG_ONE2MANY_NODE_TYPE);
	o->one = t_sink_on(test, o->id, NG_ONE2MANY_HOOK_ONE);
	for (i = 0; i < T_MANY; i++) {
		snprintf(name, sizeof(name), NG_ONE2MANY_HOOK_MANY_FMT, i);
		o->many[i] = t_sink_on(test, o->id, name);
	}
}

/* Set a configuration; @links is a bit mask of the enabled links. */
static int t_o2m_config(struct kunit *test, u32 id, u32 xmit, u32 fail,
			u64 links)
{
	struct ng_one2many_config conf = {
		.xmitAlg = xmit,
		.failAlg = fail,
	};
	int i;

	for (i = 0; i < NG_ONE2MANY_MAX_LINKS; i++)
		conf.enabledLinks[i] = (links >> i) & 1;
	return t_msg(test, id, NGM_ONE2MANY_COOKIE, NGM_ONE2MANY_SET_CONFIG,
		     &conf, sizeof(conf), NULL);
}

static void t_o2m_getconfig(struct kunit *test, u32 id,
			    struct ng_one2many_config *conf)
{
	struct t_reply rep;

	KUNIT_ASSERT_EQ(test, t_msg(test, id, NGM_ONE2MANY_COOKIE,
				    NGM_ONE2MANY_GET_CONFIG, NULL, 0, &rep), 0);
	KUNIT_ASSERT_TRUE(test, rep.got);
	KUNIT_ASSERT_EQ(test, rep.hdr.arglen, (u32)sizeof(*conf));
	memcpy(conf, rep.data, sizeof(*conf));
}

static void t_o2m_stats(struct kunit *test, u32 id, u32 cmd, s32 link,
			struct ng_one2many_link_stats *st)
{
	struct t_reply rep;

	KUNIT_ASSERT_EQ(test, t_msg(test, id, NGM_ONE2MANY_COOKIE, cmd, &link,
				    sizeof(link), &rep), 0);
	KUNIT_ASSERT_TRUE(test, rep.got);
	KUNIT_ASSERT_EQ(test, rep.hdr.arglen, (u32)sizeof(*st));
	memcpy(st, rep.data, sizeof(*st));
}

static void t_o2m_counts(struct kunit *test, struct t_o2m *o, unsigned int a,
			 unsigned int b, unsigned int c)
{
	KUNIT_EXPECT_EQ(test, skb_queue_len(&o->many[0]->q), a);
	KUNIT_EXPECT_EQ(test, skb_queue_len(&o->many[1]->q), b);
	KUNIT_EXPECT_EQ(test, skb_queue_len(&o->many[2]->q), c);
}

static void t_o2m_purge(struct t_o2m *o)
{
	int i;

	t_purge(o->one);
	for (i = 0; i < T_MANY; i++)
		t_purge(o->many[i]);
}

static void ng_one2many_test_defaults(struct kunit *test)
{
	struct ng_one2many_config conf;
	struct t_o2m o;
	int i;

	t_o2m_make(test, &o);
	t_o2m_getconfig(test, o.id, &conf);
	KUNIT_EXPECT_EQ(test, conf.xmitAlg, (u32)NG_ONE2MANY_XMIT_ROUNDROBIN);
	KUNIT_EXPECT_EQ(test, conf.failAlg, (u32)NG_ONE2MANY_FAIL_MANUAL);
	/* connecting a many hook enables its link */
	for (i = 0; i < NG_ONE2MANY_MAX_LINKS; i++)
		KUNIT_EXPECT_EQ(test, conf.enabledLinks[i], i < T_MANY ? 1 : 0);

	/* enabledLinks values are normalised to 0/1 */
	conf.enabledLinks[5] = 7;
	conf.enabledLinks[1] = 0;
	conf.xmitAlg = NG_ONE2MANY_XMIT_ALL;
	KUNIT_ASSERT_EQ(test, t_msg(test, o.id, NGM_ONE2MANY_COOKIE,
				    NGM_ONE2MANY_SET_CONFIG, &conf,
				    sizeof(conf), NULL), 0);
	t_o2m_getconfig(test, o.id, &conf);
	KUNIT_EXPECT_EQ(test, conf.xmitAlg, (u32)NG_ONE2MANY_XMIT_ALL);
	KUNIT_EXPECT_EQ(test, conf.enabledLinks[0], 1);
	KUNIT_EXPECT_EQ(test, conf.enabledLinks[1], 0);
	KUNIT_EXPECT_EQ(test, conf.enabledLinks[5], 1);

	/* removing a many hook disables its link */
	KUNIT_EXPECT_EQ(test, t_rmhook(o.id, "many0"), 0);
	t_o2m_getconfig(test, o.id, &conf);
	KUNIT_EXPECT_EQ(test, conf.enabledLinks[0], 0);
}

static void ng_one2many_test_round_robin(struct kunit *test)
{
	bool seen[T_MANY] = {};
	struct t_o2m o;
	int i, j;

	t_o2m_make(test, &o);
	/* three packets in a row reach three different links */
	for (i = 0; i < T_MANY; i++) {
		KUNIT_EXPECT_EQ(test, t_inject(test, o.id, "one", 10, i), 0);
		for (j = 0; j < T_MANY; j++)
			if (skb_queue_len(&o.many[j]->q))
				seen[j] = true;
	}
	for (j = 0; j < T_MANY; j++)
		KUNIT_EXPECT_TRUE(test, seen[j]);
	for (i = T_MANY; i < 9; i++)
		KUNIT_EXPECT_EQ(test, t_inject(test, o.id, "one", 10, i), 0);
	t_o2m_counts(test, &o, 3, 3, 3);
	KUNIT_EXPECT_EQ(test, skb_queue_len(&o.one->q), 0U);

	/* from any many link to one */
	KUNIT_EXPECT_EQ(test, t_inject(test, o.id, "many1", 12, 40), 0);
	KUNIT_EXPECT_EQ(test, skb_queue_len(&o.one->q), 1U);
	t_expect_pkt(test, o.one, 12, 40);
	t_o2m_counts(test, &o, 3, 3, 3);
}

static void ng_one2many_test_round_robin_concurrent(struct kunit *test)
{
	struct t_o2m o;

	t_o2m_make(test, &o);
	/* the round-robin position is shared by CPUs: still exactly even */
	t_blast(test, READ_ONCE(o.one->hook), 4, 3000, 1);
	t_o2m_counts(test, &o, 4000, 4000, 4000);
	t_o2m_purge(&o);
}

static void ng_one2many_test_all(struct kunit *test)
{
	struct t_o2m o;
	int i;

	t_o2m_make(test, &o);
	KUNIT_ASSERT_EQ(test, t_o2m_config(test, o.id, NG_ONE2MANY_XMIT_ALL,
					   NG_ONE2MANY_FAIL_MANUAL, 0x7), 0);
	KUNIT_EXPECT_EQ(test, t_inject(test, o.id, "one", 33, 1), 0);
	KUNIT_EXPECT_EQ(test, t_inject(test, o.id, "one", 34, 2), 0);
	t_o2m_counts(test, &o, 2, 2, 2);
	for (i = 0; i < T_MANY; i++) {
		t_expect_pkt(test, o.many[i], 33, 1);
		t_expect_pkt(test, o.many[i], 34, 2);
	}
	/* a disabled link gets no copy */
	KUNIT_ASSERT_EQ(test, t_o2m_config(test, o.id, NG_ONE2MANY_XMIT_ALL,
					   NG_ONE2MANY_FAIL_MANUAL, 0x5), 0);
	KUNIT_EXPECT_EQ(test, t_inject(test, o.id, "one", 5, 3), 0);
	t_o2m_counts(test, &o, 1, 0, 1);
}

static void ng_one2many_test_failover(struct kunit *test)
{
	struct t_o2m o;
	int i;

	t_o2m_make(test, &o);
	KUNIT_ASSERT_EQ(test, t_o2m_config(test, o.id,
					   NG_ONE2MANY_XMIT_FAILOVER,
					   NG_ONE2MANY_FAIL_MANUAL, 0x7), 0);
	for (i = 0; i < 3; i++)
		KUNIT_EXPECT_EQ(test, t_inject(test, o.id, "one", 8, i), 0);
	t_o2m_counts(test, &o, 3, 0, 0);
	t_o2m_purge(&o);

	/* the first enabled link takes over */
	KUNIT_ASSERT_EQ(test, t_o2m_config(test, o.id,
					   NG_ONE2MANY_XMIT_FAILOVER,
					   NG_ONE2MANY_FAIL_MANUAL, 0x6), 0);
	for (i = 0; i < 2; i++)
		KUNIT_EXPECT_EQ(test, t_inject(test, o.id, "one", 8, i), 0);
	t_o2m_counts(test, &o, 0, 2, 0);
	t_o2m_purge(&o);

	/* and a missing link counts as down */
	KUNIT_ASSERT_EQ(test, t_o2m_config(test, o.id,
					   NG_ONE2MANY_XMIT_FAILOVER,
					   NG_ONE2MANY_FAIL_MANUAL, 0x7), 0);
	KUNIT_EXPECT_EQ(test, t_rmhook(o.id, "many0"), 0);
	KUNIT_EXPECT_EQ(test, t_inject(test, o.id, "one", 8, 0), 0);
	t_o2m_counts(test, &o, 0, 1, 0);
}

static void ng_one2many_test_disabled(struct kunit *test)
{
	struct t_o2m o;
	int i;

	t_o2m_make(test, &o);
	KUNIT_ASSERT_EQ(test, t_o2m_config(test, o.id,
					   NG_ONE2MANY_XMIT_ROUNDROBIN,
					   NG_ONE2MANY_FAIL_MANUAL, 0x5), 0);
	for (i = 0; i < 4; i++)
		KUNIT_EXPECT_EQ(test, t_inject(test, o.id, "one", 8, i), 0);
	t_o2m_counts(test, &o, 2, 0, 2);
	/* an enabled link with no hook is not used either */
	KUNIT_ASSERT_EQ(test, t_o2m_config(test, o.id,
					   NG_ONE2MANY_XMIT_ROUNDROBIN,
					   NG_ONE2MANY_FAIL_MANUAL, 0x18), 0);
	KUNIT_EXPECT_EQ(test, t_inject(test, o.id, "one", 8, 0), -ENOTCONN);
}

static void ng_one2many_test_no_link(struct kunit *test)
{
	struct ng_one2many_link_stats st;
	struct t_o2m o;
	int i;

	t_o2m_make(test, &o);
	KUNIT_ASSERT_EQ(test, t_o2m_config(test, o.id,
					   NG_ONE2MANY_XMIT_ROUNDROBIN,
					   NG_ONE2MANY_FAIL_MANUAL, 0), 0);
	KUNIT_EXPECT_EQ(test, t_inject(test, o.id, "one", 11, 0), -ENOTCONN);
	KUNIT_EXPECT_EQ(test, t_inject(test, o.id, "one", 11, 0), -ENOTCONN);
	t_o2m_counts(test, &o, 0, 0, 0);
	t_o2m_stats(test, o.id, NGM_ONE2MANY_GET_STATS,
		    NG_ONE2MANY_ONE_LINKNUM, &st);
	KUNIT_EXPECT_EQ(test, st.recvPackets, 2ULL);
	KUNIT_EXPECT_EQ(test, st.recvOctets, 22ULL);
	KUNIT_EXPECT_EQ(test, st.xmitPackets, 0ULL);
	for (i = 0; i < T_MANY; i++) {
		t_o2m_stats(test, o.id, NGM_ONE2MANY_GET_STATS, i, &st);
		KUNIT_EXPECT_EQ(test, st.xmitPackets, 0ULL);
	}
}

static void ng_one2many_test_stats(struct kunit *test)
{
	struct ng_one2many_link_stats st;
	struct t_reply rep;
	struct t_o2m o;
	s32 link;

	t_o2m_make(test, &o);
	KUNIT_ASSERT_EQ(test, t_o2m_config(test, o.id,
					   NG_ONE2MANY_XMIT_FAILOVER,
					   NG_ONE2MANY_FAIL_MANUAL, 0x2), 0);
	KUNIT_EXPECT_EQ(test, t_inject(test, o.id, "one", 100, 0), 0);
	KUNIT_EXPECT_EQ(test, t_inject(test, o.id, "one", 50, 0), 0);
	KUNIT_EXPECT_EQ(test, t_inject(test, o.id, "many2", 7, 0), 0);

	t_o2m_stats(test, o.id, NGM_ONE2MANY_GET_STATS, -1, &st);
	KUNIT_EXPECT_EQ(test, st.recvPackets, 2ULL);
	KUNIT_EXPECT_EQ(test, st.recvOctets, 150ULL);
	KUNIT_EXPECT_EQ(test, st.xmitPackets, 1ULL);
	KUNIT_EXPECT_EQ(test, st.xmitOctets, 7ULL);
	t_o2m_stats(test, o.id, NGM_ONE2MANY_GET_STATS, 1, &st);
	KUNIT_EXPECT_EQ(test, st.xmitPackets, 2ULL);
	KUNIT_EXPECT_EQ(test, st.xmitOctets, 150ULL);
	KUNIT_EXPECT_EQ(test, st.recvPackets, 0ULL);
	t_o2m_stats(test, o.id, NGM_ONE2MANY_GET_STATS, 2, &st);
	KUNIT_EXPECT_EQ(test, st.recvPackets, 1ULL);
	KUNIT_EXPECT_EQ(test, st.recvOctets, 7ULL);
	/* stats of an unconnected link exist too (all zero) */
	t_o2m_stats(test, o.id, NGM_ONE2MANY_GET_STATS, 63, &st);
	KUNIT_EXPECT_EQ(test, st.xmitPackets + st.recvPackets, 0ULL);

	t_o2m_stats(test, o.id, NGM_ONE2MANY_GETCLR_STATS, 1, &st);
	KUNIT_EXPECT_EQ(test, st.xmitPackets, 2ULL);
	t_o2m_stats(test, o.id, NGM_ONE2MANY_GET_STATS, 1, &st);
	KUNIT_EXPECT_EQ(test, st.xmitPackets, 0ULL);
	KUNIT_EXPECT_EQ(test, st.xmitOctets, 0ULL);

	link = NG_ONE2MANY_ONE_LINKNUM;
	KUNIT_EXPECT_EQ(test, t_msg(test, o.id, NGM_ONE2MANY_COOKIE,
				    NGM_ONE2MANY_CLR_STATS, &link, sizeof(link),
				    &rep), 0);
	KUNIT_EXPECT_FALSE(test, rep.got);
	t_o2m_stats(test, o.id, NGM_ONE2MANY_GET_STATS, -1, &st);
	KUNIT_EXPECT_EQ(test, st.recvPackets, 0ULL);
	KUNIT_EXPECT_EQ(test, st.xmitPackets, 0ULL);
}

static void ng_one2many_test_errors(struct kunit *test)
{
	static const char *const bad[] = {
		"many64", "many01", "many00", "many", "many-1", "many+1",
		"many1x", "two", "One", "manyone",
	};
	struct ng_one2many_config conf = {
		.xmitAlg = NG_ONE2MANY_XMIT_ROUNDROBIN,
		.failAlg = NG_ONE2MANY_FAIL_MANUAL,
	};
	u32 id = t_node(test, NG_ONE2MANY_NODE_TYPE);
	u32 s = t_node(test, "types_sink");
	u8 big[sizeof(conf) + 1] = {};
	char hook[8];
	s32 link;
	int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		KUNIT_EXPECT_EQ_MSG(test, t_connect(id, bad[i], s, bad[i]),
				    -EINVAL, "hook %s", bad[i]);
	KUNIT_EXPECT_EQ(test, t_connect(id, "many63", s, "a"), 0);
	KUNIT_EXPECT_EQ(test, t_connect(id, "many0", s, "b"), 0);
	KUNIT_EXPECT_EQ(test, t_connect(id, "one", s, "c"), 0);
	KUNIT_EXPECT_EQ(test, t_connect(id, "one", s, "d"), -EEXIST);

	t_msg_fails(test, id, NGM_ONE2MANY_COOKIE, NGM_ONE2MANY_SET_CONFIG,
		    &conf, sizeof(conf) - 1, -EINVAL);
	memcpy(big, &conf, sizeof(conf));
	t_msg_fails(test, id, NGM_ONE2MANY_COOKIE, NGM_ONE2MANY_SET_CONFIG,
		    big, sizeof(big), -EINVAL);
	conf.xmitAlg = 0;
	t_msg_fails(test, id, NGM_ONE2MANY_COOKIE, NGM_ONE2MANY_SET_CONFIG,
		    &conf, sizeof(conf), -EINVAL);
	conf.xmitAlg = 4;
	t_msg_fails(test, id, NGM_ONE2MANY_COOKIE, NGM_ONE2MANY_SET_CONFIG,
		    &conf, sizeof(conf), -EINVAL);
	conf.xmitAlg = NG_ONE2MANY_XMIT_ALL;
	conf.failAlg = 3;
	t_msg_fails(test, id, NGM_ONE2MANY_COOKIE, NGM_ONE2MANY_SET_CONFIG,
		    &conf, sizeof(conf), -EINVAL);
	conf.failAlg = 0;
	t_msg_fails(test, id, NGM_ONE2MANY_COOKIE, NGM_ONE2MANY_SET_CONFIG,
		    &conf, sizeof(conf), -EINVAL);
	/* a rejected configuration changes nothing */
	t_o2m_getconfig(test, id, &conf);
	KUNIT_EXPECT_EQ(test, conf.xmitAlg, (u32)NG_ONE2MANY_XMIT_ROUNDROBIN);

	link = 0;
	t_msg_fails(test, id, NGM_ONE2MANY_COOKIE, NGM_ONE2MANY_GET_STATS,
		    big, sizeof(link) + 4, -EINVAL);
	t_msg_fails(test, id, NGM_ONE2MANY_COOKIE, NGM_ONE2MANY_CLR_STATS,
		    &link, 2, -EINVAL);
	link = NG_ONE2MANY_MAX_LINKS;
	t_msg_fails(test, id, NGM_ONE2MANY_COOKIE, NGM_ONE2MANY_GET_STATS,
		    &link, sizeof(link), -EINVAL);
	link = -2;
	t_msg_fails(test, id, NGM_ONE2MANY_COOKIE, NGM_ONE2MANY_GETCLR_STATS,
		    &link, sizeof(link), -EINVAL);
	t_msg_fails(test, id, NGM_ONE2MANY_COOKIE, 5, NULL, 0, -EINVAL);
	t_msg_fails(test, id, NGM_HUB_COOKIE, NGM_ONE2MANY_GET_CONFIG, NULL, 0,
		    -EINVAL);

	/* the many hook names that are fine */
	for (i = 1; i < 10; i++) {
		snprintf(hook, sizeof(hook), "many%d", i);
		KUNIT_EXPECT_EQ(test, t_connect(id, hook, s, hook), 0);
	}
}

static void ng_one2many_test_notify(struct kunit *test)
{
	struct ng_one2many_config conf;
	char path[T_PATHLEN];
	struct t_sink *one, *m0;
	u32 id;

	id = t_node(test, NG_ONE2MANY_NODE_TYPE);
	one = t_sink_on(test, id, NG_ONE2MANY_HOOK_ONE);
	KUNIT_ASSERT_EQ(test, t_o2m_config(test, id,
					   NG_ONE2MANY_XMIT_ROUNDROBIN,
					   NG_ONE2MANY_FAIL_NOTIFY, 0), 0);

	/* the first active link: "one" hears LINK_IS_UP */
	m0 = t_sink_on(test, id, "many0");
	KUNIT_EXPECT_TRUE(test, t_wait_count(&one->linkup, 1));
	KUNIT_EXPECT_EQ(test, atomic_read(&one->linkdown), 0);

	/* the link reports itself down: disabled, and "one" hears it */
	snprintf(path, sizeof(path), "[%x]:in", m0->id);
	KUNIT_EXPECT_EQ(test, t_msg_path(test, path, NGM_FLOW_COOKIE,
					 NGM_LINK_IS_DOWN, NULL, 0, NULL, NULL),
			0);
	t_o2m_getconfig(test, id, &conf);
	KUNIT_EXPECT_EQ(test, conf.enabledLinks[0], 0);
	KUNIT_EXPECT_TRUE(test, t_wait_count(&one->linkdown, 1));
	KUNIT_EXPECT_EQ(test, t_inject(test, id, "one", 9, 0), -ENOTCONN);

	/* and up again */
	KUNIT_EXPECT_EQ(test, t_msg_path(test, path, NGM_FLOW_COOKIE,
					 NGM_LINK_IS_UP, NULL, 0, NULL, NULL),
			0);
	KUNIT_EXPECT_TRUE(test, t_wait_count(&one->linkup, 2));
	KUNIT_EXPECT_EQ(test, t_inject(test, id, "one", 9, 1), 0);
	t_expect_pkt(test, m0, 9, 1);

	/* news from the "one" side is ignored */
	snprintf(path, sizeof(path), "[%x]:in", one->id);
	KUNIT_EXPECT_EQ(test, t_msg_path(test, path, NGM_FLOW_COOKIE,
					 NGM_LINK_IS_DOWN, NULL, 0, NULL, NULL),
			0);
	t_o2m_getconfig(test, id, &conf);
	KUNIT_EXPECT_EQ(test, conf.enabledLinks[0], 1);

	/* with failAlg manual the link ignores the news */
	KUNIT_ASSERT_EQ(test, t_o2m_config(test, id,
					   NG_ONE2MANY_XMIT_ROUNDROBIN,
					   NG_ONE2MANY_FAIL_MANUAL, 0x1), 0);
	snprintf(path, sizeof(path), "[%x]:in", m0->id);
	KUNIT_EXPECT_EQ(test, t_msg_path(test, path, NGM_FLOW_COOKIE,
					 NGM_LINK_IS_DOWN, NULL, 0, NULL, NULL),
			0);
	t_o2m_getconfig(test, id, &conf);
	KUNIT_EXPECT_EQ(test, conf.enabledLinks[0], 1);

	/* losing the last link is news whatever failAlg is */
	KUNIT_EXPECT_EQ(test, t_rmhook(id, "many0"), 0);
	KUNIT_EXPECT_TRUE(test, t_wait_count(&one->linkdown, 2));
}

static struct kunit_case ng_one2many_cases[] = {
	KUNIT_CASE(ng_one2many_test_defaults),
	KUNIT_CASE(ng_one2many_test_round_robin),
	T_CASE_SLOW(ng_one2many_test_round_robin_concurrent),
	KUNIT_CASE(ng_one2many_test_all),
	KUNIT_CASE(ng_one2many_test_failover),
	KUNIT_CASE(ng_one2many_test_disabled),
	KUNIT_CASE(ng_one2many_test_no_link),
	KUNIT_CASE(ng_one2many_test_stats),
	KUNIT_CASE(ng_one2many_test_errors),
	KUNIT_CASE(ng_one2many_test_notify),
	{}
};

static struct kunit_suite ng_one2many_suite = {
	.name = "ng_one2many",
	.suite_init = t_suite_init,
	.suite_exit = t_suite_exit,
	.init = t_init,
	.exit = t_exit,
	.test_cases = ng_one2many_cases,
};

/* ---- bridge ---- */

#define T_BR_LINKS	3

struct t_br {
	u32 id;
	struct t_sink *link[T_BR_LINKS];	/* on link0 .. link2 */
};

/* Hosts of the tests: locally administered unicast addresses */
static const u8 t_host_a[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0xa };
static const u8 t_host_b[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0xb };
static const u8 t_host_c[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0xc };
static const u8 t_bcast[ETH_ALEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
static const u8 t_mcast[ETH_ALEN] = { 0x01, 0x00, 0x5e, 0, 0, 1 };

static void t_br_make(struct kunit *test, struct t_br *b)
{
	char name[16];
	int i;

	b->id = t_node(test, NG_BRIDGE_NODE_TYPE);
	for (i = 0; i < T_BR_LINKS; i++) {
		snprintf(name, sizeof(name), NG_BRIDGE_HOOK_LINK_FMT, i);
		b->link[i] = t_sink_on(test, b->id, name);
	}
}

/* Inject a 60-byte frame from @src to @dst on @hook of bridge @id. */
static int t_br_frame(struct kunit *test, u32 id, const char *hook,
		      const u8 *dst, const u8 *src)
{
	struct sk_buff *skb = alloc_skb(60, GFP_KERNEL);
	char a[T_PATHLEN];

	KUNIT_ASSERT_NOT_NULL(test, skb);
	skb_put_data(skb, dst, ETH_ALEN);
	skb_put_data(skb, src, ETH_ALEN);
	skb_put_zero(skb, 60 - 2 * ETH_ALEN);
	return ng_ctl_inject(T_NET, t_path(a, id, NULL), hook, skb, NULL);
}

static void t_br_counts(struct kunit *test, struct t_br *b, unsigned int l0,
			unsigned int l1, unsigned int l2)
{
	KUNIT_EXPECT_EQ(test, skb_queue_len(&b->link[0]->q), l0);
	KUNIT_EXPECT_EQ(test, skb_queue_len(&b->link[1]->q), l1);
	KUNIT_EXPECT_EQ(test, skb_queue_len(&b->link[2]->q), l2);
	t_purge(b->link[0]);
	t_purge(b->link[1]);
	t_purge(b->link[2]);
}

static void t_br_stats(struct kunit *test, u32 id, u32 cmd, s32 link,
		       struct ng_bridge_link_stats *st)
{
	struct t_reply rep;

	KUNIT_ASSERT_EQ(test, t_msg(test, id, NGM_BRIDGE_COOKIE, cmd, &link,
				    sizeof(link), &rep), 0);
	KUNIT_ASSERT_TRUE(test, rep.got);
	KUNIT_ASSERT_EQ(test, rep.hdr.arglen, (u32)sizeof(*st));
	memcpy(st, rep.data, sizeof(*st));
}

/* The host table; returns the number of hosts (at most 5 fit @rep). */
static u32 t_br_table(struct kunit *test, u32 id, struct t_reply *rep)
{
	struct ng_bridge_host_ary ary;

	KUNIT_ASSERT_EQ(test, t_msg(test, id, NGM_BRIDGE_COOKIE,
				    NGM_BRIDGE_GET_TABLE, NULL, 0, rep), 0);
	KUNIT_ASSERT_TRUE(test, rep->got);
	memcpy(&ary, rep->data, sizeof(ary));
	KUNIT_ASSERT_EQ(test, rep->hdr.arglen,
			(u32)(sizeof(ary) + ary.numHosts *
			      sizeof(struct ng_bridge_hostent)));
	KUNIT_ASSERT_LE(test, ary.numHosts, 5U);
	return ary.numHosts;
}

/* Host @addr's entry in @rep, or NULL. */
static const struct ng_bridge_hostent *t_br_host(const struct t_reply *rep,
						 u32 n, const u8 *addr)
{
	const struct ng_bridge_hostent *e =
		(const void *)(rep->data + sizeof(struct ng_bridge_host_ary));
	u32 i;

	for (i = 0; i < n; i++)
		if (ether_addr_equal(e[i].addr, addr))
			return &e[i];
	return NULL;
}

static int t_br_config(struct kunit *test, u32 id, u32 loop, u32 stale,
		       u32 stable)
{
	struct ng_bridge_config conf = {
		.debugLevel = 1,
		.loopTimeout = loop,
		.maxStaleness = stale,
		.minStableAge = stable,
	};

	return t_msg(test, id, NGM_BRIDGE_COOKIE, NGM_BRIDGE_SET_CONFIG,
		     &conf, sizeof(conf), NULL);
}

static void ng_bridge_test_learn(struct kunit *test)
{
	const struct ng_bridge_hostent *e;
	struct ng_bridge_link_stats st;
	struct t_reply rep;
	struct t_br b;

	t_br_make(test, &b);
	/* A to unknown B: flooded to the other links */
	KUNIT_EXPECT_EQ(test, t_br_frame(test, b.id, "link0", t_host_b, t_host_a), 0);
	t_br_counts(test, &b, 0, 1, 1);
	/* B answers from link1: straight to A's link */
	KUNIT_EXPECT_EQ(test, t_br_frame(test, b.id, "link1", t_host_a, t_host_b), 0);
	t_br_counts(test, &b, 1, 0, 0);
	/* and A to B now goes to link1 only */
	KUNIT_EXPECT_EQ(test, t_br_frame(test, b.id, "link0", t_host_b, t_host_a), 0);
	t_br_counts(test, &b, 0, 1, 0);
	/* C on link0 to A on link0: nowhere */
	KUNIT_EXPECT_EQ(test, t_br_frame(test, b.id, "link0", t_host_a, t_host_c), 0);
	t_br_counts(test, &b, 0, 0, 0);

	KUNIT_ASSERT_EQ(test, t_br_table(test, b.id, &rep), 3U);
	e = t_br_host(&rep, 3, t_host_a);
	KUNIT_ASSERT_NOT_NULL(test, e);
	KUNIT_EXPECT_STREQ(test, e->hook, "link0");
	e = t_br_host(&rep, 3, t_host_b);
	KUNIT_ASSERT_NOT_NULL(test, e);
	KUNIT_EXPECT_STREQ(test, e->hook, "link1");

	t_br_stats(test, b.id, NGM_BRIDGE_GET_STATS, 0, &st);
	KUNIT_EXPECT_EQ(test, st.recvPackets, 3ULL);
	KUNIT_EXPECT_EQ(test, st.recvOctets, 180ULL);
	KUNIT_EXPECT_EQ(test, st.recvUnknown, 1ULL);
	KUNIT_EXPECT_EQ(test, st.xmitPackets, 1ULL);
	t_br_stats(test, b.id, NGM_BRIDGE_GETCLR_STATS, 1, &st);
	KUNIT_EXPECT_EQ(test, st.xmitPackets, 2ULL);
	KUNIT_EXPECT_EQ(test, st.xmitOctets, 120ULL);
	t_br_stats(test, b.id, NGM_BRIDGE_GET_STATS, 1, &st);
	KUNIT_EXPECT_EQ(test, st.xmitPackets, 0ULL);

	/* a removed link forgets its hosts */
	KUNIT_EXPECT_EQ(test, t_rmhook(b.id, "link1"), 0);
	KUNIT_EXPECT_EQ(test, t_br_table(test, b.id, &rep), 2U);
	KUNIT_EXPECT_NULL(test, t_br_host(&rep, 2, t_host_b));
}

static void ng_bridge_test_manycast(struct kunit *test)
{
	struct ng_bridge_link_stats st;
	struct t_br b;

	t_br_make(test, &b);
	KUNIT_EXPECT_EQ(test, t_br_frame(test, b.id, "link1", t_bcast, t_host_a), 0);
	t_br_counts(test, &b, 1, 0, 1);
	KUNIT_EXPECT_EQ(test, t_br_frame(test, b.id, "link1", t_mcast, t_host_a), 0);
	t_br_counts(test, &b, 1, 0, 1);
	t_br_stats(test, b.id, NGM_BRIDGE_GET_STATS, 1, &st);
	KUNIT_EXPECT_EQ(test, st.recvBroadcasts, 1ULL);
	KUNIT_EXPECT_EQ(test, st.recvMulticasts, 1ULL);
	KUNIT_EXPECT_EQ(test, st.recvUnknown, 0ULL);
	t_br_stats(test, b.id, NGM_BRIDGE_GET_STATS, 2, &st);
	KUNIT_EXPECT_EQ(test, st.xmitBroadcasts, 1ULL);
	KUNIT_EXPECT_EQ(test, st.xmitMulticasts, 1ULL);

	/* runts and frames from a multicast address are dropped, counted */
	KUNIT_EXPECT_EQ(test, t_inject(test, b.id, "link0", 13, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, t_br_frame(test, b.id, "link0", t_host_a, t_mcast),
			-EINVAL);
	t_br_counts(test, &b, 0, 0, 0);
	t_br_stats(test, b.id, NGM_BRIDGE_GET_STATS, 0, &st);
	KUNIT_EXPECT_EQ(test, st.recvRunts, 1ULL);
	KUNIT_EXPECT_EQ(test, st.recvInvalid, 1ULL);
	KUNIT_EXPECT_EQ(test, st.recvPackets, 0ULL);
}

static void ng_bridge_test_loop(struct kunit *test)
{
	struct ng_bridge_link_stats st;
	struct t_reply rep;
	struct t_br b;

	t_br_make(test, &b);
	KUNIT_ASSERT_EQ(test, t_br_config(test, b.id, 60, 900, 5), 0);
	KUNIT_EXPECT_EQ(test, t_br_frame(test, b.id, "link0", t_bcast, t_host_a), 0);
	KUNIT_EXPECT_EQ(test, t_br_frame(test, b.id, "link1", t_bcast, t_host_b), 0);
	t_br_counts(test, &b, 1, 1, 2);
	/* A shows up on link1 at once: link1 is looped back and muted */
	KUNIT_EXPECT_EQ(test, t_br_frame(test, b.id, "link1", t_bcast, t_host_a),
			-ELOOP);
	KUNIT_EXPECT_EQ(test, t_br_frame(test, b.id, "link1", t_bcast, t_host_c),
			-ELOOP);
	t_br_counts(test, &b, 0, 0, 0);
	t_br_stats(test, b.id, NGM_BRIDGE_GET_STATS, 1, &st);
	KUNIT_EXPECT_EQ(test, st.loopDetects, 1ULL);
	KUNIT_EXPECT_EQ(test, st.loopDrops, 2ULL);
	/* link1 forgot B; A stays on link0 */
	KUNIT_ASSERT_EQ(test, t_br_table(test, b.id, &rep), 1U);
	KUNIT_EXPECT_NOT_NULL(test, t_br_host(&rep, 1, t_host_a));
	/* the other links still work */
	KUNIT_EXPECT_EQ(test, t_br_frame(test, b.id, "link2", t_host_a, t_host_c), 0);
	t_br_counts(test, &b, 1, 0, 0);

	/* reset: no hosts, no muted link, no counts */
	KUNIT_EXPECT_EQ(test, t_msg(test, b.id, NGM_BRIDGE_COOKIE,
				    NGM_BRIDGE_RESET, NULL, 0, NULL), 0);
	KUNIT_EXPECT_EQ(test, t_br_table(test, b.id, &rep), 0U);
	t_br_stats(test, b.id, NGM_BRIDGE_GET_STATS, 1, &st);
	KUNIT_EXPECT_EQ(test, st.loopDetects, 0ULL);
	KUNIT_EXPECT_EQ(test, t_br_frame(test, b.id, "link1", t_bcast, t_host_a), 0);
	t_br_counts(test, &b, 1, 0, 1);
}

static void ng_bridge_test_uplink(struct kunit *test)
{
	struct t_sink *up, *l0, *l1;
	struct t_reply rep;
	u32 id;

	/* the first hook an uplink: links get no frames to unknown hosts */
	id = t_node(test, NG_BRIDGE_NODE_TYPE);
	up = t_sink_on(test, id, "uplink1");
	l0 = t_sink_on(test, id, "link0");
	l1 = t_sink_on(test, id, "link1");
	KUNIT_EXPECT_EQ(test, t_br_frame(test, id, "link0", t_host_b, t_host_a), 0);
	KUNIT_EXPECT_EQ(test, skb_queue_len(&up->q), 1U);
	KUNIT_EXPECT_EQ(test, skb_queue_len(&l1->q), 0U);
	t_purge(up);
	/* broadcasts go everywhere */
	KUNIT_EXPECT_EQ(test, t_br_frame(test, id, "link0", t_bcast, t_host_a), 0);
	KUNIT_EXPECT_EQ(test, skb_queue_len(&up->q), 1U);
	KUNIT_EXPECT_EQ(test, skb_queue_len(&l1->q), 1U);
	t_purge(up);
	t_purge(l1);
	/* an uplink does not learn; frames to a known host still reach it */
	KUNIT_EXPECT_EQ(test, t_br_frame(test, id, "uplink1", t_host_a, t_host_c), 0);
	KUNIT_EXPECT_EQ(test, skb_queue_len(&l0->q), 1U);
	KUNIT_ASSERT_EQ(test, t_br_table(test, id, &rep), 1U);
	KUNIT_EXPECT_NULL(test, t_br_host(&rep, 1, t_host_c));
	/* statistics of uplinkN are asked for as -N */
	{
		struct ng_bridge_link_stats st;

		t_br_stats(test, id, NGM_BRIDGE_GET_STATS, -1, &st);
		KUNIT_EXPECT_EQ(test, st.recvPackets, 1ULL);
		KUNIT_EXPECT_EQ(test, st.xmitPackets, 2ULL);
	}
}

/* An uplink that is refused does not make the node restrictive. */
static void ng_bridge_test_refused_uplink(struct kunit *test)
{
	struct t_sink *l1;
	u32 id;

	id = t_node(test, NG_BRIDGE_NODE_TYPE);
	/* (or the refused hooks, its only ones, would take it with them) */
	KUNIT_ASSERT_EQ(test, t_msg(test, id, NGM_BRIDGE_COOKIE,
				    NGM_BRIDGE_SET_PERSISTENT, NULL, 0, NULL), 0);
	KUNIT_EXPECT_EQ(test, t_connect(id, "uplink1", id, "link5"), -ELOOP);
	t_sink_on(test, id, "link0");
	l1 = t_sink_on(test, id, "link1");
	KUNIT_EXPECT_EQ(test, t_br_frame(test, id, "link0", t_host_b, t_host_a), 0);
	KUNIT_EXPECT_EQ(test, skb_queue_len(&l1->q), 1U);
}

static void ng_bridge_test_hooks(struct kunit *test)
{
	static const char *const bad[] = {
		"link", "uplink", "uplink0", "link007", "link-1", "link+1",
		"link1x", "link4294967296", "Link1", "up", "",
	};
	u32 id, sid;
	int i;

	id = t_node(test, NG_BRIDGE_NODE_TYPE);
	sid = t_node(test, "types_sink");
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		KUNIT_EXPECT_EQ_MSG(test, t_connect(id, bad[i], sid, bad[i][0] ? bad[i] : "x"),
				    -EINVAL, "hook \"%s\"", bad[i]);
	KUNIT_EXPECT_EQ(test, t_connect(id, "link0", sid, "a"), 0);
	KUNIT_EXPECT_EQ(test, t_connect(id, "link4294967295", sid, "b"), 0);
	KUNIT_EXPECT_EQ(test, t_connect(id, "uplink7", sid, "c"), 0);
	/* a link back to the bridge itself */
	KUNIT_EXPECT_EQ(test, t_connect(id, "link1", id, "link2"), -ELOOP);
	KUNIT_EXPECT_TRUE(test, t_alive(id, NULL));
}

static void ng_bridge_test_msgs(struct kunit *test)
{
	struct ng_bridge_move_host mh = {};
	struct ng_bridge_config conf;
	const struct ng_bridge_hostent *e;
	struct t_reply rep;
	struct t_br b;
	s32 link;

	t_br_make(test, &b);
	KUNIT_ASSERT_EQ(test, t_msg(test, b.id, NGM_BRIDGE_COOKIE,
				    NGM_BRIDGE_GET_CONFIG, NULL, 0, &rep), 0);
	KUNIT_ASSERT_EQ(test, rep.hdr.arglen, (u32)sizeof(conf));
	memcpy(&conf, rep.data, sizeof(conf));
	KUNIT_EXPECT_EQ(test, conf.debugLevel, 1);
	KUNIT_EXPECT_EQ(test, conf.loopTimeout, 60U);
	KUNIT_EXPECT_EQ(test, conf.maxStaleness, 900U);
	KUNIT_EXPECT_EQ(test, conf.minStableAge, 1U);
	KUNIT_ASSERT_EQ(test, t_br_config(test, b.id, 7, 8, 9), 0);
	KUNIT_ASSERT_EQ(test, t_msg(test, b.id, NGM_BRIDGE_COOKIE,
				    NGM_BRIDGE_GET_CONFIG, NULL, 0, &rep), 0);
	memcpy(&conf, rep.data, sizeof(conf));
	KUNIT_EXPECT_EQ(test, conf.loopTimeout, 7U);
	KUNIT_EXPECT_EQ(test, conf.maxStaleness, 8U);
	KUNIT_EXPECT_EQ(test, conf.minStableAge, 9U);

	/* movehost puts a host on a link by name */
	memcpy(mh.addr, t_host_c, ETH_ALEN);
	strscpy(mh.hook, "link2", sizeof(mh.hook));
	KUNIT_EXPECT_EQ(test, t_msg(test, b.id, NGM_BRIDGE_COOKIE,
				    NGM_BRIDGE_MOVE_HOST, &mh, sizeof(mh), NULL), 0);
	KUNIT_ASSERT_EQ(test, t_br_table(test, b.id, &rep), 1U);
	e = t_br_host(&rep, 1, t_host_c);
	KUNIT_ASSERT_NOT_NULL(test, e);
	KUNIT_EXPECT_STREQ(test, e->hook, "link2");
	KUNIT_EXPECT_EQ(test, t_br_frame(test, b.id, "link0", t_host_c, t_host_a), 0);
	t_br_counts(test, &b, 0, 0, 1);

	t_msg_fails(test, b.id, NGM_BRIDGE_COOKIE, NGM_BRIDGE_SET_CONFIG,
		    &conf, sizeof(conf) - 1, -EINVAL);
	t_msg_fails(test, b.id, NGM_BRIDGE_COOKIE, NGM_BRIDGE_MOVE_HOST,
		    &mh, sizeof(mh) - 1, -EINVAL);
	strscpy(mh.hook, "link9", sizeof(mh.hook));
	t_msg_fails(test, b.id, NGM_BRIDGE_COOKIE, NGM_BRIDGE_MOVE_HOST,
		    &mh, sizeof(mh), -ENOENT);
	memset(mh.hook, 'x', sizeof(mh.hook));
	t_msg_fails(test, b.id, NGM_BRIDGE_COOKIE, NGM_BRIDGE_MOVE_HOST,
		    &mh, sizeof(mh), -EINVAL);
	strscpy(mh.hook, "link0", sizeof(mh.hook));
	memcpy(mh.addr, t_mcast, ETH_ALEN);
	t_msg_fails(test, b.id, NGM_BRIDGE_COOKIE, NGM_BRIDGE_MOVE_HOST,
		    &mh, sizeof(mh), -EINVAL);
	/* an empty hook name means the hook the message came through */
	memset(mh.hook, 0, sizeof(mh.hook));
	memcpy(mh.addr, t_host_a, ETH_ALEN);
	t_msg_fails(test, b.id, NGM_BRIDGE_COOKIE, NGM_BRIDGE_MOVE_HOST,
		    &mh, sizeof(mh), -ENOENT);
	link = 5;
	t_msg_fails(test, b.id, NGM_BRIDGE_COOKIE, NGM_BRIDGE_GET_STATS,
		    &link, sizeof(link), -ENOTCONN);
	link = -1;
	t_msg_fails(test, b.id, NGM_BRIDGE_COOKIE, NGM_BRIDGE_CLR_STATS,
		    &link, sizeof(link), -ENOTCONN);
	t_msg_fails(test, b.id, NGM_BRIDGE_COOKIE, NGM_BRIDGE_GET_STATS,
		    &link, 2, -EINVAL);
	t_msg_fails(test, b.id, NGM_BRIDGE_COOKIE, 99, NULL, 0, -EINVAL);
	t_msg_fails(test, b.id, NGM_HUB_COOKIE, NGM_BRIDGE_RESET, NULL, 0,
		    -EINVAL);
}

static void ng_bridge_test_lifetime(struct kunit *test)
{
	u32 id, sid;

	/* dies with its last hook ... */
	id = t_node(test, NG_BRIDGE_NODE_TYPE);
	sid = t_node(test, "types_sink");
	KUNIT_ASSERT_EQ(test, t_connect(id, "link0", sid, "a"), 0);
	KUNIT_EXPECT_EQ(test, t_br_frame(test, id, "link0", t_bcast, t_host_a), 0);
	KUNIT_EXPECT_EQ(test, t_rmhook(id, "link0"), 0);
	KUNIT_EXPECT_FALSE(test, t_alive(id, NULL));
	/* ... unless persistent, and then keeps its configuration */
	id = t_node(test, NG_BRIDGE_NODE_TYPE);
	KUNIT_ASSERT_EQ(test, t_msg(test, id, NGM_BRIDGE_COOKIE,
				    NGM_BRIDGE_SET_PERSISTENT, NULL, 0, NULL), 0);
	KUNIT_ASSERT_EQ(test, t_br_config(test, id, 3, 900, 1), 0);
	KUNIT_ASSERT_EQ(test, t_connect(id, "link0", sid, "b"), 0);
	KUNIT_EXPECT_EQ(test, t_br_frame(test, id, "link0", t_bcast, t_host_a), 0);
	KUNIT_EXPECT_EQ(test, t_rmhook(id, "link0"), 0);
	KUNIT_EXPECT_TRUE(test, t_alive(id, NULL));
}

/* Hosts age out after maxStaleness, muted links come back after loopTimeout. */
static void ng_bridge_test_aging(struct kunit *test)
{
	struct t_reply rep;
	struct t_br b;
	int i, err = -ELOOP;

	t_br_make(test, &b);
	KUNIT_ASSERT_EQ(test, t_br_config(test, b.id, 1, 2, 1), 0);
	KUNIT_EXPECT_EQ(test, t_br_frame(test, b.id, "link0", t_bcast, t_host_a), 0);
	KUNIT_EXPECT_EQ(test, t_br_frame(test, b.id, "link1", t_bcast, t_host_a),
			-ELOOP);
	for (i = 0; i < 100 && err == -ELOOP; i++) {
		msleep(50);
		err = t_br_frame(test, b.id, "link1", t_bcast, t_host_b);
	}
	KUNIT_EXPECT_EQ(test, err, 0);
	for (i = 0; i < 100 && t_br_table(test, b.id, &rep); i++)
		msleep(50);
	KUNIT_EXPECT_EQ(test, t_br_table(test, b.id, &rep), 0U);
	t_br_counts(test, &b, 1, 1, 2);
}

/* Learning from several CPUs at once. */
static void ng_bridge_test_concurrent(struct kunit *test)
{
	struct ng_bridge_link_stats st;
	struct t_br b;
	char a[T_PATHLEN];
	struct ng_hook *hook;

	t_br_make(test, &b);
	/* the sinks send zero-filled frames: from 00:00:00:00:00:00 to it */
	hook = READ_ONCE(b.link[1]->hook);
	t_blast(test, hook, 4, 2000, 64);
	t_br_stats(test, b.id, NGM_BRIDGE_GET_STATS, 1, &st);
	KUNIT_EXPECT_EQ(test, st.recvPackets, 8000ULL);
	/*
	 * The address is learned before the destination is looked up, so
	 * only frames that beat the first learning (at most one per thread)
	 * are flooded; the others are for a host on their own link.
	 */
	KUNIT_EXPECT_EQ(test, skb_queue_len(&b.link[0]->q),
			skb_queue_len(&b.link[2]->q));
	KUNIT_EXPECT_LE(test, skb_queue_len(&b.link[0]->q), 4U);
	KUNIT_EXPECT_EQ(test, ng_ctl_rmhook(T_NET, t_path(a, b.id, NULL),
					    "link1", NULL), 0);
}

static struct kunit_case ng_bridge_cases[] = {
	KUNIT_CASE(ng_bridge_test_learn),
	KUNIT_CASE(ng_bridge_test_manycast),
	KUNIT_CASE(ng_bridge_test_loop),
	KUNIT_CASE(ng_bridge_test_uplink),
	KUNIT_CASE(ng_bridge_test_refused_uplink),
	KUNIT_CASE(ng_bridge_test_hooks),
	KUNIT_CASE(ng_bridge_test_msgs),
	KUNIT_CASE(ng_bridge_test_lifetime),
	T_CASE_SLOW(ng_bridge_test_aging),
	T_CASE_SLOW(ng_bridge_test_concurrent),
	{}
};

static struct kunit_suite ng_bridge_suite = {
	.name = "ng_bridge",
	.suite_init = t_suite_init,
	.suite_exit = t_suite_exit,
	.init = t_init,
	.exit = t_exit,
	.test_cases = ng_bridge_cases,
};

/* ---- vlan ---- */

struct t_vl {
	u32 id;
	struct t_sink *down, *nomatch, *v10, *v20;
};

static int t_vl_filter(struct kunit *test, u32 id, const char *hook, u16 vlan,
		       u16 vid, u8 pcp, u8 cfi)
{
	struct ng_vlan_filter vf = {
		.vlan = vlan, .vid = vid, .pcp = pcp, .cfi = cfi,
	};

	strscpy(vf.hook_name, hook, sizeof(vf.hook_name));
	return t_msg(test, id, NGM_VLAN_COOKIE, NGM_VLAN_ADD_FILTER, &vf,
		     sizeof(vf), NULL);
}

static void t_vl_make(struct kunit *test, struct t_vl *v)
{
	v->id = t_node(test, NG_VLAN_NODE_TYPE);
	v->down = t_sink_on(test, v->id, NG_VLAN_HOOK_DOWNSTREAM);
	v->nomatch = t_sink_on(test, v->id, NG_VLAN_HOOK_NOMATCH);
	v->v10 = t_sink_on(test, v->id, "v10");
	v->v20 = t_sink_on(test, v->id, "v20");
	KUNIT_ASSERT_EQ(test, t_vl_filter(test, v->id, "v10", 0, 10, 3, 0), 0);
	KUNIT_ASSERT_EQ(test, t_vl_filter(test, v->id, "v20", 20, 20, 0, 1), 0);
}

/*
 * A 64-byte IPv4 frame (EtherType 0x0800 after the tag, if any), tagged
 * in the frame with @proto/@tci when @proto is not 0.
 */
static struct sk_buff *t_vl_skb(struct kunit *test, u16 proto, u16 tci)
{
	struct sk_buff *skb = alloc_skb(128, GFP_KERNEL);
	__be16 be;
	int k;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	skb_reserve(skb, 32);
	skb_put_data(skb, t_host_b, ETH_ALEN);
	skb_put_data(skb, t_host_a, ETH_ALEN);
	if (proto) {
		be = htons(proto);
		skb_put_data(skb, &be, 2);
		be = htons(tci);
		skb_put_data(skb, &be, 2);
	}
	be = htons(ETH_P_IP);
	skb_put_data(skb, &be, 2);
	for (k = 0; k < 50; k++)
		skb_put_u8(skb, (u8)k);
	return skb;
}

static int t_vl_send(struct kunit *test, u32 id, const char *hook,
		     struct sk_buff *skb)
{
	char a[T_PATHLEN];

	return ng_ctl_inject(T_NET, t_path(a, id, NULL), hook, skb, NULL);
}

/*
 * Dequeue a frame from @s: 64 bytes untagged in the frame, or 68 with the
 * tag @proto/@tci; the addresses and the payload intact.
 */
static u16 t_be16(const u8 *p)
{
	return p[0] << 8 | p[1];
}

static struct sk_buff *t_vl_expect(struct kunit *test, struct t_sink *s,
				   u16 proto, u16 tci)
{
	struct sk_buff *skb = skb_dequeue(&s->q);
	unsigned int hl = proto ? VLAN_ETH_HLEN : ETH_HLEN;
	const u8 *d;
	int k;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_EQ(test, skb->len, hl + 50);
	if (skb->len != hl + 50 || skb_linearize(skb))
		return skb;
	d = skb->data;
	KUNIT_EXPECT_TRUE(test, ether_addr_equal(d, t_host_b));
	KUNIT_EXPECT_TRUE(test, ether_addr_equal(d + ETH_ALEN, t_host_a));
	if (proto) {
		KUNIT_EXPECT_EQ(test, t_be16(d + 12), proto);
		KUNIT_EXPECT_EQ(test, t_be16(d + 14), tci);
	}
	KUNIT_EXPECT_EQ(test, t_be16(d + hl - 2), (u16)ETH_P_IP);
	for (k = 0; k < 50; k++)
		if (d[hl + k] != k)
			break;
	KUNIT_EXPECT_EQ_MSG(test, k, 50, "payload differs");
	return skb;
}

static void t_vl_expect_free(struct kunit *test, struct t_sink *s, u16 proto,
			     u16 tci)
{
	struct sk_buff *skb = t_vl_expect(test, s, proto, tci);

	KUNIT_EXPECT_FALSE(test, skb_vlan_tag_present(skb));
	kfree_skb(skb);
}

static void t_vl_none(struct kunit *test, struct t_vl *v)
{
	KUNIT_EXPECT_EQ(test, skb_queue_len(&v->down->q), 0U);
	KUNIT_EXPECT_EQ(test, skb_queue_len(&v->nomatch->q), 0U);
	KUNIT_EXPECT_EQ(test, skb_queue_len(&v->v10->q), 0U);
	KUNIT_EXPECT_EQ(test, skb_queue_len(&v->v20->q), 0U);
}

static void ng_vlan_test_demux(struct kunit *test)
{
	struct t_vl v;

	t_vl_make(test, &v);
	/* tagged frames of a filter's VLAN: to its hook, untagged */
	KUNIT_EXPECT_EQ(test, t_vl_send(test, v.id, "downstream",
					t_vl_skb(test, ETH_P_8021Q, 10)), 0);
	t_vl_expect_free(test, v.v10, 0, 0);
	/* whatever their priority and CFI */
	KUNIT_EXPECT_EQ(test, t_vl_send(test, v.id, "downstream",
					t_vl_skb(test, ETH_P_8021Q, 0xf014)), 0);
	t_vl_expect_free(test, v.v20, 0, 0);
	/* other VLANs and untagged frames: to nomatch, unchanged */
	KUNIT_EXPECT_EQ(test, t_vl_send(test, v.id, "downstream",
					t_vl_skb(test, ETH_P_8021Q, 30)), 0);
	t_vl_expect_free(test, v.nomatch, ETH_P_8021Q, 30);
	KUNIT_EXPECT_EQ(test, t_vl_send(test, v.id, "downstream",
					t_vl_skb(test, 0, 0)), 0);
	t_vl_expect_free(test, v.nomatch, 0, 0);
	/* 802.1ad is not the EtherType the node looks for */
	KUNIT_EXPECT_EQ(test, t_vl_send(test, v.id, "downstream",
					t_vl_skb(test, ETH_P_8021AD, 10)), 0);
	t_vl_expect_free(test, v.nomatch, ETH_P_8021AD, 10);
	/* a filter's frames go down tagged with its VID, PCP and CFI */
	KUNIT_EXPECT_EQ(test, t_vl_send(test, v.id, "v10", t_vl_skb(test, 0, 0)), 0);
	t_vl_expect_free(test, v.down, ETH_P_8021Q, 3 << 13 | 10);
	KUNIT_EXPECT_EQ(test, t_vl_send(test, v.id, "v20", t_vl_skb(test, 0, 0)), 0);
	t_vl_expect_free(test, v.down, ETH_P_8021Q, 1 << 12 | 20);
	/* nomatch's go down unchanged */
	KUNIT_EXPECT_EQ(test, t_vl_send(test, v.id, "nomatch", t_vl_skb(test, 0, 0)), 0);
	t_vl_expect_free(test, v.down, 0, 0);
	t_vl_none(test, &v);
}

static void ng_vlan_test_oob(struct kunit *test)
{
	struct sk_buff *skb;
	u32 x;
	u16 p;
	struct t_vl v;

	t_vl_make(test, &v);
	/* a tag out of band (a NIC's) is a tag too */
	skb = t_vl_skb(test, 0, 0);
	__vlan_hwaccel_put_tag(skb, htons(ETH_P_8021Q), 10);
	KUNIT_EXPECT_EQ(test, t_vl_send(test, v.id, "downstream", skb), 0);
	t_vl_expect_free(test, v.v10, 0, 0);
	/* decap: nomatch gets frames untagged, the tag out of band */
	x = 1;
	KUNIT_ASSERT_EQ(test, t_msg(test, v.id, NGM_VLAN_COOKIE,
				    NGM_VLAN_SET_DECAP, &x, 4, NULL), 0);
	KUNIT_EXPECT_EQ(test, t_vl_send(test, v.id, "downstream",
					t_vl_skb(test, ETH_P_8021Q, 30)), 0);
	skb = t_vl_expect(test, v.nomatch, 0, 0);
	KUNIT_EXPECT_TRUE(test, skb_vlan_tag_present(skb));
	KUNIT_EXPECT_EQ(test, skb_vlan_tag_get(skb), 30);
	/* encap from nomatch: that tag goes back in the frame */
	x = VLAN_ENCAP_FROM_FILTER | VLAN_ENCAP_FROM_NOMATCH;
	KUNIT_ASSERT_EQ(test, t_msg(test, v.id, NGM_VLAN_COOKIE,
				    NGM_VLAN_SET_ENCAP, &x, 4, NULL), 0);
	KUNIT_EXPECT_EQ(test, t_vl_send(test, v.id, "nomatch", skb), 0);
	t_vl_expect_free(test, v.down, ETH_P_8021Q, 30);
	/* no encap from filters: their tag goes out of band */
	x = 0;
	KUNIT_ASSERT_EQ(test, t_msg(test, v.id, NGM_VLAN_COOKIE,
				    NGM_VLAN_SET_ENCAP, &x, 4, NULL), 0);
	KUNIT_EXPECT_EQ(test, t_vl_send(test, v.id, "v10", t_vl_skb(test, 0, 0)), 0);
	skb = t_vl_expect(test, v.down, 0, 0);
	KUNIT_EXPECT_TRUE(test, skb_vlan_tag_present(skb));
	KUNIT_EXPECT_EQ(test, skb_vlan_tag_get(skb), 3 << 13 | 10);
	kfree_skb(skb);
	/* another EtherType for tags, both ways */
	p = ETH_P_8021AD;
	x = VLAN_ENCAP_FROM_FILTER;
	KUNIT_ASSERT_EQ(test, t_msg(test, v.id, NGM_VLAN_COOKIE,
				    NGM_VLAN_SET_ENCAP, &x, 4, NULL), 0);
	KUNIT_ASSERT_EQ(test, t_msg(test, v.id, NGM_VLAN_COOKIE,
				    NGM_VLAN_SET_ENCAP_PROTO, &p, 2, NULL), 0);
	KUNIT_EXPECT_EQ(test, t_vl_send(test, v.id, "v20", t_vl_skb(test, 0, 0)), 0);
	t_vl_expect_free(test, v.down, ETH_P_8021AD, 1 << 12 | 20);
	KUNIT_EXPECT_EQ(test, t_vl_send(test, v.id, "downstream",
					t_vl_skb(test, ETH_P_8021AD, 20)), 0);
	t_vl_expect_free(test, v.v20, 0, 0);
	KUNIT_EXPECT_EQ(test, t_vl_send(test, v.id, "downstream",
					t_vl_skb(test, ETH_P_8021Q, 20)), 0);
	skb = t_vl_expect(test, v.nomatch, ETH_P_8021Q, 20);
	kfree_skb(skb);
	t_vl_none(test, &v);
}

static void ng_vlan_test_msgs(struct kunit *test)
{
	struct ng_vlan_filter vf;
	struct ng_vlan_table tab;
	char hook[NG_HOOKSIZ] = "v20";
	struct t_sink *v30;
	struct t_reply rep;
	struct t_vl v;
	u16 vid;
	u32 x;

	t_vl_make(test, &v);
	KUNIT_ASSERT_EQ(test, t_msg(test, v.id, NGM_VLAN_COOKIE,
				    NGM_VLAN_GET_TABLE, NULL, 0, &rep), 0);
	memcpy(&tab, rep.data, sizeof(tab));
	KUNIT_ASSERT_EQ(test, tab.n, 2U);
	KUNIT_ASSERT_EQ(test, rep.hdr.arglen, (u32)(sizeof(tab) + 2 * sizeof(vf)));
	memcpy(&vf, rep.data + sizeof(tab), sizeof(vf));
	KUNIT_EXPECT_STREQ(test, vf.hook_name, "v10");
	KUNIT_EXPECT_EQ(test, vf.vid, 10);
	KUNIT_EXPECT_EQ(test, vf.vlan, 10);
	KUNIT_EXPECT_EQ(test, vf.pcp, 3);
	memcpy(&vf, rep.data + sizeof(tab) + sizeof(vf), sizeof(vf));
	KUNIT_EXPECT_STREQ(test, vf.hook_name, "v20");
	KUNIT_EXPECT_EQ(test, vf.cfi, 1);

	KUNIT_ASSERT_EQ(test, t_msg(test, v.id, NGM_VLAN_COOKIE,
				    NGM_VLAN_GET_ENCAP, NULL, 0, &rep), 0);
	memcpy(&x, rep.data, 4);
	KUNIT_EXPECT_EQ(test, x, (u32)VLAN_ENCAP_FROM_FILTER);
	KUNIT_ASSERT_EQ(test, t_msg(test, v.id, NGM_VLAN_COOKIE,
				    NGM_VLAN_GET_ENCAP_PROTO, NULL, 0, &rep), 0);
	KUNIT_EXPECT_EQ(test, rep.hdr.arglen, 2U);
	memcpy(&vid, rep.data, 2);
	KUNIT_EXPECT_EQ(test, vid, (u16)ETH_P_8021Q);

	/* errors */
	v30 = t_sink_on(test, v.id, "v30");
	KUNIT_ASSERT_EQ(test, t_vl_filter(test, v.id, "v30", 0, 4096, 0, 0), -EINVAL);
	KUNIT_ASSERT_EQ(test, t_vl_filter(test, v.id, "v30", 0, 30, 8, 0), -EINVAL);
	KUNIT_ASSERT_EQ(test, t_vl_filter(test, v.id, "v30", 0, 30, 0, 2), -EINVAL);
	KUNIT_ASSERT_EQ(test, t_vl_filter(test, v.id, "v30", 31, 30, 0, 0), -EINVAL);
	KUNIT_ASSERT_EQ(test, t_vl_filter(test, v.id, "v40", 0, 40, 0, 0), -ENOENT);
	KUNIT_ASSERT_EQ(test, t_vl_filter(test, v.id, "nomatch", 0, 40, 0, 0), -EINVAL);
	KUNIT_ASSERT_EQ(test, t_vl_filter(test, v.id, "v10", 0, 40, 0, 0), -EEXIST);
	KUNIT_ASSERT_EQ(test, t_vl_filter(test, v.id, "v30", 0, 10, 0, 0), -EEXIST);
	/* the old field name alone */
	KUNIT_ASSERT_EQ(test, t_vl_filter(test, v.id, "v30", 30, 0, 0, 0), 0);
	KUNIT_EXPECT_EQ(test, t_vl_send(test, v.id, "downstream",
					t_vl_skb(test, ETH_P_8021Q, 30)), 0);
	t_vl_expect_free(test, v30, 0, 0);

	/* delete by hook, by VID */
	KUNIT_EXPECT_EQ(test, t_msg(test, v.id, NGM_VLAN_COOKIE,
				    NGM_VLAN_DEL_FILTER, hook, sizeof(hook),
				    NULL), 0);
	t_msg_fails(test, v.id, NGM_VLAN_COOKIE, NGM_VLAN_DEL_FILTER, hook,
		    sizeof(hook), -ENOENT);
	t_msg_fails(test, v.id, NGM_VLAN_COOKIE, NGM_VLAN_DEL_FILTER, hook, 4,
		    -EINVAL);
	vid = 10;
	KUNIT_EXPECT_EQ(test, t_msg(test, v.id, NGM_VLAN_COOKIE,
				    NGM_VLAN_DEL_VID_FLT, &vid, 2, NULL), 0);
	t_msg_fails(test, v.id, NGM_VLAN_COOKIE, NGM_VLAN_DEL_VID_FLT, &vid, 2,
		    -ENOENT);
	vid = 5000;
	t_msg_fails(test, v.id, NGM_VLAN_COOKIE, NGM_VLAN_DEL_VID_FLT, &vid, 2,
		    -EINVAL);
	/* a hook without a filter may not send */
	KUNIT_EXPECT_EQ(test, t_vl_send(test, v.id, "v10", t_vl_skb(test, 0, 0)),
			-EOPNOTSUPP);
	/* VLAN 10 now goes to nomatch */
	KUNIT_EXPECT_EQ(test, t_vl_send(test, v.id, "downstream",
					t_vl_skb(test, ETH_P_8021Q, 10)), 0);
	t_vl_expect_free(test, v.nomatch, ETH_P_8021Q, 10);
	/* runts */
	KUNIT_EXPECT_EQ(test, t_inject(test, v.id, "downstream", 13, 0), -EINVAL);
	{
		struct sk_buff *skb = t_vl_skb(test, ETH_P_8021Q, 30);

		skb_trim(skb, 17);
		KUNIT_EXPECT_EQ(test, t_vl_send(test, v.id, "downstream", skb),
				-EINVAL);
	}
	t_msg_fails(test, v.id, NGM_VLAN_COOKIE, NGM_VLAN_SET_DECAP, &x, 2,
		    -EINVAL);
	vid = 0x05dc;	/* a length, not an EtherType */
	t_msg_fails(test, v.id, NGM_VLAN_COOKIE, NGM_VLAN_SET_ENCAP_PROTO,
		    &vid, 2, -EINVAL);
	t_msg_fails(test, v.id, NGM_VLAN_COOKIE, 77, NULL, 0, -EINVAL);
}

static void ng_vlan_test_flow(struct kunit *test)
{
	char path[T_PATHLEN];
	struct t_vl v;

	t_vl_make(test, &v);
	/* link news from downstream reach every filter's hook */
	snprintf(path, sizeof(path), "[%x]:in", v.down->id);
	KUNIT_EXPECT_EQ(test, t_msg_path(test, path, NGM_FLOW_COOKIE,
					 NGM_LINK_IS_DOWN, NULL, 0, NULL, NULL), 0);
	KUNIT_EXPECT_TRUE(test, t_wait_count(&v.v10->linkdown, 1));
	KUNIT_EXPECT_TRUE(test, t_wait_count(&v.v20->linkdown, 1));
	KUNIT_EXPECT_EQ(test, atomic_read(&v.nomatch->linkdown), 0);
	/* from elsewhere they stop here */
	snprintf(path, sizeof(path), "[%x]:in", v.v10->id);
	KUNIT_EXPECT_EQ(test, t_msg_path(test, path, NGM_FLOW_COOKIE,
					 NGM_LINK_IS_UP, NULL, 0, NULL, NULL), 0);
	msleep(100);
	KUNIT_EXPECT_EQ(test, atomic_read(&v.v20->linkup), 0);
	/* and the node goes with its last hook */
	KUNIT_EXPECT_EQ(test, t_rmhook(v.id, "downstream"), 0);
	KUNIT_EXPECT_EQ(test, t_rmhook(v.id, "nomatch"), 0);
	KUNIT_EXPECT_EQ(test, t_rmhook(v.id, "v10"), 0);
	KUNIT_EXPECT_TRUE(test, t_alive(v.id, NULL));
	KUNIT_EXPECT_EQ(test, t_rmhook(v.id, "v20"), 0);
	KUNIT_EXPECT_FALSE(test, t_alive(v.id, NULL));
}

/*
 * A filter's hook joined to the node's own downstream: a flow message
 * from downstream comes back with every lap, each lap copied to 100 more
 * hooks.  The message budget ends it long before the hop bound would
 * (256 laps, 25 600 copies).
 */
static void ng_vlan_test_flow_loop(struct kunit *test)
{
	char path[T_PATHLEN], h[16];
	struct t_sink *s;
	int i, last = -1;
	u32 id, sid;

	id = t_node(test, NG_VLAN_NODE_TYPE);
	sid = t_node(test, "types_sink");
	s = t_sink_find(sid);
	KUNIT_ASSERT_NOT_NULL(test, s);
	KUNIT_ASSERT_EQ(test, t_connect(id, "downstream", id, "f"), 0);
	KUNIT_ASSERT_EQ(test, t_vl_filter(test, id, "f", 0, 1, 0, 0), 0);
	for (i = 0; i < 100; i++) {
		snprintf(h, sizeof(h), "h%d", i);
		KUNIT_ASSERT_EQ(test, t_connect(id, h, sid, h), 0);
		KUNIT_ASSERT_EQ(test, t_vl_filter(test, id, h, 0, 2 + i, 0, 0), 0);
	}
	snprintf(path, sizeof(path), "[%x]:f", id);
	KUNIT_EXPECT_EQ(test, t_msg_path(test, path, NGM_FLOW_COOKIE,
					 NGM_LINK_IS_DOWN, NULL, 0, NULL, NULL), 0);
	/* until nothing more arrives for half a second (at most 60 s) */
	for (i = 0; i < 120 && atomic_read(&s->linkdown) != last; i++) {
		last = atomic_read(&s->linkdown);
		msleep(500);
	}
	KUNIT_EXPECT_GE(test, atomic_read(&s->linkdown), 100);
	KUNIT_EXPECT_LE(test, atomic_read(&s->linkdown), NG_MSG_BUDGET);
}

static struct kunit_case ng_vlan_cases[] = {
	KUNIT_CASE(ng_vlan_test_demux),
	KUNIT_CASE(ng_vlan_test_oob),
	KUNIT_CASE(ng_vlan_test_msgs),
	KUNIT_CASE(ng_vlan_test_flow),
	T_CASE_SLOW(ng_vlan_test_flow_loop),
	{}
};

static struct kunit_suite ng_vlan_suite = {
	.name = "ng_vlan",
	.suite_init = t_suite_init,
	.suite_exit = t_suite_exit,
	.init = t_init,
	.exit = t_exit,
	.test_cases = ng_vlan_cases,
};

kunit_test_suites(&ng_echo_suite, &ng_hole_suite, &ng_tee_suite,
		  &ng_hub_suite, &ng_one2many_suite, &ng_bridge_suite,
		  &ng_vlan_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests of the netgraph base node types");
